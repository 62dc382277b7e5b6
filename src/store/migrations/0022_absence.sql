-- A worker's absences (domain/workforce.c absence_type): the columns every record has,
-- then the description's fields. parent_id is the worker's (as an application's is its
-- vacancy's); the working days each took are counted from its first and last day with the
-- working-day calendar when they are asked for (the census's year, a leader's month),
-- never stored, so a bank holiday proclaimed later changes no stored figure.
CREATE TABLE absence (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id BIGINT NOT NULL REFERENCES worker(id), -- the worker absent
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    first_day TEXT,
    last_day TEXT,
    cause TEXT
);
CREATE INDEX absence_worker ON absence(parent_id);
