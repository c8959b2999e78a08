/*
 * test_x509.c — certificate parsing, path validation (one exact code per
 * failure reason, every good chain), RFC 6125 host-name rules, private-key
 * files, and mutated certificates that must never crash the parser.
 *
 * Fixtures: tests/certs/ (made by tests/certs/make-certs.sh with the
 * openssl CLI).  Fields are cross-checked against `openssl x509` run at
 * test time, not against values copied from our own output.
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
#include "glasstls/sha2.h"
#include "glasstls/x509.h"

#define CERTS "tests/certs/"
/* Every check happens at this fixed time (the clock hook's value). */
#define T2030 1893456000LL     /* date -u -d 2030-01-01 +%s */

static glass_x509_list trust;

static int setup(void **state)
{
    (void)state;
    glass_x509_list_init(&trust);
    return glass_x509_list_load_file(&trust, CERTS "root.pem");
}

static int teardown(void **state)
{
    (void)state;
    glass_x509_list_free(&trust);
    return 0;
}

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

static int verify_file(const char *chain_file, const glass_x509_list *anchors,
                       const char *host, int64_t now, glass_x509_verify_detail *det)
{
    glass_x509_list chain;
    glass_x509_list_init(&chain);
    int r = glass_x509_list_load_file(&chain, chain_file);
    assert_int_equal(r, 0);
    r = glass_x509_verify(chain.certs, chain.count, anchors, host, now, det);
    glass_x509_list_free(&chain);
    return r;
}

/* ---- parsing ---- */

