/*
 * hash.c — "any hash, chosen at run time" (glasstls/sha2.h): one switch
 * per operation over SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512, so HMAC, the
 * TLS PRF, HMAC_DRBG and RSA signatures are written once for all of them.
 * Sizes from FIPS 180-4 section 1, Figure 1.
 */
#include "glasstls/sha2.h"
#include "glasstls/err.h"
#include "glasstls/ct.h"

size_t glass_hash_size(glass_hash_id id)
{
    switch (id) {
    case GLASS_HASH_SHA1:   return GLASS_SHA1_SIZE;
    case GLASS_HASH_SHA224: return GLASS_SHA224_SIZE;
    case GLASS_HASH_SHA256: return GLASS_SHA256_SIZE;
    case GLASS_HASH_SHA384: return GLASS_SHA384_SIZE;
    case GLASS_HASH_SHA512: return GLASS_SHA512_SIZE;
    default:                return 0;
    }
}

size_t glass_hash_block_size(glass_hash_id id)
{
    switch (id) {
    case GLASS_HASH_SHA1:
    case GLASS_HASH_SHA224:
    case GLASS_HASH_SHA256: return 64;
    case GLASS_HASH_SHA384:
    case GLASS_HASH_SHA512: return 128;
    default:                return 0;
    }
}

const char *glass_hash_name(glass_hash_id id)
{
    switch (id) {
    case GLASS_HASH_SHA1:   return "SHA-1";
    case GLASS_HASH_SHA224: return "SHA-224";
    case GLASS_HASH_SHA256: return "SHA-256";
    case GLASS_HASH_SHA384: return "SHA-384";
    case GLASS_HASH_SHA512: return "SHA-512";
    default:                return "unknown";
    }
}

int glass_hash_init(glass_hash_ctx *ctx, glass_hash_id id)
{
    ctx->id = id;
    switch (id) {
    case GLASS_HASH_SHA1:   glass_sha1_init(&ctx->u.sha1);     return GLASS_OK;
    case GLASS_HASH_SHA224: glass_sha224_init(&ctx->u.sha256); return GLASS_OK;
    case GLASS_HASH_SHA256: glass_sha256_init(&ctx->u.sha256); return GLASS_OK;
    case GLASS_HASH_SHA384: glass_sha384_init(&ctx->u.sha512); return GLASS_OK;
    case GLASS_HASH_SHA512: glass_sha512_init(&ctx->u.sha512); return GLASS_OK;
    default:
        ctx->id = GLASS_HASH_NONE;
        return GLASS_E_HASH_UNSUPPORTED;
    }
}

/* A context whose init failed (id NONE) ignores updates and final writes
 * nothing: glass_hash_size(GLASS_HASH_NONE) is 0. */
void glass_hash_update(glass_hash_ctx *ctx, const void *data, size_t len)
{
    switch (ctx->id) {
    case GLASS_HASH_SHA1:   glass_sha1_update(&ctx->u.sha1, data, len);     break;
    case GLASS_HASH_SHA224: glass_sha224_update(&ctx->u.sha256, data, len); break;
    case GLASS_HASH_SHA256: glass_sha256_update(&ctx->u.sha256, data, len); break;
    case GLASS_HASH_SHA384: glass_sha384_update(&ctx->u.sha512, data, len); break;
    case GLASS_HASH_SHA512: glass_sha512_update(&ctx->u.sha512, data, len); break;
    default: break;
    }
}

void glass_hash_final(glass_hash_ctx *ctx, uint8_t *out)
{
    switch (ctx->id) {
    case GLASS_HASH_SHA1:   glass_sha1_final(&ctx->u.sha1, out);     break;
    case GLASS_HASH_SHA224: glass_sha224_final(&ctx->u.sha256, out); break;
    case GLASS_HASH_SHA256: glass_sha256_final(&ctx->u.sha256, out); break;
    case GLASS_HASH_SHA384: glass_sha384_final(&ctx->u.sha512, out); break;
    case GLASS_HASH_SHA512: glass_sha512_final(&ctx->u.sha512, out); break;
    default: break;
    }
    glass_wipe(ctx, sizeof *ctx);
}

int glass_hash(glass_hash_id id, const void *data, size_t len, uint8_t *out)
{
    glass_hash_ctx ctx;
    int rc = glass_hash_init(&ctx, id);
    if (rc != GLASS_OK)
        return rc;
    glass_hash_update(&ctx, data, len);
    glass_hash_final(&ctx, out);
    return GLASS_OK;
}
