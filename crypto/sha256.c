/*
 * sha256.c — SHA-256 and SHA-224 (FIPS 180-4, "Secure Hash Standard",
 * August 2015).
 *
 *   section 4.1.2  the functions Ch, Maj, Sigma0/1, sigma0/1
 *   section 4.2.2  the 64 constants K
 *   section 5.1.1  padding;  section 5.3.3  the initial hash value
 *   section 6.2.2  the compression function (message schedule + 64 rounds)
 *   section 5.3.2 and 6.3  SHA-224: another initial value, the same
 *                  compression, the digest cut to its first 224 bits
 *
 * The portable compression function below is the reference loop of 6.2.2
 * written as eight rounds per macro step so the compiler can keep the
 * working variables a..h in registers without shuffling them each round
 * (the variables "rotate" by renaming instead of by copying).  On x86-64
 * CPUs with the SHA extensions a second implementation is chosen at run
 * time (sha256_x86.c); both give the same result and the tests run both.
 *
 * No data-dependent branches or table indices: SHA-256 is naturally
 * constant-time, so it is safe on secrets (HMAC keys, premaster secrets).
 */
#include "glasstls/sha2.h"
#include "glasstls/ct.h"

#include <string.h>

#include "cpu.h"
#include "sha256_impl.h"

/* 4.2.2: first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes. */
const uint32_t glass_sha256_K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

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

/* 3.2 / 4.1.2: rotate right, and the six logical functions. */
#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
/* Ch and Maj in forms with fewer operations, equal bit by bit to 4.2/4.3:
 * Ch(x,y,z) = (x & y) ^ (~x & z) = ((y ^ z) & x) ^ z  (x picks y or z),
 * Maj(x,y,z) = (x & y) ^ (x & z) ^ (y & z) = ((x ^ y) & (y ^ z)) ^ y. */
#define CH(x, y, z)  ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) ((((x) ^ (y)) & ((y) ^ (z))) ^ (y))
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))   /* Sigma0 */
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))   /* Sigma1 */
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))    /* sigma0 */
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))  /* sigma1 */

/* 6.2.2 step 1: W[t] for t >= 16, kept in a 16-word ring (W[t mod 16]). */
#define SCHED(t) \
    (W[(t) & 15] += SSIG1(W[((t) - 2) & 15]) + W[((t) - 7) & 15] + SSIG0(W[((t) - 15) & 15]))

/* 6.2.2 step 3, one round, with the variables passed in their current
 * roles: T1 = h + Sigma1(e) + Ch(e,f,g) + K[t] + W[t]; d += T1;
 * h = T1 + Sigma0(a) + Maj(a,b,c).  The next round names them shifted. */
#define ROUND(a, b, c, d, e, f, g, h, t, w) do { \
        uint32_t T1_ = (h) + BSIG1(e) + CH(e, f, g) + glass_sha256_K[t] + (w); \
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

#define W_PLAIN(t) W[(t) & 15]

/* Compresses nblocks consecutive 64-byte blocks into state[8]. */
void glass_sha256_blocks_portable(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    uint32_t W[16];

    while (nblocks-- > 0) {
        /* 6.2.2 step 2: initialise the working variables. */
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

        /* 6.2.2 step 1, t = 0..15: the message words, big-endian (3.1). */
        for (int t = 0; t < 16; t++)
            W[t] = load_be32(p + 4 * t);

        /* 6.2.2 step 3, t = 0..63, the schedule computed along the way. */
        EIGHT_ROUNDS(0, W_PLAIN);
        EIGHT_ROUNDS(8, W_PLAIN);
        EIGHT_ROUNDS(16, SCHED);
        EIGHT_ROUNDS(24, SCHED);
        EIGHT_ROUNDS(32, SCHED);
        EIGHT_ROUNDS(40, SCHED);
        EIGHT_ROUNDS(48, SCHED);
        EIGHT_ROUNDS(56, SCHED);

        /* 6.2.2 step 4: the intermediate hash value. */
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
        p += 64;
    }
    glass_wipe(W, sizeof W);
}

/* Chooses the compression function: SHA-NI when the switch is on
 * (glass_crypto_set_hw, GLASS_NO_ASM) and the CPU has it, else C. */
