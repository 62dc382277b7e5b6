/* Cases for the placement location rules: postcodes, the LA and distance they give, and
 * Ofsted URNs. The local authority of every case is E09000019. */
#include <stddef.h>

#include "rules903_cases.h"

/* Three postcodes in the LA, one in another, one in Wales (grid references in metres). */
#define PC                                                                                         \
    "[Postcodes]\npcd,laua,utla,east,north\nN1 1AA,E09000019,E09000019,531000,184000\n"            \
    "N1 1AB,E09000019,E09000019,531000,185609\nN7 0AA,E09000019,E09000019,,\n"                     \
    "M1 1AA,E08000003,E08000003,384000,398000\nCF1 1AA,W06000015,W06000015,318000,176000\n"        \
    "ZE1 0AA,S12000027,S12000027,447000,1141000\nXX9 9XX,E09000019,E09000019,3000000,184000\n"
#define EP "[Episodes]\n"
/* Providers: URN, placement codes, provider codes, end of registration, postcode, LA. */
#define PV                                                                                         \
    "[Providers]\nurn,places,providers,reg_end,pcd,la\n1000001,K2 K1,PR4,,N1 1AB,E09000019\n"      \
    "1000002,K2,PR1,01/01/2026,M1 1AA,E08000003\n"

const struct case903 cases903_geo[] = {
    /* distance: 1 mile apart (1,609 m), unknown where a grid reference is missing */
    {"164", 2026,
     "[Header]\nCHILD,UASC\n1,0\n2,0\n3,1\n" PC EP
     "CHILD,HOME_POST,PL_POST\n1,N1 1AA,N1 1AB\n2,N1 1AA,XX9 9XX\n3,N1 1AA,XX9 9XX\n",
     "Episodes:1"},
    {"169", 2026, PC EP "CHILD,LS,PL_POST\n1,C2,N1 1AB\n2,C2,ZZ9 9ZZ\n3,V3,ZZ9 9ZZ\n4,C2,\n",
     "Episodes:1,3"},
    {"179", 2026, PC EP "CHILD,LS,PL_POST\n1,C2,CF1 1AA\n2,C2,ZZ9 9ZZ\n", "Episodes:1"},
    {"392a", 2026,
     "[Header]\nCHILD,UASC\n1,0\n2,0\n3,1\n4,0\n" PC EP
     "CHILD,LS,HOME_POST,PL_POST\n1,C2,N1 1AA,N1 1AB\n2,C2,N1 1AA,N7 0AA\n3,C2,,\n4,V3,,\n",
     "Episodes:1"},
    /* without a UASC flag in either year's header, 392a cannot tell who is UASC */
    {"392a", 2024, PC EP "CHILD,LS\n1,C2\n", ""},
    {"392b", 2026,
     "[Header]\nCHILD,UASC\n1,0\n2,1\n" EP
     "CHILD,LS,HOME_POST,PL_POST\n1,C2,N1 1AA,\n2,C2,,\n1,V3,,\n1,C2,A,B\n",
     "Episodes:0"},
    {"392c", 2026, PC EP "CHILD,HOME_POST,PL_POST\n1,N1 1AA,n11ab\n2,XX1 1XX,N1 1AA\n3,,\n",
     "Episodes:1"},
    {"392d", 2026,
     EP "CHILD,PLACE,HOME_POST,PL_POST\n1,U1,N1 1AA,N1 1AA\n2,P1,N1 1AA,N1 1AA\n3,U1,,\n",
     "Episodes:0"},
    {"406", 2026,
     "[Header]\nCHILD,UASC\n1,1\n2,1\n" PC EP "CHILD,HOME_POST,PL_POST\n1,N1 1AA,N1 1AB\n2,,\n",
     "Episodes:0"},
    {"411", 2026, PC EP "CHILD,PL_POST\n1,N1 1AB\n2,M1 1AA\n", ""},
    {"420", 2026, PC EP "CHILD,LS,PL_POST\n1,V3,N1 1AB\n2,V4,ZZ1 1ZZ\n3,C2,N1 1AB\n", "Episodes:0"},
    {"454", 2026, PC EP "CHILD,HOME_POST,PL_POST\n1,N1 1AA,M1 1AA\n2,N1 1AA,ZE1 0AA\n",
     "Episodes:1"},
    {"1015", 2026,
     PC EP "CHILD,LS,PLACE,PLACE_PROVIDER,PL_POST\n1,C2,K2,PR1,M1 1AA\n2,C2,K2,PR1,N1 1AB\n"
           "3,C2,U1,PR1,M1 1AA\n4,V3,K2,PR1,M1 1AA\n5,C2,K2,PR4,M1 1AA\n",
     "Episodes:0"},
    {"218", 2024,
     PC EP "CHILD,PLACE,DEC,URN,PL_POST\n1,K2,,,N1 1AB\n2,K2,,,CF1 1AA\n3,P1,,,N1 1AB\n"
           "4,K2,01/01/2023,,N1 1AB\n5,K2,,1234567,N1 1AB\n6,K2,,,ZZ1 1ZZ\n",
     "Episodes:0"},
    {"218", 2025, PC EP "CHILD,PLACE,URN,PL_POST\n1,P2,,N1 1AB\n2,P1,,N1 1AB\n", "Episodes:0"},
    {"218", 2026, PC EP "CHILD,PLACE,URN,PL_POST\n1,K2,,N1 1AB\n2,Z13,,N1 1AB\n3,K2,,ZZ1 1ZZ\n",
     "Episodes:0,2"},
    {"230", 2024,
     PC EP "CHILD,PLACE,DEC,URN,PL_POST\n1,H5,,,N1 1AB\n2,H5,28/10/2023,,N1 1AB\n"
           "3,H5,,XXXXXXX,N1 1AB\n4,H5,,,CF1 1AA\n",
     "Episodes:0,2"},
    {"452", 2026,
     PC EP "CHILD,DECOM,RNE,PL_POST\n1,01/01/2025,P,N1 1AB\n2,01/01/2025,P,N1 1AB\n"
           "[Episodes_last]\nCHILD,DECOM,RNE,PL_POST\n1,01/01/2025,P,M1 1AA\n"
           "2,01/01/2025,S,M1 1AA\n",
     "Episodes:0"},
    {"453", 2026,
     PC EP "CHILD,DECOM,RNE,HOME_POST,PL_POST\n1,01/01/2025,P,N1 1AA,N1 1AB\n"
           "2,01/01/2025,P,N1 1AA,N1 1AB\n[Episodes_last]\nCHILD,DECOM,RNE,HOME_POST,PL_POST\n"
           "1,01/01/2025,P,N1 1AA,N1 1AA\n2,01/01/2025,P,N1 1AA,N1 1AB\n",
     "Episodes:0"},
    {"503G", 2026,
     PC EP "CHILD,DECOM,RNE,HOME_POST,PL_POST\n1,01/01/2025,P,N1 1AA,N1 1AB\n"
           "[Episodes_last]\nCHILD,DECOM,RNE,HOME_POST,PL_POST\n1,01/01/2025,S,N1 1AA,N1 1AA\n",
     "Episodes:0"},
    {"503H", 2026,
     PC EP "CHILD,DECOM,PL_POST\n1,01/01/2025,N1 1AB\n2,01/01/2025,M1 1AA\n"
           "[Episodes_last]\nCHILD,DECOM,DEC,PL_POST\n1,01/01/2025,,M1 1AA\n"
           "2,01/01/2024,01/01/2025,N1 1AB\n",
     "Episodes:0"},
    {"503J", 2026,
     PC EP "CHILD,DECOM,PL_POST\n1,01/01/2025,N1 1AB\n[Episodes_last]\nCHILD,DECOM,PL_POST\n"
           "1,01/01/2025,N7 0AA\n",
     ""},
    {"1008", 2026, PV EP "CHILD,URN\n1,1000001\n2,1999999\n3,XXXXXXX\n4,\n", "Episodes:1"},
    {"219", 2026, PV EP "CHILD,URN,PLACE\n1,1000001,K1\n2,1000001,R1\n3,1999999,K2\n",
     "Episodes:1,2"},
    {"221", 2026,
     PV EP "CHILD,URN,PLACE,LS,PL_POST\n1,1000001,K2,C2,n1 1ab\n2,1000002,K2,C2,N1 1AB\n"
           "3,1000002,K2,V3,N1 1AB\n4,1000002,U1,C2,N1 1AB\n",
     "Episodes:1"},
    {"221", 2023,
     PV EP "CHILD,URN,PLACE,LS,PL_POST\n1,1000002,K2,C2,N1 1AB\n2,1000002,H5,C2,N1 1AB\n",
     "Episodes:0"},
    {"221", 2024,
     PV EP "CHILD,URN,PLACE,LS,PL_POST\n1,1000002,H5,C2,N1 1AB\n2,1000002,K3,C2,N1 1AB\n",
     "Episodes:0"},
    {"224", 2026, PV EP "CHILD,URN,PLACE_PROVIDER\n1,1000001,PR4\n2,1000001,PR1\n3,1999999,PR4\n",
     "Episodes:1,2"},
    {"227", 2026,
     PV EP "CHILD,URN,DECOM\n1,1000002,01/01/2026\n2,1000002,31/12/2025\n3,1000001,01/01/2026\n",
     "Episodes:0"},
    {"228", 2026, PV EP "CHILD,URN,DEC\n1,1000002,02/01/2026\n2,1000002,01/01/2026\n3,1000002,\n",
     "Episodes:0,2"},
    {"229", 2026,
     PC PV EP "CHILD,URN,PLACE_PROVIDER\n1,1000001,PR1\n2,1000002,PR1\n3,1000001,PR2\n"
              "4,1000002,PR2\n",
     "Episodes:1,2"},
    {NULL, 0, NULL, NULL},
};
