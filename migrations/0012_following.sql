-- Why: an agency that sent a case on keeps following it (ติดตามเรื่อง) and may press the
-- holder (เร่งรัด). The holder is told of it as a notification of its own kind, and the
-- "sent on / following" inbox looks cases up by the agency that handed them over.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'overdue', 'escalated', 'progress_reminder', 'followed_up'));
CREATE INDEX case_handovers_from_agency_idx ON case_handovers (from_agency_id, case_id);