static void test_parse_fields(void **state)
{
    (void)state;
    glass_x509_list l;
    glass_x509_list_init(&l);
    assert_int_equal(glass_x509_list_load_file(&l, CERTS "localhost.pem"), 0);
    assert_int_equal(l.count, 1);
    const glass_x509_cert *c = &l.certs[0];
    char buf[256], want[1024];
    assert_int_equal(c->version, 3);
    assert_int_equal(c->sig_alg, GLASS_X509_SIG_RSA_SHA256);
    assert_int_equal(c->key_type, GLASS_X509_KEY_RSA);
    assert_int_equal(c->key_bits, 2048);
    assert_true(glass_x509_subject_string(c, buf, sizeof(buf)) > 0);
    assert_string_equal(buf, "O=glasstls tests, CN=localhost");
    glass_x509_issuer_string(c, buf, sizeof(buf));
    assert_string_equal(buf, "O=glasstls tests, CN=Glass Test Intermediate CA");
    assert_int_equal(glass_x509_subject_cn(c, buf, sizeof(buf)), 0);
    assert_string_equal(buf, "localhost");
    assert_int_equal(glass_x509_subject_cn(c, buf, 9), GLASS_E_BUFFER_TOO_SMALL);
    assert_int_equal(glass_x509_subject_cn(c, buf, 10), 0);
    /* names without a usable CN are a DER error (hand-made Names, RFC 5280
     * 4.1.2.4): O only; a CN as BMPString; a CN holding a NUL; cut short */
    static const uint8_t o_only[] = { 0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04,
                                      0x0a, 0x0c, 0x04, 'g', 'l', 'a', 's' };
    static const uint8_t cn_bmp[] = { 0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04,
                                      0x03, 0x1e, 0x04, 0, 'a', 0, 'b' };
    static const uint8_t cn_nul[] = { 0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04,
                                      0x03, 0x0c, 0x04, 'a', 0, 'b', 'c' };
    static const struct { const uint8_t *der; size_t len; } bad_names[] = {
        { o_only, sizeof o_only }, { cn_bmp, sizeof cn_bmp }, { cn_nul, sizeof cn_nul },
        { cn_nul, sizeof cn_nul - 1 },
    };
    for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
        glass_x509_cert nocn = *c;
        nocn.subject.p = bad_names[i].der;
        nocn.subject.len = bad_names[i].len;
        assert_int_equal(glass_x509_subject_cn(&nocn, buf, sizeof(buf)), GLASS_E_DER);
        assert_string_equal(buf, "");
    }
    /* serial, validity, modulus against openssl */
    run("openssl x509 -in " CERTS "localhost.pem -noout -serial", want, sizeof(want));
    char got[128] = "serial=";
    for (size_t i = 0; i < c->serial.len; i++)
        sprintf(got + strlen(got), "%02X", c->serial.p[i]);
    assert_string_equal(got, want);
    run("date -u -d \"$(openssl x509 -in " CERTS "localhost.pem -noout -enddate | cut -d= -f2)\" +%s",
        want, sizeof(want));
    assert_int_equal(c->not_after, strtoll(want, NULL, 10));
    run("date -u -d \"$(openssl x509 -in " CERTS "localhost.pem -noout -startdate | cut -d= -f2)\" +%s",
        want, sizeof(want));
    assert_int_equal(c->not_before, strtoll(want, NULL, 10));
    run("openssl x509 -in " CERTS "localhost.pem -noout -modulus", want, sizeof(want));
    char *m = want + strlen("Modulus=");
    assert_int_equal(strlen(m), c->rsa_n.len * 2);
    for (size_t i = 0; i < c->rsa_n.len; i++) {
        char hx[3];
        sprintf(hx, "%02X", c->rsa_n.p[i]);
        assert_memory_equal(hx, m + 2 * i, 2);
    }
    /* extensions, as make-certs.sh wrote them */
    assert_true(c->ext_present & GLASS_EXT_BASIC_CONSTRAINTS);
    assert_true(c->ext_critical & GLASS_EXT_BASIC_CONSTRAINTS);
    assert_false(c->is_ca);
    assert_int_equal(c->path_len, -1);
    assert_int_equal(c->key_usage, GLASS_KU_DIGITAL_SIGNATURE | GLASS_KU_KEY_ENCIPHERMENT);
    assert_int_equal(c->ext_key_usage, GLASS_EKU_SERVER_AUTH);
    assert_non_null(c->ski.p);
    assert_non_null(c->aki.p);
    assert_null(c->unknown_critical.p);
    size_t pos = 0;
    int tag;
    glass_bytes v;
    assert_int_equal(glass_x509_san_next(c, &pos, &tag, &v), 1);
    assert_int_equal(tag, 2);
    assert_int_equal(v.len, 9);
    assert_memory_equal(v.p, "localhost", 9);
    assert_int_equal(glass_x509_san_next(c, &pos, &tag, &v), 0);
    glass_x509_list_free(&l);

    /* the intermediate: cA, pathLen 0, keyCertSign; its AKI is the root's SKI */
    assert_int_equal(glass_x509_list_load_file(&l, CERTS "int.pem"), 0);
    assert_true(l.certs[0].is_ca);
    assert_int_equal(l.certs[0].path_len, 0);
    assert_true(l.certs[0].key_usage & GLASS_KU_KEY_CERT_SIGN);
    assert_int_equal(l.certs[0].aki.len, trust.certs[0].ski.len);
    assert_memory_equal(l.certs[0].aki.p, trust.certs[0].ski.p, l.certs[0].aki.len);
    glass_x509_list_free(&l);

    /* an EC key is named (its parsing: test_x509_ec.c) */
    assert_int_equal(glass_x509_list_load_file(&l, CERTS "ec-leaf.pem"), 0);
    assert_int_equal(l.certs[0].key_type, GLASS_X509_KEY_EC);
    assert_string_equal(glass_x509_key_type_name(&l.certs[0], buf, sizeof(buf)), "id-ecPublicKey");
    glass_x509_list_free(&l);
}

static void test_fingerprint_and_self_signature(void **state)
{
    (void)state;
    const glass_x509_cert *root = &trust.certs[0];
    uint8_t fp[32];
    char got[128] = "sha256 Fingerprint=", want[256];
    glass_sha256(root->der.p, root->der.len, fp);
    for (size_t i = 0; i < 32; i++)
        sprintf(got + strlen(got), i ? ":%02X" : "%02X", fp[i]);
    run("openssl x509 -in " CERTS "root.pem -noout -fingerprint -sha256", want, sizeof(want));
    assert_string_equal(got, want);
    assert_true(glass_x509_self_issued(root));
    assert_int_equal(glass_x509_check_signature(root, root, 0), 0);
    /* a certificate does not verify under a key that did not sign it */
    glass_x509_list l;
    glass_x509_list_init(&l);
    assert_int_equal(glass_x509_list_load_file(&l, CERTS "localhost.pem"), 0);
    assert_int_equal(glass_x509_check_signature(&l.certs[0], root, 0), GLASS_E_CERT_BAD_SIGNATURE);
    glass_x509_list_free(&l);
}

