/*
 * What the SSDA903 rule bodies share (ssda903_<group>.c): the view they read, the way they
 * report rows, code lookups, and the declarations of every check, which the per-year rule
 * tables in ssda903_rules.c list.
 *
 * A check starts with R903(c, x): `x` then has the view of this year's return (x->y), last
 * year's (x->ly, empty tables when not given), the collection year and window, and the
 * engine's context for r903_flag. Checks read the view only.
 */
#ifndef KITH_DOMAIN_RET_SSDA903_RULES_H
#define KITH_DOMAIN_RET_SSDA903_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/codeset.h"
#include "domain/ret/rule.h"
#include "domain/ret/ssda903.h"

/* What a check sees. */
struct r903 {
    const struct s903 *r;
    const struct s903_year *y;  /* this year */
    const struct s903_year *ly; /* last year (empty tables when not given) */
    int year;
    kdate start, end; /* 1 April year-1, 31 March year */
    struct rctx *c;
    uint64_t cols[T903_COUNT]; /* per table, the rule's fields in it: the values at fault */
    /* Codes a check looks up once, before its loops, for the helpers it calls per row. */
    uint64_t set[3];
    uint8_t code[3];
};

struct r903 r903_ctx(struct rctx *c);
#define R903(c, x)                                                                                 \
    struct r903 x##_ = r903_ctx(c);                                                                \
    struct r903 *x = &x##_

/* Report row `row` of this year's table t. */
static inline void r903_flag(const struct r903 *x, enum t903 t, size_t row)
{
    rule_flag(x->c, (int)t, (int32_t)row, x->cols[t]);
}
/* A code as stored (1 + index), or 0 when the set has no such code: a programming error
 * caught by the rules' unit tests. */
uint8_t r903_code(enum codeset_id cs, const char *code);
/* The stored codes named in `list` ("T0 T1 T2"), as a bit set for r903_in. */
uint64_t r903_codes(enum codeset_id cs, const char *list);
static inline bool r903_in(uint64_t set, uint8_t v)
{
    return v != 0 && v != S903_BAD && ((set >> (v - 1)) & 1);
}
/* A stored code valid in the collection year (blank and unknown codes are not): a bit of
 * the view's table, as rules ask it of every cell of a column. */
static inline bool r903_valid(const struct r903 *x, enum codeset_id cs, uint8_t v)
{
    return v != 0 && v != S903_BAD && (x->r->valid[cs][(v - 1) >> 6] >> ((v - 1) & 63) & 1);
}
/* The column of table t called `name` (a programming error when absent). */
int r903_col(enum t903 t, const char *name);
/* Present: not blank, whether valid or not (the reference tools' notna()). */
bool r903_present(const struct s903_tab *t, int col, size_t row);
/* Iterate the rows of child c in a table (file order): tab is a table struct pointer. */
#define R903_ROWS(tab, c, i)                                                                       \
    for (int32_t i = (c) == S903_NO_CHILD ? -1 : (tab)->t.head[c]; i >= 0; i = (tab)->t.next[i])
/* Whether child c has a row in table t. */
static inline bool r903_has(const struct s903_tab *t, uint32_t c)
{
    return c != S903_NO_CHILD && t->head && t->head[c] >= 0;
}

/* Periods of care: a child's episodes in date order (those without a start date left out),
 * a new period starting when an episode starts after the one before ended. `end` is the DEC
 * of the period's last episode, DATE_NONE while it is open. */
struct r903_poc {
    kdate start, end;
};
/* Flag each row of table t (of a child with at least one period of care) for which
 * outside() holds for every one of the child's periods. Rows whose `need` date is blank are
 * left alone (need may be NULL). */
void r903_outside_care(const struct r903 *x, enum t903 t, const kdate *need,
                       bool (*outside)(const struct r903 *x, size_t row, const struct r903_poc *p));

/* The checks, one per rule code (a rule changed in a later year keeps its check when the
 * change is in data the check reads by year). */
