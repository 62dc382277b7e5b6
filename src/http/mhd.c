/*
 * libmicrohttpd underneath the router. MHD runs an epoll loop in a pool of internal
 * threads (one per core); each request gets an arena and its body is gathered up to
 * HTTP_BODY_MAX, or HTTP_UPLOAD_MAX for an upload route (past that the rest is read and
 * dropped, and the router answers 413). Bodies live in memory only, uploads included. The
 * response is queued on the second call of the access handler or later, never the first:
 * MHD 0.9.75 closes the connection after a response queued on the first call, which
 * defeats keep-alive (measured 4.6 times slower, shared/reference/perf-baselines.md §1).
 *
 * The access log line is written here, after routing: method, route pattern (never the
 * raw path, which holds ids), status, bytes, duration and request id. No client address,
 * no names, no search terms (search is a POST and bodies are never logged).
 *
 * kith does not link libmicrohttpd: server_run loads it (core/dynlib.h), so that only
 * kith serve maps it and GnuTLS. Each MHD_* call below goes through mhd_lib, a table of
 * pointers typed from <microhttpd.h>'s prototypes, by a macro of the function's name, so
 * the compiler checks the calls against libmicrohttpd's declarations as before.
 */
#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/random.h"
#include "core/xalloc.h"
#include "core/dynlib.h"
#include "http/server.h"

/* Every libmicrohttpd function this file calls; each also has its macro below. */
#define MHD_LIB_FUNCS(X)                                                                           \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_destroy_response)                                                                        \
    X(MHD_get_connection_info)                                                                     \
    X(MHD_get_daemon_info)                                                                         \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_queue_response)                                                                          \
    X(MHD_quiesce_daemon)                                                                          \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)

static struct mhd_lib {
#define MHD_LIB_SLOT(f) __typeof__(f) *f;
    MHD_LIB_FUNCS(MHD_LIB_SLOT)
#undef MHD_LIB_SLOT
} mhd_lib;

static const struct dynlib_sym mhd_lib_syms[] = {
#define MHD_LIB_SYM(f) {#f, offsetof(struct mhd_lib, f)},
    MHD_LIB_FUNCS(MHD_LIB_SYM)
#undef MHD_LIB_SYM
};

/* Function-like, so that a bare name (MHD_LIB_FUNCS, mhd_lib's fields) is left alone. */
#define MHD_add_response_header(...) mhd_lib.MHD_add_response_header(__VA_ARGS__)
#define MHD_create_response_from_buffer(...) mhd_lib.MHD_create_response_from_buffer(__VA_ARGS__)
#define MHD_destroy_response(...) mhd_lib.MHD_destroy_response(__VA_ARGS__)
#define MHD_get_connection_info(...) mhd_lib.MHD_get_connection_info(__VA_ARGS__)
#define MHD_get_daemon_info(...) mhd_lib.MHD_get_daemon_info(__VA_ARGS__)
#define MHD_lookup_connection_value(...) mhd_lib.MHD_lookup_connection_value(__VA_ARGS__)
#define MHD_queue_response(...) mhd_lib.MHD_queue_response(__VA_ARGS__)
#define MHD_quiesce_daemon(...) mhd_lib.MHD_quiesce_daemon(__VA_ARGS__)
#define MHD_start_daemon(...) mhd_lib.MHD_start_daemon(__VA_ARGS__)
#define MHD_stop_daemon(...) mhd_lib.MHD_stop_daemon(__VA_ARGS__)

/* Debian 12's libmicrohttpd12 (0.9.75); the soname has been 12 since 0.9.44. */
#define MHD_LIB_SONAME "libmicrohttpd.so.12"

static pthread_once_t mhd_lib_once = PTHREAD_ONCE_INIT;
static bool mhd_lib_ok;
static char mhd_lib_why[256];

