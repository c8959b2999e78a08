/*
 * test_common.c — the shared basics: glass_wipe, the constant-time helpers
 * (glasstls/ct.h), the bounds-checked reader/writer (lib/common/reader.h)
 * and, for every code in the X-macro list, glass_strerror / glass_err_name
 * and the alert it states (glass_alert_for_error).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "common/reader.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/record.h"

static void test_wipe(void **state)
{
    uint8_t buf[37], zero[37] = { 0 };
    (void)state;
    memset(buf, 0xab, sizeof buf);
    glass_wipe(buf, sizeof buf);
    assert_memory_equal(buf, zero, sizeof buf);
    memset(buf, 0xab, sizeof buf);
    glass_wipe(buf + 1, 3);                       /* only what was asked */
    assert_int_equal(buf[0], 0xab);
    assert_int_equal(buf[1] | buf[2] | buf[3], 0);
    assert_int_equal(buf[4], 0xab);
    glass_wipe(NULL, 0);                          /* documented: allowed */
}

static void test_ct_equal(void **state)
{
    uint8_t a[64], b[64];
    (void)state;
    for (int i = 0; i < 64; i++)
        a[i] = b[i] = (uint8_t)(i * 3);
    assert_int_equal(glass_ct_equal(a, b, 64), 1);
    assert_int_equal(glass_ct_equal(NULL, NULL, 0), 1);
    assert_int_equal(glass_ct_equal(a, b, 0), 1);
    /* one bit different at each position */
    for (int i = 0; i < 64; i++) {
        for (int bit = 0; bit < 8; bit++) {
            b[i] ^= (uint8_t)(1u << bit);
            assert_int_equal(glass_ct_equal(a, b, 64), 0);
            assert_int_equal(glass_ct_equal(a, b, (size_t)i), 1);   /* before the change */
            b[i] ^= (uint8_t)(1u << bit);
        }
    }
}

static void test_ct_masks(void **state)
{
    static const uint32_t v[] = { 0, 1, 2, 0x7fffffffu, 0x80000000u, 0x80000001u, 0xfffffffeu, 0xffffffffu, 12345 };
    const size_t n = sizeof v / sizeof v[0];
    (void)state;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(glass_ct_is_zero32(v[i]), v[i] == 0 ? 0xffffffffu : 0);
        for (size_t j = 0; j < n; j++) {
            assert_int_equal(glass_ct_eq32(v[i], v[j]), v[i] == v[j] ? 0xffffffffu : 0);
            assert_int_equal(glass_ct_lt32(v[i], v[j]), v[i] < v[j] ? 0xffffffffu : 0);
            assert_int_equal(glass_ct_select32(0xffffffffu, v[i], v[j]), v[i]);
            assert_int_equal(glass_ct_select32(0, v[i], v[j]), v[j]);
        }
    }
}

static void test_ct_copy(void **state)
{
    uint8_t dst[16], src[16], orig[16];
    (void)state;
    for (int i = 0; i < 16; i++) {
        src[i] = (uint8_t)(0xf0 + i);
        orig[i] = dst[i] = (uint8_t)i;
    }
    glass_ct_copy(0, dst, src, 16);
    assert_memory_equal(dst, orig, 16);
    glass_ct_copy(0xffffffffu, dst, src, 16);
    assert_memory_equal(dst, src, 16);
}

static void test_reader_bounds(void **state)
{
    static const uint8_t buf[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };
    glass_reader r;
    (void)state;
    glass_reader_init(&r, buf, sizeof buf);
    assert_int_equal(glass_read_u8(&r), 0x01);
    assert_int_equal(glass_read_u16(&r), 0x0203);
    assert_int_equal(glass_read_u24(&r), 0x040506);
    assert_int_equal(glass_reader_left(&r), 1);
    assert_true(glass_reader_ok(&r));
    /* reading past the end: zero, error, offset recorded; error is sticky */
    assert_int_equal(glass_read_u16(&r), 0);
    assert_false(glass_reader_ok(&r));
    assert_int_equal(r.err, GLASS_E_DECODE);
    assert_int_equal(r.err_off, 6);
    assert_int_equal(glass_read_u8(&r), 0);       /* even though one byte is left */
    assert_null(glass_read_bytes(&r, 0));
    assert_int_equal(r.err_off, 6);

    uint8_t out[4] = { 9, 9, 9, 9 };
    glass_reader_init(&r, buf, 3);
    glass_read_copy(&r, out, 4);                  /* short: zero-filled */
    assert_false(glass_reader_ok(&r));
    assert_int_equal(out[0] | out[1] | out[2] | out[3], 0);

    /* a huge length must not wrap around */
    glass_reader_init(&r, buf, sizeof buf);
    glass_read_u8(&r);
    assert_null(glass_read_bytes(&r, SIZE_MAX));
    assert_false(glass_reader_ok(&r));

    glass_reader_init(&r, NULL, 10);              /* NULL buffer reads as empty */
    assert_int_equal(glass_reader_left(&r), 0);
    assert_int_equal(glass_read_u8(&r), 0);
    assert_false(glass_reader_ok(&r));
}

