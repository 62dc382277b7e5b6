/*
 * Shared include for the cmocka unit suites: cmocka needs these system headers first,
 * and every suite uses the same table-size macro.
 */
#ifndef KITH_TEST_H
#define KITH_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
