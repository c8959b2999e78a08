/*
 * glasstls/drbg.h — HMAC_DRBG (NIST SP 800-90A Rev.1 section 10.1.2) and the
 * random-number hook every glasstls component takes.
 *
 * The default generator is HMAC_DRBG with SHA-256 seeded from the operating
 * system (getrandom()).  Tests seed it deterministically with
 * glass_drbg_instantiate(), which makes whole handshakes reproducible.
 */
#ifndef GLASSTLS_DRBG_H
#define GLASSTLS_DRBG_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* The random-number hook: fill out[0..len) and return 0, or a negative
 * glass_err.  ctx is whatever the hook's owner registered with it. */
typedef int (*glass_rng_fn)(void *ctx, uint8_t *out, size_t len);

/* SP 800-90A Table 2: at most 2^48 generate calls between reseeds. */
#define GLASS_DRBG_RESEED_INTERVAL ((uint64_t)1 << 48)
/* At most 2^19 bits (64 KiB) per generate request. */
#define GLASS_DRBG_MAX_REQUEST 65536u

typedef struct glass_drbg {
    glass_hash_id hash;
    uint8_t  K[GLASS_HASH_MAX_SIZE];
    uint8_t  V[GLASS_HASH_MAX_SIZE];
    uint64_t reseed_counter;
    int      instantiated;
} glass_drbg;

/* Instantiate (10.1.2.3) from caller-supplied entropy, nonce and
 * personalization string (any may be NULL with length 0).  hash is
 * GLASS_HASH_SHA256 (the default elsewhere), SHA384 or SHA512. */
int glass_drbg_instantiate(glass_drbg *d, glass_hash_id hash,
                           const uint8_t *entropy, size_t entropy_len,
                           const uint8_t *nonce, size_t nonce_len,
                           const uint8_t *pers, size_t pers_len);

/* Instantiate with SHA-256 from getrandom(): 32 bytes of entropy and a
 * 16-byte nonce.  pers may be NULL.  GLASS_E_RNG when the OS fails. */
int glass_drbg_instantiate_os(glass_drbg *d, const uint8_t *pers, size_t pers_len);

/* Reseed (10.1.2.4). */
int glass_drbg_reseed(glass_drbg *d, const uint8_t *entropy, size_t entropy_len,
                      const uint8_t *add, size_t add_len);

/* Generate (10.1.2.5): out_len at most GLASS_DRBG_MAX_REQUEST bytes.
 * GLASS_E_DRBG_RESEED when the reseed interval is reached. */
int glass_drbg_generate(glass_drbg *d, uint8_t *out, size_t out_len,
                        const uint8_t *add, size_t add_len);

/* Wipes the state (K, V). */
void glass_drbg_free(glass_drbg *d);

/* A glass_rng_fn over a glass_drbg (ctx is the glass_drbg*).  Requests
 * larger than GLASS_DRBG_MAX_REQUEST are served in pieces. */
int glass_drbg_rng(void *ctx, uint8_t *out, size_t len);

/* Reads len bytes from the operating system (getrandom(2)). */
int glass_os_random(uint8_t *out, size_t len);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_DRBG_H */
