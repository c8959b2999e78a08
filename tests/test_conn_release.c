/*
 * test_conn_release.c — what an established connection keeps (lib/conn,
 * its budget: at most 40 KiB per connection in the middle of a transfer).
 *
 * At the first glass_read/glass_write after the handshake the connection
 * wipes and frees the handshake-message buffers and the handshake state
 * (transcript, master secret, the peer's certificates) and keeps only the
 * record layer and a few answers about the handshake.  These tests run real
 * handshakes (tests/helpers/hs_fixture.c, client and server over the in-memory
 * pipe) and check, for both sides:
 *   - that every glass_conn_* query answers exactly as before the release,
 *     except glass_conn_last_message(), documented to say NULL from then on;
 *   - what is left: the struct and the two record buffers, nothing else,
 *     and within the 40 KiB;
 *   - that nothing after the handshake needed the released state:
 *     renegotiation is still refused (no_renegotiation), a stray handshake
 *     message still gets its fatal alert, close_notify still works both
 *     ways, and the default generator (cfg->rng NULL), whose memory the
 *     kept answers reuse, did its job before.
 * White-box (conn/conn.h) for the record layer and the released pointers.
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
#include "conn/conn.h"
#include "helpers/hs_fixture.h"

/* Everything the glass_conn_* queries say about the handshake. */
typedef struct answers {
    int state;
    const char *state_name;
    uint16_t suite;
    int ems;
    int has_sni;
    char sni[GLASS_HS_MAX_HOSTNAME + 1];
    int last_type, last_sent;          /* -1: no message (NULL) */
    uint8_t verify_data[12];
    int has_where, has_reason;
} answers;

static void ask(glass_conn *c, answers *a)
{
    memset(a, 0, sizeof *a);
    a->state = glass_conn_state(c);
    a->state_name = glass_conn_state_name(c);
    a->suite = glass_conn_suite(c);
    a->ems = glass_conn_ems(c);
    const char *sni = glass_conn_server_name(c);
    a->has_sni = sni != NULL;
    if (sni != NULL)
        snprintf(a->sni, sizeof a->sni, "%s", sni);
    const glass_hs_message *m = glass_conn_last_message(c);
    a->last_type = m != NULL ? (int)m->type : -1;
    a->last_sent = m != NULL ? m->sent : -1;
    if (m != NULL && m->type == GLASS_HS_FINISHED)
        memcpy(a->verify_data, m->u.finished.verify_data, 12);
    a->has_where = glass_conn_parse_error(c) != NULL;
    a->has_reason = glass_conn_peer_cert_reason(c) != NULL;
}

/* Every answer but the last message, which is documented to go (tls.h). */
static void same_answers(const answers *x, const answers *y)
{
    assert_int_equal(x->state, y->state);
    assert_string_equal(x->state_name, y->state_name);
    assert_int_equal(x->suite, y->suite);
    assert_int_equal(x->ems, y->ems);
    assert_int_equal(x->has_sni, y->has_sni);
    assert_string_equal(x->sni, y->sni);
    assert_int_equal(x->has_where, y->has_where);
    assert_int_equal(x->has_reason, y->has_reason);
}

/* One application-data message from `from` to `to`. */
static void send_data(glass_conn *from, glass_conn *to, const char *text)
{
    uint8_t buf[64];
    size_t n = strlen(text);
    assert_int_equal(glass_write(from, (const uint8_t *)text, n), (long)n);
    assert_int_equal(glass_read(to, buf, sizeof buf), (long)n);
    assert_memory_equal(buf, text, n);
}

/* A handshake pair run to the end of the handshake (nothing released yet). */
static void established(hs_pair *p, uint16_t suite, int default_rng)
{
    int ce, se;
    assert_int_equal(hs_pair_setup(p, "chain-localhost.pem", "leaf.key", suite, 1), 0);
    if (default_rng)                       /* the connection's own HMAC-DRBG */
        p->ccfg.rng = p->scfg.rng = NULL;
    assert_int_equal(hs_pair_connect(p), 0);
    assert_int_equal(hs_pair_run(p, &ce, &se), 0);
    assert_true(glass_handshake_done(p->client));
    assert_true(glass_handshake_done(p->server));
    assert_non_null(p->client->hs);
    assert_non_null(p->server->hs);
}

static void check_release(uint16_t suite, int default_rng)
{
    static hs_pair p;
    established(&p, suite, default_rng);
    glass_conn *side[2] = { p.client, p.server };
    answers before[2], after[2];
    size_t mem_before[2], hs_bytes[2];
    for (int i = 0; i < 2; i++) {
        ask(side[i], &before[i]);
        mem_before[i] = glass_conn_memory(side[i]);
        hs_bytes[i] = glass_hs_memory(side[i]->hs);
        assert_true(hs_bytes[i] > 0);
    }
    /* the last message of both sides is the server's Finished */
    assert_int_equal(before[0].last_type, GLASS_HS_FINISHED);
    assert_int_equal(before[0].last_sent, 0);
    assert_int_equal(before[1].last_type, GLASS_HS_FINISHED);
    assert_int_equal(before[1].last_sent, 1);
    assert_memory_equal(before[0].verify_data, before[1].verify_data, 12);
    assert_int_equal(before[0].state, GLASS_ST_APPLICATION_DATA);
    assert_int_equal(before[1].has_sni, 1);
    assert_string_equal(before[1].sni, "localhost");

    send_data(p.client, p.server, "GET / HTTP/1.0\r\n\r\n");
    send_data(p.server, p.client, "HTTP/1.0 200 OK\r\n\r\nhi");

    for (int i = 0; i < 2; i++) {
        glass_conn *c = side[i];
        assert_null(c->hs);
        assert_null(c->rec.pending_read.set ? c : NULL);   /* no keys waiting */
        assert_null(c->rec.pending_write.set ? c : NULL);
        ask(c, &after[i]);
        same_answers(&before[i], &after[i]);
        assert_null(glass_conn_last_message(c));           /* as tls.h says */
        size_t m = glass_conn_memory(c);
        /* released: both handshake buffers and the handshake state */
        assert_int_equal(mem_before[i] - m, 2 * GLASS_HS_BUFFER_SIZE + hs_bytes[i]);
        /* what is left: the struct and one input and one output record */
        /* what is left: the struct, one input and one output record, and
         * a client's session (for glass_conn_get_session) */
        assert_int_equal(m, sizeof(struct glass_conn) + GLASS_RECORD_IN_SIZE +
                            GLASS_RECORD_OUT_SIZE +
                            (c->session != NULL ? sizeof(glass_session) : 0));
        assert_true(m <= 40960);                           /* the budget */
    }
    hs_pair_free(&p);
}

