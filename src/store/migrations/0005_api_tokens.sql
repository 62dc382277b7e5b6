-- API tokens: each lets a program act as one account through /api/v1, with that
-- account's role and scope. Stored under the digest of the token, like sessions; shown
-- once when made. Times are seconds since 1970, UTC.
CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    name TEXT NOT NULL,
    token_digest TEXT NOT NULL UNIQUE,
    created BIGINT NOT NULL,
    expires BIGINT,  -- NULL: until revoked
    revoked BIGINT
);
CREATE INDEX api_token_user ON api_token(user_id);
