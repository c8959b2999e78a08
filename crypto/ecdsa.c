/*
 * ecdsa.c — ECDSA over P-256 and P-384: FIPS 186-4 section 6.4 (signature
 * generation and verification, as ANS X9.62 specifies them), with the
 * per-message secret k derived deterministically as RFC 6979 section 3.2
 * describes.  The DER form of a signature is ecdsa_der.c.
 *
 * Notation of the standards: n is the group order (q in RFC 6979), d the
 * private scalar, Q = dG the public point, e the digest as an integer
 * truncated to the bit length of n.
 *
 *   sign:    (x1, y1) = kG;  r = x1 mod n;  s = k^-1 (e + r d) mod n
 *   verify:  w = s^-1;  u1 = e w;  u2 = r w;  (x1, y1) = u1 G + u2 Q;
 *            valid when x1 mod n = r
 *
 * Scalars mod n are Montgomery residues of the second context of
 * ec_curve; k^-1 is k^(n-2) (Fermat), a fixed-window exponentiation, so
 * nothing about k or d shows in the timing.
 */
#include "glasstls/ec.h"

#include <string.h>

#include "ec_internal.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/hmac.h"

/* RFC 6979 2.3.2 bits2int, then reduced mod n (2.3.3 / FIPS 186-4 6.4
 * step 4 uses it as e).  qlen is a multiple of 8 for both curves, so the
 * leftmost qlen bits are the first size bytes: no shift is needed.  A
 * shorter string is the integer it encodes (left-padded). */
static void bits2int_mod_n(const ec_curve *c, glass_limb *e, const uint8_t *h, size_t len)
{
    size_t take = len < c->size ? len : c->size;
    (void)glass_bn_from_bytes(e, c->nl, h, take);
    glass_bn_cond_sub(e, 0, c->n, c->nl);      /* e < 2^qlen < 2n: one subtraction */
}

/* (a * b) mod n for a, b < n in normal form: a*b/R * R^2/R. */
static void sc_mul(const ec_curve *c, glass_limb *r, const glass_limb *a, const glass_limb *b)
{
    glass_limb t[EC_LIMBS];
    glass_bn_mont_mul(t, a, b, &c->fn);
    glass_bn_mont_mul(r, t, c->n_rr, &c->fn);
    glass_wipe(t, sizeof t);
}

/* FIPS 186-4 6.4 with a given k in [1, n-1]: returns 0, or 1 when r or s
 * came out 0 (then k must be replaced), or a negative error. */
static int sign_core(const ec_curve *c, const uint8_t *d, const uint8_t *digest,
                     size_t digest_len, const uint8_t *k, uint8_t *r_out, uint8_t *s_out)
{
    ec_point R;
    uint8_t x1[GLASS_EC_MAX_BYTES];
    glass_limb kk[EC_LIMBS], kinv[EC_LIMBS], r[EC_LIMBS], s[EC_LIMBS];
    glass_limb dd[EC_LIMBS], e[EC_LIMBS], t[EC_LIMBS];
    glass_limb bad;

    /* step 1-2: (x1, y1) = kG; r = x1 mod n (x1 < p < 2n for both curves) */
    ec_point_mul_base(c, &R, k);
    (void)ec_point_to_affine(c, x1, NULL, &R);
    (void)glass_bn_from_bytes(r, c->nl, x1, c->size);
    glass_bn_cond_sub(r, 0, c->n, c->nl);

    /* step 3: k^-1 mod n = k^(n-2), in Montgomery form */
    (void)glass_bn_from_bytes(kk, c->nl, k, c->size);
    glass_bn_mont_mul(t, kk, c->n_rr, &c->fn);
    if (c->fast)
        ec_p256_scalar_inv(kinv, t);
    else
        glass_bn_modexp_ct(kinv, t, c->n_minus2, c->bits, &c->fn);

    /* step 4-5: e, then s = k^-1 (e + r d) mod n */
    bits2int_mod_n(c, e, digest, digest_len);
    (void)glass_bn_from_bytes(dd, c->nl, d, c->size);
    sc_mul(c, t, r, dd);                                   /* r d */
    glass_bn_cond_sub(t, glass_bn_add(t, t, e, c->nl), c->n, c->nl);   /* + e */
    glass_bn_mont_mul(s, kinv, t, &c->fn);                 /* k^-1 R * t / R */

    bad = glass_bn_is_zero(r, c->nl) | glass_bn_is_zero(s, c->nl);
    GLASS_CT_PUBLIC(&bad, sizeof bad);          /* a retry with another k shows anyway */
    (void)glass_bn_to_bytes(r, c->nl, r_out, c->size);
    (void)glass_bn_to_bytes(s, c->nl, s_out, c->size);

    glass_wipe(&R, sizeof R); glass_wipe(x1, sizeof x1);
    glass_wipe(kk, sizeof kk); glass_wipe(kinv, sizeof kinv);
    glass_wipe(dd, sizeof dd); glass_wipe(e, sizeof e);
    glass_wipe(t, sizeof t); glass_wipe(s, sizeof s); glass_wipe(r, sizeof r);
    return bad ? 1 : 0;
}

