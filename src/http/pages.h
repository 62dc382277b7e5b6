/* The handlers of kith's pages (pages*.c), named in the route table (routes.c). */
#ifndef KITH_HTTP_PAGES_H
#define KITH_HTTP_PAGES_H

#include "domain/entities.h"
#include "http/router.h"

int page_asset(struct http_app *app, struct http_request *req, struct http_response *res);
int page_asset_image(struct http_app *app, struct http_request *req, struct http_response *res);
int page_accessibility(struct http_app *app, struct http_request *req, struct http_response *res);
int page_health(struct http_app *app, struct http_request *req, struct http_response *res);
int page_caseload(struct http_app *app, struct http_request *req, struct http_response *res);
int page_home(struct http_app *app, struct http_request *req, struct http_response *res);
int page_team_home(struct http_app *app, struct http_request *req, struct http_response *res);
/* pages_work.c: "my work" (/work) and the team's (/work/team). */
int page_work(struct http_app *app, struct http_request *req, struct http_response *res);
int page_work_team(struct http_app *app, struct http_request *req, struct http_response *res);
/* A caseload child's status (with the plan's category) and next due item (its day, what it
 * is, a tag saying how near it is, and a link to the form that discharges it) as two table
 * cells: the one way "my work" and the caseload page show them. */
