/*
 * The recruitment use cases (recruit.h). An applicant is nobody's account: their actions
 * are audited under "(applicant)" with the application's public id, never their name.
 * Recruiters' reads of an application are audited like reads of a child's record (a
 * read row per view, list and CV download), since an application is a person's data.
 */
#include "casework/recruit.h"
#include "casework/cw_impl.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/codeset.h"
#include "domain/ident.h"
#include "domain/public_id.h"
#include "domain/workforce.h"
#include "store/store_recruit.h"
#include "store/store_rec.h"

bool cw_may_recruit(const struct actor *who) { return cw_role_in(who, recruit_roles); }

static enum kerr_code refuse(struct store *s, const struct actor *who, const char *action,
                             struct cw_err *err)
{
    cw_audit(s, who, 0, action, "denied", NULL, true, NULL);
    return kerr_fail(&err->e, KITH_E_FORBIDDEN, "role",
                     "only recruiters and team managers see applications");
}

static bool is_open(const struct vacancy *v, kdate today)
{
    return !v->closed && v->published_on <= today && v->closing_date >= today;
}

static void problem(struct cw_err *err, const char *name, const char *label, const char *msg,
                    const char *expect)
{
    field_fail(&err->fields, &(const struct field){.name = name, .label = label}, -1, NULL, msg,
               expect ? "%s" : NULL, expect);
}

/* The CV's own checks: there is one, it is a PDF or a DOCX by its bytes, and its name
 * says the same kind. Returns the kind's code, or NULL with the problem in err. */
static const char *cv_checked(const struct cw_cv *cv, struct cw_err *err)
{
    static const char *const kinds[] = {
        [CV_UNKNOWN] = "neither a PDF nor a Word document",
        [CV_PDF] = "a PDF",
        [CV_DOCX] = "a Word document (DOCX)",
        [CV_EXECUTABLE] = "a program",
        [CV_OTHER_ZIP] = "a ZIP archive that is not a Word document",
    };
    if (!cv || !cv->len) {
        problem(err, "cv", "CV", "is missing", "a PDF or Word document (DOCX) of your CV");
        return NULL;
    }
    enum cv_kind is = application_cv_kind(cv->data, cv->len);
    enum cv_kind named = application_cv_named(cv->filename);
    const char *code = application_cv_code(is);
    if (!code) {
        field_fail(&err->fields, &(const struct field){.name = "cv", .label = "CV"}, -1, NULL,
                   "is not a PDF or a Word document", "a .pdf or .docx file (this file is %s)",
                   kinds[is]);
        return NULL;
    }
    if (named != is) {
        field_fail(&err->fields, &(const struct field){.name = "cv", .label = "CV"}, -1, NULL,
                   "has a name that does not match what it is",
                   "a file named .%s (this file is %s, but its name says otherwise)", code,
                   kinds[is]);
        return NULL;
    }
    return code;
}

/* The file's name without any directory a browser may send, at most 200 bytes. */
static const char *base_name(const char *name, struct arena *a)
{
    const char *n = name ? name : "cv";
    for (const char *p = n; *p; p++)
        if (*p == '/' || *p == '\\')
            n = p + 1;
    return arena_strndup(a, *n ? n : "cv", 200);
}

