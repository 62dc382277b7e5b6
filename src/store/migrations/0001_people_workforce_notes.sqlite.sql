-- SQLite only: case-insensitive uniqueness and search, and full-text search.
--
-- NOCASE folds ASCII letters only. Queries that should use these indexes must say
-- COLLATE NOCASE on the same column (or expression) as the index does; search matches
-- a prefix with a range (x >= 'abc' AND x < 'abc' || x'ff'), which uses the index
-- with bound parameters where LIKE would not.
CREATE UNIQUE INDEX team_name ON team(name COLLATE NOCASE);
CREATE UNIQUE INDEX worker_registration ON worker(registration COLLATE NOCASE)
    WHERE registration IS NOT NULL;
CREATE UNIQUE INDEX user_account_username ON user_account(username COLLATE NOCASE);
CREATE UNIQUE INDEX person_la_child_id ON person(la_child_id COLLATE NOCASE)
    WHERE la_child_id IS NOT NULL;

-- Person search: from the start of the family name, the given name, the full name
-- ("given family"), the LA child id or the UPN. The family name index also gives lists
-- their order.
CREATE INDEX person_family_name ON person(family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE INDEX person_given_name ON person(given_name COLLATE NOCASE);
CREATE INDEX person_full_name ON person((given_name || ' ' || family_name) COLLATE NOCASE);
CREATE INDEX person_upn ON person(upn COLLATE NOCASE) WHERE upn IS NOT NULL;

-- Full-text search over case notes with FTS5. An external-content table stores the
-- text once (in case_note) and only the index here. The store writes the index rows in
-- the same savepoint as the note (store_sqlite.c), not by triggers: kith connects with
-- trusted_schema off, under which SQLite refuses a virtual table inside a trigger.
CREATE VIRTUAL TABLE case_note_fts USING fts5(subject, body, content='case_note',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2');
-- Keep up to 16 MiB of new index entries in memory before writing a segment (the
-- default is 1 MiB): a bulk load of notes writes fewer, larger segments and merges less.
INSERT INTO case_note_fts(case_note_fts, rank) VALUES ('hashsize', 16777216);
