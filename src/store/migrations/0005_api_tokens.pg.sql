-- PostgreSQL part: token ids come from a sequence.
CREATE SEQUENCE api_token_id_seq OWNED BY api_token.id;
ALTER TABLE api_token ALTER COLUMN id SET DEFAULT nextval('api_token_id_seq');
