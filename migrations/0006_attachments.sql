-- Why: ไฟล์แนบ — photos and documents a citizen or an officer attaches to a case. The bytes
-- live in a file store (a local directory now, an S3-compatible bucket later) under a random
-- key no client chose; the row keeps what serving them safely needs: the type detected from
-- the content, a sanitised display name, size and SHA-256 (integrity, spotting the same file
-- twice), and who uploaded it, so the citizen is shown only their own uploads.

CREATE TABLE case_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  -- The event the file came with (the filing, a citizen message); NULL: attached on its own.
  event_seq integer,
  -- Its place among the files that came together (files[0], files[1]…): the order they are listed in.
  position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  storage_key text NOT NULL UNIQUE,
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by text NOT NULL CHECK (uploaded_by IN ('citizen', 'staff')),
  uploaded_by_user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (case_id, event_seq) REFERENCES case_events (case_id, seq),
  CHECK (uploaded_by = 'staff' OR uploaded_by_user_id IS NULL)
);
CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, created_at, event_seq, position);
