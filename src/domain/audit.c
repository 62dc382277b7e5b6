/*
 * The audit chain (audit.h). Fields are written "length:value;" so that a value holding
 * the separator cannot make two rows hash alike, and the row id is inside the hash, so
 * removing a row or swapping two breaks the chain where it happened. A keyed row's hash
 * is a MAC under the audit key; the checker below is the one verification both backends
 * run, with the anchors read from outside the database.
 */
#include "domain/audit.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/str.h"

static void field(struct str *s, const char *v)
{
    if (!v)
        v = "";
    str_addf(s, "%zu:", strlen(v));
    str_add(s, v);
    str_addc(s, ';');
}

static void number(struct str *s, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    field(s, buf);
}

static void hex(const unsigned char *raw, size_t n, char *out)
{
    static const char hexd[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexd[raw[i] >> 4];
        out[2 * i + 1] = hexd[raw[i] & 15];
    }
    out[2 * n] = '\0';
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Exactly 2n lowercase hex digits at `text` into `raw`. */
static bool unhex(const char *text, size_t n, unsigned char *raw)
{
    for (size_t i = 0; i < n; i++) {
        int hi = nibble(text[2 * i]), lo = hi < 0 ? -1 : nibble(text[2 * i + 1]);
        if (lo < 0)
            return false;
        raw[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* The MAC (with a key) or digest (without) of `n` bytes, as hex. */
static void seal(const struct audit_key *key, const char *text, size_t n, char out[65])
{
    unsigned char raw[32];
    if (key)
        kcrypto_mac_raw(key->k, text, n, raw);
    else
        kcrypto_digest_raw(text, n, raw);
    hex(raw, sizeof raw, out);
}

void audit_hash(const struct audit_event *ev, const char *prev, const struct audit_key *key,
                char out[65])
{
    struct str s;
    str_init(&s, 0);
    field(&s, prev);
    number(&s, ev->id);
    number(&s, ev->at);
    number(&s, ev->user_id);
    field(&s, ev->username);
    field(&s, ev->role);
    number(&s, ev->child_id);
    field(&s, ev->action);
    field(&s, ev->request_id);
    field(&s, ev->outcome);
    field(&s, ev->detail);
    size_t len = 0;
    char *text = str_detach(&s, &len);
    seal(key && ev->id >= key->from ? key : NULL, text ? text : "", text ? len : 0, out);
    free(text);
}

/* --- key files ------------------------------------------------------------------------- */

void audit_key_text(const struct audit_key *k, char out[AUDIT_KEY_TEXT_MAX])
{
    char h[2 * AUDIT_KEY_BYTES + 1];
    hex(k->k, AUDIT_KEY_BYTES, h);
    snprintf(out, AUDIT_KEY_TEXT_MAX,
             "# kith audit key (docs/web.md, \"Audit trail\"). Keep it secret, keep it outside\n"
             "# the database, and keep a copy: without it the trail cannot be verified.\n"
             "key %s\nfrom %" PRId64 "\n",
             h, k->from);
}

bool audit_key_parse(const char *text, struct audit_key *k, char why[AUDIT_WHY_MAX])
{
    bool have_key = false, have_from = false;
    int lineno = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        lineno++;
        if (n && p[0] != '#') {
            if (n == 4 + 2 * AUDIT_KEY_BYTES && !strncmp(p, "key ", 4) &&
                unhex(p + 4, AUDIT_KEY_BYTES, k->k)) {
                have_key = true;
            } else if (n > 5 && n < 25 && !strncmp(p, "from ", 5)) {
                char num[24];
                memcpy(num, p + 5, n - 5);
                num[n - 5] = '\0';
                char *stop;
                long long v = strtoll(num, &stop, 10);
                if (*stop || v < 1) {
                    snprintf(why, AUDIT_WHY_MAX, "line %d: 'from' needs a row number", lineno);
                    return false;
                }
                k->from = v;
                have_from = true;
            } else {
                snprintf(why, AUDIT_WHY_MAX,
                         "line %d: expected 'key' and 64 hex digits, or 'from' and a row", lineno);
                return false;
            }
        }
        p += n + (end ? 1 : 0);
    }
    if (!have_key || !have_from) {
        snprintf(why, AUDIT_WHY_MAX, "no '%s' line", have_key ? "from" : "key");
        return false;
    }
    return true;
}

/* --- anchors --------------------------------------------------------------------------- */

/* What an anchor's MAC covers: the line up to " mac=" (at most 22 + 20 + 70 + 24 bytes). */
enum { ANCHOR_BODY_MAX = 160 };
static int anchor_body(char *out, size_t n, int64_t row, const char *hash, int64_t at)
{
    return snprintf(out, n, "kith-audit-anchor row=%" PRId64 " hash=%.64s at=%" PRId64, row, hash,
                    at);
}

void audit_anchor_line(const struct audit_key *k, int64_t row, const char *hash, int64_t at,
                       char out[AUDIT_ANCHOR_LINE_MAX])
{
    char body[ANCHOR_BODY_MAX], mac[65];
    int n = anchor_body(body, sizeof body, row, hash, at);
    seal(k, body, (size_t)n, mac);
    snprintf(out, AUDIT_ANCHOR_LINE_MAX, "%s mac=%s\n", body, mac);
}

/* "NAME=" then a whole number at *p, moving past it. */
static bool take_number(const char **p, const char *name, long long *v)
{
    size_t n = strlen(name);
    if (strncmp(*p, name, n) || (*p)[n] < '0' || (*p)[n] > '9')
        return false;
    char *end;
    errno = 0;
    *v = strtoll(*p + n, &end, 10);
    *p = end;
    return errno == 0;
}

/* "NAME=" then 64 hex digits at *p into `out`, moving past them. */
static bool take_hex(const char **p, const char *name, char out[65])
{
    size_t n = strlen(name);
    unsigned char raw[32];
    if (strncmp(*p, name, n) || strnlen(*p + n, 64) < 64 || !unhex(*p + n, 32, raw))
        return false;
    memcpy(out, *p + n, 64);
    out[64] = '\0';
    *p += n + 64;
    return true;
}

bool audit_anchor_parse(const struct audit_key *k, const char *line, struct audit_anchor *a,
                        char why[AUDIT_WHY_MAX])
{
    long long row = 0, at = 0;
    char hash[65], mac[65];
    const char *p = line;
    if (!take_number(&p, "kith-audit-anchor row=", &row) || !take_hex(&p, " hash=", hash) ||
        !take_number(&p, " at=", &at) || !take_hex(&p, " mac=", mac) || *p || row < 1) {
        snprintf(why, AUDIT_WHY_MAX, "not a kith anchor line");
        return false;
    }
    char body[ANCHOR_BODY_MAX], want[65];
    int n = anchor_body(body, sizeof body, row, hash, at);
    seal(k, body, (size_t)n, want);
    if (!kcrypto_equal(want, mac, 64)) {
        snprintf(why, AUDIT_WHY_MAX,
                 "its MAC does not match the audit key (forged, or "
                 "another database's)");
        return false;
    }
    a->row = row;
    memcpy(a->hash, hash, sizeof a->hash);
    return true;
}

/* --- checking a chain ------------------------------------------------------------------ */

static void found(struct audit_check *c, int64_t row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void found(struct audit_check *c, int64_t row, const char *fmt, ...)
{
    if (c->bad)
        return; /* the first is what is reported */
    c->bad = row;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->why, sizeof c->why, fmt, ap);
    va_end(ap);
}

void audit_check_begin(struct audit_check *c)
{
    c->rows = c->last = c->bad = 0;
    c->why[0] = '\0';
    c->next = 0;
    memcpy(c->prev, AUDIT_GENESIS, sizeof c->prev);
}

static void check_anchors_to(struct audit_check *c, const struct audit_event *ev)
{
    for (; c->next < c->nanchors && c->anchors[c->next].row <= ev->id; c->next++) {
        const struct audit_anchor *a = &c->anchors[c->next];
        if (a->row < ev->id)
            found(c, a->row, "row %" PRId64 " is missing: %s (line %" PRId64 ") records it", a->row,
                  c->anchor_name, a->line);
        else if (strcmp(a->hash, ev->hash) != 0)
            found(c, a->row,
                  "row %" PRId64 " is not the row %s (line %" PRId64 ") records: it was "
                  "rewritten, or rows were removed and others written in their place",
                  a->row, c->anchor_name, a->line);
    }
}

void audit_check_row(struct audit_check *c, const struct audit_event *ev)
{
    int64_t expect = c->last + 1;
    c->rows++;
    if (ev->id != expect)
        found(c, ev->id,
              ev->id > expect ? "row %" PRId64 " follows row %" PRId64 ": the rows between are "
                                "missing"
                              : "row %" PRId64 " comes after row %" PRId64 ": out of order",
              ev->id, c->last);
    else if (strcmp(ev->prev_hash, c->prev) != 0)
        found(c, ev->id,
              "row %" PRId64 " does not chain on to the row before it: a row was removed, "
              "moved or rewritten",
              ev->id);
    char want[65];
    audit_hash(ev, c->prev, c->key, want);
    if (!kcrypto_equal(want, ev->hash, 64))
        found(c, ev->id,
              c->key && ev->id >= c->key->from
                  ? "row %" PRId64 " does not match its MAC under the audit key: it was "
                    "edited, or written without the key"
                  : "row %" PRId64 " does not match its hash: it was edited",
              ev->id);
    check_anchors_to(c, ev);
    /* Follow the chain as stored, so one bad row is reported, not every row after. */
    memcpy(c->prev, ev->hash, sizeof c->prev);
    c->last = ev->id;
}

void audit_check_end(struct audit_check *c)
{
    if (c->next < c->nanchors) {
        const struct audit_anchor *a = &c->anchors[c->nanchors - 1];
        found(c, c->last + 1,
              "the trail ends at row %" PRId64 " but %s (line %" PRId64 ") records row %" PRId64
              ": rows %" PRId64 " to %" PRId64 " were removed from the end",
              c->last, c->anchor_name, a->line, a->row, c->last + 1, a->row);
    }
    if (!c->key)
        return;
    if (c->db_from && c->db_from != c->key->from)
        found(c, c->db_from < c->key->from ? c->db_from : c->key->from,
              "the database says its rows are keyed from row %" PRId64 ", the key file from row "
              "%" PRId64 ": the wrong key file, or the database's record was changed",
              c->db_from, c->key->from);
    else if (!c->db_from && c->last >= c->key->from)
        found(c, c->key->from,
              "rows from %" PRId64 " are keyed but the database's record of it is gone",
              c->key->from);
}
