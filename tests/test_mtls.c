/*
 * test_mtls.c — the handshake flavours and client authentication (RFC
 * 5246 sections 7.4.4, 7.4.6, 7.4.8): the shape of the tables (each fork
 * shares its prefix with the flavour it leaves, handler names unique
 * across the roles, one way of each choice), and whole handshakes in one
 * process in the flavour with a client certificate.
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
#include "glasstls/record.h"
#include "glasstls/tls.h"
#include "conn/conn.h"
#include "handshake/hs_internal.h"
#include "helpers/hs_fixture.h"

#define CLIENT_SUBJECT "O=glasstls tests, CN=glass client"

/* ---- the tables ---- */

/* A fork names the same steps as the flavour it leaves up to its row, and
 * a different one at it; every flavour ends with the received or sent
 * Finished of the server. */
static void test_forks_share_their_prefix(void **state)
{
    (void)state;
    for (int role = 0; role <= 1; role++) {
        glass_hs_flavour_info fi, parent;
        glass_hs_step_info a, b;
        size_t n = 0;
        assert_true(glass_hs_flavour(role, 0, &fi));
        assert_string_equal(fi.condition, "always");
        for (size_t f = 1; glass_hs_flavour(role, f, &fi); f++) {
            n++;
            assert_true(fi.from < f);
            assert_true(glass_hs_flavour(role, fi.from, &parent));
            assert_true(fi.at < fi.n_steps && fi.at < parent.n_steps);
            for (size_t i = 0; i < fi.at; i++) {
                assert_true(glass_hs_flavour_step(role, f, i, &a));
                assert_true(glass_hs_flavour_step(role, fi.from, i, &b));
                assert_string_equal(a.handler, b.handler);
            }
            assert_true(glass_hs_flavour_step(role, f, fi.at, &a));
            assert_true(glass_hs_flavour_step(role, fi.from, fi.at, &b));
            assert_string_not_equal(a.handler, b.handler);
            /* a fork the peer decides is decided by its first message */
            if (fi.peer_decides)
                assert_int_equal(a.we_send, 0);
        }
        assert_true(n >= 1);                    /* the client-certificate flavour */
        for (size_t f = 0; glass_hs_flavour(role, f, &fi); f++) {
            assert_true(glass_hs_flavour_step(role, f, fi.n_steps - 1, &a));
            assert_int_equal(a.msg_type, GLASS_HS_FINISHED);
            assert_false(glass_hs_flavour_step(role, f, fi.n_steps, &a));
        }
    }
}

/* One handler is one step of one role: no name appears in both roles, nor
 * at two different states of one role. */
static void test_handler_names_unique(void **state)
{
    (void)state;
    static struct { const char *name; int role; int st; } seen[256];
    size_t n = 0;
    for (int role = 0; role <= 1; role++) {
        glass_hs_flavour_info fi;
        glass_hs_step_info st;
        for (size_t f = 0; glass_hs_flavour(role, f, &fi); f++)
            for (size_t i = 0; glass_hs_flavour_step(role, f, i, &st); i++) {
                size_t k;
                for (k = 0; k < n; k++)
                    if (strcmp(seen[k].name, st.handler) == 0) {
                        assert_int_equal(seen[k].role, role);
                        assert_int_equal(seen[k].st, st.state);
                        break;
                    }
                if (k == n) {
                    assert_true(n < 256);
                    seen[n].name = st.handler;
                    seen[n].role = role;
                    seen[n].st = st.state;
                    n++;
                }
            }
    }
    assert_true(n >= 2 * 13);
}

/* The key exchange is a choice in every flavour: an RSA and an ECDHE
 * ClientKeyExchange, one after the other, each with its condition. */
