/*
 * kith's routes: the one table the router enforces. Adding a route means adding a row
 * here with its permission, CSRF flag and parameters; tests/http/test_router.c walks the
 * table and fails on a row without a policy or an unsafe row without CSRF.
 */
#include "http/api.h"
#include "http/pages.h"
#include "http/scope.h"

static const struct route_param search_params[] = {
    {"q", PARAM_LINE, 100, true, "a name, LA child id or UPN", "Search"},
    {"page", PARAM_INT, 6, false, NULL, "Page"},
    {0},
};

/* A date is a GOV.UK date input: three fields the handler reads (page_date_read), with
 * room for a month's name or a whole date typed into one of them. `date` is the one box
 * of pages served before the date input, kept so a post carried across sign-in from such
 * a page is still read. */
/* clang-format off */
#define DATE_PARAMS(prefix, title)                                                  \
    {prefix "-day", PARAM_LINE, 20, false, NULL, title ": the day"},                \
    {prefix "-month", PARAM_LINE, 20, false, NULL, title ": the month"},            \
    {prefix "-year", PARAM_LINE, 20, false, NULL, title ": the year"}
/* clang-format on */

/* A new child's form, after the duplicate check was shown (pages_child_form.c) */
static const struct route_param child_new_params[] = {
    {"checked", PARAM_LINE, 1, false, NULL, NULL},
    {0},
};

/* A merge's confirmation, and its undoing (pages_child_form.c) */
static const struct route_param merge_params[] = {
    {"reason", PARAM_TEXT, 2000, false, NULL, "The reason"},
    {0},
};

/* A case note's fields are its description's (ROUTE_NOTE_FORM); this is the one box of a
 * date from a page served before the date input, kept so a post carried across sign-in
 * from such a page is still read. */
static const struct route_param note_params[] = {
    {"date", PARAM_LINE, 20, false, NULL, "Date of the note"},
    {0},
};

/* A step-down's closure of the CIN episode, beside the new family help episode's fields
 * (domain/help.h step_down_fields). */
static const struct route_param step_down_params[] = {
    DATE_PARAMS("cin_closure_date", "Date the CIN episode closed"),
    {"cin_closure_reason", PARAM_LINE, 16, false, NULL, "Reason the CIN episode closed"},
    {0},
};

/* Deleting a record entered in error: the version seen and why (the use case requires it). */
static const struct route_param delete_params[] = {
    {"version", PARAM_INT, 10, false, NULL, "Version"},
    {"reason", PARAM_TEXT, 1000, false, NULL, "Why it was entered in error"},
    {0},
};

static const struct route_param sign_in_params[] = {
    {"username", PARAM_LINE, 64, true, "your username", "Username"},
    {"password", PARAM_LINE, 256, true, "your password", "Password"},
    {"next", PARAM_LINE, 256, false, NULL, NULL},
    {0},
};

static const struct route_param audit_params[] = {
    {"child", PARAM_LINE, 40, false, "a child", "Child"},
    {"user", PARAM_LINE, 64, false, "an account", "Account"},
    DATE_PARAMS("from", "From"),
    DATE_PARAMS("to", "To"),
    {"from", PARAM_LINE, 20, false, NULL, "From"},
    {"to", PARAM_LINE, 20, false, NULL, "To"},
    {"page", PARAM_INT, 6, false, NULL, "Page"},
    {0},
};

static const struct route_param user_add_params[] = {
    {"username", PARAM_LINE, 64, true, "a username", "Username"},
    {"role", PARAM_LINE, 40, true, "a role", "Role"},
    {"worker", PARAM_LINE, 40, false, NULL, "Worker"},
    {0},
};

/* The form's text fields; the files come as req->files (multipart/form-data). */
static const struct route_param validate_params[] = {
    {"type", PARAM_LINE, 20, false, NULL, "Type"},
    {"year", PARAM_LINE, 7, false, NULL, "Collection year"},
    {"format", PARAM_LINE, 4, false, NULL, "Format"},
    {"la", PARAM_LINE, 20, false, NULL, "Local authority code"},
    {0},
};

