/*
 * bignum.c — fixed-capacity multi-precision integers for RSA.
 * See bignum.h for the conventions and the references (Montgomery 1985;
 * Koc-Acar-Kaliski 1996 CIOS; HAC 14.16, 14.32, 14.61, 14.79, 14.82).
 * This file is the portable reference; the run-time choice of the
 * x86-64 fast paths is made here too (glass_bn_path_for, ct lookup).
 *
 * Constant time: every loop runs over the limb count (public); a value
 * decides nothing but masks.  The only exceptions are named "variable
 * time" in bignum.h (bit length, small-word division, public exponent;
 * glass_bn_modinv_vartime, in bignum_inv.c).
 */
#include "bignum.h"
#include "cpu.h"

#include "glasstls/ct.h"
#include "glasstls/err.h"

#define W GLASS_LIMB_BITS

/* ------------------------------------------------------------ bytes */

int glass_bn_from_bytes(glass_limb *x, size_t n, const uint8_t *in, size_t len)
{
    glass_limb over = 0;
    glass_bn_zero(x, n);
    /* byte i counted from the least significant end (RFC 8017 4.2 OS2IP) */
    for (size_t i = 0; i < len; i++) {
        glass_limb b = in[len - 1 - i];
        size_t li = i / GLASS_LIMB_BYTES;
        if (li < n)                       /* public: depends on i only */
            x[li] |= b << (8 * (i % GLASS_LIMB_BYTES));
        else
            over |= b;
    }
    /* no branch on the value: the code is built from a mask */
    return (int)(glass_limb_nonzero(over) & 1) * GLASS_E_LIMIT;
}

int glass_bn_to_bytes(const glass_limb *x, size_t n, uint8_t *out, size_t len)
{
    glass_limb over = 0;
    /* RFC 8017 4.1 I2OSP */
    for (size_t i = 0; i < len; i++) {
        size_t li = i / GLASS_LIMB_BYTES;
        uint8_t b = 0;
        if (li < n)
            b = (uint8_t)(x[li] >> (8 * (i % GLASS_LIMB_BYTES)));
        out[len - 1 - i] = b;
    }
    for (size_t i = len; i < n * GLASS_LIMB_BYTES; i++)
        over |= (x[i / GLASS_LIMB_BYTES] >> (8 * (i % GLASS_LIMB_BYTES))) & 0xff;
    return (int)(glass_limb_nonzero(over) & 1) * GLASS_E_LIMIT;
}

size_t glass_bn_bitlen(const glass_limb *x, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (x[i] != 0) {
            size_t b = 0;
            glass_limb v = x[i];
            while (v != 0) {
                b++;
                v >>= 1;
            }
            return i * W + b;
        }
    }
    return 0;
}

/* ------------------------------------------------------------ arithmetic */

void glass_bn_zero(glass_limb *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = 0;
}

void glass_bn_copy(glass_limb *r, const glass_limb *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        r[i] = a[i];
}

glass_limb glass_bn_add(glass_limb *r, const glass_limb *a, const glass_limb *b, size_t n)
{
    glass_limb c = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb s = (glass_dlimb)a[i] + b[i] + c;
        r[i] = (glass_limb)s;
        c = (glass_limb)(s >> W);
    }
    return c;
}

glass_limb glass_bn_sub(glass_limb *r, const glass_limb *a, const glass_limb *b, size_t n)
{
    glass_limb borrow = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)a[i] - b[i] - borrow;
        r[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> W) & 1;
    }
    return borrow;
}

/* a - (b & mask), returns the borrow */
static glass_limb sub_masked(glass_limb *r, const glass_limb *a, const glass_limb *b,
                             glass_limb mask, size_t n)
{
    glass_limb borrow = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)a[i] - (b[i] & mask) - borrow;
        r[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> W) & 1;
    }
    return borrow;
}

/* a + (b & mask), returns the carry */
static glass_limb add_masked(glass_limb *r, const glass_limb *a, const glass_limb *b,
                             glass_limb mask, size_t n)
{
    glass_limb c = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb s = (glass_dlimb)a[i] + (b[i] & mask) + c;
        r[i] = (glass_limb)s;
        c = (glass_limb)(s >> W);
    }
    return c;
}

