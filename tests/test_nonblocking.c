/*
 * test_nonblocking.c — the non-blocking API (glasstls/tls.h): a transport
 * that says "would block" may do so at any byte, in either direction, on
 * either side, and the connection still makes the very same bytes as a
 * blocking one.
 *
 * The reference is a real blocking run: a client and a server on two
 * threads over a socketpair, each calling glass_handshake(), glass_write()
 * and glass_read() once and letting them block.  Both sides take their
 * random numbers from fixed-seed generators and their time from a fixed
 * clock (tests/helpers/hs_fixture.h), so every byte either side sends is
 * known in advance: the stream client->server and the stream
 * server->client are recorded.
 *
 * The runs under test use the in-memory pipe through a "stutter"
 * transport, stepped by one thread, and must send the same two streams and
 * deliver the same application data:
 *   - every boundary at once: each call moves at most one byte and every
 *     other call says GLASS_E_WANT_READ / _WANT_WRITE, on all four
 *     callbacks (client send, client recv, server send, server recv);
 *   - each boundary alone: for one callback and one offset k of its
 *     stream, the call that reaches k stops there and the next one says
 *     "would block"; k runs over every byte of the handshake.
 * A step that lost or repeated a byte, a partial record that was not kept,
 * a partial write that was re-sealed or forgotten would change the
 * streams, or stall, or fail.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "glasstls/err.h"
#include "glasstls/tls.h"
#include "helpers/hs_fixture.h"

#define STREAM_MAX (256 * 1024)
#define REQ_LEN 300                 /* the client's request */
#define RESP_LEN 40000              /* the server's response: three records */

/* ---- the stutter transport ---- */

enum { STUTTER_NONE, STUTTER_EVERY, STUTTER_AT };

typedef struct stream {
    uint8_t bytes[STREAM_MAX];
    size_t  len;
} stream;

/* One callback's behaviour: how far it got, and where it stops. */
typedef struct gate {
    int    mode;
    size_t pos;                     /* bytes moved so far */
    size_t at;                      /* STUTTER_AT: stop once at this offset */
    int    fired;                   /* ... and it did */
    int    toggle;                  /* STUTTER_EVERY: block every other call */
    unsigned long blocks;           /* how often it said "would block" */
} gate;

typedef struct stutter {
    glass_transport inner;
    gate    tx, rx;
    stream *sent;                   /* everything this side sent */
} stutter;

/* How many of len bytes the gate lets through now, 0 = "would block". */
static size_t gate_allow(gate *g, size_t len)
{
    if (len == 0)
        return 0;
    if (g->mode == STUTTER_EVERY) {
        if ((g->toggle ^= 1) != 0) {
            g->blocks++;
            return 0;
        }
        return 1;
    }
    if (g->mode == STUTTER_AT && !g->fired) {
        if (g->pos == g->at) {
            g->fired = 1;
            g->blocks++;
            return 0;
        }
        if (g->pos < g->at && g->pos + len > g->at)
            return g->at - g->pos;  /* stop exactly at the boundary */
    }
    return len;
}

static long stutter_send(void *ctx, const uint8_t *buf, size_t len)
{
    stutter *s = ctx;
    size_t n = gate_allow(&s->tx, len);
    if (n == 0 && len != 0)
        return GLASS_E_WANT_WRITE;
    long r = s->inner.send(s->inner.ctx, buf, n);
    if (r > 0) {
        if (s->sent->len + (size_t)r > STREAM_MAX)
            return GLASS_E_IO;
        memcpy(s->sent->bytes + s->sent->len, buf, (size_t)r);
        s->sent->len += (size_t)r;
        s->tx.pos += (size_t)r;
    }
    return r;
}

static long stutter_recv(void *ctx, uint8_t *buf, size_t len)
{
    stutter *s = ctx;
    size_t n = gate_allow(&s->rx, len);
    if (n == 0 && len != 0)
        return GLASS_E_WANT_READ;
    long r = s->inner.recv(s->inner.ctx, buf, n);
    if (r > 0)
        s->rx.pos += (size_t)r;
    return r;
}

static glass_transport stutter_transport(stutter *s)
{
    glass_transport t = { s, stutter_send, stutter_recv };
    return t;
}

/* ---- the two sides' data ---- */

static uint8_t request[REQ_LEN], response[RESP_LEN];

static void make_data(void)
{
    for (size_t i = 0; i < REQ_LEN; i++)
        request[i] = (uint8_t)('a' + i % 26);
    for (size_t i = 0; i < RESP_LEN; i++)
        response[i] = (uint8_t)(i * 31 + (i >> 8));
}

/* What one run produced. */
typedef struct outcome {
    stream c2s, s2c;                /* what each side sent */
    uint8_t got_req[REQ_LEN], got_resp[RESP_LEN];
    size_t  req_len, resp_len;
    int     client_closed, server_closed;   /* each saw the peer's close_notify */
} outcome;