/* An application's text fields; the CV comes as req->files (multipart/form-data). The
 * use case judges what is missing, so none is required here. */
static const struct route_param apply_params[] = {
    {"given_name", PARAM_LINE, 400, false, NULL, "First name"},
    {"family_name", PARAM_LINE, 400, false, NULL, "Last name"},
    {"email", PARAM_LINE, 1000, false, NULL, "Email address"},
    {"phone", PARAM_LINE, 120, false, NULL, "Phone number"},
    {"right_to_work", PARAM_LINE, 40, false, NULL, "Right to work"},
    {"swe_number", PARAM_LINE, 40, false, NULL, "Social Work England registration number"},
    {"statement", PARAM_TEXT, 10000, false, NULL, "Supporting statement"},
    {"privacy", PARAM_LINE, 10, false, NULL, "Privacy notice"},
    {"website", PARAM_LINE, 400, false, NULL, NULL},
    {0},
};

static const struct route_param move_params[] = {
    {"version", PARAM_INT, 12, false, NULL, "The version"},
    {"stage", PARAM_LINE, 40, true, "the stage to move to", "Stage"},
    DATE_PARAMS("on", "Date"),
    {"note", PARAM_TEXT, 2000, true, "a note", "Note"},
    {"team", PARAM_PUBLIC_ID, PUBLIC_ID_LEN, false, NULL, "Team"},
    {0},
};

static const struct route_param withdraw_params[] = {
    {"withdraw", PARAM_LINE, 10, false, NULL, NULL},
    {0},
};

