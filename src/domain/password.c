/*
 * The password policy (password.h) and generated passwords. The deny-list is kith's own:
 * long passwords people are known to choose (keyboard walks, counted digits, the word
 * "password" stretched to length, phrases everyone quotes), compared after folding case
 * and dropping everything but letters and digits, so "Pass word 1234567!" is caught like
 * "password1234567". Patterns catch what a list cannot: one character or one short run
 * repeated, a straight sequence, the account's own name inside the password.
 */
#include "domain/password.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/random.h"

static const char *const denied[] = {
    "passwordpassword",
    "password123456789",
    "password1234567",
    "password12345678",
    "123456789012345",
    "1234567890123456",
    "12345678901234567890",
    "098765432109876",
    "qwertyuiopasdfg",
    "qwertyuiopasdfgh",
    "qwertyuiopasdfghjkl",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertyuiop123456",
    "qwerty123456789",
    "1q2w3e4r5t6y7u8i",
    "1q2w3e4r5t6y7u8i9o",
    "1qaz2wsx3edc4rfv",
    "1qaz2wsx3edc4rfv5tgb",
    "zaq12wsxcde34rfv",
    "qazwsxedcrfvtgb",
    "asdfghjklqwertyu",
    "zxcvbnmasdfghjkl",
    "abcdefghijklmnop",
    "abcdefghijklmnopqrstuvwxyz",
    "abcdefghijklmno",
    "abc123abc123abc",
    "iloveyouiloveyou",
    "iloveyou12345678",
    "letmeinletmeinletmein",
    "letmein123456789",
    "welcome123456789",
    "welcometothejungle",
    "changemechangeme",
    "changeme12345678",
    "administrator123",
    "administrator1234",
    "adminadminadmin",
    "trustno1trustno1",
    "thequickbrownfox",
    "thequickbrownfoxjumps",
    "thequickbrownfoxjumpsoverthelazydog",
    "correcthorsebatterystaple",
    "maythe4thbewithyou",
    "maytheforcebewithyou",
    "iamthegreatest",
    "onetwothreefourfive",
    "happybirthday123",
    "monkeymonkeymonkey",
    "footballfootball",
    "liverpoolfc12345",
    "manchesterunited",
    "manchesterunited1",
    "arsenalarsenal123",
    "chelseafootballclub",
    "sunshinesunshine",
    "princessprincess",
    "superman123456789",
    "batmanbatmanbatman",
    "starwarsstarwars",
    "dragondragondragon",
    "shadowshadowshadow",
    "whatever12345678",
    "nothingnothingnothing",
    "socialworker1234",
    "socialworker12345",
    "socialworkersocialwork",
    "childrensservices",
    "childrensservices1",
    "childrenssocialcare",
    "safeguarding12345",
    "safeguardingchildren",
    "councilcouncil123",
    "localauthority123",
    "winterwinter2026",
    "summersummer2026",
    "autumnautumn2026",
    "springspring2026",
    "january2026january",
    "kithkithkithkith",
    "passw0rdpassw0rd",
    "p4ssw0rdp4ssw0rd",
    "qwertyqwertyqwerty",
    "aaaaaaaaaaaaaaaaa",
};

/* Letters and digits only, folded to lower case, with @ and $ read as a and s. */
static size_t fold(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < cap; p++) {
        unsigned char c = *p;
        if (c >= 'A' && c <= 'Z')
            out[n++] = (char)(c | 0x20);
        else if (c == '@' || c == '$') /* the usual disguises of a and s */
            out[n++] = c == '@' ? 'a' : 's';
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[n++] = (char)c;
    }
    out[n] = '\0';
    return n;
}

/* Whether `s` is one unit of up to a quarter of its length said again and again. */
static bool repeated(const char *s, size_t n)
{
    for (size_t unit = 1; unit <= n / 4 + 1 && unit < n; unit++) {
        size_t i = unit;
        while (i < n && s[i] == s[i - unit])
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* The step from a to b; between digits it wraps, so "8901" and "2109" are runs too. */
static int step_of(char a, char b)
{
    int d = b - a;
    if (a >= '0' && a <= '9' && b >= '0' && b <= '9') {
        d = ((d % 10) + 10) % 10;
        if (d == 9)
            d = -1;
    }
    return d;
}

/* Whether every character is the one before it plus or minus one: "abcdef", "987654". */
static bool sequence(const char *s, size_t n)
{
    if (n < 3)
        return false;
    int step = step_of(s[0], s[1]);
    if (step != 1 && step != -1)
        return false;
    for (size_t i = 2; i < n; i++)
        if (step_of(s[i - 1], s[i]) != step)
            return false;
    return true;
}

/* UTF-8 characters: every byte that does not continue a sequence starts one. */
static size_t characters(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xc0) != 0x80;
    return n;
}

enum kerr_code password_check(const char *password, const char *username, struct kerr *e)
{
    size_t bytes = strlen(password);
    if (bytes > PASSWORD_MAX)
        return kerr_fail(e, KITH_E_INVALID, "password",
                         "password: longer than %d bytes; choose a shorter passphrase",
                         PASSWORD_MAX);
    if (characters(password) < PASSWORD_MIN)
        return kerr_fail(e, KITH_E_INVALID, "password",
                         "password: must be at least %d characters; a few unrelated words "
                         "make a good one",
                         PASSWORD_MIN);
    char f[PASSWORD_MAX + 1];
    size_t n = fold(password, f, sizeof f);
    const char *why = NULL;
    for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]) && !why; i++)
        if (strcmp(f, denied[i]) == 0)
            why = "is on the list of passwords people often choose";
    if (!why && (repeated(f, n) || sequence(f, n)))
        why = "is a repeated or straight run of characters";
    if (!why && username) {
        char u[128];
        size_t un = fold(username, u, sizeof u);
        if (un >= 4 && strstr(f, u))
            why = "contains the username";
    }
    if (why)
        return kerr_fail(e, KITH_E_INVALID, "password",
                         "password: %s; choose a few unrelated words instead", why);
    return KITH_OK;
}

