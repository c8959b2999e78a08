/*
 * sigalgs.c — the signature schemes of the handshake: which glasstls
 * offers, which one the server picks, and signing and verifying with it.
 *
 *   rsa_pkcs1_sha256/384/512     0x0401 0x0501 0x0601  RFC 5246 7.4.1.4.1
 *   rsa_pss_rsae_sha256/384/512  0x0804 0x0805 0x0806  RFC 8446 4.2.3
 *
 * A ServerKeyExchange and a client's CertificateVerify are signed with one
 * of them.  PSS (RFC 8017 8.1) uses a salt as long as the hash and MGF1
 * with the same hash, as RFC 8446 4.2.3 defines these values; they apply
 * to TLS 1.2 as well.  SHA-1 and MD5 schemes are never used (RFC 9155).
 */
#include "handshake/suites.h"

#include "glasstls/err.h"

glass_hash_id glass_sigalg_hash(uint16_t sigalg)
{
    switch (sigalg) {
    case GLASS_SIGALG_RSA_SHA256:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA256: return GLASS_HASH_SHA256;
    case GLASS_SIGALG_RSA_SHA384:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA384: return GLASS_HASH_SHA384;
    case GLASS_SIGALG_RSA_SHA512:
    case GLASS_SIGALG_RSA_PSS_RSAE_SHA512: return GLASS_HASH_SHA512;
    default: return GLASS_HASH_NONE;
    }
}

const char *glass_sigalg_name(uint16_t sigalg)
{
    switch (sigalg) {
    case GLASS_SIGALG_RSA_SHA1:   return "rsa_pkcs1_sha1";
    case GLASS_SIGALG_RSA_SHA256: return "rsa_pkcs1_sha256";
    case GLASS_SIGALG_RSA_SHA384: return "rsa_pkcs1_sha384";
    case GLASS_SIGALG_RSA_SHA512: return "rsa_pkcs1_sha512";
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

/* What glasstls offers, most preferred first.  PKCS#1 v1.5 first: its
 * signatures are deterministic, so a handshake between two glasstls peers
 * with fixed random numbers is the same every time (the golden
 * transcripts).  A peer that prefers PSS gets PSS. */
static const uint16_t our_sigalgs[] = {
    GLASS_SIGALG_RSA_SHA256, GLASS_SIGALG_RSA_SHA384, GLASS_SIGALG_RSA_SHA512,
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

uint16_t glass_sigalg_choose_from(const uint16_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (glass_sigalg_offered(list[i]))
            return list[i];
    return 0;
}

/* RFC 5246 section 7.4.1.4.1: the client lists its algorithms in order of
 * preference; the server takes the first one it can sign with (duplicates
 * and values it does not know are passed over).  Without the extension
 * the client is taken to support {sha1, rsa} only — and glasstls does not
 * sign with SHA-1 (RFC 9155), so then there is no usable algorithm. */
uint16_t glass_sigalg_choose(const glass_hello_exts *client_ext)
{
    if (!(client_ext->present & GLASS_EXTBIT_SIGNATURE_ALGORITHMS))
        return 0;
    for (size_t i = 0; i < client_ext->n_sigalgs; i++)
        if (glass_sigalg_hash(client_ext->sigalgs[i]) != GLASS_HASH_NONE)
            return client_ext->sigalgs[i];
    return 0;
}

int glass_sigalg_sign(const glass_rsa_private *key, glass_rng_fn rng, void *rng_ctx,
                      uint16_t sigalg, const uint8_t *digest, size_t digest_len,
                      uint8_t *sig, size_t sig_len)
{
    glass_hash_id h = glass_sigalg_hash(sigalg);
    if (h == GLASS_HASH_NONE)
        return GLASS_E_NO_SIGALG;
    if (glass_sigalg_is_pss(sigalg))
        return glass_rsa_pss_sign(key, rng, rng_ctx, h, digest, digest_len,
                                  glass_hash_size(h), sig, sig_len);
    return glass_rsa_pkcs1_sign(key, rng, rng_ctx, h, digest, digest_len, sig, sig_len);
}

int glass_sigalg_verify(const glass_rsa_public *pub, uint16_t sigalg, const uint8_t *digest,
                        size_t digest_len, const uint8_t *sig, size_t sig_len)
{
    glass_hash_id h = glass_sigalg_hash(sigalg);
    if (h == GLASS_HASH_NONE)
        return GLASS_E_ILLEGAL_PARAMETER;   /* a scheme we did not offer */
    if (glass_sigalg_is_pss(sigalg))
        return glass_rsa_pss_verify(pub, h, digest, digest_len, glass_hash_size(h), sig,
                                    sig_len);
    return glass_rsa_pkcs1_verify(pub, h, digest, digest_len, sig, sig_len);
}
