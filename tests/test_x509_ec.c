/*
 * test_x509_ec.c — elliptic-curve certificates and keys (lib/x509): EC
 * subject keys (RFC 5480) on P-256 and P-384 with their point checked,
 * ecdsa-with-SHA256/384 signatures anywhere in a chain (ECDSA chains, an
 * RSA root over an ECDSA leaf and the reverse), the keyUsage an EC leaf
 * needs, SEC 1 and PKCS#8 EC private keys, and the trace of an ECDSA
 * signature check.  Fixtures: tests/certs/make-ec-certs.sh; the expected
 * coordinates and scalars are read from the files with the openssl CLI.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/x509.h"

#define CERTS "tests/certs/"
#define T2030 1893456000LL     /* date -u -d 2030-01-01 +%s */

/* Runs `cmd` and returns its first output line (trailing newline cut). */
static void run(const char *cmd, char *out, size_t cap)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    out[0] = '\0';
    if (fgets(out, (int)cap, p) == NULL)
        out[0] = '\0';
    pclose(p);
    out[strcspn(out, "\n")] = '\0';
}

static void to_hex(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
    out[2 * n] = '\0';
}

/* The uncompressed point of a certificate or key file, as openssl sees it
 * (the last 1 + 2 * size bytes of the DER SubjectPublicKeyInfo). */
static void openssl_point(const char *cmd_prefix, const char *file, size_t size, char *out,
                          size_t cap)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s %s | openssl pkey -pubin -outform DER | tail -c %zu | "
             "od -An -tx1 -v | tr -d ' \\n'", cmd_prefix, file, 1 + 2 * size);
    run(cmd, out, cap);
}

static int load(glass_x509_list *l, const char *file)
{
    char path[256];
    glass_x509_list_init(l);
    snprintf(path, sizeof path, CERTS "%s", file);
    return glass_x509_list_load_file(l, path);
}

/* ---- parsing ---- */

static void check_point(const glass_x509_cert *c, const char *file, glass_ec_curve curve)
{
    char want[512], got[512];
    size_t n = glass_ec_size(curve);
    uint8_t enc[GLASS_EC_MAX_POINT];
    size_t len;
    openssl_point("openssl x509 -pubkey -noout -in", file, n, want, sizeof want);
    assert_int_equal(glass_ec_public_encode(&c->ec_pub, enc, sizeof enc, &len), 0);
    assert_int_equal(len, 1 + 2 * n);
    to_hex(enc, len, got);
    assert_string_equal(got, want);
}

static void test_parse_ec_keys(void **state)
{
    (void)state;
    glass_x509_list l;
    char buf[96];
    assert_int_equal(load(&l, "ec256-leaf.pem"), 0);
    const glass_x509_cert *c = &l.certs[0];
    assert_int_equal(c->key_type, GLASS_X509_KEY_EC);
    assert_int_equal(c->ec_curve, GLASS_EC_P256);
    assert_int_equal(c->key_bits, 256);
    assert_int_equal(c->sig_alg, GLASS_X509_SIG_ECDSA_SHA256);
    assert_string_equal(glass_x509_sig_alg_name(c, buf, sizeof buf), "ecdsa-with-SHA256");
    assert_string_equal(glass_x509_key_summary(c, buf, sizeof buf), "EC P-256");
    assert_true(c->key_usage & GLASS_KU_DIGITAL_SIGNATURE);
    check_point(c, CERTS "ec256-leaf.pem", GLASS_EC_P256);
    glass_public_key pub;
    assert_int_equal(glass_x509_public_key(c, &pub), 0);
    assert_int_equal(pub.type, GLASS_KEY_EC);
    assert_int_equal(pub.u.ec.curve, GLASS_EC_P256);
    glass_rsa_public rsa;
    assert_int_equal(glass_x509_rsa_public(c, &rsa), GLASS_E_CERT_UNSUPPORTED_ALG);
    glass_x509_list_free(&l);

    assert_int_equal(load(&l, "ec384-root.pem"), 0);
    c = &l.certs[0];
    assert_int_equal(c->ec_curve, GLASS_EC_P384);
    assert_int_equal(c->key_bits, 384);
    assert_int_equal(c->sig_alg, GLASS_X509_SIG_ECDSA_SHA384);
    check_point(c, CERTS "ec384-root.pem", GLASS_EC_P384);
    glass_x509_list_free(&l);

    /* an RSA certificate's key comes out as RSA through the same call */
    assert_int_equal(load(&l, "localhost.pem"), 0);
    assert_int_equal(glass_x509_public_key(&l.certs[0], &pub), 0);
    assert_int_equal(pub.type, GLASS_KEY_RSA);
    assert_string_equal(glass_x509_key_summary(&l.certs[0], buf, sizeof buf), "RSA 2048 bits");
    glass_x509_list_free(&l);
}

