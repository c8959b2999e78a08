/*
 * test_resume.c — session resumption end to end, client and server in one
 * process (tests/helpers/hs_fixture.c): resumption by session_id (the
 * server cache) and by ticket (RFC 5077); the fallbacks to a full
 * handshake (expired, evicted, tampered ticket, unknown ticket key, a
 * suite the server no longer allows, another server name); every
 * combination of RFC 7627 section 5.3 on both sides; and the golden
 * transcript of an abbreviated handshake.
 *
 * Golden transcript: tests/vectors/handshake_resumed_ticket.hex holds every
 * byte of the SECOND connection of test_golden_abbreviated (a ticket
 * resumption after a full handshake with the fixed seeds and clock).  It is
 * glasstls's own output (repeatability); the interop tests
 * (tests/sh/resume_interop.sh) check resumption against OpenSSL and
 * GnuTLS.  To regenerate after checking why it changed:
 *
 *     GLASS_REGEN_GOLDEN=1 build/tests/test_resume
 *
 * It also writes tests/vectors/handshake_resumed_ticket.master (the master
 * secret the second connection resumed, and the test's ticket key), which
 * tests/tools/check_golden.py needs to re-derive the abbreviated handshake
 * independently; every run checks that file against the real session.
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
#include "glasstls/record.h"
#include "glasstls/session.h"
#include "glasstls/tls.h"
#include "helpers/hs_fixture.h"

typedef struct world {
    hs_pair p;
    glass_session_cache *cache;
    glass_ticket_keys *keys;
    int64_t now;
    uint8_t blob[GLASS_SESSION_BLOB_MAX];
    size_t blob_len;
    int ce, se;
} world;

static int64_t world_clock(void *ctx)
{
    return *(const int64_t *)ctx;
}

static const uint8_t key_name[16] = "resume-test-key1";
static const uint8_t other_name[16] = "resume-test-key2";
static uint8_t ticket_key[32], other_key[32];

/* cache/tickets: what the server offers; ems: both sides' EMS setting */
static void world_setup(world *w, int cache, int tickets, int ems)
{
    memset(w, 0, sizeof *w);
    assert_int_equal(hs_pair_setup(&w->p, "chain-localhost.pem", "leaf.key", 0, ems), 0);
    w->p.scfg.disable_ems = !ems;
    w->now = HS_FIXED_NOW;
    w->p.ccfg.clock = w->p.scfg.clock = world_clock;
    w->p.ccfg.clock_ctx = w->p.scfg.clock_ctx = &w->now;
    for (int i = 0; i < 32; i++) {
        ticket_key[i] = (uint8_t)(0x40 + i);
        other_key[i] = (uint8_t)(0x90 + i);
    }
    if (cache) {
        assert_int_equal(glass_session_cache_new(&w->cache, 4, 600), 0);
        w->p.scfg.session_cache = w->cache;
    }
    if (tickets) {
        assert_int_equal(glass_ticket_keys_new(&w->keys, key_name, ticket_key, 900), 0);
        w->p.scfg.ticket_keys = w->keys;
        w->p.ccfg.session_tickets = 1;
    }
}

static void world_close(world *w)
{
    glass_conn_free(w->p.client);
    glass_conn_free(w->p.server);
    glass_pipe_free(w->p.pipe);
    w->p.client = w->p.server = NULL;
    w->p.pipe = NULL;
}

static void world_free(world *w)
{
    world_close(w);
    hs_pair_free(&w->p);
    glass_session_cache_free(w->cache);
    glass_ticket_keys_free(w->keys);
}

/* One connection, offering blob (NULL: none); the client's session is
 * kept in w->blob afterwards.  Returns the first error (0: both done). */
