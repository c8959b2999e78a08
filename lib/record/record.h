/*
 * record.h — the TLS 1.2 record layer (RFC 5246 section 6.2, RFC 5288),
 * internal to the library: the handshake (lib/handshake) and the connection
 * (lib/conn) read and write through it.
 *
 * Reading: glass_record_next() gives the next complete "message" of any
 * content type: a whole handshake message (reassembled from as many records
 * as it took, or cut out of a record holding several), a ChangeCipherSpec,
 * or the application data of the current record.  Alerts are handled
 * inside: close_notify gives GLASS_E_CLOSED, a fatal alert
 * GLASS_E_ALERT_RECEIVED, warnings are noted (r->alert_in) and skipped.
 * A valid ChangeCipherSpec switches the read side to the pending keys.
 *
 * Writing: everything goes through one output record buffer.  A queue call
 * seals a record in it (in place), then glass_record_flush() sends it.
 * A handshake message is written by the handshake straight into
 * glass_record_hs_out() and queued with glass_record_queue_handshake(); the
 * flush cuts it into records of at most 2^14 bytes.  Queue calls require
 * that nothing is pending (the connection flushes before each step);
 * alerts have their own small buffer and may be queued at any time.
 * While `hold` is set (the connection sets it while its flight is not
 * complete), handshake and ChangeCipherSpec records are packed one after
 * the other into `out` instead of being sent one by one: the flight
 * leaves in as few sends as fit in `out` (one, for the usual flights),
 * sent when `out` is full or at the next glass_record_flush().
 *
 * Memory: the record layer allocates nothing; its buffers are the caller's.
 * glass_record_init() takes them in one block of glass_record_mem_size()
 * bytes (tests, tools); the connection uses glass_record_init_split(): the
 * record buffers for the whole connection, the handshake-message buffers
 * in a second block it frees after glass_record_end_handshake().
 *
 * Non-blocking: every function that touches the transport may return
 * GLASS_E_WANT_READ / GLASS_E_WANT_WRITE; its progress is kept in the
 * struct, so calling it again continues where it stopped.
 */
#ifndef GLASS_RECORD_RECORD_H
#define GLASS_RECORD_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/record.h"
#include "glasstls/gcm.h"
#include "glasstls/trace.h"

/* The longest valid record body under AES-GCM, the only protection of
 * every suite glasstls offers: explicit nonce, 2^14 bytes of plaintext,
 * tag (RFC 5288 section 3) — 2,024 bytes less than the 2^14 + 2048 that
 * RFC 5246 6.2.3 allows any cipher.  A longer protected record could only
 * open to more than 2^14 bytes (record_overflow, 6.2.3), so it is refused
 * from its header with record_overflow and the buffer needs no more. */
#define GLASS_RECORD_MAX_GCM_BODY (GLASS_GCM_EXPLICIT_NONCE + GLASS_MAX_PLAINTEXT \
                                   + GLASS_GCM_TAG_SIZE)
/* Input buffer: one record, header included, of the largest valid body
 * (2^14 + 24 protected; 2^14 in plaintext). */
/* Reading a record's body, the record layer also asks the transport for
 * the next record's header (when it is already there, it comes in the same
 * read: one read per record instead of two).  At most these bytes are ever
 * read past the record being opened, and they cannot be a whole record
 * that needs no more input (every record the peer may send has a body). */
#define GLASS_RECORD_LOOKAHEAD GLASS_RECORD_HEADER_SIZE
#define GLASS_RECORD_IN_SIZE  (GLASS_RECORD_HEADER_SIZE + GLASS_RECORD_MAX_GCM_BODY + \
                               GLASS_RECORD_LOOKAHEAD)
/* Output buffer: one record of 2^14 plaintext bytes sealed with GCM. */
#define GLASS_RECORD_OUT_SIZE (GLASS_RECORD_HEADER_SIZE + GLASS_RECORD_MAX_GCM_BODY)
/* An alert record sealed with GCM. */
#define GLASS_RECORD_ALERT_SIZE (GLASS_RECORD_HEADER_SIZE + GLASS_GCM_EXPLICIT_NONCE \
                                 + 2 + GLASS_GCM_TAG_SIZE)
/* The 4-byte handshake header (RFC 5246 section 7.4): msg_type, then the
 * body length as a uint24.  Defined here, at the lowest layer that reads
 * it: the record layer reassembles whole messages from it, the handshake
 * (lib/handshake/codec.c writes it) and the connection read it. */
