/*
 * test_helpers.c — the shared test helpers (tests/helpers/) hold what the
 * other tests rely on: the hex decoder refuses what is not exactly hex,
 * and SplitMix64 gives the published sequence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "helpers/hex.h"
#include "helpers/splitmix.h"

static void test_hex_digits(void **state)
{
    (void)state;
    const char *digits = "0123456789abcdef", *upper = "ABCDEF";
    for (int i = 0; i < 16; i++)
        assert_int_equal(test_hexval(digits[i]), i);
    for (int i = 0; i < 6; i++)
        assert_int_equal(test_hexval(upper[i]), 10 + i);
    const char *bad = "gG/:@`x \n";
    for (size_t i = 0; i < strlen(bad); i++)
        assert_int_equal(test_hexval(bad[i]), -1);
    assert_int_equal(test_hexval(0), -1);
    assert_int_equal(test_hexval(0xff), -1);
}

static void test_unhex_strict(void **state)
{
    (void)state;
    uint8_t out[4] = { 0 };
    static const uint8_t want[4] = { 0x00, 0x7f, 0xa5, 0xFF };
    assert_int_equal(test_unhex("007fA5ff", out, sizeof out), 4);
    assert_memory_equal(out, want, 4);
    assert_int_equal(test_unhex("", out, sizeof out), 0);
    assert_int_equal(test_unhex("abc", out, sizeof out), -1);          /* odd */
    assert_int_equal(test_unhex("0g", out, sizeof out), -1);           /* not hex */
    assert_int_equal(test_unhex("00 1", out, sizeof out), -1);
    assert_int_equal(test_unhex("0001020304", out, sizeof out), -1);   /* 5 > 4 bytes */
    assert_int_equal(test_unhex("01020304", out, 3), -1);
    /* only the given length is read: the rest of a line stays out */
    assert_int_equal(test_unhex_n("beefXX", 4, out, sizeof out), 2);
    assert_int_equal(out[0], 0xbe);
    assert_int_equal(out[1], 0xef);
}

/* The first outputs from state 0, as printed by the reference algorithm
 * (Steele, Lea, Flood 2014; e.g. python3: s += 0x9e3779b97f4a7c15, then
 * the two xor-shift-multiply rounds and the final xor-shift, mod 2^64). */
static void test_splitmix_sequence(void **state)
{
    (void)state;
    uint64_t s = 0;
    assert_true(test_splitmix64(&s) == 0xe220a8397b1dcdafull);
    assert_true(test_splitmix64(&s) == 0x6e789e6aa1b965f4ull);
    assert_true(test_splitmix64(&s) == 0x06c45d188009454full);
    /* the rng form: one step per byte, its low byte */
    uint8_t b[3];
    s = 0;
    assert_int_equal(test_splitmix_rng(&s, b, sizeof b), 0);
    assert_int_equal(b[0], 0xaf);
    assert_int_equal(b[1], 0xf4);
    assert_int_equal(b[2], 0x4f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex_digits),
        cmocka_unit_test(test_unhex_strict),
        cmocka_unit_test(test_splitmix_sequence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
