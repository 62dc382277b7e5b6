-- The versions a correction replaced, for every record type of the generic record layer
-- (store/store_rec.c): the table the record lives in, its id, the version number, that
-- version's fields as a JSON object of canonical text (domain/rec.h), and who wrote that
-- version, when and why. A record's current version stays in its own table; a row here is
-- only ever added, never changed (the application role has no UPDATE or DELETE on it).
CREATE TABLE record_history (
    id INTEGER PRIMARY KEY,
    rtable TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    body TEXT NOT NULL,
    written_at BIGINT NOT NULL,
    written_by INTEGER,
    reason TEXT,
    UNIQUE (rtable, record_id, version)
);
