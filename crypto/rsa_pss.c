/*
 * rsa_pss.c — RSASSA-PSS signatures (RFC 8017 section 8.1) with the
 * EMSA-PSS encoding (section 9.1) and the mask generation function MGF1
 * (appendix B.2.1), over the raw RSA operations of rsa.c.
 *
 * One hash serves three roles, as in TLS (rsa_pss_rsae_sha256/384/512,
 * RFC 8446 section 4.2.3) and in the NIST CAVP vectors: the message
 * digest, the hash of M' (9.1.1 step 6) and MGF1's hash.  TLS also fixes
 * the salt length to the digest length; the functions here take any salt
 * length so the CAVP vectors (and their empty salts) run too.
 *
 * What is secret: only the private key, and the private-key operation
 * (glass_rsa_private_raw) is blinded and fault-checked.  The encoded
 * message EM is a function of the digest and the salt, both of which a
 * verifier recovers from the signature, so the encoding and the
 * verification may branch on their data; they are still wiped after use.
 */
#include "glasstls/rsa.h"

#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/sha2.h"
#include "rsa_internal.h"

/* The hashes PSS accepts, and their output length hLen. */
static size_t pss_hash_len(glass_hash_id hash)
{
    switch (hash) {
    case GLASS_HASH_SHA1:
    case GLASS_HASH_SHA224:
    case GLASS_HASH_SHA256:
    case GLASS_HASH_SHA384:
    case GLASS_HASH_SHA512:
        return glass_hash_size(hash);
    default:
        return 0;
    }
}

/* B.2.1 MGF1(mgfSeed, maskLen), XORed straight into out[0 .. mask_len):
 * T = Hash(mgfSeed || C) for C = 0, 1, ... (C as 4 octets, I2OSP),
 * concatenated and cut to maskLen.  maskLen <= k < 2^32 * hLen, so step 1
 * ("mask too long") cannot happen here. */
static int mgf1_xor(glass_hash_id hash, const uint8_t *seed, size_t seed_len,
                    uint8_t *out, size_t mask_len)
{
    uint8_t t[GLASS_HASH_MAX_SIZE];
    const size_t hlen = glass_hash_size(hash);
    glass_hash_ctx ctx;
    uint32_t counter = 0;
    for (size_t done = 0; done < mask_len; counter++) {
        /* step 3.A: C = I2OSP(counter, 4) */
        const uint8_t c[4] = { (uint8_t)(counter >> 24), (uint8_t)(counter >> 16),
                               (uint8_t)(counter >> 8), (uint8_t)counter };
        /* step 3.B: T = T || Hash(mgfSeed || C) */
        int rc = glass_hash_init(&ctx, hash);
        if (rc != 0)
            return rc;
        glass_hash_update(&ctx, seed, seed_len);
        glass_hash_update(&ctx, c, sizeof c);
        glass_hash_final(&ctx, t);
        /* step 4: the leading maskLen octets of T */
        size_t n = mask_len - done < hlen ? mask_len - done : hlen;
        for (size_t i = 0; i < n; i++)
            out[done + i] ^= t[i];
        done += n;
    }
    glass_wipe(t, sizeof t);
    return 0;
}

/* 9.1.1 steps 5-6 and 9.1.2 steps 12-13: H = Hash(M'), with
 * M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt. */
static int hash_mprime(glass_hash_id hash, const uint8_t *mhash, size_t hlen,
                       const uint8_t *salt, size_t salt_len, uint8_t *h)
{
    static const uint8_t zeros[8] = { 0 };
    glass_hash_ctx ctx;
    int rc = glass_hash_init(&ctx, hash);
    if (rc != 0)
        return rc;
    glass_hash_update(&ctx, zeros, sizeof zeros);
    glass_hash_update(&ctx, mhash, hlen);
    glass_hash_update(&ctx, salt, salt_len);
    glass_hash_final(&ctx, h);
    return 0;
}

/* ------------------------------------------------------------ encoding */

