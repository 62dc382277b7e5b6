/*
 * Reading the SSDA903 CSV set and XML into the engine's return (see ssda903_read.h). Both
 * readers only place text in cells: converting it is the return's job (ret_set), and
 * judging it the rules'. Column and element names are looked up in the 903 kind's table
 * definitions, so a column added to a table is read without a change here.
 */
#include "report/ssda903_read.h"

#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/par.h"
#include "core/str.h"
#include "core/xalloc.h"
#include "domain/ret/ssda903.h"
#include "report/csv.h"
#include "report/xml_read.h"

/* ---- CSV ---- */

static const struct rtable_def *def_of(int t) { return &ret_kind_903.tables[t]; }

static void list_columns(struct str *s, int t)
{
    const struct rtable_def *d = def_of(t);
    for (int c = 0; c < d->ncols; c++)
        if (!s903_col_optional((enum t903)t, c))
            str_addf(s, "%s%s", c ? "," : "", d->cols[c].name);
}

/* Read the header record of table `t` and map each of its `*nf` fields to a column of the
 * table (`*map`, to be freed): every column must be there once, and no other. */
static enum kerr_code read_header(int t, struct csv_read *c, int **map, size_t *nf, struct kerr *e)
{
    const struct rtable_def *d = def_of(t);
    *map = NULL;
    *nf = 0;
    int got = csv_next(c, e);
    if (got < 0)
        return KITH_E_PARSE;
    if (got == 0)
        return KITH_OK; /* an empty file: a table with no rows */
    *nf = csv_nfields(c);
    *map = xcalloc(*nf ? *nf : 1, sizeof(int));
    bool seen[RTABLE_MAX_COLS] = {false};
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < *nf && !rc; i++) {
        const char *name = csv_field(c, i, NULL);
        int col = rtable_col(d, name);
        if (col < 0) {
            struct str want = STR_INIT;
            list_columns(&want, t);
            rc = kerr_fail(e, KITH_E_PARSE, name,
                           "%s line %ld column %zu: '%.40s' is not a column of the %s table "
                           "(expected %s)",
                           csv_source(c), csv_line(c), i + 1, name, d->name, want.buf);
            str_release(&want);
        } else if (seen[col]) {
            rc = kerr_fail(e, KITH_E_PARSE, name,
                           "%s line %ld column %zu: column '%s' appears twice", csv_source(c),
                           csv_line(c), i + 1, name);
        } else {
            seen[col] = true;
            (*map)[i] = col;
        }
    }
    for (int col = 0; col < d->ncols && !rc; col++)
        if (!seen[col] && !s903_col_optional((enum t903)t, col))
            rc = kerr_fail(e, KITH_E_PARSE, d->cols[col].name,
                           "%s line %ld: column '%s' is missing (the %s table has %d columns)",
                           csv_source(c), csv_line(c), d->cols[col].name, d->name,
                           d->ncols - (t == T903_HEADER));
    if (rc) {
        free(*map);
        *map = NULL;
    }
    return rc;
}

/* The general reader: any CSV the reader accepts, every refusal named where it is. */
static enum kerr_code read_table(struct ret *r, int t, struct csv_read *c, struct kerr *e)
{
    int *map;
    size_t nf;
    enum kerr_code rc = read_header(t, c, &map, &nf, e);
    if (rc || !map)
        return rc;
    size_t *above_len = xcalloc(nf ? nf : 1, sizeof(size_t)); /* the row above's lengths */
    int got;
    while ((got = csv_next(c, e)) > 0) {
        if (csv_nfields(c) != nf) {
            rc =
                kerr_fail(e, KITH_E_PARSE, NULL, "%s line %ld: %zu fields where the header has %zu",
                          csv_source(c), csv_line(c), csv_nfields(c), nf);
            break;
        }
        int32_t row = ret_add_row(r, t, (int32_t)csv_line(c));
        for (size_t i = 0; i < nf; i++) {
            size_t len;
            const char *s = csv_field(c, i, &len);
            /* most columns repeat the row above (a child's id, codes): no copy, no parse */
            if (row && len == above_len[i] && !memcmp(ret_raw(r, t, row - 1, map[i]), s, len))
                ret_set_same(r, t, row, map[i], row - 1);
            else
                ret_set(r, t, row, map[i], s, len);
            above_len[i] = len;
        }
    }
    if (!rc && got < 0)
        rc = KITH_E_PARSE;
    free(map);
    free(above_len);
    return rc;
}

/* Bytes of slack the fast path needs after a file in the pool (after its NUL), so that it
 * may load whole words past a field's end. */
#define SLACK 16

/* The first 16 bytes of the n-byte text at s (n >= 1) as two words, the bytes past its end
 * zeroed: equal keys and lengths are equal texts when n <= 16. A plain byte is never 0,
 * so the key alone tells texts of different lengths apart. */
