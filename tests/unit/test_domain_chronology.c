/*
 * The chronology (domain/chronology.h) on real record types: every row names a type, date
 * and kind kith has; events come oldest first, on one day in the table's order; a plan
 * gives two events (start and end), a conference is initial or review by its kind; the
 * period is inclusive at both ends (29 February 2028 among them), the kind filters, and
 * only a note of kind significant-event is an event. The filter's own checks name the
 * field.
 */
#include "test.h"

#include <stdio.h>
#include <string.h>

#include "domain/chronology.h"
#include "domain/help.h"
#include "domain/protection.h"
#include "domain/risk.h"

static kdate D(int y, int m, int d) { return y ? date_from_ymd(y, m, d) : DATE_NONE; }

static void table_checks(void **state)
{
    (void)state;
    struct kerr e;
    kerr_clear(&e);
    assert_int_equal(chron_check(rec_types, &e), KITH_OK);
    static const struct rec_type *const none[] = {&referral_type, NULL};
    assert_int_equal(chron_check(none, &e), KITH_E_INVALID);
    assert_non_null(strstr(e.msg, "contact"));
}

/* "date event|date event|..." of what the filter lets through. */
static const char *events(const struct ts_records *recs, size_t nrecs,
                          const struct case_note *notes, size_t nnotes,
                          const struct chron_filter *f, struct arena *a, char *buf, size_t cap)
{
    size_t n;
    struct chron_event *ev = chron_events(recs, nrecs, notes, nnotes, f, a, &n);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char iso[DATE_ISO_LEN];
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s %s", i ? "|" : "",
                 date_format_iso(ev[i].date, iso), chron_event_text(&ev[i]));
    }
    return buf;
}

static void events_in_order(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    struct referral ref = {
        .h = {.id = 1, .parent_id = 3}, .referral_date = D(2027, 12, 1), .closure_date = DATE_NONE};
    struct conference conf[] = {
        {.h = {.id = 2, .parent_id = 3}, .kind = "review", .conference_date = D(2028, 5, 1)},
        {.h = {.id = 3, .parent_id = 3}, .kind = "initial", .conference_date = D(2028, 2, 29)},
    };
    struct cp_plan plan = {
        .h = {.id = 4, .parent_id = 3}, .start_date = D(2028, 2, 29), .end_date = D(2028, 11, 1)};
    struct missing_episode miss = {.h = {.id = 5, .parent_id = 3},
                                   .start_date = D(2028, 3, 1),
                                   .kind = "M",
                                   .end_date = DATE_NONE};
    struct case_note notes[] = {
        {.id = 6, .date = D(2028, 2, 29), .kind = "significant-event", .subject = "Court"},
        {.id = 7, .date = D(2028, 2, 29), .kind = "home-visit", .subject = "Visit"},
    };
    struct ts_records recs[] = {{&conference_type, conf, 2},
                                {&cp_plan_type, &plan, 1},
                                {&missing_episode_type, &miss, 1},
                                {&referral_type, &ref, 1}};
    static const struct {
        struct chron_filter f;
        const char *want;
    } cases[] = {
        {{DATE_NONE, DATE_NONE, NULL},
         "2027-12-01 Referral|2028-02-29 Initial child protection conference|2028-02-29 Child "
         "protection plan started|2028-02-29 Court|2028-03-01 Missing or away from home|"
         "2028-05-01 Review child protection conference|2028-11-01 Child protection plan "
         "ended"},
        {{0, 0, NULL},
         "2028-02-29 Initial child protection conference|2028-02-29 Child "
         "protection plan started|2028-02-29 Court"},
        {{0, DATE_NONE, "protection"},
         "2028-02-29 Initial child protection conference|2028-05-01 Review child protection "
         "conference"},
        {{DATE_NONE, DATE_NONE, "note"}, "2028-02-29 Court"},
        {{DATE_NONE, DATE_NONE, "proceedings"}, ""},
    };
    char buf[1024];
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct chron_filter f = cases[i].f;
        if (f.from == 0) /* 0 stands for the leap day, at both ends when `to` is 0 too */
            f.from = D(2028, 2, 29);
        if (f.to == 0)
            f.to = D(2028, 2, 29);
        const char *got = events(recs, N_ELEMS(recs), notes, 2, &f, &a, buf, sizeof buf);
        if (strcmp(got, cases[i].want))
            fail_msg("case %zu:\n got  %s\n want %s", i, got, cases[i].want);
    }
    arena_release(&a);
}

static void filter_checks(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 0);
    static const struct {
        const char *from, *to, *kind;
        const char *field; /* NULL: reads */
    } cases[] = {
        {"2028-02-29", "29/02/2028", "plan", NULL},
        {NULL, NULL, NULL, NULL},
        {"2027-02-29", NULL, NULL, "from"},
        {"2028-03-01", "2028-02-29", NULL, "to"},
        {NULL, NULL, "gossip", "kind"},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct chron_filter f = {DATE_NONE, DATE_NONE, NULL};
        struct field_errors errs;
        field_errors_clear(&errs);
        const char *v[] = {cases[i].from, cases[i].to, cases[i].kind};
        for (size_t k = 0; k < 3; k++)
            rec_set_text(&chron_filter_fields[k], &f, v[k], &a, &errs);
        if (!errs.n)
            field_check(chron_filter_fields, &f, &(struct field_ctx){.today = DATE_NONE}, &errs);
        if (!cases[i].field && errs.n)
            fail_msg("case %zu: %s", i, errs.items[0].msg);
        if (cases[i].field && (!errs.n || strcmp(errs.items[0].field, cases[i].field)))
            fail_msg("case %zu: expected %s refused", i, cases[i].field);
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_checks),
        cmocka_unit_test(events_in_order),
        cmocka_unit_test(filter_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