int glass_rsa_pss_encode(glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         const uint8_t *salt, size_t salt_len, size_t em_bits,
                         uint8_t *em, size_t em_len)
{
    const size_t hlen = pss_hash_len(hash);
    if (hlen == 0)
        return GLASS_E_HASH_UNSUPPORTED;
    if (digest == NULL || em == NULL || (salt == NULL && salt_len > 0) || em_bits == 0)
        return GLASS_E_INVALID_ARG;
    /* steps 1-2: mHash = Hash(M) is computed by the caller: check its length */
    if (digest_len != hlen)
        return GLASS_E_BAD_LENGTH;
    if (em_len != (em_bits + 7) / 8)      /* emLen = ceil(emBits / 8) */
        return GLASS_E_BAD_LENGTH;
    /* step 3: emLen < hLen + sLen + 2 is an "encoding error" */
    if (salt_len > em_len || em_len - salt_len < hlen + 2)
        return GLASS_E_BAD_LENGTH;
    const size_t db_len = em_len - hlen - 1;
    uint8_t *db = em, *h = em + db_len;
    /* steps 5-6: H = Hash(M') (step 4, the salt, is the caller's) */
    int rc = hash_mprime(hash, digest, hlen, salt, salt_len, h);
    if (rc != 0)
        return rc;
    /* steps 7-8: DB = PS (emLen - sLen - hLen - 2 zero octets) || 0x01 || salt */
    const size_t ps_len = em_len - salt_len - hlen - 2;
    memset(db, 0, ps_len);
    db[ps_len] = 0x01;
    if (salt_len > 0)
        memcpy(db + ps_len + 1, salt, salt_len);
    /* steps 9-10: maskedDB = DB xor MGF(H, emLen - hLen - 1) */
    rc = mgf1_xor(hash, h, hlen, db, db_len);
    if (rc != 0)
        return rc;
    /* step 11: clear the leftmost 8emLen - emBits bits of maskedDB */
    db[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
    /* step 12: EM = maskedDB || H || 0xbc */
    em[em_len - 1] = 0xbc;
    return 0;
}

/* ------------------------------------------------------------ signing */

int glass_rsa_pss_sign_with_salt(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                                 glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                                 const uint8_t *salt, size_t salt_len,
                                 uint8_t *sig, size_t sig_len)
{
    uint8_t em[GLASS_RSA_MAX_BYTES];
    int rc = glass_rsa_sign_check(priv, hash, sig, sig_len);
    if (rc != 0)
        return rc;
    const size_t k = priv->pub.len;
    /* 8.1.1 step 1: EM = EMSA-PSS-ENCODE(M, modBits - 1); emLen is k, or
     * k - 1 when modBits - 1 is a multiple of 8 (then EM gets a zero
     * octet in front, which is the same integer m, step 2.a OS2IP) */
    const size_t em_bits = priv->pub.bits - 1;
    const size_t em_len = (em_bits + 7) / 8;
    const size_t off = k - em_len;
    em[0] = 0;
    rc = glass_rsa_pss_encode(hash, digest, digest_len, salt, salt_len, em_bits,
                              em + off, em_len);
    /* steps 2.b-c and 3: s = RSASP1(K, m) (blinded CRT, fault-checked),
     * S = I2OSP(s, k).  m < 2^emBits < n, so RSASP1 cannot refuse it. */
    if (rc == 0)
        rc = glass_rsa_private_raw(priv, rng, rng_ctx, em, k, sig, k);
    glass_wipe(em, sizeof em);
    return rc;
}

int glass_rsa_pss_sign(const glass_rsa_private *priv, glass_rng_fn rng, void *rng_ctx,
                       glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                       size_t salt_len, uint8_t *sig, size_t sig_len)
{
    uint8_t salt[GLASS_RSA_MAX_BYTES];
    if (rng == NULL)
        return GLASS_E_INVALID_ARG;
    if (salt_len > sizeof salt)
        return GLASS_E_BAD_LENGTH;
    /* 9.1.1 step 4: a random octet string salt of length sLen */
    if (salt_len > 0 && rng(rng_ctx, salt, salt_len) != 0) {
        glass_wipe(salt, sizeof salt);
        return GLASS_E_RNG;
    }
    int rc = glass_rsa_pss_sign_with_salt(priv, rng, rng_ctx, hash, digest, digest_len,
                                          salt, salt_len, sig, sig_len);
    glass_wipe(salt, sizeof salt);
    return rc;
}

/* ------------------------------------------------------------ verification */

/* EMSA-PSS-VERIFY (9.1.2), every step checked in order; 0 for
 * "consistent", GLASS_E_RSA_VERIFY for "inconsistent".  em is modified
 * (unmasked in place). */
static int emsa_pss_verify(glass_hash_id hash, const uint8_t *mhash, size_t hlen,
                           uint8_t *em, size_t em_len, size_t em_bits, size_t salt_len)
{
    uint8_t h2[GLASS_HASH_MAX_SIZE];
    /* step 3: emLen < hLen + sLen + 2 -> "inconsistent" */
    if (salt_len > em_len || em_len - salt_len < hlen + 2)
        return GLASS_E_RSA_VERIFY;
    /* step 4: the rightmost octet of EM must be 0xbc */
    if (em[em_len - 1] != 0xbc)
        return GLASS_E_RSA_VERIFY;
    /* step 5: maskedDB = the leftmost emLen - hLen - 1 octets, H the next hLen */
    const size_t db_len = em_len - hlen - 1;
    uint8_t *db = em;
    const uint8_t *h = em + db_len;
    /* step 6: the leftmost 8emLen - emBits bits of maskedDB must be zero */
    const uint8_t top_mask = (uint8_t)(0xff >> (8 * em_len - em_bits));
    if ((db[0] & (uint8_t)~top_mask) != 0)
        return GLASS_E_RSA_VERIFY;
    /* steps 7-8: DB = maskedDB xor MGF(H, emLen - hLen - 1) */
    int rc = mgf1_xor(hash, h, hlen, db, db_len);
    if (rc != 0)
        return rc;
    /* step 9: clear the leftmost 8emLen - emBits bits of DB */
    db[0] &= top_mask;
    /* step 10: the leftmost emLen - hLen - sLen - 2 octets of DB are zero
     * and the octet at position emLen - hLen - sLen - 1 (1-based) is 0x01 */
    const size_t ps_len = em_len - hlen - salt_len - 2;
    uint8_t acc = 0;
    for (size_t i = 0; i < ps_len; i++)
        acc |= db[i];
    if (acc != 0 || db[ps_len] != 0x01)
        return GLASS_E_RSA_VERIFY;
    /* step 11: salt = the last sLen octets of DB */
    const uint8_t *salt = db + db_len - salt_len;
    /* steps 12-13: H' = Hash(00 x 8 || mHash || salt) */
    rc = hash_mprime(hash, mhash, hlen, salt, salt_len, h2);
    if (rc != 0)
        return rc;
    /* step 14: consistent exactly when H = H' */
    rc = glass_ct_equal(h, h2, hlen) ? 0 : GLASS_E_RSA_VERIFY;
    glass_wipe(h2, sizeof h2);
    return rc;
}

int glass_rsa_pss_verify(const glass_rsa_public *pub,
                         glass_hash_id hash, const uint8_t *digest, size_t digest_len,
                         size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t m[GLASS_RSA_MAX_BYTES];
    if (pub == NULL || pub->len == 0 || (sig == NULL && sig_len > 0))
        return GLASS_E_INVALID_ARG;
    const size_t hlen = pss_hash_len(hash);
    if (hlen == 0)
        return GLASS_E_HASH_UNSUPPORTED;
    /* 9.1.2 steps 1-2: mHash = Hash(M) comes from the caller */
    if (digest == NULL || digest_len != hlen)
        return GLASS_E_BAD_LENGTH;
    const size_t k = pub->len;
    /* 8.1.2 step 1: the signature is exactly k octets */
    if (sig_len != k)
        return GLASS_E_RSA_VERIFY;
    /* step 2.a-b: s = OS2IP(S); m = RSAVP1((n, e), s), which refuses
     * s >= n ("signature representative out of range") */
    if (glass_rsa_public_raw(pub, sig, sig_len, m, k) != 0)
        return GLASS_E_RSA_VERIFY;
    /* step 2.c: EM = I2OSP(m, emLen) with emLen = ceil((modBits - 1) / 8);
     * when emLen = k - 1 the octet in front must be zero ("integer too
     * large" -> invalid signature) */
    const size_t em_bits = pub->bits - 1;
    const size_t em_len = (em_bits + 7) / 8;
    const size_t off = k - em_len;
    int rc = GLASS_E_RSA_VERIFY;
    if (off == 0 || m[0] == 0)
        /* step 3: Result = EMSA-PSS-VERIFY(M, EM, modBits - 1) */
        rc = emsa_pss_verify(hash, digest, hlen, m + off, em_len, em_bits, salt_len);
    glass_wipe(m, sizeof m);
    /* step 4: "valid signature" only when consistent */
    return rc;
}
