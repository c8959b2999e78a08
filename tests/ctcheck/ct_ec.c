/*
 * ct_ec.c — constant-time check of P-256 and P-384 under valgrind: the
 * private scalar d and the nonce k are marked undefined (secret), then
 * key loading (d G), key-pair generation, ECDH (d Q), RFC 6979 signing
 * (HMAC over d, k derived, k G, k^-1) and signing with a given k run
 * through the public API, and the scalar multiplication itself through
 * ec_point_mul (for P-256 both its own path, crypto/ec_p256.c, and the
 * general code).  memcheck reports any branch or memory address computed
 * from them.  The results are declassified only at the end and compared
 * with RFC 6979 A.2.5/A.2.6 (so the code really ran) or with the same
 * call made on unmarked inputs.
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/ec.h"
#include "glasstls/sha2.h"
#include "ec_internal.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failures;

static void check(const char *what, const void *got, const void *want, size_t n)
{
    PUBLIC(got, n);
    if (memcmp(got, want, n) != 0) {
        printf("%s: wrong result\n", what);
        failures++;
    }
}

static void check_rc(const char *what, int rc)
{
    PUBLIC(&rc, sizeof rc);
    if (rc != 0) {
        printf("%s returned %d\n", what, rc);
        failures++;
    }
}

static void unhex(const char *s, uint8_t *out)
{
    for (size_t i = 0; s[2 * i]; i++) {
        unsigned v;
        sscanf(s + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* RFC 6979 A.2.5 and A.2.6: key x, and the SHA-256 / SHA-384 signature of
 * "sample". */
static const struct {
    glass_ec_curve curve;
    glass_hash_id hash;
    const char *x, *ux, *k, *r, *s;
} rfc[] = {
    { GLASS_EC_P256, GLASS_HASH_SHA256,
      "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
      "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
      "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
      "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
      "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8" },
    { GLASS_EC_P384, GLASS_HASH_SHA384,
      "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5",
      "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
      "94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9",
      "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
      "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8" },
};

static const uint8_t *rng_bytes;
static int secret_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memcpy(out, rng_bytes, len);
    SECRET(out, len);
    return 0;
}

int main(void)
{
    for (size_t i = 0; i < 2; i++) {
        glass_ec_curve curve = rfc[i].curve;
        size_t size = glass_ec_size(curve);
        uint8_t d[GLASS_EC_MAX_BYTES], ux[GLASS_EC_MAX_BYTES], k[GLASS_EC_MAX_BYTES];
        uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
        uint8_t want_r[GLASS_EC_MAX_BYTES], want_s[GLASS_EC_MAX_BYTES];
        uint8_t digest[GLASS_HASH_MAX_SIZE], z[GLASS_EC_MAX_BYTES], zref[GLASS_EC_MAX_BYTES];
        uint8_t der[GLASS_ECDSA_MAX_DER];
        size_t dlen = glass_hash_size(rfc[i].hash), len;
        glass_ec_private key, peer;
        const char *name = glass_ec_curve_name(curve);

        unhex(rfc[i].x, d);
        unhex(rfc[i].ux, ux);
        unhex(rfc[i].k, k);
        unhex(rfc[i].r, want_r);
        unhex(rfc[i].s, want_s);
        glass_hash(rfc[i].hash, "sample", 6, digest);

        /* the reference ECDH result, computed on unmarked inputs */
        static const uint8_t two[1] = { 2 };
        glass_ec_private_load(&peer, curve, two, 1);
        glass_ec_private_load(&key, curve, d, size);
        glass_ecdh_shared(zref, size, &key, &peer.pub);

        /* d G with d secret */
        SECRET(d, size);
        check_rc("glass_ec_private_load", glass_ec_private_load(&key, curve, d, size));
        check(name, key.pub.x, ux, size);

        /* ECDH: d Q_peer */
        SECRET(key.d, size);
        check_rc("glass_ecdh_shared", glass_ecdh_shared(z, size, &key, &peer.pub));
        check("glass_ecdh_shared", z, zref, size);

        /* RFC 6979 signing: k derived from d, never seen unmarked */
        SECRET(key.d, size);
        check_rc("glass_ecdsa_sign", glass_ecdsa_sign(&key, rfc[i].hash, digest, dlen, r, s));
        check("glass_ecdsa_sign r", r, want_r, size);
        check("glass_ecdsa_sign s", s, want_s, size);
        SECRET(key.d, size);
        check_rc("glass_ecdsa_sign_der",
                 glass_ecdsa_sign_der(&key, rfc[i].hash, digest, dlen, der, sizeof der, &len));

        /* signing with a given secret k */
        SECRET(key.d, size);
        SECRET(k, size);
        check_rc("glass_ecdsa_sign_with_k", glass_ecdsa_sign_with_k(&key, digest, dlen, k, r, s));
        check("glass_ecdsa_sign_with_k r", r, want_r, size);
        check("glass_ecdsa_sign_with_k s", s, want_s, size);

        /* the scalar multiplication itself: k G */
        ec_curve c;
        ec_point R;
        uint8_t x[GLASS_EC_MAX_BYTES];
        ec_curve_init(&c, curve);
        SECRET(k, size);
        ec_point_mul_base(&c, &R, k);
        ec_point_to_affine(&c, x, NULL, &R);
        check("ec_point_mul_base", x, want_r, size);    /* r = x(kG) mod n = x(kG) here */

        /* P-256 on 64-bit builds runs crypto/ec_p256.c (c.fast): the calls
         * above checked it; the general code of ec_point.c, which P-256
         * uses with the flag cleared, is checked here too: k G by the comb
         * and by the 4-bit window */
        if (c.fast) {
            ec_point g;
            c.fast = 0;
            SECRET(k, size);
            ec_point_mul_base(&c, &R, k);
            ec_point_to_affine(&c, x, NULL, &R);
            check("ec_point_mul_base (general code)", x, want_r, size);
            memset(&g, 0, sizeof g);
            memcpy(EC_X(&g), c.gx, sizeof c.gx);
            memcpy(EC_Y(&g), c.gy, sizeof c.gy);
            memcpy(EC_Z(&g), c.one, sizeof c.one);
            SECRET(k, size);
            ec_point_mul(&c, &R, k, &g);
            ec_point_to_affine(&c, x, NULL, &R);
            check("ec_point_mul (general code)", x, want_r, size);
        }

        /* a key pair drawn from a generator whose output is secret */
        rng_bytes = (const uint8_t *)rfc[i].x;           /* any bytes below n */
        unhex(rfc[i].x, d);
        rng_bytes = d;
        check_rc("glass_ec_keypair", glass_ec_keypair(&key, curve, secret_rng, NULL));
        check("glass_ec_keypair", key.pub.x, ux, size);
    }
    if (failures == 0)
        printf("ec: constant-time checks ran on the right answers\n");
    return failures ? 1 : 0;
}
