/*
 * test_hostile_client.c — the hostile-peer suite, part 2: an evil server
 * against the glasstls client.  Same method as the evil client of
 * test_hostile.c (whose header says what every case checks): a glasstls
 * server stopped at a chosen state and made to misbehave, through the
 * harness of tests/helpers/duel.h.
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

/* Steps both sides (the evil one may fail or stop) until the side under
 * test fails or both are done; returns the error of the side under test. */
static int duel_run(duel *d)
{
    int evil_ok = 1;
    for (int i = 0; i < 200; i++) {
        if (glass_handshake_done(d->good) && glass_handshake_done(d->evil))
            return 0;
        if (evil_ok && !glass_handshake_done(d->evil)) {
            int rc = glass_handshake_step(d->evil);
            if (rc != 0 && !hs_blocked(rc))
                evil_ok = 0;
        }
        int rg = good_run(d);
        if (rg != 0)
            return rg;
    }
    return 0;
}

static void test_client_app_data_before_finished(void **state)
{
    (void)state;
    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_FINISHED);
    evil_app_data(&D, "HTTP/", 5);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "client: app data before server Finished");
    duel_free(&D);

    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_CERTIFICATE);
    evil_app_data(&D, "HTTP/", 5);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "client: plaintext app data after ServerHello");
    duel_free(&D);
}

static void test_client_ccs_out_of_order_or_twice(void **state)
{
    (void)state;
    static const uint8_t one = 1;

    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_CERTIFICATE);
    evil_send(&D, plain_ccs, sizeof plain_ccs);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "client: ChangeCipherSpec right after ServerHello");
    duel_free(&D);

    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_FINISHED);
    evil_seal_send(&D, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1, 0, 0);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "client: ChangeCipherSpec twice");
    duel_free(&D);
}

static void test_client_wrong_finished(void **state)
{
    (void)state;
    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_FINISHED);
    D.evil->hs->master[5] ^= 0x01;
    assert_int_equal(glass_handshake_step(D.evil), 0);
    expect_fatal(&D, good_run(&D), GLASS_E_BAD_FINISHED, "client: wrong server Finished");
    duel_free(&D);
}

/* HelloRequest (RFC 5246 7.4.1.1): after the handshake it asks for a
 * renegotiation, refused with a no_renegotiation warning; during the
 * handshake it is ignored, but not without end. */
static void test_client_hello_request(void **state)
{
    (void)state;
    static const uint8_t hello_request[] = { 0, 0, 0, 0 };
    static const uint8_t plain_hr[] = { 22, 3, 3, 0, 4, 0, 0, 0, 0 };
    uint8_t b[8];

    duel_setup(&D, 0, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    evil_send_hs(&D, hello_request, sizeof hello_request);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_WANT_READ);
    assert_int_equal(glass_conn_error(D.good), 0);
    int level = 0;
    assert_int_equal(evil_reads_alert(&D, &level), GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(level, GLASS_ALERT_LEVEL_WARNING);
    still_works(&D);
    printf("    %-52s -> warning no_renegotiation (100), goes on\n",
           "client: HelloRequest after the handshake");
    duel_free(&D);

    /* one during the handshake: ignored */
    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_HELLO);
    evil_send(&D, plain_hr, sizeof plain_hr);
    assert_int_equal(duel_run(&D), 0);
    assert_true(glass_handshake_done(D.good));
    duel_free(&D);

    /* a flood of them: unexpected_message after GLASS_HS_MAX_HELLO_REQUESTS */
    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_HELLO);
    for (int i = 0; i <= GLASS_HS_MAX_HELLO_REQUESTS; i++)
        evil_send(&D, plain_hr, sizeof plain_hr);
    expect_fatal(&D, good_run(&D), GLASS_E_UNEXPECTED_MESSAGE,
                 "client: HelloRequest flood during the handshake");
    duel_free(&D);
}

static void test_client_records_after_close_notify(void **state)
{
    (void)state;
    uint8_t b[8];
    duel_setup(&D, 0, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    assert_int_equal(glass_close(D.evil), 0);
    evil_app_data(&D, "late", 4);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_CLOSED);
    assert_int_equal(glass_read(D.good, b, sizeof b), GLASS_E_CLOSED);
    assert_int_equal(glass_conn_error(D.good), 0);
    assert_int_equal(evil_reads_alert(&D, NULL), GLASS_ALERT_CLOSE_NOTIFY);
    printf("    %-52s -> closed, data dropped, close_notify (0)\n",
           "client: app data after close_notify");
    duel_free(&D);
}

