/*
 * Words for the demo borough: people's names made from syllables, and case-note text made
 * from phrase tables.
 *
 * Names are built from a start, an optional middle and an ending, each a table of made-up
 * syllables, so they read as names without being anyone's: no list of real people is used.
 * Case notes are assembled from phrases chosen by the team's kind of work (a contact at the
 * front door, a visit to a family, a child in care, a care leaver, a review), by the note's
 * kind and by where the case is (opening, working, closing), with the child's name, age,
 * pronouns and carer filled in. The phrases are varied on purpose: full-text search over the
 * demo should find some notes and not others.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/demo_impl.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- names ------------------------------------------------------------------------------ */

static const char *const given_start[] = {
    "A",   "Ba",  "Be",  "Ca",  "Da",  "De",  "E",   "Fa",  "Ga",  "Ha",  "I",   "Ja",
    "Ka",  "Ke",  "La",  "Le",  "Ma",  "Me",  "Na",  "Ne",  "O",   "Pa",  "Ra",  "Re",
    "Sa",  "Se",  "Ta",  "Te",  "U",   "Va",  "Wi",  "Ya",  "Za",  "Bri", "Cle", "Dre",
    "Flo", "Gwe", "Kri", "Lu",  "Mo",  "No",  "Ro",  "Si",  "Tho", "Zo",  "Ami", "Eli",
    "Ori", "Ila", "Anu", "Obi", "Ife", "Sho", "Chi", "Kai", "Rei", "Sau", "Tia", "Yu",
};
static const char *const given_mid[] = {"li", "la", "ne", "ri", "ma", "ve", "do",
                                        "si", "ro", "ta", "mi", "ka", "be", "zu"};
static const char *const given_end_f[] = {"na",  "ra",  "lla", "nne", "sha", "ya",  "tte",
                                          "lie", "ria", "mi",  "da",  "lah", "ssa", "nia",
                                          "ra",  "ele", "ine", "bel", "ka",  "yah"};
static const char *const given_end_m[] = {"n",   "r",   "l",    "s",   "nto",  "rik", "lan",
                                          "dor", "mes", "ven",  "k",   "shan", "ron", "ko",
                                          "ran", "bin", "stan", "del", "mon",  "jo"};
static const char *const family_start[] = {
    "Har", "Mor",  "Bel", "Cas", "Dun", "Fen",  "Gal", "Hol", "Kes", "Lin", "Mar", "Nor",
    "Pel", "Quin", "Ros", "Sel", "Tan", "Ved",  "Wel", "Yor", "Ash", "Orl", "Ebb", "Ad",
    "Ok",  "Ol",   "Ban", "Cho", "Dia", "Ka",   "Mba", "Nwa", "Sin", "Tor", "Var", "Zel",
    "Bro", "Cra",  "Dra", "Gre", "Pra", "Stra", "Thu", "Wra", "Ama", "Ona", "Ire", "Esh",
};
static const char *const family_mid[] = {"a", "e", "i", "o", "er", "in", "an", "al", "u", "ad"};
static const char *const family_end[] = {
    "ton",  "ley",   "wick",  "by", "more", "ham", "son", "den",  "ridge", "well", "ock",
    "ard",  "ine",   "ova",   "ez", "oku",  "ani", "ade", "elli", "ani",   "ayo",  "sen",
    "ford", "croft", "hurst", "ow", "emi",  "uzo", "aki", "ira",  "ov",    "man",
};

static char *join(struct arena *a, const char *x, const char *y, const char *z)
{
    return arena_printf(a, "%s%s%s", x, y, z);
}

char *demo_given_name(struct rng *r, char sex, struct arena *a)
{
    const char *start = given_start[rng_below(r, N(given_start))];
    const char *mid = rng_chance(r, 400) ? given_mid[rng_below(r, N(given_mid))] : "";
    bool female = sex == 'F' || (sex == 'U' && rng_chance(r, 500));
    const char *end = female ? given_end_f[rng_below(r, N(given_end_f))]
                             : given_end_m[rng_below(r, N(given_end_m))];
    return join(a, start, mid, end);
}

char *demo_family_name(struct rng *r, struct arena *a)
{
    const char *start = family_start[rng_below(r, N(family_start))];
    const char *mid = rng_chance(r, 350) ? family_mid[rng_below(r, N(family_mid))] : "";
    const char *end = family_end[rng_below(r, N(family_end))];
    return join(a, start, mid, end);
}

