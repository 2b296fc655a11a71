-- Why: a CCEO's dashboard over a whole ministry, or the national hub's, must answer in
-- milliseconds at millions of cases; summing the per-holder counters of every agency under it
-- reads a row per holder, day or month, category, channel, area and measure. So each counter is
-- also kept per scope — the holding agency and every agency above it — and per single dimension
-- (marginals): the total of each measure by bucket, and cases and contacts by channel, category,
-- province, district and by the scope's child agency that holds them. A dashboard without a
-- drill-down filter reads its own scope's rows only; one filtered by category, channel or
-- province still sums the per-holder counters. Agencies never move in the tree, so a case's
-- scopes are its holder's path. The rollups are emptied and counted again (0022, app.ts).
TRUNCATE dashboard_case_facts, dashboard_daily, dashboard_monthly, dashboard_open;

CREATE TABLE dashboard_scope_daily (
  scope_id uuid NOT NULL REFERENCES agencies (id),
  day date NOT NULL,
  metric text NOT NULL,
  -- 'total' (by bucket), or the dimension of a breakdown: channel, categoryCode, provinceCode, districtCode, childId.
  dimension text NOT NULL,
  key text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (scope_id, day, metric, dimension, key, bucket)
);

CREATE TABLE dashboard_scope_monthly (
  scope_id uuid NOT NULL REFERENCES agencies (id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  metric text NOT NULL,
  dimension text NOT NULL,
  key text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (scope_id, month, metric, dimension, key, bucket)
);
