/*
 * fuzz_x509.c — X.509 certificate parsing (lib/x509/x509.c, name.c,
 * hostname.c) and path validation (verify.c).
 *
 * The input is one or more DER certificates back to back (a seed is a
 * fixture from tests/certs decoded from PEM; several of them make a
 * chain).  Each top-level element is parsed and, when it parses, shown
 * the way glass-x509 shows it (names, algorithm names, SAN entries, host
 * checks).  Then the certificates are validated as a chain sent by a
 * server, leaf first, at the fixtures' fixed time 2030-01-01, against
 * tests/certs/root.pem; and once more with the last certificate added to
 * the trust store, so that a self-anchored path reaches the checks after
 * the signatures (validity, constraints, key usage, host name).  Every
 * certificate's nameConstraints are also checked against every
 * certificate's names directly (the seeds include the chain-pv-* fixtures
 * of constrained CAs).
 *
 * Runs from the repository root (make fuzz, make test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "x509/asn1.h"
#include "x509/nc.h"

#define MAX_CERTS 6
#define NOW 1893456000            /* 2030-01-01T00:00:00Z, as tests/certs */

static void inside(const glass_x509_cert *c, const glass_bytes *b)
{
    if (b->p == NULL)
        return;
    FUZZ_CHECK(b->p >= c->der.p && b->len <= c->der.len &&
               (size_t)(b->p - c->der.p) <= c->der.len - b->len);
}

static void show(const glass_x509_cert *c)
{
    char buf[512], small[8];
    glass_rsa_public pub;
    size_t pos = 0;
    int tag;
    glass_bytes v;

    inside(c, &c->tbs); inside(c, &c->serial); inside(c, &c->sig_oid);
    inside(c, &c->issuer); inside(c, &c->subject); inside(c, &c->spki);
    inside(c, &c->key_oid); inside(c, &c->rsa_n); inside(c, &c->rsa_e);
    inside(c, &c->san); inside(c, &c->ski); inside(c, &c->aki);
    inside(c, &c->unknown_critical); inside(c, &c->signature);
    inside(c, &c->ec_curve_oid);

    (void)glass_x509_subject_string(c, buf, sizeof buf);
    (void)glass_x509_issuer_string(c, small, sizeof small);
    FUZZ_CHECK(memchr(small, '\0', sizeof small) != NULL);
    (void)glass_x509_subject_cn(c, buf, sizeof buf);
    (void)glass_x509_sig_alg_name(c, buf, sizeof buf);
    (void)glass_x509_key_type_name(c, small, sizeof small);
    (void)glass_x509_oid_string(&c->unknown_critical, buf, sizeof buf);
    for (int i = 0; i < 64 && glass_x509_san_next(c, &pos, &tag, &v) == 1; i++)
        inside(c, &v);
    (void)glass_x509_check_host(c, "localhost");
    (void)glass_x509_check_host(c, "www.example.com");
    (void)glass_x509_check_host(c, "127.0.0.1");
    (void)glass_x509_check_host(c, "::1");
    /* a self-issued certificate checks its own signature (RSA is slow
     * under ASan: only then) */
    if (glass_x509_self_issued(c) && glass_x509_rsa_public(c, &pub) == 0)
        (void)glass_x509_check_signature(c, c, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    glass_x509_cert chain[MAX_CERTS];
    size_t n = 0;
    glass_der d;
    glass_der_tlv t;
    glass_x509_verify_detail det;

    const glass_x509_list *root = fuzz_test_root();
    glass_der_init(&d, data, size);
    while (n < MAX_CERTS && glass_der_more(&d) && glass_der_next(&d, &t) == 0) {
        if (glass_x509_parse(&chain[n], t.tlv, t.tlv_len) != 0)
            continue;
        show(&chain[n]);
        n++;
    }
    /* the whole input as one certificate too (trailing data must fail) */
    glass_x509_cert whole;
    if (glass_x509_parse(&whole, data, size) == 0)
        FUZZ_CHECK(whole.der.len == size);
    if (n == 0)
        return 0;

    /* nameConstraints (RFC 5280 4.2.1.10): each certificate's subtrees
     * against every certificate's names, and as text */
    char why[600], text[900];
    for (size_t i = 0; i < n; i++) {
        glass_x509_nc_text(&chain[i], text, sizeof text);
        FUZZ_CHECK(memchr(text, '\0', sizeof text) != NULL);
        for (size_t j = 0; j < n; j++) {
            int nr = glass_x509_nc_check(&chain[i], &chain[j], 1, why, sizeof why);
            FUZZ_CHECK(nr == 0 || nr == GLASS_E_CERT_NC_EXCLUDED ||
                       nr == GLASS_E_CERT_NC_NOT_PERMITTED || nr == GLASS_E_CERT_NC_UNSUPPORTED);
            if (nr != 0)
                FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
        }
    }
    int r = glass_x509_verify(chain, n, root, "localhost", NOW, &det);
    FUZZ_CHECK(r <= 0);
    FUZZ_CHECK(memchr(det.message, '\0', sizeof det.message) != NULL);

    glass_x509_list trust;
    glass_x509_list_init(&trust);
    if (glass_x509_list_add_der(&trust, root->certs[0].der.p, root->certs[0].der.len) == 0 &&
        glass_x509_list_add_der(&trust, chain[n - 1].der.p, chain[n - 1].der.len) == 0) {
        (void)glass_x509_verify(chain, n, &trust, "localhost", NOW, &det);
        (void)glass_x509_verify(chain, n, &trust, "127.0.0.1", NOW, NULL);
    }
    glass_x509_list_free(&trust);
    return 0;
}
