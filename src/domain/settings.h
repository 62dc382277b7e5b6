/*
 * The council's settings: the facts about the council itself that no record holds and a
 * return needs (its DfE LA number for the CIN census header), one table of them with
 * what each may hold. Counters kept beside them (a return's serial number per year) are
 * named here too, so that nobody can set one by hand.
 */
#ifndef KITH_DOMAIN_SETTINGS_H
#define KITH_DOMAIN_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define SETTING_VALUE_MAX 200

struct setting_def {
    const char *name;   /* "la-code" */
    const char *label;  /* "the council's DfE LA number" */
    const char *expect; /* what a value must be, for messages and help */
    /* NULL when any text up to SETTING_VALUE_MAX fits; else true when `v` is allowed */
    bool (*valid)(const char *v);
};

extern const struct setting_def setting_defs[]; /* ended by a NULL name */

/* The setting called `name`, or NULL. */
const struct setting_def *setting_find(const char *name);

/* The counter of the CIN census serial number of collection year `year` ("cin-serial-2027"),
 * written into buf. Counters are not settings: only the store's counter op moves them. */
const char *setting_cin_serial_name(int year, char *buf, size_t size);

#endif
