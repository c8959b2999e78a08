/*
 * rsa.c — RSA with PKCS#1 v1.5 (RFC 8017, "PKCS #1: RSA Cryptography
 * Specifications Version 2.2"), and the TLS 1.2 premaster-secret
 * decryption of RFC 5246 section 7.4.7.1.
 *
 * Private-key operations (RFC 8017 5.1.2 RSADP / 5.2.1 RSASP1) use the
 * Chinese Remainder Theorem, blind the input with r^e for a fresh random r
 * (and unblind with r^-1), and check the result with the public exponent
 * before releasing it (so a computation fault cannot leak a factor of n).
 * From the moment secrets are involved nothing branches or indexes memory
 * on them; the fault check's outcome is returned as a computed code.
 */
#include "glasstls/rsa.h"

#include <string.h>

#include "bignum.h"
#include "rsa_internal.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

#define W GLASS_LIMB_BITS

/* ------------------------------------------------------------ loading */

static void pub_mont(const glass_rsa_public *pub, glass_mont *mc)
{
    mc->m = pub->n;
    mc->rr = pub->rr;
    mc->m0inv = pub->n0inv;
    mc->n = pub->nlimbs;
}

/* Leading zero bytes of a public value carry nothing: drop them. */
static void strip_zeros(const uint8_t **p, size_t *len)
{
    while (*len > 0 && (*p)[0] == 0) {
        (*p)++;
        (*len)--;
    }
}

int glass_rsa_public_load(glass_rsa_public *pub,
                          const uint8_t *n, size_t n_len,
                          const uint8_t *e, size_t e_len)
{
    if (pub == NULL || (n == NULL && n_len > 0) || (e == NULL && e_len > 0))
        return GLASS_E_INVALID_ARG;
    memset(pub, 0, sizeof *pub);
    strip_zeros(&n, &n_len);
    strip_zeros(&e, &e_len);
    if (n_len == 0 || n_len > GLASS_RSA_MAX_BYTES || e_len == 0 || e_len > n_len)
        return GLASS_E_RSA_KEY;

    pub->nlimbs = glass_bn_limbs_for_bytes(n_len);
    if (glass_bn_from_bytes(pub->n, pub->nlimbs, n, n_len) != 0 ||
        glass_bn_from_bytes(pub->e, pub->nlimbs, e, e_len) != 0)
        return GLASS_E_RSA_KEY;
    pub->bits = glass_bn_bitlen(pub->n, pub->nlimbs);
    pub->len = (pub->bits + 7) / 8;
    /* RFC 8017 3.1: n odd (a product of odd primes), 3 <= e < n, e odd
     * (e must be coprime to the even p-1); sizes within our limits. */
    if (pub->bits < GLASS_RSA_MIN_BITS || (pub->n[0] & 1) == 0 ||
        (pub->e[0] & 1) == 0 || glass_bn_bitlen(pub->e, pub->nlimbs) < 2 ||
        !glass_bn_lt(pub->e, pub->n, pub->nlimbs)) {
        memset(pub, 0, sizeof *pub);
        return GLASS_E_RSA_KEY;
    }
    pub->n0inv = glass_bn_mont_m0inv(pub->n[0]);
    glass_bn_mont_rr(pub->rr, pub->n, pub->nlimbs);
    return 0;
}

size_t glass_rsa_size(const glass_rsa_public *pub)
{
    return pub != NULL ? pub->len : 0;
}

static int private_core(const glass_rsa_private *priv, const glass_limb *r,
                        const glass_limb *s, const glass_limb *c, glass_limb *m);

/* Loads one CRT prime with its exponent and Montgomery constants. */
static int load_prime(glass_limb *x, size_t *limbs, glass_limb *rr, glass_limb *m0inv,
                      const uint8_t *b, size_t len)
{
    strip_zeros(&b, &len);
    if (len == 0 || len > GLASS_RSA_HALF_LIMBS * GLASS_LIMB_BYTES)
        return GLASS_E_RSA_KEY;
    *limbs = glass_bn_limbs_for_bytes(len);
    if (glass_bn_from_bytes(x, *limbs, b, len) != 0 || (x[0] & 1) == 0 ||
        glass_bn_bitlen(x, *limbs) < 64)
        return GLASS_E_RSA_KEY;
    *m0inv = glass_bn_mont_m0inv(x[0]);
    glass_bn_mont_rr(rr, x, *limbs);
    return 0;
}

