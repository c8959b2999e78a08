/*
 * test_trace.c — the trace (glasstls/trace.h): tracing changes nothing on
 * the wire; the events follow the step table; both sides report the same
 * master secret, and it is the PRF of the premaster they report; sealed
 * records are the bytes that went out; a refused certificate is reported
 * with its reason; the NSS key log line holds the client random and the
 * master secret; a text prefix starts every line.  (The text and Mermaid
 * output: tests/sh/trace_golden.sh.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/prf.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x25519.h"
#include "helpers/hs_fixture.h"

#define MAX_EV 512
#define GLASS_HS_MAX_SPANS_TEST 2048

typedef struct rec_ev {
    glass_trace_event ev;
    uint8_t data[64];          /* secrets (first 64 bytes) */
    char    handler[64];       /* STATE, SKIPPED */
    char    skipped_because[64];
    char    flavour[64];
    uint8_t random[32], srandom[32];
    int     msg_type;          /* MESSAGE: ev.msg is valid only during the call */
} rec_ev;

typedef struct recorder {
    rec_ev ev[MAX_EV];
    size_t n;
    glass_tracer *forward;     /* optional: also hand the event to a tracer */
    const hs_log *log;         /* the wire, to match sealed records */
    size_t sealed_found, sealed_seen;
} recorder;

static int in_log(const hs_log *log, int is_server, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 3 <= log->len;) {
        size_t len = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        if (log->bytes[i] == (is_server ? 'S' : 'C') && len >= n &&
            memcmp(log->bytes + i + 3, p, n) == 0)
            return 1;
        i += 3 + len;
    }
    return 0;
}

static void record_event(void *ctx, const glass_trace_event *ev)
{
    recorder *r = ctx;
    if (r->n < MAX_EV) {
        rec_ev *e = &r->ev[r->n++];
        e->ev = *ev;
        if (ev->kind == GLASS_TRACE_SECRET) {
            memcpy(e->data, ev->data, ev->len < 64 ? ev->len : 64);
            memcpy(e->random, ev->client_random, 32);
            memcpy(e->srandom, ev->server_random, 32);
        }
        if (ev->kind == GLASS_TRACE_MESSAGE)
            e->msg_type = ev->msg != NULL ? (int)ev->msg->type : -1;
        if (ev->kind == GLASS_TRACE_STATE || ev->kind == GLASS_TRACE_SKIPPED)
            snprintf(e->handler, sizeof e->handler, "%s", ev->handler);
        if (ev->kind == GLASS_TRACE_STATE || ev->kind == GLASS_TRACE_SKIPPED)
            snprintf(e->flavour, sizeof e->flavour, "%s",
                     ev->flavour != NULL ? ev->flavour : "(null)");
        if (ev->kind == GLASS_TRACE_SKIPPED)
            snprintf(e->skipped_because, sizeof e->skipped_because, "%s",
                     ev->skipped_because != NULL ? ev->skipped_because : "(null)");
    }
    if (ev->kind == GLASS_TRACE_RECORD && ev->sent && r->log != NULL) {
        /* the sealed record goes out right after this call: remember it */
        r->sealed_seen++;
    }
    if (r->forward != NULL)
        glass_tracer_observe(r->forward, ev);
}

static void run_pair(hs_pair *p, const char *chain, uint16_t suite, int ems,
                     glass_trace_fn fn, void *ctx, int expect_ok)
{
    assert_int_equal(hs_pair_setup(p, chain, "leaf.key", suite, ems), 0);
    p->ccfg.trace = p->scfg.trace = fn;
    p->ccfg.trace_ctx = p->scfg.trace_ctx = ctx;
    assert_int_equal(hs_pair_connect(p), 0);
    int ce, se;
    int rc = hs_pair_run(p, &ce, &se);
    if (expect_ok)
        assert_int_equal(rc, 0);
    else
        assert_int_not_equal(rc, 0);
}

/* The same fixed-seed handshake with no observer, a recording observer and
 * the full level-3 tracer: identical bytes on the wire. */
