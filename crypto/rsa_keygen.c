/*
 * rsa_keygen.c — RSA key generation with e = 65537, after FIPS 186-5
 * ("Digital Signature Standard", 2023) appendix A.1.3 (random probable
 * primes) with the Miller-Rabin test of appendix B.3.1 and the round
 * counts of table B.1 (error probability 2^-112 / 2^-128 / 2^-144 for
 * 2048 / 3072 / 4096-bit keys: 5 / 4 / 4 rounds).
 *
 * Key generation runs once, offline from any peer, so parts of it are
 * variable time (trial division, the rejection loops, the gcd of p-1 and
 * q-1); the exponentiations use the constant-time path anyway.
 */
#include "glasstls/rsa.h"

#include <string.h>

#include "bignum.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

#define W GLASS_LIMB_BITS
#define E_VALUE 65537u
#define SMALL_LIMIT 2048u        /* trial division by the odd primes below this */
#define MAX_CANDIDATES 100000    /* ~ 100x the expected count: a broken RNG ends here */

typedef struct keygen_ctx {
    glass_rng_fn rng;
    void *rng_ctx;
    uint16_t small[400];
    size_t nsmall;
} keygen_ctx;

/* Sieve of Eratosthenes for the odd primes below SMALL_LIMIT (302 of them). */
static void small_primes(keygen_ctx *kg)
{
    uint8_t composite[SMALL_LIMIT] = { 0 };
    kg->nsmall = 0;
    for (unsigned i = 3; i < SMALL_LIMIT; i += 2) {
        if (composite[i])
            continue;
        kg->small[kg->nsmall++] = (uint16_t)i;
        for (unsigned j = i * i; j < SMALL_LIMIT; j += 2 * i)
            composite[j] = 1;
    }
}

/* Miller-Rabin (FIPS 186-5 B.3.1) on odd w of n limbs; 1 = probably prime. */
static int miller_rabin(keygen_ctx *kg, const glass_limb *w, size_t n, unsigned rounds, int *err)
{
    glass_limb rr[GLASS_RSA_HALF_LIMBS], m[GLASS_RSA_HALF_LIMBS], wm1[GLASS_RSA_HALF_LIMBS];
    glass_limb b[GLASS_RSA_HALF_LIMBS], z[GLASS_RSA_HALF_LIMBS];
    glass_limb one[GLASS_RSA_HALF_LIMBS], mone[GLASS_RSA_HALF_LIMBS], two[GLASS_RSA_HALF_LIMBS];
    uint8_t buf[GLASS_RSA_HALF_LIMBS * GLASS_LIMB_BYTES];
    size_t wlen = glass_bn_bitlen(w, n);
    int result = 1;

    glass_bn_mont_rr(rr, w, n);
    glass_mont mc = { w, rr, glass_bn_mont_m0inv(w[0]), n };
    /* step 1-2: w - 1 = 2^a * m with m odd */
    glass_bn_zero(one, n);
    one[0] = 1;
    glass_bn_sub(wm1, w, one, n);
    glass_bn_copy(m, wm1, n);
    unsigned a = 0;
    while ((m[0] & 1) == 0) {
        glass_bn_shr1(m, n, 0);
        a++;
    }
    glass_bn_mont_one(one, &mc);                  /* 1 and w-1 in Montgomery form */
    glass_bn_sub(mone, w, one, n);
    glass_bn_zero(two, n);
    two[0] = 2;
    for (unsigned i = 0; i < rounds && result; i++) {
        /* step 4.1-4.2: b of wlen random bits with 1 < b < w - 1 */
        for (;;) {
            if (kg->rng(kg->rng_ctx, buf, n * GLASS_LIMB_BYTES) != 0) {
                *err = GLASS_E_RNG;
                return 0;
            }
            (void)glass_bn_from_bytes(b, n, buf, n * GLASS_LIMB_BYTES);
            if (wlen % W)
                b[n - 1] &= ((glass_limb)1 << (wlen % W)) - 1;
            if (!glass_bn_lt(b, two, n) && glass_bn_lt(b, wm1, n))
                break;
        }
        /* step 4.3-4.7: z = b^m; pass when z = 1 or some z^(2^j) = w-1 */
        glass_bn_mont_mul(z, b, rr, &mc);
        glass_bn_modexp_ct(z, z, m, n * W, &mc);
        if (glass_bn_eq(z, one, n) || glass_bn_eq(z, mone, n))
            continue;
        int pass = 0;
        for (unsigned j = 1; j < a && !pass; j++) {
            glass_bn_mont_mul(z, z, z, &mc);
            if (glass_bn_eq(z, mone, n))
                pass = 1;
            else if (glass_bn_eq(z, one, n))
                break;
        }
        if (!pass)
            result = 0;                            /* step 4.7: composite */
    }
    glass_wipe(b, sizeof b);
    glass_wipe(z, sizeof z);
    glass_wipe(m, sizeof m);
    glass_wipe(buf, sizeof buf);
    return result;
}

