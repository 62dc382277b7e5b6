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

-- Ids come from sequences on PostgreSQL.
CREATE SEQUENCE access_grant_id_seq OWNED BY access_grant.id;
ALTER TABLE access_grant ALTER COLUMN id SET DEFAULT nextval('access_grant_id_seq');
CREATE SEQUENCE audit_id_seq OWNED BY audit.id;
ALTER TABLE audit ALTER COLUMN id SET DEFAULT nextval('audit_id_seq');
