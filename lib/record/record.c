/*
 * record.c — reading and writing TLS 1.2 records (RFC 5246 section 6.2):
 * the record header, its checks, handshake-message reassembly and
 * fragmentation, alerts, ChangeCipherSpec and the switch of keys.
 * Protection of one record is in protect.c; transports in io.c.
 */
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "common/reader.h"
#include "record/record.h"

/* Where the payload starts in a record buffer for a given state. */
static size_t payload_off(const glass_record_cipher *c)
{
    return GLASS_RECORD_HEADER_SIZE + (c->active ? GLASS_GCM_EXPLICIT_NONCE : 0);
}

size_t glass_record_payload_offset(const glass_record_cipher *c)
{
    return payload_off(c);
}

glass_hs_header glass_hs_header_parse(const uint8_t *msg)
{
    glass_reader r;
    glass_hs_header h;
    glass_reader_init(&r, msg, GLASS_HS_HEADER_SIZE);
    h.type = glass_read_u8(&r);
    h.body_len = glass_read_u24(&r);
    return h;
}

size_t glass_record_mem_size(size_t max_hs)
{
    return GLASS_RECORD_IN_SIZE + GLASS_RECORD_OUT_SIZE + 2 * max_hs;
}

void glass_record_init(glass_record *r, glass_transport tr, int is_server,
                       uint8_t *mem, size_t max_hs)
{
    glass_record_init_split(r, tr, is_server, mem,
                            mem + GLASS_RECORD_IN_SIZE + GLASS_RECORD_OUT_SIZE, max_hs);
}

void glass_record_init_split(glass_record *r, glass_transport tr, int is_server,
                             uint8_t *rec_mem, uint8_t *hs_mem, size_t max_hs)
{
    memset(r, 0, sizeof *r);
    r->tr = tr;
    r->is_server = is_server;
    r->in = rec_mem;
    r->out = r->in + GLASS_RECORD_IN_SIZE;
    r->hs_in = hs_mem;
    r->hs_out = hs_mem + max_hs;
    r->max_hs = r->hs_in_cap = r->hs_out_cap = max_hs;
}

void glass_record_set_hs_limit(glass_record *r, size_t limit, glass_record_grow_fn grow,
                               void *ctx)
{
    if (grow != NULL && limit > r->hs_in_cap) {
        r->max_hs = limit;
        r->hs_grow = grow;
        r->hs_grow_ctx = ctx;
    }
}

int glass_record_end_handshake(glass_record *r)
{
    if (r->hs_out_sent < r->hs_out_len || (r->hs_in_have != 0 && !r->hs_in_done))
        return GLASS_E_STATE;
    r->hs_in_have = r->hs_in_need = 0;
    r->hs_in_done = 0;
    r->hs_out_len = r->hs_out_sent = 0;
    r->hs_in = r->hs_small_in;
    r->hs_out = r->hs_small_out;
    r->hs_in_cap = r->hs_out_cap = GLASS_HS_HEADER_SIZE;
    r->hs_grow = NULL;                     /* no more big buffers */
    return GLASS_OK;
}

void glass_record_wipe(glass_record *r, size_t mem_size)
{
    glass_record_cipher_wipe(&r->read);
    glass_record_cipher_wipe(&r->write);
    if (r->in != NULL)
        glass_wipe(r->in, mem_size);
    glass_wipe(r, sizeof *r);
}

int glass_record_set_keys(glass_record *r, int dir, const uint8_t *key,
                          size_t key_len, const uint8_t salt[GLASS_GCM_SALT_SIZE])
{
    if (key == NULL || salt == NULL || (dir != GLASS_DIR_READ && dir != GLASS_DIR_WRITE))
        return GLASS_E_INVALID_ARG;
    if (key_len != 16 && key_len != 32)
        return GLASS_E_BAD_LENGTH;
    glass_record_keys *k = dir == GLASS_DIR_READ ? &r->pending_read : &r->pending_write;
    memcpy(k->key, key, key_len);
    k->key_len = key_len;
    memcpy(k->salt, salt, GLASS_GCM_SALT_SIZE);
    k->set = 1;
    return GLASS_OK;
}

/* RFC 5246 section 7.1: at ChangeCipherSpec the pending state becomes the
 * current one, with its sequence number at zero. */
static int activate(glass_record_cipher *cur, glass_record_keys *pending)
{
    glass_record_cipher_wipe(cur);
    int rc = glass_record_cipher_init(cur, pending->key, pending->key_len, pending->salt);
    glass_wipe(pending, sizeof *pending);
    return rc;
}