/* Short, common, unambiguous words: 256 of them, so one random byte picks one. */
static const char *const words[256] = {
    "acorn",   "amber",   "anchor",  "apple",   "apron",   "arch",    "arrow",    "aspen",
    "atlas",   "attic",   "badge",   "bagel",   "baker",   "balm",    "bamboo",   "banjo",
    "barley",  "basil",   "beacon",  "bean",    "bench",   "berry",   "birch",    "bison",
    "blanket", "bloom",   "boat",    "bonnet",  "boot",    "bottle",  "bramble",  "branch",
    "brick",   "bridge",  "brook",   "brush",   "bucket",  "bugle",   "button",   "cabin",
    "cactus",  "camel",   "candle",  "canoe",   "canvas",  "cargo",   "carrot",   "castle",
    "cedar",   "cello",   "chalk",   "cherry",  "chess",   "cider",   "circle",   "clay",
    "cliff",   "cloud",   "clover",  "cobalt",  "comet",   "copper",  "coral",    "cotton",
    "cradle",  "crane",   "crayon",  "creek",   "cricket", "crown",   "cup",      "daisy",
    "delta",   "denim",   "desk",    "dingo",   "dolphin", "dome",    "dove",     "dragon",
    "drum",    "dune",    "eagle",   "easel",   "echo",    "elbow",   "elm",      "ember",
    "engine",  "fable",   "falcon",  "feather", "fern",    "ferry",   "fiddle",   "field",
    "fig",     "flint",   "flute",   "forest",  "fossil",  "fox",     "garden",   "garnet",
    "gecko",   "ginger",  "glacier", "globe",   "goose",   "granite", "grape",    "gravel",
    "hammer",  "harbour", "harp",    "hazel",   "heron",   "hill",    "honey",    "hoop",
    "husky",   "igloo",   "indigo",  "iris",    "island",  "ivory",   "jacket",   "jade",
    "jasmine", "jelly",   "jigsaw",  "juniper", "kayak",   "kettle",  "kite",     "koala",
    "ladder",  "lagoon",  "lantern", "larch",   "lemon",   "lentil",  "lily",     "linen",
    "lizard",  "locket",  "lotus",   "lumber",  "magnet",  "mango",   "maple",    "marble",
    "meadow",  "melon",   "mint",    "mirror",  "mitten",  "moss",    "mountain", "muffin",
    "nectar",  "needle",  "nest",    "noodle",  "nutmeg",  "oak",     "oasis",    "ocean",
    "olive",   "onion",   "orbit",   "orchid",  "otter",   "owl",     "paddle",   "panda",
    "paper",   "parcel",  "peach",   "pebble",  "pepper",  "piano",   "pickle",   "pillow",
    "pine",    "planet",  "plum",    "pocket",  "pond",    "poppy",   "puffin",   "quartz",
    "quill",   "rabbit",  "radish",  "rain",    "raven",   "reed",    "ribbon",   "river",
    "robin",   "rocket",  "rose",    "saddle",  "saffron", "sail",    "salmon",   "sand",
    "satchel", "scarf",   "shell",   "shore",   "silver",  "sketch",  "sledge",   "slate",
    "snail",   "sorrel",  "spade",   "sparrow", "spice",   "spoon",   "spruce",   "squirrel",
    "stable",  "star",    "stone",   "straw",   "stream",  "sugar",   "summit",   "swan",
    "table",   "teapot",  "thistle", "thread",  "thunder", "tiger",   "timber",   "toast",
    "topaz",   "tower",   "trail",   "tulip",   "tunnel",  "turnip",  "velvet",   "violet",
    "wagon",   "walnut",  "willow",  "window",  "winter",  "wren",    "yarrow",   "zebra",
};

void password_generate(char *out, size_t size)
{
    unsigned char r[7];
    random_bytes(r, sizeof r);
    unsigned number = ((unsigned)r[5] << 8 | r[6]) % 1000u;
    snprintf(out, size, "%s-%s-%s-%s-%s-%03u", words[r[0]], words[r[1]], words[r[2]], words[r[3]],
             words[r[4]], number);
}
