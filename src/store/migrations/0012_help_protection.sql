-- Help and protection: the records of a CIN episode and of child protection, one table
-- per description (domain/help.c, domain/protection.c), with the columns every record has
-- and then the description's fields, as store_rec_ddl writes them; dates are ISO text,
-- codes their DfE or kith code, code lists comma-joined. test_casework checks each table
-- against its description.

-- Referrals (domain/help.c): each opens a CIN episode (CIN census CINdetails).
CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    referral_date TEXT,
    source TEXT,
    primary_need TEXT,
    nfa INTEGER NOT NULL CHECK (nfa IN (0, 1)),
    closure_date TEXT,
    closure_reason TEXT
);
CREATE INDEX referral_parent ON referral(parent_id);

-- Assessments (domain/help.c): start, child seen, completion, factors, authorisation.
CREATE TABLE assessment (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    start_date TEXT,
    child_seen_date TEXT,
    completed_date TEXT,
    factors TEXT,
    authorised_date TEXT,
    authorised_by TEXT
);
CREATE INDEX assessment_parent ON assessment(parent_id);

-- Child in need plans (domain/help.c).
CREATE TABLE cin_plan (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    start_date TEXT,
    end_date TEXT
);
CREATE INDEX cin_plan_parent ON cin_plan(parent_id);

-- Visits to a child (domain/help.c): CIN, CP and assessment visits alike.
CREATE TABLE visit (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    visit_date TEXT,
    purpose TEXT,
    place TEXT,
    child_seen INTEGER NOT NULL CHECK (child_seen IN (0, 1)),
    seen_alone INTEGER NOT NULL CHECK (seen_alone IN (0, 1)),
    by_whom TEXT
);
CREATE INDEX visit_parent ON visit(parent_id);

-- Strategy discussions (domain/protection.c).
CREATE TABLE strategy_discussion (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    discussion_date TEXT,
    agencies TEXT,
    attendees TEXT,
    led_by TEXT,
    outcome TEXT
);
CREATE INDEX strategy_discussion_parent ON strategy_discussion(parent_id);

-- Section 47 enquiries (domain/protection.c).
CREATE TABLE s47_enquiry (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    start_date TEXT,
    completed_date TEXT,
    outcome TEXT,
    icpc_not_required INTEGER NOT NULL CHECK (icpc_not_required IN (0, 1))
);
CREATE INDEX s47_enquiry_parent ON s47_enquiry(parent_id);

-- Child protection conferences, initial and review (domain/protection.c).
CREATE TABLE conference (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    kind TEXT,
    conference_date TEXT,
    outcome TEXT,
    category TEXT,
    chair TEXT
);
CREATE INDEX conference_parent ON conference(parent_id);

-- Child protection plans (domain/protection.c).
CREATE TABLE cp_plan (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    start_date TEXT,
    end_date TEXT,
    initial_category TEXT,
    latest_category TEXT
);
CREATE INDEX cp_plan_parent ON cp_plan(parent_id);

-- Core group meetings (domain/protection.c).
CREATE TABLE core_group (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    meeting_date TEXT,
    attendees TEXT
);
CREATE INDEX core_group_parent ON core_group(parent_id);
