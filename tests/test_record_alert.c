/*
 * test_record_alert.c — alerts in the record layer (lib/record, RFC 5246
 * section 7.2): close_notify, parsing of received alerts, and the names
 * and the error -> alert table.
 *
 * Every rule of RFC 5246 section 6.2 and RFC 5288 that glasstls enforces
 * has a test that fails if the rule is broken, in one of the
 * tests/test_record_*.c programs.  Records are fed through the scripted
 * transport of tests/helpers/record_script.h or through the in-memory pipe
 * between two record layers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/record.h"
#include "record/record.h"
#include "helpers/record_script.h"

static uint8_t big[70000];

/* ------------------------------------------------------------ alerts */

static void test_close_notify(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    const uint8_t cn[2] = { 1, 0 };
    add_rec(&f->s, GLASS_CT_ALERT, cn, 2);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_CLOSED);
    assert_int_equal(f->r.peer_closed, 1);
    assert_int_equal(f->r.alert_in.present, 1);
    assert_int_equal(f->r.alert_in.level, 1);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_CLOSE_NOTIFY);
    assert_int_equal(glass_alert_for_error(GLASS_E_CLOSED), GLASS_ALERT_NONE);

    /* and sending one */
    assert_int_equal(glass_record_queue_alert(&f->r, 1, GLASS_ALERT_CLOSE_NOTIFY), GLASS_OK);
    assert_int_equal(f->r.we_closed, 1);
    assert_int_equal(f->s.out_len, 7);
    assert_memory_equal(f->s.out, "\x15\x03\x03\x00\x02\x01\x00", 7);
    fix_free(f);
}

static void test_alert_parsing(void **state)
{
    (void)state;
    glass_record_msg m;
    /* a fatal alert ends reading, with its name available */
    fix *f = fix_new(0);
    const uint8_t fatal[2] = { 2, 40 };
    add_rec(&f->s, GLASS_CT_ALERT, fatal, 2);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_ALERT_RECEIVED);
    assert_int_equal(f->r.alert_in.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_HANDSHAKE_FAILURE);
    assert_string_equal(glass_alert_name(f->r.alert_in.description), "handshake_failure");
    assert_string_equal(glass_alert_level_name(f->r.alert_in.level), "fatal");
    assert_int_equal(glass_alert_for_error(GLASS_E_ALERT_RECEIVED), GLASS_ALERT_NONE);
    fix_free(f);

    /* a warning is noted and skipped; an alert may sit between the
     * records of one handshake message */
    f = fix_new(0);
    size_t n = make_hs(big, 11, 100, 1);
    const uint8_t warn[2] = { 1, GLASS_ALERT_NO_RENEGOTIATION };
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, 50);
    add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big + 50, n - 50);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, n);
    assert_memory_equal(m.data, big, n);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(f->r.alert_in.level, GLASS_ALERT_LEVEL_WARNING);
    fix_free(f);

    /* malformed alerts: wrong length, unknown level */
    const struct { uint8_t b[3]; size_t len; } badl[] = {
        { { 2 }, 1 }, { { 2, 40, 0 }, 3 }, { { 0, 40 }, 2 }, { { 3, 40 }, 2 }, { { 255, 0 }, 2 },
    };
    for (size_t i = 0; i < sizeof badl / sizeof badl[0]; i++) {
        f = fix_new(0);
        add_rec(&f->s, GLASS_CT_ALERT, badl[i].b, badl[i].len);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_DECODE);
        fix_free(f);
    }

    /* a run of warnings is refused: GLASS_RECORD_MAX_WARNINGS in a row
     * pass, one more ends the connection ... */
    f = fix_new(0);
    for (int i = 0; i < GLASS_RECORD_MAX_WARNINGS + 1; i++)
        add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* ... but warnings between which the handshake moves on are not a run */
    f = fix_new(0);
    uint8_t hs[8];
    size_t hn = make_hs(hs, 2, 4, 0);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < GLASS_RECORD_MAX_WARNINGS; i++)
            add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
        add_rec(&f->s, GLASS_CT_HANDSHAKE, hs, hn);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        assert_int_equal(m.type, GLASS_CT_HANDSHAKE);
    }
    fix_free(f);
}

static void test_alert_names_and_table(void **state)
{
    (void)state;
    /* names from RFC 5246 section 7.2 */
    assert_string_equal(glass_alert_name(0), "close_notify");
    assert_string_equal(glass_alert_name(10), "unexpected_message");
    assert_string_equal(glass_alert_name(20), "bad_record_mac");
    assert_string_equal(glass_alert_name(22), "record_overflow");
    assert_string_equal(glass_alert_name(48), "unknown_ca");
    assert_string_equal(glass_alert_name(70), "protocol_version");
    assert_string_equal(glass_alert_name(100), "no_renegotiation");
    assert_string_equal(glass_alert_name(110), "unsupported_extension");
    assert_string_equal(glass_alert_name(7), "unknown");
    assert_string_equal(glass_content_type_name(22), "handshake");
    assert_string_equal(glass_content_type_name(99), "unknown");
    /* every error code maps to an alert that has a name (or to none) */
    for (int e = 0; e >= -500; e--) {
        int a = glass_alert_for_error(e);
        if (a != GLASS_ALERT_NONE)
            assert_string_not_equal(glass_alert_name(a), "unknown");
    }
    assert_int_equal(glass_alert_for_error(GLASS_E_WANT_READ), GLASS_ALERT_NONE);
    assert_int_equal(glass_alert_for_error(GLASS_E_IO), GLASS_ALERT_NONE);
    assert_int_equal(glass_alert_for_error(GLASS_E_BAD_RECORD_MAC), GLASS_ALERT_BAD_RECORD_MAC);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_UNKNOWN_ISSUER), GLASS_ALERT_UNKNOWN_CA);
    assert_int_equal(glass_alert_for_error(GLASS_E_NO_MEMORY), GLASS_ALERT_INTERNAL_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_close_notify),
        cmocka_unit_test(test_alert_parsing),
        cmocka_unit_test(test_alert_names_and_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