/* Trace (glasstls/trace.h): one event per record sealed or opened and per
 * alert; called only when r->trace is set, so it costs one test when off.
 * wire: the record as on the wire (wire_len bytes, header included); pt:
 * its plaintext.  The byte map of the record is built here, from the
 * layout RFC 5246 6.2.1 and RFC 5288 3 fix: header (type, version,
 * length), then the fragment in the clear, or explicit nonce | ciphertext
 * | tag; an SSLv2-compatible hello (sslv2) is one field. */
static void trace_record(const glass_record *r, int sent, uint8_t type,
                         const glass_record_cipher *c, const uint8_t *wire, size_t wire_len,
                         const uint8_t *pt, size_t pt_len, int sslv2)
{
    glass_trace_event e;
    glass_span v[7];
    glass_spans map;
    memset(&e, 0, sizeof e);
    e.kind = GLASS_TRACE_RECORD;
    e.is_server = r->is_server;
    e.sent = sent;
    e.content_type = type;
    e.seq = c->seq - 1;                    /* seal/open already counted it */
    e.encrypted = c->active;
    e.data = sent ? wire : pt;             /* sealed: the record; opened: the plaintext */
    e.len = sent ? wire_len : pt_len;
    e.plaintext = pt;
    e.plaintext_len = pt_len;
    e.record = wire;
    e.record_len = wire_len;
    glass_spans_init(&map, v, sizeof v / sizeof v[0]);
    if (sslv2) {
        glass_spans_add(&map, GLASS_F_REC_SSLV2, 0, wire_len, 0);
    } else if (wire_len >= GLASS_RECORD_HEADER_SIZE) {
        size_t body = wire_len - GLASS_RECORD_HEADER_SIZE;
        glass_spans_add(&map, GLASS_F_REC_TYPE, 0, 1, 0);
        glass_spans_add(&map, GLASS_F_REC_VERSION, 1, 2, 0);
        glass_spans_add(&map, GLASS_F_REC_LENGTH, 3, 2, 0);
        if (c->active && body >= GLASS_GCM_EXPLICIT_NONCE + GLASS_GCM_TAG_SIZE) {
            size_t ct = body - GLASS_GCM_EXPLICIT_NONCE - GLASS_GCM_TAG_SIZE;
            glass_spans_add(&map, GLASS_F_REC_EXPLICIT_NONCE, 5, GLASS_GCM_EXPLICIT_NONCE, 0);
            if (ct > 0)
                glass_spans_add(&map, GLASS_F_REC_CIPHERTEXT, 13, ct, 0);
            glass_spans_add(&map, GLASS_F_REC_TAG, 13 + ct, GLASS_GCM_TAG_SIZE, 0);
            glass_record_nonce_aad(c, e.seq, type, (uint16_t)(wire[1] << 8 | wire[2]), pt_len,
                                   wire + GLASS_RECORD_HEADER_SIZE, e.nonce, e.aad);
        } else if (body > 0) {
            glass_spans_add(&map, GLASS_F_REC_FRAGMENT, 5, body, 0);
        }
    }
    e.spans = map.v;
    e.n_spans = map.n;
    r->trace(r->trace_ctx, &e);
}

static void trace_alert(const glass_record *r, int sent, uint8_t level, uint8_t desc)
{
    glass_trace_event e;
    memset(&e, 0, sizeof e);
    e.kind = GLASS_TRACE_ALERT;
    e.is_server = r->is_server;
    e.sent = sent;
    e.alert_level = level;
    e.alert_desc = desc;
    r->trace(r->trace_ctx, &e);
}

/* ------------------------------------------------------------ reading */

/* Reads until `in` holds want bytes of the current record, asking for up
 * to `extra` more (the next record's header: taken if it is already
 * there, never waited for). */
static int fill(glass_record *r, size_t want, size_t extra)
{
    while (r->in_have < want) {
        size_t ask = want + extra - r->in_have;
        long n = r->tr.recv(r->tr.ctx, r->in + r->in_have, ask);
        if (n == 0)
            return GLASS_E_EOF;            /* the stream ended (mid-record or not) */
        if (n < 0)
            return n == GLASS_E_WANT_READ || n == GLASS_E_WANT_WRITE ? (int)n : GLASS_E_IO;
        if ((size_t)n > ask)
            return GLASS_E_IO;             /* a transport that overran its buffer */
        r->in_have += (size_t)n;
    }
    return GLASS_OK;
}

