/*
 * test_x25519.c — X25519 (RFC 7748): both field implementations against the
 * RFC 7748 vectors in tests/vectors/x25519_rfc7748.txt, against each other
 * on many inputs, the all-zero shared secret (section 6.1) for low-order
 * points, bit 255 of u, and key-pair generation from a deterministic rng;
 * the fixed-base path (x25519_base.c) against the ladder from u = 9, and
 * its table (x25519_table.c) entry by entry.
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
#include "glasstls/err.h"
#include "glasstls/x25519.h"
#include "x25519_base.h"
#include "x25519_impl.h"
#include "helpers/splitmix.h"
#include "helpers/hex.h"

#define RFC_FILE "tests/vectors/x25519_rfc7748.txt"

typedef void (*x25519_fn)(uint8_t out[32], const uint8_t k[32], const uint8_t u[32]);

/* Every implementation built on this platform, tested the same way. */
static const struct { const char *name; x25519_fn fn; } impls[] = {
    { "public", glass_x25519 },
#if GLASS_X25519_FE51
    { "fe51", glass_x25519_fe51 },
#endif
    { "fe25", glass_x25519_fe25 },
};
#define NIMPLS (sizeof impls / sizeof impls[0])

/* Parses exactly 64 hex digits into out; fails the test otherwise. */
static void hex32(const char *s, uint8_t out[32])
{
    assert_int_equal(test_unhex_n(s, strcspn(s, "\r\n"), out, 32), 32);
}

/* The value of "Key = value" lines of the RFC file, in order.  A minimal
 * reader: glass-kat has the strict one; here we only need the numbers. */
typedef struct { char key[24]; uint8_t val[32]; long num; } field;

static size_t read_fields(field *f, size_t cap)
{
    FILE *fp = fopen(RFC_FILE, "r");
    char line[256];
    size_t n = 0;
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        char *eq = strstr(line, " = ");
        if (line[0] == '#' || eq == NULL)
            continue;
        assert_true(n < cap);
        *eq = '\0';
        assert_true(strlen(line) < sizeof f[n].key);
        memcpy(f[n].key, line, strlen(line) + 1);
        if (strlen(eq + 3) >= 64)
            hex32(eq + 3, f[n].val);
        else
            f[n].num = strtol(eq + 3, NULL, 10);
        n++;
    }
    fclose(fp);
    return n;
}

static const uint8_t *get(const field *f, size_t n, const char *key, size_t nth)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].key, key) == 0 && nth-- == 0)
            return f[i].val;
    fail_msg("%s not found in %s", key, RFC_FILE);
    return NULL;
}

/* RFC 7748 section 5.2: the two single multiplications, every implementation. */
static void test_rfc_single(void **state)
{
    field f[64];
    size_t n = read_fields(f, 64);
    (void)state;
    for (size_t v = 0; v < 2; v++) {
        const uint8_t *k = get(f, n, "Scalar", v), *u = get(f, n, "U", v);
        const uint8_t *want = get(f, n, "Output", v);
        for (size_t i = 0; i < NIMPLS; i++) {
            uint8_t out[32];
            impls[i].fn(out, k, u);
            if (memcmp(out, want, 32) != 0)
                fail_msg("%s: RFC 7748 5.2 vector %zu wrong", impls[i].name, v + 1);
        }
    }
}

/* RFC 7748 section 5.2: the iterated test, 1 and 1000 calls (the million
 * is glass-kat's, behind make kat-long). */
static void test_rfc_iterated(void **state)
{
    field f[64];
    size_t n = read_fields(f, 64);
    (void)state;
    for (size_t i = 0; i < NIMPLS; i++) {
        uint8_t k[32] = { 9 }, u[32] = { 9 }, r[32];
        long done = 0;
        size_t checked = 0;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(f[j].key, "Iterations") != 0 || f[j].num > 1000)
                continue;
            assert_true(j + 1 < n && strcmp(f[j + 1].key, "K") == 0);
            for (; done < f[j].num; done++) {
                impls[i].fn(r, k, u);
                memcpy(u, k, 32);
                memcpy(k, r, 32);
            }
            if (memcmp(k, f[j + 1].val, 32) != 0)
                fail_msg("%s: iterated test after %ld calls wrong", impls[i].name, done);
            checked++;
        }
        assert_int_equal(checked, 2);
    }
}

