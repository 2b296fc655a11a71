-- Why: other apps (a city's app, a civic-tech client) file and follow complaints through
-- Open311 GeoReport v2 (issue 15). Each app is registered by an administrator and given an
-- api_key, shown once: only its hash is kept, so a leaked database does not let anyone file as
-- the app. A case filed through an app names it (cases.source_app_id), so the case page, the
-- exports and GET requests know which app it came from; its channel is the new kind
-- 'open311_app' (แอปพลิเคชันภายนอก).
CREATE TABLE open311_apps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  -- sha256 of the key; the first characters are kept apart so a list can tell keys apart.
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

ALTER TABLE cases ADD COLUMN source_app_id uuid REFERENCES open311_apps (id);
-- GET requests lists only the cases apps filed, newest first.
CREATE INDEX cases_source_app_idx ON cases (received_at DESC, id) WHERE source_app_id IS NOT NULL;

ALTER TABLE cases DROP CONSTRAINT cases_channel_check;
ALTER TABLE cases ADD CONSTRAINT cases_channel_check
  CHECK (channel IN ('web', 'mobile_app', 'line', 'facebook', 'email', 'hotline', 'counter', 'post', 'suggestion_box', 'partner', 'open311_app'));
ALTER TABLE agency_channels DROP CONSTRAINT agency_channels_kind_check;
ALTER TABLE agency_channels ADD CONSTRAINT agency_channels_kind_check
  CHECK (kind IN ('web', 'mobile_app', 'line', 'facebook', 'email', 'hotline', 'counter', 'post', 'suggestion_box', 'partner', 'open311_app'));
