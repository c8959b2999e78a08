/*
 * fuzz_ec_point.c — EC public points (crypto/ec.c): SEC 1 decoding and
 * SP 800-56A full validation, then ECDH with the point.
 *
 * The first byte picks the curve (even: P-256, odd: P-384), the rest is
 * the encoding.  Invariants: a decoded point re-encodes to exactly the
 * input, passes glass_ec_public_check and gives an ECDH result; the same
 * bytes read as raw coordinates (no decoding) are accepted by check and
 * by ECDH exactly when decoding 04 || them is.
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/ec.h"
#include "glasstls/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    glass_ec_curve curve;
    glass_ec_private key;
    glass_ec_public pub, raw;
    uint8_t enc[GLASS_EC_MAX_POINT], z[GLASS_EC_MAX_BYTES];
    static const uint8_t d[] = { 0x2a, 0x17 };
    size_t len, n;
    int rc;

    if (size < 1)
        return 0;
    curve = (data[0] & 1) ? GLASS_EC_P384 : GLASS_EC_P256;
    n = glass_ec_size(curve);
    data++;
    size--;
    FUZZ_CHECK(glass_ec_private_load(&key, curve, d, sizeof d) == 0);

    rc = glass_ec_public_decode(&pub, curve, data, size);
    FUZZ_CHECK(rc == 0 || rc == GLASS_E_EC_POINT);
    if (rc == 0) {
        FUZZ_CHECK(glass_ec_public_encode(&pub, enc, sizeof enc, &len) == 0);
        FUZZ_CHECK(len == size && memcmp(enc, data, len) == 0);
        FUZZ_CHECK(glass_ec_public_check(&pub) == 0);
        FUZZ_CHECK(glass_ecdh_shared(z, n, &key, &pub) == 0);
    }

    /* the bytes as raw coordinates, validated without the decoder */
    if (size >= 2 * n) {
        memset(&raw, 0, sizeof raw);
        raw.curve = curve;
        memcpy(raw.x, data, n);
        memcpy(raw.y, data + n, n);
        enc[0] = 0x04;
        memcpy(enc + 1, data, 2 * n);
        int want = glass_ec_public_decode(&pub, curve, enc, 1 + 2 * n);
        FUZZ_CHECK(glass_ec_public_check(&raw) == want);
        FUZZ_CHECK(glass_ecdh_shared(z, n, &key, &raw) == want);
    }
    glass_ec_private_wipe(&key);
    return 0;
}
