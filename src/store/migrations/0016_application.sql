-- Applications for vacancies (domain/application.c) and their CVs. The columns every
-- record has, then the description's fields; test_rec checks them against the
-- description. The CV's bytes are kept in the database, beside the application they
-- belong to (base64 text, so both backends take them through the same text parameters):
-- outside anything the server serves as a file, in the same transaction as the
-- application (a refused application leaves nothing), in every backup, and removed with
-- the application. The only way out is the recruiters' audited route.
CREATE TABLE application (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id BIGINT REFERENCES vacancy(id), -- the vacancy applied for
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    given_name TEXT,
    family_name TEXT,
    email TEXT,
    phone TEXT,
    right_to_work TEXT,
    swe_number TEXT,
    statement TEXT,
    cv_name TEXT,
    cv_kind TEXT,
    cv_size BIGINT,
    stage TEXT,
    stage_on TEXT,
    withdraw_digest TEXT
);
CREATE INDEX application_vacancy ON application(parent_id);
CREATE INDEX application_withdraw ON application(withdraw_digest);
CREATE TABLE application_cv (
    application_id BIGINT PRIMARY KEY,
    digest TEXT NOT NULL, -- BLAKE2b-256 of the bytes, hex: what the recruiter was given
    content TEXT NOT NULL
);