static int world_connect(world *w, const uint8_t *blob, size_t blob_len)
{
    world_close(w);
    memset(&w->p.log, 0, sizeof w->p.log);
    memset(&w->p.ctap, 0, sizeof w->p.ctap);
    memset(&w->p.stap, 0, sizeof w->p.stap);
    assert_int_equal(hs_pair_connect(&w->p), 0);
    if (blob != NULL)
        assert_int_equal(glass_conn_set_session(w->p.client, blob, blob_len), 0);
    int rc = hs_pair_run(&w->p, &w->ce, &w->se);
    if (rc == 0) {
        int r = glass_conn_get_session(w->p.client, w->blob, sizeof w->blob, &w->blob_len);
        assert_int_equal(r, 0);
    }
    return rc;
}

/* Application data both ways: the keys of both sides agree. */
static void exchange(world *w)
{
    static const uint8_t ping[] = "ping", pong[] = "pong";
    uint8_t buf[16];
    assert_int_equal(glass_write(w->p.client, ping, 4), 4);
    assert_int_equal(glass_read(w->p.server, buf, sizeof buf), 4);
    assert_memory_equal(buf, ping, 4);
    assert_int_equal(glass_write(w->p.server, pong, 4), 4);
    assert_int_equal(glass_read(w->p.client, buf, sizeof buf), 4);
    assert_memory_equal(buf, pong, 4);
}

/* How many plaintext handshake messages of type t the server sent in the
 * log (the messages before its ChangeCipherSpec). */
static int server_sent(const world *w, int t)
{
    const hs_log *log = &w->p.log;
    int n = 0;
    for (size_t i = 0; i + 3 <= log->len;) {
        char who = (char)log->bytes[i];
        size_t len = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        const uint8_t *p = log->bytes + i + 3;
        for (size_t r = 0; who == 'S' && r + 5 <= len;) {
            size_t rl = (size_t)p[r + 3] << 8 | p[r + 4];
            if (p[r] == 22 && rl >= 4 && p[r + 5] == t)
                n++;
            r += 5 + rl;
        }
        i += 3 + len;
    }
    return n;
}

static void assert_full(world *w)
{
    assert_false(glass_conn_resumed(w->p.client));
    assert_false(glass_conn_resumed(w->p.server));
    assert_int_equal(server_sent(w, GLASS_HS_CERTIFICATE), 1);
    exchange(w);
}

static void assert_resumed(world *w)
{
    assert_true(glass_conn_resumed(w->p.client));
    assert_true(glass_conn_resumed(w->p.server));
    assert_int_equal(server_sent(w, GLASS_HS_CERTIFICATE), 0);
    assert_int_equal(server_sent(w, GLASS_HS_SERVER_HELLO), 1);
    exchange(w);
}

/* Patches a field of a session blob (through the public import/export). */
static void patch_blob(world *w, void (*fn)(glass_session *s))
{
    glass_session s;
    assert_int_equal(glass_session_import(&s, w->blob, w->blob_len), 0);
    fn(&s);
    assert_int_equal(glass_session_export(&s, w->blob, sizeof w->blob, &w->blob_len), 0);
    glass_session_wipe(&s);
}

/* ---------------------------------------------------------------- */

static void test_resume_by_id(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    assert_full(&w);
    assert_int_equal(glass_session_cache_count(w.cache), 1);
    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    glass_session s;
    assert_int_equal(glass_session_import(&s, first, first_len), 0);
    assert_int_equal(s.session_id_len, 32);
    assert_int_equal(s.ticket_len, 0);
    assert_int_equal(s.ems, 1);
    assert_string_equal(s.server_name, "localhost");
    assert_int_equal(s.has_peer_hash, 1);

    for (int i = 0; i < 3; i++) {          /* resumed again and again */
        assert_int_equal(world_connect(&w, first, first_len), 0);
        assert_resumed(&w);
        assert_int_equal(glass_conn_ems(w.p.client), 1);
        assert_int_equal(glass_conn_suite(w.p.client), s.suite);
    }
    /* the session survives: same id, master and creation time */
    glass_session s2;
    assert_int_equal(glass_session_import(&s2, w.blob, w.blob_len), 0);
    assert_memory_equal(s2.session_id, s.session_id, 32);
    assert_memory_equal(s2.master, s.master, 48);
    assert_int_equal(s2.created, s.created);
    assert_int_equal(glass_session_cache_count(w.cache), 1);
    glass_session_wipe(&s);
    glass_session_wipe(&s2);
    world_free(&w);
}

