-- A record is known by its owner and its id together. Ids are chosen by the browser (so a
-- retried form stores one record) or derived from another record's id: with one global key, one
-- person could take an id another person would need, or learn whether it exists. Now each
-- person's ids are their own.
CREATE TABLE records_by_owner (
    owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sealed BLOB NOT NULL,
    reminder_at BIGINT,
    parent_id TEXT,
    PRIMARY KEY (owner_id, id)
);
INSERT INTO records_by_owner (owner_id, id, kind, version, created_at, updated_at, sealed, reminder_at, parent_id)
    SELECT owner_id, id, kind, version, created_at, updated_at, sealed, reminder_at, parent_id
    FROM records ORDER BY owner_id, id;
DROP TABLE records;
ALTER TABLE records_by_owner RENAME TO records;
CREATE INDEX records_by_owner_kind ON records(owner_id, kind, created_at);
CREATE INDEX records_by_reminder ON records(owner_id, kind, reminder_at);
CREATE INDEX records_by_parent ON records(owner_id, parent_id, kind, created_at);