static void test_key_exchange_is_a_choice(void **state)
{
    (void)state;
    for (int role = 0; role <= 1; role++) {
        glass_hs_flavour_info fi;
        glass_hs_step_info st;
        for (size_t f = 0; glass_hs_flavour(role, f, &fi); f++) {
            int rsa = 0, ecdhe = 0;
            for (size_t i = 0; glass_hs_flavour_step(role, f, i, &st); i++) {
                if (st.msg_type != GLASS_HS_CLIENT_KEY_EXCHANGE)
                    continue;
                assert_non_null(st.choice);
                assert_string_equal(st.choice, "key exchange");
                rsa += strcmp(st.condition, "is_rsa") == 0;
                ecdhe += strcmp(st.condition, "is_ecdhe") == 0;
            }
            /* the abbreviated handshake has no key exchange at all */
            int want = strcmp(fi.name, "abbreviated") == 0 ? 0 : 1;
            assert_int_equal(rsa, want);
            assert_int_equal(ecdhe, want);
        }
    }
}

/* ---- handshakes ---- */

typedef struct flavour_log {
    char client[64], server[64];
    int  cv_steps;                /* CertificateVerify steps entered */
} flavour_log;

static void note_flavour(void *ctx, const glass_trace_event *ev)
{
    flavour_log *l = ctx;
    if (ev->kind != GLASS_TRACE_STATE)
        return;
    snprintf(ev->is_server ? l->server : l->client, 64, "%s", ev->flavour);
    if (ev->state == GLASS_ST_CERTIFICATE_VERIFY)
        l->cv_steps++;
}

/* A server that asks, a client without a certificate: both run the
 * client-certificate flavour, the client's Certificate is empty, no
 * CertificateVerify, and the handshake completes (optional mode). */
static void test_optional_empty_certificate(void **state)
{
    (void)state;
    static hs_pair p;
    flavour_log l;
    memset(&l, 0, sizeof l);
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    p.scfg.request_client_certificate = GLASS_CLIENT_CERT_OPTIONAL;
    p.ccfg.trace = note_flavour;
    p.ccfg.trace_ctx = &l;
    p.scfg.trace = note_flavour;
    p.scfg.trace_ctx = &l;
    assert_int_equal(hs_pair_connect(&p), 0);
    int ce, se;
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_string_equal(l.client, "full with client certificate");
    assert_string_equal(l.server, "full with client certificate");
    assert_int_equal(l.cv_steps, 0);
    hs_pair_free(&p);
}

/* Without a request both stay in the full flavour. */
static void test_no_request_full_flavour(void **state)
{
    (void)state;
    static hs_pair p;
    flavour_log l;
    memset(&l, 0, sizeof l);
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    p.ccfg.trace = note_flavour;
    p.ccfg.trace_ctx = &l;
    p.scfg.trace = note_flavour;
    p.scfg.trace_ctx = &l;
    assert_int_equal(hs_pair_connect(&p), 0);
    int ce, se;
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_string_equal(l.client, "full");
    assert_string_equal(l.server, "full");
    hs_pair_free(&p);
}

/* ---- client authentication ---- */

typedef struct mtls {
    hs_pair p;
    glass_x509_list cchain, ctrust;
    glass_rsa_private ckey;       /* an RSA key: cfg->chain / cfg->key */
    glass_private_key cpkey;      /* an EC key: cfg->certs[0] */
    flavour_log l;
    uint16_t cv_sigalg;           /* the scheme of the CertificateVerify the server parsed */
} mtls;

static void note_all(void *ctx, const glass_trace_event *ev)
{
    mtls *m = ctx;
    note_flavour(&m->l, ev);
    if (ev->kind == GLASS_TRACE_MESSAGE && ev->is_server && !ev->sent &&
        ev->msg->type == GLASS_HS_CERTIFICATE_VERIFY)
        m->cv_sigalg = ev->msg->u.certificate_verify.sigalg;
}

/* A pair whose server asks (mode) and trusts client-ca.pem; the client
 * holds cert/key (NULL: none). */