static void sha256_blocks(uint32_t state[8], const uint8_t *p, size_t nblocks)
{
    if (glass_crypto_hw_enabled() && glass_cpu_has_shani())
        glass_sha256_blocks_shani(state, p, nblocks);
    else
        glass_sha256_blocks_portable(state, p, nblocks);
}

/* An empty message from the initial hash value H0 (SHA-256 or SHA-224). */
static void sha256_start(glass_sha256_ctx *ctx, const uint32_t H0[8])
{
    memcpy(ctx->h, H0, 8 * sizeof H0[0]);
    ctx->total = 0;
    ctx->buf_len = 0;
}

void glass_sha256_init(glass_sha256_ctx *ctx)
{
    /* 5.3.3: fractional parts of the square roots of the first 8 primes. */
    static const uint32_t H0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    sha256_start(ctx, H0);
}

void glass_sha256_update(glass_sha256_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;

    if (len == 0)
        return;                     /* data may be NULL here */
    ctx->total += len;
    /* Top up a partial block first. */
    if (ctx->buf_len > 0) {
        size_t take = 64 - ctx->buf_len;
        if (take > len)
            take = len;
        memcpy(ctx->buf + ctx->buf_len, p, take);
        ctx->buf_len += take;
        p += take;
        len -= take;
        if (ctx->buf_len < 64)
            return;
        sha256_blocks(ctx->h, ctx->buf, 1);
        ctx->buf_len = 0;
    }
    /* Whole blocks straight from the caller's buffer. */
    if (len >= 64) {
        size_t n = len / 64;
        sha256_blocks(ctx->h, p, n);
        p += n * 64;
        len -= n * 64;
    }
    if (len > 0) {
        memcpy(ctx->buf, p, len);
        ctx->buf_len = len;
    }
}

void glass_sha256_final(glass_sha256_ctx *ctx, uint8_t out[GLASS_SHA256_SIZE])
{
    uint64_t bits = ctx->total * 8;
    size_t n = ctx->buf_len;

    /* 5.1.1: append the bit "1", then zeros up to 56 mod 64 bytes, then
     * the message length in bits as a 64-bit big-endian number. */
    ctx->buf[n++] = 0x80;
    if (n > 56) {
        memset(ctx->buf + n, 0, 64 - n);
        sha256_blocks(ctx->h, ctx->buf, 1);
        n = 0;
    }
    memset(ctx->buf + n, 0, 56 - n);
    store_be32(ctx->buf + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->buf + 60, (uint32_t)bits);
    sha256_blocks(ctx->h, ctx->buf, 1);

    /* 6.2.2: the digest is H0..H7, big-endian. */
    for (int i = 0; i < 8; i++)
        store_be32(out + 4 * i, ctx->h[i]);
    glass_wipe(ctx, sizeof *ctx);
}

void glass_sha256(const void *data, size_t len, uint8_t out[GLASS_SHA256_SIZE])
{
    glass_sha256_ctx ctx;
    glass_sha256_init(&ctx);
    glass_sha256_update(&ctx, data, len);
    glass_sha256_final(&ctx, out);
}

/* ---- SHA-224 (FIPS 180-4 section 6.3) ---- */

void glass_sha224_init(glass_sha256_ctx *ctx)
{
    /* 5.3.2: the second 32 bits of the fractional parts of the square
     * roots of the 9th through 16th primes (23 .. 53). */
    static const uint32_t H0[8] = {
        0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
        0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
    };
    sha256_start(ctx, H0);
}

void glass_sha224_update(glass_sha256_ctx *ctx, const void *data, size_t len)
{
    glass_sha256_update(ctx, data, len);     /* 6.3: the SHA-256 steps */
}

void glass_sha224_final(glass_sha256_ctx *ctx, uint8_t out[GLASS_SHA224_SIZE])
{
    uint8_t full[GLASS_SHA256_SIZE];
    glass_sha256_final(ctx, full);           /* padding and last blocks as SHA-256 */
    memcpy(out, full, GLASS_SHA224_SIZE);    /* 6.3: the left-most 224 bits, H0..H6 */
    glass_wipe(full, sizeof full);
}

void glass_sha224(const void *data, size_t len, uint8_t out[GLASS_SHA224_SIZE])
{
    glass_sha256_ctx ctx;
    glass_sha224_init(&ctx);
    glass_sha224_update(&ctx, data, len);
    glass_sha224_final(&ctx, out);
}
