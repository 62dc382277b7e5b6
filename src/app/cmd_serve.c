/*
 * `kith serve`: the web service. It lives in app/, above both cli/ and http/, because it
 * is the one command that joins them: the CLI framework opens the store (and upgrades
 * its schema), this file opens a pool of handles on the same database, one per server
 * thread, wires it into the router's app and runs the server until SIGTERM or SIGINT,
 * then closes the pool; the framework closes its own handle.
 */
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "http/auth.h"
#include "http/pages.h"
#include "http/server.h"
#include "store/store_jobs.h"
#include "store/store_pool.h"

struct serve_opts {
    const char *listen;
    long threads;
    long per_ip;
    long idle;
    long request_timeout;
    long max_connections;
    const char *trusted_proxy;
    int behind_tls;
    const char *origin;
};

static const struct cli_opt serve_opts[] = {
    {"listen", OPT_STR, offsetof(struct serve_opts, listen), "ADDR:PORT",
     "address to listen on (default 127.0.0.1:8080)"},
    {"threads", OPT_INT, offsetof(struct serve_opts, threads), "N",
     "worker threads (default: one per core)"},
    {"per-ip", OPT_INT, offsetof(struct serve_opts, per_ip), "N",
     "connections allowed from one address at once (default 64; none with --trusted-proxy)"},
    {"max-connections", OPT_INT, offsetof(struct serve_opts, max_connections), "N",
     "connections at once in all, newest refused past it (default 2048, lowered to fit the "
     "descriptor limit)"},
    {"idle-timeout", OPT_INT, offsetof(struct serve_opts, idle), "SECONDS",
     "close a connection idle this long (default 30)"},
    {"request-timeout", OPT_INT, offsetof(struct serve_opts, request_timeout), "SECONDS",
     "a request's head and body must arrive within this (default 30; uploads 10 times)"},
    {"trusted-proxy", OPT_STR, offsetof(struct serve_opts, trusted_proxy), "ADDR",
     "the reverse proxy's address: from it, take the client's address from X-Forwarded-For"},
    {"behind-tls", OPT_BOOL, offsetof(struct serve_opts, behind_tls), NULL,
     "a TLS proxy is in front: send HSTS and expect https:// origins"},
    {"origin", OPT_STR, offsetof(struct serve_opts, origin), "URL",
     "the one origin forms may come from (default: http(s):// plus the Host header)"},
    {0},
};

static enum kerr_code run(struct cli *c, void *opts, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct serve_opts *o = opts;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads > 0 && o->threads <= 256 ? (unsigned)o->threads
                       : cores > 0                         ? (unsigned)cores
                                                           : 1;
    /* One store handle per server thread (store/store_pool.h); the framework's own handle
     * has already brought the schema up to date, so the pool's handles open quickly. */
    struct store_pool *pool;
    /* The audit key first: a server that cannot seal audit rows would answer every page
     * with a 503, so a missing or loose key stops it here, naming the file. */
    bool key_made;
    enum kerr_code rc = store_audit_key_ensure(c->store, &key_made, &c->err);
    if (!rc)
        rc = store_pool_open(c->db, STORE_BESIDE_WRITERS, threads, &pool, &c->err);
    if (rc)
        return rc;
    struct http_app app = {.pool = pool,
                           .jobs = jobs_board_new(),
                           .apply_limit = apply_limit_new(APPLY_PER_HOUR, 3600, NULL),
                           .behind_tls = o->behind_tls != 0,
                           .origin = o->origin};
    struct auth *au = xcalloc(1, sizeof *au); /* the throttle table is ~100 KB */
    auth_init(au, &app, NULL);
    app.unauthenticated = auth_page_unauthenticated;
    /* Behind a proxy every connection comes from its address, so a cap per address would
     * be a second global cap: the proxy limits each client instead (docs/web.md). */
    unsigned per_ip = o->trusted_proxy ? 0 : 64;
    unsigned request_s =
        (unsigned)(o->request_timeout > 0 && o->request_timeout <= 3600 ? o->request_timeout : 30);
    struct server_config cfg = {
        .listen = o->listen ? o->listen : "127.0.0.1:8080",
        .threads = threads,
        .per_ip_max = (unsigned)(o->per_ip > 0 && o->per_ip <= 100000 ? o->per_ip : per_ip),
        .max_connections =
            (unsigned)(o->max_connections > 0 && o->max_connections <= 1000000 ? o->max_connections
                                                                               : 2048),
        .idle_timeout_s = (unsigned)(o->idle > 0 && o->idle <= 3600 ? o->idle : 30),
        .request_timeout_s = request_s,
        .upload_timeout_s = request_s * 10,
        .trusted_proxy = o->trusted_proxy,
        .drain_timeout_s = 10,
    };
    cli_printf(c, "kith serving %s on http://%s/ (stop with Ctrl-C)\n", c->db, cfg.listen);
    cli_printf(c, "audit key %s%s, anchor %s\n", store_audit_key_path(c->store),
               key_made ? " (made now, mode 0600)" : "", store_audit_anchor_path(c->store));
    fflush(c->out);
    rc = server_run(&app, &cfg, &c->err);
    auth_destroy(au);
    free(au);
    jobs_board_free(app.jobs);
    apply_limit_free(app.apply_limit);
    store_pool_close(pool);
    return rc;
}

const struct cli_command cmd_serve = {
    .name = "serve",
    .summary = "run the web service",
    .usage = "[--listen ADDR:PORT] [--threads N] [--behind-tls] [--trusted-proxy ADDR]",
    .description = "Serves kith's pages over HTTP until SIGTERM or Ctrl-C, then stops accepting,\n"
                   "lets requests in flight finish and closes the database. Listens on\n"
                   "127.0.0.1:8080 unless --listen says otherwise; put a TLS proxy in front\n"
                   "for anything but this machine (docs/web.md).",
    .flags = CLI_DB_WRITE,
    .opts = serve_opts,
    .opts_size = sizeof(struct serve_opts),
    .run = run,
};
