/*
 * conn.c — the connection API (glasstls/tls.h): creates the record layer
 * and the handshake, runs handshake steps, moves application data, sends
 * the alert that matches a failure, and closes.
 *
 * The handshake itself is lib/handshake (reached through hs.h, the seam);
 * records are lib/record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "glasstls/ct.h"
#include "conn/conn.h"

static int64_t system_clock(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

/* The record layer's request for a buffer for one long handshake message
 * (glass_record_set_hs_limit): a fresh block each time, the previous one
 * wiped and freed, so no copy of a message outlives its use. */
static void free_hs_big(glass_conn *c)
{
    if (c->hs_big != NULL)
        glass_wipe(c->hs_big, c->hs_big_size);
    free(c->hs_big);
    c->hs_big = NULL;
    c->hs_big_size = 0;
}

static uint8_t *grow_hs_in(void *ctx, const uint8_t *cur, size_t keep, size_t need)
{
    glass_conn *c = ctx;
    uint8_t *big = malloc(need);
    if (big == NULL)
        return NULL;
    memcpy(big, cur, keep);
    free_hs_big(c);
    c->hs_big = big;
    c->hs_big_size = need;
    return big;
}

int glass_conn_new(glass_conn **out, const glass_config *cfg, glass_transport tr)
{
    if (out == NULL || tr.send == NULL || tr.recv == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    int rc = glass_config_check(cfg);
    if (rc != GLASS_OK)
        return rc;
    size_t max_hs = cfg->max_handshake_size ? cfg->max_handshake_size
                                            : GLASS_DEFAULT_MAX_HANDSHAKE;
    size_t hs_buf = max_hs < GLASS_HS_BUFFER_SIZE ? max_hs : GLASS_HS_BUFFER_SIZE;
    /* The handshake buffers first: they are freed when data starts to
     * move, and the next connection's handshake buffers, asked for first
     * again, fit the hole they leave in the heap, so a server holding
     * many connections does not leave a touched hole behind each one. */
    uint8_t *hs_mem = calloc(1, 2 * hs_buf);
    glass_conn *c = hs_mem ? calloc(1, sizeof *c) : NULL;
    uint8_t *mem = c ? calloc(1, GLASS_RECORD_IN_SIZE + GLASS_RECORD_OUT_SIZE) : NULL;
    if (mem == NULL) {
        free(c);
        free(hs_mem);
        return GLASS_E_NO_MEMORY;
    }
    c->cfg = cfg;
    c->hs_mem = hs_mem;
    c->hs_mem_size = 2 * hs_buf;
    c->mem = mem;
    c->mem_size = GLASS_RECORD_IN_SIZE + GLASS_RECORD_OUT_SIZE;
    glass_record_init_split(&c->rec, tr, cfg->role == GLASS_ROLE_SERVER, c->mem, c->hs_mem,
                            hs_buf);
    glass_record_set_hs_limit(&c->rec, max_hs, grow_hs_in, c);
    c->rec.trace = cfg->trace;             /* records and alerts (glasstls/trace.h) */
    c->rec.trace_ctx = cfg->trace_ctx;

    glass_hs_env env;
    memset(&env, 0, sizeof env);
    env.cfg = cfg;
    env.rec = &c->rec;
    env.rng = cfg->rng;
    env.rng_ctx = cfg->rng_ctx;
    if (env.rng == NULL) {                 /* the default: HMAC-DRBG from the OS */
        static const uint8_t pers[] = "glasstls connection";
        rc = glass_drbg_instantiate_os(&c->drbg, pers, sizeof pers - 1);
        if (rc != GLASS_OK) {
            glass_conn_free(c);
            return rc;
        }
        env.rng = glass_drbg_rng;
        env.rng_ctx = &c->drbg;
    }
    env.clock = cfg->clock ? cfg->clock : system_clock;
    env.clock_ctx = cfg->clock ? cfg->clock_ctx : NULL;
    rc = glass_hs_new(&c->hs, &env);
    if (rc == GLASS_OK && cfg->role == GLASS_ROLE_CLIENT) {
        c->session = calloc(1, sizeof *c->session);
        if (c->session == NULL)
            rc = GLASS_E_NO_MEMORY;
    }
    if (rc != GLASS_OK) {
        glass_conn_free(c);
        return rc;
    }
    *out = c;
    return GLASS_OK;
}

void glass_conn_free(glass_conn *c)
{
    if (c == NULL)
        return;
    glass_hs_free(c->hs);                  /* wipes its secrets */
    glass_session_wipe(c->session);
    free(c->session);
    glass_record_wipe(&c->rec, c->mem_size);
    free(c->mem);
    if (c->hs_mem != NULL)
        glass_wipe(c->hs_mem, c->hs_mem_size);
    free(c->hs_mem);
    free_hs_big(c);
    glass_drbg_free(&c->drbg);
    glass_wipe(c, sizeof *c);
    free(c);
}

static int would_block(int rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

/* Ends the connection with err: the peer gets the matching alert, and every
 * later call returns err.  Returns err. */
static int fail(glass_conn *c, int err)
{
    if (c->error != 0 || err >= 0 || would_block(err))
        return err;
    c->error = err;
    if (c->hs != NULL)
        glass_hs_session_failed(c->hs);    /* no resuming a failed session */
    int desc = glass_alert_for_error(err);
    if (desc != GLASS_ALERT_NONE && !c->rec.we_closed) {
        glass_record_queue_alert(&c->rec, GLASS_ALERT_LEVEL_FATAL, (uint8_t)desc);
        glass_record_flush(&c->rec);       /* best effort */
    }
    return err;
}

/* Flushes queued output; a transport failure ends the connection. */
static int flush(glass_conn *c)
{
    int rc = glass_record_flush(&c->rec);
    if (rc != GLASS_OK && !would_block(rc))
        c->error = c->error ? c->error : rc;
    return rc;
}

int glass_handshake_step(glass_conn *c)
{
    if (c == NULL)
        return GLASS_E_INVALID_ARG;
    if (c->error)
        return c->error;
    int rc;
    if (!c->rec.hold) {                    /* the previous step's bytes first */
        rc = flush(c);
        if (rc != GLASS_OK)
            return rc;
    }
    if (c->established)
        return GLASS_OK;
    /* cfg->pack_flights: a flight (ServerHello .. ServerHelloDone;
     * ChangeCipherSpec and Finished) is packed into the record layer's
     * `out` while its next step is ours too, and sent in one piece when
     * the peer's turn comes: one send instead of one per message. */
    c->rec.hold = c->cfg->pack_flights != 0;
    rc = glass_hs_step(c->hs);
    if (rc == GLASS_HS_DONE) {
        c->established = 1;
        /* the client keeps its session past the handshake state */
        if (c->session != NULL)
            c->have_session = glass_hs_get_session(c->hs, c->session) == GLASS_OK;
    } else if (rc == GLASS_OK && c->rec.hold && glass_hs_next_sends(c->hs)) {
        return GLASS_OK;                   /* the flight goes on: still held */
    }
    c->rec.hold = 0;
    if (rc < 0) {
        if (!would_block(rc))
            return fail(c, rc);
        int out_rc = flush(c);             /* what the flight packed so far */
        return out_rc != GLASS_OK && !would_block(out_rc) ? out_rc : rc;
    }
    return flush(c);
}

int glass_handshake(glass_conn *c)
{
    if (c == NULL)
        return GLASS_E_INVALID_ARG;
    for (;;) {
        int rc = glass_handshake_step(c);
        if (rc != GLASS_OK)
            return rc;
        if (c->established)
            return GLASS_OK;
    }
}

int glass_handshake_done(const glass_conn *c)
{
    return c != NULL && c->established;
}

/* Once the handshake is over and application data moves, the handshake
 * buffers (hs_mem, and hs_big if a long message came) and the handshake state (the
 * transcript, the master secret, the peer's certificates: about 9 KB) are
 * wiped and freed: a connection in the middle of a transfer keeps only
 * the record layer and, in c->done, the few answers the glass_conn_*
 * queries give about the handshake.  Done at the first glass_read/
 * glass_write rather than at the last step, so that glass_conn_last_message()
 * (the typed message and its byte pointers) stays valid until then.  No-op while the last flight
 * is still being sent (tried again next call).  Nothing after the handshake
 * needs the handshake state: a renegotiation is refused by the connection
 * itself (refuse_renegotiation), alerts and close_notify are the record
 * layer's. */
static void release_handshake(glass_conn *c)
{
    if (c->hs == NULL || !c->established || glass_record_end_handshake(&c->rec) != GLASS_OK)
        return;
    glass_wipe(c->hs_mem, c->hs_mem_size);
    free(c->hs_mem);
    c->hs_mem = NULL;
    c->hs_mem_size = 0;
    free_hs_big(c);

    /* The generator (used by the handshake only: the record layer's
     * nonces are sequence numbers) shares its memory with c->done. */
    glass_drbg_free(&c->drbg);
    glass_conn_done *d = &c->done;
    const glass_hs_where *w = glass_hs_parse_error(c->hs);
    const char *sni = glass_hs_server_name(c->hs);
    d->state = glass_hs_state(c->hs);
    d->suite = glass_hs_suite(c->hs);
    d->ems = glass_hs_ems(c->hs);
    d->resumed = glass_hs_resumed(c->hs);
    d->group = glass_hs_group(c->hs);
    d->has_where = w != NULL;
    if (w != NULL) {
        d->where = *w;
        d->where.spans = NULL;             /* the handshake's, freed below */
    }
    d->has_server_name = sni != NULL;
    if (sni != NULL)
        snprintf(d->server_name, sizeof d->server_name, "%s", sni);
    const char *subject = glass_hs_peer_subject(c->hs);
    d->peer_verified = glass_hs_peer_verified(c->hs);
    snprintf(d->peer_subject, sizeof d->peer_subject, "%s", subject != NULL ? subject : "");
    glass_hs_free(c->hs);
    c->hs = NULL;
}

/* A handshake message after the handshake is a renegotiation attempt
 * (HelloRequest from a server, ClientHello from a client): refused with a
 * no_renegotiation warning (RFC 5246 section 7.2.2, RFC 5746 section 4). */
static int refuse_renegotiation(glass_conn *c)
{
    int rc = glass_record_queue_alert(&c->rec, GLASS_ALERT_LEVEL_WARNING,
                                      GLASS_ALERT_NO_RENEGOTIATION);
    return rc;
}

long glass_read(glass_conn *c, uint8_t *buf, size_t len)
{
    if (c == NULL || (buf == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    if (c->error)
        return c->error;
    if (!c->established) {
        int rc = glass_handshake(c);
        if (rc != GLASS_OK)
            return rc;
    }
    release_handshake(c);
    if (c->rec.peer_closed)
        return GLASS_E_CLOSED;
    if (len == 0)
        return 0;
    /* A record glass_write() accepted may still wait for the transport
     * (it said "would block" half-way).  The peer may be waiting for just
     * that record before it answers, so it is sent first; and if it still
     * cannot go and nothing is there to read, the caller hears
     * GLASS_E_WANT_WRITE: wait until the transport can take data, not
     * for data that may never come. */
    int out_rc = glass_record_pending(&c->rec) ? flush(c) : GLASS_OK;
    if (out_rc != GLASS_OK && !would_block(out_rc))
        return out_rc;
    for (;;) {
        glass_record_msg m;
        int rc = glass_record_next(&c->rec, &m);
        if (rc == GLASS_E_WANT_READ && glass_record_pending(&c->rec))
            return GLASS_E_WANT_WRITE;
        if (rc == GLASS_E_CLOSED) {
            /* RFC 5246 7.2.1: answer close_notify with our own. */
            if (!c->rec.we_closed)
                glass_record_queue_alert(&c->rec, GLASS_ALERT_LEVEL_WARNING,
                                         GLASS_ALERT_CLOSE_NOTIFY);
            glass_record_flush(&c->rec);
            return GLASS_E_CLOSED;
        }
        if (rc != GLASS_OK)
            return would_block(rc) ? rc : fail(c, rc);
        if (m.type == GLASS_CT_APPLICATION_DATA) {
            size_t n = m.len < len ? m.len : len;
            memcpy(buf, m.data, n);
            glass_record_consume(&c->rec, n);
            return (long)n;
        }
        int renegotiation_start = c->cfg->role == GLASS_ROLE_CLIENT ? GLASS_HS_HELLO_REQUEST
                                                                     : GLASS_HS_CLIENT_HELLO;
        if (m.type == GLASS_CT_HANDSHAKE &&
            glass_hs_header_parse(m.data).type == renegotiation_start) {
            rc = refuse_renegotiation(c);
            if (rc != GLASS_OK)
                return fail(c, rc);
            continue;
        }
        return fail(c, GLASS_E_UNEXPECTED_MESSAGE);
    }
}

size_t glass_pending(const glass_conn *c)
{
    /* only the plaintext of an opened record: the record layer reads from
     * the transport the bytes of the record it is opening and at most the
     * next record's header (GLASS_RECORD_LOOKAHEAD), whose body is still
     * to come from the transport, so nothing else that can be read waits
     * inside the connection */
    if (c == NULL || c->error || !c->established || !c->rec.in_ready ||
        c->rec.in_type != GLASS_CT_APPLICATION_DATA)
        return 0;
    return c->rec.in_end - c->rec.in_off;
}

long glass_write(glass_conn *c, const uint8_t *buf, size_t len)
{
    if (c == NULL || (buf == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    if (c->error)
        return c->error;
    if (!c->established) {
        int rc = glass_handshake(c);
        if (rc != GLASS_OK)
            return rc;
    }
    release_handshake(c);
    if (c->rec.we_closed)
        return GLASS_E_STATE;              /* nothing after close_notify */
    size_t done = 0;
    while (done < len) {
        long n = glass_record_write_app(&c->rec, buf + done, len - done);
        if (n < 0) {
            if (would_block((int)n))
                return done ? (long)done : n;
            return fail(c, (int)n);
        }
        done += (size_t)n;
        if (glass_record_pending(&c->rec))  /* the transport is full */
            break;
    }
    return (long)done;
}

int glass_flush(glass_conn *c)
{
    if (c == NULL)
        return GLASS_E_INVALID_ARG;
    int rc = flush(c);
    if (rc == GLASS_OK && c->error)
        return c->error;
    return rc;
}

int glass_close(glass_conn *c)
{
    if (c == NULL)
        return GLASS_E_INVALID_ARG;
    if (c->error)
        return c->error;
    if (!c->rec.we_closed) {
        int rc = glass_record_queue_alert(&c->rec, GLASS_ALERT_LEVEL_WARNING,
                                          GLASS_ALERT_CLOSE_NOTIFY);
        if (rc != GLASS_OK && !would_block(rc))
            return fail(c, rc);
    }
    return flush(c);
}

/* The queries about the handshake: from its state while it exists, from
 * c->done once it was released (release_handshake). */

glass_hs_state_id glass_conn_state(const glass_conn *c)
{
    if (c == NULL)
        return GLASS_ST_CLIENT_HELLO;
    return c->hs != NULL ? glass_hs_state(c->hs) : c->done.state;
}

const char *glass_conn_state_name(const glass_conn *c)
{
    return glass_hs_state_name(glass_conn_state(c));
}

/* NULL once the handshake state is released (see conn.h: the typed
 * message alone would cost 1,784 bytes per connection). */
const glass_hs_message *glass_conn_last_message(const glass_conn *c)
{
    return c != NULL && c->hs != NULL ? glass_hs_last_message(c->hs) : NULL;
}

const glass_hs_where *glass_conn_parse_error(const glass_conn *c)
{
    if (c == NULL)
        return NULL;
    if (c->hs != NULL)
        return glass_hs_parse_error(c->hs);
    return c->done.has_where ? &c->done.where : NULL;
}

/* Released only after a successful handshake, when the peer's chain was
 * accepted: no reason then. */
const char *glass_conn_peer_cert_reason(const glass_conn *c)
{
    return c != NULL && c->hs != NULL ? glass_hs_peer_reason(c->hs) : NULL;
}

const char *glass_conn_peer_subject(const glass_conn *c)
{
    if (c == NULL)
        return NULL;
    if (c->hs != NULL)
        return glass_hs_peer_subject(c->hs);
    return c->done.peer_verified && c->done.peer_subject[0] != '\0' ? c->done.peer_subject
                                                                      : NULL;
}

int glass_conn_peer_verified(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return c->hs != NULL ? glass_hs_peer_verified(c->hs) : c->done.peer_verified;
}

const char *glass_conn_server_name(const glass_conn *c)
{
    if (c == NULL)
        return NULL;
    if (c->hs != NULL)
        return glass_hs_server_name(c->hs);
    return c->done.has_server_name ? c->done.server_name : NULL;
}

uint16_t glass_conn_suite(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return c->hs != NULL ? glass_hs_suite(c->hs) : c->done.suite;
}

uint16_t glass_conn_group(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return c->hs != NULL ? glass_hs_group(c->hs) : c->done.group;
}

int glass_conn_ems(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return c->hs != NULL ? glass_hs_ems(c->hs) : c->done.ems;
}

int glass_conn_resumed(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return c->hs != NULL ? glass_hs_resumed(c->hs) : c->done.resumed;
}

int glass_conn_set_session(glass_conn *c, const uint8_t *blob, size_t len)
{
    if (c == NULL || c->session == NULL || c->hs == NULL)
        return GLASS_E_INVALID_ARG;
    glass_session s;
    int rc = glass_session_import(&s, blob, len);
    if (rc == GLASS_OK)
        rc = glass_hs_set_session(c->hs, &s);
    glass_session_wipe(&s);
    return rc;
}

int glass_conn_get_session(const glass_conn *c, uint8_t *out, size_t cap, size_t *len)
{
    if (c == NULL || out == NULL || len == NULL || c->session == NULL)
        return GLASS_E_INVALID_ARG;
    *len = 0;
    if (!c->established)
        return GLASS_E_STATE;
    if (!c->have_session)
        return GLASS_E_SESSION_NOT_FOUND;
    return glass_session_export(c->session, out, cap, len);
}

int glass_conn_error(const glass_conn *c)
{
    return c != NULL ? c->error : GLASS_E_INVALID_ARG;
}

glass_alert glass_conn_last_alert_sent(const glass_conn *c)
{
    static const glass_alert none = { 0, 0, 0 };
    return c != NULL ? c->rec.alert_out_last : none;
}

glass_alert glass_conn_last_alert_received(const glass_conn *c)
{
    static const glass_alert none = { 0, 0, 0 };
    return c != NULL ? c->rec.alert_in : none;
}

int glass_conn_peer_closed(const glass_conn *c)
{
    return c != NULL && c->rec.peer_closed;
}

int glass_conn_we_closed(const glass_conn *c)
{
    return c != NULL && c->rec.we_closed;
}

size_t glass_conn_memory(const glass_conn *c)
{
    if (c == NULL)
        return 0;
    return sizeof *c + c->mem_size + c->hs_mem_size + c->hs_big_size + glass_hs_memory(c->hs) +
           (c->session != NULL ? sizeof *c->session : 0);
}
