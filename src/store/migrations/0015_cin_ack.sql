-- Acknowledged CIN census queries (domain/cin_ack.c): a query the rules raised on a
-- record, checked and explained with a reason, kept with the child; the columns every
-- record has and then the description's fields, as store_rec_ddl writes them.
CREATE TABLE cin_ack (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    rule TEXT,
    record_type TEXT,
    record TEXT,
    explanation TEXT
);
CREATE INDEX cin_ack_parent ON cin_ack(parent_id);
