-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE vacancy_id_seq OWNED BY vacancy.id;
ALTER TABLE vacancy ALTER COLUMN id SET DEFAULT nextval('vacancy_id_seq');
