/*
 * glasstls/tls.h — the connection API: one TLS 1.2 connection over a
 * transport, from the handshake to close_notify.
 *
 *   glass_config cfg;                     // glasstls/config.h
 *   glass_config_init(&cfg, GLASS_ROLE_CLIENT);
 *   cfg.server_name = "example.org"; cfg.trust = store;
 *   glass_conn *c;
 *   glass_conn_new(&c, &cfg, glass_transport_fd(sock));
 *   glass_handshake(c);                   // or glass_handshake_step() in a loop
 *   glass_write(c, req, req_len);
 *   n = glass_read(c, buf, sizeof buf);
 *   glass_close(c);
 *   glass_conn_free(c);
 *
 * Non-blocking transports: any call may return GLASS_E_WANT_READ or
 * GLASS_E_WANT_WRITE; nothing is lost, call it again (with the same
 * arguments for glass_write) when the transport is ready.
 *
 * Errors: a failure is final.  The connection sends the peer the one alert
 * that matches the error (glass_alert_for_error(), glasstls/record.h) and
 * every later call returns the same error (glass_conn_error()).
 */
#ifndef GLASSTLS_TLS_H
#define GLASSTLS_TLS_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "glasstls/config.h"
#include "glasstls/handshake.h"
#include "glasstls/session.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

typedef struct glass_conn glass_conn;

/* Creates a connection with cfg (which must outlive it, see config.h) over
 * tr.  The memory the connection uses is allocated here (glass_conn_memory()
 * tells how much), except a buffer for a received handshake message longer
 * than GLASS_HS_BUFFER_SIZE (config.h), made when one comes; nothing is
 * sent yet.  The handshake-message buffers (2 * GLASS_HS_BUFFER_SIZE, or
 * 2 * max_handshake_size when that is smaller, and any longer one) and the handshake
 * state (about 9 KB: transcript, master secret, the peer's certificates)
 * are wiped and freed again at the first glass_read/glass_write after the
 * handshake; an established connection keeps its struct and two record
 * buffers (docs/record.md, "Memory").
 * Errors: GLASS_E_INVALID_ARG (bad config), GLASS_E_NO_MEMORY, GLASS_E_RNG
 * (the default generator could not be seeded). */
int glass_conn_new(glass_conn **out, const glass_config *cfg, glass_transport tr);

/* Wipes every secret (keys, master secret, buffers) and frees the
 * connection.  Does not send anything: call glass_close() first for an
 * orderly close.  NULL is allowed. */
void glass_conn_free(glass_conn *c);

/* Runs exactly one step of the handshake (send or receive one message,
 * glasstls/handshake.h names them), after first sending any bytes still
 * queued by the previous step.  Returns 0 when the step ran (see
 * glass_handshake_done()), GLASS_E_WANT_READ / _WANT_WRITE, or an error.
 * After the handshake is done it returns 0 and does nothing. */
int glass_handshake_step(glass_conn *c);

/* Runs steps until the handshake is done (0), would block, or fails. */
int glass_handshake(glass_conn *c);

/* 1 once both Finished messages were exchanged and verified. */
int glass_handshake_done(const glass_conn *c);

/* Reads application data into buf: returns the number of bytes (> 0, at
 * most len, from one record), GLASS_E_CLOSED once the peer sent
 * close_notify (our own close_notify is then sent in reply, RFC 5246
 * section 7.2.1), GLASS_E_EOF when the transport ended without it,
 * GLASS_E_WANT_READ / _WANT_WRITE, or an error.  Runs the handshake first
 * if it is not done.  Empty application-data records are skipped.  A peer's
 * attempt to renegotiate is answered with a no_renegotiation warning.
 * Output still queued (a record glass_write() accepted while the
 * transport would block) is sent first; GLASS_E_WANT_WRITE then means it
 * still could not go and nothing was there to read: call again once the
 * transport can take data. */
long glass_read(glass_conn *c, uint8_t *buf, size_t len);

/* Bytes of application data already received and decrypted that the
 * next glass_read() returns without touching the transport: what a short
 * read left of the current record.  An event loop that waits for the
 * socket to become readable must first read these (the socket has nothing
 * more to say about them).  0 for c NULL, during the handshake, or when
 * nothing is buffered.  (The connection may also hold the first bytes of
 * the next record, its header, read with the previous body; its body is
 * still to come, so the socket does become readable for it.) */
size_t glass_pending(const glass_conn *c);

/* Writes len bytes of application data, split into records of at most
 * 2^14 bytes.  Returns the number of bytes accepted: with a blocking
 * transport always len; with a non-blocking one possibly fewer, and
 * GLASS_E_WANT_WRITE when none could be accepted — call again with the rest
 * (or the same data).  A record that was accepted but not yet sent goes out
 * on the next call or with glass_flush().  len 0 sends nothing and returns
 * 0.  Runs the handshake first if it is not done. */
long glass_write(glass_conn *c, const uint8_t *buf, size_t len);

/* Sends the bytes still queued: 0 when none is left, or WANT_WRITE / an
 * error. */
int glass_flush(glass_conn *c);

