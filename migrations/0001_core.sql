-- Why: the platform's spine — agencies, users, sessions, categories, the holiday calendar,
-- cases with their append-only events, hand-overs and contacts, complainant identities kept
-- apart and encrypted, and the hash-chained audit log. Identical on PGlite and PostgreSQL.

-- Refuses UPDATE and DELETE on tables that must only grow (events, audit).
CREATE FUNCTION rongthuk_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;

-- One row about this installation. data_key_check is a keyed hash of a constant: an app
-- process started with another data key than the one the data was written with refuses to run.
CREATE TABLE installation (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  data_key_check text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Provinces, districts and subdistricts with the Interior Ministry (DOPA) codes.
CREATE TABLE admin_areas (
  code text PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('province', 'district', 'subdistrict')),
  parent_code text REFERENCES admin_areas (code),
  name_th text NOT NULL,
  name_en text NOT NULL,
  lat double precision,
  lon double precision,
  postcode text
);
CREATE INDEX admin_areas_parent_idx ON admin_areas (parent_code);

-- หน่วยงาน: the agency tree. `path` is the chain of ids from the root ('/a/b/c/'), so a
-- subtree is a prefix match, served by the text_pattern_ops index.
CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  parent_id uuid REFERENCES agencies (id),
  path text NOT NULL,
  depth integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('hub', 'ministry', 'department', 'province', 'district', 'local', 'state_enterprise', 'independent')),
  name_th text NOT NULL,
  name_en text NOT NULL,
  area_codes text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_path_idx ON agencies (path text_pattern_ops);
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  email text,
  agency_id uuid NOT NULL REFERENCES agencies (id),
  role text NOT NULL CHECK (role IN ('intake_officer', 'case_officer', 'supervisor', 'cceo', 'agency_admin', 'system_admin')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_agency_idx ON users (agency_id);

-- Sessions live in the database so that any number of stateless app processes serve them.
-- Only a hash of the token is kept: a leaked table gives no usable session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

CREATE TABLE categories (
  code text PRIMARY KEY,
  parent_code text REFERENCES categories (code),
  name_th text NOT NULL,
  name_en text NOT NULL,
  sensitive boolean NOT NULL DEFAULT false,
  aliases text[] NOT NULL DEFAULT '{}',
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true
);

-- Days government offices are closed besides weekends. agency_id NULL: national calendar;
-- otherwise a local day that applies to that agency and the agencies below it.
CREATE TABLE holidays (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day date NOT NULL,
  name text NOT NULL,
  agency_id uuid REFERENCES agencies (id)
);
CREATE UNIQUE INDEX holidays_national_day_idx ON holidays (day) WHERE agency_id IS NULL;
CREATE UNIQUE INDEX holidays_agency_day_idx ON holidays (agency_id, day) WHERE agency_id IS NOT NULL;

-- ผู้ร้อง: the complainant's identity, apart from the case and encrypted by the application
-- (AES-256-GCM). The keyed hashes (HMAC) find cases by phone, national ID or e-mail without
-- decrypting anything.
CREATE TABLE complainants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identity_ciphertext text NOT NULL,
  phone_hash text,
  national_id_hash text,
  email_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complainants_phone_idx ON complainants (phone_hash);
CREATE INDEX complainants_national_id_idx ON complainants (national_id_hash);
CREATE INDEX complainants_email_idx ON complainants (email_hash);

-- เรื่อง: the current projection of a case; its history is case_events.
CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code text NOT NULL UNIQUE,
  access_key_hash text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'mobile_app', 'line', 'facebook', 'email', 'hotline', 'counter', 'post', 'suggestion_box', 'partner')),
  status text NOT NULL CHECK (status IN ('received', 'screening', 'assigned', 'in_progress', 'awaiting_info', 'resolved', 'closed', 'rejected', 'merged')),
  title text,
  description text NOT NULL,
  category_code text REFERENCES categories (code),
  sensitive boolean NOT NULL DEFAULT false,
  province_code text REFERENCES admin_areas (code),
  district_code text REFERENCES admin_areas (code),
  subdistrict_code text REFERENCES admin_areas (code),
  address text,
  lat double precision,
  lon double precision,
  complainant_id uuid REFERENCES complainants (id),
  anonymous boolean NOT NULL DEFAULT false,
  confidential boolean NOT NULL DEFAULT false,
  receiving_agency_id uuid NOT NULL REFERENCES agencies (id),
  holder_agency_id uuid NOT NULL REFERENCES agencies (id),
  received_at timestamptz NOT NULL,
  due_date date NOT NULL,
  result text,
  resolved_at timestamptz,
  closed_at timestamptz,
  merged_into_case_id uuid REFERENCES cases (id),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  search_terms text[] NOT NULL DEFAULT '{}',
  created_by_user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Lists are keyset-paginated on (received_at, id), newest first, within a holder scope.
CREATE INDEX cases_holder_received_idx ON cases (holder_agency_id, received_at DESC, id DESC);
CREATE INDEX cases_received_idx ON cases (received_at DESC, id DESC);
CREATE INDEX cases_status_idx ON cases (status);
CREATE INDEX cases_open_due_idx ON cases (due_date) WHERE status NOT IN ('resolved', 'closed', 'rejected', 'merged');
CREATE INDEX cases_province_idx ON cases (province_code);
CREATE INDEX cases_category_idx ON cases (category_code);
CREATE INDEX cases_complainant_idx ON cases (complainant_id);
-- Thai full-text search: words segmented by Intl.Segmenter in the application.
CREATE INDEX cases_search_terms_idx ON cases USING gin (search_terms);

CREATE TABLE case_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('public', 'internal')),
  actor_user_id uuid REFERENCES users (id),
  actor_agency_id uuid REFERENCES agencies (id),
  status_before text,
  status_after text,
  payload jsonb NOT NULL DEFAULT '{}',
  UNIQUE (case_id, seq)
);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION rongthuk_forbid_change();
-- Row triggers do not fire on TRUNCATE: refuse it per statement.
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION rongthuk_forbid_change();

-- Every hand-over of a case between agencies: who, when, why.
CREATE TABLE case_handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('assign', 'forward', 'return')),
  from_agency_id uuid NOT NULL REFERENCES agencies (id),
  to_agency_id uuid NOT NULL REFERENCES agencies (id),
  by_user_id uuid REFERENCES users (id),
  at timestamptz NOT NULL,
  reason text
);
CREATE INDEX case_handovers_case_idx ON case_handovers (case_id, at);

-- Each time a citizen reaches out about a case: the first filing and every follow-up, so
-- reports count contacts and cases apart.
CREATE TABLE case_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL,
  channel text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('initial', 'follow_up')),
  recorded_by_user_id uuid REFERENCES users (id)
);
CREATE INDEX case_contacts_case_idx ON case_contacts (case_id);
CREATE INDEX case_contacts_at_idx ON case_contacts (at);

CREATE TABLE case_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text,
  reopened boolean NOT NULL
);
CREATE INDEX case_feedback_case_idx ON case_feedback (case_id);

-- Append-only, hash-chained: each record's hash covers its content and the previous hash.
-- The single-row head serialises appends so the chain never forks under concurrency.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION rongthuk_forbid_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION rongthuk_forbid_change();

CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (singleton, seq, hash)
  VALUES (true, 0, '0000000000000000000000000000000000000000000000000000000000000000');