static inline void text_key(const char *s, size_t n, uint64_t *k0, uint64_t *k1)
{
    static const unsigned char ones[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    uint64_t m0, m1;
    memcpy(k0, s, 8);
    memcpy(k1, s + 8, 8);
    memcpy(&m0, ones + (n < 8 ? 8 - n : 0), 8);
    memcpy(&m1, ones + (n > 16 ? 0 : n > 8 ? 16 - n : 8), 8);
    *k0 &= m0;
    *k1 &= m1;
}

/* Whether the n bytes at a and b (n >= 1) are the same: fields are short, and one 16-byte
 * compare (or two masked words) beats a call to memcmp, which longer fields still get. */
static inline bool same_text(const char *a, const char *b, size_t n)
{
    if (n > 16)
        return !memcmp(a, b, n);
#if defined(__SSE2__)
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)a);
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)b);
    uint32_t differ = ~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y));
    return !(differ & ((UINT32_C(1) << n) - 1));
#else
    uint64_t a0, a1, b0, b1;
    text_key(a, n, &a0, &a1);
    text_key(b, n, &b0, &b1);
    return a0 == b0 && a1 == b1;
#endif
}

/* Values converted before, per column: dates and codes repeat down a file, and a short
 * text's conversion is then a lookup. Keyed by the text itself (its text_key, up to 16
 * bytes); a slot holds the last text that hashed to it, k0 == 0 none. */
#define MEMO_SLOTS 64
#define MEMO_MAX 16

struct memo {
    uint64_t k0, k1;
    int32_t v;
};

/* How the fast path sets a column's cells, decided once from the header. */
enum plan {
    PLAN_TEXT,  /* the value is where the text is */
    PLAN_MEMO,  /* converted through the memo (codes, numbers: a code's lookup costs more) */
    PLAN_DATE,  /* converted every time (dates rarely repeat but in the row above) */
    PLAN_PARSE, /* converted every time (any other type) */
};

/* A field of the file's records: the cells of the column it fills (raw texts, values, and
 * the value of a missing cell), and the same field of the row above (its start and length;
 * SIZE_MAX before the first row), which most fields repeat. */
struct field {
    uint32_t *raw;
    int32_t *val;
    int32_t missing;
    enum plan plan;
    const struct rcol_def *def;
    size_t above, above_n;
    struct memo memo[MEMO_SLOTS];
    int32_t one[256]; /* PLAN_MEMO: the value of each one-byte text (flags, most codes) */
};

/* Point the fields at their columns' cells, which move when the table grows. */
static void field_cells(struct field *fields, size_t nf, const int *col, const struct rtable *tb)
{
    for (size_t i = 0; i < nf; i++) {
        fields[i].raw = tb->raw[col[i]];
        fields[i].val = tb->val[col[i]];
    }
}

/* Set the cell of `row` from field f's n bytes at buf + s (the pool's offset base + s): as
 * ret_set_text would, or as ret_set_same from the row above when the text is the same. */
static inline void set_field(struct field *f, int32_t row, const char *buf, size_t base, size_t s,
                             size_t n)
{
    uint32_t off = (uint32_t)(base + s);
    /* most fields repeat the row above (a child's id, codes, nothing): no parse, no lookup */
    if (n == f->above_n &&
        (n > 1 ? same_text(buf + s, buf + f->above, n) : !n || buf[s] == buf[f->above])) {
        f->raw[row] = f->raw[row - 1];
        f->val[row] = f->val[row - 1];
    } else if (!n) {
        f->raw[row] = 0;
        f->val[row] = f->missing;
    } else {
        int32_t v;
        if (f->plan == PLAN_TEXT) {
            v = (int32_t)off;
        } else if (f->plan == PLAN_DATE && rdate_dmy_shape(buf + s, n)) {
            v = rdate_dmy(buf + s);
        } else if (f->plan == PLAN_MEMO && n == 1) {
            v = f->one[(unsigned char)buf[s]];
        } else if (f->plan == PLAN_MEMO && n <= MEMO_MAX) {
            uint64_t k0, k1;
            text_key(buf + s, n, &k0, &k1);
            struct memo *slot = &f->memo[((k0 ^ k1 * 31) * UINT64_C(0x9E3779B97F4A7C15)) >> 58];
            if (slot->k0 != k0 || slot->k1 != k1)
                *slot = (struct memo){k0, k1, rcol_value(f->def, buf + s, n, off)};
            v = slot->v;
        } else {
            v = rcol_value(f->def, buf + s, n, off);
        }
        f->raw[row] = off;
        f->val[row] = v;
    }
    f->above = s;
    f->above_n = n;
}

/* Finding the fields' ends 16 bytes at a time: `q` is the block last looked at (a multiple
 * of 16 from the file's start) and `stops` its csv_stops16 not yet taken, the lowest bit
 * the next. Every byte the reader passes over without a field (a line end, the LF of a
 * CRLF) is a stop, taken as it is passed. */
struct scan {
    size_t q;
    uint32_t stops;
};

/* Start at p: the stops before it (in the header) are not the reader's. */
static void scan_start(struct scan *sc, const char *buf, size_t p)
{
    sc->q = p & ~(size_t)15;
    sc->stops = csv_stops16(buf + sc->q) & ~UINT32_C(0) << (p - sc->q);
}

/* Take the next stop. The file's NUL is one, so the scan ends there at the latest, and its
 * loads reach at most 15 bytes past it. */
