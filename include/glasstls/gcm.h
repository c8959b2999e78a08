/*
 * glasstls/gcm.h — AES-GCM authenticated encryption (NIST SP 800-38D), the
 * record protection of every TLS 1.2 suite glasstls offers (RFC 5288).
 */
#ifndef GLASSTLS_GCM_H
#define GLASSTLS_GCM_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/aes.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_GCM_TAG_SIZE 16
#define GLASS_GCM_IV_SIZE  12

typedef struct glass_gcm {
    /* Layout belongs to crypto/gcm.c: treat it as opaque. */
    union {
        glass_aes_key aes;
        /* fast path: H^1..H^16 and their Karatsuba keys (crypto/gcm_x86.c).
         * They lie over the first 512 bytes of aes.sk, the bit-sliced round
         * keys, which only the portable AES uses; AES-NI keys use aes.rk.
         * A context takes one path or the other at glass_gcm_init (aes.hw),
         * so the two never meet: 512 bytes less per context, i.e. per
         * direction of every TLS connection (docs/record.md, "Memory"). */
        struct {
            _Alignas(16) uint8_t hw_table[32 * 16];
        };
    };
    _Alignas(16) uint8_t H[16];        /* hash subkey E_K(0^128), SP 800-38D 6.4 */
    uint64_t hp[6];                    /* portable GHASH: H halves, their XOR, bit-reversed */
    int wide;                          /* 1: the VAES/VPCLMULQDQ (AVX-512) loop is used */
} glass_gcm;

/* hw_table must fall inside aes.sk and clear of everything else in aes */
#ifndef __cplusplus
_Static_assert(offsetof(glass_aes_key, sk) == 0 &&
               sizeof(((glass_aes_key *)0)->sk) >= 32 * 16,
               "glass_gcm.hw_table must lie within glass_aes_key.sk");
#endif

/* key_len 16 or 32. */
int  glass_gcm_init(glass_gcm *g, const uint8_t *key, size_t key_len);

/* Encrypts len bytes of pt into ct (ct == pt is allowed: in place) and
 * writes tag_len bytes of tag (tag_len 4, 8, or 12..16, SP 800-38D 5.2.1.2).
 * IVs of any length from 1 byte are accepted (12 is the fast, recommended
 * case); iv_len 0 gives GLASS_E_BAD_LENGTH (SP 800-38D 5.2.1.1: an IV has
 * at least one bit), checked before anything is written.  aad may be NULL
 * when aad_len is 0.  GLASS_E_BAD_LENGTH beyond the SP 800-38D limits. */
int glass_gcm_seal(const glass_gcm *g,
                   const uint8_t *iv, size_t iv_len,
                   const uint8_t *aad, size_t aad_len,
                   const uint8_t *pt, size_t len,
                   uint8_t *ct, uint8_t *tag, size_t tag_len);

/* Checks the tag in constant time, then decrypts (pt == ct allowed).
 * On GLASS_E_BAD_TAG the output buffer is wiped (all zero).  The same
 * argument checks as seal (iv_len 0: GLASS_E_BAD_LENGTH, nothing written). */
int glass_gcm_open(const glass_gcm *g,
                   const uint8_t *iv, size_t iv_len,
                   const uint8_t *aad, size_t aad_len,
                   const uint8_t *ct, size_t len,
                   const uint8_t *tag, size_t tag_len,
                   uint8_t *pt);

/* Wipes the key schedule and hash key; g may be NULL.  The struct is
 * the caller's (nothing is freed); set it up again to reuse it. */
void glass_gcm_free(glass_gcm *g);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_GCM_H */
