/*
 * test_hostile_transcript.c — hostile peers made by editing the golden
 * transcripts (tests/test_hostile.c drives evil peers live
 * instead): a glasstls server facing an evil client and a glasstls client facing an evil server, each case one
 * protocol violation, checking the error, the alert sent (RFC 5246
 * section 7.2; the table is glass_alert_for_error(), docs/alerts.md),
 * and (under make memcheck / SANITIZE=1) that nothing leaks or crashes.
 *
 * How the evil peer is made: both sides use fixed DRBG seeds and a fixed
 * clock (tests/helpers/hs_fixture.c), so the golden transcripts
 * tests/vectors/handshake_*.hex replay exactly: the client half fed to a
 * fresh server completes a handshake, and so does the server half fed to
 * a fresh client.  Each case edits that byte stream record by record
 * (split a record, insert one, duplicate one, flip a byte, cut it) and
 * feeds it to the real side through a transport that reads from it and
 * ends the stream when it is used up.  Encrypted records can only be
 * altered, not forged (we do not have the keys here); a wrong Finished
 * under valid encryption is made with a client and a server over the pipe
 * instead.  Records after close_notify and renegotiation after the
 * handshake are in tests/test_conn.c.  docs/hardening.md lists the cases.
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

/* ------------------------------------------------------------ streams */

#define STREAM_CAP 200000

typedef struct stream {
    uint8_t b[STREAM_CAP];
    size_t  n, pos;
} stream;

/* One record of a stream: where it starts and its payload length. */
typedef struct rec_at {
    size_t off;
    uint8_t type;
    size_t len;
} rec_at;

static void put(stream *s, const void *p, size_t n)
{
    assert_true(s->n + n <= sizeof s->b);
    memcpy(s->b + s->n, p, n);
    s->n += n;
}

static void put_record(stream *s, uint8_t type, const uint8_t *payload, size_t n)
{
    uint8_t h[5] = { type, 3, 3, (uint8_t)(n >> 8), (uint8_t)n };
    put(s, h, 5);
    put(s, payload, n);
}

/* The records of a stream, in order. */
static size_t records(const stream *s, rec_at *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i + 5 <= s->n && k < max; k++) {
        out[k].off = i;
        out[k].type = s->b[i];
        out[k].len = (size_t)s->b[i + 3] << 8 | s->b[i + 4];
        i += 5 + out[k].len;
    }
    return k;
}

/* One side's sends of a golden transcript, concatenated. */
static void golden(stream *s, const char *file, char who)
{
    static hs_log log;
    char path[128];
    snprintf(path, sizeof path, "tests/vectors/%s", file);
    assert_int_equal(hs_log_read_hex(&log, path), 0);
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i + 3 <= log.len;) {
        size_t n = (size_t)log.bytes[i + 1] << 8 | log.bytes[i + 2];
        if (log.bytes[i] == (uint8_t)who)
            put(s, log.bytes + i + 3, n);
        i += 3 + n;
    }
    assert_true(s->n > 0);
}

/* A new stream: the records of `in`, with record k replaced by what fn
 * writes (fn may write nothing, several records, or the record as is). */
typedef void (*rec_fn)(stream *out, const stream *in, const rec_at *r, size_t k, void *arg);

static void rewrite(stream *out, const stream *in, rec_fn fn, void *arg)
{
    rec_at r[64];
    size_t n = records(in, r, 64);
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < n; k++)
        fn(out, in, &r[k], k, arg);
}

static void keep(stream *out, const stream *in, const rec_at *r)
{
    put(out, in->b + r->off, 5 + r->len);
}

/* ------------------------------------------------------------ one side */

static long feed_recv(void *ctx, uint8_t *buf, size_t len)
{
    stream *s = ctx;
    if (s->pos == s->n)
        return 0;
    size_t n = s->n - s->pos;
    if (n > len)
        n = len;
    memcpy(buf, s->b + s->pos, n);
    s->pos += n;
    return (long)n;
}

static size_t g_sent;   /* bytes our side sent in the current run */

