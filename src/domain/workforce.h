/*
 * The descriptions of a team and a worker (issue 18 §3): each is one field table
 * (domain/field.h), read by the same walker as every record's. The store checks what it
 * writes against them (store_check.c), the JSON API reads and writes and documents them
 * (http/api_fields.c) and the command line shows them (`kith worker show`). A worker's
 * table carries what the DfE children's social work workforce census asks of each worker
 * (date of birth, sex, ethnicity, qualification, route in, where they came from and went
 * to, why they left), so that the census is written from the records and never typed for
 * it. Their storage stays in their own tables (store_*_people.c): a worker is what
 * allocations, accounts and caseloads point at.
 */
#ifndef KITH_DOMAIN_WORKFORCE_H
#define KITH_DOMAIN_WORKFORCE_H

#include "domain/field.h"
#include "domain/rec.h"
#include "domain/record.h"

#define WORKFORCE_NAME_MAX 200 /* a team's or a person's name, as the store's STORE_NAME_MAX */
#define WORKER_INSTITUTION_MAX 200

/* struct team: name, service, caseload_threshold. */
extern const struct field team_fields[];
/* struct worker: names, registration, role, fte, agency, start, end and the census items
 * (the team is a reference the use case resolves: worker_team). */
extern const struct field worker_fields[];
/* A worker's team named by a person: its public id, chosen from a list. */
extern const struct field worker_team;

/* A worker's absence: from `first_day` to `last_day` (both absent; DATE_NONE while it
 * goes on), and why. Its head's parent_id is the worker's id (as an application's is its
 * vacancy's): it is written through casework/workforce.c, which names the worker, not
 * through the generic record pages, which hang records off children. */
struct absence {
    struct rec_head h;
    kdate first_day;
    kdate last_day;
    char cause[16]; /* code set absence-reason */
};
extern const struct field absence_fields[];
extern const struct rec_type absence_type;

/* The working days (domain's calendar: weekdays that are not bank holidays in England)
 * an absence took from the days `from` to `to`, both included: the census counts a
 * collection year's, a leader's page this month's. An absence still going on counts to
 * `to`. 0 when they do not meet. */
int absence_days_lost(const struct absence *ab, kdate from, kdate to);

#endif
