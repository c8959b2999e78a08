/*
 * peer.c — see peer.h.
 */
#include "peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/session.h"
#include "glasstls/ct.h"
#include "glasstls/x509.h"
#include "helpers/feed.h"
#include "helpers/hs_fixture.h"

#define FIXED_NOW 1893456000        /* 2030-01-01T00:00:00Z (tests/helpers/hs_fixture.h) */

static glass_x509_list g_chain, g_trust, g_client_chain, g_client_ca;
static glass_rsa_private g_key, g_client_key;
static int g_loaded;

/* Loaded once: key loading does RSA consistency checks. */
static void load_files(void)
{
    if (g_loaded)
        return;
    glass_x509_list_init(&g_chain);
    glass_x509_list_init(&g_trust);
    glass_x509_list_init(&g_client_chain);
    glass_x509_list_init(&g_client_ca);
    if (glass_x509_list_load_file(&g_chain, "tests/certs/chain-localhost.pem") != 0 ||
        glass_x509_key_load_file(&g_key, "tests/certs/leaf.key") != 0 ||
        glass_x509_list_load_file(&g_trust, "tests/certs/root.pem") != 0 ||
        glass_x509_list_load_file(&g_client_chain, "tests/certs/client.pem") != 0 ||
        glass_x509_key_load_file(&g_client_key, "tests/certs/client.key") != 0 ||
        glass_x509_list_load_file(&g_client_ca, "tests/certs/client-ca.pem") != 0) {
        fprintf(stderr, "fuzz peer: run from the repository root (tests/certs)\n");
        abort();
    }
    g_loaded = 1;
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return FIXED_NOW;
}

static void drive(glass_conn *c);

static int blocked(long rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

/* A failure the connection itself detected must have sent its alert. */
static void check_alert(glass_conn *c, int err)
{
    int want = glass_alert_for_error(err);
    glass_alert sent = glass_conn_last_alert_sent(c);
    if (want == GLASS_ALERT_NONE || err == GLASS_E_CLOSED || err == GLASS_E_ALERT_RECEIVED)
        return;
    FUZZ_CHECK(sent.present);
    FUZZ_CHECK(sent.level == GLASS_ALERT_LEVEL_FATAL);
    FUZZ_CHECK(sent.description == want);
}

void fuzz_peer_run(int role, uint16_t suite, int ems, int client_auth, const uint8_t *in,
                   size_t len)
{
    static const uint8_t cseed[] = "glasstls test client entropy, fixed";
    static const uint8_t sseed[] = "glasstls test server entropy, fixed";
    glass_drbg rng;
    glass_config cfg;
    glass_conn *c = NULL;
    test_feed f = { .p = in, .len = len };
    glass_transport tr = test_feed_transport(&f);

    load_files();
    if (role == GLASS_ROLE_CLIENT)
        glass_drbg_instantiate(&rng, GLASS_HASH_SHA256, cseed, sizeof cseed - 1, NULL, 0, NULL, 0);
    else
        glass_drbg_instantiate(&rng, GLASS_HASH_SHA256, sseed, sizeof sseed - 1, NULL, 0, NULL, 0);
    glass_config_init(&cfg, role);
    cfg.rng = glass_drbg_rng;
    cfg.rng_ctx = &rng;
    cfg.clock = fixed_clock;
    if (role == GLASS_ROLE_CLIENT) {
        cfg.trust = &g_trust;
        cfg.server_name = "localhost";
        if (suite != 0) {
            cfg.suites[0] = suite;
            cfg.suite_count = 1;
        }
        cfg.disable_ems = !ems;
        if (client_auth) {                 /* sent when a CertificateRequest comes */
            cfg.chain = &g_client_chain;
            cfg.key = &g_client_key;
        }
    } else {
        cfg.chain = &g_chain;
        cfg.key = &g_key;
        if (client_auth) {                 /* as tests/test_mtls.c: required, client-ca.pem */
            cfg.request_client_certificate = GLASS_CLIENT_CERT_REQUIRED;
            cfg.trust = &g_client_ca;
        }
    }
    FUZZ_CHECK(glass_conn_new(&c, &cfg, tr) == 0);
    drive(c);
    glass_conn_free(c);
    glass_drbg_free(&rng);
}

/* ---- the resumed flavour ----
 * The state test_resume.c's golden transcript starts from: one full
 * handshake between a glasstls client and server in this process (the
 * server issues tickets under the test's key, both sides use the extended
 * master secret), made once.  Kept: both generators as they are after it
 * (so a second connection draws the same randoms as the golden one's),
 * the server's configuration with its ticket keys, and the client's
 * session blob. */
static hs_pair g_pair;
static glass_ticket_keys *g_ticket_keys;
static glass_drbg g_crng_after, g_srng_after;
static uint8_t g_blob[GLASS_SESSION_BLOB_MAX];
static size_t g_blob_len;
static int g_resume_ready;

static void resume_setup(void)
{
    static const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE] = "resume-test-key1";
    uint8_t key[GLASS_TICKET_KEY_SIZE];
    int ce, se;
    if (g_resume_ready)
        return;
    for (size_t i = 0; i < sizeof key; i++)        /* as tests/test_resume.c */
        key[i] = (uint8_t)(0x40 + i);
    FUZZ_CHECK(hs_pair_setup(&g_pair, "chain-localhost.pem", "leaf.key", 0, 1) == 0);
    FUZZ_CHECK(glass_ticket_keys_new(&g_ticket_keys, name, key, 900) == 0);
    g_pair.scfg.ticket_keys = g_ticket_keys;
    g_pair.ccfg.session_tickets = 1;
    FUZZ_CHECK(hs_pair_connect(&g_pair) == 0);
    FUZZ_CHECK(hs_pair_run(&g_pair, &ce, &se) == 0);
    FUZZ_CHECK(glass_conn_get_session(g_pair.client, g_blob, sizeof g_blob, &g_blob_len) == 0);
    glass_conn_free(g_pair.client);
    glass_conn_free(g_pair.server);
    glass_pipe_free(g_pair.pipe);
    g_pair.client = g_pair.server = NULL;
    g_pair.pipe = NULL;
    g_crng_after = g_pair.crng;
    g_srng_after = g_pair.srng;
    g_resume_ready = 1;
}

