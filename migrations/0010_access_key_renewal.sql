-- Why: a citizen who loses the access key had no way back. A new key mailed to the contact
-- given at filing waits here (only its hash) until it is first used: then it replaces the
-- old key, so a stranger who knows only a tracking code cannot lock the citizen out. A newer
-- request replaces a pending key; counter staff issuing a key clear it.
ALTER TABLE cases ADD COLUMN pending_access_key_hash text;
