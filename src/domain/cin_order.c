/*
 * Five CIN rules judged once for the census and for the forms (cin_order.h): each is a
 * comparison of one or two values, and lives here so that neither side restates it.
 */
#include "domain/cin_order.h"

#include "domain/ret/table.h"

bool cin_closed_before_referral(kdate referral, kdate closure)
{
    return rdate_has(referral) && rdate_has(closure) && closure < referral;
}

bool cin_authorised_before_start(kdate start, kdate authorised)
{
    return rdate_has(start) && rdate_has(authorised) && authorised < start;
}

bool cin_plan_ends_before_start(kdate start, kdate end)
{
    return rdate_has(start) && rdate_has(end) && end < start;
}

bool cin_reason_without_closure(bool has_reason, kdate closure)
{
    return has_reason && !rdate_has(closure);
}

bool cin_factors_before_completion(bool has_factors, kdate completion)
{
    return has_factors && !rdate_has(completion);
}