/* A secret component: value must fit in n limbs and be < bound (a
 * validity check, so branching on its single-bit outcome reveals only
 * that the key file is bad). */
static int load_below(glass_limb *x, size_t n, const uint8_t *b, size_t len,
                      const glass_limb *bound)
{
    if (b == NULL || len == 0)
        return GLASS_E_RSA_KEY;
    if (glass_bn_from_bytes(x, n, b, len) != 0)
        return GLASS_E_RSA_KEY;
    if (!glass_bn_lt(x, bound, n) || glass_bn_is_zero(x, n))
        return GLASS_E_RSA_KEY;
    return 0;
}

/* (x^e)^d mod prime == x for x = 0x5eed: d is right modulo prime - 1. */
static int check_d_mod(const glass_rsa_private *priv, const glass_limb *m, const glass_limb *rr,
                       glass_limb m0inv, size_t n)
{
    glass_mont mc = { m, rr, m0inv, n };
    glass_limb x[GLASS_RSA_HALF_LIMBS], y[GLASS_RSA_HALF_LIMBS];
    glass_bn_zero(x, n);
    x[0] = 0x5eed;
    glass_bn_mont_mul(y, x, rr, &mc);
    glass_bn_modexp_pub(y, y, priv->pub.e, priv->pub.nlimbs, &mc);
    glass_bn_modexp_ct(y, y, priv->d, priv->pub.nlimbs * W, &mc);
    glass_bn_from_mont(y, y, &mc);
    int ok = glass_bn_eq(x, y, n) != 0;
    glass_wipe(y, sizeof y);
    return ok ? 0 : GLASS_E_RSA_KEY;
}

static int private_load_inner(glass_rsa_private *priv, const glass_rsa_private_parts *pp)
{
    glass_rsa_public *pub = &priv->pub;
    int rc = glass_rsa_public_load(pub, pp->n, pp->n_len, pp->e, pp->e_len);
    if (rc != 0)
        return rc;
    const size_t nl = pub->nlimbs;
    if (load_below(priv->d, nl, pp->d, pp->d_len, pub->n) != 0)
        return GLASS_E_RSA_KEY;
    if (pp->p_len == 0) {
        priv->has_crt = 0;
    } else {
        if (pp->p == NULL || pp->q == NULL)
            return GLASS_E_RSA_KEY;
        if (load_prime(priv->p, &priv->plimbs, priv->p_rr, &priv->p0inv, pp->p, pp->p_len) != 0 ||
            load_prime(priv->q, &priv->qlimbs, priv->q_rr, &priv->q0inv, pp->q, pp->q_len) != 0)
            return GLASS_E_RSA_KEY;
        /* the wide reductions need n (and q) no longer than two primes */
        if (nl > 2 * priv->plimbs || nl > 2 * priv->qlimbs || priv->qlimbs > 2 * priv->plimbs ||
            priv->plimbs + priv->qlimbs < nl)
            return GLASS_E_RSA_KEY;
        /* RFC 8017 3.2: n = p*q; dP < p (d mod p-1), dQ < q, qInv < p */
        glass_limb prod[GLASS_RSA_LIMBS + 2];
        glass_bn_mul(prod, priv->p, priv->plimbs, priv->q, priv->qlimbs);
        glass_limb diff = 0;
        for (size_t i = 0; i < priv->plimbs + priv->qlimbs; i++)
            diff |= prod[i] ^ (i < nl ? pub->n[i] : 0);
        glass_wipe(prod, sizeof prod);
        if (diff != 0)
            return GLASS_E_RSA_KEY;
        if (load_below(priv->dp, priv->plimbs, pp->dp, pp->dp_len, priv->p) != 0 ||
            load_below(priv->dq, priv->qlimbs, pp->dq, pp->dq_len, priv->q) != 0 ||
            load_below(priv->qinv, priv->plimbs, pp->qinv, pp->qinv_len, priv->p) != 0)
            return GLASS_E_RSA_KEY;
        priv->has_crt = 1;
        /* d is not used by the CRT operations, but it is exported: check
         * (x^e)^d = x modulo p and modulo q for a fixed x. */
        if (check_d_mod(priv, priv->p, priv->p_rr, priv->p0inv, priv->plimbs) != 0 ||
            check_d_mod(priv, priv->q, priv->q_rr, priv->q0inv, priv->qlimbs) != 0)
            return GLASS_E_RSA_KEY;
    }
    /* Self-test: one private operation on a fixed input (blinding r = 1)
     * whose built-in check catches a d, dP, dQ or qInv that does not fit. */
    glass_limb one[GLASS_RSA_LIMBS], c[GLASS_RSA_LIMBS], m[GLASS_RSA_LIMBS];
    glass_bn_zero(one, nl);
    one[0] = 1;
    glass_bn_zero(c, nl);
    c[0] = 0x5eed;
    rc = private_core(priv, one, one, c, m);
    glass_wipe(m, sizeof m);
    return rc != 0 ? GLASS_E_RSA_KEY : 0;
}