/* ---- case notes ------------------------------------------------------------------------ */

/* Kinds of work, each with its own phrases. */
enum theme {
    TH_FRONT_DOOR,
    TH_FAMILY,
    TH_PROTECTION,
    TH_DISABLED,
    TH_EARLY_HELP,
    TH_CARE,
    TH_LEAVING,
    TH_REVIEW,
    TH_CONFERENCE,
    TH_COUNT
};

static enum theme theme_of(enum demo_team_kind tk)
{
    static const enum theme map[TK_COUNT] = {
        [TK_FRONT_DOOR] = TH_FRONT_DOOR, [TK_ASSESSMENT] = TH_FAMILY, [TK_CIN] = TH_FAMILY,
        [TK_DISABLED] = TH_DISABLED,     [TK_CP] = TH_PROTECTION,     [TK_CIC] = TH_CARE,
        [TK_LEAVING_CARE] = TH_LEAVING,  [TK_FOSTERING] = TH_CARE,    [TK_ADOPTION] = TH_CARE,
        [TK_EARLY_HELP] = TH_EARLY_HELP, [TK_IRO] = TH_REVIEW,        [TK_CP_CHAIR] = TH_CONFERENCE,
    };
    return map[tk];
}

/* A list of phrases. */
struct phrases {
    const char *const *p;
    size_t n;
};
#define PHRASES(a)                                                                                 \
    {                                                                                              \
        a, N(a)                                                                                    \
    }

/* Subjects by note kind. {school} and the like are filled in as in bodies. */
static const char *const subj_home[] = {"Home visit", "Statutory visit", "Unannounced home visit",
                                        "Announced home visit", "Visit to the family home"};
static const char *const subj_other[] = {"Visit at {school}", "Visit at the contact centre",
                                         "Visit at {school} with {c}", "Visit in the community"};
static const char *const subj_office[] = {"Office appointment", "Meeting at the office",
                                          "Drop-in at the office"};
static const char *const subj_phone[] = {"Telephone call with {pr}", "Call with {school}",
                                         "Video call with {c}", "Call from {pr}",
                                         "Call with the health visitor"};
static const char *const subj_direct[] = {"Direct work session", "Direct work: wishes and feelings",
                                          "Direct work: three houses",
                                          "Direct work: worries and hopes", "Time with {c}"};
static const char *const subj_meeting[] = {
    "Professionals meeting", "Team around the family meeting", "Meeting with {school}",
    "Strategy discussion", "Network meeting"};
static const char *const subj_letter[] = {"Email from {school}", "Letter to the family",
                                          "Email to the GP", "Email from the housing officer",
                                          "Letter from the health visitor"};
static const char *const subj_note[] = {"Case note", "Update", "Information received",
                                        "Chronology update", "Case recording"};
static const char *const subj_oversight[] = {"Management oversight", "Manager's decision",
                                             "Management direction"};
static const char *const subj_open[] = {"Contact received", "Case opened", "Referral received",
                                        "Transfer in"};
static const char *const subj_close[] = {"Case closure summary", "Closing summary", "Case closed"};
/* Theme-specific meeting subjects. */
static const char *const subj_meeting_theme[TH_COUNT] = {
    [TH_FRONT_DOOR] = "Strategy discussion",
    [TH_FAMILY] = "Child in need meeting",
    [TH_PROTECTION] = "Core group meeting",
    [TH_DISABLED] = "Child in need review",
    [TH_EARLY_HELP] = "Team around the family meeting",
    [TH_CARE] = "Placement planning meeting",
    [TH_LEAVING] = "Pathway plan review",
    [TH_REVIEW] = "Looked after review",
    [TH_CONFERENCE] = "Review child protection conference",
};

static const struct {
    const char *kind;
    struct phrases subjects;
} subjects[] = {
    {"home-visit", PHRASES(subj_home)},
    {"other-visit", PHRASES(subj_other)},
    {"office-visit", PHRASES(subj_office)},
    {"phone-call", PHRASES(subj_phone)},
    {"direct-work", PHRASES(subj_direct)},
    {"multi-agency-meeting", PHRASES(subj_meeting)},
    {"correspondence", PHRASES(subj_letter)},
    {"case-note", PHRASES(subj_note)},
    {"management-oversight", PHRASES(subj_oversight)},
};

