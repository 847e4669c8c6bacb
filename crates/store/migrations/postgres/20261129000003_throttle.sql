-- Limits on sign-in, registration and the like, shared by every server process. Replaces
-- sign_in_failures, which kept the names people typed in the clear: the account and the client
-- address are now keyed hashes (made with a key derived from the instance key), enough to count
-- with and useless to a copy of the database.
DROP TABLE sign_in_failures;
CREATE TABLE throttle_events (
    -- Random: lets an attempt leave itself out when it counts the others.
    id TEXT NOT NULL PRIMARY KEY,
    action TEXT NOT NULL,
    account TEXT NOT NULL,
    client TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX throttle_events_by_account ON throttle_events(action, account, at);
CREATE INDEX throttle_events_by_client ON throttle_events(action, client, at);
CREATE INDEX throttle_events_by_time ON throttle_events(at);