enum kerr_code cw_apply(struct store *s, const struct actor *who, const char *vacancy_ref,
                        struct application *app, const struct cw_cv *cv, bool privacy_seen,
                        char token[KCRYPTO_TOKEN_TEXT], struct arena *a, struct cw_err *err)
{
    struct vacancy v;
    enum kerr_code rc = store_rec_find(s, &vacancy_type, vacancy_ref, a, &v, &err->e);
    if (rc == KITH_E_NOT_FOUND || (!rc && v.published_on > who->today))
        return kerr_fail(&err->e, KITH_E_NOT_FOUND, "vacancy", "there is no such vacancy");
    if (rc)
        return rc;
    if (!is_open(&v, who->today))
        return kerr_fail(&err->e, KITH_E_CONFLICT, "vacancy",
                         "the vacancy has closed to applications");
    if (cv && cv->len > APPLICATION_CV_MAX)
        return kerr_fail(&err->e, KITH_E_TOO_LARGE, "cv", "the CV must be %d MB or smaller",
                         APPLICATION_CV_MAX / (1024 * 1024));
    app->h.parent_id = v.h.id;
    snprintf(app->stage, sizeof app->stage, "received");
    app->stage_on = who->today;
    const char *kind = cv_checked(cv, err);
    /* A refused CV has its one problem, named "cv", from cv_checked: the record's own CV
     * fields then hold stand-ins, so the checks below do not name them again. */
    snprintf(app->cv_kind, sizeof app->cv_kind, "%s", kind ? kind : "pdf");
    app->cv_size = kind && cv ? (int64_t)cv->len : 1;
    app->cv_name = kind && cv ? base_name(cv->filename, a) : "-";
    /* Typed in lower case, or padded as the HCPC wrote it: kept as the register writes it.
     * What is no number at all stays as typed, for the check to quote. */
    char swe[SWE_NUMBER_LEN + 1];
    if (swe_number_normalise(app->swe_number, swe))
        snprintf(app->swe_number, sizeof app->swe_number, "%s", swe);
    if (v.needs_swe_registration && !app->swe_number[0])
        problem(err, "swe_number", "Social Work England registration number",
                "is needed for this role", "SW followed by digits, like SW123456");
    if (!privacy_seen)
        problem(err, "privacy", "privacy notice", "has not been read",
                "a tick to say you have read how your information is used");
    kcrypto_token(token);
    kcrypto_digest(token, app->withdraw_digest);
    struct field_ctx ctx = {.today = who->today};
    rec_check(&application_type, app, &ctx, &err->fields);
    if (err->fields.n || err->fields.dropped)
        return kerr_fail(&err->e, KITH_E_INVALID, err->fields.items[0].field, "%s",
                         err->fields.items[0].msg);
    app->h.created_by = 0;
    app->h.created_at = who->now;
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_rec_add(s, &application_type, app, who->now, &err->e);
    if (!rc && cv) /* always: an application without a CV was refused above */
        rc = store_cv_put(s, app->h.id, cv->data, cv->len, a, &err->e);
    if (!rc)
        rc = cw_audit(s, who, 0, "application.add", "ok", app->h.public_id, false, &err->e);
    if (!rc)
        rc = store_commit(s, &err->e);
    if (rc)
        store_rollback(s);
    return rc;
}

enum kerr_code cw_application_by_link(struct store *s, const char *token, struct arena *a,
                                      struct application *out, struct vacancy *vacancy,
                                      struct cw_err *err)
{
    char digest[KCRYPTO_DIGEST_TEXT];
    kcrypto_digest(token ? token : "", digest);
    int64_t id;
    enum kerr_code rc = store_application_by_digest(s, digest, &id, &err->e);
    if (!rc)
        rc = store_rec_get(s, &application_type, id, a, out, &err->e);
    if (!rc && vacancy)
        rc = store_rec_get(s, &vacancy_type, out->h.parent_id, a, vacancy, &err->e);
    return rc;
}

/* Write `app` at its new stage with the note as the version's reason, and its audit row. */
static enum kerr_code move(struct store *s, const struct actor *who, struct application *app,
                           const char *to, kdate on, const char *note, struct cw_err *err)
{
    snprintf(app->stage, sizeof app->stage, "%s", to);
    app->stage_on = on;
    app->h.reason = note;
    app->h.updated_by = who->user_id;
    enum kerr_code rc = store_rec_update(s, &application_type, app, who->now, &err->e);
    char detail[64];
    snprintf(detail, sizeof detail, "%s %s", app->h.public_id, to);
    if (!rc)
        rc = cw_audit(s, who, 0, "application.move", "ok", detail, false, &err->e);
    return rc;
}

