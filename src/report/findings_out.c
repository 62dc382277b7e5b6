/*
 * Findings as CSV, JSON and HTML (see findings_out.h). Each format escapes through
 * core/esc.h, the one place kith decides it: CSV quotes a field holding a comma, quote or
 * line break (RFC 4180) and defuses formulas, JSON escapes quotes, backslashes, control
 * characters and markup, HTML the five markup characters. Values at fault come
 * from the return's text as written, so a report shows what the file said.
 */
#include "report/findings_out.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/esc.h"
#include "core/outfile.h"
#include "core/par.h"
#include "core/xalloc.h"

bool findings_format_parse(const char *s, enum findings_format *out)
{
    static const struct {
        const char *name;
        enum findings_format fmt;
    } names[] = {{"csv", FINDINGS_CSV}, {"json", FINDINGS_JSON}, {"html", FINDINGS_HTML}};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(s, names[i].name)) {
            *out = names[i].fmt;
            return true;
        }
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the columns in `cols`, sorted; returns how many. */
static int field_names(const struct ret *r, const struct finding *f, const char **names)
{
    const struct rtable_def *def = r->tables[f->table].def;
    int n = 0;
    for (int col = 0; col < def->ncols && col < 64; col++)
        if (f->cols & (UINT64_C(1) << col))
            names[n++] = def->cols[col].name;
    qsort(names, (size_t)n, sizeof(*names), by_name);
    return n;
}

void finding_fields(struct str *out, const struct ret *r, const struct finding *f)
{
    const char *names[RTABLE_MAX_COLS] = {0};
    int n = field_names(r, f, names);
    if (!n) {
        str_add(out, f->rule->fields); // NOLINT(clang-analyzer-core.NullDereference): every finding
                                       // is made by a rule
        return;
    }
    for (int i = 0; i < n; i++) {
        if (i)
            str_addc(out, ';');
        str_add(out, names[i]);
    }
}

/* Findings come sorted by rule, so the parts that depend only on the rule (and, mostly, the
 * fields) repeat line after line: they are escaped once and copied. */
#define FLUSH_AT (1u << 20)

/* Writing a large report to a file costs the kernel about as much as formatting it costs
 * us, so findings_write hands each full megabyte to a thread that writes it while the next
 * is formatted (two buffers, taking turns). */
struct findings_writer {
    FILE *f;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct str pending; /* the megabyte being written */
    bool has, done;
};

static void *writer_main(void *arg)
{
    struct findings_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->has && !w->done)
            pthread_cond_wait(&w->cv, &w->mu);
        if (!w->has)
            break;
        pthread_mutex_unlock(&w->mu);
        fwrite(w->pending.buf, 1, w->pending.len, w->f);
        pthread_mutex_lock(&w->mu);
        w->has = false;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static struct findings_writer *writer_start(FILE *f)
{
    struct findings_writer *w = xcalloc(1, sizeof(*w));
    w->f = f;
    str_init(&w->pending, 0);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w)) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
        return NULL;
    }
    return w;
}

/* Wait until everything handed over is written, and end the thread. */
static void writer_stop(struct findings_writer *w)
{
    pthread_mutex_lock(&w->mu);
    w->done = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    str_release(&w->pending);
    free(w);
}

/* Hand `out` to the document's stream when it has grown past FLUSH_AT (see flush). */
static void maybe_flush(struct str *out, const struct findings_doc *d)
{
    if (!d->flush || out->len < FLUSH_AT)
        return;
    struct findings_writer *w = d->writer;
    if (!w) {
        fwrite(out->buf, 1, out->len, d->flush);
        str_reset(out);
        return;
    }
    pthread_mutex_lock(&w->mu);
    while (w->has)
        pthread_cond_wait(&w->cv, &w->mu);
    struct str t = w->pending; /* written: becomes the buffer we fill next */
    w->pending = *out;
    *out = t;
    w->has = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    str_reset(out);
}

/* A row number's digits, written backwards from `end` two at a time; returns where they
 * start. */
