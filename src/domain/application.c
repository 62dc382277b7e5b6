/*
 * The application's description (application.h), the Social Work England number's format,
 * a CV's kind by content, and the pipeline's moves. A CV is judged by its bytes: a PDF
 * starts "%PDF-"; a DOCX is a ZIP archive (local file header "PK\3\4") holding
 * "[Content_Types].xml" and a "word/" part; Windows and ELF executables (and scripts with
 * a "#!" line) are named as such so the applicant is told plainly.
 */
#include "domain/application.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/codeset.h"
#include "domain/ident.h"
#include "domain/vacancy.h"

#define F(m) offsetof(struct application, m)

static const struct field application_fields[] = {
    {.name = "given_name",
     .label = "first name",
     .expect = "your first name, at most 100 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 100,
     .offset = F(given_name)},
    {.name = "family_name",
     .label = "last name",
     .expect = "your last name, at most 100 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 100,
     .offset = F(family_name)},
    {.name = "email",
     .label = "email address",
     .expect = "an email address, like name@example.com",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 254,
     .offset = F(email)},
    {.name = "phone",
     .label = "phone number",
     .expect = "a phone number, at most 30 characters",
     .type = FIELD_TEXT,
     .max_len = 30,
     .offset = F(phone)},
    {.name = "right_to_work",
     .label = "right to work in the UK",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_JOB_RIGHT_TO_WORK,
     .size = APPLICATION_CODE_LEN,
     .offset = F(right_to_work)},
    {.name = "swe_number",
     .label = "Social Work England registration number",
     .expect = SWE_NUMBER_EXPECT,
     .hint = "As it is on the Social Work England register, like SW123456",
     .type = FIELD_CHARS,
     .size = APPLICATION_SWE_LEN,
     .offset = F(swe_number)},
    {.name = "statement",
     .label = "supporting statement",
     .expect = "why you want the job and what you bring, at most 10,000 characters",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED | FIELD_MULTILINE,
     .max_len = 10000,
     .offset = F(statement)},
    {.name = "cv_name",
     .label = "CV file name",
     .type = FIELD_TEXT,
     .flags = FIELD_REQUIRED,
     .max_len = 200,
     .offset = F(cv_name)},
    {.name = "cv_kind",
     .label = "CV kind",
     .expect = "pdf or docx",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED,
     .size = sizeof(((struct application *)0)->cv_kind),
     .offset = F(cv_kind)},
    {.name = "cv_size",
     .label = "CV size",
     .type = FIELD_INT,
     .flags = FIELD_REQUIRED,
     .min = 1,
     .max = APPLICATION_CV_MAX,
     .offset = F(cv_size)},
    {.name = "stage",
     .label = "stage",
     .type = FIELD_CHARS,
     .flags = FIELD_REQUIRED | FIELD_CODED,
     .codeset = CS_JOB_STAGE,
     .size = APPLICATION_CODE_LEN,
     .offset = F(stage)},
    {.name = "stage_on",
     .label = "date of this stage",
     .type = FIELD_DATE,
     .flags = FIELD_REQUIRED,
     .offset = F(stage_on)},
    {.name = "withdraw_digest",
     .label = "withdraw link",
     .type = FIELD_CHARS,
     .size = APPLICATION_DIGEST_LEN,
     .offset = F(withdraw_digest)},
    {0},
};

/* An email address as a form can judge one: something, one @, a domain with a dot, no
 * spaces. The address is proved by the recruiter writing to it, not here. */
static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || strpbrk(s, " \t\r\n,;<>"))
        return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1];
}

static void application_check(const void *rec, const struct field_ctx *ctx,
                              struct field_errors *errs)
{
    (void)ctx;
    const struct application *a = rec;
    if (a->email && *a->email && !email_ok(a->email))
        field_fail(errs, field_find(application_fields, "email"), -1, a->email,
                   "is not an email address", NULL);
    swe_number_check(field_find(application_fields, "swe_number"), a->swe_number, errs);
    if (a->cv_kind[0] && strcmp(a->cv_kind, "pdf") && strcmp(a->cv_kind, "docx"))
        field_fail(errs, field_find(application_fields, "cv_kind"), -1, a->cv_kind,
                   "is not a kind of CV kith takes", NULL);
}

/* An application is a person's data: read and written only by those who recruit. */
static const struct rec_keepers application_keepers = {
    .readers = recruit_roles,
    .writers = recruit_roles,
    .readers_are = "recruiters and team managers",
    .writers_are = "recruiters and team managers",
};

const struct rec_type application_type = {
    .name = "application",
    .label = "application",
    .plural = "applications",
    .table = "application",
    .parent = NULL,
    .keepers = &application_keepers,
    .size = sizeof(struct application),
    .head = offsetof(struct application, h),
    .fields = application_fields,
    .order = "stage_on",
    .title = "family_name",
    .check = application_check,
};

/* --- a CV's kind ------------------------------------------------------------------------ */

/* Whether `hay` (n bytes) holds `needle`. */
static bool holds(const unsigned char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == (unsigned char)needle[0] && !memcmp(hay + i, needle, k))
            return true;
    return false;
}

enum cv_kind application_cv_kind(const void *data, size_t len)
{
    const unsigned char *b = data;
    if (len >= 5 && !memcmp(b, "%PDF-", 5))
        return CV_PDF;
    if ((len >= 2 && b[0] == 'M' && b[1] == 'Z') ||
        (len >= 4 && !memcmp(b,
                             "\x7f"
                             "ELF",
                             4)) ||
        (len >= 2 && b[0] == '#' && b[1] == '!') ||
        (len >= 4 && (!memcmp(b, "\xfe\xed\xfa\xce", 4) || !memcmp(b, "\xcf\xfa\xed\xfe", 4))))
        return CV_EXECUTABLE;
    if (len >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
        /* The names of a ZIP's entries are stored uncompressed, in each local header and
         * again in the central directory, so a DOCX names its parts in plain bytes. */
        if (holds(b, len, "[Content_Types].xml") && holds(b, len, "word/"))
            return CV_DOCX;
        return CV_OTHER_ZIP;
    }
    return CV_UNKNOWN;
}

enum cv_kind application_cv_named(const char *filename)
{
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (dot && !strcasecmp(dot, ".pdf"))
        return CV_PDF;
    if (dot && !strcasecmp(dot, ".docx"))
        return CV_DOCX;
    return CV_UNKNOWN;
}

const char *application_cv_code(enum cv_kind k)
{
    return k == CV_PDF ? "pdf" : k == CV_DOCX ? "docx" : NULL;
}

/* --- the pipeline ---------------------------------------------------------------------- */

/* The forward stages, in order; rejected and withdrawn end it from any of them. */
static const char *const forward[] = {"received", "shortlisted", "interview", "offer", "appointed"};
#define NFORWARD (sizeof forward / sizeof forward[0])

static int step_of(const char *stage)
{
    for (size_t i = 0; i < NFORWARD; i++)
        if (!strcmp(forward[i], stage))
            return (int)i;
    return -1;
}

bool application_stage_final(const char *stage)
{
    return !strcmp(stage, "appointed") || !strcmp(stage, "rejected") || !strcmp(stage, "withdrawn");
}

bool application_move_ok(const char *from, const char *to)
{
    if (application_stage_final(from) || !strcmp(from, to))
        return false;
    if (!strcmp(to, "rejected") || !strcmp(to, "withdrawn"))
        return step_of(from) >= 0;
    int f = step_of(from), t = step_of(to);
    return f >= 0 && t > f;
}
