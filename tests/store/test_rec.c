/*
 * The generic record layer on a record type that exists only in this file: its table
 * comes from its description (store_rec_ddl), and every operation (add, get, find, list
 * by parent with a total, correct with the old version kept, history, two people
 * correcting at once) runs through store_rec.c on SQLite here and, unchanged, on
 * PostgreSQL (suite pg). Nothing in src/ knows this type: that is the point.
 */
#include "../unit/test.h"
#include "../unit/test_day.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/rec.h"
#include "store/store.h"
#include "store/store_rec.h"
#include "testdb.h"

/* --- the type: a home visit, as a later issue might describe one ---------------------- */

struct tvisit {
    struct rec_head h;
    kdate on;
    const char *notes;
    char kind[8];
    bool seen_alone;
    int64_t minutes;
    char sex;
};

static const struct field tvisit_fields[] = {
    {.name = "visit_date",
     .label = "date of the visit",
     .expect = "the day of the visit",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED | FIELD_PAST,
     .offset = offsetof(struct tvisit, on)},
    {.name = "notes",
     .label = "what happened",
     .type = FIELD_TEXT,
     .flags = FIELD_MULTILINE,
     .max_len = 2000,
     .offset = offsetof(struct tvisit, notes)},
    {.name = "kind",
     .label = "kind of visit",
     .type = FIELD_CHARS,
     .size = sizeof(((struct tvisit *)0)->kind),
     .offset = offsetof(struct tvisit, kind)},
    {.name = "seen_alone",
     .label = "child seen alone",
     .type = FIELD_BOOL,
     .offset = offsetof(struct tvisit, seen_alone)},
    {.name = "minutes",
     .label = "length of the visit in minutes",
     .type = FIELD_INT,
     .min = 1,
     .max = 600,
     .offset = offsetof(struct tvisit, minutes)},
    {.name = "sex_seen", .label = "x", .type = FIELD_CHAR, .offset = offsetof(struct tvisit, sex)},
    {0},
};

static const struct rec_type tvisit_type = {
    .name = "test_visit",
    .label = "test visit",
    .plural = "test visits",
    .table = "test_visit",
    .parent = "child",
    .size = sizeof(struct tvisit),
    .head = offsetof(struct tvisit, h),
    .fields = tvisit_fields,
    .order = "visit_date",
    .title = "kind",
};

/* --- a type as wide as a description may be (REC_FIELDS_MAX fields) -------------------- */

/* Every write binds the head's seven columns and every field, and every read takes them
 * all back: the widest type a description allows must fit both. */
struct twide {
    struct rec_head h;
    kdate on;
    int64_t v[56]; /* w00..w07, w10..w17, ... w50..w55: the names' digits index it */
    const char *words;
};
#define WIDE(k)                                                                                    \
    {                                                                                              \
        .name = "w" #k, .label = "value " #k, .type = FIELD_INT, .max = 1000000,                   \
        .offset = offsetof(struct twide, v[k])                                                     \
    }
#define WIDE8(k)                                                                                   \
    WIDE(k##0), WIDE(k##1), WIDE(k##2), WIDE(k##3), WIDE(k##4), WIDE(k##5), WIDE(k##6), WIDE(k##7)
static const struct field twide_fields[] = {
    {.name = "on_date",
     .label = "date",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = offsetof(struct twide, on)},
    WIDE8(0),
    WIDE8(1),
    WIDE8(2),
    WIDE8(3),
    WIDE8(4),
    WIDE(50),
    WIDE(51),
    WIDE(52),
    WIDE(53),
    WIDE(54),
    WIDE(55),
    {.name = "words",
     .label = "words",
     .type = FIELD_TEXT,
     .max_len = 100,
     .offset = offsetof(struct twide, words)},
    {0},
};
static const struct rec_type twide_type = {
    .name = "test_wide",
    .label = "test wide record",
    .plural = "test wide records",
    .table = "test_wide",
    .parent = "child",
    .size = sizeof(struct twide),
    .head = offsetof(struct twide, h),
    .fields = twide_fields,
    .order = "on_date",
    .title = "words",
};

#define OK(x) assert_int_equal((x), KITH_OK)

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
    int64_t child, other;
};

