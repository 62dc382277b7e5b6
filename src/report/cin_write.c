/*
 * The CIN census XML writer (cin_write.h). It walks the format's table (cin_xml.c) from the
 * top: a container that repeats a module's rows writes one element per row of that module
 * under the current parent row; a field writes the current row's value; a wrapper writes
 * its element only when something inside it was written. Rows of a module are grouped by
 * parent in the parents' order (domain/ret/cin.h), so one cursor per module walks each
 * table once: the whole file is written in one pass over the return.
 */
#include "report/cin_write.h"

#include <string.h>

#include "core/esc.h"
#include "domain/ret/cin.h"
#include "report/cin_xml.h"

struct writer {
    const struct ret *r;
    struct str *out;
    int32_t cur[CIN_NTABLES];  /* the row being written of each module, -1 outside one */
    int32_t next[CIN_NTABLES]; /* the first row of each module not yet written */
};

static void indent(struct writer *w, int depth)
{
    for (int i = 0; i < depth; i++)
        str_add(w->out, "  ");
}

static void value(struct writer *w, const char *name, int t, int32_t row, int col, int depth)
{
    const struct rtable *tb = &w->r->tables[t];
    if (row < 0 || row >= tb->nrows || !tb->raw[col][row])
        return;
    indent(w, depth);
    str_addf(w->out, "<%s>", name);
    esc_html(w->out, ret_raw(w->r, t, row, col));
    str_addf(w->out, "</%s>\n", name);
}

/* Whether row `row` of module `t` sits in the current row of its parent module. */
static bool under_parent(const struct writer *w, int t, int32_t row)
{
    const struct cin_xml_parent *p = &cin_xml_parent[t];
    return p->col < 0 || w->r->tables[t].val[p->col][row] == w->cur[p->parent];
}

static void inside(struct writer *w, enum cin_xml_ctx ctx, int depth);

static void element(struct writer *w, const struct cin_xml_elem *e, int depth)
{
    int t = e->ctx == X_ROW_FIELD ? e->table : cin_xml_rows(e->ctx);
    if (e->ctx == X_FIELD) {
        value(w, e->name, e->table, w->cur[e->table], e->col, depth);
        return;
    }
    if (t < 0) { /* a wrapper: written when something inside it was */
        size_t at = w->out->len;
        indent(w, depth);
        str_addf(w->out, "<%s>\n", e->name);
        size_t open = w->out->len;
        inside(w, e->ctx, depth + 1);
        if (w->out->len == open && e->ctx != X_MESSAGE && e->ctx != X_CHILDREN)
            w->out->len = at; /* nothing inside: no element */
        else {
            indent(w, depth);
            str_addf(w->out, "</%s>\n", e->name);
        }
        return;
    }
    /* a module: one element per row of it in the current parent row */
    const struct rtable *tb = &w->r->tables[t];
    while (w->next[t] < tb->nrows && under_parent(w, t, w->next[t])) {
        int32_t row = w->next[t]++;
        if (e->ctx == X_ROW_FIELD) {
            value(w, e->name, t, row, e->col, depth);
            continue;
        }
        w->cur[t] = row;
        indent(w, depth);
        str_addf(w->out, "<%s>\n", e->name);
        inside(w, e->ctx, depth + 1);
        indent(w, depth);
        str_addf(w->out, "</%s>\n", e->name);
        w->cur[t] = -1;
    }
}

static void inside(struct writer *w, enum cin_xml_ctx ctx, int depth)
{
    for (size_t i = 0; i < cin_xml_nelems; i++)
        if (cin_xml_elems[i].parent == ctx)
            element(w, &cin_xml_elems[i], depth);
}

void cin_write(const struct ret *r, struct str *out)
{
    struct writer w = {.r = r, .out = out};
    for (int t = 0; t < CIN_NTABLES; t++)
        w.cur[t] = -1;
    str_add(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    inside(&w, X_TOP, 0);
}
