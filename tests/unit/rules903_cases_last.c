/* Cases for the rules that compare this year's return with last year's. */
#include <stddef.h>

#include "rules903_cases.h"

#define H "[Header]\n"
#define HL "[Header_last]\n"
#define EP "[Episodes]\n"
#define EPL "[Episodes_last]\n"

const struct case903 cases903_last[] = {
    {"202", 2026, H "CHILD,SEX\n1,M\n2,F\n3,M\n" HL "CHILD,SEX\n1,M\n2,M\n", "Header:1"},
    {"203", 2026,
     H "CHILD,DOB\n1,01/01/2010\n2,01/01/2010\n3,\n" HL
       "CHILD,DOB\n1,01/01/2010\n2,02/01/2010\n3,\n",
     "Header:1"},
    {"204", 2026, H "CHILD,ETHNIC\n1,WBRI\n2,WIRI\n" HL "CHILD,ETHNIC\n1,WBRI\n2,WBRI\n",
     "Header:1"},
    /* 205A-D read the UASC flag, which the CSV reader derives from the UASC tables. */
    {"205A", 2026,
     H "CHILD\n1\n2\n3\n[UASC]\nCHILD,DUC\n9,\n" HL "CHILD\n1\n2\n3\n[UASC_last]\n"
       "CHILD,DOB,DUC\n1,01/01/2007,01/01/2025\n2,01/01/2008,01/01/2026\n",
     ""},
    {"205A", 2026,
     H "CHILD,UASC\n1,0\n2,0\n[UASC]\nCHILD,DUC\n1,01/01/2025\n2,\n" HL "CHILD\n1\n2\n"
       "[UASC_last]\nCHILD,DOB,DUC\n1,01/01/2007,01/01/2025\n2,01/01/2007,01/01/2025\n",
     "Header:0 UASC:0"},
    {"205B", 2026,
     H "CHILD\n1\n2\n[UASC]\nCHILD,DUC\n1,01/01/2026\n2,01/01/2020\n" HL "CHILD\n1\n2\n"
       "[UASC_last]\nCHILD,DOB,DUC\n1,01/01/2008,01/01/2026\n2,01/01/2008,01/01/2020\n",
     "Header:1 UASC:1"},
    {"205C", 2026,
     H "CHILD,UASC\n1,0\n2,0\n[UASC]\nCHILD,DUC\n1,01/01/2026\n2,\n" HL "CHILD,UASC\n1,0\n2,0\n"
       "[UASC_last]\nCHILD,DUC\n9,\n",
     "Header:0 UASC:0"},
    {"205D", 2026, H "CHILD\n1\n2\n[UASC]\nCHILD\n1\n2\n" HL "CHILD\n1\n2\n[UASC_last]\nCHILD\n2\n",
     "Header:0"},
    {"207", 2026,
     H "CHILD,MOTHER\n1,0\n2,0\n3,1\n" HL "CHILD,MOTHER\n1,1\n2,1\n3,1\n" EP "CHILD\n1\n3\n",
     "Header:0"},
    {"208", 2026,
     H "CHILD,UPN\n1,A123456789012\n2,UN2\n3,B123456789012\n4,UN1\n5,\n" HL
       "CHILD,UPN\n1,UN3\n2,UN1\n3,A123456789012\n4,UN3\n5,A123456789012\n",
     "Header:2,3,4"},
    {"348", 2026,
     "[OC3]\nCHILD,IN_TOUCH\n1,YES\n2,DIED\n3,YES\n[OC3_last]\nCHILD,IN_TOUCH\n1,DIED\n2,DIED\n"
     "3,NO\n",
     "OC3:0"},
    {"502", 2026,
     EP "CHILD,DECOM\n1,01/01/2025\n1,01/06/2025\n2,01/02/2025\n" EPL
        "CHILD,DECOM,DEC\n1,01/01/2025,\n2,01/01/2025,\n",
     "Episodes:2"},
    {"503A", 2026,
     EP "CHILD,DECOM,RNE\n1,01/01/2025,S\n2,01/01/2025,S\n3,01/01/2025,P\n" EPL
        "CHILD,DECOM,DEC,RNE\n1,01/01/2025,,S\n2,01/01/2024,,P\n3,01/01/2024,01/01/2025,S\n",
     "Episodes:1"},
    {"503B", 2026, EP "CHILD,DECOM,LS\n1,01/01/2025,C1\n" EPL "CHILD,DECOM,LS\n1,01/01/2025,C2\n",
     "Episodes:0"},
    {"503C", 2026, EP "CHILD,DECOM,CIN\n1,01/01/2025,N1\n" EPL "CHILD,DECOM,CIN\n1,01/01/2025,N1\n",
     ""},
    {"503D", 2024,
     EP "CHILD,DECOM,PLACE\n1,01/01/2023,K3\n2,01/01/2023,U1\n" EPL
        "CHILD,DECOM,PLACE\n1,01/01/2023,H5\n2,01/01/2023,U1\n",
     ""},
    {"503D", 2025,
     EP "CHILD,DECOM,PLACE\n1,01/01/2024,K3\n2,01/01/2024,U1\n" EPL
        "CHILD,DECOM,PLACE\n1,01/01/2024,H5\n2,01/01/2024,U2\n",
     "Episodes:1"},
    {"503D", 2026,
     EP "CHILD,DECOM,PLACE\n1,01/01/2024,Z12\n2,01/01/2024,K3\n" EPL
        "CHILD,DECOM,PLACE\n1,01/01/2024,Z1\n2,01/01/2024,H5\n",
     "Episodes:1"},
    {"503E", 2026,
     EP "CHILD,DECOM,PLACE_PROVIDER\n1,01/01/2024,PR1\n" EPL
        "CHILD,DECOM,PLACE_PROVIDER\n1,01/01/2024,\n",
     "Episodes:0"},
    {"503F", 2026,
     EP "CHILD,DECOM,URN\n1,01/01/2024,1\n2,01/01/2024,\n" EPL
        "CHILD,DECOM,URN\n1,01/01/2024,2\n2,01/01/2024,\n",
     "Episodes:0"},
    {"559", 2026,
     "[PlacedAdoption]\nCHILD,DATE_PLACED\n1,01/01/2025\n2,01/01/2025\n3,01/06/2025\n"
     "[PlacedAdoption_last]\nCHILD,DATE_PLACED\n1,01/01/2025\n2,\n",
     "PlacedAdoption:1"},
    {"560", 2026,
     "[PlacedAdoption]\nCHILD,DATE_PLACED\n1,01/01/2025\n2,02/01/2025\n3,02/01/2025\n"
     "[PlacedAdoption_last]\nCHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,01/01/2025,\n"
     "2,01/01/2025,\n3,01/01/2025,01/02/2025\n",
     "PlacedAdoption:1"},
    {"561", 2026,
     "[PlacedAdoption]\nCHILD,DATE_PLACED\n1,01/01/2025\n2,01/01/2025\n"
     "[PlacedAdoption_last]\nCHILD,DATE_PLACED,DATE_PLACED_CEASED\n1,01/01/2025,01/02/2025\n"
     "2,01/01/2025,\n",
     "PlacedAdoption:0"},
    {"562", 2026,
     EP "CHILD,DECOM\n1,01/01/2025\n2,01/02/2025\n3,01/06/2025\n4,01/01/2025\n" EPL
        "CHILD,DECOM\n1,01/01/2025\n2,01/01/2025\n3,01/01/2025\n",
     "Episodes:1,3"},
    {"576", 2026,
     "[Missing]\nCHILD,MIS_START\n1,01/05/2025\n1,01/03/2025\n2,01/05/2025\n"
     "[Missing_last]\nCHILD,MIS_START,MIS_END\n1,01/03/2025,\n2,01/03/2025,\n",
     "Missing:2"},
    {"584", 2026,
     "[PlacedAdoption]\nCHILD,DATE_PLACED\n1,01/01/2025\n2,01/01/2024\n3,\n"
     "[PlacedAdoption_last]\nCHILD,DATE_PLACED,REASON_PLACED_CEASED\n1,01/06/2024,RD1\n"
     "2,01/06/2024,RD1\n3,01/06/2024,RD1\n",
     "PlacedAdoption:1,2"},
    {"624", 2026,
     H "CHILD,MC_DOB\n1,01/01/2024\n2,\n3,01/01/2024\n" HL
       "CHILD,MC_DOB\n1,02/01/2024\n2,01/01/2024\n3,\n",
     "Header:0,1"},
    {"626", 2026,
     H "CHILD,MOTHER,MC_DOB\n1,1,01/01/2025\n2,1,01/06/2025\n3,1,01/01/2025\n" HL
       "CHILD,MOTHER\n1,0\n2,0\n3,1\n",
     "Header:0"},
    /* 1001: looked after 13 weeks after the 14th birthday, some after the 16th. */
    {"1001", 2026,
     H "CHILD,DOB\n1,01/01/2008\n2,01/01/2008\n3,01/01/2008\n" EP
       "CHILD,DECOM,DEC,REC\n1,01/01/2022,01/06/2025,E4A\n2,01/01/2022,01/03/2022,E4A\n"
       "3,01/01/2022,01/06/2025,E11\n" EPL "CHILD\n9\n[OC3]\nCHILD\n1\n2\n3\n4\n",
     "OC3:1,2,3"},
    {"1002", 2026, EP "CHILD\n1\n" EPL "CHILD\n2\n[OC3]\nCHILD\n1\n2\n3\n", "OC3:2"},
    {"1010", 2026,
     EP "CHILD\n1\n" EPL "CHILD,DECOM,DEC\n1,01/01/2025,\n2,01/01/2025,\n3,01/01/2025,01/03/2025\n"
        "[OC3]\nCHILD\n1\n2\n3\n",
     "OC3:1"},
    {"NoE", 2026, EP "CHILD,DECOM\n1,01/01/2025\n2,01/01/2025\n3,01/06/2025\n" EPL "CHILD\n1\n",
     "Episodes:1"},
    {NULL, 0, NULL, NULL},
};
