/*
 * test_ec.c — P-256 and P-384 (glasstls/ec.h) beyond the NIST files that
 * glass-kat runs:
 *   - the values of an independent implementation, pyca/cryptography
 *     (tests/vectors/ec_cryptography.vec, generating command inside):
 *     d -> Q, ECDH, its random-k signatures verify, its RFC 6979
 *     signatures are reproduced byte for byte, a signature of another
 *     message does not verify;
 *   - invalid-curve refusals: x >= p of a valid point, y = p, a point on
 *     another curve (b + 1), on the quadratic twist, off the curve, all
 *     ones, (0, 0), the point at infinity (00), compressed (02/03) and
 *     hybrid (06/07) forms, wrong lengths, a point of the other curve:
 *     each refused by glass_ec_public_decode and, given directly as
 *     coordinates, by glass_ecdh_shared and glass_ecdsa_verify;
 *   - strict DER: non-minimal, negative, trailing bytes, long-form
 *     lengths, too long, r = 0, s >= n;
 *   - private keys out of [1, n-1], key pairs from a DRBG, ECDH both
 *     ways, sign/verify with every hash, tampering.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/drbg.h"
#include "glasstls/ec.h"
#include "glasstls/err.h"
#include "glasstls/sha2.h"
#include "helpers/hex.h"
#include "helpers/splitmix.h"
#include "ec_internal.h"

#define VEC_FILE "tests/vectors/ec_cryptography.vec"

static const glass_ec_curve curves[] = { GLASS_EC_P256, GLASS_EC_P384 };

/* n of each curve (FIPS 186-4 D.1.2.3, D.1.2.4), for the range tests. */
static const char *const order_hex[] = {
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
    "581A0DB248B0A77AECEC196ACCC52973",
};

static glass_ec_curve curve_named(const char *s)
{
    return strcmp(s, "P-256") == 0 ? GLASS_EC_P256 : strcmp(s, "P-384") == 0 ? GLASS_EC_P384
                                                                             : GLASS_EC_NONE;
}

static glass_hash_id hash_named(const char *s)
{
    return strcmp(s, "SHA-256") == 0 ? GLASS_HASH_SHA256 : strcmp(s, "SHA-384") == 0
                                                               ? GLASS_HASH_SHA384 : GLASS_HASH_NONE;
}

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    long n = test_unhex(s, out, cap);
    assert_true(n >= 0);
    return (size_t)n;
}

static void load_key(glass_ec_private *key, glass_ec_curve curve, const char *dhex)
{
    uint8_t d[GLASS_EC_MAX_BYTES];
    size_t n = unhex(dhex, d, sizeof d);
    assert_int_equal(glass_ec_private_load(key, curve, d, n), GLASS_OK);
}

static void load_pub(glass_ec_public *pub, glass_ec_curve curve, const char *qhex)
{
    uint8_t q[GLASS_EC_MAX_POINT];
    size_t n = unhex(qhex, q, sizeof q);
    assert_int_equal(glass_ec_public_decode(pub, curve, q, n), GLASS_OK);
}

static void digest_of(glass_hash_id h, const char *msghex, uint8_t *digest)
{
    uint8_t msg[256];
    size_t n = unhex(msghex, msg, sizeof msg);
    assert_int_equal(glass_hash(h, msg, n, digest), GLASS_OK);
}

