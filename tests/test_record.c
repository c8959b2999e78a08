/*
 * test_record.c — the record layer (lib/record): every rule of RFC 5246
 * section 6.2 and RFC 5288 that glasstls enforces, each with a test that
 * fails if the rule is broken.
 *
 * Records are fed through a scripted transport (bytes to read, a log of
 * bytes written, optional one-byte-at-a-time and would-block-between-bytes
 * behaviour) or through the in-memory pipe between two record layers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "record/record.h"

/* ------------------------------------------------------------ fixtures */

#define SCRIPT_CAP 200000

typedef struct script {
    uint8_t in[SCRIPT_CAP];    /* what the record layer will read */
    size_t  in_len, in_pos;
    int     eof;               /* after in: 0 = would block, 1 = end of stream */
    uint8_t out[SCRIPT_CAP];   /* what it wrote */
    size_t  out_len;
    size_t  chunk;             /* max bytes per call, 0 = no limit */
    int     block_between;     /* alternate "would block" and progress */
    int     toggle_r, toggle_w;
    unsigned blocks;           /* would-blocks returned */
} script;

static long s_recv(void *ctx, uint8_t *buf, size_t len)
{
    script *s = ctx;
    if (s->block_between && (s->toggle_r ^= 1)) {
        s->blocks++;
        return GLASS_E_WANT_READ;
    }
    if (s->in_pos == s->in_len) {
        if (s->eof)
            return 0;
        s->blocks++;
        return GLASS_E_WANT_READ;
    }
    size_t n = s->in_len - s->in_pos;
    if (n > len)
        n = len;
    if (s->chunk && n > s->chunk)
        n = s->chunk;
    memcpy(buf, s->in + s->in_pos, n);
    s->in_pos += n;
    return (long)n;
}

static long s_send(void *ctx, const uint8_t *buf, size_t len)
{
    script *s = ctx;
    if (s->block_between && (s->toggle_w ^= 1)) {
        s->blocks++;
        return GLASS_E_WANT_WRITE;
    }
    size_t n = len;
    if (s->chunk && n > s->chunk)
        n = s->chunk;
    assert_true(s->out_len + n <= SCRIPT_CAP);
    memcpy(s->out + s->out_len, buf, n);
    s->out_len += n;
    return (long)n;
}

/* A record layer over a script, with its buffers. */
typedef struct fix {
    script s;
    glass_record r;
    uint8_t *mem;
    size_t mem_size;
} fix;

#define MAX_HS 65536

static fix *fix_new(int is_server)
{
    fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->mem_size = glass_record_mem_size(MAX_HS);
    f->mem = malloc(f->mem_size);
    assert_non_null(f->mem);
    glass_transport t = { &f->s, s_send, s_recv };
    glass_record_init(&f->r, t, is_server, f->mem, MAX_HS);
    return f;
}

static void fix_free(fix *f)
{
    glass_record_wipe(&f->r, f->mem_size);
    free(f->mem);
    free(f);
}

/* Appends a raw record (header as given) to the script's input. */
static void add_raw(script *s, uint8_t type, uint16_t version, const uint8_t *p, size_t len)
{
    assert_true(s->in_len + 5 + len <= SCRIPT_CAP);
    uint8_t *o = s->in + s->in_len;
    o[0] = type;
    o[1] = (uint8_t)(version >> 8);
    o[2] = (uint8_t)version;
    o[3] = (uint8_t)(len >> 8);
    o[4] = (uint8_t)len;
    if (len)
        memcpy(o + 5, p, len);
    s->in_len += 5 + len;
}

static void add_rec(script *s, uint8_t type, const uint8_t *p, size_t len)
{
    add_raw(s, type, 0x0303, p, len);
}

/* Appends a record sealed with c (the test's view of the peer). */
static void add_sealed(script *s, glass_record_cipher *c, uint8_t type,
                       const uint8_t *p, size_t len)
{
    uint8_t *o = s->in + s->in_len;
    size_t off = glass_record_payload_offset(c);
    assert_true(s->in_len + off + len + 16 <= SCRIPT_CAP);
    if (len)
        memcpy(o + off, p, len);
    assert_int_equal(glass_record_seal(c, type, o, len), GLASS_OK);
    s->in_len += 5 + ((size_t)o[3] << 8 | o[4]);
}

/* A handshake message: type, uint24 length, body filled with a pattern. */
static size_t make_hs(uint8_t *out, uint8_t type, size_t body_len, uint8_t seed)
{
    out[0] = type;
    out[1] = (uint8_t)(body_len >> 16);
    out[2] = (uint8_t)(body_len >> 8);
    out[3] = (uint8_t)body_len;
    for (size_t i = 0; i < body_len; i++)
        out[4 + i] = (uint8_t)(seed + i * 31);
    return 4 + body_len;
}

static const uint8_t key16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t key32[32] = { 0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
                                   9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 22, 33, 44, 55, 66,
                                   77, 88, 99, 111, 122, 133, 144, 155 };
static const uint8_t salt[4] = { 0xde, 0xad, 0xbe, 0xef };

/* Turns on the read keys of f (via a ChangeCipherSpec record) and returns
 * in *peer the matching write state of the test's peer. */
static void start_encrypted_read(fix *f, glass_record_cipher *peer, const uint8_t *key,
                                 size_t key_len)
{
    static const uint8_t one = 1;
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key, key_len, salt), GLASS_OK);
    assert_int_equal(glass_record_cipher_init(peer, key, key_len, salt), GLASS_OK);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_CHANGE_CIPHER_SPEC);
    assert_int_equal(f->r.read.active, 1);
}

static uint8_t big[70000];

/* ------------------------------------------------------------ reading */

