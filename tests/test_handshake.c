/*
 * test_handshake.c — whole TLS 1.2 handshakes, client and server in one
 * process over the in-memory pipe (tests/helpers/hs_fixture.c): every suite, with
 * and without the extended master secret; determinism and the golden
 * transcripts; the certificate refusals; the Bleichenbacher-safe RSA path.
 *
 * Golden transcripts: tests/vectors/handshake_<suite>.hex hold every byte
 * both sides sent (handshake, then one request and one answer), with fixed
 * random generators and the fixed clock of tests/helpers/hs_fixture.h.  They are
 * glasstls's own output, so this test proves REPEATABILITY; their
 * correctness is checked independently by tests/tools/check_golden.py
 * (Python + python3-cryptography re-derive the randoms from the seed, the
 * keys, both Finished and the application data; tests/sh/golden_independent.sh)
 * and by the interop tests against OpenSSL, GnuTLS and curl.
 * A change to them must be deliberate: anything that alters a byte on the
 * wire (message or extension order, a new extension, the RNG draw order,
 * the test certificates in tests/certs/) changes them.  To regenerate,
 * after checking why they changed:
 *
 *     GLASS_REGEN_GOLDEN=1 build/tests/test_handshake
 *
 * and commit the new files with a message that says why.
 */
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
#include "handshake/suites.h"
#include "helpers/splitmix.h"

static const uint16_t all_suites[] = {
    GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384,
    GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
};

/* Application data both ways over an established pair. */
static void exchange_data(hs_pair *p)
{
    static const uint8_t req[] = "GET / HTTP/1.0\r\n\r\n";
    static const uint8_t ans[] = "HTTP/1.0 200 OK\r\n\r\nhello from glasstls";
    uint8_t buf[256];
    long n;

    assert_int_equal(glass_write(p->client, req, sizeof req - 1), (long)(sizeof req - 1));
    n = glass_read(p->server, buf, sizeof buf);
    assert_int_equal(n, (long)(sizeof req - 1));
    assert_memory_equal(buf, req, sizeof req - 1);
    assert_int_equal(glass_write(p->server, ans, sizeof ans - 1), (long)(sizeof ans - 1));
    n = glass_read(p->client, buf, sizeof buf);
    assert_int_equal(n, (long)(sizeof ans - 1));
    assert_memory_equal(buf, ans, sizeof ans - 1);
}

static void run_one(hs_pair *p, uint16_t suite, int ems)
{
    int ce, se;
    assert_int_equal(hs_pair_setup(p, "chain-localhost.pem", "leaf.key", suite, ems), 0);
    assert_int_equal(hs_pair_connect(p), 0);
    assert_int_equal(hs_pair_run(p, &ce, &se), 0);
    assert_true(glass_handshake_done(p->client));
    assert_true(glass_handshake_done(p->server));
    assert_int_equal(glass_conn_suite(p->client), suite);
    assert_int_equal(glass_conn_suite(p->server), suite);
    assert_int_equal(glass_conn_ems(p->client), ems);
    assert_int_equal(glass_conn_ems(p->server), ems);
    assert_string_equal(glass_conn_server_name(p->server), "localhost");
    assert_int_equal(glass_conn_state(p->client), GLASS_ST_APPLICATION_DATA);
    exchange_data(p);
}

static void test_every_suite_with_and_without_ems(void **state)
{
    (void)state;
    static hs_pair p;
    for (size_t i = 0; i < 4; i++) {
        for (int ems = 0; ems <= 1; ems++) {
            run_one(&p, all_suites[i], ems);
            hs_pair_free(&p);
        }
    }
}