enum kerr_code cw_withdraw(struct store *s, const struct actor *who, const char *token,
                           struct arena *a, struct application *out, struct cw_err *err)
{
    enum kerr_code rc = cw_application_by_link(s, token, a, out, NULL, err);
    if (rc)
        return rc;
    if (application_stage_final(out->stage))
        return kerr_fail(&err->e, KITH_E_CONFLICT, "stage",
                         !strcmp(out->stage, "withdrawn")
                             ? "the application has already been withdrawn"
                             : "the application has been decided and can no longer be withdrawn");
    rc = store_begin(s, &err->e);
    if (!rc)
        rc = move(s, who, out, "withdrawn", who->today, "withdrawn by the applicant", err);
    if (!rc)
        rc = store_commit(s, &err->e);
    if (rc)
        store_rollback(s);
    return rc;
}

enum kerr_code cw_applications(struct store *s, const struct actor *who, const char *vacancy_ref,
                               struct arena *a, struct vacancy *vacancy, struct application **out,
                               size_t *n, struct cw_err *err)
{
    *out = NULL;
    *n = 0;
    if (!cw_may_recruit(who))
        return refuse(s, who, "application.list", err);
    enum kerr_code rc = store_rec_find(s, &vacancy_type, vacancy_ref, a, vacancy, &err->e);
    void *rows = NULL;
    if (!rc)
        rc =
            store_rec_list(s, &application_type,
                           &(struct rec_query){.parent_id = vacancy->h.id, .limit = STORE_PAGE_MAX},
                           a, &rows, n, NULL, &err->e);
    if (rc)
        return rc;
    *out = rows;
    return cw_audit(s, who, 0, "application.list", "ok", vacancy->h.public_id, true, &err->e);
}

enum kerr_code cw_application_view(struct store *s, const struct actor *who, const char *ref,
                                   struct arena *a, struct application *out,
                                   struct vacancy *vacancy, struct application **history,
                                   size_t *nhistory, struct cw_err *err)
{
    if (!cw_may_recruit(who))
        return refuse(s, who, "application.view", err);
    enum kerr_code rc = store_rec_find(s, &application_type, ref, a, out, &err->e);
    if (!rc)
        rc = store_rec_get(s, &vacancy_type, out->h.parent_id, a, vacancy, &err->e);
    void *rows = NULL;
    if (!rc && history)
        rc = store_rec_history(s, &application_type, out->h.id, a, &rows, nhistory, &err->e);
    if (rc)
        return rc;
    if (history)
        *history = rows;
    return cw_audit(s, who, 0, "application.view", "ok", out->h.public_id, true, &err->e);
}

enum kerr_code cw_application_cv(struct store *s, const struct actor *who, const char *ref,
                                 struct arena *a, struct application *app, const void **data,
                                 size_t *len, struct cw_err *err)
{
    if (!cw_may_recruit(who))
        return refuse(s, who, "application.cv", err);
    const char *digest;
    enum kerr_code rc = store_rec_find(s, &application_type, ref, a, app, &err->e);
    if (!rc)
        rc = store_cv_get(s, app->h.id, a, data, len, &digest, &err->e);
    if (rc)
        return rc;
    return cw_audit(s, who, 0, "application.cv", "ok", app->h.public_id, true, &err->e);
}

/* The worker's role for a vacancy's role: the same where the two sets share a code. */
static const struct {
    const char *job, *worker;
} roles[] = {
    {"social-worker", "social-worker"},
    {"senior-practitioner", "senior-practitioner"},
    {"advanced-practitioner", "senior-practitioner"},
    {"team-manager", "team-manager"},
    {"personal-adviser", "personal-adviser"},
    {"family-support-worker", "family-support-worker"},
    {"cp-chair-iro", "iro"},
    {"asye", "social-worker"},
    {"trainee", "social-worker"},
};

const struct team *cw_vacancy_team(const struct vacancy *v, const struct team *teams, size_t n)
{
    for (size_t i = 0; v->team && i < n; i++)
        if (!strcasecmp(teams[i].name, v->team))
            return &teams[i];
    return NULL;
}

/* The team an appointment joins: one of the teams by its public id (a vacancy names its
 * team in words for applicants, which need not be a team's exact name). */
