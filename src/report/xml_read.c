/*
 * The pull reader for XML returns (see xml_read.h): libxml2's xmlTextReader fed through a
 * read callback that counts bytes, so that a file over the size limit stops cleanly, with
 * libxml2's own messages turned into kith's (file, line, column, plain words). DTDs and
 * entity references are refused rather than processed: a return needs neither, and both
 * are the usual way to make an XML parser use unbounded memory or reach the network.
 */
#include "report/xml_read.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlreader.h>

#include "core/xalloc.h"

struct xml_read {
    xmlTextReaderPtr reader;
    FILE *f;
    const char *mem;
    size_t mem_len, pos;
    size_t max_bytes, consumed;
    bool too_large, read_failed, at_eof;
    bool pending_end; /* an empty element: XR_END still to give */
    int depth;
    const char *name;
    const char *text;
    size_t text_len;
    char source[256];
    /* The first error libxml2 reported. */
    bool have_error;
    int err_line, err_col, err_code;
    char err_msg[256];
    /* The elements still open, innermost last, for saying where a cut-short file ends. */
    int nopen;
    struct {
        char name[48];
        int line;
    } open[XML_DEPTH_MAX];
};

static int read_cb(void *ctx, char *buf, int len)
{
    struct xml_read *x = ctx;
    size_t n;
    if (x->f) {
        n = fread(buf, 1, (size_t)len, x->f);
        if (n == 0 && ferror(x->f)) {
            x->read_failed = true;
            return -1;
        }
    } else {
        n = x->mem_len - x->pos;
        if (n > (size_t)len)
            n = (size_t)len;
        memcpy(buf, x->mem + x->pos, n);
        x->pos += n;
    }
    x->consumed += n;
    if (n == 0)
        x->at_eof = true;
    if (x->max_bytes && x->consumed > x->max_bytes) {
        x->too_large = true;
        return -1;
    }
    return (int)n;
}

static int close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

/* libxml2's messages end in a newline and sometimes carry the offending bytes; keep the
 * first line, trimmed. */
static void on_error(void *ctx, xmlErrorPtr err)
{
    struct xml_read *x = ctx;
    if (x->have_error || !err || err->level < XML_ERR_ERROR)
        return;
    x->have_error = true;
    x->err_code = err->code;
    x->err_line = err->line;
    x->err_col = err->int2;
    snprintf(x->err_msg, sizeof(x->err_msg), "%s", err->message ? err->message : "not XML");
    size_t n = strcspn(x->err_msg, "\n");
    x->err_msg[n] = '\0';
    while (n && (x->err_msg[n - 1] == ' ' || x->err_msg[n - 1] == '\r'))
        x->err_msg[--n] = '\0';
    if (x->err_msg[0] >= 'A' && x->err_msg[0] <= 'Z' && x->err_msg[1] >= 'a')
        x->err_msg[0] = (char)(x->err_msg[0] - 'A' + 'a');
}

/* Messages from parts of libxml2 that bypass the reader's handler go nowhere: the reader's
 * handler has the first error, which is the one that matters. */
static void quiet(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

static enum kerr_code start(struct xml_read *x, struct kerr *e)
{
    xmlInitParser();
    xmlSetStructuredErrorFunc(NULL, quiet);
    x->reader = xmlReaderForIO(read_cb, close_cb, x, NULL, NULL, XML_PARSE_NONET);
    if (!x->reader) {
        kerr_fail(e, KITH_E_PARSE, NULL, "could not start reading XML");
        return kerr_at(e, "%s", x->source);
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, on_error, x);
    return KITH_OK;
}

enum kerr_code xml_read_open(struct xml_read **out, const char *path, const char *name,
                             size_t max_bytes, struct kerr *e)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        kerr_fail(e, errno == ENOENT ? KITH_E_NOT_FOUND : KITH_E_IO, NULL, "cannot open: %s",
                  strerror(errno));
        return kerr_at(e, "%s", name ? name : path);
    }
    /* A regular file over the limit is refused before reading a byte of it. */
    struct stat st;
    if (max_bytes && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > (unsigned long long)max_bytes) {
        fclose(f);
        kerr_fail(e, KITH_E_TOO_LARGE, NULL,
                  "the file is %llu MB, larger than the limit of %zu MB (--max-size raises it)",
                  (unsigned long long)st.st_size >> 20, max_bytes >> 20);
        return kerr_at(e, "%s", name ? name : path);
    }
    struct xml_read *x = xcalloc(1, sizeof(*x));
    x->f = f;
    x->max_bytes = max_bytes;
    snprintf(x->source, sizeof(x->source), "%s", name ? name : path);
    enum kerr_code rc = start(x, e);
    if (rc) {
        xml_read_close(x);
        return rc;
    }
    *out = x;
    return KITH_OK;
}

enum kerr_code xml_read_memory(struct xml_read **out, const char *data, size_t len,
                               const char *name, struct kerr *e)
{
    struct xml_read *x = xcalloc(1, sizeof(*x));
    x->mem = data;
    x->mem_len = len;
    snprintf(x->source, sizeof(x->source), "%s", name ? name : "input");
    enum kerr_code rc = start(x, e);
    if (rc) {
        xml_read_close(x);
        *out = NULL;
        return rc;
    }
    *out = x;
    return KITH_OK;
}

void xml_read_close(struct xml_read *x)
{
    if (!x)
        return;
    if (x->reader)
        xmlFreeTextReader(x->reader);
    if (x->f)
        fclose(x->f);
    free(x);
}

