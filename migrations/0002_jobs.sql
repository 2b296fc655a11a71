-- Why: background work (notifications, SLA timers, escalations) needs a queue that cannot
-- disagree with the data. A job row is inserted in the transaction of the change that causes
-- it (a transactional outbox), so it exists exactly when that change commits, and no broker
-- has to run next to the database. Workers in any number of processes claim due jobs with
-- FOR UPDATE SKIP LOCKED; the same table works on PGlite and PostgreSQL.

CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL,
  payload jsonb NOT NULL DEFAULT 'null',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
  -- When the job is due. '-infinity' (the default) means at once, whatever the clock of the
  -- worker that looks: app servers drift, and tests pin their clocks in the past.
  run_at timestamptz NOT NULL DEFAULT '-infinity',
  -- Counts claims, so a job lost with a crashed worker counts as an attempt too.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- NULL: the retry policy of the job type's handler.
  max_attempts integer CHECK (max_attempts >= 1),
  last_error text,
  locked_by text,
  locked_at timestamptz,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- A second enqueue with the same key is a no-op: retried requests, several workers enqueuing
-- the same recurring job for one period.
CREATE UNIQUE INDEX jobs_idempotency_key_idx ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Claiming takes the due pending jobs in run_at order. Partial on 'pending': the done jobs
-- kept for a week and the dead ones kept for inspection never weigh on the claim, and the
-- run_at range stops the scan before jobs scheduled for later (timers weeks ahead).
CREATE INDEX jobs_claim_idx ON jobs (run_at, created_at) WHERE status = 'pending';

-- Finding jobs whose worker died (lease expired) and done jobs old enough to delete.
CREATE INDEX jobs_running_lease_idx ON jobs (locked_at) WHERE status = 'running';
CREATE INDEX jobs_done_finished_idx ON jobs (finished_at) WHERE status = 'done';
