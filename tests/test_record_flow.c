/*
 * test_record_flow.c — the record layer writing and moving bytes: a large
 * handshake message fragmented into 2^14-byte records between two record
 * layers over the in-memory pipe, the record sizes on the wire, reads and
 * writes through a transport that moves one byte at a time or would block
 * between calls, and the rules of the output queue.
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
    assert_int_equal(glass_pipe_new(&q->p, 1 << 20), 0);
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
    glass_transport t = script_transport(sp);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fragmenting_a_large_message),
        cmocka_unit_test(test_record_sizes_on_the_wire),
        cmocka_unit_test(test_nonblocking_reads),
        cmocka_unit_test(test_nonblocking_writes),
        cmocka_unit_test(test_queue_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
