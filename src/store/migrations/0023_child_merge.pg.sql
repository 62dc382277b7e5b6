-- PostgreSQL part: a merge's id comes from a sequence.
CREATE SEQUENCE child_merge_id_seq OWNED BY child_merge.id;
ALTER TABLE child_merge ALTER COLUMN id SET DEFAULT nextval('child_merge_id_seq');
CREATE SEQUENCE child_merge_row_id_seq OWNED BY child_merge_row.id;
ALTER TABLE child_merge_row ALTER COLUMN id SET DEFAULT nextval('child_merge_row_id_seq');
