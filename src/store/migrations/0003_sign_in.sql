-- Sign-in: a password hash on each account and the sessions signed-in people hold.
-- The hash is an encoded argon2id string (salt and work factors inside it); NULL means
-- the account cannot sign in with a password yet. A session is stored under the digest
-- of its token, never the token, so a copy of the database opens no one's session.
-- Times are seconds since 1970 (UTC): the idle and absolute timeouts compare them.
ALTER TABLE user_account ADD COLUMN password_hash TEXT;

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    token_digest TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    csrf TEXT NOT NULL,
    created BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    ended BIGINT  -- signed out, timed out or revoked; NULL while the session lives
);
CREATE INDEX "session_user" ON session(user_id) WHERE ended IS NULL;
