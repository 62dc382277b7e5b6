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
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
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
    X(MHD_get_connection_values)                                                                   \
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
#define MHD_get_connection_values(...) mhd_lib.MHD_get_connection_values(__VA_ARGS__)
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

/* A connection, from accept to close, for the request deadline: MHD's own timeout counts
 * only idle time, so a client sending a byte a second would be kept for ever. The sweep
 * (server_run's loop) shuts down the socket of any connection past its deadline, which
 * MHD then sees as the client hanging up. MHD calls NOTIFY_CLOSED before it closes the
 * descriptor, and the entry leaves the list then, so the sweep never touches a reused one. */
struct tracked {
    struct tracked *prev, *next;
    int fd;
    double deadline; /* ms on CLOCK_MONOTONIC; 0 while the request is being answered */
    bool cut;
    bool refused; /* past the cap: shut down at once, not counted */
};

struct exchange {
    struct tracked *conn;
    struct arena arena;
    struct http_request req;
    char *body; /* malloc'd, not from the arena: an upload may be tens of MB */
    size_t len, cap, max;
    bool too_large;
    struct timespec start;
};

struct server {
    struct http_app *app;
    const struct server_config *cfg;
    const char *trusted_proxy;
    pthread_mutex_t lock; /* guards the list, the counts and each entry's deadline */
    struct tracked conns; /* sentinel of a circular list */
    unsigned nconns, cap; /* connections open and counted; the most there may be */
    unsigned refused;     /* refused since the last sweep, for the log */
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

static double ms_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static const char *address_text(const struct sockaddr *sa, char buf[INET6_ADDRSTRLEN])
{
    buf[0] = '\0';
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  INET6_ADDRSTRLEN);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  INET6_ADDRSTRLEN);
    return buf;
}

/* The last X-Forwarded-For header seen (MHD_get_connection_values' callback). */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
    (void)kind;
    if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
        *(const char **)cls = value;
    return MHD_YES;
}

/* The client's address as text, for the sign-in throttle and its audit rows (never in the
 * access log). From the trusted proxy, it is the last address of the last X-Forwarded-For
 * header: the one the proxy itself added; those before it are whatever the client sent.
 * From anyone else the header is ignored. */
static const char *client_ip(struct server *srv, struct MHD_Connection *conn,
                             struct http_request *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char peer[INET6_ADDRSTRLEN];
    address_text(ci ? ci->client_addr : NULL, peer);
    if (srv->trusted_proxy && strcmp(peer, srv->trusted_proxy) == 0) {
        const char *xff = NULL;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, last_xff, &xff);
        const char *last = xff ? strrchr(xff, ',') : NULL;
        last = last ? last + 1 : xff;
        while (last && (*last == ' ' || *last == '\t'))
            last++;
        char addr[INET6_ADDRSTRLEN] = "";
        size_t n = last ? strcspn(last, " \t") : 0;
        unsigned char probe[sizeof(struct in6_addr)];
        if (n > 0 && n < sizeof addr) {
            memcpy(addr, last, n);
            addr[n] = '\0';
        }
        if (addr[0] &&
            (inet_pton(AF_INET, addr, probe) == 1 || inet_pton(AF_INET6, addr, probe) == 1)) {
            req->via_proxy = arena_strdup(req->arena, peer);
            return arena_strdup(req->arena, addr);
        }
    }
    return arena_strdup(req->arena, peer);
}

/* Set the connection's deadline: `ms` from now, or none (0). */
static void set_deadline(struct server *srv, struct tracked *t, double ms)
{
    if (!t)
        return;
    pthread_mutex_lock(&srv->lock);
    t->deadline = ms > 0 ? ms_now() + ms : 0;
    pthread_mutex_unlock(&srv->lock);
}

/* One query field from libmicrohttpd (decoded, '+' read as a space), kept in order. */
struct query_fields {
    struct http_request *req;
    size_t cap;
};
static enum MHD_Result query_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct query_fields *q = cls;
    struct http_request *req = q->req;
    if (req->nquery == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 8;
        struct http_param *p = arena_alloc(req->arena, q->cap * sizeof *p);
        if (req->nquery)
            memcpy(p, req->query, req->nquery * sizeof *p);
        req->query = p;
    }
    req->query[req->nquery].name = arena_strdup(req->arena, key ? key : "");
    req->query[req->nquery].value = arena_strdup(req->arena, value ? value : "");
    req->nquery++;
    return MHD_YES;
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
    req->client_ip = client_ip(srv, conn, req);
    /* Received whole: answering has no deadline but MHD's idle timeout. */
    set_deadline(srv, x->conn, 0);
    req->body = x->len && !x->too_large ? x->body : NULL;
    req->body_len = req->body ? x->len : 0;
    unsigned char id[16];
    random_bytes(id, sizeof id);
    hex(req->request_id, id, sizeof id);

    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_field,
                              &(struct query_fields){.req = req});

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
        struct server *srv = cls;
        x = xcalloc(1, sizeof *x);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        x->conn = ci ? ci->socket_context : NULL;
        arena_init(&x->arena, (size_t)16 * 1024);
        clock_gettime(CLOCK_MONOTONIC, &x->start);
        x->max = router_body_max(srv->app, routes, method, url, header(conn, "Cookie"));
        /* An upload the route allows this session gets longer for its body. */
        if (x->max > HTTP_BODY_MAX)
            set_deadline(srv, x->conn, srv->cfg->upload_timeout_s * 1e3);
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
    (void)conn;
    (void)code;
    struct exchange *x = *con_cls;
    if (!x)
        return;
    /* A kept-alive connection's next request has the same time, from now. */
    struct server *srv = cls;
    set_deadline(srv, x->conn, srv->cfg->request_timeout_s * 1e3);
    arena_release(&x->arena);
    free(x->body);
    free(x);
    *con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct server *srv = cls;
    struct tracked *t = *socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        t = xcalloc(1, sizeof *t);
        t->fd = ci ? ci->connect_fd : -1;
        t->deadline = ms_now() + srv->cfg->request_timeout_s * 1e3;
        pthread_mutex_lock(&srv->lock);
        /* Past the cap the newest is refused: the ones already open are serving someone.
         * (MHD's own limit would stop accepting instead, leaving the newest to wait in the
         * listen queue for a slot, /healthz among them.) */
        if (srv->nconns >= srv->cap) {
            t->refused = t->cut = true;
            srv->refused++;
            if (t->fd >= 0)
                shutdown(t->fd, SHUT_RDWR);
        } else {
            srv->nconns++;
        }
        t->next = srv->conns.next;
        t->prev = &srv->conns;
        t->next->prev = t;
        srv->conns.next = t;
        pthread_mutex_unlock(&srv->lock);
        *socket_context = t;
    } else if (t) {
        pthread_mutex_lock(&srv->lock);
        t->prev->next = t->next;
        t->next->prev = t->prev;
        if (!t->refused)
            srv->nconns--;
        pthread_mutex_unlock(&srv->lock);
        free(t);
        *socket_context = NULL;
    }
}