int glass_rsa_private_load(glass_rsa_private *priv, const glass_rsa_private_parts *parts)
{
    if (priv == NULL || parts == NULL)
        return GLASS_E_INVALID_ARG;
    memset(priv, 0, sizeof *priv);
    int rc = private_load_inner(priv, parts);
    if (rc != 0)
        glass_wipe(priv, sizeof *priv);
    return rc;
}

void glass_rsa_private_free(glass_rsa_private *priv)
{
    if (priv != NULL)
        glass_wipe(priv, sizeof *priv);
}

int glass_rsa_private_export(const glass_rsa_private *priv,
                             uint8_t *buf, size_t buf_len,
                             glass_rsa_private_parts *parts)
{
    if (priv == NULL || buf == NULL || parts == NULL || priv->pub.len == 0)
        return GLASS_E_INVALID_ARG;
    const size_t k = priv->pub.len, nl = priv->pub.nlimbs;
    const size_t pl = priv->plimbs * GLASS_LIMB_BYTES, ql = priv->qlimbs * GLASS_LIMB_BYTES;
    size_t need = 3 * k + (priv->has_crt ? 3 * pl + 2 * ql : 0);
    if (buf_len < need)
        return GLASS_E_BUFFER_TOO_SMALL;
    memset(parts, 0, sizeof *parts);
    uint8_t *w = buf;
    /* each value written at a fixed width (leading zeros allowed) */
#define PUT(field, src, limbs, width)                                   \
    do {                                                                \
        (void)glass_bn_to_bytes((src), (limbs), w, (width));           \
        parts->field = w;                                               \
        parts->field##_len = (width);                                   \
        w += (width);                                                   \
    } while (0)
    PUT(n, priv->pub.n, nl, k);
    PUT(e, priv->pub.e, nl, k);
    PUT(d, priv->d, nl, k);
    if (priv->has_crt) {
        PUT(p, priv->p, priv->plimbs, pl);
        PUT(q, priv->q, priv->qlimbs, ql);
        PUT(dp, priv->dp, priv->plimbs, pl);
        PUT(dq, priv->dq, priv->qlimbs, ql);
        PUT(qinv, priv->qinv, priv->plimbs, pl);
    }
#undef PUT
    return 0;
}

/* ------------------------------------------------------------ primitives */

/* RSAEP / RSAVP1 (RFC 8017 5.1.1, 5.2.2): r = x^e mod n, x < n. */
static void public_core(const glass_rsa_public *pub, const glass_limb *x, glass_limb *r)
{
    glass_mont mc;
    pub_mont(pub, &mc);
    glass_bn_mont_mul(r, x, pub->rr, &mc);           /* x*R */
    glass_bn_modexp_pub(r, r, pub->e, pub->nlimbs, &mc);
    glass_bn_from_mont(r, r, &mc);
}