static void test_client_oversized_records(void **state)
{
    (void)state;
    static uint8_t big[GLASS_MAX_CIPHERTEXT + 64];
    uint8_t b[8];

    duel_start(&D, 0, ECDHE, GLASS_ST_SERVER_HELLO);
    static const uint8_t hdr[] = { 22, 3, 3, 0xFF, 0xFF };
    evil_send(&D, hdr, sizeof hdr);
    expect_fatal(&D, good_run(&D), GLASS_E_RECORD_OVERFLOW,
                 "client: record header of 65535 bytes");
    duel_free(&D);

    /* a ciphertext just over 2^14 + 2048 (its plaintext would be 2^14 + 2025) */
    duel_setup(&D, 0, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    memset(big, 'B', sizeof big);
    evil_seal_send(&D, GLASS_CT_APPLICATION_DATA, big,
                   GLASS_MAX_CIPHERTEXT + 1 - GLASS_GCM_EXPLICIT_NONCE - GLASS_GCM_TAG_SIZE, 0, 0);
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_RECORD_OVERFLOW,
                 "client: encrypted record > 2^14+2048");
    duel_free(&D);
}

static void test_client_handshake_message_too_long(void **state)
{
    (void)state;
    static uint8_t msg[GLASS_MIN_MAX_HANDSHAKE + 1];
    duel_setup(&D, 0, ECDHE);
    D.p.ccfg.max_handshake_size = GLASS_MIN_MAX_HANDSHAKE;
    duel_connect(&D);
    drive(&D, GLASS_ST_SERVER_HELLO);
    size_t body = sizeof msg - 4;
    memset(msg, 0, sizeof msg);
    msg[0] = GLASS_HS_SERVER_HELLO;
    msg[1] = (uint8_t)(body >> 16); msg[2] = (uint8_t)(body >> 8); msg[3] = (uint8_t)body;
    send_plain_hs(&D, msg, sizeof msg);
    expect_fatal(&D, good_run(&D), GLASS_E_HS_TOO_LARGE,
                 "client: ServerHello one byte over the bound");
    duel_free(&D);
}

static void test_client_truncated_encrypted_record(void **state)
{
    (void)state;
    static const uint8_t data[100] = { 7 };
    uint8_t b[8];
    duel_setup(&D, 0, ECDHE);
    duel_connect(&D);
    finish_handshake(&D);
    evil_seal_send(&D, GLASS_CT_APPLICATION_DATA, data, sizeof data, 17, 1);
    expect_fatal(&D, (int)glass_read(D.good, b, sizeof b), GLASS_E_BAD_RECORD_MAC,
                 "client: encrypted record cut short (17 bytes)");
    duel_free(&D);
}

/* ServerKeyExchange: curve_type(1) group(2) len(1) point(32) sigalg(2)
 * sig_len(2) signature(k).  A flipped bit in the signature or in the
 * signed point must be caught. */
static void bad_ske(size_t offset, const char *what)
{
    duel_setup(&D, 0, ECDHE);
    duel_connect(&D);
    D.p.stap.tamper_type = GLASS_HS_SERVER_KEY_EXCHANGE;
    D.p.stap.tamper_offset = offset;
    expect_fatal(&D, duel_run(&D), GLASS_E_BAD_SKE_SIGNATURE, what);
    assert_int_equal(D.p.stap.tamper_type, 0);                /* it was sent */
    duel_free(&D);
}

static void test_client_bad_ske_signature(void **state)
{
    (void)state;
    static hs_pair k;
    assert_int_equal(hs_pair_setup(&k, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    size_t sig_len = glass_rsa_size(&k.key.pub);
    hs_pair_free(&k);
    bad_ske(40 + sig_len - 1, "client: ServerKeyExchange, signature's last byte");
    bad_ske(40, "client: ServerKeyExchange, signature's first byte");
    bad_ske(4 + 7, "client: ServerKeyExchange, signed X25519 key");
}

static void test_client_certificate_for_another_host(void **state)
{
    (void)state;
    /* a valid chain for other.example */
    duel_setup(&D, 0, ECDHE);
    glass_x509_list_free(&D.p.chain);
    glass_x509_list_init(&D.p.chain);
    assert_int_equal(glass_x509_list_load_file(&D.p.chain, "tests/certs/chain-wronghost.pem"), 0);
    duel_connect(&D);
    expect_fatal(&D, duel_run(&D), GLASS_E_CERT_HOSTNAME,
                 "client: certificate for other.example");
    assert_non_null(glass_conn_peer_cert_reason(D.good));
    duel_free(&D);

    /* the localhost certificate, but the client asked for another name */
    duel_setup(&D, 0, ECDHE);
    D.p.ccfg.server_name = "www.example.com";
    duel_connect(&D);
    expect_fatal(&D, duel_run(&D), GLASS_E_CERT_HOSTNAME,
                 "client: localhost certificate for www.example.com");
    duel_free(&D);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_app_data_before_finished),
        cmocka_unit_test(test_client_ccs_out_of_order_or_twice),
        cmocka_unit_test(test_client_wrong_finished),
        cmocka_unit_test(test_client_hello_request),
        cmocka_unit_test(test_client_records_after_close_notify),
        cmocka_unit_test(test_client_oversized_records),
        cmocka_unit_test(test_client_handshake_message_too_long),
        cmocka_unit_test(test_client_truncated_encrypted_record),
        cmocka_unit_test(test_client_bad_ske_signature),
        cmocka_unit_test(test_client_certificate_for_another_host),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
