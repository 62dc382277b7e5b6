/* Cases for the social worker episode rules. */
#include <stddef.h>

#include "rules903_cases.h"

#define SW "[SWEpisodes]\n"
#define EP "[Episodes]\n"

const struct case903 cases903_sw[] = {
    {"SW01STG1", 2024,
     EP "CHILD,DEC,LS\n1,,C2\n2,,C2\n3,01/01/2024,C2\n4,,V3\n" SW
        "CHILD,SW_ID,SW_DECOM,SW_REASON\n1,SW1,01/04/2023,MANAGE\n",
     "Episodes:1"},
    {"SW01aSTG1", 2026,
     SW "CHILD,SW_ID,SW_DECOM\n1,SW1,01/01/2023\n2,,01/01/2023\n3,,01/04/2023\n4,SW1,\n",
     "SWEpisodes:1,3"},
    {"SW01bSTG1", 2026,
     SW "CHILD,SW_ID,SW_DECOM,SW_REASON\n1,SW1,01/04/2023,MANAGE\n2,SW1,01/04/2023,\n"
        "3,,01/01/2023,\n4,SW1,,MANAGE\n",
     "SWEpisodes:1,3"},
    {"SW02STG1", 2026, SW "CHILD,SW_ID\n1,SW12\n2,XX9\n3,AB1\n4,\n5,sw1\n", "SWEpisodes:2,3,4"},
    {"SW03STG1", 2024,
     SW "CHILD,SW_ID,SW_DECOM,SW_REASON\n1,SW1,01/04/2023,MANAGE\n2,SW1,,MANAGE\n", "SWEpisodes:1"},
    {"SW04STG1", 2026, SW "CHILD,SW_DECOM\n1,01/04/2025\n2,\n3,x\n", "SWEpisodes:2"},
    {"SW05STG1", 2026, SW "CHILD,SW_DEC\n1,01/04/2025\n2,\n3,40/01/2026\n", "SWEpisodes:2"},
    {"SW06STG2", 2026, SW "CHILD,SW_DECOM\n1,31/03/2026\n2,01/04/2026\n", "SWEpisodes:1"},
    {"SW07STG2", 2024, SW "CHILD,SW_DEC\n1,31/03/2023\n2,01/04/2023\n3,01/04/2024\n4,\n",
     "SWEpisodes:0,2"},
    {"SW07STG2", 2026, SW "CHILD,SW_DEC\n1,31/03/2024\n2,01/04/2024\n3,01/04/2026\n",
     "SWEpisodes:0,2"},
    {"SW08STG2", 2026,
     SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2025,\n1,01/06/2025,\n2,01/05/2025,01/06/2025\n"
        "2,01/06/2025,\n",
     "SWEpisodes:0"},
    {"SW09STG2", 2026, SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2025,01/05/2025\n2,01/05/2025,\n",
     "SWEpisodes:0"},
    {"SW10STG2", 2024,
     SW "CHILD,SW_DECOM,SW_DEC,SW_REASON\n1,01/05/2023,01/06/2023,MANAGE\n"
        "1,08/06/2023,,MANAGE\n2,01/05/2023,01/06/2023,MANAGE\n2,09/06/2023,,FCONTA\n"
        "3,01/05/2023,,MANAGE\n3,01/06/2023,,MANAGE\n",
     "SWEpisodes:3,5"},
    {"SW10STG2", 2026,
     SW "CHILD,SW_DECOM,SW_DEC,SW_REASON\n2,01/05/2025,01/06/2025,MANAGE\n"
        "2,09/06/2025,,FCONTA\n3,01/05/2025,01/06/2025,MANAGE\n3,09/06/2025,,MANAGE\n",
     "SWEpisodes:3"},
    {"SW11aSTG2", 2024,
     SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2023,01/06/2023\n1,10/06/2023,\n"
        "2,01/05/2023,01/06/2023\n2,04/06/2023,\n",
     "SWEpisodes:1"},
    {"SW11bSTG2", 2026,
     SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2025,28/03/2026\n2,01/05/2025,01/03/2026\n"
        "3,01/05/2025,01/06/2025\n3,02/06/2025,29/03/2026\n",
     "SWEpisodes:0,3"},
    {"SW12STG2", 2024,
     EP "CHILD,DECOM,DEC,RNE,REC,LS\n1,01/06/2023,,S,,C2\n2,01/06/2023,,S,,C2\n"
        "3,01/01/2022,01/06/2023,S,E4A,C2\n4,01/06/2023,,S,,V3\n" SW
        "CHILD,SW_DECOM\n1,01/06/2023\n2,01/05/2023\n3,01/01/2023\n",
     "Episodes:1"},
    {"SW12STG2", 2026,
     EP "CHILD,DECOM,DEC,RNE,REC,LS\n1,01/06/2020,01/01/2024,S,E4A,C2\n"
        "2,01/06/2020,01/06/2024,S,E4A,C2\n",
     "Episodes:1"},
    {"SW13STG1", 2024, SW "CHILD,SW_REASON\n1,MANAGE\n2,LAZY\n3,\n", "SWEpisodes:1,2"},
    {"SW13STG1", 2026,
     SW "CHILD,SW_DECOM,SW_REASON\n1,01/04/2023,\n2,31/03/2023,\n3,01/01/2025,LAZY\n",
     "SWEpisodes:0,2"},
    {"SW14STG2", 2024, SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2023,\n1,01/06/2023,\n2,01/05/2023,\n",
     "SWEpisodes:0"},
    {"SW17STG2", 2026,
     SW "CHILD,SW_DECOM,SW_DEC\n1,01/05/2025,01/06/2025\n1,02/06/2025,01/03/2026\n"
        "2,01/05/2025,01/06/2025\n2,02/06/2025,\n",
     "SWEpisodes:1"},
    {NULL, 0, NULL, NULL},
};
