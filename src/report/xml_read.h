/*
 * A small pull reader for XML returns (CIN census, SSDA903 XML), over libxml2's streaming
 * xmlTextReader. This is the only file that includes libxml2: readers of particular
 * returns walk the events below and never see libxml2, and writers check what they wrote
 * against its schema through xml_validate_xsd.
 *
 * Events come in document order: XR_START for an element (its name and depth), XR_TEXT
 * for its character data (whitespace-only text between elements is dropped), XR_END when
 * it closes (also for an empty element <a/>). Memory stays bounded whatever the input: the
 * file is read in blocks, a text longer than XML_TEXT_MAX is an error, and so is a file
 * larger than the limit given to xml_read_open.
 *
 * The reader refuses what a return never needs: DTDs are not loaded, entities are not
 * expanded, nothing is fetched from the network. Errors (malformed XML, bad encoding, a
 * truncated file) name the file, line and column.
 */
#ifndef KITH_REPORT_XML_READ_H
#define KITH_REPORT_XML_READ_H

#include <stddef.h>

#include "core/err.h"

#define XML_TEXT_MAX 4096
#define XML_DEPTH_MAX 64

enum xml_event { XR_START, XR_TEXT, XR_END, XR_EOF, XR_ERROR };

struct xml_read;

/* Open `path` (refused when larger than max_bytes, 0 = no limit). `name` is how errors name
 * the input; NULL uses the path. */
enum kerr_code xml_read_open(struct xml_read **x, const char *path, const char *name,
                             size_t max_bytes, struct kerr *e);
/* Read from memory (the fuzz targets and the web upload). The bytes must outlive reading. */
enum kerr_code xml_read_memory(struct xml_read **x, const char *data, size_t len, const char *name,
                               struct kerr *e);
void xml_read_close(struct xml_read *x);

/* The next event; XR_ERROR fills `e` with the place and the problem. */
enum xml_event xml_read_next(struct xml_read *x, struct kerr *e);

/* The current element's name (XR_START, XR_END), its depth (the root is 0), and for
 * XR_TEXT the text and its length. A name stays valid until the reader is closed, and
 * within one reader equal names are the same pointer (so callers may cache by pointer);
 * a text is valid until the next call. */
const char *xml_read_name(const struct xml_read *x);
int xml_read_depth(const struct xml_read *x);
const char *xml_read_text(const struct xml_read *x, size_t *len);
/* Where the current event is in the input (1-based; 0 when unknown). */
int xml_read_line(const struct xml_read *x);
int xml_read_column(const struct xml_read *x);
const char *xml_read_source(const struct xml_read *x);

/* Whether the document `data` (`len` bytes, `name` for messages) is valid against the XML
 * Schema at `xsd_path`: KITH_OK, or KITH_E_INVALID with the first problem and its line in
 * `e`; KITH_E_IO when the schema cannot be read or is no schema. Nothing is fetched from
 * the network and no DTD is loaded. The same libxml2 as the reader, so this file stays
 * the one that includes it. */
enum kerr_code xml_validate_xsd(const char *xsd_path, const char *data, size_t len,
                                const char *name, struct kerr *e);

#endif
