/*
 * `kith demo`: make a synthetic borough to try kith with, or print the summary of a database.
 *
 * The generator (domain/demo.c) streams records into a sink; this file's sink writes them
 * through the store in transactions: one for each of the teams, workers and users stages,
 * then one for every batch of children with their families, allocations and notes. A
 * crash or a kill therefore leaves a database that holds whole stages and whole batches of
 * children, never part of one, and it still opens. The demo writes only into a new or
 * empty database: a database with records is refused, and --force deletes it first (and
 * only when it is a kith database), so that nobody's records are replaced by accident.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/crypto.h"
#include "core/xalloc.h"
#include "domain/codeset.h"
#include "domain/password.h"
#include "domain/demo.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "domain/application.h"
#include "domain/contact.h"
#include "store/store_recruit.h"
#include "store/store_setting.h"

/* Children per transaction: at least DEMO_BATCH_MIN, and a twentieth of the borough in a big
 * demo. Small enough that a kill loses little work; large enough that a commit's cost does
 * not show, and that a big database's indexes are not written out again at every commit
 * (each commit writes every index page it touched, and a batch of children touches pages
 * all over the name indexes). */
#define DEMO_BATCH_MIN 1000
#define DEMO_BATCHES 20
/* Children whose rows are held before they are written table by table (see `held`): the
 * run of pages a table gets for them is long enough for the kernel's read-ahead to take
 * it in a few reads (a referral table's 85 pages at --scale 100, a visit table's thousand),
 * and what is held stays small (about 40 MB). */
#define DEMO_HOLD_CHILDREN 5000
#define HELD_LISTS 40

struct demo_opts {
    const char *seed, *scale; /* text, so that "not given" and 0 differ */
    int summary, force;
};

static const struct cli_opt opts[] = {
    {"seed", OPT_STR, offsetof(struct demo_opts, seed), "N",
     "the random seed (default 1): the same seed, scale and today give the same borough"},
    {"scale", OPT_STR, offsetof(struct demo_opts, scale), "X",
     "size: 1 is one inner-London borough (the default), 100 about England"},
    {"summary", OPT_BOOL, offsetof(struct demo_opts, summary), NULL,
     "print the summary of the database and change nothing"},
    {"force", OPT_BOOL, offsetof(struct demo_opts, force), NULL,
     "delete the database first if it already holds records"},
    {0},
};

/* ---- the sink: records into the store, in transactions -------------------------------- */

enum {
    W_TEAM,
    W_WORKER,
    W_USER,
    W_PERSON,
    W_RELATIONSHIP,
    W_ALLOCATION,
    W_NOTE,
    W_RECORD,
    W_COUNT
};

/* What the summary shows. After a run it is tallied from the records as they pass (a big
 * borough's database is not read back); for --summary it comes from the store. */
struct summary {
    struct store_counts k;
    int64_t contacts, open_contacts; /* open: not decided */
    int64_t cases;                   /* children allocated to case-holding workers in post */
    double case_fte;                 /* the FTE of those of them who hold a case */
};

/* A worker as the tally needs it, by id. */
struct tally_worker {
    int64_t id;
    double fte;
    bool counts; /* in post, in a case-holding role */
    int64_t cases;
};

/* The rows of the children stage other than the persons, held back and then written table
 * by table: written as they come, each child's rows went to twenty tables in turn, so a
 * table's pages lay one in a hundred across the file and a command that reads a whole
 * table from a cold disk (kith validate cin --live, kith work --all) paid one disk read
 * per page. Each table keeps its rows' order, so every row gets the id it had when
 * written at once (ids are per table); persons are still written at once, because later
 * rows name their ids. Nothing is held across a commit. */
struct held_list {
    int kind;                 /* W_RELATIONSHIP, W_ALLOCATION, W_NOTE or W_RECORD */
    const struct rec_type *t; /* W_RECORD: the type */
    void **v;
    size_t n, cap;
};