#define GLASS_HS_HEADER_SIZE 4
typedef struct glass_hs_header {
    uint8_t type;           /* glass_hs_type */
    size_t  body_len;       /* bytes after the header */
} glass_hs_header;
/* The header at the start of msg, which holds at least
 * GLASS_HS_HEADER_SIZE bytes. */
glass_hs_header glass_hs_header_parse(const uint8_t *msg);
/* Consecutive empty application-data records tolerated before the peer
 * is considered to be flooding us. */
#define GLASS_RECORD_MAX_EMPTY 32
/* Warning alerts tolerated in a row, with no other record between them:
 * the fifth ends the connection with unexpected_message.  A peer that
 * only sends warnings makes no progress and costs a full record read
 * each (CVE-2016-8610, "SSL Death Alert"); real stacks send one or two. */
#define GLASS_RECORD_MAX_WARNINGS 4

#define GLASS_DIR_READ  0
#define GLASS_DIR_WRITE 1

/* The protection state of one direction (RFC 5246 section 6.1). */
typedef struct glass_record_cipher {
    int      active;        /* 0: plaintext (TLS_NULL_WITH_NULL_NULL), 1: AES-GCM */
    glass_gcm gcm;
    uint8_t  salt[GLASS_GCM_SALT_SIZE];   /* client/server_write_IV (RFC 5288 3) */
    uint64_t seq;           /* next sequence number */
} glass_record_cipher;

/* Keys the handshake has set for the next ChangeCipherSpec: kept as raw
 * bytes (not an expanded cipher) until then, which saves two GCM contexts
 * per connection. */
typedef struct glass_record_keys {
    int      set;
    uint8_t  key[32];
    size_t   key_len;
    uint8_t  salt[GLASS_GCM_SALT_SIZE];
} glass_record_keys;

/* One item returned by glass_record_next(). */
typedef struct glass_record_msg {
    uint8_t        type;    /* GLASS_CT_HANDSHAKE / _CHANGE_CIPHER_SPEC / _APPLICATION_DATA */
    const uint8_t *data;    /* handshake: the whole message, 4-byte header included */
    size_t         len;
    /* What the transcript hashes instead of data, or NULL: for an
     * SSLv2-compatible ClientHello (RFC 5246 E.2), data is the ClientHello
     * it stands for and hash the v2 message bytes as they came. */
    const uint8_t *hash;
    size_t         hash_len;
} glass_record_msg;

/* Asked for a handshake input buffer of need bytes whose first keep bytes
 * are those of cur; returns it (owned by the caller of
 * glass_record_set_hs_limit) or NULL when memory is short. */
typedef uint8_t *(*glass_record_grow_fn)(void *ctx, const uint8_t *cur, size_t keep,
                                         size_t need);

typedef struct glass_record {
    glass_transport tr;
    int is_server;          /* a server accepts 0x0301..0x0303 until it sends */

    /* ---- input ---- */
    uint8_t *in;            /* GLASS_RECORD_IN_SIZE bytes */
    size_t   in_have;       /* bytes received: the current record, then up to
                               GLASS_RECORD_LOOKAHEAD of the next one's header */
    size_t   in_rec;        /* the current record's length once it is whole, else 0 */
    int      in_ready;      /* the record in `in` is opened; payload is [in_off, in_end) */
    uint8_t  in_type;
    size_t   in_off, in_end;
    uint64_t records_in;    /* records received */
    uint64_t records_out;   /* records sealed (for the ClientHello version rule) */
    unsigned empty_run;     /* consecutive empty app-data records */
    unsigned warn_run;      /* consecutive warning alerts */
    int      sslv2_hello;   /* the ClientHello came in SSLv2-compatible form (E.2) */
    int      sslv2_ready;   /* ... and is waiting in hs_in to be returned */
    size_t   sslv2_len;     /* the v2 message bytes, after the ClientHello in hs_in */

    /* ---- handshake reassembly ---- */
    uint8_t *hs_in;         /* hs_in_cap bytes during the handshake */
    size_t   max_hs;        /* the largest handshake message accepted */
    glass_record_grow_fn hs_grow;   /* a bigger hs_in for a message up to max_hs */
    void    *hs_grow_ctx;
    size_t   hs_in_cap;     /* bytes of a message kept: after the handshake only the header */
    size_t   hs_in_have;    /* bytes of the message being assembled */
    size_t   hs_in_need;    /* its full length once the header is known, else 0 */
    int      hs_in_done;    /* a complete message was returned: drop it next call */

    /* ---- output ---- */
    uint8_t *out;           /* GLASS_RECORD_OUT_SIZE bytes: sealed records */
    size_t   out_len, out_sent;
    int      hold;          /* pack the flight's records, do not send yet */
    uint8_t *hs_out;        /* hs_out_cap bytes: the handshake message being sent */
    size_t   hs_out_len, hs_out_sent, hs_out_cap;
    /* after glass_record_end_handshake(): header-sized stand-ins for hs_in/out */
    uint8_t  hs_small_in[GLASS_HS_HEADER_SIZE], hs_small_out[GLASS_HS_HEADER_SIZE];
    uint8_t  alert_out[GLASS_RECORD_ALERT_SIZE];
    size_t   alert_len, alert_sent;

    /* ---- protection ---- */
    glass_record_cipher read, write;
    glass_record_keys pending_read, pending_write;     /* set by the handshake */

    /* ---- alerts and closure ---- */
    glass_alert alert_in;   /* the last alert received */
    glass_alert alert_out_last; /* the last alert queued */
    int peer_closed;        /* close_notify received */
    int we_closed;          /* close_notify queued */

    /* ---- trace (glasstls/trace.h): set by the connection; NULL = off ---- */
    glass_trace_fn trace;
    void          *trace_ctx;
} glass_record;


