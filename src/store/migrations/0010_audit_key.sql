-- Where the audit trail's keyed rows begin (docs/web.md, "Audit trail"). From first_id on,
-- each audit row's hash is a MAC under a key kept outside the database (a file beside a
-- SQLite database by default), so someone who can write the database but not read the
-- key cannot edit, insert or re-chain rows unseen. Rows before it were written by a kith
-- without a key and keep their plain BLAKE2b chain. The one row is written with the first
-- keyed audit row; a writer that finds it but not the key file refuses to write rather
-- than start a second key, and `kith audit verify` compares it with the key file's.
CREATE TABLE audit_key (
    first_id BIGINT PRIMARY KEY
);
