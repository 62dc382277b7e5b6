-- Regional agency price caps (domain/agency_cap.c agency_cap_type): the columns every
-- record has, then the description's fields in order. The council keeps them itself
-- (/workforce/caps, kith record add agency_cap); they hang off no child (parent_id stays
-- NULL). Caps are pence an hour; to_date is the last day in force, NULL while open. The
-- caps once written in code (domain/agency.c caps[]) are not copied in: they were kith's
-- illustrative figures, and a council enters its region's own.
CREATE TABLE agency_cap (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER,
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    region TEXT,
    role TEXT,
    cap_pence BIGINT,
    from_date TEXT,
    to_date TEXT,
    agreed TEXT
);