static void test_reader_vectors(void **state)
{
    /* <2-byte length = 3> 0a 0b 0c, then 1 trailing byte */
    static const uint8_t v[] = { 0x00, 0x03, 0x0a, 0x0b, 0x0c, 0xff };
    glass_reader r, sub;
    (void)state;
    glass_reader_init(&r, v, sizeof v);
    glass_read_vector(&r, 2, 1, 10, &sub);
    assert_true(glass_reader_ok(&r));
    assert_int_equal(glass_reader_left(&sub), 3);
    assert_int_equal(glass_read_u24(&sub), 0x0a0b0c);
    glass_reader_expect_end(&sub);
    assert_true(glass_reader_ok(&sub));
    glass_reader_expect_end(&r);                  /* one byte left: trailing data */
    assert_false(glass_reader_ok(&r));

    /* length above max, below min, and longer than the buffer */
    glass_reader_init(&r, v, sizeof v);
    glass_read_vector(&r, 2, 0, 2, &sub);
    assert_false(glass_reader_ok(&r));
    assert_false(glass_reader_ok(&sub));
    assert_int_equal(r.err_off, 0);
    glass_reader_init(&r, v, sizeof v);
    glass_read_vector(&r, 2, 4, 10, &sub);
    assert_false(glass_reader_ok(&r));
    static const uint8_t lying[] = { 0x05, 0x01, 0x02 };
    glass_reader_init(&r, lying, sizeof lying);
    glass_read_vector(&r, 1, 0, 255, &sub);
    assert_false(glass_reader_ok(&r));
    assert_false(glass_reader_ok(&sub));
    assert_int_equal(glass_reader_left(&sub), 0);
}

static void test_writer(void **state)
{
    uint8_t buf[6];
    glass_writer w;
    (void)state;
    glass_writer_init(&w, buf, sizeof buf);
    size_t mark = glass_write_vector_begin(&w, 2);
    glass_write_u16(&w, 0x1234);
    glass_write_u8(&w, 0x56);
    glass_write_vector_end(&w, mark, 2);
    assert_true(glass_writer_ok(&w));
    assert_int_equal(w.len, 5);
    static const uint8_t want[] = { 0x00, 0x03, 0x12, 0x34, 0x56 };
    assert_memory_equal(buf, want, 5);
    glass_write_u16(&w, 0xffff);                  /* one byte of room left */
    assert_false(glass_writer_ok(&w));
    assert_int_equal(w.err, GLASS_E_BUFFER_TOO_SMALL);
    assert_int_equal(w.len, 5);

    /* a body too long for a 1-byte length prefix */
    uint8_t big[300];
    glass_writer_init(&w, big, sizeof big);
    mark = glass_write_vector_begin(&w, 1);
    uint8_t body[256] = { 0 };
    glass_write_bytes(&w, body, sizeof body);
    glass_write_vector_end(&w, mark, 1);
    assert_int_equal(w.err, GLASS_E_LIMIT);
}

static void test_strerror(void **state)
{
    (void)state;
#define CHECK_(name, value, alert, text) do { \
        assert_string_equal(glass_strerror(value), text); \
        assert_true(strlen(glass_strerror(value)) > 0); \
        assert_string_equal(glass_err_name(value), #name); \
    } while (0);
    GLASS_ERROR_LIST(CHECK_)
#undef CHECK_
    assert_string_equal(glass_strerror(-99999), "unknown glasstls error");
    assert_string_equal(glass_err_name(12345), "GLASS_E_UNKNOWN");
    /* distinct sentences: a code's message identifies it */
    static const int codes[] = {
#define CODE_(name, value, alert, text) value,
        GLASS_ERROR_LIST(CODE_)
#undef CODE_
    };
    const size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        assert_true(codes[i] <= 0);
        for (size_t j = i + 1; j < n; j++) {
            assert_int_not_equal(codes[i], codes[j]);
            assert_string_not_equal(glass_strerror(codes[i]), glass_strerror(codes[j]));
        }
    }
}

/* RFC 5246 section 7.2, typed in from the AlertDescription enum rather
 * than taken from GLASS_ALERT_LIST: the alerts a failure may send.  Left
 * out on purpose: close_notify (not an error), the three *_RESERVED values
 * (7.2: "MUST NOT be sent" by TLS 1.2), certificate_revoked (nothing checks
 * revocation), user_canceled and no_renegotiation (warnings, 7.2.2). */
