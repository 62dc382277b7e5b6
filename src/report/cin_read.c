/*
 * The CIN census XML reader (see cin_read.h). One table (cin_xml.c, which the writer walks
 * too) maps (enclosing element, element name) to what the element is: a container that opens a row
 * of a module, a field of the current row, or both at once (a Disability, an assessment factor, a
 * review date). The walk keeps one context per depth, so unknown elements and everything inside
 * them are skipped without a special case, and the memory used is the tables being filled.
 */
#include "report/cin_read.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#include "domain/ret/cin.h"
#include "report/cin_xml.h"
#include "report/xml_read.h"

struct walk {
    struct ret *r;
    struct xml_read *x;
    const struct cin_read_opts *o;
    enum cin_xml_ctx stack[XML_DEPTH_MAX + 1];
    int32_t cur[CIN_NTABLES];   /* the current row of each module, -1 before the first */
    uint64_t seen[CIN_NTABLES]; /* fields already set in that row (the first one is kept) */
    int32_t child_first[CIN_NTABLES];
    int reviews_in_block; /* dates seen in the current <Reviews> */
    /* The field being read. */
    int ftable, fcol, fdepth, fline, fcolumn;
    char text[XML_TEXT_MAX + 1];
    size_t len;
    int warnings;
    /* (enclosing context, element name) -> what it is. The XML reader gives each name as one
     * interned string, so the pointer is the key and most elements cost no string compare. */
    struct {
        enum cin_xml_ctx parent;
        const char *name;
        const struct cin_xml_elem *el;
    } cache[256];
};

static const struct cin_xml_elem *find_elem(enum cin_xml_ctx parent, const char *name)
{
    for (size_t i = 0; i < cin_xml_nelems; i++)
        if (cin_xml_elems[i].parent == parent && !strcmp(cin_xml_elems[i].name, name))
            return &cin_xml_elems[i];
    return NULL;
}

static const struct cin_xml_elem *lookup(struct walk *w, enum cin_xml_ctx parent, const char *name)
{
    size_t h = (((uintptr_t)name >> 3) * 31u + (size_t)parent) & 255u;
    if (w->cache[h].name == name && w->cache[h].parent == parent)
        return w->cache[h].el;
    const struct cin_xml_elem *el = find_elem(parent, name);
    w->cache[h].parent = parent;
    w->cache[h].name = name;
    w->cache[h].el = el;
    return el;
}

static int32_t open_row(struct walk *w, int t)
{
    struct ret *r = w->r;
    int32_t row = ret_add_row(r, t, xml_read_line(w->x));
    if (cin_xml_parent[t].col >= 0 && w->cur[cin_xml_parent[t].parent] >= 0)
        ret_set_value(r, t, row, cin_xml_parent[t].col, w->cur[cin_xml_parent[t].parent]);
    w->cur[t] = row;
    w->seen[t] = 0;
    return row;
}

static void warn(struct walk *w, const char *col, const char *text)
{
    int max = w->o && w->o->max_warnings ? w->o->max_warnings : 20;
    if (!w->o || !w->o->warn)
        return;
    if (++w->warnings <= max)
        fprintf(w->o->warn,
                "kith: %s line %d: %s '%s' is not a date (YYYY-MM-DD, years 1800 to 2200); "
                "read as missing\n",
                xml_read_source(w->x), w->fline, col, text);
}

static void end_field(struct walk *w)
{
    struct ret *r = w->r;
    int t = w->ftable, c = w->fcol;
    int32_t row = w->cur[t];
    if (row < 0 || (w->seen[t] & (UINT64_C(1) << c)))
        return;
    w->seen[t] |= UINT64_C(1) << c;
    /* Schema types collapse surrounding white space; so does the DfE's check. */
    char *s = w->text;
    size_t n = w->len;
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    ret_set(r, t, row, c, s, n);
    if (r->tables[t].val[c][row] == RDATE_BAD && r->tables[t].def->cols[c].type == RCOL_DATE) {
        s[n] = '\0';
        warn(w, r->tables[t].def->cols[c].name, s);
    }
}

static void start_child(struct walk *w)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        w->child_first[t] = w->r->tables[t].nrows;
    open_row(w, CIN_CHILD);
    open_row(w, CIN_CHARACTERISTICS);
}

/* Every module names the child: copy the LAchildID into each row the child gave. */
static void end_child(struct walk *w)
{
    struct ret *r = w->r;
    int32_t crow = w->cur[CIN_CHILD];
    uint32_t id = r->tables[CIN_CHILD].raw[CH_LA_CHILD_ID][crow];
    for (int t = CIN_CHARACTERISTICS; t < CIN_NTABLES; t++)
        for (int32_t row = w->child_first[t]; row < r->tables[t].nrows; row++)
            ret_set_interned(r, t, row, 0, id);
}

/* A string of the factors of the assessment that just closed, for reports. */
static void end_assessment(struct walk *w)
{
    struct ret *r = w->r;
    int32_t a = w->cur[CIN_ASSESSMENT];
    const struct rtable *f = &r->tables[CIN_FACTOR];
    char buf[512];
    size_t n = 0;
    for (int32_t i = f->nrows - 1; i >= 0 && f->val[AF_ASSESSMENT][i] == a; i--) {
        const char *code = ret_str(r, f->raw[AF_FACTOR][i]);
        size_t k = strlen(code);
        if (n + k + 2 >= sizeof(buf))
            break;
        memmove(buf + k + (n ? 1 : 0), buf, n);
        /* not NUL-terminated on purpose: ret_set takes the length */
        memcpy(buf, code, k); // NOLINT(bugprone-not-null-terminated-result)
        if (n)
            buf[k] = ',';
        n += k + (n ? 1 : 0);
    }
    if (n)
        ret_set(r, CIN_ASSESSMENT, a, AS_FACTORS, buf, n);
}

