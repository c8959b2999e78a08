/*
 * gcm_x86.c — the bulk of AES-GCM (NIST SP 800-38D) with AES-NI and
 * PCLMULQDQ on x86-64: counter-mode encryption of eight blocks at a time,
 * and GHASH with carry-less multiplication (Gueron and Kounavis, "Intel
 * Carry-Less Multiplication Instruction and its Usage for Computing the GCM
 * Mode", Intel white paper 323640, rev. 2.02, 2014).
 *
 * Why eight: an AESENC takes several cycles to produce its result but the
 * CPU can start a new one every cycle, so eight independent blocks keep the
 * unit busy.  GHASH is aggregated the same way (the white paper's
 * "aggregated reduction"): for eight blocks X1..X8,
 *     Y' = (Y ^ X1)*H^8 ^ X2*H^7 ^ ... ^ X8*H
 * so the eight products are summed unreduced and reduced once.
 *
 * Blocks are byte-reversed on load, so a register holds the block as a
 * 128-bit integer whose bit 127-i is the coefficient of x^i (the same
 * "reflected" representation as ghash.c, whose comment explains the
 * one-bit shift and the reduction used here too).
 */
#include "glasstls/ct.h"
#include "aes_internal.h"

#if GLASS_CPU_X86_64
#include "ghash_x86.h"

HW void glass_gcm_hw_init(glass_gcm *g)
{
    __m128i *t = (__m128i *)(void *)g->hw_table;
    __m128i h = bswap128(loadu(g->H)), p = h;
    for (int i = 0; i < 16; i++) {
        t[i] = p;
        t[16 + i] = karakey(p);
        p = gfmul(p, h);
    }
    /* the 16-block loop of gcm_vaes.c, chosen with this key (cpu.h) */
    g->wide = glass_crypto_hw_enabled() && glass_cpu_has_vaes();
}

void glass_gcm_hw_set_wide(glass_gcm *g, int on)
{
    g->wide = on && g->aes.hw && glass_cpu_has_vaes();
}

/* Y' = (Y ^ X1)*H^n ^ X2*H^(n-1) ^ ... ^ Xn*H, n <= 8, x reflected. */
static inline HW __m128i ghash_n(const glass_gcm *g, __m128i y, const __m128i *x, int n)
{
    acc a = { _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128() };
    for (int i = 0; i < n; i++) {
        __m128i b = i == 0 ? _mm_xor_si128(y, x[0]) : x[i];
        acc_mul(&a, b, HPOW(g, n - i), HKEY(g, n - i));
    }
    return reduce(a);
}

HW void glass_gcm_hw_ghash(const glass_gcm *g, uint8_t y[16], const uint8_t *x, size_t nblocks)
{
    __m128i yy = bswap128(loadu(y)), b[8];
    while (nblocks > 0) {
        int n = nblocks < 8 ? (int)nblocks : 8;
        for (int i = 0; i < n; i++)
            b[i] = bswap128(loadu(x + 16 * i));
        yy = ghash_n(g, yy, b, n);
        x += 16 * n;
        nblocks -= (size_t)n;
    }
    storeu(y, bswap128(yy));
}

/* ---- the bulk loop: eight blocks of CTR stitched with eight of GHASH ----
 * Written out block by block (macros) so that the 8 counter blocks and the
 * GHASH accumulators stay in registers; the multiplications are spread
 * over the first AES rounds so both units work at once. */

#define X8(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7)

#define CTR_INIT(i) __m128i c##i = _mm_xor_si128(bswap128(_mm_add_epi32(base, \
                        _mm_set_epi32(0, 0, 0, i))), k0);
#define ENC(i)      c##i = _mm_aesenc_si128(c##i, key);
#define LAST(i)     storeu(out + 16 * i, _mm_xor_si128(_mm_aesenclast_si128(c##i, key), \
                           loadu(in + 16 * i)));

/* Y ^= X1 before the products; X_i pairs with H^(9-i). */
#define GH_MUL(i) do {                                                      \
        __m128i x_ = bswap128(loadu(hsrc + 16 * i));                        \
        if (i == 0) x_ = _mm_xor_si128(x_, y);                              \
        acc_mul(&a, x_, HPOW(g, 8 - i), HKEY(g, 8 - i));                    \
    } while (0)