static inline size_t next_stop(const char *buf, struct scan *sc)
{
    while (!sc->stops) {
        sc->q += 16;
        sc->stops = csv_stops16(buf + sc->q);
    }
    size_t at = sc->q + (size_t)__builtin_ctz(sc->stops);
    sc->stops &= sc->stops - 1;
    return at;
}

/*
 * The fast path, for a whole file already in the return's text pool at `base` (`len` bytes,
 * then a NUL, then SLACK bytes it may overwrite). Most return files are plain: no quotes, no
 * bytes outside printable ASCII, every record as long as the header. For those the cells'
 * texts stay where they are in the pool (each field's comma or line end becomes its NUL), so
 * nothing is copied, and no byte goes through the general reader's state machine: fields
 * are found 8 bytes at a time (csv_stops), and each is set as it is found, by a plan chosen
 * per column from the header. Anything else (a quote, a tab, UTF-8, a short record, a field
 * at the length limit) makes it give up: the rows it added and the pool are put back as they
 * were and the caller reads the file with the general reader, which accepts what it should
 * and names what it refuses exactly as before.
 *
 * Returns KITH_OK when the table was read, KITH_E_PARSE with `e` set when the header was
 * refused (the general reader would refuse it the same way), and -1 to fall back.
 */
static int read_table_fast(struct ret *r, int t, size_t base, size_t len, const char *name,
                           const struct csv_opts *co, struct kerr *e)
{
    char *buf = r->pool.buf + base;
    memset(buf + len, 0, SLACK + 1); /* what word loads past the end see: a stop, then zeros */
    struct csv_read *c = NULL;
    csv_open_memory(&c, buf, len, name, co, e);
    int *map;
    size_t nf;
    enum kerr_code hrc = read_header(t, c, &map, &nf, e);
    size_t p = csv_offset(c);
    long line = csv_next_line(c);
    csv_close(c);
    if (hrc || !map)
        return hrc;
    if (p && buf[p - 1] == '\r' && p < len && buf[p] == '\n')
        p++; /* the LF of the header's CRLF */

    const struct rtable_def *d = def_of(t);
    const struct rtable *tb = ret_table(r, t);
    struct field *fields = xcalloc(nf ? nf : 1, sizeof(*fields));
    bool mapped[RTABLE_MAX_COLS] = {false};
    for (size_t i = 0; i < nf; i++) {
        enum rcol_type type = d->cols[map[i]].type;
        fields[i].def = &d->cols[map[i]];
        fields[i].missing = tb->missing[map[i]];
        fields[i].above_n = SIZE_MAX; /* no row above */
        fields[i].plan = type == RCOL_TEXT                       ? PLAN_TEXT
                         : type == RCOL_CODE || type == RCOL_INT ? PLAN_MEMO
                         : type == RCOL_DATE                     ? PLAN_DATE
                                                                 : PLAN_PARSE;
        if (fields[i].plan == PLAN_MEMO) /* the 95 texts of one plain byte, converted now */
            for (int b = 0; b < 256; b++)
                if (csv_plain[b]) {
                    char text = (char)b;
                    fields[i].one[b] = rcol_value(fields[i].def, &text, 1, 0);
                }
        mapped[map[i]] = true;
    }
    int unmapped[RTABLE_MAX_COLS], nun = 0; /* optional columns the file does not have */
    for (int col = 0; col < d->ncols; col++)
        if (!mapped[col])
            unmapped[nun++] = col;

    /* Room for the rows at once, as many as the first line's length says (the table grows
     * if there are more; a record is at least nf bytes, its commas and line end): counting
     * the lines first cost a tenth of reading them. */
    int32_t first = tb->nrows;
    const char *nl = memchr(buf + p, '\n', len - p);
    size_t guess =
        (len - p) / (nl && (size_t)(nl - (buf + p)) + 1 > nf ? (size_t)(nl - (buf + p)) + 1
                     : nf                                    ? nf
                                                             : 1);
    ret_reserve(r, t, (int32_t)(guess < INT32_MAX / 4 ? guess + guess / 8 + 16 : 16));
    int32_t cap = tb->cap;
    field_cells(fields, nf, map, tb);
    size_t max_field = co->max_field ? co->max_field : CSV_FIELD_MAX_DEFAULT;
    size_t nfields = nf; /* a copy whose address never escapes: kept in a register */
    struct scan sc;
    scan_start(&sc, buf, p);
    bool ok = nfields > 0 && max_field > 16; /* a field under 16 bytes is never too long */
    while (ok && p < len) {
        size_t at = next_stop(buf, &sc);
        char ch = buf[at];
        if (at == p && (ch == '\n' || ch == '\r')) { /* a blank line */
            line++;
            p = at + 1;
            if (ch == '\r' && p < len && buf[p] == '\n')
                p = next_stop(buf, &sc) + 1;
            continue;
        }
        int32_t row = ret_add_row_unset(r, t, (int32_t)line);
        if (tb->cap != cap) { /* grown: the cells moved */
            cap = tb->cap;
            field_cells(fields, nf, map, tb);
        }
        struct field *f = fields, *end = fields + nfields;
        for (;;) {
            if (at - p >= 16 && at - p + 1 >= max_field) {
                ok = false;
                break;
            }
            set_field(f, row, buf, base, p, at - p);
            if (ch != ',')
                break;
            buf[at] = '\0';
            p = at + 1;
            if (++f == end) { /* more fields than the header */
                ok = false;
                break;
            }
            at = next_stop(buf, &sc);
            ch = buf[at];
        }
        if (!ok || f + 1 != end || (at < len && ch != '\n' && ch != '\r')) {
            ok = false;
            break;
        }
        for (int k = 0; k < nun; k++)
            ret_set_missing(r, t, row, unmapped[k]);
        line++;
        p = at + 1;
        if (at < len) {
            buf[at] = '\0';
            if (ch == '\r' && p < len && buf[p] == '\n')
                p = next_stop(buf, &sc) + 1;
        }
    }
    free(map);
    free(fields);
    if (!ok) {
        ret_truncate(r, t, first);
        if (r->pool.len == base + len + 1) /* the file is the last thing in the pool */
            str_truncate(&r->pool, base);
        return -1;
    }
    return KITH_OK;
}