/* Every line of the pyca/cryptography file, dispatched on its first word. */
static void test_cryptography_vectors(void **state)
{
    FILE *fp = fopen(VEC_FILE, "r");
    char line[1024];
    unsigned counts[6] = { 0 };
    (void)state;

    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        char *w[8];
        int n = 0;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        for (char *t = strtok(line, " \n"); t != NULL && n < 8; t = strtok(NULL, " \n"))
            w[n++] = t;
        assert_true(n >= 4);
        glass_ec_curve curve = curve_named(w[1]);
        size_t size = glass_ec_size(curve);
        assert_int_not_equal(size, 0);
        glass_ec_private key;
        glass_ec_public pub;
        uint8_t buf[GLASS_EC_MAX_POINT], got[GLASS_ECDSA_MAX_DER], want[GLASS_ECDSA_MAX_DER];
        uint8_t digest[GLASS_HASH_MAX_SIZE];
        size_t len, wlen;

        if (strcmp(w[0], "key") == 0) {
            load_key(&key, curve, w[2]);
            assert_int_equal(glass_ec_public_encode(&key.pub, buf, sizeof buf, &len), GLASS_OK);
            wlen = unhex(w[3], want, sizeof want);
            assert_int_equal(len, wlen);
            assert_memory_equal(buf, want, len);
            counts[0]++;
        } else if (strcmp(w[0], "ecdh") == 0) {
            load_key(&key, curve, w[2]);
            load_pub(&pub, curve, w[3]);
            assert_int_equal(glass_ecdh_shared(got, size, &key, &pub), GLASS_OK);
            assert_int_equal(unhex(w[4], want, sizeof want), size);
            assert_memory_equal(got, want, size);
            counts[1]++;
        } else if (strcmp(w[0], "sig") == 0 || strcmp(w[0], "bad") == 0) {
            glass_hash_id h = hash_named(w[3]);
            load_pub(&pub, curve, w[2]);
            digest_of(h, w[4], digest);
            wlen = unhex(w[5], want, sizeof want);
            int rc = glass_ecdsa_verify_der(&pub, digest, glass_hash_size(h), want, wlen);
            assert_int_equal(rc, w[0][0] == 's' ? GLASS_OK : GLASS_E_ECDSA_VERIFY);
            counts[w[0][0] == 's' ? 2 : 3]++;
        } else if (strcmp(w[0], "det") == 0) {
            glass_hash_id h = hash_named(w[3]);
            load_key(&key, curve, w[2]);
            digest_of(h, w[4], digest);
            wlen = unhex(w[5], want, sizeof want);
            assert_int_equal(glass_ecdsa_sign_der(&key, h, digest, glass_hash_size(h), got,
                                                  sizeof got, &len), GLASS_OK);
            assert_int_equal(len, wlen);
            assert_memory_equal(got, want, len);
            counts[4]++;
        } else if (strcmp(w[0], "invalid") == 0) {
            /* refused by decode ... */
            len = unhex(w[3], buf, sizeof buf);
            assert_int_equal(len, 1 + 2 * size);
            assert_int_equal(glass_ec_public_decode(&pub, curve, buf, len), GLASS_E_EC_POINT);
            /* ... and, handed over as coordinates, by check, ECDH and verify */
            pub.curve = curve;
            memcpy(pub.x, buf + 1, size);
            memcpy(pub.y, buf + 1 + size, size);
            assert_int_equal(glass_ec_public_check(&pub), GLASS_E_EC_POINT);
            load_key(&key, curve, "01");
            memset(got, 0xaa, sizeof got);
            assert_int_equal(glass_ecdh_shared(got, size, &key, &pub), GLASS_E_EC_POINT);
            uint8_t rs[GLASS_EC_MAX_BYTES] = { 0 };
            rs[size - 1] = 1;
            assert_int_equal(glass_ecdsa_verify(&pub, rs, size, rs, rs), GLASS_E_ECDSA_VERIFY);
            counts[5]++;
        } else {
            fail_msg("unknown line kind %s", w[0]);
        }
        glass_ec_private_wipe(&key);
    }
    fclose(fp);
    /* 3 of each per curve; 7 invalid points per curve */
    assert_int_equal(counts[0], 6);
    assert_int_equal(counts[1], 6);
    assert_int_equal(counts[2], 6);
    assert_int_equal(counts[3], 6);
    assert_int_equal(counts[4], 6);
    assert_int_equal(counts[5], 14);
}

/* The encodings that are not 04 || X || Y of the right length. */
static void test_point_forms(void **state)
{
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        glass_ec_curve curve = curves[i], other = curves[1 - i];
        size_t size = glass_ec_size(curve);
        glass_ec_private key;
        glass_ec_public pub;
        uint8_t enc[GLASS_EC_MAX_POINT + 1], b[GLASS_EC_MAX_POINT + 1];
        size_t len;

        load_key(&key, curve, "01");          /* Q = G */
        assert_int_equal(glass_ec_public_encode(&key.pub, enc, sizeof enc, &len), GLASS_OK);
        assert_int_equal(len, 1 + 2 * size);
        assert_int_equal(glass_ec_public_decode(&pub, curve, enc, len), GLASS_OK);
        assert_memory_equal(pub.x, key.pub.x, size);
        /* the point at infinity, SEC 1 2.3.4: the single byte 00 */
        b[0] = 0x00;
        assert_int_equal(glass_ec_public_decode(&pub, curve, b, 1), GLASS_E_EC_POINT);
        assert_int_equal(glass_ec_public_decode(&pub, curve, b, 0), GLASS_E_EC_POINT);
        /* compressed 02/03 || X, with the right length for it */
        memcpy(b, enc, 1 + size);
        for (uint8_t form = 2; form <= 3; form++) {
            b[0] = form;
            assert_int_equal(glass_ec_public_decode(&pub, curve, b, 1 + size), GLASS_E_EC_POINT);
        }
        /* hybrid 06/07 || X || Y, and a bad first byte */
        memcpy(b, enc, len);
        for (uint8_t form = 5; form <= 7; form++) {
            b[0] = form;
            assert_int_equal(glass_ec_public_decode(&pub, curve, b, len), GLASS_E_EC_POINT);
        }
        /* one byte short, one byte too many */
        assert_int_equal(glass_ec_public_decode(&pub, curve, enc, len - 1), GLASS_E_EC_POINT);
        memcpy(b, enc, len);
        b[len] = 0;
        assert_int_equal(glass_ec_public_decode(&pub, curve, b, len + 1), GLASS_E_EC_POINT);
        /* the other curve's generator, as this curve's point: wrong length */
        glass_ec_private ok;
        load_key(&ok, other, "01");
        uint8_t oenc[GLASS_EC_MAX_POINT];
        size_t olen;
        assert_int_equal(glass_ec_public_encode(&ok.pub, oenc, sizeof oenc, &olen), GLASS_OK);
        assert_int_equal(glass_ec_public_decode(&pub, curve, oenc, olen), GLASS_E_EC_POINT);
        /* ECDH across curves, and unknown curves */
        uint8_t z[GLASS_EC_MAX_BYTES];
        assert_int_equal(glass_ecdh_shared(z, size, &key, &ok.pub), GLASS_E_EC_CURVE);
        assert_int_equal(glass_ec_public_decode(&pub, (glass_ec_curve)25, enc, len), GLASS_E_EC_CURVE);
        assert_int_equal(glass_ec_public_decode(&pub, GLASS_EC_NONE, enc, len), GLASS_E_EC_CURVE);
        /* the output buffer */
        assert_int_equal(glass_ec_public_encode(&key.pub, b, len - 1, &olen), GLASS_E_BUFFER_TOO_SMALL);
        assert_int_equal(glass_ecdh_shared(z, size - 1, &key, &key.pub), GLASS_E_BAD_LENGTH);
    }
    assert_int_equal(glass_ec_size(GLASS_EC_NONE), 0);
    assert_string_equal(glass_ec_curve_name(GLASS_EC_P256), "P-256");
    assert_string_equal(glass_ec_curve_name(GLASS_EC_P384), "P-384");
    assert_int_equal(glass_ec_hash(GLASS_EC_P384), GLASS_HASH_SHA384);
}