/* CTR on in[0..127] -> out, and (if hsrc) y = GHASH_8(y, hsrc[0..127]). */
static inline HW __m128i step8(const glass_gcm *g, __m128i *ctr_le, const uint8_t *in,
                               uint8_t *out, const uint8_t *hsrc, __m128i y)
{
    const __m128i *rk = (const __m128i *)(const void *)g->aes.rk;
    const unsigned rounds = g->aes.rounds;
    const __m128i k0 = rk[0], base = *ctr_le;
    __m128i key;
    acc a = { _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128() };

    X8(CTR_INIT)
    *ctr_le = _mm_add_epi32(base, _mm_set_epi32(0, 0, 0, 8));   /* inc32 x 8, SP 800-38D 6.2 */
    key = rk[1]; X8(ENC) if (hsrc) { GH_MUL(0); GH_MUL(1); }
    key = rk[2]; X8(ENC) if (hsrc) { GH_MUL(2); GH_MUL(3); }
    key = rk[3]; X8(ENC) if (hsrc) { GH_MUL(4); GH_MUL(5); }
    key = rk[4]; X8(ENC) if (hsrc) { GH_MUL(6); GH_MUL(7); }
    key = rk[5]; X8(ENC) if (hsrc) y = reduce(a);
    for (unsigned r = 6; r < rounds; r++) {
        key = rk[r];
        X8(ENC)
    }
    key = rk[rounds];
    X8(LAST)
    return y;
}

HW void glass_gcm_hw_ctr_ghash(const glass_gcm *g, int decrypt, uint8_t ctr[16], uint8_t y[16],
                               const uint8_t *in, uint8_t *out, size_t nblocks)
{
    const glass_aes_key *k = &g->aes;
    const __m128i *rk = (const __m128i *)(const void *)k->rk;
    const __m128i one = _mm_set_epi32(0, 0, 0, 1);
    __m128i ctr_le = bswap128(loadu(ctr));   /* the 32-bit counter is lane 0 */
    __m128i yy = bswap128(loadu(y)), b[8];

    if (g->wide) {                           /* 16 blocks at a time first */
        size_t done = glass_gcm_vaes_bulk(g, decrypt, &ctr_le, &yy, in, out, nblocks);
        in += 16 * done;
        out += 16 * done;
        nblocks -= done;
    }
    if (decrypt) {
        /* the ciphertext is the input: hash it while decrypting it */
        for (; nblocks >= 8; nblocks -= 8, in += 128, out += 128)
            yy = step8(g, &ctr_le, in, out, in, yy);
    } else if (nblocks >= 8) {
        /* the ciphertext is the output: hash each batch during the next */
        const uint8_t *prev = out;
        yy = step8(g, &ctr_le, in, out, NULL, yy);
        for (nblocks -= 8, in += 128, out += 128; nblocks >= 8;
             nblocks -= 8, in += 128, out += 128) {
            yy = step8(g, &ctr_le, in, out, prev, yy);
            prev = out;
        }
        for (int i = 0; i < 8; i++)
            b[i] = bswap128(loadu(prev + 16 * i));
        yy = ghash_n(g, yy, b, 8);
    }
    for (size_t j = 0; j < nblocks; j++) {
        __m128i c = _mm_xor_si128(bswap128(ctr_le), rk[0]);
        ctr_le = _mm_add_epi32(ctr_le, one);
        for (unsigned r = 1; r < k->rounds; r++)
            c = _mm_aesenc_si128(c, rk[r]);
        c = _mm_aesenclast_si128(c, rk[k->rounds]);
        __m128i x = loadu(in + 16 * j);
        __m128i o = _mm_xor_si128(c, x);
        storeu(out + 16 * j, o);
        b[j] = bswap128(decrypt ? x : o);
    }
    if (nblocks > 0)
        yy = ghash_n(g, yy, b, (int)nblocks);
    storeu(ctr, bswap128(ctr_le));
    storeu(y, bswap128(yy));
}

#else  /* stubs, never called: glass_cpu_has_aesni() is 0, so no key has hw set */

void glass_gcm_hw_init(glass_gcm *g)
{
    (void)g;
}

void glass_gcm_hw_set_wide(glass_gcm *g, int on)
{
    (void)g; (void)on;
}

void glass_gcm_hw_ghash(const glass_gcm *g, uint8_t y[16], const uint8_t *x, size_t nblocks)
{
    (void)g; (void)y; (void)x; (void)nblocks;
}

void glass_gcm_hw_ctr_ghash(const glass_gcm *g, int decrypt, uint8_t ctr[16], uint8_t y[16],
                            const uint8_t *in, uint8_t *out, size_t nblocks)
{
    (void)g; (void)decrypt; (void)ctr; (void)y; (void)in; (void)out; (void)nblocks;
}

#endif
