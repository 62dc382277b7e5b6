/*
 * The live records as a CIN census: a child's help-and-protection records (domain/help.h,
 * domain/protection.h) projected into the rule engine's CIN tables (domain/ret/cin.h), so
 * that the DfE's rules, written once for files, judge the records kith keeps: one child as
 * a record is saved, or the whole borough as a preview of the return.
 *
 * The projection is the census as an export on 31 March of the collection year would be:
 * a child is in it when one of their episodes (a referral to its closure) was open during
 * the year; an episode's assessments, plans, enquiries and reviews when they were open
 * during the year; a date after the year's end is not yet known (a closure in May is an
 * open episode at the end of March). Records carry no link to their referral, as in the
 * census file: a record belongs to the latest referral on or before its date, and one
 * dated before the child's first referral to that first one (where rule 1103, 2889 or 1105
 * then says what is wrong). What is derived rather than typed, and from what, is listed in
 * cin_item_sources[]: the CIN census's every data item and where its value comes from.
 *
 * Each row of the return remembers the record it came from (struct cin_src), so that a
 * finding names the record a person must correct. Pure: no store; casework/cin_live.c
 * reads the records and feeds them here.
 */
#ifndef KITH_DOMAIN_CIN_PROJECT_H
#define KITH_DOMAIN_CIN_PROJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/help.h"
#include "domain/proceedings.h"
#include "domain/protection.h"
#include "domain/record.h"
#include "domain/ret/cin.h"

/* One child's records, in any order. Arrays may be NULL when their count is 0. */
struct cin_child_records {
    const struct person *child;
    const struct referral *referrals;
    size_t nreferrals;
    const struct assessment *assessments;
    size_t nassessments;
    const struct cin_plan *cin_plans;
    size_t ncin_plans;
    const struct strategy_discussion *strategies;
    size_t nstrategies;
    const struct s47_enquiry *s47s;
    size_t ns47s;
    const struct conference *conferences;
    size_t nconferences;
    const struct cp_plan *cp_plans;
    size_t ncp_plans;
    /* the 2026/27 module PreProceedingsandFGDM */
    const struct pre_proceedings *pre_proceedings;
    size_t npre_proceedings;
    const struct letter_before_proceedings *letters;
    size_t nletters;
    const struct pp_meeting *pp_meetings;
    size_t npp_meetings;
    const struct fgdm_offer *fgdm_offers;
    size_t nfgdm_offers;
    const struct care_application *care_applications;
    size_t ncare_applications;
};

/* Where a row of the return came from: a record (type, row id, public id) or, for the
 * child's own rows, the person (type NULL). `child` is the ChildIdentifiers row. */
struct cin_src {
    const struct rec_type *type;
    int64_t id;
    char public_id[PUBLIC_ID_LEN + 1];
    int32_t child;
};

struct cin_proj {
    struct ret r;
    struct cin_src *src[CIN_NTABLES]; /* one per row of each table */
    int32_t cap[CIN_NTABLES];
};

/* An empty return for collection year `year` (2026 = 2025/26), with its header, as it
 * would read on `as_of`: the census period ends then when that is before 31 March (the
 * current year seen on any day of it, as an analyst previews it); DATE_NONE for 31 March. */
void cin_proj_init(struct cin_proj *p, int year, kdate as_of);
void cin_proj_release(struct cin_proj *p);
/* The header's council and run: the DfE LA number (LEA; NULL or "" leaves it missing), the
 * serial number of this projection of the year (SerialNo; 0 leaves it missing), kith's
 * version (Release) and when it was made (DateTime, "2026-12-07T13:40:00"). */
void cin_proj_header(struct cin_proj *p, const char *lea, int64_t serial, const char *release,
                     const char *made);

/* Add one child: true when the child is in the year's census (an episode open during
 * it), false when nothing of theirs falls in the year (nothing is added). Children must
 * be added one after another, each whole (the rules read a child's rows as one run). */
bool cin_proj_add(struct cin_proj *p, const struct cin_child_records *c);

/* The source of row `row` of table `t`; NULL for the header. */
const struct cin_src *cin_proj_src(const struct cin_proj *p, int t, int32_t row);

/* Every data item of the CIN census (2025/26 and 2026/27) and where kith takes it from. */
enum cin_item_how {
    CIN_FROM_FIELD,   /* a record field, as typed: `type`.`field` */
    CIN_FROM_DERIVED, /* worked out from records: `how` says from what */
    CIN_FROM_HEADER,  /* the return itself (year, software) */
    CIN_FROM_NONE,    /* no source yet: `how` says why */
};
struct cin_item_source {
    const char *item;   /* the DfE element: "CINreferralDate" */
    const char *module; /* the table it is in: "CINdetails" (cin_tables' name), or the 2026/27
                           module "PreProceedingsandFGDM" that the rule engine has no table for */
    enum cin_item_how how;
    /* CIN_FROM_FIELD: "referral", or "person" for the child's record; CIN_FROM_DERIVED: the
     * type whose date the item copies when it copies one (an enquiry's DateOfInitialCPC is
     * a conference's conference_date), else NULL */
    const char *type;
    const char *field; /* the field's name in that description */
    const char *note;  /* derived: from what; none: why */
};
extern const struct cin_item_source cin_item_sources[]; /* ended by a NULL item */

#endif