static int known_type(uint8_t t)
{
    return t == GLASS_CT_CHANGE_CIPHER_SPEC || t == GLASS_CT_ALERT ||
           t == GLASS_CT_HANDSHAKE || t == GLASS_CT_APPLICATION_DATA;
}

/* RFC 5246 Appendix E.2: a client that also speaks SSL 2.0 may send its
 * first ClientHello in the SSL 2.0 record format, offering TLS 1.2 inside:
 *
 *   uint8 msg_length[2];         high bit set: a 2-byte SSLv2 record header
 *   uint8 msg_type;              1 (CLIENT-HELLO)
 *   Version version;             the highest version the client supports
 *   uint16 cipher_spec_length;   a multiple of 3
 *   uint16 session_id_length;    0 for a client that offers TLS 1.2
 *   uint16 challenge_length;     16..32
 *   V2CipherSpec cipher_specs[]; 3 bytes each; {0, x, y} is TLS suite {x, y}
 *   opaque session_id[], challenge[];
 *
 * It is rewritten here into the TLS ClientHello it stands for (random =
 * the challenge, right-aligned after zeros; no session id; the TLS suites
 * of the specs; null compression; no extensions) so that the handshake
 * parses one format only, and the v2 bytes from msg_type on are kept
 * after it for the transcript, which hashes them as they came (E.2). */
#define SSLV2_HEADER       2
#define SSLV2_CLIENT_HELLO 1   /* msg_type, the same number as TLS's client_hello */

static void put16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static int read_sslv2_hello(glass_record *r)
{
    size_t length = (size_t)(r->in[0] & 0x7f) << 8 | r->in[1];
    /* the smallest: type, version, 3 lengths, one spec, a 16-byte challenge */
    if (length < 9 + 3 + 16 ||
        SSLV2_HEADER + length > GLASS_RECORD_IN_SIZE - GLASS_RECORD_LOOKAHEAD)
        return GLASS_E_DECODE;
    if (r->in[2] != SSLV2_CLIENT_HELLO)
        return GLASS_E_UNEXPECTED_MESSAGE;   /* only a CLIENT-HELLO comes this way */
    int rc = fill(r, SSLV2_HEADER + length, 0);
    if (rc != GLASS_OK)
        return rc;
    r->in_rec = SSLV2_HEADER + length;
    const uint8_t *v2 = r->in + SSLV2_HEADER;
    size_t version = (size_t)v2[1] << 8 | v2[2];
    size_t spec_len = (size_t)v2[3] << 8 | v2[4];
    size_t sid_len = (size_t)v2[5] << 8 | v2[6];
    size_t chal_len = (size_t)v2[7] << 8 | v2[8];
    if (spec_len == 0 || spec_len % 3 != 0 || chal_len < 16 || chal_len > 32 ||
        9 + spec_len + sid_len + chal_len != length)
        return GLASS_E_DECODE;
    if (version < 0x0303 || (version >> 8) != 0x03)
        return GLASS_E_PROTOCOL_VERSION;     /* TLS 1.2 must be on offer */
    if (sid_len != 0)
        return GLASS_E_ILLEGAL_PARAMETER;    /* E.2: MUST be zero for TLS 1.2 */
    const uint8_t *specs = v2 + 9, *challenge = specs + spec_len + sid_len;

    /* the ClientHello: header, version, random, session_id, suites,
     * compression: at most 4 + 2 + 32 + 1 + 2 + 2/3 * spec_len + 2 bytes,
     * then the v2 message itself (length bytes) for the transcript */
    uint8_t *ch = r->hs_in;
    size_t n = GLASS_HS_HEADER_SIZE, suites_at;
    if (43 + spec_len + length > r->hs_in_cap)
        return GLASS_E_HS_TOO_LARGE;
    put16(ch + n, version);
    n += 2;
    memset(ch + n, 0, 32 - chal_len);
    memcpy(ch + n + 32 - chal_len, challenge, chal_len);
    n += 32;
    ch[n++] = 0;                              /* session_id<0..32>: empty */
    suites_at = n;
    n += 2;
    for (size_t i = 0; i < spec_len; i += 3) {
        if (specs[i] != 0)
            continue;                         /* an SSL 2.0 cipher: not ours */
        ch[n++] = specs[i + 1];
        ch[n++] = specs[i + 2];
    }
    if (n == suites_at + 2)
        return GLASS_E_NO_COMMON_SUITE;       /* SSLv2 cipher specs only */
    put16(ch + suites_at, n - suites_at - 2);
    ch[n++] = 1;                              /* compression_methods<1..2^8-1> */
    ch[n++] = 0;                              /* null */
    ch[0] = SSLV2_CLIENT_HELLO;
    ch[1] = (uint8_t)((n - GLASS_HS_HEADER_SIZE) >> 16);
    put16(ch + 2, n - GLASS_HS_HEADER_SIZE);
    memcpy(ch + n, v2, length);               /* for the transcript */

    r->records_in++;
    r->read.seq++;
    r->hs_in_have = r->hs_in_need = n;
    r->sslv2_len = length;
    r->sslv2_hello = r->sslv2_ready = 1;
    if (r->trace != NULL)
        trace_record(r, 0, GLASS_CT_HANDSHAKE, &r->read, v2, length, v2, length, 1);
    r->in_type = GLASS_CT_HANDSHAKE;
    r->in_off = r->in_end = 0;
    r->in_ready = 1;
    return GLASS_OK;
}

