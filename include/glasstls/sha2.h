/*
 * glasstls/sha2.h — SHA-224, SHA-256, SHA-384, SHA-512 (FIPS 180-4) and a small
 * "any hash" interface used by HMAC, the TLS PRF and RSA signatures.
 *
 * Every function accepts data == NULL when len == 0 (it hashes nothing).
 * final() wipes the context; init() must be called again to reuse it.  Contexts are plain
 * structs owned by the caller (no allocation); glass_wipe() them when they
 * held secret data.
 */
#ifndef GLASSTLS_SHA2_H
#define GLASSTLS_SHA2_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_SHA1_SIZE   20
#define GLASS_SHA224_SIZE 28
#define GLASS_SHA256_SIZE 32
#define GLASS_SHA384_SIZE 48
#define GLASS_SHA512_SIZE 64
#define GLASS_HASH_MAX_SIZE  64
#define GLASS_HASH_MAX_BLOCK 128

typedef struct glass_sha256_ctx {
    uint32_t h[8];
    uint64_t total;          /* bytes hashed so far */
    uint8_t  buf[64];
    size_t   buf_len;
} glass_sha256_ctx;

/* SHA-384 and SHA-512 share one context (FIPS 180-4 section 6.4/6.5). */
typedef struct glass_sha512_ctx {
    uint64_t h[8];
    uint64_t total;          /* bytes hashed so far (2^64 bytes is plenty) */
    uint8_t  buf[128];
    size_t   buf_len;
    size_t   out_len;        /* 48 for SHA-384, 64 for SHA-512 */
} glass_sha512_ctx;

/* SHA-256 (FIPS 180-4 sections 5.3.3 and 6.2), streamed: _init, then
 * _update any number of times (data may be NULL when len is 0), then
 * _final, which writes the digest and wipes the context.  The context is
 * the caller's (no allocation); none of these can fail.  glass_sha256()
 * is the one-shot form. */
void glass_sha256_init(glass_sha256_ctx *ctx);
void glass_sha256_update(glass_sha256_ctx *ctx, const void *data, size_t len);
void glass_sha256_final(glass_sha256_ctx *ctx, uint8_t out[GLASS_SHA256_SIZE]);
void glass_sha256(const void *data, size_t len, uint8_t out[GLASS_SHA256_SIZE]);

/* SHA-224 (FIPS 180-4 sections 5.3.2 and 6.3) is SHA-256 with another
 * initial hash value and the digest cut to its first 28 bytes, so it uses
 * the SHA-256 context and update function. */
void glass_sha224_init(glass_sha256_ctx *ctx);
void glass_sha224_update(glass_sha256_ctx *ctx, const void *data, size_t len);
void glass_sha224_final(glass_sha256_ctx *ctx, uint8_t out[GLASS_SHA224_SIZE]);
void glass_sha224(const void *data, size_t len, uint8_t out[GLASS_SHA224_SIZE]);

/* SHA-384 and SHA-512 (FIPS 180-4 sections 5.3.4, 5.3.5, 6.4, 6.5): the
 * same contract as SHA-256 above, over the shared 64-bit context. */
void glass_sha384_init(glass_sha512_ctx *ctx);
void glass_sha384_update(glass_sha512_ctx *ctx, const void *data, size_t len);
void glass_sha384_final(glass_sha512_ctx *ctx, uint8_t out[GLASS_SHA384_SIZE]);
void glass_sha384(const void *data, size_t len, uint8_t out[GLASS_SHA384_SIZE]);


void glass_sha512_init(glass_sha512_ctx *ctx);
void glass_sha512_update(glass_sha512_ctx *ctx, const void *data, size_t len);
void glass_sha512_final(glass_sha512_ctx *ctx, uint8_t out[GLASS_SHA512_SIZE]);
void glass_sha512(const void *data, size_t len, uint8_t out[GLASS_SHA512_SIZE]);

/* SHA-1 (FIPS 180-4 section 6.1): broken for collisions; glasstls uses it
 * only to verify legacy RSA signatures (and to run the CAVP vectors). */
typedef struct glass_sha1_ctx {
    uint32_t h[5];
    uint64_t total;          /* bytes hashed so far */
    uint8_t  buf[64];
    size_t   buf_len;
} glass_sha1_ctx;

/* The same contract as SHA-256 above. */
void glass_sha1_init(glass_sha1_ctx *ctx);
void glass_sha1_update(glass_sha1_ctx *ctx, const void *data, size_t len);
void glass_sha1_final(glass_sha1_ctx *ctx, uint8_t out[GLASS_SHA1_SIZE]);
void glass_sha1(const void *data, size_t len, uint8_t out[GLASS_SHA1_SIZE]);

/* ---- any hash, chosen at run time ---- */

typedef enum glass_hash_id {
    GLASS_HASH_NONE   = 0,
    GLASS_HASH_SHA1   = 1,   /* legacy: verifying old signatures only */
    GLASS_HASH_SHA256 = 2,
    GLASS_HASH_SHA384 = 3,
    GLASS_HASH_SHA512 = 4,
    GLASS_HASH_SHA224 = 5,   /* no TLS 1.2 suite uses it; for the vectors and old signatures */
} glass_hash_id;

typedef struct glass_hash_ctx {
    glass_hash_id id;
    union {
        glass_sha256_ctx sha256;
        glass_sha512_ctx sha512;
        glass_sha1_ctx   sha1;
        uint8_t          other[224]; /* room for SHA-1 or future hashes */
    } u;
} glass_hash_ctx;

/* Digest size in bytes, or 0 for an unknown id. */
size_t glass_hash_size(glass_hash_id id);
/* Block size in bytes (64 or 128), or 0 for an unknown id. */
size_t glass_hash_block_size(glass_hash_id id);
/* "SHA-256" etc., or "unknown". */
const char *glass_hash_name(glass_hash_id id);

/* Returns GLASS_E_HASH_UNSUPPORTED for an unknown or unimplemented id. */
int  glass_hash_init(glass_hash_ctx *ctx, glass_hash_id id);
void glass_hash_update(glass_hash_ctx *ctx, const void *data, size_t len);
/* Writes glass_hash_size(ctx->id) bytes. */
void glass_hash_final(glass_hash_ctx *ctx, uint8_t *out);
int  glass_hash(glass_hash_id id, const void *data, size_t len, uint8_t *out);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_SHA2_H */