static int64_t add_child(struct fx *f, const char *family)
{
    struct person p = {.kind = PERSON_CHILD,
                       .given_name = "Ada",
                       .family_name = family,
                       .dob = DATE_NONE,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'F',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    OK(store_person_add(f->s, &p, &f->e));
    return p.id;
}

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
    struct str ddl;
    str_init(&ddl, 0);
    store_rec_ddl(&tvisit_type, store_backend(f->s), &ddl);
    enum kerr_code rc = store_rec_exec(f->s, ddl.buf, &f->e);
    str_release(&ddl);
    if (rc) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
    f->child = add_child(f, "Lovelace");
    f->other = add_child(f, "Byron");
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

static struct tvisit visit(int64_t child, const char *on, const char *notes, int64_t minutes)
{
    struct tvisit v = {.h = {.parent_id = child, .created_by = 0}, .on = day(on), .notes = notes};
    snprintf(v.kind, sizeof v.kind, "home");
    v.minutes = minutes;
    return v;
}

/* --- the description ------------------------------------------------------------------- */

static void descriptions(void **state)
{
    (void)state;
    struct kerr e;
    kerr_clear(&e);
    OK(rec_type_check(&tvisit_type, &e));
    assert_int_equal(rec_nfields(&tvisit_type), 6);
    assert_int_equal(rec_field_index(&tvisit_type, "minutes"), 4);
    assert_int_equal(rec_field_index(&tvisit_type, "nope"), -1);

    /* a field named like a column every record has, a field named twice, an order field
     * that is not a date: each refused with the reason */
    static const struct field clash[] = {
        {.name = "version", .label = "v", .type = FIELD_INT, .offset = 0}, {0}};
    struct rec_type bad = tvisit_type;
    bad.fields = clash;
    bad.order = NULL;
    bad.title = NULL;
    assert_int_equal(rec_type_check(&bad, &e), KITH_E_INTERNAL);
    assert_non_null(strstr(e.msg, "column every record has"));
    static const struct field twice[] = {
        {.name = "a", .label = "a", .type = FIELD_INT, .offset = offsetof(struct tvisit, minutes)},
        {.name = "a", .label = "a", .type = FIELD_INT, .offset = offsetof(struct tvisit, minutes)},
        {0}};
    bad.fields = twice;
    assert_int_equal(rec_type_check(&bad, &e), KITH_E_INTERNAL);
    assert_non_null(strstr(e.msg, "twice"));
    bad = tvisit_type;
    bad.order = "notes";
    assert_int_equal(rec_type_check(&bad, &e), KITH_E_INTERNAL);
    assert_non_null(strstr(e.msg, "not a date"));

    /* a field shown inside a choice: of a yes/no field before it, "yes" or "no" */
    static const char *const whens[] = {"seen_alone=yes", "seen_alone=no", "seen_alone=maybe",
                                        "seen_alone",     "nothing=yes",   "notes=yes",
                                        "minutes=yes",    "later_flag=yes"};
    static const bool fine[] = {true, true, false, false, false, false, false, false};
    for (size_t i = 0; i < N_ELEMS(whens); i++) {
        struct field shown[] = {{.name = "seen_alone",
                                 .label = "a",
                                 .type = FIELD_BOOL,
                                 .offset = offsetof(struct tvisit, seen_alone)},
                                {.name = "minutes",
                                 .label = "m",
                                 .type = FIELD_INT,
                                 .offset = offsetof(struct tvisit, minutes),
                                 .shown_with = whens[i]},
                                {.name = "later_flag",
                                 .label = "b",
                                 .type = FIELD_BOOL,
                                 .offset = offsetof(struct tvisit, seen_alone)},
                                {0}};
        bad = tvisit_type;
        bad.fields = shown;
        bad.order = NULL;
        bad.title = NULL;
        if (fine[i]) {
            OK(rec_type_check(&bad, &e));
        } else {
            assert_int_equal(rec_type_check(&bad, &e), KITH_E_INTERNAL);
            assert_non_null(strstr(e.msg, "is shown with"));
        }
    }
}

/* Text as people type it, into each field type, and back as canonical text. */
static void text_in_and_out(void **state)
{
    (void)state;
    static const struct {
        const char *field, *in, *canonical; /* canonical NULL: absent; "!" an error */
    } cases[] = {
        {"visit_date", "2026-12-05", "2026-12-05"},
        {"visit_date", "5/12/2026", "2026-12-05"},
        {"visit_date", " 05/12/2026 ", "2026-12-05"},
        {"visit_date", "29/02/2028", "2028-02-29"},
        {"visit_date", "29/02/2027", "!"},
        {"visit_date", "31/04/2026", "!"},
        {"visit_date", "2026-13-01", "!"},
        {"visit_date", "5/12/26", "!"},
        {"visit_date", "", NULL},
        {"notes", "line one\nline two", "line one\nline two"},
        {"notes", "   ", NULL},
        {"kind", "office", "office"},
        {"kind", "far too long", "!"},
        {"seen_alone", "yes", "1"},
        {"seen_alone", "No", "0"},
        {"seen_alone", "t", "1"},
        {"seen_alone", "maybe", "!"},
        {"minutes", "45", "45"},
        {"minutes", "4 5", "!"},
        {"minutes", "99999999999999999999", "!"},
        {"sex_seen", "M", "M"},
        {"sex_seen", "MF", "!"},
    };
    struct arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct tvisit v = {.on = DATE_NONE};
        const struct field *f = &tvisit_fields[rec_field_index(&tvisit_type, cases[i].field)];
        struct field_errors errs;
        field_errors_clear(&errs);
        rec_set_text(f, &v, cases[i].in, &a, &errs);
        char buf[REC_TEXT_BUF];
        const char *out = rec_text(f, &v, buf);
        if (cases[i].canonical && !strcmp(cases[i].canonical, "!")) {
            if (errs.n != 1)
                fail_msg("case %zu (%s '%s'): expected an error", i, cases[i].field, cases[i].in);
            assert_string_equal(errs.items[0].field, cases[i].field);
        } else {
            if (errs.n)
                fail_msg("case %zu: %s", i, errs.items[0].msg);
            if (cases[i].canonical)
                assert_string_equal(out, cases[i].canonical);
            else if (f->type != FIELD_BOOL)
                assert_null(out);
        }
    }
    arena_release(&a);
}