/* d must be in [1, n-1]; leading zero bytes are fine, others are not. */
static void test_private_range(void **state)
{
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        glass_ec_curve curve = curves[i];
        size_t size = glass_ec_size(curve);
        glass_ec_private key, key1;
        uint8_t d[GLASS_EC_MAX_BYTES + 2];

        assert_int_equal(unhex(order_hex[i], d, sizeof d), size);
        assert_int_equal(glass_ec_private_load(&key, curve, d, size), GLASS_E_EC_KEY);  /* n */
        d[size - 1]++;
        assert_int_equal(glass_ec_private_load(&key, curve, d, size), GLASS_E_EC_KEY);  /* n+1 */
        d[size - 1] -= 2;
        assert_int_equal(glass_ec_private_load(&key, curve, d, size), GLASS_OK);        /* n-1 */
        /* (n-1) G = -G: the same x as G */
        load_key(&key1, curve, "01");
        assert_memory_equal(key.pub.x, key1.pub.x, size);
        assert_memory_not_equal(key.pub.y, key1.pub.y, size);
        memset(d, 0, sizeof d);
        assert_int_equal(glass_ec_private_load(&key, curve, d, size), GLASS_E_EC_KEY);  /* 0 */
        assert_int_equal(glass_ec_private_load(&key, curve, d, 0), GLASS_E_EC_KEY);
        d[size + 1] = 1;                                                                /* 00 00 .. 01 */
        assert_int_equal(glass_ec_private_load(&key, curve, d, size + 2), GLASS_OK);
        assert_memory_equal(key.pub.x, key1.pub.x, size);
        d[0] = 1;                                                                       /* too big */
        assert_int_equal(glass_ec_private_load(&key, curve, d, size + 2), GLASS_E_EC_KEY);
        assert_int_equal(glass_ec_private_load(&key, GLASS_EC_NONE, d, 1), GLASS_E_EC_CURVE);
        /* a failed load leaves no key behind */
        for (size_t j = 0; j < sizeof key.d; j++)
            assert_int_equal(key.d[j], 0);
    }
}

static int zero_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memset(out, 0, len);
    return 0;
}

static int failing_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx; (void)out; (void)len;
    return GLASS_E_RNG;
}

/* Key pairs from a DRBG, ECDH both ways, signatures with every hash. */
static void test_keypair_ecdh_sign(void **state)
{
    glass_drbg drbg;
    uint8_t seed[32] = { 1, 2, 3 };
    static const glass_hash_id hashes[] = { GLASS_HASH_SHA1, GLASS_HASH_SHA224, GLASS_HASH_SHA256,
                                            GLASS_HASH_SHA384, GLASS_HASH_SHA512 };
    (void)state;

    assert_int_equal(glass_drbg_instantiate(&drbg, GLASS_HASH_SHA256, seed, 32, NULL, 0, NULL, 0), GLASS_OK);
    for (size_t i = 0; i < 2; i++) {
        glass_ec_curve curve = curves[i];
        size_t size = glass_ec_size(curve);
        glass_ec_private a, b, a2;
        uint8_t za[GLASS_EC_MAX_BYTES], zb[GLASS_EC_MAX_BYTES];

        assert_int_equal(glass_ec_keypair(&a, curve, glass_drbg_rng, &drbg), GLASS_OK);
        assert_int_equal(glass_ec_keypair(&b, curve, glass_drbg_rng, &drbg), GLASS_OK);
        assert_memory_not_equal(a.d, b.d, size);
        assert_int_equal(glass_ec_public_check(&a.pub), GLASS_OK);
        /* the public point is d G */
        assert_int_equal(glass_ec_private_load(&a2, curve, a.d, size), GLASS_OK);
        assert_memory_equal(a2.pub.x, a.pub.x, size);
        assert_memory_equal(a2.pub.y, a.pub.y, size);
        assert_int_equal(glass_ecdh_shared(za, size, &a, &b.pub), GLASS_OK);
        assert_int_equal(glass_ecdh_shared(zb, size, &b, &a.pub), GLASS_OK);
        assert_memory_equal(za, zb, size);

        for (size_t h = 0; h < sizeof hashes / sizeof hashes[0]; h++) {
            uint8_t digest[GLASS_HASH_MAX_SIZE], r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
            uint8_t r2[GLASS_EC_MAX_BYTES], s2[GLASS_EC_MAX_BYTES];
            size_t dl = glass_hash_size(hashes[h]);
            assert_int_equal(glass_hash(hashes[h], "message", 7, digest), GLASS_OK);
            assert_int_equal(glass_ecdsa_sign(&a, hashes[h], digest, dl, r, s), GLASS_OK);
            assert_int_equal(glass_ecdsa_verify(&a.pub, digest, dl, r, s), GLASS_OK);
            /* deterministic: the same signature again */
            assert_int_equal(glass_ecdsa_sign(&a, hashes[h], digest, dl, r2, s2), GLASS_OK);
            assert_memory_equal(r, r2, size);
            assert_memory_equal(s, s2, size);
            /* another key, another digest, r and s swapped: refused */
            assert_int_equal(glass_ecdsa_verify(&b.pub, digest, dl, r, s), GLASS_E_ECDSA_VERIFY);
            digest[0] ^= 1;
            assert_int_equal(glass_ecdsa_verify(&a.pub, digest, dl, r, s), GLASS_E_ECDSA_VERIFY);
            digest[0] ^= 1;
            assert_int_equal(glass_ecdsa_verify(&a.pub, digest, dl, s, r), GLASS_E_ECDSA_VERIFY);
        }
        /* a generator that never gives a scalar in range, one that fails */
        assert_int_equal(glass_ec_keypair(&a2, curve, zero_rng, NULL), GLASS_E_RNG);
        assert_int_equal(glass_ec_keypair(&a2, curve, failing_rng, NULL), GLASS_E_RNG);
        glass_ec_private_wipe(&a);
        glass_ec_private_wipe(&b);
    }
    glass_drbg_free(&drbg);
}

