/*
 * Shorthand for writing CIN census test returns inline: T(tag, value) is one element,
 * CHILD(identifiers, rest) one child. A case lists the rule, the collection year, the
 * children, and the findings it must give as "Module:row" words in report order ("" for
 * none: the rows it must not flag are the other rows of the case).
 */
#ifndef KITH_TEST_CIN_CASES_H
#define KITH_TEST_CIN_CASES_H

#define T(tag, v) "<" #tag ">" v "</" #tag ">"
#define CHILD(ids, rest) "<Child><ChildIdentifiers>" ids "</ChildIdentifiers>" rest "</Child>"
#define ID(id) T(LAchildID, id)
#define CHARS(x) "<ChildCharacteristics>" x "</ChildCharacteristics>"
#define DISAB(x) "<Disabilities>" x "</Disabilities>"
#define DETAILS(x) "<CINdetails>" x "</CINdetails>"
#define ASSESS(x) "<Assessments>" x "</Assessments>"
#define FACTORS(x) "<FactorsIdentifiedAtAssessment>" x "</FactorsIdentifiedAtAssessment>"
#define PLAN(x) "<CINPlanDates>" x "</CINPlanDates>"
#define S47(x) "<Section47>" x "</Section47>"
#define CPP(x) "<ChildProtectionPlans>" x "</ChildProtectionPlans>"
#define REVIEWS(x) "<Reviews>" x "</Reviews>"
/* An episode with its referral date and ReferralNFA. */
#define EP(ref, nfa, x) DETAILS(T(CINreferralDate, ref) T(ReferralNFA, nfa) x)
/* A born child with one episode that went on to further action. */
#define KID(id, x) CHILD(ID(id) T(PersonBirthDate, "2015-01-01"), x)

struct cin_case {
    const char *rule;
    int year;           /* the collection year: the header says 31 March of it */
    const char *header; /* a whole <Header>, or NULL for the year's */
    const char *children;
    const char *want;
};

#endif
