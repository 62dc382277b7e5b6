-- Vacancies (domain/vacancy.c): the jobs the council advertises on its public jobs board.
-- The columns every record has, then the description's fields; dates are ISO text, codes
-- the job-* code sets' codes, salaries whole pounds a year. A vacancy hangs off no child.
-- test_rec checks these columns against the description.
CREATE TABLE vacancy (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    parent_id INTEGER,
    version INTEGER NOT NULL CHECK (version > 0),
    created_at BIGINT NOT NULL,
    created_by INTEGER,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER,
    reason TEXT,
    title TEXT,
    team TEXT,
    role TEXT,
    contract TEXT,
    hours TEXT,
    arrangement TEXT,
    salary_min BIGINT,
    salary_max BIGINT,
    published_on TEXT,
    closing_date TEXT,
    closed INTEGER NOT NULL CHECK (closed IN (0, 1)),
    employer TEXT,
    location TEXT,
    postcode TEXT,
    description TEXT,
    offer TEXT,
    needs_swe_registration INTEGER NOT NULL CHECK (needs_swe_registration IN (0, 1))
);
-- The board reads the open vacancies (store_jobs.c): not closed early, closing today or later.
CREATE INDEX vacancy_open ON vacancy(closed, closing_date);
