/*
 * sha512.c — SHA-512 and SHA-384 (FIPS 180-4, August 2015).
 *
 *   section 4.1.3  the functions (on 64-bit words)
 *   section 4.2.3  the 80 constants K
 *   section 5.1.2  padding (128-byte blocks, 128-bit length)
 *   section 5.3.4  SHA-384 initial value;  5.3.5  SHA-512 initial value
 *   section 6.4.2  the compression function (80 rounds)
 *   section 6.5    SHA-384 = SHA-512 with other H(0), output truncated to 384 bits
 *
 * Written like sha256.c: eight rounds per macro step, variables renamed
 * instead of copied, message schedule in a 16-word ring.  Constant-time.
 */
#include "glasstls/sha2.h"
#include "glasstls/ct.h"

#include <string.h>

/* 4.2.3: first 64 bits of the fractional parts of the cube roots of the
 * first 80 primes. */
static const uint64_t K512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

/* 4.1.3 */
#define ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
/* Ch and Maj rewritten with fewer operations (equal bit by bit; see sha256.c). */
#define CH(x, y, z)  ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) ((((x) ^ (y)) & ((y) ^ (z))) ^ (y))
#define BSIG0(x) (ROTR(x, 28) ^ ROTR(x, 34) ^ ROTR(x, 39))
#define BSIG1(x) (ROTR(x, 14) ^ ROTR(x, 18) ^ ROTR(x, 41))
#define SSIG0(x) (ROTR(x, 1) ^ ROTR(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (ROTR(x, 19) ^ ROTR(x, 61) ^ ((x) >> 6))

/* 6.4.2 step 1 for t >= 16, in a 16-word ring. */
#define SCHED(t) \
    (W[(t) & 15] += SSIG1(W[((t) - 2) & 15]) + W[((t) - 7) & 15] + SSIG0(W[((t) - 15) & 15]))
#define W_PLAIN(t) W[(t) & 15]

/* 6.4.2 step 3, one round (see sha256.c for the renaming trick). */
#define ROUND(a, b, c, d, e, f, g, h, t, w) do { \
        uint64_t T1_ = (h) + BSIG1(e) + CH(e, f, g) + K512[t] + (w); \
        (d) += T1_; \
        (h) = T1_ + BSIG0(a) + MAJ(a, b, c); \
    } while (0)

#define EIGHT_ROUNDS(t, WEXPR) do { \
        ROUND(a, b, c, d, e, f, g, h, (t) + 0, WEXPR((t) + 0)); \
        ROUND(h, a, b, c, d, e, f, g, (t) + 1, WEXPR((t) + 1)); \
        ROUND(g, h, a, b, c, d, e, f, (t) + 2, WEXPR((t) + 2)); \
        ROUND(f, g, h, a, b, c, d, e, (t) + 3, WEXPR((t) + 3)); \
        ROUND(e, f, g, h, a, b, c, d, (t) + 4, WEXPR((t) + 4)); \
        ROUND(d, e, f, g, h, a, b, c, (t) + 5, WEXPR((t) + 5)); \
        ROUND(c, d, e, f, g, h, a, b, (t) + 6, WEXPR((t) + 6)); \
        ROUND(b, c, d, e, f, g, h, a, (t) + 7, WEXPR((t) + 7)); \
    } while (0)

static void sha512_blocks(uint64_t state[8], const uint8_t *p, size_t nblocks)
{
    uint64_t W[16];

    while (nblocks-- > 0) {
        uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint64_t e = state[4], f = state[5], g = state[6], h = state[7];

        for (int t = 0; t < 16; t++)
            W[t] = load_be64(p + 8 * t);
        EIGHT_ROUNDS(0, W_PLAIN);
        EIGHT_ROUNDS(8, W_PLAIN);
        EIGHT_ROUNDS(16, SCHED);
        EIGHT_ROUNDS(24, SCHED);
        EIGHT_ROUNDS(32, SCHED);
        EIGHT_ROUNDS(40, SCHED);
        EIGHT_ROUNDS(48, SCHED);
        EIGHT_ROUNDS(56, SCHED);
        EIGHT_ROUNDS(64, SCHED);
        EIGHT_ROUNDS(72, SCHED);
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
        p += 128;
    }
    glass_wipe(W, sizeof W);
}