/* Openings by note kind. */
static const char *const open_home[] = {
    "Visited {c} at home; {pr} {p} was present throughout.",
    "Unannounced visit to the family home at teatime; {p} let me in straight away.",
    "Home visit as planned. {c} was at home with {p}.",
    "Visited the family home after school to see {c}.",
    "Announced visit; {p} had tidied and was expecting me.",
};
static const char *const open_other[] = {
    "Saw {c} at {school} in a quiet room, with the designated safeguarding lead's agreement.",
    "Met {c} at the contact centre before family time.",
    "Saw {c} at {school}; {he} chose to talk in the library.",
    "Met {c} at the park near home, which {he} preferred to the office.",
};
static const char *const open_office[] = {
    "{p} came to the office by appointment.",
    "{c} and {p} attended the office for a planned meeting.",
    "Met {p} at the office to go through the plan.",
};
static const char *const open_phone[] = {
    "Telephone call with {p} to follow up the last visit.",
    "{p} rang the duty line asking for me.",
    "Video call with {c}, who was keen to show me {his} room.",
    "Call with the designated safeguarding lead at {school}.",
    "Call with the health visitor about the family.",
};
static const char *const open_direct[] = {
    "Direct work with {c} using the three houses tool.",
    "Spent an hour with {c} drawing and talking about who is important to {him}.",
    "Direct work session with {c} on worries, wishes and feelings.",
    "Used the 'all about me' workbook with {c}.",
};
static const char *const open_meeting[] = {
    "Meeting held with {school}, health and the family.",
    "Professionals met to review the plan; {p} attended for the second half.",
    "Multi-agency meeting chaired by me; police, health and {school} gave updates.",
    "Network meeting with the family's support workers.",
};
static const char *const open_letter[] = {
    "Email received from {school} with this term's attendance figures.",
    "Letter sent to {p} confirming the plan and the date of the next meeting.",
    "Email from the GP surgery about missed appointments.",
    "Email from the housing officer about the family's tenancy.",
};
static const char *const open_note[] = {
    "Information shared by {school} today.",
    "Update recorded following contact from {p}.",
    "Chronology brought up to date from partner agency information.",
    "Note of a conversation with the duty worker.",
};

static const struct {
    const char *kind;
    struct phrases p;
} openings[] = {
    {"home-visit", PHRASES(open_home)},       {"other-visit", PHRASES(open_other)},
    {"office-visit", PHRASES(open_office)},   {"phone-call", PHRASES(open_phone)},
    {"direct-work", PHRASES(open_direct)},    {"multi-agency-meeting", PHRASES(open_meeting)},
    {"correspondence", PHRASES(open_letter)}, {"case-note", PHRASES(open_note)},
};

