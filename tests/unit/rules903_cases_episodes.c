/* Cases for the episode rules. */
#include <stddef.h>

#include "rules903_cases.h"

#define EP "[Episodes]\n"

const struct case903 cases903_episodes[] = {
    {"141", 2026, EP "CHILD,DECOM\n1,01/01/2020\n2,\n3,01/13/2020\n4,1/1/2020\n", "Episodes:2"},
    {"147", 2026, EP "CHILD,DEC\n1,01/01/2020\n2,\n3,2020-01-01\n4,2020/01/01\n", "Episodes:3"},
    {"143", 2026, EP "CHILD,RNE\n1,S\n2,X\n3,\n4,s\n", "Episodes:1,3"},
    {"144", 2026, EP "CHILD,LS\n1,C2\n2,C3\n3,\n4,J3\n", "Episodes:1"},
    {"145", 2026, EP "CHILD,CIN\n1,N1\n2,N9\n3,\n", "Episodes:1"},
    /* Placement types by year: H5 and P2 end in 2023/24, K3 starts in 2024/25, Z1 becomes
     * Z11-Z14 in 2025/26. */
    {"146", 2024, EP "CHILD,PLACE\n1,H5\n2,K3\n3,Z1\n4,P2\n5,Z11\n", "Episodes:1,4"},
    {"146", 2025, EP "CHILD,PLACE\n1,H5\n2,K3\n3,Z1\n4,P2\n5,Z11\n", "Episodes:0,3,4"},
    {"146", 2026, EP "CHILD,PLACE\n1,H5\n2,K3\n3,Z1\n4,Z12\n5,\n6,k3\n", "Episodes:0,2,5"},
    {"149", 2026, EP "CHILD,REC\n1,E4A\n2,E4a\n3,E1\n4,\n5,X1\n", "Episodes:1,2"},
    {"1009", 2026, EP "CHILD,REASON_PLACE_CHANGE\n1,CARPL\n2,CARP\n3,\n4,CUSTOD\n", "Episodes:1"},
    /* 142: every episode but a child's last must have ended. */
    {"142", 2026,
     EP "CHILD,DECOM,DEC,REC\n1,01/01/2020,,\n1,01/02/2020,,\n2,01/01/2020,01/02/2020,\n"
        "2,01/02/2020,,\n3,01/01/2020,01/02/2020,X1\n3,01/02/2020,,\n4,,,\n4,01/01/2020,,\n",
     "Episodes:0,2,7"},
    {"148", 2026, EP "CHILD,DEC,REC\n1,01/01/2020,X1\n2,01/01/2020,\n3,,E2\n4,,\n5,99/01/2020,\n",
     "Episodes:1,2,4"},
    {"178", 2025,
     EP "CHILD,PLACE,PLACE_PROVIDER\n1,U1,PR1\n2,U1,PR9\n3,T4,PR1\n4,Z1,PR1\n5,T0,\n6,U1,\n",
     "Episodes:1,2,3"},
    {"178", 2026,
     EP "CHILD,PLACE,PLACE_PROVIDER\n1,U1,PR1\n2,Z11,PR1\n3,T4,PR1\n4,Z1,PR2\n5,T3,PR0\n",
     "Episodes:1,4"},
    {"213", 2025, EP "CHILD,PLACE,PLACE_PROVIDER\n1,T1,PR1\n2,Z1,PR1\n3,T2,\n", "Episodes:0"},
    {"213", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,T1,PR1\n2,Z13,PR1\n3,U1,PR1\n", "Episodes:0,1"},
    {"214", 2026,
     EP "CHILD,LS,PL_POST,URN\n1,V3,AB1 2CD,\n2,V4,,1234567\n3,V3,,\n4,C2,AB1 2CD,1234567\n",
     "Episodes:0,1"},
    {"217", 2026,
     EP "CHILD,DECOM,RNE,PLACE\n1,01/04/2015,P,A3\n2,31/03/2015,P,A3\n3,01/05/2020,T,A5\n"
        "4,01/05/2020,,A5\n5,01/05/2020,P,A4\n",
     "Episodes:0,3"},
    {"217t", 2024, EP "CHILD,PLACE,DEC\n1,P2,28/10/2023\n2,P2,29/10/2023\n3,P2,\n4,P1,\n",
     "Episodes:1,2"},
    {"222", 2023, EP "CHILD,PLACE,URN\n1,H5,1234567\n2,K2,1234567\n3,P1,XXXXXXX\n", "Episodes:0"},
    {"222", 2024, EP "CHILD,PLACE,URN\n1,H5,1234567\n2,P2,1234567\n", "Episodes:1"},
    {"222", 2025, EP "CHILD,PLACE,URN\n1,P2,1234567\n2,R1,1234567\n3,Z1,\n", "Episodes:1"},
    {"222", 2026, EP "CHILD,PLACE,URN\n1,Z1,1234567\n2,Z14,1234567\n3,T0,1\n", "Episodes:1,2"},
    /* 225: a placement change (the next episode changes placement) needs a reason. */
    {"225", 2026,
     EP "CHILD,DECOM,REC,PLACE,REASON_PLACE_CHANGE,RNE\n1,01/01/2020,X1,U1,,S\n"
        "1,01/02/2020,X1,U2,,P\n1,01/03/2020,,U3,,L\n2,01/01/2020,X1,U1,CARPL,S\n"
        "2,01/02/2020,,U2,,P\n3,01/01/2020,X1,U1,,S\n3,01/02/2020,,T1,,P\n",
     "Episodes:0"},
    /* 226: no reason for a temporary placement, nor on the episode before it. */
    {"226", 2026,
     EP "CHILD,DECOM,PLACE,REASON_PLACE_CHANGE\n1,01/01/2020,U1,CARPL\n1,01/02/2020,T1,\n"
        "2,01/01/2020,U1,\n2,01/02/2020,T1,CARPL\n3,01/01/2020,U1,CARPL\n3,01/02/2020,U2,\n"
        "4,01/02/2020,T1,\n",
     "Episodes:1,3"},
    {"226", 2025, EP "CHILD,DECOM,PLACE,REASON_PLACE_CHANGE\n1,01/02/2020,T1,CARPL\n",
     "Episodes:0"},
    {"233", 2026, EP "CHILD,DEC,REASON_PLACE_CHANGE\n1,,CARPL\n2,01/01/2026,CARPL\n3,,\n",
     "Episodes:0"},
    {"353", 2026, EP "CHILD,DECOM\n1,13/10/1991\n2,14/10/1991\n", "Episodes:0"},
    {"354", 2026, EP "CHILD,DECOM\n1,31/03/2026\n2,01/04/2026\n", "Episodes:1"},
    {"355", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2020,01/01/2020\n2,01/01/2020,02/01/2020\n3,xx,xx\n4,,\n",
     "Episodes:0,2"},
    {"356", 2026,
     EP "CHILD,DECOM,DEC\n1,02/01/2020,01/01/2020\n2,01/01/2020,01/01/2020\n3,,01/01/2020\n",
     "Episodes:0"},
    /* 357: the child's first episode, if it starts in the year, starts care (S). */
    {"357", 2026,
     EP "CHILD,DECOM,RNE\n1,01/05/2025,P\n1,01/06/2025,S\n2,01/05/2024,P\n3,01/05/2025,S\n"
        "4,,P\n4,01/06/2025,L\n",
     "Episodes:0,5"},
    {"358", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n2,01/01/2010\n3,01/01/2010\n" EP
     "CHILD,DECOM,LS\n1,01/01/2020,J1\n2,02/01/2020,J2\n3,01/01/2020,C2\n",
     "Header:0 Episodes:0"},
    {"359", 2026,
     "[Header]\nCHILD,DOB\n1,30/03/2008\n2,30/03/2008\n3,30/03/2008\n4,31/03/2008\n" EP
     "CHILD,DEC,LS,PLACE\n1,,C2,U1\n2,,V2,K2\n3,01/01/2026,C2,U1\n4,,C2,U1\n",
     "Episodes:0"},
    /* 361: police protection (L1) over 72 hours, joining L1 episodes when the one before ran
     * into the child's next episode (whatever its status): child 3's two L1 episodes join
     * across the C2 between them, as the reference reads the rule. */
    {"361", 2026,
     EP "CHILD,DECOM,DEC,LS\n1,01/01/2026,03/01/2026,L1\n1,03/01/2026,05/01/2026,L1\n"
        "2,01/01/2026,04/01/2026,L1\n3,01/01/2026,03/01/2026,L1\n3,03/01/2026,10/01/2026,C2\n"
        "3,10/01/2026,12/01/2026,L1\n4,30/03/2026,,L1\n",
     "Episodes:0,1,3,5"},
    {"362", 2026, EP "CHILD,DECOM,DEC,LS\n1,01/01/2026,22/01/2026,L2\n2,01/01/2026,23/01/2026,L2\n",
     "Episodes:1"},
    /* 363: child assessment order (L3) over 7 days; consecutive rows of the file, each
     * starting on or before the last ended. */
    {"363", 2026,
     EP "CHILD,DECOM,DEC,LS\n1,01/01/2026,05/01/2026,L3\n1,05/01/2026,09/01/2026,L3\n"
        "2,01/01/2026,08/01/2026,L3\n3,01/01/2026,03/01/2026,L3\n3,10/01/2026,16/01/2026,L3\n"
        "4,20/03/2026,,L3\n",
     "Episodes:0,1,5"},
    {"364", 2026, EP "CHILD,DECOM,DEC,LS\n1,01/01/2026,22/01/2026,J2\n2,01/01/2026,23/01/2026,J2\n",
     "Episodes:1"},
    {"365", 2026,
     EP "CHILD,DECOM,DEC,LS\n1,01/01/2026,18/01/2026,V3\n2,01/01/2026,19/01/2026,V3\n"
        "3,01/03/2026,,V3\n4,01/01/2026,19/01/2026,V4\n",
     "Episodes:1,2"},
    {"366", 2026, EP "CHILD,LS,RNE\n1,V3,S\n2,V3,P\n3,V4,P\n4,V3,\n", "Episodes:1,3"},
    /* 367: short breaks over 75 days in the year. */
    {"367", 2026,
     EP "CHILD,DECOM,DEC,LS\n1,01/03/2025,01/05/2025,V3\n1,01/06/2025,17/07/2025,V3\n"
        "2,01/06/2025,01/08/2025,V3\n2,01/09/2025,15/09/2025,V3\n3,01/03/2026,,V3\n"
        "3,01/10/2025,20/11/2025,V3\n",
     "Episodes:0,1,4,5"},
    {"370", 2023,
     "[Header]\nCHILD,DOB\n1,01/01/2005\n2,01/01/2005\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,31/12/2019,01/01/2021,P2\n2,01/01/2020,01/01/2021,P2\n",
     "Episodes:0"},
    {"370", 2024,
     "[Header]\nCHILD,DOB\n1,01/01/2005\n2,01/01/2005\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,31/12/2020,01/01/2022,P2\n2,31/12/2020,,P2\n",
     "Episodes:0"},
    {"371", 2023,
     "[Header]\nCHILD,DOB\n1,01/01/2005\n" EP "CHILD,DECOM,DEC,PLACE\n1,31/12/2018,01/01/2020,H5\n",
     "Episodes:0"},
    {"371", 2024,
     "[Header]\nCHILD,DOB\n1,01/01/2005\n" EP "CHILD,DECOM,DEC,PLACE\n1,31/12/2018,01/01/2020,H5\n",
     "Episodes:0"},
    {"371", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2009\n2,01/01/2009\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,31/12/2024,01/01/2026,K3\n2,01/01/2025,01/01/2026,K3\n",
     "Episodes:0"},
    {"372", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2015\n2,01/01/2015\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,31/12/2024,01/01/2026,R5\n2,01/01/2025,01/01/2026,R5\n",
     "Episodes:0"},
    {"373", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2021\n" EP "CHILD,DECOM,DEC,PLACE\n1,31/12/2024,01/01/2026,S1\n",
     "Episodes:0"},
    {"374", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2011\n3,01/01/2011\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,31/12/2024,01/01/2026,P3\n2,31/12/2024,01/01/2026,P3\n"
     "3,01/01/2025,01/01/2026,P3\n",
     "Episodes:0"},
    {"375", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n2,01/01/2010\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,01/01/2026,12/02/2026,T1\n2,01/01/2026,13/02/2026,T1\n"
     "3,01/01/2026,13/02/2026,T1\n",
     "Episodes:1"},
    {"376", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n" EP "CHILD,DECOM,DEC,PLACE\n1,01/01/2026,23/01/2026,T3\n",
     "Episodes:0"},
    {"379", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n" EP
     "CHILD,DECOM,DEC,PLACE\n1,01/01/2026,08/01/2026,T4\n1,01/02/2026,09/02/2026,T4\n",
     "Episodes:1"},
    {"377", 2026, EP "CHILD,PLACE\n1,T3\n1,T3\n1,U1\n1,T3\n2,T3\n2,T3\n", "Episodes:0,1,3"},
    {"378", 2026, EP "CHILD,PLACE,LS\n1,P1,V2\n2,P1,C2\n", "Episodes:0"},
    {"380", 2026, EP "CHILD,PLACE,RNE\n1,T0,P\n2,T1,B\n3,T2,S\n4,T3,\n5,U1,S\n", "Episodes:2,3"},
    {"381", 2026, EP "CHILD,PLACE,REC\n1,T0,X1\n2,T1,E2\n3,T2,\n", "Episodes:1"},
    {"382", 2026, EP "CHILD,PLACE,LS\n1,T0,V3\n2,T1,V4\n3,T2,C2\n", "Episodes:0,1"},
    /* 383: after a temporary placement the child returns to the placement before it. */
    {"383", 2025,
     EP "CHILD,DECOM,PLACE,RNE,PL_POST\n1,01/01/2020,U1,S,A\n1,01/02/2020,T1,P,B\n"
        "1,01/03/2020,U1,P,C\n2,01/01/2020,U1,S,A\n2,01/02/2020,T1,P,B\n2,01/03/2020,U2,P,A\n"
        "3,01/01/2020,U1,S,A\n3,01/02/2020,T1,P,B\n3,01/03/2020,U1,T,A\n",
     "Episodes:5,8"},
    {"383", 2026,
     EP "CHILD,DECOM,PLACE,RNE,PL_POST\n1,01/01/2020,U1,S,A\n1,01/02/2020,T1,P,B\n"
        "1,01/03/2020,U1,P,C\n2,01/01/2020,U1,S,A\n2,01/02/2020,T1,P,B\n2,01/03/2020,U1,P,A\n",
     "Episodes:2"},
    {"384", 2026, EP "CHILD,PLACE,LS\n1,U1,V3\n2,U4,V4\n3,U2,V3\n", "Episodes:0,1"},
    {"385", 2026, EP "CHILD,DEC\n1,31/03/2026\n2,01/04/2026\n", "Episodes:1"},
    {"386", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2007\n2,01/01/2007\n" EP
     "CHILD,DEC,REC\n1,01/01/2025,E11\n1,31/12/2024,E12\n2,01/01/2025,E4A\n",
     "Episodes:0"},
    /* 387: independent living (E5/E6) under 14; a child with no date of birth is flagged. */
    {"387", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2012\n2,01/01/2012\n" EP
     "CHILD,DEC,REC\n1,31/12/2025,E5\n2,01/01/2026,E6\n3,01/01/2026,E6\n1,,E5\n",
     "Episodes:0,2"},
    {"389", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n2,01/01/2010\n" EP
     "CHILD,DEC,REC\n1,31/12/2025,E7\n2,01/01/2026,E7\n2,,E7\n",
     "Episodes:0,2"},
    /* 388: X1 only when the next episode starts the day this one ends; other reasons only
     * when it does not; a child's last episode cannot end X1. */
    {"388", 2026,
     EP "CHILD,DECOM,DEC,REC\n1,01/01/2020,01/02/2020,X1\n1,02/02/2020,,\n"
        "2,01/01/2020,01/02/2020,E4A\n2,01/02/2020,,\n3,01/01/2020,01/02/2020,X1\n"
        "4,01/01/2020,01/02/2020,X1\n4,01/02/2020,,\n",
     "Episodes:0,2,4"},
    {"390", 2026, EP "CHILD,REC,PLACE\n1,E11,A3\n2,E12,U1\n3,E2,U1\n", "Episodes:1"},
    {"398", 2026, EP "CHILD,LS,HOME_POST,PL_POST\n1,V3,A,\n2,V4,,B\n3,V3,,\n4,C2,A,B\n",
     "Episodes:0,1"},
    /* 399: a child only ever on short breaks has no mother status and no reviews. */
    {"399", 2026,
     "[Header]\nCHILD,MOTHER\n1,0\n2,\n3,\n4,1\n" EP
     "CHILD,LS\n1,V3\n2,V4\n2,V3\n3,V3\n4,V3\n4,C2\n"
     "[Reviews]\nCHILD,REVIEW\n2,01/01/2026\n3,\n",
     "Header:0,1 Episodes:0,1,2 Reviews:0"},
    {"407", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2007\n2,01/01/2007\n" EP
     "CHILD,DEC,REC\n1,02/01/2025,E45\n2,01/01/2025,E48\n",
     "Header:0 Episodes:0"},
    {"408", 2026, EP "CHILD,PLACE,LS\n1,A5,E1\n2,A6,C2\n3,A5,\n4,A3,C2\n", "Episodes:1,2"},
    {"426", 2026, EP "CHILD,LS\n1,V3\n1,V4\n1,C2\n2,V3\n2,V3\n", "Episodes:0,1"},
    {"431", 2026,
     EP "CHILD,DECOM,DEC,RNE\n1,01/01/2020,01/02/2020,S\n1,01/02/2020,,S\n"
        "2,01/01/2020,01/02/2020,S\n2,02/02/2020,,S\n",
     "Episodes:1"},
    {"432", 2026,
     EP "CHILD,DECOM,REC,RNE\n1,01/01/2020,E4A,S\n1,01/02/2020,,P\n2,01/01/2020,E4A,S\n"
        "2,01/02/2020,,S\n3,01/01/2020,X1,S\n3,01/02/2020,,P\n",
     "Episodes:1"},
    {"433", 2026,
     EP "CHILD,DECOM,DEC,RNE\n1,01/01/2020,01/02/2020,S\n1,02/02/2020,,P\n"
        "2,01/01/2020,01/02/2020,S\n2,01/02/2020,,P\n3,01/01/2020,,S\n3,01/02/2020,,L\n"
        "4,01/01/2020,01/02/2020,S\n4,02/02/2020,,S\n",
     "Episodes:1,5"},
    {"434", 2026,
     EP "CHILD,DECOM,RNE,LS,PLACE,PL_POST\n1,01/01/2020,S,C1,U1,A\n1,01/02/2020,L,C2,U1,A\n"
        "2,01/01/2020,S,C1,U1,A\n2,01/02/2020,L,C1,U1,A\n3,01/01/2020,S,C1,U1,A\n"
        "3,01/02/2020,L,C2,U2,A\n4,01/01/2020,S,C1,U1,\n4,01/02/2020,L,C2,U1,\n",
     "Episodes:3,5"},
    {"435", 2026,
     EP "CHILD,DECOM,RNE,LS,PLACE,PL_POST,URN,PLACE_PROVIDER\n"
        "1,01/01/2020,S,C1,U1,A,1,PR1\n1,01/02/2020,P,C1,U2,A,1,PR1\n"
        "2,01/01/2020,S,C1,U1,A,1,PR1\n2,01/02/2020,P,C2,U2,A,1,PR1\n"
        "3,01/01/2020,S,C1,U1,A,1,PR1\n3,01/02/2020,T,C1,U1,A,1,PR1\n"
        "4,01/01/2020,S,C1,U1,,1,PR1\n4,01/02/2020,T,C1,U1,,1,PR1\n",
     "Episodes:3,5"},
    {"436", 2026,
     EP "CHILD,DECOM,RNE,LS,PLACE,PL_POST,URN,PLACE_PROVIDER\n"
        "1,01/01/2020,S,C1,U1,A,1,PR1\n1,01/02/2020,B,C2,U2,A,1,PR1\n"
        "2,01/01/2020,S,C1,U1,A,1,PR1\n2,01/02/2020,U,C1,U2,A,1,PR1\n"
        "3,01/01/2020,S,C1,U1,,1,PR1\n3,01/02/2020,U,C2,U1,,1,PR1\n",
     "Episodes:3,5"},
    {"437", 2026,
     EP "CHILD,DECOM,REC\n1,01/01/2020,E2\n1,01/02/2020,\n2,01/01/2020,E15\n3,01/01/2020,E2\n"
        "3,,\n",
     "Episodes:0,3"},
    {"445", 2024, EP "CHILD,DECOM,LS\n1,31/12/2005,D1\n2,01/01/2006,D1\n", "Episodes:1"},
    {"446", 2026, EP "CHILD,DECOM,LS\n1,30/11/2005,E1\n2,01/12/2005,E1\n", "Episodes:0"},
    {"451", 2024, EP "CHILD,DEC,REC,LS\n1,,,D1\n2,01/01/2024,E11,D1\n3,,,C2\n", "Episodes:0"},
    {"460", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2008\n2,01/01/2008\n" EP
     "CHILD,DEC,REC\n1,31/12/2025,E17\n2,01/01/2026,E17\n",
     "Episodes:0"},
    {"501", 2026,
     EP "CHILD,DECOM,DEC\n1,01/01/2020,01/03/2020\n1,01/02/2020,\n2,01/01/2020,01/02/2020\n"
        "2,01/02/2020,\n",
     "Episodes:1"},
    {"504", 2026,
     EP "CHILD,DECOM,DEC,REC,CIN\n1,01/01/2020,01/02/2020,X1,N1\n1,01/02/2020,,,N2\n"
        "2,01/01/2020,01/02/2020,X1,N1\n2,01/02/2020,,,N1\n"
        "3,01/01/2020,01/02/2020,E4A,N1\n3,01/03/2020,,,N2\n",
     "Episodes:1"},
    {"516", 2026, EP "CHILD,REC,PLACE\n1,E45,U1\n2,E46,K2\n3,E47,K2\n", "Episodes:1"},
    {"526", 2025, EP "CHILD,PLACE,PLACE_PROVIDER\n1,U1,\n2,Z1,\n3,T0,\n4,U1,PR1\n", "Episodes:0"},
    {"526", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,Z1,\n2,Z11,\n3,,\n", "Episodes:0,2"},
    {"527", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,P1,PR1\n2,R2,PR1\n3,U1,PR1\n", "Episodes:0,1"},
    {"528", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,R5,PR2\n2,U1,PR2\n", "Episodes:0"},
    {"529", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,K1,PR3\n2,R2,PR3\n3,U6,PR3\n", "Episodes:0,2"},
    {"530", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,P1,PR4\n2,U1,PR4\n", "Episodes:0"},
    {"531", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,P1,PR5\n2,U1,PR5\n", "Episodes:0"},
    {"550", 2026, EP "CHILD,PLACE,PLACE_PROVIDER\n1,P1,PR0\n2,U1,PR0\n3,,PR0\n", "Episodes:1,2"},
    /* 199: nothing after a child's first adoption, last year's counting too. */
    {"199", 2026,
     EP "CHILD,DECOM,REC\n1,01/01/2020,E11\n1,01/02/2020,\n2,01/01/2020,E12\n3,01/02/2020,X1\n"
        "[Episodes_last]\nCHILD,DECOM,REC\n3,01/01/2019,E11\n",
     "Episodes:1,3"},
    {NULL, 0, NULL, NULL},
};
