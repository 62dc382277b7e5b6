/*
 * Code sets: every coded value kith stores or reports, with its label and the collection
 * years in which it is valid.
 *
 * One mechanism holds three kinds of set:
 *   - the DfE code sets of the CIN census and the SSDA903 return (codes as the DfE writes
 *     them, labels in plain words, validity by collection year);
 *   - the vocabularies of kith's own enums (enum service, worker_role, ...), where a code's
 *     index in its set IS the enum value, so the number stored in the database, the code
 *     shown in a URL and the label shown on a page come from one row;
 *   - kith's own small sets (relationship types, allocation end reasons, case-note kinds),
 *     which have no years.
 *
 * A collection year is the year ending 31 March: 2026 means 1 April 2025 to 31 March 2026
 * (written "2025/26"). A code is valid in year Y when from <= Y <= to, where from == 0 means
 * "since before the earliest year kith knows" and to == 0 means "still valid". Passing year
 * 0 to the functions below means "in any year" (the code exists at all).
 *
 * Matching is exact and case-sensitive, as the DfE specifies: "k3" is not "K3", " K3" is not
 * "K3". Callers that want to accept lower case from people must say so and upper-case first;
 * importers report lower-case codes as errors.
 *
 * Lookups (code_valid, code_index, code_label) are O(1), through a hash index built once on
 * first use (thread-safe); they allocate nothing and may be called per cell of a return.
 */
#ifndef KITH_DOMAIN_CODESET_H
#define KITH_DOMAIN_CODESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum codeset_id {
    /* Child-level sets shared by the CIN census and kith's person record. */
    CS_SEX,         /* CIN Sex M/F/U from 2024/25; GenderCurrent 0/1/2/9 before */
    CS_ETHNICITY,   /* CIN Ethnicity and 903 ETHNIC: the same 20 codes */
    CS_DISABILITY,  /* CIN Disability */
    CS_UPN_UNKNOWN, /* CIN UPNunknown UN1-UN7 */
    /* CIN census. */
    CS_CIN_REFERRAL_SOURCE,
    CS_CIN_PRIMARY_NEED,
    CS_CIN_CLOSURE_REASON,
    CS_CIN_ABUSE_CATEGORY,
    CS_CIN_ASSESSMENT_FACTOR,
    CS_CIN_YES_NO,
    /* SSDA903. */
    CS_903_SEX,
    CS_903_UPN_UNKNOWN,
    CS_903_FLAG,
    CS_903_NEW_EPISODE_REASON,
    CS_903_LEGAL_STATUS,
    CS_903_CATEGORY_OF_NEED,
    CS_903_PLACEMENT,
    CS_903_PROVIDER,
    CS_903_REASON_CEASED,
    CS_903_PLACEMENT_CHANGE_REASON,
    CS_903_PARTICIPATION,
    CS_903_SDQ_REASON,
    CS_903_IN_TOUCH,
    CS_903_ACTIVITY,
    CS_903_ACCOMMODATION,
    CS_903_ADOPTER_COUNT,
    CS_903_ADOPTER_SEX,
    CS_903_ADOPTER_LEGAL_STATUS,
    CS_903_ADOPTION_REVERSAL_REASON,
    CS_903_PREVIOUS_PERMANENCE,
    CS_903_MISSING,
    CS_903_SW_REASON,
    /* Vocabularies of kith's enums (index == enum value). */
    CS_PERSON_KIND,
    CS_SERVICE,
    CS_WORKER_ROLE,
    CS_USER_ROLE,
    CS_ALLOCATION_ROLE,
    /* kith's own sets. */
    CS_RELATIONSHIP,
    CS_ALLOCATION_END,
    CS_NOTE_KIND,
    CS_NHS_SOURCE,  /* where a child's NHS number came from, or "not-known" */
    CS_NHS_UNKNOWN, /* why a child's NHS number is not known */
    CS_RESTRICTION_REASON,
    CS_CONTACT_OUTCOME,
    /* The jobs board's (domain/vacancy.h). */
    CS_JOB_ROLE,
    CS_JOB_CONTRACT,
    CS_JOB_HOURS,
    CS_JOB_ARRANGEMENT,
    CS_JOB_RIGHT_TO_WORK,
    CS_JOB_STAGE,
    CS_VISIT_PURPOSE,
    CS_VISIT_PLACE,
    CS_AGENCY,
    CS_STRATEGY_OUTCOME,
    CS_S47_OUTCOME,
    CS_CONFERENCE_KIND,
    CS_CONFERENCE_OUTCOME,
    CS_CIN_REVIEW_OUTCOME,
    /* Family help, risks and pre-proceedings (domain/family_help.h, risk.h, proceedings.h). */
    CS_PROFESSION,
    CS_FAMILY_HELP_CLOSURE,
    CS_EXPLOITATION,
    CS_RISK_LEVEL,
    CS_PF_DECISION,
    CS_FGDM_RESPONSE,
    CS_PP_MEETING_KIND,
    CS_PP_LETTER,
    CS_PP_OUTCOME,
    CS_COURT_ORDER,
    /* The workforce census items a worker record keeps (domain/workforce.h). */
    CS_QUAL_LEVEL,
    CS_ENTRY_ROUTE,
    CS_START_ORIGIN,
    CS_LEAVER_DESTINATION,
    CS_LEAVING_REASON,
    CS_ABSENCE_REASON,
    CS_AGENCY_ROLE,   /* the DfE agency rules' five role categories (domain/agency.h) */
    CS_AGENCY_REGION, /* the nine English regions whose councils agree price caps */
    CODESET_COUNT
};

