/*
 * The children a duplicate check scores (store_dupes.h), in one statement. Names compare
 * in lower case, as the person search does; the parameters are lowered here, so the
 * columns' own lower() is all each backend does.
 */
#include "store/store_dupes.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "store/store_impl.h"
#include "store/store_sql.h"

static struct store_sql dup_sql = STORE_SQL(
    "SELECT id, public_id, la_child_id, given_name, family_name, dob, upn, postcode, nhs_number "
    "FROM person WHERE kind = 0 AND merged_into IS NULL AND (upn = ?1 OR dob = ?2 OR dob = ?3 "
    "OR postcode = ?4 OR (lower(family_name) = ?5 AND lower(given_name) = ?6) "
    "OR (lower(family_name) = ?6 AND lower(given_name) = ?5) OR nhs_number = ?7) "
    "ORDER BY id LIMIT 200");

struct rows {
    struct arena *a;
    struct dup_row *v;
    size_t n;
};

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static enum kerr_code read_row(void *ctx, const char *const *v, const size_t *len, struct kerr *e)
{
    (void)e;
    struct rows *r = ctx;
    if (r->n == STORE_DUPES_MAX)
        return KITH_OK;
    struct dup_row *d = &r->v[r->n++];
    d->id = store_col_i64(v[0], len[0]);
    copy(d->public_id, sizeof d->public_id, v[1]);
    copy(d->la_child_id, sizeof d->la_child_id, v[2]);
    d->given = arena_strdup(r->a, v[3] ? v[3] : "");
    d->family = arena_strdup(r->a, v[4] ? v[4] : "");
    if (!v[5] || date_parse_iso(v[5], &d->dob, NULL))
        d->dob = DATE_NONE;
    copy(d->upn, sizeof d->upn, v[6]);
    copy(d->postcode, sizeof d->postcode, v[7]);
    copy(d->nhs, sizeof d->nhs, v[8]);
    return KITH_OK;
}

/* `s` in lower case (ASCII), in `a`; NULL for NULL or blank. */
static const char *lowered(struct arena *a, const char *s)
{
    if (!s || !s[strspn(s, " ")])
        return NULL;
    char *l = arena_strdup(a, s);
    for (char *p = l; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return l;
}

/* The date with its day and month swapped, when that is another date. */
static const char *swapped(kdate d, char buf[DATE_ISO_LEN])
{
    if (d == DATE_NONE)
        return NULL;
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    if (dd > 12 || dd == m)
        return NULL;
    return date_format_iso(date_from_ymd(y, dd, m), buf);
}

enum kerr_code store_dup_candidates(struct store *s, const struct dup_probe_q *q, struct arena *a,
                                    struct dup_row **out, size_t *n, struct kerr *e)
{
    *out = NULL;
    *n = 0;
    char dob[DATE_ISO_LEN], dob2[DATE_ISO_LEN];
    const char *p[7] = {
        q->upn && *q->upn ? q->upn : NULL,
        q->dob != DATE_NONE ? date_format_iso(q->dob, dob) : NULL,
        swapped(q->dob, dob2),
        q->postcode && *q->postcode ? q->postcode : NULL,
        lowered(a, q->family),
        lowered(a, q->given),
        q->nhs && *q->nhs ? q->nhs : NULL,
    };
    struct rows r = {.a = a, .v = arena_zalloc(a, STORE_DUPES_MAX * sizeof(struct dup_row))};
    enum kerr_code rc = store_run_text(s, &dup_sql, p, 7, read_row, &r, NULL, e);
    if (!rc) {
        *out = r.v;
        *n = r.n;
    }
    return rc;
}