/* The type's own checks run through rec_check: required, future dates, ranges. */
static void checks(void **state)
{
    (void)state;
    struct tvisit v = visit(1, "2026-12-05", "fine", 0);
    struct field_ctx ctx = {.today = day("2026-12-04")};
    struct field_errors errs;
    field_errors_clear(&errs);
    v.minutes = 601;
    v.notes = "tab\tand\nbreak are fine in notes, a bell \a is not";
    rec_check(&tvisit_type, &v, &ctx, &errs);
    assert_int_equal(errs.n, 3);
    assert_non_null(field_error_for(&errs, "visit_date"));
    assert_non_null(strstr(field_error_for(&errs, "visit_date")->msg, "in the future"));
    assert_non_null(field_error_for(&errs, "minutes"));
    assert_non_null(field_error_for(&errs, "notes"));
    v.on = DATE_NONE;
    field_errors_clear(&errs);
    rec_check(&tvisit_type, &v, &ctx, &errs);
    assert_non_null(strstr(field_error_for(&errs, "visit_date")->msg, "missing"));
}

/* --- the store -------------------------------------------------------------------------- */

static void assert_same(const struct tvisit *a, const struct tvisit *b)
{
    assert_int_equal(a->h.id, b->h.id);
    assert_string_equal(a->h.public_id, b->h.public_id);
    assert_int_equal(a->h.parent_id, b->h.parent_id);
    assert_int_equal(a->h.version, b->h.version);
    assert_int_equal(a->on, b->on);
    if (a->notes || b->notes)
        assert_string_equal(a->notes, b->notes);
    assert_string_equal(a->kind, b->kind);
    assert_int_equal(a->seen_alone, b->seen_alone);
    assert_int_equal(a->minutes, b->minutes);
    assert_int_equal(a->sex, b->sex);
}

