/*
 * glasstls/ct.h — wiping secrets and constant-time helpers (crypto layer).
 *
 * "Constant-time" here means: no branch and no memory index depends on the
 * data, so the running time and the memory access pattern reveal nothing
 * about secrets.  Masks are all-ones (0xFFFFFFFF) for true, zero for false.
 */
#ifndef GLASSTLS_CT_H
#define GLASSTLS_CT_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* Overwrites n bytes at p with zeros in a way the compiler may not remove
 * (used for every secret when a context is freed).  p may be NULL if n is 0. */
void glass_wipe(void *p, size_t n);

/* Compares n bytes in constant time.  Returns 1 when equal, 0 otherwise.
 * The time depends only on n.  NULL is allowed when n is 0 (returns 1). */
int glass_ct_equal(const void *a, const void *b, size_t n);

/* Constant-time mask helpers on 32-bit words: all-ones when true, else 0. */
static inline uint32_t glass_ct_is_zero32(uint32_t x)
{
    return (uint32_t)0 - (((~x) & (x - 1u)) >> 31);
}
static inline uint32_t glass_ct_eq32(uint32_t a, uint32_t b)
{
    return glass_ct_is_zero32(a ^ b);
}
/* a < b for unsigned 32-bit values. */
static inline uint32_t glass_ct_lt32(uint32_t a, uint32_t b)
{
    return (uint32_t)0 - ((a ^ ((a ^ b) | ((a - b) ^ b))) >> 31);
}
/* mask ? a : b */
static inline uint32_t glass_ct_select32(uint32_t mask, uint32_t a, uint32_t b)
{
    return (a & mask) | (b & ~mask);
}

/* Copies src to dst when mask is all-ones, leaves dst when mask is zero;
 * the memory accesses are the same either way. */
void glass_ct_copy(uint32_t mask, void *dst, const void *src, size_t n);

/* A declassification point for the constant-time check (`make ctcheck`,
 * docs/hardening.md): says that a value computed from secrets is one the
 * protocol reveals anyway (an error that ends the handshake with an
 * alert), so valgrind stops tracking it there and still reports every other
 * branch on secrets.  Compiles to nothing except in the ctcheck build
 * (-DGLASS_CTGRIND).  Use it only right before the value is returned. */
#ifdef GLASS_CTGRIND
#include <valgrind/memcheck.h>
#define GLASS_CT_PUBLIC(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define GLASS_CT_PUBLIC(p, n) ((void)0)
#endif

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_CT_H */
