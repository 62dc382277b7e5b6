-- A counter of changes to the vacancies, so that a server that keeps the open vacancies in
-- memory (store_jobs.c) knows with one tiny read whether to read them again, whichever
-- process wrote the change (a second server, kith record, a restore). Triggers keep it,
-- so no writer can forget to; kith db copy leaves it out (the target's own triggers count
-- what is copied into it).
CREATE TABLE vacancy_change (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO vacancy_change (id, n) VALUES (1, 0);
