/*
 * gcm.c — AES-GCM authenticated encryption (NIST SP 800-38D), as TLS 1.2
 * uses it (RFC 5288).  This file is the mode: counter blocks, the order in
 * which data is hashed, lengths and the tag.  The block cipher is aes.c, the
 * portable GHASH is ghash.c, and the x86-64 fast path (aes_x86.c,
 * gcm_x86.c) does the bulk blocks when the key was set up with it.
 *
 *   J0   = IV || 0^31 || 1            when the IV has 96 bits   (7.1 step 2)
 *        = GHASH(IV || 0^s || [len(IV)]_64) otherwise
 *   C    = GCTR(inc32(J0), P)                                   (7.1 step 3)
 *   S    = GHASH(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64)  (step 5)
 *   T    = MSB_t(GCTR(J0, S))                                   (step 6)
 */
#include "glasstls/gcm.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "aes_internal.h"

#include <string.h>

/* ---------------------------------------------------------- two paths */

static void ghash(const glass_gcm *g, uint8_t y[16], const uint8_t *x, size_t nblocks)
{
    if (g->aes.hw)
        glass_gcm_hw_ghash(g, y, x, nblocks);
    else
        glass_ghash_ct(g->hp, y, x, nblocks);
}

/* inc32 (SP 800-38D 6.2): the last 32 bits count, modulo 2^32. */
static void inc32(uint8_t ctr[16])
{
    uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 |
                 (uint32_t)ctr[14] << 8 | ctr[15];
    c++;
    ctr[12] = (uint8_t)(c >> 24); ctr[13] = (uint8_t)(c >> 16);
    ctr[14] = (uint8_t)(c >> 8);  ctr[15] = (uint8_t)c;
}

/* GCTR (6.5) over whole blocks, eight at a time through the bit-sliced
 * cipher, and GHASH of the ciphertext. */
static void ctr_ghash_ct(const glass_gcm *g, int decrypt, uint8_t ctr[16], uint8_t y[16],
                         const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint8_t ks[128];
    while (nblocks > 0) {
        size_t m = nblocks < 8 ? nblocks : 8;
        for (size_t i = 0; i < 8; i++) {
            memcpy(ks + 16 * i, ctr, 16);
            if (i < m)
                inc32(ctr);
        }
        glass_aes_ct_encrypt8(&g->aes, ks, ks);
        if (decrypt)
            glass_ghash_ct(g->hp, y, in, m);
        for (size_t i = 0; i < 16 * m; i++)
            out[i] = in[i] ^ ks[i];
        if (!decrypt)
            glass_ghash_ct(g->hp, y, out, m);
        in += 16 * m;
        out += 16 * m;
        nblocks -= m;
    }
    glass_wipe(ks, sizeof ks);
}

static void ctr_ghash(const glass_gcm *g, int decrypt, uint8_t ctr[16], uint8_t y[16],
                      const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (g->aes.hw)
        glass_gcm_hw_ctr_ghash(g, decrypt, ctr, y, in, out, nblocks);
    else
        ctr_ghash_ct(g, decrypt, ctr, y, in, out, nblocks);
}

/* ---------------------------------------------------------- the mode */

int glass_gcm_init(glass_gcm *g, const uint8_t *key, size_t key_len)
{
    static const uint8_t zero[16];
    int rc;
    if (g == NULL || key == NULL)
        return GLASS_E_INVALID_ARG;
    memset(g, 0, sizeof *g);
    rc = glass_aes_setkey(&g->aes, key, key_len);
    if (rc != GLASS_OK)
        return rc;
    glass_aes_encrypt_block(&g->aes, zero, g->H);          /* H = CIPH_K(0^128), 7.1 step 1 */
    if (g->aes.hw)
        glass_gcm_hw_init(g);
    else
        glass_ghash_ct_init(g->hp, g->H);
    return GLASS_OK;
}

/* Table 2 of SP 800-38D 5.2.1.1 and 5.2.1.2: len(P) <= 2^39 - 256 bits,
 * len(A) and len(IV) <= 2^64 - 1 bits, IV at least one bit; tags of
 * 128, 120, 112, 104, 96 bits, and 64 or 32 bits (Appendix C). */
static int check_args(const glass_gcm *g, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len, const void *in, const void *out,
                      size_t len, const uint8_t *tag, size_t tag_len)
{
    if (g == NULL || iv == NULL || tag == NULL || (aad == NULL && aad_len > 0) ||
        ((in == NULL || out == NULL) && len > 0))
        return GLASS_E_INVALID_ARG;
    if (iv_len == 0 || (uint64_t)iv_len > UINT64_MAX / 8 || (uint64_t)aad_len > UINT64_MAX / 8 ||
        (uint64_t)len > ((uint64_t)1 << 36) - 32)
        return GLASS_E_BAD_LENGTH;
    if (!(tag_len == 4 || tag_len == 8 || (tag_len >= 12 && tag_len <= 16)))
        return GLASS_E_BAD_LENGTH;
    return GLASS_OK;
}

static void put_be64(uint8_t *p, uint64_t x)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)x;
        x >>= 8;
    }
}

/* GHASH of data then zero padding to a whole block (the 0^v, 0^u of 7.1). */
static void ghash_padded(const glass_gcm *g, uint8_t y[16], const uint8_t *x, size_t n)
{
    uint8_t last[16];
    ghash(g, y, x, n / 16);
    if (n % 16) {
        memset(last, 0, sizeof last);
        memcpy(last, x + (n & ~(size_t)15), n % 16);
        ghash(g, y, last, 1);
        glass_wipe(last, sizeof last);
    }
}