static void mhd_lib_open(void)
{
    /* KITH_TEST_LIBMICROHTTPD: for tests only, the name of a library to load instead */
    mhd_lib_ok = dynlib_open(MHD_LIB_SONAME, "KITH_TEST_LIBMICROHTTPD", mhd_lib_syms,
                             sizeof(mhd_lib_syms) / sizeof(mhd_lib_syms[0]), &mhd_lib, mhd_lib_why,
                             sizeof(mhd_lib_why));
}

static enum kerr_code mhd_lib_load(struct kerr *e)
{
    pthread_once(&mhd_lib_once, mhd_lib_open);
    if (mhd_lib_ok)
        return KITH_OK;
    return kerr_fail(e, KITH_E_IO, "listen",
                     "the web server needs libmicrohttpd12, which could not be loaded (%s): "
                     "apt install libmicrohttpd12",
                     mhd_lib_why);
}

struct exchange {
    struct arena arena;
    struct http_request req;
    char *body; /* malloc'd, not from the arena: an upload may be tens of MB */
    size_t len, cap, max;
    bool too_large;
    struct timespec start;
};

struct server {
    struct http_app *app;
};

static void hex(char *out, const unsigned char *in, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static void body_append(struct exchange *x, const char *data, size_t n)
{
    if (x->too_large || x->len + n > x->max) {
        x->too_large = true;
        return;
    }
    if (x->len + n + 1 > x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 1024;
        while (cap < x->len + n + 1)
            cap *= 2;
        x->body = xrealloc(x->body, cap);
        x->cap = cap;
    }
    memcpy(x->body + x->len, data, n);
    x->len += n;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The peer's address as text, for the sign-in throttle (never logged). */
static const char *client_ip(struct MHD_Connection *conn, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                      sizeof buf);
    }
    return arena_strdup(a, buf);
}

