-- Why: the inbox sorted by due date reads this index in order and pages on it, instead of sorting every case in scope.
CREATE INDEX cases_due_idx ON cases (due_date, received_at, id);