static void test_one_handshake_message(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    size_t n = make_hs(big, 2, 70, 9);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, n);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_HANDSHAKE);
    assert_int_equal(m.len, n);
    assert_memory_equal(m.data, big, n);
    /* nothing more: would block */
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_WANT_READ);
    fix_free(f);
}

static void test_message_split_across_records(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    size_t n = make_hs(big, 11, 40000, 3);    /* needs 3 records */
    /* cut it badly: inside the header, then 2^14, then the rest */
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, 2);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big + 2, 16384);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big + 2 + 16384, 16384);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big + 2 + 32768, n - 2 - 32768);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, n);
    assert_memory_equal(m.data, big, n);
    fix_free(f);
}

static void test_coalesced_messages_in_one_record(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    uint8_t rec[600];
    size_t a = make_hs(rec, 2, 80, 1);          /* ServerHello-like */
    size_t b = make_hs(rec + a, 11, 300, 2);    /* Certificate-like */
    size_t c = make_hs(rec + a + b, 14, 0, 0);  /* ServerHelloDone: empty body */
    /* and a fourth message that continues into the next record */
    size_t d = make_hs(rec + a + b + c, 12, 100, 4);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, rec, a + b + c + 50);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, rec + a + b + c + 50, d - 50);
    glass_record_msg m;
    size_t off = 0, lens[4] = { a, b, c, d };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        assert_int_equal(m.type, GLASS_CT_HANDSHAKE);
        assert_int_equal(m.len, lens[i]);
        assert_memory_equal(m.data, rec + off, lens[i]);
        off += lens[i];
    }
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_WANT_READ);
    fix_free(f);
}

static void test_handshake_message_over_the_bound(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    uint8_t hdr[4] = { 11, 0x01, 0x00, 0x00 };  /* body 65536 > 65536 - 4 */
    add_rec(&f->s, GLASS_CT_HANDSHAKE, hdr, 4);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_HS_TOO_LARGE);
    assert_int_equal(glass_alert_for_error(GLASS_E_HS_TOO_LARGE), GLASS_ALERT_DECODE_ERROR);
    fix_free(f);

    /* exactly at the bound is fine */
    f = fix_new(0);
    size_t n = make_hs(big, 11, MAX_HS - 4, 5);
    for (size_t off = 0; off < n; off += 16384)
        add_rec(&f->s, GLASS_CT_HANDSHAKE, big + off, n - off < 16384 ? n - off : 16384);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, MAX_HS);
    fix_free(f);
}

static void test_plaintext_overflow(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    memset(big, 0x17, 16385);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, 16384);   /* 2^14: fine */
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, 16385);   /* 2^14 + 1 */
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, 16384);
    glass_record_consume(&f->r, m.len);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_OVERFLOW);
    /* refused from the header: the body was not even read */
    assert_int_equal(f->s.in_pos, f->s.in_len - 16385);
    assert_int_equal(glass_alert_for_error(GLASS_E_RECORD_OVERFLOW), GLASS_ALERT_RECORD_OVERFLOW);
    fix_free(f);
}

/* Under AES-GCM a valid record body is at most 8 + 2^14 + 16 bytes
 * (RFC 5288 section 3); anything longer, up to the 2^14 + 2048 that RFC
 * 5246 6.2.3 allows any cipher and beyond, can only hold more than 2^14
 * bytes of plaintext and is record_overflow (6.2.3) — refused from its
 * header, before the body is read, which is why the input buffer holds
 * only 5 + 8 + 2^14 + 16 bytes. */
static void test_ciphertext_overflow(void **state)
{
    (void)state;
    glass_record_cipher peer;
    glass_record_msg m;
    const size_t gcm_max = 8 + 16384 + 16;
    assert_int_equal(GLASS_RECORD_IN_SIZE, 5 + gcm_max);
    static const size_t too_long[] = { 16384 + 2049, 16384 + 2048, 8 + 16384 + 16 + 1 };
    memset(big, 0, sizeof big);
    for (size_t i = 0; i < sizeof too_long / sizeof too_long[0]; i++) {
        fix *f = fix_new(0);
        start_encrypted_read(f, &peer, key16, 16);
        add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, too_long[i]);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_OVERFLOW);
        /* refused from the header: the body was not even read */
        assert_int_equal(f->s.in_pos, f->s.in_len - too_long[i]);
        fix_free(f);
        glass_record_cipher_wipe(&peer);
    }

    /* exactly 8 + 2^14 + 16 is read whole and goes to decryption (here: a
     * bad tag) */
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, gcm_max);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(f->s.in_pos, f->s.in_len);
    fix_free(f);
    glass_record_cipher_wipe(&peer);

    /* and a valid record of that length, 2^14 bytes of plaintext, opens */
    f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    memset(big, 0x5A, 16384);
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, big, 16384);
    assert_int_equal(f->s.in_len - f->s.in_pos, 5 + gcm_max);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_APPLICATION_DATA);
    assert_int_equal(m.len, 16384);
    assert_memory_equal(m.data, big, 16384);
    fix_free(f);
    glass_record_cipher_wipe(&peer);

    /* a valid ciphertext whose plaintext is 2^14 + 1 bytes (sealed by hand,
     * since glass_record_seal refuses it too): its body is one byte over
     * the GCM maximum, so it is refused from the header as well */
    f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    memset(big, 0, sizeof big);
    assert_int_equal(glass_record_seal(&peer, GLASS_CT_APPLICATION_DATA, big, 16385),
                     GLASS_E_RECORD_OVERFLOW);
    {
        uint8_t nonce[12], aad[13], *o = f->s.in + f->s.in_len;
        size_t len = 16385;
        memcpy(nonce, salt, 4);
        memset(nonce + 4, 0, 8);                 /* seq 0 */
        memset(aad, 0, 8);
        aad[8] = GLASS_CT_APPLICATION_DATA;
        aad[9] = 3; aad[10] = 3; aad[11] = (uint8_t)(len >> 8); aad[12] = (uint8_t)len;
        o[0] = GLASS_CT_APPLICATION_DATA; o[1] = 3; o[2] = 3;
        o[3] = (uint8_t)((8 + len + 16) >> 8); o[4] = (uint8_t)(8 + len + 16);
        memset(o + 5, 0, 8);
        memset(o + 13, 0x41, len);
        assert_int_equal(glass_gcm_seal(&peer.gcm, nonce, 12, aad, 13, o + 13, len,
                                        o + 13, o + 13 + len, 16), GLASS_OK);
        f->s.in_len += 5 + 8 + len + 16;
    }
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_OVERFLOW);
    assert_int_equal(f->s.in_pos, f->s.in_len - (8 + 16385 + 16));
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