/* The point is validated when the certificate is parsed: a coordinate
 * changed (off the curve), x = p - 1 ... all ones (>= p), a compressed
 * prefix: each is a malformed certificate, never a key. */
static void test_invalid_points_refused(void **state)
{
    (void)state;
    glass_x509_list l;
    assert_int_equal(load(&l, "ec256-leaf.pem"), 0);
    const glass_x509_cert *c = &l.certs[0];
    size_t n = c->der.len;
    uint8_t *m = malloc(n);
    assert_non_null(m);
    /* the point is the last 65 bytes of the SPKI */
    size_t pt = (size_t)(c->spki.p - c->der.p) + c->spki.len - 65;
    assert_int_equal(c->der.p[pt], 0x04);
    glass_x509_cert bad;
    memcpy(m, c->der.p, n);
    m[pt + 64] ^= 0x01;                                  /* y changed: off the curve */
    assert_int_equal(glass_x509_parse(&bad, m, n), GLASS_E_CERT_MALFORMED);
    memcpy(m, c->der.p, n);
    memset(m + pt + 1, 0xff, 32);                        /* x = 2^256 - 1 >= p */
    assert_int_equal(glass_x509_parse(&bad, m, n), GLASS_E_CERT_MALFORMED);
    memcpy(m, c->der.p, n);
    m[pt] = 0x02;                                        /* a compressed prefix */
    assert_int_equal(glass_x509_parse(&bad, m, n), GLASS_E_CERT_MALFORMED);
    memcpy(m, c->der.p, n);
    memset(m + pt + 1, 0, 64);                           /* (0, 0): not on the curve */
    assert_int_equal(glass_x509_parse(&bad, m, n), GLASS_E_CERT_MALFORMED);
    memcpy(m, c->der.p, n);
    assert_int_equal(glass_x509_parse(&bad, m, n), 0);   /* the original still parses */
    free(m);
    glass_x509_list_free(&l);
}

/* ---- validation ---- */

typedef struct ec_case {
    const char *chain, *anchor, *host;
    int want, depth;
} ec_case;

static const ec_case cases[] = {
    { "chain-ec256.pem", "ec-root.pem", "localhost", 0, -1 },        /* P-256 all the way */
    { "chain-ec384.pem", "ec384-root.pem", "localhost", 0, -1 },     /* P-384, SHA-384 */
    { "chain-ec-leaf.pem", "root.pem", "localhost", 0, -1 },         /* RSA CA, EC leaf */
    { "chain-rsa-under-ec.pem", "ec-root.pem", "localhost", 0, -1 }, /* EC CA, RSA leaf */
    { "chain-demo-ec-server.pem", "demo-ca.pem", "127.0.0.1", 0, -1 },
    { "chain-ec256.pem", "ec384-root.pem", "localhost", GLASS_E_CERT_UNKNOWN_ISSUER, 1 },
    { "chain-ec256.pem", "ec-root.pem", "other.example", GLASS_E_CERT_HOSTNAME, 0 },
    /* an EC leaf whose keyUsage is keyAgreement only cannot sign */
    { "chain-ec-ku-agree.pem", "ec-root.pem", "localhost", GLASS_E_CERT_LEAF_KEY_USAGE, 0 },
};