/* Bytes of buffer memory glass_record_init() needs, in one block, for a
 * handshake-message bound of max_hs: in + out + two handshake buffers. */
size_t glass_record_mem_size(size_t max_hs);

/* Sets r up over tr with mem (glass_record_mem_size(max_hs) bytes, owned by
 * the caller).  Both directions start in plaintext with sequence 0. */
void glass_record_init(glass_record *r, glass_transport tr, int is_server,
                       uint8_t *mem, size_t max_hs);

/* The same with the buffers in two blocks: rec_mem (GLASS_RECORD_IN_SIZE +
 * GLASS_RECORD_OUT_SIZE bytes, needed for the whole connection) and hs_mem
 * (2 * max_hs bytes: the handshake-message buffers, needed only until
 * glass_record_end_handshake()). */
void glass_record_init_split(glass_record *r, glass_transport tr, int is_server,
                             uint8_t *rec_mem, uint8_t *hs_mem, size_t max_hs);

/* Accepts received handshake messages of up to limit bytes (header
 * included), more than the max_hs buffers given at init: when a header
 * declares a longer message, grow(ctx, ...) provides its buffer.  Only
 * during the handshake; grow NULL keeps the bound at the buffer size. */
void glass_record_set_hs_limit(glass_record *r, size_t limit, glass_record_grow_fn grow,
                               void *ctx);

/* The handshake is over: stop using the handshake-message buffers (hs_mem
 * of glass_record_init_split, which the caller may then wipe and free).
 * Afterwards a handshake message is still read and checked against max_hs,
 * but only its 4-byte header is kept and returned (m->len 4) — enough to
 * refuse a renegotiation — and glass_record_hs_out() offers 4 bytes (a
 * HelloRequest).  GLASS_E_STATE while a handshake message is still being
 * sent or received: call again later. */
int glass_record_end_handshake(glass_record *r);

/* Wipes keys and buffers (the memory stays the caller's); mem_size bytes
 * from r->in, i.e. the rec_mem block (plus hs_mem when contiguous). */
void glass_record_wipe(glass_record *r, size_t mem_size);

/* ---- reading ---- */

/* Returns the next item (see the top of this file) in *m:
 *   handshake: one complete message (header included) in r's own buffer,
 *     valid until the next glass_record_next() call;
 *   change_cipher_spec: its one byte (value 1); the read side has already
 *     switched to the pending keys, with sequence number 0;
 *   application data: the unread part of the current record, valid until
 *     glass_record_consume() takes all of it or the next glass_record_next().
 * Errors: GLASS_E_WANT_READ, GLASS_E_IO, GLASS_E_EOF (the transport ended;
 * mid-record or at a boundary), GLASS_E_CLOSED (close_notify),
 * GLASS_E_ALERT_RECEIVED (fatal alert, in r->alert_in),
 * GLASS_E_RECORD_OVERFLOW, GLASS_E_RECORD_VERSION, GLASS_E_RECORD_TYPE,
 * GLASS_E_RECORD_EMPTY, GLASS_E_BAD_RECORD_MAC, GLASS_E_SEQ_WRAP,
 * GLASS_E_HS_TOO_LARGE, GLASS_E_UNEXPECTED_MESSAGE (a ChangeCipherSpec in
 * the middle of a handshake message or without pending keys, application
 * data in the middle of a handshake message, too many empty records),
 * GLASS_E_DECODE (a malformed alert or ChangeCipherSpec). */
int glass_record_next(glass_record *r, glass_record_msg *m);

/* Marks n bytes of the application data returned by glass_record_next()
 * as read. */
void glass_record_consume(glass_record *r, size_t n);

