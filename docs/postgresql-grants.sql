-- The rights kith's application role needs on a kith database, and no more.
-- Run as the database owner after `kith init` (the owner runs the migrations):
--   psql -d kith -v app=kith_app -f docs/postgresql-grants.sql
-- Run it again after each upgrade that adds tables. tests/pg/t-roles.sh runs this file,
-- so what is written here is what is tested.
GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"app";
-- The audit trail takes new rows and is read; nobody changes or removes one (R4). The
-- trigger refuses UPDATE and DELETE for the owner too; the missing rights make the
-- application role's attempt fail before it reaches the trigger.
REVOKE UPDATE, DELETE, TRUNCATE ON audit, audit_key FROM :"app";
-- The schema version is the owner's to change (upgrades run as the owner).
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON kith_meta FROM :"app";
-- A record's earlier versions are kept, never rewritten: corrections add rows here.
REVOKE UPDATE, DELETE, TRUNCATE ON record_history FROM :"app";