struct held {
    bool on;        /* in the children stage: rows are held */
    struct arena a; /* the rows held and their strings */
    struct held_list lists[HELD_LISTS];
    size_t nlists;
    int64_t children; /* children whose rows are held */
};

struct loader {
    struct store *s;
    struct held held;
    bool in_tx;
    int64_t batch;      /* children written since the last commit */
    int64_t batch_size; /* children per transaction */
    int64_t written[W_COUNT];
    int64_t children, children_total, transactions;
    bool progress; /* stderr is a terminal */
    int last_percent;
    struct summary sum;
    struct tally_worker *workers; /* in the order written, so by increasing id */
    size_t n_workers, cap_workers;
    bool child_open; /* the child being written has a current allocation */
};

static enum kerr_code tx(struct loader *l, struct kerr *e)
{
    if (l->in_tx)
        return KITH_OK;
    enum kerr_code rc = store_begin(l->s, e);
    l->in_tx = !rc;
    return rc;
}

static enum kerr_code commit(struct loader *l, struct kerr *e)
{
    if (!l->in_tx)
        return KITH_OK;
    enum kerr_code rc = store_commit(l->s, e);
    if (rc)
        return rc;
    l->in_tx = false;
    l->transactions++;
    return KITH_OK;
}

static bool case_holding(enum worker_role role)
{
    return role == ROLE_SOCIAL_WORKER || role == ROLE_SENIOR_PRACTITIONER ||
           role == ROLE_PERSONAL_ADVISER || role == ROLE_FAMILY_SUPPORT_WORKER;
}

static struct tally_worker *tally_find(struct loader *l, int64_t id)
{
    size_t lo = 0, hi = l->n_workers;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->workers[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < l->n_workers && l->workers[lo].id == id ? &l->workers[lo] : NULL;
}

static void tally_team(struct loader *l, const struct team *t)
{
    (void)t;
    l->sum.k.teams++;
}

static void tally_worker(struct loader *l, const struct worker *w)
{
    bool in_post = w->end == DATE_NONE;
    l->sum.k.workers += in_post;
    l->sum.k.agency_workers += in_post && w->agency;
    if (l->n_workers && w->id <= l->workers[l->n_workers - 1].id)
        return; /* ids must grow for the search; a store that reuses them gets no caseload */
    if (l->n_workers == l->cap_workers) {
        l->cap_workers = l->cap_workers ? 2 * l->cap_workers : 1024;
        l->workers = xreallocarray(l->workers, l->cap_workers, sizeof(*l->workers));
    }
    l->workers[l->n_workers++] =
        (struct tally_worker){w->id, w->fte, in_post && case_holding(w->role), 0};
}

static void tally_user(struct loader *l, const struct user *u)
{
    (void)u;
    l->sum.k.users++;
}

static void tally_person(struct loader *l, const struct person *p)
{
    if (p->kind != PERSON_CHILD) {
        l->sum.k.relatives++;
        return;
    }
    l->sum.k.children++;
    l->child_open = false;
}

static void tally_relationship(struct loader *l, const struct relationship *r)
{
    (void)l;
    (void)r;
}

static void tally_allocation(struct loader *l, const struct allocation *a)
{
    if (a->end != DATE_NONE)
        return;
    l->sum.k.allocations++;
    if (!l->child_open) {
        l->child_open = true;
        l->sum.k.open_children++;
    }
    struct tally_worker *w = tally_find(l, a->worker_id);
    if (w && w->counts)
        w->cases++;
}

static void tally_note(struct loader *l, const struct case_note *n)
{
    (void)n;
    l->sum.k.notes++;
}

static char *held_str(struct held *h, const char *s) { return s ? arena_strdup(&h->a, s) : NULL; }

/* The list for rows of `kind` (and type `t`), made when first asked for. */
static struct held_list *held_list_for(struct held *h, int kind, const struct rec_type *t)
{
    for (size_t i = 0; i < h->nlists; i++)
        if (h->lists[i].kind == kind && h->lists[i].t == t)
            return &h->lists[i];
    if (h->nlists == HELD_LISTS)
        return NULL;
    h->lists[h->nlists] = (struct held_list){.kind = kind, .t = t};
    return &h->lists[h->nlists++];
}

/* Keep a copy of `rec` (`size` bytes, its strings copied by the caller) for the next
 * write; NULL when rows of this kind cannot be held (then they are written at once). */
static void *held_add(struct held *h, int kind, const struct rec_type *t, const void *rec,
                      size_t size)
{
    struct held_list *l = h->on ? held_list_for(h, kind, t) : NULL;
    if (!l)
        return NULL;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
    }
    void *copy = arena_alloc(&h->a, size);
    memcpy(copy, rec, size);
    l->v[l->n++] = copy;
    return copy;
}