/* ---- DER ---- */

/* Signs a digest and returns its DER and (r, s). */
static size_t signed_der(glass_ec_private *key, glass_ec_curve curve, uint8_t *digest,
                         uint8_t *der, const char *dhex)
{
    size_t len;
    load_key(key, curve, dhex);
    assert_int_equal(glass_hash(GLASS_HASH_SHA256, "der", 3, digest), GLASS_OK);
    assert_int_equal(glass_ecdsa_sign_der(key, GLASS_HASH_SHA256, digest, 32, der,
                                          GLASS_ECDSA_MAX_DER, &len), GLASS_OK);
    return len;
}

static void expect_der(const glass_ec_public *pub, const uint8_t *digest,
                       const uint8_t *der, size_t len, int want)
{
    uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
    int rc = glass_ecdsa_verify_der(pub, digest, 32, der, len);
    assert_int_equal(rc, want);
    if (want == GLASS_E_ECDSA_DER)
        assert_int_equal(glass_ecdsa_der_decode(pub->curve, der, len, r, s), GLASS_E_ECDSA_DER);
}

/* Writes SEQUENCE { INTEGER ri, INTEGER si } from raw contents. */
static size_t build_der(uint8_t *out, const uint8_t *ri, size_t rn, const uint8_t *si, size_t sn)
{
    size_t n = 0;
    out[n++] = 0x30;
    out[n++] = (uint8_t)(4 + rn + sn);
    out[n++] = 0x02; out[n++] = (uint8_t)rn; memcpy(out + n, ri, rn); n += rn;
    out[n++] = 0x02; out[n++] = (uint8_t)sn; memcpy(out + n, si, sn); n += sn;
    return n;
}

