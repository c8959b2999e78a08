/*
 * glasstls/trace.h — seeing through a connection: the trace observer API
 * (typed events) and the built-in renderers (text at three levels, a
 * Mermaid sequence diagram of the handshake that really happened, and an
 * NSS key log for Wireshark).  docs/api.md, "Observe a handshake".
 *
 * The hook: set cfg->trace (glasstls/config.h) to a glass_trace_fn and
 * cfg->trace_ctx to what it needs.  The library then calls it with one
 * glass_trace_event for each:
 *
 *   GLASS_TRACE_STATE     a handshake step starts (state entered)
 *   GLASS_TRACE_SKIPPED   a step of the table does not run, and why
 *                         (ServerKeyExchange with RSA key exchange)
 *   GLASS_TRACE_MESSAGE   a handshake message was sent, or received and
 *                         parsed: its typed struct (glass_hs_message,
 *                         glasstls/handshake.h), its bytes and their byte
 *                         map (spans, glasstls/fields.h)
 *   GLASS_TRACE_SECRET    a secret or key was derived (premaster, session
 *                         hash, master secret, write keys and IVs)
 *   GLASS_TRACE_RECORD    a record was sealed (about to be sent) or opened:
 *                         the record as on the wire and its byte map
 *                         (header | explicit nonce | ciphertext | tag),
 *                         its plaintext, and the GCM nonce and AAD
 *   GLASS_TRACE_ALERT     an alert was sent or received
 *   GLASS_TRACE_CERT      one step of certificate path validation
 *
 * Rules: the hook must not call back into the connection; everything an
 * event points to is valid only during the call.  Tracing never changes
 * what the library does, and with cfg->trace == NULL no event is built
 * (every emitting site tests the pointer first).
 *
 * The byte map (how to draw "offset, bytes, field, value" rows): see the
 * top of glasstls/fields.h.  ev->spans maps ev->data for MESSAGE events
 * and ev->record for RECORD events.
 *
 * Layering: the event types live at the trace layer (lib/trace, below
 * everything that emits events).  The renderers understand handshake
 * messages, so they live in lib/render, above the connection; they are
 * declared here so a program includes one header to observe.
 */
#ifndef GLASSTLS_TRACE_H
#define GLASSTLS_TRACE_H

#include "glasstls/export.h"
#include "glasstls/fields.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

struct glass_hs_message;           /* glasstls/handshake.h */

typedef enum glass_trace_kind {
    GLASS_TRACE_STATE = 1,
    GLASS_TRACE_MESSAGE,
    GLASS_TRACE_SECRET,
    GLASS_TRACE_RECORD,
    GLASS_TRACE_ALERT,
    GLASS_TRACE_CERT,
    GLASS_TRACE_SKIPPED
} glass_trace_kind;

/* What a GLASS_TRACE_SECRET event carries (RFC 5246 6.3, 8.1; RFC 7627). */
typedef enum glass_trace_secret {
    GLASS_SECRET_PREMASTER = 1,     /* premaster secret (48 RSA, 32 X25519) */
    GLASS_SECRET_SESSION_HASH,      /* RFC 7627: Hash(handshake..ClientKeyExchange) */
    GLASS_SECRET_MASTER,            /* master secret (48) */
    GLASS_SECRET_CLIENT_WRITE_KEY,
    GLASS_SECRET_SERVER_WRITE_KEY,
    GLASS_SECRET_CLIENT_WRITE_IV,   /* the 4-byte GCM salt (RFC 5288 3) */
    GLASS_SECRET_SERVER_WRITE_IV,
    /* This side's ephemeral X25519 private key (32), emitted when it is
     * generated (ServerKeyExchange, ClientKeyExchange): with the peer's
     * public key it gives the premaster (RFC 7748 6.1, RFC 8422 5.10). */
    GLASS_SECRET_X25519_PRIVATE,
    /* The handshake hash a Finished covers (RFC 5246 7.4.9):
     * Hash(handshake_messages) before that Finished.  ev->sent is 1 for
     * the Finished this side sends, 0 for the peer's, which it checks;
     * ev->finished_server says whose Finished it is. */
    GLASS_SECRET_FINISHED_HASH
} glass_trace_secret;

/* The steps of certificate validation (lib/x509/verify.c), in order. */
typedef enum glass_trace_cert_step {
    GLASS_CERT_START = 1,           /* validation begins: n certificates sent */
    GLASS_CERT_SIGNATURE,           /* subject's signature checked with issuer's key */
    GLASS_CERT_ANCHOR,              /* the path reached a trusted CA certificate */
    GLASS_CERT_VALIDITY,            /* notBefore <= now <= notAfter, key size, extensions */
    GLASS_CERT_ISSUER,              /* the issuer may issue (cA, keyCertSign, pathLen) */
    GLASS_CERT_HOSTNAME,            /* the leaf names the host (RFC 6125) */
    GLASS_CERT_RESULT               /* the outcome: err 0 or the reason */
} glass_trace_cert_step;

