/*
 * The council's settings (settings.h): a table, so that the command line's help, its
 * checks and the store agree on what exists. A value is checked here, once, whoever sets
 * it.
 */
#include "domain/settings.h"

#include <stdio.h>
#include <string.h>

#include "domain/agency.h"
#include "domain/family_help.h"
#include "domain/help.h"
#include "domain/ident.h"
#include "domain/vacancy.h"

/* A whole number of months from 1 to `max`, in digits. */
static bool months_upto(const char *v, int max)
{
    size_t n = strspn(v, "0123456789");
    if (!n || v[n] || n > 3 || v[0] == '0')
        return false;
    int m = 0;
    for (size_t i = 0; i < n; i++)
        m = m * 10 + (v[i] - '0');
    return m <= max;
}

static bool retention_months(const char *v)
{
    return months_upto(v, APPLICATION_RETENTION_MONTHS_MAX);
}

static bool review_months(const char *v) { return months_upto(v, FAMILY_HELP_REVIEW_MONTHS_MAX); }

static bool cin_review_months(const char *v) { return months_upto(v, CIN_PLAN_REVIEW_MONTHS_MAX); }

/* Three digits, a DfE LA code (rule 1530's list: the code the council's UPNs carry). */
static bool la_code(const char *v) { return strlen(v) == 3 && la_code_valid(v, 0); }

const struct setting_def setting_defs[] = {
    {"la-code", "the council's DfE LA number",
     "three digits, the council's DfE local authority code (206 for Islington)", la_code},
    {"council-name", "the council's name",
     "the name people know the council by, at most 200 "
     "characters",
     NULL},
    /* the region whose agency price caps apply (domain/agency.c) */
    {"region", "the council's region",
     "one of the nine English regions: north-east, north-west, yorkshire-humber, "
     "east-midlands, west-midlands, east, london, south-east, south-west",
     agency_region_known},
    /* how long applications are kept after their vacancy closed (casework/retention.c) */
    {"application-retention-months", "how long applications are kept",
     "a whole number of months from 1 to 120 after the vacancy closed; 6 when not set",
     retention_months},
    /* how often family help plans are reviewed (domain/timescale.c) */
    {"family-help-review-months", "how often a family help plan is reviewed",
     "a whole number of months from 1 to 12 between reviews; 3 when not set", review_months},
    /* how often CIN plans are reviewed (domain/timescale.c) */
    {"cin-plan-review-months", "how often a child in need plan is reviewed",
     "a whole number of months from 1 to 12 between reviews; 3 when not set", cin_review_months},
    {NULL, NULL, NULL, NULL},
};

const struct setting_def *setting_find(const char *name)
{
    for (const struct setting_def *d = setting_defs; name && d->name; d++)
        if (!strcmp(d->name, name))
            return d;
    return NULL;
}

const char *setting_cin_serial_name(int year, char *buf, size_t size)
{
    snprintf(buf, size, "cin-serial-%d", year);
    return buf;
}
