/* Cases for the deprivation of liberty order rules (2026/27). */
#include <stddef.h>

#include "rules903_cases.h"

#define DL "[DoLo]\n"
#define EP "[Episodes]\n"

const struct case903 cases903_dolo[] = {
    {"700", 2027, DL "CHILD,DOLO_START\n1,01/05/2026\n2,\n3,x\n", "DoLo:1,2"},
    {"701", 2027, DL "CHILD,DOLO_END\n1,01/05/2026\n2,\n3,x\n", "DoLo:2"},
    {"702", 2027,
     DL "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,01/05/2026\n2,01/05/2026,02/05/2026\n"
        "3,01/05/2026,30/04/2026\n",
     "DoLo:0,2"},
    {"703", 2027, DL "CHILD,DOLO_START\n1,31/03/2027\n2,01/04/2027\n", "DoLo:1"},
    {"704", 2027, DL "CHILD,DOLO_END\n1,31/03/2026\n2,01/04/2026\n3,01/04/2027\n", "DoLo:0,2"},
    {"705", 2027,
     DL "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,\n1,01/06/2026,01/07/2026\n"
        "2,01/05/2026,01/06/2026\n2,01/06/2026,01/07/2026\n",
     "DoLo:1"},
    /* 706 reports on this year's header row of the child (the row at fault is last year's),
     * or on the return as a whole when the child has none. */
    {"706", 2027,
     "[Header]\nCHILD\n1\n2\n" DL "CHILD,DOLO_START\n1,01/05/2026\n[DoLo_last]\n"
     "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,\n2,01/05/2025,\n3,01/05/2025,01/06/2025\n",
     "Header:1"},
    {"706", 2027, "[DoLo_last]\nCHILD,DOLO_START,DOLO_END\n4,01/05/2025,\n", "DoLo:-"},
    {"707", 2027,
     EP "CHILD,DECOM,DEC\n1,01/01/2025,01/01/2027\n2,01/01/2025,\n" DL
        "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,\n2,01/05/2026,\n",
     "DoLo:0"},
    {"708", 2027, DL "CHILD,DOB,DOLO_START\n1,01/05/2010,01/05/2010\n2,01/05/2010,02/05/2010\n",
     "DoLo:0"},
    {"709", 2027,
     EP "CHILD,DECOM,DEC,PLACE\n1,01/01/2026,,K2\n2,01/01/2026,,U1\n3,01/01/2026,,U1\n" DL
        "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,01/06/2026\n2,01/05/2026,01/06/2026\n"
        "3,01/05/2026,\n",
     "Episodes:1 DoLo:1"},
    {"710", 2027,
     EP "CHILD,DECOM,DEC,PLACE\n1,01/01/2026,01/04/2026,K1\n2,01/01/2026,,P1\n" DL
        "CHILD,DOLO_START,DOLO_END\n1,01/05/2026,01/06/2026\n2,01/05/2026,01/06/2026\n",
     "Episodes:1 DoLo:1"},
    {NULL, 0, NULL, NULL},
};