/* Opens the body of the record in `in` (or counts a plaintext one). */
static int open_body(glass_record *r, uint8_t type, uint16_t version, size_t length,
                     size_t *pt_len)
{
    uint8_t *body = r->in + GLASS_RECORD_HEADER_SIZE;
    if (r->read.active) {
        int rc = glass_record_open(&r->read, type, version, body, length, pt_len);
        if (rc != GLASS_OK)
            return rc;
        if (*pt_len > GLASS_MAX_PLAINTEXT)
            return GLASS_E_RECORD_OVERFLOW;
    } else {
        if (r->read.seq == UINT64_MAX)
            return GLASS_E_SEQ_WRAP;
        r->read.seq++;
    }
    r->records_in++;
    return GLASS_OK;
}

/* The same when tracing: the record is kept as it came (opening decrypts
 * in place), so the trace shows header | nonce | ciphertext | tag and the
 * plaintext. */
static int open_body_traced(glass_record *r, uint8_t type, uint16_t version, size_t length,
                            size_t *pt_len)
{
    uint8_t wire[GLASS_RECORD_IN_SIZE];
    size_t n = GLASS_RECORD_HEADER_SIZE + length;
    memcpy(wire, r->in, n);
    int rc = open_body(r, type, version, length, pt_len);
    if (rc == GLASS_OK)
        trace_record(r, 0, type, &r->read, wire, n, r->in + payload_off(&r->read), *pt_len, 0);
    glass_wipe(wire, n);
    return rc;
}

/* Receives and opens one record: afterwards its payload is
 * in[in_off, in_end) and in_type its type. */
static int read_record(glass_record *r)
{
    int rc = fill(r, GLASS_RECORD_HEADER_SIZE, 0);
    if (rc != GLASS_OK)
        return rc;
    /* The very first bytes a server reads may be an SSLv2 record header
     * (high bit set), which no TLS content type has (RFC 5246 E.2). */
    if (r->is_server && r->records_in == 0 && r->records_out == 0 && (r->in[0] & 0x80))
        return read_sslv2_hello(r);
    /* RFC 5246 6.2.1: struct { ContentType type; ProtocolVersion version;
     * uint16 length; opaque fragment[length]; } TLSPlaintext; */
    uint8_t type = r->in[0];
    uint16_t version = (uint16_t)(r->in[1] << 8 | r->in[2]);
    size_t length = (size_t)r->in[3] << 8 | r->in[4];
    if (!known_type(type))
        return GLASS_E_RECORD_TYPE;       /* 6.2.1: unexpected_message */
    /* Every record is 0x0303, except the records of the first ClientHello:
     * "TLS servers MUST accept any value {03,XX} as the record layer
     * version number for ClientHello" (RFC 5246 Appendix E.1), because
     * clients put an older one there for compatibility.  So a server
     * accepts {03,xx} until it has sent a record. */
    int first_hello = r->is_server && r->records_out == 0;
    if (first_hello ? (version >> 8) != 0x03 : version != 0x0303)
        return GLASS_E_RECORD_VERSION;
    /* 6.2.1 / 6.2.3: at most 2^14 bytes of plaintext; checked before the
     * body is read.  Protected, 6.2.3 allows any cipher 2^14 + 2048, but
     * an AES-GCM body longer than nonce + 2^14 + tag (RFC 5288 3) can
     * only hold more than 2^14 bytes of plaintext, which is record_overflow
     * too (6.2.3): refused here, so `in` is sized for the GCM maximum. */
    if (length > (r->read.active ? GLASS_RECORD_MAX_GCM_BODY : GLASS_MAX_PLAINTEXT))
        return GLASS_E_RECORD_OVERFLOW;
    rc = fill(r, GLASS_RECORD_HEADER_SIZE + length, GLASS_RECORD_LOOKAHEAD);
    if (rc != GLASS_OK)
        return rc;
    r->in_rec = GLASS_RECORD_HEADER_SIZE + length;

    size_t pt_len = length;
    rc = r->trace != NULL ? open_body_traced(r, type, version, length, &pt_len)
                          : open_body(r, type, version, length, &pt_len);
    if (rc != GLASS_OK)
        return rc;
    /* 6.2.1: no zero-length handshake, alert or ChangeCipherSpec
     * fragments; empty application data is allowed (and skipped), but not
     * without end. */
    if (pt_len == 0) {
        if (type != GLASS_CT_APPLICATION_DATA)
            return GLASS_E_RECORD_EMPTY;
        if (++r->empty_run > GLASS_RECORD_MAX_EMPTY)
            return GLASS_E_UNEXPECTED_MESSAGE;
    } else if (type != GLASS_CT_ALERT) {
        r->empty_run = 0;
        r->warn_run = 0;                   /* progress: the warnings were not a run */
    }
    r->in_type = type;
    r->in_off = payload_off(&r->read);
    r->in_end = r->in_off + pt_len;
    r->in_ready = 1;
    return GLASS_OK;
}