static void test_trace_changes_nothing(void **state)
{
    (void)state;
    static const uint16_t suites[] = { 0xC02F, 0x009C, 0xC030, 0x009D };
    for (size_t k = 0; k < 4; k++) {
        static hs_pair a, b, c;
        static recorder rec;
        memset(&rec, 0, sizeof rec);
        run_pair(&a, "chain-localhost.pem", suites[k], 1, NULL, NULL, 1);
        run_pair(&b, "chain-localhost.pem", suites[k], 1, record_event, &rec, 1);
        FILE *out = tmpfile();
        assert_non_null(out);
        glass_tracer *t;
        assert_int_equal(glass_tracer_new(&t), 0);
        assert_non_null(t);
        glass_tracer_text(t, out, 3, 0);
        run_pair(&c, "chain-localhost.pem", suites[k], 1, glass_tracer_observe, t, 1);
        glass_tracer_free(t);
        assert_true(ftell(out) > 10000);          /* level 3 wrote a lot */
        fclose(out);
        assert_true(rec.n > 40);
        assert_int_equal(a.log.len, b.log.len);
        assert_memory_equal(a.log.bytes, b.log.bytes, a.log.len);
        assert_int_equal(a.log.len, c.log.len);
        assert_memory_equal(a.log.bytes, c.log.bytes, a.log.len);
        hs_pair_free(&a);
        hs_pair_free(&b);
        hs_pair_free(&c);
    }
}

/* STATE and SKIPPED events are the rows of the full flavour (no server
 * here asks for a client certificate), in order: each row that runs is a
 * STATE followed by its MESSAGE; the ServerKeyExchange of an RSA suite
 * and the ClientKeyExchange of the other key exchange are SKIPPED with
 * their reasons; secrets agree between the sides and with the PRF; every
 * sealed record is on the wire. */
