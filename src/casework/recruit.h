/*
 * The recruitment use cases (issue 20 §2-3): an applicant applies for an open vacancy and
 * may withdraw through a private link; recruiters and team managers write vacancies, see
 * applications (every view audited, as a child's record is), download a CV (audited) and
 * move an application along the pipeline with a note; appointing makes the worker record
 * from the application and the vacancy, so nothing is typed twice. The same carrier as the
 * other use cases (casework.h): the pages render it.
 */
#ifndef KITH_CASEWORK_RECRUIT_H
#define KITH_CASEWORK_RECRUIT_H

#include <stdbool.h>
#include <stddef.h>

#include "casework/casework.h"
#include "core/crypto.h"
#include "domain/application.h"
#include "domain/record.h"
#include "domain/vacancy.h"

/* Whether `who` may run the back office: a recruiter or a team manager. Everyone else is
 * refused: case-recording accounts, and the operator's `kith record` too, since a vacancy
 * is published under a recruiter's name and an application read only by those who hire. */
bool cw_may_recruit(const struct actor *who);

/* The CV as the form sent it. */
struct cw_cv {
    const char *filename;
    const void *data;
    size_t len;
};

/* Apply for the open vacancy `vacancy_ref` (its public id). `app` holds what the form
 * gave (names, contact details, right to work, registration number, statement); the rest
 * is filled here: the vacancy, the CV's name, kind and size, the stage (received, today)
 * and the withdraw link's digest; `token` gets the link's secret, shown once. Refused,
 * writing nothing: KITH_E_NOT_FOUND (no such vacancy, or not published), KITH_E_CONFLICT
 * (it has closed), KITH_E_TOO_LARGE (the CV is over APPLICATION_CV_MAX), KITH_E_INVALID
 * with every problem in err->fields (missing answers, a registration number the role
 * needs or that is not one, the privacy notice not acknowledged, a CV that is not a PDF or
 * a DOCX by its content, or whose name says another kind). The application, its CV and
 * its audit row are written in one transaction. */
enum kerr_code cw_apply(struct store *s, const struct actor *who, const char *vacancy_ref,
                        struct application *app, const struct cw_cv *cv, bool privacy_seen,
                        char token[KCRYPTO_TOKEN_TEXT], struct arena *a, struct cw_err *err);

/* The application the private link `token` names, for the applicant (not audited as a
 * recruiter's view: it is their own). KITH_E_NOT_FOUND for a link that names none. */
enum kerr_code cw_application_by_link(struct store *s, const char *token, struct arena *a,
                                      struct application *out, struct vacancy *vacancy,
                                      struct cw_err *err);
/* Withdraw it: KITH_E_CONFLICT when it was already withdrawn or decided. */
enum kerr_code cw_withdraw(struct store *s, const struct actor *who, const char *token,
                           struct arena *a, struct application *out, struct cw_err *err);

/* A vacancy's applications (audited as one view of the list), by stage date, newest
 * first. KITH_E_FORBIDDEN for anyone but a recruiter or team manager. */
enum kerr_code cw_applications(struct store *s, const struct actor *who, const char *vacancy_ref,
                               struct arena *a, struct vacancy *vacancy, struct application **out,
                               size_t *n, struct cw_err *err);
/* One application with its vacancy and its pipeline (every version, oldest first); the
 * view is audited. */
enum kerr_code cw_application_view(struct store *s, const struct actor *who, const char *ref,
                                   struct arena *a, struct application *out,
                                   struct vacancy *vacancy, struct application **history,
                                   size_t *nhistory, struct cw_err *err);
/* Its CV's bytes, audited as a download. */
enum kerr_code cw_application_cv(struct store *s, const struct actor *who, const char *ref,
                                 struct arena *a, struct application *app, const void **data,
                                 size_t *len, struct cw_err *err);

/* Move application `ref` from version `version` to stage `to` on day `on`, with the
 * recruiter's note (required). Moves the pipeline does not allow are KITH_E_INVALID;
 * someone else's move first is KITH_E_CONFLICT. Appointing adds the worker record from
 * the application and the vacancy (names, registration, role, hours; starting on `on`)
 * in the same transaction, in team `team_ref` (a team's public id, chosen from the list:
 * required when appointing, unread otherwise); `worker` gets it. */
enum kerr_code cw_application_move(struct store *s, const struct actor *who, const char *ref,
                                   int version, const char *to, kdate on, const char *note,
                                   const char *team_ref, struct arena *a, struct application *out,
                                   struct worker *worker, struct cw_err *err);

/* The team whose name the vacancy gives, or NULL: what the appointing form offers first. */
const struct team *cw_vacancy_team(const struct vacancy *v, const struct team *teams, size_t n);

/* Days from the vacancy's publication to an appointment, for "time to hire". */
int64_t cw_days_to_hire(const struct vacancy *v, const struct application *app);

#endif
