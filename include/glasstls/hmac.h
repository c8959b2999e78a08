/*
 * glasstls/hmac.h — HMAC (RFC 2104, FIPS 198-1) over any glasstls hash.
 */
#ifndef GLASSTLS_HMAC_H
#define GLASSTLS_HMAC_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

typedef struct glass_hmac_ctx {
    glass_hash_ctx inner;
    glass_hash_ctx outer;
} glass_hmac_ctx;

/* Keys longer than the hash block are hashed first (RFC 2104 section 2).
 * Returns GLASS_E_HASH_UNSUPPORTED for an unknown hash. */
int  glass_hmac_init(glass_hmac_ctx *ctx, glass_hash_id id,
                     const void *key, size_t key_len);
void glass_hmac_update(glass_hmac_ctx *ctx, const void *data, size_t len);
/* Writes glass_hash_size(id) bytes and wipes the context. */
void glass_hmac_final(glass_hmac_ctx *ctx, uint8_t *out);
int  glass_hmac(glass_hash_id id, const void *key, size_t key_len,
                const void *data, size_t len, uint8_t *out);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_HMAC_H */
