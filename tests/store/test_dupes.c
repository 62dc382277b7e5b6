/*
 * Search before create on a real database (SQLite here, PostgreSQL in suite pg): the
 * candidates the store finds for what a person typed, scored and kept by the use case
 * (casework/dupes.c). A child typed with a sound-alike name, with the day and month of the
 * birth swapped, or with given and family names swapped, is found with the reasons; a
 * child sharing nothing is not; an account that may see no child finds nothing; what
 * cannot be read is refused beside its field; and each search is audited. A stored NHS
 * number finds its child alone, and a different one tells two children apart.
 */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/dupes.h"
#include "store/store.h"
#include "testdb.h"

#define OK(x) assert_int_equal((x), KITH_OK)

struct fx {
    struct testdb db;
    struct store *s;
    struct arena a;
    struct kerr e;
    char khan[PUBLIC_ID_LEN + 1], twin[PUBLIC_ID_LEN + 1];
    struct store_scope everyone, nobody;
    struct actor front_door, stranger;
};

static int64_t child(struct fx *f, const char *given, const char *family, kdate dob,
                     const char *upn, const char *postcode, const char *nhs, char *public_id)
{
    struct person p = {.kind = PERSON_CHILD,
                       .given_name = given,
                       .family_name = family,
                       .dob = dob,
                       .expected_dob = DATE_NONE,
                       .death = DATE_NONE,
                       .sex = 'M',
                       .uasc_ceased = DATE_NONE,
                       .created = DATE_NONE};
    snprintf(p.upn, sizeof p.upn, "%s", upn);
    snprintf(p.postcode, sizeof p.postcode, "%s", postcode);
    snprintf(p.nhs_number, sizeof p.nhs_number, "%s", nhs);
    snprintf(p.nhs_source, sizeof p.nhs_source, "%s", *nhs ? "pds-trace" : "");
    OK(store_person_add(f->s, &p, &f->e));
    if (public_id)
        memcpy(public_id, p.public_id, PUBLIC_ID_LEN + 1);
    return p.id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    arena_init(&f->a, 0);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e)) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        return -1;
    }
    child(f, "Muhammad", "Khan", date_from_ymd(2015, 3, 7), "A123456789012", "N1 9GU", "9434765919",
          f->khan);
    child(f, "Ayesha", "Khan", date_from_ymd(2015, 3, 7), "", "N1 9GU", "4010232137", f->twin);
    child(f, "Mohammed", "Ali", date_from_ymd(2016, 1, 20), "", "E8 1AA", "", NULL);
    for (int i = 0; i < 30; i++) /* others, sharing nothing */
        child(f, "Sam", "Other", date_from_ymd(2010, 1, 1 + i), "", "SW1A 1AA", "", NULL);
    struct user u = {.username = "fd", .role = UROLE_SOCIAL_WORKER, .created = DATE_NONE};
    OK(store_user_add(f->s, &u, &f->e));
    struct user v = {.username = "nobody", .role = UROLE_SOCIAL_WORKER, .created = DATE_NONE};
    OK(store_user_add(f->s, &v, &f->e));
    kdate today = date_from_ymd(2026, 12, 7);
    f->everyone = (struct store_scope){.user_id = u.id, .service_wide = true, .today = today};
    f->nobody = (struct store_scope){.user_id = v.id, .today = today};
    f->front_door = (struct actor){.user_id = u.id,
                                   .username = "fd",
                                   .role = "social-worker",
                                   .scope = &f->everyone,
                                   .request_id = "t",
                                   .now = 1796601600,
                                   .today = today};
    f->stranger = f->front_door;
    f->stranger.user_id = v.id;
    f->stranger.username = "nobody";
    f->stranger.scope = &f->nobody;
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

/* Fill a query from "field=value" strings as typed. */
static struct dup_query typed(struct fx *f, const char *const *values, struct cw_err *err)
{
    struct dup_query q = {.dob = DATE_NONE};
    for (size_t i = 0; values[i]; i++) {
        const char *eq = strchr(values[i], '=');
        for (const struct field *fl = dup_query_fields; fl->name; fl++)
            if (strlen(fl->name) == (size_t)(eq - values[i]) &&
                !strncmp(fl->name, values[i], (size_t)(eq - values[i])))
                rec_set_text(fl, &q, eq + 1, &f->a, &err->fields);
    }
    return q;
}

static bool has_reason(const struct cw_dup *d, const char *rule)
{
    for (int k = 0; k < d->score.n; k++)
        if (!strcmp(d->score.reasons[k].rule, rule))
            return true;
    return false;
}

