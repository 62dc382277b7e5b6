-- Two records of one child made one, reversibly (store/store_merge.c): the merged child is
-- marked with the child kept (never deleted, left out of lists and searches), each merge is
-- a row here with who, when and why, and each row of another table that moved is logged
-- against it, so an unmerge moves back exactly those rows.
ALTER TABLE person ADD COLUMN merged_into INTEGER REFERENCES person(id);
CREATE TABLE child_merge (
    id INTEGER PRIMARY KEY,
    keep_id INTEGER NOT NULL REFERENCES person(id),
    gone_id INTEGER NOT NULL REFERENCES person(id),
    reason TEXT NOT NULL,
    merged_at BIGINT NOT NULL,
    merged_by TEXT NOT NULL,
    unmerged_at BIGINT,
    unmerged_by TEXT,
    unmerge_reason TEXT,
    CHECK (keep_id <> gone_id)
);
CREATE INDEX child_merge_gone ON child_merge(gone_id);
CREATE TABLE child_merge_row (
    id INTEGER PRIMARY KEY,
    merge_id INTEGER NOT NULL REFERENCES child_merge(id),
    tbl TEXT NOT NULL,
    col TEXT NOT NULL,
    row_id BIGINT NOT NULL,
    UNIQUE (merge_id, tbl, col, row_id)
);