static void *hold_relationship(struct held *h, const struct relationship *r)
{
    struct relationship *c = held_add(h, W_RELATIONSHIP, NULL, r, sizeof(*r));
    if (c)
        c->type = held_str(h, r->type);
    return c;
}

static void *hold_allocation(struct held *h, const struct allocation *a)
{
    struct allocation *c = held_add(h, W_ALLOCATION, NULL, a, sizeof(*a));
    if (c)
        c->end_reason = held_str(h, a->end_reason);
    return c;
}

static void *hold_note(struct held *h, const struct case_note *n)
{
    struct case_note *c = held_add(h, W_NOTE, NULL, n, sizeof(*n));
    if (c) {
        c->kind = held_str(h, n->kind);
        c->subject = held_str(h, n->subject);
        c->body = held_str(h, n->body);
    }
    return c;
}

static void *hold_record(struct held *h, const struct rec_type *t, const void *rec)
{
    char *c = held_add(h, W_RECORD, t, rec, t->size);
    if (!c)
        return NULL;
    for (const struct field *f = t->fields; f->name; f++)
        if (f->type == FIELD_TEXT) {
            const char **s = (const char **)(void *)(c + f->offset);
            *s = held_str(h, *s);
        }
    struct rec_head *head = rec_head(t, c);
    head->reason = held_str(h, head->reason);
    return c;
}

/* Each callback writes one record inside the open transaction (opening one if needed), or
 * holds it (in the children stage; written with its table's rows at the next write_held),
 * and counts it for the summary once it is written or held. */
#define LOADER_HOLD(fn, type, hold_fn, store_fn, tally_fn, slot)                                   \
    static enum kerr_code fn(void *ctx, struct type *rec, struct kerr *e)                          \
    {                                                                                              \
        struct loader *l = ctx;                                                                    \
        enum kerr_code rc = KITH_OK;                                                               \
        if (!hold_fn(&l->held, rec)) {                                                             \
            rc = tx(l, e);                                                                         \
            if (!rc)                                                                               \
                rc = store_fn(l->s, rec, e);                                                       \
        }                                                                                          \
        if (!rc) {                                                                                 \
            l->written[slot]++;                                                                    \
            tally_fn(l, rec);                                                                      \
        }                                                                                          \
        return rc;                                                                                 \
    }
/* Rows that later rows name by id: written at once. */
static void *hold_never(struct held *h, const void *rec)
{
    (void)h;
    (void)rec;
    return NULL;
}
LOADER_HOLD(load_team, team, hold_never, store_team_add, tally_team, W_TEAM)
LOADER_HOLD(load_worker, worker, hold_never, store_worker_add, tally_worker, W_WORKER)
LOADER_HOLD(load_user, user, hold_never, store_user_add, tally_user, W_USER)
LOADER_HOLD(load_person_now, person, hold_never, store_person_add, tally_person, W_PERSON)
LOADER_HOLD(load_relationship, relationship, hold_relationship, store_relationship_add,
            tally_relationship, W_RELATIONSHIP)
LOADER_HOLD(load_allocation, allocation, hold_allocation, store_allocation_add, tally_allocation,
            W_ALLOCATION)
LOADER_HOLD(load_note, case_note, hold_note, store_note_add, tally_note, W_NOTE)