static void test_record_versions(void **state)
{
    (void)state;
    uint8_t msg[8];
    size_t n = make_hs(msg, 1, 4, 0);
    glass_record_msg m;
    /* a server accepts any {03,xx} on the records of the first
     * ClientHello (RFC 5246 E.1: SSL 3.0's 0x0300 and versions after TLS
     * 1.2 included), which may be several ... */
    static const uint16_t first[] = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x03ff };
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        uint16_t v = first[i];
        fix *f = fix_new(1);
        add_raw(&f->s, GLASS_CT_HANDSHAKE, v, msg, 3);
        add_raw(&f->s, GLASS_CT_HANDSHAKE, v, msg + 3, n - 3);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        assert_int_equal(m.len, n);
        /* ... but not once it has answered */
        assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"x", 1), 1);
        add_raw(&f->s, GLASS_CT_HANDSHAKE, 0x0303, msg, n);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        add_raw(&f->s, GLASS_CT_HANDSHAKE, 0x0301, msg, n);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_VERSION);
        fix_free(f);
    }
    /* a major version other than 3 is refused even first */
    const uint16_t bad[] = { 0x0203, 0x0403, 0x1603, 0xffff, 0x0000 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fix *f = fix_new(1);
        add_raw(&f->s, GLASS_CT_HANDSHAKE, bad[i], msg, n);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_VERSION);
        fix_free(f);
    }
    /* a client accepts only 0x0303, from the first record on */
    fix *f = fix_new(0);
    add_raw(&f->s, GLASS_CT_HANDSHAKE, 0x0301, msg, n);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_VERSION);
    fix_free(f);
    assert_int_equal(glass_alert_for_error(GLASS_E_RECORD_VERSION), GLASS_ALERT_PROTOCOL_VERSION);
}

static void test_unknown_content_type(void **state)
{
    (void)state;
    const uint8_t types[] = { 0, 19, 24, 0x80, 255 };
    for (size_t i = 0; i < sizeof types; i++) {
        fix *f = fix_new(0);
        add_rec(&f->s, types[i], (const uint8_t *)"x", 1);
        glass_record_msg m;
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_TYPE);
        fix_free(f);
    }
    assert_int_equal(glass_alert_for_error(GLASS_E_RECORD_TYPE), GLASS_ALERT_UNEXPECTED_MESSAGE);
}

static void test_zero_length_records(void **state)
{
    (void)state;
    glass_record_msg m;
    const uint8_t refused[] = { GLASS_CT_HANDSHAKE, GLASS_CT_ALERT, GLASS_CT_CHANGE_CIPHER_SPEC };
    for (size_t i = 0; i < sizeof refused; i++) {
        fix *f = fix_new(0);
        add_rec(&f->s, refused[i], NULL, 0);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_EMPTY);
        fix_free(f);
        /* the same under encryption */
        glass_record_cipher peer;
        f = fix_new(0);
        start_encrypted_read(f, &peer, key16, 16);
        add_sealed(&f->s, &peer, refused[i], NULL, 0);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_RECORD_EMPTY);
        fix_free(f);
        glass_record_cipher_wipe(&peer);
    }
    /* empty application data is accepted and skipped */
    glass_record_cipher peer;
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, NULL, 0);
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, NULL, 0);
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"data", 4);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_APPLICATION_DATA);
    assert_int_equal(m.len, 4);
    assert_memory_equal(m.data, "data", 4);
    glass_record_consume(&f->r, 4);
    /* but not without end */
    for (int i = 0; i < GLASS_RECORD_MAX_EMPTY + 1; i++)
        add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, NULL, 0);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

static void test_application_data_partial_consume(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"abcdefgh", 8);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"XY", 2);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, 8);
    glass_record_consume(&f->r, 3);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, 5);
    assert_memory_equal(m.data, "defgh", 5);
    glass_record_consume(&f->r, 5);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_memory_equal(m.data, "XY", 2);
    fix_free(f);
}

/* ------------------------------------------------------------ alerts */

static void test_close_notify(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    const uint8_t cn[2] = { 1, 0 };
    add_rec(&f->s, GLASS_CT_ALERT, cn, 2);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_CLOSED);
    assert_int_equal(f->r.peer_closed, 1);
    assert_int_equal(f->r.alert_in.present, 1);
    assert_int_equal(f->r.alert_in.level, 1);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_CLOSE_NOTIFY);
    assert_int_equal(glass_alert_for_error(GLASS_E_CLOSED), GLASS_ALERT_NONE);

    /* and sending one */
    assert_int_equal(glass_record_queue_alert(&f->r, 1, GLASS_ALERT_CLOSE_NOTIFY), GLASS_OK);
    assert_int_equal(f->r.we_closed, 1);
    assert_int_equal(f->s.out_len, 7);
    assert_memory_equal(f->s.out, "\x15\x03\x03\x00\x02\x01\x00", 7);
    fix_free(f);
}