/* ---- validation: every good chain, every failure reason ---- */

typedef struct chain_case {
    const char *file, *host;
    int         want, depth;
} chain_case;

static const chain_case good[] = {
    { "chain-localhost.pem", "localhost", 0, -1 },
    { "chain-localhost.pem", "LocalHost.", 0, -1 },
    { "chain-ipv4.pem", "127.0.0.1", 0, -1 },
    { "chain-ipv6.pem", "::1", 0, -1 },
    { "chain-ipv6.pem", "[::1]", 0, -1 },
    { "chain-ipv6.pem", "0:0:0:0:0:0:0:1", 0, -1 },
    { "chain-wildcard.pem", "www.glass.test", 0, -1 },
    { "chain-wildcard.pem", "glass.test", 0, -1 },
    { "chain-ec-leaf.pem", "localhost", 0, -1 },       /* an EC leaf under the RSA CA */
    { "chain-localhost.pem", NULL, 0, -1 },            /* no host check asked */
};

static const chain_case bad[] = {
    { "chain-expired.pem", "localhost", GLASS_E_CERT_EXPIRED, 0 },
    { "chain-notyet.pem", "localhost", GLASS_E_CERT_NOT_YET_VALID, 0 },
    { "chain-wronghost.pem", "localhost", GLASS_E_CERT_HOSTNAME, 0 },
    { "chain-unknownca.pem", "localhost", GLASS_E_CERT_UNKNOWN_ISSUER, 0 },
    { "chain-badsig.pem", "localhost", GLASS_E_CERT_BAD_SIGNATURE, 0 },
    { "chain-noca.pem", "localhost", GLASS_E_CERT_NOT_CA, 1 },
    { "chain-pathlen.pem", "localhost", GLASS_E_CERT_PATH_TOO_LONG, 2 },
    { "chain-nokcs.pem", "localhost", GLASS_E_CERT_KEY_USAGE, 1 },
    { "chain-critical.pem", "localhost", GLASS_E_CERT_UNKNOWN_CRITICAL, 0 },
    { "chain-clientauth.pem", "localhost", GLASS_E_CERT_EXT_KEY_USAGE, 0 },
    { "chain-sha1.pem", "localhost", GLASS_E_CERT_SHA1, 0 },
    { "chain-weak1024.pem", "localhost", GLASS_E_CERT_WEAK_KEY, 0 },
    /* host-name rules on good chains */
    { "chain-ipv4.pem", "localhost", GLASS_E_CERT_HOSTNAME, 0 },
    { "chain-localhost.pem", "127.0.0.1", GLASS_E_CERT_HOSTNAME, 0 },
    { "chain-ipv6.pem", "::2", GLASS_E_CERT_HOSTNAME, 0 },
    { "chain-wildcard.pem", "a.b.glass.test", GLASS_E_CERT_HOSTNAME, 0 },
    { "chain-wildcard.pem", "wildcard-cn.example", GLASS_E_CERT_HOSTNAME, 0 }, /* CN ignored */
    { "chain-ipcn.pem", "127.0.0.1", GLASS_E_CERT_HOSTNAME, 0 },   /* IP never vs CN */
    /* "*.localhost" would name it, but a wildcard never stands over a
     * public suffix (one label here): the reason says so */
    { "chain-wronghost.pem", "x.localhost", GLASS_E_CERT_WILDCARD, 0 },
    { "chain-cnonly.pem", "other.glass.test", GLASS_E_CERT_HOSTNAME, 0 },
    /* RFC 9525 6.3: no fallback to the subject CN (test_cn_fallback_option
     * shows the off-by-default option that allows it) */
    { "chain-cnonly.pem", "cn-only.glass.test", GLASS_E_CERT_HOSTNAME, 0 },
};