typedef struct glass_trace_event {
    glass_trace_kind kind;
    int  is_server;                 /* the side that emits the event */

    /* STATE: the step about to run; SKIPPED: the step that does not */
    int         state;              /* a glass_hs_state_id (an int here: trace.h sits below handshake.h) */
    const char *state_name;         /* "ServerHello" */
    const char *handler;            /* "glass_client_recv_server_hello" */
    int         we_send;            /* the step sends (1) or receives (0) */
    int         msg_type;           /* its message (glass_hs_type) */
    const char *skipped_because;    /* SKIPPED: "RSA key exchange" */
    const char *flavour;            /* STATE, SKIPPED: the handshake flavour the
                                     * step belongs to ("full") */

    /* MESSAGE: sent (1) or received and parsed (0) */
    int sent;
    const struct glass_hs_message *msg;   /* typed fields */
    /* MESSAGE: the message bytes, 4-byte header included (ChangeCipherSpec:
     * its one byte).  SECRET: the secret.  RECORD: sealed: the whole
     * record as sent; opened: the plaintext. */
    const uint8_t *data;
    size_t         len;

    /* SECRET */
    glass_trace_secret secret;
    int                ems;               /* master secret: extended (RFC 7627) */
    int                resumed;           /* master secret: the resumed session's, not derived */
    const uint8_t     *client_random;     /* 32 bytes (for the key log) */
    const uint8_t     *server_random;
    int                finished_server;   /* FINISHED_HASH: the server's Finished */

    /* RECORD */
    int      content_type;          /* glass_content_type */
    uint64_t seq;                   /* its sequence number */
    int      encrypted;             /* under AES-GCM (else plaintext) */
    size_t   plaintext_len;
    const uint8_t *plaintext;       /* its plaintext_len bytes (sealed and opened) */
    const uint8_t *record;          /* the record as on the wire, header included */
    size_t         record_len;
    uint8_t  nonce[12];             /* encrypted: salt || explicit nonce (RFC 5288 3) */
    uint8_t  aad[13];               /* encrypted: seq || type || version || length
                                     * (RFC 5246 6.2.3.3) */

    /* MESSAGE (of data) and RECORD (of record): the byte map, in byte
     * order (glasstls/fields.h); NULL when not available */
    const glass_span *spans;
    size_t            n_spans;
    int               spans_overflow; /* more fields than the list holds
                                         (GLASS_HS_MAX_SPANS, 2048): no map */

    /* ALERT (sent is set too) */
    int alert_level, alert_desc;

    /* CERT */
    glass_trace_cert_step cert_step;
    int         depth;              /* 0 leaf, 1 its issuer ... */
    const char *subject;            /* of the certificate at depth */
    const char *issuer;             /* SIGNATURE: the certificate whose key verified */
    int         result;             /* 0 or the glass_err of this step */
    const char *detail;             /* a sentence, or NULL */
} glass_trace_event;

typedef void (*glass_trace_fn)(void *ctx, const glass_trace_event *ev);

/* "premaster secret", "master secret", "client_write_key", ... */
const char *glass_trace_secret_name(glass_trace_secret s);

/* ------------------------------------------------------------ renderers
 * (lib/render).  A glass_tracer is one observer that can render to any of
 * three outputs at once.  Use it as cfg->trace = glass_tracer_observe,
 * cfg->trace_ctx = tracer; one tracer may observe both a client and a
 * server in one process (glass-step): a message seen leaving one side is
 * then not drawn again when the other side receives it. */
typedef struct glass_tracer glass_tracer;

/* Makes a tracer in *out that draws nothing until told where (below):
 * 0, GLASS_E_INVALID_ARG (out NULL) or GLASS_E_NO_MEMORY, *out NULL on
 * failure.  Free with glass_tracer_free (NULL allowed). */
int glass_tracer_new(glass_tracer **out);

/* Text: level 0 off; 1 one line per step of the handshake, named as in a
 * textbook diagram ("Client -> Server: ClientHello"); 2 adds every field
 * of every message decoded, records, and each certificate check; 3 adds
 * every message and record byte by byte (offset, bytes, field, value: the
 * byte map of glasstls/fields.h), the GCM nonce, AAD and plaintext of each
 * record, and the key schedule with the ephemeral X25519 private keys and
 * each Finished's handshake hash (after a one-line warning that secrets
 * are printed).  Colour when color is 1; -1 means
 * "when out is a terminal". */
void glass_tracer_text(glass_tracer *t, FILE *out, int level, int color);

/* Starts each line of the text with prefix (copied, at most 31 bytes;
 * NULL or "" for none), e.g. "[c3] " for connection 3 of a server whose
 * connections share one output.  Call it before glass_tracer_text, so the
 * level-3 warning line has it too.  Lines are prefixed as they are
 * written, so give it a tracer of one connection. */
