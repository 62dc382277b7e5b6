/*
 * The quarterly agency return as CSV (agency_return.h): a table of columns, each a header
 * and how its cell is read from an assignment, so a column is one row here and one row in
 * docs/workforce.md. Cells go through esc_csv, which also defuses a spreadsheet formula in
 * an agency's name.
 */
#include "report/agency_return.h"

#include <stdio.h>
#include <string.h>

#include "core/esc.h"

struct cell {
    const struct agency_period *p;
    const struct agency_assignment *r;
    char buf[32];
};

static const char *day(struct cell *c, kdate d) { return date_format_iso(d, c->buf); }
static const char *num(struct cell *c, int64_t v)
{
    snprintf(c->buf, sizeof c->buf, "%lld", (long long)v);
    return c->buf;
}
static const char *yn(bool b) { return b ? "Y" : "N"; }
static bool given(const char *s) { return s && s[strspn(s, " \t\r\n")]; }

static const char *c_la(struct cell *c) { return c->p->lea; }
static const char *c_qstart(struct cell *c) { return day(c, c->p->first); }
static const char *c_qend(struct cell *c) { return day(c, c->p->last); }
static const char *c_id(struct cell *c) { return c->r->h.public_id; }
static const char *c_swe(struct cell *c) { return c->r->registration; }
static const char *c_on_est(struct cell *c) { return yn(c->r->worker[0] != '\0'); }
static const char *c_role(struct cell *c) { return c->r->role; }
static const char *c_agency(struct cell *c) { return c->r->agency; }
static const char *c_start(struct cell *c) { return day(c, c->r->start_date); }
static const char *c_end(struct cell *c) { return day(c, c->r->end_date); }
static const char *c_rate(struct cell *c) { return num(c, c->r->hourly_rate); }
static const char *c_region(struct cell *c) { return c->p->region; }
static const struct agency_cap *cap_of(const struct cell *c)
{
    return agency_cap_find(&c->p->caps, c->p->region, c->r->role, c->r->start_date);
}
static const char *c_cap(struct cell *c)
{
    const struct agency_cap *cap = cap_of(c);
    return cap ? num(c, cap->cap_pence) : "";
}
/* Y or N against the cap; empty when none is recorded: not judged, never taken as within */
static const char *c_over(struct cell *c)
{
    const struct agency_cap *cap = cap_of(c);
    return cap ? yn(c->r->hourly_rate > cap->cap_pence) : "";
}
static const char *c_signoff_by(struct cell *c) { return c->r->cap_signoff_by; }
static const char *c_signoff_role(struct cell *c) { return c->r->cap_signoff_role; }
static const char *c_signoff_on(struct cell *c) { return day(c, c->r->cap_signoff_on); }
static const char *c_pqe(struct cell *c) { return num(c, c->r->pqe_years); }
static const char *c_ref_in(struct cell *c) { return day(c, c->r->reference_received); }
static const char *c_ref_out(struct cell *c) { return day(c, c->r->reference_given); }
static const char *c_project(struct cell *c) { return c->r->project_team; }
static const char *c_project_on(struct cell *c) { return day(c, c->r->project_approved_on); }
static const char *c_left(struct cell *c) { return day(c, c->r->left_permanent_on); }
static const char *c_exception(struct cell *c) { return yn(given(c->r->cooloff_exception)); }
static const char *c_notice(struct cell *c) { return num(c, c->r->notice_weeks); }

static const struct column {
    const char *head;
    const char *(*cell)(struct cell *c);
} columns[] = {
    {"la_code", c_la},
    {"quarter_start", c_qstart},
    {"quarter_end", c_qend},
    {"assignment_id", c_id},
    {"swe_number", c_swe},
    {"on_establishment", c_on_est},
    {"role_category", c_role},
    {"agency", c_agency},
    {"start_date", c_start},
    {"end_date", c_end},
    {"hourly_rate_pence", c_rate},
    {"region", c_region},
    {"region_cap_pence", c_cap},
    {"over_cap", c_over},
    {"cap_signed_off_by", c_signoff_by},
    {"cap_signed_off_role", c_signoff_role},
    {"cap_signed_off_on", c_signoff_on},
    {"pqe_years", c_pqe},
    {"reference_received", c_ref_in},
    {"reference_given", c_ref_out},
    {"project_team", c_project},
    {"project_approved_on", c_project_on},
    {"left_permanent_post_in_region", c_left},
    {"three_month_exception", c_exception},
    {"notice_weeks", c_notice},
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

void agency_return_csv(const struct agency_period *p, struct str *out)
{
    for (size_t k = 0; k < NCOLUMNS; k++)
        str_addf(out, "%s%s", k ? "," : "", columns[k].head);
    str_add(out, "\r\n");
    for (size_t i = 0; i < p->n; i++) {
        struct cell c = {.p = p, .r = &p->rows[i]};
        for (size_t k = 0; k < NCOLUMNS; k++) {
            if (k)
                str_add(out, ",");
            const char *v = columns[k].cell(&c);
            esc_csv(out, v ? v : "");
        }
        str_add(out, "\r\n");
    }
}