/* ---- writing ---- */

/* The buffer a handshake message is written into (cap = max_hs bytes),
 * header included.  Only while nothing is pending. */
uint8_t *glass_record_hs_out(glass_record *r, size_t *cap);

/* Queues the len bytes written in glass_record_hs_out() as one handshake
 * message and starts sending it.  0 (even if part is still queued: the
 * next flush continues), or GLASS_E_STATE when output is pending,
 * GLASS_E_INVALID_ARG for len 0 or > cap, or a transport error other than
 * would-block. */
int glass_record_queue_handshake(glass_record *r, size_t len);

/* Queues a ChangeCipherSpec record (sealed with the current write state)
 * and then switches the write side to the pending keys, sequence 0.
 * GLASS_E_STATE when output is pending or no keys were set. */
int glass_record_queue_ccs(glass_record *r);

/* Queues an alert (level, description) in its own buffer and tries to send
 * it after what is already pending.  A second alert while one is still
 * unsent is dropped (the first one wins).  A fatal alert discards the
 * handshake bytes not yet cut into records. */
int glass_record_queue_alert(glass_record *r, uint8_t level, uint8_t desc);

/* Seals up to 2^14 bytes of data as one application-data record and
 * starts sending it.  Returns the number of bytes taken (> 0; 0 for len 0,
 * which sends an empty record), GLASS_E_WANT_WRITE when earlier output is
 * still pending and nothing was taken, or an error. */
long glass_record_write_app(glass_record *r, const uint8_t *data, size_t len);

/* Sends pending output: the current record, then the alert, then the rest
 * of a queued handshake message.  0 when nothing is pending. */
int glass_record_flush(glass_record *r);

/* 1 while some output is queued and not yet sent. */
int glass_record_pending(const glass_record *r);

/* ---- keys (RFC 5246 section 6.3, RFC 5288 section 3) ---- */

/* Sets the pending read or write state: key (16 or 32 bytes) and the
 * 4-byte salt (client_write_IV or server_write_IV).  It becomes active at
 * the next ChangeCipherSpec in that direction. */
int glass_record_set_keys(glass_record *r, int dir, const uint8_t *key,
                          size_t key_len, const uint8_t salt[GLASS_GCM_SALT_SIZE]);

/* ---- sealing and opening one record in place (also for tests/tools) ---- */

/* rec points at a record buffer: 5-byte header, then (under AES-GCM) 8
 * bytes of explicit nonce, then len bytes of plaintext, then (under
 * AES-GCM) room for the 16-byte tag.  In plaintext state only the header
 * is written.  Under AES-GCM: fills
 * the header (type, 0x0303, length 8 + len + 16), the explicit nonce (the
 * sequence number), encrypts in place and appends the tag; increments seq.
 * GLASS_E_SEQ_WRAP before the sequence number would wrap. */
int glass_record_seal(glass_record_cipher *c, uint8_t type, uint8_t *rec, size_t len);

/* The 12-byte GCM nonce (salt || explicit nonce, RFC 5288 3) and the
 * 13-byte additional data (seq || type || version || plaintext length,
 * RFC 5246 6.2.3.3) of the record with sequence number seq under c: what
 * seal and open use, and what the trace prints. */
void glass_record_nonce_aad(const glass_record_cipher *c, uint64_t seq, uint8_t type,
                            uint16_t version, size_t pt_len,
                            const uint8_t explicit_nonce[GLASS_GCM_EXPLICIT_NONCE],
                            uint8_t nonce[GLASS_GCM_IV_SIZE], uint8_t aad[13]);

/* Where the payload starts in a record buffer under c: 5 in plaintext,
 * 5 + 8 (after the explicit nonce) under AES-GCM. */
size_t glass_record_payload_offset(const glass_record_cipher *c);

/* Opens the body of a protected record in place: body = explicit nonce ||
 * ciphertext || tag (body_len bytes), type and version from its header.
 * On success *pt_len is the plaintext length and the plaintext starts at
 * body + 8.  GLASS_E_BAD_RECORD_MAC on a bad tag or a body too short. */
int glass_record_open(glass_record_cipher *c, uint8_t type, uint16_t version,
                      uint8_t *body, size_t body_len, size_t *pt_len);

/* Sets a cipher state up: key 16 or 32 bytes, sequence 0. */
int glass_record_cipher_init(glass_record_cipher *c, const uint8_t *key, size_t key_len,
                             const uint8_t salt[GLASS_GCM_SALT_SIZE]);
void glass_record_cipher_wipe(glass_record_cipher *c);

#endif /* GLASS_RECORD_RECORD_H */
