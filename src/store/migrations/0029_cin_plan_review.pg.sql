-- PostgreSQL part: the id comes from a sequence, and a child's newest reviews read off
-- the index.
CREATE SEQUENCE cin_plan_review_id_seq OWNED BY cin_plan_review.id;
ALTER TABLE cin_plan_review ALTER COLUMN id SET DEFAULT nextval('cin_plan_review_id_seq');
CREATE INDEX cin_plan_review_parent ON cin_plan_review(parent_id, review_date DESC NULLS LAST, id DESC);
