/*
 * fuzz_ecdsa_der.c — DER ECDSA signatures (crypto/ecdsa_der.c), the
 * strict Ecdsa-Sig-Value decoder, and verification behind it.
 *
 * The first byte picks the curve (even: P-256, odd: P-384), the rest is
 * the signature.  Invariants: DER is canonical, so a signature that
 * decodes re-encodes to exactly the input bytes; one that does not decode
 * is GLASS_E_ECDSA_DER from glass_ecdsa_verify_der too; verification of a
 * decoded one returns 0 or GLASS_E_ECDSA_VERIFY, nothing else.
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/ec.h"
#include "glasstls/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    glass_ec_curve curve;
    glass_ec_private key;
    uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES], der[GLASS_ECDSA_MAX_DER];
    uint8_t digest[48];
    static const uint8_t d[] = { 0x01, 0x02, 0x03 };
    size_t len;
    int rc, v;

    if (size < 1)
        return 0;
    curve = (data[0] & 1) ? GLASS_EC_P384 : GLASS_EC_P256;
    data++;
    size--;
    FUZZ_CHECK(glass_ec_private_load(&key, curve, d, sizeof d) == 0);
    memset(digest, 0x5a, sizeof digest);

    rc = glass_ecdsa_der_decode(curve, data, size, r, s);
    FUZZ_CHECK(rc == 0 || rc == GLASS_E_ECDSA_DER);
    v = glass_ecdsa_verify_der(&key.pub, digest, sizeof digest, data, size);
    if (rc == 0) {
        FUZZ_CHECK(glass_ecdsa_der_encode(curve, r, s, der, sizeof der, &len) == 0);
        FUZZ_CHECK(len == size && memcmp(der, data, len) == 0);
        FUZZ_CHECK(v == 0 || v == GLASS_E_ECDSA_VERIFY);
    } else {
        FUZZ_CHECK(v == GLASS_E_ECDSA_DER);
    }
    glass_ec_private_wipe(&key);
    return 0;
}