/* Sends close_notify (once) and flushes it: 0, GLASS_E_WANT_WRITE (call
 * again), or an error.  Does not wait for the peer's close_notify; read
 * until glass_read() returns GLASS_E_CLOSED to see it. */
int glass_close(glass_conn *c);

/* ---- looking inside ----
 * Every glass_conn_* query below takes c == NULL and then answers as for
 * a connection where nothing happened: state ClientHello, suite 0, no
 * alerts, NULL pointers, 0 bytes; glass_conn_error(NULL) is
 * GLASS_E_INVALID_ARG. */

/* The handshake state (glasstls/handshake.h) and its name
 * ("ServerHello", ...). */
glass_hs_state_id glass_conn_state(const glass_conn *c);
const char *glass_conn_state_name(const glass_conn *c);

/* The handshake message of the last step, sent or received, as a typed
 * struct (glasstls/handshake.h): type says which member of u is valid.
 * Byte pointers inside it stay valid until the next step.  After the
 * handshake it is the server's Finished until the first glass_read or
 * glass_write, which releases the handshake state: NULL from then on. */
const glass_hs_message *glass_conn_last_message(const glass_conn *c);

/* Where the last handshake message failed to parse (message, field, byte
 * offset), or NULL. */
const glass_hs_where *glass_conn_parse_error(const glass_conn *c);

/* The one-line reason the peer's certificate was refused (a client: the
 * server's, "certificate for www.example.com expired on ..."; a server:
 * the client's), or NULL. */
const char *glass_conn_peer_cert_reason(const glass_conn *c);

/* Server, with cfg->request_client_certificate: the subject of the
 * client's certificate ("CN=alice, O=..."), once its chain was validated
 * for clientAuth and its CertificateVerify checked; NULL when the client
 * sent none (optional mode), before that, or for c NULL.  The string
 * stays valid as long as c. */
const char *glass_conn_peer_subject(const glass_conn *c);
/* Server: 1 when the client's certificate was verified (as above), 0 when
 * it sent none or c is NULL.  A refused chain or signature ends the
 * handshake with its alert; glass_conn_peer_cert_reason() says why. */
int glass_conn_peer_verified(const glass_conn *c);

/* Server: the host name the client sent in server_name, or NULL. */
const char *glass_conn_server_name(const glass_conn *c);

/* The negotiated cipher suite (e.g. 0xC02F; 0 before ServerHello) and
 * whether the extended master secret (RFC 7627) is in use. */
uint16_t glass_conn_suite(const glass_conn *c);
int glass_conn_ems(const glass_conn *c);
/* The ECDHE group (GLASS_GROUP_X25519, _SECP256R1, _SECP384R1; 0 with RSA
 * key exchange or before ServerKeyExchange). */
uint16_t glass_conn_group(const glass_conn *c);

/* ---- session resumption (glasstls/session.h, docs/handshake.md) ---- */

/* 1 when this connection resumed a session (the abbreviated handshake
 * ran, RFC 5246 section 7.3), 0 after a full handshake or before. */
int glass_conn_resumed(const glass_conn *c);

/* Client, before the first handshake step: offer the session in blob
 * (len bytes, from glass_conn_get_session() of an earlier connection) in
 * the ClientHello: its session_id, and its ticket when it has one (RFC
 * 5077; the ticket is sent whether or not cfg->session_tickets is set).
 * The session is offered only when it suits this connection (the same
 * server name, a suite the config allows, the EMS rules of RFC 7627
 * section 5.3, not expired); else the handshake is a full one, as it is
 * when the server declines.  0, GLASS_E_SESSION_BLOB (not a session
 * blob, or of another version), GLASS_E_STATE (the handshake started),
 * GLASS_E_INVALID_ARG (NULL, or a server connection). */
int glass_conn_set_session(glass_conn *c, const uint8_t *blob, size_t len);

/* Client, once the handshake is done (at any time after, even after the
 * transfer): writes this connection's session as an opaque, versioned
 * blob into out (cap bytes; GLASS_SESSION_BLOB_MAX always suffices) and
 * its length into *len.  The blob holds the master secret: store it like
 * a private key.  0, GLASS_E_STATE (the handshake is not done),
 * GLASS_E_SESSION_NOT_FOUND (the server gave neither a session_id nor a
 * ticket), GLASS_E_BUFFER_TOO_SMALL, GLASS_E_INVALID_ARG. */
int glass_conn_get_session(const glass_conn *c, uint8_t *out, size_t cap, size_t *len);

/* The error that ended the connection, or 0. */
int glass_conn_error(const glass_conn *c);

/* The last alert we sent and the last one we received. */
glass_alert glass_conn_last_alert_sent(const glass_conn *c);
glass_alert glass_conn_last_alert_received(const glass_conn *c);

/* 1 once the peer's close_notify arrived / ours was sent. */
int glass_conn_peer_closed(const glass_conn *c);
int glass_conn_we_closed(const glass_conn *c);

/* Bytes of memory this connection holds now (struct and buffers; less
 * once the handshake buffers and state are released, see glass_conn_new). */
size_t glass_conn_memory(const glass_conn *c);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_TLS_H */
