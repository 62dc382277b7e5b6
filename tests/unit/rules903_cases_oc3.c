/* Cases for the OC3 rules (care leavers). */
#include <stddef.h>

#include "rules903_cases.h"

#define OC3 "[OC3]\n"

const struct case903 cases903_oc3[] = {
    {"131", 2026, OC3 "CHILD,IN_TOUCH\n1,YES\n2,MAYBE\n3,\n4,yes\n", "OC3:1,2,3"},
    {"132", 2026, OC3 "CHILD,ACTIV\n1,F1\n2,P3\n3,\n4,0\n", "OC3:1,2"},
    {"133", 2026, OC3 "CHILD,ACCOM\n1,B1\n2,S1\n3,X2\n4,\n5,0\n", "OC3:1,3"},
    {"134", 2026,
     OC3 "CHILD,IN_TOUCH\n1,YES\n2,\n[AD1]\nCHILD,DATE_INT,NB_ADOPTR\n1,01/01/2025,\n2,,1\n"
         "3,01/01/2025,\n",
     "AD1:0"},
    {"153", 2026, OC3 "CHILD,IN_TOUCH,ACTIV,ACCOM\n1,YES,F1,B1\n2,YES,,\n3,,,\n4,YES,F1,\n",
     "OC3:1,3"},
    {"344", 2026,
     OC3 "CHILD,IN_TOUCH,ACTIV,ACCOM\n1,DIED,0,0\n2,DIED,F1,0\n3,RHOM,,0\n4,YES,F1,B1\n",
     "OC3:1,2"},
    {"345", 2026, OC3 "CHILD,IN_TOUCH,ACTIV,ACCOM\n1,YES,0,B1\n2,YES,F1,0\n3,YES,F1,B1\n4,NO,0,0\n",
     "OC3:0,1"},
    {"347", 2026, OC3 "CHILD,DOB,ACCOM\n1,02/04/2007,T1\n2,01/04/2007,T2\n3,01/01/2009,B1\n",
     "OC3:0"},
    {"391", 2026, OC3 "CHILD,DOB,IN_TOUCH\n1,01/04/2009,YES\n2,31/03/2009,YES\n3,01/04/2009,\n",
     "OC3:0"},
    {"1000", 2026,
     "[Episodes]\nCHILD,REC\n1,E2\n2,E4A\n" OC3 "CHILD\n1\n2\n3\n[Episodes_last]\nCHILD,REC\n"
     "3,E2\n",
     "OC3:0,2"},
    /* 1007: in care on the 17th or 18th birthday that fell in the year. */
    {"1007", 2026,
     "[Episodes]\nCHILD,DECOM,DEC\n1,01/01/2020,01/02/2026\n2,01/01/2020,01/06/2025\n"
     "3,01/01/2020,01/02/2026\n4,01/01/2020,01/02/2026\n" OC3
     "CHILD,DOB,IN_TOUCH\n1,01/01/2009,YES\n2,01/09/2008,YES\n3,01/01/2009,\n"
     "4,01/01/2005,YES\n",
     "OC3:0"},
    {"1011", 2026,
     "[Episodes]\nCHILD,DECOM,REC\n1,01/01/2020,X1\n1,01/01/2021,E3\n2,01/01/2021,E3\n"
     "2,01/01/2022,E4A\n" OC3 "CHILD,IN_TOUCH\n1,YES\n2,YES\n",
     "OC3:0"},
    {"1014", 2026,
     "[Episodes]\nCHILD,DECOM,DEC\n1,01/01/2020,01/01/2021\n2,01/01/2020,01/06/2025\n"
     "[UASC]\nCHILD\n1\n2\n3\n" OC3 "CHILD,IN_TOUCH\n1,YES\n2,YES\n3,YES\n",
     "UASC:0 OC3:0"},
    {"1016", 2026,
     "[Episodes]\nCHILD,DEC\n1,01/06/2025\n2,01/06/2025\n3,01/06/2025\n" OC3
     "CHILD,DOB,IN_TOUCH\n1,01/05/2008,YES\n2,01/07/2008,YES\n3,01/05/2007,YES\n",
     "OC3:0,2"},
    {"3001", 2026,
     "[Header]\nCHILD,DOB\n1,01/06/2008\n2,01/06/2007\n3,01/06/2008\n" OC3
     "CHILD,ACCOM\n1,Z1\n2,Z2\n3,B1\n",
     "OC3:0"},
    {NULL, 0, NULL, NULL},
};
