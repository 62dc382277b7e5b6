-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE contact_id_seq OWNED BY contact.id;
ALTER TABLE contact ALTER COLUMN id SET DEFAULT nextval('contact_id_seq');
