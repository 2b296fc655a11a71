-- Why: every office publishes a periodic report of the complaints it received (รายงานผลการ
-- ดำเนินงานเรื่องร้องเรียน, issue 14) for the integrity and transparency assessment (ITA). An
-- officer drafts it, the head of the agency approves it or sends it back, then it is published.
-- The figures are computed from the cases and kept in the row; once approved the row is frozen
-- (figures and texts as they were approved): a correction is a new version of the same agency
-- and period that says what changed. No personal data is stored here: only counts.
CREATE TABLE complaint_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  period_kind text NOT NULL CHECK (period_kind IN ('fiscal_year', 'quarter', 'custom')),
  -- The Buddhist-era fiscal year (FY2569 = 1 Oct 2025 – 30 Sep 2026) and quarter, when the period is one.
  fiscal_year integer,
  quarter integer CHECK (quarter BETWEEN 1 AND 4),
  -- Bangkok dates, both included.
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  version integer NOT NULL DEFAULT 1,
  -- What a new version changed (null for the first).
  change_note text,
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'sent_back', 'approved', 'published')),
  figures jsonb NOT NULL,
  -- The editable texts: background, analysis, problems and obstacles, recommendations.
  texts jsonb NOT NULL,
  -- The head's comment when the report was sent back (the latest one).
  review_comment text,
  figures_computed_at timestamptz NOT NULL,
  created_by_user_id uuid NOT NULL REFERENCES users (id),
  submitted_by_user_id uuid REFERENCES users (id),
  submitted_at timestamptz,
  approved_by_user_id uuid REFERENCES users (id),
  approved_at timestamptz,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, period_from, period_to, version)
);
CREATE INDEX complaint_reports_agency_idx ON complaint_reports (agency_id, period_from DESC);
-- The figures are counted over the cases an agency received in a period.
CREATE INDEX cases_receiving_received_idx ON cases (receiving_agency_id, received_at);