/* What the worker saw and heard, by theme. */
static const char *const obs_front_door[] = {
    "Contact received from {source} raising concerns about {c}, aged {age}.",
    "{source} reported that {c} arrived hungry and in the same clothes for several days.",
    "{source} reported a domestic incident at the home overnight; police attended.",
    "{source} noticed a bruise on {c}'s arm that {he} could not explain.",
    "{source} is worried about {c}'s weight loss and missed health appointments.",
    "{source} reported that {c} has been missing from home twice this month.",
    "{source} raised concerns about {p}'s drinking and the care of the children.",
    "{source} said {c} disclosed being hit with a belt.",
    "{source} reported the family were evicted and are sofa-surfing.",
    "{source} is concerned about older men collecting {c} from {school} in cars.",
};
static const char *const obs_family[] = {
    "The home was warm and clean, with food in the fridge and cupboards.",
    "The flat was cluttered and there was a strong smell of damp in the bedrooms.",
    "{c} showed me {his} bedroom; {he} shares it with a sibling and has a bed of {his} own.",
    "{p} spoke openly about the pressure of rent arrears and the benefit cap.",
    "{p} said the father has not been in contact since the summer.",
    "{c}'s attendance at {school} has improved to 92% this term.",
    "{c}'s attendance at {school} has dropped and {he} has been late most mornings.",
    "{p} has registered with the GP and booked the dental check-up.",
    "{p} is attending the parenting course at the family hub on Tuesdays.",
    "{p} described feeling low and agreed to a referral to talking therapies.",
    "There are no working smoke alarms; I have asked the fire service to visit.",
    "{p} said the landlord has still not repaired the broken window.",
    "{c} was playing football in the hallway and chatted with me throughout.",
    "{c} was quiet and stayed close to {p} for most of the visit.",
    "Routines have settled: bedtime is now eight o'clock and {c} has breakfast before school.",
    "{p} is managing the money better since the debt advice appointment.",
};
static const char *const obs_protection[] = {
    "{p} confirmed {he_p} has not had contact with the ex-partner, as the safety plan requires.",
    "Police confirmed no further call-outs to the address since the conference.",
    "{c} was seen alone in {his} bedroom and said {he} feels safe at home now.",
    "I saw no marks or injuries; {c} was dressed appropriately for the weather.",
    "{p} has engaged with the domestic abuse service and attended four sessions.",
    "The core group agreed the neglect has reduced but is not yet consistently better.",
    "Drug testing results for {p} were negative for the second month.",
    "{p} missed the last two appointments with the substance misuse service.",
    "The safety plan was reviewed with {p}; the grandmother remains the named safe adult.",
    "{c}'s bedroom had no bedding; a referral for a bed and bedding has been made.",
    "{school} report {c} has been tired and withdrawn in class.",
    "The written agreement was signed by {p} and a copy left at the home.",
};
static const char *const obs_disabled[] = {
    "{c} uses a wheelchair at home; the occupational therapist has assessed for a hoist.",
    "{p} said the overnight short breaks are working well and {he_p} is sleeping better.",
    "{c} communicates with Makaton and a picture board; {he} signed 'happy' and 'park'.",
    "The direct payments are in place and a personal assistant starts next week.",
    "{c}'s education, health and care plan review is due at {school} next month.",
    "{p} described the strain of caring through the night and asked for more short breaks.",
    "Transport to {school} has been unreliable this term; raised with the SEN team.",
};
static const char *const obs_early_help[] = {
    "We reviewed the family plan: morning routine and school attendance are the priorities.",
    "{p} has been to the food bank twice and we applied for the household support fund.",
    "{c} has started the after-school club at the family hub and enjoys it.",
    "{p} asked for help with {c}'s behaviour at bedtime; we agreed a reward chart.",
    "The family are on the housing register; I helped {p} upload the medical evidence.",
    "{p} has enrolled on an English course and a job club at the library.",
    "School attendance is up to 95% and the family plan goals are nearly met.",
};
static const char *const obs_care[] = {
    "{c} has settled with the foster carers and calls them by their first names.",
    "The foster carer says {c} is sleeping better and eating well.",
    "{c} had family time with {p} on Saturday; it went well and ended calmly.",
    "{c} was upset after family time was cancelled at short notice.",
    "The personal education plan meeting at {school} set targets for reading and maths.",
    "The initial health assessment is booked and the dentist has been seen.",
    "{c}'s life story book now has photos from {his} first placement.",
    "The placement is stable; the fostering social worker visited last week.",
    "{c} has joined a swimming club and the foster carer takes {him} on Wednesdays.",
    "{c} went missing overnight and returned in the morning; a return home interview is booked.",
    "The care plan remains long-term fostering with the current carers.",
    "The court timetable was discussed; the final hearing is listed for next month.",
};
static const char *const obs_leaving[] = {
    "{c} is living in semi-independent accommodation and says it is going well.",
    "{c} has a place on a college course in health and social care.",
    "{c} started an apprenticeship with the council's highways team.",
    "{c} is not in education, employment or training; we looked at the job centre offer.",
    "{c} is behind with the service charge; we made a budget together.",
    "{c} has bid for a council flat through the care leaver priority banding.",
    "{c} is joining the house project and will move into {his} own flat in the spring.",
    "{c} registered with a GP near the new flat and has a dental appointment.",
    "{c} asked about the setting-up-home allowance and what it can be spent on.",
    "{c} is staying put with {his} former foster carers until the end of college.",
    "The pathway plan was updated with {c}'s goals for work and housing.",
};
static const char *const obs_review[] = {
    "The review considered the care plan, placement stability, health and education.",
    "{c} attended part of the review and spoke for {him}self.",
    "{c} did not want to attend; {his} views were shared through the advocate.",
    "The review agreed the plan for permanence is long-term fostering.",
    "Recommendations: health assessment to be completed and the PEP updated this term.",
    "I met {c} alone before the review; {he} is happy where {he} lives.",
    "Contact arrangements with {p} were reviewed and remain fortnightly.",
};
static const char *const obs_conference[] = {
    "The conference decided {c} remains subject to a child protection plan under neglect.",
    "The conference decided {c} remains subject to a plan under emotional abuse.",
    "Attendance: {p}, {school}, health visitor, police and the social worker.",
    "The plan has progressed; the conference agreed to step down to child in need.",
    "Reports were shared with {p} before the conference as required.",
    "The core group was asked to meet within ten working days to update the plan.",
};

