-- Child search finds "family given" as well as "given family" (Okafor Amara, as a name
-- is read from a list sorted by family name): one more arm of the person search, with its
-- own index so it stays one index range like the others (0001's person_full_name).
CREATE INDEX person_family_first ON person(lower((family_name || ' ' || given_name) COLLATE "C"));
