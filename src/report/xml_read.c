/*
 * The pull reader for XML returns (see xml_read.h), over libxml2's SAX2 push parser: the
 * file is fed to the parser a block at a time, the callbacks queue the events the block
 * produced (names are libxml2's interned strings, texts are copied into one buffer), and
 * xml_read_next hands them out one by one. So memory is one block of input plus its events,
 * and no tree is built (libxml2's own pull reader builds and frees a node per element, at
 * several times the cost).
 *
 * Refused rather than processed: a document type declaration (and so any entity beyond the
 * five predefined ones), anything from the network. libxml2's errors become kith's: the
 * file, line and column, in plain words; a file that ends inside an element is said to be
 * cut short, naming the element and where it opened. xml_validate_xsd, at the end, checks
 * a document kith wrote against the schema of its return.
 */
#include "report/xml_read.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>

#include "core/str.h"
#include "core/xalloc.h"

#define BLOCK 65536

struct event {
    enum xml_event type;
    int depth, line;
    const char *name; /* XR_START, XR_END: interned by libxml2's dictionary */
    size_t text_off, text_len;
};

struct xml_read {
    xmlParserCtxtPtr ctxt;
    xmlSAXHandler sax;
    FILE *f;
    const char *mem;
    size_t mem_len, pos;
    size_t max_bytes, consumed;
    bool too_large, read_failed, at_eof, finished, refused;
    char block[BLOCK];
    /* Events of the blocks parsed so far and not yet handed out. */
    struct event *ev;
    size_t nev, cap, next;
    struct str text;
    int depth; /* open elements */
    const struct event *cur;
    char source[256];
    /* The first error. */
    bool have_error;
    int err_line, err_col, err_code;
    char err_msg[256];
    /* The elements still open, innermost last, for saying where a cut-short file ends. */
    struct {
        const char *name;
        int line;
    } open[XML_DEPTH_MAX];
};