/* Read the whole of the file at `path` into the pool (then a NUL) and the table from there,
 * or with the general reader when the fast path will not do. */
static enum kerr_code read_file(struct ret *r, int t, const char *path, const char *name,
                                const struct csv_opts *co, struct kerr *e)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (f && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) &&
        (!co->max_bytes || (size_t)st.st_size <= co->max_bytes) &&
        r->pool.len + (size_t)st.st_size + SLACK < UINT32_MAX &&
        str_grow(&r->pool, (size_t)st.st_size + SLACK)) {
        size_t base = r->pool.len, len = (size_t)st.st_size;
        if (fread(r->pool.buf + base, 1, len + 1, f) == len) { /* the size it said, no more */
            r->pool.buf[base + len] = '\0';
            r->pool.len = base + len + 1;
            r->pool.buf[r->pool.len] = '\0';
            int rc = read_table_fast(r, t, base, len, name, co, e);
            if (rc >= 0) {
                fclose(f);
                return (enum kerr_code)rc;
            }
        }
    }
    if (f)
        fclose(f);
    struct csv_read *c = NULL;
    if (csv_open(&c, path, name, co, e))
        return KITH_E_PARSE;
    enum kerr_code rc = read_table(r, t, c, e);
    csv_close(c);
    return rc;
}

/* Reading the files of a large return in two threads. Each file gets its own region of the
 * pool, laid out before any is read (with slack between them, so that no thread's loads past
 * a field's end reach bytes another thread writes), and its own table; the fast path touches
 * nothing else. A file it gives up on, or cannot open, is read afterwards with the general
 * reader, and the first error in the DfE's order of the tables is the one reported, as when
 * the files are read one by one. */
#define PARALLEL_BYTES (1u << 20)

struct dir_file {
    int t;
    const char *path, *name;
    size_t base, len;
    int rc; /* KITH_OK, KITH_E_PARSE (e says why), or -1: read it with the general reader */
    struct kerr e;
};

struct dir_job {
    struct ret *r;
    struct dir_file *files; /* largest first */
    const struct csv_opts *co;
};

/* One file (core/par.h task k): into its region of the pool, and its table from there. */
static void read_dir_file(void *ctx, int k, int worker)
{
    (void)worker;
    struct dir_job *j = ctx;
    struct dir_file *f = &j->files[k];
    FILE *fp = fopen(f->path, "rb");
    f->rc = -1;
    if (!fp)
        return;
    char *buf = j->r->pool.buf + f->base;
    if (fread(buf, 1, f->len + 1, fp) == f->len) { /* the size it said, no more */
        buf[f->len] = '\0';
        f->rc = read_table_fast(j->r, f->t, f->base, f->len, f->name, j->co, &f->e);
    }
    fclose(fp);
}

static int by_size(const void *a, const void *b)
{
    const struct dir_file *x = a, *y = b;
    return (x->len < y->len) - (x->len > y->len);
}

/* Read the files in `paths` (by table; NULL when absent) in two threads; returns false,
 * having read nothing, when they are not worth it or cannot be laid out. */
