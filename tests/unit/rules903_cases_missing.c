/* Cases for the Missing rules. */
#include <stddef.h>

#include "rules903_cases.h"

#define MIS "[Missing]\n"
#define EP "[Episodes]\n"

const struct case903 cases903_missing[] = {
    {"1004", 2026, MIS "CHILD,MIS_START\n1,01/01/2026\n2,\n3,10/24/2025\n", "Missing:1,2"},
    {"1005", 2026, MIS "CHILD,MIS_END\n1,01/01/2026\n2,\n3,13/10/21\n", "Missing:2"},
    {"1006", 2026, MIS "CHILD,MISSING\n1,M\n2,A\n3,AWAY\n4,\n5,m\n", "Missing:2,4"},
    {"564", 2026, MIS "CHILD,MISSING,MIS_START\n1,M,\n2,A,01/01/2026\n3,,\n", "Missing:0"},
    {"565", 2026, MIS "CHILD,MISSING,MIS_START\n1,,01/01/2026\n2,M,01/01/2026\n", "Missing:0"},
    {"566", 2026, MIS "CHILD,MISSING,MIS_END\n1,,01/01/2026\n2,A,01/01/2026\n", "Missing:0"},
    {"567", 2026, MIS "CHILD,MIS_START,MIS_END\n1,02/01/2026,01/01/2026\n2,01/01/2026,01/01/2026\n",
     "Missing:0"},
    {"570", 2026, MIS "CHILD,MIS_START\n1,01/04/2026\n2,31/03/2026\n", "Missing:0"},
    {"571", 2026, MIS "CHILD,MIS_END\n1,31/03/2025\n2,01/04/2025\n3,31/03/2026\n4,01/04/2026\n",
     "Missing:0,3"},
    {"574", 2026,
     MIS "CHILD,MIS_START,MIS_END\n1,01/01/2026,\n1,05/01/2026,10/01/2026\n"
         "2,01/01/2026,05/01/2026\n2,04/01/2026,08/01/2026\n3,01/01/2026,05/01/2026\n"
         "3,05/01/2026,08/01/2026\n",
     "Missing:1,3"},
    {"575", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2025,01/01/2026\n2,01/01/2025,01/01/2026\n3,01/01/2025,\n" MIS
        "CHILD,MIS_START,MIS_END\n1,01/06/2025,\n2,01/06/2025,01/07/2025\n3,01/06/2025,\n",
     "Missing:0"},
    /* 577: a missing period still open when the period of care ended, or reaching outside. */
    {"577", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2025,01/01/2026\n2,01/01/2025,\n3,01/01/2025,01/01/2026\n" MIS
        "CHILD,MIS_START,MIS_END\n1,01/06/2025,\n2,01/06/2025,\n3,01/06/2025,02/01/2026\n"
        "3,01/06/2025,01/07/2025\n4,01/06/2025,\n",
     "Missing:0,2"},
    {"578", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2025,01/01/2026\n2,01/01/2025,\n" MIS
        "CHILD,MIS_START\n1,02/01/2026\n1,01/06/2025\n2,01/12/2024\n2,01/06/2025\n",
     "Missing:0,2"},
    {"580", 2026,
     EP "CHILD,DEC,REC\n1,01/01/2026,E4A\n2,01/01/2026,E8\n" MIS
        "CHILD,DOB,MIS_END\n1,01/01/2008,01/01/2026\n2,01/01/2008,01/01/2026\n",
     "Episodes:0"},
    {"581", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2025,01/01/2026\n2,01/01/2025,\n" MIS
        "CHILD,MIS_START\n1,02/01/2026\n1,01/06/2025\n2,01/06/2025\n2,\n3,01/01/2020\n",
     "Missing:0,3"},
    {"586", 2026, MIS "CHILD,DOB,MIS_START\n1,01/01/2010,01/01/2010\n2,01/01/2010,02/01/2010\n",
     "Missing:0"},
    {NULL, 0, NULL, NULL},
};
