/*
 * test_pem.c — PEM blocks (RFC 7468) and strict base64 (RFC 4648): the
 * RFC 4648 section 10 vectors, every strictness rule, labels, CRLF, text
 * between blocks, several blocks per file, and garbage that must not crash.
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

/* Wraps body in BEGIN/END TEST lines and decodes it. */
static int decode(const char *body, uint8_t *out, size_t cap, size_t *n)
{
    char text[512];
    snprintf(text, sizeof(text), "-----BEGIN TEST-----\n%s\n-----END TEST-----\n", body);
    size_t pos = 0;
    glass_pem_block blk;
    int r = glass_pem_next(text, strlen(text), &pos, &blk);
    if (r != 1)
        return r < 0 ? r : GLASS_E_INTERNAL;
    assert_string_equal(blk.label, "TEST");
    return glass_pem_decode(&blk, out, cap, n);
}

static void test_rfc4648_vectors(void **state)
{
    (void)state;
    /* RFC 4648 section 10 */
    static const char *enc[] = { "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    static const char *dec[] = { "f", "fo", "foo", "foob", "fooba", "foobar" };
    for (size_t i = 0; i < 6; i++) {
        uint8_t out[16];
        size_t n;
        assert_int_equal(decode(enc[i], out, sizeof(out), &n), 0);
        assert_int_equal(n, strlen(dec[i]));
        assert_memory_equal(out, dec[i], n);
    }
    uint8_t out[16];
    size_t n;
    assert_int_equal(decode("Zm9v\nYmFy", out, sizeof(out), &n), 0);   /* line break */
    assert_int_equal(n, 6);
    assert_int_equal(decode("Zm9v\r\nYmFy  ", out, sizeof(out), &n), 0);
    assert_int_equal(decode("Zm9vYmFy", out, 5, &n), GLASS_E_BUFFER_TOO_SMALL);
}

static void test_strict_base64(void **state)
{
    (void)state;
    static const char *bad[] = {
        "Zg=",          /* incomplete quantum */
        "Zg",           /* missing padding */
        "Z===",         /* too much padding */
        "Zh==",         /* non-zero unused bits (RFC 4648 3.5) */
        "Zm9=",         /* same for one pad */
        "Zg==Zg==",     /* data after padding */
        "Zg=a",
        "Zm9v!mFy",     /* not in the alphabet */
        "Zm9v-_Fy",     /* base64url is not base64 */
        "Zm 9v",        /* blank inside a line */
        "=Zm9",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint8_t out[16];
        size_t n;
        assert_int_equal(decode(bad[i], out, sizeof(out), &n), GLASS_E_PEM);
    }
}

static int next(const char *text, size_t *pos, glass_pem_block *blk)
{
    return glass_pem_next(text, strlen(text), pos, blk);
}

static void test_labels(void **state)
{
    (void)state;
    glass_pem_block blk;
    size_t pos = 0;
    assert_int_equal(next("-----BEGIN A-----\nZg==\n-----END B-----\n", &pos, &blk), GLASS_E_PEM);
    pos = 0;
    assert_int_equal(next("-----BEGIN A-----\nZg==\n", &pos, &blk), GLASS_E_PEM);
    pos = 0;
    assert_int_equal(next("-----BEGIN A-----\n-----BEGIN A-----\nZg==\n-----END A-----\n",
                          &pos, &blk), GLASS_E_PEM);
    pos = 0;
    assert_int_equal(next("no pem here\n", &pos, &blk), 0);
    pos = 0;
    assert_int_equal(next("", &pos, &blk), 0);
    /* CRLF, text around blocks, two blocks */
    const char *two = "comment line\r\n-----BEGIN X509 CRL-----\r\nZg==\r\n-----END X509 CRL-----\r\n"
                      "between\r\n\r\n-----BEGIN CERTIFICATE-----\nZm8=\n-----END CERTIFICATE-----";
    pos = 0;
    assert_int_equal(next(two, &pos, &blk), 1);
    assert_string_equal(blk.label, "X509 CRL");
    assert_int_equal(next(two, &pos, &blk), 1);
    assert_string_equal(blk.label, "CERTIFICATE");
    assert_int_equal(next(two, &pos, &blk), 0);
    /* RFC 1421 headers: an encrypted legacy key */
    const char *enc = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                      "DEK-Info: AES-256-CBC,00\n\nZg==\n-----END RSA PRIVATE KEY-----\n";
    pos = 0;
    assert_int_equal(next(enc, &pos, &blk), 1);
    assert_true(blk.has_headers);
    assert_true(blk.encrypted);
    uint8_t out[4];
    size_t n;
    assert_int_equal(glass_pem_decode(&blk, out, sizeof(out), &n), 0);
    assert_int_equal(n, 1);
}

static void test_files(void **state)
{
    (void)state;
    /* the PEM and DER forms of the same certificate decode to the same bytes */
    uint8_t *pem, *der;
    size_t pem_len, der_len;
    assert_int_equal(glass_read_file("tests/certs/localhost.pem", &pem, &pem_len), 0);
    assert_int_equal(glass_read_file("tests/certs/localhost.der", &der, &der_len), 0);
    size_t pos = 0, n;
    glass_pem_block blk;
    assert_int_equal(glass_pem_next((char *)pem, pem_len, &pos, &blk), 1);
    uint8_t *out = malloc(glass_pem_max_decoded(blk.body_len));
    assert_non_null(out);
    assert_int_equal(glass_pem_decode(&blk, out, glass_pem_max_decoded(blk.body_len), &n), 0);
    assert_int_equal(n, der_len);
    assert_memory_equal(out, der, n);
    free(out);
    free(pem);
    free(der);
    /* several blocks per file: a chain of three */
    glass_x509_list l;
    glass_x509_list_init(&l);
    assert_int_equal(glass_x509_list_load_file(&l, "tests/certs/chain-pathlen.pem"), 0);
    assert_int_equal(l.count, 3);
    glass_x509_list_free(&l);
    assert_int_equal(glass_x509_list_load_file(&l, "tests/certs/no-such-file.pem"), GLASS_E_FILE);
    /* a directory: every certificate once */
    assert_int_equal(glass_x509_list_load_dir(&l, "tests/certs"), 0);
    assert_true(l.count >= 20);
    for (size_t i = 0; i < l.count; i++)
        for (size_t j = i + 1; j < l.count; j++)
            assert_false(l.certs[i].der.len == l.certs[j].der.len &&
                         memcmp(l.certs[i].der.p, l.certs[j].der.p, l.certs[i].der.len) == 0);
    glass_x509_list_free(&l);
}

static uint32_t rnd_state = 777;
static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

static void test_garbage(void **state)
{
    (void)state;
    static const char alphabet[] = "-BEGIN END CERTIFICATE\n\r=+/AZaz09:";
    char buf[300];
    uint8_t out[300];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = rnd() % sizeof(buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = iter % 2 ? (char)rnd() : alphabet[rnd() % (sizeof(alphabet) - 1)];
        if (iter % 3 == 0 && n > 40) {
            memcpy(buf, "-----BEGIN A-----\n", 18);
            memcpy(buf + n - 16, "\n-----END A-----", 16);
        }
        size_t pos = 0, got;
        glass_pem_block blk;
        int r;
        int guard = 0;
        while ((r = glass_pem_next(buf, n, &pos, &blk)) == 1 && guard++ < 100) {
            assert_true(pos <= n);
            assert_true(blk.body >= buf && blk.body + blk.body_len <= buf + n);
            r = glass_pem_decode(&blk, out, sizeof(out), &got);
            assert_true(r == 0 || r == GLASS_E_PEM);
        }
        assert_true(r == 0 || r == GLASS_E_PEM);
        glass_x509_list l;
        glass_x509_list_init(&l);
        glass_x509_list_add_pem(&l, (uint8_t *)buf, n);
        glass_x509_list_free(&l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_strict_base64),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests_name("pem", tests, NULL, NULL);
}
