/* Structured log lines: fields, escaping of control characters and quotes, JSON mode. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

static char *capture(enum log_format fmt, const char *value)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    log_setup(f, fmt, LOG_INFO);
    log_event(LOG_DEBUG, "hidden", NULL); /* below the minimum level: not written */
    log_event(LOG_INFO, "test.event", "count", "3", "value", value, NULL);
    fclose(f);
    log_setup(NULL, LOG_KV, LOG_INFO);
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
