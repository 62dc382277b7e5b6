/*
 * The 903 view the rules read (s903_build): one child dictionary over every table of both
 * years, and each year's episodes in (child, DECOM, DEC, row) order. The order is checked
 * against a plain sort of the same keys, on returns made to be awkward: children met first
 * in different tables, dates out of order, blank dates and blank CHILD cells, ties broken
 * only by row, and one child with more episodes than the insertion sort takes.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/ret/ssda903.h"

static uint64_t seed = 88172645463325252u;

/* xorshift: the same scrambled return on every run */
static uint32_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)seed;
}

static void set_text(struct ret *r, int t, int32_t row, int col, const char *s)
{
    ret_set(r, t, row, col, s, strlen(s));
}

/* A date as the 903 CSV writes it, or blank one time in `blank`. */
static void set_date(struct ret *r, int t, int32_t row, int col, unsigned blank)
{
    char d[16];
    if (blank && next() % blank == 0)
        return;
    snprintf(d, sizeof d, "%02u/%02u/20%02u", 1 + next() % 28, 1 + next() % 12, 20 + next() % 6);
    set_text(r, t, row, col, d);
}

/* `n` episodes over `nchild` children in scrambled order; child 0 gets `many` more, and
 * `blank` rows have no CHILD. Header rows name the children in another order first. */
static void make_return(struct ret *r, int year, const char *prefix, int nchild, int n, int many,
                        int blank)
{
    ret_init(r, &ret_kind_903);
    r->year = year;
    char id[32];
    for (int c = nchild - 1; c >= 0; c -= 2) { /* every other child, backwards */
        int32_t row = ret_add_row(r, T903_HEADER, 0);
        snprintf(id, sizeof id, "%s%d", prefix, c);
        set_text(r, T903_HEADER, row, HD_CHILD, id);
    }
    for (int i = 0; i < n + many + blank; i++) {
        int32_t row = ret_add_row(r, T903_EPISODES, 0);
        if (i < n || i >= n + many) {
            if (i < n) {
                snprintf(id, sizeof id, "%s%u", prefix, next() % (unsigned)nchild);
                set_text(r, T903_EPISODES, row, EP_CHILD, id);
            }
        } else {
            snprintf(id, sizeof id, "%s0", prefix);
            set_text(r, T903_EPISODES, row, EP_CHILD, id);
        }
        set_date(r, T903_EPISODES, row, EP_DECOM, 9);
        set_date(r, T903_EPISODES, row, EP_DEC, 3);
    }
}

static const struct s903_episodes *sorting; /* for by_key */

static int date_cmp(kdate a, kdate b)
{
    if (a == b)
        return 0;
    if (a == DATE_NONE || b == DATE_NONE) /* blank dates last */
        return a == DATE_NONE ? 1 : -1;
    return a < b ? -1 : 1;
}

static int by_key(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const struct s903_episodes *e = sorting;
    if (e->child[a] != e->child[b]) /* S903_NO_CHILD is the largest: last */
        return e->child[a] < e->child[b] ? -1 : 1;
    int c = date_cmp(e->decom[a], e->decom[b]);
    if (!c)
        c = date_cmp(e->dec[a], e->dec[b]);
    return c ? c : (a > b) - (a < b);
}

static void check_order(const struct s903_episodes *e)
{
    size_t n = e->t.n;
    uint32_t *want = malloc((n ? n : 1) * sizeof(uint32_t));
    assert_non_null(want);
    for (size_t i = 0; i < n; i++)
        want[i] = (uint32_t)i;
    sorting = e;
    qsort(want, n, sizeof(uint32_t), by_key);
    for (size_t i = 0; i < n; i++)
        if (e->order[i] != want[i])
            fail_msg("episode order differs at %zu: row %u, expected row %u", i, e->order[i],
                     want[i]);
    free(want);
}

static void episodes_in_child_then_date_order(void **state)
{
    (void)state;
    static const struct {
        int nchild, n, many, blank;
    } cases[] = {
        {1, 0, 0, 0},        /* no episodes */
        {3, 10, 0, 0},       /* a few */
        {50, 400, 40, 0},    /* one child past the insertion sort's length */
        {200, 3000, 5, 60},  /* blank CHILD rows: a long run of their own */
        {5000, 20000, 33, 1} /* the dictionary grows several times */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct ret cur, last;
        make_return(&cur, 2026, "C", cases[k].nchild, cases[k].n, cases[k].many, cases[k].blank);
        /* last year shares half its children with this year's, under the same ids */
        make_return(&last, 2025, k % 2 ? "C" : "L", cases[k].nchild / 2 + 1, cases[k].n / 2,
                    cases[k].many, cases[k].blank);
        struct s903 *s = s903_build(&cur, &last, NULL, NULL);
        check_order(&s->cur.ep);
        check_order(&s->last.ep);
        s903_free(s);
        ret_release(&cur);
        ret_release(&last);
    }
}

static void one_dictionary_for_both_years(void **state)
{
    (void)state;
    struct ret cur, last;
    make_return(&cur, 2026, "C", 3000, 3000, 0, 0);
    make_return(&last, 2025, "C", 4000, 100, 0, 0);
    struct s903 *s = s903_build(&cur, &last, NULL, NULL);
    /* each id found, whatever table or year it was met in first */
    char id[32];
    for (int c = 0; c < 4000; c++) {
        snprintf(id, sizeof id, "C%d", c);
        uint32_t k = s903_child_lookup(s, id, strlen(id));
        if (c % 2 == 0) { /* in episodes only when drawn */
            if (k != S903_NO_CHILD)
                assert_string_equal(s903_child_text(s, k), id);
            continue;
        }
        assert_int_not_equal(k, S903_NO_CHILD); /* last year's header names every odd one */
        assert_string_equal(s903_child_text(s, k), id);
    }
    for (uint32_t a = 0; a < s->nchild; a++) /* and no id twice */
        assert_int_equal(s903_child_lookup(s, s->child_id[a], strlen(s->child_id[a])), a);
    assert_int_equal(s903_child_lookup(s, "C4000", 5), S903_NO_CHILD);
    assert_int_equal(s903_child_lookup(s, "C1", 1), S903_NO_CHILD); /* a prefix is not it */
    assert_int_equal(s903_child_lookup(s, "", 0), S903_NO_CHILD);
    s903_free(s);
    ret_release(&cur);
    ret_release(&last);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(episodes_in_child_then_date_order),
        cmocka_unit_test(one_dictionary_for_both_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
