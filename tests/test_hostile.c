/*
 * test_hostile.c — the hostile-peer suite, part 1: an evil client against
 * the glasstls server (part 2, the evil server against the client, is
 * test_hostile_client.c; the bad RSA premasters are
 * test_hostile_premaster.c), over the in-memory pipe with fixed DRBG
 * seeds and a fixed clock (every run is the same run).
 *
 * The evil peer is a glasstls connection that we drive by hand: we stop it
 * at a chosen handshake state (glass_conn_state()), then make it misbehave
 * through its own record layer (lib/record/record.h) — a record sent out of
 * turn, a record sealed by hand, a master secret spoiled before its
 * Finished — or send raw bytes.  The side under test is only ever used
 * through the public API.  Every case checks:
 *   - the error code the side under test returns (and keeps: sticky);
 *   - the alert it sent (glass_conn_last_alert_sent), which is the one
 *     glass_alert_for_error() gives for that error (RFC 5246 section 7.2);
 *   - the alert the evil peer really read off the wire;
 * and tests/sh/hostile_valgrind.sh runs the three binaries under valgrind
 * for leaks and invalid accesses.  The harness (the duel) is
 * tests/helpers/duel.[ch].  docs/hardening.md ("Hostile peers") lists
 * the cases and the alerts observed.
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
#include "handshake/hs_internal.h"
#include "record/record.h"
#include "helpers/duel.h"
#include "helpers/hs_fixture.h"

static duel D;

/* ============================================ against the glasstls server */

/* Application data where the client's Finished belongs (after its
 * ChangeCipherSpec, encrypted) and where its ChangeCipherSpec belongs. */
static void test_server_app_data_before_finished(void **state)
{
    (void)state;
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_FINISHED);
    evil_app_data(&D, "GET /", 5);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: app data before client Finished");
    duel_free(&D);

    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC);
    evil_app_data(&D, "GET /", 5);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: plaintext app data before ChangeCipherSpec");
    duel_free(&D);
}

static void test_server_ccs_out_of_order_or_twice(void **state)
{
    (void)state;
    /* before ClientKeyExchange: no keys yet */
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_KEY_EXCHANGE);
    evil_send(&D, plain_ccs, sizeof plain_ccs);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: ChangeCipherSpec before ClientKeyExchange");
    duel_free(&D);

    /* twice: a second one, sealed under the new keys */
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_FINISHED);
    static const uint8_t one = 1;
    evil_seal_send(&D, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1, 0, 0);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: ChangeCipherSpec twice");
    duel_free(&D);

    /* after the handshake */
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    evil_seal_send(&D, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1, 0, 0);
    uint8_t b[8];
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: ChangeCipherSpec after the handshake");
    duel_free(&D);
}

/* A Finished computed from a spoiled master secret: the record opens
 * (the keys are right) but verify_data is wrong. */
static void test_server_wrong_finished(void **state)
{
    (void)state;
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_FINISHED);
    D.evil->hs->master[0] ^= 0x80;
    assert_int_equal(glass_handshake_step(D.evil), 0);
    expect_fatal(&D, good_run(&D), GLASS_E_BAD_FINISHED, "server: wrong client Finished");
    duel_free(&D);
}

/* A second ClientHello where the ClientKeyExchange belongs. */
static void test_server_second_client_hello(void **state)
{
    (void)state;
    static uint8_t ch[4096];
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_KEY_EXCHANGE);
    size_t n = logged_message(&D, GLASS_HS_CLIENT_HELLO, ch, sizeof ch);
    evil_send_hs(&D, ch, n);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "server: second ClientHello during the handshake");
    duel_free(&D);
}

/* A ClientHello after the handshake asks to renegotiate: refused with a
 * no_renegotiation warning (RFC 5246 7.2.2, RFC 5746 4), and the
 * connection goes on. */
static void test_server_renegotiation(void **state)
{
    (void)state;
    static uint8_t ch[4096];
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    size_t n = logged_message(&D, GLASS_HS_CLIENT_HELLO, ch, sizeof ch);
    evil_send_hs(&D, ch, n);
    uint8_t b[8];
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_WANT_READ);
    assert_int_equal(glass_conn_error(D.good), 0);
    int level = 0;
    assert_int_equal(evil_reads_alert(&D, &level), GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(level, GLASS_ALERT_LEVEL_WARNING);
    still_works(&D);
    printf("    %-52s -> warning no_renegotiation (100), goes on\n",
           "server: ClientHello after the handshake");
    duel_free(&D);
}

