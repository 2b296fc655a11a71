-- Why: a dashboard drilled down by one category, channel or province still summed the
-- per-holder counters of the whole subtree (seconds at the national hub with a million cases).
-- So each scope counter is also kept under each drill-down it falls in — its channel, its
-- category, its province (filter_dimension, filter_key; '' and '' for the whole scope) — monthly with every
-- breakdown, daily only the totals of cases and contacts (the trend by day). The open cases get
-- scope counters too, whole and under each drill-down: the backlog of the national hub read from
-- its own rows rather than from those of every agency under it. The per-holder counters stay
-- as they are: the next start sums the new scope counters from them set-wise (scopes_derived,
-- rollups.ts), rather than counting every case again one by one.
DROP TABLE dashboard_scope_daily;
DROP TABLE dashboard_scope_monthly;

CREATE TABLE dashboard_scope_daily (
  scope_id uuid NOT NULL REFERENCES agencies (id),
  -- '' (the whole scope), or the drill-down: channel, categoryCode, provinceCode.
  filter_dimension text NOT NULL,
  filter_key text NOT NULL,
  day date NOT NULL,
  metric text NOT NULL,
  -- 'total' (by bucket), or the dimension of a breakdown: channel, categoryCode, provinceCode, districtCode, childId.
  dimension text NOT NULL,
  key text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (scope_id, filter_dimension, filter_key, day, metric, dimension, key, bucket)
);

CREATE TABLE dashboard_scope_monthly (
  scope_id uuid NOT NULL REFERENCES agencies (id),
  filter_dimension text NOT NULL,
  filter_key text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  metric text NOT NULL,
  dimension text NOT NULL,
  key text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (scope_id, filter_dimension, filter_key, month, metric, dimension, key, bucket)
);

CREATE TABLE dashboard_scope_open (
  scope_id uuid NOT NULL REFERENCES agencies (id),
  filter_dimension text NOT NULL,
  filter_key text NOT NULL,
  status text NOT NULL,
  received_on date NOT NULL,
  due_on date NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (scope_id, filter_dimension, filter_key, status, received_on, due_on)
);

-- False until a start has summed the scope counters from the per-holder ones.
ALTER TABLE dashboard_rollup_state ADD COLUMN scopes_derived boolean NOT NULL DEFAULT true;
UPDATE dashboard_rollup_state SET scopes_derived = false WHERE id = 1;
