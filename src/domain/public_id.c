/*
 * Public ids: random or seeded 128-bit numbers written in Crockford's base 32. Ids are
 * what people see and type, so reading one back forgives case and the classic
 * look-alike letters, while what is stored is always the canonical lower-case form.
 */
#include "domain/public_id.h"

#include <string.h>

#include "core/random.h"

static const char alphabet[] = PUBLIC_ID_ALPHABET;

void public_id_encode(uint64_t hi, uint64_t lo, char out[PUBLIC_ID_LEN + 1])
{
    for (int i = PUBLIC_ID_LEN - 1; i >= 0; i--) {
        out[i] = alphabet[lo & 31];
        lo = (lo >> 5) | (hi << 59);
        hi >>= 5;
    }
    out[PUBLIC_ID_LEN] = '\0';
}

void public_id_new(char out[PUBLIC_ID_LEN + 1])
{
    uint64_t bits[2];
    random_bytes(bits, sizeof(bits));
    public_id_encode(bits[0], bits[1], out);
}

/* The canonical letter for a typed character, or 0 when it is not part of an id. */
static char canonical(char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (char)(c - 'A' + 'a');
    switch (c) {
    case 'i':
    case 'l':
        return '1';
    case 'o':
        return '0';
    case 'u':
        return 0;
    }
    return strchr(alphabet, c) && c ? c : 0;
}

/* 26 characters hold 130 bits; an id holds 128, so its first character is 0 to 7. */
static bool first_fits(char c) { return c >= '0' && c <= '7'; }

bool public_id_valid(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= PUBLIC_ID_LEN || !strchr(alphabet, s[i]))
            return false;
    return i == PUBLIC_ID_LEN && first_fits(s[0]);
}

bool public_id_normalize(const char *s, char out[PUBLIC_ID_LEN + 1])
{
    size_t i = 0;
    for (; s[i]; i++) {
        char c = i < PUBLIC_ID_LEN ? canonical(s[i]) : 0;
        if (!c) {
            out[0] = '\0';
            return false;
        }
        out[i] = c;
    }
    out[i] = '\0';
    bool ok = i == PUBLIC_ID_LEN && first_fits(out[0]);
    if (!ok)
        out[0] = '\0';
    return ok;
}

void public_id_la_child_id(const char *public_id, char out[LA_CHILD_ID_MAX + 1])
{
    size_t i = 0;
    for (; i < LA_CHILD_ID_MAX && public_id[i]; i++)
        out[i] = (char)(public_id[i] >= 'a' && public_id[i] <= 'z' ? public_id[i] - 'a' + 'A'
                                                                   : public_id[i]);
    out[i] = '\0';
}