void glass_tracer_text_prefix(glass_tracer *t, const char *prefix);

/* Mermaid sequenceDiagram of the handshake as it happens, written to path
 * (created or truncated now; complete at glass_tracer_free()).
 * GLASS_E_FILE when it cannot be created, GLASS_E_INVALID_ARG for NULL. */
int glass_tracer_mermaid(glass_tracer *t, const char *path);

/* NSS key log (CLIENT_RANDOM <client_random> <master_secret>, hex), one
 * line per handshake, appended to path — the SSLKEYLOGFILE format
 * Wireshark reads.  GLASS_E_FILE when it cannot be opened,
 * GLASS_E_INVALID_ARG for NULL (e.g. an unset SSLKEYLOGFILE). */
int glass_tracer_keylog(glass_tracer *t, const char *path);

/* Files a student can open: each handshake message and each record of
 * the connection as DIR/NN-<who>-<what>.bin, numbered in order (the
 * message with its 4-byte header; the record as sent, header included),
 * and each certificate of a Certificate message as DER beside it.  DIR is
 * made when missing.  0, GLASS_E_FILE (DIR cannot be made),
 * GLASS_E_INVALID_ARG (NULL or a name too long), GLASS_E_NO_MEMORY. */
int glass_tracer_dump_dir(glass_tracer *t, const char *dir);

/* Recipes: with text at level 3, beside each derived value (master
 * secret, session hash, keys, Finished hashes and verify_data, the
 * ServerKeyExchange signature, the premaster, each encrypted record's
 * plaintext) a shell command that re-computes it with openssl, coreutils
 * or python3's `cryptography`, from the traced values and the files of
 * glass_tracer_dump_dir (the commands run in that folder).  server_key:
 * the server's private key file (PEM) for the RSA premaster recipe, or
 * NULL when it is not known.  0, GLASS_E_INVALID_ARG, GLASS_E_NO_MEMORY. */
int glass_tracer_recipes(glass_tracer *t, const char *server_key);

/* HTML: the handshake as one self-contained web page (plain HTML and
 * CSS, nothing fetched from elsewhere), written to path (created or
 * truncated at glass_tracer_free()): see glass_html_new below.  With
 * show_secrets 1 the page also shows the key schedule.  GLASS_E_FILE when
 * path cannot be created, GLASS_E_INVALID_ARG for NULL, GLASS_E_NO_MEMORY. */
int glass_tracer_html(glass_tracer *t, const char *path, int show_secrets);

/* The observer to put in cfg->trace (ctx: the glass_tracer). */
void glass_tracer_observe(void *ctx, const glass_trace_event *ev);

/* Finishes and closes the files, frees the tracer.  NULL is allowed. */
void glass_tracer_free(glass_tracer *t);

/* ------------------------------------------------------------ the page
 * (lib/render/html.c).  A glass_html records the handshake of one
 * connection (or of both sides of one handshake, in one process) and
 * writes it as a web page: the messages in order, client and server in
 * boxes of their own, each split into its fields (offset, bytes, name,
 * decoded value, RFC section, why: the byte map of glasstls/fields.h),
 * each Finished with the record it travelled in (header, explicit nonce,
 * ciphertext, tag, AAD), every IANA code point named (glasstls/iana.h)
 * with what glasstls does with it; with show_secrets, the key schedule (premaster, ephemeral
 * private keys, master secret, write keys and IVs, the Finished hashes)
 * and the NSS key-log line.  glass-server answers /handshake with the
 * page of the very connection that asked (docs/programs.md).
 *
 * Memory is bounded: the recorder copies each message's bytes and byte
 * map into one buffer of max_bytes allocated by glass_html_new (0: the
 * default, GLASS_HTML_DEFAULT_BYTES); what does not fit is left out and
 * the page says so.  Nothing is allocated while observing.  Secrets are
 * kept only when show_secrets is 1, and wiped by glass_html_free. */
#define GLASS_HTML_DEFAULT_BYTES (64u * 1024u)
#define GLASS_HTML_MAX_MESSAGES  32
typedef struct glass_html glass_html;

/* 0, GLASS_E_INVALID_ARG (out NULL), GLASS_E_NO_MEMORY (*out NULL). */
int glass_html_new(glass_html **out, size_t max_bytes, int show_secrets);

/* The observer (ctx: the glass_html); may be called from a wrapper that
 * also feeds a glass_tracer.  A message received that repeats the one the
 * other side just sent (both sides observed) is recorded once. */
void glass_html_observe(void *ctx, const glass_trace_event *ev);

/* Writes the page to out; title goes in <title> and <h1> (NULL: "A TLS
 * 1.2 handshake, byte by byte").  0, GLASS_E_INVALID_ARG, GLASS_E_IO when
 * writing fails. */
int glass_html_write(const glass_html *h, FILE *out, const char *title);

/* Wipes and frees (NULL allowed). */
void glass_html_free(glass_html *h);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_TRACE_H */