enum codeset_origin {
    CODESET_CIN,  /* the CIN census (and kith's person record, which follows it) */
    CODESET_903,  /* the SSDA903 return */
    CODESET_DFE,  /* both returns */
    CODESET_KITH, /* kith's own; no DfE years */
};

#define CODESET_MAX_CODES 64 /* the largest set (assessment factors) has 44 */

struct code {
    const char *code;
    const char *label; /* plain words; from `label_from` on when the label changed */
    int16_t from, to;  /* collection years valid, inclusive; 0 = open-ended */
    /* When the DfE relabelled a code without changing it: the year the new label starts. */
    int16_t label_from;
    /* A code still accepted but queried from this year on (CIN 18A/19A: 8945Q/8950Q). */
    int16_t queried_from;
    const char *earlier_label; /* the label before `label_from` */
    const char *note;          /* provenance or usage, or NULL */
    const char *dfe_code;      /* kith sets: the code this is reported as in `codeset.maps_to` */
};

struct codeset {
    enum codeset_id id;
    enum codeset_origin origin;
    const char *name;  /* "903-placement": what `kith codes` and the docs call it */
    const char *title; /* "placement type" */
    const char *item;  /* where it is used: "SSDA903 episodes PLACE", "CIN N00101 ..." */
    const struct code *codes;
    int n;
    int maps_to; /* kith sets reported in a DfE set: its enum codeset_id, else -1 */
};

/* The set, never NULL for a valid id (abort otherwise: a programming error). */
const struct codeset *codeset_get(enum codeset_id id);
/* The set called `name` ("903-placement"), or NULL. */
const struct codeset *codeset_find(const char *name);

/* The 64-bit key the index hashes `code` (len bytes) by: equal codes have equal keys, and
 * codes that differ anywhere, even past the eighth byte, almost surely do not. Exposed for
 * its tests. */
uint64_t code_key(const char *code, size_t len);
/* The index of `code` (len bytes, not necessarily NUL-terminated) in the set's table, or -1
 * when the set has no such code in any year. Indexes are < CODESET_MAX_CODES, fit in a byte,
 * and are stable for a given kith version: columnar tables store them instead of strings. */
int code_index(enum codeset_id id, const char *code, size_t len);
/* True when `code` is in the set and valid in `year` (0 = any year). */
bool code_valid(enum codeset_id id, const char *code, size_t len, int year);
/* The same for a code already turned into an index (a negative index is never valid). */
bool code_index_valid(enum codeset_id id, int index, int year);
/* The label of NUL-terminated `code` in `year` (0 = the latest label), or NULL when the set
 * has no such code. The label is given even in a year the code is not valid, so that old
 * records still read in words. */
const char *code_label(enum codeset_id id, const char *code, int year);

/* A table row's validity and label in a year (0 = any year / the latest label). */
bool code_in_year(const struct code *c, int year);
const char *code_label_in(const struct code *c, int year);

/* Vocabularies: the code and label of enum value `value` in an enum-backed set
 * (CS_SERVICE, ...), or NULL when out of range; and the enum value of a code, or -1. */
const char *vocab_code(enum codeset_id id, int value);
const char *vocab_label(enum codeset_id id, int value);
int vocab_parse(enum codeset_id id, const char *code);

/* The collection year a date falls in: 1 April 2025 .. 31 March 2026 -> 2026. */
int collection_year(kdate d);
/* "2025/26" for 2026 into buf (at least 8 bytes); returns buf. */
char *collection_year_text(int year, char *buf, size_t size);
/* The collection years kith takes: from 1989/90 (returns of the Children Act 1989 era; the
 * working-day calendar is right from 1978) to 2100. A year before the first rule set is
 * judged by that set's rules in its own collection period. */
#define COLLECTION_YEAR_FIRST 1990
#define COLLECTION_YEAR_LAST 2100
/* What to say when collection_year_parse refuses: the forms and the range, as text. */
#define COLLECTION_YEAR_EXPECTED                                                                   \
    "the year ending 31 March, as 2026 or 2025/26, from 1990 (1989/90) to 2100"
/* Parse "2026", "2025/26" or "2025-26" (the year ending 31 March); false if not a year in
 * COLLECTION_YEAR_FIRST..COLLECTION_YEAR_LAST or the two halves do not follow each other. */
bool collection_year_parse(const char *s, int *year);

#endif