static void test_good_chains(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        char path[128];
        glass_x509_verify_detail det;
        snprintf(path, sizeof(path), CERTS "%s", good[i].file);
        int r = verify_file(path, &trust, good[i].host, T2030, &det);
        if (r != 0)
            fail_msg("%s for %s: %s", good[i].file, good[i].host ? good[i].host : "(none)",
                     det.message);
        assert_int_equal(det.err, 0);
        assert_int_equal(det.path_len, 3);
    }
    /* the demo server under its own CA */
    glass_x509_list demo;
    glass_x509_list_init(&demo);
    assert_int_equal(glass_x509_list_load_file(&demo, CERTS "demo-ca.pem"), 0);
    assert_int_equal(verify_file(CERTS "chain-demo-server.pem", &demo, "localhost", T2030, NULL), 0);
    assert_int_equal(verify_file(CERTS "chain-demo-server.pem", &demo, "127.0.0.1", T2030, NULL), 0);
    assert_int_equal(verify_file(CERTS "chain-demo-server.pem", &demo, "::1", T2030, NULL), 0);
    /* ... and not under ours */
    assert_int_equal(verify_file(CERTS "chain-demo-server.pem", &trust, "localhost", T2030, NULL),
                     GLASS_E_CERT_UNKNOWN_ISSUER);
    glass_x509_list_free(&demo);
}

static void test_each_failure_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char path[128];
        glass_x509_verify_detail det;
        snprintf(path, sizeof(path), CERTS "%s", bad[i].file);
        int r = verify_file(path, &trust, bad[i].host, T2030, &det);
        if (r != bad[i].want || det.depth != bad[i].depth)
            fail_msg("%s / %s: got %s at depth %d, want %s at %d (%s)", bad[i].file,
                     bad[i].host, glass_err_name(r), det.depth, glass_err_name(bad[i].want),
                     bad[i].depth, det.message);
        assert_int_equal(det.err, r);
        /* the message names the certificate and the reason */
        assert_non_null(strstr(det.message, det.subject));
        assert_non_null(strstr(det.message, glass_strerror(r)));
        assert_true(strlen(det.subject) > 0);
    }
}

static void test_path_building(void **state)
{
    (void)state;
    glass_x509_list chain, l;
    glass_x509_list_init(&chain);
    glass_x509_list_init(&l);
    /* intermediates in any order, with an unrelated extra certificate */
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "localhost.pem"), 0);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "other-root.pem"), 0);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "int.pem"), 0);
    assert_int_equal(glass_x509_verify(chain.certs, chain.count, &trust, "localhost", T2030, NULL), 0);
    /* the root sent too: still fine */
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "root.pem"), 0);
    assert_int_equal(glass_x509_verify(chain.certs, chain.count, &trust, "localhost", T2030, NULL), 0);
    /* missing intermediate */
    assert_int_equal(glass_x509_verify(chain.certs, 1, &trust, "localhost", T2030, NULL),
                     GLASS_E_CERT_UNKNOWN_ISSUER);
    /* empty trust store */
    assert_int_equal(glass_x509_verify(chain.certs, 3, &l, "localhost", T2030, NULL),
                     GLASS_E_CERT_UNKNOWN_ISSUER);
    /* the leaf itself pinned as the trust anchor */
    assert_int_equal(glass_x509_list_load_file(&l, CERTS "localhost.pem"), 0);
    assert_int_equal(glass_x509_verify(chain.certs, 1, &l, "localhost", T2030, NULL), 0);
    glass_x509_list_free(&l);
    /* times: the edges are inclusive (RFC 5280 4.1.2.5) */
    int64_t nb = chain.certs[0].not_before, na = chain.certs[0].not_after;
    assert_int_equal(glass_x509_verify(chain.certs, 3, &trust, NULL, nb, NULL), 0);
    assert_int_equal(glass_x509_verify(chain.certs, 3, &trust, NULL, na, NULL), 0);
    assert_int_equal(glass_x509_verify(chain.certs, 3, &trust, NULL, nb - 1, NULL),
                     GLASS_E_CERT_NOT_YET_VALID);
    assert_int_equal(glass_x509_verify(chain.certs, 3, &trust, NULL, na + 1, NULL),
                     GLASS_E_CERT_EXPIRED);
    assert_int_equal(glass_x509_verify(NULL, 0, &trust, NULL, nb, NULL), GLASS_E_INVALID_ARG);
    glass_x509_list_free(&chain);
}

