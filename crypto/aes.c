/*
 * aes.c — AES-128 and AES-256 encryption (FIPS 197), portable and
 * constant-time by bit-slicing.
 *
 * Why bit-slicing: the textbook AES looks bytes up in a 256-entry S-box
 * table.  Which cache line a lookup touches depends on the key, and cache
 * timing then leaks the key.  Here there are no tables at all: the S-box is
 * computed as a fixed circuit of AND/XOR gates (J. Boyar and R. Peralta,
 * "A depth-16 circuit for the AES S-box", IFIP SEC 2012: 128 gates, 34 of
 * them AND), applied to 128 bytes (eight blocks) at once.
 *
 * The state layout.  Four 16-byte blocks (lanes 0..3) share one 64-bit word.
 * AES views a block as a 4x4 matrix of bytes a[r][c], with input byte
 * 4*c + r at row r, column c (FIPS 197 section 3.4).  We keep eight 64-bit
 * words q[0..7]; word q[j] holds bit j of all 64 bytes, and the bit position
 * inside a word says which byte:
 *
 *      bit position p = 16*r + 4*c + lane
 *
 *      q[j]:  63                                                 0
 *             | row 3          | row 2          | row 1          | row 0          |
 *             |c3  c2  c1  c0  |c3  c2  c1  c0  |c3  c2  c1  c0  |c3  c2  c1  c0  |
 *             |3210 ...        |                |                |....  3210      | <- lanes
 *
 * So one 64-bit word is one "bit plane" of the whole 4-block state, and
 *   - SubBytes is the S-box circuit applied to the eight planes (each AND or
 *     XOR computes that gate for all 64 bytes at once);
 *   - ShiftRows rotates each 16-bit row field by 4*r bits (a column is 4 bits);
 *   - MixColumns needs row r+1 next to row r: rotating the word by 16 bits;
 *   - AddRoundKey XORs eight words of the bit-sliced round key.
 * Moving bytes into and out of this layout is a bit-matrix transpose
 * (ortho() below).  Every operation is the same sequence of word
 * operations whatever the data: no branch and no memory index on secrets.
 *
 * Only encryption is implemented: GCM (SP 800-38D) and CTR never need the
 * inverse cipher.
 */
#include "glasstls/aes.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "aes_internal.h"

#include <string.h>

/* One bit plane.  Two 64-bit halves side by side, so eight blocks are
 * encrypted per call: the left half holds blocks 0..3, the right half
 * blocks 4..7, each in the layout pictured above.  This is the GNU C vector
 * extension (gcc and clang, every architecture): each operator applies to
 * both halves, compiled to one SIMD instruction where the CPU has 128-bit
 * registers (SSE2 on every x86-64, NEON on arm64) and to two plain 64-bit
 * instructions elsewhere.  No intrinsics, no assembly. */
typedef uint64_t plane __attribute__((vector_size(16)));

/* ---------------------------------------------------------------- S-box */

/* SubBytes (FIPS 197 5.1.1) on eight bit planes: the Boyar-Peralta depth-16
 * circuit, gate by gate with the paper's names (t = top linear layer,
 * m = middle non-linear layer, l = bottom linear layer).
 * Their input U0 is the most significant bit, so U0 = q[7] ... U7 = q[0];
 * the output S0 is again the most significant bit.  The circuit computes the
 * inverse in GF(2^8) (through a tower of subfields) and the affine map in
 * one go; "~" marks their XNOR gates (the 0x63 constant of the affine map). */