/* Records after close_notify are never delivered. */
static void test_server_records_after_close_notify(void **state)
{
    (void)state;
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    assert_int_equal(glass_close(D.evil), 0);
    evil_app_data(&D, "late", 4);
    uint8_t b[8];
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_CLOSED);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_CLOSED);
    assert_int_equal(glass_conn_error(D.good), 0);
    assert_true(glass_conn_peer_closed(D.good));
    assert_int_equal(evil_reads_alert(&D, NULL), GLASS_ALERT_CLOSE_NOTIFY);
    printf("    %-52s -> closed, data dropped, close_notify (0)\n",
           "server: app data after close_notify");
    duel_free(&D);
}

/* Records longer than RFC 5246 6.2 allows. */
static void test_server_oversized_records(void **state)
{
    (void)state;
    static uint8_t big[GLASS_RECORD_HEADER_SIZE + GLASS_MAX_CIPHERTEXT + 1];

    /* a header claiming more than 2^14 + 2048 bytes, at the very start */
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    static const uint8_t hdr[] = { 22, 3, 3, (GLASS_MAX_CIPHERTEXT + 1) >> 8,
                                   (GLASS_MAX_CIPHERTEXT + 1) & 0xFF };
    evil_send(&D, hdr, sizeof hdr);
    expect_fatal(&D, good_run(&D), GLASS_E_RECORD_OVERFLOW,
                 "server: record header > 2^14+2048");
    duel_free(&D);

    /* a plaintext record of 2^14 + 1 bytes */
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    size_t n = GLASS_MAX_PLAINTEXT + 1;
    memset(big, 0, sizeof big);
    big[0] = 22; big[1] = 3; big[2] = 3; big[3] = (uint8_t)(n >> 8); big[4] = (uint8_t)n;
    evil_send(&D, big, 5 + n);
    expect_fatal(&D, good_run(&D), GLASS_E_RECORD_OVERFLOW,
                 "server: plaintext record of 2^14+1 bytes");
    duel_free(&D);

    /* an encrypted record whose plaintext is 2^14 + 1 bytes */
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    memset(big, 'A', sizeof big);
    evil_seal_send(&D, GLASS_CT_APPLICATION_DATA, big, GLASS_MAX_PLAINTEXT + 1, 0, 0);
    uint8_t b[8];
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_RECORD_OVERFLOW,
                 "server: encrypted record, plaintext 2^14+1");
    duel_free(&D);
}

/* A ClientHello body of body_len bytes (a padding extension, RFC 7685,
 * fills it up), as a handshake message in msg. */
static size_t padded_client_hello(uint8_t *msg, size_t body_len)
{
    static const uint8_t fixed[] = {
        3, 3,                                          /* client_version */
        0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42,
        0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42,
        0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, /* random */
        0,                                             /* session_id */
        0, 2, 0xC0, 0x2F,                              /* cipher_suites */
        1, 0,                                          /* compression: null */
    };
    static const uint8_t exts[] = {
        0xff, 0x01, 0, 1, 0,                           /* renegotiation_info */
        0x00, 0x0a, 0, 4, 0, 2, 0, 29,                 /* groups: x25519 */
        0x00, 0x0b, 0, 2, 1, 0,                        /* point formats */
        0x00, 0x0d, 0, 4, 0, 2, 4, 1,                  /* rsa_pkcs1_sha256 */
        0x00, 0x17, 0, 0,                              /* extended master secret */
    };
    size_t base = sizeof fixed + 2 + sizeof exts + 4;  /* + padding ext header */
    assert_true(body_len >= base && body_len < 0x10000);
    size_t pad = body_len - base, ext_len = sizeof exts + 4 + pad;
    uint8_t *p = msg;
    *p++ = 1;
    *p++ = (uint8_t)(body_len >> 16); *p++ = (uint8_t)(body_len >> 8); *p++ = (uint8_t)body_len;
    memcpy(p, fixed, sizeof fixed); p += sizeof fixed;
    *p++ = (uint8_t)(ext_len >> 8); *p++ = (uint8_t)ext_len;
    memcpy(p, exts, sizeof exts); p += sizeof exts;
    *p++ = 0; *p++ = 21; *p++ = (uint8_t)(pad >> 8); *p++ = (uint8_t)pad;
    memset(p, 0, pad);
    return 4 + body_len;
}

/* The server's bound on one handshake message is max_handshake_size,
 * header included: exactly the bound is read, one byte more is refused. */
