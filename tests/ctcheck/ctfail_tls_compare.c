/*
 * ctfail_tls_compare.c — the checker's own test at the TLS layer: a
 * Finished check done the wrong way, with memcmp on the secret
 * verify_data.  memcmp stops at the first differing byte, so the time
 * tells an attacker how many leading bytes of a forged verify_data were
 * right; valgrind must report the branch on the undefined bytes, or
 * `make ctcheck` proves nothing about ct_tls's Finished compare.
 * (lib/handshake/keyschedule.c does it with glass_ct_equal.)
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/prf.h"

int main(void)
{
    uint8_t master[GLASS_MASTER_SECRET_SIZE], hash[32];
    uint8_t want[GLASS_VERIFY_DATA_SIZE], got[GLASS_VERIFY_DATA_SIZE];

    for (size_t i = 0; i < sizeof master; i++)
        master[i] = (uint8_t)(i * 13 + 5);
    memset(hash, 0x5a, sizeof hash);
    VALGRIND_MAKE_MEM_UNDEFINED(master, sizeof master);
    if (glass_finished_verify_data(GLASS_HASH_SHA256, master, 1, hash, sizeof hash, want) != 0)
        return 2;
    memcpy(got, want, sizeof got);
    got[5] ^= 1;                                /* a forged verify_data */
    VALGRIND_MAKE_MEM_UNDEFINED(got, sizeof got);
    /* through a pointer, so the compiler cannot inline memcmp into a
     * branch-free 12-byte compare (clang does); the libc (or valgrind's)
     * memcmp stops at the first difference */
    int (*const volatile cmp)(const void *, const void *, size_t) = memcmp;
    int same = cmp(want, got, sizeof want) == 0;      /* leaky: must be flagged */
    /* only the compare itself may be reported, not this program's use of
     * the verdict */
    VALGRIND_MAKE_MEM_DEFINED(&same, sizeof same);
    printf("ctfail_tls_compare: %s\n", same ? "accepted" : "refused");
    return 0;
}