static void mtls_setup(mtls *m, uint16_t suite, int mode, const char *cert, const char *key)
{
    char path[256];
    memset(m, 0, sizeof *m);
    assert_int_equal(hs_pair_setup(&m->p, "chain-localhost.pem", "leaf.key", suite, 1), 0);
    glass_x509_list_init(&m->cchain);
    glass_x509_list_init(&m->ctrust);
    assert_int_equal(glass_x509_list_load_file(&m->ctrust, "tests/certs/client-ca.pem"), 0);
    m->p.scfg.trust = &m->ctrust;
    m->p.scfg.request_client_certificate = mode;
    if (cert != NULL) {
        snprintf(path, sizeof path, "tests/certs/%s", cert);
        assert_int_equal(glass_x509_list_load_file(&m->cchain, path), 0);
        snprintf(path, sizeof path, "tests/certs/%s", key);
        assert_int_equal(glass_private_key_load_file(&m->cpkey, path), 0);
        if (m->cpkey.type == GLASS_KEY_RSA) {      /* the RSA-only pair */
            assert_int_equal(glass_x509_key_load_file(&m->ckey, path), 0);
            glass_private_key_wipe(&m->cpkey);
            m->p.ccfg.chain = &m->cchain;
            m->p.ccfg.key = &m->ckey;
        } else {                                   /* the tagged key */
            assert_int_equal(m->cpkey.type, GLASS_KEY_EC);
            m->p.ccfg.certs[0].chain = &m->cchain;
            m->p.ccfg.certs[0].key = &m->cpkey;
            m->p.ccfg.cert_count = 1;
        }
    }
    m->p.ccfg.trace = note_all;
    m->p.ccfg.trace_ctx = m;
    m->p.scfg.trace = note_all;
    m->p.scfg.trace_ctx = m;
    assert_int_equal(hs_pair_connect(&m->p), 0);
}

static void mtls_free(mtls *m)
{
    hs_pair_free(&m->p);
    glass_x509_list_free(&m->cchain);
    glass_x509_list_free(&m->ctrust);
    glass_private_key_wipe(&m->cpkey);
}

/* Steps both sides until the client's next step is `state` (or one side
 * is done or fails). */
static void run_until_client(mtls *m, glass_hs_state_id state)
{
    for (int i = 0; i < 200 && glass_conn_state(m->p.client) != state; i++) {
        int rc = glass_handshake_step(m->p.client);
        if (rc != 0 && !hs_blocked(rc))
            fail_msg("client failed early: %d", rc);
        if (glass_conn_state(m->p.client) == state)
            break;
        rc = glass_handshake_step(m->p.server);
        if (rc != 0 && !hs_blocked(rc))
            fail_msg("server failed early: %d", rc);
    }
    assert_int_equal(glass_conn_state(m->p.client), state);
}

/* Both sides finish; the server saw the client's certificate. */
static void expect_authenticated(mtls *m, const char *subject)
{
    int ce, se;
    assert_int_equal(hs_pair_run(&m->p, &ce, &se), 0);
    assert_int_equal(ce, 0);
    assert_int_equal(se, 0);
    assert_int_equal(glass_conn_peer_verified(m->p.server), 1);
    assert_non_null(glass_conn_peer_subject(m->p.server));
    assert_string_equal(glass_conn_peer_subject(m->p.server), subject);
    assert_int_equal(m->l.cv_steps, 2);     /* sent by one, received by the other */
}

/* The handshake fails at the server with err, and the client receives
 * the alert. */
static void expect_refused(mtls *m, int err, int alert)
{
    int ce, se;
    assert_int_not_equal(hs_pair_run(&m->p, &ce, &se), 0);
    assert_int_equal(se, err);
    assert_int_equal(glass_alert_for_error(err), alert);
    assert_int_equal(glass_conn_last_alert_sent(m->p.server).description, alert);
    assert_int_equal(glass_conn_last_alert_received(m->p.client).description, alert);
    assert_int_equal(glass_conn_peer_verified(m->p.server), 0);
    assert_null(glass_conn_peer_subject(m->p.server));
}