static void check_events(uint16_t suite, int ems)
{
    static hs_pair p;
    static recorder rec;
    memset(&rec, 0, sizeof rec);
    rec.log = &p.log;
    run_pair(&p, "chain-localhost.pem", suite, ems, record_event, &rec, 1);
    const glass_suite_info *si = glass_suite_find(suite);
    assert_non_null(si);
    int rsa = si->kx == GLASS_KX_RSA;

    for (int role = 0; role <= 1; role++) {
        size_t row = 0, states = 0, messages = 0, skipped = 0;
        glass_hs_step_info info;
        for (size_t i = 0; i < rec.n; i++) {
            const glass_trace_event *ev = &rec.ev[i].ev;
            if (ev->is_server != role)
                continue;
            if (ev->kind == GLASS_TRACE_STATE || ev->kind == GLASS_TRACE_SKIPPED) {
                /* the next row of the full flavour (the NewSessionTicket
                 * step is skipped quietly: no ticket was asked for) */
                assert_true(glass_hs_flavour_step(role, 0, row, &info));
                if (info.msg_type == GLASS_HS_NEW_SESSION_TICKET)
                    assert_true(glass_hs_flavour_step(role, 0, ++row, &info));
                row++;
                assert_string_equal(rec.ev[i].handler, info.handler);
                assert_string_equal(rec.ev[i].flavour, "full");
                assert_int_equal(ev->state, info.state);
                assert_int_equal(ev->we_send, info.we_send);
                assert_int_equal(ev->msg_type, info.msg_type);
                if (ev->kind == GLASS_TRACE_SKIPPED) {
                    assert_string_not_equal(info.condition, "always");
                    if (ev->state == GLASS_ST_SERVER_KEY_EXCHANGE) {
                        assert_true(rsa);
                        assert_string_equal(rec.ev[i].skipped_because, "RSA key exchange");
                    } else {
                        /* the other way of the key-exchange choice */
                        assert_int_equal(ev->state, GLASS_ST_CLIENT_KEY_EXCHANGE);
                        assert_string_equal(info.choice, "key exchange");
                        assert_string_equal(rec.ev[i].skipped_because,
                                            rsa ? "RSA key exchange" : "ECDHE key exchange");
                        assert_non_null(strstr(info.handler, rsa ? "_ecdhe" : "_rsa"));
                    }
                    skipped++;
                    continue;
                }
                states++;
            } else if (ev->kind == GLASS_TRACE_MESSAGE) {
                assert_int_equal(ev->sent, info.we_send);
                assert_int_equal(rec.ev[i].msg_type, info.msg_type);
                assert_non_null(ev->data);
                messages++;
            }
        }
        assert_int_equal(states, messages);
        assert_int_equal(states, rsa ? 9 : 10);
        assert_int_equal(skipped, rsa ? 2 : 1);
        assert_false(glass_hs_flavour_step(role, 0, row, &info));     /* every row seen */
    }

    /* secrets: per side premaster, [session hash], master, 2 keys, 2 IVs */
    const rec_ev *pm[2] = { NULL, NULL }, *sh[2] = { NULL, NULL }, *ms[2] = { NULL, NULL };
    const rec_ev *xpriv[2] = { NULL, NULL };
    size_t keys[2] = { 0, 0 }, fin_hashes[2] = { 0, 0 };
    for (size_t i = 0; i < rec.n; i++) {
        const glass_trace_event *ev = &rec.ev[i].ev;
        if (ev->kind != GLASS_TRACE_SECRET)
            continue;
        int s = ev->is_server;
        switch (ev->secret) {
        case GLASS_SECRET_PREMASTER:    pm[s] = &rec.ev[i]; break;
        case GLASS_SECRET_SESSION_HASH: sh[s] = &rec.ev[i]; break;
        case GLASS_SECRET_MASTER:       ms[s] = &rec.ev[i]; break;
        case GLASS_SECRET_CLIENT_WRITE_KEY: case GLASS_SECRET_SERVER_WRITE_KEY:
            assert_int_equal(ev->len, si->key_len); keys[s]++; break;
        case GLASS_SECRET_CLIENT_WRITE_IV: case GLASS_SECRET_SERVER_WRITE_IV:
            assert_int_equal(ev->len, 4); keys[s]++; break;
        case GLASS_SECRET_X25519_PRIVATE: xpriv[s] = &rec.ev[i]; break;
        case GLASS_SECRET_FINISHED_HASH:
            /* one for the Finished it sends, one for the one it checks */
            assert_int_equal(ev->len, glass_hash_size(si->prf_hash));
            assert_int_equal(ev->finished_server, ev->sent ? s : !s);
            fin_hashes[s]++;
            break;
        }
    }
    for (int s = 0; s <= 1; s++) {
        assert_int_equal(fin_hashes[s], 2);
        assert_int_equal(xpriv[s] != NULL, si->kx != GLASS_KX_RSA);
    }
    if (si->kx != GLASS_KX_RSA) {
        /* the printed private keys give the premaster: X25519(a, b*G) */
        uint8_t pub[32], shared[32];
        glass_x25519_base(pub, xpriv[1]->data);
        glass_x25519(shared, xpriv[0]->data, pub);
        assert_memory_equal(shared, pm[0]->data, 32);
    }
    for (int s = 0; s <= 1; s++) {
        assert_non_null(pm[s]);
        assert_non_null(ms[s]);
        assert_int_equal(keys[s], 4);
        assert_int_equal(pm[s]->ev.len, si->kx == GLASS_KX_RSA ? 48 : 32);
        assert_int_equal(ms[s]->ev.len, 48);
        assert_int_equal(ems ? 1 : 0, sh[s] != NULL ? 1 : 0);
    }
    /* both sides derived the same premaster and master secret */
    assert_memory_equal(pm[0]->data, pm[1]->data, pm[0]->ev.len);
    assert_memory_equal(ms[0]->data, ms[1]->data, 48);
    /* and the master is the PRF of the premaster (RFC 5246 8.1 / RFC 7627 4) */
    uint8_t master[48];
    if (ems)
        assert_int_equal(glass_extended_master_secret(si->prf_hash, pm[0]->data, pm[0]->ev.len,
                                                      sh[0]->data, sh[0]->ev.len, master), 0);
    else
        assert_int_equal(glass_master_secret(si->prf_hash, pm[0]->data, pm[0]->ev.len,
                                             ms[0]->random, ms[0]->srandom, master), 0);
    assert_memory_equal(master, ms[0]->data, 48);
    assert_true(rec.sealed_seen >= 6);
    hs_pair_free(&p);
}

static void test_events_ecdhe_ems(void **state) { (void)state; check_events(0xC02F, 1); }
static void test_events_rsa_ems(void **state)   { (void)state; check_events(0x009C, 1); }
static void test_events_rsa_classic(void **state) { (void)state; check_events(0x009D, 0); }