static bool read_dir_parallel(struct ret *r, char *const *paths, char *const *names,
                              const struct csv_opts *co, enum kerr_code *rc, struct kerr *e)
{
    struct dir_file files[T903_COUNT];
    int n = 0;
    size_t total = 0;
    bool general[T903_COUNT] = {false};
    for (int t = 0; t < T903_COUNT; t++) {
        struct stat st;
        if (!paths[t])
            continue;
        if (stat(paths[t], &st) || !S_ISREG(st.st_mode) ||
            (co->max_bytes && (size_t)st.st_size > co->max_bytes)) {
            general[t] = true;
            continue;
        }
        files[n++] = (struct dir_file){
            .t = t, .path = paths[t], .name = names[t], .len = (size_t)st.st_size, .e = KERR_INIT};
        total += (size_t)st.st_size + 1 + SLACK;
    }
    int workers = par_workers(n >= 2 && total >= PARALLEL_BYTES);
    if (workers < 2 || r->pool.len + total + SLACK >= UINT32_MAX ||
        !str_grow(&r->pool, total + SLACK))
        return false;
    qsort(files, (size_t)n, sizeof(files[0]), by_size);
    for (int k = 0; k < n; k++) {
        files[k].base = r->pool.len;
        r->pool.len += files[k].len + 1 + SLACK;
    }
    r->pool.buf[r->pool.len] = '\0';
    struct dir_job j = {.r = r, .files = files, .co = co};
    par_run(n, workers, read_dir_file, &j);
    *rc = KITH_OK;
    for (int t = 0; t < T903_COUNT && !*rc; t++) {
        const struct dir_file *f = NULL;
        for (int k = 0; k < n; k++)
            if (files[k].t == t)
                f = &files[k];
        if (f && f->rc == KITH_E_PARSE) {
            *e = f->e;
            *rc = KITH_E_PARSE;
        } else if ((f && f->rc < 0) || general[t]) {
            struct csv_read *c = NULL;
            if (csv_open(&c, paths[t], names[t], co, e)) {
                *rc = KITH_E_PARSE;
            } else {
                *rc = read_table(r, t, c, e) ? KITH_E_PARSE : KITH_OK;
                csv_close(c);
            }
        }
    }
    return true;
}

static int table_of_file(const char *name)
{
    for (int t = 0; t < T903_COUNT; t++)
        if (!strcasecmp(name, s903_files[t]))
            return t;
    return -1;
}

enum kerr_code s903_read_dir(struct ret *r, const char *dir, const struct s903_read_opts *o,
                             struct kerr *e)
{
    DIR *d = opendir(dir);
    if (!d)
        return kerr_fail(e, KITH_E_PARSE, NULL, "%s: cannot open the directory", dir);
    char *names[T903_COUNT] = {NULL};
    struct dirent *de;
    while ((de = readdir(d))) {
        int t = table_of_file(de->d_name);
        if (t < 0) {
            size_t n = strlen(de->d_name);
            if (o && o->warn && n > 4 && !strcasecmp(de->d_name + n - 4, ".csv"))
                fprintf(o->warn, "kith: %s/%s is not one of the 903's files; not read\n", dir,
                        de->d_name);
            continue;
        }
        if (names[t]) {
            enum kerr_code rc =
                kerr_fail(e, KITH_E_PARSE, NULL, "%s: both %s and %s hold the %s table", dir,
                          names[t], de->d_name, def_of(t)->name);
            closedir(d);
            for (int k = 0; k < T903_COUNT; k++)
                free(names[k]);
            return rc;
        }
        names[t] = xstrdup(de->d_name);
    }
    closedir(d);
    enum kerr_code rc = KITH_OK;
    bool any = false;
    struct csv_opts co = {.max_bytes = o ? o->max_bytes : 0};
    char *paths[T903_COUNT] = {NULL};
    size_t total = 0;
    for (int t = 0; t < T903_COUNT; t++) {
        if (!names[t])
            continue;
        size_t plen = strlen(dir) + strlen(names[t]) + 2;
        paths[t] = xmalloc(plen);
        snprintf(paths[t], plen, "%s/%s", dir, names[t]);
        struct stat st;
        if (!stat(paths[t], &st) && st.st_size > 0)
            total += (size_t)st.st_size;
    }
    /* The rules need the whole return in memory (they join the tables), about 6 times the
     * files' size: the limit is on the files together, said before reading any of them. */
    if (co.max_bytes && total > co.max_bytes) {
        for (int k = 0; k < T903_COUNT; k++) {
            free(names[k]);
            free(paths[k]);
        }
        return s903_too_large(dir, total, co.max_bytes, e);
    }
    /* The return keeps every cell's text: room for all of it at once, rather than growing
     * (and copying) the pool a file at a time. */
    str_grow(&r->pool, total + total / 8);
    for (int t = 0; t < T903_COUNT; t++)
        any |= names[t] != NULL;
    if (!read_dir_parallel(r, paths, names, &co, &rc, e))
        for (int t = 0; t < T903_COUNT && !rc; t++)
            if (names[t])
                rc = read_file(r, t, paths[t], names[t], &co, e) ? KITH_E_PARSE : KITH_OK;
    for (int k = 0; k < T903_COUNT; k++) {
        free(names[k]);
        free(paths[k]);
    }
    if (!rc && !any)
        rc = kerr_fail(e, KITH_E_PARSE, NULL,
                       "%s: none of the 903's files is there (header.csv, episodes.csv, ...)", dir);
    r->source = RET_FROM_CSV;
    return rc;
}

enum kerr_code s903_too_large(const char *what, size_t total, size_t max, struct kerr *e)
{
    return kerr_fail(e, KITH_E_PARSE, NULL,
                     "%s: the 903's files are %zu MB together, larger than the limit of %zu MB "
                     "(--max-size raises it; checking them takes about 6 times their size in "
                     "memory)",
                     what, (total + (1u << 20) - 1) >> 20, max >> 20);
}

