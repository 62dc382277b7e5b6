/*
 * The checks every backend runs on a value before writing it (store_check.h), and the
 * paging rules lists share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/record.h"
#include "domain/text.h"
#include "domain/workforce.h"
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

bool text_utf8(const char *v, size_t n)
{
    const unsigned char *p = (const unsigned char *)v, *end = p + n;
    while (p < end) {
        unsigned c = *p++;
        if (c < 0x80)
            continue;
        /* the length of the sequence and the range its second byte must be in */
        unsigned len, lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            len = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            return false;
        if ((size_t)(end - p) < len || p[0] < lo || p[0] > hi)
            return false;
        for (unsigned i = 1; i < len; i++)
            if (p[i] < 0x80 || p[i] > 0xBF)
                return false;
        p += len;
    }
    return true;
}

void check_text(struct check *c, const char *field, const char *v, size_t max, bool required)
{
    size_t n = v ? strlen(v) : 0;
    if (!v)
        check_fail(c, KITH_E_INVALID, field, "is missing");
    else if (required && !*v)
        check_fail(c, KITH_E_INVALID, field, "must not be empty");
    else if (n > max && !c->rc)
        c->rc = kerr_fail(c->e, KITH_E_TOO_LARGE, field, "%s: longer than %zu bytes", field, max);
    else if (!text_utf8(v, n))
        check_fail(c, KITH_E_INVALID, field, "is not UTF-8 text");
}

/* Text a person typed, as domain/text.h allows it for its kind (a name, a line, free
 * text): every way in (API, forms, CLI, import) writes through here. */
static void check_typed(struct check *c, const char *field, const char *v, enum text_kind k)
{
    char why[96];
    const char *problem = v && !c->rc ? text_problem(v, strlen(v), k, why, sizeof why) : NULL;
    if (problem)
        check_fail(c, KITH_E_INVALID, field, problem);
}

/* A fixed-size code field (it may fill its array without a NUL): UTF-8 like any text. */
static void check_code(struct check *c, const char *field, const char *v, size_t cap)
{
    if (!text_utf8(v, strnlen(v, cap)))
        check_fail(c, KITH_E_INVALID, field, "is not UTF-8 text");
}
#define CHECK_CODE(c, field, arr) check_code(c, field, arr, sizeof(arr))

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

/* --- whole records: what a write of each checks, in the order the fields read ----------- */

/* The first problem the description finds, as the store reports one. */
static void check_fields(struct check *c, const struct field *table, const void *rec)
{
    struct field_errors errs;
    field_errors_clear(&errs);
    field_check(table, rec, &(struct field_ctx){.today = DATE_NONE}, &errs);
    if (errs.n && !c->rc)
        c->rc = field_error_kerr(&errs.items[0], c->e);
}

enum kerr_code check_worker(const struct worker *w, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_public_id(&c, w->public_id);
    check_ref(&c, "team_id", w->team_id);
    check_fields(&c, worker_fields, w);
    return c.rc;
}

enum kerr_code check_user(const struct user *u, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "username", u->username, STORE_USERNAME_MAX, true);
    check_enum(&c, "role", (int)u->role, UROLE_COUNT);
    if (u->worker_id < 0)
        check_fail(&c, KITH_E_INVALID, "worker_id", "must be a worker's id, or 0 for none");
    check_date(&c, "created", u->created, false);
    return c.rc;
}

/* A disability code: one to four capital letters or digits (the DfE's codes are NONE,
 * MOB, HAND, ... ); commas never, since the read-back joins codes with them. */
static bool disability_code_valid(const char *code, size_t cap)
{
    size_t n = strnlen(code, cap);
    if (n == 0 || n >= cap)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
            return false;
    return true;
}

