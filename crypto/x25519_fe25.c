/*
 * x25519_fe25.c — X25519 (RFC 7748 section 5) over the portable field code:
 * ten limbs of 26/25 bits with 64-bit products (fe25519_25.h).  Used when
 * the compiler has no 128-bit integers, and always built so that the tests
 * can compare it with the 64-bit code; see x25519_impl.h.
 */
#include "x25519_impl.h"
#include "fe25519_25.h"

typedef fe25 fe;
#define fe_set       fe25_set
#define fe_copy      fe25_copy
#define fe_frombytes fe25_frombytes
#define fe_tobytes   fe25_tobytes
#define fe_add       fe25_add
#define fe_sub       fe25_sub
#define fe_mul       fe25_mul
#define fe_sq        fe25_sq
#define fe_mul_a24   fe25_mul_a24
#define fe_cswap     fe25_cswap
#include "x25519_ladder.h"

void glass_x25519_fe25(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    x25519_ladder(out, scalar, u);
}