static void test_alert_parsing(void **state)
{
    (void)state;
    glass_record_msg m;
    /* a fatal alert ends reading, with its name available */
    fix *f = fix_new(0);
    const uint8_t fatal[2] = { 2, 40 };
    add_rec(&f->s, GLASS_CT_ALERT, fatal, 2);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_ALERT_RECEIVED);
    assert_int_equal(f->r.alert_in.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_HANDSHAKE_FAILURE);
    assert_string_equal(glass_alert_name(f->r.alert_in.description), "handshake_failure");
    assert_string_equal(glass_alert_level_name(f->r.alert_in.level), "fatal");
    assert_int_equal(glass_alert_for_error(GLASS_E_ALERT_RECEIVED), GLASS_ALERT_NONE);
    fix_free(f);

    /* a warning is noted and skipped; an alert may sit between the
     * records of one handshake message */
    f = fix_new(0);
    size_t n = make_hs(big, 11, 100, 1);
    const uint8_t warn[2] = { 1, GLASS_ALERT_NO_RENEGOTIATION };
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, 50);
    add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big + 50, n - 50);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.len, n);
    assert_memory_equal(m.data, big, n);
    assert_int_equal(f->r.alert_in.description, GLASS_ALERT_NO_RENEGOTIATION);
    assert_int_equal(f->r.alert_in.level, GLASS_ALERT_LEVEL_WARNING);
    fix_free(f);

    /* malformed alerts: wrong length, unknown level */
    const struct { uint8_t b[3]; size_t len; } badl[] = {
        { { 2 }, 1 }, { { 2, 40, 0 }, 3 }, { { 0, 40 }, 2 }, { { 3, 40 }, 2 }, { { 255, 0 }, 2 },
    };
    for (size_t i = 0; i < sizeof badl / sizeof badl[0]; i++) {
        f = fix_new(0);
        add_rec(&f->s, GLASS_CT_ALERT, badl[i].b, badl[i].len);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_DECODE);
        fix_free(f);
    }

    /* a run of warnings is refused: GLASS_RECORD_MAX_WARNINGS in a row
     * pass, one more ends the connection ... */
    f = fix_new(0);
    for (int i = 0; i < GLASS_RECORD_MAX_WARNINGS + 1; i++)
        add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* ... but warnings between which the handshake moves on are not a run */
    f = fix_new(0);
    uint8_t hs[8];
    size_t hn = make_hs(hs, 2, 4, 0);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < GLASS_RECORD_MAX_WARNINGS; i++)
            add_rec(&f->s, GLASS_CT_ALERT, warn, 2);
        add_rec(&f->s, GLASS_CT_HANDSHAKE, hs, hn);
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        assert_int_equal(m.type, GLASS_CT_HANDSHAKE);
    }
    fix_free(f);
}

static void test_alert_names_and_table(void **state)
{
    (void)state;
    /* names from RFC 5246 section 7.2 */
    assert_string_equal(glass_alert_name(0), "close_notify");
    assert_string_equal(glass_alert_name(10), "unexpected_message");
    assert_string_equal(glass_alert_name(20), "bad_record_mac");
    assert_string_equal(glass_alert_name(22), "record_overflow");
    assert_string_equal(glass_alert_name(48), "unknown_ca");
    assert_string_equal(glass_alert_name(70), "protocol_version");
    assert_string_equal(glass_alert_name(100), "no_renegotiation");
    assert_string_equal(glass_alert_name(110), "unsupported_extension");
    assert_string_equal(glass_alert_name(7), "unknown");
    assert_string_equal(glass_content_type_name(22), "handshake");
    assert_string_equal(glass_content_type_name(99), "unknown");
    /* every error code maps to an alert that has a name (or to none) */
    for (int e = 0; e >= -500; e--) {
        int a = glass_alert_for_error(e);
        if (a != GLASS_ALERT_NONE)
            assert_string_not_equal(glass_alert_name(a), "unknown");
    }
    assert_int_equal(glass_alert_for_error(GLASS_E_WANT_READ), GLASS_ALERT_NONE);
    assert_int_equal(glass_alert_for_error(GLASS_E_IO), GLASS_ALERT_NONE);
    assert_int_equal(glass_alert_for_error(GLASS_E_BAD_RECORD_MAC), GLASS_ALERT_BAD_RECORD_MAC);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_UNKNOWN_ISSUER), GLASS_ALERT_UNKNOWN_CA);
    assert_int_equal(glass_alert_for_error(GLASS_E_NO_MEMORY), GLASS_ALERT_INTERNAL_ERROR);
}

/* ------------------------------------------------------------ protection */

/* Independent known answer: the record below was made with
 * python3-cryptography (AESGCM), not with glasstls:
 *   key = bytes(range(0x10,0x20)); salt = a1b2c3d4; seq = 5; type 23;
 *   pt = b"GET / HTTP/1.1\r\n\r\n"; nonce = salt + seq.to_bytes(8,'big');
 *   aad = seq(8) + bytes([23]) + b"\x03\x03" + len(pt).to_bytes(2,'big');
 *   rec = 17 03 03 || len || seq(8) || AESGCM(key).encrypt(nonce, pt, aad) */