/* A person starts the children stage: from then on the other rows are held. */
static enum kerr_code load_person(void *ctx, struct person *p, struct kerr *e)
{
    struct loader *l = ctx;
    l->held.on = true;
    return load_person_now(ctx, p, e);
}

/* Every row held, table by table in the order each was held, inside the open transaction. */
static enum kerr_code write_held(struct loader *l, struct kerr *e)
{
    struct held *h = &l->held;
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < h->nlists && !rc; i++) {
        struct held_list *hl = &h->lists[i];
        if (hl->n)
            rc = tx(l, e);
        for (size_t k = 0; k < hl->n && !rc; k++) {
            void *row = hl->v[k];
            switch (hl->kind) {
            case W_RELATIONSHIP:
                rc = store_relationship_add(l->s, row, e);
                break;
            case W_ALLOCATION:
                rc = store_allocation_add(l->s, row, e);
                break;
            case W_NOTE:
                rc = store_note_add(l->s, row, e);
                break;
            default:
                rc = store_rec_add(l->s, hl->t, row, rec_head(hl->t, row)->created_at, e);
            }
        }
        hl->n = 0;
    }
    arena_release(&h->a);
    h->children = 0;
    return rc;
}

static void held_release(struct held *h)
{
    for (size_t i = 0; i < h->nlists; i++)
        free(h->lists[i].v);
    arena_release(&h->a);
    memset(h, 0, sizeof(*h));
}

/* A record of a described type (vacancies, contacts): through the generic store, written
 * as it comes (its times are the generator's, so the same seed gives the same rows). */
static enum kerr_code load_record(void *ctx, const struct rec_type *t, void *rec, struct kerr *e)
{
    struct loader *l = ctx;
    if (hold_record(&l->held, t, rec)) {
        l->written[W_RECORD]++;
        if (t == &contact_type) {
            l->sum.contacts++;
            l->sum.open_contacts += ((const struct contact *)rec)->decided_on == DATE_NONE;
        }
        return KITH_OK;
    }
    enum kerr_code rc = tx(l, e);
    /* An application's CV: a small PDF that says whose it is, so a recruiter's download
     * in the demo has something to open. */
    const char *cv = NULL;
    struct arena a;
    arena_init(&a, 0);
    if (t == &application_type) {
        struct application *ap = rec;
        cv = arena_printf(&a,
                          "%%PDF-1.4\n%% Curriculum vitae of %s %s (kith demo, synthetic)\n"
                          "1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
                          "%%%%EOF\n",
                          ap->given_name, ap->family_name);
        ap->cv_size = (int64_t)strlen(cv);
    }
    if (!rc)
        rc = store_rec_add(l->s, t, rec, rec_head(t, rec)->created_at, e);
    if (!rc && cv)
        rc = store_cv_put(l->s, rec_head(t, rec)->id, cv, strlen(cv), &a, e);
    arena_release(&a);
    if (!rc)
        l->written[W_RECORD]++;
    if (!rc && t == &contact_type) {
        l->sum.contacts++;
        l->sum.open_contacts += ((const struct contact *)rec)->decided_on == DATE_NONE;
    }
    return rc;
}

static void tally_caseload(struct loader *l)
{
    for (size_t i = 0; i < l->n_workers; i++) {
        if (l->workers[i].counts && l->workers[i].cases) {
            l->sum.cases += l->workers[i].cases;
            l->sum.case_fte += l->workers[i].fte;
        }
    }
}