/* The current record is used up: the next call reads a new one. */
static void drop_record(glass_record *r)
{
    /* what was read past it (part of the next header) moves to the front */
    size_t ahead = r->in_rec != 0 && r->in_have > r->in_rec ? r->in_have - r->in_rec : 0;
    if (ahead != 0)
        memmove(r->in, r->in + r->in_rec, ahead);
    r->in_ready = 0;
    r->in_have = ahead;
    r->in_rec = 0;
    r->in_off = r->in_end = 0;
}

/* Moves handshake bytes from the record into the reassembly buffer.
 * Returns 1 when a whole message is there, 0 when the record ran out
 * first, or an error. */
static int take_handshake(glass_record *r)
{
    while (r->in_off < r->in_end) {
        size_t avail = r->in_end - r->in_off;
        size_t goal = r->hs_in_need ? r->hs_in_need : GLASS_HS_HEADER_SIZE;
        size_t n = goal - r->hs_in_have;
        if (n > avail)
            n = avail;
        /* bytes beyond hs_in_cap (after the handshake: the body) are dropped */
        size_t room = r->hs_in_have < r->hs_in_cap ? r->hs_in_cap - r->hs_in_have : 0;
        memcpy(r->hs_in + r->hs_in_have, r->in + r->in_off, n < room ? n : room);
        r->hs_in_have += n;
        r->in_off += n;
        if (r->hs_in_need == 0 && r->hs_in_have == GLASS_HS_HEADER_SIZE) {
            size_t body = glass_hs_header_parse(r->hs_in).body_len;
            if (body > r->max_hs - GLASS_HS_HEADER_SIZE)
                return GLASS_E_HS_TOO_LARGE;
            r->hs_in_need = GLASS_HS_HEADER_SIZE + body;
            /* longer than the buffer but within the bound: a buffer of its
             * size, asked for once the header says how long (never after
             * the handshake, where only the header is kept) */
            if (r->hs_in_need > r->hs_in_cap && r->hs_in != r->hs_small_in) {
                uint8_t *big = r->hs_grow == NULL ? NULL
                    : r->hs_grow(r->hs_grow_ctx, r->hs_in, r->hs_in_have, r->hs_in_need);
                if (big == NULL)
                    return r->hs_grow == NULL ? GLASS_E_HS_TOO_LARGE : GLASS_E_NO_MEMORY;
                r->hs_in = big;
                r->hs_in_cap = r->hs_in_need;
            }
        }
        if (r->hs_in_need != 0 && r->hs_in_have == r->hs_in_need)
            return 1;
    }
    return 0;
}

