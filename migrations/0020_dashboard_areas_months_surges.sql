-- Why: the dashboard (issue 14) shows Bangkok by district and watches each category and district
-- for a surge, so the daily counters gain the district (a 4-digit DOPA code, '' for none). A
-- year's figures must read in milliseconds at a national hub's millions of cases, so each counter
-- is kept also per month: a period reads its whole months from dashboard_monthly and only the
-- days at its edges from dashboard_daily. Every case is counted again (the stored contributions
-- lack the district): the rollups are emptied here and the application recounts them when it
-- applies this migration (app.ts), as it did for 0018.
TRUNCATE dashboard_case_facts, dashboard_daily, dashboard_open;

ALTER TABLE dashboard_daily ADD COLUMN district_code text NOT NULL DEFAULT '';
ALTER TABLE dashboard_daily DROP CONSTRAINT dashboard_daily_pkey;
ALTER TABLE dashboard_daily ADD PRIMARY KEY (agency_id, day, metric, category_code, channel, province_code, district_code, bucket);

-- The same counters as dashboard_daily, summed by calendar month (`month` is its first day).
CREATE TABLE dashboard_monthly (
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  metric text NOT NULL,
  category_code text NOT NULL,
  channel text NOT NULL,
  province_code text NOT NULL,
  district_code text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (agency_id, month, metric, category_code, channel, province_code, district_code, bucket)
);

-- ปริมาณเรื่องพุ่งสูงผิดปกติ: a category or district whose complaints in the last seven days are far
-- above its own baseline (the weeks before), within an agency's subtree. One row per agency,
-- dimension, key and week: its CCEOs are told once, and the dashboard lists the row.
CREATE TABLE dashboard_surges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  dimension text NOT NULL CHECK (dimension IN ('category', 'district')),
  key text NOT NULL,
  -- The first day of the seven days counted (Bangkok date).
  week_from date NOT NULL,
  count integer NOT NULL,
  -- The weekly average over the baseline weeks.
  baseline numeric NOT NULL,
  detected_at timestamptz NOT NULL,
  UNIQUE (agency_id, dimension, key, week_from)
);
CREATE INDEX dashboard_surges_recent_idx ON dashboard_surges (agency_id, week_from DESC);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'overdue', 'escalated', 'progress_reminder', 'followed_up', 'following_resolved', 'following_returned', 'following_overdue', 'surge'));