static const uint16_t schemes[] = {
    GLASS_SIGALG_RSA_SHA256, GLASS_SIGALG_RSA_SHA384, GLASS_SIGALG_RSA_SHA512,
    GLASS_SIGALG_RSA_PSS_RSAE_SHA256, GLASS_SIGALG_RSA_PSS_RSAE_SHA384,
    GLASS_SIGALG_RSA_PSS_RSAE_SHA512,
};

/* Every client key x every signature scheme x optional/required x both
 * key exchanges: the CertificateVerify is made with that scheme (the
 * client's choice is overridden after it parsed the CertificateRequest)
 * and the server accepts it and knows the client's subject.  An EC key
 * has one scheme, that of its curve (ecdsa_secp256r1_sha256 for P-256,
 * ecdsa_secp384r1_sha384 for P-384): the client picks it itself from the
 * server's list, and the others are refused (test_ecdsa_wrong_curve). */
#define EC256_SUBJECT "O=glasstls tests, CN=glass client ec256"
#define EC384_SUBJECT "O=glasstls tests, CN=glass client ec384"
static void test_every_key_and_scheme(void **state)
{
    (void)state;
    static const uint16_t ec256[] = { GLASS_SIGALG_ECDSA_SHA256 };
    static const uint16_t ec384[] = { GLASS_SIGALG_ECDSA_SHA384 };
    static const struct {
        const char *cert, *key, *subject;
        const uint16_t *schemes;
        size_t n_schemes;
        uint16_t own;                       /* what the client picks */
    } keys[] = {
        { "client.pem", "client.key", CLIENT_SUBJECT, schemes, 6, GLASS_SIGALG_RSA_SHA256 },
        { "client3072.pem", "client3072.key", "O=glasstls tests, CN=glass client 3072",
          schemes, 6, GLASS_SIGALG_RSA_SHA256 },
        { "client-ec256.pem", "client-ec256.key", EC256_SUBJECT, ec256, 1,
          GLASS_SIGALG_ECDSA_SHA256 },
        { "client-ec384.pem", "client-ec384.key", EC384_SUBJECT, ec384, 1,
          GLASS_SIGALG_ECDSA_SHA384 },
    };
    static const uint16_t suites[] = { GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                       GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384 };
    static mtls m;
    size_t runs = 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        for (size_t a = 0; a < keys[k].n_schemes; a++)
            for (int mode = GLASS_CLIENT_CERT_OPTIONAL; mode <= GLASS_CLIENT_CERT_REQUIRED; mode++)
                for (size_t su = 0; su < 2; su++) {
                    mtls_setup(&m, suites[su], mode, keys[k].cert, keys[k].key);
                    run_until_client(&m, GLASS_ST_CLIENT_CERTIFICATE);
                    /* the client's own choice: the server's first scheme
                     * for its key */
                    assert_int_equal(m.p.client->hs->client_sigalg, keys[k].own);
                    m.p.client->hs->client_sigalg = keys[k].schemes[a];
                    expect_authenticated(&m, keys[k].subject);
                    assert_int_equal(m.cv_sigalg, keys[k].schemes[a]);
                    assert_string_equal(m.l.client, "full with client certificate");
                    mtls_free(&m);
                    runs++;
                }
    assert_int_equal(runs, (2 * 6 + 2 * 1) * 2 * 2);
}

/* An EC key signing with the ecdsa scheme of another curve's hash (P-384
 * with ecdsa_secp256r1_sha256, as OpenSSL's TLS 1.2 client does; P-256
 * with _sha384 and _sha512): accepted, since in TLS 1.2 the scheme names
 * the hash only (RFC 8422 5.8).  An EC key with a scheme that is not
 * ecdsa (rsa_pkcs1_sha256 in the CertificateVerify, its type byte 0x03
 * made 0x01 by a swapped body) is illegal_parameter. */
