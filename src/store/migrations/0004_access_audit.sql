-- Who may see a child beyond their relationship to the child, which records are
-- restricted to a named few, and the audit trail of every view and change.
--
-- A grant lets one account see one child for a stated reason until it expires or is
-- revoked (a duty social worker covering, a manager from another team). A restriction
-- (a child of a staff member, a public figure, an adoption placement) narrows a record to
-- its allow-list whatever else the account has, until it is lifted; the review date is
-- when someone must look at it again.
CREATE TABLE access_grant (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    child_id INTEGER NOT NULL REFERENCES person(id),
    reason TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted TEXT NOT NULL,
    expires TEXT,  -- last day the grant holds; NULL until revoked
    revoked TEXT
);
CREATE INDEX access_grant_child ON access_grant(child_id, user_id);

CREATE TABLE restriction (
    child_id INTEGER PRIMARY KEY REFERENCES person(id),
    reason TEXT NOT NULL,      -- code from the restriction-reason set
    authoriser TEXT NOT NULL,  -- who decided (a name and role: may not be a kith user)
    review_date TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE restriction_allow (
    child_id INTEGER NOT NULL REFERENCES restriction(child_id),
    user_id INTEGER NOT NULL REFERENCES user_account(id),
    PRIMARY KEY (child_id, user_id)
);

-- One row per view, change, search, export and sign-in, written in the same transaction
-- as the change it records. Never record content: no names typed, no search terms, no
-- note text; `detail` holds counts and file names only. Each row's hash covers the row
-- and the previous row's hash, so an edited, removed or reordered row breaks the chain
-- at the first row it touched (kith audit verify). Times are seconds since 1970, UTC.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id INTEGER,  -- NULL for the command line run by the server's operator
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    child_id INTEGER,  -- NULL when no single child
    action TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_child ON audit(child_id, at);
CREATE INDEX audit_user ON audit(user_id, at);
