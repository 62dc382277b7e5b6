/*
 * Structured log lines (see log.h). Each line is built in a string builder and written
 * with one fwrite under the stream's lock, so concurrent server threads never interleave
 * halves of two events.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/esc.h"
#include "core/str.h"

static FILE *log_out;
static enum log_format log_fmt = LOG_KV;
static enum log_level log_min = LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_setup(FILE *out, enum log_format fmt, enum log_level min)
{
    log_out = out;
    log_fmt = fmt;
    log_min = min;
}

/* A value. In JSON mode always a JSON string; in key=value mode bare unless it is empty or
 * holds a space, quote, '=', backslash or control character, and then the same JSON
 * string, so a value never starts a pair or a line of its own. The escaping is esc_json's
 * (core/esc.h), written once for every writer of JSON. */
static void add_value(struct str *s, const char *v, bool json)
{
    bool quote = json || !*v || strpbrk(v, " \"=\\") != NULL;
    for (const char *p = v; *p && !quote; p++)
        quote = (unsigned char)*p < 0x20 || *p == 0x7f;
    if (quote)
        esc_json(s, v);
    else
        str_add(s, v);
}

static void add_pair(struct str *s, const char *k, const char *v, bool first)
{
    bool json = log_fmt == LOG_JSON;
    if (!first)
        str_addc(s, json ? ',' : ' ');
    if (json)
        add_value(s, k, true);
    else
        str_add(s, k);
    str_addc(s, json ? ':' : '=');
    add_value(s, v, json);
}

void log_event(enum log_level level, const char *event, ...)
{
    if (level < log_min)
        return;
    FILE *out = log_out ? log_out : stderr;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    char day[DATE_ISO_LEN], when[40];
    long secs = (long)(ts.tv_sec % 86400);
    snprintf(when, sizeof(when), "%sT%02ld:%02ld:%02ld.%03ldZ",
             date_format_iso((kdate)(ts.tv_sec / 86400), day), secs / 3600, secs / 60 % 60,
             secs % 60, ts.tv_nsec / 1000000);

    struct str s = STR_INIT;
    str_init(&s, 16384);
    if (log_fmt == LOG_JSON)
        str_addc(&s, '{');
    add_pair(&s, "ts", when, true);
    add_pair(&s, "level", level_names[level], false);
    add_pair(&s, "event", event, false);
    va_list ap;
    va_start(ap, event);
    for (;;) {
        const char *k = va_arg(ap, const char *);
        if (!k)
            break;
        const char *v = va_arg(ap, const char *);
        add_pair(&s, k, v ? v : "", false);
    }
    va_end(ap);
    if (log_fmt == LOG_JSON)
        str_addc(&s, '}');
    str_addc(&s, '\n');
    flockfile(out);
    fwrite(s.buf, 1, s.len, out);
    fflush(out);
    funlockfile(out);
    str_release(&s);
}
