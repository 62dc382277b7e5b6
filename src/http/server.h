/*
 * The HTTP server around the router (mhd.c, the only file that includes <microhttpd.h>).
 * server_run() listens, serves until SIGTERM or SIGINT, then stops accepting, lets the
 * requests in flight finish, and returns so the caller can close the store.
 */
#ifndef KITH_HTTP_SERVER_H
#define KITH_HTTP_SERVER_H

#include "core/err.h"
#include "http/router.h"

struct server_config {
    const char *listen;       /* "127.0.0.1:8080" */
    unsigned threads;         /* 0 = number of cores */
    unsigned per_ip_max;      /* concurrent connections from one address; 0 = no cap */
    unsigned max_connections; /* at once in all; lowered to fit the descriptor limit */
    unsigned idle_timeout_s;  /* a connection idle this long is closed */
    /* A request's head and body must arrive within this of the connection opening or its
     * last answer; an upload the route allows gets upload_timeout_s. */
    unsigned request_timeout_s;
    unsigned upload_timeout_s;
    /* The proxy's address: from it, the client's address is X-Forwarded-For's last. */
    const char *trusted_proxy;
    unsigned drain_timeout_s; /* at shutdown, wait this long for requests in flight */
};

enum kerr_code server_run(struct http_app *app, const struct server_config *cfg, struct kerr *e);

/* Split "ADDR:PORT" (IPv4 only for now) into a sockaddr-ready address and port. */
enum kerr_code server_parse_listen(const char *s, char *addr, size_t addr_size, unsigned *port,
                                   struct kerr *e);

#endif