/* RFC 5246 7.2: struct { AlertLevel level; AlertDescription description; } */
static int take_alert(glass_record *r)
{
    size_t len = r->in_end - r->in_off;
    const uint8_t *p = r->in + r->in_off;
    drop_record(r);
    /* One alert per record: glasstls never fragments or packs alerts and
     * nor does any implementation we know; anything else is malformed. */
    if (len != 2)
        return GLASS_E_DECODE;
    uint8_t level = p[0], desc = p[1];
    if (level != GLASS_ALERT_LEVEL_WARNING && level != GLASS_ALERT_LEVEL_FATAL)
        return GLASS_E_DECODE;
    r->alert_in.present = 1;
    r->alert_in.level = level;
    r->alert_in.description = desc;
    if (r->trace != NULL)
        trace_alert(r, 0, level, desc);
    if (level == GLASS_ALERT_LEVEL_FATAL)
        return GLASS_E_ALERT_RECEIVED;
    if (desc == GLASS_ALERT_CLOSE_NOTIFY) {
        r->peer_closed = 1;
        return GLASS_E_CLOSED;
    }
    /* A warning (no_renegotiation, user_canceled, ...): noted and skipped,
     * but not without end (GLASS_RECORD_MAX_WARNINGS). */
    if (++r->warn_run > GLASS_RECORD_MAX_WARNINGS)
        return GLASS_E_UNEXPECTED_MESSAGE;
    return GLASS_OK;
}

static const uint8_t ccs_byte = 1;

/* RFC 5246 7.1: struct { enum { change_cipher_spec(1), (255) } type; } */
static int take_ccs(glass_record *r)
{
    size_t len = r->in_end - r->in_off;
    uint8_t v = r->in[r->in_off];
    drop_record(r);
    if (r->hs_in_have != 0)               /* keys may not change mid-message */
        return GLASS_E_UNEXPECTED_MESSAGE;
    /* 7.1: the message is the single byte 1.  Anything else is not a
     * ChangeCipherSpec at all, so it is an unexpected message (not a
     * decoding error of a known one). */
    if (len != 1 || v != 1)
        return GLASS_E_UNEXPECTED_MESSAGE;
    if (!r->pending_read.set)              /* not negotiated yet */
        return GLASS_E_UNEXPECTED_MESSAGE;
    return activate(&r->read, &r->pending_read);
}

int glass_record_next(glass_record *r, glass_record_msg *m)
{
    m->hash = NULL;
    m->hash_len = 0;
    if (r->hs_in_done) {                   /* the message returned last time */
        r->hs_in_have = r->hs_in_need = 0;
        r->hs_in_done = 0;
    }
    for (;;) {
        if (!r->in_ready) {
            int rc = read_record(r);
            if (rc != GLASS_OK)
                return rc;
        }
        if (r->sslv2_ready) {              /* read_sslv2_hello() put it in hs_in */
            r->sslv2_ready = 0;
            drop_record(r);
            r->hs_in_done = 1;
            m->type = GLASS_CT_HANDSHAKE;
            m->data = r->hs_in;
            m->len = r->hs_in_need;
            m->hash = r->hs_in + r->hs_in_need;
            m->hash_len = r->sslv2_len;
            return GLASS_OK;
        }
        if (r->in_off == r->in_end) {
            drop_record(r);
            continue;
        }
        int rc;
        switch (r->in_type) {
        case GLASS_CT_HANDSHAKE:
            rc = take_handshake(r);
            if (rc < 0)
                return rc;
            if (rc == 1) {
                r->hs_in_done = 1;
                m->type = GLASS_CT_HANDSHAKE;
                m->data = r->hs_in;
                m->len = r->hs_in_need < r->hs_in_cap ? r->hs_in_need : r->hs_in_cap;
                return GLASS_OK;
            }
            break;
        case GLASS_CT_CHANGE_CIPHER_SPEC:
            rc = take_ccs(r);
            if (rc != GLASS_OK)
                return rc;
            m->type = GLASS_CT_CHANGE_CIPHER_SPEC;
            m->data = &ccs_byte;
            m->len = 1;
            return GLASS_OK;
        case GLASS_CT_ALERT:
            rc = take_alert(r);
            if (rc != GLASS_OK)
                return rc;
            break;
        default:                           /* application data */
            if (r->hs_in_have != 0)        /* not inside a handshake message */
                return GLASS_E_UNEXPECTED_MESSAGE;
            m->type = GLASS_CT_APPLICATION_DATA;
            m->data = r->in + r->in_off;
            m->len = r->in_end - r->in_off;
            return GLASS_OK;
        }
    }
}

void glass_record_consume(glass_record *r, size_t n)
{
    if (!r->in_ready || r->in_type != GLASS_CT_APPLICATION_DATA)
        return;
    size_t left = r->in_end - r->in_off;
    r->in_off += n < left ? n : left;
    if (r->in_off == r->in_end)
        drop_record(r);
}