enum kerr_code s903_read_csv_memory(struct ret *r, const char *name, const char *data, size_t len,
                                    const struct s903_read_opts *o, struct kerr *e)
{
    int t = table_of_file(name);
    if (t < 0)
        return kerr_fail(e, KITH_E_PARSE, NULL, "%s is not one of the 903's files", name);
    struct csv_opts co = {.max_bytes = o ? o->max_bytes : 0};
    r->source = RET_FROM_CSV;
    /* the fast path works on a copy in the pool, which the rows' texts then point into */
    if ((!co.max_bytes || len <= co.max_bytes) && r->pool.len + len + SLACK < UINT32_MAX &&
        str_grow(&r->pool, len + SLACK)) {
        size_t base = r->pool.len;
        memcpy(r->pool.buf + base, data, len);
        r->pool.buf[base + len] = '\0';
        r->pool.len = base + len + 1;
        r->pool.buf[r->pool.len] = '\0';
        int rc = read_table_fast(r, t, base, len, name, &co, e);
        if (rc >= 0)
            return (enum kerr_code)rc;
    }
    struct csv_read *c = NULL;
    if (csv_open_memory(&c, data, len, name, &co, e))
        return KITH_E_PARSE;
    enum kerr_code rc = read_table(r, t, c, e);
    csv_close(c);
    return rc;
}

void s903_read_finish(struct ret *r)
{
    if (r->source == RET_FROM_CSV)
        s903_derive_uasc(r);
}

/* ---- XML ---- */

/* The header-level items of a CHILD, and where they go. */
enum hitem {
    HI_CHILDID,
    HI_UPN,
    HI_SEX,
    HI_DOB,
    HI_ETHNIC,
    HI_UASC,
    HI_DUC,
    HI_MOTHER,
    HI_MC_DOB,
    HI_IN_TOUCH,
    HI_ACTIV,
    HI_ACCOM,
    HI_DATE_INT,
    HI_DATE_MATCH,
    HI_FOSTER_CARE,
    HI_NB_ADOPTR,
    HI_SEX_ADOPTR,
    HI_LS_ADOPTR,
    HI_COUNT
};

static const char *const hnames[HI_COUNT] = {
    "CHILDID",  "UPN",        "SEX",         "DOB",       "ETHNIC",     "UASC",
    "DUC",      "MOTHER",     "MC_DOB",      "IN_TOUCH",  "ACTIV",      "ACCOM",
    "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
};

struct block {
    const char *name;
    enum t903 t;
};

/* Blocks inside HEADER, each a row of a table. Social worker episodes (2023/24 on) and
 * deprivation of liberty orders (2026/27 on) came after the layout the reference tools
 * read, which has neither; their items are named as the CSV columns (SW_ID, SW_DECOM,
 * SW_DEC, SW_REASON; DOLO_START, DOLO_END), and the block is taken under either of the
 * names systems give it, inside HEADER or beside EPISODE. */
static const struct block blocks[] = {
    {"AREVIEW", T903_REVIEWS},
    {"AMISSING", T903_MISSING},
    {"OC2", T903_OC2},
    {"PERMANENCE", T903_PREVPERM},
    {"AD_PLACED", T903_PLACED},
    {"SW_EPISODE", T903_SW},
    {"SWEPISODE", T903_SW},
    {"DOLO", T903_DOLO},
    {"DEPRIVATION_OF_LIBERTY", T903_DOLO},
};

/* Blocks inside CHILD beside HEADER. */
static const struct block child_blocks[] = {
    {"EPISODE", T903_EPISODES},
    {"SW_EPISODE", T903_SW},
    {"SWEPISODE", T903_SW},
    {"DOLO", T903_DOLO},
    {"DEPRIVATION_OF_LIBERTY", T903_DOLO},
};

/* Element and column names repeat in every child of a return: each lookup's answer is kept
 * in a slot chosen by a hash of the name and what was asked, and found again with one
 * compare instead of a search of the tables (a third of the reading time on a large file). */
#define NAME_SLOTS 256
#define NAME_KEPT 28 /* longer names are looked up every time */

struct name_slot {
    int16_t key; /* what was asked (see enum name_key), 0: empty */
    int16_t value;
    char name[NAME_KEPT];
};

/* What a lookup asks: the column of table t is NK_COLUMN + t. */
enum name_key { NK_ITEM = 1, NK_HEADER_BLOCK, NK_CHILD_BLOCK, NK_COLUMN };

/* One buffered block row: its table and its cells (offsets into the child's text). */
struct brow {
    enum t903 t;
    int32_t line;
    uint32_t cell[RTABLE_MAX_COLS]; /* 0 = not given, else offset + 1 */
};

struct xwalk {
    struct ret *r;
    struct xml_read *x;
    struct str text; /* the current child's values, NUL-separated */
    uint32_t head[HI_COUNT];
    struct brow *rows;
    size_t nrows, caprows;
    int block; /* the block being read (index into rows), or -1 */
    int field; /* the item being read: header item, block column, or -1 */
    bool in_header;
    struct str value; /* text of the element being read */
    struct name_slot names[NAME_SLOTS];
};

