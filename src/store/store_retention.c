/*
 * Anonymising an application (store_retention.h), written once for both backends but for
 * the history: PostgreSQL's application role may not rewrite record_history, so there it
 * is the owner's function kith_anonymise_application_history (migration 0026), and on
 * SQLite the same UPDATE in SQL. The fields emptied are the application's description's
 * (domain/application.c) but its stage and the day it reached it; tests/http/
 * test_retention.c checks that no value the applicant gave is left anywhere.
 */
#include "store/store_retention.h"

#include "store/store_sql.h"

/* SQLite leaves a deleted or shortened row's bytes in the page's free space, so a removed CV
 * or email would still be in the file; with secure_delete it writes zeros over them. It
 * holds for the connection from here on: a retention run's own, as a command. PostgreSQL
 * keeps dead rows until VACUUM reclaims them, which is the database's housekeeping. */
static struct store_sql_pair zero_sql = STORE_SQL_PAIR("PRAGMA secure_delete = ON", "SELECT 1");
static struct store_sql anonymise_sql =
    STORE_SQL("UPDATE application SET given_name = 'Anonymised', family_name = 'applicant', "
              "email = NULL, phone = NULL, right_to_work = NULL, swe_number = NULL, "
              "statement = NULL, cv_name = NULL, cv_kind = NULL, cv_size = NULL, "
              "withdraw_digest = NULL, reason = ?2 WHERE id = ?1");
static struct store_sql cv_sql = STORE_SQL("DELETE FROM application_cv WHERE application_id = ?1");
static struct store_sql_pair history_sql = STORE_SQL_PAIR(
    "UPDATE record_history SET body = json_remove(body, '$.given_name', '$.family_name', "
    "'$.email', '$.phone', '$.right_to_work', '$.swe_number', '$.statement', '$.cv_name', "
    "'$.cv_kind', '$.cv_size', '$.withdraw_digest'), reason = NULL "
    "WHERE rtable = 'application' AND record_id = ?1",
    "SELECT kith_anonymise_application_history(CAST(?1 AS BIGINT))");

enum kerr_code store_application_anonymise(struct store *s, int64_t id, const char *note,
                                           bool *had_cv, struct kerr *e)
{
    struct store_params p = {0};
    sp_i64(&p, id);
    sp_text(&p, note);
    int64_t cvs = 0;
    enum kerr_code rc = store_q(s, store_sql_of(s, &zero_sql), NULL, NULL, NULL, NULL,
                                "asking for removed bytes to be overwritten", e);
    if (!rc)
        rc = store_q(s, &anonymise_sql, &p, NULL, NULL, NULL, "anonymising an application", e);
    p.n = 1;
    if (!rc)
        rc = store_q(s, &cv_sql, &p, NULL, NULL, &cvs, "removing an application's CV", e);
    if (!rc)
        rc = store_q(s, store_sql_of(s, &history_sql), &p, NULL, NULL, NULL,
                     "anonymising an application's history", e);
    *had_cv = cvs > 0;
    return rc;
}
