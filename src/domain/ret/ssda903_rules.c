/*
 * The SSDA903 rule tables by collection year (the 2022/23 base set, then each year's
 * additions, changes and deletions, as docs/internals/validation.md describes), the kind
 * itself, and the helpers the checks share. The checks live in ssda903_<group>.c, one file
 * per theme; rule messages are the DfE's wording.
 */
#include "domain/ret/ssda903_rules.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct r903 r903_ctx(struct rctx *c)
{
    const struct s903 *s = c->prep;
    struct r903 x = {s, &s->cur, &s->last, s->year, s->start, s->end, c, {0}, {0}, {0}};
    /* the rule's fields, as columns of each table that has them */
    for (const char *p = c->rule->fields; p && *p;) {
        size_t n = strcspn(p, ";");
        for (int t = 0; t < T903_COUNT; t++) {
            const struct rtable_def *d = &ret_kind_903.tables[t];
            for (int col = 0; col < d->ncols; col++)
                if (strlen(d->cols[col].name) == n && !memcmp(d->cols[col].name, p, n) &&
                    strcmp(d->cols[col].name, "CHILD"))
                    x.cols[t] |= COL(col);
        }
        p += n + (p[n] == ';');
    }
    return x;
}

uint8_t r903_code(enum codeset_id cs, const char *code)
{
    int i = code_index(cs, code, strlen(code));
    return i < 0 ? 0 : (uint8_t)(i + 1);
}

uint64_t r903_codes(enum codeset_id cs, const char *list)
{
    uint64_t set = 0;
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n) {
            int i = code_index(cs, p, n);
            if (i >= 0)
                set |= (uint64_t)1 << i;
        }
        p += n;
    }
    return set;
}

int r903_col(enum t903 t, const char *name) { return rtable_col(&ret_kind_903.tables[t], name); }

bool r903_present(const struct s903_tab *t, int col, size_t row)
{
    return t->rt && row < t->n && t->rt->raw[col][row] != 0;
}

/* The periods of care of the child whose rows start at position *pos of the episode order;
 * moves *pos past them. */
static size_t periods(const struct s903_episodes *e, size_t *pos, struct r903_poc *out)
{
    size_t n = 0, k = *pos;
    uint32_t c = e->child[e->order[k]];
    kdate prev_dec = DATE_NONE;
    for (; k < e->t.n && e->child[e->order[k]] == c; k++) {
        uint32_t i = e->order[k];
        if (e->decom[i] == DATE_NONE)
            continue;
        if (!n || d_gt(e->decom[i], prev_dec))
            out[n++].start = e->decom[i];
        out[n - 1].end = e->dec[i];
        prev_dec = e->dec[i];
    }
    *pos = k;
    return n;
}

void r903_outside_care(const struct r903 *x, enum t903 t, const kdate *need,
                       bool (*outside)(const struct r903 *x, size_t row, const struct r903_poc *p))
{
    const struct s903_episodes *e = &x->y->ep;
    const struct s903_tab *tab = s903_ctab(x->y, t);
    struct r903_poc *p = xreallocarray(NULL, e->t.n ? e->t.n : 1, sizeof(*p));
    for (size_t k = 0; k < e->t.n;) {
        uint32_t c = e->child[e->order[k]];
        size_t np = periods(e, &k, p);
        if (c == S903_NO_CHILD || !np)
            continue;
        for (int32_t i = tab->head[c]; i >= 0; i = tab->next[i]) {
            if (need && need[i] == DATE_NONE)
                continue;
            bool out = true;
            for (size_t j = 0; j < np && out; j++)
                out = outside(x, (size_t)i, &p[j]);
            if (out)
                r903_flag(x, t, (size_t)i);
        }
    }
    free(p);
}

