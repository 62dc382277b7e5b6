-- PostgreSQL part: session ids come from a sequence.
CREATE SEQUENCE session_id_seq OWNED BY session.id;
ALTER TABLE session ALTER COLUMN id SET DEFAULT nextval('session_id_seq');
