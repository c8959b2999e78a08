/*
 * ct_sha2_hmac.c — constant-time check of the hash layer: SHA-1/256/384/512
 * HMAC and HMAC_DRBG run on data marked undefined for valgrind memcheck;
 * any branch or memory index that depends on it is reported (see
 * tests/ctcheck/run.sh).  Lengths are public; contents are secret.
 * Valgrind 3.19 hides the SHA extensions from CPUID, so only the portable
 * SHA-256 code is checked here (the SHA-NI path has no branches or table
 * lookups at all: fixed instruction sequence per block).
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/drbg.h"
#include "glasstls/hmac.h"
#include "glasstls/hw.h"
#include "glasstls/sha2.h"

int main(void)
{
    static uint8_t secret[300], out[64], rnd[100];
    static const glass_hash_id ids[] = { GLASS_HASH_SHA1, GLASS_HASH_SHA256, GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    glass_drbg d;

    for (size_t i = 0; i < sizeof secret; i++)
        secret[i] = (uint8_t)(i * 31 + 7);
    VALGRIND_MAKE_MEM_UNDEFINED(secret, sizeof secret);

    for (int hw = 1; hw >= 0; hw--) {
        glass_crypto_set_hw(hw);
        for (size_t i = 0; i < 4; i++) {
            glass_hash(ids[i], secret, 200, out);
            glass_hmac(ids[i], secret, 20, secret + 20, 150, out);     /* short key */
            glass_hmac(ids[i], secret, 150, secret + 150, 150, out);   /* long key: hashed */
        }
    }
    glass_drbg_instantiate(&d, GLASS_HASH_SHA256, secret, 32, secret + 32, 16, NULL, 0);
    glass_drbg_generate(&d, rnd, sizeof rnd, secret + 100, 10);
    glass_drbg_reseed(&d, secret + 200, 32, NULL, 0);
    glass_drbg_generate(&d, rnd, sizeof rnd, NULL, 0);
    glass_drbg_free(&d);
    return 0;
}