static enum kerr_code load_boundary(void *ctx, enum demo_stage stage, bool done, struct kerr *e)
{
    struct loader *l = ctx;
    if (stage == DEMO_STAGE_CHILDREN && !done) {
        l->children++;
        if (l->progress) {
            int pc = (int)(100 * l->children / l->children_total);
            if (pc != l->last_percent) {
                fprintf(stderr, "\rkith demo: %d%% of %lld children", pc,
                        (long long)l->children_total);
                l->last_percent = pc;
            }
        }
        bool full = ++l->held.children >= DEMO_HOLD_CHILDREN;
        if (++l->batch < l->batch_size)
            return full ? write_held(l, e) : KITH_OK;
    }
    l->batch = 0;
    enum kerr_code rc = write_held(l, e);
    if (stage == DEMO_STAGE_CHILDREN && done)
        l->held.on = false; /* the vacancies' applications name their vacancy's id */
    return rc ? rc : commit(l, e);
}

/* ---- the summary --------------------------------------------------------------------- */

/* Caseload as the DfE's workforce census counts it: the children allocated to case-holding
 * workers in post, over the FTE of those of them who hold at least one case. From the
 * store, one list of children per worker. */
/* The summary of a stored database: the counts, and the caseload from each team's
 * per-worker aggregate (one query a team, so a country-sized database answers in seconds
 * rather than listing every worker's children). */
/* Contacts and how many are not decided: read through the generic store a page at a time
 * (the demo has no index on the decision, and the summary is not a hot path). */
static enum kerr_code count_contacts(struct cli *c, struct summary *out)
{
    enum kerr_code rc = KITH_OK;
    for (size_t off = 0; !rc;) {
        struct arena a;
        arena_init(&a, 0);
        void *rows;
        size_t n = 0;
        rc = store_rec_list(c->store, &contact_type,
                            &(struct rec_query){.limit = STORE_PAGE_MAX, .offset = off}, &a, &rows,
                            &n, NULL, &c->err);
        for (size_t i = 0; !rc && i < n; i++)
            out->open_contacts += ((const struct contact *)rows)[i].decided_on == DATE_NONE;
        out->contacts += (int64_t)n;
        off += n;
        arena_release(&a);
        if (n < STORE_PAGE_MAX)
            break;
    }
    return rc;
}

static enum kerr_code summary_from_store(struct cli *c, struct summary *out)
{
    memset(out, 0, sizeof(*out));
    enum kerr_code rc = store_counts(c->store, &out->k, &c->err);
    if (!rc)
        rc = count_contacts(c, out);
    struct team *teams = NULL;
    size_t nteams = 0;
    if (!rc)
        rc = store_team_list(c->store, &c->arena, &teams, &nteams, &c->err);
    for (size_t t = 0; !rc && t < nteams; t++) {
        struct arena a;
        arena_init(&a, 0);
        struct worker_caseload *w;
        size_t n = 0;
        rc = store_team_caseloads(c->store, teams[t].id, &a, &w, &n, &c->err);
        for (size_t i = 0; !rc && i < n; i++)
            if (case_holding(w[i].worker.role) && w[i].children) {
                out->cases += w[i].children;
                out->case_fte += w[i].worker.fte;
            }
        arena_release(&a);
    }
    return rc;
}

/* 12345678 as "12,345,678". */
static const char *thousands(int64_t v, char *buf, size_t size)
{
    char raw[32];
    int len = snprintf(raw, sizeof(raw), "%lld", (long long)(v < 0 ? -v : v));
    size_t o = 0;
    if (v < 0 && o + 1 < size)
        buf[o++] = '-';
    for (int i = 0; i < len && o + 2 < size; i++) {
        buf[o++] = raw[i];
        if ((len - i - 1) % 3 == 0 && i != len - 1)
            buf[o++] = ',';
    }
    buf[o] = '\0';
    return buf;
}