/* ------------------------------------------------------------ writing */

int glass_record_pending(const glass_record *r)
{
    return r->out_sent < r->out_len || r->alert_sent < r->alert_len ||
           r->hs_out_sent < r->hs_out_len;
}

/* Sends buf[*sent, len) until done or the transport blocks. */
static int push(glass_record *r, const uint8_t *buf, size_t len, size_t *sent)
{
    while (*sent < len) {
        long n = r->tr.send(r->tr.ctx, buf + *sent, len - *sent);
        if (n < 0)
            return n == GLASS_E_WANT_WRITE || n == GLASS_E_WANT_READ ? (int)n : GLASS_E_IO;
        if (n == 0 || (size_t)n > len - *sent)
            return GLASS_E_IO;             /* no progress, or an overrun */
        *sent += (size_t)n;
    }
    return GLASS_OK;
}

/* The bytes a record of len payload bytes takes in `out`. */
static size_t record_size(const glass_record *r, size_t len)
{
    return payload_off(&r->write) + len + (r->write.active ? GLASS_GCM_TAG_SIZE : 0);
}

/* Where the next record is sealed: after those already packed in `out`
 * (at its start when nothing is). */
static uint8_t *out_next(glass_record *r)
{
    return r->out + r->out_len;
}

/* Seals type/len (payload already at its place after out_next()) there. */
static int seal_plain(glass_record *r, uint8_t type, size_t len)
{
    int rc = glass_record_seal(&r->write, type, out_next(r), len);
    if (rc != GLASS_OK)
        return rc;
    r->records_out++;
    r->out_len += record_size(r, len);
    return GLASS_OK;
}

/* The same when tracing: the plaintext is kept (sealing encrypts in
 * place), so the trace shows what was encrypted beside the record sent. */
static int seal_traced(glass_record *r, uint8_t type, size_t len)
{
    uint8_t pt[GLASS_MAX_PLAINTEXT];
    size_t n = len < sizeof pt ? len : sizeof pt, at = r->out_len;
    memcpy(pt, out_next(r) + payload_off(&r->write), n);
    int rc = seal_plain(r, type, len);
    if (rc == GLASS_OK)                    /* sealed: the record as sent */
        trace_record(r, 1, type, &r->write, r->out + at, r->out_len - at, pt, n, 0);
    glass_wipe(pt, n);
    return rc;
}

static int seal_out(glass_record *r, uint8_t type, size_t len)
{
    return r->trace != NULL ? seal_traced(r, type, len) : seal_plain(r, type, len);
}

/* Sends what `out` holds; empty afterwards unless the transport blocks. */
static int push_out(glass_record *r)
{
    if (r->out_sent < r->out_len) {
        int rc = push(r, r->out, r->out_len, &r->out_sent);
        if (rc != GLASS_OK)
            return rc;
    }
    r->out_len = r->out_sent = 0;
    return GLASS_OK;
}

/* Sends `out` first when a record of len payload bytes no longer fits
 * after what it holds. */
static int room_for(glass_record *r, size_t len)
{
    return record_size(r, len) > GLASS_RECORD_OUT_SIZE - r->out_len ? push_out(r) : GLASS_OK;
}

/* Seals the queued handshake message into records in `out`, and sends
 * them unless only packing (send 0: while r->hold, the flight goes on).
 * The records go out in the order they were sealed (their sequence
 * numbers): `out`, then a queued alert, then anything sealed after it. */
static int pump(glass_record *r, int send)
{
    int rc;
    if (r->alert_sent < r->alert_len) {
        rc = push_out(r);
        if (rc == GLASS_OK)
            rc = push(r, r->alert_out, r->alert_len, &r->alert_sent);
        if (rc != GLASS_OK)
            return rc;
        r->alert_len = r->alert_sent = 0;
    }
    /* RFC 5246 6.2.1: cut the handshake message into records of at most
     * 2^14 bytes; each is copied once into `out` and sealed there. */
    while (r->hs_out_sent < r->hs_out_len) {
        size_t n = r->hs_out_len - r->hs_out_sent;
        if (n > GLASS_MAX_PLAINTEXT)
            n = GLASS_MAX_PLAINTEXT;
        rc = room_for(r, n);
        if (rc != GLASS_OK)
            return rc;
        memcpy(out_next(r) + payload_off(&r->write), r->hs_out + r->hs_out_sent, n);
        rc = seal_out(r, GLASS_CT_HANDSHAKE, n);
        if (rc != GLASS_OK)
            return rc;
        r->hs_out_sent += n;
    }
    r->hs_out_len = r->hs_out_sent = 0;
    return send ? push_out(r) : GLASS_OK;
}

