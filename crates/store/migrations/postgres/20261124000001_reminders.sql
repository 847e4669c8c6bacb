-- The next reminder date of a record (an appointment's start, a deadline), in the clear as the
-- design allows, so "what is coming up" is read without opening every record.
ALTER TABLE records ADD COLUMN reminder_at BIGINT;
CREATE INDEX records_by_reminder ON records(owner_id, kind, reminder_at);
