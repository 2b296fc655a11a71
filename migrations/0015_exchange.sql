-- Why: cases move between complaint systems (issue 13). Three things are kept:
--
-- * partners.delivery: a partner is reached by its API ('api': base URL and keys), or, for an
--   agency whose system has none yet, by files ('file'): cases held for it are exported as
--   CSV and JSON and its status updates imported from CSV.
-- * case_links: a case's link to a partner system, one row per (case, partner): the case came
--   from it ('received') or went to it ('sent'). The thread (the origin instance and its case
--   reference) names the case in every message; each side numbers what it sends in the thread
--   (next_out_seq) and applies what it receives in order (last_in_seq).
-- * exchange_messages: every message sent and received, verbatim with its signature (the
--   compact JWS), for non-repudiation; an outbound one with its delivery state, an inbound one
--   with the answer given (a repeated message id answers it again).
ALTER TABLE partners ADD COLUMN delivery text NOT NULL DEFAULT 'api' CHECK (delivery IN ('api', 'file'));
ALTER TABLE partners ALTER COLUMN base_url DROP NOT NULL;
ALTER TABLE partners DROP CONSTRAINT partners_check;
ALTER TABLE partners ADD CONSTRAINT partners_reach_check CHECK (
  (delivery = 'api' AND base_url IS NOT NULL AND (jwks_url IS NULL) <> (jwks IS NULL))
  OR (delivery = 'file' AND jwks_url IS NULL AND jwks IS NULL)
);

CREATE TABLE case_links (
  case_id uuid NOT NULL REFERENCES cases (id),
  partner_id uuid NOT NULL REFERENCES partners (id),
  direction text NOT NULL CHECK (direction IN ('received', 'sent')),
  thread_origin text NOT NULL,
  thread_ref text NOT NULL,
  -- The partner's reference and tracking code of the case (a sent case's: once it answered).
  remote_reference text,
  remote_tracking_code text,
  -- Does the partner hold the case now (sent) / do we (received)? A return ends it.
  active boolean NOT NULL DEFAULT true,
  next_out_seq integer NOT NULL DEFAULT 1 CHECK (next_out_seq >= 1),
  last_in_seq integer NOT NULL DEFAULT 0 CHECK (last_in_seq >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, partner_id),
  UNIQUE (partner_id, thread_origin, thread_ref)
);

CREATE TABLE exchange_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  direction text NOT NULL CHECK (direction IN ('out', 'in')),
  message_id uuid NOT NULL,
  partner_id uuid NOT NULL REFERENCES partners (id),
  case_id uuid REFERENCES cases (id),
  type text NOT NULL,
  thread_origin text NOT NULL,
  thread_ref text NOT NULL,
  seq integer NOT NULL,
  -- The message as signed (out: the envelope; the JWS is made at each delivery attempt, with
  -- its time of sending) and as received (in: the JWS exactly as it came).
  envelope jsonb NOT NULL,
  jws text,
  -- out: queued → delivered, or failed (retrying) → dead; in: applied, or pending (waits
  -- for an earlier seq); 'exported' for a file partner's case once written to an export.
  state text NOT NULL CHECK (state IN ('queued', 'delivered', 'failed', 'dead', 'exported', 'applied', 'pending')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- out: what the partner answered (its reference of the case); in: the answer we gave.
  answer jsonb,
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  UNIQUE (direction, partner_id, message_id)
);
CREATE INDEX exchange_messages_case_idx ON exchange_messages (case_id, created_at);
CREATE INDEX exchange_messages_partner_idx ON exchange_messages (partner_id, direction, state, created_at);
CREATE INDEX exchange_messages_pending_idx ON exchange_messages (partner_id, thread_origin, thread_ref, seq) WHERE state = 'pending';