static enum kerr_code on_start(struct walk *w, struct kerr *e)
{
    int depth = xml_read_depth(w->x);
    enum cin_xml_ctx parent = depth > 0 ? w->stack[depth - 1] : X_TOP;
    const char *name = xml_read_name(w->x);
    const struct cin_xml_elem *el = NULL;
    if (parent != X_SKIP && parent != X_FIELD && parent != X_ROW_FIELD)
        el = lookup(w, parent, name);
    if (depth == 0 && !el) {
        kerr_fail(e, KITH_E_PARSE, NULL,
                  "not a CIN census: the document is <%s>, a census is <Message>", name);
        return kerr_at(e, "%s line %d", xml_read_source(w->x), xml_read_line(w->x));
    }
    enum cin_xml_ctx ctx = el ? el->ctx : X_SKIP;
    w->stack[depth] = ctx;
    switch (ctx) {
    case X_HEADER:
        if (w->cur[CIN_HEADER] < 0)
            open_row(w, CIN_HEADER);
        else
            w->stack[depth] = X_SKIP; /* a second header is not read */
        break;
    case X_CHILD:
        start_child(w);
        break;
    case X_DETAILS:
    case X_ASSESSMENT:
    case X_PLAN:
    case X_S47:
    case X_CPP:
    case X_PREPROC:
        open_row(w, el->table);
        break;
    case X_REVIEWS:
        w->reviews_in_block = 0;
        break;
    case X_ROW_FIELD:
    case X_FIELD:
        if (ctx == X_ROW_FIELD) {
            open_row(w, el->table);
            if (el->table == CIN_REVIEW)
                w->reviews_in_block++;
        }
        w->ftable = el->table;
        w->fcol = el->col;
        w->fdepth = depth;
        w->fline = xml_read_line(w->x);
        w->fcolumn = xml_read_column(w->x);
        w->len = 0;
        break;
    default:
        break;
    }
    return KITH_OK;
}

static void on_end(struct walk *w)
{
    int depth = xml_read_depth(w->x);
    switch (w->stack[depth]) {
    case X_FIELD:
    case X_ROW_FIELD:
        end_field(w);
        break;
    case X_CHILD:
        end_child(w);
        break;
    case X_ASSESSMENT:
        end_assessment(w);
        break;
    case X_REVIEWS:
        /* A <Reviews> with no date is a review record with its date missing (8842Q). */
        if (!w->reviews_in_block && w->cur[CIN_CPP] >= 0)
            open_row(w, CIN_REVIEW);
        break;
    default:
        break;
    }
}

static enum kerr_code walk(struct walk *w, struct kerr *e)
{
    for (int t = 0; t < CIN_NTABLES; t++)
        w->cur[t] = -1;
    bool root = false;
    for (;;) {
        enum xml_event ev = xml_read_next(w->x, e);
        switch (ev) {
        case XR_START:
            if (on_start(w, e))
                return e->code;
            root = true;
            break;
        case XR_TEXT: {
            int depth = xml_read_depth(w->x) - 1;
            if (depth < 0 || (w->stack[depth] != X_FIELD && w->stack[depth] != X_ROW_FIELD))
                break;
            size_t n;
            const char *s = xml_read_text(w->x, &n);
            if (w->len + n > XML_TEXT_MAX) {
                kerr_fail(e, KITH_E_PARSE, NULL, "a value is longer than any field of a return");
                return kerr_at(e, "%s line %d column %d", xml_read_source(w->x), w->fline,
                               w->fcolumn);
            }
            memcpy(w->text + w->len, s, n);
            w->len += n;
            w->text[w->len] = '\0';
            break;
        }
        case XR_END:
            on_end(w);
            break;
        case XR_EOF:
            if (!root) {
                kerr_fail(e, KITH_E_PARSE, NULL, "the file is empty: no XML elements in it");
                return kerr_at(e, "%s", xml_read_source(w->x));
            }
            if (w->warnings > (w->o && w->o->max_warnings ? w->o->max_warnings : 20))
                fprintf(w->o->warn, "kith: %s: %d more values were not dates\n",
                        xml_read_source(w->x),
                        w->warnings - (w->o->max_warnings ? w->o->max_warnings : 20));
            return KITH_OK;
        case XR_ERROR:
            return e->code;
        }
    }
}

enum kerr_code cin_read_file(struct ret *r, const char *path, const char *name,
                             const struct cin_read_opts *o, struct kerr *e)
{
    struct walk *w = xcalloc(1, sizeof(*w));
    w->r = r;
    w->o = o;
    enum kerr_code rc = xml_read_open(&w->x, path, name, o ? o->max_bytes : 0, e);
    if (!rc)
        rc = walk(w, e);
    xml_read_close(w->x);
    free(w);
    return rc;
}

enum kerr_code cin_read_memory(struct ret *r, const char *data, size_t len, const char *name,
                               const struct cin_read_opts *o, struct kerr *e)
{
    struct walk *w = xcalloc(1, sizeof(*w));
    w->r = r;
    w->o = o;
    enum kerr_code rc = xml_read_memory(&w->x, data, len, name, e);
    if (!rc)
        rc = walk(w, e);
    xml_read_close(w->x);
    free(w);
    return rc;
}
