-- What the DfE children's social work workforce census asks of each worker (issue 20 §5),
-- kept on the worker record (domain/workforce.c worker_fields) so that the census is
-- written from records kith keeps and never typed for it. Codes are kith's own sets
-- (`kith codes qualification-level`, entry-route, start-origin, leaver-destination,
-- leaving-reason); sex and ethnicity are the DfE's, as for children. All optional: a
-- worker recorded before this migration has none of them yet.
ALTER TABLE worker ADD COLUMN dob TEXT;
ALTER TABLE worker ADD COLUMN sex TEXT;
ALTER TABLE worker ADD COLUMN ethnicity TEXT;
ALTER TABLE worker ADD COLUMN qual_institution TEXT;
ALTER TABLE worker ADD COLUMN qual_level TEXT;
ALTER TABLE worker ADD COLUMN route TEXT;
ALTER TABLE worker ADD COLUMN origin TEXT;
ALTER TABLE worker ADD COLUMN destination TEXT;
ALTER TABLE worker ADD COLUMN leave_reason TEXT;
