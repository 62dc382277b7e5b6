/*
 * Five CIN census rules that kith also holds every record to, in any year: the census's
 * rule engine (domain/ret/cin_check_*.c) and the records' descriptions (domain/help.c)
 * both ask these functions, so the form, the live database and a census file run the same
 * code. They are here rather than left to the rule engine alone because the engine runs
 * only for collection years that have rules, and a reason without a closure (8810) or
 * factors before completion (8614) are never seen by the census of a live record (the
 * projection leaves them out, domain/cin_project.c).
 *
 * Each function answers "is this wrong?". A day is known when it is a day: DATE_NONE
 * (missing) and a census cell that is not a date (RDATE_BAD, domain/ret/table.h) are not,
 * and a comparison with a day not known is never wrong here (other rules say it is
 * missing).
 */
#ifndef KITH_DOMAIN_CIN_ORDER_H
#define KITH_DOMAIN_CIN_ORDER_H

#include <stdbool.h>

#include "core/date.h"

/* 8630: an episode closes on or after its referral. */
bool cin_closed_before_referral(kdate referral, kdate closure);
/* 8608: an assessment is authorised on or after it starts. */
bool cin_authorised_before_start(kdate start, kdate authorised);
/* 4011: a CIN plan ends on or after it starts. */
bool cin_plan_ends_before_start(kdate start, kdate end);
/* 8810: a reason for closure comes with a closure day. */
bool cin_reason_without_closure(bool has_reason, kdate closure);
/* 8614: factors are given only on a completed assessment. `completion` is the day the
 * assessment counts as complete: in the census its authorisation (the DfE's file has no
 * other), on kith's form the social worker's completion, after which a manager authorises
 * (the census's internal review date, cin_project.c). */
bool cin_factors_before_completion(bool has_factors, kdate completion);

#endif
