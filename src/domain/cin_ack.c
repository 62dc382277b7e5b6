/*
 * The description of an acknowledged CIN census query (cin_ack.h): the query's code, which
 * must be a query (a "Q" rule) of the CIN rules kith knows, the record it is on, and the
 * reason. Errors cannot be acknowledged: they must be put right.
 */
#include "domain/cin_ack.h"

#include <stddef.h>
#include <string.h>

#include "domain/codeset.h"
#include "domain/ret/cin.h"

static const struct field cin_ack_fields[] = {
    {.name = "rule",
     .label = "CIN rule",
     .expect = "the code of a CIN census query, such as 4012Q",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED,
     .size = sizeof(((struct cin_ack *)0)->rule),
     .offset = offsetof(struct cin_ack, rule)},
    {.name = "record_type",
     .label = "type of the record",
     .expect = "the type of the record the query is on, such as cin_plan, or child for the "
               "child's own record",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED,
     .size = sizeof(((struct cin_ack *)0)->record_type),
     .offset = offsetof(struct cin_ack, record_type)},
    {.name = "record",
     .label = "record",
     .expect = "the public id of the record the query is on",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED,
     .size = sizeof(((struct cin_ack *)0)->record),
     .offset = offsetof(struct cin_ack, record)},
    REC_LINE(cin_ack, explanation, "why the record is right as it is",
             "a few words a DfE reviewer would accept, at most 1,000 characters",
             FIELD_REQUIRED | FIELD_MULTILINE, 1000),
    {0},
};

static void cin_ack_check(const void *rec, const struct field_ctx *ctx, struct field_errors *errs)
{
    const struct cin_ack *k = rec;
    struct ruleset set;
    int year = ctx->today != DATE_NONE ? collection_year(ctx->today) : 0;
    ruleset_for(&set, &ret_kind_cin, year ? year : 2027);
    const struct rule *r = ruleset_find(&set, k->rule);
    if (!r || r->severity != RULE_QUERY)
        field_fail(errs, &cin_ack_fields[0], -1, k->rule,
                   r ? "is an error, which must be put right" : "is not a CIN rule",
                   "the code of a CIN census query, such as 4012Q");
    ruleset_release(&set);
    const struct rec_type *t = rec_type_named(k->record_type);
    if (strcmp(k->record_type, "child") && (!t || !t->parent || t == &cin_ack_type))
        field_fail(errs, &cin_ack_fields[1], -1, k->record_type, "is not a type of record",
                   "a record type such as cin_plan ('kith record types' lists them)");
}

const struct rec_type cin_ack_type = {
    .name = "cin_ack",
    .label = "acknowledged CIN query",
    .plural = "acknowledged CIN queries",
    .table = "cin_ack",
    .parent = "child",
    .size = sizeof(struct cin_ack),
    .head = offsetof(struct cin_ack, h),
    .fields = cin_ack_fields,
    .order = NULL,
    .title = "rule",
    .check = cin_ack_check,
};