static uint32_t keep(struct xwalk *w, const char *s, size_t n)
{
    uint32_t off = (uint32_t)w->text.len + 1;
    str_addn(&w->text, s, n);
    str_addc(&w->text, '\0');
    return off;
}

static const char *val(const struct xwalk *w, uint32_t cell, size_t *len)
{
    if (!cell) {
        *len = 0;
        return "";
    }
    const char *s = w->text.buf + cell - 1;
    *len = strlen(s);
    return s;
}

static int name_of(struct xwalk *w, int key, const char *name);

static void put(struct xwalk *w, int t, int32_t row, const char *col, uint32_t cell)
{
    size_t len;
    const char *s = val(w, cell, &len);
    int c = name_of(w, NK_COLUMN + t, col);
    if (c >= 0 && len)
        ret_set(w->r, t, row, c, s, len);
}

/* Write the buffered child into the tables. */
static void flush_child(struct xwalk *w, int32_t line)
{
    struct ret *r = w->r;
    uint32_t *h = w->head;
    int32_t row = ret_add_row(r, T903_HEADER, line);
    static const struct {
        enum hitem item;
        const char *col;
    } header[] = {{HI_CHILDID, "CHILD"}, {HI_SEX, "SEX"},  {HI_DOB, "DOB"},
                  {HI_ETHNIC, "ETHNIC"}, {HI_UPN, "UPN"},  {HI_MOTHER, "MOTHER"},
                  {HI_MC_DOB, "MC_DOB"}, {HI_UASC, "UASC"}};
    for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
        put(w, T903_HEADER, row, header[i].col, h[header[i].item]);
    size_t len;
    if (val(w, h[HI_UASC], &len), len) {
        row = ret_add_row(r, T903_UASC, line);
        put(w, T903_UASC, row, "CHILD", h[HI_CHILDID]);
        put(w, T903_UASC, row, "SEX", h[HI_SEX]);
        put(w, T903_UASC, row, "DOB", h[HI_DOB]);
        put(w, T903_UASC, row, "DUC", h[HI_DUC]);
    }
    if (val(w, h[HI_IN_TOUCH], &len), len) {
        row = ret_add_row(r, T903_OC3, line);
        for (int i = HI_IN_TOUCH; i <= HI_ACCOM; i++)
            put(w, T903_OC3, row, hnames[i], h[i]);
        put(w, T903_OC3, row, "CHILD", h[HI_CHILDID]);
        put(w, T903_OC3, row, "DOB", h[HI_DOB]);
    }
    if (val(w, h[HI_DATE_INT], &len), len) {
        row = ret_add_row(r, T903_AD1, line);
        for (int i = HI_DATE_INT; i <= HI_LS_ADOPTR; i++)
            put(w, T903_AD1, row, hnames[i], h[i]);
        put(w, T903_AD1, row, "CHILD", h[HI_CHILDID]);
        put(w, T903_AD1, row, "DOB", h[HI_DOB]);
    }
    for (size_t b = 0; b < w->nrows; b++) {
        const struct brow *br = &w->rows[b];
        row = ret_add_row(r, br->t, br->line);
        const struct rtable_def *d = def_of(br->t);
        for (int c = 0; c < d->ncols; c++)
            if (br->cell[c]) {
                const char *s = val(w, br->cell[c], &len);
                ret_set(r, br->t, row, c, s, len);
            }
        put(w, br->t, row, "CHILD", h[HI_CHILDID]);
        if (br->t != T903_EPISODES && !br->cell[name_of(w, NK_COLUMN + (int)br->t, "DOB")])
            put(w, br->t, row, "DOB", h[HI_DOB]);
    }
    str_reset(&w->text);
    memset(w->head, 0, sizeof(w->head));
    w->nrows = 0;
}

/* The table of the block called `name` in `v`, or -1. */
static int find_block(const struct block *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(name, v[i].name))
            return (int)v[i].t;
    return -1;
}
static int header_block(const char *name)
{
    return find_block(blocks, sizeof(blocks) / sizeof(blocks[0]), name);
}

static int child_block(const char *name)
{
    return find_block(child_blocks, sizeof(child_blocks) / sizeof(child_blocks[0]), name);
}

/* Start a buffered row of table `t` (a block just opened). */
static void open_block(struct xwalk *w, int t, int32_t line)
{
    if (w->nrows == w->caprows) {
        w->caprows = w->caprows ? w->caprows * 2 : 16;
        w->rows = xreallocarray(w->rows, w->caprows, sizeof(*w->rows));
    }
    memset(&w->rows[w->nrows], 0, sizeof(w->rows[0]));
    w->rows[w->nrows].t = (enum t903)t;
    w->rows[w->nrows].line = line;
    w->block = (int)w->nrows++;
}

static int find_item(const char *name)
{
    for (int i = 0; i < HI_COUNT; i++)
        if (!strcmp(name, hnames[i]))
            return i;
    return -1;
}

/* The answer to lookup `key` of `name` (see name_slot), as the tables give it. */
static int look_up(int key, const char *name)
{
    switch (key) {
    case NK_ITEM:
        return find_item(name);
    case NK_HEADER_BLOCK:
        return header_block(name);
    case NK_CHILD_BLOCK:
        return child_block(name);
    default:
        return rtable_col(def_of(key - NK_COLUMN), name);
    }
}