static const struct phrases observations[TH_COUNT] = {
    [TH_FRONT_DOOR] = PHRASES(obs_front_door), [TH_FAMILY] = PHRASES(obs_family),
    [TH_PROTECTION] = PHRASES(obs_protection), [TH_DISABLED] = PHRASES(obs_disabled),
    [TH_EARLY_HELP] = PHRASES(obs_early_help), [TH_CARE] = PHRASES(obs_care),
    [TH_LEAVING] = PHRASES(obs_leaving),       [TH_REVIEW] = PHRASES(obs_review),
    [TH_CONFERENCE] = PHRASES(obs_conference),
};

/* The child's voice, for children old enough to give it; babies are observed instead. */
static const char *const voice[] = {
    "{c} said: \"I like it when Mum picks me up from school.\"",
    "{c} said {he} worries when there is shouting at night.",
    "{c} told me {his} best thing this week was going to the cinema.",
    "{c} said {he} wants to see {his} dad more often.",
    "{c} did not want to talk today and I respected that.",
    "{c} said school is \"boring but ok\" and {he} has a new friend.",
    "{c} said {he} feels safe and knows who to tell if {he} is worried.",
    "{c} asked when {he} can have a phone of {his} own.",
    "{c} said {he} would like to stay where {he} is.",
    "{c} told me about {his} football team and showed me {his} medal.",
};
static const char *const baby[] = {
    "{c} was alert, smiling and reaching for toys; {he} settled quickly when picked up.",
    "{c} was asleep in the cot; the sleeping arrangements were safe.",
    "{c} was feeding well and the health visitor reports good weight gain.",
    "{c} was babbling and crawling around the lounge; the stair gate is in place.",
};

static const char *const analysis[TH_COUNT][4] = {
    [TH_FRONT_DOOR] = {"Threshold for a statutory assessment is met.",
                       "The concerns are below the threshold for social care.",
                       "Immediate safety is assured tonight: {c} is staying with family.",
                       "Historic concerns and this contact show a pattern of neglect."},
    [TH_FAMILY] = {"The family are engaging and the situation is improving.",
                   "Progress is slow and the plan needs more help with routines.",
                   "Risks are reducing but {p} needs continued support.",
                   "The assessment points to unmet needs around health and school."},
    [TH_PROTECTION] = {"The risk of significant harm remains; the plan continues.",
                       "There is evidence of sustained change over three months.",
                       "Concerns have increased and legal advice has been requested.",
                       "{c} remains at risk when the ex-partner is around."},
    [TH_DISABLED] = {"The family's needs are met by the current package.",
                     "Carer strain is high; a carer's assessment is needed.",
                     "{c}'s needs have changed and the package should be reviewed.",
                     "The plan is working and {c} is making progress."},
    [TH_EARLY_HELP] = {"The family plan is working and most goals are met.",
                       "Engagement has dropped; we will review at the next meeting.",
                       "Needs are met at early help level; no escalation needed.",
                       "Worries have grown and we will discuss a step-up with the front door."},
    [TH_CARE] = {"The placement meets {c}'s needs.",
                 "{c} is thriving and the care plan is on track.",
                 "Placement stability is a concern and a disruption meeting may be needed.",
                 "Permanence planning is progressing well."},
    [TH_LEAVING] = {"{c} is in touch and the pathway plan is on track.",
                    "{c} needs more help with money and tenancy skills.",
                    "{c} is doing well and is proud of {his} progress.",
                    "Accommodation is suitable for now."},
    [TH_REVIEW] = {"The care plan remains appropriate.",
                   "The plan needs updating before the next review.",
                   "Timeliness of health assessments must improve.",
                   "{c}'s views have been heard and recorded."},
    [TH_CONFERENCE] = {"The plan continues for a further six months.",
                       "The conference was quorate and the decision unanimous.",
                       "{p}'s views were recorded and differ from the professionals'.",
                       "The plan was updated with clearer, measurable outcomes."},
};

