/*
 * test_handshake_ec.c — whole handshakes with elliptic curves, client and
 * server in one process (tests/helpers/hs_fixture.c): the ECDHE_ECDSA
 * suites over every group (x25519, secp256r1, secp384r1) with P-256, P-384
 * and mixed chains; ECDHE_RSA over the NIST groups; a server with an RSA
 * and an ECDSA certificate giving each client its own; the server's group
 * order; and the refusals: compressed, off-curve and wrong-group points in
 * ClientKeyExchange and ServerKeyExchange (illegal_parameter), an ECDSA
 * leaf that may not sign, a client without the uncompressed point format.
 */
#define _GNU_SOURCE                /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "helpers/hs_fixture.h"

static void exchange_data(hs_pair *p)
{
    static const uint8_t req[] = "GET / HTTP/1.0\r\n\r\n";
    uint8_t buf[64];
    assert_int_equal(glass_write(p->client, req, sizeof req - 1), (long)(sizeof req - 1));
    assert_int_equal(glass_read(p->server, buf, sizeof buf), (long)(sizeof req - 1));
    assert_memory_equal(buf, req, sizeof req - 1);
    assert_int_equal(glass_write(p->server, req, sizeof req - 1), (long)(sizeof req - 1));
    assert_int_equal(glass_read(p->client, buf, sizeof buf), (long)(sizeof req - 1));
}

/* A pair with this server chain and key, the client trusting `anchor`
 * (besides root.pem), offering `suite` (0: all) and `group` (0: all).
 * With an EC server key the client also lists the key's curve, after
 * `group` (RFC 8422 5.1: an ECDSA certificate must be on a curve the
 * client named), and the server then allows `group` alone for ECDHE. */
static void setup(hs_pair *p, const char *chain, const char *key, const char *anchor,
                  uint16_t suite, uint16_t group)
{
    assert_int_equal(hs_pair_setup(p, chain, key, suite, 1), 0);
    if (anchor != NULL)
        assert_int_equal(hs_pair_trust(p, anchor), 0);
    if (group != 0) {
        p->ccfg.groups[0] = group;
        p->ccfg.group_count = 1;
        if (p->pkey.type == GLASS_KEY_EC && (uint16_t)p->pkey.u.ec.curve != group) {
            p->ccfg.groups[1] = (uint16_t)p->pkey.u.ec.curve;
            p->ccfg.group_count = 2;
            p->scfg.groups[0] = group;
            p->scfg.group_count = 1;
        }
    }
}

static void expect_ok(hs_pair *p, uint16_t suite, uint16_t group)
{
    int ce, se;
    assert_int_equal(hs_pair_connect(p), 0);
    int r = hs_pair_run(p, &ce, &se);
    if (r != 0)
        fail_msg("suite %04x group %u: client %s, server %s", suite, group,
                 glass_err_name(ce), glass_err_name(se));
    assert_int_equal(glass_conn_suite(p->client), suite);
    assert_int_equal(glass_conn_suite(p->server), suite);
    assert_int_equal(glass_conn_group(p->client), group);
    assert_int_equal(glass_conn_group(p->server), group);
    exchange_data(p);
}

static void test_ecdsa_suites_every_group(void **state)
{
    (void)state;
    static const struct { const char *chain, *key, *anchor; } chains[] = {
        { "chain-ec256.pem", "ec256.key", "ec-root.pem" },        /* P-256 chain */
        { "chain-ec384.pem", "ec384-pkcs8.key", "ec384-root.pem" }, /* P-384 chain */
        { "chain-ec-leaf.pem", "ec.key", NULL },                  /* RSA root, EC leaf */
    };
    static const uint16_t suites[] = { GLASS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                       GLASS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 };
    static const uint16_t groups[] = { GLASS_GROUP_X25519, GLASS_GROUP_SECP256R1,
                                       GLASS_GROUP_SECP384R1 };
    static hs_pair p;
    for (size_t c = 0; c < 3; c++)
        for (size_t s = 0; s < 2; s++)
            for (size_t g = 0; g < 3; g++) {
                setup(&p, chains[c].chain, chains[c].key, chains[c].anchor, suites[s],
                      groups[g]);
                expect_ok(&p, suites[s], groups[g]);
                /* the ServerKeyExchange was signed with the curve's scheme */
                hs_pair_free(&p);
            }
}