static hs_pair pair;                /* large: static */

static int pack_flights;            /* cfg.pack_flights of both sides */

static void setup_pair(uint16_t suite)
{
    assert_int_equal(hs_pair_setup(&pair, "chain-localhost.pem", "leaf.key", suite, 1), 0);
    pair.ccfg.pack_flights = pair.scfg.pack_flights = pack_flights;
}

/* ---- the blocking reference ---- */

typedef struct side {
    glass_conn *c;
    outcome *o;
    int is_server;
    int rc;
} side;

static void *run_blocking_side(void *arg)
{
    side *sd = arg;
    outcome *o = sd->o;
    int rc = glass_handshake(sd->c);
    if (rc == 0 && !sd->is_server) {
        rc = glass_write(sd->c, request, REQ_LEN) == REQ_LEN ? 0 : -1;
        while (rc == 0 && o->resp_len < RESP_LEN) {
            long n = glass_read(sd->c, o->got_resp + o->resp_len, RESP_LEN - o->resp_len);
            rc = n > 0 ? 0 : (int)n;
            o->resp_len += n > 0 ? (size_t)n : 0;
        }
    } else if (rc == 0) {
        while (rc == 0 && o->req_len < REQ_LEN) {
            long n = glass_read(sd->c, o->got_req + o->req_len, REQ_LEN - o->req_len);
            rc = n > 0 ? 0 : (int)n;
            o->req_len += n > 0 ? (size_t)n : 0;
        }
        if (rc == 0)
            rc = glass_write(sd->c, response, RESP_LEN) == RESP_LEN ? 0 : -1;
    }
    /* the server closes first; the client answers (glass_read does) */
    if (rc == 0 && sd->is_server)
        rc = glass_close(sd->c);
    if (rc == 0) {
        uint8_t b[16];
        long n = glass_read(sd->c, b, sizeof b);
        if (n == GLASS_E_CLOSED)
            *(sd->is_server ? &o->server_closed : &o->client_closed) = 1;
        else
            rc = -1;
    }
    sd->rc = rc;
    return NULL;
}

static void blocking_run(uint16_t suite, outcome *o)
{
    int sv[2];
    memset(o, 0, sizeof *o);
    setup_pair(suite);
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    static stutter cs, ss;
    memset(&cs, 0, sizeof cs);
    memset(&ss, 0, sizeof ss);
    cs.inner = glass_transport_fd(sv[0]);
    cs.sent = &o->c2s;
    ss.inner = glass_transport_fd(sv[1]);
    ss.sent = &o->s2c;
    glass_conn *c, *s;
    assert_int_equal(glass_conn_new(&c, &pair.ccfg, stutter_transport(&cs)), 0);
    assert_int_equal(glass_conn_new(&s, &pair.scfg, stutter_transport(&ss)), 0);
    side cside = { c, o, 0, 0 }, sside = { s, o, 1, 0 };
    pthread_t tc, ts;
    assert_int_equal(pthread_create(&tc, NULL, run_blocking_side, &cside), 0);
    assert_int_equal(pthread_create(&ts, NULL, run_blocking_side, &sside), 0);
    pthread_join(tc, NULL);
    pthread_join(ts, NULL);
    assert_int_equal(cside.rc, 0);
    assert_int_equal(sside.rc, 0);
    glass_conn_free(c);
    glass_conn_free(s);
    close(sv[0]);
    close(sv[1]);
    hs_pair_free(&pair);
    /* no transport ever blocked in the reference */
    assert_int_equal(cs.tx.blocks + cs.rx.blocks + ss.tx.blocks + ss.rx.blocks, 0);
}

/* ---- the non-blocking runs, one thread ---- */

typedef struct nb_side {
    glass_conn *c;
    int is_server;
    int phase;                      /* 0 handshake, 1 data, 2 close, 3 done */
    size_t wrote;
    unsigned long would_block;      /* calls that returned WANT_* */
} nb_side;

