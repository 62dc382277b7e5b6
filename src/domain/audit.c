/*
 * The audit hash chain (audit.h). Fields are written "length:value;" so that a value
 * holding the separator cannot make two rows hash alike, and the row id is inside the
 * hash, so removing a row or swapping two breaks the chain where it happened.
 */
#include "domain/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/str.h"

static void field(struct str *s, const char *v)
{
    if (!v)
        v = "";
    str_addf(s, "%zu:", strlen(v));
    str_add(s, v);
    str_addc(s, ';');
}

static void number(struct str *s, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    field(s, buf);
}

void audit_hash(const struct audit_event *ev, const char *prev, char out[65])
{
    struct str s;
    str_init(&s, 0);
    field(&s, prev);
    number(&s, ev->id);
    number(&s, ev->at);
    number(&s, ev->user_id);
    field(&s, ev->username);
    field(&s, ev->role);
    number(&s, ev->child_id);
    field(&s, ev->action);
    field(&s, ev->request_id);
    field(&s, ev->outcome);
    field(&s, ev->detail);
    size_t len = 0;
    char *text = str_detach(&s, &len);
    unsigned char raw[32];
    kcrypto_digest_raw(text ? text : "", text ? len : 0, raw);
    free(text);
    static const char hexd[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = hexd[raw[i] >> 4];
        out[2 * i + 1] = hexd[raw[i] & 15];
    }
    out[64] = '\0';
}
