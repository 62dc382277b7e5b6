/*
 * Libraries loaded when a command first needs them rather than when kith starts: libpq
 * (store_pg_lib.c) and libmicrohttpd (http/mhd.c). Linked normally, they and what they
 * pull in (Kerberos, LDAP, SASL, OpenSSL, GnuTLS) cost every command ~5 ms in the dynamic
 * loader before main(), though only kith serve and the PostgreSQL backend use them.
 *
 * The owner of a library keeps a struct of function pointers typed from the library's own
 * header (so the compiler checks every call), lists each pointer here by name and offset,
 * and calls dynlib_open once (under pthread_once: store handles open on many threads).
 */
#ifndef KITH_CORE_DYNLIB_H
#define KITH_CORE_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function the library must provide, and where in the owner's table its address goes. */
struct dynlib_sym {
    const char *name;
    size_t offset;
};

/* dlopen `soname` (or the value of the environment variable `env_override` when it is set
 * and not empty: the tests name a library that is not there, to see the message) and fill
 * each function pointer of `table` at its offset. On failure returns false with the
 * loader's words in `why` (the missing file or symbol), and leaves the library closed. */
bool dynlib_open(const char *soname, const char *env_override, const struct dynlib_sym *syms,
                 size_t n, void *table, char *why, size_t why_size);

#endif