/* RFC 7748 section 6.1 through the public API. */
static void test_rfc_dh(void **state)
{
    field f[64];
    size_t n = read_fields(f, 64);
    const uint8_t *a = get(f, n, "AlicePrivate", 0), *A = get(f, n, "AlicePublic", 0);
    const uint8_t *b = get(f, n, "BobPrivate", 0), *B = get(f, n, "BobPublic", 0);
    const uint8_t *K = get(f, n, "Shared", 0);
    uint8_t out[32];
    (void)state;
    glass_x25519_base(out, a);
    assert_memory_equal(out, A, 32);
    glass_x25519_base(out, b);
    assert_memory_equal(out, B, 32);
    assert_int_equal(glass_x25519_shared(out, a, B), GLASS_OK);
    assert_memory_equal(out, K, 32);
    assert_int_equal(glass_x25519_shared(out, b, A), GLASS_OK);
    assert_memory_equal(out, K, 32);
}

/* u = v, or u = p + v when plus_p (non-canonical; v <= 18 keeps it below
 * 2^255), as 32 little-endian bytes. */
static void u_small(uint8_t u[32], unsigned v, int plus_p)
{
    /* p = 2^255 - 19 = ed ff .. ff 7f (little-endian) */
    memset(u, 0, 32);
    if (plus_p) {
        memset(u, 0xff, 32);
        u[31] = 0x7f;
        u[0] = (uint8_t)(0xed + v);    /* only the low byte changes */
        return;
    }
    u[0] = (uint8_t)v;
}

/* Section 6.1: low-order points give K = 0, which glass_x25519_shared
 * reports.  The points: u = 0, 1, p - 1, both points of order 8 (their
 * u-coordinates below, little-endian), and the non-canonical p, p + 1.
 * python3-cryptography (OpenSSL) refuses every one of them with
 * "Error computing shared key", and accepts u = 2. */
static void test_zero_shared(void **state)
{
    static const char *const order8[] = {
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    };
    uint8_t priv[32], u[32], out[32];
    (void)state;
    for (int i = 0; i < 32; i++)
        priv[i] = (uint8_t)(0x5a ^ (i * 29));

    uint8_t cases[7][32];
    u_small(cases[0], 0, 0);
    u_small(cases[1], 1, 0);
    u_small(cases[2], 0, 1);           /* p */
    u_small(cases[3], 1, 1);           /* p + 1 */
    memset(cases[4], 0xff, 32);        /* p - 1 = ec ff .. ff 7f */
    cases[4][0] = 0xec;
    cases[4][31] = 0x7f;
    hex32(order8[0], cases[5]);
    hex32(order8[1], cases[6]);
    for (int c = 0; c < 7; c++) {
        memset(out, 0xaa, 32);
        assert_int_equal(glass_x25519_shared(out, priv, cases[c]), GLASS_E_X25519_ZERO);
        for (int i = 0; i < 32; i++)
            assert_int_equal(out[i], 0);
        /* and the same with bit 255 set, which must be ignored */
        memcpy(u, cases[c], 32);
        u[31] |= 0x80;
        assert_int_equal(glass_x25519_shared(out, priv, u), GLASS_E_X25519_ZERO);
    }
    /* u = 2 is not of low order: no error, a non-zero secret */
    u_small(u, 2, 0);
    assert_int_equal(glass_x25519_shared(out, priv, u), GLASS_OK);
    uint8_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= out[i];
    assert_true(acc != 0);
    assert_string_equal(glass_err_name(GLASS_E_X25519_ZERO), "GLASS_E_X25519_ZERO");
}

/* Section 5: bit 255 of u is masked, and u and u + p are the same point. */
static void test_u_decoding(void **state)
{
    uint8_t k[32], u[32], u2[32], a[32], b[32];
    (void)state;
    for (int i = 0; i < 32; i++)
        k[i] = (uint8_t)(i * 7 + 3);
    for (unsigned v = 2; v <= 18; v++) {
        u_small(u, v, 0);
        u_small(u2, v, 1);             /* v + p, non-canonical */
        for (size_t i = 0; i < NIMPLS; i++) {
            impls[i].fn(a, k, u);
            impls[i].fn(b, k, u2);
            assert_memory_equal(a, b, 32);
            u2[31] |= 0x80;
            impls[i].fn(b, k, u2);
            assert_memory_equal(a, b, 32);
            u2[31] &= 0x7f;
        }
    }
}

static void fill(uint64_t *s, uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)test_splitmix64(s);
}

/* The 64-bit and the portable field code agree on random inputs, and on
 * inputs made of extreme bytes (0x00/0xff/0x7f/0x80 patterns) that drive
 * limbs to their bounds. */
