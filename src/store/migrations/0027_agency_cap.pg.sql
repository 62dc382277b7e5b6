-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE agency_cap_id_seq OWNED BY agency_cap.id;
ALTER TABLE agency_cap ALTER COLUMN id SET DEFAULT nextval('agency_cap_id_seq');
