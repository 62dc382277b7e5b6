/*
 * Serving the embedded assets (assets.h) with their MIME types. A request must name the
 * current asset version, so a year-long cache can never hold stale bytes under a live
 * URL; the images the stylesheet names by absolute path are served under /assets/images/.
 */
#include "http/assets.h"
#include "http/pages.h"

#include <string.h>

const struct asset *asset_find(const char *path)
{
    for (const struct asset *a = assets; a->path; a++)
        if (strcmp(a->path, path) == 0)
            return a;
    return NULL;
}

static int serve(struct http_request *req, struct http_response *res, const struct asset *a)
{
    if (!a)
        return http_error_page(req, res, 404, "Page not found", "There is no such file.");
    http_body(res, 200, a->type, a->data, a->len);
    res->cacheable = true;
    return 200;
}

int page_asset(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    if (strcmp(req->path_args[0], asset_version) != 0)
        return http_error_page(req, res, 404, "Page not found", "There is no such file.");
    return serve(req, res, asset_find(req->path_args[1]));
}

int page_asset_image(struct http_app *app, struct http_request *req, struct http_response *res)
{
    (void)app;
    return serve(req, res, asset_find(arena_printf(req->arena, "images/%s", req->path_args[0])));
}
