/*
 * ctfail_rsa_pubexp.c — MUST be reported by `make ctcheck`: it feeds a
 * secret exponent to glass_bn_modexp_pub(), the square-and-multiply path
 * meant only for public exponents, which branches on each exponent bit.
 * It shows that ct_rsa.c's clean result means something: the same checker
 * sees the leak when the wrong exponentiation is used.
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "bignum.h"

int main(void)
{
    /* m = 2^255 - 19 (any odd modulus would do) */
    const size_t n = 256 / GLASS_LIMB_BITS;
    glass_limb m[256 / GLASS_LIMB_BITS], rr[256 / GLASS_LIMB_BITS];
    glass_limb x[256 / GLASS_LIMB_BITS], e[256 / GLASS_LIMB_BITS];
    memset(m, 0xff, sizeof m);
    m[0] -= 18;
    m[n - 1] >>= 1;
    glass_bn_mont_rr(rr, m, n);
    glass_mont mc = { m, rr, glass_bn_mont_m0inv(m[0]), n };
    memset(x, 0, sizeof x);
    x[0] = 5;
    memset(e, 0xa5, sizeof e);
    VALGRIND_MAKE_MEM_UNDEFINED(e, sizeof e);       /* a "secret" exponent */
    glass_bn_modexp_pub(x, x, e, n, &mc);
    VALGRIND_MAKE_MEM_DEFINED(x, sizeof x);
    return x[0] == 0x12345 ? 3 : 0;
}
