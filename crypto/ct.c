/*
 * ct.c — wiping secrets and constant-time comparison (glasstls/ct.h).
 * No standard defines these; the technique is the usual one: a volatile
 * function pointer to memset keeps the compiler from dropping the wipe,
 * and comparisons OR together the differences instead of returning early.
 */
#include "glasstls/ct.h"

#include <string.h>

static void *(*const volatile memset_fn)(void *, int, size_t) = memset;

void glass_wipe(void *p, size_t n)
{
    if (p != NULL && n > 0)
        memset_fn(p, 0, n);
}

int glass_ct_equal(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    uint32_t diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= (uint32_t)(x[i] ^ y[i]);
    return (int)(glass_ct_is_zero32(diff) & 1u);
}

void glass_ct_copy(uint32_t mask, void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    uint8_t m = (uint8_t)mask;
    for (size_t i = 0; i < n; i++)
        d[i] = (uint8_t)((s[i] & m) | (d[i] & (uint8_t)~m));
}
