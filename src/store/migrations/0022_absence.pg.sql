-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE absence_id_seq OWNED BY absence.id;
ALTER TABLE absence ALTER COLUMN id SET DEFAULT nextval('absence_id_seq');