static void found_with_reasons(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *values[6];
        size_t n;          /* candidates shown */
        int first_is_khan; /* 1: Muhammad Khan first; 0: not among them */
        const char *rule;  /* a reason the first must give */
    } cases[] = {
        /* sound-alike given name, the date of birth: Muhammad first, his twin too */
        {{"given=Mohammed", "family=Khan", "dob=7/3/2015"}, 2, 1, "given-sounds"},
        /* day and month swapped, names swapped */
        {{"given=Khan", "family=Muhammad", "dob=2015-07-03"}, 1, 1, "names-swapped"},
        /* the UPN typed in lower case, nothing else */
        {{"upn=a123456789012"}, 1, 1, "upn"},
        /* both names exactly, no date: found by name */
        {{"given=muhammad", "family=KHAN"}, 1, 1, "given"},
        /* a postcode typed untidily and a date of birth: both twins */
        {{"postcode=n19gu", "dob=2015-03-07"}, 2, 1, "postcode"},
        /* the stored NHS number, typed as people group it, and nothing else */
        {{"nhs_number=943 476 5919"}, 1, 1, "nhs"},
        /* the twin's NHS number: Muhammad's differs, which tells him apart from what
         * was typed although his names and birth match */
        {{"nhs_number=4010232137", "given=Muhammad", "family=Khan", "dob=2015-03-07"}, 1, 0, "nhs"},
        /* nothing shared */
        {{"given=Zed", "family=Nobody", "dob=2001-01-01"}, 0, 0, NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct cw_err err;
        cw_err_clear(&err);
        struct dup_query q = typed(f, cases[i].values, &err);
        assert_int_equal(err.fields.n, 0);
        struct cw_dup *v;
        size_t n;
        OK(cw_child_duplicates(f->s, &f->front_door, &q, &f->a, &v, &n, &err));
        if (n != cases[i].n)
            fail_msg("case %zu: %zu candidates, expected %zu", i, n, cases[i].n);
        if (cases[i].first_is_khan && strcmp(v[0].child.public_id, f->khan))
            fail_msg("case %zu: first is %s %s", i, v[0].child.given, v[0].child.family);
        if (cases[i].rule && !has_reason(&v[0], cases[i].rule))
            fail_msg("case %zu: no reason %s", i, cases[i].rule);
        for (size_t k = 1; k < n; k++)
            assert_true(v[k].score.score <= v[k - 1].score.score);
    }
    /* someone who may see no child finds nothing, and is told nothing more */
    struct cw_err err;
    cw_err_clear(&err);
    const char *const khan[] = {"given=Mohammed", "family=Khan", "dob=7/3/2015", NULL};
    struct dup_query q = typed(f, khan, &err);
    struct cw_dup *v;
    size_t n;
    OK(cw_child_duplicates(f->s, &f->stranger, &q, &f->a, &v, &n, &err));
    assert_int_equal(n, 0);
    /* every search is in the audit trail, with the count and nothing typed */
    struct audit_event *rows;
    size_t nrows;
    OK(store_audit_list(f->s, &(struct audit_query){.limit = 100}, &f->a, &rows, &nrows, &f->e));
    size_t searches = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (strcmp(rows[i].action, "child.duplicates"))
            continue;
        searches++;
        assert_non_null(strstr(rows[i].detail, "candidates"));
        assert_null(strstr(rows[i].detail, "Khan"));
    }
    assert_int_equal(searches, N_ELEMS(cases) + 1);
}

static void refused_beside_the_field(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *values[3];
        const char *field, *says;
    } cases[] = {
        {{"nhs_number=999 000 0000"}, "nhs_number", "its first nine digits give no check digit"},
        {{"nhs_number=943 476 5918"}, "nhs_number", "fails the NHS number's check digit"},
        {{"postcode=ZZ9 9Z"}, "postcode", "is not a postcode"},
        {{NULL}, "family", "something to look for"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct cw_err err;
        cw_err_clear(&err);
        struct dup_query q = typed(f, cases[i].values, &err);
        struct cw_dup *v;
        size_t n;
        assert_int_equal(cw_child_duplicates(f->s, &f->front_door, &q, &f->a, &v, &n, &err),
                         KITH_E_INVALID);
        const struct field_error *fe = field_error_for(&err.fields, cases[i].field);
        if (!fe || !strstr(fe->msg, cases[i].says))
            fail_msg("case %zu: %s", i, fe ? fe->msg : err.e.msg);
    }
    /* a good NHS number is read with its spaces */
    struct cw_err err;
    cw_err_clear(&err);
    const char *const good[] = {"nhs_number=943 476 5919", NULL};
    struct dup_query q = typed(f, good, &err);
    struct cw_dup *v;
    size_t n;
    OK(cw_child_duplicates(f->s, &f->front_door, &q, &f->a, &v, &n, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(found_with_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_beside_the_field, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
