/*
 * test_record_protect.c — record protection (lib/record, RFC 5246 section
 * 6.2.3.3, RFC 5288): an independent known answer, a bad tag or key is
 * bad_record_mac, sequence numbers and their wrap, the ChangeCipherSpec
 * rules, end of stream and transport errors, and the wipe of keys and
 * buffers.
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
#include "helpers/hex.h"

static uint8_t big[70000];

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

static void test_seal_known_answer(void **state)
{
    (void)state;
    uint8_t key[16], kat[128], rec[128];
    for (int i = 0; i < 16; i++)
        key[i] = (uint8_t)(0x10 + i);
    const uint8_t s[4] = { 0xa1, 0xb2, 0xc3, 0xd4 };
    long kat_len = test_unhex(kat_record_hex, kat, sizeof kat);
    assert_true(kat_len > 0);
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

/* RFC 5288 section 3: the nonce MUST be distinct for each invocation of
 * the GCM encrypt function under one key (docs/labs/gcm-reuse.md shows what
 * follows when it is not).  Over many records the explicit nonce on the
 * wire strictly increases, and the same plaintext sealed twice gives two
 * ciphertexts whose XOR is not zero: no keystream is used twice. */
static void test_explicit_nonce_never_repeats(void **state)
{
    (void)state;
    uint8_t key[16] = { 7 }, rec[64], first[64];
    const uint8_t s[4] = { 1, 2, 3, 4 };
    glass_record_cipher c;
    assert_int_equal(glass_record_cipher_init(&c, key, 16, s), GLASS_OK);
    uint64_t prev = 0;
    for (int i = 0; i < 20000; i++) {
        memset(rec + 13, 'A', 16);
        assert_int_equal(glass_record_seal(&c, GLASS_CT_APPLICATION_DATA, rec, 16), GLASS_OK);
        uint64_t nonce = 0;
        for (int k = 0; k < 8; k++)
            nonce = nonce << 8 | rec[5 + k];
        if (i > 0)
            assert_true(nonce > prev);
        else
            memcpy(first, rec, sizeof rec);
        prev = nonce;
    }
    /* the last record and the first: same plaintext, other keystream */
    int same = 0;
    for (int k = 0; k < 16; k++)
        same += rec[13 + k] == first[13 + k];
    assert_true(same < 16);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seal_known_answer),
        cmocka_unit_test(test_explicit_nonce_never_repeats),
        cmocka_unit_test(test_bad_tag_is_bad_record_mac),
        cmocka_unit_test(test_wrong_key_is_bad_record_mac),
        cmocka_unit_test(test_sequence_numbers),
        cmocka_unit_test(test_sequence_number_wrap),
        cmocka_unit_test(test_change_cipher_spec_rules),
        cmocka_unit_test(test_eof_and_transport_errors),
        cmocka_unit_test(test_wipe_clears_keys_and_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
