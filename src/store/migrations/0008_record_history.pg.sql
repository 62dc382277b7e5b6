-- PostgreSQL part: the id comes from a sequence (SQLite's INTEGER PRIMARY KEY is a rowid).
CREATE SEQUENCE record_history_id_seq OWNED BY record_history.id;
ALTER TABLE record_history ALTER COLUMN id SET DEFAULT nextval('record_history_id_seq');