static struct event *push_event(struct xml_read *x, enum xml_event type)
{
    if (x->nev == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 1024;
        x->ev = xreallocarray(x->ev, x->cap, sizeof(*x->ev));
    }
    struct event *e = &x->ev[x->nev++];
    memset(e, 0, sizeof(*e)); // NOLINT(clang-analyzer-core.NonNullParamChecker): x->ev was just
                              // grown by xreallocarray, which never returns NULL
    e->type = type;
    e->line = x->ctxt ? xmlSAX2GetLineNumber(x->ctxt) : 0;
    return e;
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* White space between elements is not data: drop a queued text that is only that. */
static void drop_blank_text(struct xml_read *x)
{
    if (x->nev > x->next && x->ev[x->nev - 1].type == XR_TEXT &&
        is_blank(x->text.buf + x->ev[x->nev - 1].text_off, x->ev[x->nev - 1].text_len))
        x->nev--;
}

static void stop(struct xml_read *x, const char *msg)
{
    if (!x->have_error) {
        x->have_error = true;
        x->err_line = xmlSAX2GetLineNumber(x->ctxt);
        x->err_col = xmlSAX2GetColumnNumber(x->ctxt);
        snprintf(x->err_msg, sizeof(x->err_msg), "%s", msg);
    }
    x->refused = true;
    xmlStopParser(x->ctxt);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattr, (void)ndefaulted, (void)attrs;
    struct xml_read *x = ctx;
    if (x->depth >= XML_DEPTH_MAX) {
        stop(x, "elements are nested too deeply for a return");
        return;
    }
    drop_blank_text(x);
    struct event *e = push_event(x, XR_START);
    e->name = (const char *)localname;
    e->depth = x->depth;
    x->open[x->depth].name = e->name;
    x->open[x->depth].line = e->line;
    x->depth++;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    struct xml_read *x = ctx;
    drop_blank_text(x);
    if (x->depth > 0)
        x->depth--;
    struct event *e = push_event(x, XR_END);
    e->name = (const char *)localname;
    e->depth = x->depth;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
    struct xml_read *x = ctx;
    if (len <= 0)
        return;
    struct event *last = x->nev > x->next ? &x->ev[x->nev - 1] : NULL;
    if (!last || last->type != XR_TEXT) {
        last = push_event(x, XR_TEXT);
        last->depth = x->depth;
        last->text_off = x->text.len;
    }
    if (last->text_len + (size_t)len > XML_TEXT_MAX) {
        stop(x, "a value is longer than any field of a return (4096 bytes)");
        return;
    }
    str_addn(&x->text, (const char *)s, (size_t)len);
    last->text_len += (size_t)len;
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *id,
                               const xmlChar *sys)
{
    (void)name, (void)id, (void)sys;
    stop(ctx, "a document type declaration (DTD) is not allowed in a return");
}

static xmlEntityPtr on_entity(void *ctx, const xmlChar *name)
{
    (void)name;
    stop(ctx, "entity references are not allowed in a return");
    return NULL;
}

/* libxml2's message: the first line, trimmed, starting in lower case. */
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

/* Read the next block of input; its length, 0 at the end, -1 on an error. */
static long read_block(struct xml_read *x)
{
    size_t n;
    if (x->f) {
        n = fread(x->block, 1, BLOCK, x->f);
        if (n == 0 && ferror(x->f)) {
            x->read_failed = true;
            return -1;
        }
    } else {
        n = x->mem_len - x->pos;
        if (n > BLOCK)
            n = BLOCK;
        memcpy(x->block, x->mem + x->pos, n);
        x->pos += n;
    }
    x->consumed += n;
    if (n == 0)
        x->at_eof = true;
    if (x->max_bytes && x->consumed > x->max_bytes) {
        x->too_large = true;
        return -1;
    }
    return (long)n;
}

static void start(struct xml_read *x)
{
    xmlInitParser();
    x->sax.initialized = XML_SAX2_MAGIC;
    x->sax.startElementNs = on_start;
    x->sax.endElementNs = on_end;
    x->sax.characters = on_text;
    x->sax.cdataBlock = on_text;
    x->sax.internalSubset = on_internal_subset;
    x->sax.getEntity = on_entity;
    x->sax.serror = on_error;
    str_init(&x->text, 0);
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
    start(x);
    *out = x;
    return KITH_OK;
}

enum kerr_code xml_read_memory(struct xml_read **out, const char *data, size_t len,
                               const char *name, struct kerr *e)
{
    (void)e;
    struct xml_read *x = xcalloc(1, sizeof(*x));
    x->mem = data;
    x->mem_len = len;
    snprintf(x->source, sizeof(x->source), "%s", name ? name : "input");
    start(x);
    *out = x;
    return KITH_OK;
}

void xml_read_close(struct xml_read *x)
{
    if (!x)
        return;
    if (x->ctxt) {
        if (x->ctxt->myDoc)
            xmlFreeDoc(x->ctxt->myDoc);
        xmlFreeParserCtxt(x->ctxt);
    }
    if (x->f)
        fclose(x->f);
    free(x->ev);
    str_release(&x->text);
    free(x);
}

int xml_read_line(const struct xml_read *x) { return x->cur ? x->cur->line : 0; }
int xml_read_column(const struct xml_read *x)
{
    return x->ctxt ? xmlSAX2GetColumnNumber(x->ctxt) : 0;
}
const char *xml_read_source(const struct xml_read *x) { return x->source; }

static enum xml_event fail(struct xml_read *x, struct kerr *e, enum kerr_code code, int line,
                           int col, const char *msg)
{
    kerr_fail(e, code, NULL, "%s", msg);
    if (line > 0 && col > 0)
        kerr_at(e, "%s line %d column %d", x->source, line, col);
    else if (line > 0)
        kerr_at(e, "%s line %d", x->source, line);
    else
        kerr_at(e, "%s", x->source);
    return XR_ERROR;
}

static enum xml_event failed(struct xml_read *x, struct kerr *e)
{
    if (x->too_large) {
        char msg[128];
        snprintf(msg, sizeof(msg),
                 "the file is larger than the limit of %zu MB (--max-size raises it)",
                 x->max_bytes >> 20);
        return fail(x, e, KITH_E_TOO_LARGE, 0, 0, msg);
    }
    if (x->read_failed)
        return fail(x, e, KITH_E_IO, 0, 0, "reading failed");
    if (x->at_eof && x->consumed == 0)
        return fail(x, e, KITH_E_PARSE, 0, 0, "the file is empty");
    if (x->refused)
        return fail(x, e, KITH_E_PARSE, x->err_line, x->err_col, x->err_msg);
    /* libxml2 says "premature end of data" or "extra content" for a file cut short; say
     * what is missing instead. */
    if (x->at_eof && x->depth > 0) {
        char msg[192];
        snprintf(msg, sizeof(msg),
                 "the file ends inside <%s> (opened on line %d): it may have been cut short",
                 x->open[x->depth - 1].name, x->open[x->depth - 1].line);
        return fail(x, e, KITH_E_PARSE, x->err_line, 0, msg);
    }
    if (x->have_error &&
        (x->err_code == XML_ERR_INVALID_CHAR || x->err_code == XML_ERR_INVALID_ENCODING ||
         x->err_code == XML_ERR_UNKNOWN_ENCODING || x->err_code == XML_ERR_UNSUPPORTED_ENCODING))
        return fail(x, e, KITH_E_PARSE, x->err_line, x->err_col,
                    "the text is not in the encoding the file declares (UTF-8 unless its "
                    "<?xml ... encoding=...?> says otherwise): save it as UTF-8, or declare "
                    "its encoding");
    if (x->have_error)
        return fail(x, e, KITH_E_PARSE, x->err_line, x->err_col, x->err_msg);
    return fail(x, e, KITH_E_PARSE, 0, 0, "not well-formed XML");
}

/* Parse blocks until there are events to hand out or the input is over. */
static bool fill(struct xml_read *x)
{
    x->nev = x->next = 0;
    str_reset(&x->text);
    while (!x->finished && x->nev == 0) {
        long n = read_block(x);
        if (n < 0)
            return false;
        if (!x->ctxt) {
            /* The first bytes tell libxml2 the encoding (a BOM, or <?xml ... ?>). */
            int first = n < 4 ? (int)n : 4;
            x->ctxt = xmlCreatePushParserCtxt(&x->sax, x, x->block, first, x->source);
            if (!x->ctxt)
                return false;
            xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
            if (xmlParseChunk(x->ctxt, x->block + first, (int)n - first, n == 0) || x->have_error)
                return false;
        } else if (xmlParseChunk(x->ctxt, x->block, (int)n, n == 0) || x->have_error) {
            return false;
        }
        if (n == 0) {
            x->finished = true;
            if (x->depth > 0 || !x->ctxt->wellFormed)
                return false;
        }
    }
    return true;
}

enum xml_event xml_read_next(struct xml_read *x, struct kerr *e)
{
    if (x->next == x->nev) {
        if (x->finished && !x->have_error)
            return XR_EOF;
        if (!fill(x))
            return failed(x, e);
        if (x->nev == 0)
            return XR_EOF;
    }
    x->cur = &x->ev[x->next++];
    return x->cur->type;
}

const char *xml_read_name(const struct xml_read *x)
{
    return x->cur && x->cur->name ? x->cur->name : "";
}

int xml_read_depth(const struct xml_read *x) { return x->cur ? x->cur->depth : 0; }

const char *xml_read_text(const struct xml_read *x, size_t *len)
{
    if (!x->cur || x->cur->type != XR_TEXT) {
        if (len)
            *len = 0;
        return "";
    }
    if (len)
        *len = x->cur->text_len;
    return x->text.buf + x->cur->text_off;
}

/* --- validation against a schema --------------------------------------------------------- */

struct xsd_first {
    bool have;
    int line;
    char msg[300];
};

/* Keep the first problem, its first line trimmed; libxml2 would print every one. */
static void on_xsd_error(void *ctx, xmlErrorPtr err)
{
    struct xsd_first *f = ctx;
    if (f->have || !err || err->level < XML_ERR_ERROR)
        return;
    f->have = true;
    f->line = err->line;
    snprintf(f->msg, sizeof f->msg, "%s", err->message ? err->message : "not valid");
    size_t n = strcspn(f->msg, "\n");
    while (n && (f->msg[n - 1] == ' ' || f->msg[n - 1] == '.'))
        n--;
    f->msg[n] = '\0';
}

enum kerr_code xml_validate_xsd(const char *xsd_path, const char *data, size_t len,
                                const char *name, struct kerr *e)
{
    struct xsd_first first = {0};
    enum kerr_code rc = KITH_OK;
    FILE *f = fopen(xsd_path, "rb"); /* said in kith's words, before libxml2 prints its own */
    if (!f)
        return kerr_fail(e, KITH_E_IO, "schema", "cannot read the schema '%s': %s", xsd_path,
                         strerror(errno));
    fclose(f);
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(xsd_path);
    xmlSchemaPtr schema = NULL;
    if (pctx) {
        xmlSchemaSetParserStructuredErrors(pctx, on_xsd_error, &first);
        schema = xmlSchemaParse(pctx);
        xmlSchemaFreeParserCtxt(pctx);
    }
    if (!schema)
        return kerr_fail(e, KITH_E_IO, "schema", "cannot read the schema '%s'%s%s", xsd_path,
                         first.have ? ": " : "", first.msg);
    first.have = false;
    xmlDocPtr doc = len > INT32_MAX
                        ? NULL
                        : xmlReadMemory(data, (int)len, name, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSchemaValidCtxtPtr vctx = doc ? xmlSchemaNewValidCtxt(schema) : NULL;
    if (!doc)
        rc = kerr_fail(e, KITH_E_INVALID, NULL, "%s is not well-formed XML", name);
    else if (!vctx)
        rc = kerr_fail(e, KITH_E_IO, "schema", "cannot validate against '%s'", xsd_path);
    else {
        xmlSchemaSetValidStructuredErrors(vctx, on_xsd_error, &first);
        if (xmlSchemaValidateDoc(vctx, doc) != 0)
            rc = kerr_fail(e, KITH_E_INVALID, NULL, "%s, line %d: %s", name, first.line,
                           first.have ? first.msg : "not valid against the schema");
    }
    xmlSchemaFreeValidCtxt(vctx);
    xmlFreeDoc(doc);
    xmlSchemaFree(schema);
    return rc;
}
