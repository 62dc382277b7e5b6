-- The words of each note as 0006's index held them, kept in a generated column written
-- with the note: a search then reads them for its recheck and ranking instead of running
-- the parser and unaccent over every note that matched (a common word on a borough's
-- 74,000 notes: 0.6 s before). The column is PostgreSQL's own: kith db copy leaves
-- generated columns out, and the server makes it again on the copy.
ALTER TABLE case_note ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('kith_text'::regconfig, subject), 'A') ||
    setweight(to_tsvector('kith_text'::regconfig, body), 'B')) STORED;
DROP INDEX IF EXISTS case_note_search;
CREATE INDEX case_note_search ON case_note USING gin (search);