glass_limb glass_bn_lt(const glass_limb *a, const glass_limb *b, size_t n)
{
    glass_limb borrow = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb d = (glass_dlimb)a[i] - b[i] - borrow;
        borrow = (glass_limb)(d >> W) & 1;
    }
    return (glass_limb)0 - borrow;
}

glass_limb glass_bn_eq(const glass_limb *a, const glass_limb *b, size_t n)
{
    glass_limb diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= a[i] ^ b[i];
    return glass_limb_is_zero(diff);
}

glass_limb glass_bn_is_zero(const glass_limb *x, size_t n)
{
    glass_limb acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= x[i];
    return glass_limb_is_zero(acc);
}

void glass_bn_select(glass_limb *r, glass_limb mask, const glass_limb *a, const glass_limb *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        r[i] = (a[i] & mask) | (b[i] & ~mask);
}

void glass_bn_cswap(glass_limb mask, glass_limb *a, glass_limb *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        glass_limb t = (a[i] ^ b[i]) & mask;
        a[i] ^= t;
        b[i] ^= t;
    }
}

void glass_bn_cond_sub(glass_limb *x, glass_limb hi, const glass_limb *m, size_t n)
{
    glass_limb mask = glass_limb_nonzero(hi) | ~glass_bn_lt(x, m, n);
    (void)sub_masked(x, x, m, mask, n);
}

void glass_bn_mod_sub(glass_limb *r, const glass_limb *a, const glass_limb *b,
                      const glass_limb *m, size_t n)
{
    glass_limb borrow = glass_bn_sub(r, a, b, n);
    (void)add_masked(r, r, m, (glass_limb)0 - borrow, n);
}

void glass_bn_mul(glass_limb *r, const glass_limb *a, size_t an, const glass_limb *b, size_t bn)
{
    glass_bn_zero(r, an + bn);
    for (size_t i = 0; i < an; i++) {
        glass_limb c = 0;
        for (size_t j = 0; j < bn; j++) {
            glass_dlimb t = (glass_dlimb)a[i] * b[j] + r[i + j] + c;
            r[i + j] = (glass_limb)t;
            c = (glass_limb)(t >> W);
        }
        r[i + bn] = c;
    }
}

void glass_bn_shr1(glass_limb *x, size_t n, glass_limb top)
{
    for (size_t i = 0; i + 1 < n; i++)
        x[i] = (x[i] >> 1) | (x[i + 1] << (W - 1));
    x[n - 1] = (x[n - 1] >> 1) | ((top & 1) << (W - 1));
}

/* ------------------------------------------------------------ small words */

uint32_t glass_bn_mod_word(const glass_limb *x, size_t n, uint32_t w)
{
    glass_dlimb r = 0;
    for (size_t i = n; i-- > 0;)
        r = ((r << W) | x[i]) % w;
    return (uint32_t)r;
}

uint32_t glass_bn_div_word(glass_limb *q, const glass_limb *x, size_t n, uint32_t w)
{
    glass_dlimb r = 0;
    for (size_t i = n; i-- > 0;) {
        glass_dlimb cur = (r << W) | x[i];
        q[i] = (glass_limb)(cur / w);
        r = cur % w;
    }
    return (uint32_t)r;
}

glass_limb glass_bn_mul_word(glass_limb *r, const glass_limb *a, size_t n, glass_limb w, glass_limb add)
{
    glass_limb c = add;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb t = (glass_dlimb)a[i] * w + c;
        r[i] = (glass_limb)t;
        c = (glass_limb)(t >> W);
    }
    return c;
}

/* ------------------------------------------------------------ Montgomery */

glass_limb glass_bn_mont_m0inv(glass_limb m0)
{
    /* Newton: x <- x(2 - m0 x) doubles the correct low bits; x = m0 is
     * right modulo 8 for odd m0, so 5 steps give 96 >= 64 bits. */
    glass_limb x = m0;
    for (int i = 0; i < 5; i++)
        x *= (glass_limb)2 - m0 * x;
    return (glass_limb)0 - x;
}