static long sink_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    g_sent += len;
    return (long)len;
}

typedef struct outcome {
    int done;             /* handshake completed */
    int err;              /* the error that stopped it (0 when done) */
    glass_alert sent;     /* the alert our side sent */
    size_t sent_bytes;    /* everything our side sent */
} outcome;

/* Runs our side (role) against the evil peer's bytes.  suite 0x009C etc.:
 * the one suite the client offers, as in the golden transcript. */
static outcome run_side(int role, uint16_t suite, const char *server_name, stream *in)
{
    static hs_pair p;
    outcome o;
    glass_conn *c = NULL;

    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", suite, 1), 0);
    if (server_name != NULL)
        p.ccfg.server_name = server_name;
    in->pos = 0;
    g_sent = 0;
    glass_transport tr = { in, sink_send, feed_recv };
    assert_int_equal(glass_conn_new(&c, role == GLASS_ROLE_CLIENT ? &p.ccfg : &p.scfg, tr), 0);
    int rc = 0;
    for (int i = 0; i < 64 && !glass_handshake_done(c); i++) {
        rc = glass_handshake_step(c);
        if (rc != 0 && rc != GLASS_E_WANT_READ && rc != GLASS_E_WANT_WRITE)
            break;
    }
    o.done = glass_handshake_done(c);
    o.err = o.done ? 0 : rc;
    o.sent = glass_conn_last_alert_sent(c);
    o.sent_bytes = g_sent;
    p.server = c;                      /* freed by hs_pair_free */
    hs_pair_free(&p);
    return o;
}

static void expect_alert(outcome o, int err, int alert)
{
    assert_false(o.done);
    assert_int_equal(o.err, err);
    if (alert == GLASS_ALERT_NONE) {
        assert_false(o.sent.present);
        return;
    }
    assert_true(o.sent.present);
    assert_int_equal(o.sent.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(o.sent.description, alert);
}

#define RSA128   "handshake_rsa_aes128.hex"
#define ECDHE128 "handshake_ecdhe_aes128.hex"
static stream g_in, g_out;

/* ------------------------------------------------- evil client, our server */

static void test_baseline_client_bytes_complete(void **state)
{
    (void)state;
    golden(&g_in, RSA128, 'C');
    outcome o = run_side(GLASS_ROLE_SERVER, 0, NULL, &g_in);
    assert_true(o.done);
    golden(&g_in, ECDHE128, 'C');
    o = run_side(GLASS_ROLE_SERVER, 0, NULL, &g_in);
    assert_true(o.done);
}

/* Every plaintext handshake record cut into 1-byte records: must succeed
 * (RFC 5246 6.2.1: messages may be fragmented across records). */
static void one_byte(stream *out, const stream *in, const rec_at *r, size_t k, void *arg)
{
    int *seen_ccs = arg;
    (void)k;
    if (r->type == GLASS_CT_CHANGE_CIPHER_SPEC)
        *seen_ccs = 1;
    if (r->type != GLASS_CT_HANDSHAKE || *seen_ccs) {
        keep(out, in, r);
        return;
    }
    for (size_t i = 0; i < r->len; i++)
        put_record(out, r->type, in->b + r->off + 5 + i, 1);
}

static void test_handshake_in_one_byte_records(void **state)
{
    (void)state;
    const char *files[] = { RSA128, ECDHE128 };
    for (int f = 0; f < 2; f++) {
        int seen = 0;
        golden(&g_in, files[f], 'C');
        rewrite(&g_out, &g_in, one_byte, &seen);
        assert_true(g_out.n > g_in.n * 2);
        outcome o = run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out);
        assert_true(o.done);
    }
}

/* Inserts a record before record number `at`. */
typedef struct insert_arg {
    size_t at;
    uint8_t type;
    const uint8_t *p;
    size_t n;
    int dup;          /* instead: duplicate record `at` */
} insert_arg;

static void insert(stream *out, const stream *in, const rec_at *r, size_t k, void *arg)
{
    insert_arg *a = arg;
    if (k == a->at && !a->dup)
        put_record(out, a->type, a->p, a->n);
    keep(out, in, r);
    if (k == a->at && a->dup)
        keep(out, in, r);
}