static void test_impls_agree(void **state)
{
    uint64_t seed = 0x7748;
    static const uint8_t extremes[] = { 0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe };
    (void)state;
    for (int n = 0; n < 300; n++) {
        uint8_t k[32], u[32], first[32], out[32];
        fill(&seed, k, 32);
        fill(&seed, u, 32);
        if (n % 3 == 1)
            for (int i = 0; i < 32; i++)
                u[i] = extremes[test_splitmix64(&seed) % sizeof extremes];
        if (n % 3 == 2)
            for (int i = 0; i < 32; i++)
                k[i] = extremes[test_splitmix64(&seed) % sizeof extremes];
        impls[0].fn(first, k, u);
        for (size_t i = 1; i < NIMPLS; i++) {
            impls[i].fn(out, k, u);
            if (memcmp(out, first, 32) != 0)
                fail_msg("%s differs from %s at input %d", impls[i].name, impls[0].name, n);
        }
    }
    assert_true(NIMPLS >= 2);
}

/* Diffie-Hellman commutes: X25519(a, X25519(b, 9)) = X25519(b, X25519(a, 9)). */
static void test_dh_commutes(void **state)
{
    uint64_t seed = 6;
    (void)state;
    for (int n = 0; n < 20; n++) {
        uint8_t a[32], b[32], A[32], B[32], k1[32], k2[32];
        fill(&seed, a, 32);
        fill(&seed, b, 32);
        glass_x25519_base(A, a);
        glass_x25519_base(B, b);
        assert_int_equal(glass_x25519_shared(k1, a, B), GLASS_OK);
        assert_int_equal(glass_x25519_shared(k2, b, A), GLASS_OK);
        assert_memory_equal(k1, k2, 32);
    }
}

/* The fixed-base multiplication on the Edwards form gives the ladder's
 * bytes from u = 9: random scalars (every table entry, each sign, is read
 * by some digit many times over), scalars whose digits are all +8, -8, 7
 * or 0 after the carries, and the extremes. */
static void test_base_matches_ladder(void **state)
{
    static const uint8_t nine[32] = { 9 };
    static const uint8_t patterns[] = { 0x00, 0xff, 0x88, 0x77, 0x08, 0x80, 0xf8, 0x8f };
    uint64_t seed = 0xed25519;
    (void)state;
#if GLASS_X25519_FE51
    for (int n = 0; n < 3000; n++) {
        uint8_t k[32], want[32], got[32];
        if (n < (int)sizeof patterns)
            memset(k, patterns[n], 32);
        else
            fill(&seed, k, 32);
        glass_x25519_fe51(want, k, nine);
        glass_x25519_base_edwards(got, k);
        if (memcmp(want, got, 32) != 0)
            fail_msg("fixed-base differs from the ladder at scalar %d", n);
        glass_x25519_base(got, k);                  /* the public entry */
        assert_memory_equal(want, got, 32);
    }
#else
    skip();
#endif
}

#if GLASS_X25519_FE51
/* d of edwards25519 (RFC 8032 5.1), little-endian */
static const uint8_t ed_d[32] = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
    0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52 };

static void fe_bytes_equal(const fe51 a, const fe51 b, int row, int col, const char *what)
{
    uint8_t x[32], y[32];
    fe51_tobytes(x, a);
    fe51_tobytes(y, b);
    if (memcmp(x, y, 32) != 0)
        fail_msg("table entry [%d][%d]: %s", row, col, what);
}
#endif

/* Every table entry is a point of the curve with its 2dxy right: with
 * P = y + x and M = y - x, -x^2 + y^2 = 1 + d x^2 y^2 reads
 * 16 P M = 16 + d (P^2 - M^2)^2, and 2 * (2dxy) = d (P^2 - M^2); the first
 * entry is B itself, y = 4/5: 5 (P + M) = 8.  (That each is the right
 * multiple is the ladder comparison above.) */
static void test_base_table_on_curve(void **state)
{
    (void)state;
#if GLASS_X25519_FE51
    fe51 d, p2, m2, diff, lhs, rhs, t, c16;
    fe51_frombytes(d, ed_d);
    fe51_set(c16, 16);
    for (int i = 0; i < 32; i++)
        for (int j = 0; j < 8; j++) {
            const x25519_niels *e = &x25519_base_table[i][j];
            fe51_sq(p2, e->ypx);
            fe51_sq(m2, e->ymx);
            fe51_sub(diff, p2, m2);
            fe51_add(lhs, e->xy2d, e->xy2d);
            fe51_mul(rhs, d, diff);
            fe_bytes_equal(lhs, rhs, i, j, "2dxy");
            fe51_mul(lhs, e->ypx, e->ymx);
            fe51_mul(lhs, lhs, c16);
            fe51_sq(t, diff);
            fe51_mul(t, t, d);
            fe51_add(rhs, t, c16);
            fe_bytes_equal(lhs, rhs, i, j, "not on the curve");
        }
    fe51 five, eight;
    fe51_set(five, 5);
    fe51_set(eight, 8);
    fe51_add(t, x25519_base_table[0][0].ypx, x25519_base_table[0][0].ymx);
    fe51_mul(t, t, five);
    fe_bytes_equal(t, eight, 0, 0, "not the base point");
#else
    skip();
#endif
}