static void print_summary(struct cli *c, const struct summary *sum)
{
    const struct store_counts *k = &sum->k;
    char a[32], b[32];
    FILE *f = c->out;
    fprintf(f, "%s:\n", c->db);
    fprintf(f, "  teams                %12s\n", thousands(k->teams, a, sizeof(a)));
    fprintf(f, "  workers in post      %12s   %s agency (%.1f%%)\n",
            thousands(k->workers, a, sizeof(a)), thousands(k->agency_workers, b, sizeof(b)),
            k->workers ? 100.0 * (double)k->agency_workers / (double)k->workers : 0.0);
    fprintf(f, "  user accounts        %12s\n", thousands(k->users, a, sizeof(a)));
    fprintf(f, "  children             %12s   %s open\n", thousands(k->children, a, sizeof(a)),
            thousands(k->open_children, b, sizeof(b)));
    fprintf(f, "  relatives            %12s\n", thousands(k->relatives, a, sizeof(a)));
    fprintf(f, "  current allocations  %12s\n", thousands(k->allocations, a, sizeof(a)));
    fprintf(f, "  case notes           %12s\n", thousands(k->notes, a, sizeof(a)));
    fprintf(f, "  contacts             %12s   %s not decided\n",
            thousands(sum->contacts, a, sizeof(a)), thousands(sum->open_contacts, b, sizeof(b)));
    fprintf(f, "  caseload             %12.1f   children per case-holding FTE\n",
            sum->case_fte > 0 ? (double)sum->cases / sum->case_fte : 0.0);
}

/* ---- options and the database ------------------------------------------------------------ */

static enum kerr_code parse_seed(struct cli *c, const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || s[0] == '+')
        return kerr_fail(&c->err, KITH_E_USAGE, "seed",
                         "'%s' is not a seed: expected a whole number from 0 to %llu", s,
                         (unsigned long long)UINT64_MAX);
    *out = v;
    return KITH_OK;
}

static enum kerr_code parse_scale(struct cli *c, const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || *end || errno || !(v >= DEMO_SCALE_MIN && v <= DEMO_SCALE_MAX))
        return kerr_fail(&c->err, KITH_E_USAGE, "scale",
                         "'%s' is not a scale: expected a number from %g to %g (1 is one "
                         "borough)",
                         s, DEMO_SCALE_MIN, DEMO_SCALE_MAX);
    *out = v;
    return KITH_OK;
}

static bool holds_records(const struct store_counts *k)
{
    return k->teams || k->workers || k->users || k->children || k->relatives || k->notes;
}

static void remove_database(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        char name[4096];
        snprintf(name, sizeof(name), "%s%s", path, suffixes[i]);
        unlink(name);
    }
}

/* Open the database for the demo: new, or existing and empty, or (with --force) existing,
 * a kith database, and deleted. */
static enum kerr_code open_for_demo(struct cli *c, bool force)
{
    const char *path = !strncmp(c->db, "sqlite:", 7) ? c->db + 7 : c->db;
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size > 0) {
        /* Opening first checks that it is a kith database: --force never deletes anything
         * else. */
        enum kerr_code rc = store_open(c->db, 0, &c->store, &c->err);
        if (rc)
            return rc;
        struct store_counts k;
        rc = store_counts(c->store, &k, &c->err);
        if (rc)
            return rc;
        if (holds_records(&k)) {
            if (!force)
                return kerr_fail(&c->err, KITH_E_CONFLICT, "db",
                                 "'%s' already holds records (%lld children, %lld workers in "
                                 "post): kith demo writes only into a new or empty database; "
                                 "choose another with --db, or add --force to delete this one",
                                 c->db, (long long)k.children, (long long)k.workers);
            store_close(c->store);
            c->store = NULL;
            /* Closing the last connection to a WAL database deletes its -wal file; one
             * still there is another process's, live (a server): deleting the files under
             * it would lose what it writes next (SQLite's corruption guide, 2.4). */
            char wal[4096];
            snprintf(wal, sizeof(wal), "%s-wal", path);
            if (access(wal, F_OK) == 0)
                return kerr_fail(&c->err, KITH_E_CONFLICT, "db",
                                 "'%s' is open in another process (kith serve?): stop it, "
                                 "then run kith demo --force again; nothing was deleted",
                                 c->db);
            remove_database(path);
            fprintf(stderr, "kith demo: deleted the database '%s'\n", c->db);
        } else {
            return KITH_OK;
        }
    }
    return store_open(c->db, STORE_CREATE, &c->store, &c->err);
}