static const char *kat_record_hex =
    "170303002a0000000000000005eff5a6730168f6760b4137e6e8f8417dac11cfd26fcab3"
    "9666560b97e8c30fc203ed";

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = strlen(h) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void test_seal_known_answer(void **state)
{
    (void)state;
    uint8_t key[16], kat[128], rec[128];
    for (int i = 0; i < 16; i++)
        key[i] = (uint8_t)(0x10 + i);
    const uint8_t s[4] = { 0xa1, 0xb2, 0xc3, 0xd4 };
    size_t kat_len = unhex(kat_record_hex, kat);
    const char *pt = "GET / HTTP/1.1\r\n\r\n";
    size_t pt_len = strlen(pt);

    glass_record_cipher c;
    assert_int_equal(glass_record_cipher_init(&c, key, 16, s), GLASS_OK);
    c.seq = 5;
    assert_int_equal(glass_record_payload_offset(&c), 13);
    memcpy(rec + 13, pt, pt_len);
    assert_int_equal(glass_record_seal(&c, GLASS_CT_APPLICATION_DATA, rec, pt_len), GLASS_OK);
    assert_int_equal(c.seq, 6);
    assert_int_equal(5 + 8 + pt_len + 16, kat_len);
    assert_memory_equal(rec, kat, kat_len);
    glass_record_cipher_wipe(&c);

    /* and opened in place */
    assert_int_equal(glass_record_cipher_init(&c, key, 16, s), GLASS_OK);
    c.seq = 5;
    size_t got;
    assert_int_equal(glass_record_open(&c, 23, 0x0303, kat + 5, kat_len - 5, &got), GLASS_OK);
    assert_int_equal(got, pt_len);
    assert_memory_equal(kat + 13, pt, pt_len);
    glass_record_cipher_wipe(&c);
}

static void test_bad_tag_is_bad_record_mac(void **state)
{
    (void)state;
    /* flip one bit at every interesting position: header type and length
     * (additional data), explicit nonce, ciphertext, tag */
    const uint8_t payload[40] = "forty bytes of application data......";
    size_t positions[] = { 0, 5, 9, 12, 13, 30, 52, 53, 68 };
    for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++) {
        glass_record_cipher peer;
        fix *f = fix_new(0);
        start_encrypted_read(f, &peer, key32, 32);
        size_t at = f->s.in_len;
        add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, payload, sizeof payload);
        assert_int_equal(f->s.in_len - at, 5 + 8 + 40 + 16);
        f->s.in[at + positions[i]] ^= (positions[i] == 0) ? 0x01 : 0x40;
        glass_record_msg m;
        int rc = glass_record_next(&f->r, &m);
        /* type 23 ^ 1 = 22 (handshake): still a known type, so the tag
         * check is what catches it */
        assert_int_equal(rc, GLASS_E_BAD_RECORD_MAC);
        fix_free(f);
        glass_record_cipher_wipe(&peer);
    }
    /* too short to hold explicit nonce and tag */
    glass_record_cipher peer;
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, 23);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_BAD_RECORD_MAC);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
    assert_int_equal(glass_alert_for_error(GLASS_E_BAD_RECORD_MAC), GLASS_ALERT_BAD_RECORD_MAC);
}

static void test_wrong_key_is_bad_record_mac(void **state)
{
    (void)state;
    glass_record_cipher peer, other;
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    uint8_t k2[16];
    memcpy(k2, key16, 16);
    k2[15] ^= 1;
    assert_int_equal(glass_record_cipher_init(&other, k2, 16, salt), GLASS_OK);
    add_sealed(&f->s, &other, GLASS_CT_HANDSHAKE, big, 20);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_BAD_RECORD_MAC);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
    glass_record_cipher_wipe(&other);
}

static void test_sequence_numbers(void **state)
{
    (void)state;
    /* the writer: explicit nonce = sequence number, 0 after CCS */
    fix *f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_WRITE, key16, 16, salt), GLASS_OK);
    assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"p", 1), 1);  /* plaintext */
    assert_int_equal(f->r.write.seq, 1);
    assert_int_equal(glass_record_queue_ccs(&f->r), GLASS_OK);
    assert_int_equal(f->r.write.seq, 0);
    assert_int_equal(f->r.write.active, 1);
    size_t start = f->s.out_len;
    for (int i = 0; i < 3; i++)
        assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"abc", 3), 3);
    for (int i = 0; i < 3; i++) {
        const uint8_t *rec = f->s.out + start + i * (5 + 8 + 3 + 16);
        assert_int_equal(rec[0], 23);
        assert_int_equal(rec[4], 8 + 3 + 16);
        for (int j = 0; j < 7; j++)
            assert_int_equal(rec[5 + j], 0);
        assert_int_equal(rec[12], i);
    }
    fix_free(f);

    /* the reader: a replayed or reordered record fails (the sequence
     * number is in the additional data), even with the same explicit nonce */
    glass_record_cipher peer;
    f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    size_t r0 = f->s.in_len;
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"one", 3);
    size_t r0_len = f->s.in_len - r0;
    memcpy(f->s.in + f->s.in_len, f->s.in + r0, r0_len);   /* replay */
    f->s.in_len += r0_len;
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    glass_record_consume(&f->r, m.len);
    assert_int_equal(f->r.read.seq, 1);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_BAD_RECORD_MAC);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

static void test_sequence_number_wrap(void **state)
{
    (void)state;
    /* writing: the last number before the wrap is never used */
    fix *f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_WRITE, key16, 16, salt), GLASS_OK);
    assert_int_equal(glass_record_queue_ccs(&f->r), GLASS_OK);
    f->r.write.seq = UINT64_MAX - 1;
    assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"a", 1), 1);
    assert_int_equal(f->r.write.seq, UINT64_MAX);
    assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"b", 1), GLASS_E_SEQ_WRAP);
    fix_free(f);

    /* reading */
    glass_record_cipher peer;
    f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    peer.seq = UINT64_MAX - 1;
    f->r.read.seq = UINT64_MAX - 1;
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"x", 1);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, 30);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    glass_record_consume(&f->r, m.len);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_SEQ_WRAP);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

