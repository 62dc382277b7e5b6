/*
 * The audit trail's key and anchor, for both backends (store.h, "The audit key and
 * anchor"). The backends keep their SQL (the last row, the insert, the walk, the one-row
 * audit_key table); this file owns what lives outside the database: the key file it reads
 * or makes, the MAC each appended row is sealed with, the anchor lines written after
 * commits, and the one verification that checks a chain against both.
 *
 * The key file is made once, by `kith init` or by the first write to a database that has
 * no keyed row yet, with O_EXCL through a temporary file and link(2), so two processes
 * racing to make it end up with the same one. A database with keyed rows whose key file
 * is missing is never given a second key: writing fails, naming the file.
 *
 * Anchors are process-wide (the server's threads share one state per anchor file): the
 * newest committed row is remembered, and a line is appended (O_APPEND, one write(2)) when
 * a second has passed since the last, and at close. Nothing here can fail or hold up a
 * committed write: an anchor that cannot be written is logged and retried a second later.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/random.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "store/store_impl.h"

/* --- where the files are --------------------------------------------------------------- */

static void anchor_use(const char *path);

static const char *conf_key, *conf_anchor;

void store_audit_configure(const char *key_path, const char *anchor_path)
{
    conf_key = key_path;
    conf_anchor = anchor_path;
}

/* `a` and `b` joined, on the heap. */
static char *cat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *r = xmalloc(na + nb + 1);
    snprintf(r, na + nb + 1, "%s%s", a, b);
    return r;
}

static const char *given(const char *conf, const char *env)
{
    if (conf && *conf)
        return conf;
    const char *v = getenv(env);
    return v && *v ? v : NULL;
}

void store_audit_open(struct store *s, const char *sqlite_path)
{
    const char *key = given(conf_key, "KITH_AUDIT_KEY");
    if (key)
        s->audit.key_path = xstrdup(key);
    else if (sqlite_path)
        s->audit.key_path = cat(sqlite_path, ".auditkey");
    const char *anchor = given(conf_anchor, "KITH_AUDIT_ANCHOR");
    /* Beside a SQLite file, so that two databases sharing one key never share an anchor. */
    if (anchor)
        s->audit.anchor_path = xstrdup(anchor);
    else if (sqlite_path)
        s->audit.anchor_path = cat(sqlite_path, ".auditanchor");
    else if (s->audit.key_path)
        s->audit.anchor_path = cat(s->audit.key_path, ".anchor");
    if (s->audit.anchor_path)
        anchor_use(s->audit.anchor_path);
}

const char *store_audit_key_path(const struct store *s) { return s->audit.key_path; }
const char *store_audit_anchor_path(const struct store *s) { return s->audit.anchor_path; }

/* --- the key file ---------------------------------------------------------------------- */

/* Read the whole of a small file; ENOENT comes back as KITH_E_NOT_FOUND. */
static enum kerr_code slurp(const char *path, char *buf, size_t size, mode_t *mode, struct kerr *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return kerr_fail(e, errno == ENOENT ? KITH_E_NOT_FOUND : KITH_E_IO, "audit-key",
                         "cannot read the audit key %s: %s", path, strerror(errno));
    struct stat st;
    ssize_t n = fstat(fd, &st) ? -1 : read(fd, buf, size - 1);
    int err = errno;
    close(fd);
    if (n < 0)
        return kerr_fail(e, KITH_E_IO, "audit-key", "cannot read the audit key %s: %s", path,
                         strerror(err));
    buf[n] = '\0';
    *mode = st.st_mode;
    return KITH_OK;
}

static enum kerr_code key_read(const char *path, struct audit_key *k, bool strict, struct kerr *e)
{
    char text[AUDIT_KEY_TEXT_MAX + 1], why[AUDIT_WHY_MAX];
    mode_t mode = 0;
    enum kerr_code rc = slurp(path, text, sizeof text, &mode, e);
    if (rc)
        return rc;
    /* A key others can read protects nothing: refuse it, as ssh refuses such a key. */
    if (strict && (mode & 077))
        return kerr_fail(e, KITH_E_INVALID, "audit-key",
                         "the audit key %s can be read by others (mode %04o): 'chmod 600 %s'", path,
                         (unsigned)(mode & 07777), path);
    if (!audit_key_parse(text, k, why))
        return kerr_fail(e, KITH_E_INVALID, "audit-key", "%s is not a kith audit key: %s", path,
                         why);
    return KITH_OK;
}

/* Write the file whole, then link it into place: a reader never sees half a key, and of
 * two processes making one, the second finds the first's (EEXIST) and reads it. */
