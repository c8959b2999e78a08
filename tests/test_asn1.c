/*
 * test_asn1.c — the strict DER reader (lib/x509/asn1.c): every BER-ism and
 * malformation named in X.690 section 10 is refused with GLASS_E_DER, the
 * nesting bound holds, and random or mutated bytes never crash it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "x509/asn1.h"

#define DER(...) (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })

static int read_one(const uint8_t *b, size_t n)   /* one TLV filling the buffer */
{
    glass_der d;
    glass_der_tlv t;
    glass_der_init(&d, b, n);
    glass_der_next(&d, &t);
    glass_der_end(&d);
    return d.err;
}

static void test_lengths(void **state)
{
    (void)state;
    assert_int_equal(read_one(DER(0x04, 0x00)), 0);
    assert_int_equal(read_one(DER(0x04, 0x01, 0xaa)), 0);
    uint8_t big[3 + 200] = { 0x04, 0x81, 200 };
    assert_int_equal(read_one(big, sizeof(big)), 0);
    /* indefinite length (BER only) */
    assert_int_equal(read_one(DER(0x30, 0x80, 0x00, 0x00)), GLASS_E_DER);
    /* long form for a length below 128 */
    assert_int_equal(read_one(DER(0x04, 0x81, 0x01, 0xaa)), GLASS_E_DER);
    /* leading zero length octet */
    uint8_t lz[4 + 200] = { 0x04, 0x82, 0x00, 200 };
    assert_int_equal(read_one(lz, sizeof(lz)), GLASS_E_DER);
    /* length past the buffer, and a header cut short */
    assert_int_equal(read_one(DER(0x04, 0x05, 0x01, 0x02)), GLASS_E_DER);
    assert_int_equal(read_one(DER(0x04, 0x82, 0x01)), GLASS_E_DER);
    assert_int_equal(read_one(DER(0x04)), GLASS_E_DER);
    /* more than three length octets: refused as a limit */
    assert_int_equal(read_one(DER(0x04, 0x84, 0x01, 0x00, 0x00, 0x00)), GLASS_E_DER);
    /* high-tag-number form */
    assert_int_equal(read_one(DER(0x1f, 0x81, 0x01, 0x00)), GLASS_E_DER);
    /* trailing data after the element */
    assert_int_equal(read_one(DER(0x05, 0x00, 0x00)), GLASS_E_DER);
}

static void test_error_offset(void **state)
{
    (void)state;
    /* SEQUENCE { NULL, INTEGER with a non-minimal encoding at offset 4 } */
    const uint8_t b[] = { 0x30, 0x06, 0x05, 0x00, 0x02, 0x02, 0x00, 0x01 };
    glass_der d, s;
    const uint8_t *v;
    size_t n;
    glass_der_init(&d, b, sizeof(b));
    glass_der_enter(&d, GLASS_DER_SEQUENCE, &s);
    glass_der_null(&s);
    glass_der_integer(&s, &v, &n);
    glass_der_close(&d, &s);
    assert_int_equal(d.err, GLASS_E_DER);
    assert_int_equal(d.err_off, 4);
}

static int integer(const uint8_t *b, size_t n, int want_uint)
{
    glass_der d;
    const uint8_t *v;
    size_t vl;
    glass_der_init(&d, b, n);
    if (want_uint)
        glass_der_uint(&d, &v, &vl);
    else
        glass_der_integer(&d, &v, &vl);
    return d.err;
}

static void test_integers(void **state)
{
    (void)state;
    assert_int_equal(integer(DER(0x02, 0x01, 0x00), 0), 0);
    assert_int_equal(integer(DER(0x02, 0x01, 0x7f), 0), 0);
    assert_int_equal(integer(DER(0x02, 0x02, 0x00, 0x80), 0), 0);
    assert_int_equal(integer(DER(0x02, 0x01, 0x80), 0), 0);            /* -128 */
    assert_int_equal(integer(DER(0x02, 0x00), 0), GLASS_E_DER);        /* empty */
    assert_int_equal(integer(DER(0x02, 0x02, 0x00, 0x7f), 0), GLASS_E_DER);
    assert_int_equal(integer(DER(0x02, 0x02, 0xff, 0x80), 0), GLASS_E_DER);
    assert_int_equal(integer(DER(0x02, 0x01, 0x80), 1), GLASS_E_DER);  /* negative */
    /* the sign octet is dropped for unsigned values */
    glass_der d;
    const uint8_t *v;
    size_t vl;
    glass_der_init(&d, DER(0x02, 0x03, 0x00, 0x80, 0x01));
    glass_der_uint(&d, &v, &vl);
    assert_int_equal(d.err, 0);
    assert_int_equal(vl, 2);
    assert_int_equal(v[0], 0x80);
    glass_der_init(&d, DER(0x02, 0x02, 0x01, 0x00));
    assert_int_equal(glass_der_small_uint(&d), 256);
    glass_der_init(&d, DER(0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00));
    glass_der_small_uint(&d);
    assert_int_equal(d.err, GLASS_E_DER);
}

