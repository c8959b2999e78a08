/*
 * sigalgs.c — the signature schemes of the handshake: which glasstls
 * offers, which one the server picks, and signing and verifying with it.
 *
 *   rsa_pkcs1_sha256/384/512     0x0401 0x0501 0x0601  RFC 5246 7.4.1.4.1
 *   ecdsa with SHA-256/384/512   0x0403 0x0503 0x0603  RFC 8422 5.1.3
 *   rsa_pss_rsae_sha256/384/512  0x0804 0x0805 0x0806  RFC 8446 4.2.3
 *
 * A ServerKeyExchange and a client's CertificateVerify are signed with one
 * of them, by a key of either type (glass_sign_key), and verified with the
 * certificate's key of either type (glass_public_key).  PSS (RFC 8017 8.1)
 * uses a salt as long as the hash and MGF1 with the same hash, as RFC 8446
 * 4.2.3 defines these values; they apply to TLS 1.2 as well.  An ECDSA
 * signature is the DER Ecdsa-Sig-Value (RFC 8422 section 5.4), its nonce
 * from RFC 6979.  In TLS 1.2 an ecdsa scheme names the hash only: the
 * curve is the key's (RFC 8446 binds the two; TLS 1.2 does not).  SHA-1
 * and MD5 schemes are never used (RFC 9155).
 */
#include "handshake/suites.h"

#include <string.h>
#include "glasstls/err.h"

glass_hash_id glass_sigalg_hash(uint16_t sigalg)
{
    switch (sigalg) {
    case GLASS_SIGALG_RSA_SHA256:
    case GLASS_SIGALG_ECDSA_SHA256:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA256: return GLASS_HASH_SHA256;
    case GLASS_SIGALG_RSA_SHA384:
    case GLASS_SIGALG_ECDSA_SHA384:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA384: return GLASS_HASH_SHA384;
    case GLASS_SIGALG_RSA_SHA512:
    case GLASS_SIGALG_ECDSA_SHA512:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA512: return GLASS_HASH_SHA512;
    default: return GLASS_HASH_NONE;
    }
}

glass_key_type glass_sigalg_key_type(uint16_t sigalg)
{
    if (glass_sigalg_hash(sigalg) == GLASS_HASH_NONE)
        return GLASS_KEY_NONE;
    return (sigalg & 0xff) == 0x03 ? GLASS_KEY_EC : GLASS_KEY_RSA;   /* ecdsa(3) */
}

const char *glass_sigalg_name(uint16_t sigalg)
{
    switch (sigalg) {
    case GLASS_SIGALG_RSA_SHA1:   return "rsa_pkcs1_sha1";
    case GLASS_SIGALG_RSA_SHA256: return "rsa_pkcs1_sha256";
    case GLASS_SIGALG_RSA_SHA384: return "rsa_pkcs1_sha384";
    case GLASS_SIGALG_RSA_SHA512: return "rsa_pkcs1_sha512";
    case GLASS_SIGALG_ECDSA_SHA256: return "ecdsa_secp256r1_sha256";
    case GLASS_SIGALG_ECDSA_SHA384: return "ecdsa_secp384r1_sha384";
    case GLASS_SIGALG_ECDSA_SHA512: return "ecdsa_secp521r1_sha512";
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA256: return "rsa_pss_rsae_sha256";
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA384: return "rsa_pss_rsae_sha384";
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA512: return "rsa_pss_rsae_sha512";
    default: return "unknown";
    }
}

int glass_sigalg_is_pss(uint16_t sigalg)
{
    return sigalg == GLASS_SIGALG_RSA_PSS_RSAE_SHA256 ||
           sigalg == GLASS_SIGALG_RSA_PSS_RSAE_SHA384 ||
           sigalg == GLASS_SIGALG_RSA_PSS_RSAE_SHA512;
}

/* What glasstls offers, most preferred first.  PKCS#1 v1.5 before PSS:
 * its signatures are deterministic, so a handshake between two glasstls
 * peers with fixed random numbers is the same every time (the golden
 * transcripts); so are ECDSA's (RFC 6979).  A peer that prefers PSS gets
 * PSS.  A server picks among the schemes of its own key's type only, so
 * the interleaving only orders hashes. */
static const uint16_t our_sigalgs[] = {
    GLASS_SIGALG_RSA_SHA256, GLASS_SIGALG_ECDSA_SHA256,
    GLASS_SIGALG_RSA_SHA384, GLASS_SIGALG_ECDSA_SHA384,
    GLASS_SIGALG_RSA_SHA512, GLASS_SIGALG_ECDSA_SHA512,
    GLASS_SIGALG_RSA_PSS_RSAE_SHA256, GLASS_SIGALG_RSA_PSS_RSAE_SHA384,
    GLASS_SIGALG_RSA_PSS_RSAE_SHA512,
};

size_t glass_sigalgs_ours(uint16_t *out, size_t cap)
{
    size_t n = sizeof our_sigalgs / sizeof our_sigalgs[0];
    if (n > cap)
        n = cap;
    for (size_t i = 0; i < n; i++)
        out[i] = our_sigalgs[i];
    return n;
}

int glass_sigalg_offered(uint16_t sigalg)
{
    for (size_t i = 0; i < sizeof our_sigalgs / sizeof our_sigalgs[0]; i++)
        if (our_sigalgs[i] == sigalg)
            return 1;
    return 0;
}

