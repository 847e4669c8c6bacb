-- Shared experiences, rebuilt so that nothing stored in the clear ties one to its author.
-- - Ids are random (the old time-ordered ids carried the moment of sharing).
-- - No times: the month it was shared (a day would narrow the author down to the people
--   active that day, on a quiet day few), and the day an operator decided on it.
-- - The author's link is no longer a record of theirs (its owner, kind and time named them):
--   `author_tag` is a keyed hash of the id that only the author's data key can make, so the
--   author can find and withdraw their own and nobody else can tell whose it is.
-- `legacy_token_hash` finds the author's old link record once, at the next start (the store
-- does it with the instance key, which SQL cannot); it is empty after that. The instance row
-- says whether that is still to do, so later starts need not look.
CREATE TABLE experiences_anonymous (
    id TEXT NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    themes TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    author_tag BYTEA,
    submitted_in TEXT NOT NULL,
    decided_on TEXT,
    legacy_token_hash TEXT
);
INSERT INTO experiences_anonymous
    (id, title, body, themes, status, reason, author_tag, submitted_in, decided_on, legacy_token_hash)
    SELECT id, title, body, themes, status, reason, NULL,
           to_char(to_timestamp(submitted_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM'),
           CASE WHEN decided_at IS NULL THEN NULL
                ELSE to_char(to_timestamp(decided_at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') END,
           token_hash
    FROM shared_experiences ORDER BY id;
DROP TABLE shared_experiences;
ALTER TABLE experiences_anonymous RENAME TO shared_experiences;
ALTER INDEX experiences_anonymous_pkey RENAME TO shared_experiences_pkey;
CREATE INDEX shared_experiences_by_status ON shared_experiences(status, submitted_in);

ALTER TABLE instance ADD COLUMN experience_links_pending BIGINT NOT NULL DEFAULT 1;