/* The two CRT halves: m1 = cb^dP mod p and m2 = cb^dQ mod q for the
 * blinded input cb (nl limbs).  glass_bn_modexp2_ct runs the two
 * exponentiations interleaved where it can (the IFMA path, primes of the
 * same size: RSA-2048 and the other sizes it takes), else one after the
 * other.  The unblinding by r^-1 is done once, modulo n, after the
 * recombination (private_core). */
static void crt_halves(glass_limb *m1, glass_limb *m2, const glass_limb *cb, size_t nl,
                       const glass_rsa_private *priv, const glass_mont *mp, const glass_mont *mq)
{
    glass_limb x1[GLASS_RSA_HALF_LIMBS], x2[GLASS_RSA_HALF_LIMBS];

    glass_bn_to_mont_wide(x1, cb, nl, mp);                    /* cb*R mod p */
    glass_bn_to_mont_wide(x2, cb, nl, mq);                    /* cb*R mod q */
    glass_bn_modexp2_ct(x1, x1, priv->dp, mp->n * W, mp,      /* cb^dP * R, */
                        x2, x2, priv->dq, mq->n * W, mq);     /* cb^dQ * R  */
    glass_bn_from_mont(m1, x1, mp);
    glass_bn_from_mont(m2, x2, mq);
    glass_wipe(x1, sizeof x1);
    glass_wipe(x2, sizeof x2);
}

/* The unblinding factor r^-1 * R mod n, from r and an independent random
 * s (both secret, < n).  t = r*s/R is uniformly random and independent of
 * r while s stays secret, so it may be declassified and inverted in
 * variable time (the "masked inversion" trick), much cheaper than the
 * constant-time binary GCD or Fermat's r^(p-2):
 *   t^-1 = R r^-1 s^-1,  rinv = t^-1 * (s R) / R = r^-1 R.
 * A t that is not invertible (t = 0, or sharing a factor with n: r or s
 * does, probability ~2^-1000) gives rinv = 0; the fault check then
 * rejects the result unless it is right anyway (c = 0). */
static void unblinding_factor(const glass_rsa_public *pub, const glass_mont *mn,
                              const glass_limb *r, const glass_limb *s, glass_limb *rinv)
{
    glass_limb t[GLASS_RSA_LIMBS], sr[GLASS_RSA_LIMBS];
    const size_t nl = pub->nlimbs;

    glass_bn_mont_mul(t, r, s, mn);                           /* t = r s / R     */
    GLASS_CT_PUBLIC(t, nl * sizeof t[0]);                     /* uniform, independent of r */
    (void)glass_bn_modinv_vartime(t, t, pub->n, nl);          /* R / (r s), or 0 */
    glass_bn_mont_mul(sr, s, pub->rr, mn);                    /* s R             */
    glass_bn_mont_mul(rinv, t, sr, mn);                       /* R / r           */
    glass_wipe(t, sizeof t);
    glass_wipe(sr, sizeof sr);
}

/* RSADP / RSASP1 (RFC 8017 5.1.2, 5.2.1) with blinding and a fault check.
 * c < n, r < n and s < n (nl limbs each; r is the blinding value, s masks
 * its inversion).  Writes m = c^d mod n.  Returns 0 or
 * GLASS_E_RSA_FAULT, computed without a branch on any secret. */
