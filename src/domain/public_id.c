/*
 * Public ids: random or seeded 60-bit numbers written in Crockford's base 32. Ids are
 * what people see and type, so reading one back forgives case and the classic
 * look-alike letters, while what is stored is always the canonical lower-case form.
 */
#include "domain/public_id.h"

#include <string.h>

#include "core/random.h"

static const char alphabet[] = PUBLIC_ID_ALPHABET;

void public_id_encode(uint64_t bits, char out[PUBLIC_ID_LEN + 1])
{
    for (int i = PUBLIC_ID_LEN - 1; i >= 0; i--) {
        out[i] = alphabet[bits & 31];
        bits >>= 5;
    }
    out[PUBLIC_ID_LEN] = '\0';
}

void public_id_new(char out[PUBLIC_ID_LEN + 1])
{
    uint64_t bits;
    random_bytes(&bits, sizeof(bits));
    public_id_encode(bits, out);
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

bool public_id_valid(const char *s)
{
    size_t i = 0;
    for (; s[i]; i++)
        if (i >= PUBLIC_ID_LEN || !strchr(alphabet, s[i]))
            return false;
    return i == PUBLIC_ID_LEN;
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
    if (i != PUBLIC_ID_LEN)
        out[0] = '\0';
    return i == PUBLIC_ID_LEN;
}
