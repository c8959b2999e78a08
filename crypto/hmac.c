/*
 * hmac.c — HMAC (RFC 2104; FIPS 198-1 "The Keyed-Hash Message
 * Authentication Code", July 2008) over any glasstls hash.
 *
 *   HMAC(K, text) = H((K0 ^ opad) || H((K0 ^ ipad) || text))     (FIPS 198-1 section 4)
 *
 * K0 is the key padded with zeros to the block size B, or H(K) padded when
 * the key is longer than B (RFC 2104 section 2; FIPS 198-1 steps 1-3).
 * ipad = 0x36 repeated, opad = 0x5c repeated.  The context keeps two hash
 * states that have already absorbed the padded keys, so a keyed context may
 * be copied (struct assignment) and reused for several messages.
 */
#include "glasstls/hmac.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

#include <string.h>

int glass_hmac_init(glass_hmac_ctx *ctx, glass_hash_id id, const void *key, size_t key_len)
{
    uint8_t k0[GLASS_HASH_MAX_BLOCK];
    uint8_t pad[GLASS_HASH_MAX_BLOCK];
    size_t B = glass_hash_block_size(id);
    int rc;

    if (B == 0) {
        memset(ctx, 0, sizeof *ctx);
        return GLASS_E_HASH_UNSUPPORTED;
    }
    /* Steps 1-3: K0. */
    memset(k0, 0, sizeof k0);
    if (key_len > B) {
        rc = glass_hash(id, key, key_len, k0);
        if (rc != GLASS_OK)
            return rc;
    } else if (key_len > 0) {
        memcpy(k0, key, key_len);
    }
    /* Steps 4-6: inner hash starts with K0 ^ ipad. */
    for (size_t i = 0; i < B; i++)
        pad[i] = k0[i] ^ 0x36;
    glass_hash_init(&ctx->inner, id);
    glass_hash_update(&ctx->inner, pad, B);
    /* Steps 7-9: outer hash starts with K0 ^ opad. */
    for (size_t i = 0; i < B; i++)
        pad[i] = k0[i] ^ 0x5c;
    glass_hash_init(&ctx->outer, id);
    glass_hash_update(&ctx->outer, pad, B);

    glass_wipe(k0, sizeof k0);
    glass_wipe(pad, sizeof pad);
    return GLASS_OK;
}

void glass_hmac_update(glass_hmac_ctx *ctx, const void *data, size_t len)
{
    glass_hash_update(&ctx->inner, data, len);
}

void glass_hmac_final(glass_hmac_ctx *ctx, uint8_t *out)
{
    uint8_t inner[GLASS_HASH_MAX_SIZE];
    size_t n = glass_hash_size(ctx->inner.id);

    glass_hash_final(&ctx->inner, inner);      /* step 6 */
    glass_hash_update(&ctx->outer, inner, n);  /* steps 8-9 */
    glass_hash_final(&ctx->outer, out);
    glass_wipe(inner, sizeof inner);
    glass_wipe(ctx, sizeof *ctx);
}

int glass_hmac(glass_hash_id id, const void *key, size_t key_len,
               const void *data, size_t len, uint8_t *out)
{
    glass_hmac_ctx ctx;
    int rc = glass_hmac_init(&ctx, id, key, key_len);
    if (rc != GLASS_OK)
        return rc;
    glass_hmac_update(&ctx, data, len);
    glass_hmac_final(&ctx, out);
    return GLASS_OK;
}