static void test_ecdhe_rsa_over_nist_groups(void **state)
{
    (void)state;
    static hs_pair p;
    setup(&p, "chain-localhost.pem", "leaf.key", NULL,
          GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_GROUP_SECP256R1);
    expect_ok(&p, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_GROUP_SECP256R1);
    hs_pair_free(&p);
    setup(&p, "chain-localhost.pem", "leaf.key", NULL,
          GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, GLASS_GROUP_SECP384R1);
    expect_ok(&p, GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, GLASS_GROUP_SECP384R1);
    hs_pair_free(&p);
    /* an ECDSA CA over an RSA leaf: both RSA key exchanges */
    setup(&p, "chain-rsa-under-ec.pem", "leaf.key", "ec-root.pem",
          GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_GROUP_SECP384R1);
    expect_ok(&p, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_GROUP_SECP384R1);
    hs_pair_free(&p);
    setup(&p, "chain-rsa-under-ec.pem", "leaf.key", "ec-root.pem",
          GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, 0);
    expect_ok(&p, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, 0);
    hs_pair_free(&p);
}

/* Did the server send this certificate? (its DER is in the transcript) */
static int sent_cert(const hs_pair *p, const glass_x509_list *l)
{
    return memmem(p->log.bytes, p->log.len, l->certs[0].der.p, l->certs[0].der.len) != NULL;
}

static void test_two_certificates(void **state)
{
    (void)state;
    static hs_pair p;
    static const struct { uint16_t suite, want; int ec; } cases[] = {
        { GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0xC02F, 0 },   /* RSA-only client */
        { GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384, 0x009D, 0 },
        { GLASS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0xC02C, 1 }, /* ECDSA-only client */
        { 0, 0xC02B, 1 },                       /* both: ECDSA first by default */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup(&p, "chain-localhost.pem", "leaf.key", "ec-root.pem", cases[i].suite, 0);
        assert_int_equal(hs_pair_add_cert(&p, "chain-ec256.pem", "ec256.key"), 0);
        expect_ok(&p, cases[i].want, cases[i].want == 0x009D ? 0 : GLASS_GROUP_X25519);
        assert_int_equal(sent_cert(&p, &p.chain2), cases[i].ec);
        assert_int_equal(sent_cert(&p, &p.chain), !cases[i].ec);
        hs_pair_free(&p);
    }
    /* both in certs[] (no RSA-only fields): the same choice */
    setup(&p, "chain-ec384.pem", "ec384.key", "ec384-root.pem",
          GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 0);
    assert_int_equal(hs_pair_add_cert(&p, "chain-rsa-under-ec.pem", "leaf.key"), 0);
    assert_int_equal(hs_pair_trust(&p, "ec-root.pem"), 0);
    expect_ok(&p, 0xC030, GLASS_GROUP_X25519);
    assert_true(sent_cert(&p, &p.chain2));
    hs_pair_free(&p);
}

static void test_server_group_order(void **state)
{
    (void)state;
    static hs_pair p;
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, 0);
    expect_ok(&p, 0xC02B, GLASS_GROUP_X25519);            /* x25519 first by default */
    hs_pair_free(&p);
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, 0);
    p.scfg.groups[0] = GLASS_GROUP_SECP384R1;
    p.scfg.groups[1] = GLASS_GROUP_X25519;
    p.scfg.group_count = 2;
    expect_ok(&p, 0xC02B, GLASS_GROUP_SECP384R1);         /* the server's order wins */
    hs_pair_free(&p);
    /* the client offers P-256 only, the server does not have it */
    setup(&p, "chain-localhost.pem", "leaf.key", NULL, 0xC02F, GLASS_GROUP_SECP256R1);
    p.scfg.groups[0] = GLASS_GROUP_X25519;
    p.scfg.group_count = 1;
    int ce, se;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(se, GLASS_E_NO_COMMON_SUITE);
    assert_int_equal(glass_conn_last_alert_received(p.client).description,
                     GLASS_ALERT_HANDSHAKE_FAILURE);
    hs_pair_free(&p);
    /* a group glasstls lacks is refused by glass_config_check */
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    cfg.groups[0] = 25;
    cfg.group_count = 1;
    assert_int_equal(glass_config_check(&cfg), GLASS_E_INVALID_ARG);
}

