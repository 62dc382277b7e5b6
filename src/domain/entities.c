/*
 * The field tables of a case note, an allocation, a relationship and a user account
 * (entities.h), with the rules each has beyond its fields' own.
 */
#include "domain/entities.h"

#include <stddef.h>

#include "domain/codeset.h"

#define NF(m) offsetof(struct case_note, m)

const struct field note_fields[] = {
    {.name = "date",
     .label = "date of the note",
     .expect = "the day it happened, not after today",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED | FIELD_PAST,
     .offset = NF(date)},
    {.name = "kind",
     .label = "kind of note",
     .expect = "a kind of note ('kith codes note-kind' lists them)",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_NOTE_KIND,
     .offset = NF(kind)},
    {.name = "subject",
     .label = "subject",
     .expect = "a short title of up to 200 characters, on one line",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = CASE_NOTE_SUBJECT_MAX,
     .offset = NF(subject)},
    {.name = "body",
     .label = "note",
     .expect = "the note's text: paragraphs, line breaks and tabs, but no other control "
               "characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_MULTILINE,
     .max_len = CASE_NOTE_BODY_MAX,
     .offset = NF(body)},
    {.name = NULL},
};

#define AF(m) offsetof(struct allocation, m)

static const struct allocation *A(const void *rec) { return rec; }

static bool has_ended(const void *rec) { return A(rec)->end != DATE_NONE; }

static void check_end(const struct field *f, const void *rec, const struct field_ctx *ctx,
                      struct field_errors *errs)
{
    (void)ctx;
    field_date_before(errs, f, A(rec)->end, A(rec)->start, "the start of the allocation", false);
}

const struct field allocation_fields[] = {
    {.name = "role",
     .label = "role",
     .expect = "the worker's role for the child ('kith codes allocation-role' lists them)",
     .type = FIELD_ENUM,
     .flags = FIELD_REQUIRED,
     .codeset = CS_ALLOCATION_ROLE,
     .offset = AF(role)},
    {.name = "start",
     .label = "start of the allocation",
     .expect = "the day the worker took the child on",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = AF(start)},
    {.name = "end",
     .label = "end of the allocation",
     .expect = "the day it ended, on or after its start",
     .type = FIELD_DATE,
     .offset = AF(end),
     .check = check_end},
    {.name = "end_reason",
     .label = "reason the allocation ended",
     .expect = "an end reason ('kith codes allocation-end' lists them)",
     .type = FIELD_TEXT,
     .flags = FIELD_CODED,
     .codeset = CS_ALLOCATION_END,
     .applies = has_ended,
     .applies_to = "allocations that have ended",
     .offset = AF(end_reason)},
    {.name = NULL},
};

const struct field allocation_worker = {
    .name = "worker",
    .label = "worker",
    .expect = "a worker's public id or Social Work England registration (SW12345)",
    .type = FIELD_TEXT,
    .flags = FIELD_REQUIRED,
};

/* Who may hold a role that asks more than being a worker kith knows. The Families First
 * programme guide gives each child on the child protection pathway a lead child protection
 * practitioner (LCPP), an experienced social worker: kith records each worker's Social Work
 * England registration and post, so it asks for both. Experience it cannot judge: it keeps
 * the start of the worker's present post, not the day they qualified, and a years-in-post
 * figure would refuse an experienced social worker who moved borough. IROs and conference
 * chairs are left out on purpose: they must stay independent of the case they review. */
static const struct holder {
    enum allocation_role role;
    bool registered;           /* holds a Social Work England registration */
    enum worker_role posts[4]; /* the posts that may hold it ... */
    int nposts;                /* ... this many of them */
    const char *expected;      /* what a good worker is, for both messages */
} holders[] = {
    {ALLOC_LCPP,
     true,
     {ROLE_SOCIAL_WORKER, ROLE_SENIOR_PRACTITIONER, ROLE_TEAM_MANAGER},
     3,
     "a registered social worker in a social worker, senior practitioner or team manager post "
     "(a lead child protection practitioner is an experienced social worker, Families First)"},
};

bool allocation_holder_ok(enum allocation_role role, const struct worker *w, const char **problem,
                          const char **expected)
{
    for (size_t i = 0; i < sizeof holders / sizeof holders[0]; i++) {
        const struct holder *h = &holders[i];
        if (h->role != role)
            continue;
        *expected = h->expected;
        if (h->registered && !w->registration[0]) {
            *problem = "holds no Social Work England registration";
            return false;
        }
        bool post = false;
        for (int k = 0; k < h->nposts; k++)
            post |= h->posts[k] == w->role;
        if (!post) {
            *problem = "is not in a social work post that may hold it";
            return false;
        }
    }
    return true;
}

#define RF(m) offsetof(struct relationship, m)

const struct field relationship_fields[] = {
    {.name = "type",
     .label = "relationship",
     .expect = "how the person is related to the child ('kith codes relationship' lists them)",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_RELATIONSHIP,
     .offset = RF(type)},
    {.name = "parental_responsibility",
     .label = "parental responsibility",
     .expect = "yes or no",
     .type = FIELD_BOOL,
     .offset = RF(parental_responsibility)},
    {.name = NULL},
};

#define UF(m) offsetof(struct user, m)
/* The username is what people type to sign in, so one line with nothing invisible in it;
 * its limit is the store's column (casework/accounts.c holds them equal), said here in the words
 * both the form and `kith user add` give. */
const struct field account_fields[] = {
    {.name = "username",
     .label = "username",
     .expect = "a username of up to 64 characters, on one line",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = ACCOUNT_USERNAME_MAX,
     .offset = UF(username)},
    {.name = "role",
     .label = "role",
     .expect = "a role ('kith codes user-role' lists them)",
     .type = FIELD_ENUM,
     .flags = FIELD_REQUIRED,
     .codeset = CS_USER_ROLE,
     .offset = UF(role)},
    {.name = NULL},
};

const struct field account_worker = {
    .name = "worker",
    .label = "worker",
    .expect = "a worker's public id or Social Work England registration (SW12345)",
    .type = FIELD_TEXT,
};