static void test_der(void **state)
{
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        glass_ec_curve curve = curves[i];
        size_t size = glass_ec_size(curve);
        glass_ec_private key;
        uint8_t digest[32], der[GLASS_ECDSA_MAX_DER + 8], b[GLASS_ECDSA_MAX_DER + 8];
        uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES], n[GLASS_EC_MAX_BYTES];
        uint8_t big[GLASS_EC_MAX_BYTES + 2];
        size_t len = signed_der(&key, curve, digest, der, "2a"), blen;

        expect_der(&key.pub, digest, der, len, GLASS_OK);
        assert_int_equal(glass_ecdsa_der_decode(curve, der, len, r, s), GLASS_OK);
        assert_int_equal(glass_ecdsa_der_encode(curve, r, s, b, sizeof b, &blen), GLASS_OK);
        assert_int_equal(blen, len);
        assert_memory_equal(b, der, len);
        assert_int_equal(glass_ecdsa_der_encode(curve, r, s, b, len - 1, &blen), GLASS_E_BUFFER_TOO_SMALL);

        /* a trailing byte; a truncated one; a wrong outer length or tag */
        memcpy(b, der, len); b[len] = 0;
        expect_der(&key.pub, digest, b, len + 1, GLASS_E_ECDSA_DER);
        expect_der(&key.pub, digest, der, len - 1, GLASS_E_ECDSA_DER);
        memcpy(b, der, len); b[1]++;
        expect_der(&key.pub, digest, b, len, GLASS_E_ECDSA_DER);
        memcpy(b, der, len); b[0] = 0x31;
        expect_der(&key.pub, digest, b, len, GLASS_E_ECDSA_DER);
        expect_der(&key.pub, digest, der, 0, GLASS_E_ECDSA_DER);
        /* the outer length in long form (0x81 len): not minimal */
        b[0] = 0x30; b[1] = 0x81; b[2] = (uint8_t)(len - 2);
        memcpy(b + 3, der + 2, len - 2);
        expect_der(&key.pub, digest, b, len + 1, GLASS_E_ECDSA_DER);

        /* r with a superfluous leading 00 (r's top byte below 0x80) */
        uint8_t rz[GLASS_EC_MAX_BYTES + 1] = { 0 }, sz[GLASS_EC_MAX_BYTES + 1] = { 0 };
        memcpy(rz + 1, r, size); memcpy(sz + 1, s, size);
        const uint8_t *rmin = rz, *smin = sz;
        size_t rn = size + 1, sn = size + 1;
        while (rn > 1 && rmin[0] == 0 && !(rmin[1] & 0x80)) { rmin++; rn--; }
        while (sn > 1 && smin[0] == 0 && !(smin[1] & 0x80)) { smin++; sn--; }
        blen = build_der(b, rmin, rn, smin, sn);
        expect_der(&key.pub, digest, b, blen, GLASS_OK);               /* the minimal form */
        uint8_t pad[GLASS_EC_MAX_BYTES + 2] = { 0 };
        memcpy(pad + 1, rmin, rn);
        blen = build_der(b, pad, rn + 1, smin, sn);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_DER);      /* 00 prepended */
        /* a negative r: the sign byte dropped from a value with its top bit set */
        uint8_t neg[GLASS_EC_MAX_BYTES];
        memset(neg, 0x80, size);
        blen = build_der(b, neg, size, smin, sn);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_DER);
        /* an empty INTEGER */
        blen = build_der(b, neg, 0, smin, sn);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_DER);
        /* too long: size + 1 value bytes */
        memset(big, 0x11, sizeof big);
        blen = build_der(b, big, size + 1, smin, sn);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_DER);
        /* a third INTEGER inside the SEQUENCE */
        blen = build_der(b, rmin, rn, smin, sn);
        b[blen++] = 0x02; b[blen++] = 0x01; b[blen++] = 0x01; b[1] += 3;
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_DER);
        /* r = 0: good DER, refused by verification */
        uint8_t zero = 0;
        blen = build_der(b, &zero, 1, smin, sn);
        assert_int_equal(glass_ecdsa_der_decode(curve, b, blen, r, s), GLASS_OK);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_VERIFY);
        /* s = n and s = n + (the real s): good DER, out of range */
        assert_int_equal(unhex(order_hex[i], n, sizeof n), size);
        uint8_t nz[GLASS_EC_MAX_BYTES + 1] = { 0 };
        memcpy(nz + 1, n, size);
        blen = build_der(b, rmin, rn, nz, size + 1);
        expect_der(&key.pub, digest, b, blen, GLASS_E_ECDSA_VERIFY);
        uint8_t r2[GLASS_EC_MAX_BYTES], s2[GLASS_EC_MAX_BYTES];
        assert_int_equal(glass_ecdsa_der_decode(curve, der, len, r2, s2), GLASS_OK);
        /* s + n (when it still fits in size bytes) must not verify either */
        unsigned carry = 0;
        uint8_t sn2[GLASS_EC_MAX_BYTES];
        for (size_t j = size; j-- > 0;) {
            unsigned t = (unsigned)s2[j] + n[j] + carry;
            sn2[j] = (uint8_t)t;
            carry = t >> 8;
        }
        if (!carry)
            assert_int_equal(glass_ecdsa_verify(&key.pub, digest, 32, r2, sn2), GLASS_E_ECDSA_VERIFY);
        /* r = 0 and s = 0 directly */
        memset(r, 0, sizeof r);
        assert_int_equal(glass_ecdsa_verify(&key.pub, digest, 32, r, s2), GLASS_E_ECDSA_VERIFY);
        assert_int_equal(glass_ecdsa_verify(&key.pub, digest, 32, r2, r), GLASS_E_ECDSA_VERIFY);
        /* encoding small values: r = 1, s with its top bit set */
        memset(r, 0, sizeof r); r[size - 1] = 1;
        memset(s, 0xff, sizeof s);
        assert_int_equal(glass_ecdsa_der_encode(curve, r, s, b, sizeof b, &blen), GLASS_OK);
        assert_int_equal(blen, 2 + 3 + 2 + 1 + size);
        assert_int_equal(b[3], 1);        /* r: 02 01 01 */
        assert_int_equal(b[6], size + 1); /* s: 02 size+1 00 ff.. */
        assert_int_equal(b[7], 0);
        assert_int_equal(glass_ecdsa_der_decode(curve, b, blen, r2, s2), GLASS_OK);
        assert_memory_equal(r2, r, size);
        assert_memory_equal(s2, s, size);
        glass_ec_private_wipe(&key);
    }
}

/* The nonce must differ per message and per key: the same k twice gives
 * the key away (docs/crypto.md).  Also: RFC 6979 signing equals signing
 * with the k it derives (checked by glass-kat on the RFC's own examples),
 * so here only that distinct digests give distinct r. */
