-- Why: the dashboard lists a subtree's overdue cases, the longest overdue first. For the national
-- root the open cases' due-date index answers at once; for a district office among ten million
-- cases the database combined the status index with the holder's every case (hundreds of
-- thousands, in lossy bitmaps: 400 ms). Each holder's cases whose clock runs, by due date, answer
-- it directly; the predicate is the overdue list's own statuses (awaiting the citizen, the clock
-- stands still), so that the database needs no other index beside it.
CREATE INDEX cases_open_holder_due_idx ON cases (holder_agency_id, due_date) WHERE status IN ('received', 'screening', 'assigned', 'in_progress');
