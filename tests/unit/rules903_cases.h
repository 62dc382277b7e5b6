/*
 * Table-driven cases for the SSDA903 rules. A case is a rule code, a collection year, the
 * tables it reads written as small CSV blocks, and the rows it must flag. Each block starts
 * with "[Table]" (the DfE table name, "_last" for last year's); its first line names the
 * columns given (the others are blank). `want` lists the flagged rows per table, as
 * "Header:0,2 Episodes:1", and "" when the rule must flag nothing.
 */
#ifndef KITH_TEST_RULES903_CASES_H
#define KITH_TEST_RULES903_CASES_H

struct case903 {
    const char *code;
    int year;
    const char *tables;
    const char *want;
};

/* Every case runs as this local authority (the one the peer samples were run as). */
#define CASE903_LA "E09000019"

#endif