void fuzz_peer_run_resumed(int role, const uint8_t *in, size_t len)
{
    glass_conn *c = NULL;
    test_feed f = { .p = in, .len = len };
    glass_transport tr = test_feed_transport(&f);
    glass_drbg rng;
    glass_config cfg;

    resume_setup();
    if (role == GLASS_ROLE_CLIENT) {
        rng = g_crng_after;
        cfg = g_pair.ccfg;
    } else {
        rng = g_srng_after;
        cfg = g_pair.scfg;
    }
    cfg.rng_ctx = &rng;
    FUZZ_CHECK(glass_conn_new(&c, &cfg, tr) == 0);
    if (role == GLASS_ROLE_CLIENT)       /* offers the session id and the ticket */
        FUZZ_CHECK(glass_conn_set_session(c, g_blob, g_blob_len) == 0);
    drive(c);
    /* a client that resumed holds the same session it offered; one that
     * fell back to a full handshake holds a new one: either exports */
    if (role == GLASS_ROLE_CLIENT && glass_handshake_done(c)) {
        uint8_t blob[GLASS_SESSION_BLOB_MAX];
        size_t n;
        FUZZ_CHECK(glass_conn_get_session(c, blob, sizeof blob, &n) == 0);
        glass_wipe(blob, sizeof blob);
    }
    glass_conn_free(c);
    glass_drbg_free(&rng);
}

/* Runs c's handshake against the fuzz input, then its application data;
 * checks the invariants on the way. */
static void drive(glass_conn *c)
{
    /* the handshake: every step either moves on or fails; the transport
     * never blocks (it ends), so the number of steps is bounded */
    int rc = 0;
    int steps;
    for (steps = 0; steps < 64 && !glass_handshake_done(c); steps++) {
        rc = glass_handshake_step(c);
        if (rc != 0 && !blocked(rc))
            break;
    }
    FUZZ_CHECK(steps < 64);
    if (rc != 0 && !blocked(rc)) {
        FUZZ_CHECK(!glass_handshake_done(c));
        FUZZ_CHECK(glass_conn_error(c) == rc);
        check_alert(c, rc);
        const glass_hs_where *w = glass_conn_parse_error(c);
        (void)w;
        (void)glass_conn_state_name(c);
    } else if (glass_handshake_done(c)) {
        /* application data: echo what arrives until the input ends */
        uint8_t buf[4096];
        for (int i = 0; i < 1024; i++) {
            long n = glass_read(c, buf, sizeof buf);
            if (n <= 0) {
                if (n < 0 && !blocked(n))
                    check_alert(c, (int)n);
                break;
            }
            FUZZ_CHECK((size_t)n <= sizeof buf);
            (void)glass_write(c, buf, (size_t)n);
        }
        (void)glass_close(c);
    }
    (void)glass_conn_last_message(c);
    if (getenv("GLASS_FUZZ_VERBOSE") != NULL)   /* for checking seeds by hand */
        fprintf(stderr, "fuzz peer: %s, state %s, result %d\n",
                !glass_handshake_done(c) ? "handshake failed"
                : glass_conn_resumed(c)  ? "handshake done, resumed"
                                         : "handshake done",
                glass_conn_state_name(c), glass_conn_error(c));
}