/* FIPS 186-5 A.1.3 steps 4 / 5: a random prime of `bits` bits (a multiple
 * of the limb size) with p >= sqrt(2) * 2^(bits-1) (the top two bits set
 * give 1.5 * 2^(bits-1)) and gcd(p - 1, e) = 1. */
static int gen_prime(keygen_ctx *kg, glass_limb *p, size_t bits, unsigned rounds)
{
    const size_t n = bits / W, len = bits / 8;
    uint8_t buf[GLASS_RSA_HALF_LIMBS * GLASS_LIMB_BYTES];

    for (unsigned tries = 0; tries < MAX_CANDIDATES; tries++) {
        if (kg->rng(kg->rng_ctx, buf, len) != 0)
            return GLASS_E_RNG;
        buf[0] |= 0xc0;                            /* top two bits */
        buf[len - 1] |= 1;                         /* odd */
        (void)glass_bn_from_bytes(p, n, buf, len);
        int ok = 1;
        for (size_t i = 0; i < kg->nsmall && ok; i++)
            ok = glass_bn_mod_word(p, n, kg->small[i]) != 0;
        if (!ok || glass_bn_mod_word(p, n, E_VALUE) == 1)   /* e | p - 1 */
            continue;
        int err = 0;
        if (miller_rabin(kg, p, n, rounds, &err)) {
            glass_wipe(buf, sizeof buf);
            return 0;
        }
        if (err != 0)
            return err;
    }
    glass_wipe(buf, sizeof buf);
    return GLASS_E_RSA_KEYGEN;
}

/* Small-modulus power (e = 65537 is prime: x^(e-2) = x^-1 mod e). */
static uint32_t inv_mod_e(uint32_t x)
{
    uint64_t r = 1, b = x % E_VALUE;
    for (uint32_t k = E_VALUE - 2; k != 0; k >>= 1) {
        if (k & 1)
            r = r * b % E_VALUE;
        b = b * b % E_VALUE;
    }
    return (uint32_t)r;
}

/* x = e^-1 mod M for M coprime to e: x = (1 + k M) / e where
 * k = -M^-1 mod e (then 1 + k M = 0 mod e, and x < M). */
static int inv_e_mod(glass_limb *x, const glass_limb *mod, size_t n)
{
    glass_limb t[GLASS_RSA_LIMBS + 1];
    uint32_t mm = glass_bn_mod_word(mod, n, E_VALUE);
    if (mm == 0)
        return GLASS_E_RSA_KEYGEN;
    uint32_t k = E_VALUE - inv_mod_e(mm);
    t[n] = glass_bn_mul_word(t, mod, n, k, 1);
    if (glass_bn_div_word(t, t, n + 1, E_VALUE) != 0 || t[n] != 0)
        return GLASS_E_INTERNAL;
    glass_bn_copy(x, t, n);
    glass_wipe(t, sizeof t);
    return 0;
}

/* gcd of two even numbers (Stein's binary algorithm), variable time;
 * returns it when it fits 32 bits, else 0. */
static uint32_t small_gcd(const glass_limb *a0, const glass_limb *b0, size_t n)
{
    glass_limb a[GLASS_RSA_HALF_LIMBS], b[GLASS_RSA_HALF_LIMBS];
    unsigned shift = 0;
    glass_bn_copy(a, a0, n);
    glass_bn_copy(b, b0, n);
    while (((a[0] | b[0]) & 1) == 0) {
        glass_bn_shr1(a, n, 0);
        glass_bn_shr1(b, n, 0);
        shift++;
    }
    while ((a[0] & 1) == 0)
        glass_bn_shr1(a, n, 0);
    while (!glass_bn_is_zero(b, n)) {
        while ((b[0] & 1) == 0)
            glass_bn_shr1(b, n, 0);
        if (glass_bn_lt(b, a, n))
            glass_bn_cswap((glass_limb)-1, a, b, n);
        glass_bn_sub(b, b, a, n);
    }
    glass_wipe(b, sizeof b);
    if (glass_bn_bitlen(a, n) + shift > 32)
        return 0;
    uint32_t g = (uint32_t)a[0] << shift;
    glass_wipe(a, sizeof a);
    return g;
}

typedef struct keygen_parts {
    glass_limb p[GLASS_RSA_HALF_LIMBS], q[GLASS_RSA_HALF_LIMBS];
    glass_limb pm1[GLASS_RSA_HALF_LIMBS], qm1[GLASS_RSA_HALF_LIMBS];
    glass_limb n[GLASS_RSA_LIMBS], lam[GLASS_RSA_LIMBS], d[GLASS_RSA_LIMBS];
    glass_limb dp[GLASS_RSA_HALF_LIMBS], dq[GLASS_RSA_HALF_LIMBS], qinv[GLASS_RSA_HALF_LIMBS];
    glass_limb tmp[GLASS_RSA_LIMBS];
    uint8_t bytes[3 * GLASS_RSA_MAX_BYTES + 5 * GLASS_RSA_MAX_BYTES / 2];
} keygen_parts;