static void test_resume_by_ticket(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 0, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    assert_full(&w);
    /* in a full handshake it comes before the server's ChangeCipherSpec:
     * in the clear (RFC 5077 3.3), and only once */
    assert_int_equal(server_sent(&w, GLASS_HS_NEW_SESSION_TICKET), 1);
    glass_session s;
    assert_int_equal(glass_session_import(&s, w.blob, w.blob_len), 0);
    assert_true(s.ticket_len > GLASS_TICKET_OVERHEAD);
    assert_memory_equal(s.ticket, key_name, 16);
    assert_int_equal(s.lifetime, 900);
    /* the ticket does not carry the master secret in the clear */
    for (size_t i = 0; i + 8 <= s.ticket_len; i++)
        assert_true(memcmp(s.ticket + i, s.master, 8) != 0);

    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_resumed(&w);
    /* a fresh ticket for the same session */
    glass_session s2;
    assert_int_equal(glass_session_import(&s2, w.blob, w.blob_len), 0);
    assert_true(s2.ticket_len > 0);
    assert_true(memcmp(s2.ticket, s.ticket, s.ticket_len) != 0);
    assert_memory_equal(s2.master, s.master, 48);
    /* which resumes too */
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_resumed(&w);
    glass_session_wipe(&s);
    glass_session_wipe(&s2);
    world_free(&w);
}

/* Without session_tickets the client does not ask, the server sends no
 * ticket, and the session is by id only. */
static void test_no_ticket_unasked(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 1, 1);
    w.p.ccfg.session_tickets = 0;
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    glass_session s;
    assert_int_equal(glass_session_import(&s, w.blob, w.blob_len), 0);
    assert_int_equal(s.ticket_len, 0);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_resumed(&w);
    world_free(&w);
}

static void test_expired_falls_back(void **state)
{
    (void)state;
    static world w;
    /* by id: the cache's lifetime is 600 s */
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    w.now += 599;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_resumed(&w);
    w.now += 1;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    world_free(&w);

    /* by ticket: 900 s (the client also stops offering it after the hint;
     * make it forget the hint so the server's check is what counts) */
    world_setup(&w, 0, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    glass_session s;
    assert_int_equal(glass_session_import(&s, w.blob, w.blob_len), 0);
    s.lifetime = 0;
    assert_int_equal(glass_session_export(&s, first, sizeof first, &first_len), 0);
    w.now += 900;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    /* and the client itself does not offer a ticket past its hint */
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    memcpy(first, w.blob, w.blob_len);
    first_len = w.blob_len;
    w.now += 900;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    world_free(&w);
}

static void test_evicted_falls_back(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 0, 0, 1);
    assert_int_equal(glass_session_cache_new(&w.cache, 1, 600), 0);
    w.p.scfg.session_cache = w.cache;
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    assert_int_equal(world_connect(&w, NULL, 0), 0);     /* evicts the first */
    assert_int_equal(glass_session_cache_evictions(w.cache), 1);
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    world_free(&w);
}

static void flip_ticket(glass_session *s) { s->ticket[s->ticket_len - 5] ^= 0x01; }
static void flip_name(glass_session *s) { s->ticket[3] ^= 0x01; }

static void test_tampered_ticket_falls_back(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 0, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, flip_ticket);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    /* a key name we never had */
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, flip_name);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    world_free(&w);
}

static void test_unknown_key_and_rotation(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 0, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    /* one rotation: the previous key still opens it */
    assert_int_equal(glass_ticket_keys_rotate(w.keys, other_name, other_key), 0);
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_resumed(&w);
    /* another server (other keys): full handshake, and a ticket of its own */
    glass_ticket_keys *other;
    assert_int_equal(glass_ticket_keys_new(&other, other_name, ticket_key, 900), 0);
    w.p.scfg.ticket_keys = other;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    w.p.scfg.ticket_keys = w.keys;
    glass_ticket_keys_free(other);
    world_free(&w);
}

