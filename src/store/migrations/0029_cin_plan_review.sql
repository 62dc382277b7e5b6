-- Reviews of CIN plans (domain/help.c cin_plan_review_type): the columns every record
-- has, then the description's fields in order. A review carries no link to its plan: it
-- falls while one of the child's plans is in force (casework/help_protection.c).
CREATE TABLE cin_plan_review (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    review_date TEXT,
    child_seen INTEGER NOT NULL CHECK (child_seen IN (0, 1)),
    outcome TEXT,
    notes TEXT
);
