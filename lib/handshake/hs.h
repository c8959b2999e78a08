/*
 * hs.h — THE SEAM between the connection (lib/conn) and the handshake
 * (lib/handshake).  See docs/record.md, "The connection and its seam to
 * the handshake".
 *
 * Layering: conn sits above handshake, which sits above record.  So the
 * connection owns a glass_record and a glass_hs, and gives the handshake
 * what it needs through glass_hs_env; the handshake never sees
 * struct glass_conn.
 *
 * The handshake state is opaque here: struct glass_hs is defined and
 * allocated by lib/handshake (all of its fields — randoms, suite,
 * transcript hash, master secret, the last message — belong to it).
 * glass_hs_new() is called from glass_conn_new(), the only time memory may
 * be allocated; glass_hs_free() from glass_conn_free().
 *
 * What the connection guarantees to glass_hs_step():
 *   - glass_record_hs_out() is free when a step starts (the connection
 *     flushes first, except in the middle of a flight, whose records wait
 *     packed in the record layer's `out`), so a step may write its message
 *     into glass_record_hs_out() and queue it, or queue a ChangeCipherSpec;
 *   - a step that returns an error is never called again; the connection
 *     sends the alert glass_alert_for_error(err) (unless err is would-block,
 *     a transport failure or the peer's own alert) and marks itself failed;
 *   - GLASS_E_WANT_READ / GLASS_E_WANT_WRITE from a step mean "call me again
 *     with the same state": a receiving step that got WANT_READ from
 *     glass_record_next() has consumed nothing.
 * What the handshake does:
 *   - sets the keys with glass_record_set_keys() (both directions) before
 *     queueing or receiving its ChangeCipherSpec; the record layer switches
 *     at the ChangeCipherSpec itself;
 *   - hashes every handshake message it sends or receives (the record layer
 *     gives whole messages, header included);
 *   - returns GLASS_HS_DONE from the step that completes the handshake
 *     (after which glass_hs_step() is not called again).
 */
#ifndef GLASS_HANDSHAKE_HS_H
#define GLASS_HANDSHAKE_HS_H

#include "glasstls/config.h"
#include "glasstls/drbg.h"
#include "record/record.h"

typedef struct glass_hs glass_hs;          /* defined in lib/handshake */

#define GLASS_HS_MAX_SUBJECT 256

/* What the connection gives the handshake.  The hooks are resolved: never
 * NULL (the connection substitutes its own generator and the system clock
 * for NULL hooks in the config). */
typedef struct glass_hs_env {
    const glass_config *cfg;
    glass_record       *rec;
    glass_rng_fn        rng;
    void               *rng_ctx;
    glass_clock_fn      clock;
    void               *clock_ctx;
} glass_hs_env;

/* Returned by glass_hs_step() when the handshake is complete. */
#define GLASS_HS_DONE 1

/* Allocates and sets up the handshake state for env->cfg->role (copies
 * *env).  0, GLASS_E_NO_MEMORY or GLASS_E_INVALID_ARG. */
int glass_hs_new(glass_hs **out, const glass_hs_env *env);

/* Wipes every secret in hs and frees it.  NULL is allowed. */
void glass_hs_free(glass_hs *hs);

/* Bytes of memory glass_hs_new() allocated (for glass_conn_memory()). */
size_t glass_hs_memory(const glass_hs *hs);

/* Runs one step of the handshake table, as this side's role: 0 (more
 * steps to run), GLASS_HS_DONE, GLASS_E_WANT_READ / GLASS_E_WANT_WRITE, or
 * an error. */
int glass_hs_step(glass_hs *hs);

/* 1 when the step glass_hs_step() runs next sends a message of ours (the
 * flight goes on), 0 when it receives or the handshake is over.  The
 * connection packs a flight's records and sends them together once the
 * next step is the peer's (glass_record's hold). */
int glass_hs_next_sends(const glass_hs *hs);

/* The current state: a glass_hs_state_id of glasstls/handshake.h. */
int glass_hs_state(const glass_hs *hs);

/* glass_hs_state_name(): glasstls/handshake.h. */

/* ---- looking inside (for glass_conn_* in tls.h) ---- */
#include "glasstls/handshake.h"

/* The message of the last step that ran, sent or parsed (type
 * GLASS_HS_NONE before the first). */
const glass_hs_message *glass_hs_last_message(const glass_hs *hs);
/* Where the last parse failed, or NULL. */
const glass_hs_where *glass_hs_parse_error(const glass_hs *hs);
/* Client: why the server's certificate chain was refused (one sentence
 * from lib/x509), or NULL. */
const char *glass_hs_peer_reason(const glass_hs *hs);
/* Server: the subject of the client's certificate (one line, as
 * glass_x509_subject_string writes it; at most GLASS_HS_MAX_SUBJECT - 1
 * characters), or NULL when the client sent none. */
const char *glass_hs_peer_subject(const glass_hs *hs);
/* Server: 1 the client's chain was validated, 0 it sent none; the
 * handshake fails when the chain is refused. */
int glass_hs_peer_verified(const glass_hs *hs);
/* Server: the host name the client asked for (server_name), or NULL. */
const char *glass_hs_server_name(const glass_hs *hs);
/* The negotiated suite (0 before ServerHello) and whether the extended
 * master secret is used. */
uint16_t glass_hs_suite(const glass_hs *hs);
int glass_hs_ems(const glass_hs *hs);
uint16_t glass_hs_group(const glass_hs *hs);

/* ---- resumption (lib/handshake/resume.c, glasstls/session.h) ---- */
#include "glasstls/session.h"
/* Client, before the first step: offer session s (copied) in ClientHello.
 * 0 or GLASS_E_STATE (the handshake has started). */
int glass_hs_set_session(glass_hs *hs, const glass_session *s);
/* Client, once the handshake is done: the session it made or resumed
 * (with the ticket received, if any): 0, or GLASS_E_SESSION_NOT_FOUND
 * when the server gave neither a session_id nor a ticket. */
int glass_hs_get_session(const glass_hs *hs, glass_session *out);
/* 1 when the abbreviated handshake ran (a session was resumed). */
int glass_hs_resumed(const glass_hs *hs);
/* The connection failed (an error or a fatal alert, either way): the
 * server forgets the session it was resuming or had cached for it, so it
 * cannot be resumed (RFC 5246 section 7.2.2). */
void glass_hs_session_failed(glass_hs *hs);

#endif /* GLASS_HANDSHAKE_HS_H */
