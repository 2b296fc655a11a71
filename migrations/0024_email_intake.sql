-- Why: e-mail intake (issue 15). An agency connects a mailbox that the worker polls over IMAP;
-- each new message becomes a case, a reply joins its case as the citizen's information, and a
-- message that cannot be taken in is kept for a person. The mailbox's IMAP URL holds its
-- password, so it is stored encrypted with the data key, like complainant identities.
CREATE TABLE email_mailboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- One mailbox an agency: its channel of kind 'email' says the address citizens write to.
  -- An administrator who removes that channel disconnects the mailbox (null: not polled) until
  -- it is connected again; what was taken from it stays.
  agency_id uuid NOT NULL UNIQUE REFERENCES agencies (id),
  agency_channel_id uuid REFERENCES agency_channels (id) ON DELETE SET NULL,
  -- AES-GCM of {"url": "imaps://user:password@host/"} bound to the row id (platform/crypto.ts).
  imap_url_ciphertext text NOT NULL,
  folder text NOT NULL DEFAULT 'INBOX',
  active boolean NOT NULL DEFAULT true,
  -- The last poll and why it failed (a short code, never a server's words: they may name people).
  polled_at timestamptz,
  poll_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every message taken from a mailbox, once: its UID within the folder's UIDVALIDITY, and the
-- keyed hash of its Message-ID (a copy of a message already taken is not taken again).
CREATE TABLE email_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mailbox_id uuid NOT NULL REFERENCES email_mailboxes (id),
  uid_validity bigint NOT NULL,
  uid bigint NOT NULL,
  message_id_hash text,
  -- case: a new case; message: added to a case; ignored: an automatic message; held: kept for a person.
  outcome text NOT NULL CHECK (outcome IN ('case', 'message', 'ignored', 'held')),
  -- Why it was ignored or held (a code: auto_submitted, precedence, delivery_report, no_sender…).
  reason text,
  case_id uuid REFERENCES cases (id),
  taken_at timestamptz NOT NULL,
  UNIQUE (mailbox_id, uid_validity, uid)
);
CREATE INDEX email_messages_message_id_idx ON email_messages (mailbox_id, message_id_hash);

-- The Message-IDs of a case's e-mails, received and sent (keyed hashes): a reply naming one in
-- In-Reply-To or References belongs to that case.
CREATE TABLE email_thread_ids (
  message_id_hash text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id)
);

-- A message that could not be taken in, whole and encrypted (it holds a complaint and who sent
-- it), listed for the agency's administrators until a person has dealt with it.
CREATE TABLE email_held_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email_message_id uuid NOT NULL UNIQUE REFERENCES email_messages (id),
  mailbox_id uuid NOT NULL REFERENCES email_mailboxes (id),
  reason text NOT NULL,
  size_bytes integer NOT NULL,
  -- AES-GCM of {"raw": base64 of the message as received} bound to the row id.
  raw_ciphertext text NOT NULL,
  held_at timestamptz NOT NULL,
  dealt_with_at timestamptz
);
CREATE INDEX email_held_messages_mailbox_idx ON email_held_messages (mailbox_id, held_at) WHERE dealt_with_at IS NULL;
