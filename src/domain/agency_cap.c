/*
 * The regional price cap's description (agency.h agency_cap_type): a record the council
 * keeps itself, so that the caps its region agreed are entered, corrected and ended
 * through the product rather than waiting for a release of kith. A cap is for one region
 * and one of the DfE's five role categories, in pence an hour, in force from a day to a
 * day (open while no end is recorded), with who agreed it. The rule across caps (no two
 * of one region and role overlap) reads the store, so it is the use case's
 * (casework/agency.c); the cap check that reads these rows is the assignment's
 * (agency.c agency_cap_check).
 */
#include <stddef.h>

#include "domain/agency.h"
#include "domain/codeset.h"

#define F(m) offsetof(struct agency_cap, m)

static const struct field cap_fields[] = {
    {.name = "region",
     .label = "region",
     .expect = "one of the nine English regions ('kith codes agency-region' lists them)",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_AGENCY_REGION,
     .size = AGENCY_CODE_LEN,
     .offset = F(region)},
    AGENCY_ROLE_FIELD(agency_cap),
    {.name = "cap_pence",
     .label = "hourly cap",
     .expect = "pence an hour, measured as the rates are (pay, employer's National "
               "Insurance, holiday pay and any apprenticeship levy), like 4200 for 42.00 pounds",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = 100000,
     .offset = F(cap_pence)},
    {.name = "from_date",
     .label = "in force from",
     .expect = "the first day the cap applies to an assignment starting that day",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = F(from_date)},
    {.name = "to_date",
     .label = "in force to",
     .expect = "the last day the cap applies, on or after its first; empty while it is in force",
     .type = FIELD_DATE,
     .offset = F(to_date)},
    {.name = "agreed",
     .label = "agreed by",
     .expect = "who agreed the cap and where it is written, such as the region's memorandum "
               "of understanding of March 2025",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 500,
     .offset = F(agreed)},
    {.name = NULL},
};

static void check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    (void)ctx;
    const struct agency_cap *c = rec;
    field_date_before(errs, field_find(cap_fields, "to_date"), c->to_date, c->from_date,
                      "the day it is in force from", false);
}

/* Those who manage staff read the caps their rates are judged by; only administrators (and
 * the operator) set them. */
static const char *const cap_writers[] = {"administrator", NULL};

static const struct rec_keepers cap_keepers = {
    .readers = staff_roles,
    .writers = cap_writers,
    .operator_keeps = true,
    .readers_are = "team managers and administrators",
    .writers_are = "administrators",
};

const struct rec_type agency_cap_type = {
    .name = "agency_cap",
    .label = "agency price cap",
    .plural = "agency price caps",
    .table = "agency_cap",
    .parent = NULL,
    .keepers = &cap_keepers,
    .size = sizeof(struct agency_cap),
    .head = offsetof(struct agency_cap, h),
    .fields = cap_fields,
    .order = "from_date",
    .title = "region",
    .check = check,
};
