-- The relative an offer of a family group decision-making meeting was made to (domain/
-- proceedings.h fgdm_offer.relative): the public id of a person linked to the child, as the
-- form chose it from the child's relatives. Offers recorded before have none and are
-- matched to the child's relatives by name (casework/proceedings.c).
ALTER TABLE fgdm_offer ADD COLUMN relative TEXT;
