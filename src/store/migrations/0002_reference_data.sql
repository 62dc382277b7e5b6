-- Reference data the 903 validation reads when it has been imported: postcode geography
-- from the ONS postcode directory (kith postcodes import) and the Ofsted lists of
-- registered providers (kith providers import). Neither holds personal data.

-- One row per postcode, written without spaces and in capitals ("N19GU").
CREATE TABLE postcode (
    pcd TEXT PRIMARY KEY,
    laua TEXT NOT NULL,  -- local authority district (ONS code)
    utla TEXT NOT NULL,  -- upper-tier local authority: the county, or the district itself
    east INTEGER,        -- OS grid reference in metres; NULL when the directory has none
    north INTEGER
);

-- One row per Ofsted URN. The 903 codes it may be used with are space-separated lists.
CREATE TABLE provider (
    urn TEXT PRIMARY KEY,
    places TEXT NOT NULL,     -- 903 placement types (PLACE)
    providers TEXT NOT NULL,  -- 903 placement providers (PLACE_PROVIDER)
    reg_end TEXT,             -- deregistration or closure, YYYY-MM-DD; NULL when open
    pcd TEXT,                 -- the setting's postcode, normalised as above
    la TEXT                   -- upper-tier LA of that postcode, when known
);
