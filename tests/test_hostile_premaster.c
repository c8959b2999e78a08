/*
 * test_hostile_premaster.c — the hostile-peer suite, part 3: every kind of
 * bad RSA premaster (RFC 5246 section 7.4.7.1, RFC 8017 section 7.2.2)
 * sent by an evil client to the glasstls server.
 *
 * The evil client runs an honest RSA-suite handshake, except that its
 * ClientKeyExchange record is replaced on the wire by one we build: an
 * encoded block EM written by hand, raised to e mod n with the server's
 * public key (glass_rsa_public_raw).  The client keeps using its own
 * premaster, so in every case its encrypted Finished was made with other
 * keys than the server's.
 *
 * The reference is a GOOD premaster (correct padding, 48 bytes, version
 * 3.3) that is not the client's: from the server's side, a good premaster
 * followed by a wrong Finished.  A padding oracle would be any difference
 * between that and a bad block, so each bad case must give the server the
 * same error, the same alert and byte-for-byte the same output.
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
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "conn/conn.h"
#include "handshake/hs_internal.h"
#include "record/record.h"
#include "helpers/duel.h"
#include "helpers/hs_fixture.h"

static duel D;

#define RSA_BYTES 512              /* room for any modulus we use */

typedef enum pm_kind {
    PM_GOOD,              /* 00 02 PS 00 03 03 R46: valid */
    PM_FIRST_BYTE,        /* 01 02 ... */
    PM_BLOCK_TYPE_1,      /* 00 01 ... (signature padding) */
    PM_BLOCK_TYPE_0,      /* 00 00 ... */
    PM_NO_SEPARATOR,      /* PS runs to the end: no zero byte */
    PM_SHORT_PS,          /* the zero after 7 bytes of PS (8 is the minimum) */
    PM_EMPTY_PS,          /* 00 02 00 ... */
    PM_LEN_47,            /* valid padding, 47-byte premaster */
    PM_LEN_49,            /* valid padding, 49-byte premaster */
    PM_LEN_0,             /* valid padding, empty premaster (00 at the end) */
    PM_VERSION_0301,      /* 48 bytes, version 3.1 */
    PM_VERSION_0300,      /* 48 bytes, version 3.0 */
    PM_VERSION_SWAPPED,   /* 48 bytes, 03 03 stored as 03 30 */
    PM_CT_ABOVE_N,        /* ciphertext >= n */
    PM_CT_SHORT,          /* ciphertext k-1 bytes */
    PM_CT_LONG,           /* ciphertext k+1 bytes */
    PM_COUNT
} pm_kind;

static const char *const pm_names[PM_COUNT] = {
    "good padding, not the client's premaster", "first byte 01", "block type 01",
    "block type 00", "no zero separator", "zero separator after 7 bytes of PS",
    "empty PS", "premaster of 47 bytes", "premaster of 49 bytes", "premaster of 0 bytes",
    "premaster version 3.1", "premaster version 3.0", "premaster version 03 30",
    "ciphertext >= modulus", "ciphertext of k-1 bytes", "ciphertext of k+1 bytes",
};

/* EM = 00 02 PS 00 M with m_len bytes of M (03 03 then 0x5A...). */
static void pm_block(uint8_t *em, size_t k, size_t m_len)
{
    size_t ps_len = k - 3 - m_len;
    em[0] = 0x00;
    em[1] = 0x02;
    for (size_t i = 0; i < ps_len; i++)
        em[2 + i] = (uint8_t)(1 + (i * 37) % 255);         /* never zero */
    em[2 + ps_len] = 0x00;
    uint8_t *m = em + 3 + ps_len;
    for (size_t i = 0; i < m_len; i++)
        m[i] = 0x5A;
    if (m_len >= 2) {
        m[0] = 3;
        m[1] = 3;
    }
}

/* The ClientKeyExchange body for kind: uint16 length, ciphertext.  Also
 * the premaster the server would use, when the block is good, in pm. */
