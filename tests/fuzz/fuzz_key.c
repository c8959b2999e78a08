/*
 * fuzz_key.c — RSA private-key files (lib/x509/key.c): PEM or raw DER,
 * PKCS#1 RSAPrivateKey and PKCS#8 PrivateKeyInfo, through to the
 * consistency checks of glass_rsa_private_load() (crypto/rsa.c).
 *
 * The input goes to glass_x509_key_load() as text, and to
 * glass_x509_key_parse_der() as both DER forms.  A key that loads must be
 * usable: it signs a fixed digest and the signature verifies with its own
 * public half (the loader promises the parts are consistent).
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "glasstls/rsa.h"
#include "glasstls/sha2.h"
#include "glasstls/x509.h"
#include "helpers/splitmix.h"

static void use_key(const glass_rsa_private *key)
{
    static glass_rsa_private k;       /* large: keep it off the stack */
    uint8_t digest[32], sig[GLASS_RSA_MAX_BYTES];
    uint64_t seed = 1;                /* deterministic blinding: runs reproduce */
    size_t sig_len = glass_rsa_size(&key->pub);

    k = *key;
    FUZZ_CHECK(sig_len > 0 && sig_len <= sizeof sig);
    memset(digest, 0x5a, sizeof digest);
    int r = glass_rsa_pkcs1_sign(&k, test_splitmix_rng, &seed, GLASS_HASH_SHA256,
                                 digest, sizeof digest, sig, sig_len);
    FUZZ_CHECK(r == 0);
    FUZZ_CHECK(glass_rsa_pkcs1_verify(&k.pub, GLASS_HASH_SHA256, digest, sizeof digest,
                                      sig, sig_len) == 0);
    glass_rsa_private_free(&k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static glass_rsa_private key;

    if (glass_x509_key_load(&key, data, size) == 0)
        use_key(&key);
    if (glass_x509_key_parse_der(&key, data, size, 0) == 0)
        use_key(&key);
    if (glass_x509_key_parse_der(&key, data, size, 1) == 0)
        use_key(&key);
    glass_rsa_private_free(&key);
    return 0;
}