/* ---- RFC 6125 rules, one pattern at a time ---- */

static void test_dns_match(void **state)
{
    (void)state;
    static const struct { const char *pattern, *host; int match; } t[] = {
        { "localhost", "localhost", 1 },
        { "LOCALHOST", "localhost", 1 },        /* case-insensitive */
        { "www.Glass.Test", "WWW.glass.test", 1 },
        { "localhost", "localhost.", 1 },       /* absolute host name */
        { "*.glass.test", "a.glass.test", 1 },
        { "*.glass.test", "A-1.GLASS.test", 1 },
        { "*.glass.test", "a.b.glass.test", 0 }, /* one label only */
        { "*.glass.test", "glass.test", 0 },
        { "*.glass.test", ".glass.test", 0 },
        { "*.test", "a.test", 0 },              /* single-label remainder */
        { "*.com", "example.com", 0 },
        { "*", "localhost", 0 },
        { "f*.glass.test", "foo.glass.test", 0 }, /* partial wildcard */
        { "*o.glass.test", "foo.glass.test", 0 },
        { "a.*.test", "a.b.test", 0 },          /* not left-most */
        { "*.*.test", "a.b.test", 0 },
        { "*.glass.test", "*.glass.test", 0 },  /* a host is never a pattern */
        { "localhost", "localhos", 0 },
        { "localhost", "", 0 },
        { "a..b", "a..b", 0 },
        { "xn--bcher-kva.example", "XN--BCHER-KVA.example", 1 },
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (glass_x509_dns_match(t[i].pattern, strlen(t[i].pattern), t[i].host) != t[i].match)
            fail_msg("pattern \"%s\" host \"%s\": want %d", t[i].pattern, t[i].host, t[i].match);
}

/* ---- private keys ---- */

static void same_public(const glass_rsa_private *k, const char *cert_file)
{
    glass_x509_list l;
    glass_rsa_public pub;
    glass_x509_list_init(&l);
    assert_int_equal(glass_x509_list_load_file(&l, cert_file), 0);
    memset(&pub, 0, sizeof(pub));
    assert_int_equal(glass_x509_rsa_public(&l.certs[0], &pub), 0);
    assert_int_equal(pub.bits, k->pub.bits);
    assert_int_equal(pub.len, k->pub.len);
    assert_memory_equal(pub.n, k->pub.n, sizeof(pub.n));
    assert_memory_equal(pub.e, k->pub.e, sizeof(pub.e));
    glass_x509_list_free(&l);
}

static void test_private_keys(void **state)
{
    (void)state;
    glass_rsa_private *k = calloc(1, sizeof(*k));
    assert_non_null(k);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "leaf.key"), 0);            /* PKCS#8 */
    same_public(k, CERTS "localhost.pem");
    glass_rsa_private_free(k);
    memset(k, 0, sizeof(*k));
    assert_int_equal(glass_x509_key_load_file(k, CERTS "leaf-pkcs1.key"), 0);      /* PKCS#1 */
    same_public(k, CERTS "localhost.pem");
    glass_rsa_private_free(k);
    memset(k, 0, sizeof(*k));
    assert_int_equal(glass_x509_key_load_file(k, CERTS "demo-server.key"), 0);
    same_public(k, CERTS "demo-server.pem");
    glass_rsa_private_free(k);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "leaf-encrypted.key"), GLASS_E_KEY_ENCRYPTED);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "leaf-pkcs1-encrypted.key"),
                     GLASS_E_KEY_ENCRYPTED);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "ec.key"), GLASS_E_UNSUPPORTED);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "localhost.pem"), GLASS_E_KEY_MALFORMED);
    assert_int_equal(glass_x509_key_load_file(k, CERTS "nope.key"), GLASS_E_FILE);
    static const char junk[] = "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n";
    assert_int_equal(glass_x509_key_load(k, (const uint8_t *)junk, strlen(junk)),
                     GLASS_E_KEY_MALFORMED);
    /* raw DER (PKCS#8) converted by openssl */
    assert_int_equal(system("openssl pkcs8 -topk8 -nocrypt -in " CERTS "leaf.key -outform DER "
                            "-out build/test-leaf.der 2>/dev/null"), 0);
    uint8_t *der;
    size_t n;
    assert_int_equal(glass_read_file("build/test-leaf.der", &der, &n), 0);
    memset(k, 0, sizeof(*k));
    assert_int_equal(glass_x509_key_load(k, der, n), 0);
    same_public(k, CERTS "localhost.pem");
    /* every truncation of it fails cleanly; flipped bytes never crash */
    for (size_t cut = 0; cut < n; cut += 7)
        assert_int_not_equal(glass_x509_key_parse_der(k, der, cut, 1), 0);
    for (size_t i = 0; i < n; i += 3) {
        der[i] ^= 0x41;
        int r = glass_x509_key_parse_der(k, der, n, 1);
        assert_true(r <= 0);
        der[i] ^= 0x41;
    }
    glass_rsa_private_free(k);
    free(der);
    free(k);
}