static enum kerr_code key_make(const char *path, int64_t from, bool *made, struct kerr *e)
{
    struct audit_key k = {.from = from};
    random_bytes(k.k, sizeof k.k);
    char text[AUDIT_KEY_TEXT_MAX];
    audit_key_text(&k, text);
    char pid[32];
    snprintf(pid, sizeof pid, ".new.%ld", (long)getpid());
    char *tmpname = cat(path, pid);
    int fd = open(tmpname, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t len = strlen(text);
    bool ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0)
        close(fd);
    if (ok && link(tmpname, path) != 0) {
        ok = errno == EEXIST; /* another process made it first: theirs is read */
        err = errno;
    } else if (ok) {
        *made = true;
    }
    if (fd >= 0)
        unlink(tmpname);
    free(tmpname);
    if (!ok)
        return kerr_fail(e, KITH_E_IO, "audit-key", "cannot create the audit key %s: %s", path,
                         strerror(err));
    /* The directory entry too, so a crash cannot leave keyed rows without their key. */
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
    return KITH_OK;
}

static enum kerr_code no_key_path(struct kerr *e)
{
    return kerr_fail(e, KITH_E_USAGE, "audit-key",
                     "no audit key file is set for this database: give --audit-key FILE or set "
                     "KITH_AUDIT_KEY (a PostgreSQL database has no directory to keep one "
                     "beside; docs/web.md, \"Audit trail\")");
}

/* The key for writing: read it, or make it when nothing is keyed yet. Runs inside the
 * append's write when called from store_audit_seal, so `next` cannot move meanwhile. */
static enum kerr_code key_load(struct store *s, bool make, bool *created, struct kerr *e)
{
    struct store_audit *a = &s->audit;
    if (!a->key_path)
        return no_key_path(e);
    int64_t first = 0, next = 0;
    enum kerr_code rc = store_audit_keyed_get(s, &first, &next, e);
    if (rc)
        return rc;
    for (int attempt = 0; attempt < 2; attempt++) {
        struct kerr ke = KERR_INIT;
        rc = key_read(a->key_path, &a->key, true, &ke);
        if (rc == KITH_OK)
            break;
        if (rc != KITH_E_NOT_FOUND || !make)
            return kerr_fail(e, ke.code, ke.field, "%s", ke.msg);
        if (first && next > first)
            return kerr_fail(e, KITH_E_NOT_FOUND, "audit-key",
                             "the audit trail is sealed with a key from row %lld, but the key "
                             "file %s does not exist: restore it from your copy, or name it "
                             "with --audit-key (docs/web.md)",
                             (long long)first, a->key_path);
        bool made = false;
        rc = key_make(a->key_path, first ? first : next, &made, e);
        if (rc)
            return rc;
        if (created)
            *created = made;
    }
    if (rc)
        return kerr_fail(e, rc, "audit-key", "cannot read the audit key %s", a->key_path);
    if (first && first != a->key.from)
        return kerr_fail(e, KITH_E_CONFLICT, "audit-key",
                         "the audit key %s begins at row %lld but this database's keyed rows "
                         "begin at row %lld: it is another database's key",
                         a->key_path, (long long)a->key.from, (long long)first);
    if (!first && next > a->key.from)
        return kerr_fail(e, KITH_E_CONFLICT, "audit-key",
                         "the audit key %s begins at row %lld but this database records no "
                         "keyed row and already has %lld: it is another database's key, or "
                         "the database's record was removed",
                         a->key_path, (long long)a->key.from, (long long)(next - 1));
    a->db_from = first;
    a->loaded = true;
    return KITH_OK;
}

enum kerr_code store_audit_key_ensure(struct store *s, bool *created, struct kerr *e)
{
    *created = false;
    s->audit.loaded = false;
    return key_load(s, true, created, e);
}

enum kerr_code store_audit_seal(struct store *s, struct audit_event *ev, struct kerr *e)
{
    struct store_audit *a = &s->audit;
    if (!a->loaded) {
        enum kerr_code rc = key_load(s, true, NULL, e);
        if (rc)
            return rc;
    }
    audit_hash(ev, ev->prev_hash, &a->key, ev->hash);
    /* The database's own record of where the keyed rows begin goes in with the first; it
     * is taken as written only once read back committed (a rollback takes it away). */
    if (!a->db_from && ev->id >= a->key.from) {
        int64_t first = 0, next = 0;
        enum kerr_code rc = store_audit_keyed_get(s, &first, &next, e);
        if (!rc && !first)
            rc = store_audit_keyed_set(s, a->key.from, e);
        if (rc)
            return rc;
        if (first)
            a->db_from = first;
    }
    return KITH_OK;
}

