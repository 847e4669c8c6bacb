-- Foundation: accounts, sessions, sealed records, sign-in throttling.
-- Times are Unix milliseconds (UTC). Ids are UUID text, as on SQLite, so one code path serves both.

CREATE TABLE instance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    wrapped_key BYTEA NOT NULL,
    role TEXT NOT NULL DEFAULT 'member',
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    sealed BYTEA NOT NULL
);
CREATE INDEX records_by_owner_kind ON records(owner_id, kind, created_at);

CREATE TABLE sign_in_failures (
    id BIGSERIAL PRIMARY KEY,
    account TEXT NOT NULL,
    client TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_account ON sign_in_failures(account, at);
CREATE INDEX sign_in_failures_by_client ON sign_in_failures(client, at);
