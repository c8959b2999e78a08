/*
 * glasstls/record.h — what the record layer shows to users: the transport
 * a connection talks through, the two transports glasstls provides (a file
 * descriptor and an in-memory pipe), record content types, and alerts
 * (RFC 5246 sections 6.2 and 7.2).
 *
 * A connection never calls the socket API itself.  It calls the two
 * callbacks of a glass_transport, which move raw bytes:
 *
 *   send(ctx, buf, len)  -> n > 0 bytes accepted (may be fewer than len),
 *                           GLASS_E_WANT_WRITE when it would block,
 *                           GLASS_E_IO on an error;
 *   recv(ctx, buf, len)  -> n > 0 bytes read (may be fewer than len),
 *                           0 at end of stream (the peer closed),
 *                           GLASS_E_WANT_READ when it would block,
 *                           GLASS_E_IO on an error.
 *
 * "Would block" is passed up unchanged: glass_handshake(), glass_read(),
 * glass_write() then return GLASS_E_WANT_READ / GLASS_E_WANT_WRITE and are
 * simply called again when the transport is ready.
 */
#ifndef GLASSTLS_RECORD_H
#define GLASSTLS_RECORD_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* ---- transports ---- */

typedef long (*glass_send_fn)(void *ctx, const uint8_t *buf, size_t len);
typedef long (*glass_recv_fn)(void *ctx, uint8_t *buf, size_t len);

typedef struct glass_transport {
    void         *ctx;     /* given back to send and recv */
    glass_send_fn send;
    glass_recv_fn recv;
} glass_transport;

/* A transport over a file descriptor (a connected socket, or a pipe):
 * blocking or non-blocking, as the descriptor is.  EINTR is retried;
 * EAGAIN/EWOULDBLOCK become GLASS_E_WANT_READ/WRITE; SIGPIPE is not raised
 * on sockets (MSG_NOSIGNAL), but write(2) on a pipe whose reader is gone
 * raises it as usual.  The descriptor is kept in ctx (no allocation) and is
 * never closed by glasstls.  On a TCP socket it turns TCP_NODELAY on: a
 * flight of records sent one by one would otherwise stall on Nagle and the
 * peer's delayed ACK (up to 40 ms per handshake). */
glass_transport glass_transport_fd(int fd);

/* An in-memory pipe: two byte queues, client->server and server->client,
 * so a client and a server can run in one process (tests, teaching
 * programs).  Nothing blocks: recv on an empty queue gives
 * GLASS_E_WANT_READ, send on a full one GLASS_E_WANT_WRITE, so the two
 * sides are stepped in turn. */
typedef struct glass_pipe glass_pipe;

/* Makes a pipe in *out (like every glass_*_new: 0 or a glass_err, *out
 * NULL on failure; free with glass_pipe_free, which takes NULL too).
 * capacity: bytes each direction can hold (0 = 64 KiB).
 * GLASS_E_INVALID_ARG (out NULL), GLASS_E_NO_MEMORY. */
int glass_pipe_new(glass_pipe **out, size_t capacity);
void glass_pipe_free(glass_pipe *p);
/* The client's and the server's ends.  They stay valid until
 * glass_pipe_free(). */
glass_transport glass_pipe_client(glass_pipe *p);
glass_transport glass_pipe_server(glass_pipe *p);
/* Moves at most max bytes per send or recv call (0 = no limit): with 1 the
 * record layer sees its input one byte at a time. */
void glass_pipe_set_chunk(glass_pipe *p, size_t max);
/* Ends one direction as a closed socket would: once the queue written by
 * `from_server`'s side (1: the server's, 0: the client's) is drained, the
 * other end's recv returns 0 (end of stream). */
void glass_pipe_shutdown(glass_pipe *p, int from_server);
/* Bytes waiting in the queue written by the given side. */
size_t glass_pipe_pending(const glass_pipe *p, int from_server);

/* ---- records (RFC 5246 section 6.2.1) ---- */

typedef enum glass_content_type {
    GLASS_CT_CHANGE_CIPHER_SPEC = 20,
    GLASS_CT_ALERT              = 21,
    GLASS_CT_HANDSHAKE          = 22,
    GLASS_CT_APPLICATION_DATA   = 23
} glass_content_type;

#define GLASS_RECORD_HEADER_SIZE  5                 /* type, version, length */
#define GLASS_MAX_PLAINTEXT       16384             /* 2^14 (6.2.1) */
#define GLASS_MAX_CIPHERTEXT      (16384 + 2048)    /* 2^14 + 2048 (6.2.3) */
#define GLASS_GCM_EXPLICIT_NONCE  8                 /* RFC 5288 section 3 */
#define GLASS_GCM_SALT_SIZE       4