static int private_core(const glass_rsa_private *priv, const glass_limb *r,
                        const glass_limb *s, const glass_limb *c, glass_limb *m)
{
    const glass_rsa_public *pub = &priv->pub;
    const size_t nl = pub->nlimbs;
    glass_mont mn;
    glass_limb re[GLASS_RSA_LIMBS], cm[GLASS_RSA_LIMBS], cb[GLASS_RSA_LIMBS];
    glass_limb rinv[GLASS_RSA_LIMBS];

    pub_mont(pub, &mn);
    /* Blinding (RFC 8017 5.1.2 note, Kocher 1996): cb = c * r^e mod n,
     * so the exponentiation works on a value unrelated to c. */
    glass_bn_mont_mul(re, r, pub->rr, &mn);                   /* r*R        */
    glass_bn_modexp_pub(re, re, pub->e, nl, &mn);             /* r^e * R    */
    glass_bn_mont_mul(cb, c, re, &mn);                        /* c r^e (normal form) */
    unblinding_factor(pub, &mn, r, s, rinv);                  /* r^-1 R      */

    if (priv->has_crt) {
        /* RFC 8017 5.1.2 step 2.b (u = 2): m1 = c^dP mod p, m2 = c^dQ mod q,
         * h = (m1 - m2) qInv mod p, m = m2 + q h. */
        glass_mont mp = { priv->p, priv->p_rr, priv->p0inv, priv->plimbs };
        glass_mont mq = { priv->q, priv->q_rr, priv->q0inv, priv->qlimbs };
        glass_limb m1[GLASS_RSA_HALF_LIMBS], m2[GLASS_RSA_HALF_LIMBS];
        glass_limb h[GLASS_RSA_HALF_LIMBS], prod[GLASS_RSA_LIMBS + 2];

        crt_halves(m1, m2, cb, nl, priv, &mp, &mq);
        glass_bn_reduce_wide(h, m2, priv->qlimbs, &mp);         /* m2 mod p */
        glass_bn_mod_sub(h, m1, h, priv->p, priv->plimbs);       /* m1 - m2  */
        glass_bn_mont_mul(h, h, priv->qinv, &mp);                /* * qInv / R */
        glass_bn_mont_mul(h, h, priv->p_rr, &mp);                /* * R      */
        glass_bn_mul(prod, h, priv->plimbs, priv->q, priv->qlimbs);
        size_t pn = priv->plimbs + priv->qlimbs;                 /* >= nl */
        glass_limb carry = 0;
        for (size_t i = 0; i < pn; i++) {                        /* + m2 */
            glass_dlimb sum = (glass_dlimb)prod[i] + (i < priv->qlimbs ? m2[i] : 0) + carry;
            prod[i] = (glass_limb)sum;
            carry = (glass_limb)(sum >> W);
        }
        glass_bn_copy(m, prod, nl);                              /* < n: upper limbs are 0 */
        glass_bn_mont_mul(m, m, rinv, &mn);                      /* unblind: m r^-1 */
        glass_wipe(m1, sizeof m1);
        glass_wipe(m2, sizeof m2);
        glass_wipe(h, sizeof h);
        glass_wipe(prod, sizeof prod);
    } else {
        /* first representation (n, d): m = cb^d * r^-1 mod n */
        glass_limb x[GLASS_RSA_LIMBS];
        glass_bn_mont_mul(x, cb, pub->rr, &mn);                  /* cb R        */
        glass_bn_modexp_ct(x, x, priv->d, nl * W, &mn);          /* cb^d R      */
        glass_bn_from_mont(x, x, &mn);
        glass_bn_mont_mul(m, x, rinv, &mn);                      /* unblind     */
        glass_wipe(x, sizeof x);
    }

    /* Fault check: m^e must give back c (a wrong half would otherwise
     * reveal a factor of n: Boneh-DeMillo-Lipton 1997). */
    glass_limb ok;
    public_core(pub, m, re);
    ok = glass_bn_eq(re, c, nl);
    /* on failure release nothing */
    glass_bn_zero(cm, nl);
    glass_bn_select(m, ok, m, cm, nl);
    glass_wipe(re, sizeof re);
    glass_wipe(cb, sizeof cb);
    glass_wipe(rinv, sizeof rinv);
    return (int)(~ok & 1) * GLASS_E_RSA_FAULT;
}

/* Reduce len random bytes modulo n (k + 8 bytes: bias below 2^-64, and no
 * rejection loop whose length would depend on the value). */