static size_t pm_cke(pm_kind kind, const glass_rsa_public *pub, uint8_t *body)
{
    uint8_t em[RSA_BYTES], ct[RSA_BYTES + 1];
    size_t k = glass_rsa_size(pub), ct_len = k;
    assert_true(k <= RSA_BYTES && k >= 128);

    pm_block(em, k, kind == PM_LEN_47 ? 47 : kind == PM_LEN_49 ? 49 : kind == PM_LEN_0 ? 0 : 48);
    switch (kind) {
    case PM_FIRST_BYTE:      em[0] = 0x01; break;
    case PM_BLOCK_TYPE_1:    em[1] = 0x01; break;
    case PM_BLOCK_TYPE_0:    em[1] = 0x00; break;
    case PM_NO_SEPARATOR:    em[k - 49] = 0x33; break;
    case PM_SHORT_PS:        em[2 + 7] = 0x00; break;
    case PM_EMPTY_PS:        em[2] = 0x00; break;
    case PM_VERSION_0301:    em[k - 47] = 0x01; break;
    case PM_VERSION_0300:    em[k - 47] = 0x00; break;
    case PM_VERSION_SWAPPED: em[k - 47] = 0x30; break;
    default: break;
    }
    assert_int_equal(glass_rsa_public_raw(pub, em, k, ct, k), 0);
    if (kind == PM_CT_ABOVE_N)
        memset(ct, 0xFF, k);                  /* n < 2^(8k) - 1 */
    if (kind == PM_CT_SHORT)
        ct_len = k - 1;
    if (kind == PM_CT_LONG) {
        ct[k] = 0x00;
        ct_len = k + 1;
    }
    body[0] = (uint8_t)(ct_len >> 8);
    body[1] = (uint8_t)ct_len;
    memcpy(body + 2, ct, ct_len);
    return 2 + ct_len;
}

/* A transport in front of the evil client's that swaps its
 * ClientKeyExchange record for ours. */
typedef struct pm_swap {
    glass_transport inner;
    uint8_t rec[5 + 4 + 2 + RSA_BYTES + 1];
    size_t  rec_len;
    int     swapped;
} pm_swap;

static long pm_swap_send(void *ctx, const uint8_t *buf, size_t len)
{
    pm_swap *s = ctx;
    if (!s->swapped && len > 9 && buf[0] == GLASS_CT_HANDSHAKE &&
        buf[5] == GLASS_HS_CLIENT_KEY_EXCHANGE) {
        assert_int_equal(len, 5 + ((size_t)buf[3] << 8 | buf[4]));   /* one whole record */
        s->swapped = 1;
        assert_int_equal(s->inner.send(s->inner.ctx, s->rec, s->rec_len), (long)s->rec_len);
        return (long)len;
    }
    return s->inner.send(s->inner.ctx, buf, len);
}

static long pm_swap_recv(void *ctx, uint8_t *buf, size_t len)
{
    pm_swap *s = ctx;
    return s->inner.recv(s->inner.ctx, buf, len);
}

/* What the server did in one case. */
typedef struct pm_result {
    int     err;              /* the server's error */
    int     alert;            /* the alert it sent */
    int     client_saw;       /* the alert the client read */
    int     state;            /* the server's state when it failed */
    size_t  out_len;          /* everything the server sent */
    uint8_t out[16384];
} pm_result;

