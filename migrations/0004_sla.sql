-- Why: deadlines you can defend. SLA policies by category and agency (target, due-soon
-- warning, progress-update interval, statutory deadlines, extension limit), and on each case
-- the deadline's parts kept apart so it can be explained and recomputed: the clock pauses
-- while awaiting the citizen, extensions carry a reason, and timers fire once per deadline.

CREATE TABLE sla_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL: any category / any agency. The most specific policy wins.
  category_code text REFERENCES categories (code),
  agency_id uuid REFERENCES agencies (id),
  target_business_days integer NOT NULL CHECK (target_business_days BETWEEN 1 AND 365),
  due_soon_business_days integer NOT NULL DEFAULT 3 CHECK (due_soon_business_days BETWEEN 0 AND 60),
  progress_interval_business_days integer NOT NULL DEFAULT 7 CHECK (progress_interval_business_days BETWEEN 1 AND 60),
  -- A law fixes the deadline: no extension may go past it.
  statutory_business_days integer CHECK (statutory_business_days BETWEEN 1 AND 730),
  legal_basis text,
  -- Extensions up to this many business days in all may be granted by the case officer;
  -- beyond, only a supervisor.
  extension_limit_business_days integer NOT NULL DEFAULT 15 CHECK (extension_limit_business_days BETWEEN 0 AND 365),
  -- Business days an overdue case waits at the supervisor before going to the CCEO above.
  cceo_escalation_business_days integer NOT NULL DEFAULT 5 CHECK (cceo_escalation_business_days BETWEEN 0 AND 60),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sla_policies_scope_idx ON sla_policies (
  COALESCE(category_code, ''), COALESCE(agency_id, '00000000-0000-0000-0000-000000000000'::uuid)
);

-- The default: a general complaint within 15 business days (Cabinet rules).
INSERT INTO sla_policies (category_code, agency_id, target_business_days) VALUES (NULL, NULL, 15);

ALTER TABLE cases
  -- A removed policy leaves its cases their copied target; they keep their deadlines.
  ADD COLUMN sla_policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
  ADD COLUMN target_business_days integer NOT NULL DEFAULT 15,
  -- Business days the clock stood still while awaiting the citizen, and granted by extensions.
  ADD COLUMN paused_business_days integer NOT NULL DEFAULT 0,
  ADD COLUMN extended_business_days integer NOT NULL DEFAULT 0,
  ADD COLUMN paused_at timestamptz,
  -- From this day the case is due soon; the public progress update is due by progress_due_on.
  ADD COLUMN due_soon_from date,
  ADD COLUMN progress_due_on date,
  ADD COLUMN sla_state text NOT NULL DEFAULT 'on_track'
    CHECK (sla_state IN ('on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed')),
  -- Timers fire once per deadline: each remembers the due date (or progress date) it fired for.
  ADD COLUMN due_soon_reminded_for date,
  ADD COLUMN escalated_for date,
  ADD COLUMN escalated_on date,
  -- The day the CCEO above is told, set when the supervisor is: escalated_on plus the policy's days.
  ADD COLUMN cceo_escalation_due_on date,
  ADD COLUMN cceo_escalated_for date,
  ADD COLUMN progress_reminded_for date;

UPDATE cases SET due_soon_from = due_date, progress_due_on = due_date WHERE due_soon_from IS NULL;

CREATE INDEX cases_sla_state_idx ON cases (sla_state) WHERE sla_state IN ('due_soon', 'overdue');
