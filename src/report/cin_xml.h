/*
 * The CIN census XML format, described once for the reader (cin_read.c) and the writer
 * (cin_write.c): each element as (enclosing element, name) and what it is, in the order the
 * DfE schema gives them, and the module each nested module's rows refer to.
 */
#ifndef KITH_REPORT_CIN_XML_H
#define KITH_REPORT_CIN_XML_H

#include <stddef.h>

/* Where the walk is: the element the next ones are inside. */
enum cin_xml_ctx {
    X_TOP,
    X_MESSAGE,
    X_HEADER,
    X_COLLECTION,
    X_SOURCE,
    X_CHILDREN,
    X_CHILD,
    X_IDS,
    X_CHARS,
    X_DISABILITIES,
    X_DETAILS,
    X_ASSESSMENT,
    X_FACTORS,
    X_PLAN,
    X_S47,
    X_CPP,
    X_REVIEWS,
    X_PREPROC,
    X_FIELD,     /* a field of the current row of `table` */
    X_ROW_FIELD, /* opens a row of `table` and is its field `col` */
    X_SKIP,
};

/* An element: a container (a module's row when `table` repeats, cin_xml_rows), a field of
 * the current row of `table`, or both at once (X_ROW_FIELD). */
struct cin_xml_elem {
    const char *name;
    enum cin_xml_ctx parent, ctx;
    int table, col;
};

extern const struct cin_xml_elem cin_xml_elems[];
extern const size_t cin_xml_nelems;

/* The column of each module that refers to the enclosing row, and the module it is in. */
struct cin_xml_parent {
    int col, parent;
};
extern const struct cin_xml_parent cin_xml_parent[];

/* The module whose rows a container repeats (Child: ChildIdentifiers), or -1. */
int cin_xml_rows(enum cin_xml_ctx ctx);

#endif