/* clang-format 14 cannot lay out this long list stably, so it is left as written. */
// clang-format off
#define S903_CHECKS(X)                                                                         \
    X(101) X(102) X(103) X(104) X(105) X(165) X(168) X(171) X(174) X(209)                      \
    X(210) X(231) X(232) X(234) X(301) X(302) X(303) X(304) X(351) X(352)                      \
    X(393) X(442) X(444) X(607) X(611) X(612) X(620) X(621) X(625) X(628)                      \
    X(141) X(142) X(143) X(144) X(145) X(146) X(147) X(148) X(149) X(178)                      \
    X(199) X(213) X(214) X(217) X(217t) X(222) X(225) X(226) X(233) X(353)                     \
    X(354) X(355) X(356) X(357) X(358) X(359) X(361) X(362) X(363) X(364)                      \
    X(365) X(366) X(367) X(370) X(371) X(372) X(373) X(374) X(375) X(376)                      \
    X(377) X(378) X(379) X(380) X(381) X(382) X(383) X(384) X(385) X(386)                      \
    X(387) X(388) X(389) X(390) X(398) X(399) X(407) X(408) X(426) X(431)                      \
    X(432) X(433) X(434) X(435) X(436) X(437) X(445) X(446) X(451) X(460)                      \
    X(501) X(504) X(516) X(526) X(527) X(528) X(529) X(530) X(531) X(550)                      \
    X(1009) X(157) X(158) X(159) X(180) X(181) X(182) X(185) X(186) X(187)                     \
    X(188) X(189) X(190) X(191) X(192) X(193) X(196) X(197a) X(197B) X(198)                    \
    X(215) X(542) X(543) X(544) X(545) X(546) X(547) X(131) X(132) X(133)                      \
    X(134) X(153) X(344) X(345) X(347) X(391) X(1000) X(1007) X(1011) X(1014)                  \
    X(1016) X(3001) X(112) X(113) X(114) X(115) X(116) X(117) X(118) X(119)                    \
    X(120) X(151) X(175) X(176) X(177) X(184) X(331) X(333) X(334) X(335)                      \
    X(336) X(511) X(514) X(517) X(518) X(519) X(520) X(521) X(522) X(523)                      \
    X(524) X(525) X(551) X(552) X(553) X(554) X(555) X(556) X(557) X(558)                      \
    X(563) X(579) X(582) X(583) X(601) X(602) X(1003) X(1004) X(1005) X(1006)                  \
    X(564) X(565) X(566) X(567) X(570) X(571) X(574) X(575) X(577) X(578)                      \
    X(580) X(581) X(586) X(630) X(631) X(632) X(633) X(634) X(635) X(SW01)                     \
    X(SW01a) X(SW01b) X(SW02) X(SW03) X(SW04) X(SW05) X(SW06) X(SW07) X(SW08) X(SW09)          \
    X(SW10) X(SW11a) X(SW11b) X(SW12) X(SW13) X(SW14) X(SW17) X(700) X(701) X(702)             \
    X(703) X(704) X(705) X(706) X(707) X(708) X(709) X(710) X(INT01) X(INT02)                  \
    X(INT03) X(INT04) X(INT05) X(INT06) X(INT07) X(INT08) X(INT09) X(INT11) X(INT12) X(INT13)  \
    X(INT14) X(INT15) X(INT16) X(INT17) X(INT18) X(INT21) X(INT31) X(INT32) X(INT33) X(INT34)  \
    X(INT35) X(INT36) X(EPI) X(1012) X(202) X(203) X(204) X(205A) X(205B) X(205C)              \
    X(205D) X(207) X(208) X(348) X(502) X(503A) X(503B) X(503C) X(503D) X(503E)                \
    X(503F) X(559) X(560) X(561) X(562) X(576) X(584) X(624) X(626) X(1001)                    \
    X(1002) X(1010) X(NoE) X(164) X(169) X(179) X(392a) X(392b) X(392c) X(392d)                \
    X(406) X(411) X(420) X(454) X(1015) X(218) X(230) X(452) X(453) X(503G)                    \
    X(503H) X(503J) X(1008) X(219) X(221) X(224) X(227) X(228) X(229) X(166)                   \
    X(167) X(440) X(441)
// clang-format on
#define S903_DECLARE(code) void s903c_##code(struct rctx *c);
S903_CHECKS(S903_DECLARE)
#undef S903_DECLARE

#endif