/* 2022/23: the base set */
static const struct rule rules_2023[] = {
    {"101", RULE_ERROR, T903_HEADER, 1, 0, "SEX", "Gender code is not valid.", s903c_101},
    {"102", RULE_ERROR, T903_HEADER, 1, 0, "DOB", "Date of birth is not a valid date.", s903c_102},
    {"103", RULE_ERROR, T903_HEADER, 1, 0, "ETHNIC",
     "The ethnicity code is either not valid or has not been entered.", s903c_103},
    {"104", RULE_ERROR, T903_UASC, 1, 0, "DUC",
     "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid "
     "date.",
     s903c_104},
    {"105", RULE_ERROR, T903_HEADER, 2, 0, "UASC",
     "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is "
     "invalid or has not been completed.",
     s903c_105},
    {"112", RULE_ERROR, T903_AD1, 1, 0, "DATE_INT",
     "Date should be placed for adoption is not a valid date.", s903c_112},
    {"113", RULE_ERROR, T903_AD1, 1, 0, "DATE_MATCH",
     "Date matching child and adopter(s) is not a valid date.", s903c_113},
    {"114", RULE_ERROR, T903_AD1, 1, 0, "FOSTER_CARE",
     "Data entry to record the status of former carer(s) of an adopted child is invalid.",
     s903c_114},
    {"115", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED",
     "Date of Local Authority's (LA) decision that a child should be placed for adoption "
     "is not a valid date.",
     s903c_115},
    {"116", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED_CEASED",
     "Date of Local Authority's (LA) decision that a child should no longer be placed for "
     "adoption is not a valid date.",
     s903c_116},
    {"117", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED_CEASED;DATE_PLACED;DEC;REC;DECOM",
     "Date of decision that a child should/should no longer be placed for adoption is "
     "beyond the current collection year or after the child ceased to be looked after.",
     s903c_117},
    {"118", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;LS",
     "Date of decision that a child should no longer be placed for adoption is before the "
     "current collection year or before the date the child started to be looked after.",
     s903c_118},
    {"119", RULE_ERROR, T903_PLACED, 1, 0, "REASON_PLACED_CEASED;DATE_PLACED_CEASED",
     "If the decision is made that a child should no longer be placed for adoption, then "
     "the date of this decision and the reason why this decision was made must be "
     "completed.",
     s903c_119},
    {"120", RULE_ERROR, T903_PLACED, 1, 0, "REASON_PLACED_CEASED",
     "The reason for the reversal of the decision that the child should be placed for "
     "adoption code is not valid.",
     s903c_120},
    {"131", RULE_ERROR, T903_OC3, 1, 0, "IN_TOUCH",
     "Data entry for being in touch after leaving care is invalid.", s903c_131},
    {"132", RULE_ERROR, T903_OC3, 1, 0, "ACTIV",
     "Data entry for activity after leaving care is invalid.", s903c_132},
    {"133", RULE_ERROR, T903_OC3, 1, 0, "ACCOM",
     "Data entry for accommodation after leaving care is invalid. If reporting on a childs"
     " accommodation after leaving care the data entry must be valid",
     s903c_133},
    {"134", RULE_ERROR, T903_AD1, 2, 0,
     "IN_TOUCH;ACTIV;ACCOM;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "Data on adoption should not be entered for the OC3 cohort.", s903c_134},
    {"141", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM", "Date episode began is not a valid date.",
     s903c_141},
    {"142", RULE_ERROR, T903_EPISODES, 1, 0, "DEC;REC",
     "A new episode has started, but the previous episode has not ended.", s903c_142},
    {"143", RULE_ERROR, T903_EPISODES, 1, 0, "RNE",
     "The reason for new episode code is not a valid code.", s903c_143},
    {"144", RULE_ERROR, T903_EPISODES, 1, 0, "LS", "The legal status code is not a valid code.",
     s903c_144},
    {"145", RULE_ERROR, T903_EPISODES, 1, 0, "CIN", "Category of need code is not a valid code.",
     s903c_145},
    {"146", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE", "Placement type code is not a valid code.",
     s903c_146},
    {"147", RULE_ERROR, T903_EPISODES, 1, 0, "DEC", "Date episode ceased is not a valid date.",
     s903c_147},
    {"148", RULE_ERROR, T903_EPISODES, 1, 0, "DEC;REC",
     "Date episode ceased and reason episode ceased must both be coded, or both left "
     "blank.",
     s903c_148},
    {"149", RULE_ERROR, T903_EPISODES, 1, 0, "REC", "Reason episode ceased code is not valid.",
     s903c_149},
    {"151", RULE_ERROR, T903_AD1, 1, 0,
     "DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "All data items relating to a childs adoption must be coded or left blank.", s903c_151},
    {"153", RULE_ERROR, T903_OC3, 1, 0, "IN_TOUCH;ACTIV;ACCOM",
     "All data items relating to a child's activity or accommodation after leaving care "
     "must be coded or left blank.",
     s903c_153},
    {"157", RULE_ERROR, T903_OC2, 2, 0, "SDQ_REASON;DOB",
     "Child is aged 4 years or over at the beginning of the year or 16 years or under at "
     "the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been "
     "recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.",
     s903c_157},
    {"158", RULE_ERROR, T903_OC2, 1, 0, "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "If a child has been recorded as receiving an intervention for their substance misuse"
     " problem, then the additional item on whether an intervention was offered should be "
     "left blank.",
     s903c_158},
    {"159", RULE_ERROR, T903_OC2, 1, 0,
     "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "If a child has been recorded as not receiving an intervention for their substance "
     "misuse problem, then the additional item on whether an intervention was offered "
     "should be completed as well.",
     s903c_159},
    {"164", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_DISTANCE",
     "Distance is not valid. Please check a valid postcode has been entered.", s903c_164},
    {"165", RULE_ERROR, T903_HEADER, 2, 0, "MOTHER;SEX;ACTIV;ACCOM;IN_TOUCH;DECOM",
     "Data entry for mother status is invalid.", s903c_165},
    {"166", RULE_ERROR, T903_REVIEWS, 1, 0, "REVIEW", "Date of review is invalid or blank.",
     s903c_166},
    {"167", RULE_ERROR, T903_REVIEWS, 1, 0, "REVIEW_CODE",
     "Data entry for participation is invalid or blank.", s903c_167},
    {"168", RULE_ERROR, T903_HEADER, 1, 0, "UPN",
     "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, "
     "UN2, UN3, UN4 or UN5.",
     s903c_168},
    {"169", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_LA",
     "Local Authority (LA) of placement is not valid or is missing. Please check a valid "
     "postcode has been entered.",
     s903c_169},
    {"171", RULE_ERROR, T903_HEADER, 1, 0, "MC_DOB",
     "Date of birth of mother's child is not a valid date.", s903c_171},
    {"174", RULE_ERROR, T903_HEADER, 1, 0, "SEX;MC_DOB",
     "Mother's child date of birth is recorded but gender shows that the child is a male.",
     s903c_174},
    {"175", RULE_ERROR, T903_AD1, 1, 0, "NB_ADOPTR",
     "The number of adopter(s) code is not a valid code.", s903c_175},
    {"176", RULE_ERROR, T903_AD1, 1, 0, "SEX_ADOPTR",
     "The gender of adopter(s) at the date of adoption code is not a valid code.", s903c_176},
    {"177", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR",
     "The legal status of adopter(s) code is not a valid code.", s903c_177},
    {"178", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE_PROVIDER",
     "Placement provider code is not a valid code.", s903c_178},
    {"179", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_LOCATION",
     "Placement location code is not a valid code.", s903c_179},
    {"180", RULE_ERROR, T903_OC2, 1, 0, "SDQ_SCORE",
     "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
     s903c_180},
    {"181", RULE_ERROR, T903_OC2, 1, 0,
     "CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Data items relating to children looked after continuously for 12 months should be "
     "completed with a 0 or 1.",
     s903c_181},
    {"182", RULE_ERROR, T903_OC2, 1, 0,
     "IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CONVICTED;HEALTH_CHECK;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Data entries on immunisations, teeth checks, health assessments and substance misuse"
     " problem identified should be completed or all OC2 fields should be left blank.",
     s903c_182},
    {"184", RULE_ERROR, T903_PLACED, 2, 0, "DATE_PLACED;DOB",
     "Date of decision that a child should be placed for adoption is before the child was "
     "born.",
     s903c_184},
    {"185", RULE_ERROR, T903_OC2, 2, 0, "SDQ_SCORE",
     "Child has not been looked after continuously for at least 12 months at 31 March but "
     "a Strengths and Difficulties (SDQ) score has been completed.",
     s903c_185},
    {"186", RULE_ERROR, T903_OC2, 2, 0, "SDQ_SCORE",
     "Children aged 4 or over at the start of the year and children aged under 17 at the "
     "end of the year and who have been looked after for at least 12 months continuously "
     "should have a Strengths and Difficulties (SDQ) score completed.",
     s903c_186},
    {"187", RULE_ERROR, T903_AD1, 2, 0,
     "DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR;IN_TOUCH;ACTIV;ACCOM",
     "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have "
     "any of adoption or care leavers returns completed.",
     s903c_187},
    {"188", RULE_ERROR, T903_OC2, 1, 0, "SDQ_SCORE;SDQ_REASON",
     "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties"
     " (SDQ) score or a reason for no SDQ score has been completed.",
     s903c_188},
    {"189", RULE_ERROR, T903_OC2, 1, 0, "DOB;SDQ_SCORE;SDQ_REASON",
     "Child is aged 17 years or over at the beginning of the year, but an Strengths and "
     "Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score "
     "has been completed.",
     s903c_189},
    {"190", RULE_ERROR, T903_OC2, 2, 0,
     "CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;"
     "INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child has not been looked after continuously for at least 12 months at 31 March but "
     "one or more data items relating to children looked after for 12 months have been "
     "completed.",
     s903c_190},
    {"191", RULE_ERROR, T903_OC2, 2, 0,
     "IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE;CHILD",
     "Child has been looked after continuously for at least 12 months at 31 March but one "
     "or more data items relating to children looked after for 12 months have been left "
     "blank.",
     s903c_191},
    {"192", RULE_ERROR, T903_OC2, 1, 0, "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED",
     "Child has been identified as having a substance misuse problem but the additional "
     "item on whether an intervention was received has been left blank.",
     s903c_192},
    {"193", RULE_ERROR, T903_OC2, 1, 0,
     "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child not identified as having a substance misuse problem but at least one of the "
     "two additional items on whether an intervention were offered and received have been "
     "completed.",
     s903c_193},
    {"196", RULE_ERROR, T903_OC2, 1, 0, "SDQ_REASON",
     "Strengths and Difficulties (SDQ) reason is not a valid code.", s903c_196},
    {"197B", RULE_QUERY, T903_OC2, 2, 0, "SDQ_REASON;DOB",
     "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.", s903c_197B},
    {"197a", RULE_ERROR, T903_OC2, 1, 0, "SDQ_SCORE;SDQ_REASON",
     "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths "
     "and Difficulties Questionnaire score is filled in.",
     s903c_197a},
    {"198", RULE_ERROR, T903_OC2, 2, 0, "SDQ_REASON",
     "Child has not been looked after continuously for at least 12 months at 31 March but "
     "a reason for no Strengths and Difficulties (SDQ) score has been completed.",
     s903c_198},
    {"199", RULE_ERROR, T903_EPISODES, 1, 0, "CHILD",
     "Episode information shows child has been previously adopted from care.", s903c_199},
    {"202", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "SEX",
     "The gender code conflicts with the gender already recorded for this child.", s903c_202},
    {"203", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "DOB",
     "Date of birth disagrees with the date of birth already recorded for this child.", s903c_203},
    {"204", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "ETHNIC",
     "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
     s903c_204},
    {"205A", RULE_ERROR, T903_UASC, 2, NEEDS_LAST_YEAR, "CHILD;UASC",
     "Child identified as UASC last year is no longer UASC this year, but date UASC ceased"
     " in both years does not support this.",
     s903c_205A},
    {"205B", RULE_ERROR, T903_UASC, 2, NEEDS_LAST_YEAR, "DUC;UASC",
     "Child previously identified as UASC is also UASC this year, but date UASC ceased in "
     "both years does not support this.",
     s903c_205B},
    {"205C", RULE_ERROR, T903_UASC, 2, NEEDS_LAST_YEAR, "DUC;UASC",
     "Child not identified as UASC either this year or last year but date UASC ceased has "
     "been provided.",
     s903c_205C},
    {"205D", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "UASC;CHILD",
     "Child identified as UASC this year but not identified as UASC status provided for "
     "the child last year.",
     s903c_205D},
    {"207", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "MOTHER",
     "Mother status for the current year disagrees with the mother status already recorded"
     " for this child.",
     s903c_207},
    {"208", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "UPN",
     "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil "
     "Number (UPN) already recorded for this child.",
     s903c_208},
    {"209", RULE_ERROR, T903_HEADER, 1, 0, "UPN;DOB",
     "Child looked after is of school age and should not have an unknown Unique Pupil "
     "Number (UPN) code of UN1.",
     s903c_209},
    {"210", RULE_ERROR, T903_EPISODES, 2, 0, "UPN;DECOM",
     "Children looked after for more than a week at 31 March should not have an unknown "
     "Unique Pupil Number (UPN) code of UN4.",
     s903c_210},
    {"213", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE_PROVIDER",
     "Placement provider information not required.", s903c_213},
    {"214", RULE_ERROR, T903_EPISODES, 1, 0, "PL_POST;URN",
     "Placement location information not required.", s903c_214},
    {"215", RULE_ERROR, T903_OC3, 2, 0,
     "IN_TOUCH;ACTIV;ACCOM;CONVICTED;HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;"
     "SUBSTANCE_MISUSE;INTERVENTION_RECEIVED;INTERVENTION_OFFERED",
     "Child has care leaver information but one or more data items relating to children "
     "looked after for 12 months have been completed.",
     s903c_215},
    {"217", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;DECOM;RNE",
     "Children who are placed for adoption with current foster carers (placement types A3 "
     "or A5) must have a reason for new episode of S, T or U.",
     s903c_217},
    {"218", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "URN",
     "Ofsted Unique reference number (URN) is required.", s903c_218},
    {"219", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "URN;PLACE",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not"
     " match the placement type recorded.",
     s903c_219},
    {"221", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "PL_POST",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not"
     " match the placement postcode provided.",
     s903c_221},
    {"222", RULE_ERROR, T903_EPISODES, 1, 0, "URN",
     "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
     s903c_222},
    {"224", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "PLACE_PROVIDER",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not"
     " match the placement provider recorded.",
     s903c_224},
    {"225", RULE_ERROR, T903_EPISODES, 1, 0, "REASON_PLACE_CHANGE",
     "Reason for placement change must be recorded.", s903c_225},
    {"226", RULE_ERROR, T903_EPISODES, 1, 0, "REASON_PLACE_CHANGE;PLACE",
     "Reason for placement change is not required.", s903c_226},
    {"227", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "URN;DECOM",
     "Ofsted Unique reference number (URN) is not valid for the episode start date.", s903c_227},
    {"228", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "URN;DEC",
     "Ofsted Unique reference number (URN) is not valid for the episode end date", s903c_228},
    {"229", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES | NEEDS_PROVIDERS, "URN;PLACE_PROVIDER",
     "Placement provider does not match between the placing authority and the local "
     "authority code of the provider.",
     s903c_229},
    {"301", RULE_ERROR, T903_HEADER, 1, 0, "DOB", "Date of birth falls after the year ended.",
     s903c_301},
    {"302", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;DOB",
     "First episode starts before child was born.", s903c_302},
    {"303", RULE_ERROR, T903_UASC, 2, 0, "DUC;UASC",
     "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC "
     "status must be coded 1.",
     s903c_303},
    {"304", RULE_ERROR, T903_UASC, 1, 0, "DUC",
     "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before "
     "the 18th birthday of a child.",
     s903c_304},
    {"331", RULE_ERROR, T903_AD1, 2, 0, "DATE_MATCH;DECOM;REC",
     "Date of matching child and adopter(s) should be the same as, or prior to, the date "
     "of placement of adoption.",
     s903c_331},
    {"333", RULE_ERROR, T903_AD1, 1, 0, "DATE_INT",
     "Date should be placed for adoption must be on or prior to the date of matching child"
     " with adopter(s).",
     s903c_333},
    {"334", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_INT;DECOM;RNE",
     "Date child started to be looked after in latest period of care must be on or prior "
     "to the date should be placed for adoption.",
     s903c_334},
    {"335", RULE_ERROR, T903_EPISODES, 2, 0, "PLACE;FOSTER_CARE",
     "The current foster value (0) suggests that child is not adopted by current foster "
     "carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests"
     " that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
     s903c_335},
    {"336", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE",
     "Child does not have a foster placement immediately prior to being placed for "
     "adoption.",
     s903c_336},
    {"344", RULE_ERROR, T903_OC3, 1, 0, "IN_TOUCH;ACTIV;ACCOM",
     "The record shows the young person has died or returned home to live with parent(s) "
     "or someone with parental responsibility for a continuous period of 6 months or more,"
     " but activity and/or accommodation on leaving care have been completed.",
     s903c_344},
    {"345", RULE_ERROR, T903_OC3, 1, 0, "IN_TOUCH;ACTIV;ACCOM",
     "The data collection record shows the local authority is in touch with this young "
     "person, but activity and/or accommodation data items are zero.",
     s903c_345},
    {"351", RULE_ERROR, T903_HEADER, 1, 0, "DOB",
     "Child was over 25 at the start of the current collection year.", s903c_351},
    {"352", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;RNE",
     "Child who started to be looked after was aged 18 or over.", s903c_352},
    {"353", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM",
     "No episode submitted can start before 14 October 1991.", s903c_353},
    {"354", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM",
     "Date episode ceased must be on or before the end of the current collection year.", s903c_354},
    {"355", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM;DEC",
     "Episode appears to have lasted for less than 24 hours", s903c_355},
    {"356", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM",
     "The date the episode ceased is before the date the same episode started.", s903c_356},
    {"357", RULE_ERROR, T903_EPISODES, 1, 0, "RNE",
     "If this is the first episode ever for this child, reason for new episode must be S."
     "  Check whether there is an episode immediately preceding this one, which has been "
     "left out.  If not the reason for new episode code must be amended to S.",
     s903c_357},
    {"358", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;DOB;LS",
     "Child with this legal status should not be under 10.", s903c_358},
    {"359", RULE_ERROR, T903_EPISODES, 2, 0, "DEC;LS;PLACE",
     "Child being looked after following 18th birthday must be accommodated under section "
     "20(5) of the Children Act 1989 in a community home.",
     s903c_359},
    {"361", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM;LS;DEC",
     "Police protection legal status lasted longer than maximum 72 hours allowed in the "
     "Children Act 1989.",
     s903c_361},
    {"362", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM;LS;DEC",
     "Emergency protection order (EPO) lasted longer than 21 days", s903c_362},
    {"363", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM;DEC",
     "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act "
     "1989.",
     s903c_363},
    {"364", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM;DEC",
     "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time"
     " a child can be detained in custody in Local Authority (LA) accommodation.",
     s903c_364},
    {"365", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM;DEC",
     "Any individual short- term respite placement must not exceed 17 days.", s903c_365},
    {"366", RULE_ERROR, T903_EPISODES, 1, 0, "RNE",
     "A child cannot change placement during the course of an individual short-term "
     "respite break.",
     s903c_366},
    {"367", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM;DEC",
     "The maximum amount of respite care allowable is 75 days in any 12-month period.", s903c_367},
    {"370", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in independent living should be at least 15.", s903c_370},
    {"371", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in semi-independent living accommodation not subject to children’s homes "
     "regulations should be at least 14.",
     s903c_371},
    {"372", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in youth custody or prison should be at least 10.", s903c_372},
    {"373", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child placed in a school should be at least 4 years old.", s903c_373},
    {"374", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in residential employment should be at least 14 years old.", s903c_374},
    {"375", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Hospitalisation coded as a temporary placement exceeds six weeks.", s903c_375},
    {"376", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Temporary placements coded as being due to holiday of usual foster carer(s) cannot "
     "exceed three weeks.",
     s903c_376},
    {"377", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE",
     "Only two temporary placements coded as being due to holiday of usual foster carer(s)"
     " are allowed in any 12- month period.",
     s903c_377},
    {"378", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;LS",
     "A child who is placed with parent(s) cannot be looked after under a single period of"
     " accommodation under Section 20 of the Children Act 1989.",
     s903c_378},
    {"379", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Temporary placements for unspecified reason (placement code T4) cannot exceed seven "
     "days.",
     s903c_379},
    {"380", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;RNE",
     "A period of care cannot start with a temporary placement.", s903c_380},
    {"381", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;REC",
     "A period of care cannot end with a temporary placement.", s903c_381},
    {"382", RULE_ERROR, T903_EPISODES, 1, 0, "LS;PLACE",
     "A child receiving respite care cannot be in a temporary placement.", s903c_382},
    {"383", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE",
     "A child in a temporary placement must subsequently return to his/her normal "
     "placement.",
     s903c_383},
    {"384", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;LS",
     "A child receiving respite care cannot be in a long-term foster placement", s903c_384},
    {"385", RULE_ERROR, T903_EPISODES, 1, 0, "DEC",
     "Date episode ceased must be on or before the end of the current collection year.", s903c_385},
    {"386", RULE_ERROR, T903_EPISODES, 2, 0, "REC",
     "Reason episode ceased is adopted but child has reached age 18.", s903c_386},
    {"387", RULE_ERROR, T903_EPISODES, 2, 0, "REC",
     "Reason episode ceased is child moved into independent living arrangement, but the "
     "child is aged under 14.",
     s903c_387},
    {"388", RULE_ERROR, T903_EPISODES, 1, 0, "REC",
     "Reason episode ceased is coded new episode begins, but there is no continuation "
     "episode.",
     s903c_388},
    {"389", RULE_ERROR, T903_EPISODES, 2, 0, "REC",
     "Reason episode ceased is that child transferred to care of adult social care "
     "services, but child is aged under 16.",
     s903c_389},
    {"390", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;REC",
     "Reason episode ceased is adopted but child has not been previously placed for "
     "adoption.",
     s903c_390},
    {"391", RULE_ERROR, T903_OC3, 1, 0, "DOB;IN_TOUCH;ACTIV;ACCOM",
     "Young person was not 17, 18, 19, 20 or 21 during the current collection year.", s903c_391},
    {"392a", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_DISTANCE",
     "Child is looked after but no distance is recorded.", s903c_392a},
    {"392b", RULE_ERROR, T903_EPISODES, 1, 0, "HOME_POST;PL_POST",
     "Child is looked after but no postcodes are recorded.", s903c_392b},
    {"392c", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "HOME_POST;PL_POST",
     "Postcode(s) provided are invalid.", s903c_392c},
    {"392d", RULE_ERROR, T903_EPISODES, 1, 0, "HOME_POST;PL_POST;PLACE",
     "Home and placement postcodes should not be same unless the placement type is P1.",
     s903c_392d},
    {"393", RULE_ERROR, T903_HEADER, 2, 0, "MOTHER",
     "Child is looked after but mother field is not completed.", s903c_393},
    {"398", RULE_ERROR, T903_EPISODES, 1, 0, "LS;HOME_POST;PL_POST",
     "Distance field completed but child looked after under legal status V3 or V4.", s903c_398},
    {"399", RULE_ERROR, T903_EPISODES, 2, 0, "MOTHER;LS;REVIEW;REVIEW_CODE",
     "Mother field, review field or participation field are completed but child is looked "
     "after under legal status V3 or V4.",
     s903c_399},
    {"406", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_DISTANCE",
     "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance "
     "should be blank.",
     s903c_406},
    {"407", RULE_ERROR, T903_EPISODES, 2, 0, "DEC;DOB;REC",
     "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
     s903c_407},
    {"408", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;LS",
     "Child is placed for adoption with a placement order, but no placement order has been"
     " recorded.",
     s903c_408},
    {"411", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_LOCATION",
     "Placement location code disagrees with LA of placement.", s903c_411},
    {"420", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_LA",
     "LA of placement completed but child is looked after under legal status V3 or V4.", s903c_420},
    {"426", RULE_ERROR, T903_EPISODES, 1, 0, "LS",
     "A child receiving respite care cannot be recorded under a legal status of V3 and V4 "
     "in the same year.",
     s903c_426},
    {"431", RULE_ERROR, T903_EPISODES, 1, 0, "RNE;DECOM",
     "The reason for new episode is started to be looked after, but the previous episode "
     "ended on the same day.",
     s903c_431},
    {"432", RULE_ERROR, T903_EPISODES, 1, 0, "RNE",
     "The child ceased to be looked after at the end of the previous episode but the "
     "reason for the new episode is not started to be looked after.",
     s903c_432},
    {"433", RULE_ERROR, T903_EPISODES, 1, 0, "RNE;DECOM",
     "The reason for new episode suggests that this is a continuation episode, but the "
     "episode does not start on the same day as the last episode finished.",
     s903c_433},
    {"434", RULE_ERROR, T903_EPISODES, 1, 0, "RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that child's legal status has changed but not the "
     "placement, but this is not reflected in the episode data.",
     s903c_434},
    {"435", RULE_ERROR, T903_EPISODES, 1, 0, "LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that child’s placement has changed but not the legal "
     "status, but this is not reflected in the episode data recorded.",
     s903c_435},
    {"436", RULE_ERROR, T903_EPISODES, 1, 0, "RNE;LS;PLACE;PL_POST;URN;PLACE_PROVIDER",
     "Reason for new episode is that both child’s placement and legal status have changed,"
     " but this is not reflected in the episode data.",
     s903c_436},
    {"437", RULE_ERROR, T903_EPISODES, 1, 0, "REC",
     "Reason episode ceased is child has died or is aged 18 or over but there are further "
     "episodes.",
     s903c_437},
    {"440", RULE_ERROR, T903_REVIEWS, 1, 0, "DOB;REVIEW;REVIEW_CODE",
     "Participation method indicates child was under 4 years old at the time of the "
     "review, but date of birth and review date indicates the child was 4 years old or "
     "over.",
     s903c_440},
    {"441", RULE_ERROR, T903_REVIEWS, 1, 0, "DOB;REVIEW;REVIEW_CODE",
     "Participation method indicates child was 4 years old or over at the time of the "
     "review, but the date of birth and review date indicates the child was under 4 years "
     "old.",
     s903c_441},
    {"442", RULE_ERROR, T903_EPISODES, 2, 0, "UPN",
     "Unique Pupil Number (UPN) field is not completed.", s903c_442},
    {"445", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM",
     "D1 is not a valid code for episodes starting after December 2005.", s903c_445},
    {"446", RULE_ERROR, T903_EPISODES, 1, 0, "LS;DECOM",
     "E1 is not a valid code for episodes starting before December 2005.", s903c_446},
    {"451", RULE_ERROR, T903_EPISODES, 1, 0, "DEC;REC;LS",
     "Child is still freed for adoption, but freeing orders could not be applied for since"
     " 30 December 2005.",
     s903c_451},
    {"452", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR | NEEDS_POSTCODES, "PL_LA",
     "Contradiction between local authority of placement code in the last episode of the "
     "previous year and in the first episode of the current year.",
     s903c_452},
    {"453", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR | NEEDS_POSTCODES, "PL_DISTANCE",
     "Contradiction between placement distance in the last episode of the previous year "
     "and in the first episode of the current year.",
     s903c_453},
    {"460", RULE_ERROR, T903_EPISODES, 2, 0, "DEC;REC",
     "Reason episode ceased is that child stayed with current carers at age 18 (or above),"
     " but child is aged under 18.",
     s903c_460},
    {"501", RULE_ERROR, T903_EPISODES, 1, 0, "DECOM;DEC",
     "A new episode has started before the end date of the previous episode.", s903c_501},
    {"502", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "DECOM",
     "Last year's record ended with an open episode. The date on which that episode "
     "started does not match the start date of the first episode on this year’s record.",
     s903c_502},
    {"503A", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "RNE",
     "The reason for new episode in the first episode does not match open episode at end "
     "of last year.",
     s903c_503A},
    {"503B", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "LS",
     "The legal status in the first episode does not match open episode at end of last "
     "year.",
     s903c_503B},
    {"503C", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "CIN",
     "The category of need in the first episode does not match open episode at end of last"
     " year.",
     s903c_503C},
    {"503D", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "PLACE",
     "The placement type in the first episode does not match open episode at end of last "
     "year",
     s903c_503D},
    {"503E", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "PLACE_PROVIDER",
     "The placement provider in the first episode does not match open episode at end of "
     "last year.",
     s903c_503E},
    {"503F", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "URN",
     "The Ofsted URN in the  first episode does not match open episode at end of last "
     "year.",
     s903c_503F},
    {"503G", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR | NEEDS_POSTCODES, "PL_DISTANCE",
     "The distance in first episode does not match open episode at end of last year.", s903c_503G},
    {"503H", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR | NEEDS_POSTCODES, "PL_LA",
     "The placement LA in first episode does not match open episode at end of last year.",
     s903c_503H},
    {"503J", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR | NEEDS_POSTCODES, "PL_LOCATION",
     "The placement location in first episode does not match open episode at end of last "
     "year.",
     s903c_503J},
    {"504", RULE_ERROR, T903_EPISODES, 1, 0, "CIN",
     "The category of need code differs from that reported at start of current period of "
     "being looked after",
     s903c_504},
    {"511", RULE_ERROR, T903_AD1, 1, 0, "NB_ADOPTR;SEX_ADOPTR",
     "If reporting that the number of person(s) adopting the looked after child is two "
     "adopters then the code should only be MM, FF or MF. MM = the adopting couple are "
     "both males; FF = the adopting couple are both females; MF = The adopting couple are "
     "male and female.",
     s903c_511},
    {"514", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "Data entry on the legal status of adopters shows a single adopter but data entry for"
     " the numbers of adopters shows it as a couple.",
     s903c_514},
    {"516", RULE_ERROR, T903_EPISODES, 1, 0, "REC;PLACE",
     "The episode data submitted for this child does not show that he/she was with their "
     "former foster carer(s) during the year.If the code in the reason episode ceased is "
     "E45 or E46 the child must have a placement code of U1 to U6.",
     s903c_516},
    {"517", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L3 then the genders of adopters should be "
     "coded as MF. MF = the adopting couple are male and female.",
     s903c_517},
    {"518", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L4 then the genders of adopters should be "
     "coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple"
     " are both females.",
     s903c_518},
    {"519", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "Data entered on the legal status of adopters shows civil partnership couple, but "
     "data entered on genders of adopters does not show it as a couple.",
     s903c_519},
    {"520", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "Data entry on the legal status of adopters shows different gender married couple but"
     " data entry on genders of adopters shows it as a same gender couple.",
     s903c_520},
    {"521", RULE_ERROR, T903_EPISODES, 2, 0, "PLACE;DECOM;DATE_INT",
     "Date of local authority's decision (LA) that adoption is in the best interests of "
     "the child (date should be placed) must be on or prior to the date the child is "
     "placed for adoption.",
     s903c_521},
    {"522", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED;DATE_PLACED_CEASED",
     "Date of decision that the child should be placed for adoption must be on or before "
     "the date that a child should no longer be placed for adoption.",
     s903c_522},
    {"523", RULE_ERROR, T903_PLACED, 2, 0, "DATE_PLACED;DATE_INT",
     "Date of decision that the child should be placed for adoption should be the same "
     "date as the decision that adoption is in the best interest (date should be placed).",
     s903c_523},
    {"524", RULE_ERROR, T903_AD1, 1, 0, "LS_ADOPTR;SEX_ADOPTR",
     "If reporting legal status of adopters is L12 then the genders of adopters should be "
     "coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple"
     " are both females",
     s903c_524},
    {"525", RULE_ERROR, T903_PLACED, 2, 0,
     "DATE_PLACED_CEASED;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "A child for whom the decision to be placed for adoption has been reversed cannot be "
     "adopted during the year.",
     s903c_525},
    {"526", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "Child is missing a placement provider code for at least one episode.", s903c_526},
    {"527", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
     s903c_527},
    {"528", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
     s903c_528},
    {"529", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, "
     "K1, K2 and U1 to U6 as these placements cannot be provided by other public "
     "organisations.",
     s903c_529},
    {"530", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR4 cannot be associated with placement P1.", s903c_530},
    {"531", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR5 cannot be associated with placements P1.", s903c_531},
    {"542", RULE_ERROR, T903_OC2, 1, 0, "CONVICTED",
     "A child aged under 10 at 31 March should not have conviction information completed.",
     s903c_542},
    {"543", RULE_ERROR, T903_OC2, 2, 0, "DOB;CONVICTED",
     "Child is aged 10 or over at 31 March and has been looked after continuously for 12 "
     "months yet conviction information has not been completed.",
     s903c_543},
    {"544", RULE_ERROR, T903_OC2, 1, 0,
     "CONVICTED;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
     "Any child who has conviction information completed must also have immunisation, "
     "teeth check, health assessment and substance misuse problem identified fields "
     "completed.",
     s903c_544},
    {"545", RULE_ERROR, T903_OC2, 1, 0, "DOB;HEALTH_CHECK",
     "Child is aged under 5 at 31 March and has been looked after continuously for 12 "
     "months yet health promotion information has not been completed.",
     s903c_545},
    {"546", RULE_ERROR, T903_OC2, 2, 0, "DOB;HEALTH_CHECK",
     "Children aged 5 or over at 31 March should not have health promotion information "
     "completed.",
     s903c_546},
    {"547", RULE_ERROR, T903_OC2, 1, 0,
     "HEALTH_CHECK;IMMUNISATIONS;TEETH_CHECK;HEALTH_ASSESSMENT;SUBSTANCE_MISUSE",
     "Any child who has health promotion information completed must also have "
     "immunisation, teeth check, health assessment and substance misuse problem identified"
     " fields completed.",
     s903c_547},
    {"550", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "A placement provider code of PR0 can only be associated with placement P1.", s903c_550},
    {"551", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED;PLACE",
     "Child has been placed for adoption but there is no date of the decision that the "
     "child should be placed for adoption.",
     s903c_551},
    {"552", RULE_ERROR, T903_PLACED, 2, 0, "DATE_PLACED;DECOM",
     "Date of Decision to place a child for adoption should be on or prior to the date "
     "that the child was placed for adoption.",
     s903c_552},
    {"553", RULE_ERROR, T903_EPISODES, 2, 0,
     "CHILD;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
     "Placement order has been granted but there is no date of decision that the child "
     "should be placed for adoption.",
     s903c_553},
    {"554", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED;DECOM;LS",
     "Date of decision that the child should be placed for adoption should be on or prior "
     "to the date that the placement order was granted.",
     s903c_554},
    {"555", RULE_ERROR, T903_EPISODES, 2, 0,
     "CHILD;DATE_PLACED;DATE_PLACED_CEASED;REASON_PLACED_CEASED",
     "Freeing order has been granted but there is no date of decision that the child "
     "should be placed for adoption.",
     s903c_555},
    {"556", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED;DECOM",
     "Date of decision that the child should be placed for adoption should be on or prior "
     "to the date that the freeing order was granted.",
     s903c_556},
    {"557", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED_CEASED;REASON_PLACED_CEASED;PLACE;LS;REC",
     "Child for whom the decision was made that they should be placed for adoption has "
     "left care but was not adopted and information on the decision that they should no "
     "longer be placed for adoption items has not been completed.",
     s903c_557},
    {"558", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED_CEASED;REC",
     "If a child has been adopted, then the decision to place them for adoption has not "
     "been disrupted and the date of the decision that a child should no longer be placed "
     "for adoption should be left blank.",
     s903c_558},
    {"559", RULE_ERROR, T903_PLACED, 2, NEEDS_LAST_YEAR, "DATE_PLACED",
     "Date of decision that a child should be placed for adoption was not in the current "
     "year but the date of the decision that the child should be placed for adoption was "
     "not completed in a previous return.",
     s903c_559},
    {"560", RULE_ERROR, T903_PLACED, 2, NEEDS_LAST_YEAR, "DATE_PLACED;DATE_PLACED_CEASED",
     "Date of decision that the child should be placed for adoption this year is different"
     " from that recorded last year but the decision to place the child for adoption did "
     "not change.",
     s903c_560},
    {"561", RULE_ERROR, T903_PLACED, 2, NEEDS_LAST_YEAR, "DATE_PLACED",
     "Date of the decision that the child should be placed for adoption this year is the "
     "same as that recorded last year but records show that the decision changed, and the "
     "child should no longer be placed for adoption last year.",
     s903c_561},
    {"562", RULE_ERROR, T903_EPISODES, 2, NEEDS_LAST_YEAR, "DECOM",
     "Episode commenced before the start of the current collection year but there is a "
     "missing continuous episode in the previous year.",
     s903c_562},
    {"563", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED;REASON_PLACED_CEASED;DATE_PLACED_CEASED",
     "The child should no longer be placed for adoption but the date of the decision that "
     "the child should be placed for adoption is blank",
     s903c_563},
    {"564", RULE_ERROR, T903_MISSING, 1, 0, "MISSING;MIS_START",
     "Child was missing or away from placement without authorisation and the date started "
     "is blank.",
     s903c_564},
    {"565", RULE_ERROR, T903_MISSING, 1, 0, "MISSING;MIS_START",
     "The date that the child started to be missing or away from placement without "
     "authorisation has been completed but whether the child was missing or away from "
     "placement without authorisation has not been completed.",
     s903c_565},
    {"566", RULE_ERROR, T903_MISSING, 1, 0, "MISSING;MIS_END",
     "The date that the child's episode of being missing or away from placement without "
     "authorisation ended has been completed but whether the child was missing or away "
     "without authorisation has not been completed.",
     s903c_566},
    {"567", RULE_ERROR, T903_MISSING, 1, 0, "MIS_START;MIS_END",
     "The date that the missing episode or episode that the child was away from placement "
     "without authorisation ended is before the date that it started.",
     s903c_567},
    {"570", RULE_ERROR, T903_MISSING, 1, 0, "MIS_START",
     "The date that the child started to be missing or away from placement without "
     "authorisation is after the end of the collection year.",
     s903c_570},
    {"571", RULE_ERROR, T903_MISSING, 1, 0, "MIS_END",
     "The date that the child ceased to be missing or away from placement without "
     "authorisation is before the start or after the end of the collection year.",
     s903c_571},
    {"574", RULE_ERROR, T903_MISSING, 1, 0, "MIS_START;MIS_END",
     "A new missing/away from placement without authorisation period cannot start when the"
     " previous missing/away from placement without authorisation period is still open. "
     "Missing/away from placement without authorisation periods should also not overlap.",
     s903c_574},
    {"575", RULE_ERROR, T903_MISSING, 2, 0, "MIS_END",
     "If the placement from which the child goes missing/away from placement without "
     "authorisation ends, the missing/away from placement without authorisation period in "
     "the missing module must also have an end date.",
     s903c_575},
    {"576", RULE_ERROR, T903_MISSING, 2, NEEDS_LAST_YEAR, "CHILD",
     "There is an open missing/away from placement without authorisation period in last "
     "year’s return and there is no corresponding period recorded at the start of this "
     "year.",
     s903c_576},
    {"577", RULE_ERROR, T903_MISSING, 2, 0, "MIS_END",
     "Child ceased to be looked after but there is a missing/away from placement without "
     "authorisation period without an end date.",
     s903c_577},
    {"578", RULE_ERROR, T903_MISSING, 2, 0, "MIS_START",
     "The date that the child started to be missing is after the child ceased to be looked"
     " after.",
     s903c_578},
    {"579", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED;DATE_PLACED_CEASED",
     "A new decision that the child should be placed for adoption this year cannot start "
     "when the previous decision is still open. Decisions to place the child for adoption "
     "should also not overlap. The date of any new decision to place the child for "
     "adoption must not be before the date placed ceased of previous decisions.",
     s903c_579},
    {"580", RULE_ERROR, T903_EPISODES, 2, 0, "REC",
     "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
     s903c_580},
    {"581", RULE_ERROR, T903_MISSING, 2, 0, "MIS_START",
     "Child is missing but has not yet started to be looked after.", s903c_581},
    {"582", RULE_QUERY, T903_EPISODES, 2, 0, "DEC;DATE_MATCH",
     "Child is showing as ceasing to be looked after due to adoption, but the date of "
     "adoption is the same as the date reported for being matched with adopters. In most "
     "circumstances we expect the date the child is matched with adopters to be before the"
     " date of adoption.",
     s903c_582},
    {"583", RULE_ERROR, T903_PLACED, 1, 0, "DATE_PLACED;DATE_PLACED_CEASED",
     "More than one date the child should be placed for adoption has been reported, but an"
     " earlier decision has not been revoked. Check that both dates are required and add "
     "in the date the earlier decision was revoked. Note this may be in a previous year.",
     s903c_583},
    {"584", RULE_ERROR, T903_PLACED, 2, NEEDS_LAST_YEAR, "DATE_PLACED",
     "Date of decision that the child should be placed for adoption this year is different"
     " from that recorded last year, but the decision to placed the child for adoption "
     "changed and the child should no longer be placed for adoption.",
     s903c_584},
    {"586", RULE_ERROR, T903_MISSING, 1, 0, "MIS_START",
     "Dates of missing periods are before child’s date of birth.", s903c_586},
    {"601", RULE_ERROR, T903_AD1, 2, 0,
     "REC;DATE_INT;DATE_MATCH;FOSTER_CARE;NB_ADOPTR;SEX_ADOPTR;LS_ADOPTR",
     "The additional fields relating to adoption have not been completed although the "
     "episode data shows that the child was adopted during the year.",
     s903c_601},
    {"602", RULE_ERROR, T903_AD1, 2, 0, "CHILD",
     "The episode data submitted for this child does not show that he/she was adopted "
     "during the year.",
     s903c_602},
    {"607", RULE_ERROR, T903_EPISODES, 2, 0, "DEC;REC;MOTHER;LS;SEX",
     "Child ceased to be looked after in the year, but mother field has not been "
     "completed.",
     s903c_607},
    {"611", RULE_ERROR, T903_HEADER, 1, 0, "MOTHER;MC_DOB",
     "Date of birth field is blank, but child is a mother.", s903c_611},
    {"612", RULE_ERROR, T903_HEADER, 1, 0, "SEX;MOTHER;MC_DOB",
     "Date of birth field has been completed but mother field indicates child is not a "
     "mother.",
     s903c_612},
    {"620", RULE_ERROR, T903_HEADER, 1, 0, "DOB;MOTHER",
     "Child has been recorded as a mother, but date of birth shows that the mother is "
     "under 11 years of age.",
     s903c_620},
    {"621", RULE_ERROR, T903_HEADER, 1, 0, "DOB;MC_DOB",
     "Mother’s field has been completed but date of birth shows that the mother is younger"
     " than her child.",
     s903c_621},
    {"624", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "MC_DOB",
     "Date of birth of the first child contradicts the date of birth of the first child "
     "previously recorded.",
     s903c_624},
    {"625", RULE_ERROR, T903_HEADER, 2, 0, "MC_DOB;DEC",
     "Date of birth of the first child is beyond the end of this reporting year or the "
     "date the child ceased to be looked after.",
     s903c_625},
    {"626", RULE_ERROR, T903_HEADER, 2, NEEDS_LAST_YEAR, "MOTHER;MC_DOB",
     "Child was reported as a mother but the date of birth of the first child is before "
     "the current year which contradicts with the mother status recorded last year.",
     s903c_626},
    {"628", RULE_ERROR, T903_HEADER, 2, 0, "MOTHER",
     "Motherhood details are not required for care leavers who have not been looked after "
     "during the year.",
     s903c_628},
    {"630", RULE_ERROR, T903_EPISODES, 2, 0, "RNE",
     "Information on previous permanence option should be returned.", s903c_630},
    {"631", RULE_ERROR, T903_PREVPERM, 1, 0, "PREV_PERM",
     "Previous permanence option not a valid value.", s903c_631},
    {"632", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PERM;DECOM",
     "Date of previous permanence order not a valid value.", s903c_632},
    {"633", RULE_ERROR, T903_PREVPERM, 1, 0, "LA_PERM",
     "Local authority code where previous permanence option was arranged is not a valid "
     "value.",
     s903c_633},
    {"634", RULE_ERROR, T903_EPISODES, 2, 0, "LA_PERM;PREV_PERM;DATE_PERM;DECOM",
     "There are entries for previous permanence options, but child has not started to be "
     "looked after from 1 April 2016 onwards.",
     s903c_634},
    {"635", RULE_ERROR, T903_PREVPERM, 1, 0, "LA_PERM;DATE_PERM;PREV_PERM",
     "There are entries for date of order and local authority code where previous "
     "permanence option was arranged but previous permanence code is Z1",
     s903c_635},
    {"1000", RULE_ERROR, T903_OC3, 2, 0, "IN_TOUCH;ACTIV;ACCOM",
     "This child is recorded as having died in care and therefore should not have the care"
     " leaver information completed.",
     s903c_1000},
    {"1001", RULE_ERROR, T903_OC3, 2, NEEDS_LAST_YEAR, "IN_TOUCH;ACTIV;ACCOM",
     "The episodes recorded for this young person suggest they are not a relevant or a "
     "former relevant child and therefore should not have care leaver information "
     "completed.",
     s903c_1001},
    {"1002", RULE_ERROR, T903_OC3, 2, NEEDS_LAST_YEAR, "IN_TOUCH;ACTIV;ACCOM",
     "This child has no previous episodes of care, therefore should not have care leaver "
     "information recorded.",
     s903c_1002},
    {"1003", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED;DECOM;RNE",
     "Date of LA's decision that a child should be placed for adoption is before the child"
     " started to be looked after.",
     s903c_1003},
    {"1004", RULE_ERROR, T903_MISSING, 1, 0, "MIS_START",
     "The start date of the missing episode or episode that the child was away from "
     "placement without authorisation is not a valid date.",
     s903c_1004},
    {"1005", RULE_ERROR, T903_MISSING, 1, 0, "MIS_END",
     "The end date of the missing episode or episode that the child was away from "
     "placement without authorisation is not a valid date.",
     s903c_1005},
    {"1006", RULE_ERROR, T903_MISSING, 1, 0, "MISSING", "Missing type invalid.", s903c_1006},
    {"1007", RULE_ERROR, T903_OC3, 2, 0, "IN_TOUCH;ACTIV;ACCOM",
     "Care leaver information is not required for 17- or 18-year olds who are still looked"
     " after [on their 17th or 18th birthday.]",
     s903c_1007},
    {"1008", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "URN",
     "Ofsted Unique Reference Number (URN) is not valid.", s903c_1008},
    {"1009", RULE_ERROR, T903_EPISODES, 1, 0, "REASON_PLACE_CHANGE",
     "Reason for placement change is not a valid code.", s903c_1009},
    {"1010", RULE_ERROR, T903_OC3, 2, NEEDS_LAST_YEAR, "IN_TOUCH;ACTIV;ACCOM",
     "This child has no episodes loaded for current year even though there was an open "
     "episode of care at the end of the previous year, and care leaver data has been "
     "entered.",
     s903c_1010},
    {"1011", RULE_ERROR, T903_OC3, 2, 0, "IN_TOUCH;ACTIV;ACCOM",
     "This child is recorded as having his/her care transferred to another local authority"
     " for the final episode and therefore should not have the care leaver information "
     "completed.",
     s903c_1011},
    {"1012", RULE_ERROR, T903_EPISODES, 1, 0, "CHILD",
     "No other data should be returned for OC3 children who had no episodes in the current"
     " year",
     s903c_1012},
    {"1014", RULE_ERROR, T903_UASC, 2, 0, "ACTIV;ACCOM;IN_TOUCH;DUC",
     "UASC information is not required for care leavers", s903c_1014},
    {"1015", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_LA",
     "Placement provider is own provision but child not placed in own LA.", s903c_1015},
    {"3001", RULE_ERROR, T903_OC3, 2, 0, "REC",
     "Where care leavers information is being returned for a young person around their "
     "17th birthday, the accommodation cannot be with their former foster carer(s).",
     s903c_3001},
    {"EPI", RULE_QUERY, T903_HEADER, 1, 0, "CHILD",
     "Episodes need to be loaded for this child before it can be checked further: the "
     "child is in the header but has no episodes and no care leaver data.",
     s903c_EPI},
    {"INT01", RULE_ERROR, T903_AD1, 2, 0, "CHILD", "The child in AD1 is not in the header.",
     s903c_INT01},
    {"INT02", RULE_ERROR, T903_PLACED, 2, 0, "CHILD",
     "The child in PlacedAdoption is not in the header.", s903c_INT02},
    {"INT03", RULE_ERROR, T903_EPISODES, 2, 0, "CHILD",
     "The child in Episodes is not in the header.", s903c_INT03},
    {"INT04", RULE_ERROR, T903_MISSING, 2, 0, "CHILD", "The child in Missing is not in the header.",
     s903c_INT04},
    {"INT05", RULE_ERROR, T903_OC2, 2, 0, "CHILD", "The child in OC2 is not in the header.",
     s903c_INT05},
    {"INT06", RULE_ERROR, T903_OC3, 2, 0, "CHILD", "The child in OC3 is not in the header.",
     s903c_INT06},
    {"INT07", RULE_ERROR, T903_PREVPERM, 2, 0, "CHILD",
     "The child in PrevPerm is not in the header.", s903c_INT07},
    {"INT08", RULE_ERROR, T903_REVIEWS, 2, 0, "CHILD", "The child in Reviews is not in the header.",
     s903c_INT08},
    {"INT09", RULE_ERROR, T903_UASC, 2, 0, "CHILD", "The child in UASC is not in the header.",
     s903c_INT09},
    {"INT11", RULE_ERROR, T903_AD1, 2, 0, "DOB",
     "The date of birth in AD1 differs from the date of birth in the header.", s903c_INT11},
    {"INT12", RULE_ERROR, T903_PLACED, 2, 0, "DOB",
     "The date of birth in PlacedAdoption differs from the date of birth in the header.",
     s903c_INT12},
    {"INT13", RULE_ERROR, T903_MISSING, 2, 0, "DOB",
     "The date of birth in Missing differs from the date of birth in the header.", s903c_INT13},
    {"INT14", RULE_ERROR, T903_OC2, 2, 0, "DOB",
     "The date of birth in OC2 differs from the date of birth in the header.", s903c_INT14},
    {"INT15", RULE_ERROR, T903_OC3, 2, 0, "DOB",
     "The date of birth in OC3 differs from the date of birth in the header.", s903c_INT15},
    {"INT16", RULE_ERROR, T903_PREVPERM, 2, 0, "DOB",
     "The date of birth in PrevPerm differs from the date of birth in the header.", s903c_INT16},
    {"INT17", RULE_ERROR, T903_REVIEWS, 2, 0, "DOB",
     "The date of birth in Reviews differs from the date of birth in the header.", s903c_INT17},
    {"INT18", RULE_ERROR, T903_UASC, 2, 0, "DOB",
     "The date of birth in UASC differs from the date of birth in the header.", s903c_INT18},
    {"INT21", RULE_ERROR, T903_UASC, 2, 0, "SEX",
     "The sex in UASC differs from the sex in the header.", s903c_INT21},
    {"INT31", RULE_ERROR, T903_AD1, 1, 0, "CHILD",
     "The child appears more than once in AD1, which has one row per child.", s903c_INT31},
    {"INT32", RULE_ERROR, T903_HEADER, 1, 0, "CHILD",
     "The child appears more than once in Header, which has one row per child.", s903c_INT32},
    {"INT33", RULE_ERROR, T903_OC2, 1, 0, "CHILD",
     "The child appears more than once in OC2, which has one row per child.", s903c_INT33},
    {"INT34", RULE_ERROR, T903_OC3, 1, 0, "CHILD",
     "The child appears more than once in OC3, which has one row per child.", s903c_INT34},
    {"INT35", RULE_ERROR, T903_PREVPERM, 1, 0, "CHILD",
     "The child appears more than once in PrevPerm, which has one row per child.", s903c_INT35},
    {"INT36", RULE_ERROR, T903_UASC, 1, 0, "CHILD",
     "The child appears more than once in UASC, which has one row per child.", s903c_INT36},
    {"NoE", RULE_QUERY, T903_EPISODES, 2, NEEDS_LAST_YEAR, "DECOM",
     "This child has no episodes in last year’s return although an episode this year "
     "started before this collection year.",
     s903c_NoE},
};

/* 2023/24: added or changed */
static const struct rule rules_2024[] = {
    {"217t", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;DECOM",
     "Placement type 'P2' is not a valid placement type from 28 October 2023.", s903c_217t},
    {"221", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "PL_POST",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not"
     " match the placement postcode provided.",
     s903c_221},
    {"222", RULE_ERROR, T903_EPISODES, 1, 0, "URN",
     "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
     s903c_222},
    {"230", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PLACE;DEC;URN",
     "Ofsted Unique reference number (URN) is required for any English H5 placements from "
     "28 October 2023.",
     s903c_230},
    {"347", RULE_ERROR, T903_OC3, 1, 0, "ACCOM;DOB",
     "Care leavers aged under 18 years, can not be accommodated in a Foyer.", s903c_347},
    {"370", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in independent living should be at least 16.", s903c_370},
    {"371", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in semi-independent living accommodation not subject to children’s homes "
     "regulations should be at least 16.",
     s903c_371},
    {"1016", RULE_ERROR, T903_OC3, 2, 0, "IN_TOUCH;ACTIV;ACCOM",
     "Care leaver information is not required for 17- or 18-year olds who cease to be "
     "looked after, after their birthday.",
     s903c_1016},
    {"SW01STG1", RULE_ERROR, T903_EPISODES, 1, 0, "DEC",
     "Child looked after on 31 March, but no social worker episode information is reported",
     s903c_SW01},
    {"SW02STG1", RULE_ERROR, T903_SW, 1, 0, "SW_ID",
     "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.", s903c_SW02},
    {"SW03STG1", RULE_ERROR, T903_SW, 1, 0, "SW_ID;SW_DECOM;SW_REASON",
     "For each social worker episode, information should be complete.", s903c_SW03},
    {"SW04STG1", RULE_ERROR, T903_SW, 1, 0, "SW_DECOM",
     "Date social worker episode began is not a valid date..", s903c_SW04},
    {"SW05STG1", RULE_ERROR, T903_SW, 1, 0, "SW_DEC",
     "Date social worker episode began is not a valid date.", s903c_SW05},
    {"SW06STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DECOM",
     "Social worker episode data should be within the social worker data reporting year.",
     s903c_SW06},
    {"SW07STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC",
     "Social worker episode end date should be on or after the start of the social worker "
     "reporting period, and should be on or before the collection end date.",
     s903c_SW07},
    {"SW08STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC",
     "A new social worker episode has started, but the previous episode has not ended.",
     s903c_SW08},
    {"SW09STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DECOM;SW_DEC",
     "Social worker episode appears to have lasted for less than 24 hours.", s903c_SW09},
    {"SW10STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DECOM",
     "A new social worker episode has started before the end date of the previous social "
     "worker episode.",
     s903c_SW10},
    {"SW11aSTG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC",
     "Social worker episode has ended before 31 March and no subsequent social worker "
     "episode has been provided.",
     s903c_SW11a},
    {"SW11bSTG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC",
     "Social worker episode has ended before 31 March and no subsequent social worker "
     "episode has been provided.",
     s903c_SW11b},
    {"SW12STG2", RULE_ERROR, T903_EPISODES, 2, 0, "SW_DECOM",
     "If a child is looked after on 31 March then all social worker episodes for the full "
     "previous year should be reported, even those whilst they were not looked after",
     s903c_SW12},
    {"SW13STG1", RULE_ERROR, T903_SW, 1, 0, "SW_REASON",
     "The reason for social worker change is either not valid or has not been entered.",
     s903c_SW13},
    {"SW14STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC", "Social worker episode date ceased is blank.",
     s903c_SW14},
};

/* 2024/25: added or changed */
static const struct rule rules_2025[] = {
    {"101", RULE_ERROR, T903_HEADER, 1, 0, "SEX",
     "The child or young person’s reported sex is not valid.", s903c_101},
    {"146", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE", "Placement type code is not a valid code.",
     s903c_146},
    {"174", RULE_ERROR, T903_HEADER, 1, 0, "SEX;MC_DOB",
     "Mother's child date of birth is recorded but sex shows that the child is a male.", s903c_174},
    {"218", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "URN",
     "Ofsted Unique reference number (URN) is required.", s903c_218},
    {"221", RULE_ERROR, T903_EPISODES, 2, NEEDS_PROVIDERS, "PL_POST",
     "The Ofsted Unique reference number (URN) provided for the child's placement does not"
     " match the placement postcode provided.",
     s903c_221},
    {"222", RULE_ERROR, T903_EPISODES, 1, 0, "URN",
     "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
     s903c_222},
    {"231", RULE_QUERY, T903_HEADER, 1, 0, "DOB;UASC_STATUS",
     "We expect that unaccompanied asylum seeking children are generally older young "
     "people. Please check the date of birth is correct. If the date of birth is correct "
     "then please provide details in a bypass request.",
     s903c_231},
    {"232", RULE_QUERY, T903_HEADER, 1, 0, "SEX",
     "Sex of the child/young person has been reported as unknown.", s903c_232},
    {"371", RULE_ERROR, T903_EPISODES, 2, 0, "DECOM;PLACE",
     "Child in supported accomodation not subject to children’s homes regulations should "
     "be at least 16.",
     s903c_371},
    {"393", RULE_ERROR, T903_HEADER, 2, 0, "MOTHER",
     "Child is looked after but mother field is not completed.", s903c_393},
    {"503D", RULE_ERROR, T903_EPISODES, 1, NEEDS_LAST_YEAR, "PLACE",
     "The placement type in the first episode does not match open episode at end of last "
     "year",
     s903c_503D},
    {"557", RULE_ERROR, T903_EPISODES, 2, 0, "DATE_PLACED_CEASED;REASON_PLACED_CEASED;PLACE;LS;REC",
     "Child for whom the decision was made that they should be placed for adoption has "
     "left care but was not adopted and information on the decision that they should no "
     "longer be placed for adoption items has not been completed.",
     s903c_557},
    {"607", RULE_ERROR, T903_EPISODES, 2, 0, "DEC;REC;MOTHER;LS;SEX",
     "Child ceased to be looked after in the year, but mother field has not been "
     "completed.",
     s903c_607},
    {"612", RULE_ERROR, T903_HEADER, 1, 0, "SEX;MOTHER;MC_DOB",
     "Date of birth field has been completed but mother field indicates child is not a "
     "mother.",
     s903c_612},
    {"SW01aSTG1", RULE_ERROR, T903_SW, 1, 0, "SW_DECOM;SW_ID",
     "For each social worker episode, information should be complete", s903c_SW01a},
    {"SW01bSTG1", RULE_ERROR, T903_SW, 1, 0, "SW_DECOM;SW_ID;SW_REASON",
     "For each social worker episode, information should be complete", s903c_SW01b},
    {"SW07STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC",
     "Social worker episode end date should be on or after the start of the social worker "
     "reporting period, and should be on or before the collection end date.",
     s903c_SW07},
    {"SW10STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DECOM",
     "A new social worker episode has started before the end date of the previous social "
     "worker episode.",
     s903c_SW10},
    {"SW12STG2", RULE_ERROR, T903_EPISODES, 2, 0, "SW_DECOM",
     "If a child is looked after on 31 March then all social worker episodes for the full "
     "previous year should be reported, even those whilst they were not looked after",
     s903c_SW12},
    {"SW13STG1", RULE_ERROR, T903_SW, 1, 0, "SW_REASON",
     "The reason for social worker change is not valid.", s903c_SW13},
};

/* 2025/26: added or changed */
static const struct rule rules_2026[] = {
    {"146", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE", "Placement type code is not a valid code.",
     s903c_146},
    {"178", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE_PROVIDER",
     "Placement provider code is not a valid code.", s903c_178},
    {"213", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE_PROVIDER",
     "Placement provider information not required.", s903c_213},
    {"218", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "URN",
     "Ofsted Unique reference number (URN) is required.", s903c_218},
    {"222", RULE_ERROR, T903_EPISODES, 1, 0, "URN",
     "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
     s903c_222},
    {"226", RULE_ERROR, T903_EPISODES, 1, 0, "REASON_PLACE_CHANGE;PLACE",
     "Reason for placement change is not required for temporary placements.", s903c_226},
    {"233", RULE_ERROR, T903_EPISODES, 1, 0, "REASON_PLACE_CHANGE",
     "Reason for placement change is not required when the episode has not ceased.", s903c_233},
    {"234", RULE_ERROR, T903_EPISODES, 2, 0, "REASON_PLACE_CHANGE;DOB",
     "A child aged under 10 can not change placement due to being admitted to custody", s903c_234},
    {"348", RULE_ERROR, T903_OC3, 1, NEEDS_LAST_YEAR, "IN_TOUCH",
     "Care leaver has previously been reported as having died.", s903c_348},
    {"383", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;RNE;PL_POST",
     "A child in a temporary placement must subsequently return to his/her normal "
     "placement.",
     s903c_383},
    {"444", RULE_ERROR, T903_HEADER, 1, 0, "UPN", "Duplicate UPN has been reported", s903c_444},
    {"454", RULE_ERROR, T903_EPISODES, 2, NEEDS_POSTCODES, "PL_DISTANCE",
     "Placement distance from home is over 350 miles.", s903c_454},
    {"503D", RULE_ERROR, T903_EPISODES, 1, NEEDS_LAST_YEAR, "PLACE",
     "The placement type in the first episode does not match open episode at end of last "
     "year",
     s903c_503D},
    {"526", RULE_ERROR, T903_EPISODES, 1, 0, "PLACE;PLACE_PROVIDER",
     "Child is missing a placement provider code for at least one episode.", s903c_526},
    {"SW17STG2", RULE_ERROR, T903_SW, 2, 0, "SW_DEC;SW_DECOM",
     "There is no social worker episode open at 31 March", s903c_SW17},
};

/* 2026/27: added or changed (deprivation of liberty orders) */
static const struct rule rules_2027[] = {
    {"700", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_START",
     "The start date of the DoLO is not a valid date.", s903c_700},
    {"701", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_END",
     "The end date of the DoLO is not a valid date.", s903c_701},
    {"702", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_START;DOLO_END",
     "The date that the DoLO ended is before the date that it started.", s903c_702},
    {"703", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_START",
     "The date that the DoLO started is after the end of the collection year.", s903c_703},
    {"704", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_END",
     "The date that the DoLO ended is before the start or after the end of the collection "
     "year.",
     s903c_704},
    {"705", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_START;DOLO_END",
     "A DoLO cannot start when the previous DoLO is still open.", s903c_705},
    {"706", RULE_ERROR, T903_DOLO, 2, NEEDS_LAST_YEAR, "DOLO_START;DOLO_END",
     "There is an open DoLO in last year’s return and there is no corresponding DoLO "
     "recorded at the start of this year.",
     s903c_706},
    {"707", RULE_ERROR, T903_DOLO, 2, 0, "DOLO_END",
     "Child ceased to be looked after but there is a DoLO without an end date.", s903c_707},
    {"708", RULE_ERROR, T903_DOLO, 1, 0, "DOLO_START",
     "Dates of DoLOs are before child’s date of birth.", s903c_708},
    {"709", RULE_ERROR, T903_DOLO, 2, 0, "DOLO_START;PLACE",
     "Child with a DoLO is in an unexpected placement type.", s903c_709},
    {"710", RULE_ERROR, T903_DOLO, 2, 0, "DOLO_START;PLACE",
     "Child with a DoLO can not be placed in secure children's homes, with parents, young "
     "offender institutions, or supported accommodation.",
     s903c_710},
};

static const char *const deleted_2025[] = {"217t",     "230",       "370",      "445",
                                           "451",      "555",       "556",      "SW01STG1",
                                           "SW03STG1", "SW11aSTG2", "SW14STG2", NULL};

#define YEAR(y, rules, del)                                                                        \
    {                                                                                              \
        y, rules, (int)(sizeof(rules) / sizeof(rules[0])), del                                     \
    }

static const struct rule_year years_903[] = {
    YEAR(2023, rules_2023, NULL),         YEAR(2024, rules_2024, NULL),
    YEAR(2025, rules_2025, deleted_2025), YEAR(2026, rules_2026, NULL),
    YEAR(2027, rules_2027, NULL),
};

static void *prepare(const struct ret *r, const struct rinputs *in)
{
    return s903_build(r, in->last_year, in->la, in->postcodes);
}

static void unprepare(void *prep) { s903_free(prep); }

extern const struct rtable_def s903_table_defs[T903_COUNT];

const struct ret_kind ret_kind_903 = {
    .name = "903",
    .title = "SSDA903 return",
    .tables = s903_table_defs,
    .ntables = T903_COUNT,
    .years = years_903,
    .nyears = (int)(sizeof(years_903) / sizeof(years_903[0])),
    .prepare = prepare,
    .unprepare = unprepare,
};