/* The ecdsa scheme whose hash matches the curve (RFC 8446 4.2.3 names
 * them so), or 0. */
uint16_t glass_sigalg_for_curve(glass_ec_curve curve)
{
    return curve == GLASS_EC_P256 ? GLASS_SIGALG_ECDSA_SHA256
         : curve == GLASS_EC_P384 ? GLASS_SIGALG_ECDSA_SHA384 : 0;
}

uint16_t glass_sigalg_choose_from(const uint16_t *list, size_t n, const glass_sign_key *key)
{
    uint16_t want = key->type == GLASS_KEY_EC ? glass_sigalg_for_curve(key->ec->curve) : 0;
    for (size_t i = 0; i < n; i++) {
        if (!glass_sigalg_offered(list[i]) || glass_sigalg_key_type(list[i]) != key->type)
            continue;
        if (key->type == GLASS_KEY_RSA || list[i] == want)
            return list[i];
    }
    return 0;
}

/* RFC 5246 section 7.4.1.4.1: the client lists its algorithms in order of
 * preference; the server takes one it can sign with (duplicates and values
 * it does not know are passed over).  Without the extension the client is
 * taken to support {sha1, rsa} / {sha1, ecdsa} only — and glasstls does
 * not sign with SHA-1 (RFC 9155), so then there is no usable algorithm.
 * For an EC key the scheme whose hash matches the curve comes first, as
 * RFC 8446 would have it; otherwise the client's order decides. */
uint16_t glass_sigalg_choose(const glass_hello_exts *client_ext, glass_key_type type,
                             glass_ec_curve curve)
{
    if (!(client_ext->present & GLASS_EXTBIT_SIGNATURE_ALGORITHMS) || type == GLASS_KEY_NONE)
        return 0;
    if (type == GLASS_KEY_EC) {
        uint16_t matched = glass_sigalg_for_curve(curve);
        for (size_t i = 0; matched != 0 && i < client_ext->n_sigalgs; i++)
            if (client_ext->sigalgs[i] == matched)
                return matched;
    }
    for (size_t i = 0; i < client_ext->n_sigalgs; i++)
        if (glass_sigalg_key_type(client_ext->sigalgs[i]) == type)
            return client_ext->sigalgs[i];
    return 0;
}

glass_sign_key glass_sign_key_of(const glass_private_key *key)
{
    glass_sign_key k;
    memset(&k, 0, sizeof k);
    if (key != NULL && key->type == GLASS_KEY_RSA) {
        k.type = GLASS_KEY_RSA;
        k.rsa = &key->u.rsa;
    } else if (key != NULL && key->type == GLASS_KEY_EC) {
        k.type = GLASS_KEY_EC;
        k.ec = &key->u.ec;
    }
    return k;
}

glass_sign_key glass_sign_key_rsa(const glass_rsa_private *rsa)
{
    glass_sign_key k;
    memset(&k, 0, sizeof k);
    if (rsa != NULL) {
        k.type = GLASS_KEY_RSA;
        k.rsa = rsa;
    }
    return k;
}

int glass_sigalg_sign(const glass_sign_key *key, glass_rng_fn rng, void *rng_ctx,
                      uint16_t sigalg, const uint8_t *digest, size_t digest_len,
                      uint8_t *sig, size_t cap, size_t *sig_len)
{
    glass_hash_id h = glass_sigalg_hash(sigalg);
    if (h == GLASS_HASH_NONE || key == NULL || glass_sigalg_key_type(sigalg) != key->type)
        return GLASS_E_NO_SIGALG;
    *sig_len = 0;
    if (key->type == GLASS_KEY_EC)   /* deterministic: no random numbers */
        return glass_ecdsa_sign_der(key->ec, h, digest, digest_len, sig, cap, sig_len);
    size_t k = glass_rsa_size(&key->rsa->pub);
    if (k > cap)
        return GLASS_E_BUFFER_TOO_SMALL;
    int err;
    if (glass_sigalg_is_pss(sigalg))
        err = glass_rsa_pss_sign(key->rsa, rng, rng_ctx, h, digest, digest_len,
                                 glass_hash_size(h), sig, k);
    else
        err = glass_rsa_pkcs1_sign(key->rsa, rng, rng_ctx, h, digest, digest_len, sig, k);
    if (err == 0)
        *sig_len = k;
    return err;
}

int glass_sigalg_verify(const glass_public_key *pub, uint16_t sigalg, const uint8_t *digest,
                        size_t digest_len, const uint8_t *sig, size_t sig_len)
{
    glass_hash_id h = glass_sigalg_hash(sigalg);
    if (h == GLASS_HASH_NONE || glass_sigalg_key_type(sigalg) != pub->type)
        return GLASS_E_ILLEGAL_PARAMETER;   /* a scheme we did not offer, or not this key's */
    if (pub->type == GLASS_KEY_EC)
        return glass_ecdsa_verify_der(&pub->u.ec, digest, digest_len, sig, sig_len);
    if (glass_sigalg_is_pss(sigalg))
        return glass_rsa_pss_verify(&pub->u.rsa, h, digest, digest_len, glass_hash_size(h),
                                    sig, sig_len);
    return glass_rsa_pkcs1_verify(&pub->u.rsa, h, digest, digest_len, sig, sig_len);
}
