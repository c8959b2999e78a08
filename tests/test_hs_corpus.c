/*
 * test_hs_corpus.c — malformed and out-of-order handshake messages fed to
 * each role over the in-memory pipe (every parser strict): truncated
 * bodies, wrong inner lengths, duplicated extensions, oversized messages,
 * unexpected types, a ChangeCipherSpec too early, bad values.  Every case
 * must end with the one expected error, that error's alert on the wire
 * (RFC 5246 section 7.2; the table is glass_alert_for_error()), and, for
 * decoding errors, a record of where the parse failed.  No case may crash
 * or leak (tests/sh/hs_corpus_valgrind.sh runs this under valgrind).
 *
 * The bytes are written here by hand from the RFC structures, so the
 * cases do not depend on glasstls's own writers.
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
#include "glasstls/trace.h"
#include "helpers/hs_fixture.h"

/* ------------------------------------------------------------ bytes */

typedef struct buf {
    uint8_t b[8192];
    size_t  n;
} buf;

static void put(buf *x, const void *p, size_t n)
{
    assert_true(x->n + n <= sizeof x->b);
    memcpy(x->b + x->n, p, n);
    x->n += n;
}
static void u8(buf *x, unsigned v) { uint8_t c = (uint8_t)v; put(x, &c, 1); }
static void u16(buf *x, unsigned v) { u8(x, v >> 8); u8(x, v); }
static void u24(buf *x, unsigned long v) { u8(x, (unsigned)(v >> 16)); u16(x, (unsigned)v & 0xFFFF); }
static void fill(buf *x, uint8_t v, size_t n) { while (n--) u8(x, v); }

/* A handshake message: type, uint24 length, body. */
static void hs_msg(buf *out, unsigned type, const buf *body)
{
    u8(out, type);
    u24(out, body->n);
    put(out, body->b, body->n);
}

/* A plaintext record around data. */
static void record(buf *out, unsigned type, const void *data, size_t n)
{
    u8(out, type);
    u16(out, 0x0303);
    u16(out, (unsigned)n);
    put(out, data, n);
}

/* A ClientHello body: version, suites, compression list and a raw
 * extensions block (NULL = no block). */
static void client_hello(buf *b, unsigned version, const uint16_t *suites, size_t ns,
                         const uint8_t *comp, size_t nc, const buf *exts)
{
    u16(b, version);
    fill(b, 0x42, 32);
    u8(b, 0);
    u16(b, (unsigned)(2 * ns));
    for (size_t i = 0; i < ns; i++)
        u16(b, suites[i]);
    u8(b, (unsigned)nc);
    put(b, comp, nc);
    if (exts != NULL) {
        u16(b, (unsigned)exts->n);
        put(b, exts->b, exts->n);
    }
}

/* The extensions a modern client sends: renegotiation_info, groups
 * {x25519}, point formats, signature_algorithms, EMS. */
static void good_exts(buf *e)
{
    static const uint8_t x[] = {
        0xff, 0x01, 0, 1, 0,
        0x00, 0x0a, 0, 4, 0, 2, 0, 29,
        0x00, 0x0b, 0, 2, 1, 0,
        0x00, 0x0d, 0, 4, 0, 2, 4, 1,
        0x00, 0x17, 0, 0,
    };
    put(e, x, sizeof x);
}

static const uint16_t ecdhe_suite[] = { 0xC02F };
static const uint8_t null_comp[] = { 0 };

static void good_client_hello_record(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    good_exts(&e);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}

/* ------------------------------------------------------------ running */

typedef struct side {
    hs_pair p;                 /* configs, keys and the pipe */
    glass_conn *conn;          /* the role under test */
    glass_transport peer;      /* the raw other end */
} side;

/* Every case runs traced, so the byte map (glasstls/fields.h) is built
 * while the hostile bytes are parsed too: a message that parses and every
 * record must be mapped byte for byte (or, for a message of more fields
 * than the list holds, say so), and nothing may crash or leak. */
static size_t maps_checked, maps_bad, maps_overflow;

static void map_check(void *ctx, const glass_trace_event *ev)
{
    (void)ctx;
    long at = -1;
    if (ev->kind == GLASS_TRACE_MESSAGE && ev->spans_overflow && ev->spans == NULL) {
        maps_overflow++;                   /* 16 000 extensions: no map, the trace says so */
        return;
    }
    if (ev->kind == GLASS_TRACE_MESSAGE)
        at = glass_spans_check(ev->spans, ev->n_spans, ev->len);
    else if (ev->kind == GLASS_TRACE_RECORD)
        at = glass_spans_check(ev->spans, ev->n_spans, ev->record_len);
    else
        return;
    maps_checked++;
    if (at != -1) {
        maps_bad++;
        print_message("byte map of a %s (type %d, %zu spans) fails at offset %ld\n",
                      ev->kind == GLASS_TRACE_MESSAGE ? "message" : "record",
                      ev->kind == GLASS_TRACE_MESSAGE ? (int)ev->msg->type : ev->content_type,
                      ev->n_spans, at);
    }
}

