-- Contacts (domain/contact.c): the front door's first record of a worry about a child.
-- The columns every record has, then the description's fields; dates are ISO text and
-- codes their DfE or kith code, as everywhere. test_rec checks these columns against the
-- description.
CREATE TABLE contact (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    contact_date TEXT,
    contact_time TEXT,
    source TEXT,
    contact_by TEXT,
    summary TEXT,
    outcome TEXT,
    decided_on TEXT
);
CREATE INDEX contact_parent ON contact(parent_id);
