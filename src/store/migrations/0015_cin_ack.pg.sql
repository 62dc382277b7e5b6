-- PostgreSQL part: the table's id comes from a sequence.
CREATE SEQUENCE cin_ack_id_seq OWNED BY cin_ack.id;
ALTER TABLE cin_ack ALTER COLUMN id SET DEFAULT nextval('cin_ack_id_seq');