static void appoint_team(struct store *s, const char *ref, struct arena *a, struct team *t,
                         struct cw_err *err)
{
    char id[PUBLIC_ID_LEN + 1];
    struct kerr e = KERR_INIT;
    if (!ref || !*ref)
        field_fail(&err->fields, &worker_team, -1, NULL, "is missing", NULL);
    else if (!public_id_normalize(ref, id) || store_team_find(s, id, a, t, &e))
        field_fail(&err->fields, &worker_team, -1, ref, "is not one of the teams", NULL);
}

/* The worker an appointment makes, from the application and the vacancy. */
static enum kerr_code appoint(struct store *s, const struct application *app, kdate on,
                              const struct team *t, struct arena *a, struct worker *w,
                              struct cw_err *err)
{
    struct vacancy v;
    enum kerr_code rc = store_rec_get(s, &vacancy_type, app->h.parent_id, a, &v, &err->e);
    if (rc)
        return rc;
    memset(w, 0, sizeof *w);
    w->team_id = t->id;
    w->given_name = app->given_name;
    w->family_name = app->family_name;
    snprintf(w->registration, sizeof w->registration, "%s", app->swe_number);
    const char *role = "social-worker";
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (!strcmp(roles[i].job, v.role))
            role = roles[i].worker;
    w->role = (enum worker_role)code_index(CS_WORKER_ROLE, role, strlen(role));
    w->fte = !strcmp(v.hours, "part-time") ? 0.6 : 1.0;
    w->agency = false;
    w->start = on;
    w->end = DATE_NONE;
    w->dob = DATE_NONE;
    /* a new starter's origin and the census items only they can give are added on their
     * worker record (`kith worker show` lists what is missing) */
    return store_worker_add(s, w, &err->e);
}

enum kerr_code cw_application_move(struct store *s, const struct actor *who, const char *ref,
                                   int version, const char *to, kdate on, const char *note,
                                   const char *team_ref, struct arena *a, struct application *out,
                                   struct worker *worker, struct cw_err *err)
{
    if (!cw_may_recruit(who))
        return refuse(s, who, "application.move", err);
    enum kerr_code rc = store_rec_find(s, &application_type, ref, a, out, &err->e);
    if (rc)
        return rc;
    if (!to || code_index(CS_JOB_STAGE, to, strlen(to)) < 0)
        problem(err, "stage", "stage", "is not a stage of the pipeline",
                "received, shortlisted, interview, offer, appointed, rejected or withdrawn");
    else if (!application_move_ok(out->stage, to))
        field_fail(&err->fields, &(const struct field){.name = "stage", .label = "stage"}, -1, to,
                   "cannot follow the application's stage now", "a stage after %s",
                   code_label(CS_JOB_STAGE, out->stage, 0));
    if (!note || !*note)
        problem(err, "note", "note", "is missing", "a few words on why");
    if (on == DATE_NONE || on > who->today || on < out->stage_on)
        problem(err, "on", "date", "is not a day from the last stage's up to today",
                "the day it happened");
    struct team team = {0};
    bool appointing = to && !strcmp(to, "appointed");
    if (appointing)
        appoint_team(s, team_ref, a, &team, err);
    if (err->fields.n)
        return kerr_fail(&err->e, KITH_E_INVALID, err->fields.items[0].field, "%s",
                         err->fields.items[0].msg);
    if (version != out->h.version)
        return kerr_fail(&err->e, KITH_E_CONFLICT, "version",
                         "someone else moved this application first: it is now %s",
                         code_label(CS_JOB_STAGE, out->stage, 0));
    rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = move(s, who, out, to, on, note, err);
    if (!rc && appointing)
        rc = appoint(s, out, on, &team, a, worker, err);
    if (!rc)
        rc = store_commit(s, &err->e);
    if (rc)
        store_rollback(s);
    return rc;
}

int64_t cw_days_to_hire(const struct vacancy *v, const struct application *app)
{
    if (strcmp(app->stage, "appointed") || v->published_on == DATE_NONE)
        return -1;
    return (int64_t)(app->stage_on - v->published_on);
}
