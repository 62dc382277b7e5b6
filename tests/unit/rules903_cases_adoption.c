/* Cases for the adoption rules (AD1 and PlacedAdoption). */
#include <stddef.h>

#include "rules903_cases.h"

#define AD1 "[AD1]\n"
#define PA "[PlacedAdoption]\n"
#define EP "[Episodes]\n"
#define FULL "01/01/2025,01/02/2025,1,2,MF,L11"

const struct case903 cases903_adoption[] = {
    {"112", 2026, AD1 "CHILD,DATE_INT\n1,01/01/2025\n2,\n3,31/04/2025\n", "AD1:2"},
    {"113", 2026, AD1 "CHILD,DATE_MATCH\n1,01/01/2025\n2,x\n", "AD1:1"},
    {"114", 2026, AD1 "CHILD,FOSTER_CARE\n1,0\n2,1\n3,2\n4,\n", "AD1:2"},
    {"115", 2026, PA "CHILD,DATE_PLACED\n1,01/01/2025\n2,1/13/2025\n3,\n", "PlacedAdoption:1"},
    {"116", 2026, PA "CHILD,DATE_PLACED_CEASED\n1,01/01/2025\n2,01-01-2025\n", "PlacedAdoption:1"},
    {"117", 2026,
     EP "CHILD,DECOM,DEC,REC\n1,01/01/2024,01/06/2025,E11\n2,01/01/2024,01/06/2025,E4A\n"
        "3,01/01/2024,,\n" PA "CHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,01/07/2025,\n"
        "2,01/01/2025,01/05/2025\n3,01/04/2026,\n",
     "Episodes:0,2 PlacedAdoption:0,2"},
    {"118", 2026,
     EP "CHILD,DECOM,LS\n1,01/06/2025,C2\n2,01/01/2024,C2\n3,01/01/2025,V3\n3,01/06/2025,C2\n" PA
        "CHILD,DATE_PLACED_CEASED\n1,01/05/2025\n2,01/05/2025\n3,01/03/2025\n",
     "Episodes:0,3 PlacedAdoption:0,2"},
    {"119", 2026,
     PA "CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n1,01/01/2025,RD1\n2,01/01/2025,\n"
        "3,,RD1\n4,,\n",
     "PlacedAdoption:1,2"},
    {"120", 2026, PA "CHILD,REASON_PLACED_CEASED\n1,RD1\n2,RD5\n3,\n", "PlacedAdoption:1"},
    {"151", 2026,
     AD1 "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n1," FULL "\n"
         "2,,,,,,\n3,01/01/2025,,,,,\n",
     "AD1:2"},
    {"175", 2026, AD1 "CHILD,NB_ADOPTR\n1,1\n2,3\n3,\n", "AD1:1"},
    {"176", 2026, AD1 "CHILD,SEX_ADOPTR\n1,MF\n2,FM\n", "AD1:1"},
    {"177", 2026, AD1 "CHILD,LS_ADOPTR\n1,L11\n2,L1\n", "AD1:1"},
    {"184", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2020\n2,01/01/2020\n" PA
     "CHILD,DATE_PLACED\n1,31/12/2019\n2,01/01/2020\n3,01/01/2020\n1,\n",
     "PlacedAdoption:0,2"},
    {"331", 2026,
     EP "CHILD,DECOM,REC\n1,01/01/2025,E11\n2,01/01/2025,E12\n3,01/01/2025,E4A\n" AD1
        "CHILD,DATE_MATCH\n1,02/01/2025\n2,01/01/2025\n3,02/01/2025\n",
     "Episodes:0 AD1:0"},
    {"333", 2026,
     AD1 "CHILD,DATE_INT,DATE_MATCH\n1,02/01/2025,01/01/2025\n2,01/01/2025,01/01/2025\n"
         "3,,01/01/2025\n4,01/01/2025,\n",
     "AD1:0,2"},
    {"334", 2026,
     EP "CHILD,DECOM,RNE\n1,01/01/2020,S\n1,01/01/2022,S\n2,01/01/2020,S\n" AD1
        "CHILD,DATE_INT\n1,01/01/2021\n2,01/01/2021\n",
     "Episodes:1 AD1:0"},
    {"335", 2026,
     EP "CHILD,REC,PLACE\n1,E11,A3\n2,E12,A4\n3,E11,A5\n4,E4A,A3\n" AD1
        "CHILD,FOSTER_CARE\n1,0\n2,1\n3,1\n4,0\n",
     "Episodes:0,1 AD1:0,1"},
    /* the withdrawn codes the rule's text names: A2 as A3/A5, A1 as A4/A6, E1 as E11/E12 */
    {"335", 2026,
     EP "CHILD,REC,PLACE\n1,E1,A3\n2,E11,A2\n3,E12,A1\n4,E1,A1\n5,E1,A2\n6,E9,A2\n7,E1,A9\n" AD1
        "CHILD,FOSTER_CARE\n1,0\n2,0\n3,1\n4,0\n5,1\n6,0\n7,0\n",
     "Episodes:0,1,2 AD1:0,1,2"},
    {"336", 2026,
     EP "CHILD,DECOM,PLACE\n1,01/01/2020,K2\n1,01/01/2021,A3\n2,01/01/2020,U1\n"
        "2,01/01/2021,A4\n3,01/01/2021,A3\n",
     "Episodes:1"},
    {"511", 2026, AD1 "CHILD,NB_ADOPTR,SEX_ADOPTR\n1,2,M1\n2,2,MM\n3,1,F1\n", "AD1:0"},
    {"514", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L0,MM\n2,L0,F1\n3,L0,\n", "AD1:0,2"},
    {"517", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L3,MM\n2,L3,MF\n", "AD1:0"},
    {"518", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L4,MF\n2,L4,FF\n", "AD1:0"},
    {"519", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L2,M1\n2,L2,MF\n", "AD1:0"},
    {"520", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L11,MM\n2,L11,MF\n3,L11,\n", "AD1:0,2"},
    {"524", 2026, AD1 "CHILD,LS_ADOPTR,SEX_ADOPTR\n1,L12,MF\n2,L12,MM\n", "AD1:0"},
    {"521", 2026,
     EP "CHILD,DECOM,PLACE\n1,01/01/2025,A3\n2,01/01/2025,A4\n3,01/01/2025,U1\n" AD1
        "CHILD,DATE_INT\n1,02/01/2025\n2,01/01/2025\n3,02/01/2025\n",
     "Episodes:0 AD1:0"},
    {"522", 2026,
     PA "CHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,02/01/2025,01/01/2025\n2,01/01/2025,01/01/2025\n",
     "PlacedAdoption:0"},
    {"523", 2026,
     PA "CHILD,DATE_PLACED\n1,01/01/2025\n2,01/01/2025\n3,\n" AD1
        "CHILD,DATE_INT\n1,02/01/2025\n2,01/01/2025\n3,01/01/2025\n",
     "AD1:0 PlacedAdoption:0"},
    {"525", 2026,
     PA "CHILD,DATE_PLACED_CEASED\n1,01/01/2025\n2,01/01/2025\n3,\n" AD1
        "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n1," FULL "\n"
        "2,,,,,,\n3," FULL "\n",
     "AD1:0 PlacedAdoption:0"},
    {"551", 2026,
     EP "CHILD,PLACE\n1,A3\n2,A4\n3,U1\n4,A5\n" PA "CHILD,DATE_PLACED\n1,01/01/2025\n4,\n",
     "Episodes:1,3"},
    {"552", 2026,
     EP "CHILD,DECOM,PLACE\n1,01/01/2025,A3\n1,01/06/2025,A4\n2,01/06/2025,A5\n" PA
        "CHILD,DATE_PLACED\n1,01/02/2025\n1,01/12/2024\n2,01/01/2025\n",
     "Episodes:0 PlacedAdoption:0"},
    {"553", 2026,
     EP "CHILD,LS,DEC\n1,E1,\n2,E1,\n3,E1,01/01/2026\n4,C2,\n" PA
        "CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n2,01/01/2026,RD1\n3,01/01/2026,RD1\n",
     "Episodes:0 PlacedAdoption:0"},
    {"555", 2024,
     EP "CHILD,LS,DEC\n1,D1,\n2,D1,\n" PA "CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n2,,RD2\n",
     "Episodes:0 PlacedAdoption:0"},
    {"554", 2026,
     EP "CHILD,DECOM,LS\n1,01/01/2025,E1\n1,01/03/2025,E1\n2,01/01/2025,E1\n" PA
        "CHILD,DATE_PLACED\n1,01/02/2025\n2,01/01/2025\n",
     "Episodes:0 PlacedAdoption:0"},
    {"556", 2024,
     EP "CHILD,DECOM,LS\n1,01/01/2023,D1\n2,01/01/2023,D1\n" PA
        "CHILD,DATE_PLACED\n1,02/01/2023\n2,01/01/2023\n",
     "Episodes:0"},
    {"557", 2024,
     EP "CHILD,PLACE,LS,REC\n1,A3,C2,E4A\n2,U1,D1,E13\n3,A4,C2,E11\n4,A5,E1,X1\n5,U1,E1,E4A\n" PA
        "CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n1,01/01/2024,RD1\n2,01/01/2024,\n",
     "Episodes:1,4 PlacedAdoption:1"},
    {"557", 2026,
     EP "CHILD,PLACE,LS,REC\n1,U1,D1,E13\n2,U1,E1,E13\n" PA
        "CHILD,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n2,,\n",
     "Episodes:1 PlacedAdoption:0"},
    {"558", 2026,
     EP "CHILD,REC\n1,E11\n2,E11\n3,E12\n4,E11\n" PA
        "CHILD,DATE_PLACED_CEASED\n1,01/01/2025\n2,01/01/2025\n2,01/02/2025\n3,\n3,01/01/2025\n",
     "Episodes:1"},
    {"563", 2026,
     PA "CHILD,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n1,,01/01/2025,RD1\n"
        "2,01/01/2024,01/01/2025,RD1\n3,,01/01/2025,\n",
     "PlacedAdoption:0"},
    {"579", 2026,
     PA "CHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,01/01/2024,\n1,01/06/2024,\n"
        "2,01/01/2024,01/03/2024\n2,01/02/2024,\n3,01/01/2024,01/02/2024\n3,01/03/2024,\n",
     "PlacedAdoption:1,3"},
    {"582", 2026,
     EP "CHILD,DEC,REC\n1,01/01/2026,E11\n2,01/01/2026,E11\n3,01/01/2026,E4A\n" AD1
        "CHILD,DATE_MATCH\n1,01/01/2026\n2,01/12/2025\n3,01/01/2026\n",
     "Episodes:0"},
    {"583", 2026,
     PA "CHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,01/01/2024,\n1,01/06/2024,\n"
        "2,01/01/2024,01/03/2024\n2,01/06/2024,\n3,01/01/2024,\n",
     "PlacedAdoption:0"},
    {"601", 2026,
     EP "CHILD,DEC,REC\n1,01/01/2026,E11\n2,01/01/2026,E12\n3,01/01/2025,E11\n" AD1
        "CHILD,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n1," FULL "\n"
        "2,01/01/2025,,,,,\n3,,,,,,\n",
     "Episodes:1 AD1:1"},
    {"602", 2026,
     EP "CHILD,DEC,REC\n1,01/01/2026,E11\n2,01/01/2025,E11\n" AD1
        "CHILD,DATE_INT\n1,01/01/2025\n2,01/01/2024\n3,\n",
     "AD1:1"},
    {"1003", 2026,
     EP "CHILD,DECOM,RNE\n1,01/01/2020,S\n1,01/01/2022,S\n2,01/01/2020,P\n" PA
        "CHILD,DATE_PLACED\n1,01/01/2019\n1,01/01/2021\n2,01/01/2019\n",
     "Episodes:0 PlacedAdoption:0"},
    {NULL, 0, NULL, NULL},
};