static inline void sbox8(plane q[8])
{
    plane u0 = q[7], u1 = q[6], u2 = q[5], u3 = q[4];
    plane u4 = q[3], u5 = q[2], u6 = q[1], u7 = q[0];
    plane t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14;
    plane t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27;
    plane m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15;
    plane m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27;
    plane m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40;
    plane m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53;
    plane m54, m55, m56, m57, m58, m59, m60, m61, m62, m63;
    plane l0, l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11, l12, l13, l14;
    plane l15, l16, l17, l18, l19, l20, l21, l22, l23, l24, l25, l26, l27;
    plane l28, l29;

    /* top linear transform */
    t1 = u0 ^ u3;   t2 = u0 ^ u5;   t3 = u0 ^ u6;   t4 = u3 ^ u5;
    t5 = u4 ^ u6;   t6 = t1 ^ t5;   t7 = u1 ^ u2;   t8 = u7 ^ t6;
    t9 = u7 ^ t7;   t10 = t6 ^ t7;  t11 = u1 ^ u5;  t12 = u2 ^ u5;
    t13 = t3 ^ t4;  t14 = t6 ^ t11; t15 = t5 ^ t11; t16 = t5 ^ t12;
    t17 = t9 ^ t16; t18 = u3 ^ u7;  t19 = t7 ^ t18; t20 = t1 ^ t19;
    t21 = u6 ^ u7;  t22 = t7 ^ t21; t23 = t2 ^ t22; t24 = t2 ^ t10;
    t25 = t20 ^ t17; t26 = t3 ^ t16; t27 = t1 ^ t12;

    /* shared non-linear middle part (inversion in GF(2^4)^2) */
    m1 = t13 & t6;   m2 = t23 & t8;   m3 = t14 ^ m1;   m4 = t19 & u7;
    m5 = m4 ^ m1;    m6 = t3 & t16;   m7 = t22 & t9;   m8 = t26 ^ m6;
    m9 = t20 & t17;  m10 = m9 ^ m6;   m11 = t1 & t15;  m12 = t4 & t27;
    m13 = m12 ^ m11; m14 = t2 & t10;  m15 = m14 ^ m11; m16 = m3 ^ m2;
    m17 = m5 ^ t24;  m18 = m8 ^ m7;   m19 = m10 ^ m15; m20 = m16 ^ m13;
    m21 = m17 ^ m15; m22 = m18 ^ m13; m23 = m19 ^ t25; m24 = m22 ^ m23;
    m25 = m22 & m20; m26 = m21 ^ m25; m27 = m20 ^ m21; m28 = m23 ^ m25;
    m29 = m28 & m27; m30 = m26 & m24; m31 = m20 & m23; m32 = m27 & m31;
    m33 = m27 ^ m25; m34 = m21 & m22; m35 = m24 & m34; m36 = m24 ^ m25;
    m37 = m21 ^ m29; m38 = m32 ^ m33; m39 = m23 ^ m30; m40 = m35 ^ m36;
    m41 = m38 ^ m40; m42 = m37 ^ m39; m43 = m37 ^ m38; m44 = m39 ^ m40;
    m45 = m42 ^ m41; m46 = m44 & t6;  m47 = m40 & t8;  m48 = m39 & u7;
    m49 = m43 & t16; m50 = m38 & t9;  m51 = m37 & t17; m52 = m42 & t15;
    m53 = m45 & t27; m54 = m41 & t10; m55 = m44 & t13; m56 = m40 & t23;
    m57 = m39 & t19; m58 = m43 & t3;  m59 = m38 & t22; m60 = m37 & t20;
    m61 = m42 & t1;  m62 = m45 & t4;  m63 = m41 & t2;

    /* bottom linear transform (includes the affine map) */
    l0 = m61 ^ m62;  l1 = m50 ^ m56;  l2 = m46 ^ m48;  l3 = m47 ^ m55;
    l4 = m54 ^ m58;  l5 = m49 ^ m61;  l6 = m62 ^ l5;   l7 = m46 ^ l3;
    l8 = m51 ^ m59;  l9 = m52 ^ m53;  l10 = m53 ^ l4;  l11 = m60 ^ l2;
    l12 = m48 ^ m51; l13 = m50 ^ l0;  l14 = m52 ^ m61; l15 = m55 ^ l1;
    l16 = m56 ^ l0;  l17 = m57 ^ l1;  l18 = m58 ^ l8;  l19 = m63 ^ l4;
    l20 = l0 ^ l1;   l21 = l1 ^ l7;   l22 = l3 ^ l12;  l23 = l18 ^ l2;
    l24 = l15 ^ l9;  l25 = l6 ^ l10;  l26 = l7 ^ l9;   l27 = l8 ^ l10;
    l28 = l11 ^ l14; l29 = l11 ^ l17;

    q[7] = l6 ^ l24;
    q[6] = ~(l16 ^ l26);
    q[5] = ~(l19 ^ l28);
    q[4] = l6 ^ l21;
    q[3] = l20 ^ l22;
    q[2] = l25 ^ l29;
    q[1] = ~(l13 ^ l27);
    q[0] = ~(l6 ^ l23);
}

