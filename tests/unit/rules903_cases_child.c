/* Cases for the child rules: header, UASC and motherhood. */
#include <stddef.h>

#include "rules903_cases.h"

const struct case903 cases903_child[] = {
    /* Sex: 1 and 2 until 2023/24, M F U from 2024/25; blank and lower case are not codes. */
    {"101", 2024, "[Header]\nCHILD,SEX\n1,1\n2,2\n3,M\n4,\n", "Header:2,3"},
    {"101", 2026, "[Header]\nCHILD,SEX\n1,M\n2,F\n3,U\n4,1\n5,m\n6,\n", "Header:3,4,5"},
    /* A day or month may have one digit, and the ISO form is read too (differences.md). */
    {"102", 2026, "[Header]\nCHILD,DOB\n1,01/02/2010\n2,31/02/2010\n3,\n4,1/2/2010\n5,2010-02-01\n",
     "Header:1,2"},
    {"103", 2026, "[Header]\nCHILD,ETHNIC\n1,WBRI\n2,XXXX\n3,\n4,wbri\n5,NOBT\n", "Header:1,2,3"},
    {"104", 2026, "[UASC]\nCHILD,DUC\n1,01/04/2025\n2,31/03/2025\n3,\n4,32/01/2026\n5,31/03/2026\n",
     "UASC:1,3"},
    /* 105 reads the XML's UASC flag: it does nothing for CSV input. */
    {"105", 2026, "[Header]\nCHILD,UASC\n1,0\n2,2\n3,\n", ""},
    {"168", 2026,
     "[Header]\nCHILD,UPN\n1,A123456789012\n2,A12345678901B\n3,I123456789012\n4,UN5\n5,UN6\n"
     "6,\n7,a123456789012\n8,A1234567890\n9,S12345678901Z\n",
     "Header:2,4,6,7,8"},
    {"171", 2026, "[Header]\nCHILD,MC_DOB\n1,01/01/2020\n2,\n3,2020/01/01\n", "Header:2"},
    {"174", 2024, "[Header]\nCHILD,SEX,MC_DOB\n1,1,01/01/2020\n2,2,01/01/2020\n3,1,\n", "Header:0"},
    {"174", 2026, "[Header]\nCHILD,SEX,MC_DOB\n1,M,01/01/2020\n2,F,01/01/2020\n3,1,01/01/2020\n",
     "Header:0"},
    /* School age: four before 31 August of the year before the collection year starts. */
    {"209", 2026,
     "[Header]\nCHILD,UPN,DOB\n1,UN1,31/08/2020\n2,UN1,01/09/2020\n3,UN2,01/01/2010\n"
     "4,UN1,\n",
     "Header:0"},
    /* 210: UN4 for a child whose current period of care, open at 31 March, began before
     * 24 March; a period begun on or after 24 March, or ended, is fine. */
    {"210", 2026,
     "[Header]\nCHILD,UPN\n1,UN4\n2,UN4\n3,UN3\n4,UN4\n"
     "[Episodes]\nCHILD,DECOM,DEC\n1,23/03/2026,\n2,24/03/2026,\n3,01/01/2026,\n"
     "4,01/01/2026,01/02/2026\n1,01/01/2026,23/03/2026\n",
     "Header:0 Episodes:4"},
    {"231", 2026,
     "[Header]\nCHILD,DOB\n1,01/04/2015\n2,31/03/2015\n3,01/01/2020\n"
     "[UASC]\nCHILD\n1\n2\n",
     "Header:0"},
    {"232", 2026, "[Header]\nCHILD,SEX\n1,U\n2,M\n3,u\n", "Header:0"},
    {"234", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2010\n2,01/01/2016\n"
     "[Episodes]\nCHILD,DECOM,REASON_PLACE_CHANGE\n1,01/06/2025,CUSTOD\n2,01/06/2025,CUSTOD\n"
     "2,01/06/2025,CARPL\n",
     "Header:1 Episodes:1"},
    {"301", 2026, "[Header]\nCHILD,DOB\n1,31/03/2026\n2,01/04/2026\n3,\n", "Header:1"},
    {"302", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2015\n2,01/01/2015\n"
     "[Episodes]\nCHILD,DECOM\n1,01/01/2014\n1,01/01/2016\n2,01/01/2016\n2,01/01/2014\n",
     "Header:0,1 Episodes:0,3"},
    /* 303 needs the header's UASC flag: here the header file gives it. */
    {"303", 2026,
     "[Header]\nCHILD,UASC\n1,0\n2,1\n3,\n"
     "[UASC]\nCHILD,DUC\n1,01/01/2026\n2,01/01/2026\n3,\n",
     "Header:0 UASC:0"},
    {"304", 2026, "[UASC]\nCHILD,DOB,DUC\n1,01/01/2008,01/01/2026\n2,01/01/2008,02/01/2026\n",
     "UASC:1"},
    {"351", 2026, "[Header]\nCHILD,DOB\n1,01/04/2000\n2,31/03/2000\n", "Header:1"},
    {"352", 2026,
     "[Header]\nCHILD,DOB\n1,01/01/2007\n2,01/01/2007\n"
     "[Episodes]\nCHILD,DECOM,RNE\n1,01/01/2025,S\n1,31/12/2024,S\n2,01/01/2025,P\n",
     "Episodes:0"},
    {"393", 2024,
     "[Header]\nCHILD,SEX,MOTHER\n1,2,\n2,2,0\n3,1,\n4,2,\n"
     "[Episodes]\nCHILD,LS\n1,C2\n2,C2\n3,C2\n4,V3\n",
     "Header:0"},
    {"393", 2026,
     "[Header]\nCHILD,SEX,MOTHER\n1,F,\n2,2,\n3,F,1\n"
     "[Episodes]\nCHILD,LS\n1,\n2,C2\n3,C2\n",
     "Header:0"},
    {"442", 2026,
     "[Header]\nCHILD,UPN\n1,\n2,\n3,UN1\n4,\n"
     "[Episodes]\nCHILD,LS\n1,C2\n2,V4\n3,C2\n",
     "Header:0"},
    {"444", 2026,
     "[Header]\nCHILD,UPN\n1,A123456789012\n2,A123456789012\n3,UN1\n4,UN1\n5,\n6,\n"
     "7,B123456789012\n",
     "Header:0,1"},
    {"607", 2024,
     "[Header]\nCHILD,SEX,MOTHER\n1,2,\n2,2,\n3,2,0\n4,2,\n5,2,\n"
     "[Episodes]\nCHILD,DEC,REC,LS\n1,01/06/2023,E13,C2\n2,01/06/2023,X1,C2\n"
     "3,01/06/2023,E13,C2\n4,01/06/2023,E13,V3\n5,01/06/2022,E13,C2\n",
     "Header:0 Episodes:0"},
    {"607", 2026,
     "[Header]\nCHILD,SEX,MOTHER\n1,F,\n2,2,\n"
     "[Episodes]\nCHILD,DEC,REC,LS\n1,01/06/2025,E13,C2\n2,01/06/2025,E13,C2\n",
     "Header:0 Episodes:0"},
    {"611", 2026, "[Header]\nCHILD,MOTHER,MC_DOB\n1,1,\n2,1,01/01/2020\n3,0,\n4,1,xx\n",
     "Header:0"},
    {"612", 2024,
     "[Header]\nCHILD,SEX,MOTHER,MC_DOB\n1,2,0,01/01/2020\n2,2,,01/01/2020\n3,2,1,01/01/2020\n"
     "4,1,0,01/01/2020\n",
     "Header:0,1"},
    {"612", 2026, "[Header]\nCHILD,SEX,MOTHER,MC_DOB\n1,F,0,01/01/2020\n2,2,0,01/01/2020\n",
     "Header:0"},
    {"620", 2026, "[Header]\nCHILD,DOB,MOTHER\n1,02/04/2014,1\n2,01/04/2014,1\n3,01/01/2020,0\n",
     "Header:0"},
    {"621", 2026,
     "[Header]\nCHILD,DOB,MC_DOB\n1,01/01/2008,01/01/2025\n2,01/01/2008,01/01/2008\n"
     "3,,01/01/2025\n4,01/01/2008,\n",
     "Header:1,2"},
    {"625", 2026,
     "[Header]\nCHILD,MC_DOB\n1,01/06/2026\n2,01/03/2026\n3,01/01/2026\n4,01/06/2026\n"
     "[Episodes]\nCHILD,DEC\n1,01/01/2026\n2,01/02/2026\n2,01/01/2026\n3,01/02/2026\n4,\n",
     "Header:0,1 Episodes:0,1"},
    {"628", 2026,
     "[Header]\nCHILD,MOTHER\n1,0\n2,0\n3,\n4,1\n"
     "[Episodes]\nCHILD\n2\n"
     "[OC3]\nCHILD,IN_TOUCH\n1,YES\n2,YES\n3,YES\n4,\n",
     "Header:0"},
    /* 165: mother status invalid, a male mother, or a female's status blank while looked
     * after in the year, or given for a care leaver not looked after this year. */
    {"165", 2026,
     "[Header]\nCHILD,SEX,MOTHER\n1,M,0\n2,F,\n3,F,7\n4,F,0\n5,2,1\n6,F,\n"
     "[Episodes]\nCHILD,DECOM,DEC,LS\n1,01/05/2025,,C2\n2,01/05/2025,,C2\n3,01/05/2025,,C2\n"
     "4,01/05/2025,,C2\n5,01/01/2024,01/02/2024,C2\n6,01/05/2025,,V3\n"
     "[OC3]\nCHILD,IN_TOUCH\n5,YES\n",
     "Header:0,1,2,4 OC3:0"},
    {NULL, 0, NULL, NULL},
};

/* Cases for the review rules. */
const struct case903 cases903_reviews[] = {
    {"166", 2026, "[Reviews]\nCHILD,REVIEW\n1,01/01/2026\n2,\n3,2026/01/01\n", "Reviews:1,2"},
    {"167", 2026,
     "[Reviews]\nCHILD,REVIEW,REVIEW_CODE\n1,01/01/2026,PN1\n2,01/01/2026,\n3,01/01/2026,PN8\n"
     "4,,\n5,,PN1\n",
     "Reviews:1,2,4"},
    {"440", 2026,
     "[Reviews]\nCHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2020,01/01/2024,PN0\n"
     "2,01/01/2020,02/01/2024,PN0\n3,01/01/2020,02/01/2024,PN1\n",
     "Reviews:1"},
    {"441", 2026,
     "[Reviews]\nCHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2020,31/12/2023,PN1\n"
     "2,01/01/2020,01/01/2024,PN7\n3,01/01/2020,31/12/2023,PN0\n4,,31/12/2023,PN1\n",
     "Reviews:0"},
    {NULL, 0, NULL, NULL},
};
