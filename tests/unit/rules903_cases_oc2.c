/* Cases for the OC2 rules (children looked after continuously for 12 months). */
#include <stddef.h>

#include "rules903_cases.h"

/* Child 1 has been looked after since 2020 (continuously at 31 March 2026); child 2
 * started in the year; child 3 has no episode. */
#define EPS "[Episodes]\nCHILD,DECOM,RNE,LS\n1,01/01/2020,S,C2\n2,01/06/2025,S,C2\n"
#define OC2 "[OC2]\n"

const struct case903 cases903_oc2[] = {
    {"157", 2026,
     EPS OC2 "CHILD,DOB,SDQ_SCORE,SDQ_REASON\n1,01/01/2015,,SDQ1\n1,01/04/2010,,SDQ1\n"
             "2,01/01/2015,,SDQ1\n1,01/01/2015,,SDQ2\n1,01/01/2022,,SDQ1\n",
     "OC2:0,1"},
    {"158", 2026, OC2 "CHILD,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n1,1,0\n2,1,\n3,0,1\n",
     "OC2:0"},
    {"159", 2026,
     OC2 "CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n1,1,0,\n2,1,0,1\n"
         "3,0,0,\n",
     "OC2:0"},
    {"180", 2026, OC2 "CHILD,SDQ_SCORE\n1,0\n2,40\n3,41\n4,-1\n5,\n6,12.0\n7,x\n", "OC2:2,3,6"},
    {"181", 2026, OC2 "CHILD,CONVICTED,TEETH_CHECK\n1,0,1\n2,2,\n3,,Y\n4,,\n", "OC2:1,2"},
    {"182", 2026,
     OC2 "CHILD,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,CONVICTED\n"
         "1,1,1,1,1,0\n2,1,,1,1,0\n3,,,,,\n4,1,,1,1,\n",
     "OC2:1"},
    {"185", 2026, EPS OC2 "CHILD,SDQ_SCORE\n1,10\n2,10\n3,10\n2,\n", "OC2:1,2"},
    {"186", 2026,
     EPS OC2 "CHILD,DOB,SDQ_SCORE,SDQ_REASON\n1,01/04/2021,,\n1,31/03/2009,,\n1,02/04/2009,,\n"
             "1,01/01/2015,5,\n2,01/01/2015,,\n",
     "OC2:0,2"},
    {"187", 2026,
     EPS "[OC3]\nCHILD,IN_TOUCH\n1,YES\n2,YES\n1,\n[AD1]\nCHILD,DATE_INT\n1,01/01/2025\n"
         "2,01/01/2025\n",
     "OC3:0 AD1:0"},
    {"188", 2026,
     OC2 "CHILD,DOB,SDQ_SCORE,SDQ_REASON\n1,01/04/2022,5,\n2,31/03/2022,5,\n"
         "3,01/04/2022,,SDQ1\n",
     "OC2:0,2"},
    {"189", 2026, OC2 "CHILD,DOB,SDQ_SCORE,SDQ_REASON\n1,31/03/2008,5,\n2,01/04/2008,5,\n",
     "OC2:0"},
    {"190", 2026, EPS OC2 "CHILD,CONVICTED\n1,0\n2,0\n3,\n", "OC2:1"},
    {"191", 2026,
     "[Episodes]\nCHILD,DECOM,RNE,LS\n1,01/01/2020,S,C2\n4,01/01/2020,S,C2\n4,01/01/2021,L,C2\n" OC2
     "CHILD,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE\n1,1,1,1,\n",
     "Episodes:1 OC2:0"},
    {"192", 2026, OC2 "CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED\n1,1,\n2,1,0\n3,0,\n", "OC2:0"},
    {"193", 2026,
     OC2 "CHILD,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n1,0,1,\n2,,,1\n"
         "3,1,1,\n4,0,,\n",
     "OC2:0,1"},
    {"196", 2026, OC2 "CHILD,SDQ_REASON\n1,SDQ1\n2,SDQ6\n3,\n", "OC2:1"},
    {"197a", 2026, OC2 "CHILD,SDQ_SCORE,SDQ_REASON\n1,5,SDQ1\n2,5,\n3,,SDQ2\n", "OC2:0"},
    /* 197B: a child who turns 4 or 17 in the year needs a score or a reason. */
    {"197B", 2026,
     EPS OC2 "CHILD,DOB,SDQ_SCORE,SDQ_REASON\n1,01/06/2021,,\n1,01/06/2008,,\n1,01/06/2015,,\n"
             "1,01/06/2021,,SDQ1\n2,01/06/2021,,\n",
     "OC2:0,1"},
    {"198", 2026, EPS OC2 "CHILD,SDQ_REASON\n1,SDQ1\n2,SDQ1\n", "OC2:1"},
    {"215", 2026, "[OC3]\nCHILD,IN_TOUCH\n1,YES\n2,YES\n3,\n" OC2 "CHILD,CONVICTED\n1,0\n2,\n3,1\n",
     "OC2:0 OC3:0"},
    {"542", 2026, OC2 "CHILD,DOB,CONVICTED\n1,01/04/2016,0\n2,31/03/2016,0\n3,01/04/2016,\n",
     "OC2:0"},
    {"543", 2026, EPS OC2 "CHILD,DOB,CONVICTED\n1,30/03/2016,\n1,31/03/2016,\n2,01/01/2010,\n",
     "OC2:0"},
    {"544", 2026,
     OC2 "CHILD,CONVICTED,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE\n"
         "1,1,1,1,1,\n2,1,1,1,1,0\n3,0,,,,\n",
     "OC2:0"},
    {"545", 2026, EPS OC2 "CHILD,DOB,HEALTH_CHECK\n1,01/04/2021,\n1,31/03/2021,\n2,01/04/2021,\n",
     "OC2:0"},
    {"546", 2026,
     EPS OC2 "CHILD,DOB,HEALTH_CHECK\n1,31/03/2021,1\n1,01/04/2021,1\n2,01/01/2010,0\n", "OC2:0"},
    {"547", 2026,
     OC2 "CHILD,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE\n"
         "1,1,1,,1,1\n2,1,1,1,1,1\n3,0,,,,\n",
     "OC2:0"},
    {NULL, 0, NULL, NULL},
};
