-- The first tables: people (children and relatives) with disabilities and
-- relationships, teams, workers, user accounts, allocations and case notes. Dates are
-- ISO 8601 text (YYYY-MM-DD), which sorts and compares correctly and reads the same in
-- SQLite and PostgreSQL; a missing date is NULL, and so is a missing code. public_id
-- columns hold the random ids that leave the server; id columns never do.
--
-- This file runs on every backend. Uniqueness that ignores case (team names, LA child
-- ids, registrations, usernames), the case-insensitive search indexes and full-text
-- search are written per dialect in 0001_*.sqlite.sql (and later .pg.sql).

CREATE TABLE team (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    service INTEGER NOT NULL CHECK (service >= 0),
    caseload_threshold INTEGER NOT NULL CHECK (caseload_threshold > 0)
);

CREATE TABLE worker (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES team(id),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    registration TEXT,
    role INTEGER NOT NULL CHECK (role >= 0),
    fte REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
    agency INTEGER NOT NULL CHECK (agency IN (0, 1)),
    start_date TEXT NOT NULL,
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX worker_team ON worker(team_id);

CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    worker_id INTEGER REFERENCES worker(id),
    role INTEGER NOT NULL CHECK (role >= 0),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created TEXT NOT NULL
);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
    la_child_id TEXT CHECK (la_child_id IS NULL OR kind = 0),
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    dob TEXT,
    expected_dob TEXT,
    death TEXT,
    -- Spelt out: SQLite checks an IN list of three values with a temporary table built
    -- on every insert.
    sex TEXT NOT NULL CHECK (sex = 'M' OR sex = 'F' OR sex = 'U'),
    ethnicity TEXT,
    upn TEXT,
    former_upn TEXT,
    upn_unknown TEXT,
    postcode TEXT,
    uasc INTEGER NOT NULL DEFAULT 0 CHECK (uasc IN (0, 1)),
    uasc_ceased TEXT,
    created TEXT NOT NULL,
    -- The codes of the person_disability rows in code order, joined by commas (NULL
    -- when none): the copy a lookup reads, so reading a person is one row. The store
    -- writes both in one savepoint, and store_check reports any person whose two
    -- disagree.
    disabilities TEXT
);

-- One row per code: the form queries by code use.
CREATE TABLE person_disability (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (person_id, code)
);

CREATE TABLE relationship (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES person(id),
    other_id INTEGER NOT NULL REFERENCES person(id),
    type TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL DEFAULT 0 CHECK (parental_responsibility IN (0, 1)),
    CHECK (child_id <> other_id)
);
CREATE INDEX relationship_child ON relationship(child_id);
CREATE INDEX relationship_other ON relationship(other_id);

CREATE TABLE allocation (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES person(id),
    worker_id INTEGER NOT NULL REFERENCES worker(id),
    role INTEGER NOT NULL CHECK (role >= 0),
    start_date TEXT NOT NULL,
    end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    end_reason TEXT
);
CREATE INDEX allocation_child ON allocation(child_id, start_date);
-- Current caseloads: the allocations without an end date, by worker.
CREATE INDEX allocation_current ON allocation(worker_id, child_id) WHERE end_date IS NULL;

CREATE TABLE case_note (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    child_id INTEGER NOT NULL REFERENCES person(id),
    author_id INTEGER NOT NULL REFERENCES worker(id),
    note_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL
);
-- A child's notes newest first. (Everyone's notes by date would need an index on
-- note_date too: another B-tree search on every insert, for a list nothing shows yet.)
CREATE INDEX case_note_child ON case_note(child_id, note_date);
