-- Why: citizens file, follow and rate complaints in the chat apps they already use (issue 15):
-- an agency's LINE official account or Facebook page is one of its channels (agency_channels),
-- and its credentials (LINE channel secret and access token; Facebook app secret, page token and
-- verify token) are kept encrypted like identities, never in clear. Each person who writes to an
-- account has one conversation (its step and draft, encrypted: they hold complaint text and
-- contact details); their LINE or Facebook user id is personal data, stored encrypted with a
-- keyed hash to find it again. The cases they filed are linked to them, so they can follow them
-- in the chat and be told of their progress there. A delivery is recorded by the id the
-- platform gives it, so a webhook the platform sends again creates nothing twice.
CREATE TABLE chat_accounts (
  agency_channel_id uuid PRIMARY KEY REFERENCES agency_channels (id),
  provider text NOT NULL CHECK (provider IN ('line', 'facebook')),
  -- The credentials, encrypted JSON bound to the channel id.
  secrets text NOT NULL,
  -- Where the platform's API answers; null: its public address. Tests name a local fake.
  api_base text,
  updated_at timestamptz NOT NULL
);

CREATE TABLE chat_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_channel_id uuid NOT NULL REFERENCES chat_accounts (agency_channel_id),
  -- Keyed hash of the platform's user id (LINE userId, Facebook page-scoped id).
  user_hash text NOT NULL,
  -- The user id itself, encrypted: pushes go to it.
  user_ciphertext text NOT NULL,
  -- The conversation (step and draft), encrypted; null when none is open.
  state_ciphertext text,
  last_message_at timestamptz NOT NULL,
  UNIQUE (agency_channel_id, user_hash)
);

CREATE TABLE chat_cases (
  case_id uuid PRIMARY KEY REFERENCES cases (id),
  chat_user_id uuid NOT NULL REFERENCES chat_users (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX chat_cases_user_idx ON chat_cases (chat_user_id, created_at);

CREATE TABLE chat_deliveries (
  agency_channel_id uuid NOT NULL REFERENCES chat_accounts (agency_channel_id),
  -- LINE's webhookEventId, Facebook's message id.
  event_id text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (agency_channel_id, event_id)
);