static void test_ecdsa_other_curves_hash(void **state)
{
    (void)state;
    static const struct { const char *cert, *key, *subject; uint16_t sigalg; } cases[] = {
        { "client-ec384.pem", "client-ec384.key", EC384_SUBJECT, GLASS_SIGALG_ECDSA_SHA256 },
        { "client-ec256.pem", "client-ec256.key", EC256_SUBJECT, GLASS_SIGALG_ECDSA_SHA384 },
        { "client-ec256.pem", "client-ec256.key", EC256_SUBJECT, GLASS_SIGALG_ECDSA_SHA512 },
    };
    static mtls m;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, cases[i].cert, cases[i].key);
        run_until_client(&m, GLASS_ST_CLIENT_CERTIFICATE);
        m.p.client->hs->client_sigalg = cases[i].sigalg;
        expect_authenticated(&m, cases[i].subject);
        assert_int_equal(m.cv_sigalg, cases[i].sigalg);
        mtls_free(&m);
    }
    /* rsa_pkcs1_sha256 (offered) with a signature of 8 bytes */
    static const uint8_t rsa_cv[] = { 0x04, 0x01, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8 };
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client-ec256.pem", "client-ec256.key");
    m.p.ctap.tamper_type = GLASS_HS_CERTIFICATE_VERIFY;
    m.p.ctap.swap = rsa_cv;
    m.p.ctap.swap_len = sizeof rsa_cv;
    expect_refused(&m, GLASS_E_ILLEGAL_PARAMETER, GLASS_ALERT_ILLEGAL_PARAMETER);
    mtls_free(&m);
}

/* One flipped bit in an ECDSA CertificateVerify: in r (the signature does
 * not verify) and in the DER SEQUENCE tag (it does not parse): both are
 * decrypt_error. */
static void test_ecdsa_certificate_verify_tampered(void **state)
{
    (void)state;
    static const size_t offsets[] = { 10, 4 };   /* sigalg 2, length 2, then the DER */
    static mtls m;
    for (size_t i = 0; i < 2; i++) {
        mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client-ec256.pem", "client-ec256.key");
        m.p.ctap.tamper_type = GLASS_HS_CERTIFICATE_VERIFY;
        m.p.ctap.tamper_offset = offsets[i];
        expect_refused(&m, GLASS_E_BAD_CERT_VERIFY, GLASS_ALERT_DECRYPT_ERROR);
        mtls_free(&m);
    }
}

/* Optional mode: a client without a certificate goes on, unauthenticated. */
static void test_optional_without_certificate(void **state)
{
    (void)state;
    static mtls m;
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_OPTIONAL, NULL, NULL);
    int ce, se;
    assert_int_equal(hs_pair_run(&m.p, &ce, &se), 0);
    assert_int_equal(glass_conn_peer_verified(m.p.server), 0);
    assert_null(glass_conn_peer_subject(m.p.server));
    assert_int_equal(m.l.cv_steps, 0);
    mtls_free(&m);
}

/* Required mode: an empty Certificate is handshake_failure. */
static void test_required_without_certificate(void **state)
{
    (void)state;
    static mtls m;
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, NULL, NULL);
    expect_refused(&m, GLASS_E_CLIENT_CERT_REQUIRED, GLASS_ALERT_HANDSHAKE_FAILURE);
    mtls_free(&m);
}

/* A chain from a CA the server does not trust: unknown_ca, with the
 * reason kept; in optional mode too (a certificate sent is checked). */
static void test_wrong_ca(void **state)
{
    (void)state;
    static mtls m;
    for (int mode = GLASS_CLIENT_CERT_OPTIONAL; mode <= GLASS_CLIENT_CERT_REQUIRED; mode++) {
        mtls_setup(&m, 0, mode, "client-otherca.pem", "client.key");
        expect_refused(&m, GLASS_E_CERT_UNKNOWN_ISSUER, GLASS_ALERT_UNKNOWN_CA);
        assert_non_null(glass_conn_peer_cert_reason(m.p.server));
        mtls_free(&m);
    }
}

/* A certificate for serverAuth only: unsupported_certificate, and the
 * reason names clientAuth. */
