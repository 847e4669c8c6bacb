-- Records that belong to another record (in-room entries and the reflection belong to their
-- consultation). The parent's id is in the clear; the sealed value names it too, and the two
-- are checked against each other on every read.
ALTER TABLE records ADD COLUMN parent_id TEXT;
CREATE INDEX records_by_parent ON records(owner_id, parent_id, kind, created_at);
