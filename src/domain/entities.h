/*
 * The descriptions of the records kith kept before the generic record types (domain/rec.h):
 * a case note, an allocation, a relationship and a user account (the person's is domain/person.h).
 * Each is one field table (domain/field.h), read by the same walker as every record type's, and
 * that one table is what the use cases check (casework/), what the JSON API reads and
 * writes, and what the forms and the command line name. Their storage stays in their own
 * tables with their own SQL (search, bulk load); their rules are here, once.
 */
#ifndef KITH_DOMAIN_ENTITIES_H
#define KITH_DOMAIN_ENTITIES_H

#include "domain/field.h"
#include "domain/record.h"

#define CASE_NOTE_SUBJECT_MAX 200
/* About ten pages. Every way in must carry it, so that a note written at the command line
 * can be corrected on its page: a form or an API body is at most 64 KiB (http.h), which
 * holds 20,000 characters of ordinary text once encoded. */
#define CASE_NOTE_BODY_MAX 20000

/* struct case_note: date, kind, subject, body (the child and the author are the use
 * case's: the record's place and who is writing). */
extern const struct field note_fields[];
/* struct allocation: role, start, end, end_reason (the child and the worker are the use
 * case's). */
extern const struct field allocation_fields[];
/* An allocation's worker, named by a person as a public id or a Social Work England
 * registration: a reference the use case resolves, not a member the walker reads. */
extern const struct field allocation_worker;
/* Whether worker `w` may hold allocation role `role`: false with a problem and what was
 * expected (static sentences) when the role asks what the worker lacks (a lead child
 * protection practitioner: a registered social worker in a social work post). */
bool allocation_holder_ok(enum allocation_role role, const struct worker *w, const char **problem,
                          const char **expected);
/* struct relationship: type, parental_responsibility. */
extern const struct field relationship_fields[];
/* struct user, as an administrator gives it: username and role (the password and the
 * worker are the use case's, casework/accounts.h). */
#define ACCOUNT_USERNAME_MAX 64 /* characters; the store's column holds as many bytes */
extern const struct field account_fields[];
/* The worker an account belongs to, named as allocation_worker is but optional (an auditor's
 * account is no worker's): a reference the use case resolves into user.worker_id. */
extern const struct field account_worker;

#endif
