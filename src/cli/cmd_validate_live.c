/*
 * `kith validate cin --live`: the CIN census rules over the live records (casework/
 * cin_live.h), each finding with the child (public id and LA child id) and the record at
 * fault, as text for a person, CSV or JSON for a program. The exit status is validate's:
 * 0 no findings, 1 findings.
 */
#include <stdio.h>
#include <string.h>

#include "casework/cin_live.h"
#include "cli/cli.h"
#include "cli/records.h"
#include "core/esc.h"
#include "domain/codeset.h"
#include "report/findings_out.h"

static const char *type_name(const struct cin_finding_at *at)
{
    return at->type ? at->type->name : at->child_public_id[0] ? "child" : "";
}

static void csv_cell(struct str *o, const char *s, bool last)
{
    esc_csv(o, s);
    str_addc(o, last ? '\n' : ',');
}

static void put_csv(struct str *o, const struct cin_live *l)
{
    str_add(o, "rule,severity,child,la_child_id,record_type,record,fields,message,explained\n");
    struct str fields = STR_INIT;
    for (size_t i = 0; i < l->f.n; i++) {
        const struct finding *f = &l->f.v[i];
        struct cin_finding_at at;
        cin_live_at(l, f, &at);
        str_reset(&fields);
        finding_fields(&fields, &l->p.r, f);
        csv_cell(o, f->rule->code, false);
        csv_cell(o, rule_severity_name(f->rule->severity), false);
        csv_cell(o, at.child_public_id, false);
        csv_cell(o, at.la_child_id, false);
        csv_cell(o, type_name(&at), false);
        csv_cell(o, at.record_public_id, false);
        csv_cell(o, fields.len ? fields.buf : "", false);
        csv_cell(o, f->rule->message, false);
        csv_cell(o, at.explained ? at.explained : "", true);
    }
    str_release(&fields);
}

static void json_pair(struct str *j, const char *key, const char *v, bool comma)
{
    esc_json(j, key);
    str_addc(j, ':');
    esc_json(j, v);
    if (comma)
        str_addc(j, ',');
}

static void put_json(struct str *j, const struct cin_live *l, int year)
{
    str_addf(j, "{\"year\":%d,\"lea\":", year);
    if (l->lea)
        esc_json(j, l->lea);
    else
        str_add(j, "null");
    str_addf(j, ",\"serial\":%lld,\"children\":%zu,\"errors\":%zu,\"queries\":%zu,\"findings\":[",
             (long long)l->serial, l->children, l->errors, l->queries);
    struct str fields = STR_INIT;
    for (size_t i = 0; i < l->f.n; i++) {
        const struct finding *f = &l->f.v[i];
        struct cin_finding_at at;
        cin_live_at(l, f, &at);
        str_reset(&fields);
        finding_fields(&fields, &l->p.r, f);
        str_add(j, i ? ",\n{" : "\n{");
        json_pair(j, "rule", f->rule->code, true);
        json_pair(j, "severity", rule_severity_name(f->rule->severity), true);
        json_pair(j, "child", at.child_public_id, true);
        json_pair(j, "la_child_id", at.la_child_id, true);
        json_pair(j, "record_type", type_name(&at), true);
        json_pair(j, "record", at.record_public_id, true);
        json_pair(j, "fields", fields.len ? fields.buf : "", true);
        json_pair(j, "message", f->rule->message, at.explained != NULL);
        if (at.explained)
            json_pair(j, "explained", at.explained, false);
        str_addc(j, '}');
    }
    str_add(j, "\n]}\n");
    str_release(&fields);
}

/* One line per finding: rule, the child, the record, the message. */
static void put_text(struct str *o, const struct cin_live *l)
{
    for (size_t i = 0; i < l->f.n; i++) {
        const struct finding *f = &l->f.v[i];
        struct cin_finding_at at;
        cin_live_at(l, f, &at);
        str_addf(o, "%-6s %-5s ", f->rule->code,
                 f->rule->severity == RULE_ERROR ? "error" : "query");
        if (at.child_public_id[0])
            str_addf(o, "child %s (LA %s) %s %s: ", at.child_public_id, at.la_child_id,
                     type_name(&at), at.record_public_id);
        str_addf(o, "%s\n", f->rule->message);
        if (at.explained)
            str_addf(o, "       explained: %s\n", at.explained);
    }
}

enum kerr_code cli_validate_live(struct cli *c, const char *year_text, const char *format)
{
    int fmt;
    if (cli_choice(c, "format", format, cli_formats, &fmt))
        return KITH_E_USAGE;
    int year = collection_year(date_today());
    if (year_text && !collection_year_parse(year_text, &year))
        return kerr_fail(&c->err, KITH_E_USAGE, "year",
                         "'%s' is not a collection year: expected " COLLECTION_YEAR_EXPECTED,
                         year_text);
    enum kerr_code rc = store_open(c->db, 0, &c->store, &c->err);
    if (rc)
        return rc;
    struct actor who = cli_actor(c);
    struct cin_live l;
    struct cw_err err;
    cw_err_clear(&err);
    rc = cw_cin_live(c->store, &who, year, &l, &err);
    if (rc) {
        c->err = err.e;
        return rc;
    }
    struct str out = STR_INIT;
    if (fmt == CLI_CSV)
        put_csv(&out, &l);
    else if (fmt == CLI_JSON)
        put_json(&out, &l, year);
    else
        put_text(&out, &l);
    fwrite(out.buf, 1, out.len, c->out);
    str_release(&out);
    char a[8], b[8];
    fprintf(stderr, "kith: live records, %s", collection_year_text(year, a, sizeof a));
    if (l.set.year != year)
        fprintf(stderr, " (the rules of %s, the nearest year kith knows)",
                collection_year_text(l.set.year, b, sizeof b));
    fprintf(stderr,
            ": %zu children in the census, %zu findings (%zu errors, %zu queries); read %.3f s, "
            "rules %.3f s; run %lld of the year\n",
            l.children, l.f.n, l.errors, l.queries, l.read_seconds, l.rule_seconds,
            (long long)l.serial);
    if (!l.lea)
        fprintf(stderr, "kith: the census header has no LEA: set the council's DfE LA number "
                        "with 'kith settings set la-code NNN'\n");
    rc = l.f.n ? KITH_E_FINDINGS : KITH_OK;
    cin_live_release(&l);
    return rc;
}