void glass_bn_mont_rr(glass_limb *rr, const glass_limb *m, size_t n)
{
    /* Start at 1 and double 2*w*n times modulo m: 2^(2wn) = R^2 mod m. */
    glass_bn_zero(rr, n);
    rr[0] = 1;
    for (size_t i = 0; i < 2 * W * n; i++) {
        glass_limb hi = rr[n - 1] >> (W - 1);
        for (size_t j = n - 1; j > 0; j--)
            rr[j] = (rr[j] << 1) | (rr[j - 1] >> (W - 1));
        rr[0] <<= 1;
        glass_bn_cond_sub(rr, hi, m, n);
    }
}

/* r = hi - m unless that borrows and no carry c says hi >= R > m: the
 * last step of every Montgomery product, whose hi (with c) is < 2m.
 * r may alias nothing but hi. */
static void mont_final_sub(glass_limb *r, const glass_limb *hi, glass_limb c,
                           const glass_limb *m, size_t n)
{
    glass_limb borrow = 0;
    for (size_t j = 0; j < n; j++) {
        glass_dlimb d = (glass_dlimb)hi[j] - m[j] - borrow;
        r[j] = (glass_limb)d;
        borrow = (glass_limb)(d >> W) & 1;
    }
    glass_limb keep = ~glass_limb_nonzero(c) & ((glass_limb)0 - borrow);
    for (size_t j = 0; j < n; j++)
        r[j] = (hi[j] & keep) | (r[j] & ~keep);
}

/* One row of the fused CIOS loop, limbs 1 .. n-1:
 *   t[j-1] = low limb of (t[j] + a[j]*bi + q*m[j] + carries)
 * with the two carry chains in *c1 (a*bi) and *c2 (q*m).  This is the
 * portable version; crypto/bignum_x86.c has the same computation in x86-64
 * assembly (GCC spills the 128-bit temporaries of this C to the stack). */
static void mont_row_c(glass_limb *t, const glass_limb *a, const glass_limb *m,
                            glass_limb bi, glass_limb q, size_t n, glass_limb *c1, glass_limb *c2)
{
    glass_limb x = *c1, y = *c2;
    for (size_t j = 1; j < n; j++) {
        glass_dlimb s = (glass_dlimb)a[j] * bi + t[j] + x;
        x = (glass_limb)(s >> W);
        glass_dlimb s2 = (glass_dlimb)q * m[j] + (glass_limb)s + y;
        y = (glass_limb)(s2 >> W);
        t[j - 1] = (glass_limb)s2;
    }
    *c1 = x;
    *c2 = y;
}

typedef void (*mont_row_fn)(glass_limb *t, const glass_limb *a, const glass_limb *m,
                            glass_limb bi, glass_limb q, size_t n,
                            glass_limb *c1, glass_limb *c2);

/* r = a * b / R mod m by CIOS (Koc-Acar-Kaliski 1996), with the
 * multiplication and the reduction of each row fused in one pass:
 * t = (t + a*b[i] + q*m) / 2^w where q = (t + a*b[i]) * (-m^-1) mod 2^w
 * zeroes the low limb. */
static void mont_mul_cios(glass_limb *r, const glass_limb *a, const glass_limb *b,
                          const glass_mont *mc, mont_row_fn mont_row)
{
    const size_t n = mc->n;
    const glass_limb *m = mc->m;
    glass_limb t[GLASS_BN_MAX_LIMBS + 1];

    for (size_t i = 0; i < n + 1; i++)
        t[i] = 0;
    for (size_t i = 0; i < n; i++) {
        const glass_limb bi = b[i];
        glass_dlimb s = (glass_dlimb)a[0] * bi + t[0];
        glass_limb c1 = (glass_limb)(s >> W);
        const glass_limb lo = (glass_limb)s;
        const glass_limb q = lo * mc->m0inv;
        glass_dlimb s2 = (glass_dlimb)q * m[0] + lo;
        glass_limb c2 = (glass_limb)(s2 >> W);
        mont_row(t, a, m, bi, q, n, &c1, &c2);
        s = (glass_dlimb)t[n] + c1 + c2;
        t[n - 1] = (glass_limb)s;
        t[n] = (glass_limb)(s >> W);
    }
    /* t < 2m: one conditional subtraction */
    mont_final_sub(r, t, t[n], m, n);
}

