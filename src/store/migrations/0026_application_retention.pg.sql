-- Retention of applications (casework/retention.c, docs/jobs.md): once the council's
-- retention period after a vacancy closed has passed, its applications are anonymised, and
-- the versions their pipeline moves kept in record_history hold the same personal details
-- and the recruiters' notes, so those are stripped too, keeping each version's stage and
-- date. record_history is otherwise never rewritten (docs/postgresql-grants.sql revokes
-- UPDATE and DELETE from the application role); this function, run with its owner's
-- rights, is the one narrow exception: it touches an application's rows only, and takes
-- out only those fields. SQLite has no roles: store_retention.c says the same there in
-- SQL. Both lists of fields are the application's description's, but its stage.
CREATE FUNCTION kith_anonymise_application_history(app_id BIGINT) RETURNS BIGINT
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH done AS (
        UPDATE public.record_history
        SET body = (body::jsonb - ARRAY['given_name', 'family_name', 'email', 'phone',
                                        'right_to_work', 'swe_number', 'statement', 'cv_name',
                                        'cv_kind', 'cv_size', 'withdraw_digest'])::text,
            reason = NULL
        WHERE rtable = 'application' AND record_id = app_id
        RETURNING 1)
    SELECT count(*) FROM done
$$;
