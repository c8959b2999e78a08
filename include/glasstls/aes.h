/*
 * glasstls/aes.h — the AES block cipher (FIPS 197), AES-128 and AES-256.
 *
 * The portable code is constant-time (no table indexed by secret data); on
 * x86-64 an AES-NI path is chosen at key set-up (the switch and
 * glass_cpu_has_aesni() in glasstls/hw.h).
 * The struct layout belongs to crypto/aes.c: treat it as opaque.
 */
#ifndef GLASSTLS_AES_H
#define GLASSTLS_AES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GLASS_AES_BLOCK_SIZE 16

typedef struct glass_aes_key {
    /* expanded round keys: bit-sliced planes for the portable code (8 x 128
     * bits per round, crypto/aes.c) and the FIPS 197 bytes for AES-NI */
    _Alignas(16) uint64_t sk[15 * 16];
    _Alignas(16) uint8_t  rk[15 * 16];
    unsigned rounds;         /* 10 or 14 */
    int      hw;             /* 1 when the AES-NI path is in use */
} glass_aes_key;

/* key_len is 16 or 32 (GLASS_E_BAD_LENGTH otherwise). */
int  glass_aes_setkey(glass_aes_key *k, const uint8_t *key, size_t key_len);
void glass_aes_encrypt_block(const glass_aes_key *k, const uint8_t in[16], uint8_t out[16]);
/* Wipes the round keys. */
void glass_aes_free(glass_aes_key *k);

#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_AES_H */
