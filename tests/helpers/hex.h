/*
 * hex.h — the tests' one hex decoder, for known answers written as hex
 * strings and for files of hex lines.  Strict: an odd number of digits, a
 * character that is not a hex digit, or more bytes than fit is an error,
 * never a silent truncation.  No cmocka here, so the test tools, the fuzz
 * replays and the constant-time checks can link it too; a test asserts on
 * the returned length (assert_int_equal(test_unhex(h, out, n), n)).
 */
#ifndef GLASS_TESTS_HEX_H
#define GLASS_TESTS_HEX_H

#include <stddef.h>
#include <stdint.h>

/* The value (0..15) of one hex digit, either case; -1 for anything else. */
int test_hexval(int c);

/* Decodes the first hex_len characters of hex into out (room for cap
 * bytes).  Returns the number of bytes written, or -1 if hex_len is odd,
 * a character is not a hex digit or the bytes do not fit. */
long test_unhex_n(const char *hex, size_t hex_len, uint8_t *out, size_t cap);

/* The same over the whole NUL-terminated string hex. */
long test_unhex(const char *hex, uint8_t *out, size_t cap);

#endif
