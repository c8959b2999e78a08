/*
 * aes_internal.h — crypto-internal entry points shared by aes.c, gcm.c and
 * the x86-64 fast path (aes_x86.c, gcm_x86.c).  Not a public header.
 */
#ifndef GLASS_AES_INTERNAL_H
#define GLASS_AES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "glasstls/aes.h"
#include "glasstls/gcm.h"

/* Portable bit-sliced AES on eight blocks at once (in == out allowed). */
void glass_aes_ct_encrypt8(const glass_aes_key *k, const uint8_t in[128], uint8_t out[128]);

/* Portable constant-time GHASH (ghash.c). hp is glass_gcm.hp. */
void glass_ghash_ct_init(uint64_t hp[6], const uint8_t H[16]);
void glass_ghash_ct(const uint64_t hp[6], uint8_t y[16], const uint8_t *x, size_t nblocks);

/* ---- x86-64 AES-NI / PCLMULQDQ (aes_x86.c, gcm_x86.c).  Called only for
 * keys set up when glass_crypto_hw_enabled() && glass_cpu_has_aesni()
 * (aes.c); stubs where GLASS_CPU_X86_64 is 0 (cpu.h). ---- */
void glass_aes_hw_encrypt_block(const glass_aes_key *k, const uint8_t in[16], uint8_t out[16]);
/* Fills g->hw_table with the powers of H the bulk loop needs. */
void glass_gcm_hw_init(glass_gcm *g);
/* Tests: turn the 16-block VAES/AVX-512 loop off (0) or back on (1, only
 * when the key uses the fast path and the CPU has it), to test both loops. */
void glass_gcm_hw_set_wide(glass_gcm *g, int on);
/* y = (y ^ X1)*H ^ X2)*H ... over nblocks full blocks (SP 800-38D 6.4). */
void glass_gcm_hw_ghash(const glass_gcm *g, uint8_t y[16], const uint8_t *x, size_t nblocks);
/* GCTR over nblocks full blocks from counter block ctr (updated, inc32),
 * and GHASH of the ciphertext into y (ciphertext = out when encrypting,
 * in when decrypting).  in == out allowed. */
void glass_gcm_hw_ctr_ghash(const glass_gcm *g, int decrypt, uint8_t ctr[16], uint8_t y[16],
                            const uint8_t *in, uint8_t *out, size_t nblocks);

/* The switch, the CPU predicates and GLASS_CPU_X86_64: crypto/cpu.h */
#include "cpu.h"

#endif
