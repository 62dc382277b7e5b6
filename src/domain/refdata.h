/*
 * Reference data the 903 rules read when it has been loaded: postcode geography (from the
 * ONS postcode directory, `kith postcodes import`) and the Ofsted lists of registered
 * providers (`kith providers import`). The store keeps them; before a validation run the
 * caller looks up only what the return mentions and puts it in these small in-memory maps,
 * which struct rinputs carries to the rules (domain/ret/rule.h).
 *
 * Postcodes are keyed without spaces and in capitals ("N1 9GU" and "n19gu" are the same
 * postcode), as the directory and the DfE compare them.
 */
#ifndef KITH_DOMAIN_REFDATA_H
#define KITH_DOMAIN_REFDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"

#define POSTCODE_MAX 8  /* without spaces: "SW1A1AA" */
#define AREA_CODE_MAX 9 /* ONS area code: "E09000019" */

/* One postcode's place. */
struct postcode_place {
    char pcd[POSTCODE_MAX + 1];   /* normalised */
    char laua[AREA_CODE_MAX + 1]; /* local authority district (lower tier) */
    char utla[AREA_CODE_MAX + 1]; /* upper-tier local authority (county or unitary) */
    int32_t east, north;          /* OS grid reference, metres; INT32_MIN unknown */
};

/* One Ofsted-registered provider (a URN). The 903 codes it may be used with are kept as
 * written (space-separated lists) and as bit sets of code indexes (provider_list_add fills
 * those from the lists). */
struct provider {
    char urn[16];
    char place_codes[96];    /* "K2 K1": 903 placement types (PLACE) */
    char provider_codes[32]; /* "PR4": 903 placement providers (PLACE_PROVIDER) */
    uint64_t places;         /* the same as CS_903_PLACEMENT bits */
    uint64_t providers;      /* and CS_903_PROVIDER bits */
    kdate reg_end;           /* deregistration or closure, DATE_NONE when open */
    char pcd[POSTCODE_MAX + 1];
    char la[AREA_CODE_MAX + 1]; /* upper-tier LA of its postcode, "" when not known */
};

/* A map from a key (postcode or URN) to one of the records above. */
struct refmap {
    void *v;     /* records */
    size_t size; /* bytes per record */
    size_t n, cap;
    uint32_t *hash; /* open addressing, 0 empty, else index + 1 */
    uint32_t hcap;
};

struct postcode_geo {
    struct refmap map;
};

struct provider_list {
    struct refmap map;
};

/* Write `s` without spaces and in capitals into out (POSTCODE_MAX + 1 bytes); false when it
 * cannot be a postcode (empty, too long, other characters). */
bool postcode_norm(const char *s, char *out);

void postcode_geo_init(struct postcode_geo *g);
void postcode_geo_release(struct postcode_geo *g);
/* Add (or replace) a place; its pcd must be normalised. */
void postcode_geo_add(struct postcode_geo *g, const struct postcode_place *p);
/* The place of postcode `s` (any spacing and case), or NULL. */
const struct postcode_place *postcode_geo_find(const struct postcode_geo *g, const char *s);
size_t postcode_geo_count(const struct postcode_geo *g);

void provider_list_init(struct provider_list *l);
void provider_list_release(struct provider_list *l);
/* Add (or replace) a provider; its bit sets are filled from its code lists. */
void provider_list_add(struct provider_list *l, const struct provider *p);
/* A list of codes as Ofsted writes them ("K2/K1", "PR1, PR2") in the form kept here ("K2 K1"),
 * in `out` of `size` bytes; codes that are not 903 codes of `codeset` are left out. */
void provider_codes_norm(int codeset, const char *s, char *out, size_t size);
const struct provider *provider_list_find(const struct provider_list *l, const char *urn);
size_t provider_list_count(const struct provider_list *l);

#endif