/* All-ones when 1 <= v (size bytes) <= n-1, without a branch on v.  The
 * verdict is public: for d and a given k it is the return code, for an
 * RFC 6979 candidate it says only that a candidate (never used) was
 * rejected, which reveals nothing about the k finally used. */
static glass_limb in_range(const ec_curve *c, const uint8_t *v)
{
    glass_limb t[EC_LIMBS], ok;
    (void)glass_bn_from_bytes(t, c->nl, v, c->size);
    ok = glass_bn_lt(t, c->n, c->nl) & ~glass_bn_is_zero(t, c->nl);
    glass_wipe(t, sizeof t);
    GLASS_CT_PUBLIC(&ok, sizeof ok);
    return ok;
}

int glass_ecdsa_sign_with_k(const glass_ec_private *key,
                            const uint8_t *digest, size_t digest_len,
                            const uint8_t *k, uint8_t *r, uint8_t *s)
{
    ec_curve c;
    int ret;

    if (key == NULL || (digest == NULL && digest_len != 0) || k == NULL || r == NULL || s == NULL)
        return GLASS_E_INVALID_ARG;
    ret = ec_curve_init(&c, key->curve);
    if (ret != 0)
        return ret;
    if (!in_range(&c, key->d) || !in_range(&c, k))
        return GLASS_E_EC_KEY;
    ret = sign_core(&c, key->d, digest, digest_len, k, r, s);
    if (ret != 0) {                     /* r = 0 or s = 0: this k cannot sign */
        glass_wipe(r, c.size);
        glass_wipe(s, c.size);
        return GLASS_E_EC_KEY;
    }
    return GLASS_OK;
}

/* ---- RFC 6979 section 3.2: the deterministic k ---- */

typedef struct rfc6979 {
    glass_hash_id hash;
    size_t hlen;
    uint8_t K[GLASS_HASH_MAX_SIZE];
    uint8_t V[GLASS_HASH_MAX_SIZE];
} rfc6979;

/* K = HMAC_K(V || sep || int2octets(x) || bits2octets(h1)), then
 * V = HMAC_K(V): steps d-e (sep 0x00) and f-g (sep 0x01). */
static int drbg_update(rfc6979 *st, uint8_t sep, const uint8_t *x, const uint8_t *h1o,
                       size_t rlen)
{
    glass_hmac_ctx h;
    int ret = glass_hmac_init(&h, st->hash, st->K, st->hlen);
    if (ret != 0)
        return ret;
    glass_hmac_update(&h, st->V, st->hlen);
    glass_hmac_update(&h, &sep, 1);
    if (x != NULL) {
        glass_hmac_update(&h, x, rlen);
        glass_hmac_update(&h, h1o, rlen);
    }
    glass_hmac_final(&h, st->K);
    return glass_hmac(st->hash, st->K, st->hlen, st->V, st->hlen, st->V);
}