static int fatal_alert_ok(int desc)
{
    static const int rfc5246[] = {
        10,  /* unexpected_message */
        20,  /* bad_record_mac */
        22,  /* record_overflow */
        30,  /* decompression_failure */
        40,  /* handshake_failure */
        42,  /* bad_certificate */
        43,  /* unsupported_certificate */
        45,  /* certificate_expired */
        46,  /* certificate_unknown */
        47,  /* illegal_parameter */
        48,  /* unknown_ca */
        49,  /* access_denied */
        50,  /* decode_error */
        51,  /* decrypt_error */
        70,  /* protocol_version */
        71,  /* insufficient_security */
        80,  /* internal_error */
        110, /* unsupported_extension */
    };
    for (size_t i = 0; i < sizeof rfc5246 / sizeof rfc5246[0]; i++)
        if (rfc5246[i] == desc)
            return 1;
    return 0;
}

/* Every code states its alert in the list; glass_alert_for_error() gives
 * exactly that; the alert is NONE or one a TLS 1.2 peer may be sent; and
 * internal_error is stated for local faults only: the codes below, each
 * reviewed as "never about what the peer sent".  A new internal_error row
 * fails here until it is added to this list on purpose. */
static void test_error_alerts(void **state)
{
    static const int local_faults[] = {
        GLASS_E_INVALID_ARG, GLASS_E_BUFFER_TOO_SMALL, GLASS_E_NO_MEMORY,
        GLASS_E_UNSUPPORTED, GLASS_E_RNG, GLASS_E_INTERNAL, GLASS_E_FILE, GLASS_E_LIMIT,
        GLASS_E_STATE, GLASS_E_BAD_LENGTH, GLASS_E_DRBG_RESEED, GLASS_E_DRBG_REQUEST,
        GLASS_E_RSA_FAULT, GLASS_E_RSA_KEYGEN, GLASS_E_HASH_UNSUPPORTED, GLASS_E_PEM,
        GLASS_E_KEY_ENCRYPTED, GLASS_E_KEY_MALFORMED, GLASS_E_SEQ_WRAP,
        GLASS_E_SESSION_BLOB, GLASS_E_TICKET_KEY_FILE,
        GLASS_E_EC_KEY,             /* our own EC private key (a peer's point is EC_POINT) */
    };
    static const struct { int code; int alert; const char *name; } rows[] = {
#define ROW_(name, value, alert, text) { value, GLASS_ALERT_##alert, #name },
        GLASS_ERROR_LIST(ROW_)
#undef ROW_
    };
    size_t n_internal = 0;
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int a = glass_alert_for_error(rows[i].code);
        if (a != rows[i].alert || !(a == GLASS_ALERT_NONE || fatal_alert_ok(a)))
            fail_msg("%s: alert %d (%s)", rows[i].name, a, glass_alert_name(a));
        if (a != GLASS_ALERT_INTERNAL_ERROR)
            continue;
        n_internal++;
        size_t k = 0;
        while (k < sizeof local_faults / sizeof local_faults[0] && local_faults[k] != rows[i].code)
            k++;
        if (k == sizeof local_faults / sizeof local_faults[0])
            fail_msg("%s sends internal_error but is not a reviewed local fault", rows[i].name);
    }
    assert_int_equal(n_internal, sizeof local_faults / sizeof local_faults[0]);
    /* the peer-facing meanings of RFC 5246 section 7.2.2, spot-checked by
     * number so a renamed alert cannot hide a change */
    assert_int_equal(glass_alert_for_error(GLASS_E_DECODE), 50);
    assert_int_equal(glass_alert_for_error(GLASS_E_BAD_RECORD_MAC), 20);
    assert_int_equal(glass_alert_for_error(GLASS_E_NO_SIGALG), 40);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_KU_SIGNATURE), 43);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_KU_ENCIPHERMENT), 43);
    assert_int_equal(glass_alert_for_error(GLASS_E_DER), 42);
    assert_int_equal(glass_alert_for_error(GLASS_E_CLOSED), GLASS_ALERT_NONE);
    /* a number that is not a code at all */
    assert_int_equal(glass_alert_for_error(-10), GLASS_ALERT_INTERNAL_ERROR);
    assert_int_equal(glass_alert_for_error(-99999), GLASS_ALERT_INTERNAL_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wipe),
        cmocka_unit_test(test_ct_equal),
        cmocka_unit_test(test_ct_masks),
        cmocka_unit_test(test_ct_copy),
        cmocka_unit_test(test_reader_bounds),
        cmocka_unit_test(test_reader_vectors),
        cmocka_unit_test(test_writer),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_error_alerts),
    };
    return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
