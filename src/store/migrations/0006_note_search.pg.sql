-- The words of a note as the search reads them: PostgreSQL's parser splits the text, the
-- unaccent dictionary folds diacritics and the simple dictionary lower-cases (no stop
-- words and no stemming, as SQLite's unicode61 tokenizer). unaccent ships with
-- PostgreSQL and is a trusted extension: the role that runs the migrations needs CREATE
-- on the database, not superuser (docs/postgresql.md).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION kith_text (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION kith_text
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart,
        hword_part, hword_numpart
    WITH unaccent, simple;

-- The subject weighs A and the body B, so that ranking can prefer a subject word. The
-- store's search writes this expression exactly (NOTE_VECTOR in store_pg_notes.c): the
-- planner uses the index only for the same expression.
DROP INDEX IF EXISTS case_note_search;
CREATE INDEX case_note_search ON case_note USING gin (
    (setweight(to_tsvector('kith_text'::regconfig, subject), 'A') ||
     setweight(to_tsvector('kith_text'::regconfig, body), 'B')));