static const char *const next_steps[] = {
    "Next visit booked in two weeks.",
    "I will chase the housing referral and update {p} by Friday.",
    "Actions agreed: GP appointment, dental check and school meeting.",
    "I will share the plan with {school} and the health visitor.",
    "Next core group meeting booked.",
    "I will complete the chronology and discuss in supervision.",
    "Referral to CAMHS to be made this week.",
    "I will arrange family time for the weekend.",
    "Advocacy offered; {c} will think about it.",
    "Review meeting to be arranged within six weeks.",
};

static const char *const open_body[TH_COUNT] = {
    [TH_FRONT_DOOR] =
        "Contact received and recorded. Checks started with police, health and {school}.",
    [TH_FAMILY] = "Case allocated for assessment. Introductory visit arranged with {p}.",
    [TH_PROTECTION] = "Case transferred in following the initial child protection conference.",
    [TH_DISABLED] = "Case allocated to the disabled children's team following assessment.",
    [TH_EARLY_HELP] = "Request for early help accepted. Family plan to be agreed with {p}.",
    [TH_CARE] =
        "{c} became looked after. Placement made with foster carers and the care plan begun.",
    [TH_LEAVING] = "{c} transferred to the leaving care service. Personal adviser allocated.",
    [TH_REVIEW] = "IRO allocated. First review to be held within 20 working days.",
    [TH_CONFERENCE] = "Conference chair allocated. Initial conference arranged.",
};
static const char *const close_body[] = {
    "The plan's outcomes are met and {p} agrees to closure. Closed with a letter to the family.",
    "{c} is safe and well; the family are supported by universal services. Case closed.",
    "Closure agreed by the manager. {school} and the GP informed.",
    "The family have moved out of the borough; case transferred to the new authority and closed.",
    "{c} has turned eighteen; services end. Contact details for advice given.",
};
static const char *const oversight[] = {
    "I have read the contact and agree with the threshold decision.",
    "Allocated to the worker named. Visit within five working days.",
    "Manager's direction: complete the assessment within 45 working days; see {c} alone.",
    "Reviewed the chronology; agree with the plan. To be discussed in supervision next week.",
    "Case direction: convene a strategy discussion today with police and health.",
};
static const char *const sources[] = {
    "the school",
    "the health visitor",
    "the police",
    "a neighbour",
    "the GP",
    "the housing provider",
    "A&E",
    "the nursery",
    "an anonymous caller",
    "the school nurse",
};

/* The placeholders phrases may use, and their values for one note. */
enum token {
    TOK_CHILD,
    TOK_CARER,
    TOK_CARER_ROLE,
    TOK_SCHOOL,
    TOK_SOURCE,
    TOK_AGE,
    TOK_HE,
    TOK_HIM,
    TOK_HIS,
    TOK_CARER_HE,
    TOK_COUNT
};
static const char *const token_names[TOK_COUNT] = {
    [TOK_CHILD] = "c",       [TOK_CARER] = "p",       [TOK_CARER_ROLE] = "pr",
    [TOK_SCHOOL] = "school", [TOK_SOURCE] = "source", [TOK_AGE] = "age",
    [TOK_HE] = "he",         [TOK_HIM] = "him",       [TOK_HIS] = "his",
    [TOK_CARER_HE] = "he_p",
};

/* Append `t` with each {name} replaced by its value; a sentence that starts with a
 * placeholder starts with a capital. */
static void expand(struct str *out, const char *t, const char *const *values)
{
    const char *p = t;
    while (*p) {
        const char *b = strchr(p, '{');
        if (!b) {
            str_add(out, p);
            break;
        }
        str_addn(out, p, (size_t)(b - p));
        const char *e = strchr(b, '}');
        size_t n = (size_t)(e - b - 1);
        const char *val = "";
        for (int i = 0; i < TOK_COUNT; i++)
            if (strlen(token_names[i]) == n && !strncmp(token_names[i], b + 1, n))
                val = values[i];
        size_t at = out->len;
        str_add(out, val);
        if (b == t && out->len > at && out->buf[at] >= 'a' && out->buf[at] <= 'z')
            out->buf[at] = (char)(out->buf[at] - 'a' + 'A');
        p = e + 1;
    }
}