static void test_default_prefers_ecdhe(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(glass_conn_suite(p.client), GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    hs_pair_free(&p);
    /* a server configured RSA-first picks RSA from the same client */
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    p.scfg.suites[0] = GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384;
    p.scfg.suites[1] = GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    p.scfg.suite_count = 2;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(glass_conn_suite(p.client), GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384);
    hs_pair_free(&p);
}

/* The steps, one at a time: each leaves its message as a typed struct. */
static void test_steps_and_last_message(void **state)
{
    (void)state;
    static hs_pair p;
    static const int client_expect[] = {
        GLASS_HS_CLIENT_HELLO, GLASS_HS_SERVER_HELLO, GLASS_HS_CERTIFICATE,
        GLASS_HS_SERVER_KEY_EXCHANGE, GLASS_HS_SERVER_HELLO_DONE, GLASS_HS_CLIENT_KEY_EXCHANGE,
        GLASS_HS_CHANGE_CIPHER_SPEC, GLASS_HS_FINISHED, GLASS_HS_CHANGE_CIPHER_SPEC,
        GLASS_HS_FINISHED,
    };
    size_t seen = 0;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key",
                                   GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_string_equal(glass_conn_state_name(p.client), "ClientHello");
    assert_int_equal(glass_conn_last_message(p.client)->type, GLASS_HS_NONE);
    for (int i = 0; i < 100 && !glass_handshake_done(p.client); i++) {
        int rc = glass_handshake_step(p.client);
        if (rc == 0) {
            const glass_hs_message *m = glass_conn_last_message(p.client);
            assert_true(seen < 10);
            assert_int_equal(m->type, client_expect[seen]);
            if (m->type == GLASS_HS_CLIENT_HELLO) {
                assert_true(m->sent);
                assert_string_equal(m->u.client_hello.ext.server_name, "localhost");
            }
            if (m->type == GLASS_HS_SERVER_HELLO) {
                assert_false(m->sent);
                assert_int_equal(m->u.server_hello.cipher_suite, 0xC030);
                assert_int_equal(m->u.server_hello.session_id_len, 32);
            }
            if (m->type == GLASS_HS_SERVER_KEY_EXCHANGE) {
                assert_int_equal(m->u.server_key_exchange.named_group, 29);
                assert_int_equal(m->u.server_key_exchange.sigalg, GLASS_SIGALG_RSA_SHA256);
            }
            seen++;
        } else {
            assert_int_equal(rc, GLASS_E_WANT_READ);
        }
        rc = glass_handshake_step(p.server);
        assert_true(rc == 0 || rc == GLASS_E_WANT_READ);
    }
    assert_int_equal(seen, 10);
    hs_pair_free(&p);
}

static const char *suite_tag(uint16_t s)
{
    switch (s) {
    case 0x009C: return "rsa_aes128";
    case 0x009D: return "rsa_aes256";
    case 0xC02F: return "ecdhe_aes128";
    default:     return "ecdhe_aes256";
    }
}

/* Same seeds and clock: the same bytes, run after run, and the same as the
 * golden file. */
/* The sends of one side in a log ("C"/"S", 2-byte length, bytes): how
 * many, and their bytes one after the other into out. */
static size_t sends_of(const hs_log *log, char who, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = 0, i = 0;
    *out_len = 0;
    while (i + 3 <= log->len) {
        size_t len = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        assert_true(i + 3 + len <= log->len);
        if (log->bytes[i] == who) {
            assert_true(*out_len + len <= cap);
            memcpy(out + *out_len, log->bytes + i + 3, len);
            *out_len += len;
            n++;
        }
        i += 3 + len;
    }
    return n;
}

/* pack_flights: the same bytes on the wire (fixed seeds and clock), in one
 * send per flight instead of one per message — full ECDHE: the server's
 * ServerHello..ServerHelloDone and ChangeCipherSpec + Finished (2 sends,
 * not 6), the client's ClientHello and ClientKeyExchange +
 * ChangeCipherSpec + Finished (2, not 4); RSA key exchange the same (the
 * server's 5 sends become 2).  Application data flows after. */
static void test_pack_flights(void **state)
{
    (void)state;
    static hs_pair a, b;
    static uint8_t wa[32768], wb[32768];
    static const uint16_t suites[] = { GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                       GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384 };
    for (size_t i = 0; i < 2; i++) {
        int ce, se;
        run_one(&a, suites[i], 1);
        assert_int_equal(hs_pair_setup(&b, "chain-localhost.pem", "leaf.key", suites[i], 1), 0);
        b.ccfg.pack_flights = b.scfg.pack_flights = 1;
        assert_int_equal(hs_pair_connect(&b), 0);
        assert_int_equal(hs_pair_run(&b, &ce, &se), 0);
        exchange_data(&b);
        for (int w = 0; w < 2; w++) {
            char who = w ? 'S' : 'C';
            size_t la, lb;
            size_t na = sends_of(&a.log, who, wa, sizeof wa, &la);
            size_t nb = sends_of(&b.log, who, wb, sizeof wb, &lb);
            assert_int_equal(la, lb);
            assert_memory_equal(wa, wb, la);
            /* the handshake's sends, then two application records */
            size_t hs_a = w ? (i == 0 ? 6 : 5) : 4, hs_b = 2;
            assert_int_equal(na, hs_a + 1);
            assert_int_equal(nb, hs_b + 1);
        }
        hs_pair_free(&a);
        hs_pair_free(&b);
    }
}

static void test_transcript_is_deterministic_and_golden(void **state)
{
    (void)state;
    static hs_pair a, b;
    static hs_log golden;
    int regen = getenv("GLASS_REGEN_GOLDEN") != NULL;
    for (size_t i = 0; i < 4; i++) {
        run_one(&a, all_suites[i], 1);
        run_one(&b, all_suites[i], 1);
        assert_true(a.log.len > 1000);
        assert_int_equal(a.log.len, b.log.len);
        assert_memory_equal(a.log.bytes, b.log.bytes, a.log.len);

        char path[128], comment[512];
        snprintf(path, sizeof path, "tests/vectors/handshake_%s.hex", suite_tag(all_suites[i]));
        if (regen) {
            snprintf(comment, sizeof comment,
                     "# glasstls golden transcript, suite 0x%04X with extended master secret:\n"
                     "# every byte sent by the client (C) and the server (S), one line per send;\n"
                     "# fixed DRBG seeds and clock (tests/helpers/hs_fixture.c), tests/certs/chain-localhost.pem.\n"
                     "# Made by: GLASS_REGEN_GOLDEN=1 build/tests/test_handshake (see its header).\n",
                     all_suites[i]);
            assert_int_equal(hs_log_write_hex(&a.log, path, comment), 0);
        }
        assert_int_equal(hs_log_read_hex(&golden, path), 0);
        assert_int_equal(golden.len, a.log.len);
        assert_memory_equal(golden.bytes, a.log.bytes, a.log.len);
        hs_pair_free(&a);
        hs_pair_free(&b);
    }
}

/* The client refuses bad server certificates with the matching alert, and
 * says why in one line. */
static void refuse(const char *chain, int want_err, int want_alert)
{
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, chain, "leaf.key", 0, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(ce, want_err);
    assert_int_equal(glass_conn_last_alert_sent(p.client).description, want_alert);
    assert_int_equal(se, GLASS_E_ALERT_RECEIVED);
    assert_int_equal(glass_conn_last_alert_received(p.server).description, want_alert);
    assert_non_null(glass_conn_peer_cert_reason(p.client));
    assert_null(strchr(glass_conn_peer_cert_reason(p.client), '\n'));
    hs_pair_free(&p);
}

static void test_client_refuses_bad_certificates(void **state)
{
    (void)state;
    refuse("chain-wronghost.pem", GLASS_E_CERT_HOSTNAME, GLASS_ALERT_BAD_CERTIFICATE);
    refuse("chain-expired.pem", GLASS_E_CERT_EXPIRED, GLASS_ALERT_CERTIFICATE_EXPIRED);
    refuse("chain-unknownca.pem", GLASS_E_CERT_UNKNOWN_ISSUER, GLASS_ALERT_UNKNOWN_CA);
}

/* Issue 24 through the handshake: a sub-CA's nameConstraints (critical or
 * not) bind the server's names; path building backtracks from a dead-end
 * issuer the server sent first; the subject CN names no server unless the
 * client's legacy_cn_fallback is set. */
static int run_named(const char *chain, const char *name, int legacy, int *ce)
{
    static hs_pair p;
    int se;
    assert_int_equal(hs_pair_setup(&p, chain, "leaf.key", 0, 1), 0);
    p.ccfg.server_name = name;
    p.ccfg.legacy_cn_fallback = legacy;
    assert_int_equal(hs_pair_connect(&p), 0);
    int r = hs_pair_run(&p, ce, &se);
    hs_pair_free(&p);
    return r;
}

static void test_client_path_validation(void **state)
{
    (void)state;
    int ce;
    refuse("chain-pv-dns-out.pem", GLASS_E_CERT_NC_NOT_PERMITTED, GLASS_ALERT_BAD_CERTIFICATE);
    refuse("chain-pv-crit-out.pem", GLASS_E_CERT_NC_NOT_PERMITTED, GLASS_ALERT_BAD_CERTIFICATE);
    refuse("chain-pv-leaf-ca.pem", GLASS_E_CERT_LEAF_IS_CA, GLASS_ALERT_BAD_CERTIFICATE);
    assert_int_equal(run_named("chain-pv-dns-in.pem", "www.good.test", 0, &ce), 0);
    assert_int_equal(run_named("chain-pv-crit-in.pem", "www.good.test", 0, &ce), 0);
    assert_int_equal(run_named("chain-pv-cross.pem", "localhost", 0, &ce), 0);
    assert_int_not_equal(run_named("chain-cnonly.pem", "cn-only.glass.test", 0, &ce), 0);
    assert_int_equal(ce, GLASS_E_CERT_HOSTNAME);
    assert_int_equal(run_named("chain-cnonly.pem", "cn-only.glass.test", 1, &ce), 0);
}

/* RFC 5246 7.4.2 with RFC 5280 4.2.1.3: a leaf whose keyUsage has one bit
 * serves the suites that use the key that way and is refused for the
 * others, with its own code, the unsupported_certificate alert and a
 * reason naming the missing bit, the bits it has and the suite; with or
 * without the chain check (verify_peer). */
static void key_usage_run(const char *chain, uint16_t suite, int verify, int want_err,
                          const char *want_missing, const char *want_has)
{
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, chain, "leaf.key", suite, 1), 0);
    p.ccfg.verify_peer = verify;
    assert_int_equal(hs_pair_connect(&p), 0);
    if (want_err == 0) {
        assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
        assert_null(glass_conn_peer_cert_reason(p.client));
        hs_pair_free(&p);
        return;
    }
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(ce, want_err);
    assert_int_equal(se, GLASS_E_ALERT_RECEIVED);
    assert_int_equal(glass_conn_last_alert_received(p.server).description,
                     GLASS_ALERT_UNSUPPORTED_CERTIFICATE);
    const char *why = glass_conn_peer_cert_reason(p.client);
    assert_non_null(why);
    assert_null(strchr(why, '\n'));
    char want[512];
    snprintf(want, sizeof want,
             "certificate \"O=glasstls tests, CN=localhost\" (depth 0): %s: "
             "its keyUsage is %s; the suite is %s",
             glass_strerror(want_err), want_has, glass_suite_find(suite)->name);
    assert_string_equal(why, want);
    assert_non_null(strstr(glass_strerror(want_err), want_missing));
    hs_pair_free(&p);
}

