-- The strategy discussion's lead child protection practitioner (domain/protection.c
-- strategy_discussion_type, CWSA 2026 s.3 and the Families First programme guide): their
-- name and role, NULL on the discussions recorded before it. The attendees column is
-- unchanged: its lines are now "name, role, agency code" from the agencies taking part, a
-- rule of the description's that runs when a record is saved, so older free-text lines
-- still read and a correction brings them into form.
ALTER TABLE strategy_discussion ADD COLUMN lcpp TEXT;
