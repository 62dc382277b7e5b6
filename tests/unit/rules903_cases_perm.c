/* Cases for the previous permanence rules. */
#include <stddef.h>

#include "rules903_cases.h"

#define PP "[PrevPerm]\n"
#define EP "[Episodes]\n"

const struct case903 cases903_perm[] = {
    {"630", 2026,
     EP "CHILD,DECOM,RNE\n1,01/06/2025,S\n2,01/06/2025,S\n3,01/06/2025,S\n4,01/06/2025,S\n"
        "5,01/01/2025,S\n6,01/06/2025,P\n" PP
        "CHILD,PREV_PERM,LA_PERM,DATE_PERM\n1,Z1,,\n2,P1,,\n3,P1,206,01/01/2020\n4,,,\n",
     "Episodes:1,3"},
    {"631", 2026, PP "CHILD,PREV_PERM\n1,P1\n2,P5\n3,\n", "PrevPerm:1"},
    {"632", 2026,
     EP "CHILD,DECOM\n1,01/01/2020\n1,01/01/2022\n2,01/01/2020\n3,01/01/2020\n" PP
        "CHILD,DATE_PERM\n1,01/01/2021\n2,ZZ/12/2019\n3,31/12/2019\n",
     "Episodes:0 PrevPerm:0"},
    {"632", 2026,
     EP "CHILD,DECOM\n1,15/06/2019\n2,15/06/2019\n" PP "CHILD,DATE_PERM\n1,ZZ/06/2019\n2,ab\n",
     "Episodes:0,1 PrevPerm:0,1"},
    {"633", 2026, PP "CHILD,LA_PERM\n1,206\n2,WAL\n3,123\n4,\n", "PrevPerm:2"},
    {"634", 2026,
     EP "CHILD,DECOM\n1,01/01/2016\n1,01/01/2017\n2,01/06/2025\n3,01/01/2016\n" PP
        "CHILD,PREV_PERM\n1,Z1\n2,Z1\n3,\n",
     "Episodes:0,1 PrevPerm:0"},
    {"635", 2026, PP "CHILD,PREV_PERM,LA_PERM,DATE_PERM\n1,,206,\n2,,,01/01/2020\n3,P1,206,\n",
     "PrevPerm:0,1"},
    {NULL, 0, NULL, NULL},
};
