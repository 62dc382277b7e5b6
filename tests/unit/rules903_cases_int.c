/* Cases for the whole-return consistency checks (INT..., EPI) and rule 1012. */
#include <stddef.h>

#include "rules903_cases.h"

#define HDR "[Header]\nCHILD,SEX,DOB\n1,M,01/01/2010\n2,F,01/01/2011\n"

const struct case903 cases903_int[] = {
    {"INT01", 2026, HDR "[AD1]\nCHILD\n1\n3\n", "AD1:1"},
    {"INT02", 2026, HDR "[PlacedAdoption]\nCHILD\n3\n2\n", "PlacedAdoption:0"},
    {"INT03", 2026, HDR "[Episodes]\nCHILD\n1\n9\n9\n", "Episodes:1,2"},
    {"INT04", 2026, HDR "[Missing]\nCHILD\n5\n", "Missing:0"},
    {"INT05", 2026, HDR "[OC2]\nCHILD\n1\n5\n", "OC2:1"},
    {"INT06", 2026, HDR "[OC3]\nCHILD\n5\n2\n", "OC3:0"},
    {"INT07", 2026, HDR "[PrevPerm]\nCHILD\n5\n", "PrevPerm:0"},
    {"INT08", 2026, HDR "[Reviews]\nCHILD\n1\n5\n", "Reviews:1"},
    {"INT09", 2026, HDR "[UASC]\nCHILD\n5\n", "UASC:0"},
    /* the header itself is needed: without it nothing is flagged */
    {"INT03", 2024, "[Episodes]\nCHILD\n9\n", ""},
    {"INT11", 2026, HDR "[AD1]\nCHILD,DOB\n1,01/01/2010\n2,02/01/2011\n3,01/01/2000\n", "AD1:1"},
    {"INT12", 2026, HDR "[PlacedAdoption]\nCHILD,DOB\n1,02/01/2010\n2,\n", "PlacedAdoption:0"},
    {"INT13", 2026, HDR "[Missing]\nCHILD,DOB\n2,01/01/2011\n1,01/01/2011\n", "Missing:1"},
    {"INT14", 2026, HDR "[OC2]\nCHILD,DOB\n1,01/01/2011\n", "OC2:0"},
    {"INT15", 2026, HDR "[OC3]\nCHILD,DOB\n1,01/01/2010\n2,01/01/2010\n", "OC3:1"},
    {"INT16", 2026, HDR "[PrevPerm]\nCHILD,DOB\n1,01/01/2009\n", "PrevPerm:0"},
    {"INT17", 2026, HDR "[Reviews]\nCHILD,DOB\n1,01/01/2010\n1,31/12/2009\n", "Reviews:1"},
    {"INT18", 2026, HDR "[UASC]\nCHILD,DOB\n2,01/01/2012\n", "UASC:0"},
    {"INT21", 2026, HDR "[UASC]\nCHILD,SEX\n1,M\n2,M\n3,F\n2,\n", "UASC:1"},
    {"INT31", 2026, "[AD1]\nCHILD\n1\n2\n1\n", "AD1:0,2"},
    {"INT32", 2026, "[Header]\nCHILD\n1\n2\n2\n", "Header:1,2"},
    {"INT33", 2026, "[OC2]\nCHILD\n1\n1\n3\n", "OC2:0,1"},
    {"INT34", 2026, "[OC3]\nCHILD\n1\n2\n3\n", ""},
    {"INT35", 2026, "[PrevPerm]\nCHILD\n4\n4\n", "PrevPerm:0,1"},
    {"INT36", 2026, "[UASC]\nCHILD\n1\n2\n2\n", "UASC:1,2"},
    {"EPI", 2026, HDR "[Episodes]\nCHILD\n1\n[OC3]\nCHILD\n3\n", "Header:1"},
    {"1012", 2026,
     "[Episodes]\nCHILD\n1\n[Reviews]\nCHILD\n1\n2\n[OC2]\nCHILD\n2\n[AD1]\nCHILD\n1\n"
     "[PlacedAdoption]\nCHILD\n3\n[PrevPerm]\nCHILD\n2\n[Missing]\nCHILD\n2\n",
     "Reviews:1 OC2:0 PlacedAdoption:0 PrevPerm:0 Missing:0"},
    {NULL, 0, NULL, NULL},
};