/* t (2n limbs) = a^2, computing each cross product once (HAC algorithm
 * 14.16, arranged by rows): a^2 = 2 * sum over i < j of a[i]a[j] 2^(w(i+j))
 * + sum of a[i]^2 2^(2wi). */
static void sqr_wide_c(glass_limb *t, const glass_limb *a, size_t n)
{
    /* 1. the cross products a[i]*a[j], i < j; row i ends at t[i+n],
     *    which no earlier row reached */
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        glass_limb c = 0;
        for (size_t j = i + 1; j < n; j++) {
            glass_dlimb s = (glass_dlimb)a[i] * a[j] + t[i + j] + c;
            t[i + j] = (glass_limb)s;
            c = (glass_limb)(s >> W);
        }
        t[i + n] = c;
    }
    /* 2. double them (their sum is below a^2 / 2, so no bit is lost) */
    glass_limb top = 0;
    for (size_t i = 0; i < 2 * n; i++) {
        glass_limb x = t[i];
        t[i] = (x << 1) | top;
        top = x >> (W - 1);
    }
    /* 3. add the squares a[i]^2 at limb 2i */
    glass_limb c = 0;
    for (size_t i = 0; i < n; i++) {
        glass_dlimb sq = (glass_dlimb)a[i] * a[i];
        glass_dlimb s = (glass_dlimb)t[2 * i] + (glass_limb)sq + c;
        t[2 * i] = (glass_limb)s;
        s = (glass_dlimb)t[2 * i + 1] + (glass_limb)(sq >> W) + (glass_limb)(s >> W);
        t[2 * i + 1] = (glass_limb)s;
        c = (glass_limb)(s >> W);
    }
}

/* r = t / R mod m for t < m*R of 2n limbs (t is destroyed): Montgomery
 * reduction one limb at a time (HAC algorithm 14.32): adding q*m*2^(wi)
 * with q = t[i] * (-m^-1) mod 2^w zeroes limb i; what is left above limb
 * n-1 is < 2m. */
static void mont_redc_c(glass_limb *r, glass_limb *t, const glass_mont *mc)
{
    const size_t n = mc->n;
    const glass_limb *m = mc->m;
    glass_limb c = 0;                    /* the carry into t[i + n] */
    for (size_t i = 0; i < n; i++) {
        const glass_limb q = t[i] * mc->m0inv;
        glass_limb k = 0;
        for (size_t j = 0; j < n; j++) {
            glass_dlimb s = (glass_dlimb)q * m[j] + t[i + j] + k;
            t[i + j] = (glass_limb)s;
            k = (glass_limb)(s >> W);
        }
        glass_dlimb s = (glass_dlimb)t[i + n] + k + c;
        t[i + n] = (glass_limb)s;
        c = (glass_limb)(s >> W);
    }
    mont_final_sub(r, t + n, c, m, n);
}

static void mont_sqr_c(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    glass_limb t[2 * GLASS_BN_MAX_LIMBS];
    sqr_wide_c(t, a, mc->n);
    mont_redc_c(r, t, mc);
}

int glass_bn_path_available(glass_bn_path path, size_t n)
{
    switch (path) {
    case GLASS_BN_C:
        return 1;
    case GLASS_BN_MULQ:
        return GLASS_BN_FAST && glass_cpu_has_x86_64();
    case GLASS_BN_ADX:
        return GLASS_BN_FAST && n > 0 && n % 8 == 0 && glass_cpu_has_adx();
    }
    return 0;
}

glass_bn_path glass_bn_path_for(size_t n)
{
    if (!glass_crypto_hw_enabled())
        return GLASS_BN_C;
    if (glass_bn_path_available(GLASS_BN_ADX, n))
        return GLASS_BN_ADX;
    if (glass_bn_path_available(GLASS_BN_MULQ, n))
        return GLASS_BN_MULQ;
    return GLASS_BN_C;
}