static void test_client_refuses_key_usage_for_suite(void **state)
{
    (void)state;
    const uint16_t rsa = GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256;
    const uint16_t ecdhe = GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
    for (int verify = 0; verify <= 1; verify++) {
        key_usage_run("chain-ku-sign.pem", ecdhe, verify, 0, NULL, NULL);
        key_usage_run("chain-ku-encipher.pem", rsa, verify, 0, NULL, NULL);
        key_usage_run("chain-ku-sign.pem", rsa, verify, GLASS_E_CERT_KU_ENCIPHERMENT,
                      "lacks keyEncipherment", "digitalSignature");
        key_usage_run("chain-ku-encipher.pem", ecdhe, verify, GLASS_E_CERT_KU_SIGNATURE,
                      "lacks digitalSignature", "keyEncipherment");
    }
}

/* RFC 6066 section 3: no server_name for an IP literal; the certificate is
 * then checked against its iPAddress entries. */
static void test_no_sni_for_ip_literals(void **state)
{
    static hs_pair p;
    static const char *const hosts[] = { "127.0.0.1", "::1", "[::1]" };
    static const char *const chains[] = { "chain-ipv4.pem", "chain-ipv6.pem", "chain-ipv6.pem" };
    int ce, se;
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(hs_pair_setup(&p, chains[i], "leaf.key", 0, 1), 0);
        p.ccfg.server_name = hosts[i];
        assert_int_equal(hs_pair_connect(&p), 0);
        assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
        assert_null(glass_conn_server_name(p.server));
        hs_pair_free(&p);
    }
}