static void sha512_start(glass_sha512_ctx *ctx, const uint64_t H0[8], size_t out_len)
{
    memcpy(ctx->h, H0, 8 * sizeof H0[0]);
    ctx->total = 0;
    ctx->buf_len = 0;
    ctx->out_len = out_len;
}

static void sha512_update(glass_sha512_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;

    if (len == 0)
        return;                     /* data may be NULL here */
    ctx->total += len;
    if (ctx->buf_len > 0) {
        size_t take = 128 - ctx->buf_len;
        if (take > len)
            take = len;
        memcpy(ctx->buf + ctx->buf_len, p, take);
        ctx->buf_len += take;
        p += take;
        len -= take;
        if (ctx->buf_len < 128)
            return;
        sha512_blocks(ctx->h, ctx->buf, 1);
        ctx->buf_len = 0;
    }
    if (len >= 128) {
        size_t n = len / 128;
        sha512_blocks(ctx->h, p, n);
        p += n * 128;
        len -= n * 128;
    }
    if (len > 0) {
        memcpy(ctx->buf, p, len);
        ctx->buf_len = len;
    }
}

static void sha512_finish(glass_sha512_ctx *ctx, uint8_t *out)
{
    size_t n = ctx->buf_len;
    size_t out_len = ctx->out_len;

    /* 5.1.2: "1" bit, zeros to 112 mod 128 bytes, then the length in bits
     * as a 128-bit big-endian number (its top 64 bits: total >> 61). */
    ctx->buf[n++] = 0x80;
    if (n > 112) {
        memset(ctx->buf + n, 0, 128 - n);
        sha512_blocks(ctx->h, ctx->buf, 1);
        n = 0;
    }
    memset(ctx->buf + n, 0, 112 - n);
    store_be64(ctx->buf + 112, ctx->total >> 61);
    store_be64(ctx->buf + 120, ctx->total << 3);
    sha512_blocks(ctx->h, ctx->buf, 1);

    /* 6.4.2 / 6.5: H0..H7 big-endian, truncated to 48 bytes for SHA-384. */
    for (size_t i = 0; i < out_len / 8; i++)
        store_be64(out + 8 * i, ctx->h[i]);
    glass_wipe(ctx, sizeof *ctx);
}

/* 5.3.5 */
static const uint64_t H0_512[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
/* 5.3.4 */
static const uint64_t H0_384[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

void glass_sha512_init(glass_sha512_ctx *ctx) { sha512_start(ctx, H0_512, GLASS_SHA512_SIZE); }
void glass_sha384_init(glass_sha512_ctx *ctx) { sha512_start(ctx, H0_384, GLASS_SHA384_SIZE); }

void glass_sha512_update(glass_sha512_ctx *ctx, const void *data, size_t len)
{
    sha512_update(ctx, data, len);
}

void glass_sha384_update(glass_sha512_ctx *ctx, const void *data, size_t len)
{
    sha512_update(ctx, data, len);
}

void glass_sha512_final(glass_sha512_ctx *ctx, uint8_t out[GLASS_SHA512_SIZE])
{
    sha512_finish(ctx, out);
}

void glass_sha384_final(glass_sha512_ctx *ctx, uint8_t out[GLASS_SHA384_SIZE])
{
    sha512_finish(ctx, out);
}

void glass_sha512(const void *data, size_t len, uint8_t out[GLASS_SHA512_SIZE])
{
    glass_sha512_ctx ctx;
    glass_sha512_init(&ctx);
    sha512_update(&ctx, data, len);
    sha512_finish(&ctx, out);
}

void glass_sha384(const void *data, size_t len, uint8_t out[GLASS_SHA384_SIZE])
{
    glass_sha512_ctx ctx;
    glass_sha384_init(&ctx);
    sha512_update(&ctx, data, len);
    sha512_finish(&ctx, out);
}
