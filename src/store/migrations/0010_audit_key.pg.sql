-- Written once, never changed, like the trail itself (and INSERT/SELECT only for the
-- application role: docs/postgresql-grants.sql).
CREATE TRIGGER audit_key_no_change BEFORE UPDATE OR DELETE ON audit_key
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