static void test_chains(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        glass_x509_list chain, anchors;
        glass_x509_verify_detail det;
        assert_int_equal(load(&chain, cases[i].chain), 0);
        assert_int_equal(load(&anchors, cases[i].anchor), 0);
        int r = glass_x509_verify(chain.certs, chain.count, &anchors, cases[i].host, T2030,
                                  &det);
        if (r != cases[i].want || det.depth != cases[i].depth)
            fail_msg("%s / %s: got %s at depth %d, want %s at %d (%s)", cases[i].chain,
                     cases[i].anchor, glass_err_name(r), det.depth,
                     glass_err_name(cases[i].want), cases[i].depth, det.message);
        glass_x509_list_free(&chain);
        glass_x509_list_free(&anchors);
    }
}

/* One bit of an ECDSA signature changed (inside s, so the DER stays
 * well-formed), the signature's DER broken, or an RSA key asked to check
 * an ECDSA signature: each is refused. */
static void test_signature_checks(void **state)
{
    (void)state;
    glass_x509_list leaf, inter, root, rsa_root;
    assert_int_equal(load(&leaf, "ec256-leaf.pem"), 0);
    assert_int_equal(load(&inter, "ec-int.pem"), 0);
    assert_int_equal(load(&root, "ec-root.pem"), 0);
    assert_int_equal(load(&rsa_root, "root.pem"), 0);
    assert_int_equal(glass_x509_check_signature(&leaf.certs[0], &inter.certs[0], 0), 0);
    assert_int_equal(glass_x509_check_signature(&inter.certs[0], &root.certs[0], 0), 0);
    assert_int_equal(glass_x509_check_signature(&root.certs[0], &root.certs[0], 0), 0);
    /* the wrong EC key, an RSA key for an ECDSA signature */
    assert_int_equal(glass_x509_check_signature(&leaf.certs[0], &root.certs[0], 0),
                     GLASS_E_CERT_BAD_SIGNATURE);
    assert_int_equal(glass_x509_check_signature(&leaf.certs[0], &rsa_root.certs[0], 0),
                     GLASS_E_CERT_UNSUPPORTED_ALG);
    /* and an EC key for an RSA signature */
    assert_int_equal(glass_x509_check_signature(&rsa_root.certs[0], &root.certs[0], 0),
                     GLASS_E_CERT_UNSUPPORTED_ALG);

    const glass_x509_cert *c = &leaf.certs[0];
    size_t n = c->der.len, sig = (size_t)(c->signature.p - c->der.p);
    uint8_t *m = malloc(n);
    assert_non_null(m);
    glass_x509_cert t;
    memcpy(m, c->der.p, n);
    m[n - 3] ^= 0x10;                              /* a byte of s */
    assert_int_equal(glass_x509_parse(&t, m, n), 0);
    assert_int_equal(glass_x509_check_signature(&t, &inter.certs[0], 0),
                     GLASS_E_CERT_BAD_SIGNATURE);
    memcpy(m, c->der.p, n);
    m[sig] = 0x31;                                 /* SET, not SEQUENCE: not DER Ecdsa-Sig */
    assert_int_equal(glass_x509_parse(&t, m, n), 0);
    assert_int_equal(glass_x509_check_signature(&t, &inter.certs[0], 0),
                     GLASS_E_CERT_BAD_SIGNATURE);
    free(m);
    glass_x509_list_free(&leaf);
    glass_x509_list_free(&inter);
    glass_x509_list_free(&root);
    glass_x509_list_free(&rsa_root);
}

/* The trace of a validation names the curve and the point of each EC
 * key, and r and s of each ECDSA signature with the certificate whose
 * key verified it. */
typedef struct trace_log {
    char text[16384];
    size_t len;
} trace_log;

static void collect(void *ctx, const glass_trace_event *e)
{
    trace_log *t = ctx;
    if (e->kind != GLASS_TRACE_CERT || e->detail == NULL)
        return;
    int n = snprintf(t->text + t->len, sizeof t->text - t->len, "%d|%s|%s\n", e->cert_step,
                     e->issuer ? e->issuer : "", e->detail);
    if (n > 0 && (size_t)n < sizeof t->text - t->len)
        t->len += (size_t)n;
}

