-- Family help, risks outside the home, pre-proceedings and family group decision-making
-- (issue 19 sections 2 and 4): one table per description, with the columns every record
-- has and then the description's fields, as store_rec_ddl writes them. test_casework
-- checks each table against its description.

-- Family help episodes (domain/family_help.c): Families First's one episode from targeted help to child in need.
CREATE TABLE family_help (
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
    lead_practitioner TEXT,
    lead_profession TEXT,
    child_in_need INTEGER NOT NULL CHECK (child_in_need IN (0, 1)),
    signoff_by TEXT,
    signoff_registration TEXT,
    signoff_date TEXT,
    assessment_date TEXT,
    plan_date TEXT,
    review_date TEXT,
    closure_date TEXT,
    closure_reason TEXT,
    contributors TEXT
);
CREATE INDEX family_help_parent ON family_help(parent_id);

-- Missing or away episodes and their return home interviews (domain/risk.c).
CREATE TABLE missing_episode (
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
    kind TEXT,
    reported_to_police INTEGER NOT NULL CHECK (reported_to_police IN (0, 1)),
    end_date TEXT,
    rhi_offered_date TEXT,
    rhi_accepted INTEGER NOT NULL CHECK (rhi_accepted IN (0, 1)),
    rhi_date TEXT,
    rhi_by TEXT
);
CREATE INDEX missing_episode_parent ON missing_episode(parent_id);

-- Exploitation risks, open until closed (domain/risk.c).
CREATE TABLE exploitation_risk (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    identified_date TEXT,
    kinds TEXT,
    risk_level TEXT,
    review_date TEXT,
    nrm_date TEXT,
    closed_date TEXT,
    summary TEXT
);
CREATE INDEX exploitation_risk_parent ON exploitation_risk(parent_id);

-- Private fostering arrangements (domain/risk.c).
CREATE TABLE private_fostering (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    notified_date TEXT,
    start_date TEXT,
    carer TEXT,
    visit_date TEXT,
    decision TEXT,
    decision_date TEXT,
    end_date TEXT
);
CREATE INDEX private_fostering_parent ON private_fostering(parent_id);

-- Family group decision-making: one offer to each person with parental responsibility (domain/proceedings.c).
CREATE TABLE fgdm_offer (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    offer_date TEXT,
    offered_to TEXT,
    relationship TEXT,
    parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
    facilitated INTEGER NOT NULL CHECK (facilitated IN (0, 1)),
    response TEXT,
    response_date TEXT
);
CREATE INDEX fgdm_offer_parent ON fgdm_offer(parent_id);

-- Family group decision-making meetings.
CREATE TABLE fgdm_meeting (
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
    coordinator TEXT,
    attendees TEXT,
    family_proposal TEXT,
    council_response TEXT
);
CREATE INDEX fgdm_meeting_parent ON fgdm_meeting(parent_id);

-- The council's decision that an FGDM offer is not in the child's best interests.
CREATE TABLE fgdm_exemption (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    decided_date TEXT,
    decided_by TEXT,
    exemption_reason TEXT
);
CREATE INDEX fgdm_exemption_parent ON fgdm_exemption(parent_id);

-- Pre-proceedings: start, decision and outcome.
CREATE TABLE pre_proceedings (
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
    decision_date TEXT,
    outcome TEXT
);
CREATE INDEX pre_proceedings_parent ON pre_proceedings(parent_id);

-- The letters of pre-proceedings.
CREATE TABLE letter_before_proceedings (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    letter_date TEXT,
    kind TEXT,
    states_fgdm_offer INTEGER NOT NULL CHECK (states_fgdm_offer IN (0, 1)),
    sent_to TEXT
);
CREATE INDEX letter_before_proceedings_parent ON letter_before_proceedings(parent_id);

-- Pre-proceedings meetings.
CREATE TABLE pp_meeting (
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
    kind TEXT,
    attendees TEXT
);
CREATE INDEX pp_meeting_parent ON pp_meeting(parent_id);

-- Applications for a care or supervision order.
CREATE TABLE care_application (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER NOT NULL REFERENCES person(id),
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    application_date TEXT,
    order_sought TEXT,
    court TEXT
);
CREATE INDEX care_application_parent ON care_application(parent_id);