enum kerr_code check_person(const struct person *p, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    /* The person's values are the description's (domain/person.c), checked by the use
     * case; here only what the stored form needs: a kind the tables index, text that is
     * UTF-8 and fits, dates the columns hold, codes the disability rows can join. */
    check_enum(&c, "kind", (int)p->kind, PERSON_KIND_COUNT);
    CHECK_CODE(&c, "la_child_id", p->la_child_id);
    check_text(&c, "given_name", p->given_name, STORE_NAME_MAX, false);
    check_text(&c, "family_name", p->family_name, STORE_NAME_MAX, false);
    check_typed(&c, "given_name", p->given_name, TEXT_NAME);
    check_typed(&c, "family_name", p->family_name, TEXT_NAME);
    CHECK_CODE(&c, "ethnicity", p->ethnicity);
    CHECK_CODE(&c, "upn", p->upn);
    CHECK_CODE(&c, "former_upn", p->former_upn);
    CHECK_CODE(&c, "upn_unknown", p->upn_unknown);
    CHECK_CODE(&c, "postcode", p->postcode);
    CHECK_CODE(&c, "nhs_number", p->nhs_number);
    CHECK_CODE(&c, "nhs_source", p->nhs_source);
    CHECK_CODE(&c, "nhs_unknown", p->nhs_unknown);
    if (p->nhs_unknown_text)
        check_text(&c, "nhs_unknown_text", p->nhs_unknown_text, STORE_NAME_MAX, false);
    check_date(&c, "dob", p->dob, false);
    check_date(&c, "expected_dob", p->expected_dob, false);
    check_date(&c, "death", p->death, false);
    check_date(&c, "uasc_ceased", p->uasc_ceased, false);
    check_date(&c, "created", p->created, false);
    if ((p->n_disabilities < 0 || p->n_disabilities > DISABILITIES_MAX) && !c.rc)
        c.rc = kerr_fail(e, KITH_E_INVALID, "disabilities",
                         "disabilities: %d codes given, at most %d allowed", p->n_disabilities,
                         DISABILITIES_MAX);
    for (int i = 0; !c.rc && i < p->n_disabilities; i++)
        if (!disability_code_valid(p->disabilities[i], sizeof(p->disabilities[i])))
            c.rc = kerr_fail(e, KITH_E_INVALID, "disabilities",
                             "disabilities: '%.4s' is not a disability code (capital letters or "
                             "digits, at most 4)",
                             p->disabilities[i]);
    /* the database refuses a repeat too (as a clash); this names the code on every backend */
    for (int i = 1; !c.rc && i < p->n_disabilities; i++)
        for (int j = 0; !c.rc && j < i; j++)
            if (!strncmp(p->disabilities[i], p->disabilities[j], sizeof(p->disabilities[i])))
                c.rc = kerr_fail(e, KITH_E_CONFLICT, "disabilities",
                                 "disability '%.4s' is given twice", p->disabilities[i]);
    return c.rc;
}

bool search_words(const char *text, char buf[SEARCH_WORDS_CAP], size_t *len, bool *utf8)
{
    size_t n = 0;
    bool space = false;
    for (const char *p = text; *p; p++) {
        /* "Okafor, Amara" as a list writes it: the comma is a space */
        if (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = n > 0;
            continue;
        }
        if (n + space + 1 > STORE_SEARCH_MAX)
            return false;
        if (space)
            buf[n++] = ' ';
        space = false;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    *len = n;
    *utf8 = text_utf8(buf, n);
    return true;
}

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }

/* Checked codes have no commas and fit their slots, so the joined form splits back into
 * exactly the codes written. */
void person_codes_join(const struct person *p, char out[PERSON_CODES_CAP])
{
    char sorted[DISABILITIES_MAX][sizeof(p->disabilities[0])];
    int n = p->n_disabilities;
    memcpy(sorted, p->disabilities, (size_t)n * sizeof(sorted[0]));
    qsort(sorted, (size_t)n, sizeof(sorted[0]), cmp_code);
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            out[len++] = ',';
        size_t k = strnlen(sorted[i], sizeof(sorted[i]));
        memcpy(out + len, sorted[i], k);
        len += k;
    }
    out[len] = '\0';
}

void person_codes_split(const char *v, size_t len, struct person *p)
{
    p->n_disabilities = 0;
    for (size_t at = 0; v && at < len && p->n_disabilities < DISABILITIES_MAX;) {
        size_t n = 0;
        while (at + n < len && v[at + n] != ',')
            n++;
        char *code = p->disabilities[p->n_disabilities];
        size_t keep = n < sizeof(p->disabilities[0]) ? n : sizeof(p->disabilities[0]) - 1;
        memcpy(code, v + at, keep);
        code[keep] = '\0';
        if (keep)
            p->n_disabilities++;
        at += n + 1;
    }
}

enum kerr_code check_relationship(const struct relationship *r, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_ref(&c, "child_id", r->child_id);
    check_ref(&c, "other_id", r->other_id);
    if (r->child_id == r->other_id)
        check_fail(&c, KITH_E_INVALID, "other_id", "a person cannot be related to themselves");
    check_text(&c, "type", r->type, STORE_CODE_MAX, true);
    return c.rc;
}

/* The allocation's values are the description's (domain/entities.c allocation_fields),
 * checked by the use case; here what the rows need. */
enum kerr_code check_allocation(const struct allocation *al, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_ref(&c, "child_id", al->child_id);
    check_ref(&c, "worker_id", al->worker_id);
    check_enum(&c, "role", (int)al->role, ALLOC_ROLE_COUNT);
    check_date(&c, "start", al->start, true);
    check_date(&c, "end", al->end, false);
    if (al->end_reason)
        check_text(&c, "end_reason", al->end_reason, STORE_CODE_MAX, true);
    return c.rc;
}

enum kerr_code check_allocation_end(kdate end, const char *reason, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_date(&c, "end", end, true);
    if (reason)
        check_text(&c, "end_reason", reason, STORE_CODE_MAX, true);
    return c.rc;
}