static void random_below_n(const glass_rsa_public *pub, const uint8_t *buf, size_t len,
                           glass_limb *x)
{
    glass_limb wide[2 * GLASS_RSA_LIMBS];
    glass_mont mc;
    size_t wl = glass_bn_limbs_for_bytes(len);

    if (wl > 2 * pub->nlimbs)
        wl = 2 * pub->nlimbs;   /* never: k+8 bytes fit in 2*nlimbs limbs for k >= 128 */
    (void)glass_bn_from_bytes(wide, wl, buf, len);
    pub_mont(pub, &mc);
    glass_bn_reduce_wide(x, wide, wl, &mc);
    glass_wipe(wide, sizeof wide);
}

/* A fresh blinding value r and an independent mask s, both in [0, n),
 * from one RNG call of 2(k + 8) bytes: r from the first k + 8 (the bytes
 * a single-value call would give), s from the rest.  r or s = 0 or sharing
 * a factor with n (probability ~2^-1000) makes the fault check fail
 * rather than the output wrong. */
static int blinding_values(const glass_rsa_public *pub, glass_rng_fn rng, void *rng_ctx,
                           glass_limb *r, glass_limb *s)
{
    uint8_t buf[2 * (GLASS_RSA_MAX_BYTES + 8)];
    size_t len = pub->len + 8;

    if (rng == NULL)
        return GLASS_E_INVALID_ARG;
    if (rng(rng_ctx, buf, 2 * len) != 0) {
        glass_wipe(buf, sizeof buf);
        return GLASS_E_RNG;
    }
    random_below_n(pub, buf, len, r);
    random_below_n(pub, buf + len, len, s);
    glass_wipe(buf, sizeof buf);
    return 0;
}

/* Bytes -> integer below n.  The ciphertext or signature is public, so
 * branching on the range check is fine. */
static int load_input(const glass_rsa_public *pub, const uint8_t *in, glass_limb *x)
{
    if (glass_bn_from_bytes(x, pub->nlimbs, in, pub->len) != 0 ||
        !glass_bn_lt(x, pub->n, pub->nlimbs))
        return GLASS_E_RSA_RANGE;
    return 0;
}

int glass_rsa_private_raw_fault(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                                const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                                int *fault)
{
    glass_limb c[GLASS_RSA_LIMBS], r[GLASS_RSA_LIMBS], s[GLASS_RSA_LIMBS], m[GLASS_RSA_LIMBS];
    *fault = 0;
    if (priv == NULL || in == NULL || out == NULL || priv->pub.len == 0)
        return GLASS_E_INVALID_ARG;
    if (in_len != priv->pub.len || out_len < priv->pub.len)
        return GLASS_E_BAD_LENGTH;
    int rc = load_input(&priv->pub, in, c);
    if (rc != 0)
        return rc;
    rc = blinding_values(&priv->pub, rng, rng_ctx, r, s);
    if (rc != 0)
        return rc;
    *fault = private_core(priv, r, s, c, m);
    (void)glass_bn_to_bytes(m, priv->pub.nlimbs, out, priv->pub.len);
    glass_wipe(r, sizeof r);
    glass_wipe(s, sizeof s);
    glass_wipe(m, sizeof m);
    return 0;
}

int glass_rsa_private_raw(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                          const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    int fault;
    int rc = glass_rsa_private_raw_fault(priv, rng, rng_ctx, in, in_len, out, out_len, &fault);
    /* no branch on fault: rc is 0 whenever fault may be nonzero */
    return rc | fault;
}

int glass_rsa_public_raw(const glass_rsa_public *pub, const uint8_t *in, size_t in_len,
                         uint8_t *out, size_t out_len)
{
    glass_limb x[GLASS_RSA_LIMBS];
    if (pub == NULL || in == NULL || out == NULL || pub->len == 0)
        return GLASS_E_INVALID_ARG;
    if (in_len != pub->len || out_len < pub->len)
        return GLASS_E_BAD_LENGTH;
    int rc = load_input(pub, in, x);
    if (rc != 0)
        return rc;
    public_core(pub, x, x);
    (void)glass_bn_to_bytes(x, pub->nlimbs, out, pub->len);
    return 0;
}