/* The golden client streams are: ClientHello, ClientKeyExchange, CCS,
 * Finished (encrypted), application data, one record each. */
static void check_client_layout(const stream *s)
{
    rec_at r[8];
    assert_int_equal(records(s, r, 8), 5);
    assert_int_equal(r[0].type, GLASS_CT_HANDSHAKE);
    assert_int_equal(s->b[r[0].off + 5], GLASS_HS_CLIENT_HELLO);
    assert_int_equal(s->b[r[1].off + 5], GLASS_HS_CLIENT_KEY_EXCHANGE);
    assert_int_equal(r[2].type, GLASS_CT_CHANGE_CIPHER_SPEC);
    assert_int_equal(r[3].type, GLASS_CT_HANDSHAKE);
}

static void test_application_data_before_finished(void **state)
{
    (void)state;
    static const uint8_t data[] = "GET / HTTP/1.0\r\n\r\n";
    golden(&g_in, RSA128, 'C');
    check_client_layout(&g_in);
    insert_arg a = { 2, GLASS_CT_APPLICATION_DATA, data, sizeof data - 1, 0 };
    rewrite(&g_out, &g_in, insert, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_UNEXPECTED_MESSAGE, GLASS_ALERT_UNEXPECTED_MESSAGE);
}

static void test_change_cipher_spec_out_of_order(void **state)
{
    (void)state;
    static const uint8_t one = 1;
    golden(&g_in, RSA128, 'C');
    insert_arg a = { 1, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1, 0 };   /* before CKE */
    rewrite(&g_out, &g_in, insert, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_UNEXPECTED_MESSAGE, GLASS_ALERT_UNEXPECTED_MESSAGE);
}

/* A second (plaintext) ChangeCipherSpec arrives when the read side is
 * already encrypted: it cannot authenticate (RFC 5246 6.2.3.3). */
static void test_change_cipher_spec_twice(void **state)
{
    (void)state;
    golden(&g_in, RSA128, 'C');
    insert_arg a = { 2, 0, NULL, 0, 1 };
    rewrite(&g_out, &g_in, insert, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_BAD_RECORD_MAC, GLASS_ALERT_BAD_RECORD_MAC);
}

static void test_second_client_hello(void **state)
{
    (void)state;
    golden(&g_in, RSA128, 'C');
    insert_arg a = { 0, 0, NULL, 0, 1 };
    rewrite(&g_out, &g_in, insert, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_UNEXPECTED_MESSAGE, GLASS_ALERT_UNEXPECTED_MESSAGE);
}

/* A ClientHello header announcing 2^24 - 1 bytes: refused from the header,
 * before any of it is buffered. */
static void test_handshake_message_over_limit(void **state)
{
    (void)state;
    static const uint8_t hdr[] = { GLASS_HS_CLIENT_HELLO, 0xff, 0xff, 0xff, 3, 3 };
    memset(&g_out, 0, sizeof g_out);
    put_record(&g_out, GLASS_CT_HANDSHAKE, hdr, sizeof hdr);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_HS_TOO_LARGE, GLASS_ALERT_DECODE_ERROR);
}

/* A plaintext record of 2^14 + 1 bytes (RFC 5246 6.2.1). */
static void test_oversized_record(void **state)
{
    (void)state;
    static uint8_t big[16385];
    memset(&g_out, 0, sizeof g_out);
    put_record(&g_out, GLASS_CT_HANDSHAKE, big, sizeof big);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_RECORD_OVERFLOW, GLASS_ALERT_RECORD_OVERFLOW);
}

/* Alters the encrypted Finished (the record after the ChangeCipherSpec):
 * mode 0 flips a ciphertext byte, 1 drops the last tag byte (length - 1),
 * 2 cuts the stream in the middle of it. */
typedef struct alter_arg {
    int mode;
    int seen_ccs;
} alter_arg;

