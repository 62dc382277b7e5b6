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
CREATE UNIQUE INDEX team_name ON team(lower(name));
CREATE UNIQUE INDEX worker_registration ON worker(lower(registration))
    WHERE registration IS NOT NULL;
CREATE UNIQUE INDEX user_account_username ON user_account(lower(username));
CREATE UNIQUE INDEX person_la_child_id ON person(lower(la_child_id))
    WHERE la_child_id IS NOT NULL;
CREATE INDEX person_family_name ON person(lower(family_name), lower(given_name));
CREATE INDEX person_given_name ON person(lower(given_name));
CREATE INDEX person_upn ON person(lower(upn)) WHERE upn IS NOT NULL;
CREATE INDEX case_note_search ON case_note
    USING gin (to_tsvector('simple', coalesce(subject, '') || ' ' || body));
