/*
 * sha1.c — SHA-1 (FIPS 180-4, August 2015).
 *
 *   section 4.1.1  the functions f_t;  4.2.1  the constants K_t
 *   section 5.1.1  padding (as SHA-256);  5.3.1  initial hash value
 *   section 6.1.2  the compression function (80 rounds)
 *
 * SHA-1 is broken for collisions (SHAttered, 2017).  glasstls keeps it only
 * to verify legacy RSA signatures and for the CAVP HMAC vectors; nothing
 * in the TLS 1.2 suites glasstls offers signs or MACs with it.
 * Plain loop over the 80 rounds: speed does not matter here.
 */
#include "glasstls/sha2.h"
#include "glasstls/ct.h"

#include <string.h>

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static inline uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void sha1_block(uint32_t H[5], const uint8_t *p)
{
    uint32_t W[80];
    uint32_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4];

    /* 6.1.2 step 1: the message schedule. */
    for (int t = 0; t < 16; t++)
        W[t] = load_be32(p + 4 * t);
    for (int t = 16; t < 80; t++)
        W[t] = ROTL(W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16], 1);

    /* 6.1.2 step 3, with f_t and K_t from 4.1.1 / 4.2.1. */
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20)      { f = (b & c) ^ (~b & d);           k = 0x5a827999; } /* Ch */
        else if (t < 40) { f = b ^ c ^ d;                    k = 0x6ed9eba1; } /* Parity */
        else if (t < 60) { f = (b & c) ^ (b & d) ^ (c & d);  k = 0x8f1bbcdc; } /* Maj */
        else             { f = b ^ c ^ d;                    k = 0xca62c1d6; } /* Parity */
        uint32_t T = ROTL(a, 5) + f + e + k + W[t];
        e = d;
        d = c;
        c = ROTL(b, 30);
        b = a;
        a = T;
    }
    /* 6.1.2 step 4 */
    H[0] += a; H[1] += b; H[2] += c; H[3] += d; H[4] += e;
    glass_wipe(W, sizeof W);
}

void glass_sha1_init(glass_sha1_ctx *ctx)
{
    /* 5.3.1 */
    ctx->h[0] = 0x67452301;
    ctx->h[1] = 0xefcdab89;
    ctx->h[2] = 0x98badcfe;
    ctx->h[3] = 0x10325476;
    ctx->h[4] = 0xc3d2e1f0;
    ctx->total = 0;
    ctx->buf_len = 0;
}

void glass_sha1_update(glass_sha1_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;

    if (len == 0)
        return;
    ctx->total += len;
    while (len > 0) {
        if (ctx->buf_len == 0 && len >= 64) {
            sha1_block(ctx->h, p);
            p += 64;
            len -= 64;
            continue;
        }
        size_t take = 64 - ctx->buf_len;
        if (take > len)
            take = len;
        memcpy(ctx->buf + ctx->buf_len, p, take);
        ctx->buf_len += take;
        p += take;
        len -= take;
        if (ctx->buf_len == 64) {
            sha1_block(ctx->h, ctx->buf);
            ctx->buf_len = 0;
        }
    }
}

void glass_sha1_final(glass_sha1_ctx *ctx, uint8_t out[GLASS_SHA1_SIZE])
{
    uint64_t bits = ctx->total * 8;
    size_t n = ctx->buf_len;

    /* 5.1.1 padding, as for SHA-256. */
    ctx->buf[n++] = 0x80;
    if (n > 56) {
        memset(ctx->buf + n, 0, 64 - n);
        sha1_block(ctx->h, ctx->buf);
        n = 0;
    }
    memset(ctx->buf + n, 0, 56 - n);
    store_be32(ctx->buf + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->buf + 60, (uint32_t)bits);
    sha1_block(ctx->h, ctx->buf);
    for (int i = 0; i < 5; i++)
        store_be32(out + 4 * i, ctx->h[i]);
    glass_wipe(ctx, sizeof *ctx);
}

void glass_sha1(const void *data, size_t len, uint8_t out[GLASS_SHA1_SIZE])
{
    glass_sha1_ctx ctx;
    glass_sha1_init(&ctx);
    glass_sha1_update(&ctx, data, len);
    glass_sha1_final(&ctx, out);
}
