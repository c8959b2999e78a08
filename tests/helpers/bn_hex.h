/*
 * bn_hex.h — a big number from a hex string, for the bignum tests' known
 * answers (big-endian, as the generating Python prints them).
 */
#ifndef GLASS_TESTS_BN_HEX_H
#define GLASS_TESTS_BN_HEX_H

#include <stddef.h>
#include "bignum.h"

/* Loads hex (at most 1024 digits, an even number) into x[0..n).  Returns
 * 0, -1 when hex is not such a string, or glass_bn_from_bytes's error when
 * the number does not fit in n limbs. */
int test_bn_from_hex(glass_limb *x, size_t n, const char *hex);

#endif
