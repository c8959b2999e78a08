/*
 * ct_aes_gcm.c — constant-time check of the portable AES and GCM code
 * (the "ctgrind" technique: memcheck reports any branch or memory address
 * computed from bytes marked undefined).  The key, the hash subkey H and
 * the data are marked undefined; the portable path is forced.  The only
 * value the program may branch on is the verdict of glass_gcm_open, and it
 * is declared public (made defined) first, as a caller would.
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/aes.h"
#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/hw.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

int main(void)
{
    static uint8_t key[32], pt[301], ct[301], out[301], aad[29], iv[12], tag[16], blk[16];
    static glass_aes_key k;
    static glass_gcm g;
    int bad = 0;

    glass_crypto_set_hw(0);
    for (size_t i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(i * 11 + 3);
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29 + 1);
    memset(aad, 0x41, sizeof aad);

    for (size_t klen = 16; klen <= 32; klen += 16) {
        /* AES: key schedule (FIPS 197 5.2) and the cipher on secret data */
        SECRET(key, sizeof key);
        SECRET(pt, sizeof pt);
        glass_aes_setkey(&k, key, klen);
        glass_aes_encrypt_block(&k, pt, blk);
        glass_aes_free(&k);

        /* GCM: H = E_K(0) is secret through the key; mark it again anyway */
        glass_gcm_init(&g, key, klen);
        SECRET(g.H, sizeof g.H);
        SECRET(g.hp, sizeof g.hp);
        SECRET(aad, sizeof aad);
        glass_gcm_seal(&g, iv, sizeof iv, aad, sizeof aad, pt, sizeof pt, ct, tag, 16);
        /* a non-96-bit IV goes through GHASH too (SP 800-38D 7.1 step 2) */
        SECRET(iv, sizeof iv);
        glass_gcm_seal(&g, iv, 7, aad, 5, pt, 100, out, tag, 16);
        PUBLIC(iv, sizeof iv);
        glass_gcm_seal(&g, iv, sizeof iv, aad, sizeof aad, pt, sizeof pt, ct, tag, 16);

        /* open: good tag, then a bad one */
        int rc = glass_gcm_open(&g, iv, sizeof iv, aad, sizeof aad, ct, sizeof ct, tag, 16, out);
        PUBLIC(&rc, sizeof rc);
        PUBLIC(out, sizeof out);
        PUBLIC(pt, sizeof pt);
        bad |= rc != GLASS_OK || memcmp(out, pt, sizeof pt) != 0;
        tag[3] ^= 1;
        rc = glass_gcm_open(&g, iv, sizeof iv, aad, sizeof aad, ct, sizeof ct, tag, 16, out);
        PUBLIC(&rc, sizeof rc);
        bad |= rc != GLASS_E_BAD_TAG;
        glass_gcm_free(&g);
        PUBLIC(key, sizeof key);
        PUBLIC(aad, sizeof aad);
    }
    printf("ct_aes_gcm: %s\n", bad ? "wrong results" : "ran");
    return bad;
}
