/* Structured log lines: fields, escaping of control characters and quotes, JSON mode. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

/* Log to a temporary file and read the line back (open_memstream's buffer pointer
 * confuses gcc's dangling-pointer analysis at -O3). */
static char *capture(enum log_format fmt, const char *value)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    log_setup(f, fmt, LOG_INFO);
    log_event(LOG_DEBUG, "hidden", NULL); /* below the minimum level: not written */
    log_event(LOG_INFO, "test.event", "count", "3", "value", value, NULL);
    log_setup(NULL, LOG_KV, LOG_INFO);
    long size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    char *buf = calloc(1, (size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    return buf;
}

static void key_value(void **state)
{
    (void)state;
    char *line = capture(LOG_KV, "two words\nlevel=error");
    assert_non_null(strstr(line, " level=info event=test.event count=3 "));
    assert_non_null(strstr(line, "value=\"two words\\nlevel=error\"\n"));
    assert_int_equal(strncmp(line, "ts=", 3), 0);
    assert_null(strstr(line, "hidden"));
    assert_int_equal(strchr(line, '\n') - line + 1, (long)strlen(line)); /* one line */
    free(line);
}

static void json(void **state)
{
    (void)state;
    char *line = capture(LOG_JSON, "say \"hi\"\x01");
    assert_non_null(strstr(line, "\"event\":\"test.event\""));
    assert_non_null(strstr(line, "\"value\":\"say \\\"hi\\\"\\u0001\"}"));
    assert_int_equal(line[0], '{');
    free(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_value),
        cmocka_unit_test(json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