static void alter_finished(stream *out, const stream *in, const rec_at *r, size_t k, void *arg)
{
    alter_arg *a = arg;
    (void)k;
    if (r->type == GLASS_CT_CHANGE_CIPHER_SPEC) {
        a->seen_ccs = 1;
        keep(out, in, r);
        return;
    }
    if (a->seen_ccs != 1) {
        if (a->seen_ccs == 0 || a->mode != 2)
            keep(out, in, r);
        return;
    }
    a->seen_ccs = 2;
    if (a->mode == 0) {
        keep(out, in, r);
        out->b[out->n - 20] ^= 0x01;
    } else if (a->mode == 1) {
        put_record(out, r->type, in->b + r->off + 5, r->len - 1);
    } else {
        put(out, in->b + r->off, 5 + r->len / 2);
    }
}

static void test_tampered_encrypted_finished(void **state)
{
    (void)state;
    alter_arg a = { 0, 0 };
    golden(&g_in, RSA128, 'C');
    rewrite(&g_out, &g_in, alter_finished, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_BAD_RECORD_MAC, GLASS_ALERT_BAD_RECORD_MAC);
}

static void test_truncated_encrypted_record(void **state)
{
    (void)state;
    alter_arg a = { 1, 0 };
    golden(&g_in, ECDHE128, 'C');
    rewrite(&g_out, &g_in, alter_finished, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out),
                 GLASS_E_BAD_RECORD_MAC, GLASS_ALERT_BAD_RECORD_MAC);
    /* the stream ends inside the record: no alert can be answered to */
    a.mode = 2;
    a.seen_ccs = 0;
    rewrite(&g_out, &g_in, alter_finished, &a);
    expect_alert(run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out), GLASS_E_EOF, GLASS_ALERT_NONE);
}

/* Bad RSA premaster padding (RFC 5246 7.4.7.1, Bleichenbacher): the
 * ClientKeyExchange is replaced by one encrypting a hand-made block with
 * the server's public key.  Every bad kind must look exactly like a
 * well-formed premaster that simply does not match the client's Finished:
 * same error, same alert, same bytes sent before it. */
enum { PM_GOOD, PM_BLOCK_TYPE_1, PM_FIRST_BYTE, PM_NO_SEPARATOR, PM_ZERO_IN_PS,
       PM_SHORT_PREMASTER, PM_WRONG_VERSION, PM_COUNT };

static void premaster_block(uint8_t *em, size_t k, int kind)
{
    size_t pm_len = kind == PM_SHORT_PREMASTER ? 47 : 48;
    em[0] = 0x00;
    em[1] = 0x02;
    for (size_t i = 2; i < k - pm_len - 1; i++)
        em[i] = (uint8_t)(0x11 + i % 200);          /* nonzero padding */
    em[k - pm_len - 1] = 0x00;                        /* separator */
    for (size_t i = k - pm_len; i < k; i++)
        em[i] = (uint8_t)(0x5a ^ i);
    em[k - pm_len] = 0x03;                            /* client_version */
    em[k - pm_len + 1] = 0x03;
    switch (kind) {
    case PM_BLOCK_TYPE_1: em[1] = 0x01; break;
    case PM_FIRST_BYTE:   em[0] = 0x01; break;
    case PM_NO_SEPARATOR: em[k - pm_len - 1] = 0x42; break;
    case PM_ZERO_IN_PS:   em[20] = 0x00; break;       /* message becomes too long */
    case PM_WRONG_VERSION: em[k - pm_len + 1] = 0x01; break;
    default: break;
    }
}

typedef struct cke_arg {
    const uint8_t *ct;
    size_t ct_len;
} cke_arg;

static void replace_cke(stream *out, const stream *in, const rec_at *r, size_t k, void *arg)
{
    cke_arg *a = arg;
    if (k != 1) {
        keep(out, in, r);
        return;
    }
    uint8_t msg[4 + 2 + 512];
    size_t body = 2 + a->ct_len;
    msg[0] = GLASS_HS_CLIENT_KEY_EXCHANGE;
    msg[1] = 0;
    msg[2] = (uint8_t)(body >> 8);
    msg[3] = (uint8_t)body;
    msg[4] = (uint8_t)(a->ct_len >> 8);
    msg[5] = (uint8_t)a->ct_len;
    memcpy(msg + 6, a->ct, a->ct_len);
    put_record(out, GLASS_CT_HANDSHAKE, msg, 4 + body);
}