static void test_wrong_eku(void **state)
{
    (void)state;
    static mtls m;
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client-servereku.pem", "client.key");
    expect_refused(&m, GLASS_E_CERT_EXT_KEY_USAGE, GLASS_ALERT_UNSUPPORTED_CERTIFICATE);
    assert_non_null(strstr(glass_conn_peer_cert_reason(m.p.server), "clientAuth"));
    mtls_free(&m);
}

/* The client signs a transcript that is not the server's (one byte more
 * hashed on its side before it signs): decrypt_error. */
static void test_certificate_verify_wrong_transcript(void **state)
{
    (void)state;
    static mtls m;
    static const uint8_t extra[1] = { 0 };
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client.pem", "client.key");
    run_until_client(&m, GLASS_ST_CERTIFICATE_VERIFY);
    glass_transcript_add(&m.p.client->hs->transcript, extra, sizeof extra);
    expect_refused(&m, GLASS_E_BAD_CERT_VERIFY, GLASS_ALERT_DECRYPT_ERROR);
    mtls_free(&m);
}

/* A CertificateVerify with a scheme the CertificateRequest did not offer
 * (the low bit of its second byte flipped: rsa_pkcs1_sha256 0x0401 becomes
 * 0x0400): illegal_parameter. */
static void test_certificate_verify_scheme_not_offered(void **state)
{
    (void)state;
    static mtls m;
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client.pem", "client.key");
    m.p.ctap.tamper_type = GLASS_HS_CERTIFICATE_VERIFY;
    m.p.ctap.tamper_offset = 1;
    expect_refused(&m, GLASS_E_ILLEGAL_PARAMETER, GLASS_ALERT_ILLEGAL_PARAMETER);
    mtls_free(&m);
}

/* One flipped byte of the CertificateVerify's signature: decrypt_error. */
static void test_certificate_verify_tampered(void **state)
{
    (void)state;
    static mtls m;
    mtls_setup(&m, 0, GLASS_CLIENT_CERT_REQUIRED, "client.pem", "client.key");
    m.p.ctap.tamper_type = GLASS_HS_CERTIFICATE_VERIFY;
    m.p.ctap.tamper_offset = 10;            /* inside the signature */
    expect_refused(&m, GLASS_E_BAD_CERT_VERIFY, GLASS_ALERT_DECRYPT_ERROR);
    mtls_free(&m);
}

/* The transcript stops the hashes no one will read out: a stopped one
 * answers GLASS_E_STATE (never a digest of part of the messages), a kept
 * one goes on and equals the one-shot hash of everything added.  In a
 * handshake: a server that asks for no certificate keeps only the suite's
 * hash from the ClientHello on, and the client from ServerHelloDone on;
 * a server that asks keeps all three (the client may sign with any). */
