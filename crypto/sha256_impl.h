/*
 * sha256_impl.h — internal: the SHA-256 compression functions, shared by
 * sha256.c (portable code, dispatch) and sha256_x86.c (SHA extensions, a
 * stub where GLASS_CPU_X86_64 is 0).  Tests reach both through
 * glass_crypto_set_hw().
 */
#ifndef GLASS_CRYPTO_SHA256_IMPL_H
#define GLASS_CRYPTO_SHA256_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

/* FIPS 180-4 section 4.2.2. */
extern const uint32_t glass_sha256_K[64];

/* Compress nblocks 64-byte blocks at p into state (FIPS 180-4 6.2.2). */
void glass_sha256_blocks_portable(uint32_t state[8], const uint8_t *p, size_t nblocks);

/* Same, with the x86 SHA extensions; call only when glass_cpu_has_shani(). */
void glass_sha256_blocks_shani(uint32_t state[8], const uint8_t *p, size_t nblocks);

#endif /* GLASS_CRYPTO_SHA256_IMPL_H */