static void test_bad_premaster_padding_looks_like_wrong_finished(void **state)
{
    (void)state;
    static glass_x509_list chain;
    static glass_rsa_public pub;
    uint8_t em[512], ct[512];
    outcome res[PM_COUNT];

    glass_x509_list_init(&chain);
    assert_int_equal(glass_x509_list_load_file(&chain, "tests/certs/chain-localhost.pem"), 0);
    assert_int_equal(glass_x509_rsa_public(&chain.certs[0], &pub), 0);
    size_t k = glass_rsa_size(&pub);
    golden(&g_in, RSA128, 'C');
    check_client_layout(&g_in);
    for (int kind = 0; kind < PM_COUNT; kind++) {
        premaster_block(em, k, kind);
        assert_int_equal(glass_rsa_public_raw(&pub, em, k, ct, k), 0);
        cke_arg a = { ct, k };
        rewrite(&g_out, &g_in, replace_cke, &a);
        res[kind] = run_side(GLASS_ROLE_SERVER, 0, NULL, &g_out);
        /* the golden Finished was made under another premaster */
        expect_alert(res[kind], GLASS_E_BAD_RECORD_MAC, GLASS_ALERT_BAD_RECORD_MAC);
        assert_int_equal(res[kind].sent_bytes, res[PM_GOOD].sent_bytes);
    }
    glass_x509_list_free(&chain);
}

/* ------------------------------------------------- evil server, our client */

static void test_baseline_server_bytes_complete(void **state)
{
    (void)state;
    golden(&g_in, RSA128, 'S');
    assert_true(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, NULL, &g_in).done);
    golden(&g_in, ECDHE128, 'S');
    assert_true(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NULL,
                         &g_in).done);
}

static void test_server_flight_in_one_byte_records(void **state)
{
    (void)state;
    int seen = 0;
    golden(&g_in, ECDHE128, 'S');
    rewrite(&g_out, &g_in, one_byte, &seen);
    assert_true(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NULL,
                         &g_out).done);
}

static void test_certificate_for_another_host(void **state)
{
    (void)state;
    golden(&g_in, RSA128, 'S');
    expect_alert(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256,
                          "www.example.com", &g_in),
                 GLASS_E_CERT_HOSTNAME, GLASS_ALERT_BAD_CERTIFICATE);
}

/* Flips the last byte of the ServerKeyExchange (inside its signature). */
static void bad_ske(stream *out, const stream *in, const rec_at *r, size_t k, void *arg)
{
    (void)k;
    (void)arg;
    keep(out, in, r);
    if (r->type != GLASS_CT_HANDSHAKE)
        return;
    /* walk the messages of this record */
    const uint8_t *p = in->b + r->off + 5;
    for (size_t i = 0; i + 4 <= r->len;) {
        size_t n = (size_t)p[i + 1] << 16 | (size_t)p[i + 2] << 8 | p[i + 3];
        if (p[i] == GLASS_HS_SERVER_KEY_EXCHANGE && i + 4 + n <= r->len)
            out->b[out->n - r->len + i + 4 + n - 1] ^= 0x01;
        i += 4 + n;
    }
}

static void test_server_key_exchange_bad_signature(void **state)
{
    (void)state;
    golden(&g_in, ECDHE128, 'S');
    rewrite(&g_out, &g_in, bad_ske, NULL);
    assert_int_not_equal(memcmp(g_in.b, g_out.b, g_in.n), 0);
    expect_alert(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NULL,
                          &g_out),
                 GLASS_E_BAD_SKE_SIGNATURE, GLASS_ALERT_DECRYPT_ERROR);
}