static void test_change_cipher_spec_rules(void **state)
{
    (void)state;
    static const uint8_t one = 1, two[2] = { 1, 1 }, bad = 2;
    glass_record_msg m;
    /* without pending keys */
    fix *f = fix_new(0);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* malformed */
    f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key16, 16, salt), GLASS_OK);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, &bad, 1);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key16, 16, salt), GLASS_OK);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, two, 2);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* in the middle of a handshake message: keys may not change there */
    f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key16, 16, salt), GLASS_OK);
    size_t n = make_hs(big, 20, 12, 0);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, n - 3);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* application data in the middle of a handshake message */
    f = fix_new(0);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, n - 3);
    add_rec(&f->s, GLASS_CT_APPLICATION_DATA, big, 5);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_UNEXPECTED_MESSAGE);
    fix_free(f);
    /* sending a CCS needs keys */
    f = fix_new(0);
    assert_int_equal(glass_record_queue_ccs(&f->r), GLASS_E_STATE);
    fix_free(f);
    /* bad key sizes */
    f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key16, 24, salt), GLASS_E_BAD_LENGTH);
    assert_int_equal(f->r.pending_read.set, 0);
    assert_int_equal(glass_record_set_keys(&f->r, 7, key16, 16, salt), GLASS_E_INVALID_ARG);
    fix_free(f);
}

static void test_eof_and_transport_errors(void **state)
{
    (void)state;
    glass_record_msg m;
    fix *f = fix_new(0);
    f->s.eof = 1;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_EOF);     /* at a boundary */
    fix_free(f);
    f = fix_new(0);
    add_rec(&f->s, GLASS_CT_HANDSHAKE, big, 100);
    f->s.in_len -= 10;                                               /* truncated */
    f->s.eof = 1;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_EOF);
    fix_free(f);
}

/* ------------------------------------------------------------ two layers over a pipe */

typedef struct pair {
    glass_pipe *p;
    glass_record a, b;         /* a: client end, b: server end */
    uint8_t *ma, *mb;
    size_t msize;
} pair;

static pair *pair_new(size_t max_hs)
{
    pair *q = calloc(1, sizeof *q);
    q->p = glass_pipe_new(1 << 20);
    q->msize = glass_record_mem_size(max_hs);
    q->ma = malloc(q->msize);
    q->mb = malloc(q->msize);
    glass_record_init(&q->a, glass_pipe_client(q->p), 0, q->ma, max_hs);
    glass_record_init(&q->b, glass_pipe_server(q->p), 1, q->mb, max_hs);
    return q;
}

static void pair_free(pair *q)
{
    glass_record_wipe(&q->a, q->msize);
    glass_record_wipe(&q->b, q->msize);
    free(q->ma);
    free(q->mb);
    glass_pipe_free(q->p);
    free(q);
}

/* a -> b switch to AES-GCM with key k */
static void pair_encrypt(pair *q, const uint8_t *k, size_t klen)
{
    assert_int_equal(glass_record_set_keys(&q->a, GLASS_DIR_WRITE, k, klen, salt), GLASS_OK);
    assert_int_equal(glass_record_set_keys(&q->b, GLASS_DIR_READ, k, klen, salt), GLASS_OK);
    assert_int_equal(glass_record_queue_ccs(&q->a), GLASS_OK);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&q->b, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_CHANGE_CIPHER_SPEC);
}

static void test_fragmenting_a_large_message(void **state)
{
    (void)state;
    for (int enc = 0; enc < 2; enc++) {
        pair *q = pair_new(MAX_HS);
        if (enc)
            pair_encrypt(q, key32, 32);
        size_t cap;
        uint8_t *out = glass_record_hs_out(&q->a, &cap);
        assert_int_equal(cap, MAX_HS);
        size_t n = make_hs(out, 11, 50000, 7);
        make_hs(big, 11, 50000, 7);
        size_t before = glass_pipe_pending(q->p, 0);
        assert_int_equal(glass_record_queue_handshake(&q->a, n), GLASS_OK);
        assert_int_equal(glass_record_pending(&q->a), 0);
        /* ceil(50004 / 16384) = 4 records, full ones first */
        size_t per = 5 + (enc ? 24 : 0);
        assert_int_equal(glass_pipe_pending(q->p, 0) - before, n + 4 * per);
        glass_record_msg m;
        assert_int_equal(glass_record_next(&q->b, &m), GLASS_OK);
        assert_int_equal(m.len, n);
        assert_memory_equal(m.data, big, n);
        /* the first record carried exactly 2^14 bytes */
        pair_free(q);
    }
}

static void test_record_sizes_on_the_wire(void **state)
{
    (void)state;
    script *sp = calloc(1, sizeof *sp);
    glass_record r;
    size_t msize = glass_record_mem_size(MAX_HS);
    uint8_t *mem = malloc(msize);
    glass_transport t = { sp, s_send, s_recv };
    glass_record_init(&r, t, 0, mem, MAX_HS);
    size_t cap;
    uint8_t *out = glass_record_hs_out(&r, &cap);
    size_t n = make_hs(out, 11, 40000, 1);
    assert_int_equal(glass_record_queue_handshake(&r, n), GLASS_OK);
    /* walk the records: 16384, 16384, rest */
    size_t off = 0, sizes[3] = { 16384, 16384, n - 32768 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sp->out[off], 22);
        size_t len = (size_t)sp->out[off + 3] << 8 | sp->out[off + 4];
        assert_int_equal(len, sizes[i]);
        off += 5 + len;
    }
    assert_int_equal(off, sp->out_len);
    glass_record_wipe(&r, msize);
    free(mem);
    free(sp);
}