static void test_transcript_keeps_what_is_read(void **state)
{
    (void)state;
    static const uint8_t a[] = "client hello", b[] = "server hello";
    uint8_t whole[sizeof a + sizeof b], want[64], got[64];
    glass_transcript t;
    assert_int_equal(glass_transcript_init(&t), 0);
    glass_transcript_add(&t, a, sizeof a);
    glass_transcript_keep(&t, GLASS_HASH_SHA384, GLASS_HASH_NONE);
    glass_transcript_add(&t, b, sizeof b);
    memcpy(whole, a, sizeof a);
    memcpy(whole + sizeof a, b, sizeof b);
    assert_int_equal(glass_hash(GLASS_HASH_SHA384, whole, sizeof whole, want), 0);
    assert_int_equal(glass_transcript_hash(&t, GLASS_HASH_SHA384, got), 48);
    assert_memory_equal(got, want, 48);
    assert_int_equal(glass_transcript_hash(&t, GLASS_HASH_SHA256, got), GLASS_E_STATE);
    assert_int_equal(glass_transcript_hash(&t, GLASS_HASH_SHA512, got), GLASS_E_STATE);
    glass_transcript_keep(&t, GLASS_HASH_SHA256, GLASS_HASH_SHA384);   /* stays stopped */
    assert_int_equal(glass_transcript_hash(&t, GLASS_HASH_SHA256, got), GLASS_E_STATE);
    glass_transcript_wipe(&t);

    static mtls m;
    mtls_setup(&m, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0, NULL, NULL);
    run_until_client(&m, GLASS_ST_CLIENT_KEY_EXCHANGE);
    assert_int_equal(glass_transcript_hash(&m.p.server->hs->transcript, GLASS_HASH_SHA256, got), 32);
    assert_int_equal(glass_transcript_hash(&m.p.server->hs->transcript, GLASS_HASH_SHA384, got),
                     GLASS_E_STATE);
    assert_int_equal(glass_transcript_hash(&m.p.client->hs->transcript, GLASS_HASH_SHA512, got),
                     GLASS_E_STATE);
    mtls_free(&m);
    mtls_setup(&m, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_CLIENT_CERT_OPTIONAL,
               "client.pem", "client.key");
    run_until_client(&m, GLASS_ST_CLIENT_CERTIFICATE);
    assert_int_equal(glass_transcript_hash(&m.p.server->hs->transcript, GLASS_HASH_SHA512, got), 64);
    assert_int_equal(glass_transcript_hash(&m.p.client->hs->transcript, GLASS_HASH_SHA384, got), 48);
    expect_authenticated(&m, CLIENT_SUBJECT);
    mtls_free(&m);
}

/* The golden transcript of the client-certificate flavour: fixed seeds
 * and clock give the same bytes every time (PKCS#1 v1.5 signatures are
 * deterministic).  GLASS_REGEN_GOLDEN=1 build/tests/test_mtls rewrites
 * it, after checking why it changed. */
static void test_golden_client_auth(void **state)
{
    (void)state;
    static mtls m;
    static hs_log want;
    const char *path = "tests/vectors/mtls_C02F.hex";
    mtls_setup(&m, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_CLIENT_CERT_REQUIRED,
               "client.pem", "client.key");
    expect_authenticated(&m, CLIENT_SUBJECT);
    if (getenv("GLASS_REGEN_GOLDEN") != NULL) {
        assert_int_equal(hs_log_write_hex(&m.p.log, path,
                                          "# The client-certificate handshake (ECDHE_RSA, "
                                          "AES-128-GCM, EMS), both sides.\n"
                                          "# Made by: GLASS_REGEN_GOLDEN=1 build/tests/test_mtls\n"),
                         0);
    }
    assert_int_equal(hs_log_read_hex(&want, path), 0);
    assert_int_equal(want.len, m.p.log.len);
    assert_memory_equal(want.bytes, m.p.log.bytes, want.len);
    /* the flavour is on the wire: a CertificateRequest, then the client's
     * Certificate and CertificateVerify (types 13, 11, 15) */
    mtls_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forks_share_their_prefix),
        cmocka_unit_test(test_handler_names_unique),
        cmocka_unit_test(test_key_exchange_is_a_choice),
        cmocka_unit_test(test_no_request_full_flavour),
        cmocka_unit_test(test_optional_empty_certificate),
        cmocka_unit_test(test_every_key_and_scheme),
        cmocka_unit_test(test_optional_without_certificate),
        cmocka_unit_test(test_required_without_certificate),
        cmocka_unit_test(test_wrong_ca),
        cmocka_unit_test(test_wrong_eku),
        cmocka_unit_test(test_certificate_verify_wrong_transcript),
        cmocka_unit_test(test_certificate_verify_scheme_not_offered),
        cmocka_unit_test(test_certificate_verify_tampered),
        cmocka_unit_test(test_ecdsa_other_curves_hash),
        cmocka_unit_test(test_ecdsa_certificate_verify_tampered),
        cmocka_unit_test(test_golden_client_auth),
        cmocka_unit_test(test_transcript_keeps_what_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
