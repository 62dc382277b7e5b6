/*
 * The jobs board's filters (jobs.h): a view read from a request's parameters, written
 * back as a query string for links, and run over the open vacancies in one pass that
 * gives the list and every option's count.
 *
 * The count of an option is the vacancies that match every facet but its own, and fall
 * in that option: so for each vacancy one pass finds the facets it fails; a vacancy that
 * fails none counts in every facet, one that fails exactly one counts only in that facet
 * (the facet whose choice would have to change), and one that fails two counts nowhere.
 */
#include "domain/jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/codeset.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Starting salary bands, pounds a year: [lo, hi]. */
static const struct {
    struct job_option o;
    int64_t lo, hi;
} bands[] = {
    {{"under-35000", "Under £35,000"}, 0, 34999},
    {{"35000-39999", "£35,000 to £39,999"}, 35000, 39999},
    {{"40000-44999", "£40,000 to £44,999"}, 40000, 44999},
    {{"45000-49999", "£45,000 to £49,999"}, 45000, 49999},
    {{"50000-59999", "£50,000 to £59,999"}, 50000, 59999},
    {{"60000-plus", "£60,000 or more"}, 60000, INT64_MAX},
};

static const struct {
    const char *param, *legend;
    int set; /* enum codeset_id, or -1 for the salary bands */
} facets[JF_COUNT] = {
    [JF_CONTRACT] = {"contract", "Contract", CS_JOB_CONTRACT},
    [JF_HOURS] = {"hours", "Hours", CS_JOB_HOURS},
    [JF_ARRANGEMENT] = {"arrangement", "Working arrangement", CS_JOB_ARRANGEMENT},
    [JF_ROLE] = {"role", "Role", CS_JOB_ROLE},
    [JF_SALARY] = {"salary", "Starting salary", -1},
};

const struct job_option jobs_sorts[JOBS_SORT_COUNT] = {
    [JOBS_SORT_CLOSING] = {"closing", "Closing soonest"},
    [JOBS_SORT_NEWEST] = {"newest", "Newest"},
    [JOBS_SORT_SALARY] = {"salary", "Highest salary"},
};

/* The three single-valued parameters, after the facets in jobs_view.seen. */
enum { SEEN_KEYWORDS = JF_COUNT, SEEN_SORT, SEEN_PAGE };

const char *jobs_facet_param(enum job_facet f) { return facets[f].param; }
const char *jobs_facet_legend(enum job_facet f) { return facets[f].legend; }

size_t jobs_options(enum job_facet f)
{
    return facets[f].set < 0 ? N(bands) : (size_t)codeset_get((enum codeset_id)facets[f].set)->n;
}

struct job_option jobs_option(enum job_facet f, size_t i)
{
    if (facets[f].set < 0)
        return bands[i].o;
    const struct code *c = &codeset_get((enum codeset_id)facets[f].set)->codes[i];
    return (struct job_option){c->code, c->label};
}

int jobs_salary_band(int64_t salary_min)
{
    for (size_t i = 0; i < N(bands); i++)
        if (salary_min >= bands[i].lo && salary_min <= bands[i].hi)
            return (int)i;
    return -1;
}

void jobs_view_init(struct jobs_view *v)
{
    memset(v, 0, sizeof *v);
    v->sort = JOBS_SORT_CLOSING;
    v->page = 1;
}

static bool problem(struct jobs_view *v, const char *param, const char *message)
{
    if (v->nproblems < N(v->problems)) {
        v->problems[v->nproblems].param = param;
        v->problems[v->nproblems].message = message;
        v->nproblems++;
    }
    return false;
}

