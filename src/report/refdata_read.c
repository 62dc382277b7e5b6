/*
 * The ONS postcode directory and Ofsted provider list readers (see refdata_read.h): find
 * the columns kith needs by any of the names the publishers have used, then turn each CSV
 * record into a postcode place or a provider.
 */
#include "report/refdata_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "domain/codeset.h"
#include "report/csv.h"

/* The first column of the header called any of `names` ("a|b|c"), or -1. */
static int find_col(struct csv_read *c, const char *names)
{
    for (const char *p = names; *p;) {
        size_t n = strcspn(p, "|");
        for (size_t i = 0; i < csv_nfields(c); i++) {
            const char *f = csv_field(c, i, NULL);
            while (*f == ' ')
                f++;
            size_t len = strlen(f);
            while (len && f[len - 1] == ' ')
                len--;
            if (len == n && !strncasecmp(f, p, n))
                return (int)i;
        }
        p += n + (p[n] == '|');
    }
    return -1;
}

static enum kerr_code open_with_header(struct csv_read **c, const char *path, size_t max_bytes,
                                       struct kerr *e)
{
    struct csv_opts o = {.max_bytes = max_bytes};
    if (csv_open(c, path, NULL, &o, e))
        return KITH_E_PARSE;
    int got = csv_next(*c, e);
    if (got <= 0) {
        csv_close(*c);
        return got < 0 ? KITH_E_PARSE : kerr_fail(e, KITH_E_PARSE, NULL, "%s is empty", path);
    }
    return KITH_OK;
}

static const char *field(struct csv_read *c, int col)
{
    return col >= 0 ? csv_field(c, (size_t)col, NULL) : "";
}

static void copy(char *out, size_t size, const char *s)
{
    while (*s == ' ')
        s++;
    snprintf(out, size, "%s", s);
    size_t n = strlen(out);
    while (n && out[n - 1] == ' ')
        out[--n] = '\0';
}

static int32_t grid(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= 0 && v < 10000000 ? (int32_t)v : INT32_MIN;
}

enum kerr_code postcodes_read(const char *path, size_t max_bytes,
                              enum kerr_code (*fn)(void *ctx, const struct postcode_place *p),
                              void *ctx, struct refdata_stats *st, struct kerr *e)
{
    struct csv_read *c;
    memset(st, 0, sizeof(*st));
    if (open_with_header(&c, path, max_bytes, e))
        return KITH_E_PARSE;
    int pcd = find_col(c, "pcds|pcd|pcd2|pcd7|pcd8|postcode");
    int laua = find_col(c, "oslaua|laua|lad|ladcd|lad25cd|lad24cd|lad23cd|lad22cd|lad21cd");
    int cty = find_col(c, "oscty|cty|cty25cd|cty24cd|cty23cd|cty22cd|cty21cd");
    int east = find_col(c, "oseast1m|east|easting");
    int north = find_col(c, "osnrth1m|north|northing");
    enum kerr_code rc = KITH_OK;
    if (pcd < 0 || laua < 0)
        rc = kerr_fail(e, KITH_E_PARSE, pcd < 0 ? "pcds" : "oslaua",
                       "%s line 1: no %s column: is this the ONS postcode directory (ONSPD or "
                       "NSPL) as CSV?",
                       path, pcd < 0 ? "postcode (pcds or pcd)" : "local authority (oslaua)");
    int got;
    while (!rc && (got = csv_next(c, e)) > 0) {
        struct postcode_place p = {.east = INT32_MIN, .north = INT32_MIN};
        char county[AREA_CODE_MAX + 1];
        copy(p.laua, sizeof(p.laua), field(c, laua));
        copy(county, sizeof(county), field(c, cty));
        if (!postcode_norm(field(c, pcd), p.pcd) || !p.laua[0]) {
            st->skipped++;
            continue;
        }
        /* a county code (E10...) is the upper tier; the pseudo-code E99999999 and the
         * unitary, metropolitan and London districts are their own */
        snprintf(p.utla, sizeof(p.utla), "%s", !strncmp(county, "E10", 3) ? county : p.laua);
        if (east >= 0 && north >= 0) {
            p.east = grid(field(c, east));
            p.north = grid(field(c, north));
            if (p.east == INT32_MIN || p.north == INT32_MIN)
                p.east = p.north = INT32_MIN;
        }
        st->read++;
        rc = fn(ctx, &p);
    }
    if (!rc && got < 0)
        rc = KITH_E_PARSE;
    csv_close(c);
    return rc;
}

enum kerr_code providers_read(const char *path, size_t max_bytes,
                              enum kerr_code (*fn)(void *ctx, const struct provider *p), void *ctx,
                              struct refdata_stats *st, struct kerr *e)
{
    struct csv_read *c;
    memset(st, 0, sizeof(*st));
    if (open_with_header(&c, path, max_bytes, e))
        return KITH_E_PARSE;
    int urn = find_col(c, "URN");
    int places = find_col(c, "Placement code|Provider Placement Code");
    int providers = find_col(c, "Placement provider code|Provider Code");
    int end = find_col(c, "Deregistration date|Closed Date|Closure date");
    int pcd = find_col(c, "Setting postcode|Setting Address Postcode|Postcode");
    enum kerr_code rc = KITH_OK;
    if (urn < 0 || places < 0 || providers < 0)
        rc = kerr_fail(e, KITH_E_PARSE, NULL,
                       "%s line 1: the Ofsted list needs the columns URN, Placement code and "
                       "Placement provider code (or Provider Placement Code and Provider Code)",
                       path);
    int got;
    while (!rc && (got = csv_next(c, e)) > 0) {
        struct provider p = {.reg_end = DATE_NONE};
        copy(p.urn, sizeof(p.urn), field(c, urn));
        if (!p.urn[0]) {
            st->skipped++;
            continue;
        }
        provider_codes_norm(CS_903_PLACEMENT, field(c, places), p.place_codes,
                            sizeof(p.place_codes));
        provider_codes_norm(CS_903_PROVIDER, field(c, providers), p.provider_codes,
                            sizeof(p.provider_codes));
        char date[32];
        copy(date, sizeof(date), field(c, end));
        size_t dn = strlen(date);
        if (dn && !date_scan_dmy(date, dn, &p.reg_end) && !date_scan_iso(date, dn, &p.reg_end) &&
            !(dn > 10 && date_scan_iso(date, 10, &p.reg_end)))
            p.reg_end = DATE_NONE;
        if (!postcode_norm(field(c, pcd), p.pcd))
            p.pcd[0] = '\0';
        st->read++;
        rc = fn(ctx, &p);
    }
    if (!rc && got < 0)
        rc = KITH_E_PARSE;
    csv_close(c);
    return rc;
}
