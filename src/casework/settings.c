/*
 * Setting the council's own facts (settings.h). The table in domain/settings.c says what
 * exists and what each may hold; the change and its audit row are one transaction, as
 * every other change is.
 */
#include "casework/settings.h"

#include <stdio.h>
#include <string.h>

#include "casework/cw_impl.h"
#include "domain/settings.h"
#include "store/store.h"
#include "store/store_setting.h"

enum kerr_code cw_setting_set(struct store *s, const struct actor *who, const char *name,
                              const char *value, struct cw_err *err)
{
    const struct setting_def *d = setting_find(name);
    if (!d) {
        char known[256] = "";
        size_t n = 0;
        for (const struct setting_def *k = setting_defs; k->name && n < sizeof known; k++)
            n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", n ? ", " : "", k->name);
        return kerr_fail(&err->e, KITH_E_INVALID, "name",
                         "there is no setting called '%s'; the settings are %s", name ? name : "",
                         known);
    }
    size_t len = value ? strlen(value) : 0;
    if (!len || len > SETTING_VALUE_MAX || (d->valid && !d->valid(value)))
        return kerr_fail(&err->e, KITH_E_INVALID, "value", "%s '%s' is not %s", d->name,
                         value ? value : "", d->expect);
    enum kerr_code rc = store_begin(s, &err->e);
    if (rc)
        return rc;
    rc = store_setting_set(s, d->name, value, who->now, &err->e);
    char detail[SETTING_VALUE_MAX + 64];
    snprintf(detail, sizeof detail, "%s=%s", d->name, value);
    return cw_commit(s, who, rc, 0, "setting.set", detail, &err->e);
}

enum kerr_code cw_settings_read(struct store *s, struct arena *a, const char ***values,
                                struct kerr *e)
{
    size_t n = 0;
    while (setting_defs[n].name)
        n++;
    const char **v = arena_zalloc(a, (n + 1) * sizeof *v);
    enum kerr_code rc = KITH_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = store_setting_get(s, setting_defs[i].name, a, &v[i], e);
    *values = v;
    return rc;
}
