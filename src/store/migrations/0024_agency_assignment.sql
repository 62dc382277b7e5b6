-- Agency assignments (domain/agency.c agency_assignment_type): the columns every record
-- has, then the description's fields in order. It hangs off no child (parent_id stays
-- NULL); a worker on the establishment is named by their public id in `worker`, whose
-- record holds their name and Social Work England number. Rates are pence an hour.
CREATE TABLE agency_assignment (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER,
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    worker TEXT,
    name TEXT,
    registration TEXT,
    role TEXT,
    agency TEXT,
    hourly_rate BIGINT,
    start_date TEXT,
    end_date TEXT,
    pqe_years BIGINT,
    reference_received TEXT,
    reference_given TEXT,
    project_team TEXT,
    project_approved_by TEXT,
    project_approved_on TEXT,
    left_permanent_on TEXT,
    cooloff_exception TEXT,
    notice_weeks BIGINT,
    cap_signoff_by TEXT,
    cap_signoff_role TEXT,
    cap_signoff_on TEXT,
    cap_reason TEXT
);
CREATE INDEX agency_assignment_start ON agency_assignment(start_date);