/* The options of facet f as "a, b or c", for a message. */
static const char *choices(enum job_facet f, struct arena *a)
{
    struct str s;
    str_init(&s, 0);
    size_t n = jobs_options(f);
    for (size_t i = 0; i < n; i++)
        str_addf(&s, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", jobs_option(f, i).code);
    const char *out = arena_strdup(a, str_ok(&s) ? s.buf : "");
    str_release(&s);
    return out;
}

/* A shown value: long or odd ones cut, so a message never carries a whole bad URL. */
static const char *shown(const char *value, struct arena *a)
{
    char buf[44];
    size_t n = 0;
    for (const char *p = value; *p && n < 40; p++)
        buf[n++] = (unsigned char)*p < 0x20 ? '?' : *p;
    buf[n] = '\0';
    return arena_printf(a, "%s%s", buf, strlen(value) > n ? "..." : "");
}

static bool once(struct jobs_view *v, int which, const char *param, struct arena *a)
{
    if (v->seen[which])
        return problem(v, param,
                       arena_printf(a, "Give %s once: the address has it more than once", param));
    v->seen[which] = true;
    return true;
}

bool jobs_view_take(struct jobs_view *v, const char *name, const char *value, struct arena *a)
{
    for (int f = 0; f < JF_COUNT; f++) {
        if (strcmp(name, facets[f].param) != 0)
            continue;
        size_t n = jobs_options((enum job_facet)f);
        for (size_t i = 0; i < n; i++)
            if (!strcmp(value, jobs_option((enum job_facet)f, i).code)) {
                v->chosen[f] |= 1u << i;
                return true;
            }
        return problem(v, facets[f].param,
                       arena_printf(a, "%s '%s' is not one the board has: choose %s",
                                    facets[f].legend, shown(value, a),
                                    choices((enum job_facet)f, a)));
    }
    if (!strcmp(name, "keywords")) {
        if (!once(v, SEEN_KEYWORDS, "keywords", a))
            return false;
        if (strlen(value) > JOBS_KEYWORDS_MAX)
            return problem(
                v, "keywords",
                arena_printf(a, "Keywords must be %d characters or fewer", JOBS_KEYWORDS_MAX));
        for (const char *p = value; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                return problem(v, "keywords", "Keywords must be letters, numbers and spaces");
        snprintf(v->keywords, sizeof v->keywords, "%s", value);
        return true;
    }
    if (!strcmp(name, "sort")) {
        if (!once(v, SEEN_SORT, "sort", a))
            return false;
        for (int s = 0; s < JOBS_SORT_COUNT; s++)
            if (!strcmp(value, jobs_sorts[s].code)) {
                v->sort = (enum job_sort)s;
                return true;
            }
        return problem(v, "sort",
                       arena_printf(a,
                                    "Sort '%s' is not one the board has: choose closing, "
                                    "newest or salary",
                                    shown(value, a)));
    }
    if (!strcmp(name, "page")) {
        if (!once(v, SEEN_PAGE, "page", a))
            return false;
        int64_t p = 0;
        bool ok = *value && strlen(value) <= 6;
        for (const char *c = value; ok && *c; c++) {
            ok = *c >= '0' && *c <= '9';
            p = p * 10 + (*c - '0');
        }
        if (!ok || p < 1)
            return problem(v, "page",
                           arena_printf(a,
                                        "Page '%s' is not a page number: give a whole number "
                                        "from 1",
                                        shown(value, a)));
        v->page = p;
        return true;
    }
    return true; /* not the board's: ignored */
}

static void add_pair(struct str *s, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (s->len)
        str_addc(s, '&');
    str_add(s, name);
    str_addc(s, '=');
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.')
            str_addc(s, (char)*p);
        else if (*p == ' ')
            str_addc(s, '+');
        else {
            str_addc(s, '%');
            str_addc(s, hex[*p >> 4]);
            str_addc(s, hex[*p & 15]);
        }
    }
}

const char *jobs_view_query(const struct jobs_view *v, int f, int opt, int64_t page,
                            struct arena *a)
{
    struct str s;
    str_init(&s, 0);
    if (v->keywords[0])
        add_pair(&s, "keywords", v->keywords);
    for (int k = 0; k < JF_COUNT; k++) {
        uint32_t chosen = v->chosen[k] ^ (k == f ? 1u << opt : 0);
        for (size_t i = 0; i < jobs_options((enum job_facet)k); i++)
            if (chosen & (1u << i))
                add_pair(&s, facets[k].param, jobs_option((enum job_facet)k, i).code);
    }
    if (v->sort != JOBS_SORT_CLOSING)
        add_pair(&s, "sort", jobs_sorts[v->sort].code);
    page = page ? page : v->page;
    if (page > 1) {
        char num[STR_DEC_MAX];
        str_dec(num, page);
        add_pair(&s, "page", num);
    }
    const char *out = arena_strdup(a, str_ok(&s) && s.buf ? s.buf : "");
    str_release(&s);
    return out;
}

static char fold(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Whether `hay` holds `word` (n bytes, already folded), in any case. */
static bool holds(const char *hay, const char *word, size_t n)
{
    if (!hay)
        return false;
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && fold(h[i]) == word[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}

bool jobs_keywords_match(const char *keywords, const struct job_row *row)
{
    const char *p = keywords;
    while (*p) {
        p += strspn(p, " \t,");
        size_t n = strcspn(p, " \t,");
        if (!n)
            break;
        char word[JOBS_KEYWORDS_MAX + 1];
        for (size_t i = 0; i < n; i++)
            word[i] = fold(p[i]);
        word[n] = '\0';
        if (row->folded ? !strstr(row->folded, word)
                        : !holds(row->title, word, n) && !holds(row->team, word, n) &&
                              !holds(row->description, word, n))
            return false;
        p += n;
    }
    return true;
}

struct sort_key {
    int64_t k1, k2;
    const char *id;
    size_t i;
};

static int by_key(const void *pa, const void *pb)
{
    const struct sort_key *a = pa, *b = pb;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Ascending keys for each order: closing soonest (then newest), newest (then closing
 * soonest), highest salary (top, then start, of the range). */
static struct sort_key key_of(enum job_sort s, const struct job_row *r, size_t i)
{
    switch (s) {
    case JOBS_SORT_NEWEST:
        return (struct sort_key){-(int64_t)r->published_on, r->closing_date, r->public_id, i};
    case JOBS_SORT_SALARY:
        return (struct sort_key){-r->salary_max, -r->salary_min, r->public_id, i};
    case JOBS_SORT_CLOSING:
    case JOBS_SORT_COUNT:
        break;
    }
    return (struct sort_key){r->closing_date, -(int64_t)r->published_on, r->public_id, i};
}

void jobs_set_sort(struct jobs_set *set, struct job_row *rows, struct arena *a)
{
    size_t n = set->n;
    for (size_t r = 0; r < n; r++) {
        char *t = arena_printf(a, "%s\n%s\n%s", rows[r].title ? rows[r].title : "",
                               rows[r].team ? rows[r].team : "",
                               rows[r].description ? rows[r].description : "");
        for (char *c = t; *c; c++)
            *c = fold(*c);
        rows[r].folded = t;
    }
    struct sort_key *keys = arena_alloc(a, (n ? n : 1) * sizeof *keys);
    for (int s = 0; s < JOBS_SORT_COUNT; s++) {
        for (size_t r = 0; r < n; r++)
            keys[r] = key_of((enum job_sort)s, &set->rows[r], r);
        qsort(keys, n, sizeof *keys, by_key);
        size_t *order = arena_alloc(a, (n ? n : 1) * sizeof *order);
        for (size_t i = 0; i < n; i++)
            order[i] = keys[i].i;
        set->sorted[s] = order;
    }
}

void jobs_run(const struct jobs_view *v, const struct jobs_set *set, struct arena *a,
              struct jobs_result *out)
{
    memset(out, 0, sizeof *out);
    size_t nrows = set->n;
    const size_t *sorted = set->sorted[v->sort];
    out->order = arena_alloc(a, (nrows ? nrows : 1) * sizeof *out->order);
    size_t total = 0;
    /* In the view's order, so the vacancies it shows come out sorted. */
    for (size_t k = 0; k < nrows; k++) {
        const struct job_row *row = &set->rows[sorted[k]];
        if (v->keywords[0] && !jobs_keywords_match(v->keywords, row))
            continue;
        int failed = -1, nfailed = 0;
        for (int f = 0; f < JF_COUNT && nfailed < 2; f++) {
            bool ok = !v->chosen[f] || (row->opt[f] >= 0 && (v->chosen[f] >> row->opt[f]) & 1u);
            if (!ok) {
                failed = f;
                nfailed++;
            }
        }
        if (nfailed >= 2)
            continue;
        for (int f = 0; f < JF_COUNT; f++)
            if ((nfailed == 0 || f == failed) && row->opt[f] >= 0)
                out->counts[f][row->opt[f]]++;
        if (nfailed == 0)
            out->order[total++] = sorted[k];
    }
    out->total = total;
    out->pages = total ? (int64_t)((total + JOBS_PAGE_SIZE - 1) / JOBS_PAGE_SIZE) : 1;
    if (v->page <= out->pages) {
        out->first = (size_t)(v->page - 1) * JOBS_PAGE_SIZE;
        out->n = total - out->first < JOBS_PAGE_SIZE ? total - out->first : JOBS_PAGE_SIZE;
    } else {
        out->first = total;
    }
}

size_t jobs_similar(const struct job_row *rows, size_t nrows, const char *role_code,
                    const char *team, size_t *out, size_t max)
{
    int role = role_code ? code_index(CS_JOB_ROLE, role_code, strlen(role_code)) : -1;
    size_t n = 0;
    /* Three passes, each taking what the one before did not: same role, same team,
     * anything (rows arrive newest first from the store). */
    for (int pass = 0; pass < 3 && n < max; pass++)
        for (size_t r = 0; r < nrows && n < max; r++) {
            bool same_role = role >= 0 && rows[r].opt[JF_ROLE] == role;
            bool same_team = team && rows[r].team && !strcmp(team, rows[r].team);
            bool take = pass == 0   ? same_role
                        : pass == 1 ? same_team && !same_role
                                    : !same_role && !same_team;
            if (take)
                out[n++] = r;
        }
    return n;
}
