/*
 * The record model: the people, workforce and case-recording records kith keeps.
 *
 * These are plain value types shared by every layer above domain/. Codes are stored
 * as the DfE writes them (fixed char arrays, NUL-terminated); names and free text are
 * pointers owned by whoever filled the record (an arena for records read from the
 * store). Internal ids (`id`) are database row ids and never leave the server; the
 * `public_id` is random (issue: public ids must not be guessable) and is what URLs,
 * the API and the CLI show. Later issues add record types (episodes, plans, reviews,
 * vacancies...) beside these.
 */
#ifndef KITH_DOMAIN_RECORD_H
#define KITH_DOMAIN_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

#define PUBLIC_ID_LEN 26 /* characters, from a 32-letter alphabet: 128 bits (R2) */
#define LA_CHILD_ID_MAX 20
#define DISABILITIES_MAX 13

enum person_kind { PERSON_CHILD, PERSON_RELATIVE, PERSON_KIND_COUNT };

struct person {
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    enum person_kind kind;
    char la_child_id[LA_CHILD_ID_MAX + 1]; /* children only; "" for relatives */
    const char *given_name;
    const char *family_name;
    kdate dob;          /* DATE_NONE when not known or unborn */
    kdate expected_dob; /* unborn children */
    kdate death;
    char sex; /* 'M', 'F', 'U' */
    char ethnicity[5];
    char upn[14];
    char former_upn[14];
    char upn_unknown[4]; /* UN1..UN7 or "" */
    char postcode[9];    /* "N1 9GU" form, "" when unknown */
    bool uasc;
    kdate uasc_ceased; /* date UASC status ended, DATE_NONE */
    /* The consistent identifier (CWSA 2026 s.4): the NHS number's ten digits, or "";
     * where it came from (CS_NHS_SOURCE, "not-known" when there is none); and why it is
     * not known (CS_NHS_UNKNOWN), "other" with a sentence. */
    char nhs_number[16];
    char nhs_source[20];
    char nhs_unknown[16];
    const char *nhs_unknown_text;
    /* The child this record was merged into (store/store_merge.h); 0 when it stands on
     * its own. Read only: a merge sets it, never a form. */
    int64_t merged_into;
    int n_disabilities;
    char disabilities[DISABILITIES_MAX][5];
    kdate created; /* the day the record was opened in kith */
};

/* A family member, carer or other person linked to a child. `type` reads from the
 * child's side: "mother" means `other` is the child's mother. */
struct relationship {
    int64_t id;
    int64_t child_id;
    int64_t other_id;
    const char *type; /* code from the relationship code set in domain/ */
    bool parental_responsibility;
};

enum service {
    SERVICE_FRONT_DOOR,
    SERVICE_ASSESSMENT,
    SERVICE_CHILD_IN_NEED,
    SERVICE_CHILD_PROTECTION,
    SERVICE_CHILDREN_IN_CARE,
    SERVICE_LEAVING_CARE,
    SERVICE_FOSTERING,
    SERVICE_ADOPTION,
    SERVICE_EARLY_HELP,
    SERVICE_QUALITY_ASSURANCE, /* IROs and CP chairs */
    SERVICE_COUNT
};

struct team {
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    const char *name;
    enum service service;
    int64_t
        caseload_threshold; /* children per full-time worker above which the team is stretched */
};

enum worker_role {
    ROLE_SOCIAL_WORKER,
    ROLE_SENIOR_PRACTITIONER,
    ROLE_TEAM_MANAGER,
    ROLE_PERSONAL_ADVISER,
    ROLE_IRO,
    ROLE_CP_CHAIR,
    ROLE_FAMILY_SUPPORT_WORKER,
    ROLE_SUPERVISING_SOCIAL_WORKER,
    ROLE_HEAD_OF_SERVICE,
    ROLE_COUNT
};

