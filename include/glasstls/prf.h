/*
 * glasstls/prf.h — the TLS 1.2 PRF (RFC 5246 section 5) and the key
 * schedule built on it (lib/keys/).
 *
 * All outputs here are secrets: callers glass_wipe() them when done.
 */
#ifndef GLASSTLS_PRF_H
#define GLASSTLS_PRF_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_MASTER_SECRET_SIZE 48
#define GLASS_RANDOM_SIZE        32
#define GLASS_VERIFY_DATA_SIZE   12

/* PRF(secret, label, seed) = P_<hash>(secret, label || seed) with
 * seed = seed1 || seed2 (either part may be NULL with length 0).
 * hash is GLASS_HASH_SHA256 or GLASS_HASH_SHA384 (the TLS 1.2 suites);
 * GLASS_HASH_SHA224 and GLASS_HASH_SHA512 are accepted too (P_hash works
 * with any hash; the IETF PRF test set has P_SHA224 and P_SHA512).  label is a NUL-terminated ASCII
 * string, used without its NUL.  Errors: GLASS_E_HASH_UNSUPPORTED for any
 * other hash, GLASS_E_INVALID_ARG for a NULL label or a NULL pointer with a
 * nonzero length.  The functions below return the same errors. */
int glass_tls_prf(glass_hash_id hash,
                  const uint8_t *secret, size_t secret_len,
                  const char *label,
                  const uint8_t *seed1, size_t seed1_len,
                  const uint8_t *seed2, size_t seed2_len,
                  uint8_t *out, size_t out_len);

/* RFC 5246 section 8.1: PRF(pre_master_secret, "master secret",
 * ClientHello.random + ServerHello.random)[0..47]. */
int glass_master_secret(glass_hash_id hash,
                        const uint8_t *premaster, size_t premaster_len,
                        const uint8_t client_random[GLASS_RANDOM_SIZE],
                        const uint8_t server_random[GLASS_RANDOM_SIZE],
                        uint8_t out[GLASS_MASTER_SECRET_SIZE]);

/* RFC 7627 section 4: PRF(pre_master_secret, "extended master secret",
 * session_hash)[0..47], session_hash = Hash(handshake messages up to and
 * including ClientKeyExchange). */
int glass_extended_master_secret(glass_hash_id hash,
                                 const uint8_t *premaster, size_t premaster_len,
                                 const uint8_t *session_hash, size_t session_hash_len,
                                 uint8_t out[GLASS_MASTER_SECRET_SIZE]);

/* RFC 5246 section 6.3: PRF(master_secret, "key expansion",
 * server_random + client_random) — note the order of the randoms. */
int glass_key_block(glass_hash_id hash,
                    const uint8_t master[GLASS_MASTER_SECRET_SIZE],
                    const uint8_t client_random[GLASS_RANDOM_SIZE],
                    const uint8_t server_random[GLASS_RANDOM_SIZE],
                    uint8_t *out, size_t out_len);

/* RFC 5246 section 7.4.9: PRF(master_secret, finished_label,
 * Hash(handshake_messages))[0..11]; finished_label is "client finished"
 * when from_client is nonzero, else "server finished". */
int glass_finished_verify_data(glass_hash_id hash,
                               const uint8_t master[GLASS_MASTER_SECRET_SIZE],
                               int from_client,
                               const uint8_t *handshake_hash, size_t hash_len,
                               uint8_t out[GLASS_VERIFY_DATA_SIZE]);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_PRF_H */