static void test_server_tampered_finished(void **state)
{
    (void)state;
    alter_arg a = { 0, 0 };
    golden(&g_in, RSA128, 'S');
    rewrite(&g_out, &g_in, alter_finished, &a);
    expect_alert(run_side(GLASS_ROLE_CLIENT, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, NULL, &g_out),
                 GLASS_E_BAD_RECORD_MAC, GLASS_ALERT_BAD_RECORD_MAC);
}

/* A HelloRequest (renegotiation request, RFC 5246 7.4.1.1) in the middle
 * of the server's flight.  The RFC says a client that is negotiating
 * ignores it (it is not part of the transcript hash), so the handshake
 * would complete; glasstls refuses it with unexpected_message instead
 * (stricter, still safe).  Either is accepted here; anything else (a
 * crash, another alert, a completed handshake with a different
 * transcript) is not. */
static void test_hello_request_during_handshake(void **state)
{
    (void)state;
    static const uint8_t hello_request[] = { GLASS_HS_HELLO_REQUEST, 0, 0, 0 };
    golden(&g_in, RSA128, 'S');
    insert_arg a = { 1, GLASS_CT_HANDSHAKE, hello_request, sizeof hello_request, 0 };
    rewrite(&g_out, &g_in, insert, &a);
    outcome o = run_side(GLASS_ROLE_CLIENT, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, NULL, &g_out);
    if (!o.done)
        expect_alert(o, GLASS_E_UNEXPECTED_MESSAGE, GLASS_ALERT_UNEXPECTED_MESSAGE);
}

/* A wrong Finished under valid encryption: a client and a server over the
 * pipe, without the extended master secret (so the keys do not depend on
 * the transcript), and one offered-but-unused cipher suite altered on the
 * wire (0x009D -> 0x019D, unknown, ignored by the server).  Both sides
 * derive the same keys, but their transcripts differ: the client's
 * Finished decrypts and does not match (RFC 5246 7.4.9: decrypt_error). */
static void test_wrong_finished_valid_encryption(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    /* ClientHello body: version 2, random 32, session_id 1 + 0, suites
     * length 2, then the six default suites, RSA256 last: its first byte
     * is at 2 + 32 + 1 + 2 + 10 = 47 */
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 0), 0);
    assert_int_equal(glass_default_suites[5], GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384);
    assert_int_equal(hs_pair_connect(&p), 0);
    p.ctap.tamper_type = GLASS_HS_CLIENT_HELLO;
    p.ctap.tamper_offset = 47;
    hs_pair_run(&p, &ce, &se);
    assert_int_equal(se, GLASS_E_BAD_FINISHED);
    glass_alert a = glass_conn_last_alert_sent(p.server);
    assert_true(a.present);
    assert_int_equal(a.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(a.description, GLASS_ALERT_DECRYPT_ERROR);
    assert_int_equal(ce, GLASS_E_ALERT_RECEIVED);
    assert_int_equal(glass_conn_last_alert_received(p.client).description, GLASS_ALERT_DECRYPT_ERROR);
    hs_pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_client_bytes_complete),
        cmocka_unit_test(test_handshake_in_one_byte_records),
        cmocka_unit_test(test_application_data_before_finished),
        cmocka_unit_test(test_change_cipher_spec_out_of_order),
        cmocka_unit_test(test_change_cipher_spec_twice),
        cmocka_unit_test(test_second_client_hello),
        cmocka_unit_test(test_handshake_message_over_limit),
        cmocka_unit_test(test_oversized_record),
        cmocka_unit_test(test_tampered_encrypted_finished),
        cmocka_unit_test(test_truncated_encrypted_record),
        cmocka_unit_test(test_bad_premaster_padding_looks_like_wrong_finished),
        cmocka_unit_test(test_wrong_finished_valid_encryption),
        cmocka_unit_test(test_baseline_server_bytes_complete),
        cmocka_unit_test(test_server_flight_in_one_byte_records),
        cmocka_unit_test(test_certificate_for_another_host),
        cmocka_unit_test(test_server_key_exchange_bad_signature),
        cmocka_unit_test(test_server_tampered_finished),
        cmocka_unit_test(test_hello_request_during_handshake),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