/* The callers pass only a path glass_bn_path_available() accepted, so the
 * stubs of the fast-path files are never reached. */
void glass_bn_mont_mul_path(glass_bn_path path, glass_limb *r, const glass_limb *a,
                            const glass_limb *b, const glass_mont *mc)
{
    if (path == GLASS_BN_ADX)
        glass_bn_mont_mul_adx(r, a, b, mc);
    else if (path == GLASS_BN_MULQ)
        mont_mul_cios(r, a, b, mc, glass_bn_mont_row_x86);
    else
        mont_mul_cios(r, a, b, mc, mont_row_c);
}

void glass_bn_mont_sqr_path(glass_bn_path path, glass_limb *r, const glass_limb *a,
                            const glass_mont *mc)
{
    if (path == GLASS_BN_ADX)
        glass_bn_mont_sqr_adx(r, a, mc);
    else if (path == GLASS_BN_MULQ)
        mont_mul_cios(r, a, a, mc, glass_bn_mont_row_x86);
    else
        mont_sqr_c(r, a, mc);
}

void glass_bn_mont_mul(glass_limb *r, const glass_limb *a, const glass_limb *b, const glass_mont *mc)
{
    glass_bn_mont_mul_path(glass_bn_path_for(mc->n), r, a, b, mc);
}

void glass_bn_mont_sqr(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    glass_bn_mont_sqr_path(glass_bn_path_for(mc->n), r, a, mc);
}

void glass_bn_to_mont_wide(glass_limb *r, const glass_limb *x, size_t xn, const glass_mont *mc)
{
    const size_t n = mc->n;
    glass_limb lo[GLASS_BN_MAX_LIMBS] = { 0 }, hi[GLASS_BN_MAX_LIMBS] = { 0 };

    /* x = hi*R + lo  ->  x*R = lo*R + hi*R*R (mod m) */
    for (size_t i = 0; i < n; i++) {
        lo[i] = i < xn ? x[i] : 0;
        hi[i] = i + n < xn ? x[i + n] : 0;
    }
    glass_bn_mont_mul(lo, lo, mc->rr, mc);       /* lo*R      */
    glass_bn_mont_mul(hi, hi, mc->rr, mc);       /* hi*R      */
    glass_bn_mont_mul(hi, hi, mc->rr, mc);       /* hi*R^2    */
    glass_limb c = glass_bn_add(r, lo, hi, n);
    glass_bn_cond_sub(r, c, mc->m, n);
    glass_wipe(lo, sizeof lo);
    glass_wipe(hi, sizeof hi);
}

void glass_bn_from_mont(glass_limb *r, const glass_limb *a, const glass_mont *mc)
{
    glass_limb one[GLASS_BN_MAX_LIMBS];
    glass_bn_zero(one, mc->n);
    one[0] = 1;
    glass_bn_mont_mul(r, a, one, mc);
}

void glass_bn_reduce_wide(glass_limb *r, const glass_limb *x, size_t xn, const glass_mont *mc)
{
    glass_bn_to_mont_wide(r, x, xn, mc);
    glass_bn_from_mont(r, r, mc);
}

void glass_bn_mont_one(glass_limb *r, const glass_mont *mc)
{
    glass_bn_from_mont(r, mc->rr, mc);    /* R^2 / R = R */
}

#define WIN 5
#define WIN_SIZE (1u << WIN)

/* The WIN exponent bits starting at bit (a window may straddle two limbs;
 * the positions are public, only the bits are secret). */
static glass_limb window_at(const glass_limb *e, size_t elimbs, size_t bit)
{
    size_t li = bit / W, sh = bit % W;
    glass_limb v = e[li] >> sh;
    if (sh + WIN > W && li + 1 < elimbs)
        v |= e[li + 1] << (W - sh);
    return v & (WIN_SIZE - 1);
}