static void test_trace_shows_ecdsa(void **state)
{
    (void)state;
    static trace_log log;
    glass_x509_list chain, anchors;
    char x[200], want[256];
    assert_int_equal(load(&chain, "chain-ec384.pem"), 0);
    assert_int_equal(load(&anchors, "ec384-root.pem"), 0);
    assert_int_equal(glass_x509_verify_trace(chain.certs, chain.count, &anchors, "localhost",
                                             T2030, NULL, collect, &log), 0);
    assert_non_null(strstr(log.text, "ecdsa-with-SHA384 signature (r = "));
    assert_non_null(strstr(log.text, ", s = "));
    assert_non_null(strstr(log.text, "EC key on P-384, point (x = "));
    /* the leaf's signature verified with the intermediate's key, whose x is shown */
    to_hex(chain.certs[1].ec_pub.x, 48, x);
    snprintf(want, sizeof want, "|O=glasstls tests, CN=Glass Test P-384 Intermediate|"
             "ecdsa-with-SHA384 signature (r = ");
    assert_non_null(strstr(log.text, want));
    assert_non_null(strstr(log.text, x));
    glass_x509_list_free(&chain);
    glass_x509_list_free(&anchors);
}

/* ---- private keys ---- */

static void same_scalar(const glass_private_key *k, const char *file, size_t size)
{
    char cmd[512], want[256], got[256];
    /* d as openssl prints it, as a fixed-size big-endian hex string */
    snprintf(cmd, sizeof cmd, "openssl pkey -in %s -noout -text | "
             "awk '/^priv:/ { on = 1; next } /^[a-zA-Z]/ { on = 0 } on' | tr -d ' :\\n'",
             file);
    run(cmd, want, sizeof want);
    /* openssl may print a leading 00 byte; compare the last 2*size digits */
    size_t wl = strlen(want);
    assert_true(wl >= 2 * size);
    to_hex(k->u.ec.d, size, got);
    assert_string_equal(got, want + wl - 2 * size);
}

static void test_ec_private_keys(void **state)
{
    (void)state;
    static glass_private_key k;
    glass_x509_list l;
    uint8_t enc[GLASS_EC_MAX_POINT];
    size_t len;
    char got[256], want[256];
    static const struct { const char *file, *cert; glass_ec_curve curve; } ok[] = {
        { "ec256.key", "ec256-leaf.pem", GLASS_EC_P256 },        /* SEC 1 */
        { "ec256-pkcs8.key", "ec256-leaf.pem", GLASS_EC_P256 },  /* PKCS#8 */
        { "ec256-nopub.key", "ec256-leaf.pem", GLASS_EC_P256 },  /* no publicKey */
        { "ec384.key", "ec384-leaf.pem", GLASS_EC_P384 },
        { "ec384-pkcs8.key", "ec384-leaf.pem", GLASS_EC_P384 },
        { "ec.key", "ec-leaf.pem", GLASS_EC_P256 },              /* genpkey's PKCS#8 */
        { "demo-ec-server.key", "demo-ec-server.pem", GLASS_EC_P256 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, CERTS "%s", ok[i].file);
        assert_int_equal(glass_private_key_load_file(&k, path), 0);
        assert_int_equal(k.type, GLASS_KEY_EC);
        assert_int_equal(k.u.ec.curve, ok[i].curve);
        size_t n = glass_ec_size(ok[i].curve);
        same_scalar(&k, path, n);
        /* dG is the certificate's point */
        assert_int_equal(load(&l, ok[i].cert), 0);
        assert_memory_equal(k.u.ec.pub.x, l.certs[0].ec_pub.x, n);
        assert_memory_equal(k.u.ec.pub.y, l.certs[0].ec_pub.y, n);
        glass_x509_list_free(&l);
        assert_int_equal(glass_ec_public_encode(&k.u.ec.pub, enc, sizeof enc, &len), 0);
        to_hex(enc, len, got);
        openssl_point("openssl pkey -pubout -in", path, n, want, sizeof want);
        assert_string_equal(got, want);
    }
    /* RSA keys load through the same call */
    assert_int_equal(glass_private_key_load_file(&k, CERTS "leaf.key"), 0);
    assert_int_equal(k.type, GLASS_KEY_RSA);
    assert_int_equal(glass_private_key_load_file(&k, CERTS "leaf-pkcs1.key"), 0);
    assert_int_equal(k.type, GLASS_KEY_RSA);
    /* explicit curve parameters (RFC 5480: MUST NOT), P-521, encrypted */
    assert_int_equal(glass_private_key_load_file(&k, CERTS "ec-explicit.key"),
                     GLASS_E_KEY_MALFORMED);
    assert_int_equal(k.type, GLASS_KEY_NONE);
    assert_int_equal(glass_private_key_load_file(&k, CERTS "ec521.key"), GLASS_E_UNSUPPORTED);
    assert_int_equal(glass_private_key_load_file(&k, CERTS "leaf-encrypted.key"),
                     GLASS_E_KEY_ENCRYPTED);
    /* the RSA-only loader says an EC key is not for it */
    static glass_rsa_private rsa;
    assert_int_equal(glass_x509_key_load_file(&rsa, CERTS "ec256.key"), GLASS_E_UNSUPPORTED);
    glass_private_key_wipe(&k);
}