static void add_get_find(void **state)
{
    struct fx *f = *state;
    struct tvisit v =
        visit(f->child, "2026-11-30",
              "Saw Ada at home.\n\nShe showed me her room; \"it's mine\" — 100%.", 40);
    v.seen_alone = true;
    v.sex = 'F';
    v.h.created_by = 0;
    OK(store_rec_add(f->s, &tvisit_type, &v, 1764500000, &f->e));
    assert_true(v.h.id > 0);
    assert_int_equal(strlen(v.h.public_id), PUBLIC_ID_LEN);
    assert_int_equal(v.h.version, 1);
    assert_int_equal(v.h.created_at, 1764500000);

    struct tvisit got;
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    assert_same(&v, &got);
    assert_int_equal(got.h.created_at, 1764500000);
    assert_int_equal(got.h.updated_at, 1764500000);
    assert_null(got.h.reason);

    /* by public id as a person types it: lower case */
    char lower[PUBLIC_ID_LEN + 1];
    for (int i = 0; i <= PUBLIC_ID_LEN; i++)
        lower[i] = (char)(v.h.public_id[i] >= 'A' && v.h.public_id[i] <= 'Z' ? v.h.public_id[i] + 32
                                                                             : v.h.public_id[i]);
    memset(&got, 0, sizeof got);
    OK(store_rec_find(f->s, &tvisit_type, lower, &f->a, &got, &f->e));
    assert_same(&v, &got);

    /* absent values come back absent */
    struct tvisit bare = visit(f->child, "2026-11-01", NULL, 0);
    bare.kind[0] = '\0';
    OK(store_rec_add(f->s, &tvisit_type, &bare, 1764500001, &f->e));
    OK(store_rec_get(f->s, &tvisit_type, bare.h.id, &f->a, &got, &f->e));
    assert_same(&bare, &got);
    assert_null(got.notes);

    assert_int_equal(store_rec_get(f->s, &tvisit_type, 999999, &f->a, &got, &f->e),
                     KITH_E_NOT_FOUND);
    assert_int_equal(store_rec_find(f->s, &tvisit_type, "nonsense", &f->a, &got, &f->e),
                     KITH_E_NOT_FOUND);

    /* a parent that does not exist is refused, and nothing is stored */
    struct tvisit orphan = visit(424242, "2026-11-01", NULL, 0);
    assert_int_not_equal(store_rec_add(f->s, &tvisit_type, &orphan, 1, &f->e), KITH_OK);
    void *rows;
    size_t n;
    int64_t total;
    OK(store_rec_list(f->s, &tvisit_type, &(struct rec_query){0}, &f->a, &rows, &n, &total, &f->e));
    assert_int_equal(total, 2);
}