/* Sealed records: the bytes the event shows are the bytes sent. */
typedef struct seal_check {
    hs_pair *p;
    const uint8_t *pending;
    size_t pending_len;
    int pending_server;
    size_t checked, found;
    uint8_t copy[20000];
} seal_check;

static void check_prev(seal_check *s)
{
    if (s->pending_len != 0) {
        s->checked++;
        s->found += in_log(&s->p->log, s->pending_server, s->copy, s->pending_len);
        s->pending_len = 0;
    }
}

static void seal_event(void *ctx, const glass_trace_event *ev)
{
    seal_check *s = ctx;
    check_prev(s);                  /* the record of the last call has gone out by now */
    if (ev->kind == GLASS_TRACE_RECORD && ev->sent && ev->len <= sizeof s->copy) {
        memcpy(s->copy, ev->data, ev->len);
        s->pending_len = ev->len;
        s->pending_server = ev->is_server;
    }
}

static void test_sealed_records_are_sent(void **state)
{
    (void)state;
    static hs_pair p;
    static seal_check s;
    memset(&s, 0, sizeof s);
    s.p = &p;
    run_pair(&p, "chain-localhost.pem", 0xC02F, 1, seal_event, &s, 1);
    check_prev(&s);
    assert_true(s.checked >= 9);
    assert_int_equal(s.found, s.checked);
    hs_pair_free(&p);
}

/* A refused certificate: the result event has the error and reason, and
 * the alert sent is reported. */
static void test_refused_certificate(void **state)
{
    (void)state;
    static hs_pair p;
    static recorder rec;
    memset(&rec, 0, sizeof rec);
    run_pair(&p, "chain-wronghost.pem", 0xC02F, 1, record_event, &rec, 0);
    int result_seen = 0, alert_seen = 0;
    for (size_t i = 0; i < rec.n; i++) {
        const glass_trace_event *ev = &rec.ev[i].ev;
        if (ev->kind == GLASS_TRACE_CERT && ev->cert_step == GLASS_CERT_RESULT) {
            assert_int_equal(ev->result, GLASS_E_CERT_HOSTNAME);
            result_seen = 1;
        }
        if (ev->kind == GLASS_TRACE_ALERT && ev->sent && !ev->is_server) {
            assert_int_equal(ev->alert_level, GLASS_ALERT_LEVEL_FATAL);
            assert_int_equal(ev->alert_desc, glass_alert_for_error(GLASS_E_CERT_HOSTNAME));
            alert_seen = 1;
        }
    }
    assert_true(result_seen);
    assert_true(alert_seen);
    hs_pair_free(&p);
}

/* The key log: one CLIENT_RANDOM line with the ClientHello random and the
 * master secret both sides derived, even though both sides are observed. */
static void test_keylog(void **state)
{
    (void)state;
    static hs_pair p;
    static recorder rec;
    char path[] = "/tmp/glass-keylog-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    memset(&rec, 0, sizeof rec);
    assert_int_equal(glass_tracer_new(&rec.forward), 0);
    assert_non_null(rec.forward);
    assert_int_equal(glass_tracer_keylog(rec.forward, path), 0);
    assert_int_equal(glass_tracer_keylog(rec.forward, NULL), GLASS_E_INVALID_ARG);
    run_pair(&p, "chain-localhost.pem", 0xC02F, 1, record_event, &rec, 1);
    glass_tracer_free(rec.forward);

    const rec_ev *ms = NULL;
    for (size_t i = 0; i < rec.n; i++)
        if (rec.ev[i].ev.kind == GLASS_TRACE_SECRET && rec.ev[i].ev.secret == GLASS_SECRET_MASTER)
            ms = &rec.ev[i];
    assert_non_null(ms);
    char want[256], got[512];
    int n = snprintf(want, sizeof want, "CLIENT_RANDOM ");
    for (int i = 0; i < 32; i++)
        n += snprintf(want + n, sizeof want - (size_t)n, "%02x", ms->random[i]);
    n += snprintf(want + n, sizeof want - (size_t)n, " ");
    for (int i = 0; i < 48; i++)
        n += snprintf(want + n, sizeof want - (size_t)n, "%02x", ms->data[i]);
    snprintf(want + n, sizeof want - (size_t)n, "\n");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t len = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    unlink(path);
    got[len] = '\0';
    assert_string_equal(got, want);                /* exactly one line */
    /* the client random is the one in the ClientHello on the wire: record
     * header (5) + handshake header (4) + version (2) */
    assert_memory_equal(ms->random, p.log.bytes + 3 + 5 + 4 + 2, 32);
    hs_pair_free(&p);
}

