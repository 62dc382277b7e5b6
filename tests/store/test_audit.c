/*
 * The audit trail against someone who can write the database but has not the audit key:
 * each tamper is done as such a person would, behind kith's back with the triggers
 * dropped, and then every later hash is recomputed the only way they can, without the
 * key (which is all it took to pass `kith audit verify` before the key). Editing,
 * deleting a middle row, reordering and re-chaining the whole trail are found by the
 * key; rows cut from the end are found by the anchor. Also: the upgrade from a trail
 * written without a key, a missing or loose key file, and a forged anchor line. Runs on
 * SQLite here and on PostgreSQL under tests/pg/cluster.sh.
 */
#include "../unit/test.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/audit.h"
#include "store/store.h"
#include "testdb.h"

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
};

#define OK(expr)                                                                                   \
    do {                                                                                           \
        if ((expr) != KITH_OK)                                                                     \
            fail_msg("%s: %s", #expr, f->e.msg);                                                   \
    } while (0)

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    kerr_clear(&f->e);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e)) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->s);
    arena_release(&f->a);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

static void reopen(struct fx *f)
{
    store_close(f->s);
    f->s = NULL;
    OK(store_open(f->db.location, 0, &f->s, &f->e));
}

static void add(struct fx *f, int n)
{
    for (int i = 0; i < n; i++) {
        struct audit_event ev = {.at = 1767225600 + i,
                                 .username = i % 2 ? "ada" : "ben",
                                 .role = "social-worker",
                                 .action = "view",
                                 .request_id = "req",
                                 .outcome = "ok",
                                 .read_only = true};
        OK(store_audit_add(f->s, &ev, &f->e));
    }
}

/* SQL behind kith's back, formatted; it must work. */
static void sqlf(struct fx *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sqlf(struct fx *f, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (testdb_sql(&f->db, sql))
        fail_msg("SQL failed: %s", sql);
}

/* What someone with the database does first: the append-only triggers go. */
static void unlock(struct fx *f)
{
    sqlf(f, "%s",
         testdb_pg() ? "DROP TRIGGER audit_no_change ON audit; "
                       "DROP TRIGGER audit_key_no_change ON audit_key;"
                     : "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; "
                       "DROP TRIGGER audit_key_no_update; DROP TRIGGER audit_key_no_delete;");
}

/* Every row, oldest first. */
static struct audit_event *all_rows(struct fx *f, size_t *n)
{
    struct audit_query q = {.limit = STORE_PAGE_MAX};
    struct audit_event *rows;
    OK(store_audit_list(f->s, &q, &f->a, &rows, n, &f->e));
    for (size_t i = 0; i < *n / 2; i++) {
        struct audit_event t = rows[i];
        rows[i] = rows[*n - 1 - i];
        rows[*n - 1 - i] = t;
    }
    return rows;
}

/* Recompute every hash from row `from` on as it is stored now, the way someone without
 * the key can: with `key` NULL, the unkeyed BLAKE2b the chain used before the key. */
static void rechain(struct fx *f, int64_t from, const struct audit_key *key)
{
    size_t n;
    struct audit_event *rows = all_rows(f, &n);
    char prev[65] = AUDIT_GENESIS;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].id >= from) {
            char h[65];
            audit_hash(&rows[i], prev, key, h);
            sqlf(f, "UPDATE audit SET prev_hash = '%s', hash = '%s' WHERE id = %lld", prev, h,
                 (long long)rows[i].id);
            memcpy(prev, h, sizeof prev);
        } else {
            memcpy(prev, rows[i].hash, sizeof prev);
        }
    }
}

static struct audit_check check(struct fx *f, const char *anchor)
{
    struct audit_check c;
    OK(store_audit_check(f->s, anchor, &c, &f->e));
    return c;
}

static void has(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("'%s' lacks '%s'", text, part);
}