struct worker {
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    int64_t team_id;
    const char *given_name;
    const char *family_name;
    char registration[12]; /* Social Work England "SW" + digits; "" for unregistered roles */
    enum worker_role role;
    double fte; /* 0 < fte <= 1 */
    bool agency;
    kdate start; /* the census's role start date: the day they took this post */
    kdate end;   /* DATE_NONE while in post; the census's role end date */
    /* What the DfE workforce census asks of each worker (domain/workforce.h), kept here so
     * the census is written from records and never typed for it. Absent: DATE_NONE, '\0',
     * "", NULL. */
    kdate dob;
    char sex;          /* CIN sex code: M, F or U */
    char ethnicity[5]; /* the DfE ethnicity codes, as for children */
    const char *qual_institution;
    char qual_level[16];   /* code set qualification-level */
    char route[16];        /* entry-route: step-up, frontline, apprenticeship... */
    char origin[24];       /* start-origin: where they came from */
    char destination[24];  /* leaver-destination: where they went, once they have left */
    char leave_reason[16]; /* leaving-reason, once they have left */
};

/* The access role of a user account (what the web service lets them do, issue 3). */
enum user_role {
    UROLE_SOCIAL_WORKER,
    UROLE_TEAM_MANAGER,
    UROLE_CP_CHAIR_IRO,
    UROLE_PERSONAL_ADVISER,
    UROLE_FOSTERING_WORKER,
    UROLE_PERFORMANCE_ANALYST,
    UROLE_RECRUITER,
    UROLE_ADMINISTRATOR,
    UROLE_AUDITOR,
    UROLE_COUNT
};

struct user {
    int64_t id;
    const char *username;
    int64_t worker_id; /* 0 when the account is not a worker's (an auditor, say) */
    enum user_role role;
    bool disabled;
    kdate created;
    const char *password_hash; /* encoded argon2id; NULL until a password is set */
};

/* A record narrowed to an allow-list (R6). */
struct restriction {
    int64_t child_id;
    const char *reason;     /* restriction-reason code */
    const char *authoriser; /* who decided: a name and role */
    kdate review;           /* when it must be looked at again */
    kdate created;
    const int64_t *allow; /* user ids; the only accounts that may see the child */
    size_t nallow;
};

/* One account let see one child beyond its relationships, for a reason, for a time. */
struct access_grant {
    int64_t id;
    int64_t user_id, child_id;
    const char *reason;
    const char *granted_by;
    kdate granted;
    kdate expires; /* last day it holds; DATE_NONE until revoked */
    kdate revoked; /* DATE_NONE while it stands */
};

/* One row of the audit trail. Never content: no names, search terms or note text. */
struct audit_event {
    int64_t id;
    int64_t at;      /* seconds since 1970, UTC */
    int64_t user_id; /* 0 for the operator at the command line */
    const char *username;
    const char *role;
    int64_t child_id; /* 0 when no single child */
    const char *action;
    const char *request_id;
    const char *outcome; /* "ok", "denied", "refused", "failed" */
    const char *detail;  /* counts and file names only; may be NULL */
    bool read_only;      /* records a read, not a change: see store_audit_add */
    char prev_hash[65], hash[65];
};

/* A token a program uses in place of a session (the JSON API). */
struct api_token {
    int64_t id;
    int64_t user_id;
    const char *name;
    const char *token_digest;
    int64_t created;
    int64_t expires; /* 0: until revoked */
    int64_t revoked; /* 0 while it stands */
};

/* A signed-in session. The token itself is only ever in the person's cookie; kith keeps
 * its digest. Times are seconds since 1970, UTC. */
struct session {
    int64_t id;
    int64_t user_id;
    const char *token_digest;
    const char *csrf; /* the synchroniser token every form of this session carries */
    int64_t created, last_seen;
    int64_t ended; /* 0 while the session lives */
};

enum allocation_role {
    ALLOC_SOCIAL_WORKER,
    ALLOC_PERSONAL_ADVISER,
    ALLOC_IRO,
    ALLOC_CP_CHAIR,
    ALLOC_LCPP, /* Families First lead child protection practitioner (domain/entities.c) */
    ALLOC_ROLE_COUNT
};

struct allocation {
    int64_t id;
    int64_t child_id;
    int64_t worker_id;
    enum allocation_role role;
    kdate start;
    kdate end;              /* DATE_NONE while current */
    const char *end_reason; /* code from the allocation end-reason code set, or NULL */
};

struct case_note {
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    int64_t child_id;
    int64_t author_id; /* worker */
    kdate date;        /* when the recorded event happened */
    const char *kind;  /* code from the case-note kind code set: "visit", "phone", ... */
    const char *subject;
    const char *body;
};

#endif