enum kerr_code store_audit_key_copy(struct store *from, struct store *to, struct kerr *e)
{
    const char *src = from->audit.key_path, *dst = to->audit.key_path;
    if (!src || !dst || !strcmp(src, dst))
        return KITH_OK;
    struct audit_key k, have;
    struct kerr ke = KERR_INIT;
    enum kerr_code rc = key_read(src, &k, false, &ke);
    if (rc == KITH_E_NOT_FOUND)
        return KITH_OK; /* a database from before keys: nothing keyed to copy */
    if (rc)
        return kerr_fail(e, rc, ke.field, "%s", ke.msg);
    rc = key_read(dst, &have, false, &ke);
    if (rc == KITH_OK)
        return memcmp(have.k, k.k, sizeof k.k) || have.from != k.from
                   ? kerr_fail(e, KITH_E_CONFLICT, "audit-key",
                               "the target's audit key %s exists and is not the source's %s: "
                               "the copied trail could not be verified with it; move it away",
                               dst, src)
                   : KITH_OK;
    if (rc != KITH_E_NOT_FOUND)
        return kerr_fail(e, rc, ke.field, "%s", ke.msg);
    char text[AUDIT_KEY_TEXT_MAX];
    audit_key_text(&k, text);
    int fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t len = strlen(text);
    bool ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0)
        close(fd);
    if (!ok)
        return kerr_fail(e, KITH_E_IO, "audit-key", "cannot write the audit key %s: %s", dst,
                         strerror(err));
    return KITH_OK;
}

/* --- anchors --------------------------------------------------------------------------- */

enum { ANCHOR_FILES = 8, ANCHOR_EVERY_NS = 1000000000 };

/* One anchor file's state in this process. */
static struct anchor_file {
    char *path;
    struct audit_key key;
    int64_t row, written; /* the newest committed row seen, and the newest written */
    char hash[65];
    struct timespec last; /* when a line was last written */
    bool warned;
    int users; /* open stores writing to it; the slot is freed with the last */
} anchors[ANCHOR_FILES];
static pthread_mutex_t anchor_mu = PTHREAD_MUTEX_INITIALIZER;

static int64_t ns_since(const struct timespec *then, const struct timespec *now)
{
    return (int64_t)(now->tv_sec - then->tv_sec) * 1000000000 + (now->tv_nsec - then->tv_nsec);
}