static void test_release_keeps_every_answer(void **state)
{
    (void)state;
    check_release(GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0);
    check_release(GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384, 0);
}

/* With cfg->rng NULL the connection seeds its own generator, which shares
 * its memory with the answers kept after the release: the handshake must
 * have used it, and the answers must be right afterwards. */
static void test_release_with_the_default_generator(void **state)
{
    (void)state;
    check_release(GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 1);
}

/* Queues a raw 4-byte handshake message of the given type on c's record
 * layer, as a peer renegotiating would (after the release the record
 * layer offers exactly those 4 bytes). */
static void send_hs(glass_conn *c, uint8_t type)
{
    size_t cap;
    uint8_t *out = glass_record_hs_out(&c->rec, &cap);
    assert_non_null(out);
    assert_true(cap >= 4);
    out[0] = type;
    out[1] = out[2] = out[3] = 0;
    assert_int_equal(glass_record_queue_handshake(&c->rec, 4), GLASS_OK);
}

static void test_after_release_renegotiation_alerts_and_close(void **state)
{
    (void)state;
    static hs_pair p;
    uint8_t buf[64];
    established(&p, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0);
    send_data(p.client, p.server, "one");                /* both released now */
    send_data(p.server, p.client, "two");
    assert_null(p.client->hs);
    assert_null(p.server->hs);

    /* a ClientHello to the server: no_renegotiation (warning), data goes on */
    send_hs(p.client, 1);
    assert_int_equal(glass_write(p.client, (const uint8_t *)"three", 5), 5);
    assert_int_equal(glass_read(p.server, buf, sizeof buf), 5);
    assert_memory_equal(buf, "three", 5);
    glass_alert al = glass_conn_last_alert_sent(p.server);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_WARNING);
    assert_int_equal(al.description, GLASS_ALERT_NO_RENEGOTIATION);
    /* a HelloRequest to the client: the same (the client first skips the
     * server's warning, then refuses, then gets the data) */
    send_hs(p.server, 0);
    assert_int_equal(glass_write(p.server, (const uint8_t *)"four", 4), 4);
    assert_int_equal(glass_read(p.client, buf, sizeof buf), 4);
    assert_memory_equal(buf, "four", 4);
    assert_int_equal(glass_conn_last_alert_received(p.client).description,
                     GLASS_ALERT_NO_RENEGOTIATION);
    al = glass_conn_last_alert_sent(p.client);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_WARNING);
    assert_int_equal(al.description, GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(glass_read(p.server, buf, sizeof buf), GLASS_E_WANT_READ);
    assert_int_equal(glass_conn_last_alert_received(p.server).description,
                     GLASS_ALERT_NO_RENEGOTIATION);

    /* close_notify both ways (RFC 5246 7.2.1) */
    assert_int_equal(glass_close(p.client), 0);
    assert_true(glass_conn_we_closed(p.client));
    assert_int_equal(glass_read(p.server, buf, sizeof buf), GLASS_E_CLOSED);
    assert_true(glass_conn_peer_closed(p.server));
    assert_true(glass_conn_we_closed(p.server));           /* answered */
    assert_int_equal(glass_read(p.client, buf, sizeof buf), GLASS_E_CLOSED);
    assert_true(glass_conn_peer_closed(p.client));
    assert_int_equal(glass_conn_error(p.client), 0);
    assert_int_equal(glass_conn_error(p.server), 0);
    hs_pair_free(&p);

    /* any other handshake message after the release: a fatal
     * unexpected_message, which the peer receives by name */
    established(&p, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, 0);
    send_data(p.client, p.server, "one");
    send_data(p.server, p.client, "two");
    send_hs(p.client, GLASS_HS_FINISHED);
    assert_int_equal(glass_read(p.server, buf, sizeof buf), GLASS_E_UNEXPECTED_MESSAGE);
    al = glass_conn_last_alert_sent(p.server);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(al.description, GLASS_ALERT_UNEXPECTED_MESSAGE);
    assert_int_equal(glass_read(p.client, buf, sizeof buf), GLASS_E_ALERT_RECEIVED);
    assert_int_equal(glass_conn_last_alert_received(p.client).description,
                     GLASS_ALERT_UNEXPECTED_MESSAGE);
    hs_pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_keeps_every_answer),
        cmocka_unit_test(test_release_with_the_default_generator),
        cmocka_unit_test(test_after_release_renegotiation_alerts_and_close),
    };
    return cmocka_run_group_tests_name("conn_release", tests, NULL, NULL);
}
