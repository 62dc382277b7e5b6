-- PostgreSQL part: ids come from sequences (SQLite gives INTEGER PRIMARY KEY a rowid),
-- and case-insensitive uniqueness and search use lower() where SQLite uses NOCASE.
CREATE SEQUENCE team_id_seq OWNED BY team.id;
ALTER TABLE team ALTER COLUMN id SET DEFAULT nextval('team_id_seq');
CREATE SEQUENCE worker_id_seq OWNED BY worker.id;
ALTER TABLE worker ALTER COLUMN id SET DEFAULT nextval('worker_id_seq');
CREATE SEQUENCE user_account_id_seq OWNED BY user_account.id;
ALTER TABLE user_account ALTER COLUMN id SET DEFAULT nextval('user_account_id_seq');
CREATE SEQUENCE person_id_seq OWNED BY person.id;
ALTER TABLE person ALTER COLUMN id SET DEFAULT nextval('person_id_seq');
CREATE SEQUENCE relationship_id_seq OWNED BY relationship.id;
ALTER TABLE relationship ALTER COLUMN id SET DEFAULT nextval('relationship_id_seq');
CREATE SEQUENCE allocation_id_seq OWNED BY allocation.id;
ALTER TABLE allocation ALTER COLUMN id SET DEFAULT nextval('allocation_id_seq');
CREATE SEQUENCE case_note_id_seq OWNED BY case_note.id;
ALTER TABLE case_note ALTER COLUMN id SET DEFAULT nextval('case_note_id_seq');
CREATE UNIQUE INDEX team_name ON team(lower(name COLLATE "C"));
CREATE UNIQUE INDEX worker_registration ON worker(lower(registration))
    WHERE registration IS NOT NULL;
-- SQLite's NOCASE folds ASCII letters only and then compares bytes; lower() under the "C"
-- collation does exactly that whatever the database's locale, so usernames, LA child ids
-- and person search match and sort as on SQLite. Queries must say the same expression
-- (FOLD in store_pg_people.c). Search matches a prefix with a range (>= words, < words
-- followed by U+10FFFF), which each of these indexes answers. None is partial: the planner
-- reads the statistics of an index expression only when the index is whole, and without
-- them it guesses each arm of a search at 0.5% of everyone and walks the name index.
CREATE UNIQUE INDEX user_account_username ON user_account(lower(username COLLATE "C"));
CREATE UNIQUE INDEX person_la_child_id ON person(lower(la_child_id COLLATE "C"));
CREATE INDEX person_family_name ON person(lower(family_name COLLATE "C"),
    lower(given_name COLLATE "C"));
CREATE INDEX person_given_name ON person(lower(given_name COLLATE "C"));
CREATE INDEX person_full_name ON person(lower((given_name || ' ' || family_name) COLLATE "C"));
CREATE INDEX person_upn ON person(lower(upn COLLATE "C"));
CREATE INDEX case_note_search ON case_note
    USING gin (to_tsvector('simple', coalesce(subject, '') || ' ' || body));