/* ------------------------------------------------------- layout changes */

/* Exchanges the bits of a selected by mask<<s with the bits of b selected by
 * mask (a's "1" positions with b's "0" positions): the building block of a
 * bit-matrix transpose. */
#define SWAPMOVE(a, b, mask, s) do {                    \
        plane t_ = (((a) >> (s)) ^ (b)) & (mask);    \
        (b) ^= t_;                                      \
        (a) ^= t_ << (s);                               \
    } while (0)

/* Transposes the 3-bit word index with the 3-bit "bit inside a byte" index:
 * afterwards bit k of byte m of word w is bit w of byte m of word k.  It is
 * its own inverse. */
static void ortho(plane q[8])
{
    const uint64_t m1 = 0x5555555555555555u, m2 = 0x3333333333333333u;
    const uint64_t m4 = 0x0F0F0F0F0F0F0F0Fu;
    SWAPMOVE(q[0], q[1], m1, 1); SWAPMOVE(q[2], q[3], m1, 1);
    SWAPMOVE(q[4], q[5], m1, 1); SWAPMOVE(q[6], q[7], m1, 1);
    SWAPMOVE(q[0], q[2], m2, 2); SWAPMOVE(q[1], q[3], m2, 2);
    SWAPMOVE(q[4], q[6], m2, 2); SWAPMOVE(q[5], q[7], m2, 2);
    SWAPMOVE(q[0], q[4], m4, 4); SWAPMOVE(q[1], q[5], m4, 4);
    SWAPMOVE(q[2], q[6], m4, 4); SWAPMOVE(q[3], q[7], m4, 4);
}