/* Whether an allocation read as (start, ended) may end on `end`: not when it has ended
 * already (KITH_E_CONFLICT), nor before it started. */
enum kerr_code check_allocation_ending(int64_t id, kdate start, kdate ended, kdate end,
                                       struct kerr *e)
{
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    if (ended != DATE_NONE)
        return kerr_fail(e, KITH_E_CONFLICT, "end", "allocation %lld already ended on %s",
                         (long long)id, date_format_iso(ended, a));
    if (end < start)
        return kerr_fail(e, KITH_E_INVALID, "end",
                         "end: %s is before the allocation's start date %s",
                         date_format_iso(end, a), date_format_iso(start, b));
    return KITH_OK;
}
enum kerr_code check_restriction(const struct restriction *r, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "reason", r->reason, 40, true);
    check_text(&c, "authoriser", r->authoriser, 200, true);
    check_date(&c, "review", r->review, true);
    if (!c.rc && r->nallow == 0)
        check_fail(&c, KITH_E_INVALID, "allow",
                   "name at least one account that may see the record");
    return c.rc;
}

enum kerr_code check_grant(struct access_grant *g, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "reason", g->reason, 500, true);
    check_text(&c, "granted_by", g->granted_by, 200, true);
    if (c.rc)
        return c.rc;
    if (g->granted == DATE_NONE)
        g->granted = date_today();
    if (g->expires != DATE_NONE && g->expires < g->granted)
        return kerr_fail(e, KITH_E_INVALID, "expires", "expires: before the day it is granted");
    return KITH_OK;
}

enum kerr_code check_audit_event(const struct audit_event *ev, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "username", ev->username, 200, true);
    check_text(&c, "role", ev->role, 40, true);
    check_text(&c, "action", ev->action, 40, true);
    check_text(&c, "request_id", ev->request_id, 64, true);
    check_text(&c, "outcome", ev->outcome, 20, true);
    if (ev->detail)
        check_text(&c, "detail", ev->detail, 1000, false);
    return c.rc;
}

enum kerr_code check_token(const struct api_token *t, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "name", t->name, 100, true);
    check_text(&c, "token_digest", t->token_digest, 128, true);
    return c.rc;
}

enum kerr_code check_session(const struct session *ss, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_text(&c, "token_digest", ss->token_digest, 128, true);
    check_text(&c, "csrf", ss->csrf, 128, true);
    return c.rc;
}

enum kerr_code check_note(const struct case_note *n, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_public_id(&c, n->public_id);
    check_ref(&c, "child_id", n->child_id);
    check_ref(&c, "author_id", n->author_id);
    check_date(&c, "date", n->date, true);
    check_text(&c, "kind", n->kind, STORE_CODE_MAX, true);
    check_text(&c, "subject", n->subject, STORE_NAME_MAX, false);
    check_text(&c, "body", n->body, STORE_TEXT_MAX, false);
    /* what a subject and a body may hold is the note's description's (domain/entities.c),
     * checked by the use case every way in goes through */
    return c.rc;
}

static bool search_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

enum kerr_code search_split(const char *text, struct search_terms *out, struct kerr *e)
{
    out->n = 0;
    if (strlen(text) > STORE_SEARCH_MAX)
        return kerr_fail(e, KITH_E_TOO_LARGE, "text", "text: search text longer than %d bytes",
                         STORE_SEARCH_MAX);
    int terms = 0;
    const char *p = text;
    while (*p) {
        if (search_space(*p)) {
            p++;
            continue;
        }
        const char *start, *end;
        if (*p == '"') {
            start = ++p;
            while (*p && *p != '"')
                p++;
            end = p;
            if (*p)
                p++;
        } else {
            start = p;
            while (*p && !search_space(*p) && *p != '"')
                p++;
            end = p;
        }
        bool prefix = false;
        while (*p == '*') { /* "a phrase"* */
            prefix = true;
            p++;
        }
        while (end > start && end[-1] == '*') { /* word* or "a phras*" */
            prefix = true;
            end--;
        }
        if (end == start)
            continue;
        if (terms < SEARCH_TERMS_MAX)
            out->v[terms] = (struct search_term){start, (size_t)(end - start), prefix};
        terms++;
    }
    if (terms > SEARCH_TERMS_MAX)
        return kerr_fail(e, KITH_E_TOO_LARGE, "text",
                         "text: %d words or phrases, at most %d in one search", terms,
                         SEARCH_TERMS_MAX);
    out->n = terms;
    return KITH_OK;
}

enum kerr_code check_person_new(const struct person *p, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_public_id(&c, p->public_id);
    return c.rc ? c.rc : check_person(p, e);
}

enum kerr_code check_team(const struct team *t, struct kerr *e)
{
    struct check c = {e, KITH_OK};
    check_public_id(&c, t->public_id);
    check_fields(&c, team_fields, t);
    return c.rc;
}