/* One line, one write(2), appended: lines from several processes never interleave. */
static void anchor_write(struct anchor_file *f, bool sync)
{
    char line[AUDIT_ANCHOR_LINE_MAX];
    audit_anchor_line(&f->key, f->row, f->hash, (int64_t)time(NULL), line);
    int fd = open(f->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    size_t len = strlen(line);
    bool ok = fd >= 0 && write(fd, line, len) == (ssize_t)len && (!sync || fdatasync(fd) == 0);
    int err = errno;
    if (fd >= 0)
        close(fd);
    clock_gettime(CLOCK_MONOTONIC, &f->last);
    if (ok) {
        f->written = f->row;
        f->warned = false;
    } else if (!f->warned) {
        f->warned = true; /* once per failing spell, not once a second */
        log_event(LOG_WARN, "audit.anchor_failed", "file", f->path, "error", strerror(err), NULL);
    }
}

static struct anchor_file *anchor_of(const char *path)
{
    for (size_t i = 0; i < ANCHOR_FILES; i++)
        if (anchors[i].path && !strcmp(anchors[i].path, path))
            return &anchors[i];
    for (size_t i = 0; i < ANCHOR_FILES; i++)
        if (!anchors[i].path) {
            anchors[i].path = xstrdup(path);
            return &anchors[i];
        }
    return NULL; /* more anchor files open at once than any command has: none is kept */
}

static void anchor_use(const char *path)
{
    pthread_mutex_lock(&anchor_mu);
    struct anchor_file *f = anchor_of(path);
    if (f)
        f->users++;
    pthread_mutex_unlock(&anchor_mu);
}

static void anchor_note(struct store *s, int64_t row, const char *hash)
{
    if (!s->audit.anchor_path || !s->audit.loaded)
        return;
    pthread_mutex_lock(&anchor_mu);
    struct anchor_file *f = anchor_of(s->audit.anchor_path);
    if (f && row > f->row) {
        f->row = row;
        memcpy(f->hash, hash, sizeof f->hash);
        f->key = s->audit.key;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (!f->written || ns_since(&f->last, &now) >= ANCHOR_EVERY_NS)
            anchor_write(f, false);
    }
    pthread_mutex_unlock(&anchor_mu);
}

void store_audit_appended(struct store *s, const struct audit_event *ev)
{
    if (s->audit.depth == 0) {
        anchor_note(s, ev->id, ev->hash);
        return;
    }
    s->audit.pending_row = ev->id;
    memcpy(s->audit.pending_hash, ev->hash, sizeof s->audit.pending_hash);
}

void store_audit_commit(struct store *s)
{
    if (s->audit.depth > 0 && --s->audit.depth == 0 && s->audit.pending_row) {
        anchor_note(s, s->audit.pending_row, s->audit.pending_hash);
        s->audit.pending_row = 0;
    }
}

void store_audit_rollback(struct store *s)
{
    s->audit.depth = 0;
    s->audit.pending_row = 0;
}

void store_audit_close(struct store *s)
{
    if (s->audit.anchor_path) {
        pthread_mutex_lock(&anchor_mu);
        struct anchor_file *f = anchor_of(s->audit.anchor_path);
        if (f && f->row > f->written)
            anchor_write(f, true);
        if (f && --f->users <= 0) {
            free(f->path);
            *f = (struct anchor_file){0};
        }
        pthread_mutex_unlock(&anchor_mu);
    }
    free(s->audit.key_path);
    free(s->audit.anchor_path);
    s->audit = (struct store_audit){0};
}

/* --- verification ---------------------------------------------------------------------- */

static int by_row(const void *x, const void *y)
{
    const struct audit_anchor *a = x, *b = y;
    return a->row != b->row ? (a->row > b->row) - (a->row < b->row)
                            : (a->line > b->line) - (a->line < b->line);
}

/* Every line of the anchor file, sorted by row. A line that is not an anchor or whose MAC
 * does not match is an error naming it: someone wrote there who should not have. */
static enum kerr_code anchors_read(const char *path, const struct audit_key *k,
                                   struct audit_anchor **out, size_t *n, struct kerr *e)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return kerr_fail(e, errno == ENOENT ? KITH_E_NOT_FOUND : KITH_E_IO, "anchor",
                         "cannot read the anchor %s: %s", path, strerror(errno));
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    char line[AUDIT_ANCHOR_LINE_MAX + 2], why[AUDIT_WHY_MAX];
    enum kerr_code rc = KITH_OK;
    for (int64_t lineno = 1; !rc && fgets(line, sizeof line, f); lineno++) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (!feof(f))
            rc = kerr_fail(e, KITH_E_FINDINGS, "anchor", "%s line %lld is too long to be an anchor",
                           path, (long long)lineno);
        if (rc || !len)
            continue;
        if (*n == cap)
            *out = xreallocarray(*out, cap = cap ? 2 * cap : 256, sizeof(**out));
        struct audit_anchor *a = &(*out)[*n];
        if (!k || !audit_anchor_parse(k, line, a, why))
            rc = kerr_fail(e, KITH_E_FINDINGS, "anchor", "%s line %lld: %s", path,
                           (long long)lineno, k ? why : "no audit key to check it with");
        a->line = lineno;
        (*n)++;
    }
    fclose(f);
    if (!rc && *n)
        qsort(*out, *n, sizeof(**out), by_row);
    return rc;
}

static void check_one(void *ctx, const struct audit_event *ev) { audit_check_row(ctx, ev); }

enum kerr_code store_audit_check(struct store *s, const char *anchor, struct audit_check *c,
                                 struct kerr *e)
{
    int64_t first = 0, next = 0;
    enum kerr_code rc = store_audit_keyed_get(s, &first, &next, e);
    if (rc)
        return rc;
    struct audit_key key;
    const struct audit_key *k = NULL;
    if (s->audit.key_path) {
        struct kerr ke = KERR_INIT;
        rc = key_read(s->audit.key_path, &key, false, &ke);
        if (rc == KITH_OK)
            k = &key;
        else if (rc != KITH_E_NOT_FOUND)
            return kerr_fail(e, rc, ke.field, "%s", ke.msg);
    }
    if (!k && first && next > first)
        return kerr_fail(e, KITH_E_NOT_FOUND, "audit-key",
                         "rows from %lld are sealed with the audit key, and %s%s: they cannot "
                         "be checked without it (--audit-key FILE)",
                         (long long)first,
                         s->audit.key_path ? s->audit.key_path : "no key file is set",
                         s->audit.key_path ? " does not exist" : "");
    struct audit_anchor *list = NULL;
    size_t n = 0;
    if (anchor) {
        rc = anchors_read(anchor, k, &list, &n, e);
        if (rc) {
            free(list);
            return rc;
        }
    }
    *c = (struct audit_check){
        .key = k, .db_from = first, .anchors = list, .nanchors = n, .anchor_name = anchor};
    audit_check_begin(c);
    rc = store_audit_walk(s, check_one, c, e);
    if (!rc)
        audit_check_end(c);
    free(list);
    c->key = NULL; /* it was this function's */
    c->keyed_from = k ? k->from : 0;
    c->anchors = NULL;
    c->anchor_name = NULL;
    return rc;
}