/* RFC 5246 7.4.7.1: a corrupted RSA ciphertext (bad padding once
 * decrypted) must not be told apart from a good premaster with a wrong
 * Finished.  The server goes on with a random premaster, so its keys differ
 * from the client's and the client's encrypted Finished fails to open:
 * bad_record_mac — exactly what a corrupted Finished record gives. */
static void tamper_run(int type, size_t offset, int *server_err, int *alert)
{
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key",
                                   GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    p.ctap.tamper_type = type;
    p.ctap.tamper_offset = offset;
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    *server_err = se;
    *alert = glass_conn_last_alert_sent(p.server).description;
    assert_int_equal(glass_conn_last_alert_received(p.client).description, *alert);
    hs_pair_free(&p);
}

static void test_rsa_bad_padding_looks_like_bad_finished(void **state)
{
    (void)state;
    int e0, a0, e1, a1, e2, a2;
    tamper_run(HS_TAMPER_ENCRYPTED, 20, &e0, &a0);                /* the Finished record */
    assert_int_equal(e0, GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(a0, GLASS_ALERT_BAD_RECORD_MAC);
    tamper_run(GLASS_HS_CLIENT_KEY_EXCHANGE, 2 + 100, &e1, &a1);  /* inside the RSA block */
    assert_int_equal(e1, e0);
    assert_int_equal(a1, a0);
    tamper_run(GLASS_HS_CLIENT_KEY_EXCHANGE, 2, &e2, &a2);        /* its first byte */
    assert_int_equal(e2, e0);
    assert_int_equal(a2, a0);
}

/* A transport that moves one byte per call: every step must cope with
 * would-block in the middle of a record, in both directions. */
static void test_one_byte_at_a_time(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key",
                                   GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    glass_pipe_set_chunk(p.pipe, 1);
    for (int i = 0; i < 100000 && !(glass_handshake_done(p.client) &&
                                    glass_handshake_done(p.server)); i++) {
        ce = glass_handshake_step(p.client);
        se = glass_handshake_step(p.server);
        assert_true(ce == 0 || ce == GLASS_E_WANT_READ || ce == GLASS_E_WANT_WRITE);
        assert_true(se == 0 || se == GLASS_E_WANT_READ || se == GLASS_E_WANT_WRITE);
    }
    assert_true(glass_handshake_done(p.client));
    assert_true(glass_handshake_done(p.server));
    hs_pair_free(&p);
}

static void test_require_ems(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 0), 0);
    p.scfg.require_ems = 1;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(se, GLASS_E_EMS_REQUIRED);
    assert_int_equal(glass_conn_last_alert_received(p.client).description,
                     GLASS_ALERT_HANDSHAKE_FAILURE);
    hs_pair_free(&p);
    /* the client side of the setting: a server that does not answer it */
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    p.ccfg.require_ems = 1;
    p.scfg.disable_ems = 1;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_not_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(ce, GLASS_E_EMS_REQUIRED);
    assert_int_equal(glass_conn_last_alert_received(p.server).description,
                     GLASS_ALERT_HANDSHAKE_FAILURE);
    hs_pair_free(&p);
}