/* Pre-counter block J0 (7.1 step 2). */
static void make_j0(const glass_gcm *g, const uint8_t *iv, size_t iv_len, uint8_t j0[16])
{
    if (iv_len == 12) {
        memcpy(j0, iv, 12);
        j0[12] = 0; j0[13] = 0; j0[14] = 0; j0[15] = 1;
        return;
    }
    uint8_t lenblk[16];
    memset(j0, 0, 16);
    ghash_padded(g, j0, iv, iv_len);
    memset(lenblk, 0, 8);
    put_be64(lenblk + 8, (uint64_t)iv_len * 8);
    ghash(g, j0, lenblk, 1);
}

/* Everything but the tag check: GCTR of in to out and the full tag. */
static void gcm_crypt(const glass_gcm *g, int decrypt, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                      uint8_t *out, uint8_t full_tag[16])
{
    uint8_t j0[16], ctr[16], y[16], blk[16], ks[16];
    size_t whole = len / 16, rest = len % 16;

    make_j0(g, iv, iv_len, j0);
    memcpy(ctr, j0, 16);
    inc32(ctr);
    memset(y, 0, sizeof y);
    ghash_padded(g, y, aad, aad_len);                       /* A || 0^v */
    ctr_ghash(g, decrypt, ctr, y, in, out, whole);          /* C, whole blocks */
    if (rest) {                                             /* C*_n = P*_n xor MSB(CIPH(CB_n)) */
        const uint8_t *ip = in + 16 * whole;
        uint8_t *op = out + 16 * whole;
        glass_aes_encrypt_block(&g->aes, ctr, ks);
        memset(blk, 0, sizeof blk);
        if (decrypt)
            memcpy(blk, ip, rest);
        for (size_t i = 0; i < rest; i++)
            op[i] = ip[i] ^ ks[i];
        if (!decrypt)
            memcpy(blk, op, rest);
        ghash(g, y, blk, 1);                                /* C || 0^u */
    }
    put_be64(blk, (uint64_t)aad_len * 8);                   /* [len(A)]_64 || [len(C)]_64 */
    put_be64(blk + 8, (uint64_t)len * 8);
    ghash(g, y, blk, 1);
    glass_aes_encrypt_block(&g->aes, j0, ks);               /* T = GCTR(J0, S) */
    for (int i = 0; i < 16; i++)
        full_tag[i] = ks[i] ^ y[i];
    glass_wipe(j0, sizeof j0);
    glass_wipe(ctr, sizeof ctr);
    glass_wipe(y, sizeof y);
    glass_wipe(blk, sizeof blk);
    glass_wipe(ks, sizeof ks);
}

int glass_gcm_seal(const glass_gcm *g,
                   const uint8_t *iv, size_t iv_len,
                   const uint8_t *aad, size_t aad_len,
                   const uint8_t *pt, size_t len,
                   uint8_t *ct, uint8_t *tag, size_t tag_len)
{
    uint8_t full[16];
    int rc = check_args(g, iv, iv_len, aad, aad_len, pt, ct, len, tag, tag_len);
    if (rc != GLASS_OK)
        return rc;
    gcm_crypt(g, 0, iv, iv_len, aad, aad_len, pt, len, ct, full);
    memcpy(tag, full, tag_len);                             /* MSB_t, 7.1 step 6 */
    glass_wipe(full, sizeof full);
    return GLASS_OK;
}

int glass_gcm_open(const glass_gcm *g,
                   const uint8_t *iv, size_t iv_len,
                   const uint8_t *aad, size_t aad_len,
                   const uint8_t *ct, size_t len,
                   const uint8_t *tag, size_t tag_len,
                   uint8_t *pt)
{
    uint8_t full[16];
    int rc = check_args(g, iv, iv_len, aad, aad_len, ct, pt, len, tag, tag_len);
    if (rc != GLASS_OK)
        return rc;
    /* One pass (7.2): ciphertext blocks are hashed before they are
     * decrypted (in place works); on a bad tag the plaintext is wiped before
     * anyone sees it.  The check (7.2 step 8) and the wipe take the same
     * time and touch the same memory either way: the verdict becomes a
     * mask, and only the returned code depends on it. */
    gcm_crypt(g, 1, iv, iv_len, aad, aad_len, ct, len, pt, full);
    uint32_t ok = (uint32_t)0 - (uint32_t)glass_ct_equal(full, tag, tag_len);
    uint8_t keep = (uint8_t)ok;
    uint64_t keep64 = (uint64_t)0 - (uint64_t)(ok & 1);
    size_t i = 0;
    /* eight bytes at a time: a byte loop here cost as much as the AES-NI
     * decryption itself (4 of 7 instructions per byte) */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, pt + i, 8);
        w &= keep64;
        memcpy(pt + i, &w, 8);
    }
    for (; i < len; i++)
        pt[i] &= keep;
    glass_wipe(full, sizeof full);
    return (int)glass_ct_select32(ok, (uint32_t)GLASS_OK, (uint32_t)GLASS_E_BAD_TAG);
}

void glass_gcm_free(glass_gcm *g)
{
    if (g != NULL)
        glass_wipe(g, sizeof *g);
}