static void pm_run(pm_kind kind, pm_result *res)
{
    static pm_swap swap;
    static uint8_t body[2 + RSA_BYTES + 1];

    duel_setup(&D, 1, RSAKX);
    duel_connect(&D);
    memset(&swap, 0, sizeof swap);
    swap.inner = D.evil->rec.tr;
    size_t n = pm_cke(kind, &D.p.key.pub, body);
    swap.rec[0] = 22; swap.rec[1] = 3; swap.rec[2] = 3;
    swap.rec[3] = (uint8_t)((n + 4) >> 8); swap.rec[4] = (uint8_t)(n + 4);
    swap.rec[5] = GLASS_HS_CLIENT_KEY_EXCHANGE;
    swap.rec[6] = 0; swap.rec[7] = (uint8_t)(n >> 8); swap.rec[8] = (uint8_t)n;
    memcpy(swap.rec + 9, body, n);
    swap.rec_len = 9 + n;
    glass_transport t = { &swap, pm_swap_send, pm_swap_recv };
    D.evil->rec.tr = t;

    int ce, se;
    assert_int_not_equal(hs_pair_run(&D.p, &ce, &se), 0);
    assert_true(swap.swapped);
    res->err = se;
    res->alert = glass_conn_last_alert_sent(D.good).description;
    res->client_saw = glass_conn_last_alert_received(D.evil).present
                      ? glass_conn_last_alert_received(D.evil).description : -1;
    res->state = glass_conn_state(D.good);
    res->out_len = 0;
    const hs_log *log = &D.p.log;
    for (size_t i = 0; i + 3 <= log->len;) {
        size_t len = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        if (log->bytes[i] == 'S') {
            assert_true(res->out_len + len <= sizeof res->out);
            memcpy(res->out + res->out_len, log->bytes + i + 3, len);
            res->out_len += len;
        }
        i += 3 + len;
    }
    duel_free(&D);
}

/* Each crafted block is what it claims: glass_rsa_tls_premaster() gives
 * back our premaster for the good one and the random fallback for every
 * bad one (a wrong ciphertext length is refused before decryption). */
static void pm_check_blocks(void)
{
    static hs_pair p;
    static uint8_t body[2 + RSA_BYTES + 1];
    uint8_t want[48], fallback[48], got[48];
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0, 1), 0);
    memset(want, 0x5A, sizeof want);
    want[0] = 3; want[1] = 3;
    memset(fallback, 0xEE, sizeof fallback);
    for (int kind = 0; kind < PM_COUNT; kind++) {
        size_t n = pm_cke((pm_kind)kind, &p.key.pub, body);
        int rc = glass_rsa_tls_premaster(&p.key, glass_drbg_rng, &p.srng, body + 2, n - 2,
                                         0x0303, fallback, got);
        if (kind == PM_CT_SHORT || kind == PM_CT_LONG) {
            assert_int_not_equal(rc, 0);
            continue;
        }
        assert_int_equal(rc, 0);
        if (kind == PM_GOOD)
            assert_memory_equal(got, want, 48);
        else if (memcmp(got, fallback, 48) != 0)
            fail_msg("%s: the crafted block was accepted", pm_names[kind]);
    }
    hs_pair_free(&p);
}

static void test_server_rsa_premaster_paddings(void **state)
{
    (void)state;
    static pm_result ref, res;

    pm_check_blocks();
    pm_run(PM_GOOD, &ref);
    /* a good premaster the client does not share: its Finished record
     * cannot be opened with the server's keys */
    assert_int_equal(ref.err, GLASS_E_BAD_RECORD_MAC);
    assert_int_equal(ref.alert, GLASS_ALERT_BAD_RECORD_MAC);
    assert_int_equal(ref.client_saw, GLASS_ALERT_BAD_RECORD_MAC);
    printf("    %-52s -> %s, alert %s (%d)\n", "server: RSA premaster, good padding (reference)",
           glass_err_name(ref.err), glass_alert_name(ref.alert), ref.alert);
    for (int kind = 1; kind < PM_COUNT; kind++) {
        pm_run((pm_kind)kind, &res);
        if (res.err != ref.err || res.alert != ref.alert || res.client_saw != ref.client_saw)
            fail_msg("RSA premaster, %s: %s and alert %d (client saw %d), want %s and %d",
                     pm_names[kind], glass_err_name(res.err), res.alert, res.client_saw,
                     glass_err_name(ref.err), ref.alert);
        assert_int_equal(res.state, ref.state);
        /* the same messages and the same alert, byte for byte */
        assert_int_equal(res.out_len, ref.out_len);
        assert_memory_equal(res.out, ref.out, ref.out_len);
        printf("    server: RSA premaster, %-34s -> %s, alert %s (%d), same bytes\n",
               pm_names[kind], glass_err_name(res.err), glass_alert_name(res.alert), res.alert);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_rsa_premaster_paddings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
