-- The council's own settings (domain/settings.c lists which): its DfE LA number for the
-- returns' headers, and counters such as a return's serial number. One row per setting,
-- its value as text; updated_at in seconds since 1970.
CREATE TABLE setting (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
