/*
 * fuzz_pathbuild.c — certification path building (lib/x509/verify.c's
 * depth-first search with backtracking) and the name-constraint checks on
 * every path it completes.
 *
 * The input is DER certificates back to back: the first that parses is
 * the leaf, the others a pile of candidate issuers in the order sent (a
 * seed is a fixture chain from tests/certs, e.g. chain-pv-hostile.pem, 16
 * cross-certified CAs of one name, or chain-pv-cross.pem, a dead end sent
 * first).  The pile is validated against tests/certs/root.pem, then with
 * every certificate of the pile also trusted (so that many paths complete
 * and reach the name constraints and the leaf checks), for a server and a
 * client, with --explain's callback on.
 *
 * Invariants: the result is 0 or an error code; the reported path is at
 * most GLASS_X509_MAX_CHAIN long; the search never examines more than
 * GLASS_X509_MAX_CANDIDATES candidates (counted from the explanation's
 * lines); every explanation line is a NUL-terminated string.
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

#define MAX_CERTS 24
#define NOW 1893456000            /* 2030-01-01T00:00:00Z, as tests/certs */

typedef struct counter {
    int examined;                 /* candidates that cost a signature check */
} counter;

static void count_line(void *ctx, const char *line)
{
    counter *c = ctx;
    FUZZ_CHECK(memchr(line, '\0', 1300) != NULL);
    const char *p = line;
    while (*p == ' ')
        p++;
    if (strncmp(p, "candidate ", 10) != 0)
        return;
    /* the three drops that come before the signature check */
    if (strstr(p, "subjectKeyIdentifier is not") != NULL || strstr(p, "a loop") != NULL ||
        strstr(p, "already tried") != NULL)
        return;
    c->examined++;
}

static void run(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                unsigned purpose, const char *host)
{
    counter c = { 0 };
    glass_x509_verify_detail det;
    glass_x509_verify_opts o = { purpose, 0, NULL, NULL, count_line, &c };
    int r = glass_x509_verify_ex(chain, n, trust, host, NOW, &o, &det);
    FUZZ_CHECK(r <= 0);
    FUZZ_CHECK(r != 0 || det.path_len >= 1);
    FUZZ_CHECK(det.path_len <= GLASS_X509_MAX_CHAIN);
    FUZZ_CHECK(c.examined <= GLASS_X509_MAX_CANDIDATES);
    FUZZ_CHECK(memchr(det.message, '\0', sizeof det.message) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static glass_x509_cert chain[MAX_CERTS];
    size_t n = 0;
    glass_der d;
    glass_der_tlv t;

    const glass_x509_list *root = fuzz_test_root();
    glass_der_init(&d, data, size);
    while (n < MAX_CERTS && glass_der_more(&d) && glass_der_next(&d, &t) == 0)
        if (glass_x509_parse(&chain[n], t.tlv, t.tlv_len) == 0)
            n++;
    if (n == 0)
        return 0;
    /* every pair through the name-constraint check directly */
    char why[600], text[900];
    for (size_t i = 0; i < n; i++) {
        glass_x509_nc_text(&chain[i], text, sizeof text);
        FUZZ_CHECK(memchr(text, '\0', sizeof text) != NULL);
        for (size_t j = 0; j < n; j++) {
            int r = glass_x509_nc_check(&chain[i], &chain[j], 1, why, sizeof why);
            FUZZ_CHECK(r == 0 || r == GLASS_E_CERT_NC_EXCLUDED ||
                       r == GLASS_E_CERT_NC_NOT_PERMITTED || r == GLASS_E_CERT_NC_UNSUPPORTED);
        }
    }
    run(chain, n, root, GLASS_EKU_SERVER_AUTH, "localhost");

    glass_x509_list trust;
    glass_x509_list_init(&trust);
    int ok = glass_x509_list_add_der(&trust, root->certs[0].der.p, root->certs[0].der.len) == 0;
    for (size_t i = 1; ok && i < n; i++)
        ok = glass_x509_list_add_der(&trust, chain[i].der.p, chain[i].der.len) == 0;
    if (ok) {
        run(chain, n, &trust, GLASS_EKU_SERVER_AUTH, "www.good.test");
        run(chain, n, &trust, GLASS_EKU_CLIENT_AUTH, NULL);
    }
    glass_x509_list_free(&trust);
    return 0;
}