static void test_wrong_suite_falls_back(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    uint16_t suite = glass_conn_suite(w.p.client);
    assert_int_equal(suite, GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    uint8_t first[GLASS_SESSION_BLOB_MAX];
    size_t first_len = w.blob_len;
    memcpy(first, w.blob, w.blob_len);
    /* the server no longer allows the session's suite */
    w.p.scfg.suites[0] = GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
    w.p.scfg.suite_count = 1;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    assert_int_equal(glass_conn_suite(w.p.client), GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
    /* the client does not offer a session of a suite it no longer has */
    w.p.scfg.suite_count = 0;
    w.p.ccfg.suites[0] = GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256;
    w.p.ccfg.suite_count = 1;
    assert_int_equal(world_connect(&w, first, first_len), 0);
    assert_full(&w);
    world_free(&w);
}

static void name_ip(glass_session *s) { strcpy(s->server_name, "127.0.0.1"); }

static void test_other_server_name_falls_back(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    /* the client connects to another name (no SNI for an IP literal) and
     * offers the session anyway: the server sees another name */
    patch_blob(&w, name_ip);
    w.p.ccfg.server_name = "127.0.0.1";
    w.p.ccfg.verify_peer = 0;
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    /* and an unpatched session is not offered for another name */
    w.p.ccfg.server_name = "localhost";
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    w.p.ccfg.server_name = "127.0.0.1";
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    world_free(&w);
}

/* ---- RFC 7627 section 5.3, every combination ---- */
static void ems_on(glass_session *s) { s->ems = 1; }
static void ems_off(glass_session *s) { s->ems = 0; }

/* by: 0 id, 1 ticket */
static void ems_case(int by, int session_ems, int hello_ems, int expect_resumed)
{
    static world w;
    world_setup(&w, !by, by, session_ems);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    assert_int_equal(glass_conn_ems(w.p.client), session_ems);
    /* the new ClientHello with or without EMS; the blob claims what the
     * ClientHello does, so the client offers it (its own rule, tested
     * below, would not offer an EMS session without EMS) */
    w.p.ccfg.disable_ems = !hello_ems;
    w.p.scfg.disable_ems = 0;
    patch_blob(&w, hello_ems ? ems_on : ems_off);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    if (expect_resumed)
        assert_resumed(&w);
    else
        assert_full(&w);
    assert_int_equal(glass_conn_ems(w.p.server), hello_ems);
    world_free(&w);
}

static void test_ems_server_rules(void **state)
{
    (void)state;
    for (int by = 0; by <= 1; by++) {
        ems_case(by, 1, 1, 1);     /* EMS session, EMS hello: resumed */
        ems_case(by, 1, 0, 0);     /* EMS session, no EMS: full handshake */
        ems_case(by, 0, 1, 0);     /* non-EMS session offered with EMS: full */
        ems_case(by, 0, 0, 1);     /* neither: resumed (the classic case) */
    }
}

/* The client's own rules: it does not offer an EMS session when it has
 * EMS off, nor a non-EMS one when it requires EMS. */
static void test_ems_client_offers(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    w.p.ccfg.disable_ems = 1;
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    world_free(&w);

    world_setup(&w, 1, 0, 0);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    w.p.ccfg.disable_ems = 0;
    w.p.ccfg.require_ems = 1;
    w.p.scfg.disable_ems = 0;
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_full(&w);
    assert_int_equal(glass_conn_ems(w.p.client), 1);
    world_free(&w);
}

/* The client aborts when the server resumes but changes the EMS state
 * (RFC 7627 5.3) or the suite: handshake_failure / illegal_parameter. */
static void suite_256(glass_session *s) { s->suite = GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384; }

static void test_client_aborts_bad_resumption(void **state)
{
    (void)state;
    static world w;
    /* the server resumes its non-EMS session without EMS; the client's
     * copy says EMS: "the client MUST abort the handshake" */
    world_setup(&w, 1, 0, 0);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, ems_on);
    w.p.ccfg.disable_ems = 0;              /* the client offers EMS too */
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), GLASS_E_RESUME_EMS);
    assert_int_equal(w.ce, GLASS_E_RESUME_EMS);
    assert_int_equal(glass_conn_last_alert_sent(w.p.client).description,
                     GLASS_ALERT_HANDSHAKE_FAILURE);
    world_free(&w);

    /* the server resumes an EMS session (with EMS) that the client holds
     * as non-EMS: abort as well */
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, ems_off);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), GLASS_E_RESUME_EMS);
    assert_int_equal(glass_conn_last_alert_sent(w.p.client).description,
                     GLASS_ALERT_HANDSHAKE_FAILURE);
    world_free(&w);

    /* the server resumes with another suite than the client's session */
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, suite_256);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), GLASS_E_RESUME_MISMATCH);
    assert_int_equal(glass_conn_last_alert_sent(w.p.client).description,
                     GLASS_ALERT_ILLEGAL_PARAMETER);
    world_free(&w);
}