/* table[i] = table[1]^i for i = 2 .. WIN_SIZE-1: the even powers by a
 * squaring, the odd ones by a multiplication. */
static void table_fill(glass_limb (*table)[GLASS_BN_MAX_LIMBS], const glass_mont *mc,
                       glass_bn_path path)
{
    for (unsigned i = 2; i < WIN_SIZE; i++) {
        if (i % 2 == 0)
            glass_bn_mont_sqr_path(path, table[i], table[i / 2], mc);
        else
            glass_bn_mont_mul_path(path, table[i], table[i - 1], table[1], mc);
    }
}

void glass_bn_ct_lookup_c(glass_limb *t, const glass_limb *table, size_t stride,
                          size_t entries, glass_limb idx, size_t n)
{
    for (size_t j = 0; j < n; j++)
        t[j] = 0;
    for (size_t i = 0; i < entries; i++) {
        glass_limb mask = glass_limb_barrier(glass_limb_eq(idx, i));
        for (size_t j = 0; j < n; j++)
            t[j] |= table[i * stride + j] & mask;
    }
}

int glass_bn_ct_lookup_avx2_available(size_t n)
{
    return GLASS_BN_FAST && n % 4 == 0 && glass_cpu_has_avx2();
}

void glass_bn_ct_lookup(glass_limb *t, const glass_limb *table, size_t stride,
                        size_t entries, glass_limb idx, size_t n)
{
    if (glass_crypto_hw_enabled() && glass_bn_ct_lookup_avx2_available(n))
        glass_bn_ct_lookup_avx2(t, table, stride, entries, idx, n);
    else
        glass_bn_ct_lookup_c(t, table, stride, entries, idx, n);
}

/* table[idx] of a window table, every entry read (no secret address) */
static void ct_lookup(glass_limb *t, const glass_limb (*table)[GLASS_BN_MAX_LIMBS],
                      glass_limb idx, size_t n)
{
    glass_bn_ct_lookup(t, &table[0][0], GLASS_BN_MAX_LIMBS, WIN_SIZE, idx, n);
}

int glass_bn_modexp_ifma_available(size_t n)
{
    return GLASS_BN_FAST && glass_bn_modexp_ifma_sizes(n) && glass_cpu_has_ifma();
}

void glass_bn_modexp_ct(glass_limb *r, const glass_limb *base, const glass_limb *e,
                        size_t ebits, const glass_mont *mc)
{
    const size_t n = mc->n;
    /* the radix-2^52 exponentiation of bignum_ifma.c, where it runs */
    if (glass_crypto_hw_enabled() && glass_bn_modexp_ifma_available(n)) {
        glass_bn_modexp_ifma(r, base, e, ebits, mc);
        return;
    }
    const glass_bn_path path = glass_bn_path_for(n);   /* public: CPU, switch, n */
    glass_limb table[WIN_SIZE][GLASS_BN_MAX_LIMBS];
    glass_limb acc[GLASS_BN_MAX_LIMBS], t[GLASS_BN_MAX_LIMBS];

    /* HAC 14.82 with k = 5: table[i] = base^i, then for each 5-bit
     * window from the top: 5 squarings and one multiplication by the
     * entry, read by scanning the whole table (no secret index). */
    glass_bn_mont_one(table[0], mc);
    glass_bn_copy(table[1], base, n);
    table_fill(table, mc, path);

    size_t windows = (ebits + WIN - 1) / WIN;
    const size_t elimbs = (ebits + W - 1) / W;
    glass_bn_copy(acc, table[0], n);
    for (size_t w = windows; w-- > 0;) {
        if (w != windows - 1)             /* public: position only */
            for (int s = 0; s < WIN; s++)
                glass_bn_mont_sqr_path(path, acc, acc, mc);
        ct_lookup(t, (const glass_limb (*)[GLASS_BN_MAX_LIMBS])table, window_at(e, elimbs, w * WIN), n);
        glass_bn_mont_mul_path(path, acc, acc, t, mc);
    }
    glass_bn_copy(r, acc, n);
    glass_wipe(table, sizeof table);
    glass_wipe(acc, sizeof acc);
    glass_wipe(t, sizeof t);
}