/* Shut down every connection past its deadline; how many, and how many were refused since
 * the last sweep (`*refused`). */
static unsigned sweep(struct server *srv, unsigned *refused)
{
    unsigned cut = 0;
    double now = ms_now();
    pthread_mutex_lock(&srv->lock);
    *refused = srv->refused;
    srv->refused = 0;
    for (struct tracked *t = srv->conns.next; t != &srv->conns; t = t->next)
        if (t->deadline > 0 && now > t->deadline && !t->cut && t->fd >= 0) {
            shutdown(t->fd, SHUT_RDWR);
            t->cut = true;
            cut++;
        }
    pthread_mutex_unlock(&srv->lock);
    return cut;
}

/* Raise the soft descriptor limit as far as `want` allows and return how many connections
 * fit under it: each takes one descriptor, and the store's handles, MHD's epoll and
 * inter-thread pipes and the log need some besides. Past the cap MHD closes the newest
 * connection at once, rather than failing to accept (or open a database file) later. */
static unsigned connection_cap(unsigned want, unsigned threads)
{
    unsigned reserve = 64 + 8 * threads;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return want;
    rlim_t need = (rlim_t)want + reserve;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
        return rl.rlim_cur > (rlim_t)reserve * 2 ? (unsigned)(rl.rlim_cur - reserve)
                                                 : (unsigned)(rl.rlim_cur / 2);
    return want;
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
    struct in_addr proxy;
    if (!rc && cfg->trusted_proxy && inet_pton(AF_INET, cfg->trusted_proxy, &proxy) != 1)
        rc = kerr_fail(e, KITH_E_USAGE, "trusted-proxy",
                       "'%s' is not an IPv4 address, like 127.0.0.1", cfg->trusted_proxy);
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
    struct server srv = {.app = app, .cfg = cfg, .trusted_proxy = cfg->trusted_proxy};
    srv.conns.next = srv.conns.prev = &srv.conns;
    pthread_mutex_init(&srv.lock, NULL);
    /* MHD's own limit sits above ours, so that it keeps accepting (and we refuse). */
    enum { HEADROOM = 256 };
    unsigned fit = connection_cap(cfg->max_connections + HEADROOM, threads);
    srv.cap = fit - (fit > 2 * HEADROOM ? HEADROOM : fit / 2);
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL, NULL, on_access,
        &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_HEADER_MAX * 2,
        MHD_OPTION_CONNECTION_LIMIT, fit, MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip_max,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->idle_timeout_s, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, &srv, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &srv,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!d) {
        pthread_mutex_destroy(&srv.lock);
        pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
        return kerr_fail(e, KITH_E_IO, "listen", "cannot listen on %s: %s", cfg->listen,
                         strerror(errno ? errno : EADDRINUSE));
    }
    char nthreads[16], ncap[16], nper[16];
    snprintf(nthreads, sizeof nthreads, "%u", threads);
    snprintf(ncap, sizeof ncap, "%u", srv.cap);
    snprintf(nper, sizeof nper, "%u", cfg->per_ip_max);
    log_event(LOG_INFO, "http.listening", "listen", cfg->listen, "threads", nthreads,
              "max_connections", ncap, "per_ip", cfg->per_ip_max ? nper : "none",
              cfg->trusted_proxy ? "trusted_proxy" : NULL, cfg->trusted_proxy, NULL);

    /* Wait for a stop signal, sweeping connections past their deadline four times a second. */
    int sig = -1;
    while (sig < 0) {
        struct timespec tick = {0, 250L * 1000 * 1000};
        sig = sigtimedwait(&stop, NULL, &tick);
        unsigned refused, cut = sweep(&srv, &refused);
        char n[16];
        if (cut) {
            snprintf(n, sizeof n, "%u", cut);
            log_event(LOG_INFO, "http.deadline", "closed", n, NULL);
        }
        if (refused) {
            snprintf(n, sizeof n, "%u", refused);
            log_event(LOG_WARN, "http.connection_cap", "refused", n, NULL);
        }
    }
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
    pthread_mutex_destroy(&srv.lock);
    pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
    log_event(LOG_INFO, "http.stopped", NULL);
    return KITH_OK;
}