static enum MHD_Result respond(struct server *srv, struct MHD_Connection *conn, struct exchange *x,
                               const char *url, const char *method)
{
    struct http_request *req = &x->req;
    req->arena = &x->arena;
    req->method_name = method;
    req->method = http_method_parse(method);
    req->path = url;
    req->host = header(conn, "Host");
    req->origin = header(conn, "Origin");
    req->cookie = header(conn, "Cookie");
    req->authorization = header(conn, "Authorization");
    req->content_type = header(conn, "Content-Type");
    req->body_too_large = x->too_large;
    req->client_ip = client_ip(conn, &x->arena);
    req->body = x->len && !x->too_large ? x->body : NULL;
    req->body_len = req->body ? x->len : 0;
    unsigned char id[16];
    random_bytes(id, sizeof id);
    hex(req->request_id, id, sizeof id);

    struct http_response res;
    /* A malformed body counts as an empty form: required fields are then reported. */
    if (http_body_parse(req) != 0) {
        req->nform = 0;
        req->nfiles = 0;
    }
    router_handle(srv->app, routes, req, &res);

    struct MHD_Response *r =
        MHD_create_response_from_buffer(res.len, (void *)res.body, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    if (res.content_type)
        MHD_add_response_header(r, "Content-Type", res.content_type);
    for (size_t i = 0; i < res.nheaders; i++)
        MHD_add_response_header(r, res.headers[i].name, res.headers[i].value);
    MHD_add_response_header(r, "X-Request-Id", req->request_id);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res.status, r);
    MHD_destroy_response(r);

    char status[8], bytes[24], dur[24];
    snprintf(status, sizeof status, "%d", res.status);
    snprintf(bytes, sizeof bytes, "%zu", res.len);
    snprintf(dur, sizeof dur, "%.2f", ms_since(&x->start));
    log_event(res.status >= 500 ? LOG_WARN : LOG_INFO, "http.request", "method",
              req->method == HTTP_OTHER ? "other" : method, "route",
              req->route ? req->route->pattern : "-", "status", status, "bytes", bytes, "ms", dur,
              "request_id", req->request_id, req->cause ? "cause" : NULL, kerr_name(req->cause),
              NULL);
    return ok;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls)
{
    (void)version;
    struct exchange *x = *con_cls;
    if (!x) {
        /* First call: headers only. Answering now would cost keep-alive (see above). */
        x = xcalloc(1, sizeof *x);
        arena_init(&x->arena, (size_t)16 * 1024);
        clock_gettime(CLOCK_MONOTONIC, &x->start);
        x->max = router_body_max(((struct server *)cls)->app, routes, method, url,
                                 header(conn, "Cookie"));
        /* A body announced past the limit is refused without holding any of it; one
         * within it gets its room at once rather than by doubling. */
        const char *cl = header(conn, "Content-Length");
        if (cl) {
            char *e;
            unsigned long long n = strtoull(cl, &e, 10);
            if (!*e && n > x->max) {
                x->too_large = true;
            } else if (!*e && n > HTTP_BODY_MAX) {
                x->cap = (size_t)n + 1;
                x->body = xmalloc(x->cap);
            }
        }
        *con_cls = x;
        return MHD_YES;
    }
    if (*upload_size) {
        body_append(x, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(cls, conn, x, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)conn;
    (void)code;
    struct exchange *x = *con_cls;
    if (!x)
        return;
    arena_release(&x->arena);
    free(x->body);
    free(x);
    *con_cls = NULL;
}

enum kerr_code server_parse_listen(const char *s, char *addr, size_t addr_size, unsigned *port,
                                   struct kerr *e)
{
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= addr_size)
        return kerr_fail(e, KITH_E_USAGE, "listen", "'%s' is not ADDR:PORT, like 127.0.0.1:8080",
                         s);
    memcpy(addr, s, (size_t)(colon - s));
    addr[colon - s] = '\0';
    char *end;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    struct in_addr probe;
    if (*end || errno || p < 1 || p > 65535 || inet_pton(AF_INET, addr, &probe) != 1)
        return kerr_fail(e, KITH_E_USAGE, "listen",
                         "'%s' is not an IPv4 address and port 1-65535, like 127.0.0.1:8080", s);
    *port = (unsigned)p;
    return KITH_OK;
}

enum kerr_code server_run(struct http_app *app, const struct server_config *cfg, struct kerr *e)
{
    char addr[64] = "";
    unsigned port = 0;
    enum kerr_code rc = server_parse_listen(cfg->listen, addr, sizeof addr, &port, e);
    if (!rc)
        rc = mhd_lib_load(e);
    if (rc)
        return rc;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, addr, &sa.sin_addr);

    /* Block the stop signals in every thread MHD starts; this thread waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores : 1);
    struct server srv = {.app = app};
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL, NULL, on_access,
        &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_HEADER_MAX * 2,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_max, MHD_OPTION_CONNECTION_TIMEOUT,
        cfg->idle_timeout_s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        return kerr_fail(e, KITH_E_IO, "listen", "cannot listen on %s: %s", cfg->listen,
                         strerror(errno ? errno : EADDRINUSE));
    }
    char nthreads[16];
    snprintf(nthreads, sizeof nthreads, "%u", threads);
    log_event(LOG_INFO, "http.listening", "listen", cfg->listen, "threads", nthreads, NULL);

    int sig = 0;
    sigwait(&stop, &sig);
    log_event(LOG_INFO, "http.stopping", "signal", sig == SIGTERM ? "TERM" : "INT", NULL);
    /* Stop accepting, then give open connections time to finish what they are doing. */
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    for (unsigned waited = 0; waited < cfg->drain_timeout_s * 10; waited++) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!info || info->num_connections == 0)
            break;
        struct timespec tick = {0, 100L * 1000 * 1000};
        nanosleep(&tick, NULL);
    }
    MHD_stop_daemon(d);
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
    log_event(LOG_INFO, "http.stopped", NULL);
    return KITH_OK;
}
