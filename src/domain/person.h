/*
 * The person's description (domain/person.c): the field table of struct person and the
 * checks of a whole person record.
 */
#ifndef KITH_DOMAIN_PERSON_H
#define KITH_DOMAIN_PERSON_H

#include "domain/field.h"
#include "domain/record.h"

/* The field table of struct person. */
extern const struct field person_fields[];

/* A child's record with nothing recorded yet (every date absent, names empty): what a
 * form, a JSON body or the options are read into. */
struct person person_blank_child(void);

/* Validate a person for collection year `year` (its codes must be valid then), taking today
 * from date_today(); `errs` is cleared first. */
void field_check_person(const struct person *p, int year, struct field_errors *errs);
/* The same with an explicit today. */
void field_check_person_on(const struct person *p, int year, kdate today,
                           struct field_errors *errs);

#endif