/* The text of one fixed-seed handshake at level lvl, with prefix (or
 * none), read back whole (malloc'ed, NUL-terminated). */
static char *traced_text(int lvl, const char *prefix, size_t *len)
{
    static hs_pair p;
    FILE *out = tmpfile();
    assert_non_null(out);
    glass_tracer *t;
    assert_int_equal(glass_tracer_new(&t), 0);
    if (prefix != NULL)
        glass_tracer_text_prefix(t, prefix);
    glass_tracer_text(t, out, lvl, 0);
    run_pair(&p, "chain-localhost.pem", 0xC02F, 1, glass_tracer_observe, t, 1);
    glass_tracer_free(t);
    hs_pair_free(&p);
    long n = ftell(out);
    assert_true(n > 0);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    rewind(out);
    assert_int_equal(fread(buf, 1, (size_t)n, out), (size_t)n);
    fclose(out);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* glass_tracer_text_prefix: every line of the text starts with the
 * prefix (the level-3 warning and the held, deferred lines too), and with
 * it taken off the text is the same as without one. */
static void test_text_prefix(void **state)
{
    (void)state;
    for (int lvl = 1; lvl <= 3; lvl++) {
        size_t n0, n1;
        char *plain = traced_text(lvl, NULL, &n0);
        char *tagged = traced_text(lvl, "[c7] ", &n1);
        size_t lines = 0;
        for (size_t i = 0; i < n0; i++)
            lines += plain[i] == '\n';
        assert_true(lines > 20);
        assert_int_equal(plain[n0 - 1], '\n');
        assert_int_equal(n1, n0 + 5 * lines);
        char *stripped = malloc(n0 + 1), *o = stripped;
        assert_non_null(stripped);
        for (char *line = tagged; *line != '\0';) {
            assert_memory_equal(line, "[c7] ", 5);
            char *nl = strchr(line, '\n');
            assert_non_null(nl);
            memcpy(o, line + 5, (size_t)(nl + 1 - line - 5));
            o += nl + 1 - line - 5;
            line = nl + 1;
        }
        *o = '\0';
        assert_string_equal(stripped, plain);
        if (lvl == 3)
            assert_memory_equal(tagged, "[c7] WARNING: trace level 3", 27);
        free(stripped);
        free(plain);
        free(tagged);
    }
    glass_tracer_text_prefix(NULL, "x");              /* NULL tracer: nothing */
}

/* ------------------------------------------------------------ byte map
 * Every byte of every handshake message and every record of a real
 * handshake (and of application data and close_notify each way) is
 * covered by exactly one leaf span of the byte map (glasstls/fields.h);
 * each span names a field of the table.  The check itself must fail when
 * one leaf is dropped or doubled, or the test would prove nothing. */
typedef struct cover {
    size_t messages, records, encrypted, bad, unnamed, mutants, mutants_caught;
    int    bad_type, bad_record;
    long   bad_at;
    unsigned seen_fields[GLASS_F_COUNT];
    glass_span tmp[GLASS_HS_MAX_SPANS_TEST];
} cover;

static void cover_map(cover *c, const glass_span *sp, size_t n, size_t len, int type,
                      int record)
{
    long at = sp != NULL ? glass_spans_check(sp, n, len) : 0;
    if (at != -1) {
        if (c->bad++ == 0) {
            c->bad_type = type;
            c->bad_record = record;
            c->bad_at = at;
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (glass_field_get(sp[i].field) == NULL)
            c->unnamed++;
        else
            c->seen_fields[sp[i].field]++;
    }
    if (n + 1 > GLASS_HS_MAX_SPANS_TEST)
        return;
    /* mutants: each leaf dropped, and the first leaf doubled */
    for (size_t drop = 0; drop < n; drop++) {
        if (sp[drop].group)
            continue;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (i != drop)
                c->tmp[m++] = sp[i];
        c->mutants++;
        c->mutants_caught += glass_spans_check(c->tmp, m, len) != -1;
    }
    for (size_t i = 0; i < n; i++)
        c->tmp[i + (i > 0)] = sp[i];
    c->tmp[1] = sp[0];
    c->mutants++;
    c->mutants_caught += glass_spans_check(c->tmp, n + 1, len) != -1;
}

static void cover_event(void *ctx, const glass_trace_event *ev)
{
    cover *c = ctx;
    if (ev->kind == GLASS_TRACE_MESSAGE) {
        c->messages++;
        cover_map(c, ev->spans, ev->n_spans, ev->len, ev->msg ? (int)ev->msg->type : -1, 0);
    } else if (ev->kind == GLASS_TRACE_RECORD) {
        c->records++;
        cover_map(c, ev->spans, ev->n_spans, ev->record_len, ev->content_type, 1);
        if (ev->encrypted) {
            c->encrypted++;
            /* the AAD names this record: its type and plaintext length */
            if (ev->aad[8] != ev->content_type ||
                (size_t)(ev->aad[11] << 8 | ev->aad[12]) != ev->plaintext_len ||
                memcmp(ev->nonce + 4, ev->record + 5, 8) != 0)
                c->bad++;
        }
    }
}

static void check_byte_map(uint16_t suite, int ems, int request_cert, int client_cert)
{
    static hs_pair p;
    static cover c;
    static glass_x509_list cchain, cca;
    static glass_rsa_private ckey;
    int ce, se;
    memset(&c, 0, sizeof c);
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", suite, ems), 0);
    p.ccfg.trace = p.scfg.trace = cover_event;
    p.ccfg.trace_ctx = p.scfg.trace_ctx = &c;
    p.scfg.request_client_certificate = request_cert;
    glass_x509_list_init(&cchain);
    glass_x509_list_init(&cca);
    if (client_cert) {                     /* the client answers with a chain and signs */
        assert_int_equal(glass_x509_list_load_file(&cchain, "tests/certs/client.pem"), 0);
        assert_int_equal(glass_x509_key_load_file(&ckey, "tests/certs/client.key"), 0);
        assert_int_equal(glass_x509_list_load_file(&cca, "tests/certs/client-ca.pem"), 0);
        p.ccfg.chain = &cchain;
        p.ccfg.key = &ckey;
        p.scfg.trust = &cca;
    }
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    static const uint8_t req[] = "GET / HTTP/1.1\r\n\r\n", resp[] = "HTTP/1.1 200 OK\r\n\r\n";
    uint8_t buf[64];
    assert_int_equal(glass_write(p.client, req, sizeof req - 1), (long)(sizeof req - 1));
    assert_int_equal(glass_read(p.server, buf, sizeof buf), (long)(sizeof req - 1));
    assert_int_equal(glass_write(p.server, resp, sizeof resp - 1), (long)(sizeof resp - 1));
    assert_int_equal(glass_read(p.client, buf, sizeof buf), (long)(sizeof resp - 1));
    assert_int_equal(glass_close(p.client), 0);
    assert_int_equal(glass_read(p.server, buf, sizeof buf), GLASS_E_CLOSED);

    if (c.bad != 0)
        print_message("first bad map: %s type %d, offset %ld\n",
                      c.bad_record ? "record" : "message", c.bad_type, c.bad_at);
    assert_int_equal(c.bad, 0);
    assert_int_equal(c.unnamed, 0);
    /* both sides report each message: 9 (RSA) or 10 (ECDHE) each, and a
     * CertificateRequest and the client's (empty) Certificate when asked */
    assert_int_equal(c.messages, (glass_suite_find(suite)->kx == GLASS_KX_RSA ? 18 : 20) +
                                 (request_cert ? 4 : 0) + (client_cert ? 2 : 0));
    if (client_cert) {                     /* CertificateVerify, sent and received */
        assert_int_equal(c.seen_fields[GLASS_F_CV_SIGALG], 2);
        assert_int_equal(c.seen_fields[GLASS_F_CV_SIG], 2);
    }
    if (request_cert) {
        assert_int_equal(c.seen_fields[GLASS_F_CR_TYPE] > 0, 1);
        assert_int_equal(c.seen_fields[GLASS_F_CR_CAS_LEN], 2);
    }
    assert_true(c.records >= 2 * (c.messages / 2) + 4);
    assert_true(c.encrypted >= 8);          /* Finished, data and alerts, both ways */
    assert_true(c.mutants > 100);
    assert_int_equal(c.mutants_caught, c.mutants);
    /* fields that every such handshake has, sent and received */
    static const int always[] = { GLASS_F_REC_TYPE, GLASS_F_REC_TAG, GLASS_F_REC_EXPLICIT_NONCE,
                                  GLASS_F_REC_CIPHERTEXT, GLASS_F_HS_LENGTH, GLASS_F_CH_SUITE,
                                  GLASS_F_EXT_TYPE, GLASS_F_SNI_NAME, GLASS_F_CERT_DER,
                                  GLASS_F_FIN_VERIFY_DATA, GLASS_F_CCS_TYPE };
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        assert_true(c.seen_fields[always[i]] >= 2);
    if (glass_suite_find(suite)->kx == GLASS_KX_RSA)
        assert_int_equal(c.seen_fields[GLASS_F_CKE_RSA], 2);
    else
        assert_int_equal(c.seen_fields[GLASS_F_SKE_SIG] + c.seen_fields[GLASS_F_CKE_ECDH], 4);
    hs_pair_free(&p);
    glass_x509_list_free(&cchain);
    glass_x509_list_free(&cca);
}

static void test_byte_map_ecdhe(void **state) { (void)state; check_byte_map(0xC02F, 1, 0, 0); }
static void test_byte_map_rsa(void **state)   { (void)state; check_byte_map(0x009C, 1, 0, 0); }
static void test_byte_map_rsa_classic(void **state) { (void)state; check_byte_map(0x009D, 0, 0, 0); }
static void test_byte_map_cert_request(void **state)
{
    (void)state;
    check_byte_map(0xC030, 1, 1, 0);
}
/* the client-certificate flavour: Certificate with a chain, and the
 * CertificateVerify (lib/handshake/certificate_verify.c) mapped too */
static void test_byte_map_client_cert(void **state)
{
    (void)state;
    check_byte_map(0xC02F, 1, GLASS_CLIENT_CERT_REQUIRED, 1);
    check_byte_map(0x009C, 1, GLASS_CLIENT_CERT_OPTIONAL, 1);
}

/* The table: every field has a name, a section and its paragraph. */
static void test_field_table(void **state)
{
    (void)state;
    assert_null(glass_field_get(GLASS_F_NONE));
    assert_null(glass_field_get(GLASS_F_COUNT));
    for (int id = 1; id < GLASS_F_COUNT; id++) {
        const glass_field_info *f = glass_field_get(id);
        assert_non_null(f);
        assert_int_equal(f->id, id);
        assert_true(strlen(f->name) > 2);
        assert_true(strncmp(f->section, "RFC ", 4) == 0);
        assert_true(strlen(f->why) > 20);
    }
    char v[64];
    static const uint8_t ver[] = { 3, 3 }, suite[] = { 0xc0, 0x2f }, host[] = "a.test";
    glass_field_value(GLASS_F_REC_VERSION, ver, 2, v, sizeof v);
    assert_string_equal(v, "0x0303 (TLS 1.2)");
    glass_field_value(GLASS_F_CH_SUITE, suite, 2, v, sizeof v);
    assert_string_equal(v, "0xc02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    glass_field_value(GLASS_F_SNI_NAME, host, 6, v, sizeof v);
    assert_string_equal(v, "\"a.test\"");
    uint8_t many[100];
    memset(many, 0xab, sizeof many);
    assert_true(glass_field_value(GLASS_F_SESSION_ID, many, sizeof many, v, 16) < 16);
    assert_string_equal(v + strlen(v) - 3, "...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trace_changes_nothing),
        cmocka_unit_test(test_events_ecdhe_ems),
        cmocka_unit_test(test_events_rsa_ems),
        cmocka_unit_test(test_events_rsa_classic),
        cmocka_unit_test(test_sealed_records_are_sent),
        cmocka_unit_test(test_refused_certificate),
        cmocka_unit_test(test_keylog),
        cmocka_unit_test(test_text_prefix),
        cmocka_unit_test(test_byte_map_ecdhe),
        cmocka_unit_test(test_byte_map_rsa),
        cmocka_unit_test(test_byte_map_rsa_classic),
        cmocka_unit_test(test_byte_map_cert_request),
        cmocka_unit_test(test_byte_map_client_cert),
        cmocka_unit_test(test_field_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