/* The signature schemes of a ServerKeyExchange (lib/handshake/sigalgs.c):
 * each signs and verifies with the server key; a signature made with one
 * padding does not pass as the other; a bit flipped anywhere fails; a
 * scheme glasstls does not offer is illegal_parameter. */
static void test_signature_schemes(void **state)
{
    (void)state;
    static hs_pair p;
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    static const uint16_t schemes[] = {
        GLASS_SIGALG_RSA_SHA256, GLASS_SIGALG_RSA_SHA384, GLASS_SIGALG_RSA_SHA512,
        GLASS_SIGALG_RSA_PSS_RSAE_SHA256, GLASS_SIGALG_RSA_PSS_RSAE_SHA384,
        GLASS_SIGALG_RSA_PSS_RSAE_SHA512,
    };
    uint8_t digest[64], sig[512], sig2[512];
    size_t k = glass_rsa_size(&p.key.pub), len;
    uint64_t seed = 42;
    glass_sign_key sk = glass_sign_key_rsa(&p.key);
    static glass_public_key pub;
    pub.type = GLASS_KEY_RSA;
    pub.u.rsa = p.key.pub;
    for (size_t i = 0; i < sizeof digest; i++)
        digest[i] = (uint8_t)(i * 7 + 1);
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        uint16_t a = schemes[i];
        size_t hl = glass_hash_size(glass_sigalg_hash(a));
        assert_int_equal(glass_sigalg_sign(&sk, test_splitmix_rng, &seed, a, digest, hl, sig,
                                           sizeof sig, &len), 0);
        assert_int_equal(len, k);
        assert_int_equal(glass_sigalg_verify(&pub, a, digest, hl, sig, k), 0);
        /* the other padding with the same hash refuses it */
        uint16_t other = schemes[(i + 3) % 6];
        assert_int_equal(glass_sigalg_hash(other), glass_sigalg_hash(a));
        assert_int_not_equal(glass_sigalg_verify(&pub, other, digest, hl, sig, k), 0);
        /* PSS is randomized (a fresh salt), PKCS#1 v1.5 deterministic */
        assert_int_equal(glass_sigalg_sign(&sk, test_splitmix_rng, &seed, a, digest, hl, sig2,
                                           sizeof sig2, &len), 0);
        assert_int_equal(memcmp(sig, sig2, k) == 0, !glass_sigalg_is_pss(a));
        for (size_t bit = 0; bit < 8 * k; bit += 8 * k / 7) {
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            assert_int_not_equal(glass_sigalg_verify(&pub, a, digest, hl, sig, k), 0);
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
    }
    /* an ecdsa scheme with an RSA key: not this key's, either way */
    assert_int_equal(glass_sigalg_verify(&pub, 0x0403, digest, 32, sig, k),
                     GLASS_E_ILLEGAL_PARAMETER);
    assert_int_equal(glass_sigalg_sign(&sk, test_splitmix_rng, &seed, 0x0403, digest, 32, sig,
                                       sizeof sig, &len), GLASS_E_NO_SIGALG);
    assert_int_equal(glass_sigalg_sign(&sk, test_splitmix_rng, &seed, GLASS_SIGALG_RSA_SHA1,
                                       digest, 20, sig, sizeof sig, &len), GLASS_E_NO_SIGALG);
    assert_int_equal(glass_sigalg_sign(&sk, test_splitmix_rng, &seed, GLASS_SIGALG_RSA_SHA256,
                                       digest, 32, sig, k - 1, &len), GLASS_E_BUFFER_TOO_SMALL);
    hs_pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_suite_with_and_without_ems),
        cmocka_unit_test(test_default_prefers_ecdhe),
        cmocka_unit_test(test_steps_and_last_message),
        cmocka_unit_test(test_transcript_is_deterministic_and_golden),
        cmocka_unit_test(test_client_refuses_bad_certificates),
        cmocka_unit_test(test_client_path_validation),
        cmocka_unit_test(test_client_refuses_key_usage_for_suite),
        cmocka_unit_test(test_no_sni_for_ip_literals),
        cmocka_unit_test(test_rsa_bad_padding_looks_like_bad_finished),
        cmocka_unit_test(test_require_ems),
        cmocka_unit_test(test_one_byte_at_a_time),
        cmocka_unit_test(test_signature_schemes),
        cmocka_unit_test(test_pack_flights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
