/*
 * The error list's lookups and the detail record. The table is generated from
 * KITH_ERR_MAP so that names, statuses, exit codes and messages cannot drift apart.
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int http;
    int exit_code;
    const char *msg;
} err_table[KITH_ERR_COUNT] = {
#define KITH_ERR_ROW(name, http, exitc, msg) {#name, http, exitc, msg},
    KITH_ERR_MAP(KITH_ERR_ROW)
#undef KITH_ERR_ROW
};

static unsigned err_index(enum kerr_code code)
{
    return (unsigned)code < KITH_ERR_COUNT ? (unsigned)code : (unsigned)KITH_E_INTERNAL;
}

const char *kerr_name(enum kerr_code code) { return err_table[err_index(code)].name; }
int kerr_http_status(enum kerr_code code) { return err_table[err_index(code)].http; }
int kerr_exit_code(enum kerr_code code) { return err_table[err_index(code)].exit_code; }
const char *kerr_message(enum kerr_code code) { return err_table[err_index(code)].msg; }

enum kerr_code kerr_fail(struct kerr *e, enum kerr_code code, const char *field, const char *fmt,
                         ...)
{
    if (!e)
        return code;
    e->code = code;
    snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

enum kerr_code kerr_at(struct kerr *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->where, sizeof(e->where), fmt, ap);
    va_end(ap);
    return e->code;
}

void kerr_clear(struct kerr *e)
{
    e->code = KITH_OK;
    e->field[0] = e->where[0] = e->msg[0] = '\0';
}

void kerr_format(const struct kerr *e, char *buf, size_t size)
{
    const char *msg = e->msg[0] ? e->msg : kerr_message(e->code);
    const char *sep = e->where[0] ? ": " : "";
    if (e->field[0])
        snprintf(buf, size, "%s%sfield '%s': %s", e->where, sep, e->field, msg);
    else
        snprintf(buf, size, "%s%s%s", e->where, sep, msg);
}
