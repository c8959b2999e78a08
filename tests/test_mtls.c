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
#include "glasstls/tls.h"
#include "helpers/hs_fixture.h"

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
            /* the abbreviated handshake ends with the client's Finished
             * (RFC 5246 Figure 2), every other with the server's */
            assert_int_equal(a.state, strcmp(fi.name, "abbreviated") == 0
                                          ? GLASS_ST_CLIENT_FINISHED : GLASS_ST_SERVER_FINISHED);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forks_share_their_prefix),
        cmocka_unit_test(test_handler_names_unique),
        cmocka_unit_test(test_key_exchange_is_a_choice),
        cmocka_unit_test(test_no_request_full_flavour),
        cmocka_unit_test(test_optional_empty_certificate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
