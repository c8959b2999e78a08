/*
 * bignum_inv.c — modular inversion in variable time, for public inputs
 * only (glass_bn_modinv_vartime, see bignum.h).  RSA uses it on a masked
 * value that is uniformly random and independent of any secret
 * (crypto/rsa.c, unblinding_factor).
 *
 * References: B. Kaliski, "The Montgomery inverse and its applications",
 * IEEE Trans. Computers 44(8), 1995 (the almost inverse); HAC 14.61
 * (binary extended gcd), 14.57 (Lehmer's idea of collecting steps in a
 * matrix of words), 14.32 (Montgomery reduction, for the division by 2^k).
 * Branches and loop counts depend on the values: never call it on a
 * secret.
 */
#include "bignum.h"

#define W GLASS_LIMB_BITS

/* Helpers on numbers with a tracked length (len = limbs up to the top
 * nonzero one, 0 for zero).  Variable time: used on public values only. */
static size_t vt_len(const glass_limb *a, size_t n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

static int vt_cmp(const glass_limb *a, size_t al, const glass_limb *b, size_t bl)
{
    if (al != bl)
        return al < bl ? -1 : 1;
    for (size_t i = al; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* trailing zero bits of a nonzero limb (the compiler's instruction where
 * it has one, a loop elsewhere; chosen by whole function) */
#if defined(__GNUC__) || defined(__clang__)
static unsigned vt_ctz(glass_limb x)
{
    return (unsigned)__builtin_ctzll((unsigned long long)x);
}
#else
static unsigned vt_ctz(glass_limb x)
{
    unsigned z = 0;
    while ((x & 1) == 0) {
        x >>= 1;
        z++;
    }
    return z;
}
#endif

/* Limbs above a number's length are kept zero up to its capacity. */

/* a = (a - b) / 2^z with z the trailing zero count of a - b (a > b,
 * al >= bl); returns z. */
static size_t vt_sub_shr(glass_limb *a, size_t *al, const glass_limb *b, size_t bl)
{
    const size_t n = *al;
    glass_limb borrow = 0;
    size_t i;
    for (i = 0; i < bl; i++) {
        glass_dlimb d = (glass_dlimb)a[i] - b[i] - borrow;
        a[i] = (glass_limb)d;
        borrow = (glass_limb)(d >> W) & 1;
    }
    for (; borrow != 0 && i < n; i++)
        borrow = a[i]-- == 0;
    size_t lz = 0;
    while (a[lz] == 0)
        lz++;
    unsigned bz = vt_ctz(a[lz]);
    size_t m = n - lz;                                /* limbs left */
    if (bz == 0) {
        for (i = 0; i < m; i++)
            a[i] = a[i + lz];
    } else {
        for (i = 0; i + 1 < m; i++)
            a[i] = (a[i + lz] >> bz) | (a[i + lz + 1] << (W - bz));
        a[m - 1] = a[n - 1] >> bz;
    }
    for (i = m; i < n; i++)
        a[i] = 0;
    *al = vt_len(a, m);
    return lz * W + bz;
}

/* The same for odd a > b (a - b even, nonzero): one pass doing the
 * subtraction and the shift together when the low limb of a - b is
 * nonzero (all but a 2^-W fraction of the calls). */
static size_t vt_sub_shr_odd(glass_limb *a, size_t *al, const glass_limb *b, size_t bl)
{
    const size_t n = *al;
    glass_limb prev = a[0] - b[0];
    if (prev == 0)
        return vt_sub_shr(a, al, b, bl);
    const unsigned bz = vt_ctz(prev);                /* 1 .. W-1: a, b odd */
    glass_limb borrow = a[0] < b[0];
    size_t i;
    for (i = 1; i < bl; i++) {
        glass_limb ai = a[i], bi = b[i], d = ai - bi;
        glass_limb nb = (glass_limb)(ai < bi) | (glass_limb)(d < borrow);
        d -= borrow;
        borrow = nb;
        a[i - 1] = (prev >> bz) | (d << (W - bz));
        prev = d;
    }
    for (; i < n; i++) {
        glass_limb ai = a[i], d = ai - borrow;
        borrow = ai < borrow;
        a[i - 1] = (prev >> bz) | (d << (W - bz));
        prev = d;
    }
    a[n - 1] = prev >> bz;
    *al = vt_len(a, n);
    return bz;
}

/* (x, y) = (f00 x + f01 y, f10 x + f11 y) for factors f <= 2^(W-1)
 * (each sum then fits in two limbs with its carry; the results fit in
 * cap limbs). */
static void vt_apply(glass_limb *x, size_t *xl, glass_limb *y, size_t *yl,
                     const glass_limb f[4], size_t cap)
{
    const size_t n = *xl > *yl ? *xl : *yl;
    glass_limb c0 = 0, c1 = 0;
    for (size_t i = 0; i < n; i++) {
        glass_limb xi = x[i], yi = y[i];
        glass_dlimb t0 = (glass_dlimb)f[0] * xi + (glass_dlimb)f[1] * yi + c0;
        glass_dlimb t1 = (glass_dlimb)f[2] * xi + (glass_dlimb)f[3] * yi + c1;
        x[i] = (glass_limb)t0;
        y[i] = (glass_limb)t1;
        c0 = (glass_limb)(t0 >> W);
        c1 = (glass_limb)(t1 >> W);
    }
    size_t top = n;
    if (n < cap) {
        x[n] = c0;
        y[n] = c1;
        top = n + 1;
    }
    *xl = vt_len(x, top);
    *yl = vt_len(y, top);
}

/* a = a * 2^z (the result fits in cap limbs) */
static void vt_shl(glass_limb *a, size_t *al, size_t z, size_t cap)
{
    const size_t n = *al, lz = z / W;
    const unsigned bz = (unsigned)(z % W);
    if (n == 0)
        return;
    if (bz == 0) {
        for (size_t i = n; i-- > 0;)
            a[i + lz] = a[i];
        *al = n + lz;
    } else {
        glass_limb top = a[n - 1] >> (W - bz);
        if (top != 0 && n + lz < cap)
            a[n + lz] = top;
        for (size_t i = n - 1; i > 0; i--)
            a[i + lz] = (a[i] << bz) | (a[i - 1] >> (W - bz));
        a[lz] = a[0] << bz;
        *al = n + lz + (top != 0);
        if (*al > cap)
            *al = cap;
    }
    for (size_t i = 0; i < lz; i++)
        a[i] = 0;
}

/* a += b (the result fits in cap limbs) */
static void vt_add(glass_limb *a, size_t *al, const glass_limb *b, size_t bl, size_t cap)
{
    glass_limb carry = 0;
    size_t i;
    for (i = 0; i < bl; i++) {
        glass_dlimb t = (glass_dlimb)a[i] + b[i] + carry;
        a[i] = (glass_limb)t;
        carry = (glass_limb)(t >> W);
    }
    for (; carry != 0 && i < cap; i++)
        carry = ++a[i] == 0;
    size_t n = *al > bl ? *al : bl;
    if (i > n)
        n = i;
    *al = vt_len(a, n);
}

glass_limb glass_bn_modinv_vartime(glass_limb *r, const glass_limb *x, const glass_limb *m,
                                   size_t n)
{
    /* Phase 1: Kaliski's almost inverse (B. Kaliski, "The Montgomery
     * inverse and its applications", IEEE Trans. Computers 44(8), 1995),
     * a binary extended Euclid (HAC 14.61 family) in which the cofactors
     * only grow by additions and doublings.  Invariants: m = u*s + v*rr,
     * x*rr = -u*2^k (mod m), u, v >= 0, s <= m, rr <= 2m.  At the end
     * v = 0, u = gcd(x, m) and, if u = 1, x^-1 * 2^k = m - rr (mod m).
     * Several halvings are done at once (trailing zero count), and every
     * operation touches only the limbs in use. */
    glass_limb u[GLASS_BN_MAX_LIMBS], v[GLASS_BN_MAX_LIMBS];
    glass_limb s[GLASS_BN_MAX_LIMBS + 1], rr[GLASS_BN_MAX_LIMBS + 1];
    const size_t cap = n + 1;
    size_t ul, vl, sl = 1, rl = 0, k = 0;

    glass_bn_copy(u, m, n);
    glass_bn_copy(v, x, n);
    glass_bn_zero(s, cap);
    glass_bn_zero(rr, cap);
    s[0] = 1;
    ul = vt_len(u, n);
    vl = vt_len(v, n);
    if (vl > 0 && (v[0] & 1) == 0) {                 /* make v odd: v /= 2^z, rr = 0 */
        glass_limb none = 0;                         /* (u is odd: m is) */
        size_t z = vt_sub_shr(v, &vl, &none, 0);
        k += z;
    }
    /* The cofactor steps (rr += s, s *= 2^z, or the reverse) are
     * collected in a 2x2 matrix f of words, (rr, s) = f (rr0, s0), whose
     * entries stay below 2^kb (kb = the shifts collected), and applied to
     * the long numbers once about W bits have been collected: one pass of
     * multiplications instead of some W/2 passes of additions and shifts
     * (the idea of Lehmer's method, HAC 14.57, applied to the cofactors
     * only; u and v are still updated exactly at every step). */
    glass_limb f[4] = { 1, 0, 0, 1 };
    size_t kb = 0;
    while (vl > 0) {
        /* u and v odd here */
        size_t z;
        int cmp = vt_cmp(u, ul, v, vl);
        if (cmp > 0)
            z = vt_sub_shr_odd(u, &ul, v, vl);       /* u = (u - v) / 2^z  */
        else if (cmp < 0)
            z = vt_sub_shr_odd(v, &vl, u, ul);       /* v = (v - u) / 2^z  */
        else {                                       /* u = v: v = 0, gcd = u */
            glass_bn_zero(v, n);
            vl = 0;
            z = 1;                                   /* as v = (v - u) / 2 */
        }
        k += z;
        if (kb + z > W - 1) {                        /* flush: f = identity */
            vt_apply(rr, &rl, s, &sl, f, cap);
            f[0] = f[3] = 1;
            f[1] = f[2] = 0;
            kb = 0;
        }
        if (z > W - 1) {                             /* rare: on the numbers */
            if (cmp > 0) {
                vt_add(rr, &rl, s, sl, cap);
                vt_shl(s, &sl, z, cap);
            } else {
                vt_add(s, &sl, rr, rl, cap);
                vt_shl(rr, &rl, z, cap);
            }
        } else if (cmp > 0) {                        /* rr += s, s *= 2^z   */
            f[0] += f[2];
            f[1] += f[3];
            f[2] <<= z;
            f[3] <<= z;
            kb += z;
        } else {                                     /* s += rr, rr *= 2^z  */
            f[2] += f[0];
            f[3] += f[1];
            f[0] <<= z;
            f[1] <<= z;
            kb += z;
        }
    }
    vt_apply(rr, &rl, s, &sl, f, cap);
    glass_limb ok = (ul == 1 && u[0] == 1) ? ~(glass_limb)0 : 0;
    if (!ok) {
        glass_bn_zero(r, n);
        return 0;
    }
    /* rr < 2m: reduce, then y = m - rr = x^-1 * 2^k mod m */
    if (rr[n] != 0 || vt_cmp(rr, vt_len(rr, n), m, vt_len(m, n)) >= 0)
        (void)glass_bn_sub(rr, rr, m, n);            /* top limb borrow cancels rr[n] */
    glass_limb y[GLASS_BN_MAX_LIMBS + 1];
    (void)glass_bn_sub(y, m, rr, n);
    y[n] = 0;

    /* Phase 2: divide by 2^k modulo m, up to W bits per step (the
     * Montgomery reduction step, HAC 14.32): q = -y/m mod 2^b makes
     * y + q*m divisible by 2^b, and (y + q*m) / 2^b < 2m. */
    const glass_limb m0inv = glass_bn_mont_m0inv(m[0]);
    while (k > 0) {                                  /* y < m throughout */
        size_t b = k < W ? k : W;
        glass_limb q = y[0] * m0inv, c = 0;
        if (b < W)
            q &= ((glass_limb)1 << b) - 1;
        for (size_t i = 0; i < n; i++) {             /* y += q*m  (< 2^b m) */
            glass_dlimb t = (glass_dlimb)m[i] * q + y[i] + c;
            y[i] = (glass_limb)t;
            c = (glass_limb)(t >> W);
        }
        y[n] = c;
        for (size_t i = 0; i < n; i++)               /* y >>= b  (< m)     */
            y[i] = b == W ? y[i + 1] : (y[i] >> b) | (y[i + 1] << (W - b));
        y[n] = 0;
        k -= b;
    }
    glass_bn_copy(r, y, n);
    return ok;
}
