/*
 * The schema migrations, embedded from src/store/migrations/ at build time by
 * tools/embed_migrations.py. Migration N takes the schema from version N-1 to N. Each
 * has SQL for every backend and optional extra SQL for one dialect (FTS5 on SQLite,
 * tsvector on PostgreSQL), so dialect differences stay inside the store.
 */
#ifndef KITH_STORE_MIGRATIONS_H
#define KITH_STORE_MIGRATIONS_H

struct migration {
    int version;
    const char *name;
    const char *common;
    const char *sqlite; /* NULL when none */
    const char *pg;     /* NULL when none */
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
