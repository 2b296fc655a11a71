-- Why: closing takes the citizen's voice away. After a case is resolved the citizen has a
-- confirmation window (ระยะยืนยันผล, RONGTHUK_CONFIRMATION_BUSINESS_DAYS business days) to
-- accept, rate or ask for a reopening; then a job closes the case. confirmation_until is
-- the last Bangkok day of that window, set at each resolution.

ALTER TABLE cases ADD COLUMN confirmation_until date;

-- Cases resolved before windows existed get one of about 7 business days (9 calendar days)
-- from their resolution or from the upgrade, whichever is later, so an upgrade neither closes
-- them at once nor keeps them for ever.
UPDATE cases
  SET confirmation_until = GREATEST((resolved_at AT TIME ZONE 'Asia/Bangkok')::date, (now() AT TIME ZONE 'Asia/Bangkok')::date) + 9
  WHERE status = 'resolved' AND resolved_at IS NOT NULL;

-- The sweep finds the resolved cases whose window has ended.
CREATE INDEX cases_confirmation_until_idx ON cases (confirmation_until) WHERE status = 'resolved';