/* ------------------------------------------------------------ non-blocking */

static void read_all_nonblocking(int one_byte, int block_between)
{
    glass_record_cipher peer;
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    size_t n1 = make_hs(big, 2, 300, 1);
    size_t n2 = make_hs(big + n1, 20, 12, 2);
    add_sealed(&f->s, &peer, GLASS_CT_HANDSHAKE, big, n1 + 10);
    add_sealed(&f->s, &peer, GLASS_CT_HANDSHAKE, big + n1 + 10, n2 - 10);
    add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, (const uint8_t *)"hello", 5);
    f->s.chunk = one_byte ? 1 : 0;
    f->s.block_between = block_between;
    f->s.blocks = 0;
    const size_t want[3] = { n1, n2, 5 };
    const uint8_t *wantp[3] = { big, big + n1, (const uint8_t *)"hello" };
    for (int i = 0; i < 3; i++) {
        glass_record_msg m;
        int rc, spins = 0;
        while ((rc = glass_record_next(&f->r, &m)) == GLASS_E_WANT_READ)
            assert_true(++spins < 100000);
        assert_int_equal(rc, GLASS_OK);
        assert_int_equal(m.len, want[i]);
        assert_memory_equal(m.data, wantp[i], want[i]);
        if (m.type == GLASS_CT_APPLICATION_DATA)
            glass_record_consume(&f->r, m.len);
    }
    if (block_between)                        /* it really was interrupted */
        assert_true(f->s.blocks >= (one_byte ? 300u : 3u));
    assert_int_equal(f->s.in_pos, f->s.in_len);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

static void test_nonblocking_reads(void **state)
{
    (void)state;
    read_all_nonblocking(1, 0);   /* one byte at a time */
    read_all_nonblocking(0, 1);   /* would block between every call */
    read_all_nonblocking(1, 1);   /* both */
}

/* Writes a handshake message and two app records through a transport that
 * moves one byte at a time and/or blocks between calls; the bytes on the
 * wire must equal those of an unhindered writer. */
static void write_all_nonblocking(int one_byte, int block_between, script *ref)
{
    fix *f = fix_new(0);
    f->s.chunk = one_byte ? 1 : 0;
    f->s.block_between = block_between;
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_WRITE, key16, 16, salt), GLASS_OK);
    int spins = 0, rc;
    size_t cap;
    uint8_t *out = glass_record_hs_out(&f->r, &cap);
    size_t n = make_hs(out, 11, 20000, 3);
    assert_int_equal(glass_record_queue_handshake(&f->r, n), GLASS_OK);
    while ((rc = glass_record_flush(&f->r)) == GLASS_E_WANT_WRITE)
        assert_true(++spins < 1000000);
    assert_int_equal(rc, GLASS_OK);
    while ((rc = glass_record_queue_ccs(&f->r)) == GLASS_E_WANT_WRITE)
        assert_true(++spins < 1000000);
    assert_int_equal(rc, GLASS_OK);
    const char *msgs[2] = { "first", "second message" };
    for (int i = 0; i < 2; i++) {
        long w;
        while ((w = glass_record_write_app(&f->r, (const uint8_t *)msgs[i], strlen(msgs[i]))) ==
               GLASS_E_WANT_WRITE)
            assert_true(++spins < 1000000);
        assert_int_equal(w, (long)strlen(msgs[i]));
    }
    while ((rc = glass_record_flush(&f->r)) == GLASS_E_WANT_WRITE)
        assert_true(++spins < 1000000);
    assert_int_equal(rc, GLASS_OK);
    if (ref->out_len == 0) {
        memcpy(ref->out, f->s.out, f->s.out_len);
        ref->out_len = f->s.out_len;
    } else {
        assert_int_equal(f->s.out_len, ref->out_len);
        assert_memory_equal(f->s.out, ref->out, ref->out_len);
        if (block_between)                    /* it really was interrupted */
            assert_true(f->s.blocks >= (one_byte ? 20000u : 4u));
    }
    fix_free(f);
}

static void test_nonblocking_writes(void **state)
{
    (void)state;
    script *ref = calloc(1, sizeof *ref);
    write_all_nonblocking(0, 0, ref);
    assert_int_equal(ref->out_len, (5 + 16384) + (5 + 20004 - 16384) + 6 + 2 * 29 + 5 + 14);
    write_all_nonblocking(1, 0, ref);
    write_all_nonblocking(0, 1, ref);
    write_all_nonblocking(1, 1, ref);
    free(ref);
}

static void test_queue_rules(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    f->s.block_between = 1;
    size_t cap;
    uint8_t *out = glass_record_hs_out(&f->r, &cap);
    assert_non_null(out);
    size_t n = make_hs(out, 11, 20000, 0);   /* two records */
    assert_int_equal(glass_record_queue_handshake(&f->r, n), GLASS_OK);  /* queued, blocked */
    assert_int_equal(glass_record_pending(&f->r), 1);
    /* the buffer is busy until sent */
    assert_null(glass_record_hs_out(&f->r, &cap));
    assert_int_equal(cap, 0);
    assert_int_equal(glass_record_queue_handshake(&f->r, n), GLASS_E_STATE);
    assert_int_equal(glass_record_queue_handshake(&f->r, 3), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_record_queue_handshake(&f->r, MAX_HS + 1), GLASS_E_INVALID_ARG);
    /* a fatal alert drops what is left of the handshake message */
    assert_int_equal(glass_record_queue_alert(&f->r, 2, GLASS_ALERT_INTERNAL_ERROR), GLASS_OK);
    int rc, spins = 0;
    while ((rc = glass_record_flush(&f->r)) == GLASS_E_WANT_WRITE)
        assert_true(++spins < 1000);
    assert_int_equal(rc, GLASS_OK);
    /* what went out: the one record already sealed, then the alert */
    assert_int_equal(f->s.out_len, 5 + 16384 + 7);
    assert_memory_equal(f->s.out + 5 + 16384, "\x15\x03\x03\x00\x02\x02\x50", 7);
    assert_non_null(glass_record_hs_out(&f->r, &cap));
    assert_int_equal(f->r.alert_out_last.description, GLASS_ALERT_INTERNAL_ERROR);
    fix_free(f);
}

