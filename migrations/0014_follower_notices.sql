-- Why: the agencies that follow a case (sent it on) are told when it is resolved, returned or overdue where it is held, as notifications of their own kinds.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('assigned', 'due_soon', 'overdue', 'escalated', 'progress_reminder', 'followed_up', 'following_resolved', 'following_returned', 'following_overdue'));
