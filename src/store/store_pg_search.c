/*
 * The PostgreSQL dialect of case-note search (store_impl.h, store_dialect): the stored
 * search column and its GIN index (migrations 0006 and 0007: the kith_text
 * configuration, accents folded, lower case, no stemming, subject weighted above body),
 * which PostgreSQL keeps with the row, so a note needs no index statement of kith's.
 * A person's search text is split into terms by store_check.c's search_split, as on
 * SQLite, and each term into words here; the query is then written in tsquery syntax
 * from those words alone, each quoted, so no operator, bracket, colon or quote a person
 * types is ever obeyed.
 */
#include "core/str.h"
#include "store/store_pg_impl.h"
#include "store/store_sql.h"

/* Weights of D, C, B, A: a subject word counts twice a body word, as bm25's weights on
 * SQLite; rank divided by 1 + log(length), so a long note does not win by length. */
#define NOTE_RANK "ts_rank('{0.1, 0.2, 0.5, 1.0}', n.search, q, 1)"

/* Best match first, then newest. */
struct store_sql pg_note_search_sql =
    STORE_SQL("SELECT " NOTE_COLS " FROM case_note n, to_tsquery('kith_text'::regconfig, $4) q "
              "WHERE n.search @@ q AND ($1::bigint = 0 OR n.child_id = $1) "
              "ORDER BY " NOTE_RANK " DESC, n.note_date DESC, n.id DESC LIMIT $2 OFFSET $3");

/* Bytes of the UTF-8 character starting at `p` (at most `left`), or 0 when it is not one
 * (a stray continuation byte, a cut-off or overlong sequence, a surrogate). */
static size_t utf8_char(const unsigned char *p, size_t left)
{
    size_t n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (p[0] >= 0xF8 || n > left)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* The length of the word at `p` (ASCII letters and digits and whole UTF-8 characters,
 * which PostgreSQL's parser judges for itself), or 0 when `p` is not in one. */
static size_t word_len(const char *p, size_t left)
{
    size_t n = 0;
    while (n < left) {
        unsigned char c = (unsigned char)p[n];
        size_t k = c < 0x80 ? ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                            : utf8_char((const unsigned char *)p + n, left - n);
        if (!k)
            break;
        n += k;
    }
    return n;
}

/* The terms as a tsquery: the words of a term are a phrase ('a' <-> 'b'), a prefix term
 * ends in :*, and the terms are ANDed. Only the words go in, each quoted; punctuation,
 * operators and invalid UTF-8 between them separate words. A term with no words is left
 * out, as FTS5 ignores an empty string beside others. Returns the terms written. */
int pg_note_match(const struct search_terms *t, struct str *q)
{
    int written = 0;
    for (int i = 0; i < t->n; i++) {
        const char *p = t->v[i].start, *end = p + t->v[i].len;
        int words = 0;
        while (p < end) {
            size_t n = word_len(p, (size_t)(end - p));
            if (!n) {
                p++;
                continue;
            }
            str_add(q, words ? " <-> " : written ? " & (" : "(");
            str_addc(q, '\'');
            str_addn(q, p, n);
            str_addc(q, '\'');
            p += n;
            words++;
        }
        if (!words)
            continue;
        if (t->v[i].prefix)
            str_add(q, ":*");
        str_addc(q, ')');
        written++;
    }
    return written;
}
