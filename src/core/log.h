/*
 * Structured logging: one event per line, on stderr by default.
 *
 *   log_event(LOG_INFO, "demo.done", "children", "12000", "seconds", "1.9", NULL);
 *
 * writes `ts=2026-11-23T10:00:00.123Z level=info event=demo.done children=12000 ...`
 * or, in JSON mode, `{"ts":"...","level":"info","event":"demo.done","children":"12000"}`.
 * Times are UTC. Control characters and quotes in values are escaped so a value can
 * never forge a second line or a second field. Callers must not pass personal data:
 * the log is for operators, the audit trail is for people's records.
 */
#ifndef KITH_CORE_LOG_H
#define KITH_CORE_LOG_H

#include <stdio.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
enum log_format { LOG_KV, LOG_JSON };

/* Not thread-safe to call while others log: set once at start-up. */
void log_setup(FILE *out, enum log_format fmt, enum log_level min);
/* Key/value pairs of strings, ended by NULL. */
void log_event(enum log_level level, const char *event, ...);

#endif
