/*
 * kith's front-end assets, embedded at build time (tools/embed_assets.py from web/):
 * the stylesheet compiled with Arial, GOV.UK and MoJ Frontend's scripts, kith's two
 * start-up scripts and MoJ's icons. Pages link them under /assets/<asset_version>/, so a
 * browser may keep them for a year: a new build with other bytes has another version.
 */
#ifndef KITH_HTTP_ASSETS_H
#define KITH_HTTP_ASSETS_H

#include <stddef.h>

struct asset {
    const char *path; /* "kith.css", "images/icon-document.svg" */
    const char *type; /* the Content-Type to send */
    const char *data;
    size_t len;
};

extern const struct asset assets[]; /* NULL-path terminated */
extern const char asset_version[];

/* The asset at `path`, or NULL. */
const struct asset *asset_find(const char *path);

#endif
