/*
 * `kith serve`: the web service. It lives in app/, above both cli/ and http/, because it
 * is the one command that joins them: the CLI framework opens the store, this file wires
 * it into the router's app and runs the server until SIGTERM or SIGINT, and the framework
 * then closes the store cleanly.
 */
#include <stddef.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/xalloc.h"
#include "http/auth.h"
#include "http/pages.h"
#include "http/server.h"

struct serve_opts {
    const char *listen;
    long threads;
    long per_ip;
    long idle;
    int behind_tls;
    const char *origin;
};

static const struct cli_opt serve_opts[] = {
    {"listen", OPT_STR, offsetof(struct serve_opts, listen), "ADDR:PORT",
     "address to listen on (default 127.0.0.1:8080)"},
    {"threads", OPT_INT, offsetof(struct serve_opts, threads), "N",
     "worker threads (default: one per core)"},
    {"per-ip", OPT_INT, offsetof(struct serve_opts, per_ip), "N",
     "connections allowed from one address at once (default 64)"},
    {"idle-timeout", OPT_INT, offsetof(struct serve_opts, idle), "SECONDS",
     "close a connection idle this long (default 30)"},
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
    struct http_app app = {
        .store = c->store, .behind_tls = o->behind_tls != 0, .origin = o->origin};
    pthread_mutex_init(&app.store_lock, NULL);
    struct auth *au = xcalloc(1, sizeof *au); /* the throttle table is ~100 KB */
    auth_init(au, &app, NULL);
    app.unauthenticated = auth_page_unauthenticated;
    struct server_config cfg = {
        .listen = o->listen ? o->listen : "127.0.0.1:8080",
        .threads = (unsigned)(o->threads > 0 && o->threads <= 256 ? o->threads : 0),
        .per_ip_max = (unsigned)(o->per_ip > 0 && o->per_ip <= 10000 ? o->per_ip : 64),
        .idle_timeout_s = (unsigned)(o->idle > 0 && o->idle <= 3600 ? o->idle : 30),
        .drain_timeout_s = 10,
    };
    fprintf(c->out, "kith serving %s on http://%s/ (stop with Ctrl-C)\n", c->db, cfg.listen);
    fflush(c->out);
    enum kerr_code rc = server_run(&app, &cfg, &c->err);
    auth_destroy(au);
    free(au);
    pthread_mutex_destroy(&app.store_lock);
    return rc;
}

const struct cli_command cmd_serve = {
    .name = "serve",
    .summary = "run the web service",
    .usage = "[--listen ADDR:PORT] [--threads N] [--behind-tls]",
    .description = "Serves kith's pages over HTTP until SIGTERM or Ctrl-C, then stops accepting,\n"
                   "lets requests in flight finish and closes the database. Listens on\n"
                   "127.0.0.1:8080 unless --listen says otherwise; put a TLS proxy in front\n"
                   "for anything but this machine (docs/web.md).",
    .flags = CLI_DB_WRITE,
    .opts = serve_opts,
    .opts_size = sizeof(struct serve_opts),
    .run = run,
};
