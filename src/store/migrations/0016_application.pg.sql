-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE application_id_seq OWNED BY application.id;
ALTER TABLE application ALTER COLUMN id SET DEFAULT nextval('application_id_seq');