int glass_bn_modexp2_interleaved(size_t n1, size_t ebits1, size_t n2, size_t ebits2)
{
    return glass_crypto_hw_enabled() && n1 == n2 && ebits1 == ebits2 &&
           glass_bn_modexp_ifma_available(n1);
}

void glass_bn_modexp2_ct(glass_limb *r1, const glass_limb *base1, const glass_limb *e1,
                         size_t ebits1, const glass_mont *mc1,
                         glass_limb *r2, const glass_limb *base2, const glass_limb *e2,
                         size_t ebits2, const glass_mont *mc2)
{
    /* public: the CPU, the switch and the sizes */
    if (glass_bn_modexp2_interleaved(mc1->n, ebits1, mc2->n, ebits2)) {
        glass_bn_modexp2_ifma(r1, base1, e1, mc1, r2, base2, e2, mc2, ebits1);
        return;
    }
    glass_bn_modexp_ct(r1, base1, e1, ebits1, mc1);
    glass_bn_modexp_ct(r2, base2, e2, ebits2, mc2);
}

void glass_bn_modexp_pub(glass_limb *r, const glass_limb *base, const glass_limb *e,
                         size_t en, const glass_mont *mc)
{
    glass_limb acc[GLASS_BN_MAX_LIMBS];
    size_t bits = glass_bn_bitlen(e, en);
    const glass_bn_path path = glass_bn_path_for(mc->n);

    /* HAC 14.79, left to right; e is public so its bits may branch. */
    glass_bn_mont_one(acc, mc);
    for (size_t i = bits; i-- > 0;) {
        glass_bn_mont_sqr_path(path, acc, acc, mc);
        if ((e[i / W] >> (i % W)) & 1)
            glass_bn_mont_mul_path(path, acc, acc, base, mc);
    }
    glass_bn_copy(r, acc, mc->n);
    glass_wipe(acc, sizeof acc);
}

glass_limb glass_bn_modinv(glass_limb *r, const glass_limb *x, const glass_limb *m, size_t n)
{
    glass_limb a[GLASS_BN_MAX_LIMBS], b[GLASS_BN_MAX_LIMBS];
    glass_limb u[GLASS_BN_MAX_LIMBS], v[GLASS_BN_MAX_LIMBS];

    /* Binary extended GCD with the invariants a = u*x, b = v*x (mod m).
     * Each round makes a even (subtracting the smaller of a, b from the
     * larger when a is odd, swapping first) and halves it, so the sum of
     * bit lengths drops by one per round: 2*w*n rounds always suffice,
     * and the loop runs exactly that many, whatever the values. */
    glass_bn_copy(a, x, n);
    glass_bn_copy(b, m, n);
    glass_bn_zero(u, n);
    glass_bn_zero(v, n);
    u[0] = 1;
    for (size_t it = 0; it < 2 * W * n; it++) {
        glass_limb odd = (glass_limb)0 - (a[0] & 1);
        glass_limb swap = odd & glass_bn_lt(a, b, n);
        glass_bn_cswap(swap, a, b, n);
        glass_bn_cswap(swap, u, v, n);
        (void)sub_masked(a, a, b, odd, n);                   /* a -= b   */
        glass_limb borrow = sub_masked(u, u, v, odd, n);     /* u -= v   */
        (void)add_masked(u, u, m, (glass_limb)0 - borrow, n);
        glass_bn_shr1(a, n, 0);                              /* a /= 2   */
        glass_limb uodd = (glass_limb)0 - (u[0] & 1);        /* u /= 2 mod m */
        glass_limb c = add_masked(u, u, m, uodd, n);
        glass_bn_shr1(u, n, c);
    }
    /* b = gcd(x, m); x is invertible iff it is 1 */
    glass_bn_zero(a, n);
    a[0] = 1;
    glass_limb ok = glass_bn_eq(b, a, n);
    glass_bn_copy(r, v, n);
    glass_wipe(b, sizeof b);
    glass_wipe(u, sizeof u);
    glass_wipe(v, sizeof v);
    return ok;
}