/* ---- mutated certificates ---- */

static void test_mutations(void **state)
{
    (void)state;
    uint8_t *der;
    size_t n;
    assert_int_equal(glass_read_file(CERTS "localhost.der", &der, &n), 0);
    uint8_t *m = malloc(n);
    assert_non_null(m);
    glass_x509_cert c;
    assert_int_equal(glass_x509_parse(&c, der, n), 0);
    for (size_t cut = 0; cut < n; cut++)               /* every truncation */
        assert_int_not_equal(glass_x509_parse(&c, der, cut), 0);
    /* the error offset points at the broken element: a non-minimal
     * INTEGER planted in the (two-byte) serial number */
    assert_int_equal(glass_x509_parse(&c, der, n), 0);
    assert_int_equal(c.serial.len, 2);
    memcpy(m, der, n);
    size_t serial_off = (size_t)(c.serial.p - der) - 2;    /* its tag */
    glass_x509_cert c2;
    m[serial_off + 2] = 0x00;                              /* leading zero octet */
    m[serial_off + 3] = 0x10;
    assert_int_equal(glass_x509_parse(&c2, m, n), GLASS_E_DER);
    assert_int_equal(c2.err_off, serial_off);
    uint8_t *longer = malloc(n + 1);                   /* trailing data */
    assert_non_null(longer);
    memcpy(longer, der, n);
    longer[n] = 0;
    assert_int_equal(glass_x509_parse(&c, longer, n + 1), GLASS_E_DER);
    free(longer);
    int accepted = 0;
    for (size_t i = 0; i < n; i++) {                   /* every byte flipped */
        static const uint8_t x[] = { 0xff, 0x01, 0x80 };
        for (size_t k = 0; k < sizeof(x); k++) {
            memcpy(m, der, n);
            m[i] ^= x[k];
            int r = glass_x509_parse(&c, m, n);
            if (r == 0) {
                accepted++;
                /* whatever parsed must then be refused or accepted cleanly */
                r = glass_x509_verify(&c, 1, &trust, "localhost", T2030, NULL);
                assert_true(r <= 0);
                char buf[300];
                glass_x509_subject_string(&c, buf, sizeof(buf));
                glass_x509_check_host(&c, "localhost");
            } else {
                assert_true(r == GLASS_E_DER || r == GLASS_E_CERT_MALFORMED);
            }
        }
    }
    /* flips inside string values and the signature parse; the rest mostly not */
    assert_true(accepted > 0);
    free(m);
    free(der);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_fields),
        cmocka_unit_test(test_fingerprint_and_self_signature),
        cmocka_unit_test(test_good_chains),
        cmocka_unit_test(test_each_failure_reason),
        cmocka_unit_test(test_path_building),
        cmocka_unit_test(test_dns_match),
        cmocka_unit_test(test_private_keys),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests_name("x509", tests, setup, teardown);
}