static int blocked(long rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

/* One turn of a side: as far as it gets without its transport.  Returns
 * 0 (progress or would block) or a failure. */
static int nb_turn(nb_side *sd, outcome *o)
{
    long rc = 0;
    for (;;) {
        switch (sd->phase) {
        case 0:
            rc = glass_handshake(sd->c);
            if (rc == 0)
                sd->phase = 1;
            break;
        case 1:
            if (!sd->is_server && sd->wrote < REQ_LEN) {
                /* after a partial write, the rest; after WANT, the same */
                rc = glass_write(sd->c, request + sd->wrote, REQ_LEN - sd->wrote);
                if (rc > 0)
                    sd->wrote += (size_t)rc, rc = 0;
            } else if (!sd->is_server) {
                rc = glass_read(sd->c, o->got_resp + o->resp_len, RESP_LEN - o->resp_len);
                if (rc > 0) {
                    o->resp_len += (size_t)rc, rc = 0;
                    if (o->resp_len == RESP_LEN)
                        sd->phase = 2;
                }
            } else if (o->req_len < REQ_LEN) {
                rc = glass_read(sd->c, o->got_req + o->req_len, REQ_LEN - o->req_len);
                if (rc > 0)
                    o->req_len += (size_t)rc, rc = 0;
            } else if (sd->wrote < RESP_LEN) {
                rc = glass_write(sd->c, response + sd->wrote, RESP_LEN - sd->wrote);
                if (rc > 0)
                    sd->wrote += (size_t)rc, rc = 0;
            } else {
                rc = glass_close(sd->c);        /* close_notify, flushed */
                if (rc == 0)
                    sd->phase = 2;
            }
            break;
        case 2: {
            uint8_t b[16];
            rc = glass_read(sd->c, b, sizeof b);
            if (rc == GLASS_E_CLOSED) {
                /* the client's reply close_notify must be flushed too */
                rc = glass_flush(sd->c);
                if (rc == 0) {
                    *(sd->is_server ? &o->server_closed : &o->client_closed) = 1;
                    sd->phase = 3;
                }
            } else if (rc >= 0) {
                return -1;                      /* no data after the response */
            }
            break;
        }
        default:
            return 0;
        }
        if (blocked(rc)) {
            sd->would_block++;
            return 0;
        }
        if (rc < 0)
            return (int)rc;
    }
}

/* Runs client and server in turn over stutter transports set up by the
 * caller (their gates); fills o.  Returns the number of would-block
 * answers the two sides saw. */
static unsigned long nb_run(uint16_t suite, stutter *cs, stutter *ss, outcome *o)
{
    memset(o, 0, sizeof *o);
    setup_pair(suite);
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 0), 0);
    cs->inner = glass_pipe_client(p);
    cs->sent = &o->c2s;
    ss->inner = glass_pipe_server(p);
    ss->sent = &o->s2c;
    nb_side c = { 0 }, s = { 0 };
    s.is_server = 1;
    assert_int_equal(glass_conn_new(&c.c, &pair.ccfg, stutter_transport(cs)), 0);
    assert_int_equal(glass_conn_new(&s.c, &pair.scfg, stutter_transport(ss)), 0);
    /* bounded: each turn either moves a byte or blocks on a gate that
     * lets the next call through */
    for (long i = 0; i < 4000000 && (c.phase != 3 || s.phase != 3); i++) {
        assert_int_equal(nb_turn(&c, o), 0);
        assert_int_equal(nb_turn(&s, o), 0);
    }
    if (c.phase != 3 || s.phase != 3)
        print_message("stalled: client phase %d wrote %zu got %zu; server phase %d wrote %zu got %zu; "
                      "client %s, server %s\n", c.phase, c.wrote, o->resp_len, s.phase, s.wrote,
                      o->req_len, glass_conn_state_name(c.c), glass_conn_state_name(s.c));
    assert_int_equal(c.phase, 3);
    assert_int_equal(s.phase, 3);
    unsigned long wb = c.would_block + s.would_block;
    glass_conn_free(c.c);
    glass_conn_free(s.c);
    glass_pipe_free(p);
    hs_pair_free(&pair);
    return wb;
}

static void assert_same(const outcome *ref, const outcome *o)
{
    assert_int_equal(o->c2s.len, ref->c2s.len);
    assert_memory_equal(o->c2s.bytes, ref->c2s.bytes, ref->c2s.len);
    assert_int_equal(o->s2c.len, ref->s2c.len);
    assert_memory_equal(o->s2c.bytes, ref->s2c.bytes, ref->s2c.len);
    assert_int_equal(o->req_len, REQ_LEN);
    assert_memory_equal(o->got_req, request, REQ_LEN);
    assert_int_equal(o->resp_len, RESP_LEN);
    assert_memory_equal(o->got_resp, response, RESP_LEN);
    assert_true(o->client_closed && o->server_closed);
}

static outcome ref, run;            /* large: static */

/* The reference itself: the data arrived, both saw close_notify, and
 * the streams are long enough to hold a handshake and the data. */
static void check_reference(uint16_t suite)
{
    make_data();
    blocking_run(suite, &ref);
    assert_int_equal(ref.req_len, REQ_LEN);
    assert_memory_equal(ref.got_req, request, REQ_LEN);
    assert_int_equal(ref.resp_len, RESP_LEN);
    assert_memory_equal(ref.got_resp, response, RESP_LEN);
    assert_true(ref.client_closed && ref.server_closed);
    assert_true(ref.c2s.len > REQ_LEN + 100);
    assert_true(ref.s2c.len > RESP_LEN + 1000);
    /* deterministic: a second blocking run makes the same bytes */
    blocking_run(suite, &run);
    assert_same(&ref, &run);
}

