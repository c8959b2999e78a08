/*
 * prf.c — the TLS 1.2 pseudorandom function and the key schedule built on
 * it (glasstls/prf.h).
 *
 *   RFC 5246 section 5    P_hash(secret, seed) = HMAC(secret, A(1) + seed) +
 *                         HMAC(secret, A(2) + seed) + ...,
 *                         A(0) = seed, A(i) = HMAC(secret, A(i-1));
 *                         PRF(secret, label, seed) = P_<hash>(secret, label + seed)
 *   RFC 5246 section 8.1  master_secret
 *   RFC 7627 section 4    extended_master_secret
 *   RFC 5246 section 6.3  key_block
 *   RFC 5246 section 7.4.9  Finished.verify_data
 *
 * TLS 1.2 cipher suites use P_SHA256 (the default) or P_SHA384; P_SHA512
 * is accepted too (the IETF test vectors exercise it).  The label is ASCII
 * without its terminating NUL, exactly as the RFCs spell it.
 */
#include "glasstls/prf.h"
#include "glasstls/hmac.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

#include <string.h>

int glass_tls_prf(glass_hash_id hash,
                  const uint8_t *secret, size_t secret_len,
                  const char *label,
                  const uint8_t *seed1, size_t seed1_len,
                  const uint8_t *seed2, size_t seed2_len,
                  uint8_t *out, size_t out_len)
{
    glass_hmac_ctx keyed, h;
    uint8_t A[GLASS_HASH_MAX_SIZE], block[GLASS_HASH_MAX_SIZE];
    size_t hlen = glass_hash_size(hash);
    size_t label_len;
    int rc;

    if (hash != GLASS_HASH_SHA224 && hash != GLASS_HASH_SHA256 && hash != GLASS_HASH_SHA384 &&
        hash != GLASS_HASH_SHA512)
        return GLASS_E_HASH_UNSUPPORTED;
    if (label == NULL || (secret == NULL && secret_len > 0) ||
        (seed1 == NULL && seed1_len > 0) || (seed2 == NULL && seed2_len > 0) ||
        (out == NULL && out_len > 0))
        return GLASS_E_INVALID_ARG;
    label_len = strlen(label);

    /* HMAC keyed once with the secret; copies of it compute each HMAC. */
    rc = glass_hmac_init(&keyed, hash, secret, secret_len);
    if (rc != GLASS_OK)
        return rc;

    /* A(1) = HMAC(secret, A(0)), A(0) = label + seed. */
    h = keyed;
    glass_hmac_update(&h, label, label_len);
    glass_hmac_update(&h, seed1, seed1_len);
    glass_hmac_update(&h, seed2, seed2_len);
    glass_hmac_final(&h, A);

    while (out_len > 0) {
        size_t n = out_len < hlen ? out_len : hlen;
        /* HMAC(secret, A(i) + label + seed) */
        h = keyed;
        glass_hmac_update(&h, A, hlen);
        glass_hmac_update(&h, label, label_len);
        glass_hmac_update(&h, seed1, seed1_len);
        glass_hmac_update(&h, seed2, seed2_len);
        glass_hmac_final(&h, block);
        memcpy(out, block, n);
        out += n;
        out_len -= n;
        if (out_len > 0) {             /* A(i+1) = HMAC(secret, A(i)) */
            h = keyed;
            glass_hmac_update(&h, A, hlen);
            glass_hmac_final(&h, A);
        }
    }
    glass_wipe(&keyed, sizeof keyed);
    glass_wipe(A, sizeof A);
    glass_wipe(block, sizeof block);
    return GLASS_OK;
}

int glass_master_secret(glass_hash_id hash,
                        const uint8_t *premaster, size_t premaster_len,
                        const uint8_t client_random[GLASS_RANDOM_SIZE],
                        const uint8_t server_random[GLASS_RANDOM_SIZE],
                        uint8_t out[GLASS_MASTER_SECRET_SIZE])
{
    if (client_random == NULL || server_random == NULL)
        return GLASS_E_INVALID_ARG;
    /* 8.1: PRF(pre_master_secret, "master secret",
     *          ClientHello.random + ServerHello.random)[0..47] */
    return glass_tls_prf(hash, premaster, premaster_len, "master secret",
                         client_random, GLASS_RANDOM_SIZE,
                         server_random, GLASS_RANDOM_SIZE,
                         out, GLASS_MASTER_SECRET_SIZE);
}

int glass_extended_master_secret(glass_hash_id hash,
                                 const uint8_t *premaster, size_t premaster_len,
                                 const uint8_t *session_hash, size_t session_hash_len,
                                 uint8_t out[GLASS_MASTER_SECRET_SIZE])
{
    /* RFC 7627 section 4: PRF(pre_master_secret, "extended master secret",
     *                         session_hash)[0..47] */
    return glass_tls_prf(hash, premaster, premaster_len, "extended master secret",
                         session_hash, session_hash_len, NULL, 0,
                         out, GLASS_MASTER_SECRET_SIZE);
}

int glass_key_block(glass_hash_id hash,
                    const uint8_t master[GLASS_MASTER_SECRET_SIZE],
                    const uint8_t client_random[GLASS_RANDOM_SIZE],
                    const uint8_t server_random[GLASS_RANDOM_SIZE],
                    uint8_t *out, size_t out_len)
{
    if (master == NULL || client_random == NULL || server_random == NULL)
        return GLASS_E_INVALID_ARG;
    /* 6.3: PRF(SecurityParameters.master_secret, "key expansion",
     *          SecurityParameters.server_random + SecurityParameters.client_random)
     * — server random first, unlike the master secret. */
    return glass_tls_prf(hash, master, GLASS_MASTER_SECRET_SIZE, "key expansion",
                         server_random, GLASS_RANDOM_SIZE,
                         client_random, GLASS_RANDOM_SIZE,
                         out, out_len);
}

int glass_finished_verify_data(glass_hash_id hash,
                               const uint8_t master[GLASS_MASTER_SECRET_SIZE],
                               int from_client,
                               const uint8_t *handshake_hash, size_t hash_len,
                               uint8_t out[GLASS_VERIFY_DATA_SIZE])
{
    if (master == NULL)
        return GLASS_E_INVALID_ARG;
    /* 7.4.9: PRF(master_secret, finished_label, Hash(handshake_messages))
     *        [0..verify_data_length-1], verify_data_length = 12. */
    return glass_tls_prf(hash, master, GLASS_MASTER_SECRET_SIZE,
                         from_client ? "client finished" : "server finished",
                         handshake_hash, hash_len, NULL, 0,
                         out, GLASS_VERIFY_DATA_SIZE);
}