static void test_simple_types(void **state)
{
    (void)state;
    glass_der d;
    glass_der_init(&d, DER(0x01, 0x01, 0xff));
    assert_true(glass_der_boolean(&d));
    assert_int_equal(d.err, 0);
    glass_der_init(&d, DER(0x01, 0x01, 0x00));
    assert_false(glass_der_boolean(&d));
    assert_int_equal(d.err, 0);
    glass_der_init(&d, DER(0x01, 0x01, 0x01));              /* DER: 0xFF only */
    glass_der_boolean(&d);
    assert_int_equal(d.err, GLASS_E_DER);
    glass_der_init(&d, DER(0x01, 0x02, 0xff, 0xff));
    glass_der_boolean(&d);
    assert_int_equal(d.err, GLASS_E_DER);
    glass_der_init(&d, DER(0x05, 0x00));
    glass_der_null(&d);
    assert_int_equal(d.err, 0);
    glass_der_init(&d, DER(0x05, 0x01, 0x00));
    glass_der_null(&d);
    assert_int_equal(d.err, GLASS_E_DER);
    /* wrong tag */
    glass_der_init(&d, DER(0x04, 0x00));
    glass_der_null(&d);
    assert_int_equal(d.err, GLASS_E_DER);
}

static int bits(const uint8_t *b, size_t n)
{
    glass_der d;
    const uint8_t *v;
    size_t vl;
    unsigned u;
    glass_der_init(&d, b, n);
    glass_der_bit_string(&d, &v, &vl, &u);
    return d.err;
}

static void test_bit_string(void **state)
{
    (void)state;
    assert_int_equal(bits(DER(0x03, 0x01, 0x00)), 0);
    assert_int_equal(bits(DER(0x03, 0x02, 0x07, 0x80)), 0);
    assert_int_equal(bits(DER(0x03, 0x00)), GLASS_E_DER);                /* no octet */
    assert_int_equal(bits(DER(0x03, 0x02, 0x08, 0x00)), GLASS_E_DER);    /* > 7 */
    assert_int_equal(bits(DER(0x03, 0x01, 0x01)), GLASS_E_DER);          /* empty, unused 1 */
    assert_int_equal(bits(DER(0x03, 0x02, 0x01, 0x81)), GLASS_E_DER);    /* unused bit set */
}

static void test_oid(void **state)
{
    (void)state;
    glass_der d;
    glass_der_tlv t;
    char buf[64];
    /* sha256WithRSAEncryption, RFC 4055 section 5 */
    glass_der_init(&d, DER(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b));
    glass_der_oid(&d, &t);
    assert_int_equal(d.err, 0);
    assert_string_equal(glass_der_oid_text(t.val, t.len, buf, sizeof(buf)),
                        "1.2.840.113549.1.1.11");
    /* 2.999.3 (X.690 8.19.5 example: first subidentifier 1079) */
    glass_der_init(&d, DER(0x06, 0x03, 0x88, 0x37, 0x03));
    glass_der_oid(&d, &t);
    assert_int_equal(d.err, 0);
    assert_string_equal(glass_der_oid_text(t.val, t.len, buf, sizeof(buf)), "2.999.3");
    glass_der_init(&d, DER(0x06, 0x02, 0x80, 0x01));         /* leading 0x80 */
    glass_der_oid(&d, &t);
    assert_int_equal(d.err, GLASS_E_DER);
    glass_der_init(&d, DER(0x06, 0x02, 0x2a, 0x86));         /* unterminated */
    glass_der_oid(&d, &t);
    assert_int_equal(d.err, GLASS_E_DER);
    glass_der_init(&d, DER(0x06, 0x00));
    glass_der_oid(&d, &t);
    assert_int_equal(d.err, GLASS_E_DER);
}

static int64_t der_time(const char *s, uint8_t tag, int *err)
{
    uint8_t b[40];
    size_t n = strlen(s);
    b[0] = tag;
    b[1] = (uint8_t)n;
    memcpy(b + 2, s, n);
    glass_der d;
    glass_der_init(&d, b, n + 2);
    int64_t t = glass_der_time(&d);
    *err = d.err;
    return t;
}

