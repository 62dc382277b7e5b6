-- SQLite part: a child's newest reviews read off the index (a descending column puts
-- NULLs last already).
CREATE INDEX cin_plan_review_parent ON cin_plan_review(parent_id, review_date DESC, id DESC);