/* --- demo accounts: one per role, with passwords in a file only the owner can read ------ */

/* Whether the account is the one to sign in as for its role: active, with a password to
 * be set, and for a case-holding role, holding cases (so "My caseload" has children). */
static bool good_demo_account(struct cli *c, const struct user *u)
{
    if (u->disabled)
        return false;
    if (!u->worker_id)
        return true;
    struct person_query q = {
        .kind = PERSON_CHILD, .open_only = 1, .worker_id = u->worker_id, .limit = 1};
    struct person *kids;
    size_t n = 0;
    bool holds = store_person_list(c->store, &q, &c->arena, &kids, &n, NULL) == KITH_OK && n > 0;
    /* Managers, chairs and fostering workers may hold none; any active one will do. */
    return holds || (u->role != UROLE_SOCIAL_WORKER && u->role != UROLE_PERSONAL_ADVISER);
}

/* Where the passwords go: beside the database file ("kith-demo.db.passwords"), or in the
 * current directory for a database server. */
static const char *passwords_path(struct cli *c)
{
    const char *path = !strncmp(c->db, "sqlite:", 7) ? c->db + 7 : c->db;
    if (strstr(path, "://"))
        return "kith-demo.passwords";
    return arena_printf(&c->arena, "%s.passwords", path);
}

static enum kerr_code demo_accounts(struct cli *c)
{
    struct user *users;
    size_t n;
    enum kerr_code rc = store_user_list(c->store, &c->arena, &users, &n, &c->err);
    if (rc)
        return rc;
    const struct user *chosen[UROLE_COUNT] = {0};
    for (size_t i = 0; i < n; i++)
        if (!chosen[users[i].role] && good_demo_account(c, &users[i]))
            chosen[users[i].role] = &users[i];