/* "handshake", "alert", ...; "unknown" for other values. */
const char *glass_content_type_name(int type);

/* ---- alerts (RFC 5246 section 7.2) ---- */

#define GLASS_ALERT_LEVEL_WARNING 1
#define GLASS_ALERT_LEVEL_FATAL   2

/* X(id, name, value) */
#define GLASS_ALERT_LIST(X) \
    X(GLASS_ALERT_CLOSE_NOTIFY,             "close_notify", 0) \
    X(GLASS_ALERT_UNEXPECTED_MESSAGE,       "unexpected_message", 10) \
    X(GLASS_ALERT_BAD_RECORD_MAC,           "bad_record_mac", 20) \
    X(GLASS_ALERT_DECRYPTION_FAILED,        "decryption_failed_RESERVED", 21) \
    X(GLASS_ALERT_RECORD_OVERFLOW,          "record_overflow", 22) \
    X(GLASS_ALERT_DECOMPRESSION_FAILURE,    "decompression_failure", 30) \
    X(GLASS_ALERT_HANDSHAKE_FAILURE,        "handshake_failure", 40) \
    X(GLASS_ALERT_NO_CERTIFICATE,           "no_certificate_RESERVED", 41) \
    X(GLASS_ALERT_BAD_CERTIFICATE,          "bad_certificate", 42) \
    X(GLASS_ALERT_UNSUPPORTED_CERTIFICATE,  "unsupported_certificate", 43) \
    X(GLASS_ALERT_CERTIFICATE_REVOKED,      "certificate_revoked", 44) \
    X(GLASS_ALERT_CERTIFICATE_EXPIRED,      "certificate_expired", 45) \
    X(GLASS_ALERT_CERTIFICATE_UNKNOWN,      "certificate_unknown", 46) \
    X(GLASS_ALERT_ILLEGAL_PARAMETER,        "illegal_parameter", 47) \
    X(GLASS_ALERT_UNKNOWN_CA,               "unknown_ca", 48) \
    X(GLASS_ALERT_ACCESS_DENIED,            "access_denied", 49) \
    X(GLASS_ALERT_DECODE_ERROR,             "decode_error", 50) \
    X(GLASS_ALERT_DECRYPT_ERROR,            "decrypt_error", 51) \
    X(GLASS_ALERT_EXPORT_RESTRICTION,       "export_restriction_RESERVED", 60) \
    X(GLASS_ALERT_PROTOCOL_VERSION,         "protocol_version", 70) \
    X(GLASS_ALERT_INSUFFICIENT_SECURITY,    "insufficient_security", 71) \
    X(GLASS_ALERT_INTERNAL_ERROR,           "internal_error", 80) \
    X(GLASS_ALERT_USER_CANCELED,            "user_canceled", 90) \
    X(GLASS_ALERT_NO_RENEGOTIATION,         "no_renegotiation", 100) \
    X(GLASS_ALERT_UNSUPPORTED_EXTENSION,    "unsupported_extension", 110) \
    /* end of list */

typedef enum glass_alert_desc {
#define GLASS_ALERT_ENUM_(id, name, value) id = (value),
    GLASS_ALERT_LIST(GLASS_ALERT_ENUM_)
#undef GLASS_ALERT_ENUM_
    GLASS_ALERT_NONE = 256                     /* no alert to send */
} glass_alert_desc;

/* "handshake_failure", ...; "unknown" for values not in the list. */
const char *glass_alert_name(int desc);
/* "warning", "fatal"; "unknown" otherwise. */
const char *glass_alert_level_name(int level);

/* THE table (docs/alerts.md): the one alert sent to the peer when a local
 * check fails with err, as the alert column of GLASS_ERROR_LIST
 * (glasstls/err.h) states it for every code.  GLASS_ALERT_NONE when nothing
 * is sent: would block, the transport failed or ended, the peer's own
 * alert or close.  internal_error for local faults, and for a number that
 * is not a glasstls code. */
int glass_alert_for_error(int err);

/* An alert as sent or received: present is 0 until there was one. */
typedef struct glass_alert {
    int     present;
    uint8_t level;         /* GLASS_ALERT_LEVEL_* */
    uint8_t description;   /* glass_alert_desc */
} glass_alert;

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_RECORD_H */