static void every_boundary(uint16_t suite)
{
    check_reference(suite);
    static stutter cs, ss;
    memset(&cs, 0, sizeof cs);
    memset(&ss, 0, sizeof ss);
    cs.tx.mode = cs.rx.mode = ss.tx.mode = ss.rx.mode = STUTTER_EVERY;
    unsigned long wb = nb_run(suite, &cs, &ss, &run);
    assert_same(&ref, &run);
    /* every byte of each stream was preceded by a "would block" */
    assert_true(cs.tx.blocks >= ref.c2s.len);
    assert_true(ss.tx.blocks >= ref.s2c.len);
    assert_true(cs.rx.blocks >= ref.s2c.len);
    assert_true(ss.rx.blocks >= ref.c2s.len);
    assert_true(wb > ref.c2s.len + ref.s2c.len);
}

static void test_every_boundary_ecdhe(void **state)
{
    (void)state;
    every_boundary(GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
}

static void test_every_boundary_rsa(void **state)
{
    (void)state;
    every_boundary(GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384);
}

/* The same with the flights packed (cfg.pack_flights): a flight is one
 * send, so "would block" comes in the middle of a packed flight too, and
 * everything still arrives as in the blocking run. */
static void test_every_boundary_packed(void **state)
{
    (void)state;
    pack_flights = 1;
    every_boundary(GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    every_boundary(GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384);
    pack_flights = 0;
}

/* Each boundary alone, one callback at a time.  The offsets run over the
 * whole handshake of that direction (the application data only adds more
 * of the same record boundaries, which the runs above cover); with
 * GLASS_NB_SWEEP_STRIDE=n in the environment only every n-th offset. */
static void test_each_boundary_alone(void **state)
{
    (void)state;
    uint16_t suite = GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    check_reference(suite);
    /* where the handshake ends in each stream: just past the server's
     * Finished (s2c) and the client's (c2s), i.e. before the data */
    size_t hs_c2s = ref.c2s.len - (REQ_LEN + 5 + 8 + 16) - (2 + 5 + 8 + 16);
    size_t hs_s2c = ref.s2c.len - (RESP_LEN + 3 * (5 + 8 + 16)) - (2 + 5 + 8 + 16);
    const char *env = getenv("GLASS_NB_SWEEP_STRIDE");
    size_t stride = env != NULL && atoi(env) > 0 ? (size_t)atoi(env) : 1;
    unsigned long runs = 0;
    for (int which = 0; which < 4; which++) {
        /* 0 client send, 1 server recv (c2s); 2 server send, 3 client recv (s2c) */
        size_t len = which < 2 ? hs_c2s : hs_s2c;
        for (size_t k = 0; k <= len; k += stride) {
            static stutter cs, ss;
            memset(&cs, 0, sizeof cs);
            memset(&ss, 0, sizeof ss);
            gate *g = which == 0 ? &cs.tx : which == 1 ? &ss.rx : which == 2 ? &ss.tx : &cs.rx;
            g->mode = STUTTER_AT;
            g->at = k;
            nb_run(suite, &cs, &ss, &run);
            assert_true(g->fired);          /* it did stop there */
            assert_same(&ref, &run);
            runs++;
        }
    }
    assert_true(runs > 4);
}

/* glass_pending(): what a short glass_read() left of a record is read
 * without the transport (an event loop must not wait for the socket
 * then), and nothing else is counted. */
static void test_pending(void **state)
{
    (void)state;
    static hs_pair p;
    int ce, se;
    assert_int_equal(glass_pending(NULL), 0);
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(glass_pending(p.client), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    assert_int_equal(glass_write(p.server, (const uint8_t *)"0123456789", 10), 10);
    assert_int_equal(glass_pending(p.client), 0);       /* not read from the transport yet */
    uint8_t b[4];
    assert_int_equal(glass_read(p.client, b, 3), 3);
    assert_memory_equal(b, "012", 3);
    assert_int_equal(glass_pending(p.client), 7);
    assert_int_equal(glass_read(p.client, b, 4), 4);
    assert_memory_equal(b, "3456", 4);
    assert_int_equal(glass_pending(p.client), 3);
    assert_int_equal(glass_read(p.client, b, 4), 3);
    assert_memory_equal(b, "789", 3);
    assert_int_equal(glass_pending(p.client), 0);
    assert_int_equal(glass_read(p.client, b, 4), GLASS_E_WANT_READ);
    hs_pair_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_boundary_ecdhe),
        cmocka_unit_test(test_every_boundary_rsa),
        cmocka_unit_test(test_every_boundary_packed),
        cmocka_unit_test(test_each_boundary_alone),
        cmocka_unit_test(test_pending),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
