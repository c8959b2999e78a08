/*
 * test_conn.c — the connection API (lib/conn) after the handshake:
 * glass_read/glass_write (records of at most 2^14 bytes, non-blocking
 * partial writes), glass_close and the peer's close_notify, fatal errors
 * and the alert they send, refused renegotiation, configuration checks.
 *
 * White-box: the handshake is not run here (it is tested in
 * test_handshake).  Two connections over the in-memory pipe are given
 * matching keys on their record layers directly and marked established.
 * Both use the client role, whose glass_hs_new() needs no certificate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "glasstls/err.h"
#include "glasstls/trace.h"
#include "glasstls/tls.h"
#include "conn/conn.h"

static int fixed_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memset(out, 0x42, len);
    return 0;
}

static const uint8_t k1[16] = "0123456789abcdef", k2[16] = "fedcba9876543210";
static const uint8_t s1[4] = { 1, 2, 3, 4 }, s2[4] = { 5, 6, 7, 8 };

typedef struct pair {
    glass_config cfg;
    glass_pipe *p;
    glass_conn *a, *b;
} pair;

/* Two established connections a <-> b over the transports ta, tb. */
static pair *pair_over(glass_transport ta, glass_transport tb)
{
    pair *q = calloc(1, sizeof *q);
    assert_non_null(q);
    glass_config_init(&q->cfg, GLASS_ROLE_CLIENT);
    q->cfg.verify_peer = 0;
    q->cfg.rng = fixed_rng;
    assert_int_equal(glass_conn_new(&q->a, &q->cfg, ta), GLASS_OK);
    assert_int_equal(glass_conn_new(&q->b, &q->cfg, tb), GLASS_OK);
    glass_record *ra = &q->a->rec, *rb = &q->b->rec;
    assert_int_equal(glass_record_set_keys(ra, GLASS_DIR_WRITE, k1, 16, s1), GLASS_OK);
    assert_int_equal(glass_record_set_keys(rb, GLASS_DIR_READ, k1, 16, s1), GLASS_OK);
    assert_int_equal(glass_record_set_keys(rb, GLASS_DIR_WRITE, k2, 16, s2), GLASS_OK);
    assert_int_equal(glass_record_set_keys(ra, GLASS_DIR_READ, k2, 16, s2), GLASS_OK);
    assert_int_equal(glass_record_queue_ccs(ra), GLASS_OK);
    assert_int_equal(glass_record_queue_ccs(rb), GLASS_OK);
    glass_record_msg m;
    assert_int_equal(glass_record_next(ra, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_CHANGE_CIPHER_SPEC);
    assert_int_equal(glass_record_next(rb, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_CHANGE_CIPHER_SPEC);
    q->a->established = q->b->established = 1;
    return q;
}

/* ... over a pipe of the given capacity. */
static pair *pair_new(size_t capacity)
{
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, capacity), 0);
    pair *q = pair_over(glass_pipe_client(p), glass_pipe_server(p));
    q->p = p;
    return q;
}

static void pair_free(pair *q)
{
    glass_conn_free(q->a);
    glass_conn_free(q->b);
    glass_pipe_free(q->p);
    free(q);
}

static uint8_t src[200000], dst[200000];

static void fill_src(size_t n)
{
    for (size_t i = 0; i < n; i++)
        src[i] = (uint8_t)(i * 131 + (i >> 9));
}

/* Reads exactly n bytes on c (bounded spinning on would-block). */
static void read_exactly(glass_conn *c, uint8_t *buf, size_t n)
{
    size_t have = 0;
    int spins = 0;
    while (have < n) {
        long r = glass_read(c, buf + have, n - have);
        if (r == GLASS_E_WANT_READ) {
            assert_true(++spins < 100000);
            continue;
        }
        assert_true(r > 0);
        assert_true(r <= 16384);            /* at most one record per call */
        have += (size_t)r;
    }
}