static void test_nonce_distinct(void **state)
{
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        glass_ec_private key;
        size_t size = glass_ec_size(curves[i]);
        uint8_t d1[32], d2[32], r1[GLASS_EC_MAX_BYTES], s1[GLASS_EC_MAX_BYTES];
        uint8_t r2[GLASS_EC_MAX_BYTES], s2[GLASS_EC_MAX_BYTES];
        load_key(&key, curves[i], "0123456789");
        assert_int_equal(glass_hash(GLASS_HASH_SHA256, "a", 1, d1), GLASS_OK);
        assert_int_equal(glass_hash(GLASS_HASH_SHA256, "b", 1, d2), GLASS_OK);
        assert_int_equal(glass_ecdsa_sign(&key, GLASS_HASH_SHA256, d1, 32, r1, s1), GLASS_OK);
        assert_int_equal(glass_ecdsa_sign(&key, GLASS_HASH_SHA256, d2, 32, r2, s2), GLASS_OK);
        assert_memory_not_equal(r1, r2, size);
        /* a k out of range is refused */
        uint8_t k[GLASS_EC_MAX_BYTES] = { 0 };
        assert_int_equal(glass_ecdsa_sign_with_k(&key, d1, 32, k, r1, s1), GLASS_E_EC_KEY);
        assert_int_equal(glass_ecdsa_sign(&key, GLASS_HASH_NONE, d1, 32, r1, s1),
                         GLASS_E_HASH_UNSUPPORTED);
        glass_ec_private_wipe(&key);
    }
}

/* The comb tables of ec_table.c (generated with pyca/cryptography) against
 * glasstls's own variable-base multiplication, and the comb against that
 * multiplication on edge and random scalars. */
static void test_comb_table(void **state)
{
    uint64_t seed = 7;
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        ec_curve c;
        ec_point g, p, q;
        size_t size = glass_ec_size(curves[i]), s = size;    /* s = bits / 8 */
        const uint8_t *tab = i == 0 ? &ec_comb_p256[0][0][0] : &ec_comb_p384[0][0][0];
        uint8_t k[GLASS_EC_MAX_BYTES], x[GLASS_EC_MAX_BYTES], y[GLASS_EC_MAX_BYTES];
        uint8_t x2[GLASS_EC_MAX_BYTES], y2[GLASS_EC_MAX_BYTES];

        assert_int_equal(ec_curve_init(&c, curves[i]), GLASS_OK);
        memset(&g, 0, sizeof g);
        memcpy(EC_X(&g), c.gx, sizeof c.gx);
        memcpy(EC_Y(&g), c.gy, sizeof c.gy);
        memcpy(EC_Z(&g), c.one, sizeof c.one);
        for (size_t t = 0; t < 2; t++) {
            for (size_t idx = 1; idx < 16; idx++) {
                memset(k, 0, size);
                for (size_t j = 0; j < 4; j++)
                    if (idx >> j & 1) {
                        size_t bit = (4 * t + j) * s;
                        k[size - 1 - bit / 8] |= (uint8_t)(1u << (bit % 8));
                    }
                ec_point_mul(&c, &p, k, &g);
                assert_int_equal(ec_point_to_affine(&c, x, y, &p), 0);
                const uint8_t *e = tab + (t * 15 + idx - 1) * 2 * size;
                assert_memory_equal(x, e, size);
                assert_memory_equal(y, e + size, size);
            }
        }
        /* comb = window on 0, 1, 2, n-1, all ones below n, random */
        uint8_t n[GLASS_EC_MAX_BYTES];
        assert_int_equal(unhex(order_hex[i], n, sizeof n), size);
        for (int trial = 0; trial < 20; trial++) {
            if (trial < 3) {
                memset(k, 0, size);
                k[size - 1] = (uint8_t)trial;
            } else if (trial == 3) {
                memcpy(k, n, size);
                k[size - 1]--;
            } else if (trial == 4) {
                memset(k, 0xff, size);
                k[0] = 0x7f;
            } else {
                test_splitmix_rng(&seed, k, size);
            }
            ec_point_mul_base(&c, &p, k);
            ec_point_mul(&c, &q, k, &g);
            glass_limb i1 = ec_point_to_affine(&c, x, y, &p);
            glass_limb i2 = ec_point_to_affine(&c, x2, y2, &q);
            assert_true(i1 == i2);
            assert_memory_equal(x, x2, size);
            assert_memory_equal(y, y2, size);
        }
    }
}

/* The field multiplication, squaring and inversion of ec_point.c (P-256
 * has its own product and reduction) against the general Montgomery code
 * of bignum.c, on edge values (0, 1, 2, p-2, p-1, the limbs of p with one
 * bit off, all ones below 2^255) and random values below p. */
static void fe_operand(const ec_curve *c, glass_limb *a, int trial, uint64_t *seed)
{
    size_t nl = c->nl;
    glass_limb small[EC_LIMBS] = { 0 };
    memset(a, 0, EC_LIMBS * sizeof *a);
    if (trial < 3) {
        a[0] = (glass_limb)trial;
    } else if (trial < 5) {                         /* p - 1, p - 2 */
        small[0] = (glass_limb)(trial - 2);
        (void)glass_bn_sub(a, c->p, small, nl);
    } else if (trial < 5 + (int)nl) {               /* p with limb i's top bit cleared */
        glass_bn_copy(a, c->p, nl);
        a[trial - 5] &= ~((glass_limb)1 << (GLASS_LIMB_BITS - 1));
        if (!glass_bn_lt(a, c->p, nl))
            a[0] = 0;
    } else if (trial == 5 + (int)nl) {              /* 2^255 - 1 */
        memset(a, 0xff, nl * sizeof *a);
        a[nl - 1] >>= 1;
    } else {
        do {
            test_splitmix_rng(seed, (uint8_t *)a, nl * sizeof *a);
        } while (!glass_bn_lt(a, c->p, nl));
    }
}