static uint64_t load64le(const uint8_t *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
           (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static void store64le(uint8_t *p, uint64_t x)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(x >> (8 * i));
}

/* Byte i of a 32-bit value to byte 2*i of a 64-bit value, and back. */
static uint64_t spread(uint64_t x)
{
    x &= 0xFFFFFFFFu;
    x = (x | x << 16) & 0x0000FFFF0000FFFFu;
    return (x | x << 8) & 0x00FF00FF00FF00FFu;
}

static uint64_t unspread(uint64_t x)
{
    x &= 0x00FF00FF00FF00FFu;
    x = (x | x >> 8) & 0x0000FFFF0000FFFFu;
    return (x | x >> 16) & 0xFFFFFFFFu;
}

/* Four blocks into the bit-sliced layout.  After ortho(), bit 8m+w of q[k]
 * is bit k of byte m of the word W[w], so byte (r, c) of lane L, which must
 * land at p = 16r + 4c + L, goes to W[L + 4*(c&1)] byte 2r + (c>>1):
 * W[L] = b0 b8 b1 b9 b2 b10 b3 b11, W[L+4] = b4 b12 b5 b13 b6 b14 b7 b15. */
static void load8(plane q[8], const uint8_t in[128])
{
    for (int L = 0; L < 4; L++) {
        for (int h = 0; h < 2; h++) {            /* h: left or right half */
            const uint8_t *b = in + 64 * h + 16 * L;
            uint64_t lo = load64le(b), hi = load64le(b + 8);
            q[L][h] = spread(lo) | spread(hi) << 8;
            q[L + 4][h] = spread(lo >> 32) | spread(hi >> 32) << 8;
        }
    }
    ortho(q);
}

static void store8(plane q[8], uint8_t out[128])
{
    ortho(q);
    for (int L = 0; L < 4; L++) {
        for (int h = 0; h < 2; h++) {
            uint64_t lo = unspread(q[L][h]) | unspread(q[L + 4][h]) << 32;
            uint64_t hi = unspread(q[L][h] >> 8) | unspread(q[L + 4][h] >> 8) << 32;
            store64le(out + 64 * h + 16 * L, lo);
            store64le(out + 64 * h + 16 * L + 8, hi);
        }
    }
}

/* ------------------------------------------------------- round functions */

/* ShiftRows (FIPS 197 5.1.2): row r moves left by r columns, i.e. its
 * 16-bit field rotates right by 4*r bits. */
static inline plane shift_rows1(plane x)
{
    return (x & 0x000000000000FFFFu)
         | ((x >> 4) & 0x000000000FFF0000u) | ((x << 12) & 0x00000000F0000000u)
         | ((x >> 8) & 0x000000FF00000000u) | ((x << 8) & 0x0000FF0000000000u)
         | ((x >> 12) & 0x000F000000000000u) | ((x << 4) & 0xFFF0000000000000u);
}

static inline plane rotr64(plane x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

/* MixColumns (FIPS 197 5.1.3): out[r] = 2*a[r] + 3*a[r+1] + a[r+2] + a[r+3]
 *                                     = 2*(a[r] + a[r+1]) + a[r+1] + a[r+2] + a[r+3].
 * rotr64(x, 16) brings row r+1 to row r.  Multiplying by 2 ("xtime",
 * FIPS 197 4.2.1) shifts the bit planes up by one and folds bit 7 back in
 * with the polynomial x^8 = x^4 + x^3 + x + 1 (0x1b). */
static inline void mix_columns(plane q[8])
{
    plane a1[8], t[8], s[8];
    for (int i = 0; i < 8; i++) {
        a1[i] = rotr64(q[i], 16);
        t[i] = q[i] ^ a1[i];                            /* a[r] + a[r+1] */
        s[i] = a1[i] ^ rotr64(q[i], 32) ^ rotr64(q[i], 48);
    }
    q[0] = t[7] ^ s[0];
    q[1] = t[0] ^ t[7] ^ s[1];
    q[2] = t[1] ^ s[2];
    q[3] = t[2] ^ t[7] ^ s[3];
    q[4] = t[3] ^ t[7] ^ s[4];
    q[5] = t[4] ^ s[5];
    q[6] = t[5] ^ s[6];
    q[7] = t[6] ^ s[7];
}

static inline void add_round_key(plane q[8], const uint64_t *sk)
{
    const plane *k = (const plane *)(const void *)sk;
    for (int i = 0; i < 8; i++)
        q[i] ^= k[i];
}

/* The cipher (FIPS 197 5.1, Figure 5) on eight blocks in bit-sliced form. */
static void encrypt_sliced(const glass_aes_key *k, plane q[8])
{
    unsigned r;
    add_round_key(q, k->sk);
    for (r = 1; r < k->rounds; r++) {
        sbox8(q);
        for (int i = 0; i < 8; i++)
            q[i] = shift_rows1(q[i]);
        mix_columns(q);
        add_round_key(q, k->sk + 16 * r);
    }
    sbox8(q);
    for (int i = 0; i < 8; i++)
        q[i] = shift_rows1(q[i]);
    add_round_key(q, k->sk + 16 * r);
}

void glass_aes_ct_encrypt8(const glass_aes_key *k, const uint8_t in[128], uint8_t out[128])
{
    plane q[8];
    load8(q, in);
    encrypt_sliced(k, q);
    store8(q, out);
    glass_wipe(q, sizeof q);
}

/* ------------------------------------------------------- key expansion */

/* SubWord (FIPS 197 5.2) through the same circuit: the four bytes go into
 * bit positions 0..3 of the planes (any position works; the S-box acts on
 * each position separately). */
static uint32_t sub_word(uint32_t w)
{
    plane q[8];
    uint32_t out = 0;
    for (int j = 0; j < 8; j++) {
        uint64_t x = 0;
        for (int b = 0; b < 4; b++)
            x |= (uint64_t)((w >> (8 * b + j)) & 1u) << b;
        q[j] = (plane){ x, 0 };
    }
    sbox8(q);
    for (int j = 0; j < 8; j++)
        for (int b = 0; b < 4; b++)
            out |= (uint32_t)((q[j][0] >> b) & 1u) << (8 * b + j);
    glass_wipe(q, sizeof q);
    return out;
}

/* KeyExpansion (FIPS 197 5.2, Figure 11).  Words are kept little-endian
 * (byte 0 of the word is the least significant), so RotWord is a rotation
 * right by 8 bits and Rcon sits in the low byte. */
static void expand_key(const uint8_t *key, unsigned nk, unsigned rounds, uint8_t rk[240])
{
    uint32_t w[60];
    uint8_t rcon = 1;
    unsigned total = 4 * (rounds + 1);

    for (unsigned i = 0; i < nk; i++)
        w[i] = (uint32_t)key[4 * i] | (uint32_t)key[4 * i + 1] << 8 |
               (uint32_t)key[4 * i + 2] << 16 | (uint32_t)key[4 * i + 3] << 24;
    for (unsigned i = nk; i < total; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {                          /* public index, not data */
            t = sub_word((t >> 8) | (t << 24)) ^ rcon;
            rcon = (uint8_t)((rcon << 1) ^ (0x1b & -(rcon >> 7)));
        } else if (nk > 6 && i % nk == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - nk] ^ t;
    }
    for (unsigned i = 0; i < total; i++)
        for (int b = 0; b < 4; b++)
            rk[4 * i + b] = (uint8_t)(w[i] >> (8 * b));
    glass_wipe(w, sizeof w);
}

int glass_aes_setkey(glass_aes_key *k, const uint8_t *key, size_t key_len)
{
    if (k == NULL || key == NULL)
        return GLASS_E_INVALID_ARG;
    if (key_len != 16 && key_len != 32)
        return GLASS_E_BAD_LENGTH;
    memset(k, 0, sizeof *k);
    k->rounds = key_len == 16 ? 10 : 14;          /* FIPS 197 Figure 4 */
    expand_key(key, (unsigned)(key_len / 4), k->rounds, k->rk);
    /* the fast path is chosen here, once per key (cpu.h) */
    k->hw = glass_crypto_hw_enabled() && glass_cpu_has_aesni();
    if (!k->hw) {
        /* each round key, copied to all eight lanes, in bit-sliced form */
        for (unsigned r = 0; r <= k->rounds; r++) {
            uint8_t eight[128];
            plane q[8];
            for (int L = 0; L < 8; L++)
                memcpy(eight + 16 * L, k->rk + 16 * r, 16);
            load8(q, eight);
            memcpy(k->sk + 16 * r, q, sizeof q);
            glass_wipe(eight, sizeof eight);
            glass_wipe(q, sizeof q);
        }
    }
    return GLASS_OK;
}

void glass_aes_encrypt_block(const glass_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    if (k->hw) {
        glass_aes_hw_encrypt_block(k, in, out);
        return;
    }
    uint8_t buf[128];
    memset(buf, 0, sizeof buf);
    memcpy(buf, in, 16);
    glass_aes_ct_encrypt8(k, buf, buf);
    memcpy(out, buf, 16);
    glass_wipe(buf, sizeof buf);
}

void glass_aes_free(glass_aes_key *k)
{
    if (k != NULL)
        glass_wipe(k, sizeof *k);
}