static void test_config_defaults_and_checks(void **state)
{
    (void)state;
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    assert_int_equal(cfg.role, GLASS_ROLE_SERVER);
    assert_int_equal(cfg.verify_peer, 1);
    assert_int_equal(cfg.suite_count, 0);
    assert_null(cfg.rng);
    assert_int_equal(glass_config_check(&cfg), GLASS_OK);
    cfg.max_handshake_size = GLASS_MIN_MAX_HANDSHAKE - 1;
    assert_int_equal(glass_config_check(&cfg), GLASS_E_INVALID_ARG);
    cfg.max_handshake_size = GLASS_LIMIT_MAX_HANDSHAKE + 1;
    assert_int_equal(glass_config_check(&cfg), GLASS_E_INVALID_ARG);
    cfg.max_handshake_size = 0;
    cfg.suite_count = GLASS_CONFIG_MAX_SUITES + 1;
    assert_int_equal(glass_config_check(&cfg), GLASS_E_INVALID_ARG);
    cfg.suite_count = 0;
    cfg.role = (glass_role)7;
    assert_int_equal(glass_config_check(&cfg), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_config_check(NULL), GLASS_E_INVALID_ARG);

    glass_conn *c = (glass_conn *)&cfg;     /* must be overwritten with NULL */
    glass_transport none = { NULL, NULL, NULL };
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);
    assert_int_equal(glass_conn_new(&c, &cfg, none), GLASS_E_INVALID_ARG);
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 0), 0);
    cfg.max_handshake_size = 100;
    assert_int_equal(glass_conn_new(&c, &cfg, glass_pipe_client(p)), GLASS_E_INVALID_ARG);
    assert_null(c);
    /* no RNG hook: the connection seeds its own HMAC-DRBG from the OS */
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);
    assert_int_equal(glass_conn_new(&c, &cfg, glass_pipe_client(p)), GLASS_OK);
    assert_int_equal(c->drbg.instantiated, 1);
    uint8_t r1[16], r2[16];
    assert_int_equal(glass_drbg_rng(&c->drbg, r1, sizeof r1), GLASS_OK);
    assert_int_equal(glass_drbg_rng(&c->drbg, r2, sizeof r2), GLASS_OK);
    assert_memory_not_equal(r1, r2, sizeof r1);
    glass_conn_free(c);
    glass_pipe_free(p);
    glass_conn_free(NULL);
}

static void test_memory_per_connection(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    size_t m = glass_conn_memory(q->a);
    size_t expect = sizeof(struct glass_conn) + glass_record_mem_size(GLASS_HS_BUFFER_SIZE);
    assert_true(m >= expect);
    print_message("memory of one connection: %zu bytes (struct %zu, record buffers %zu, "
                  "handshake %zu)\n", m, sizeof(struct glass_conn),
                  glass_record_mem_size(GLASS_HS_BUFFER_SIZE),
                  m - expect);
    pair_free(q);
}