static void test_field_ops(void **state)
{
    uint64_t seed = 11;
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        ec_curve c;
        assert_int_equal(ec_curve_init(&c, curves[i]), GLASS_OK);
        size_t nl = c.nl, bytes = nl * sizeof(glass_limb);
        for (int ta = 0; ta < 40; ta++) {
            for (int tb = 0; tb < 40; tb++) {
                glass_limb a[EC_LIMBS], b[EC_LIMBS], r[EC_LIMBS], want[EC_LIMBS];
                fe_operand(&c, a, ta, &seed);
                fe_operand(&c, b, tb, &seed);
                fe_mul(&c, r, a, b);
                glass_bn_mont_mul(want, a, b, &c.fp);
                assert_memory_equal(r, want, bytes);
                if (tb == 0) {
                    fe_sqr(&c, r, a);
                    glass_bn_mont_mul(want, a, a, &c.fp);
                    assert_memory_equal(r, want, bytes);
                    fe_inv(&c, r, a);
                    glass_bn_modexp_ct(want, a, c.p_minus2, c.bits, &c.fp);
                    assert_memory_equal(r, want, bytes);
                    fe_mul(&c, want, r, a);     /* a a^-1 = 1 (R in Montgomery form) */
                    if (glass_bn_is_zero(a, nl))
                        assert_true(glass_bn_is_zero(want, nl));
                    else
                        assert_memory_equal(want, c.one, bytes);
                }
            }
        }
    }
}

/* P-256's two paths on the same inputs: ec_p256.c (c.fast = 1, what the
 * library uses on 64-bit builds) and the general code of ec_point.c
 * (c.fast = 0): k P, k G, u1 G + u2 Q and the affine conversion on edge
 * scalars (0, 1, 2, 15..17, 31..33, n-2, n-1, n, n+1, 2^256-1, single
 * bits, patterns that make every Booth digit +-16) and random ones; the
 * scalar inverse mod n against the general exponentiation; the constants
 * R^2 mod p and mod n against 256 doublings of R mod m. */
static void p256_scalar(uint8_t k[32], int trial, uint64_t *seed)
{
    static const uint8_t n[32] = {
        0xff,0xff,0xff,0xff,0x00,0x00,0x00,0x00,0xff,0xff,0xff,0xff,0xff,0xff,0xff,0xff,
        0xbc,0xe6,0xfa,0xad,0xa7,0x17,0x9e,0x84,0xf3,0xb9,0xca,0xc2,0xfc,0x63,0x25,0x51 };
    static const int small[] = { 0, 1, 2, 15, 16, 17, 31, 32, 33 };
    memset(k, 0, 32);
    if (trial < 9) {
        k[31] = (uint8_t)small[trial];
    } else if (trial < 13) {                        /* n - 2, n - 1, n, n + 1 */
        memcpy(k, n, 32);
        k[31] = (uint8_t)(k[31] + trial - 11);
    } else if (trial == 13) {
        memset(k, 0xff, 32);
    } else if (trial < 17) {                        /* bits 255, 254, 128 */
        int bit = trial == 14 ? 255 : trial == 15 ? 254 : 128;
        k[31 - bit / 8] = (uint8_t)(1u << (bit % 8));
    } else if (trial < 19) {                        /* 10000 10000 ... and 01111 01111 ... */
        for (int b = 0; b < 256; b++)
            if ((b % 5 == 4) == (trial == 17))
                k[31 - b / 8] |= (uint8_t)(1u << (b % 8));
    } else {
        test_splitmix_rng(seed, k, 32);
    }
}

static void affine_both(const ec_curve *fast, const ec_curve *gen, const ec_point *a,
                        const ec_point *b)
{
    uint8_t x1[32], y1[32], x2[32], y2[32];
    glass_limb i1 = ec_point_to_affine(fast, x1, y1, a);
    glass_limb i2 = ec_point_to_affine(gen, x2, y2, b);
    assert_true(i1 == i2);
    assert_memory_equal(x1, x2, 32);
    assert_memory_equal(y1, y2, 32);
}

