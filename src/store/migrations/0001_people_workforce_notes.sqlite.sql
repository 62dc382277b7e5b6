-- SQLite only: full-text search over case notes with FTS5, kept in step by triggers.
-- An external-content table stores the text once (in case_note) and only the index here.
CREATE VIRTUAL TABLE case_note_fts USING fts5(subject, body, content='case_note',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER case_note_fts_insert AFTER INSERT ON case_note BEGIN
    INSERT INTO case_note_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
CREATE TRIGGER case_note_fts_delete AFTER DELETE ON case_note BEGIN
    INSERT INTO case_note_fts(case_note_fts, rowid, subject, body)
        VALUES ('delete', old.id, old.subject, old.body);
END;
CREATE TRIGGER case_note_fts_update AFTER UPDATE ON case_note BEGIN
    INSERT INTO case_note_fts(case_note_fts, rowid, subject, body)
        VALUES ('delete', old.id, old.subject, old.body);
    INSERT INTO case_note_fts(rowid, subject, body) VALUES (new.id, new.subject, new.body);
END;