static void test_small_roundtrip_both_ways(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    assert_int_equal(glass_write(q->a, (const uint8_t *)"hello", 5), 5);
    assert_int_equal(glass_write(q->b, (const uint8_t *)"hi there", 8), 8);
    uint8_t buf[32];
    assert_int_equal(glass_read(q->b, buf, sizeof buf), 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(glass_read(q->a, buf, sizeof buf), 8);
    assert_memory_equal(buf, "hi there", 8);
    assert_int_equal(glass_read(q->a, buf, sizeof buf), GLASS_E_WANT_READ);
    assert_int_equal(glass_read(q->a, buf, 0), 0);
    assert_int_equal(glass_write(q->a, buf, 0), 0);
    /* a short read leaves the rest of the record for the next call */
    assert_int_equal(glass_write(q->a, (const uint8_t *)"abcdef", 6), 6);
    assert_int_equal(glass_read(q->b, buf, 4), 4);
    assert_int_equal(glass_read(q->b, buf + 4, 10), 2);
    assert_memory_equal(buf, "abcdef", 6);
    /* the handshake is done: a step does nothing */
    assert_int_equal(glass_handshake_step(q->a), GLASS_OK);
    assert_int_equal(glass_handshake(q->a), GLASS_OK);
    assert_int_equal(glass_handshake_done(q->a), 1);
    pair_free(q);
}

static void test_large_write_is_split_into_full_records(void **state)
{
    (void)state;
    pair *q = pair_new(1 << 20);
    size_t n = 100000;
    fill_src(n);
    size_t before = glass_pipe_pending(q->p, 0);
    assert_int_equal(glass_write(q->a, src, n), (long)n);
    /* ceil(100000 / 16384) = 7 records, each 5 + 8 + 16 bytes of overhead */
    assert_int_equal(glass_pipe_pending(q->p, 0) - before, n + 7 * 29);
    read_exactly(q->b, dst, n);
    assert_memory_equal(dst, src, n);
    pair_free(q);
}

static void test_nonblocking_partial_writes(void **state)
{
    (void)state;
    /* a pipe that holds only 3000 bytes: writes are accepted piecemeal */
    pair *q = pair_new(3000);
    size_t n = 60000, sent = 0, got = 0;
    fill_src(n);
    int partial = 0, blocked = 0, spins = 0;
    while (got < n) {
        assert_true(++spins < 100000);
        if (sent < n) {
            long w = glass_write(q->a, src + sent, n - sent);
            if (w == GLASS_E_WANT_WRITE) {
                blocked++;
            } else {
                assert_true(w > 0);
                if ((size_t)w < n - sent)
                    partial++;
                sent += (size_t)w;
            }
        } else {
            int rc = glass_flush(q->a);
            assert_true(rc == GLASS_OK || rc == GLASS_E_WANT_WRITE);
        }
        long r = glass_read(q->b, dst + got, n - got);
        if (r != GLASS_E_WANT_READ) {
            assert_true(r > 0);
            got += (size_t)r;
        }
    }
    assert_int_equal(sent, n);
    assert_memory_equal(dst, src, n);
    assert_true(partial > 0);
    assert_true(blocked > 0);
    pair_free(q);
}

static void test_nonblocking_socketpair(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(fcntl(sv[i], F_SETFL, fcntl(sv[i], F_GETFL) | O_NONBLOCK), 0);
    pair *q = pair_over(glass_transport_fd(sv[0]), glass_transport_fd(sv[1]));
    size_t n = 200000, sent = 0, got = 0;
    fill_src(n);
    int spins = 0;
    while (got < n) {
        assert_true(++spins < 1000000);
        if (sent < n) {
            long w = glass_write(q->a, src + sent, n - sent);
            assert_true(w > 0 || w == GLASS_E_WANT_WRITE);
            if (w > 0)
                sent += (size_t)w;
        } else {
            int rc = glass_flush(q->a);
            assert_true(rc == GLASS_OK || rc == GLASS_E_WANT_WRITE);
        }
        long r = glass_read(q->b, dst + got, n - got);
        assert_true(r > 0 || r == GLASS_E_WANT_READ);
        if (r > 0)
            got += (size_t)r;
    }
    assert_memory_equal(dst, src, n);
    /* close: a's close_notify reaches b, b's reply reaches a */
    int rc;
    while ((rc = glass_close(q->a)) == GLASS_E_WANT_WRITE)
        assert_true(++spins < 1000000);
    assert_int_equal(rc, GLASS_OK);
    uint8_t buf[8];
    long r;
    while ((r = glass_read(q->b, buf, sizeof buf)) == GLASS_E_WANT_READ)
        assert_true(++spins < 1000000);
    assert_int_equal(r, GLASS_E_CLOSED);
    while ((r = glass_read(q->a, buf, sizeof buf)) == GLASS_E_WANT_READ)
        assert_true(++spins < 1000000);
    assert_int_equal(r, GLASS_E_CLOSED);
    pair_free(q);
    close(sv[0]);
    close(sv[1]);
}

static void test_one_byte_transport(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    glass_pipe_set_chunk(q->p, 1);
    fill_src(3000);
    assert_int_equal(glass_write(q->a, src, 3000), 3000);
    read_exactly(q->b, dst, 3000);
    assert_memory_equal(dst, src, 3000);
    pair_free(q);
}

static void test_close_notify_both_ways(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    uint8_t buf[16];
    assert_int_equal(glass_write(q->a, (const uint8_t *)"last", 4), 4);
    assert_int_equal(glass_close(q->a), GLASS_OK);
    assert_int_equal(glass_conn_we_closed(q->a), 1);
    assert_int_equal(glass_close(q->a), GLASS_OK);          /* once only */
    assert_int_equal(glass_write(q->a, (const uint8_t *)"x", 1), GLASS_E_STATE);
    /* b gets the data, then the close; it answers with its own */
    assert_int_equal(glass_read(q->b, buf, sizeof buf), 4);
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_CLOSED);
    assert_int_equal(glass_conn_peer_closed(q->b), 1);
    assert_int_equal(glass_conn_we_closed(q->b), 1);
    glass_alert al = glass_conn_last_alert_received(q->b);
    assert_int_equal(al.present, 1);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_WARNING);
    assert_int_equal(al.description, GLASS_ALERT_CLOSE_NOTIFY);
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_CLOSED);  /* stays closed */
    assert_int_equal(glass_conn_error(q->b), 0);                        /* not a failure */
    /* a sees b's reply */
    assert_int_equal(glass_read(q->a, buf, sizeof buf), GLASS_E_CLOSED);
    al = glass_conn_last_alert_sent(q->a);
    assert_int_equal(al.description, GLASS_ALERT_CLOSE_NOTIFY);
    assert_int_equal(glass_alert_for_error(GLASS_E_CLOSED), GLASS_ALERT_NONE);
    pair_free(q);
}

