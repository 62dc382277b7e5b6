-- The child's consistent identifier (CWSA 2026 s.4): the NHS number's ten digits, where it
-- came from (kith code set nhs-source, "not-known" when there is none) and why it is not
-- known (nhs-unknown; "other" with words). The duplicate check finds children by it, so
-- it has an index of its own, over the children who have one.
ALTER TABLE person ADD COLUMN nhs_number TEXT;
ALTER TABLE person ADD COLUMN nhs_source TEXT;
ALTER TABLE person ADD COLUMN nhs_unknown TEXT;
ALTER TABLE person ADD COLUMN nhs_unknown_text TEXT;
CREATE INDEX person_nhs_number ON person(nhs_number) WHERE nhs_number IS NOT NULL;