/* clang-format off */
const struct route routes[] = {
    {HTTP_GET,  "/assets/images/{name}", page_asset_image, ROUTE_PUBLIC, ROUTE_ASSET, PARAM_ASSET,
     NULL, NULL, "/assets/images/{name}"},
    {HTTP_GET,  "/assets/{version}/{name}", page_asset, ROUTE_PUBLIC, ROUTE_ASSET, PARAM_ASSET,
     NULL, NULL, "/assets/{version}/{name}"},
    {HTTP_GET,  "/accessibility", page_accessibility, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL,
     "/accessibility"},
    {HTTP_GET,  "/healthz", page_health, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL, "/healthz"},
    /* The public jobs board: its filters come in the query string (pages_jobs.c). */
    {HTTP_GET,  "/jobs", page_jobs, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL, "/jobs"},
    {HTTP_GET,  "/jobs.atom", page_jobs_atom, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL,
     "/jobs.atom"},
    {HTTP_GET,  "/jobs/{id}", page_job, ROUTE_PUBLIC, 0, PARAM_PUBLIC_ID, route_scope_public, NULL,
     "/jobs/{id}"},
    /* Applying: no sign-in; the body may carry a CV (ROUTE_APPLY). */
    {HTTP_GET,  "/jobs/{id}/apply", page_apply_form, ROUTE_PUBLIC, 0, PARAM_PUBLIC_ID,
     route_scope_public, NULL, "/jobs/{id}/apply"},
    {HTTP_POST, "/jobs/{id}/apply", page_apply, ROUTE_PUBLIC, ROUTE_CSRF | ROUTE_APPLY,
     PARAM_PUBLIC_ID, route_scope_public, apply_params, "/jobs/{id}/apply"},
    {HTTP_GET,  "/applications/{token}", page_application_link, ROUTE_PUBLIC, 0, PARAM_TOKEN, NULL,
     NULL, "/applications/{token}"},
    {HTTP_POST, "/applications/{token}", page_application_withdraw, ROUTE_PUBLIC, ROUTE_CSRF,
     PARAM_TOKEN, NULL, withdraw_params, "/applications/{token}"},
    /* The recruitment back office (pages_recruit.c). */
    {HTTP_GET,  "/recruit", page_recruit, ROUTE_RECRUIT, 0, PARAM_LINE, NULL, NULL, "/recruit"},
    {HTTP_GET,  "/recruit/{type}/new", page_recruit_vacancy_new, ROUTE_RECRUIT, 0, PARAM_SLUG, NULL,
     NULL, "/recruit/{type}/new"},
    {HTTP_POST, "/recruit/{type}", page_recruit_vacancy_add, ROUTE_RECRUIT,
     ROUTE_CSRF | ROUTE_RECORD_FORM, PARAM_SLUG, NULL, NULL, "/recruit/{type}"},
    {HTTP_GET,  "/recruit/{type}/{rid}/edit", page_recruit_vacancy_edit, ROUTE_RECRUIT, 0,
     PARAM_SLUG, route_scope_recruit, NULL, "/recruit/{type}/{rid}/edit"},
    {HTTP_POST, "/recruit/{type}/{rid}", page_recruit_vacancy_correct, ROUTE_RECRUIT,
     ROUTE_CSRF | ROUTE_RECORD_FORM, PARAM_SLUG, route_scope_recruit, NULL,
     "/recruit/{type}/{rid}"},
    {HTTP_GET,  "/recruit/vacancies/{id}", page_recruit_vacancy, ROUTE_RECRUIT, 0, PARAM_PUBLIC_ID,
     route_scope_recruit, NULL, "/recruit/vacancies/{id}"},
    {HTTP_POST, "/recruit/vacancies/{id}/close", page_recruit_vacancy_close, ROUTE_RECRUIT,
     ROUTE_CSRF, PARAM_PUBLIC_ID, route_scope_recruit, NULL, "/recruit/vacancies/{id}/close"},
    {HTTP_GET,  "/recruit/applications/{id}", page_recruit_application, ROUTE_RECRUIT, 0,
     PARAM_PUBLIC_ID, route_scope_recruit, NULL, "/recruit/applications/{id}"},
    {HTTP_POST, "/recruit/applications/{id}/move", page_recruit_application_move, ROUTE_RECRUIT,
     ROUTE_CSRF, PARAM_PUBLIC_ID, route_scope_recruit, move_params,
     "/recruit/applications/{id}/move"},
    {HTTP_GET,  "/recruit/applications/{id}/cv", page_recruit_cv, ROUTE_RECRUIT, 0,
     PARAM_PUBLIC_ID, route_scope_recruit, NULL, "/recruit/applications/{id}/cv"},
    {HTTP_GET,  "/sign-in", page_sign_in_form, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL, "/sign-in"},
    {HTTP_POST, "/sign-in", page_sign_in, ROUTE_PUBLIC, ROUTE_CSRF, PARAM_LINE, NULL,
     sign_in_params, "/sign-in"},
    {HTTP_POST, "/sign-out", page_sign_out, ROUTE_SIGNED_IN, ROUTE_CSRF, PARAM_LINE, NULL, NULL,
     "/sign-out"},
    {HTTP_GET,  "/signed-out", page_signed_out, ROUTE_PUBLIC, 0, PARAM_LINE, NULL, NULL,
     "/signed-out"},
    /* Each role's start page (auth.c's table): a redirect, or the caseload itself */
    {HTTP_GET,  "/", page_home, ROUTE_SIGNED_IN, 0, PARAM_LINE, NULL, NULL, "/"},
    {HTTP_GET,  "/caseload", page_caseload, ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_LINE,
     NULL, NULL, "/caseload"},
    {HTTP_GET,  "/team", page_team_home, ROUTE_SIGNED_IN | ROUTE_TEAM_READ | ROUTE_CHILD_READ, 0,
     PARAM_LINE, NULL, NULL, "/team"},
    /* What is due (pages_work.c): a worker's own, and a team manager's team view. Both
     * list only the children the account may see (casework/work.c checks each). */
    {HTTP_GET,  "/work", page_work, ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_LINE, NULL, NULL,
     "/work"},
    {HTTP_GET,  "/work/team", page_work_team, ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_TEAM_READ,
     0, PARAM_LINE, NULL, NULL, "/work/team"},
    {HTTP_GET,  "/search", page_search_form, ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_LINE,
     NULL, NULL, "/search"},
    {HTTP_POST, "/search", page_search, ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_CSRF, PARAM_LINE,
     NULL, search_params, "/search"},
    /* The child's identity, from the person's description (pages_child_form.c) */
    {HTTP_GET,  "/children/new", page_child_new, ROUTE_SIGNED_IN | ROUTE_CHILD_WRITE, 0,
     PARAM_LINE, NULL, NULL, "/children/new"},
    {HTTP_POST, "/children", page_child_create, ROUTE_SIGNED_IN | ROUTE_CHILD_WRITE,
     ROUTE_CSRF | ROUTE_CHILD_FORM, PARAM_LINE, NULL, child_new_params, "/children"},
    {HTTP_GET,  "/contacts/new", page_child_new,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE | ROUTE_NOTE_WRITE, 0, PARAM_LINE, NULL,
     NULL, "/contacts/new"},
    {HTTP_POST, "/contacts", page_child_create,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE | ROUTE_NOTE_WRITE,
     ROUTE_CSRF | ROUTE_CHILD_FORM, PARAM_LINE, NULL, child_new_params, "/contacts"},
    {HTTP_GET,  "/children/{id}/merge/{gone}", page_child_merge_form,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, 0, PARAM_PUBLIC_ID, route_scope_child,
     NULL, "/children/{id}/merge/{gone}"},
    {HTTP_POST, "/children/{id}/merge/{gone}", page_child_merge,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_CSRF, PARAM_PUBLIC_ID,
     route_scope_child, merge_params, "/children/{id}/merge/{gone}"},
    {HTTP_GET,  "/children/{id}/unmerge", page_child_unmerge,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, 0, PARAM_PUBLIC_ID, route_scope_child,
     NULL, "/children/{id}/unmerge"},
    {HTTP_POST, "/children/{id}/unmerge", page_child_unmerge,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_CSRF, PARAM_PUBLIC_ID,
     route_scope_child, merge_params, "/children/{id}/unmerge"},
    {HTTP_GET,  "/children/{id}/duplicates", page_child_duplicates,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/children/{id}/duplicates"},
    {HTTP_GET,  "/children/{id}", page_child, ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0,
     PARAM_PUBLIC_ID, route_scope_child, NULL, "/children/{id}"},
    {HTTP_GET,  "/children/{id}/chronology", page_child_chronology,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/children/{id}/chronology"},
    {HTTP_GET,  "/children/{id}/edit", page_child_edit,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, 0, PARAM_PUBLIC_ID, route_scope_child,
     NULL, "/children/{id}/edit"},
    {HTTP_POST, "/children/{id}", page_child_correct,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_CSRF | ROUTE_CHILD_FORM,
     PARAM_PUBLIC_ID, route_scope_child, NULL, "/children/{id}"},
    {HTTP_POST, "/children/{id}/notes", page_note_add,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_CSRF | ROUTE_NOTE_FORM,
     PARAM_PUBLIC_ID, route_scope_child, note_params, "/children/{id}/notes"},
    /* Every record type, from its description (pages_records.c); the forms' fields are
     * the type's (ROUTE_RECORD_FORM) */
    {HTTP_GET,  "/children/{id}/records/{type}", page_records_list,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, 0, PARAM_SLUG, route_scope_child, NULL,
     "/children/{id}/records/{type}"},
    {HTTP_GET,  "/children/{id}/records/{type}/new", page_records_new,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, 0, PARAM_SLUG, route_scope_child, NULL,
     "/children/{id}/records/{type}/new"},
    {HTTP_POST, "/children/{id}/records/{type}", page_records_add,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_CSRF | ROUTE_RECORD_FORM,
     PARAM_SLUG, route_scope_child, NULL, "/children/{id}/records/{type}"},
    /* The records of a type that hangs off no child (a vacancy, an agency price cap): its
     * list and its form, for its keepers (ROUTE_KEPT: the type's description names the
     * roles that read and write it, and the scope asks). A record of any type, below, is
     * a child's record's or a keeper's by its type. */
    {HTTP_GET,  "/records/{type}", page_kept_list, ROUTE_SIGNED_IN, ROUTE_KEPT, PARAM_SLUG,
     route_scope_kept, NULL, "/records/{type}"},
    {HTTP_GET,  "/records/{type}/new", page_kept_new, ROUTE_SIGNED_IN | ROUTE_NOTE_WRITE,
     ROUTE_KEPT, PARAM_SLUG, route_scope_kept, NULL, "/records/{type}/new"},
    {HTTP_POST, "/records/{type}", page_kept_add, ROUTE_SIGNED_IN | ROUTE_NOTE_WRITE,
     ROUTE_CSRF | ROUTE_RECORD_FORM | ROUTE_KEPT, PARAM_SLUG, route_scope_kept, NULL,
     "/records/{type}"},
    {HTTP_GET,  "/records/{type}/{rid}", page_record, ROUTE_SIGNED_IN | ROUTE_CHILD_READ,
     ROUTE_KEPT, PARAM_SLUG, route_scope_record, NULL, "/records/{type}/{rid}"},
    {HTTP_GET,  "/records/{type}/{rid}/edit", page_record_edit,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_KEPT, PARAM_SLUG,
     route_scope_record, NULL, "/records/{type}/{rid}/edit"},
    {HTTP_POST, "/records/{type}/{rid}", page_record_correct,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE,
     ROUTE_CSRF | ROUTE_RECORD_FORM | ROUTE_KEPT, PARAM_SLUG, route_scope_record, NULL,
     "/records/{type}/{rid}"},
    /* Stepping from one record into a new one of {type}, in one action (casework/step.h):
     * family help up to a referral, a CIN episode down to family help; the form is the new
     * record's, with the CIN episode's closure beside it on a step-down */
    {HTTP_GET,  "/records/{from}/{rid}/step/{type}", page_record_step,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, 0, PARAM_SLUG, route_scope_record, NULL,
     "/records/{from}/{rid}/step/{type}"},
    {HTTP_POST, "/records/{from}/{rid}/step/{type}", page_record_step_post,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_CSRF | ROUTE_RECORD_FORM,
     PARAM_SLUG, route_scope_record, step_down_params, "/records/{from}/{rid}/step/{type}"},
    {HTTP_GET,  "/records/{type}/{rid}/delete", page_record_delete,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, 0, PARAM_SLUG, route_scope_record, NULL,
     "/records/{type}/{rid}/delete"},
    {HTTP_POST, "/records/{type}/{rid}/delete", page_record_delete_post,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_CSRF, PARAM_SLUG, route_scope_record,
     delete_params, "/records/{type}/{rid}/delete"},
    {HTTP_GET,  "/records/{type}/{rid}/history", page_record_history,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_KEPT, PARAM_SLUG, route_scope_record, NULL,
     "/records/{type}/{rid}/history"},
    {HTTP_GET,  "/teams", page_teams, ROUTE_SIGNED_IN | ROUTE_TEAM_READ, 0, PARAM_LINE, NULL, NULL,
     "/teams"},
    {HTTP_GET,  "/teams/{id}", page_team, ROUTE_SIGNED_IN | ROUTE_TEAM_READ, 0, PARAM_PUBLIC_ID,
     route_scope_team, NULL, "/teams/{id}"},
    /* The workforce in figures for leaders (pages_workforce.c); ?from= and ?to= in the query */
    {HTTP_GET,  "/workforce", page_workforce, ROUTE_SIGNED_IN | ROUTE_WORKFORCE, 0, PARAM_LINE,
     NULL, NULL, "/workforce"},
    /* Agency social workers in force, for those who manage staff (pages_agency.c); ?page= */
    {HTTP_GET,  "/workforce/agency", page_agency, ROUTE_SIGNED_IN | ROUTE_WORKFORCE, 0,
     PARAM_LINE, NULL, NULL, "/workforce/agency"},
    {HTTP_GET,  "/workforce/{type}/new", page_agency_new, ROUTE_SIGNED_IN | ROUTE_WORKFORCE, 0,
     PARAM_SLUG, NULL, NULL, "/workforce/{type}/new"},
    {HTTP_POST, "/workforce/{type}", page_agency_add, ROUTE_SIGNED_IN | ROUTE_WORKFORCE,
     ROUTE_CSRF | ROUTE_RECORD_FORM, PARAM_SLUG, NULL, NULL, "/workforce/{type}"},
    /* The region's agency price caps (pages_caps.c): read by those who manage staff, added
     * above by administrators. Correcting or ending one is the generic correction's
     * (pages_records.c), here under the addresses the caps page linked to before
     * /records/{type}/{rid}/edit served a type with no parent; the type's keepers decide */
    {HTTP_GET,  "/workforce/caps", page_caps, ROUTE_SIGNED_IN | ROUTE_WORKFORCE, 0,
     PARAM_LINE, NULL, NULL, "/workforce/caps"},
    {HTTP_GET,  "/workforce/{type}/{rid}/edit", page_record_edit,
     ROUTE_SIGNED_IN | ROUTE_WORKFORCE | ROUTE_NOTE_WRITE, ROUTE_KEPT, PARAM_SLUG,
     route_scope_kept, NULL, "/workforce/{type}/{rid}/edit"},
    {HTTP_POST, "/workforce/{type}/{rid}", page_record_correct,
     ROUTE_SIGNED_IN | ROUTE_WORKFORCE | ROUTE_NOTE_WRITE,
     ROUTE_CSRF | ROUTE_RECORD_FORM | ROUTE_KEPT, PARAM_SLUG, route_scope_kept, NULL,
     "/workforce/{type}/{rid}"},
    {HTTP_GET,  "/audit", page_audit_form, ROUTE_SIGNED_IN | ROUTE_AUDIT_READ, 0, PARAM_LINE, NULL,
     NULL, "/audit"},
    {HTTP_POST, "/audit", page_audit, ROUTE_SIGNED_IN | ROUTE_AUDIT_READ, ROUTE_CSRF, PARAM_LINE,
     NULL, audit_params, "/audit"},
    {HTTP_POST, "/audit/export", page_audit_export, ROUTE_SIGNED_IN | ROUTE_AUDIT_READ, ROUTE_CSRF,
     PARAM_LINE, NULL, audit_params, "/audit/export"},
    {HTTP_GET,  "/admin/users", page_admin_users, ROUTE_SIGNED_IN | ROUTE_USER_ADMIN, 0,
     PARAM_LINE, NULL, NULL, "/admin/users"},
    {HTTP_POST, "/admin/users", page_admin_user_add, ROUTE_SIGNED_IN | ROUTE_USER_ADMIN,
     ROUTE_CSRF, PARAM_LINE, NULL, user_add_params, "/admin/users"},
    {HTTP_POST, "/admin/users/{id}/disable", page_admin_user_disable,
     ROUTE_SIGNED_IN | ROUTE_USER_ADMIN, ROUTE_CSRF, PARAM_INT, route_scope_account, NULL,
     "/admin/users/{id}/disable"},
    {HTTP_POST, "/admin/users/{id}/enable", page_admin_user_enable,
     ROUTE_SIGNED_IN | ROUTE_USER_ADMIN, ROUTE_CSRF, PARAM_INT, route_scope_account, NULL,
     "/admin/users/{id}/enable"},
    {HTTP_POST, "/admin/users/{id}/reset", page_admin_user_reset,
     ROUTE_SIGNED_IN | ROUTE_USER_ADMIN, ROUTE_CSRF, PARAM_INT, route_scope_account, NULL,
     "/admin/users/{id}/reset"},
    {HTTP_GET,  "/validate", page_validate_form, ROUTE_SIGNED_IN | ROUTE_VALIDATE, 0, PARAM_LINE,
     NULL, NULL, "/validate"},
    {HTTP_POST, "/validate", page_validate, ROUTE_SIGNED_IN | ROUTE_VALIDATE,
     ROUTE_CSRF | ROUTE_UPLOAD, PARAM_LINE, NULL, validate_params, "/validate"},
    /* the CIN rules over the live records (pages_validate_live.c); ?year= in the query */
    {HTTP_GET,  "/validate/live", page_validate_live, ROUTE_SIGNED_IN | ROUTE_VALIDATE, 0,
     PARAM_LINE, NULL, NULL, "/validate/live"},
    {HTTP_GET,  "/validate/live/census.xml", page_validate_live_xml, ROUTE_SIGNED_IN | ROUTE_VALIDATE,
     0, PARAM_LINE, NULL, NULL, "/validate/live/census.xml"},
    /* The JSON API: bearer tokens, problem details; each route is in api.c's api_docs. */
    {HTTP_GET,  "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC, ROUTE_API, PARAM_LINE, NULL,
     NULL, "/api/v1/openapi.json"},
    {HTTP_GET,  "/api/v1/obligations", api_obligations, ROUTE_SIGNED_IN | ROUTE_CHILD_READ,
     ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/obligations"},
    {HTTP_GET,  "/api/v1/teams", api_teams, ROUTE_SIGNED_IN, ROUTE_API, PARAM_LINE, NULL, NULL,
     "/api/v1/teams"},
    {HTTP_GET,  "/api/v1/workers", api_workers, ROUTE_SIGNED_IN | ROUTE_TEAM_READ, ROUTE_API,
     PARAM_LINE, NULL, NULL, "/api/v1/workers"},
    {HTTP_GET,  "/api/v1/workforce/figures", api_workforce_figures,
     ROUTE_SIGNED_IN | ROUTE_WORKFORCE, ROUTE_API, PARAM_LINE, NULL, NULL,
     "/api/v1/workforce/figures"},
    {HTTP_GET,  "/api/v1/agency-assignments", api_agency_list, ROUTE_SIGNED_IN | ROUTE_WORKFORCE,
     ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/agency-assignments"},
    {HTTP_POST, "/api/v1/agency-assignments", api_agency_add, ROUTE_SIGNED_IN | ROUTE_WORKFORCE,
     ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/agency-assignments"},
    {HTTP_GET,  "/api/v1/agency-caps", api_agency_caps, ROUTE_SIGNED_IN | ROUTE_WORKFORCE,
     ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/agency-caps"},
    {HTTP_POST, "/api/v1/agency-caps", api_agency_cap_add, ROUTE_SIGNED_IN | ROUTE_WORKFORCE,
     ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/agency-caps"},
    {HTTP_GET,  "/api/v1/jobs", api_jobs, ROUTE_PUBLIC, ROUTE_API, PARAM_LINE, NULL, NULL,
     "/api/v1/jobs"},
    {HTTP_POST, "/api/v1/children/search", api_children_search,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API, PARAM_LINE, NULL, NULL,
     "/api/v1/children/search"},
    {HTTP_POST, "/api/v1/children", api_child_create,
     ROUTE_SIGNED_IN | ROUTE_CHILD_WRITE, ROUTE_API, PARAM_LINE, NULL, NULL, "/api/v1/children"},
    {HTTP_GET,  "/api/v1/children/{id}/chronology", api_child_chronology,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/api/v1/children/{id}/chronology"},
    {HTTP_GET,  "/api/v1/children/{id}", api_child_get, ROUTE_SIGNED_IN | ROUTE_CHILD_READ,
     ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL, "/api/v1/children/{id}"},
    {HTTP_PATCH, "/api/v1/children/{id}", api_child_update,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child,
     NULL, "/api/v1/children/{id}"},
    {HTTP_GET,  "/api/v1/children/{id}/duplicates", api_child_duplicates,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/api/v1/children/{id}/duplicates"},
    {HTTP_POST, "/api/v1/children/{id}/merge", api_child_merge,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_API, PARAM_PUBLIC_ID,
     route_scope_child, NULL, "/api/v1/children/{id}/merge"},
    {HTTP_POST, "/api/v1/children/{id}/unmerge", api_child_unmerge,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_CHILD_WRITE, ROUTE_API, PARAM_PUBLIC_ID,
     route_scope_child, NULL, "/api/v1/children/{id}/unmerge"},
    {HTTP_GET,  "/api/v1/children/{id}/notes", api_notes_list, ROUTE_SIGNED_IN | ROUTE_CHILD_READ,
     ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL, "/api/v1/children/{id}/notes"},
    {HTTP_POST, "/api/v1/children/{id}/notes", api_note_add,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/api/v1/children/{id}/notes"},
    {HTTP_GET,  "/api/v1/children/{id}/allocations", api_allocations_list,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/api/v1/children/{id}/allocations"},
    {HTTP_POST, "/api/v1/children/{id}/allocations", api_allocation_add,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_ALLOCATE, ROUTE_API, PARAM_PUBLIC_ID, route_scope_child, NULL,
     "/api/v1/children/{id}/allocations"},
    /* Every record type, from its description (api_records.c) */
    {HTTP_GET,  "/api/v1/children/{id}/records/{type}", api_records_list,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API, PARAM_SLUG, route_scope_child, NULL,
     "/api/v1/children/{id}/records/{type}"},
    {HTTP_POST, "/api/v1/children/{id}/records/{type}", api_record_add,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_API, PARAM_SLUG, route_scope_child, NULL,
     "/api/v1/children/{id}/records/{type}"},
    /* The records of a type that hangs off no child, for its keepers (ROUTE_KEPT) */
    {HTTP_GET,  "/api/v1/records/{type}", api_kept_list, ROUTE_SIGNED_IN, ROUTE_API | ROUTE_KEPT,
     PARAM_SLUG, route_scope_kept, NULL, "/api/v1/records/{type}"},
    {HTTP_POST, "/api/v1/records/{type}", api_kept_add, ROUTE_SIGNED_IN | ROUTE_NOTE_WRITE,
     ROUTE_API | ROUTE_KEPT, PARAM_SLUG, route_scope_kept, NULL, "/api/v1/records/{type}"},
    {HTTP_GET,  "/api/v1/records/{type}/{rid}", api_record_get,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API | ROUTE_KEPT, PARAM_SLUG, route_scope_record,
     NULL, "/api/v1/records/{type}/{rid}"},
    {HTTP_PATCH, "/api/v1/records/{type}/{rid}", api_record_correct,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_API | ROUTE_KEPT, PARAM_SLUG,
     route_scope_record, NULL, "/api/v1/records/{type}/{rid}"},
    {HTTP_POST, "/api/v1/records/{from}/{rid}/step/{type}", api_record_step,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_API, PARAM_SLUG, route_scope_record, NULL,
     "/api/v1/records/{from}/{rid}/step/{type}"},
    {HTTP_DELETE, "/api/v1/records/{type}/{rid}", api_record_delete,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ | ROUTE_NOTE_WRITE, ROUTE_API | ROUTE_KEPT, PARAM_SLUG,
     route_scope_record, NULL, "/api/v1/records/{type}/{rid}"},
    {HTTP_GET,  "/api/v1/records/{type}/{rid}/history", api_record_history,
     ROUTE_SIGNED_IN | ROUTE_CHILD_READ, ROUTE_API | ROUTE_KEPT, PARAM_SLUG, route_scope_record,
     NULL, "/api/v1/records/{type}/{rid}/history"},
    {0},
};
/* clang-format on */