static void test_wipe_clears_keys_and_buffers(void **state)
{
    (void)state;
    fix *f = fix_new(0);
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_WRITE, key16, 16, salt), GLASS_OK);
    assert_int_equal(glass_record_queue_ccs(&f->r), GLASS_OK);
    assert_int_equal(glass_record_write_app(&f->r, (const uint8_t *)"secret", 6), 6);
    glass_record_wipe(&f->r, f->mem_size);
    for (size_t i = 0; i < f->mem_size; i++)
        assert_int_equal(f->mem[i], 0);
    const uint8_t *rb = (const uint8_t *)&f->r;
    for (size_t i = 0; i < sizeof f->r; i++)
        assert_int_equal(rb[i], 0);
    free(f->mem);
    free(f);
}

/* Malformed input never crashes, hangs or reads out of bounds (run it
 * under SANITIZE=1): random streams of plausible and implausible records,
 * in plaintext and under AES-GCM; each ends in an error or would-block
 * within a bounded number of calls. */
static uint32_t lcg(uint32_t *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x >> 8;
}

static void test_garbage_never_crashes(void **state)
{
    (void)state;
    uint32_t seed = 0x5eed;
    for (int round = 0; round < 600; round++) {
        fix *f = fix_new(round & 1);
        glass_record_cipher peer;
        int enc = (round % 3) == 0;
        if (enc)
            start_encrypted_read(f, &peer, key16, 16);
        int records = 1 + (int)(lcg(&seed) % 6);
        for (int i = 0; i < records; i++) {
            uint8_t type = (uint8_t)(20 + lcg(&seed) % 5);       /* 20..24 */
            size_t len = lcg(&seed) % 64;
            if (lcg(&seed) % 8 == 0)
                len = lcg(&seed) % 20000;
            for (size_t j = 0; j < len; j++)
                big[j] = (uint8_t)lcg(&seed);
            if (type == GLASS_CT_HANDSHAKE && len >= 4 && lcg(&seed) % 2)
                big[1] = 0;                        /* a plausible length */
            if (enc && lcg(&seed) % 2 && len <= 16384)
                add_sealed(&f->s, &peer, type, big, len);
            else
                add_raw(&f->s, type, (uint16_t)(lcg(&seed) % 4 ? 0x0303 : lcg(&seed)), big, len);
        }
        if (lcg(&seed) % 4 == 0)                  /* cut the last one short */
            f->s.in_len -= lcg(&seed) % (f->s.in_len + 1);
        f->s.eof = (int)(lcg(&seed) % 2);
        f->s.chunk = lcg(&seed) % 3;
        int rc = GLASS_OK, calls = 0;
        while (rc == GLASS_OK) {
            glass_record_msg m;
            rc = glass_record_next(&f->r, &m);
            if (rc == GLASS_OK) {
                assert_true(m.len <= MAX_HS);
                if (m.type == GLASS_CT_APPLICATION_DATA)
                    glass_record_consume(&f->r, m.len);
            }
            assert_true(++calls < 1000);
        }
        assert_true(rc < 0);
        assert_string_not_equal(glass_err_name(rc), "GLASS_E_UNKNOWN");
        fix_free(f);
        if (enc)
            glass_record_cipher_wipe(&peer);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_handshake_message),
        cmocka_unit_test(test_message_split_across_records),
        cmocka_unit_test(test_coalesced_messages_in_one_record),
        cmocka_unit_test(test_handshake_message_over_the_bound),
        cmocka_unit_test(test_plaintext_overflow),
        cmocka_unit_test(test_ciphertext_overflow),
        cmocka_unit_test(test_record_versions),
        cmocka_unit_test(test_unknown_content_type),
        cmocka_unit_test(test_zero_length_records),
        cmocka_unit_test(test_application_data_partial_consume),
        cmocka_unit_test(test_close_notify),
        cmocka_unit_test(test_alert_parsing),
        cmocka_unit_test(test_alert_names_and_table),
        cmocka_unit_test(test_seal_known_answer),
        cmocka_unit_test(test_bad_tag_is_bad_record_mac),
        cmocka_unit_test(test_wrong_key_is_bad_record_mac),
        cmocka_unit_test(test_sequence_numbers),
        cmocka_unit_test(test_sequence_number_wrap),
        cmocka_unit_test(test_change_cipher_spec_rules),
        cmocka_unit_test(test_eof_and_transport_errors),
        cmocka_unit_test(test_fragmenting_a_large_message),
        cmocka_unit_test(test_record_sizes_on_the_wire),
        cmocka_unit_test(test_nonblocking_reads),
        cmocka_unit_test(test_nonblocking_writes),
        cmocka_unit_test(test_queue_rules),
        cmocka_unit_test(test_wipe_clears_keys_and_buffers),
        cmocka_unit_test(test_garbage_never_crashes),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
