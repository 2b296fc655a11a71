-- Why: triage that helps people decide and says why. Each new case gets the classifier's
-- prediction (with its model version), routing suggestions and a decision — assigned by rule
-- or sent to a person — kept with it; people's corrections become training data; near-duplicate
-- complaints are found through MinHash bands and linked for screening.

-- MinHash signature of the case's redacted text (src/shared/similarity.ts) and its LSH band
-- keys, scoped by province: cases sharing a key are candidate duplicates.
ALTER TABLE cases ADD COLUMN text_signature integer[];
ALTER TABLE cases ADD COLUMN text_bands integer[] NOT NULL DEFAULT '{}';
CREATE INDEX cases_text_bands_idx ON cases USING gin (text_bands);

-- กฎการส่งต่อ: category × area → agency. area_code is a province or a district (NULL: anywhere);
-- the most specific rule applies. target 'agency' sends to agency_id itself; 'province_office'
-- to the agency below agency_id that serves the case's province (the provincial health office
-- under the MOPH complaint centre); 'district_office' to the one serving its district (a Bangkok
-- district office under the BMA). automatic = false: the rule is only a suggestion (drugs).
CREATE TABLE routing_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code text NOT NULL REFERENCES categories (code),
  area_code text REFERENCES admin_areas (code),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  target text NOT NULL DEFAULT 'agency' CHECK (target IN ('agency', 'province_office', 'district_office')),
  automatic boolean NOT NULL DEFAULT true,
  note text,
  created_by_user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_category_idx ON routing_rules (category_code, area_code);
CREATE UNIQUE INDEX routing_rules_scope_idx ON routing_rules (category_code, COALESCE(area_code, ''), agency_id, target);

-- The triage of a case at intake: what the model said, what was suggested, what was decided.
CREATE TABLE case_triage (
  case_id uuid PRIMARY KEY REFERENCES cases (id),
  -- NULL when classification is off.
  model_version text,
  predicted_label text,
  predicted_category_code text REFERENCES categories (code),
  confidence double precision,
  top_words jsonb NOT NULL DEFAULT '[]',
  -- Terms of a sensitive category found in the text (drugs, corruption…): a person decides.
  sensitive_terms jsonb NOT NULL DEFAULT '[]',
  suggestions jsonb NOT NULL DEFAULT '[]',
  -- The agency triage proposed: the rule's when assigned automatically, else the top suggestion.
  proposed_agency_code text,
  decision text NOT NULL CHECK (decision IN ('auto_assigned', 'screening')),
  -- Why a person must decide (codes), empty when assigned automatically.
  reasons jsonb NOT NULL DEFAULT '[]',
  rule_id uuid REFERENCES routing_rules (id) ON DELETE SET NULL,
  decided_at timestamptz NOT NULL
);

-- A person chose another category or agency than triage proposed: training data.
CREATE TABLE triage_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  field text NOT NULL CHECK (field IN ('category', 'agency')),
  -- Category code or agency code that triage proposed (NULL: it proposed none).
  proposed text,
  corrected text NOT NULL,
  model_version text,
  user_id uuid REFERENCES users (id),
  at timestamptz NOT NULL
);
CREATE INDEX triage_corrections_at_idx ON triage_corrections (at, id);

-- เรื่องซ้ำ: possible duplicates found at intake, for a person to merge or leave.
CREATE TABLE case_duplicate_links (
  case_id uuid NOT NULL REFERENCES cases (id),
  other_case_id uuid NOT NULL REFERENCES cases (id),
  reason text NOT NULL CHECK (reason IN ('same_complainant', 'similar_text')),
  similarity double precision NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, other_case_id)
);
CREATE INDEX case_duplicate_links_other_idx ON case_duplicate_links (other_case_id);

-- Cases merged into a case: looked up for every notice of its progress (merged complainants hear
-- of it too), so only the few merged rows are indexed.
CREATE INDEX cases_merged_into_idx ON cases (merged_into_case_id) WHERE merged_into_case_id IS NOT NULL;
