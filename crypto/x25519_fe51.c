/*
 * x25519_fe51.c — X25519 (RFC 7748 section 5) over the 64-bit field code:
 * five 51-bit limbs with 128-bit products (fe25519_51.h).  The default on
 * compilers that have unsigned __int128 (GLASS_X25519_FE51, x25519_impl.h),
 * a stub elsewhere.
 */
#include "x25519_impl.h"

#if GLASS_X25519_FE51
#include "fe25519_51.h"

typedef fe51 fe;
#define fe_set       fe51_set
#define fe_copy      fe51_copy
#define fe_frombytes fe51_frombytes
#define fe_tobytes   fe51_tobytes
#define fe_add       fe51_add
#define fe_sub       fe51_sub
#define fe_mul       fe51_mul
#define fe_sq        fe51_sq
#define fe_mul_a24   fe51_mul_a24
#define fe_cswap     fe51_cswap
#include "x25519_ladder.h"

void glass_x25519_fe51(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    x25519_ladder(out, scalar, u);
}
#else
/* Stub, never called: without 128-bit integers x25519.c uses the portable
 * code (GLASS_X25519_FE51 is 0). */
void glass_x25519_fe51(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32])
{
    (void)out; (void)scalar; (void)u;
}
#endif