int glass_ecdsa_sign(const glass_ec_private *key, glass_hash_id hash,
                     const uint8_t *digest, size_t digest_len,
                     uint8_t *r, uint8_t *s)
{
    ec_curve c;
    rfc6979 st;
    uint8_t h1o[GLASS_EC_MAX_BYTES];            /* bits2octets(h1) */
    uint8_t T[GLASS_EC_MAX_BYTES + GLASS_HASH_MAX_SIZE];
    glass_limb e[EC_LIMBS];
    int ret;

    if (key == NULL || (digest == NULL && digest_len != 0) || r == NULL || s == NULL)
        return GLASS_E_INVALID_ARG;
    ret = ec_curve_init(&c, key->curve);
    if (ret != 0)
        return ret;
    if (!in_range(&c, key->d))
        return GLASS_E_EC_KEY;
    st.hash = hash;
    st.hlen = glass_hash_size(hash);
    if (st.hlen == 0)
        return GLASS_E_HASH_UNSUPPORTED;

    /* 2.3.4 bits2octets(h1) = int2octets(bits2int(h1) mod q) */
    bits2int_mod_n(&c, e, digest, digest_len);
    (void)glass_bn_to_bytes(e, c.nl, h1o, c.size);

    memset(st.V, 0x01, st.hlen);                        /* step b */
    memset(st.K, 0x00, st.hlen);                        /* step c */
    ret = drbg_update(&st, 0x00, key->d, h1o, c.size);  /* steps d, e */
    if (ret == 0)
        ret = drbg_update(&st, 0x01, key->d, h1o, c.size);  /* steps f, g */
    while (ret == 0) {                                  /* step h */
        size_t tlen = 0;
        while (tlen < c.size) {                         /* h.2: T = T || V */
            ret = glass_hmac(st.hash, st.K, st.hlen, st.V, st.hlen, st.V);
            if (ret != 0)
                break;
            memcpy(T + tlen, st.V, st.hlen);
            tlen += st.hlen;
        }
        if (ret != 0)
            break;
        /* h.3: k = bits2int(T), the first qlen bits; usable when in
         * [1, q-1] and the signature it gives has r, s != 0 (3.4) */
        if (in_range(&c, T)) {
            ret = sign_core(&c, key->d, digest, digest_len, T, r, s);
            if (ret <= 0)
                break;
        }
        ret = drbg_update(&st, 0x00, NULL, NULL, 0);    /* K = HMAC_K(V || 00); V = HMAC_K(V) */
    }
    glass_wipe(&st, sizeof st);
    glass_wipe(T, sizeof T);
    glass_wipe(h1o, sizeof h1o);
    glass_wipe(e, sizeof e);
    if (ret != 0) {
        glass_wipe(r, c.size);
        glass_wipe(s, c.size);
    }
    return ret;
}

/* ---- verification ---- */

/* v (size bytes) in [1, n-1] as limbs; 0 when out of range (public). */
static int load_sig_int(const ec_curve *c, glass_limb *v, const uint8_t *in)
{
    (void)glass_bn_from_bytes(v, c->nl, in, c->size);
    return glass_bn_lt(v, c->n, c->nl) && !glass_bn_is_zero(v, c->nl);
}

int glass_ecdsa_verify(const glass_ec_public *pub,
                       const uint8_t *digest, size_t digest_len,
                       const uint8_t *r, const uint8_t *s)
{
    ec_curve c;
    ec_point q, X;
    glass_limb rr[EC_LIMBS], ss[EC_LIMBS], e[EC_LIMBS], w[EC_LIMBS], t[EC_LIMBS];
    glass_limb u1[EC_LIMBS], u2[EC_LIMBS], v[EC_LIMBS];
    uint8_t u1b[GLASS_EC_MAX_BYTES], u2b[GLASS_EC_MAX_BYTES], x1[GLASS_EC_MAX_BYTES];

    if (pub == NULL || (digest == NULL && digest_len != 0) || r == NULL || s == NULL)
        return GLASS_E_INVALID_ARG;
    if (ec_curve_init(&c, pub->curve) != 0)
        return GLASS_E_ECDSA_VERIFY;
    /* a key that is not a valid point verifies nothing */
    if (ec_point_from_affine(&c, &q, pub->x, pub->y) != 0)
        return GLASS_E_ECDSA_VERIFY;
    /* 6.4.2 / X9.62 step 1: r and s in [1, n-1] */
    if (!load_sig_int(&c, rr, r) || !load_sig_int(&c, ss, s))
        return GLASS_E_ECDSA_VERIFY;
    bits2int_mod_n(&c, e, digest, digest_len);
    /* w = s^-1 = s^(n-2) (Montgomery form); u1 = e w, u2 = r w */
    glass_bn_mont_mul(t, ss, c.n_rr, &c.fn);
    if (c.fast)
        ec_p256_scalar_inv(w, t);
    else
        glass_bn_modexp_pub(w, t, c.n_minus2, c.nl, &c.fn);
    glass_bn_mont_mul(u1, e, w, &c.fn);
    glass_bn_mont_mul(u2, rr, w, &c.fn);
    (void)glass_bn_to_bytes(u1, c.nl, u1b, c.size);
    (void)glass_bn_to_bytes(u2, c.nl, u2b, c.size);
    /* (x1, y1) = u1 G + u2 Q; the point at infinity rejects */
    ec_point_mul2(&c, &X, u1b, u2b, &q);
    if (ec_point_to_affine(&c, x1, NULL, &X))
        return GLASS_E_ECDSA_VERIFY;
    (void)glass_bn_from_bytes(v, c.nl, x1, c.size);
    glass_bn_cond_sub(v, 0, c.n, c.nl);
    return glass_bn_eq(v, rr, c.nl) ? GLASS_OK : GLASS_E_ECDSA_VERIFY;
}
