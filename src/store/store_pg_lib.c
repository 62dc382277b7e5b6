/*
 * libpq, loaded on the first PostgreSQL connect instead of with kith (core/dynlib.h):
 * a command that never opens a postgresql:// database never maps libpq, Kerberos, LDAP,
 * SASL or OpenSSL. The PQ* calls in store_pg*.c reach libpq through pg_lib, filled here
 * once per process (store_pg_impl.h). Without libpq5 installed, opening a PostgreSQL
 * database fails as an unreachable server does, saying which package to install; the
 * SQLite backend does not notice.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdbool.h>

#include "core/dynlib.h"
#include "store/store_pg_impl.h"

/* Debian 12's libpq5; its soname has been 5 since PostgreSQL 8.2. */
#define PG_LIB_SONAME "libpq.so.5"

struct pg_lib pg_lib;

static const struct dynlib_sym pg_lib_syms[] = {
#define PG_LIB_SYM(f) {#f, offsetof(struct pg_lib, f)},
    PG_LIB_FUNCS(PG_LIB_SYM)
#undef PG_LIB_SYM
};

static pthread_once_t pg_lib_once = PTHREAD_ONCE_INIT;
static bool pg_lib_ok;
static char pg_lib_why[256];

static void pg_lib_open(void)
{
    /* KITH_TEST_LIBPQ: for tests only, the name of a library to load instead */
    pg_lib_ok = dynlib_open(PG_LIB_SONAME, "KITH_TEST_LIBPQ", pg_lib_syms,
                            sizeof(pg_lib_syms) / sizeof(pg_lib_syms[0]), &pg_lib, pg_lib_why,
                            sizeof(pg_lib_why));
}

enum kerr_code pg_lib_load(struct kerr *e)
{
    pthread_once(&pg_lib_once, pg_lib_open);
    if (pg_lib_ok)
        return KITH_OK;
    return kerr_fail(e, KITH_E_DB_OPEN, "db",
                     "PostgreSQL support needs libpq5, which could not be loaded (%s): "
                     "apt install libpq5",
                     pg_lib_why);
}
