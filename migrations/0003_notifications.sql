-- Why: staff are told in the app (and by e-mail) of assignments, deadlines coming and missed,
-- escalations and progress updates owed to citizens. A notification job may run more than
-- once (a worker dies after sending); the per-user dedupe key makes the second run a no-op,
-- and emailed_at lets a retry send only the e-mails that did not go out.

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  case_id uuid REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('assigned', 'due_soon', 'overdue', 'escalated', 'progress_reminder')),
  title text NOT NULL,
  body text NOT NULL,
  dedupe_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  emailed_at timestamptz,
  UNIQUE (user_id, dedupe_key)
);
-- A user's list, newest first, keyset-paginated on (created_at, id); the partial index serves
-- the unread filter and the unread count.
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_case_idx ON notifications (case_id);
