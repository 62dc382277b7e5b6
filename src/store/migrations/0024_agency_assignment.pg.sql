-- PostgreSQL part: the id comes from a sequence.
CREATE SEQUENCE agency_assignment_id_seq OWNED BY agency_assignment.id;
ALTER TABLE agency_assignment ALTER COLUMN id SET DEFAULT nextval('agency_assignment_id_seq');
