/* duel.c — see duel.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "duel.h"
#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "conn/conn.h"

void duel_setup(duel *d, int evil_is_client, uint16_t suite)
{
    memset(d, 0, sizeof *d);
    assert_int_equal(hs_pair_setup(&d->p, "chain-localhost.pem", "leaf.key", suite, 1), 0);
    d->evil_is_client = evil_is_client;
}

void duel_connect(duel *d)
{
    assert_int_equal(hs_pair_connect(&d->p), 0);
    d->evil = d->evil_is_client ? d->p.client : d->p.server;
    d->good = d->evil_is_client ? d->p.server : d->p.client;
}

void duel_free(duel *d)
{
    hs_pair_free(&d->p);
    memset(d, 0, sizeof *d);
}

void duel_start(duel *d, int evil_is_client, uint16_t suite, int target)
{
    duel_setup(d, evil_is_client, suite);
    duel_connect(d);
    drive(d, target);
}

int good_run(duel *d)
{
    for (int i = 0; i < 50; i++) {
        if (glass_handshake_done(d->good))
            return 0;
        int rc = glass_handshake_step(d->good);
        if (hs_blocked(rc))
            return 0;
        if (rc != 0)
            return rc;
    }
    return 0;
}

void drive(duel *d, glass_hs_state_id target)
{
    for (int i = 0; i < 100 && glass_conn_state(d->evil) != target; i++) {
        int rc = glass_handshake_step(d->evil);
        assert_true(rc == 0 || hs_blocked(rc));
        assert_int_equal(good_run(d), 0);
    }
    assert_int_equal(glass_conn_state(d->evil), target);
    assert_int_equal(glass_record_pending(&d->evil->rec), 0);
    assert_int_equal(good_run(d), 0);
}

void finish_handshake(duel *d)
{
    int ce, se;
    assert_int_equal(hs_pair_run(&d->p, &ce, &se), 0);
    assert_true(glass_handshake_done(d->evil));
    assert_true(glass_handshake_done(d->good));
}

void evil_send(duel *d, const uint8_t *b, size_t n)
{
    glass_transport t = d->evil->rec.tr;
    assert_int_equal(t.send(t.ctx, b, n), (long)n);
}

size_t seal_by_hand(glass_record_cipher *c, uint8_t type, uint8_t *rec,
                    const uint8_t *pt, size_t len)
{
    uint8_t nonce[12], aad[13];
    size_t body = GLASS_GCM_EXPLICIT_NONCE + len + GLASS_GCM_TAG_SIZE;
    assert_true(c->active);
    assert_true(body <= 0xFFFF);
    rec[0] = type; rec[1] = 3; rec[2] = 3;
    rec[3] = (uint8_t)(body >> 8); rec[4] = (uint8_t)body;
    for (int i = 0; i < 8; i++)
        aad[i] = rec[5 + i] = (uint8_t)(c->seq >> (56 - 8 * i));
    aad[8] = type; aad[9] = 3; aad[10] = 3;
    aad[11] = (uint8_t)(len >> 8); aad[12] = (uint8_t)len;
    memcpy(nonce, c->salt, 4);
    memcpy(nonce + 4, rec + 5, 8);
    assert_int_equal(glass_gcm_seal(&c->gcm, nonce, sizeof nonce, aad, sizeof aad, pt, len,
                                    rec + 13, rec + 13 + len, GLASS_GCM_TAG_SIZE), 0);
    c->seq++;
    return GLASS_RECORD_HEADER_SIZE + body;
}

void evil_seal_send(duel *d, uint8_t type, const uint8_t *payload, size_t len,
                    size_t cut, int fix_len)
{
    static uint8_t rec[GLASS_RECORD_HEADER_SIZE + 0x10000];
    assert_true(GLASS_RECORD_HEADER_SIZE + GLASS_GCM_EXPLICIT_NONCE + len +
                GLASS_GCM_TAG_SIZE <= sizeof rec);
    size_t total = seal_by_hand(&d->evil->rec.write, type, rec, payload, len);
    assert_true(cut < total);
    total -= cut;
    if (fix_len) {
        rec[3] = (uint8_t)((total - GLASS_RECORD_HEADER_SIZE) >> 8);
        rec[4] = (uint8_t)(total - GLASS_RECORD_HEADER_SIZE);
    }
    evil_send(d, rec, total);
}

void evil_app_data(duel *d, const char *data, size_t len)
{
    assert_int_equal(glass_record_write_app(&d->evil->rec, (const uint8_t *)data, len), (long)len);
    assert_int_equal(glass_record_flush(&d->evil->rec), 0);
}

void evil_send_hs(duel *d, const uint8_t *msg, size_t len)
{
    size_t cap;
    uint8_t *out = glass_record_hs_out(&d->evil->rec, &cap);
    assert_true(len <= cap);
    memcpy(out, msg, len);
    assert_int_equal(glass_record_queue_handshake(&d->evil->rec, len), 0);
    assert_int_equal(glass_record_flush(&d->evil->rec), 0);
}

int evil_reads_alert(duel *d, int *level)
{
    glass_record *r = &d->evil->rec;
    for (int i = 0; i < 50; i++) {
        glass_record_msg m;
        int rc = glass_record_next(r, &m);
        if (rc == GLASS_E_ALERT_RECEIVED || rc == GLASS_E_CLOSED)
            break;
        if (rc != 0)
            break;
        if (m.type == GLASS_CT_APPLICATION_DATA)
            glass_record_consume(r, m.len);
    }
    if (!r->alert_in.present)
        return -1;
    if (level != NULL)
        *level = r->alert_in.level;
    return r->alert_in.description;
}

void expect_fatal(duel *d, int got, int want_err, const char *what)
{
    if (got != want_err)
        fail_msg("%s: got %s (%s), want %s", what, glass_err_name(got), glass_strerror(got),
                 glass_err_name(want_err));
    assert_int_equal(glass_conn_error(d->good), want_err);
    int want_alert = glass_alert_for_error(want_err);
    glass_alert sent = glass_conn_last_alert_sent(d->good);
    assert_true(sent.present);
    assert_int_equal(sent.level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(sent.description, want_alert);
    int level = 0;
    int seen = evil_reads_alert(d, &level);
    if (seen != want_alert)
        fail_msg("%s: the peer read alert %d, want %d (%s)", what, seen, want_alert,
                 glass_alert_name(want_alert));
    assert_int_equal(level, GLASS_ALERT_LEVEL_FATAL);
    assert_int_equal(glass_handshake_step(d->good), want_err);
    uint8_t b[4];
    assert_int_equal(glass_read(d->good, b, sizeof b), want_err);
    printf("    %-52s -> %s, alert %s (%d)\n", what, glass_err_name(want_err),
           glass_alert_name(want_alert), want_alert);
}

void still_works(duel *d)
{
    uint8_t b[16];
    assert_int_equal(glass_write(d->evil, (const uint8_t *)"ping", 4), 4);
    assert_int_equal(glass_read(d->good, b, sizeof b), 4);
    assert_memory_equal(b, "ping", 4);
    assert_int_equal(glass_write(d->good, (const uint8_t *)"pong", 4), 4);
    assert_int_equal(glass_read(d->evil, b, sizeof b), 4);
    assert_memory_equal(b, "pong", 4);
}

size_t logged_message(duel *d, int type, uint8_t *msg, size_t cap)
{
    char who = d->evil_is_client ? 'C' : 'S';
    size_t found = 0;
    const hs_log *log = &d->p.log;
    for (size_t i = 0; i + 3 <= log->len;) {
        size_t n = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        const uint8_t *r = log->bytes + i + 3;
        if (log->bytes[i] == who && n > 9 && r[0] == GLASS_CT_HANDSHAKE && r[5] == type) {
            size_t len = ((size_t)r[3] << 8 | r[4]);
            assert_true(len <= cap && len + 5 <= n);
            memcpy(msg, r + 5, len);
            found = len;
        }
        i += 3 + n;
    }
    assert_true(found > 0);
    return found;
}

const uint8_t plain_ccs[6] = { 20, 3, 3, 0, 1, 1 };

void send_plain_hs(duel *d, const uint8_t *msg, size_t len)
{
    static uint8_t rec[GLASS_RECORD_HEADER_SIZE + GLASS_MAX_PLAINTEXT];
    assert_true(len <= GLASS_MAX_PLAINTEXT);
    rec[0] = 22; rec[1] = 3; rec[2] = 3; rec[3] = (uint8_t)(len >> 8); rec[4] = (uint8_t)len;
    memcpy(rec + 5, msg, len);
    evil_send(d, rec, 5 + len);
}