struct html;
struct work_child;
void work_child_cells(struct html *h, const struct work_child *k, kdate on);
int page_search_form(struct http_app *app, struct http_request *req, struct http_response *res);
int page_search(struct http_app *app, struct http_request *req, struct http_response *res);
int page_child(struct http_app *app, struct http_request *req, struct http_response *res);
/* The child's identity on a form (pages_child_form.c): a new child, and a correction. */
int page_child_new(struct http_app *app, struct http_request *req, struct http_response *res);
int page_child_create(struct http_app *app, struct http_request *req, struct http_response *res);
int page_child_edit(struct http_app *app, struct http_request *req, struct http_response *res);
int page_child_correct(struct http_app *app, struct http_request *req, struct http_response *res);
int page_child_duplicates(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_child_merge_form(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_child_merge(struct http_app *app, struct http_request *req, struct http_response *res);
/* Undoing a merge from the merged record's address (pages_child_form.c). */
int page_child_unmerge(struct http_app *app, struct http_request *req, struct http_response *res);
int page_sign_in_form(struct http_app *app, struct http_request *req, struct http_response *res);
int page_sign_in(struct http_app *app, struct http_request *req, struct http_response *res);
int page_sign_out(struct http_app *app, struct http_request *req, struct http_response *res);
int page_signed_out(struct http_app *app, struct http_request *req, struct http_response *res);
/* The router's answer to a request with no live session: the sign-in page (pages_auth.c). */
int auth_page_unauthenticated(struct http_app *app, struct http_request *req,
                              struct http_response *res);
int page_teams(struct http_app *app, struct http_request *req, struct http_response *res);
int page_workforce(struct http_app *app, struct http_request *req, struct http_response *res);
/* Agency social workers in force today, for those who manage staff (pages_agency.c). */
int page_agency(struct http_app *app, struct http_request *req, struct http_response *res);
/* Its form: GET /workforce/agency_assignment/new and POST /workforce/agency_assignment. */
int page_agency_new(struct http_app *app, struct http_request *req, struct http_response *res);
int page_agency_add(struct http_app *app, struct http_request *req, struct http_response *res);
/* The region's agency price caps in force and past (pages_caps.c); correcting or ending
 * one is the generic correction's (page_record_edit, page_record_correct). */
int page_caps(struct http_app *app, struct http_request *req, struct http_response *res);
/* The period of the workforce figures asked for in the query (?from=DATE&to=DATE, as
 * typed): `to` is today unless given, `from` the census year's first day (1 October)
 * before `to` unless given. -1 with `*bad` naming the parameter that is no date. */
int workforce_period(const struct http_request *req, kdate today, kdate *from, kdate *to,
                     const char **bad);
int page_team(struct http_app *app, struct http_request *req, struct http_response *res);
int page_audit_form(struct http_app *app, struct http_request *req, struct http_response *res);
int page_audit(struct http_app *app, struct http_request *req, struct http_response *res);
int page_audit_export(struct http_app *app, struct http_request *req, struct http_response *res);
int page_admin_users(struct http_app *app, struct http_request *req, struct http_response *res);
int page_admin_user_add(struct http_app *app, struct http_request *req, struct http_response *res);
int page_admin_user_disable(struct http_app *app, struct http_request *req,
                            struct http_response *res);
int page_admin_user_enable(struct http_app *app, struct http_request *req,
                           struct http_response *res);
int page_admin_user_reset(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_validate_form(struct http_app *app, struct http_request *req, struct http_response *res);
int page_validate(struct http_app *app, struct http_request *req, struct http_response *res);
int page_validate_live(struct http_app *app, struct http_request *req, struct http_response *res);
int page_validate_live_xml(struct http_app *app, struct http_request *req,
                           struct http_response *res);
/* A case note's limits, in characters, the description's (domain/entities.h): the route
 * table refuses more, the form shows them. */
enum { NOTE_SUBJECT_MAX = CASE_NOTE_SUBJECT_MAX, NOTE_BODY_MAX = CASE_NOTE_BODY_MAX };
/* The public jobs board (pages_jobs.c): no sign-in, no audit. */
int page_jobs(struct http_app *app, struct http_request *req, struct http_response *res);
int page_job(struct http_app *app, struct http_request *req, struct http_response *res);
int page_jobs_atom(struct http_app *app, struct http_request *req, struct http_response *res);
int api_jobs(struct http_app *app, struct http_request *req, struct http_response *res);
/* Applying (pages_apply.c): no sign-in; the private link's secret is the path's token. */
int page_apply_form(struct http_app *app, struct http_request *req, struct http_response *res);
int page_apply(struct http_app *app, struct http_request *req, struct http_response *res);
int page_application_link(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_application_withdraw(struct http_app *app, struct http_request *req,
                              struct http_response *res);
/* The limit on applications per client address: `per_window` in `window_s` seconds, by
 * `now` (NULL: the wall clock; tests give their own). */
struct apply_limit *apply_limit_new(unsigned per_window, int64_t window_s, int64_t (*now)(void));
void apply_limit_free(struct apply_limit *l);
enum { APPLY_PER_HOUR = 10 };
/* The recruitment back office (pages_recruit.c): recruiters and team managers. */
int page_recruit(struct http_app *app, struct http_request *req, struct http_response *res);
int page_recruit_vacancy_new(struct http_app *app, struct http_request *req,
                             struct http_response *res);
int page_recruit_vacancy_add(struct http_app *app, struct http_request *req,
                             struct http_response *res);
int page_recruit_vacancy_edit(struct http_app *app, struct http_request *req,
                              struct http_response *res);
int page_recruit_vacancy_correct(struct http_app *app, struct http_request *req,
                                 struct http_response *res);
int page_recruit_vacancy_close(struct http_app *app, struct http_request *req,
                               struct http_response *res);
int page_recruit_vacancy(struct http_app *app, struct http_request *req, struct http_response *res);
int page_recruit_application(struct http_app *app, struct http_request *req,
                             struct http_response *res);
int page_recruit_application_move(struct http_app *app, struct http_request *req,
                                  struct http_response *res);
int page_recruit_cv(struct http_app *app, struct http_request *req, struct http_response *res);
/* pages_records.c: every record type from its description */
int page_records_list(struct http_app *app, struct http_request *req, struct http_response *res);
int page_records_new(struct http_app *app, struct http_request *req, struct http_response *res);
int page_records_add(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record_edit(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record_correct(struct http_app *app, struct http_request *req, struct http_response *res);
/* The records of a type that hangs off no child, for its keepers: GET /records/{type} (the
 * list, newest first, paged), GET /records/{type}/new and POST /records/{type} (its form). */
int page_kept_list(struct http_app *app, struct http_request *req, struct http_response *res);
int page_kept_new(struct http_app *app, struct http_request *req, struct http_response *res);
int page_kept_add(struct http_app *app, struct http_request *req, struct http_response *res);
/* A child's chronology: significant events from the records, filtered by the query's
 * kind, from and to (domain/chronology.h). */
int page_child_chronology(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_record_history(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record_delete(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record_delete_post(struct http_app *app, struct http_request *req,
                            struct http_response *res);
/* Step from the record into a new one of the path's {type} (casework/step.h): the form,
 * and its post. */
int page_record_step(struct http_app *app, struct http_request *req, struct http_response *res);
int page_record_step_post(struct http_app *app, struct http_request *req,
                          struct http_response *res);
int page_note_add(struct http_app *app, struct http_request *req, struct http_response *res);

#endif