/* A wrong master secret in the client's blob: the server resumes, and
 * its first encrypted record (its Finished) does not open under the
 * client's keys. */
static void bad_master(glass_session *s) { s->master[0] ^= 1; }

static void test_wrong_master_fails_finished(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    patch_blob(&w, bad_master);
    assert_int_equal(glass_session_cache_count(w.cache), 1);
    int rc = world_connect(&w, w.blob, w.blob_len);
    assert_int_equal(rc, GLASS_E_BAD_RECORD_MAC);   /* the client reads first */
    assert_int_equal(w.ce, GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(w.se, GLASS_E_ALERT_RECEIVED);
    /* RFC 5246 7.2.2: the failed connection's session is not resumable */
    assert_int_equal(glass_session_cache_count(w.cache), 0);
    world_free(&w);
}

static void test_set_session_rules(void **state)
{
    (void)state;
    static world w;
    world_setup(&w, 1, 0, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    uint8_t b[GLASS_SESSION_BLOB_MAX];
    size_t n;
    /* a server connection has no session to export or import */
    assert_int_equal(glass_conn_get_session(w.p.server, b, sizeof b, &n), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_conn_set_session(w.p.server, w.blob, w.blob_len),
                     GLASS_E_INVALID_ARG);
    /* after the handshake started: too late */
    assert_int_equal(glass_conn_set_session(w.p.client, w.blob, w.blob_len), GLASS_E_STATE);
    world_close(&w);
    assert_int_equal(hs_pair_connect(&w.p), 0);
    assert_int_equal(glass_conn_get_session(w.p.client, b, sizeof b, &n), GLASS_E_STATE);
    w.blob[4] ^= 0x7F;                     /* another version */
    assert_int_equal(glass_conn_set_session(w.p.client, w.blob, w.blob_len),
                     GLASS_E_SESSION_BLOB);
    world_free(&w);
}

/* The sidecar of the abbreviated golden transcript: the master secret the
 * second connection resumed (carried over from the first one, so the
 * transcript alone cannot give it) and the ticket key the test seals with.
 * tests/tools/check_golden.py re-derives the abbreviated handshake from
 * them; this checks that the file says what the session really holds, so
 * the two cannot drift apart.  Written with the transcript under
 * GLASS_REGEN_GOLDEN=1. */
static void hex_line(FILE *f, const char *label, const uint8_t *b, size_t n)
{
    fprintf(f, "%s ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
    fputc('\n', f);
}

static void check_golden_master(const world *w)
{
    const char *path = "tests/vectors/handshake_resumed_ticket.master";
    glass_session s;
    assert_int_equal(glass_session_import(&s, w->blob, w->blob_len), 0);
    if (getenv("GLASS_REGEN_GOLDEN") != NULL) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("# The secrets beside tests/vectors/handshake_resumed_ticket.hex, for\n"
              "# tests/tools/check_golden.py: the master secret of the resumed session\n"
              "# (made by the first, full handshake, which the transcript does not hold)\n"
              "# and the ticket key of test_resume.c (the tickets on the wire open with it).\n"
              "# Made by: GLASS_REGEN_GOLDEN=1 build/tests/test_resume (see its header).\n", f);
        hex_line(f, "master", s.master, sizeof s.master);
        hex_line(f, "ticket_key_name", key_name, sizeof key_name);
        hex_line(f, "ticket_key", ticket_key, sizeof ticket_key);
        assert_int_equal(fclose(f), 0);
    }
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256], want[2 * GLASS_SESSION_MASTER_SIZE + 1];
    int found = 0;
    for (size_t i = 0; i < sizeof s.master; i++)
        snprintf(want + 2 * i, 3, "%02x", s.master[i]);
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "master ", 7) == 0) {
            line[strcspn(line, "\n")] = '\0';
            assert_string_equal(line + 7, want);
            found = 1;
        }
    fclose(f);
    assert_true(found);
    glass_session_wipe(&s);
}

