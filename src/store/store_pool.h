/*
 * A fixed set of store handles for a server's threads. A store is used by one thread at a
 * time (store.h), so each request takes a handle for its whole life and gives it back at
 * the end: a transaction never shares a connection, and no lock is held around the
 * database while another request waits on it. On SQLite the handles are connections to
 * one file in WAL mode (readers never wait; writers queue on SQLite's own lock); on
 * PostgreSQL they are server connections, each with its prepared statements.
 */
#ifndef KITH_STORE_STORE_POOL_H
#define KITH_STORE_STORE_POOL_H

#include <stddef.h>

#include "store/store.h"

struct store_pool;

/* Open `n` handles on `location` (store_open's flags). Fails, closing what it opened, if
 * any handle cannot be opened. */
enum kerr_code store_pool_open(const char *location, unsigned flags, size_t n,
                               struct store_pool **out, struct kerr *e);
/* A free handle, waiting for one when all are taken. */
struct store *store_pool_take(struct store_pool *p);
void store_pool_give(struct store_pool *p, struct store *s);
size_t store_pool_size(const struct store_pool *p);
/* Every handle must have been given back. */
void store_pool_close(struct store_pool *p);

#endif