static void test_p256_paths(void **state)
{
    uint64_t seed = 23;
    ec_curve fast, gen;
    (void)state;
    assert_int_equal(ec_curve_init(&fast, GLASS_EC_P256), GLASS_OK);
    assert_int_equal(ec_curve_init(&gen, GLASS_EC_P256), GLASS_OK);
    if (!fast.fast) {
        skip();                 /* 32-bit limbs: ec_p256.c holds stubs */
        return;
    }
    gen.fast = 0;

    /* the constant R^2 mod p and mod n against doublings of R - m */
    const glass_limb *mods[2] = { fast.p, fast.n }, *rrs[2] = { fast.p_rr, fast.n_rr };
    for (int m = 0; m < 2; m++) {
        glass_limb zero[EC_LIMBS] = { 0 }, r[EC_LIMBS];
        (void)glass_bn_sub(r, zero, mods[m], 4);
        for (int i = 0; i < 256; i++)
            glass_bn_cond_sub(r, glass_bn_add(r, r, r, 4), mods[m], 4);
        assert_memory_equal(r, rrs[m], 4 * sizeof(glass_limb));
    }

    ec_point q, pf, pg;
    uint8_t k[32], u[32], qx[32], qy[32];
    /* Q: a point of unknown discrete log to the code (a hash of the trial) */
    for (int trial = 0; trial < 40; trial++) {
        p256_scalar(k, trial, &seed);
        test_splitmix_rng(&seed, u, 32);
        u[0] &= 0x7f;
        ec_point_mul_base(&gen, &q, u);
        assert_int_equal(ec_point_to_affine(&gen, qx, qy, &q), 0);
        assert_int_equal(ec_point_from_affine(&gen, &q, qx, qy), GLASS_OK);

        ec_point_mul(&fast, &pf, k, &q);            /* k Q */
        ec_point_mul(&gen, &pg, k, &q);
        affine_both(&fast, &gen, &pf, &pg);
        /* the projective results themselves go through either conversion */
        affine_both(&fast, &gen, &pg, &pf);

        ec_point_mul_base(&fast, &pf, k);           /* k G */
        ec_point_mul_base(&gen, &pg, k);
        affine_both(&fast, &gen, &pf, &pg);

        ec_point_mul2(&fast, &pf, k, u, &q);        /* k G + u Q */
        ec_point_mul2(&gen, &pg, k, u, &q);
        affine_both(&fast, &gen, &pf, &pg);
        ec_point_mul2(&fast, &pf, u, k, &q);        /* u G + k Q */
        ec_point_mul2(&gen, &pg, u, k, &q);
        affine_both(&fast, &gen, &pf, &pg);

        /* k^-1 mod n (Montgomery form), k reduced below n first */
        glass_limb a[EC_LIMBS] = { 0 }, am[EC_LIMBS], r1[EC_LIMBS], r2[EC_LIMBS];
        (void)glass_bn_from_bytes(a, 4, k, 32);
        glass_bn_cond_sub(a, 0, fast.n, 4);
        glass_bn_mont_mul(am, a, fast.n_rr, &fast.fn);
        ec_p256_scalar_inv(r1, am);
        glass_bn_modexp_ct(r2, am, fast.n_minus2, 256, &fast.fn);
        assert_memory_equal(r1, r2, 4 * sizeof(glass_limb));
    }
    /* the point at infinity as the base: k O = O on both paths */
    ec_point_infinity(&gen, &q);
    p256_scalar(k, 30, &seed);
    ec_point_mul(&fast, &pf, k, &q);
    ec_point_mul(&gen, &pg, k, &q);
    affine_both(&fast, &gen, &pf, &pg);
    assert_true(ec_point_to_affine(&fast, qx, qy, &pf) != 0);
}

/* The fixed-base table of ec_p256.c (generated with pyca/cryptography),
 * entry by entry with the general point arithmetic: [0][0] = G,
 * [w][0] = 2^5 [w-1][0] (five doublings), [w][j] = [w][j-1] + [w][0]. */
static void load_base_entry(const ec_curve *c, ec_point *e, int w, int j)
{
    memset(e, 0, sizeof *e);
    for (int i = 0; i < 4; i++) {
        EC_X(e)[i] = (glass_limb)ec_p256_base_table[w][j][0][i];
        EC_Y(e)[i] = (glass_limb)ec_p256_base_table[w][j][1][i];
    }
    memcpy(EC_Z(e), c->one, sizeof c->one);
}

static void test_p256_base_table(void **state)
{
    ec_curve c;
    (void)state;
    assert_int_equal(ec_curve_init(&c, GLASS_EC_P256), GLASS_OK);
    if (!c.fast) {
        skip();                 /* 32-bit limbs: the table is not in that form */
        return;
    }
    c.fast = 0;                 /* the general code checks it */
    for (int w = 0; w < 52; w++) {
        for (int j = 0; j < 16; j++) {
            ec_point want, got, t;
            uint8_t x1[32], y1[32], x2[32], y2[32];
            if (j == 0 && w == 0) {
                memset(&want, 0, sizeof want);
                memcpy(EC_X(&want), c.gx, sizeof c.gx);
                memcpy(EC_Y(&want), c.gy, sizeof c.gy);
                memcpy(EC_Z(&want), c.one, sizeof c.one);
            } else if (j == 0) {
                load_base_entry(&c, &want, w - 1, 0);
                for (int i = 0; i < 5; i++)
                    ec_point_double(&c, &want, &want);
            } else {
                load_base_entry(&c, &want, w, j - 1);
                load_base_entry(&c, &t, w, 0);
                ec_point_add(&c, &want, &want, &t);
            }
            load_base_entry(&c, &got, w, j);
            assert_int_equal(ec_point_to_affine(&c, x1, y1, &want), 0);
            assert_int_equal(ec_point_to_affine(&c, x2, y2, &got), 0);
            assert_memory_equal(x1, x2, 32);
            assert_memory_equal(y1, y2, 32);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cryptography_vectors),
        cmocka_unit_test(test_point_forms),
        cmocka_unit_test(test_private_range),
        cmocka_unit_test(test_keypair_ecdh_sign),
        cmocka_unit_test(test_der),
        cmocka_unit_test(test_nonce_distinct),
        cmocka_unit_test(test_comb_table),
        cmocka_unit_test(test_field_ops),
        cmocka_unit_test(test_p256_paths),
        cmocka_unit_test(test_p256_base_table),
    };
    return cmocka_run_group_tests_name("ec", tests, NULL, NULL);
}
