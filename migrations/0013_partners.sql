-- Why: cases move to other agencies' complaint systems (issue 13). A partner is such a system:
-- where it answers, the keys its messages are signed with (a JWKS URL or the keys inline,
-- exactly one), the sharing agreement that bounds what we send it (minimum necessary by
-- default), and the agencies of our tree it serves — each served by at most one partner, so a
-- hand-over to an agency names one system to send to.
CREATE TABLE partners (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,64}$'),
  name text NOT NULL,
  base_url text NOT NULL,
  jwks_url text,
  jwks jsonb,
  identity text NOT NULL DEFAULT 'none' CHECK (identity IN ('none', 'contact', 'full')),
  text_sharing text NOT NULL DEFAULT 'redacted' CHECK (text_sharing IN ('redacted', 'full')),
  attachments boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((jwks_url IS NULL) <> (jwks IS NULL))
);

CREATE TABLE partner_agencies (
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  agency_id uuid NOT NULL UNIQUE REFERENCES agencies (id),
  PRIMARY KEY (partner_id, agency_id)
);
