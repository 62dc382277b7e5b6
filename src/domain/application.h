/*
 * An application for a vacancy (issue 20 §2-3): who applied (name, contact details, right
 * to work, Social Work England registration), their supporting statement and CV, and
 * where it stands in the recruiter's pipeline. Described once here (application_type);
 * domain/rec.h says what a description gives. Each move along the pipeline is a
 * correction of the record whose reason is the recruiter's note, so the record's history
 * is the pipeline with its notes and dates. The vacancy it is for is its head's parent_id,
 * so the generic list by parent gives a vacancy's applications.
 *
 * Also here, as pure functions: the Social Work England number's format, what a CV's
 * bytes are (by content, never by name), and which moves the pipeline allows.
 */
#ifndef KITH_DOMAIN_APPLICATION_H
#define KITH_DOMAIN_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/rec.h"

#define APPLICATION_CODE_LEN 16
#define APPLICATION_SWE_LEN 12     /* SWE_NUMBER_LEN, with room for a padded HCPC form */
#define APPLICATION_CV_MAX 2097152 /* bytes: 2 MiB */
#define APPLICATION_DIGEST_LEN 65  /* hex SHA-256 of the withdraw token, and its NUL */

struct application {
    struct rec_head h; /* h.parent_id: the vacancy's row id (an application hangs off no
                        * child: the type's `parent` is NULL) */
    const char *given_name;
    const char *family_name;
    const char *email;
    const char *phone;
    char right_to_work[APPLICATION_CODE_LEN];     /* job-right-to-work code */
    char swe_number[APPLICATION_SWE_LEN];         /* "SW123456"; "" when none */
    const char *statement;                        /* the supporting statement */
    const char *cv_name;                          /* the CV's file name as the applicant had it */
    char cv_kind[8];                              /* "pdf" or "docx" */
    int64_t cv_size;                              /* bytes */
    char stage[APPLICATION_CODE_LEN];             /* job-stage code */
    kdate stage_on;                               /* the day it reached its stage */
    char withdraw_digest[APPLICATION_DIGEST_LEN]; /* the private withdraw link's digest */
};

extern const struct rec_type application_type;

/* What a file is, read from its first bytes and its structure, never its name. */
enum cv_kind { CV_UNKNOWN, CV_PDF, CV_DOCX, CV_EXECUTABLE, CV_OTHER_ZIP };
enum cv_kind application_cv_kind(const void *data, size_t len);
/* The kind a file name's extension claims (CV_UNKNOWN for anything but .pdf and .docx). */
enum cv_kind application_cv_named(const char *filename);
/* "pdf", "docx" for the two a CV may be; NULL otherwise. */
const char *application_cv_code(enum cv_kind k);

/* The pipeline's stages (job-stage codes), in order; whether a move from one to another
 * is allowed: forward along received, shortlisted, interview, offer, appointed, to
 * rejected from any stage before appointed, to withdrawn likewise; nothing leaves
 * appointed, rejected or withdrawn. */
bool application_move_ok(const char *from, const char *to);
bool application_stage_final(const char *stage);

#endif