static void side_open(side *s, int server)
{
    assert_int_equal(hs_pair_setup(&s->p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    s->p.scfg.trace = s->p.ccfg.trace = map_check;
    assert_int_equal(glass_pipe_new(&s->p.pipe, 0), 0);
    assert_non_null(s->p.pipe);
    glass_transport mine = server ? glass_pipe_server(s->p.pipe) : glass_pipe_client(s->p.pipe);
    s->peer = server ? glass_pipe_client(s->p.pipe) : glass_pipe_server(s->p.pipe);
    assert_int_equal(glass_conn_new(&s->conn, server ? &s->p.scfg : &s->p.ccfg, mine), 0);
}

static void side_close(side *s)
{
    glass_conn_free(s->conn);
    s->conn = NULL;
    hs_pair_free(&s->p);
    assert_true(maps_checked > 0);
    assert_int_equal(maps_bad, 0);
}

static void send_raw(side *s, const buf *x)
{
    assert_int_equal(s->peer.send(s->peer.ctx, x->b, x->n), (long)x->n);
}

/* Everything the role under test sent since the last call. */
static size_t recv_raw(side *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    long r;
    while (n < cap && (r = s->peer.recv(s->peer.ctx, out + n, cap - n)) > 0)
        n += (size_t)r;
    return n;
}

/* Steps until the connection fails; returns the error. */
static int run_until_error(side *s)
{
    for (int i = 0; i < 30; i++) {
        int rc = glass_handshake_step(s->conn);
        if (rc != 0 && rc != GLASS_E_WANT_READ && rc != GLASS_E_WANT_WRITE)
            return rc;
        if (rc == GLASS_E_WANT_READ)
            break;
    }
    return 0;
}

/* Steps while it makes progress (sending its flight). */
static void run_until_blocked(side *s)
{
    for (int i = 0; i < 30; i++)
        if (glass_handshake_step(s->conn) != 0)
            return;
}

/* The description of the fatal alert found in the bytes (a plaintext
 * record 15 03 03 00 02 02 desc), or -1. */
static int alert_in(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i + 7 <= n;) {
        size_t len = (size_t)b[i + 3] << 8 | b[i + 4];
        if (b[i] == 21 && len == 2 && b[i + 5] == 2)
            return b[i + 6];
        i += 5 + len;
    }
    return -1;
}

static void expect_failure(side *s, int want_err, const char *name)
{
    static uint8_t wire[65536];
    int err = run_until_error(s);
    if (err != want_err)
        fail_msg("%s: got %s (%s), want %s", name, glass_err_name(err), glass_strerror(err),
                 glass_err_name(want_err));
    assert_int_equal(glass_conn_error(s->conn), want_err);
    size_t n = recv_raw(s, wire, sizeof wire);
    int want_alert = glass_alert_for_error(want_err);
    int got_alert = alert_in(wire, n);
    if (got_alert != want_alert)
        fail_msg("%s: alert on the wire %d, want %s", name, got_alert,
                 glass_alert_name(want_alert));
    assert_int_equal(glass_conn_last_alert_sent(s->conn).description, want_alert);
    if (want_err == GLASS_E_DECODE) {
        const glass_hs_where *w = glass_conn_parse_error(s->conn);
        assert_non_null(w);
        assert_non_null(w->message);
        assert_non_null(w->field);
    }
    /* the error is sticky: the next step says the same, sends nothing */
    assert_int_equal(glass_handshake_step(s->conn), want_err);
}

/* ------------------------------------------------------ server's input */

typedef struct server_case {
    const char *name;
    void (*make)(buf *out);
    int err;
} server_case;

static void sc_truncated_body(buf *out)            /* random cut short */
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u16(&b, 0x0303);
    fill(&b, 1, 10);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_session_id_too_long(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u16(&b, 0x0303); fill(&b, 1, 32); u8(&b, 33); fill(&b, 0, 33);
    u16(&b, 2); u16(&b, 0xC02F); u8(&b, 1); u8(&b, 0);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_suites_odd(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u16(&b, 0x0303); fill(&b, 1, 32); u8(&b, 0);
    u16(&b, 3); u16(&b, 0xC02F); u8(&b, 0); u8(&b, 1); u8(&b, 0);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_suites_longer_than_body(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u16(&b, 0x0303); fill(&b, 1, 32); u8(&b, 0);
    u16(&b, 200); u16(&b, 0xC02F); u8(&b, 1); u8(&b, 0);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_duplicate_extension(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    good_exts(&e);
    static const uint8_t again[] = { 0x00, 0x17, 0, 0 };
    put(&e, again, sizeof again);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_extension_inner_length(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t x[] = { 0xff, 0x01, 0, 1, 0, 0x00, 0x0a, 0, 4, 0, 6, 0, 29 };
    put(&e, x, sizeof x);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_extensions_trailing(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    good_exts(&e);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    u8(&b, 0);                                       /* one byte after the block */
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_oversized(buf *out)
{
    static const uint8_t m[] = { 1, 0xFF, 0xFF, 0xFF, 3, 3 };
    record(out, 22, m, sizeof m);
}
static void sc_finished_first(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    fill(&b, 0, 12);
    hs_msg(&m, 20, &b);
    record(out, 22, m.b, m.n);
}
static void sc_server_hello_from_client(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u16(&b, 0x0303); fill(&b, 1, 32); u8(&b, 0); u16(&b, 0xC02F); u8(&b, 0);
    hs_msg(&m, 2, &b);
    record(out, 22, m.b, m.n);
}
static void sc_early_ccs(buf *out)
{
    static const uint8_t one = 1;
    record(out, 20, &one, 1);
}
static void sc_app_data_first(buf *out)
{
    record(out, 23, "GET /", 5);
}
static void sc_old_version(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    good_exts(&e);
    client_hello(&b, 0x0301, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_no_null_compression(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t deflate[] = { 1 };
    good_exts(&e);
    client_hello(&b, 0x0303, ecdhe_suite, 1, deflate, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_no_common_suite(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint16_t cbc[] = { 0x002F, 0x0035 };
    good_exts(&e);
    client_hello(&b, 0x0303, cbc, 2, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
/* An ECDHE_RSA suite both have and X25519, but signature_algorithms lists
 * only rsa_pkcs1_sha1 (0x0201) and ecdsa_secp256r1_sha256 (0x0403): the
 * server has nothing to sign its ServerKeyExchange with. */
static void sc_no_usable_sigalg(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t x[] = {
        0xff, 0x01, 0, 1, 0,
        0x00, 0x0a, 0, 4, 0, 2, 0, 29,
        0x00, 0x0d, 0, 6, 0, 4, 2, 1, 4, 3,
    };
    put(&e, x, sizeof x);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_no_renegotiation_signal(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t x[] = { 0x00, 0x0a, 0, 4, 0, 2, 0, 29, 0x00, 0x0d, 0, 4, 0, 2, 4, 1 };
    put(&e, x, sizeof x);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
static void sc_renegotiation_not_empty(buf *out)
{
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t x[] = { 0xff, 0x01, 0, 13, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    put(&e, x, sizeof x);
    client_hello(&b, 0x0303, ecdhe_suite, 1, null_comp, 1, &e);
    hs_msg(&m, 1, &b);
    record(out, 22, m.b, m.n);
}
/* after a good ClientHello (the server sends its flight first) */
static void sc_second_client_hello(buf *out)
{
    good_client_hello_record(out);
}
static void sc_ccs_before_key_exchange(buf *out)
{
    sc_early_ccs(out);
}
static void sc_short_x25519_key(buf *out)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u8(&b, 31); fill(&b, 9, 31);
    hs_msg(&m, 16, &b);
    record(out, 22, m.b, m.n);
}
static void sc_zero_x25519_key(buf *out)    /* a low-order point: all-zero secret */
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u8(&b, 32); fill(&b, 0, 32);
    hs_msg(&m, 16, &b);
    record(out, 22, m.b, m.n);
}

/* RFC 5246 E.2: an SSLv2-compatible CLIENT-HELLO (2-byte header with the
 * high bit set, msg_type, version, three lengths, specs, session id,
 * challenge). */
static void v2_hello(buf *out, unsigned type, unsigned version, const uint8_t *specs,
                     size_t spec_len, size_t sid_len, size_t chal_len)
{
    size_t len = 9 + spec_len + sid_len + chal_len;
    u16(out, 0x8000 | (unsigned)len);
    u8(out, type);
    u16(out, version);
    u16(out, (unsigned)spec_len);
    u16(out, (unsigned)sid_len);
    u16(out, (unsigned)chal_len);
    put(out, specs, spec_len);
    fill(out, 0x5a, sid_len);
    fill(out, 0xc3, chal_len);
}
static const uint8_t v2_tls_specs[] = { 0, 0x00, 0x9c, 0, 0x00, 0xff };
static const uint8_t v2_only_specs[] = { 0x01, 0x00, 0x80, 0x07, 0x00, 0xc0 };
static void sc_v2_only_v2_specs(buf *out)
{
    v2_hello(out, 1, 0x0303, v2_only_specs, sizeof v2_only_specs, 0, 32);
}
static void sc_v2_tls10(buf *out)
{
    v2_hello(out, 1, 0x0301, v2_tls_specs, sizeof v2_tls_specs, 0, 32);
}
static void sc_v2_session_id(buf *out)
{
    v2_hello(out, 1, 0x0303, v2_tls_specs, sizeof v2_tls_specs, 16, 32);
}
static void sc_v2_not_client_hello(buf *out)
{
    v2_hello(out, 4, 0x0303, v2_tls_specs, sizeof v2_tls_specs, 0, 32);
}

static const server_case server_first[] = {
    { "SSLv2 hello with SSLv2 cipher specs only", sc_v2_only_v2_specs, GLASS_E_NO_COMMON_SUITE },
    { "SSLv2 hello offering TLS 1.0", sc_v2_tls10, GLASS_E_PROTOCOL_VERSION },
    { "SSLv2 hello with a session id", sc_v2_session_id, GLASS_E_ILLEGAL_PARAMETER },
    { "SSLv2 message other than CLIENT-HELLO", sc_v2_not_client_hello,
      GLASS_E_UNEXPECTED_MESSAGE },
    { "ClientHello cut short", sc_truncated_body, GLASS_E_DECODE },
    { "session_id of 33 bytes", sc_session_id_too_long, GLASS_E_DECODE },
    { "odd cipher_suites length", sc_suites_odd, GLASS_E_DECODE },
    { "cipher_suites longer than the body", sc_suites_longer_than_body, GLASS_E_DECODE },
    { "duplicated extension", sc_duplicate_extension, GLASS_E_DUPLICATE_EXTENSION },
    { "extension inner length", sc_extension_inner_length, GLASS_E_DECODE },
    { "byte after the extensions", sc_extensions_trailing, GLASS_E_DECODE },
    { "oversized message", sc_oversized, GLASS_E_HS_TOO_LARGE },
    { "Finished first", sc_finished_first, GLASS_E_UNEXPECTED_MESSAGE },
    { "ServerHello from a client", sc_server_hello_from_client, GLASS_E_UNEXPECTED_MESSAGE },
    { "ChangeCipherSpec first", sc_early_ccs, GLASS_E_UNEXPECTED_MESSAGE },
    { "application data first", sc_app_data_first, GLASS_E_UNEXPECTED_MESSAGE },
    { "TLS 1.0 client", sc_old_version, GLASS_E_PROTOCOL_VERSION },
    { "no null compression", sc_no_null_compression, GLASS_E_NO_COMPRESSION },
    { "no common suite", sc_no_common_suite, GLASS_E_NO_COMMON_SUITE },
    { "no usable signature algorithm", sc_no_usable_sigalg, GLASS_E_NO_SIGALG },
    { "non-empty renegotiation_info", sc_renegotiation_not_empty, GLASS_E_RENEGOTIATION },
};
static const server_case server_after_hello[] = {
    { "second ClientHello", sc_second_client_hello, GLASS_E_UNEXPECTED_MESSAGE },
    { "ChangeCipherSpec before ClientKeyExchange", sc_ccs_before_key_exchange,
      GLASS_E_UNEXPECTED_MESSAGE },
    { "31-byte X25519 key", sc_short_x25519_key, GLASS_E_BAD_KEY_SHARE },
    { "all-zero X25519 key", sc_zero_x25519_key, GLASS_E_BAD_KEY_SHARE },
};

/* RFC 5746: a ClientHello with neither renegotiation_info nor the SCSV is
 * answered by default (glasstls never renegotiates), and refused with
 * handshake_failure when the server's config requires the signal. */
static void test_server_renegotiation_signal(void **state)
{
    (void)state;
    static side s;
    static uint8_t sink[65536];
    for (int require = 0; require <= 1; require++) {
        buf in = { .n = 0 };
        assert_int_equal(hs_pair_setup(&s.p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
        s.p.scfg.require_secure_renegotiation = require;
        assert_int_equal(glass_pipe_new(&s.p.pipe, 0), 0);
        assert_non_null(s.p.pipe);
        s.peer = glass_pipe_client(s.p.pipe);
        assert_int_equal(glass_conn_new(&s.conn, &s.p.scfg, glass_pipe_server(s.p.pipe)), 0);
        sc_no_renegotiation_signal(&in);
        send_raw(&s, &in);
        if (require) {
            expect_failure(&s, GLASS_E_RENEGOTIATION, "no RFC 5746 signal, required");
        } else {
            run_until_blocked(&s);
            assert_string_equal(glass_conn_state_name(s.conn), "ClientKeyExchange");
            assert_true(recv_raw(&s, sink, sizeof sink) > 0);   /* its flight */
        }
        side_close(&s);
    }
}

/* RFC 5246 E.2: an SSLv2-compatible ClientHello offering TLS 1.2 is
 * answered (the transcript's use of the v2 bytes is checked end to end by
 * tests/sh/conformance_server.sh, whose client is independent); malformed
 * ones are decode_error. */
static void test_server_sslv2_hello(void **state)
{
    (void)state;
    static side s;
    static uint8_t wire[65536];
    buf in = { .n = 0 };
    side_open(&s, 1);
    v2_hello(&in, 1, 0x0303, v2_tls_specs, sizeof v2_tls_specs, 0, 16);
    send_raw(&s, &in);
    run_until_blocked(&s);
    assert_string_equal(glass_conn_state_name(s.conn), "ClientKeyExchange");
    size_t n = recv_raw(&s, wire, sizeof wire);
    /* a ServerHello (record 22, message 2) choosing TLS 1.2 and 0x009C */
    assert_true(n > 50);
    assert_int_equal(wire[0], 22);
    assert_int_equal(wire[5], 2);
    assert_int_equal(wire[9] << 8 | wire[10], 0x0303);
    size_t suite_at = 44 + wire[43];        /* after version, random, session_id */
    assert_int_equal(wire[suite_at] << 8 | wire[suite_at + 1], 0x009c);
    side_close(&s);

    /* lengths that disagree, a 15-byte challenge, a spec list of 4 bytes,
     * a record too short to hold a hello */
    static const struct { size_t spec, sid, chal; int cut; } bad[] = {
        { 6, 0, 15, 0 }, { 6, 0, 33, 0 }, { 4, 0, 32, 0 }, { 6, 0, 32, 1 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf b = { .n = 0 };
        static const uint8_t specs[6] = { 0, 0x00, 0x9c, 0, 0x00, 0xff };
        side_open(&s, 1);
        v2_hello(&b, 1, 0x0303, specs, bad[i].spec, bad[i].sid, bad[i].chal);
        if (bad[i].cut) {                  /* an 8-byte record: shorter than any hello */
            b.b[0] = 0x80;
            b.b[1] = 8;
            b.n = 2 + 8;
        }
        send_raw(&s, &b);
        int err = run_until_error(&s);
        if (err != GLASS_E_DECODE)
            fail_msg("bad v2 hello %zu: got %s, want GLASS_E_DECODE", i, glass_err_name(err));
        size_t m = recv_raw(&s, wire, sizeof wire);
        assert_int_equal(alert_in(wire, m), GLASS_ALERT_DECODE_ERROR);
        side_close(&s);
    }
}

/* A ClientHello far beyond the 32 KiB handshake buffers (a full 64 KiB
 * extensions block, 16,376 empty unknown extensions; within the 128 KiB
 * bound), cut into records of 1, 1,000 and 8,000 bytes, is answered; the bigger buffer is gone once the handshake is;
 * one over the bound is refused at its header. */
static void test_server_large_hello(void **state)
{
    (void)state;
    static side s;
    static uint8_t wire[65536];
    size_t exts_len = 65535, body_len = 2 + 32 + 1 + 4 + 2 + 2 + exts_len;
    size_t msg_len = 4 + body_len;
    uint8_t *msg = malloc(msg_len);
    assert_non_null(msg);
    size_t n = 0;
    msg[n++] = 1;
    msg[n++] = (uint8_t)(body_len >> 16); msg[n++] = (uint8_t)(body_len >> 8);
    msg[n++] = (uint8_t)body_len;
    msg[n++] = 3; msg[n++] = 3;
    memset(msg + n, 0x42, 32); n += 32;
    msg[n++] = 0;
    msg[n++] = 0; msg[n++] = 2; msg[n++] = 0xC0; msg[n++] = 0x2F;
    msg[n++] = 1; msg[n++] = 0;
    msg[n++] = (uint8_t)(exts_len >> 8); msg[n++] = (uint8_t)exts_len;
    static const uint8_t x[] = {            /* good_exts() */
        0xff, 0x01, 0, 1, 0, 0x00, 0x0a, 0, 4, 0, 2, 0, 29, 0x00, 0x0b, 0, 2, 1, 0,
        0x00, 0x0d, 0, 4, 0, 2, 4, 1, 0x00, 0x17, 0, 0,
    };
    memcpy(msg + n, x, sizeof x); n += sizeof x;
    for (unsigned t = 1000; n + 4 <= msg_len; t++) {   /* empty unknown extensions */
        msg[n++] = (uint8_t)(t >> 8); msg[n++] = (uint8_t)t; msg[n++] = 0; msg[n++] = 0;
    }
    assert_int_equal(n, msg_len);
    static const size_t frags[] = { 1, 1000, 8000 };
    size_t mem_after[3];
    for (size_t f = 0; f < 3; f++) {
        side_open(&s, 1);
        for (size_t off = 0; off < msg_len; off += frags[f]) {
            size_t k = msg_len - off < frags[f] ? msg_len - off : frags[f];
            buf r = { .n = 0 };
            record(&r, 22, msg + off, k);
            send_raw(&s, &r);
            if (glass_handshake_step(s.conn) == GLASS_E_WANT_WRITE)
                fail_msg("blocked on write");
        }
        run_until_blocked(&s);
        if (strcmp(glass_conn_state_name(s.conn), "ClientKeyExchange") != 0)
            fail_msg("fragments of %zu: state %s, error %s", frags[f],
                     glass_conn_state_name(s.conn), glass_err_name(glass_conn_error(s.conn)));
        /* the handshake now holds a buffer of the message's size */
        assert_true(glass_conn_memory(s.conn) > msg_len);
        mem_after[f] = glass_conn_memory(s.conn);
        assert_true(recv_raw(&s, wire, sizeof wire) > 0);
        side_close(&s);
    }
    assert_int_equal(mem_after[0], mem_after[1]);
    free(msg);

    /* one byte over the default bound: refused at the header */
    side_open(&s, 1);
    static const uint8_t hdr[] = { 1, (GLASS_DEFAULT_MAX_HANDSHAKE - 3) >> 16,
                                   (uint8_t)((GLASS_DEFAULT_MAX_HANDSHAKE - 3) >> 8),
                                   (uint8_t)(GLASS_DEFAULT_MAX_HANDSHAKE - 3), 3, 3 };
    buf r = { .n = 0 };
    record(&r, 22, hdr, sizeof hdr);
    send_raw(&s, &r);
    assert_int_equal(run_until_error(&s), GLASS_E_HS_TOO_LARGE);
    side_close(&s);
}

static void test_server_corpus(void **state)
{
    (void)state;
    static side s;
    static uint8_t sink[65536];
    for (size_t i = 0; i < sizeof server_first / sizeof server_first[0]; i++) {
        buf in = { .n = 0 };
        side_open(&s, 1);
        server_first[i].make(&in);
        send_raw(&s, &in);
        expect_failure(&s, server_first[i].err, server_first[i].name);
        side_close(&s);
    }
    for (size_t i = 0; i < sizeof server_after_hello / sizeof server_after_hello[0]; i++) {
        buf hello = { .n = 0 }, in = { .n = 0 };
        side_open(&s, 1);
        good_client_hello_record(&hello);
        send_raw(&s, &hello);
        run_until_blocked(&s);
        assert_string_equal(glass_conn_state_name(s.conn), "ClientKeyExchange");
        recv_raw(&s, sink, sizeof sink);                /* its flight */
        server_after_hello[i].make(&in);
        send_raw(&s, &in);
        expect_failure(&s, server_after_hello[i].err, server_after_hello[i].name);
        side_close(&s);
    }
}

/* ------------------------------------------------------ client's input */

/* A ServerHello body with the given version, suite, compression and raw
 * extensions (NULL: the good ones, renegotiation_info + EMS). */
static void server_hello(buf *out, unsigned version, unsigned suite, unsigned comp,
                         const buf *exts)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    static const uint8_t good[] = { 0xff, 0x01, 0, 1, 0, 0x00, 0x17, 0, 0 };
    u16(&b, version); fill(&b, 0x77, 32); u8(&b, 32); fill(&b, 0x55, 32);
    u16(&b, suite); u8(&b, comp);
    if (exts != NULL) {
        u16(&b, (unsigned)exts->n);
        put(&b, exts->b, exts->n);
    } else {
        u16(&b, sizeof good);
        put(&b, good, sizeof good);
    }
    hs_msg(&m, 2, &b);
    record(out, 22, m.b, m.n);
}

/* Certificate with the test chain (a good one for "localhost"). */
static void good_certificate(buf *out, const glass_x509_list *chain)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    size_t total = 0;
    for (size_t i = 0; i < chain->count; i++)
        total += 3 + chain->certs[i].der.len;
    u24(&b, total);
    for (size_t i = 0; i < chain->count; i++) {
        u24(&b, chain->certs[i].der.len);
        put(&b, chain->certs[i].der.p, chain->certs[i].der.len);
    }
    hs_msg(&m, 11, &b);
    /* the message may exceed one record: cut it */
    for (size_t off = 0; off < m.n; off += 16384)
        record(out, 22, m.b + off, m.n - off < 16384 ? m.n - off : 16384);
}

static void ske(buf *out, unsigned group, unsigned sigalg, size_t siglen)
{
    buf b = { .n = 0 }, m = { .n = 0 };
    u8(&b, 3); u16(&b, group); u8(&b, 32); fill(&b, 9, 32);
    u16(&b, sigalg); u16(&b, (unsigned)siglen); fill(&b, 0x5a, siglen);
    hs_msg(&m, 12, &b);
    record(out, 22, m.b, m.n);
}

static void server_hello_done(buf *out)
{
    static const uint8_t m[] = { 14, 0, 0, 0 };
    record(out, 22, m, sizeof m);
}

typedef struct client_case {
    const char *name;
    int kind;          /* how to build the input, see run_client_case */
    int err;
} client_case;

enum {
    CC_SH_VERSION, CC_SH_SUITE, CC_SH_COMPRESSION, CC_SH_UNSOLICITED, CC_SH_NO_RENEG,
    CC_SH_TRUNCATED, CC_SH_EXT_INNER, CC_SH_DUP_EXT, CC_DONE_FIRST, CC_EARLY_CCS,
    CC_HELLO_REQUEST, CC_OVERSIZED, CC_CERT_EMPTY, CC_CERT_INNER, CC_CERT_GARBAGE,
    CC_SKIP_SKE, CC_SKE_FOR_RSA, CC_SKE_BAD_SIG, CC_SKE_GROUP, CC_SKE_P256_SHORT, CC_SKE_SIGALG,
    CC_CCS_AFTER_CERT, CC_HELLO_REQUEST_FLOOD,
};

static const client_case client_cases[] = {
    { "ServerHello TLS 1.1", CC_SH_VERSION, GLASS_E_PROTOCOL_VERSION },
    { "suite not offered", CC_SH_SUITE, GLASS_E_ILLEGAL_PARAMETER },
    { "compression 1", CC_SH_COMPRESSION, GLASS_E_ILLEGAL_PARAMETER },
    { "unsolicited session_ticket", CC_SH_UNSOLICITED, GLASS_E_UNSUPPORTED_EXTENSION },
    { "no renegotiation_info", CC_SH_NO_RENEG, GLASS_E_RENEGOTIATION },
    { "ServerHello cut short", CC_SH_TRUNCATED, GLASS_E_DECODE },
    { "extension inner length", CC_SH_EXT_INNER, GLASS_E_DECODE },
    { "duplicated extension", CC_SH_DUP_EXT, GLASS_E_DUPLICATE_EXTENSION },
    { "ServerHelloDone first", CC_DONE_FIRST, GLASS_E_UNEXPECTED_MESSAGE },
    { "ChangeCipherSpec first", CC_EARLY_CCS, GLASS_E_UNEXPECTED_MESSAGE },
    /* RFC 5246 7.4.1.1: ignored; the TLS 1.1 ServerHello after it is not */
    { "HelloRequest, then ServerHello TLS 1.1", CC_HELLO_REQUEST, GLASS_E_PROTOCOL_VERSION },
    { "nine HelloRequests", CC_HELLO_REQUEST_FLOOD, GLASS_E_UNEXPECTED_MESSAGE },
    { "oversized message", CC_OVERSIZED, GLASS_E_HS_TOO_LARGE },
    { "empty Certificate", CC_CERT_EMPTY, GLASS_E_NO_CERTIFICATE },
    { "Certificate inner length", CC_CERT_INNER, GLASS_E_DECODE },
    { "Certificate not DER", CC_CERT_GARBAGE, GLASS_E_DER },
    { "ECDHE without ServerKeyExchange", CC_SKIP_SKE, GLASS_E_UNEXPECTED_MESSAGE },
    { "ServerKeyExchange for RSA", CC_SKE_FOR_RSA, GLASS_E_UNEXPECTED_MESSAGE },
    { "ServerKeyExchange bad signature", CC_SKE_BAD_SIG, GLASS_E_BAD_SKE_SIGNATURE },
    { "ServerKeyExchange group 25 (not offered)", CC_SKE_GROUP, GLASS_E_ILLEGAL_PARAMETER },
    { "ServerKeyExchange P-256 with a 32-byte point", CC_SKE_P256_SHORT, GLASS_E_EC_POINT },
    { "ServerKeyExchange ecdsa_secp256r1_sha256, RSA key", CC_SKE_SIGALG, GLASS_E_ILLEGAL_PARAMETER },
    { "ChangeCipherSpec after Certificate", CC_CCS_AFTER_CERT, GLASS_E_UNEXPECTED_MESSAGE },
};

static void client_input(buf *in, int kind, const glass_x509_list *chain)
{
    buf e = { .n = 0 }, m = { .n = 0 }, b = { .n = 0 };
    static const uint8_t one = 1;
    switch (kind) {
    case CC_SH_VERSION:     server_hello(in, 0x0302, 0xC02F, 0, NULL); break;
    case CC_SH_SUITE:       server_hello(in, 0x0303, 0x002F, 0, NULL); break;
    case CC_SH_COMPRESSION: server_hello(in, 0x0303, 0xC02F, 1, NULL); break;
    case CC_SH_UNSOLICITED: {
        static const uint8_t x[] = { 0xff, 0x01, 0, 1, 0, 0x00, 0x23, 0, 0 };
        put(&e, x, sizeof x);
        server_hello(in, 0x0303, 0xC02F, 0, &e);
        break;
    }
    case CC_SH_NO_RENEG: {
        static const uint8_t x[] = { 0x00, 0x17, 0, 0 };
        put(&e, x, sizeof x);
        server_hello(in, 0x0303, 0xC02F, 0, &e);
        break;
    }
    case CC_SH_TRUNCATED:
        u16(&b, 0x0303); fill(&b, 1, 20);
        hs_msg(&m, 2, &b);
        record(in, 22, m.b, m.n);
        break;
    case CC_SH_EXT_INNER: {
        static const uint8_t x[] = { 0xff, 0x01, 0, 1, 5 };
        put(&e, x, sizeof x);
        server_hello(in, 0x0303, 0xC02F, 0, &e);
        break;
    }
    case CC_SH_DUP_EXT: {
        static const uint8_t x[] = { 0xff, 0x01, 0, 1, 0, 0xff, 0x01, 0, 1, 0 };
        put(&e, x, sizeof x);
        server_hello(in, 0x0303, 0xC02F, 0, &e);
        break;
    }
    case CC_DONE_FIRST:     server_hello_done(in); break;
    case CC_EARLY_CCS:      record(in, 20, &one, 1); break;
    case CC_HELLO_REQUEST: {
        static const uint8_t hr[] = { 0, 0, 0, 0 };
        record(in, 22, hr, sizeof hr);
        server_hello(in, 0x0302, 0xC02F, 0, NULL);
        break;
    }
    case CC_HELLO_REQUEST_FLOOD: {
        static const uint8_t hr[] = { 0, 0, 0, 0 };
        for (int k = 0; k < 9; k++)
            record(in, 22, hr, sizeof hr);
        break;
    }
    case CC_OVERSIZED: {
        static const uint8_t big[] = { 2, 0xFF, 0xFF, 0xFF, 3, 3 };
        record(in, 22, big, sizeof big);
        break;
    }
    case CC_CERT_EMPTY:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        u24(&b, 0);
        hs_msg(&m, 11, &b);
        record(in, 22, m.b, m.n);
        break;
    case CC_CERT_INNER:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        u24(&b, 10); u24(&b, 9); fill(&b, 0x30, 7);
        hs_msg(&m, 11, &b);
        record(in, 22, m.b, m.n);
        break;
    case CC_CERT_GARBAGE:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        u24(&b, 13); u24(&b, 10); fill(&b, 0x41, 10);
        hs_msg(&m, 11, &b);
        record(in, 22, m.b, m.n);
        break;
    case CC_SKIP_SKE:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        server_hello_done(in);
        break;
    case CC_SKE_FOR_RSA:
        server_hello(in, 0x0303, 0x009C, 0, NULL);
        good_certificate(in, chain);
        ske(in, 29, 0x0401, 256);
        break;
    case CC_SKE_BAD_SIG:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        ske(in, 29, 0x0401, 256);
        break;
    case CC_SKE_GROUP:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        ske(in, 25, 0x0401, 256);       /* secp521r1: glasstls does not offer it */
        break;
    case CC_SKE_P256_SHORT:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        ske(in, 23, 0x0401, 256);       /* offered, but 32 bytes is no P-256 point */
        break;
    case CC_SKE_SIGALG:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        ske(in, 29, 0x0403, 256);       /* ecdsa_secp256r1_sha256 from an RSA certificate */
        break;
    case CC_CCS_AFTER_CERT:
        server_hello(in, 0x0303, 0xC02F, 0, NULL);
        good_certificate(in, chain);
        record(in, 20, &one, 1);
        break;
    default:
        fail();
    }
}

static void test_client_corpus(void **state)
{
    (void)state;
    static side s;
    static uint8_t sink[65536];
    static buf in;
    for (size_t i = 0; i < sizeof client_cases / sizeof client_cases[0]; i++) {
        side_open(&s, 0);
        assert_int_equal(glass_handshake_step(s.conn), 0);        /* ClientHello */
        assert_true(recv_raw(&s, sink, sizeof sink) > 0);
        in.n = 0;
        client_input(&in, client_cases[i].kind, &s.p.chain);
        send_raw(&s, &in);
        expect_failure(&s, client_cases[i].err, client_cases[i].name);
        side_close(&s);
    }
}

/* A client offering a session to resume gets a full handshake: a fresh
 * 32-byte session id, never its own (RFC 5246 7.4.1.3; no resumption). */
static void test_offered_session_gets_full_handshake(void **state)
{
    (void)state;
    static side s;
    static uint8_t out[65536];
    buf e = { .n = 0 }, b = { .n = 0 }, m = { .n = 0 }, in = { .n = 0 };
    good_exts(&e);
    u16(&b, 0x0303); fill(&b, 0x42, 32);
    u8(&b, 32); fill(&b, 0xAA, 32);                         /* an old session id */
    u16(&b, 2); u16(&b, 0xC02F); u8(&b, 1); u8(&b, 0);
    u16(&b, (unsigned)e.n); put(&b, e.b, e.n);
    hs_msg(&m, 1, &b);
    record(&in, 22, m.b, m.n);
    side_open(&s, 1);
    send_raw(&s, &in);
    run_until_blocked(&s);
    assert_string_equal(glass_conn_state_name(s.conn), "ClientKeyExchange");
    size_t n = recv_raw(&s, out, sizeof out);
    /* record header 5, handshake header 4, version 2, random 32, then the id */
    assert_true(n > 5 + 4 + 2 + 32 + 33);
    assert_int_equal(out[5], 2);
    assert_int_equal(out[5 + 4 + 2 + 32], 32);
    uint8_t old[32];
    memset(old, 0xAA, sizeof old);
    assert_memory_not_equal(out + 5 + 4 + 2 + 32 + 1, old, 32);
    side_close(&s);
}

/* The server's alert reaches a glasstls client as GLASS_E_ALERT_RECEIVED
 * with the alert's name, and the client sends nothing back. */
static void test_alert_from_peer(void **state)
{
    (void)state;
    static side s;
    static uint8_t sink[4096];
    buf in = { .n = 0 };
    static const uint8_t alert[] = { 2, 40 };
    side_open(&s, 0);
    assert_int_equal(glass_handshake_step(s.conn), 0);
    recv_raw(&s, sink, sizeof sink);
    record(&in, 21, alert, sizeof alert);
    send_raw(&s, &in);
    assert_int_equal(run_until_error(&s), GLASS_E_ALERT_RECEIVED);
    assert_int_equal(glass_conn_last_alert_received(s.conn).description, 40);
    assert_false(glass_conn_last_alert_sent(s.conn).present);
    assert_int_equal(recv_raw(&s, sink, sizeof sink), 0);
    side_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_corpus),
        cmocka_unit_test(test_server_renegotiation_signal),
        cmocka_unit_test(test_server_sslv2_hello),
        cmocka_unit_test(test_server_large_hello),
        cmocka_unit_test(test_client_corpus),
        cmocka_unit_test(test_alert_from_peer),
        cmocka_unit_test(test_offered_session_gets_full_handshake),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
