/*
 * A CIN census query checked and explained: when the rules run as a record is saved
 * (casework/cin_live.h) a query is a warning, and the person who checked it says why the
 * record is right as it is ("the plan was ended the day it began: the family moved away").
 * The DfE asks for queries to be fixed or explained; this is the explanation, kept with
 * the child and shown beside the finding wherever the rules are run on the live records.
 * Described once here and served by the record platform (domain/rec.h).
 */
#ifndef KITH_DOMAIN_CIN_ACK_H
#define KITH_DOMAIN_CIN_ACK_H

#include "domain/rec.h"

struct cin_ack {
    struct rec_head h;
    char rule[8];         /* the query's code: "4012Q" */
    char record_type[24]; /* the record the query is on: "cin_plan" */
    char record[PUBLIC_ID_LEN + 1];
    const char *explanation; /* why the record is right as it is */
};

extern const struct rec_type cin_ack_type;

#endif
