/*
 * The checks every backend runs on a value before writing it (store_check.h), and the
 * paging rules lists share.
 */
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_check.h"

/* The page a list query asks for: 0 is the default page, and no page passes the cap. */
int64_t page_limit(size_t limit)
{
    if (!limit)
        return STORE_PAGE_DEFAULT;
    return limit > STORE_PAGE_MAX ? STORE_PAGE_MAX : (int64_t)limit;
}

int64_t page_offset(size_t offset)
{
    return offset > (size_t)INT64_MAX ? INT64_MAX : (int64_t)offset;
}

void check_fail(struct check *c, enum kerr_code code, const char *field, const char *msg)
{
    if (!c->rc)
        c->rc = kerr_fail(c->e, code, field, "%s: %s", field, msg);
}

void check_text(struct check *c, const char *field, const char *v, size_t max, bool required)
{
    if (!v)
        check_fail(c, KITH_E_INVALID, field, "is missing");
    else if (required && !*v)
        check_fail(c, KITH_E_INVALID, field, "must not be empty");
    else if (strlen(v) > max && !c->rc)
        c->rc = kerr_fail(c->e, KITH_E_TOO_LARGE, field, "%s: longer than %zu bytes", field, max);
}

void check_enum(struct check *c, const char *field, int v, int count)
{
    if ((v < 0 || v >= count) && !c->rc)
        c->rc = kerr_fail(c->e, KITH_E_INVALID, field, "%s: %d is not a known value (0 to %d)",
                          field, v, count - 1);
}

void check_date(struct check *c, const char *field, kdate d, bool required)
{
    kdate lo = date_from_ymd(DATE_MIN_YEAR, 1, 1), hi = date_from_ymd(DATE_MAX_YEAR, 12, 31);
    if (d == DATE_NONE) {
        if (required)
            check_fail(c, KITH_E_INVALID, field, "a date is required");
    } else if ((d < lo || d > hi) && !c->rc) {
        c->rc = kerr_fail(c->e, KITH_E_INVALID, field, "%s: not a date between %d and %d", field,
                          DATE_MIN_YEAR, DATE_MAX_YEAR);
    }
}

/* `end` may be missing; when present it must not come before `start`. */
void check_order(struct check *c, const char *field, kdate start, kdate end)
{
    if (c->rc || end == DATE_NONE || start == DATE_NONE || end >= start)
        return;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    c->rc = kerr_fail(c->e, KITH_E_INVALID, field, "%s: %s is before the start date %s", field,
                      date_format_iso(end, a), date_format_iso(start, b));
}

void check_ref(struct check *c, const char *field, int64_t id)
{
    if (id <= 0 && !c->rc)
        c->rc = kerr_fail(c->e, KITH_E_INVALID, field, "%s: a record id is required", field);
}

/* A caller's public id must be well formed; an empty one is filled in by the write. */
void check_public_id(struct check *c, const char id[PUBLIC_ID_LEN + 1])
{
    if (id[0] && !public_id_valid(id) && !c->rc)
        c->rc = kerr_fail(c->e, KITH_E_INVALID, "public_id",
                          "public_id: '%.*s' is not %d letters of the public id alphabet",
                          PUBLIC_ID_LEN, id, PUBLIC_ID_LEN);
}