static void test_golden_abbreviated(void **state)
{
    (void)state;
    static world w, again;
    static hs_log golden;
    world_setup(&w, 0, 1, 1);
    assert_int_equal(world_connect(&w, NULL, 0), 0);
    assert_int_equal(world_connect(&w, w.blob, w.blob_len), 0);
    assert_resumed(&w);
    /* the same seeds: the same bytes */
    world_setup(&again, 0, 1, 1);
    assert_int_equal(world_connect(&again, NULL, 0), 0);
    assert_int_equal(world_connect(&again, again.blob, again.blob_len), 0);
    assert_resumed(&again);
    assert_int_equal(w.p.log.len, again.p.log.len);
    assert_memory_equal(w.p.log.bytes, again.p.log.bytes, w.p.log.len);

    const char *path = "tests/vectors/handshake_resumed_ticket.hex";
    if (getenv("GLASS_REGEN_GOLDEN") != NULL)
        assert_int_equal(hs_log_write_hex(&w.p.log, path,
            "# glasstls golden transcript of an abbreviated handshake (RFC 5246 Figure 2):\n"
            "# the second connection of a client that resumes with the ticket (RFC 5077)\n"
            "# the first one got; suite 0xC02F, extended master secret, one ping and pong;\n"
            "# fixed DRBG seeds and clock (tests/helpers/hs_fixture.c).\n"
            "# Made by: GLASS_REGEN_GOLDEN=1 build/tests/test_resume (see its header).\n"), 0);
    assert_int_equal(hs_log_read_hex(&golden, path), 0);
    assert_int_equal(golden.len, w.p.log.len);
    assert_memory_equal(golden.bytes, w.p.log.bytes, w.p.log.len);
    check_golden_master(&w);
    world_free(&w);
    world_free(&again);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resume_by_id),
        cmocka_unit_test(test_resume_by_ticket),
        cmocka_unit_test(test_no_ticket_unasked),
        cmocka_unit_test(test_expired_falls_back),
        cmocka_unit_test(test_evicted_falls_back),
        cmocka_unit_test(test_tampered_ticket_falls_back),
        cmocka_unit_test(test_unknown_key_and_rotation),
        cmocka_unit_test(test_wrong_suite_falls_back),
        cmocka_unit_test(test_other_server_name_falls_back),
        cmocka_unit_test(test_ems_server_rules),
        cmocka_unit_test(test_ems_client_offers),
        cmocka_unit_test(test_client_aborts_bad_resumption),
        cmocka_unit_test(test_wrong_master_fails_finished),
        cmocka_unit_test(test_set_session_rules),
        cmocka_unit_test(test_golden_abbreviated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