static const char *pick(struct rng *r, const char *const *p, size_t n)
{
    return p[rng_below(r, n)];
}

static void sentence(struct str *out, const char *t, const char *const *tk)
{
    if (out->len)
        str_addc(out, ' ');
    expand(out, t, tk);
}

void demo_note_text(struct demo_gen *g, const struct demo_child *c, struct rng *r,
                    enum demo_team_kind tk, const char *kind, enum demo_moment moment, kdate date,
                    struct arena *a, const char **subject, const char **body)
{
    enum theme th = theme_of(tk);
    int age = date_age_on(c->person.dob, date);
    char agebuf[16];
    snprintf(agebuf, sizeof(agebuf), "%d", age < 0 ? 0 : age);
    bool male = c->person.sex == 'M';
    bool in_care = th == TH_CARE || th == TH_REVIEW;
    const char *t[TOK_COUNT] = {
        [TOK_CHILD] = c->person.given_name,
        [TOK_CARER] = in_care ? "the foster carer" : (c->carer ? c->carer : "the carer"),
        [TOK_CARER_ROLE] = in_care ? "foster carer" : (c->carer_role ? c->carer_role : "carer"),
        [TOK_SCHOOL] = age < 4    ? "nursery"
                       : age < 16 ? "school"
                                  : "college",
        [TOK_SOURCE] = pick(r, sources, N(sources)),
        [TOK_AGE] = agebuf,
        [TOK_HE] = male ? "he" : "she",
        [TOK_HIM] = male ? "him" : "her",
        [TOK_HIS] = male ? "his" : "her",
        [TOK_CARER_HE] = c->carer_role && !strcmp(c->carer_role, "father") ? "he" : "she",
    };
    struct str *s = &g->text;

    /* Subject. */
    str_reset(s);
    const char *subj = NULL;
    if (moment == MOMENT_OPEN && strcmp(kind, "management-oversight") != 0)
        subj = pick(r, subj_open, N(subj_open));
    else if (moment == MOMENT_CLOSE)
        subj = pick(r, subj_close, N(subj_close));
    else if (!strcmp(kind, "multi-agency-meeting") && rng_chance(r, 600))
        subj = subj_meeting_theme[th];
    for (size_t i = 0; !subj && i < N(subjects); i++)
        if (!strcmp(subjects[i].kind, kind))
            subj = pick(r, subjects[i].subjects.p, subjects[i].subjects.n);
    expand(s, subj ? subj : "Case note", t);
    *subject = arena_strndup(a, s->buf, s->len);

    /* Body. */
    str_reset(s);
    if (!strcmp(kind, "management-oversight")) {
        sentence(s, pick(r, oversight, N(oversight)), t);
        sentence(s, analysis[th][rng_below(r, 4)], t);
    } else if (moment == MOMENT_OPEN) {
        sentence(s, open_body[th], t);
        if (th == TH_FRONT_DOOR || rng_chance(r, 500))
            sentence(s, pick(r, observations[th].p, observations[th].n), t);
    } else if (moment == MOMENT_CLOSE) {
        sentence(s, pick(r, close_body, N(close_body)), t);
        sentence(s, analysis[th][rng_below(r, 4)], t);
    } else {
        for (size_t i = 0; i < N(openings); i++)
            if (!strcmp(openings[i].kind, kind))
                sentence(s, pick(r, openings[i].p.p, openings[i].p.n), t);
        int nobs = 1 + (int)rng_below(r, 3);
        size_t prev = SIZE_MAX;
        for (int i = 0; i < nobs; i++) {
            size_t k = rng_below(r, observations[th].n);
            if (k == prev)
                continue;
            sentence(s, observations[th].p[k], t);
            prev = k;
        }
        if (age < 2 && th != TH_LEAVING)
            sentence(s, pick(r, baby, N(baby)), t);
        else if (rng_chance(r, 700))
            sentence(s, pick(r, voice, N(voice)), t);
        sentence(s, analysis[th][rng_below(r, 4)], t);
        sentence(s, pick(r, next_steps, N(next_steps)), t);
    }
    *body = arena_strndup(a, s->buf, s->len);
}
