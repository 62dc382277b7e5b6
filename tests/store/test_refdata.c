/*
 * Reference data in the store on a real SQLite file: postcodes and Ofsted providers
 * written and read back field by field, lookups in any spacing and case, replacement on a
 * second import, a provider list cleared by the next, and the counts the validator uses to
 * decide whether the placement rules can run.
 */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "store/store.h"
#include "testdb.h"

struct fx {
    struct testdb db;
    struct store *s;
    struct kerr e;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (testdb_make(&f->db))
        return -1;
    kerr_clear(&f->e);
    if (store_open(f->db.location, STORE_CREATE, &f->s, &f->e))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_close(f->s);
    testdb_drop(&f->db);
    free(f);
    return 0;
}

static const struct postcode_place places[] = {
    {"N11AA", "E09000019", "E09000019", 531000, 184000},
    {"CB11AA", "E07000008", "E10000003", 545000, 258000},
    {"XX11XX", "E09000019", "E09000019", INT32_MIN, INT32_MIN}, /* no grid reference */
};

static void test_postcodes(void **state)
{
    struct fx *f = *state;
    int64_t npc = -1, nprov = -1;
    assert_int_equal(store_refdata_counts(f->s, &npc, &nprov, &f->e), KITH_OK);
    assert_int_equal(npc, 0);
    assert_int_equal(nprov, 0);
    assert_int_equal(store_begin(f->s, &f->e), KITH_OK);
    assert_int_equal(store_postcode_put(f->s, places, N_ELEMS(places), &f->e), KITH_OK);
    assert_int_equal(store_commit(f->s, &f->e), KITH_OK);
    /* again, with one changed: replaced, not added */
    struct postcode_place moved = places[0];
    moved.east = 531001;
    assert_int_equal(store_postcode_put(f->s, &moved, 1, &f->e), KITH_OK);
    assert_int_equal(store_refdata_counts(f->s, &npc, &nprov, &f->e), KITH_OK);
    assert_int_equal(npc, 3);

    const char *want[] = {"n1 1aa", " CB1 1AA", "XX1  1XX", "ZZ9 9ZZ", NULL, "not a postcode!"};
    struct postcode_geo g;
    postcode_geo_init(&g);
    assert_int_equal(store_postcode_find(f->s, want, N_ELEMS(want), &g, &f->e), KITH_OK);
    assert_int_equal(postcode_geo_count(&g), 3);
    const struct postcode_place *p = postcode_geo_find(&g, "N1 1AA");
    assert_non_null(p);
    assert_string_equal(p->laua, "E09000019");
    assert_int_equal(p->east, 531001);
    assert_int_equal(p->north, 184000);
    p = postcode_geo_find(&g, "cb11aa");
    assert_non_null(p);
    assert_string_equal(p->laua, "E07000008");
    assert_string_equal(p->utla, "E10000003");
    p = postcode_geo_find(&g, "XX1 1XX");
    assert_non_null(p);
    assert_int_equal(p->east, INT32_MIN);
    assert_int_equal(p->north, INT32_MIN);
    assert_null(postcode_geo_find(&g, "ZZ9 9ZZ"));
    postcode_geo_release(&g);
}

static struct provider provider(const char *urn, const char *places_, const char *provs, kdate end,
                                const char *pcd, const char *la)
{
    struct provider p = {.reg_end = end};
    snprintf(p.urn, sizeof(p.urn), "%s", urn);
    snprintf(p.place_codes, sizeof(p.place_codes), "%s", places_);
    snprintf(p.provider_codes, sizeof(p.provider_codes), "%s", provs);
    snprintf(p.pcd, sizeof(p.pcd), "%s", pcd);
    snprintf(p.la, sizeof(p.la), "%s", la);
    return p;
}

static void test_providers(void **state)
{
    struct fx *f = *state;
    kdate end;
    assert_true(date_scan_iso("2026-01-01", 10, &end));
    struct provider v[] = {
        provider("1000001", "K2 K1", "PR4", DATE_NONE, "N11AB", "E09000019"),
        provider("1000002", "K2", "PR1", end, "M11AA", ""),
    };
    assert_int_equal(store_provider_put(f->s, v, N_ELEMS(v), &f->e), KITH_OK);
    const char *urns[] = {"1000001", "1000002", "1999999", "", NULL};
    struct provider_list l;
    provider_list_init(&l);
    assert_int_equal(store_provider_find(f->s, urns, N_ELEMS(urns), &l, &f->e), KITH_OK);
    assert_int_equal(provider_list_count(&l), 2);
    const struct provider *p = provider_list_find(&l, "1000001");
    assert_non_null(p);
    assert_string_equal(p->place_codes, "K2 K1");
    assert_string_equal(p->provider_codes, "PR4");
    assert_int_equal(p->reg_end, DATE_NONE);
    assert_string_equal(p->pcd, "N11AB");
    assert_string_equal(p->la, "E09000019");
    /* the bit sets are rebuilt from the code lists */
    assert_int_not_equal(p->places, 0);
    assert_int_not_equal(p->providers, 0);
    p = provider_list_find(&l, "1000002");
    assert_non_null(p);
    assert_int_equal(p->reg_end, end);
    assert_string_equal(p->la, "");
    assert_null(provider_list_find(&l, "1999999"));
    provider_list_release(&l);

    /* a new list replaces the old one */
    assert_int_equal(store_begin(f->s, &f->e), KITH_OK);
    assert_int_equal(store_provider_clear(f->s, &f->e), KITH_OK);
    assert_int_equal(store_provider_put(f->s, &v[1], 1, &f->e), KITH_OK);
    assert_int_equal(store_commit(f->s, &f->e), KITH_OK);
    int64_t npc, nprov;
    assert_int_equal(store_refdata_counts(f->s, &npc, &nprov, &f->e), KITH_OK);
    assert_int_equal(nprov, 1);
    provider_list_init(&l);
    assert_int_equal(store_provider_find(f->s, urns, N_ELEMS(urns), &l, &f->e), KITH_OK);
    assert_null(provider_list_find(&l, "1000001"));
    assert_non_null(provider_list_find(&l, "1000002"));
    provider_list_release(&l);
}

/* A rolled-back import leaves the list before it. */
static void test_rollback(void **state)
{
    struct fx *f = *state;
    struct provider v = provider("1000003", "K2", "PR1", DATE_NONE, "", "");
    assert_int_equal(store_provider_put(f->s, &v, 1, &f->e), KITH_OK);
    assert_int_equal(store_begin(f->s, &f->e), KITH_OK);
    assert_int_equal(store_provider_clear(f->s, &f->e), KITH_OK);
    store_rollback(f->s);
    int64_t npc, nprov;
    assert_int_equal(store_refdata_counts(f->s, &npc, &nprov, &f->e), KITH_OK);
    assert_int_equal(nprov, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_postcodes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_providers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