static void test_server_handshake_message_too_long(void **state)
{
    (void)state;
    static uint8_t msg[GLASS_MIN_MAX_HANDSHAKE + 16];

    duel_setup(&D, 1, ECDHE);
    D.p.scfg.max_handshake_size = GLASS_MIN_MAX_HANDSHAKE;
    duel_connect(&D);
    size_t n = padded_client_hello(msg, GLASS_MIN_MAX_HANDSHAKE - 4);
    assert_int_equal(n, GLASS_MIN_MAX_HANDSHAKE);
    send_plain_hs(&D, msg, n);
    assert_int_equal(good_run(&D), 0);                 /* read, and answered */
    assert_int_equal(glass_conn_error(D.good), 0);
    assert_int_not_equal(glass_conn_state(D.good), GLASS_ST_CLIENT_HELLO);
    assert_true(glass_pipe_pending(D.p.pipe, 1) > 0);
    duel_free(&D);

    duel_setup(&D, 1, ECDHE);
    D.p.scfg.max_handshake_size = GLASS_MIN_MAX_HANDSHAKE;
    duel_connect(&D);
    n = padded_client_hello(msg, GLASS_MIN_MAX_HANDSHAKE - 3);
    send_plain_hs(&D, msg, n);
    expect_fatal(&D, good_run(&D), GLASS_E_HS_TOO_LARGE,
                 "server: ClientHello one byte over the bound");
    duel_free(&D);
}

/* Encrypted records cut short: below nonce + tag, one byte missing (with
 * the length fixed), and a record the transport ends in the middle of. */
static void test_server_truncated_encrypted_records(void **state)
{
    (void)state;
    uint8_t b[8];
    static const uint8_t data[40] = { 1 };

    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    static const uint8_t tiny[] = { 23, 3, 3, 0, 22, 0, 0, 0, 0, 0, 0, 0, 9, 1, 2, 3, 4, 5,
                                    6, 7, 8, 9, 10, 11, 12, 13, 14 };
    evil_send(&D, tiny, sizeof tiny);
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_BAD_RECORD_MAC,
                 "server: encrypted record shorter than nonce+tag");
    duel_free(&D);

    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    evil_seal_send(&D, GLASS_CT_APPLICATION_DATA, data, sizeof data, 1, 1);
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_BAD_RECORD_MAC,
                 "server: encrypted record missing its last byte");
    duel_free(&D);

    /* the encrypted Finished, cut short */
    duel_start(&D, 1, ECDHE, GLASS_ST_CLIENT_FINISHED);
    static const uint8_t fin[16] = { 20, 0, 0, 12 };
    evil_seal_send(&D, GLASS_CT_HANDSHAKE, fin, sizeof fin, 3, 1);
    expect_fatal(&D, good_run(&D), GLASS_E_BAD_RECORD_MAC,
                 "server: encrypted Finished record cut short");
    duel_free(&D);

    /* the transport ends inside a record: EOF, no alert can be sent */
    duel_setup(&D, 1, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    evil_seal_send(&D, GLASS_CT_APPLICATION_DATA, data, sizeof data, 10, 0);
    glass_pipe_shutdown(D.p.pipe, 0);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_EOF);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_EOF);
    assert_false(glass_conn_last_alert_sent(D.good).present);
    printf("    %-52s -> GLASS_E_EOF, no alert\n", "server: transport ends inside a record");
    duel_free(&D);
}

/* ------------------------------------------------ 1-byte records */

/* A transport between the evil side and the pipe that cuts every
 * handshake record into records of one byte.  After the evil side's
 * ChangeCipherSpec it opens each record with a copy of the evil side's
 * write state and seals the pieces again under a second copy, so the
 * receiver sees a sequence of valid 1-byte encrypted records. */
typedef struct reframe {
    glass_transport inner;
    glass_record *owner;
    int encrypted;
    glass_record_cipher open_c, seal_c;
    uint8_t acc[GLASS_RECORD_HEADER_SIZE + GLASS_MAX_CIPHERTEXT];
    size_t acc_len;
    unsigned long records_out;
} reframe;

static void rf_out(reframe *f, const uint8_t *b, size_t n)
{
    assert_int_equal(f->inner.send(f->inner.ctx, b, n), (long)n);
    f->records_out++;
}

static void rf_emit(reframe *f, uint8_t type, const uint8_t *pt, size_t n)
{
    static uint8_t rec[GLASS_RECORD_HEADER_SIZE + GLASS_MAX_CIPHERTEXT];
    if (!f->encrypted) {
        rec[0] = type; rec[1] = 3; rec[2] = 3; rec[3] = (uint8_t)(n >> 8); rec[4] = (uint8_t)n;
        memcpy(rec + 5, pt, n);
        rf_out(f, rec, 5 + n);
        return;
    }
    rf_out(f, rec, seal_by_hand(&f->seal_c, type, rec, pt, n));
}

