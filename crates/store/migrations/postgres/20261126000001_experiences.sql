-- Experiences people chose to share. Written to be read by others, so kept in the clear, but
-- with no author: the author's link to it is a sealed record of their own, and withdrawing
-- proves authorship with a token whose SHA-256 is kept here.
CREATE TABLE shared_experiences (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- What it is about, as theme ids separated by commas.
    themes TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX shared_experiences_by_status ON shared_experiences(status, submitted_at);