static void test_eof_without_close_notify(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    uint8_t buf[16];
    glass_pipe_shutdown(q->p, 0);
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_EOF);
    assert_int_equal(glass_conn_error(q->b), GLASS_E_EOF);
    assert_int_equal(glass_conn_last_alert_sent(q->b).present, 0);     /* nobody to tell */
    pair_free(q);
}

static void test_fatal_error_sends_its_alert(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    /* b expects other keys: a's record fails authentication at b */
    uint8_t wrong[16];
    memcpy(wrong, k1, 16);
    wrong[0] ^= 0x80;
    glass_record_cipher_wipe(&q->b->rec.read);
    assert_int_equal(glass_record_cipher_init(&q->b->rec.read, wrong, 16, s1), GLASS_OK);
    assert_int_equal(glass_write(q->a, (const uint8_t *)"data", 4), 4);
    uint8_t buf[16];
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(glass_conn_error(q->b), GLASS_E_BAD_RECORD_MAC);
    glass_alert al = glass_conn_last_alert_sent(q->b);
    assert_int_equal(al.present, 1);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(al.description, GLASS_ALERT_BAD_RECORD_MAC);
    /* sticky */
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(glass_write(q->b, buf, 1), GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(glass_close(q->b), GLASS_E_BAD_RECORD_MAC);
    /* a receives the alert, by name */
    assert_int_equal(glass_read(q->a, buf, sizeof buf), GLASS_E_ALERT_RECEIVED);
    al = glass_conn_last_alert_received(q->a);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_FATAL);
    assert_string_equal(glass_alert_name(al.description), "bad_record_mac");
    /* a does not answer an alert with an alert */
    assert_int_equal(glass_conn_last_alert_sent(q->a).present, 0);
    pair_free(q);
}

/* Queues a raw handshake message on c's record layer (as a peer would). */
static void send_hs(glass_conn *c, uint8_t type)
{
    size_t cap;
    uint8_t *out = glass_record_hs_out(&c->rec, &cap);
    assert_non_null(out);
    out[0] = type;
    out[1] = out[2] = out[3] = 0;
    assert_int_equal(glass_record_queue_handshake(&c->rec, 4), GLASS_OK);
}

static void test_renegotiation_refused(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    uint8_t buf[16];
    /* a HelloRequest to the client b: answered no_renegotiation (warning),
     * and the data behind it still arrives */
    send_hs(q->a, 0);
    assert_int_equal(glass_write(q->a, (const uint8_t *)"after", 5), 5);
    assert_int_equal(glass_read(q->b, buf, sizeof buf), 5);
    assert_memory_equal(buf, "after", 5);
    glass_alert al = glass_conn_last_alert_sent(q->b);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_WARNING);
    assert_int_equal(al.description, GLASS_ALERT_NO_RENEGOTIATION);
    /* a sees the warning and goes on */
    assert_int_equal(glass_read(q->a, buf, sizeof buf), GLASS_E_WANT_READ);
    al = glass_conn_last_alert_received(q->a);
    assert_int_equal(al.description, GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(glass_conn_error(q->a), 0);
    /* any other handshake message now is unexpected */
    send_hs(q->a, 20);
    assert_int_equal(glass_read(q->b, buf, sizeof buf), GLASS_E_UNEXPECTED_MESSAGE);
    assert_int_equal(glass_conn_last_alert_sent(q->b).description, GLASS_ALERT_UNEXPECTED_MESSAGE);
    pair_free(q);
}