static char *put_row(char *end, uint32_t v)
{
    static const char pairs[201] = "00010203040506070809101112131415161718192021222324252627282930"
                                   "31323334353637383940414243444546474849505152535455565758596061"
                                   "62636465666768697071727374757677787980818283848586878889909192"
                                   "93949596979899";
    while (v >= 100) {
        end -= 2;
        memcpy(end, pairs + 2 * (size_t)(v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        end -= 2;
        memcpy(end, pairs + 2 * (size_t)v, 2);
    } else {
        *--end = (char)('0' + v);
    }
    return end;
}

/* The parts of a CSV line that repeat from one finding to the next, escaped once: the rule,
 * severity and table before the row, and the fields and message after the child. */
struct csv_cache {
    struct str head, tail, fields;
    const struct rule *rule;
    int table;
    uint64_t cols;
};

static void csv_cache_init(struct csv_cache *c)
{
    *c = (struct csv_cache){.head = STR_INIT, .tail = STR_INIT, .fields = STR_INIT, .table = -1};
}

static void csv_cache_release(struct csv_cache *c)
{
    str_release(&c->head);
    str_release(&c->tail);
    str_release(&c->fields);
}

/* One finding's line. It depends on that finding alone (the cache only saves escaping the
 * same parts again), so any run of findings can be formatted apart from the others. */
static void finding_line(struct str *out, const struct ret *r, const struct finding *f,
                         struct csv_cache *c)
{
    if (f->rule != c->rule || f->table != c->table) {
        str_reset(&c->head);
        esc_csv(&c->head, f->rule->code); // NOLINT(clang-analyzer-core.NullDereference)
        str_addc(&c->head, ',');
        str_add(&c->head, rule_severity_name(f->rule->severity));
        str_addc(&c->head, ',');
        esc_csv(&c->head, r->tables[f->table].def->name);
        str_addc(&c->head, ',');
    }
    if (f->rule != c->rule || f->table != c->table || f->cols != c->cols) {
        str_reset(&c->tail);
        str_reset(&c->fields);
        finding_fields(&c->fields, r, f);
        str_addc(&c->tail, ',');
        esc_csv(&c->tail, c->fields.buf);
        str_addc(&c->tail, ',');
        esc_csv(&c->tail, f->rule->message); // NOLINT(clang-analyzer-core.NullDereference)
        str_addc(&c->tail, '\n');
    }
    c->rule = f->rule;
    c->table = f->table;
    c->cols = f->cols;
    const struct str *head = &c->head, *tail = &c->tail;
    /* One line is the rule's parts around the row and the child: room for all of it is
     * made once and the parts copied in, rather than appended piece by piece. */
    const struct rtable *tb = &r->tables[f->table];
    const char *child = f->row >= 0 && f->row < tb->nrows && tb->def->child_col >= 0
                            ? r->pool.buf + tb->raw[tb->def->child_col][f->row]
                            : "";
    /* the child id comes from the file being checked: copied whole only when esc_csv
     * would leave it as it is (no quotes, no formula to defuse) */
    size_t clen;
    if (!esc_csv_plain(child, &clen)) {
        str_addn(out, head->buf, head->len);
        char digits[12], *p = put_row(digits + sizeof(digits), (uint32_t)f->row);
        if (f->row >= 0)
            str_addn(out, p, (size_t)(digits + sizeof(digits) - p));
        str_addc(out, ',');
        esc_csv(out, child);
        str_addn(out, tail->buf, tail->len);
    } else if (str_room(out, head->len + 12 + clen + tail->len)) {
        char *w = out->buf + out->len;
        memcpy(w, head->buf, head->len);
        w += head->len;
        if (f->row >= 0) {
            char digits[12], *p = put_row(digits + sizeof(digits), (uint32_t)f->row);
            size_t n = (size_t)(digits + sizeof(digits) - p);
            memcpy(w, p, n);
            w += n;
        }
        *w++ = ',';
        memcpy(w, child, clen);
        w += clen;
        memcpy(w, tail->buf, tail->len);
        w += tail->len;
        *w = '\0';
        out->len = (size_t)(w - out->buf);
    }
}

/*
 * A long report streamed to a file is formatted by two threads (core/par.h), a chunk of
 * findings at a time, and the chunks are written in order: a thread that finishes a chunk
 * before the one ahead of it is written parks it and takes the next chunk; whichever thread
 * finds the next chunk to write ready writes it and every parked chunk after it. Writing
 * costs the kernel about as much as formatting costs us, so neither thread waits for long,
 * and at most PARKED chunks (a megabyte or so each) wait in memory.
 */
#define CHUNK 8192 /* findings: about 1.3 MB of CSV */
#define PARKED 4

struct csv_pipe {
    const struct findings_doc *d;
    size_t nchunks;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t written;            /* chunks written */
    bool writing;              /* a thread is writing: it writes what is parked behind it too */
    struct str parked[PARKED]; /* chunk k waits in parked[k % PARKED] */
    bool ready[PARKED];
    struct str spare[PARKED + 2]; /* written buffers, kept for the next chunks */
    int nspare;
};

static void csv_chunk(void *ctx, int k, int worker)
{
    (void)worker;
    struct csv_pipe *p = ctx;
    size_t chunk = (size_t)k, n = p->d->f->n;
    pthread_mutex_lock(&p->mu);
    while (chunk >= p->written + PARKED) /* no room to park it yet */
        pthread_cond_wait(&p->cv, &p->mu);
    struct str buf = p->nspare ? p->spare[--p->nspare] : (struct str)STR_INIT;
    pthread_mutex_unlock(&p->mu);

    struct csv_cache c;
    csv_cache_init(&c);
    size_t end = (chunk + 1) * CHUNK < n ? (chunk + 1) * CHUNK : n;
    for (size_t i = chunk * CHUNK; i < end; i++)
        finding_line(&buf, p->d->r, &p->d->f->v[i], &c);
    csv_cache_release(&c);

    pthread_mutex_lock(&p->mu);
    p->parked[chunk % PARKED] = buf;
    p->ready[chunk % PARKED] = true;
    if (!p->writing) {
        p->writing = true;
        while (p->ready[p->written % PARKED]) {
            size_t slot = p->written % PARKED;
            struct str w = p->parked[slot];
            p->ready[slot] = false;
            pthread_mutex_unlock(&p->mu);
            if (!p->written) /* the first chunk tells how long the report will be */
                outfile_expect(p->d->flush, (uint64_t)w.len * (p->nchunks + 1));
            fwrite(w.buf, 1, w.len, p->d->flush);
            str_reset(&w);
            pthread_mutex_lock(&p->mu);
            p->spare[p->nspare++] = w;
            p->written++;
            pthread_cond_broadcast(&p->cv);
        }
        p->writing = false;
    }
    pthread_mutex_unlock(&p->mu);
}

static int csv_workers(const struct findings_doc *d)
{
    return par_workers(d->flush && d->f->n >= (size_t)4 * CHUNK);
}

/* Stream the findings to d->flush in two threads; false (nothing written) when not worth it. */
static bool csv_parallel(struct str *out, const struct findings_doc *d)
{
    size_t n = d->f->n;
    int workers = csv_workers(d);
    if (workers < 2)
        return false;
    fwrite(out->buf, 1, out->len, d->flush); /* the header line */
    str_reset(out);
    struct csv_pipe p = {.d = d, .nchunks = (n + CHUNK - 1) / CHUNK};
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    par_run((int)p.nchunks, workers, csv_chunk, &p);
    outfile_done(d->flush);
    for (int i = 0; i < p.nspare; i++)
        str_release(&p.spare[i]);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return true;
}

void findings_csv(struct str *out, const struct findings_doc *d)
{
    str_add(out, "rule,severity,table,row,child,fields,message\n");
    if (csv_parallel(out, d))
        return;
    struct csv_cache c;
    csv_cache_init(&c);
    for (size_t i = 0; i < d->f->n; i++) {
        finding_line(out, d->r, &d->f->v[i], &c);
        maybe_flush(out, d);
    }
    csv_cache_release(&c);
}

static void json_str(struct str *out, const char *s) { esc_json(out, s); }

static void json_rule(struct str *out, const struct rule *rule)
{
    str_add(out, "{\"rule\":");
    json_str(out, rule->code);
    str_add(out, ",\"severity\":");
    json_str(out, rule_severity_name(rule->severity));
    str_add(out, ",\"message\":");
    json_str(out, rule->message);
    str_addc(out, '}');
}

void findings_json(struct str *out, const struct findings_doc *d)
{
    const struct ret *r = d->r;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    str_add(out, "{\"return\":");
    json_str(out, r->kind->name);
    str_add(out, ",\"source\":");
    json_str(out, d->source ? d->source : "");
    str_addf(out, ",\"year\":%d,\"rules_year\":%d,\"period\":{\"start\":\"%s\",\"end\":\"%s\"}",
             d->set->asked, d->set->year, date_format_iso(r->period_start, a),
             date_format_iso(r->period_end, b));
    str_addf(out, ",\"counts\":{\"findings\":%zu,\"rules_run\":%zu,\"rules_skipped\":%zu}", d->f->n,
             d->f->nran, d->f->nskipped);
    str_add(out, ",\n\"rules_run\":[");
    for (size_t i = 0; i < d->f->nran; i++) {
        if (i)
            str_addc(out, ',');
        json_str(out, d->f->ran[i]->code);
    }
    str_add(out, "],\n\"rules_skipped\":[");
    for (size_t i = 0; i < d->f->nskipped; i++) {
        if (i)
            str_addc(out, ',');
        str_add(out, "{\"rule\":");
        json_str(out, d->f->skipped[i].rule->code);
        str_add(out, ",\"reason\":");
        json_str(out, d->f->skipped[i].reason);
        str_addc(out, '}');
    }
    str_add(out, "],\n\"findings\":[");
    struct str fields = STR_INIT;
    for (size_t i = 0; i < d->f->n; i++) {
        const struct finding *f = &d->f->v[i];
        maybe_flush(out, d);
        str_add(out, i ? ",\n" : "\n");
        str_add(out, "{\"rule\":");
        json_str(out, f->rule->code);
        str_add(out, ",\"severity\":");
        json_str(out, rule_severity_name(f->rule->severity));
        str_add(out, ",\"table\":");
        json_str(out, r->tables[f->table].def->name);
        if (f->row >= 0)
            str_addf(out, ",\"row\":%d", (int)f->row);
        else
            str_add(out, ",\"row\":null");
        str_add(out, ",\"child\":");
        json_str(out, ret_child(r, f->table, f->row));
        str_add(out, ",\"values\":{");
        const char *names[RTABLE_MAX_COLS] = {0};
        int n = field_names(r, f, names);
        for (int k = 0; k < n; k++) {
            if (k)
                str_addc(out, ',');
            json_str(out, names[k]);
            str_addc(out, ':');
            int col = rtable_col(r->tables[f->table].def, names[k]);
            json_str(out, f->row >= 0 ? ret_raw(r, f->table, f->row, col) : "");
        }
        str_add(out, "},\"fields\":");
        str_reset(&fields);
        finding_fields(&fields, r, f);
        json_str(out, fields.buf);
        str_add(out, ",\"message\":");
        json_str(out, f->rule->message);
        str_addc(out, '}');
    }
    str_release(&fields);
    str_add(out, "],\n\"rules\":[");
    for (int i = 0; i < d->set->n; i++) {
        if (i)
            str_add(out, ",\n");
        json_rule(out, d->set->rules[i]);
    }
    str_add(out, "]}\n");
}

static void html_text(struct str *out, const char *s) { esc_html(out, s); }

void findings_html(struct str *out, const struct findings_doc *d)
{
    const struct ret *r = d->r;
    const struct findings *f = d->f;
    char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
    str_add(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>");
    html_text(out, r->kind->title);
    str_add(out, " validation: ");
    html_text(out, d->source ? d->source : "");
    str_add(out, "</title>\n<style>body{font-family:Arial,sans-serif;margin:2em;max-width:70em}"
                 "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #b1b4b6;"
                 "padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f2f1}"
                 ".query{color:#594d00}.error{color:#942514}</style></head><body>\n<h1>");
    html_text(out, r->kind->title);
    str_add(out, " validation</h1>\n<p>");
    html_text(out, d->source ? d->source : "");
    str_addf(out, ": census period %s to %s, rules of %d/%02d. %zu findings from %zu rules run",
             date_format_iso(r->period_start, a), date_format_iso(r->period_end, b),
             d->set->year - 1, d->set->year % 100, f->n, f->nran);
    str_addf(out, "; %zu rules skipped.</p>\n", f->nskipped);

    /* Summary: one row per rule with findings. */
    str_add(out, "<h2>Findings by rule</h2>\n<table><tr><th>rule</th><th>severity</th>"
                 "<th>findings</th><th>message</th></tr>\n");
    for (size_t i = 0; i < f->n;) {
        size_t j = i;
        while (j < f->n && f->v[j].rule == f->v[i].rule)
            j++;
        const struct rule *rule = f->v[i].rule;
        str_add(out, "<tr><td><a href=\"#r");
        html_text(out, rule->code);
        str_add(out, "\">");
        html_text(out, rule->code);
        str_addf(out, "</a></td><td class=\"%s\">%s</td><td>%zu</td><td>",
                 rule_severity_name(rule->severity), rule_severity_name(rule->severity), j - i);
        html_text(out, rule->message);
        str_add(out, "</td></tr>\n");
        i = j;
    }
    str_add(out, "</table>\n");

    for (size_t i = 0; i < f->n;) {
        size_t j = i;
        while (j < f->n && f->v[j].rule == f->v[i].rule)
            j++;
        const struct rule *rule = f->v[i].rule;
        str_add(out, "<h2 id=\"r");
        html_text(out, rule->code);
        str_add(out, "\">");
        html_text(out, rule->code);
        str_addf(out, " (%s, %zu)</h2>\n<p>", rule_severity_name(rule->severity), j - i);
        html_text(out, rule->message);
        str_add(out, "</p>\n<table><tr><th>child</th><th>module</th><th>row</th>"
                     "<th>values at fault</th></tr>\n");
        for (size_t k = i; k < j; k++) {
            const struct finding *g = &f->v[k];
            maybe_flush(out, d);
            str_add(out, "<tr><td>");
            html_text(out, ret_child(r, g->table, g->row));
            str_add(out, "</td><td>");
            html_text(out, r->tables[g->table].def->name);
            str_add(out, "</td><td>");
            if (g->row >= 0)
                str_addf(out, "%d", (int)g->row);
            str_add(out, "</td><td>");
            const char *names[RTABLE_MAX_COLS] = {0};
            int n = field_names(r, g, names);
            for (int m = 0; m < n && g->row >= 0; m++) {
                int col = rtable_col(r->tables[g->table].def, names[m]);
                const char *v = ret_raw(r, g->table, g->row, col);
                if (m)
                    str_add(out, "<br>");
                html_text(out, names[m]);
                str_add(out, ": ");
                if (*v)
                    html_text(out, v);
                else
                    str_add(out, "<i>missing</i>");
            }
            str_add(out, "</td></tr>\n");
        }
        str_add(out, "</table>\n");
        i = j;
    }

    if (f->nskipped) {
        str_add(out, "<h2>Rules not run</h2>\n<table><tr><th>rule</th><th>why</th></tr>\n");
        for (size_t i = 0; i < f->nskipped; i++) {
            str_add(out, "<tr><td>");
            html_text(out, f->skipped[i].rule->code);
            str_add(out, "</td><td>");
            html_text(out, f->skipped[i].reason);
            str_add(out, "</td></tr>\n");
        }
        str_add(out, "</table>\n");
    }
    str_add(out, "</body></html>\n");
}

void findings_write(struct str *out, enum findings_format fmt, const struct findings_doc *d)
{
    struct findings_doc doc = *d;
    /* a CSV long enough for two threads is written by them (csv_parallel) */
    bool threads = fmt == FINDINGS_CSV && csv_workers(d) > 1;
    doc.writer = d->flush && !threads ? writer_start(d->flush) : NULL;
    switch (fmt) {
    case FINDINGS_CSV:
        findings_csv(out, &doc);
        break;
    case FINDINGS_JSON:
        findings_json(out, &doc);
        break;
    case FINDINGS_HTML:
        findings_html(out, &doc);
        break;
    }
    if (doc.writer)
        writer_stop(doc.writer); /* what is left in `out` comes after, from the caller */
}
