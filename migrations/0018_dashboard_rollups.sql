-- Why: the executive's dashboard (issue 14) answers from rollups kept as cases change, in the
-- transaction of each change, never by scanning every case per view. Each case's contribution
-- is kept beside it (dashboard_case_facts), so a change applies only the difference to the
-- counters, and `rongthuk rollups verify` / `rebuild` recount them all from the cases, their
-- contacts, ratings and events. A case counts where it is held now (as the case list scopes it):
-- a hand-over moves its counts to the new holder. '' stands for no category or no province, so
-- that the keys stay unique.

-- One counter per Bangkok day, holding agency, category, channel, province, measure and bucket:
-- received (cases), contact (every contact, by the contact's channel), met / missed (the case's
-- current resolution, on the day it was resolved), resolve_days (the same, bucket = business
-- days from receipt to resolution: a histogram for the median and the 90th percentile),
-- rating (bucket 1–5), reopened, extended, paused (a request for information), rejected, merged.
CREATE TABLE dashboard_daily (
  day date NOT NULL,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  metric text NOT NULL CHECK (metric IN ('received', 'contact', 'met', 'missed', 'resolve_days', 'rating', 'reopened', 'extended', 'paused', 'rejected', 'merged')),
  category_code text NOT NULL,
  channel text NOT NULL,
  province_code text NOT NULL,
  bucket integer NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (agency_id, day, metric, category_code, channel, province_code, bucket)
);

-- The open cases now, by holder, status, day received (the age, in business days, is worked out
-- when asked) and due date (overdue is a due date before today outside awaiting_info).
CREATE TABLE dashboard_open (
  agency_id uuid NOT NULL REFERENCES agencies (id),
  status text NOT NULL,
  received_on date NOT NULL,
  due_on date NOT NULL,
  category_code text NOT NULL,
  channel text NOT NULL,
  province_code text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (agency_id, status, received_on, due_on, category_code, channel, province_code)
);

-- What each case adds to the two tables above now, so the next change subtracts exactly that.
CREATE TABLE dashboard_case_facts (
  case_id uuid PRIMARY KEY REFERENCES cases (id),
  facts jsonb NOT NULL
);