static int name_of(struct xwalk *w, int key, const char *name)
{
    uint32_t h = 2166136261u ^ (uint32_t)key * 16777619u;
    size_t n = 0;
    for (; name[n]; n++)
        h = (h ^ (uint8_t)name[n]) * 16777619u;
    if (n >= NAME_KEPT)
        return look_up(key, name);
    struct name_slot *sl = &w->names[h & (NAME_SLOTS - 1)];
    if (sl->key == key && !memcmp(sl->name, name, n + 1))
        return sl->value;
    sl->key = (int16_t)key;
    sl->value = (int16_t)look_up(key, name);
    memcpy(sl->name, name, n + 1);
    return sl->value;
}

static enum kerr_code walk_xml(struct ret *r, struct xml_read *x, struct kerr *e)
{
    struct xwalk w = {.r = r, .x = x, .block = -1, .field = -1};
    str_init(&w.text, 0);
    str_init(&w.value, XML_TEXT_MAX);
    int32_t child_line = 0;
    enum kerr_code rc = KITH_OK;
    bool root_seen = false;
    for (;;) {
        enum xml_event ev = xml_read_next(x, e);
        if (ev == XR_ERROR) {
            rc = KITH_E_PARSE;
            break;
        }
        if (ev == XR_EOF)
            break;
        const char *name = ev == XR_TEXT ? NULL : xml_read_name(x);
        int depth = xml_read_depth(x);
        if (ev == XR_START) {
            if (depth == 0) {
                if (strcmp(name, "EXPSSDA903")) {
                    rc = kerr_fail(e, KITH_E_PARSE, NULL,
                                   "%s line %d column %d: the root element is <%.40s>, not "
                                   "<EXPSSDA903>: this is not an SSDA903 XML file",
                                   xml_read_source(x), xml_read_line(x), xml_read_column(x), name);
                    break;
                }
                root_seen = true;
            } else if (depth == 1 && !strcmp(name, "CHILD")) {
                child_line = xml_read_line(x);
            } else if (depth == 2) {
                w.in_header = !strcmp(name, "HEADER");
                int t = name_of(&w, NK_CHILD_BLOCK, name);
                if (t >= 0)
                    open_block(&w, t, xml_read_line(x));
            } else if (depth == 3 && w.in_header && name_of(&w, NK_HEADER_BLOCK, name) >= 0) {
                open_block(&w, name_of(&w, NK_HEADER_BLOCK, name), xml_read_line(x));
            } else if (depth == 3 && w.in_header && w.block < 0) {
                w.field = name_of(&w, NK_ITEM, name);
                str_reset(&w.value);
            } else if ((depth == 3 && w.block >= 0 && !w.in_header) ||
                       (depth == 4 && w.block >= 0 && w.in_header)) {
                const char *col = strcmp(name, "PL") ? name : "PLACE";
                w.field = name_of(&w, NK_COLUMN + (int)w.rows[w.block].t, col);
                str_reset(&w.value);
            }
        } else if (ev == XR_TEXT) {
            size_t len;
            const char *s = xml_read_text(x, &len);
            if (w.field >= 0)
                str_addn(&w.value, s, len);
        } else if (ev == XR_END) {
            if (depth == 1 && !strcmp(name, "CHILD")) {
                flush_child(&w, child_line);
            } else if (depth == 2) {
                w.block = -1;
                w.in_header = false;
            } else if (depth == 3 && w.in_header && name_of(&w, NK_HEADER_BLOCK, name) >= 0) {
                w.block = -1;
            } else if (w.field >= 0) {
                uint32_t cell = w.value.len ? keep(&w, w.value.buf, w.value.len) : 0;
                if (w.block >= 0 && ((depth == 3 && !w.in_header) || depth == 4))
                    w.rows[w.block].cell[w.field] = cell;
                else if (depth == 3 && w.in_header && !w.head[w.field])
                    w.head[w.field] = cell;
                w.field = -1;
            }
        }
    }
    if (!rc && !root_seen)
        rc = kerr_fail(e, KITH_E_PARSE, NULL, "%s: no <EXPSSDA903> element", xml_read_source(x));
    str_release(&w.text);
    str_release(&w.value);
    free(w.rows);
    r->source = RET_FROM_XML;
    return rc;
}

enum kerr_code s903_read_xml(struct ret *r, const char *path, const struct s903_read_opts *o,
                             struct kerr *e)
{
    struct xml_read *x = NULL;
    if (xml_read_open(&x, path, NULL, o ? o->max_bytes : 0, e))
        return KITH_E_PARSE;
    enum kerr_code rc = walk_xml(r, x, e);
    xml_read_close(x);
    return rc;
}

enum kerr_code s903_read_xml_memory(struct ret *r, const char *data, size_t len, const char *name,
                                    struct kerr *e)
{
    struct xml_read *x = NULL;
    if (xml_read_memory(&x, data, len, name, e))
        return KITH_E_PARSE;
    enum kerr_code rc = walk_xml(r, x, e);
    xml_read_close(x);
    return rc;
}