    const char *path = passwords_path(c);
    /* A new file each time, created 0600 (O_EXCL: never through a planted link). An old
     * one is replaced, never silently: its passwords were for accounts this run remade. */
    bool replaced = unlink(path) == 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return kerr_fail(&c->err, KITH_E_IO, "db", "cannot write the demo passwords to '%s'", path);
    }
    fprintf(f,
            "# kith demo accounts for %s: one per role. Made-up people; these\n"
            "# passwords are for trying kith out. Sign in at http://127.0.0.1:8080/\n"
            "# username                     role                 password\n",
            c->db);
    rc = store_begin(c->store, &c->err);
    for (int r = 0; r < UROLE_COUNT && !rc; r++) {
        if (!chosen[r])
            continue;
        char pw[96], hash[KCRYPTO_PWHASH_LEN];
        password_generate(pw, sizeof pw);
        rc = kcrypto_password_hash(pw, hash, &c->err);
        if (!rc)
            rc = store_user_set_password(c->store, chosen[r]->id, hash, &c->err);
        if (!rc)
            fprintf(f, "%-30s %-20s %s\n", chosen[r]->username, vocab_code(CS_USER_ROLE, r), pw);
    }
    if (!rc)
        rc = store_commit(c->store, &c->err);
    else
        store_rollback(c->store);
    if (fclose(f) != 0 && !rc)
        rc = kerr_fail(&c->err, KITH_E_IO, "db", "cannot write the demo passwords to '%s'", path);
    if (!rc)
        cli_printf(c,
                   "demo accounts: one per role; usernames and passwords in %s (only you "
                   "can read it%s)\n",
                   path, replaced ? "; it replaces the old one" : "");
    return rc;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static enum kerr_code run(struct cli *c, void *optp, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const struct demo_opts *o = optp;
    if (o->summary) {
        if (o->seed || o->scale || o->force)
            return kerr_fail(&c->err, KITH_E_USAGE, "summary",
                             "--summary prints an existing database's summary and takes no "
                             "--seed, --scale or --force");
        enum kerr_code rc = store_open(c->db, STORE_READONLY, &c->store, &c->err);
        struct summary sum;
        if (!rc)
            rc = summary_from_store(c, &sum);
        if (!rc)
            print_summary(c, &sum);
        return rc;
    }

    struct demo_params p = {.seed = 1, .scale = 1, .today = date_today()};
    if (o->seed && parse_seed(c, o->seed, &p.seed))
        return KITH_E_USAGE;
    if (o->scale && parse_scale(c, o->scale, &p.scale))
        return KITH_E_USAGE;
    enum kerr_code rc = demo_check(&p, &c->err);
    if (rc)
        return rc;
    rc = open_for_demo(c, o->force);
    if (rc)
        return rc;

    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct loader l = {
        .s = c->store,
        .children_total = demo_children(&p),
        .batch_size = demo_children(&p) / DEMO_BATCHES > DEMO_BATCH_MIN
                          ? demo_children(&p) / DEMO_BATCHES
                          : DEMO_BATCH_MIN,
        .progress = isatty(STDERR_FILENO),
        .last_percent = -1,
    };
    struct demo_sink sink = {
        .ctx = &l,
        .team = load_team,
        .worker = load_worker,
        .user = load_user,
        .person = load_person,
        .relationship = load_relationship,
        .allocation = load_allocation,
        .note = load_note,
        .record = load_record,
        .boundary = load_boundary,
    };
    arena_init(&l.held.a, 1 << 20);
    rc = store_bulk(c->store, true, &c->err);
    if (!rc)
        rc = demo_run(&p, &sink, &c->err);
    tally_caseload(&l);
    free(l.workers);
    held_release(&l.held);
    if (l.progress && l.last_percent >= 0)
        fputc('\n', stderr);
    if (rc) {
        if (l.in_tx)
            store_rollback(c->store);
        kerr_at(&c->err, "kith demo, after %lld of %lld children", (long long)l.children,
                (long long)l.children_total);
        return rc;
    }
    rc = store_bulk(c->store, false, &c->err);
    /* The council's own facts, so that the census header of the live records is whole and
     * the agency assignments have their region's caps. Any LA number would be some real
     * council's: 800 is one rule 1530 accepts. */
    static const char *const settings[][2] = {
        {"la-code", "800"}, {"council-name", "Kith demo borough"}, {"region", "london"}};
    for (size_t i = 0; !rc && i < sizeof settings / sizeof settings[0]; i++)
        rc = store_setting_set(c->store, settings[i][0], settings[i][1], (int64_t)p.today * 86400,
                               &c->err);
    if (rc)
        return rc;
    double secs = seconds_since(&t0);

    char today[DATE_ISO_LEN], a[32];
    int64_t total = 0;
    for (int i = 0; i < W_COUNT; i++)
        total += l.written[i];
    cli_printf(c,
               "kith demo: seed %llu, scale %g, today %s: wrote %s records in %.1f s "
               "(%lld transactions)\n",
               (unsigned long long)p.seed, p.scale, date_format_iso(p.today, today),
               thousands(total, a, sizeof(a)), secs, (long long)l.transactions);
    print_summary(c, &l.sum);
    return demo_accounts(c);
}

const struct cli_command cmd_demo = {
    .name = "demo",
    .summary = "create a synthetic demo borough, or print a database's summary",
    .usage = "[--seed N] [--scale X] [--force] | --summary",
    .description =
        "Creates the database named by --db (default ./kith.db) and fills it with a made-up\n"
        "borough: about 12,000 children known to children's social care over five years\n"
        "(about 2,500 open today), 20 teams, about 200 workers in post (15% agency),\n"
        "their user accounts, allocations and case notes. Names are made of syllables;\n"
        "no real person's data is used. The same --seed, --scale and today (KITH_TODAY)\n"
        "give the same database. --scale 100 is about the size of England.\n"
        "An existing database with records is refused unless --force is given, which\n"
        "deletes it first. --summary prints the counts of an existing database.",
    .opts = opts,
    .opts_size = sizeof(struct demo_opts),
    .min_args = 0,
    .max_args = 0,
    .run = run,
};