/* The handshake buffers and state are freed once application data moves (the first
 * glass_read/glass_write), and a handshake message longer than the header
 * kept afterwards is still read whole and refused with no_renegotiation
 * (both ends of the pair are clients, so it is a HelloRequest, here with a
 * 300-byte body: the refusal looks only at the type). */
static void test_handshake_buffers_released(void **state)
{
    (void)state;
    pair *q = pair_new(0);
    glass_conn *first = q->a, *peer = q->b;
    uint8_t buf[16];
    size_t before = glass_conn_memory(first);
    size_t hs_bytes = glass_hs_memory(first->hs);
    assert_int_equal(glass_write(first, (const uint8_t *)"x", 1), 1);
    size_t after = glass_conn_memory(first);
    /* the handshake buffers and the handshake state (test_conn_release
     * checks what the queries answer afterwards) */
    assert_int_equal(before - after, 2 * GLASS_HS_BUFFER_SIZE + hs_bytes);
    assert_null(first->hs);
    /* the peer still holds its buffers: it sends the long message */
    size_t cap;
    uint8_t *out = glass_record_hs_out(&peer->rec, &cap);
    assert_non_null(out);
    assert_true(cap >= 304);
    memset(out, 0x33, 304);
    out[0] = 0;
    out[1] = 0;
    out[2] = 300 >> 8;
    out[3] = 300 & 0xff;
    assert_int_equal(glass_record_queue_handshake(&peer->rec, 304), GLASS_OK);
    assert_int_equal(glass_write(peer, (const uint8_t *)"after", 5), 5);
    assert_int_equal(glass_conn_memory(peer), after);
    assert_int_equal(glass_read(first, buf, sizeof buf), 5);
    assert_memory_equal(buf, "after", 5);
    glass_alert al = glass_conn_last_alert_sent(first);
    assert_int_equal(al.level, GLASS_ALERT_LEVEL_WARNING);
    assert_int_equal(al.description, GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(glass_conn_error(first), 0);
    /* and data still flows both ways */
    assert_int_equal(glass_read(peer, buf, sizeof buf), 1);
    assert_int_equal(buf[0], 'x');
    pair_free(q);
}

/* The queries of glasstls/tls.h take NULL (and say nothing happened). */
static void test_queries_take_null(void **state)
{
    (void)state;
    assert_int_equal(glass_conn_state(NULL), GLASS_ST_CLIENT_HELLO);
    assert_string_equal(glass_conn_state_name(NULL), "ClientHello");
    assert_null(glass_conn_last_message(NULL));
    assert_null(glass_conn_parse_error(NULL));
    assert_null(glass_conn_peer_cert_reason(NULL));
    assert_null(glass_conn_server_name(NULL));
    assert_int_equal(glass_conn_suite(NULL), 0);
    assert_int_equal(glass_conn_ems(NULL), 0);
    assert_int_equal(glass_conn_error(NULL), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_conn_last_alert_sent(NULL).present, 0);
    assert_int_equal(glass_conn_last_alert_received(NULL).present, 0);
    assert_int_equal(glass_conn_peer_closed(NULL), 0);
    assert_int_equal(glass_conn_we_closed(NULL), 0);
    assert_int_equal(glass_conn_memory(NULL), 0);
    assert_int_equal(glass_handshake_done(NULL), 0);
    /* and the constructors say why they fail */
    assert_int_equal(glass_pipe_new(NULL, 0), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_tracer_new(NULL), GLASS_E_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_queries_take_null),
        cmocka_unit_test(test_config_defaults_and_checks),
        cmocka_unit_test(test_memory_per_connection),
        cmocka_unit_test(test_small_roundtrip_both_ways),
        cmocka_unit_test(test_large_write_is_split_into_full_records),
        cmocka_unit_test(test_nonblocking_partial_writes),
        cmocka_unit_test(test_nonblocking_socketpair),
        cmocka_unit_test(test_one_byte_transport),
        cmocka_unit_test(test_close_notify_both_ways),
        cmocka_unit_test(test_eof_without_close_notify),
        cmocka_unit_test(test_fatal_error_sends_its_alert),
        cmocka_unit_test(test_renegotiation_refused),
        cmocka_unit_test(test_handshake_buffers_released),
    };
    return cmocka_run_group_tests_name("conn", tests, NULL, NULL);
}
