-- Organisations an operator imported with `heard import-directory` (the national bodies ship
-- in the binary). Public information, so not sealed. An import replaces the previous one.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    nation TEXT NOT NULL,
    area TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    address TEXT NOT NULL,
    last_checked TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);
CREATE INDEX organisations_by_nation ON organisations(nation, kind);

-- A person's private calendar feed. The token is looked up by its SHA-256; the token itself is
-- kept only sealed with the person's data key, so the settings page can show the address again
-- but a copy of the database cannot be used to read anyone's feed.
CREATE TABLE calendar_feeds (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    sealed_token BYTEA NOT NULL,
    show_details BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
