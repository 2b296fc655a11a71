-- Why: migrations 0020 and 0021 empty the dashboard's rollups, to be counted again from the
-- cases before the application serves. Counting a large installation takes a while, and a start
-- may be interrupted meanwhile; so one row says whether the rollups need counting. Every start
-- reads it (cheap) and counts what is uncounted (app.ts), and a start interrupted while counting
-- finishes the count at the next one. Set here because the migrations before emptied them.
TRUNCATE dashboard_case_facts, dashboard_daily, dashboard_monthly, dashboard_scope_daily, dashboard_scope_monthly, dashboard_open;

CREATE TABLE dashboard_rollup_state (
  id integer PRIMARY KEY CHECK (id = 1),
  recount_needed boolean NOT NULL
);
INSERT INTO dashboard_rollup_state (id, recount_needed) VALUES (1, true);
