/*
 * test_record_read.c — the record layer (lib/record) reading records: one
 * handshake message over several records or several in one, the bounds on
 * messages and records (RFC 5246 section 6.2.1, 6.2.3), record versions,
 * unknown content types, zero-length records, partly consumed application
 * data, and random streams of malformed records that must end in an error.
 *
 * Every rule of RFC 5246 section 6.2 and RFC 5288 that glasstls enforces
 * has a test that fails if the rule is broken, in one of the
 * tests/test_record_*.c programs.  Records are fed through the scripted
 * transport of tests/helpers/record_script.h or through the in-memory pipe
 * between two record layers.
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
#include "record/record.h"
#include "helpers/record_script.h"

static uint8_t big[70000];

/* ------------------------------------------------------------ reading */

/* A script transport that counts the reads. */
typedef struct { glass_transport inner; unsigned reads; } counting;

static long count_recv(void *ctx, uint8_t *buf, size_t len)
{
    counting *c = ctx;
    c->reads++;
    return c->inner.recv(c->inner.ctx, buf, len);
}

static long count_send(void *ctx, const uint8_t *buf, size_t len)
{
    counting *c = ctx;
    return c->inner.send(c->inner.ctx, buf, len);
}

/* Reading a record's body also takes the next record's header when it is
 * there (GLASS_RECORD_LOOKAHEAD): three full-size records (5 + 8 + 2^14 +
 * 16 bytes, the longest) queued together come in 4 reads, not 6, each
 * intact; the 5 bytes read ahead wait in `in` (glass_pending counts only
 * opened plaintext).  One byte per read still works (the sweep tests). */
static void test_next_header_read_with_the_body(void **state)
{
    (void)state;
    glass_record_cipher peer;
    glass_record_msg m;
    static counting c;
    fix *f = fix_new(0);
    start_encrypted_read(f, &peer, key16, 16);
    c.inner = f->r.tr;
    c.reads = 0;
    f->r.tr.ctx = &c;
    f->r.tr.recv = count_recv;
    f->r.tr.send = count_send;
    for (int i = 0; i < 3; i++) {
        memset(big, 0x30 + i, 16384);
        add_sealed(&f->s, &peer, GLASS_CT_APPLICATION_DATA, big, 16384);
    }
    for (int i = 0; i < 3; i++) {
        assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
        assert_int_equal(m.type, GLASS_CT_APPLICATION_DATA);
        assert_int_equal(m.len, 16384);
        memset(big, 0x30 + i, 16384);
        assert_memory_equal(m.data, big, 16384);
        glass_record_consume(&f->r, m.len);
        if (i < 2)
            assert_int_equal(f->r.in_have, 5);   /* the next header, read ahead */
    }
    assert_int_equal(c.reads, 4);
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_E_WANT_READ);
    fix_free(f);
    glass_record_cipher_wipe(&peer);
}

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
    assert_int_equal(GLASS_RECORD_IN_SIZE, 5 + gcm_max + GLASS_RECORD_LOOKAHEAD);
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
        cmocka_unit_test(test_garbage_never_crashes),
        cmocka_unit_test(test_next_header_read_with_the_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
