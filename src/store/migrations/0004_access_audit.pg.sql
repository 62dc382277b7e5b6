-- The audit trail is append-only on PostgreSQL too: a trigger refuses UPDATE and DELETE
-- for everyone, and the application role is granted INSERT and SELECT only on it
-- (docs/postgresql.md).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
