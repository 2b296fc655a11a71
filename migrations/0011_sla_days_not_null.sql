-- Why: every case has had its due-soon day and its progress day since 0004 (back-filled there,
-- set by every write since), and the application reads them as always present. The database
-- says so too, so that a row written another way cannot break every read of its case.
UPDATE cases SET due_soon_from = due_date WHERE due_soon_from IS NULL;
UPDATE cases SET progress_due_on = due_date WHERE progress_due_on IS NULL;
ALTER TABLE cases ALTER COLUMN due_soon_from SET NOT NULL, ALTER COLUMN progress_due_on SET NOT NULL;