/* One attempt at q and the derived values; GLASS_E_RSA_KEYGEN asks for
 * another q. */
static int derive(keygen_ctx *kg, keygen_parts *k, unsigned bits, unsigned rounds)
{
    const size_t half = bits / 2, hn = half / W, nn = bits / W;
    glass_limb one[GLASS_RSA_HALF_LIMBS];
    int rc = gen_prime(kg, k->q, half, rounds);
    if (rc != 0)
        return rc;
    /* A.1.3 step 5.4: |p - q| > 2^(nlen/2 - 100) */
    if (glass_bn_sub(k->tmp, k->p, k->q, hn))
        glass_bn_sub(k->tmp, k->q, k->p, hn);
    if (glass_bn_bitlen(k->tmp, hn) <= half - 100)
        return GLASS_E_RSA_KEYGEN;
    /* d = e^-1 mod lcm(p - 1, q - 1) (A.1.1 step 3 / RFC 8017 3.2) */
    glass_bn_zero(one, hn);
    one[0] = 1;
    glass_bn_sub(k->pm1, k->p, one, hn);
    glass_bn_sub(k->qm1, k->q, one, hn);
    uint32_t g = small_gcd(k->pm1, k->qm1, hn);
    if (g == 0)
        return GLASS_E_RSA_KEYGEN;
    (void)glass_bn_div_word(k->tmp, k->pm1, hn, g);      /* (p-1)/g */
    glass_bn_mul(k->lam, k->tmp, hn, k->qm1, hn);         /* * (q-1) */
    if ((rc = inv_e_mod(k->d, k->lam, nn)) != 0)
        return rc;
    if (glass_bn_bitlen(k->d, nn) <= half)                /* d > 2^(nlen/2) */
        return GLASS_E_RSA_KEYGEN;
    /* CRT values: dP = e^-1 mod (p-1), dQ = e^-1 mod (q-1), qInv = q^-1 mod p */
    if ((rc = inv_e_mod(k->dp, k->pm1, hn)) != 0 || (rc = inv_e_mod(k->dq, k->qm1, hn)) != 0)
        return rc;
    glass_bn_copy(k->tmp, k->q, hn);
    glass_bn_cond_sub(k->tmp, 0, k->p, hn);               /* q < 2p: one subtraction */
    if (!glass_bn_modinv(k->qinv, k->tmp, k->p, hn))
        return GLASS_E_RSA_KEYGEN;
    glass_bn_mul(k->n, k->p, hn, k->q, hn);
    return 0;
}

int glass_rsa_generate(glass_rsa_private *priv, unsigned bits,
                       glass_rng_fn rng, void *rng_ctx)
{
    static const uint8_t e_bytes[3] = { 0x01, 0x00, 0x01 };
    keygen_ctx kg;
    keygen_parts k;
    unsigned rounds;
    int rc;

    if (priv == NULL || rng == NULL)
        return GLASS_E_INVALID_ARG;
    switch (bits) {                    /* FIPS 186-5 table B.1 */
    case 2048: rounds = 5; break;
    case 3072: rounds = 4; break;
    case 4096: rounds = 4; break;
    default: return GLASS_E_INVALID_ARG;
    }
    memset(priv, 0, sizeof *priv);
    kg.rng = rng;
    kg.rng_ctx = rng_ctx;
    small_primes(&kg);
    rc = gen_prime(&kg, k.p, bits / 2, rounds);
    for (int attempt = 0; rc == 0 && attempt < 100; attempt++) {
        rc = derive(&kg, &k, bits, rounds);
        if (rc != GLASS_E_RSA_KEYGEN)
            break;
        rc = 0;
    }
    if (rc == 0) {
        /* through the loader, which checks the whole key once more */
        const size_t nb = bits / 8, hb = nb / 2, hn = bits / 2 / W, nn = bits / W;
        uint8_t *w = k.bytes;
        glass_rsa_private_parts parts;
        memset(&parts, 0, sizeof parts);
#define PUT(field, src, limbs, width)                              \
        (void)glass_bn_to_bytes((src), (limbs), w, (width));      \
        parts.field = w;                                           \
        parts.field##_len = (width);                               \
        w += (width)
        PUT(n, k.n, nn, nb);
        PUT(d, k.d, nn, nb);
        PUT(p, k.p, hn, hb);
        PUT(q, k.q, hn, hb);
        PUT(dp, k.dp, hn, hb);
        PUT(dq, k.dq, hn, hb);
        PUT(qinv, k.qinv, hn, hb);
#undef PUT
        parts.e = e_bytes;
        parts.e_len = sizeof e_bytes;
        rc = glass_rsa_private_load(priv, &parts);
        if (rc != 0)
            rc = GLASS_E_RSA_KEYGEN;
    } else if (rc != GLASS_E_RNG) {
        rc = GLASS_E_RSA_KEYGEN;
    }
    glass_wipe(&k, sizeof k);
    return rc;
}