static void keyed_and_anchored(void **state)
{
    struct fx *f = *state;
    add(f, 5);
    struct stat st;
    assert_int_equal(stat(store_audit_key_path(f->s), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    struct audit_check c = check(f, NULL);
    assert_int_equal(c.bad, 0);
    assert_int_equal(c.rows, 5);
    assert_int_equal(c.keyed_from, 1);
    /* the first commit writes an anchor line at once, the close the newest */
    const char *anchor = arena_strdup(&f->a, store_audit_anchor_path(f->s));
    reopen(f);
    c = check(f, anchor);
    assert_int_equal(c.bad, 0);
    assert_true(c.nanchors >= 2); /* more when a second passed between rows */
    /* a row in the caller's transaction is anchored only once committed */
    OK(store_begin(f->s, &f->e));
    add(f, 1);
    store_rollback(f->s);
    OK(store_begin(f->s, &f->e));
    add(f, 1);
    OK(store_commit(f->s, &f->e));
    reopen(f);
    c = check(f, anchor);
    assert_int_equal(c.bad, 0);
    assert_int_equal(c.rows, 6);
    assert_true(c.nanchors >= 3);
}

/* Five rows; the SQL in `tamper` (NULL-ended) behind kith's back; every hash from row
 * `from` recomputed without the key. The first bad row must be `bad`. */
static struct audit_check tampered(struct fx *f, const char *const *tamper, int64_t from,
                                   int64_t bad)
{
    add(f, 5);
    unlock(f);
    for (size_t i = 0; tamper[i]; i++)
        sqlf(f, "%s", tamper[i]);
    rechain(f, from, NULL);
    struct audit_check c = check(f, NULL);
    assert_int_equal(c.bad, bad);
    return c;
}

static void edit_then_rechain(void **state)
{
    const char *const sql[] = {"UPDATE audit SET username = 'nobody' WHERE id = 3", NULL};
    has(tampered(*state, sql, 3, 3).why, "does not match its MAC under the audit key");
}

static void delete_middle_then_rechain(void **state)
{
    const char *const sql[] = {"DELETE FROM audit WHERE id = 3",
                               "UPDATE audit SET id = 3 WHERE id = 4",
                               "UPDATE audit SET id = 4 WHERE id = 5", NULL};
    assert_int_equal(tampered(*state, sql, 3, 3).rows, 4);
}

static void reorder_then_rechain(void **state)
{
    const char *const sql[] = {"UPDATE audit SET id = 0 WHERE id = 2",
                               "UPDATE audit SET id = 2 WHERE id = 3",
                               "UPDATE audit SET id = 3 WHERE id = 0", NULL};
    tampered(*state, sql, 2, 2);
}

/* A row put in between, with a made-up hash and the rest re-chained. */
static void insert_then_rechain(void **state)
{
    const char *const sql[] = {
        "UPDATE audit SET id = id + 10 WHERE id >= 3",
        "UPDATE audit SET id = id - 9 WHERE id >= 13",
        "INSERT INTO audit(id, at, username, role, action, request_id, outcome, prev_hash, hash) "
        "VALUES (3, 1767225601, 'ada', 'social-worker', 'view', 'req', 'ok', '', '')",
        NULL};
    assert_int_equal(tampered(*state, sql, 3, 3).rows, 6);
}

/* The whole trail rewritten without the key, and the database's record of the keyed
 * rows taken away so that it reads as a trail from before keys: the key file still
 * says where the keyed rows begin. A guessed key does no better. */
static void rechain_without_the_key(void **state)
{
    struct fx *f = *state;
    add(f, 5);
    unlock(f);
    sqlf(f, "DELETE FROM audit_key");
    rechain(f, 1, NULL);
    struct audit_check c = check(f, NULL);
    assert_int_equal(c.bad, 1);
    has(c.why, "written without the key");
    struct audit_key guess = {.from = 1};
    memset(guess.k, 7, sizeof guess.k);
    rechain(f, 1, &guess);
    c = check(f, NULL);
    assert_int_equal(c.bad, 1);
    /* and a writer will not add to it: the key does not fit the database */
    reopen(f);
    struct audit_event ev = {.at = 1,
                             .username = "x",
                             .role = "operator",
                             .action = "view",
                             .request_id = "r",
                             .outcome = "ok"};
    assert_int_equal(store_audit_add(f->s, &ev, &f->e), KITH_E_CONFLICT);
    has(f->e.msg, "records no keyed row");
}

/* Rows cut from the end leave a sound chain: only the anchor shows it, and it still
 * does once kith has written new rows where the removed ones were. */
static void delete_tail(void **state)
{
    struct fx *f = *state;
    add(f, 10);
    const char *anchor = arena_strdup(&f->a, store_audit_anchor_path(f->s));
    reopen(f); /* the close writes row 10's anchor */
    unlock(f);
    sqlf(f, "DELETE FROM audit WHERE id >= 8");
    struct audit_check c = check(f, NULL);
    assert_int_equal(c.bad, 0); /* what the key alone cannot see */
    c = check(f, anchor);
    assert_int_equal(c.bad, 8);
    has(c.why, "rows 8 to 10 were removed from the end");
    /* the last 10,000 rows: the same */
    sqlf(f, "DELETE FROM audit WHERE id >= 2");
    c = check(f, anchor);
    assert_int_equal(c.bad, 2);
    add(f, 9); /* rows 2..10 again, new ones */
    c = check(f, NULL);
    assert_int_equal(c.bad, 0);
    c = check(f, anchor);
    assert_int_equal(c.bad, 10);
    has(c.why, "is not the row");
}

/* A trail written by a kith without a key: its rows stay as they were, checked unkeyed,
 * and the first keyed row seals them in, so rewriting them breaks it. */
static void upgrade_from_an_unkeyed_trail(void **state)
{
    struct fx *f = *state;
    char prev[65] = AUDIT_GENESIS;
    for (int id = 1; id <= 3; id++) {
        struct audit_event ev = {.id = id,
                                 .at = 1700000000 + id,
                                 .username = "old",
                                 .role = "operator",
                                 .action = "view",
                                 .request_id = "r",
                                 .outcome = "ok"};
        char h[65];
        audit_hash(&ev, prev, NULL, h);
        sqlf(f,
             "INSERT INTO audit(id, at, username, role, action, request_id, outcome, prev_hash, "
             "hash) VALUES (%d, %lld, 'old', 'operator', 'view', 'r', 'ok', '%s', '%s')",
             id, (long long)ev.at, prev, h);
        memcpy(prev, h, sizeof prev);
    }
    struct audit_check c = check(f, NULL);
    assert_int_equal(c.bad, 0);
    assert_int_equal(c.keyed_from, 0); /* no key yet: nothing keyed */
    add(f, 2);
    c = check(f, NULL);
    assert_int_equal(c.bad, 0);
    assert_int_equal(c.rows, 5);
    assert_int_equal(c.keyed_from, 4);
    unlock(f);
    sqlf(f, "UPDATE audit SET username = 'someone' WHERE id = 2");
    rechain(f, 2, NULL);
    c = check(f, NULL);
    assert_int_equal(c.bad, 4);
}

static void the_key_file(void **state)
{
    struct fx *f = *state;
    add(f, 2);
    const char *key = arena_strdup(&f->a, store_audit_key_path(f->s));
    const char *away = arena_printf(&f->a, "%s.away", key);
    assert_int_equal(rename(key, away), 0);
    reopen(f);
    struct audit_event ev = {.at = 1,
                             .username = "x",
                             .role = "operator",
                             .action = "view",
                             .request_id = "r",
                             .outcome = "ok"};
    /* never a second key for a keyed trail: the write fails, naming the file */
    assert_int_equal(store_audit_add(f->s, &ev, &f->e), KITH_E_NOT_FOUND);
    has(f->e.msg, key);
    struct audit_check c;
    assert_int_equal(store_audit_check(f->s, NULL, &c, &f->e), KITH_E_NOT_FOUND);
    has(f->e.msg, "cannot be checked without it");
    /* a key others can read is refused */
    assert_int_equal(rename(away, key), 0);
    assert_int_equal(chmod(key, 0644), 0);
    reopen(f);
    assert_int_equal(store_audit_add(f->s, &ev, &f->e), KITH_E_INVALID);
    has(f->e.msg, "chmod 600");
    assert_int_equal(chmod(key, 0600), 0);
    reopen(f);
    OK(store_audit_add(f->s, &ev, &f->e));
    assert_int_equal(check(f, NULL).bad, 0);
}

static void forged_anchor_line(void **state)
{
    struct fx *f = *state;
    add(f, 3);
    const char *anchor = arena_strdup(&f->a, store_audit_anchor_path(f->s));
    reopen(f);
    FILE *out = fopen(anchor, "a");
    assert_non_null(out);
    fprintf(out, "kith-audit-anchor row=2 hash=%s at=1 mac=%s\n", AUDIT_GENESIS, AUDIT_GENESIS);
    fclose(out);
    struct audit_check c;
    assert_int_equal(store_audit_check(f->s, anchor, &c, &f->e), KITH_E_FINDINGS);
    has(f->e.msg, "line 3: its MAC does not match");
}

/* Group commit (store_group.c): threads with a connection each append rows of their own
 * at once, as a server's do; every call returns its row's id, the ids are the rows
 * stored with the caller's request id, none is lost or doubled, and the chain verifies.
 * A change's row among them is grouped too. */
#define GROUP_THREADS 4
#define GROUP_ROWS 40
struct appender {
    const char *location;
    int n;
    int64_t ids[GROUP_ROWS];
    char err[600];
};

static void *append_rows(void *arg)
{
    struct appender *ap = arg;
    struct store *s;
    struct kerr e = KERR_INIT;
    if (store_open(ap->location, 0, &s, &e)) {
        snprintf(ap->err, sizeof ap->err, "open: %s", e.msg);
        return NULL;
    }
    for (int i = 0; i < GROUP_ROWS; i++) {
        char req[32];
        snprintf(req, sizeof req, "t%d-%d", ap->n, i);
        struct audit_event ev = {.at = 1767225600 + i,
                                 .username = "ada",
                                 .role = "social-worker",
                                 .action = i % 7 ? "view" : "note-add",
                                 .request_id = req,
                                 .outcome = "ok",
                                 .read_only = i % 7 != 0};
        if (store_audit_add(s, &ev, &e)) {
            snprintf(ap->err, sizeof ap->err, "row %d: %s", i, e.msg);
            break;
        }
        ap->ids[i] = ev.id;
    }
    store_close(s);
    return NULL;
}

static void group_commit_threads(void **state)
{
    struct fx *f = *state;
    add(f, 1); /* the key exists before the threads race to use it */
    struct appender ap[GROUP_THREADS];
    pthread_t th[GROUP_THREADS];
    for (int t = 0; t < GROUP_THREADS; t++) {
        ap[t] = (struct appender){.location = f->db.location, .n = t};
        assert_int_equal(pthread_create(&th[t], NULL, append_rows, &ap[t]), 0);
    }
    for (int t = 0; t < GROUP_THREADS; t++)
        assert_int_equal(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < GROUP_THREADS; t++)
        if (ap[t].err[0])
            fail_msg("thread %d: %s", t, ap[t].err);
    size_t n;
    struct audit_event *rows = all_rows(f, &n);
    assert_int_equal(n, 1 + GROUP_THREADS * GROUP_ROWS);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(rows[i].id, (int64_t)i + 1);
    for (int t = 0; t < GROUP_THREADS; t++)
        for (int i = 0; i < GROUP_ROWS; i++) {
            int64_t id = ap[t].ids[i];
            assert_true(id >= 2 && id <= (int64_t)n);
            char req[32];
            snprintf(req, sizeof req, "t%d-%d", t, i);
            assert_string_equal(rows[id - 1].request_id, req);
            if (i)
                assert_true(id > ap[t].ids[i - 1]); /* one caller's rows in its order */
        }
    assert_int_equal(check(f, NULL).bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(keyed_and_anchored, setup, teardown),
        cmocka_unit_test_setup_teardown(edit_then_rechain, setup, teardown),
        cmocka_unit_test_setup_teardown(delete_middle_then_rechain, setup, teardown),
        cmocka_unit_test_setup_teardown(reorder_then_rechain, setup, teardown),
        cmocka_unit_test_setup_teardown(insert_then_rechain, setup, teardown),
        cmocka_unit_test_setup_teardown(rechain_without_the_key, setup, teardown),
        cmocka_unit_test_setup_teardown(delete_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(upgrade_from_an_unkeyed_trail, setup, teardown),
        cmocka_unit_test_setup_teardown(the_key_file, setup, teardown),
        cmocka_unit_test_setup_teardown(forged_anchor_line, setup, teardown),
        cmocka_unit_test_setup_teardown(group_commit_threads, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