/* The line of the current node when libxml2 knows it (it records where each element
 * starts), else where the parser has got to, which is a little ahead. */
int xml_read_line(const struct xml_read *x)
{
    if (!x->reader)
        return 0;
    xmlNodePtr node = xmlTextReaderCurrentNode(x->reader);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(x->reader);
}

int xml_read_column(const struct xml_read *x)
{
    return x->reader ? xmlTextReaderGetParserColumnNumber(x->reader) : 0;
}

const char *xml_read_source(const struct xml_read *x) { return x->source; }

static enum xml_event fail(struct xml_read *x, struct kerr *e, int line, int col, const char *msg)
{
    kerr_fail(e, KITH_E_PARSE, NULL, "%s", msg);
    if (line > 0 && col > 0)
        kerr_at(e, "%s line %d column %d", x->source, line, col);
    else if (line > 0)
        kerr_at(e, "%s line %d", x->source, line);
    else
        kerr_at(e, "%s", x->source);
    return XR_ERROR;
}

static enum xml_event read_failed(struct xml_read *x, struct kerr *e)
{
    if (x->too_large) {
        kerr_fail(e, KITH_E_TOO_LARGE, NULL,
                  "the file is larger than the limit of %zu MB (--max-size raises it)",
                  x->max_bytes >> 20);
        kerr_at(e, "%s", x->source);
        return XR_ERROR;
    }
    if (x->read_failed) {
        kerr_fail(e, KITH_E_IO, NULL, "reading failed: %s", strerror(errno));
        kerr_at(e, "%s", x->source);
        return XR_ERROR;
    }
    if (x->at_eof && x->consumed == 0)
        return fail(x, e, 0, 0, "the file is empty");
    /* libxml2 says "extra content" or "premature end" for a file cut short; say what is
     * missing instead. */
    if (x->at_eof && x->nopen > 0) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 "the file ends inside <%s> (opened on line %d): it may have been cut short",
                 x->open[x->nopen - 1].name, x->open[x->nopen - 1].line);
        return fail(x, e, x->err_line > 0 ? x->err_line : xml_read_line(x), 0, msg);
    }
    if (x->have_error && (x->err_code == XML_ERR_INVALID_CHAR ||
                          x->err_code == XML_ERR_INVALID_ENCODING ||
                          x->err_code == XML_ERR_UNKNOWN_ENCODING ||
                          x->err_code == XML_ERR_UNSUPPORTED_ENCODING))
        return fail(x, e, x->err_line, x->err_col,
                    "the text is not in the encoding the file declares (UTF-8 unless its "
                    "<?xml ... encoding=...?> says otherwise): save it as UTF-8, or declare "
                    "its encoding");
    if (x->have_error)
        return fail(x, e, x->err_line, x->err_col, x->err_msg);
    return fail(x, e, xml_read_line(x), xml_read_column(x), "not well-formed XML");
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

enum xml_event xml_read_next(struct xml_read *x, struct kerr *e)
{
    if (x->pending_end) {
        x->pending_end = false;
        return XR_END;
    }
    for (;;) {
        int rc = xmlTextReaderRead(x->reader);
        if (rc == 0)
            return x->have_error ? read_failed(x, e) : XR_EOF;
        if (rc < 0)
            return read_failed(x, e);
        int type = xmlTextReaderNodeType(x->reader);
        x->depth = xmlTextReaderDepth(x->reader);
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
            if (x->depth >= XML_DEPTH_MAX)
                return fail(x, e, xml_read_line(x), xml_read_column(x),
                            "elements are nested too deeply for a return");
            x->name = (const char *)xmlTextReaderConstLocalName(x->reader);
            if (xmlTextReaderIsEmptyElement(x->reader)) {
                x->pending_end = true;
            } else if (x->nopen < XML_DEPTH_MAX) {
                snprintf(x->open[x->nopen].name, sizeof(x->open[0].name), "%s", x->name);
                x->open[x->nopen++].line = xml_read_line(x);
            }
            return XR_START;
        case XML_READER_TYPE_END_ELEMENT:
            x->name = (const char *)xmlTextReaderConstLocalName(x->reader);
            if (x->nopen > 0)
                x->nopen--;
            return XR_END;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA: {
            const char *v = (const char *)xmlTextReaderConstValue(x->reader);
            if (!v || is_blank(v))
                continue;
            size_t n = strlen(v);
            if (n > XML_TEXT_MAX)
                return fail(x, e, xml_read_line(x), xml_read_column(x),
                            "a value is longer than any field of a return (4096 bytes)");
            x->text = v;
            x->text_len = n;
            return XR_TEXT;
        }
        case XML_READER_TYPE_DOCUMENT_TYPE:
            return fail(x, e, xml_read_line(x), xml_read_column(x),
                        "a document type declaration (DTD) is not allowed in a return");
        case XML_READER_TYPE_ENTITY_REFERENCE:
            return fail(x, e, xml_read_line(x), xml_read_column(x),
                        "entity references are not allowed in a return");
        default:
            continue; /* comments, processing instructions, whitespace */
        }
    }
}

const char *xml_read_name(const struct xml_read *x) { return x->name ? x->name : ""; }
int xml_read_depth(const struct xml_read *x) { return x->depth; }

const char *xml_read_text(const struct xml_read *x, size_t *len)
{
    if (len)
        *len = x->text_len;
    return x->text ? x->text : "";
}