static void correct_and_history(void **state)
{
    struct fx *f = *state;
    struct tvisit v = visit(f->child, "2026-11-30", "first words", 30);
    v.h.created_by = 0;
    OK(store_rec_add(f->s, &tvisit_type, &v, 1000, &f->e));

    struct tvisit edit = v;
    edit.notes = "second words";
    edit.minutes = 35;
    edit.h.updated_by = 0;
    edit.h.reason = "typed 30 for 35";
    OK(store_rec_update(f->s, &tvisit_type, &edit, 2000, &f->e));
    assert_int_equal(edit.h.version, 2);

    struct tvisit got;
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    assert_int_equal(got.h.version, 2);
    assert_string_equal(got.notes, "second words");
    assert_int_equal(got.minutes, 35);
    assert_int_equal(got.h.created_at, 1000);
    assert_int_equal(got.h.updated_at, 2000);
    assert_string_equal(got.h.reason, "typed 30 for 35");

    edit.notes = "third words, with a \"quote\", a \\ and <markup> & a line\nbreak";
    edit.h.reason = "more detail";
    OK(store_rec_update(f->s, &tvisit_type, &edit, 3000, &f->e));
    assert_int_equal(edit.h.version, 3);

    void *rows;
    size_t n;
    OK(store_rec_history(f->s, &tvisit_type, v.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 3);
    const struct tvisit *h = rows;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(h[i].h.version, (int)i + 1);
        assert_int_equal(h[i].h.id, v.h.id);
        assert_string_equal(h[i].h.public_id, v.h.public_id);
        assert_int_equal(h[i].on, v.on);
    }
    assert_string_equal(h[0].notes, "first words");
    assert_int_equal(h[0].minutes, 30);
    assert_int_equal(h[0].h.updated_at, 1000);
    assert_null(h[0].h.reason);
    assert_string_equal(h[1].notes, "second words");
    assert_string_equal(h[1].h.reason, "typed 30 for 35");
    assert_int_equal(h[1].h.updated_at, 2000);
    assert_string_equal(h[2].notes, edit.notes);
    assert_string_equal(h[2].h.reason, "more detail");

    /* a record never corrected has a history of one */
    struct tvisit once = visit(f->child, "2026-11-29", "once", 10);
    OK(store_rec_add(f->s, &tvisit_type, &once, 1000, &f->e));
    OK(store_rec_history(f->s, &tvisit_type, once.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(store_rec_history(f->s, &tvisit_type, 999999, &f->a, &rows, &n, &f->e),
                     KITH_E_NOT_FOUND);
}

/* True when `sql` (SELECT one number) gives `want`, asked behind kith's back: a CHECK
 * refuses the row otherwise, on either backend. */
static bool sql_count(struct fx *f, const char *sql, int want)
{
    char q[1024];
    snprintf(q, sizeof q,
             "CREATE TABLE IF NOT EXISTS t_check_%d (n INTEGER CHECK (n = %d)); "
             "INSERT INTO t_check_%d (n) %s",
             want, want, want, sql);
    return testdb_sql(&f->db, q) == 0;
}

/* A record entered in error is deleted as it stood at the version seen: it leaves its
 * table (get, find and lists no longer see it), its versions stay in the history with one
 * more saying who deleted it, when and why; a stale version changes nothing; a second
 * deletion finds nothing. */
static void deleted_in_error(void **state)
{
    struct fx *f = *state;
    struct tvisit v = visit(f->child, "2026-11-30", "first words", 30);
    OK(store_rec_add(f->s, &tvisit_type, &v, 1000, &f->e));
    struct tvisit keep = visit(f->child, "2026-11-29", "stays", 10);
    OK(store_rec_add(f->s, &tvisit_type, &keep, 1000, &f->e));
    struct tvisit edit = v;
    edit.notes = "second words";
    edit.h.reason = "more";
    OK(store_rec_update(f->s, &tvisit_type, &edit, 2000, &f->e));

    assert_int_equal(store_rec_delete(f->s, &tvisit_type, v.h.id, 1, 3000, 7, "wrong child", &f->e),
                     KITH_E_CONFLICT);
    struct tvisit got;
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    OK(store_rec_delete(f->s, &tvisit_type, v.h.id, 2, 3000, 7, "wrong child", &f->e));
    assert_int_equal(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e),
                     KITH_E_NOT_FOUND);
    assert_int_equal(store_rec_find(f->s, &tvisit_type, v.h.public_id, &f->a, &got, &f->e),
                     KITH_E_NOT_FOUND);
    void *rows;
    size_t n;
    int64_t total;
    OK(store_rec_list(f->s, &tvisit_type, &(struct rec_query){.parent_id = f->child}, &f->a, &rows,
                      &n, &total, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    assert_int_equal(((const struct tvisit *)rows)->h.id, keep.h.id);
    assert_int_equal(store_rec_delete(f->s, &tvisit_type, v.h.id, 2, 4000, 7, "again", &f->e),
                     KITH_E_NOT_FOUND);
    char q[256];
    snprintf(q, sizeof q,
             "SELECT count(*) FROM record_history WHERE rtable = 'test_visit' AND record_id = %lld",
             (long long)v.h.id);
    assert_true(sql_count(f, q, 3)); /* versions 1 and 2, and the deletion */
    snprintf(q, sizeof q,
             "SELECT count(*) FROM record_history WHERE rtable = 'test_visit' AND record_id = %lld "
             "AND version = 3 AND body = '{}' AND written_at = 3000 AND written_by = 7 AND "
             "reason = 'wrong child'",
             (long long)v.h.id);
    assert_true(sql_count(f, q, 1));
    snprintf(q, sizeof q,
             "SELECT count(*) FROM record_history WHERE rtable = 'test_visit' AND record_id = %lld "
             "AND version = 2 AND reason = 'more'",
             (long long)v.h.id);
    assert_true(sql_count(f, q, 1));

    /* the last row deleted, the next record takes no id a deleted one had: it starts a
     * history of its own, and its first correction is its version 2 */
    OK(store_rec_delete(f->s, &tvisit_type, keep.h.id, 1, 5000, 7, "twice", &f->e));
    struct tvisit next = visit(f->child, "2026-12-01", "new", 20);
    OK(store_rec_add(f->s, &tvisit_type, &next, 6000, &f->e));
    assert_true(next.h.id > keep.h.id && next.h.id > v.h.id);
    next.notes = "new, corrected";
    next.h.reason = "typo";
    OK(store_rec_update(f->s, &tvisit_type, &next, 7000, &f->e));
    void *versions;
    OK(store_rec_history(f->s, &tvisit_type, next.h.id, &f->a, &versions, &n, &f->e));
    assert_int_equal(n, 2);
}

/* Two people open version 1 and both save: the first is kept, the second is told and
 * changes nothing; neither silently overwrites the other. */
static void two_people_correcting(void **state)
{
    struct fx *f = *state;
    struct tvisit v = visit(f->child, "2026-11-30", "as first written", 30);
    OK(store_rec_add(f->s, &tvisit_type, &v, 1000, &f->e));
    struct tvisit anna = v, ben = v;
    anna.notes = "Anna's correction";
    anna.h.reason = "Anna";
    ben.notes = "Ben's correction";
    ben.h.reason = "Ben";
    OK(store_rec_update(f->s, &tvisit_type, &anna, 2000, &f->e));
    assert_int_equal(store_rec_update(f->s, &tvisit_type, &ben, 2001, &f->e), KITH_E_CONFLICT);
    assert_string_equal(f->e.field, "version");
    assert_non_null(strstr(f->e.msg, "version 1"));
    assert_non_null(strstr(f->e.msg, "version 2"));
    assert_int_equal(ben.h.version, 1); /* unchanged: Ben still holds what he typed */

    struct tvisit got;
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    assert_string_equal(got.notes, "Anna's correction");
    void *rows;
    size_t n;
    OK(store_rec_history(f->s, &tvisit_type, v.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 2);

    /* Ben, having seen both, saves on top of version 2 */
    ben.h.version = 2;
    OK(store_rec_update(f->s, &tvisit_type, &ben, 3000, &f->e));
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    assert_string_equal(got.notes, "Ben's correction");
    assert_int_equal(got.h.version, 3);

    /* a correction of a record that is not there writes nothing */
    struct tvisit ghost = v;
    ghost.h.id = 999999;
    assert_int_equal(store_rec_update(f->s, &tvisit_type, &ghost, 4000, &f->e), KITH_E_NOT_FOUND);
    OK(store_rec_history(f->s, &tvisit_type, v.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 3);

    /* inside the caller's transaction, a rollback takes the correction and its history */
    OK(store_begin(f->s, &f->e));
    ben.notes = "undone";
    OK(store_rec_update(f->s, &tvisit_type, &ben, 5000, &f->e));
    store_rollback(f->s);
    OK(store_rec_get(f->s, &tvisit_type, v.h.id, &f->a, &got, &f->e));
    assert_string_equal(got.notes, "Ben's correction");
    OK(store_rec_history(f->s, &tvisit_type, v.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 3);
}

static void lists(void **state)
{
    struct fx *f = *state;
    static const char *days[] = {"2026-01-10", "2026-03-01", "2025-12-31", "2026-02-28",
                                 "2026-03-01", "2024-02-29", "2026-11-30"};
    for (size_t i = 0; i < N_ELEMS(days); i++) {
        struct tvisit v = visit(f->child, days[i], NULL, (int64_t)i + 1);
        OK(store_rec_add(f->s, &tvisit_type, &v, 1000 + (int64_t)i, &f->e));
    }
    struct tvisit o = visit(f->other, "2026-12-01", NULL, 99);
    OK(store_rec_add(f->s, &tvisit_type, &o, 5000, &f->e));
    /* a visit with no date yet, made last: blanks go last on both backends (PostgreSQL
     * would put them first in a descending order unless told) */
    struct tvisit blank = visit(f->child, "2026-01-01", NULL, 77);
    blank.on = DATE_NONE;
    OK(store_rec_add(f->s, &tvisit_type, &blank, 6000, &f->e));

    void *rows;
    size_t n;
    int64_t total = -1;
    OK(store_rec_list(f->s, &tvisit_type, &(struct rec_query){.parent_id = f->child, .limit = 3},
                      &f->a, &rows, &n, &total, &f->e));
    assert_int_equal(n, 3);
    assert_int_equal(total, 8);
    const struct tvisit *v = rows;
    /* newest visit first; the two on 1 March newest-created first */
    assert_int_equal(v[0].on, day("2026-11-30"));
    assert_int_equal(v[1].on, day("2026-03-01"));
    assert_int_equal(v[1].minutes, 5);
    assert_int_equal(v[2].minutes, 2);
    OK(store_rec_list(f->s, &tvisit_type,
                      &(struct rec_query){.parent_id = f->child, .limit = 3, .offset = 6}, &f->a,
                      &rows, &n, NULL, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(((const struct tvisit *)rows)[0].on, day("2024-02-29"));
    assert_int_equal(((const struct tvisit *)rows)[1].on, DATE_NONE);
    assert_int_equal(((const struct tvisit *)rows)[1].minutes, 77);
    OK(store_rec_list(f->s, &tvisit_type, &(struct rec_query){.parent_id = f->other}, &f->a, &rows,
                      &n, &total, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    OK(store_rec_list(f->s, &tvisit_type, &(struct rec_query){0}, &f->a, &rows, &n, &total, &f->e));
    assert_int_equal(n, 9);
    assert_int_equal(total, 9);
}

/* One statement counts each type a child has; a type with none says 0, another child's
 * records are not counted, and the same list of types in another order is answered in
 * that order. */
static void counts(void **state)
{
    struct fx *f = *state;
    for (int i = 0; i < 3; i++) {
        struct tvisit v = visit(f->child, "2026-02-28", NULL, i + 1);
        OK(store_rec_add(f->s, &tvisit_type, &v, 1000 + i, &f->e));
    }
    struct tvisit o = visit(f->other, "2026-12-01", NULL, 99);
    OK(store_rec_add(f->s, &tvisit_type, &o, 5000, &f->e));
    const struct rec_type *contact = rec_type_named("contact");
    assert_non_null(contact);
    const struct rec_type *types[] = {&tvisit_type, contact};
    int64_t c[2] = {-1, -1};
    OK(store_rec_counts(f->s, types, 2, f->child, c, &f->e));
    assert_int_equal(c[0], 3);
    assert_int_equal(c[1], 0);
    OK(store_rec_counts(f->s, types, 2, f->other, c, &f->e));
    assert_int_equal(c[0], 1);
    assert_int_equal(c[1], 0);
    const struct rec_type *swapped[] = {contact, &tvisit_type};
    OK(store_rec_counts(f->s, swapped, 2, f->child, c, &f->e));
    assert_int_equal(c[0], 0);
    assert_int_equal(c[1], 3);
    OK(store_rec_counts(f->s, types, 2, 999999, c, &f->e));
    assert_int_equal(c[0], 0);
    assert_int_equal(c[1], 0);
}

/* The widest type a description allows is added, read, corrected, listed and deleted
 * like any other: its statements bind and read REC_FIELDS_MAX fields besides the head. */
static void widest_type(void **state)
{
    struct fx *f = *state;
    assert_int_equal(rec_nfields(&twide_type), REC_FIELDS_MAX);
    OK(rec_type_check(&twide_type, &f->e));
    struct str ddl;
    str_init(&ddl, 0);
    store_rec_ddl(&twide_type, store_backend(f->s), &ddl);
    OK(store_rec_exec(f->s, ddl.buf, &f->e));
    str_release(&ddl);

    struct twide w = {.h = {.parent_id = f->child}, .on = day("2026-12-01"), .words = "wide"};
    for (size_t i = 0; i < N_ELEMS(w.v); i++)
        w.v[i] = (int64_t)(i * 1000 + 7);
    OK(store_rec_add(f->s, &twide_type, &w, 1000, &f->e));
    w.v[55] = 999999;
    w.h.reason = "the last value corrected";
    OK(store_rec_update(f->s, &twide_type, &w, 2000, &f->e));

    struct twide got;
    OK(store_rec_get(f->s, &twide_type, w.h.id, &f->a, &got, &f->e));
    assert_int_equal(got.h.version, 2);
    assert_string_equal(got.words, "wide");
    for (size_t k = 0; k < REC_FIELDS_MAX - 2; k++) {
        const struct field *fl = &twide_fields[1 + k];
        int64_t want = *(const int64_t *)((const char *)&w + fl->offset);
        assert_int_equal(*(const int64_t *)((const char *)&got + fl->offset), want);
    }
    void *rows;
    size_t n;
    int64_t total;
    OK(store_rec_list(f->s, &twide_type, &(struct rec_query){.parent_id = f->child}, &f->a, &rows,
                      &n, &total, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(((const struct twide *)rows)[0].v[55], 999999);
    OK(store_rec_history(f->s, &twide_type, w.h.id, &f->a, &rows, &n, &f->e));
    assert_int_equal(n, 2);
    assert_int_equal(((const struct twide *)rows)[0].v[55], 55007);
    OK(store_rec_delete(f->s, &twide_type, w.h.id, 2, 3000, 0, "entered in error", &f->e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(descriptions),
        cmocka_unit_test(text_in_and_out),
        cmocka_unit_test(checks),
        cmocka_unit_test_setup_teardown(add_get_find, setup, teardown),
        cmocka_unit_test_setup_teardown(correct_and_history, setup, teardown),
        cmocka_unit_test_setup_teardown(two_people_correcting, setup, teardown),
        cmocka_unit_test_setup_teardown(lists, setup, teardown),
        cmocka_unit_test_setup_teardown(deleted_in_error, setup, teardown),
        cmocka_unit_test_setup_teardown(counts, setup, teardown),
        cmocka_unit_test_setup_teardown(widest_type, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