static void test_time(void **state)
{
    (void)state;
    int err;
    /* expected values: `date -u -d '2049-12-31 23:59:59' +%s` etc. */
    assert_int_equal(der_time("491231235959Z", GLASS_DER_UTC_TIME, &err), 2524607999LL);
    assert_int_equal(err, 0);
    assert_int_equal(der_time("500101000000Z", GLASS_DER_UTC_TIME, &err), -631152000LL);
    assert_int_equal(err, 0);
    assert_int_equal(der_time("20460101000000Z", GLASS_DER_GENERALIZED_TIME, &err), 2398377600LL);
    assert_int_equal(err, 0);
    assert_int_equal(der_time("20000229120000Z", GLASS_DER_GENERALIZED_TIME, &err), 951825600LL);
    assert_int_equal(err, 0);
    const char *bad_utc[] = { "490230000000Z", "491301000000Z", "4912312359Z", "491231235959",
                              "491231246000Z", "4912312359590Z", "49123123595+Z",
                              "491231235960Z", "210229000000Z" };
    for (size_t i = 0; i < sizeof(bad_utc) / sizeof(bad_utc[0]); i++) {
        der_time(bad_utc[i], GLASS_DER_UTC_TIME, &err);
        assert_int_equal(err, GLASS_E_DER);
    }
    der_time("20460101000000.5Z", GLASS_DER_GENERALIZED_TIME, &err);    /* no fractions */
    assert_int_equal(err, GLASS_E_DER);
    der_time("20460101000000+0100", GLASS_DER_GENERALIZED_TIME, &err);  /* Z only */
    assert_int_equal(err, GLASS_E_DER);
    der_time("20460101000000Z", GLASS_DER_UTC_TIME, &err);              /* wrong form */
    assert_int_equal(err, GLASS_E_DER);
    /* ISO text used by the tools; civil round trip over many days */
    int64_t t;
    assert_int_equal(glass_time_parse("2038-01-19T03:14:08Z", &t), 0);
    assert_int_equal(t, 2147483648LL);
    assert_int_equal(glass_time_parse("2030-02-30T00:00:00Z", &t), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_time_parse("2030-01-01 00:00:00Z", &t), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_time_parse("2030-01-01T00:00:00", &t), GLASS_E_INVALID_ARG);
    char out[32];
    glass_time_format(0, out);
    assert_string_equal(out, "1970-01-01 00:00:00 UTC");
    for (int64_t day = -800000; day < 800000; day += 997) {
        int y, mo, d, h, mi, s;
        glass_time_to_civil(day * 86400 + 3661, &y, &mo, &d, &h, &mi, &s);
        assert_int_equal(glass_time_from_civil(y, mo, d, h, mi, s), day * 86400 + 3661);
    }
}

/* `depth` nested SEQUENCEs around a NULL. */
static size_t nested(uint8_t *buf, unsigned depth)
{
    size_t n = 2 * depth + 2;
    for (unsigned i = 0; i < depth; i++) {
        buf[2 * i] = 0x30;
        buf[2 * i + 1] = (uint8_t)(n - 2 * i - 2);
    }
    buf[n - 2] = 0x05;
    buf[n - 1] = 0x00;
    return n;
}

static void test_depth(void **state)
{
    (void)state;
    uint8_t buf[256];
    assert_int_equal(glass_der_check(buf, nested(buf, GLASS_DER_MAX_DEPTH)), 0);
    assert_int_equal(glass_der_check(buf, nested(buf, GLASS_DER_MAX_DEPTH + 1)), GLASS_E_DER);
    assert_int_equal(glass_der_check(buf, nested(buf, 100)), GLASS_E_DER);
    /* enter also stops at the bound */
    size_t n = nested(buf, 40);
    glass_der d[41];
    glass_der_init(&d[0], buf, n);
    unsigned i;
    for (i = 0; i < 40 && d[i].err == 0; i++)
        glass_der_enter(&d[i], GLASS_DER_SEQUENCE, &d[i + 1]);
    assert_int_equal(d[i].err, GLASS_E_DER);
    assert_true(i <= GLASS_DER_MAX_DEPTH + 1);
    /* a constructed element with a bad inner length */
    assert_int_equal(glass_der_check(DER(0x30, 0x03, 0x04, 0x05, 0x00)), GLASS_E_DER);
    assert_int_equal(glass_der_check(DER(0x30, 0x02, 0x04, 0x00)), 0);
    assert_int_equal(glass_der_check(DER(0x30, 0x02, 0x04, 0x00, 0x00)), GLASS_E_DER);
}

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

static void test_garbage(void **state)
{
    (void)state;
    uint8_t buf[512];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = rnd() % sizeof(buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = (uint8_t)rnd();
        if (n > 0 && iter % 2)
            buf[0] = 0x30;                       /* look like a SEQUENCE */
        glass_der_check(buf, n);
        glass_x509_cert c;
        int r = glass_x509_parse(&c, buf, n);
        assert_true(r == GLASS_E_DER || r == GLASS_E_CERT_MALFORMED);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_error_offset),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_simple_types),
        cmocka_unit_test(test_bit_string),
        cmocka_unit_test(test_oid),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests_name("asn1", tests, NULL, NULL);
}
