/*
 * An agency assignment: an agency child and family social worker engaged by the council,
 * with what the DfE's statutory guidance on agency child and family social workers (in
 * force 31 October 2024; its transition for existing contracts ended on 1 October 2025)
 * asks the council to know of each: who (a worker on the establishment, or a name and a
 * Social Work England number), which of the guidance's five role categories, the agency,
 * the hourly rate against the region's price cap, start and end, post-qualifying
 * experience, references, project team membership approved in advance, the three-month
 * rule after a permanent post in the same region, and the notice period. Described once
 * here (agency_assignment_type); its rules are agency_assignment_check (the record alone)
 * and agency_cap_check (the cap of the council's region, the setting "region", among the
 * caps the council recorded: agency_cap below). Docs: docs/workforce.md "Agency social workers".
 */
#ifndef KITH_DOMAIN_AGENCY_H
#define KITH_DOMAIN_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "domain/codeset.h"
#include "domain/field.h"
#include "domain/rec.h"

#define AGENCY_CODE_LEN 24
/* The guidance's minimum: three years' post-qualifying experience in direct employment in
 * a UK local authority before working as an agency social worker. */
#define AGENCY_PQE_MIN 3
/* Not engaged as an agency worker within three months of leaving a permanent post in a
 * council of the same region. */
#define AGENCY_COOLOFF_MONTHS 3
/* Notice: four weeks, or the council's notice for permanent staff in the same role where
 * that is shorter. */
#define AGENCY_NOTICE_WEEKS_MAX 4

/* The role category field of struct S (an assignment, a cap): one of the guidance's five. */
#define AGENCY_ROLE_FIELD(S)                                                                       \
    {                                                                                              \
        .name = "role", .label = "role category",                                                  \
        .expect = "one of the DfE's five ('kith codes agency-role' lists them)",                   \
        .type = FIELD_CHARS, .flags = FIELD_REQUIRED | FIELD_CODED, .codeset = CS_AGENCY_ROLE,     \
        .size = AGENCY_CODE_LEN, .offset = offsetof(struct S, role)                                \
    }

struct agency_assignment {
    struct rec_head h;
    char worker[PUBLIC_ID_LEN + 1]; /* a worker on the establishment; "" when not */
    const char *name;               /* only for a worker not on the establishment */
    char registration[12];          /* their Social Work England number, likewise */
    char role[AGENCY_CODE_LEN];     /* code set agency-role: the guidance's five */
    const char *agency;
    int64_t hourly_rate; /* pence an hour, what the cap measures */
    kdate start_date;
    kdate end_date; /* as contracted; DATE_NONE while open-ended */
    int64_t pqe_years;
    kdate reference_received; /* a practice-based reference, before they start */
    kdate reference_given;    /* the council's reference for them, once they have left */
    const char *project_team; /* the project team or packaged service they came with */
    const char *project_approved_by;
    kdate project_approved_on;
    kdate left_permanent_on; /* the day they left a permanent post in this region */
    const char *cooloff_exception;
    int64_t notice_weeks;
    const char *cap_signoff_by; /* a rate over the cap: who signed it off, their role, when */
    const char *cap_signoff_role;
    kdate cap_signoff_on;
    const char *cap_reason;
};

extern const struct rec_type agency_assignment_type;
/* The roles that manage staff (user-role codes, NULL-ended): the keepers of agency
 * assignments, the readers of the caps, and casework/workforce.h cw_may_manage_staff. */
extern const char *const staff_roles[];

/* Whether `code` is one of the nine English regions (code set agency-region), whose
 * councils agree caps together; the council's own is the setting "region". */
bool agency_region_known(const char *code);

/* A regional price cap, as the council records it (agency_cap_type): the most the councils
 * of `region` agreed to pay an hour for an agency worker in one role category, in force
 * from one day to another (open while no end is recorded). The council keeps its region's
 * caps itself (docs/workforce.md); two caps of one region and role never overlap (the use
 * case refuses it, casework/agency.c). */
struct agency_cap {
    struct rec_head h;
    char region[AGENCY_CODE_LEN]; /* code set agency-region */
    char role[AGENCY_CODE_LEN];   /* code set agency-role */
    int64_t cap_pence;            /* pence an hour, measured as the rate is */
    kdate from_date;
    kdate to_date;      /* the last day in force; DATE_NONE while open */
    const char *agreed; /* who agreed it, and where it is written */
};

extern const struct rec_type agency_cap_type;

/* The caps recorded, as the use case read them (casework/agency.h cw_agency_caps). */
struct agency_caps {
    const struct agency_cap *rows;
    size_t n;
};

/* The cap in force on day `on` for `region` and `role`, or NULL when none is recorded. */
const struct agency_cap *agency_cap_find(const struct agency_caps *caps, const char *region,
                                         const char *role, kdate on);
/* Whether two caps are for the same region and role and share a day. */
bool agency_caps_overlap(const struct agency_cap *x, const struct agency_cap *y);
/* "no price cap recorded for London, social worker, on 1 Oct 2026", in `a`: what the page,
 * the API and the return say of an assignment with no cap to judge its rate against. */
const char *agency_no_cap_text(struct arena *a, const char *region, const char *role, kdate on);

/* The cap's rule: a rate over the cap in force at the start is refused unless it names
 * who signed it off, their role, the day and the reason. A region of NULL (not set) is
 * refused on "region", since no rate could be judged. With no cap recorded the rate is not
 * refused (the council may not have entered its caps yet) but is never taken as within
 * one: agency_notes flags it (AGENCY_NOTE_NO_CAP). */
void agency_cap_check(const struct agency_assignment *r, const char *region,
                      const struct agency_caps *caps, struct field_errors *errs);

/* Whether the rate is over the cap in force at the start (false when there is none). */
bool agency_over_cap(const struct agency_assignment *r, const char *region,
                     const struct agency_caps *caps);
/* The first day the three-month rule allows after leaving on `left`. */
kdate agency_cooloff_end(kdate left);

/* What a manager watches on an assignment in force on `today`, for the compliance page:
 * the rules refuse a breach outright, so these are the departures allowed with a record of
 * why (a rate over the cap, signed off; a start within three months, in exceptional
 * circumstances) and what needs acting on soon. */
enum agency_note {
    AGENCY_NOTE_OVER_CAP = 1 << 0,     /* over the region's cap, with its sign-off */
    AGENCY_NOTE_EXCEPTION = 1 << 1,    /* within three months of a permanent post */
    AGENCY_NOTE_ENDING = 1 << 2,       /* ends within its notice period from today */
    AGENCY_NOTE_PROJECT = 1 << 3,      /* a member of a project team */
    AGENCY_NOTE_NO_REFERENCE = 1 << 4, /* no practice-based reference received */
    AGENCY_NOTE_NO_CAP = 1 << 5,       /* no cap recorded for its region, role and start */
    AGENCY_NOTE_COUNT = 6
};
unsigned agency_notes(const struct agency_assignment *r, const char *region,
                      const struct agency_caps *caps, kdate today);

/* Whether the assignment runs on any day from `first` to `last` (both included). */
bool agency_in_force(const struct agency_assignment *r, kdate first, kdate last);

/* The quarter of the DfE's quarterly agency return, as the command line names it: "2026Q4"
 * is October to December 2026 (calendar quarters: kith's reading, the DfE's template was
 * not found). Sets the first and last day; false when `s` is not one. */
#define AGENCY_QUARTER_EXPECT "a year and a quarter 1 to 4, like 2026Q4 (October to December 2026)"
bool agency_quarter_parse(const char *s, kdate *first, kdate *last);

#endif