/* A deterministic rng that returns the bytes it was given, then fails. */
struct fixed_rng { const uint8_t *bytes; size_t len; int calls; int fail_with; };

static int fixed_rng_fn(void *ctx, uint8_t *out, size_t len)
{
    struct fixed_rng *r = ctx;
    r->calls++;
    if (r->fail_with)
        return r->fail_with;
    assert_true(len <= r->len);
    memcpy(out, r->bytes, len);
    return 0;
}

/* Key pair from a deterministic rng: the rng yields RFC 7748 section 6.1's
 * Alice private key, so the public key must be Alice's public key. */
static void test_keypair(void **state)
{
    field f[64];
    size_t n = read_fields(f, 64);
    const uint8_t *a = get(f, n, "AlicePrivate", 0), *A = get(f, n, "AlicePublic", 0);
    struct fixed_rng r = { a, 32, 0, 0 };
    uint8_t pub[32], priv[32];
    (void)state;

    assert_int_equal(glass_x25519_keypair(pub, priv, fixed_rng_fn, &r), GLASS_OK);
    assert_int_equal(r.calls, 1);
    assert_memory_equal(priv, a, 32);
    assert_memory_equal(pub, A, 32);

    /* a failing rng: its error comes back and no private key is left */
    r.fail_with = GLASS_E_RNG;
    memset(priv, 0xcc, 32);
    assert_int_equal(glass_x25519_keypair(pub, priv, fixed_rng_fn, &r), GLASS_E_RNG);
    for (int i = 0; i < 32; i++)
        assert_int_equal(priv[i], 0);

    assert_int_equal(glass_x25519_keypair(pub, priv, NULL, NULL), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_x25519_keypair(NULL, priv, fixed_rng_fn, &r), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_x25519_shared(NULL, priv, pub), GLASS_E_INVALID_ARG);
}

/* Key pair from the library's HMAC_DRBG with a fixed seed: the private key
 * is exactly the DRBG's first 32 output bytes (a second DRBG with the same
 * seed says what they are), and the public key is X25519(priv, 9). */
static void test_keypair_drbg(void **state)
{
    static const uint8_t entropy[32] = "x25519 keypair test entropy 0123";
    static const uint8_t nonce[16] = "nonce 0123456789";
    glass_drbg d1, d2;
    uint8_t pub[32], priv[32], want_priv[32], want_pub[32], pub2[32], priv2[32];
    (void)state;

    assert_int_equal(glass_drbg_instantiate(&d1, GLASS_HASH_SHA256, entropy, 32, nonce, 16, NULL, 0), GLASS_OK);
    assert_int_equal(glass_drbg_instantiate(&d2, GLASS_HASH_SHA256, entropy, 32, nonce, 16, NULL, 0), GLASS_OK);
    assert_int_equal(glass_x25519_keypair(pub, priv, glass_drbg_rng, &d1), GLASS_OK);
    assert_int_equal(glass_drbg_generate(&d2, want_priv, 32, NULL, 0), GLASS_OK);
    assert_memory_equal(priv, want_priv, 32);
    glass_x25519_base(want_pub, want_priv);
    assert_memory_equal(pub, want_pub, 32);
    /* the next key pair is a different one */
    assert_int_equal(glass_x25519_keypair(pub2, priv2, glass_drbg_rng, &d1), GLASS_OK);
    assert_memory_not_equal(priv2, priv, 32);
    assert_memory_not_equal(pub2, pub, 32);
    glass_drbg_free(&d1);
    glass_drbg_free(&d2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc_single),
        cmocka_unit_test(test_rfc_iterated),
        cmocka_unit_test(test_rfc_dh),
        cmocka_unit_test(test_zero_shared),
        cmocka_unit_test(test_u_decoding),
        cmocka_unit_test(test_impls_agree),
        cmocka_unit_test(test_dh_commutes),
        cmocka_unit_test(test_keypair),
        cmocka_unit_test(test_keypair_drbg),
        cmocka_unit_test(test_base_matches_ladder),
        cmocka_unit_test(test_base_table_on_curve),
    };
    return cmocka_run_group_tests_name("x25519", tests, NULL, NULL);
}