int glass_record_flush(glass_record *r)
{
    return pump(r, 1);
}

/* Before queueing: the handshake buffer must be free (and, unless
 * holding, everything sent); says GLASS_E_WANT_WRITE while it is not. */
static int make_room(glass_record *r)
{
    int rc = pump(r, !r->hold);
    if (rc != GLASS_OK)
        return rc;
    return glass_record_pending(r) && !r->hold ? GLASS_E_WANT_WRITE : GLASS_OK;
}

/* After queueing: pack, and send unless holding; "would block" is not an
 * error (the data is queued and the next flush continues). */
static int kick(glass_record *r)
{
    int rc = pump(r, !r->hold);
    return rc == GLASS_E_WANT_WRITE || rc == GLASS_E_WANT_READ ? GLASS_OK : rc;
}

uint8_t *glass_record_hs_out(glass_record *r, size_t *cap)
{
    if (r->hs_out_sent < r->hs_out_len) {  /* still being sent */
        *cap = 0;
        return NULL;
    }
    *cap = r->hs_out_cap;
    return r->hs_out;
}

int glass_record_queue_handshake(glass_record *r, size_t len)
{
    if (len < GLASS_HS_HEADER_SIZE || len > r->hs_out_cap)
        return GLASS_E_INVALID_ARG;
    if (r->hs_out_sent < r->hs_out_len)
        return GLASS_E_STATE;              /* hs_out was overwritten mid-send */
    int rc = make_room(r);
    if (rc != GLASS_OK)
        return rc;
    r->hs_out_len = len;
    r->hs_out_sent = 0;
    return kick(r);
}

int glass_record_queue_ccs(glass_record *r)
{
    if (!r->pending_write.set)
        return GLASS_E_STATE;
    int rc = make_room(r);
    if (rc == GLASS_OK)
        rc = room_for(r, 1);
    if (rc != GLASS_OK)
        return rc;
    out_next(r)[payload_off(&r->write)] = 1;
    rc = seal_out(r, GLASS_CT_CHANGE_CIPHER_SPEC, 1);
    if (rc == GLASS_OK)
        rc = activate(&r->write, &r->pending_write);
    if (rc != GLASS_OK)
        return rc;
    return kick(r);
}

int glass_record_queue_alert(glass_record *r, uint8_t level, uint8_t desc)
{
    if (r->alert_sent < r->alert_len)
        return kick(r);                    /* the first alert wins */
    if (level == GLASS_ALERT_LEVEL_FATAL)  /* nothing more of the handshake */
        r->hs_out_len = r->hs_out_sent = 0;
    size_t off = payload_off(&r->write);
    r->alert_out[off] = level;
    r->alert_out[off + 1] = desc;
    int rc = glass_record_seal(&r->write, GLASS_CT_ALERT, r->alert_out, 2);
    if (rc != GLASS_OK)
        return rc;
    r->records_out++;
    r->alert_len = off + 2 + (r->write.active ? GLASS_GCM_TAG_SIZE : 0);
    r->alert_sent = 0;
    if (r->trace != NULL) {
        const uint8_t pt[2] = { level, desc };
        trace_alert(r, 1, level, desc);
        trace_record(r, 1, GLASS_CT_ALERT, &r->write, r->alert_out, r->alert_len, pt, 2, 0);
    }
    r->alert_out_last.present = 1;
    r->alert_out_last.level = level;
    r->alert_out_last.description = desc;
    if (desc == GLASS_ALERT_CLOSE_NOTIFY)
        r->we_closed = 1;
    return kick(r);
}

long glass_record_write_app(glass_record *r, const uint8_t *data, size_t len)
{
    int rc = glass_record_flush(r);        /* `out` empty: one full record fits */
    if (rc == GLASS_OK && glass_record_pending(r))
        rc = GLASS_E_WANT_WRITE;
    if (rc != GLASS_OK)
        return rc;
    size_t n = len > GLASS_MAX_PLAINTEXT ? GLASS_MAX_PLAINTEXT : len;
    if (n != 0)                            /* the one copy of the payload */
        memcpy(out_next(r) + payload_off(&r->write), data, n);
    rc = seal_out(r, GLASS_CT_APPLICATION_DATA, n);
    if (rc != GLASS_OK)
        return rc;
    rc = kick(r);
    return rc != GLASS_OK ? rc : (long)n;
}