static void rf_record(reframe *f, uint8_t *rec, size_t len)
{
    uint8_t type = rec[0];
    const uint8_t *pt = rec + 5;
    size_t n = len - 5;
    if (f->encrypted) {
        size_t pt_len;
        assert_int_equal(glass_record_open(&f->open_c, type, 0x0303, rec + 5, n, &pt_len), 0);
        pt = rec + 5 + GLASS_GCM_EXPLICIT_NONCE;
        n = pt_len;
    }
    if (type == GLASS_CT_HANDSHAKE) {
        for (size_t i = 0; i < n; i++)
            rf_emit(f, type, pt + i, 1);
    } else {
        rf_emit(f, type, pt, n);
    }
    if (type == GLASS_CT_CHANGE_CIPHER_SPEC && !f->encrypted) {
        /* the owner switched its write side when it queued this record */
        f->open_c = f->owner->write;
        f->seal_c = f->owner->write;
        assert_true(f->open_c.active);
        assert_true(f->open_c.seq == 0);
        f->encrypted = 1;
    }
}

static long rf_send(void *ctx, const uint8_t *buf, size_t len)
{
    reframe *f = ctx;
    size_t take = len;
    if (take > sizeof f->acc - f->acc_len)
        take = sizeof f->acc - f->acc_len;
    memcpy(f->acc + f->acc_len, buf, take);
    f->acc_len += take;
    for (;;) {
        if (f->acc_len < 5)
            break;
        size_t rl = 5 + ((size_t)f->acc[3] << 8 | f->acc[4]);
        if (f->acc_len < rl)
            break;
        rf_record(f, f->acc, rl);
        memmove(f->acc, f->acc + rl, f->acc_len - rl);
        f->acc_len -= rl;
    }
    return (long)take;
}

static long rf_recv(void *ctx, uint8_t *buf, size_t len)
{
    reframe *f = ctx;
    return f->inner.recv(f->inner.ctx, buf, len);
}

static void one_byte_records(int evil_is_client, uint16_t suite)
{
    static reframe f;
    duel_setup(&D, evil_is_client, suite);
    assert_int_equal(glass_pipe_new(&D.p.pipe, 1u << 20), 0);
    assert_non_null(D.p.pipe);
    memset(&f, 0, sizeof f);
    f.inner = evil_is_client ? glass_pipe_client(D.p.pipe) : glass_pipe_server(D.p.pipe);
    glass_transport ft = { &f, rf_send, rf_recv };
    glass_transport other = evil_is_client ? glass_pipe_server(D.p.pipe)
                                           : glass_pipe_client(D.p.pipe);
    assert_int_equal(glass_conn_new(&D.p.client, &D.p.ccfg,
                                    evil_is_client ? ft : other), 0);
    assert_int_equal(glass_conn_new(&D.p.server, &D.p.scfg,
                                    evil_is_client ? other : ft), 0);
    D.evil = evil_is_client ? D.p.client : D.p.server;
    D.good = evil_is_client ? D.p.server : D.p.client;
    f.owner = &D.evil->rec;
    int ce, se;
    assert_int_equal(hs_pair_run(&D.p, &ce, &se), 0);
    assert_true(glass_handshake_done(D.p.client));
    assert_true(glass_handshake_done(D.p.server));
    assert_true(f.encrypted);
    assert_true(f.records_out > 100);                  /* it really was cut up */
    assert_true(D.good->rec.records_in > 100);
    /* application data still flows both ways (through the re-sealer) */
    still_works(&D);
    printf("    %s: %s handshake in 1-byte records, %-5s -> handshake done (%lu records)\n",
           evil_is_client ? "server" : "client", evil_is_client ? "client" : "server",
           suite == ECDHE ? "ECDHE" : "RSA", f.records_out);
    glass_record_cipher_wipe(&f.open_c);
    glass_record_cipher_wipe(&f.seal_c);
    duel_free(&D);
}

static void test_one_byte_records(void **state)
{
    (void)state;
    one_byte_records(1, ECDHE);
    one_byte_records(1, RSAKX);
    one_byte_records(0, ECDHE);
    one_byte_records(0, RSAKX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_app_data_before_finished),
        cmocka_unit_test(test_server_ccs_out_of_order_or_twice),
        cmocka_unit_test(test_server_wrong_finished),
        cmocka_unit_test(test_server_second_client_hello),
        cmocka_unit_test(test_server_renegotiation),
        cmocka_unit_test(test_server_records_after_close_notify),
        cmocka_unit_test(test_server_oversized_records),
        cmocka_unit_test(test_server_handshake_message_too_long),
        cmocka_unit_test(test_server_truncated_encrypted_records),
        cmocka_unit_test(test_one_byte_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
