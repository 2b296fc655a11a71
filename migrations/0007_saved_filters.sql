-- Why: staff reopen the same inbox views every day (overdue cases of my province, waiting for
-- information…). A saved filter keeps the case-list query-string parameters as typed, checked
-- against the list's schema when saved; it is private to its owner and goes with the account.
CREATE TABLE saved_filters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  query jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
