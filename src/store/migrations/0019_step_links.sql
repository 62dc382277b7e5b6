-- Step-up and step-down between family help and the CIN episode (issue 19 §3, Families
-- First): the links kith sets on both records when one becomes the other
-- (casework/step.c), each the public id of the other record. The columns follow the
-- descriptions' new last fields (domain/family_help.c, domain/help.c).
ALTER TABLE family_help ADD COLUMN stepped_up_to TEXT;
ALTER TABLE family_help ADD COLUMN stepped_down_from TEXT;
ALTER TABLE referral ADD COLUMN stepped_up_from TEXT;
ALTER TABLE referral ADD COLUMN stepped_down_to TEXT;