/* The DER of ec256.key, cut and altered: never a crash, never a key with
 * a public point that is not dG. */
static void test_ec_key_mutations(void **state)
{
    (void)state;
    static glass_private_key k;
    uint8_t der[512];
    size_t n = 0;
    FILE *f = popen("openssl ec -in " CERTS "ec256.key -outform DER 2>/dev/null", "r");
    assert_non_null(f);
    n = fread(der, 1, sizeof der, f);
    pclose(f);
    assert_true(n > 100);
    assert_int_equal(glass_private_key_parse_der(&k, der, n, GLASS_KEYFORM_SEC1), 0);
    assert_int_equal(glass_private_key_load(&k, der, n), 0);      /* raw DER is tried too */
    assert_int_equal(k.type, GLASS_KEY_EC);
    for (size_t cut = 0; cut < n; cut++)
        assert_int_not_equal(glass_private_key_parse_der(&k, der, cut, GLASS_KEYFORM_SEC1), 0);
    /* the last byte is y's: the publicKey no longer matches d */
    der[n - 1] ^= 0x01;
    int r = glass_private_key_parse_der(&k, der, n, GLASS_KEYFORM_SEC1);
    assert_int_equal(r, GLASS_E_EC_KEY);
    der[n - 1] ^= 0x01;
    /* version 1 is the only one (ecPrivkeyVer1): byte 4 is its value */
    assert_int_equal(der[4], 1);
    der[4] = 2;
    assert_int_equal(glass_private_key_parse_der(&k, der, n, GLASS_KEYFORM_SEC1),
                     GLASS_E_KEY_MALFORMED);
    der[4] = 1;
    /* d = 0 is not a private key (the 32 bytes at offset 7) */
    assert_int_equal(der[5], 0x04);
    assert_int_equal(der[6], 32);
    memset(der + 7, 0, 32);
    r = glass_private_key_parse_der(&k, der, n, GLASS_KEYFORM_SEC1);
    assert_int_equal(r, GLASS_E_EC_KEY);
    int flips_ok = 0;
    f = popen("openssl ec -in " CERTS "ec256.key -outform DER 2>/dev/null", "r");
    assert_non_null(f);
    n = fread(der, 1, sizeof der, f);
    pclose(f);
    for (size_t i = 0; i < n; i++) {
        der[i] ^= 0x80;
        if (glass_private_key_parse_der(&k, der, n, GLASS_KEYFORM_SEC1) == 0)
            flips_ok++;
        der[i] ^= 0x80;
    }
    assert_int_equal(flips_ok, 0);      /* every byte matters: d, the curve, Q */
    glass_private_key_wipe(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ec_keys),
        cmocka_unit_test(test_invalid_points_refused),
        cmocka_unit_test(test_chains),
        cmocka_unit_test(test_signature_checks),
        cmocka_unit_test(test_trace_shows_ecdsa),
        cmocka_unit_test(test_ec_private_keys),
        cmocka_unit_test(test_ec_key_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