static void test_refused_certificates(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    /* keyUsage keyAgreement only: it cannot sign the ServerKeyExchange */
    setup(&p, "chain-ec-ku-agree.pem", "ec256.key", "ec-root.pem", 0, 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(ce, GLASS_E_CERT_LEAF_KEY_USAGE);
    hs_pair_free(&p);
    /* an ECDSA certificate on a curve the client did not name (RFC 8422
     * 5.1): no ECDHE_ECDSA suite, so no suite at all for this server */
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, 0);
    p.ccfg.groups[0] = GLASS_GROUP_X25519;
    p.ccfg.group_count = 1;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(se, GLASS_E_NO_COMMON_SUITE);
    hs_pair_free(&p);
    /* an EC-only server and an RSA-only client have no suite in common */
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem",
          GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(se, GLASS_E_NO_COMMON_SUITE);
    hs_pair_free(&p);
}

/* ---- points that are not points ---- */

typedef struct bad_point {
    const char *what;
    int  server_side;             /* 1: the server's SKE is altered, 0: the client's CKE */
    int  type;                    /* handshake type */
    size_t flip;                  /* tamper: byte to flip, or */
    const uint8_t *swap;          /* a whole new body */
    size_t swap_len;
    uint16_t group;               /* what the client offers */
    int  want_err;                /* the refusing side's error */
} bad_point;

static void run_bad_point(const bad_point *b)
{
    static hs_pair p;
    int ce, se;
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, b->group);
    assert_int_equal(hs_pair_connect(&p), 0);
    hs_tap *t = b->server_side ? &p.stap : &p.ctap;
    t->tamper_type = b->type;
    t->tamper_offset = b->flip;
    t->swap = b->swap;
    t->swap_len = b->swap_len;
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    int err = b->server_side ? ce : se;
    glass_conn *refuser = b->server_side ? p.client : p.server;
    glass_conn *other = b->server_side ? p.server : p.client;
    if (err != b->want_err)
        fail_msg("%s: got %s, want %s", b->what, glass_err_name(err),
                 glass_err_name(b->want_err));
    assert_int_equal(glass_conn_last_alert_sent(refuser).description,
                     GLASS_ALERT_ILLEGAL_PARAMETER);
    assert_int_equal(glass_conn_last_alert_received(other).description,
                     GLASS_ALERT_ILLEGAL_PARAMETER);
    printf("    %-58s -> %s, illegal_parameter\n", b->what, glass_err_name(err));
    hs_pair_free(&p);
}

