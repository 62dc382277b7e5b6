-- A child's page looks up the merges of the child on every view (store_merge.c: a child
-- kept or gone, "keep_id = ?1 OR gone_id = ?1"), and child_merge had an index on gone_id
-- only, so every view read the whole table. Same statement as the .pg.sql beside it.
CREATE INDEX child_merge_keep ON child_merge(keep_id);
