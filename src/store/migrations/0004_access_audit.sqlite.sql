-- The audit trail is append-only: the database itself refuses to change or remove a row,
-- whoever asks. (Someone with the file can drop the triggers; the hash chain then shows
-- what they did.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