static void test_invalid_points_illegal_parameter(void **state)
{
    (void)state;
    /* a compressed P-256 point (02 || x, SEC 1 2.3.3): 33 bytes */
    static uint8_t cke_compressed[1 + 33], cke_x25519_short[1 + 31];
    cke_compressed[0] = 33;
    cke_compressed[1] = 0x02;
    memset(cke_compressed + 2, 0x5a, 32);
    cke_x25519_short[0] = 31;
    memset(cke_x25519_short + 1, 0x09, 31);
    /* ServerKeyExchange: named_curve secp256r1, a compressed point, a
     * signature that is never looked at (the point is checked first) */
    static uint8_t ske_compressed[4 + 33 + 4 + 8];
    size_t k = 0;
    ske_compressed[k++] = 3;
    ske_compressed[k++] = 0;
    ske_compressed[k++] = 23;
    ske_compressed[k++] = 33;
    ske_compressed[k++] = 0x03;
    memset(ske_compressed + k, 0xa5, 32);
    k += 32;
    ske_compressed[k++] = 0x04;
    ske_compressed[k++] = 0x03;
    ske_compressed[k++] = 0;
    ske_compressed[k++] = 8;
    memset(ske_compressed + k, 0x30, 8);
    /* the same, uncompressed in form but in a group the client did not offer */
    static uint8_t ske_wrong_group[sizeof ske_compressed];
    memcpy(ske_wrong_group, ske_compressed, sizeof ske_compressed);
    ske_wrong_group[2] = 24;

    const bad_point cases[] = {
        { "ClientKeyExchange: compressed P-256 point", 0, GLASS_HS_CLIENT_KEY_EXCHANGE, 0,
          cke_compressed, sizeof cke_compressed, GLASS_GROUP_SECP256R1, GLASS_E_EC_POINT },
        { "ClientKeyExchange: P-256 point off the curve (y changed)", 0,
          GLASS_HS_CLIENT_KEY_EXCHANGE, 65, NULL, 0, GLASS_GROUP_SECP256R1, GLASS_E_EC_POINT },
        { "ClientKeyExchange: P-384 point, 04 turned into 05", 0,
          GLASS_HS_CLIENT_KEY_EXCHANGE, 1, NULL, 0, GLASS_GROUP_SECP384R1, GLASS_E_EC_POINT },
        { "ClientKeyExchange: X25519 key of 31 bytes", 0, GLASS_HS_CLIENT_KEY_EXCHANGE, 0,
          cke_x25519_short, sizeof cke_x25519_short, GLASS_GROUP_X25519,
          GLASS_E_BAD_KEY_SHARE },
        { "ServerKeyExchange: compressed P-256 point", 1, GLASS_HS_SERVER_KEY_EXCHANGE, 0,
          ske_compressed, sizeof ske_compressed, GLASS_GROUP_SECP256R1, GLASS_E_EC_POINT },
        { "ServerKeyExchange: P-256 point off the curve (x changed)", 1,
          GLASS_HS_SERVER_KEY_EXCHANGE, 10, NULL, 0, GLASS_GROUP_SECP256R1, GLASS_E_EC_POINT },
        { "ServerKeyExchange: P-384 point off the curve (y changed)", 1,
          GLASS_HS_SERVER_KEY_EXCHANGE, 4 + 96, NULL, 0, GLASS_GROUP_SECP384R1,
          GLASS_E_EC_POINT },
        { "ServerKeyExchange: a group the client did not offer", 1,
          GLASS_HS_SERVER_KEY_EXCHANGE, 0, ske_wrong_group, sizeof ske_wrong_group,
          GLASS_GROUP_SECP256R1, GLASS_E_ILLEGAL_PARAMETER },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_bad_point(&cases[i]);
}

/* RFC 8422 5.1.2: a ClientHello whose ec_point_formats lacks
 * "uncompressed" gets illegal_parameter from a server that would use ECC.
 * The fixed generators make the ClientHello the same every time, so the
 * offset of its one point format is found in a first run. */
static void test_point_formats_without_uncompressed(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    static const uint8_t ext[] = { 0x00, 0x0b, 0x00, 0x02, 0x01, 0x00 };
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    /* the log starts "C" + length + the ClientHello record (5 + 4 header bytes) */
    const uint8_t *at = memmem(p.log.bytes, p.log.len, ext, sizeof ext);
    assert_non_null(at);
    size_t off = (size_t)(at - p.log.bytes) + 5 - (3 + 9);
    hs_pair_free(&p);
    setup(&p, "chain-ec256.pem", "ec256.key", "ec-root.pem", 0, 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    p.ctap.tamper_type = GLASS_HS_CLIENT_HELLO;
    p.ctap.tamper_offset = off;              /* 00 uncompressed -> 01 compressed_prime */
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(se, GLASS_E_ILLEGAL_PARAMETER);
    assert_int_equal(glass_conn_last_alert_received(p.client).description,
                     GLASS_ALERT_ILLEGAL_PARAMETER);
    hs_pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ecdsa_suites_every_group),
        cmocka_unit_test(test_ecdhe_rsa_over_nist_groups),
        cmocka_unit_test(test_two_certificates),
        cmocka_unit_test(test_server_group_order),
        cmocka_unit_test(test_refused_certificates),
        cmocka_unit_test(test_invalid_points_illegal_parameter),
        cmocka_unit_test(test_point_formats_without_uncompressed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
