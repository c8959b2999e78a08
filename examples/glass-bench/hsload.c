/*
 * hsload.c — glass-bench --hsload PORT CONNS SECONDS: a handshake LOAD
 * GENERATOR for benchmarks.  It is NOT a TLS client and must never be
 * used as one:
 *
 *   - it does not check the server's certificate at all (no chain, no
 *     name, no validity): it only takes the RSA key out of the leaf the
 *     server sends on its first connection;
 *   - it encrypts ONE premaster secret once at start-up and sends that
 *     same ClientKeyExchange on every connection, so every connection's
 *     keys derive from one secret that this process holds (the randoms
 *     still differ, so the server does its full work each time);
 *   - its client randoms are a counter, not random.
 * Insecure by design, for loopback benchmarks only (net.sh, "handshake
 * scaling"; docs/performance.md).
 *
 * What it does per connection, CONNS connections at a time (one thread,
 * non-blocking sockets and epoll) for SECONDS seconds against
 * 127.0.0.1:PORT: a REAL full TLS 1.2 handshake with the RSA key exchange (RFC 5246 7.4,
 * suite TLS_RSA_WITH_AES_128_GCM_SHA256, 0x009C): ClientHello offering
 * that suite only (with the renegotiation SCSV, signature_algorithms and
 * extended_master_secret, RFC 7627, so the server takes its default
 * path); ServerHello, Certificate, ServerHelloDone read with strict,
 * bounds-checked record and message framing (anything else, an alert
 * included, fails the connection); the pre-encrypted ClientKeyExchange,
 * ChangeCipherSpec and the client's Finished (the extended master secret
 * from the session hash when the server echoed the extension, RFC 7627
 * 4; the classic one otherwise; key block and verify_data from the TLS
 * PRF, sealed with AES-128-GCM, RFC 5288); then the server's
 * ChangeCipherSpec and Finished, whose tag and verify_data are CHECKED,
 * so every handshake counted really completed on both sides; an
 * encrypted close_notify goes out with the Finished (the server reads it
 * once its own Finished is sent, and logs "closed by the client before
 * any request (close_notify)"), and the socket is closed once the
 * server's Finished is checked.
 *
 * It completes against `openssl s_server -tls1_2` too (tried by hand), so
 * it is not only glass-server agreeing with itself.
 *
 * The client's cost per handshake is a connect, a few reads and writes,
 * SHA-256 over the transcript (~3 KB), five PRF runs and two GCM keys:
 * ~20 us of user time, ~70-110 us with the kernel's loopback TCP work
 * (the sender does the receiver's part), against the server's ~0.5-0.75
 * ms, so the server, not the load, sets the rate.
 *
 * One thread and epoll rather than a thread per connection: on this
 * (virtual) machine a blocked thread's wake-up was a fifth of the load's
 * CPU time; one loop finds several connections ready per wake-up.
 *
 * Output, one line: handshakes=N failures=F ems=E wall_s=W rate=R
 * cpu_s=C cpu_us_per_hs=U (rate = N / W; cpu = this process during the
 * run), then the first failures' reasons.  Exit status 0 only when
 * N > 0 and F == 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "glasstls/drbg.h"
#include "glasstls/gcm.h"
#include "glasstls/prf.h"
#include "glasstls/rsa.h"
#include "glasstls/sha2.h"
#include "glasstls/x509.h"
#include "bench.h"

#define SUITE        0x009C      /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
#define REC_MAX      (16384 + 2048)
#define HS_MAX       32768       /* the whole server flight */
#define MAX_CONNS    256
#define IO_TIMEOUT_S 10.0        /* a connection older than this fails */

static uint16_t g_port;
static int      g_have_key;                     /* the start-up handshake is done */
static uint8_t  g_pms[48];                      /* the ONE premaster secret */
static uint8_t  g_epms[GLASS_RSA_MAX_BYTES];    /* ... encrypted once */
static size_t   g_epms_len;
static uint8_t  g_leaf[8192];                   /* the first leaf seen */
static size_t   g_leaf_len;
static uint8_t  g_rand_prefix[8];               /* per run, from getrandom */
static uint64_t g_counter;                      /* the client randoms */
static unsigned long g_ok, g_failed, g_ems;
static char     g_why[5][160];                  /* the first failures */

enum { P_CONNECT, P_FLIGHT, P_FINISHED };

typedef struct conn {
    int         fd, phase;
    double      started;
    uint8_t     cr[32], sr[32];
    int         ems, nmsg, ccs_seen;
    size_t      used;                 /* of hs: the message being read */
    glass_sha256_ctx th;              /* the transcript */
    uint8_t     master[48], kb[40];   /* wiped after each connection */
    uint8_t     want[12];             /* the server's verify_data */
    uint8_t     in[2 * REC_MAX];
    size_t      in_have, in_off;
    uint8_t     hs[HS_MAX];
    size_t      hs_have;
} conn;

/* WANT: no failure, more bytes needed (the socket said EAGAIN) */
#define WANT 1

static int fail(conn *c, const char *what)
{
    (void)c;
    for (int i = 0; i < 5; i++)
        if (g_why[i][0] == '\0') {
            snprintf(g_why[i], sizeof g_why[i], "%s", what);
            break;
        }
    return -1;
}

static int fail_errno(conn *c, const char *what)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s: %s", what, errno ? strerror(errno) : "connection closed");
    return fail(c, buf);
}

/* A flight is a few hundred bytes on a fresh socket: all of it goes, or
 * the connection fails. */
static int write_all(conn *c, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(c->fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return fail_errno(c, "send");
        p += (size_t)k;
        n -= (size_t)k;
    }
    return 0;
}

/* Makes `need` bytes available at c->in + c->in_off, reading what the
 * socket has: 0, WANT, or -1. */
static int need_bytes(conn *c, size_t need)
{
    if (c->in_have - c->in_off >= need)
        return 0;
    if (c->in_off > 0) {
        memmove(c->in, c->in + c->in_off, c->in_have - c->in_off);
        c->in_have -= c->in_off;
        c->in_off = 0;
    }
    while (c->in_have < need) {
        errno = 0;
        ssize_t k = recv(c->fd, c->in + c->in_have, sizeof c->in - c->in_have, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return WANT;
        if (k <= 0)
            return fail_errno(c, "recv");
        c->in_have += (size_t)k;
    }
    return 0;
}

/* The next record: its type, its body in *body (valid until the next
 * call), its length; nothing consumed on WANT.  Version must be 3,3;
 * length at most 2^14 + 2048; an alert fails the connection. */
static int read_record(conn *c, uint8_t *type, const uint8_t **body, size_t *len)
{
    int rc = need_bytes(c, 5);
    if (rc != 0)
        return rc;
    const uint8_t *h = c->in + c->in_off;
    size_t n = (size_t)h[3] << 8 | h[4];
    if (h[1] != 3 || h[2] != 3)
        return fail(c, "record version is not 3,3");
    if (n == 0 || n > REC_MAX)
        return fail(c, "record length out of range");
    if ((rc = need_bytes(c, 5 + n)) != 0)
        return rc;
    h = c->in + c->in_off;
    *type = h[0];
    *body = h + 5;
    *len = n;
    c->in_off += 5 + n;
    if (*type == 21) {
        char buf[80];
        snprintf(buf, sizeof buf, "alert from the server: level %u description %u",
                 h[5], n >= 2 ? h[6] : 0);
        return fail(c, buf);
    }
    return 0;
}

/* The next handshake message (plaintext records of type 22, reassembled
 * across records): type, body, body length (the 4-byte header is just
 * before the body).  c->used is the message's whole length, dropped from
 * c->hs at the next call. */
static int next_message(conn *c, uint8_t *mtype, const uint8_t **mbody, size_t *mlen)
{
    if (c->used > 0) {
        memmove(c->hs, c->hs + c->used, c->hs_have - c->used);
        c->hs_have -= c->used;
        c->used = 0;
    }
    for (;;) {
        if (c->hs_have >= 4) {
            size_t n = (size_t)c->hs[1] << 16 | (size_t)c->hs[2] << 8 | c->hs[3];
            if (n > HS_MAX - 4)
                return fail(c, "handshake message too long");
            if (c->hs_have >= 4 + n) {
                *mtype = c->hs[0];
                *mbody = c->hs + 4;
                *mlen = n;
                c->used = 4 + n;
                return 0;
            }
        }
        uint8_t t;
        const uint8_t *b;
        size_t n;
        int rc = read_record(c, &t, &b, &n);
        if (rc != 0)
            return rc;
        if (t != 22)
            return fail(c, "expected a handshake record");
        if (n > sizeof c->hs - c->hs_have)
            return fail(c, "server flight too long");
        memcpy(c->hs + c->hs_have, b, n);
        c->hs_have += n;
    }
}

/* secrets of a load tool are still wiped (bench only, but no habit lost) */
static void wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16); p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)v;
}
static unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static size_t get24(const uint8_t *p) { return (size_t)p[0] << 16 | (size_t)p[1] << 8 | p[2]; }

/* ClientHello (RFC 5246 7.4.1.2) into out; its length. */
static size_t client_hello(uint8_t *out, const uint8_t random[32])
{
    uint8_t *p = out + 4;
    put16(p, 0x0303); p += 2;
    memcpy(p, random, 32); p += 32;
    *p++ = 0;                                   /* no session ID */
    put16(p, 4); p += 2;
    put16(p, SUITE); p += 2;
    put16(p, 0x00FF); p += 2;                   /* renegotiation SCSV, RFC 5746 3.3 */
    *p++ = 1; *p++ = 0;                         /* null compression */
    uint8_t *ext_len = p; p += 2;
    put16(p, 13); p += 2;                       /* signature_algorithms */
    put16(p, 4); p += 2;
    put16(p, 2); p += 2;
    put16(p, 0x0401); p += 2;                   /* rsa_pkcs1_sha256 */
    put16(p, 23); p += 2;                       /* extended_master_secret */
    put16(p, 0); p += 2;
    put16(ext_len, (unsigned)(p - ext_len - 2));
    out[0] = 1;
    put24(out + 1, (size_t)(p - out - 4));
    return (size_t)(p - out);
}

/* ServerHello: version, random, session ID, suite, compression, and the
 * extensions block parsed exactly; *ems when extended_master_secret is
 * in it (empty). */
static int server_hello(conn *w, const uint8_t *b, size_t n, uint8_t sr[32], int *ems)
{
    *ems = 0;
    if (n < 2 + 32 + 1)
        return fail(w, "ServerHello too short");
    if (get16(b) != 0x0303)
        return fail(w, "ServerHello version is not TLS 1.2");
    memcpy(sr, b + 2, 32);
    size_t off = 34, sid = b[off++];
    if (sid > 32 || n < off + sid + 3)
        return fail(w, "ServerHello session ID malformed");
    off += sid;
    if (get16(b + off) != SUITE)
        return fail(w, "server chose another suite");
    if (b[off + 2] != 0)
        return fail(w, "server chose a compression method");
    off += 3;
    if (off == n)
        return 0;
    if (n - off < 2 || get16(b + off) != n - off - 2)
        return fail(w, "ServerHello extensions length wrong");
    off += 2;
    while (off < n) {
        if (n - off < 4)
            return fail(w, "ServerHello extension truncated");
        unsigned type = get16(b + off), len = get16(b + off + 2);
        off += 4;
        if (len > n - off)
            return fail(w, "ServerHello extension overruns");
        if (type == 23) {
            if (len != 0 || *ems)
                return fail(w, "extended_master_secret malformed or repeated");
            *ems = 1;
        }
        off += len;
    }
    return 0;
}

/* Certificate: the list and the first entry bounds-checked; the leaf is
 * compared with the first connection's (the key is that leaf's). */
static int certificate(conn *w, const uint8_t *b, size_t n)
{
    if (n < 3 || get24(b) != n - 3)
        return fail(w, "Certificate list length wrong");
    if (n < 6)
        return fail(w, "Certificate list empty");
    size_t leaf = get24(b + 3);
    if (leaf == 0 || leaf > n - 6)
        return fail(w, "Certificate entry length wrong");
    /* the other entries are framed too, though never read */
    for (size_t off = 6 + leaf; off < n;) {
        if (n - off < 3 || get24(b + off) > n - off - 3)
            return fail(w, "Certificate entry length wrong");
        off += 3 + get24(b + off);
    }
    if (!g_have_key) {
        if (leaf > sizeof g_leaf)
            return fail(w, "leaf certificate too big");
        memcpy(g_leaf, b + 6, leaf);
        g_leaf_len = leaf;
        return 0;
    }
    if (leaf != g_leaf_len || memcmp(b + 6, g_leaf, leaf) != 0)
        return fail(w, "server's leaf certificate changed");
    return 0;
}

/* Encrypts g_pms under the first leaf's RSA key, once. */
static int encrypt_premaster(conn *w)
{
    glass_x509_cert cert;
    glass_rsa_public pub;
    glass_drbg rng;
    if (glass_x509_parse(&cert, g_leaf, g_leaf_len) != 0 ||
        glass_x509_rsa_public(&cert, &pub) != 0)
        return fail(w, "the server's leaf has no RSA key");
    if (glass_drbg_instantiate_os(&rng, (const uint8_t *)"hsload", 6) != 0)
        return fail(w, "no randomness");
    g_pms[0] = 3;
    g_pms[1] = 3;
    int rc = glass_drbg_rng(&rng, g_pms + 2, sizeof g_pms - 2);
    if (rc == 0)
        rc = glass_drbg_rng(&rng, g_rand_prefix, sizeof g_rand_prefix);
    g_epms_len = glass_rsa_size(&pub);
    if (rc == 0)
        rc = glass_rsa_pkcs1_encrypt(&pub, glass_drbg_rng, &rng, g_pms, sizeof g_pms,
                                     g_epms, g_epms_len);
    glass_drbg_free(&rng);
    return rc == 0 ? 0 : fail(w, "RSA encryption of the premaster failed");
}

/* AES-128-GCM record nonce and additional data (RFC 5288 3, RFC 5246
 * 6.2.3.3): salt || explicit, and seq || type || 3,3 || length. */
static void aad_of(uint8_t aad[13], uint64_t seq, uint8_t type, size_t len)
{
    for (int i = 0; i < 8; i++)
        aad[i] = (uint8_t)(seq >> (56 - 8 * i));
    aad[8] = type;
    aad[9] = 3;
    aad[10] = 3;
    put16(aad + 11, (unsigned)len);
}

/* Seals one record of `type` (seq, explicit nonce = seq) into out: its
 * whole length. */
static size_t seal_record(const glass_gcm *g, const uint8_t salt[4], uint64_t seq, uint8_t type,
                          const uint8_t *pt, size_t len, uint8_t *out)
{
    uint8_t nonce[12], aad[13];
    memcpy(nonce, salt, 4);
    for (int i = 0; i < 8; i++)
        nonce[4 + i] = (uint8_t)(seq >> (56 - 8 * i));
    aad_of(aad, seq, type, len);
    out[0] = type;
    out[1] = 3;
    out[2] = 3;
    put16(out + 3, (unsigned)(8 + len + 16));
    memcpy(out + 5, nonce + 4, 8);
    if (glass_gcm_seal(g, nonce, 12, aad, 13, pt, len, out + 13, out + 13 + len, 16) != 0)
        return 0;
    return 5 + 8 + len + 16;
}

/* Opens a connection (non-blocking) and sends the ClientHello once it is
 * connected: 0 or -1. */
static int conn_start(conn *c, int ep)
{
    memset(c, 0, offsetof(conn, in));
    c->in_have = c->in_off = c->hs_have = 0;
    c->started = bench_now();
    memcpy(c->cr, g_rand_prefix, 8);
    for (int i = 0; i < 8; i++)
        c->cr[8 + i] = (uint8_t)(g_counter >> (56 - 8 * i));
    memset(c->cr + 16, 0x5a, 16);
    g_counter++;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0)
        return fail_errno(c, "socket");
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(g_port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->phase = P_CONNECT;
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS)
        return fail_errno(c, "connect");
    struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
    if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) != 0)
        return fail_errno(c, "epoll_ctl");
    return 0;
}

/* Connected: the ClientHello, then wait for the server's flight. */
static int send_hello(conn *c, int ep)
{
    int err = 0;
    socklen_t el = sizeof err;
    if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err != 0) {
        errno = err;
        return fail_errno(c, "connect");
    }
    uint8_t msg[300];
    glass_sha256_init(&c->th);
    size_t n = client_hello(msg + 5, c->cr);
    msg[0] = 22; msg[1] = 3; msg[2] = 1;        /* record version 3,1 for the hello */
    put16(msg + 3, (unsigned)n);
    glass_sha256_update(&c->th, msg + 5, n);
    if (write_all(c, msg, 5 + n) != 0)
        return -1;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) != 0)
        return fail_errno(c, "epoll_ctl");
    c->phase = P_FLIGHT;
    return 0;
}

/* ServerHello, Certificate, ServerHelloDone, nothing else (no
 * ServerKeyExchange with RSA, no CertificateRequest asked for); once all
 * are in: ClientKeyExchange, ChangeCipherSpec, Finished and close_notify
 * in one write.  0 (sent), WANT, -1. */
static int server_flight(conn *c)
{
    static const uint8_t order[3] = { 2, 11, 14 };
    while (c->nmsg < 3) {
        uint8_t t;
        const uint8_t *b;
        size_t n;
        int rc = next_message(c, &t, &b, &n);
        if (rc != 0)
            return rc;
        if (t != order[c->nmsg])
            return fail(c, "unexpected handshake message in the server's flight");
        glass_sha256_update(&c->th, b - 4, n + 4);
        if (t == 2 && server_hello(c, b, n, c->sr, &c->ems) != 0)
            return -1;
        if (t == 11 && certificate(c, b, n) != 0)
            return -1;
        if (t == 14 && n != 0)
            return fail(c, "ServerHelloDone not empty");
        c->nmsg++;
    }
    if (c->hs_have != c->used)
        return fail(c, "handshake bytes after ServerHelloDone");
    if (c->in_have != c->in_off)
        return fail(c, "records after ServerHelloDone");
    if (!g_have_key) {
        if (encrypt_premaster(c) != 0)
            return -1;
        g_have_key = 1;
    }

    uint8_t out[5 + 4 + 2 + GLASS_RSA_MAX_BYTES + 6 + 5 + 8 + 16 + 16 + 5 + 8 + 2 + 16];
    uint8_t *cke = out + 5;
    cke[0] = 16;
    put24(cke + 1, 2 + g_epms_len);
    put16(cke + 4, (unsigned)g_epms_len);
    memcpy(cke + 6, g_epms, g_epms_len);
    size_t cke_len = 6 + g_epms_len;
    out[0] = 22; out[1] = 3; out[2] = 3;
    put16(out + 3, (unsigned)cke_len);
    glass_sha256_update(&c->th, cke, cke_len);

    uint8_t hash[32], fin[16];
    glass_sha256_ctx tmp = c->th;
    glass_sha256_final(&tmp, hash);
    int rc = c->ems ? glass_extended_master_secret(GLASS_HASH_SHA256, g_pms, sizeof g_pms,
                                                   hash, 32, c->master)
                    : glass_master_secret(GLASS_HASH_SHA256, g_pms, sizeof g_pms, c->cr, c->sr,
                                          c->master);
    if (rc == 0)
        rc = glass_key_block(GLASS_HASH_SHA256, c->master, c->cr, c->sr, c->kb, sizeof c->kb);
    fin[0] = 20;
    put24(fin + 1, 12);
    if (rc == 0)
        rc = glass_finished_verify_data(GLASS_HASH_SHA256, c->master, 1, hash, 32, fin + 4);
    glass_sha256_update(&c->th, fin, 16);
    tmp = c->th;
    glass_sha256_final(&tmp, hash);
    if (rc == 0)
        rc = glass_finished_verify_data(GLASS_HASH_SHA256, c->master, 0, hash, 32, c->want);
    if (rc != 0)
        return fail(c, "PRF failed");

    glass_gcm cw;
    if (glass_gcm_init(&cw, c->kb, 16) != 0)
        return fail(c, "GCM key setup failed");
    size_t o = 5 + cke_len;
    static const uint8_t ccs[6] = { 20, 3, 3, 0, 1, 1 };
    memcpy(out + o, ccs, 6);
    o += 6;
    size_t k = seal_record(&cw, c->kb + 32, 0, 22, fin, 16, out + o);
    o += k;
    /* close_notify (warning 1, close_notify 0), seq 1, in the same write:
     * the server reads it after its Finished is out (one wake-up less for
     * both sides than a separate write) */
    static const uint8_t cn[2] = { 1, 0 };
    size_t k2 = k ? seal_record(&cw, c->kb + 32, 1, 21, cn, 2, out + o) : 0;
    glass_gcm_free(&cw);
    if (k == 0 || k2 == 0)
        return fail(c, "GCM seal failed");
    o += k2;
    if (write_all(c, out, o) != 0)
        return -1;
    c->phase = P_FINISHED;
    return 0;
}

/* The server's ChangeCipherSpec and Finished: tag and verify_data
 * checked.  0 (done), WANT, -1. */
static int server_finished(conn *c)
{
    uint8_t t;
    const uint8_t *b;
    size_t n;
    int rc;
    if (!c->ccs_seen) {
        if ((rc = read_record(c, &t, &b, &n)) != 0)
            return rc;
        if (t != 20 || n != 1 || b[0] != 1)
            return fail(c, "expected the server's ChangeCipherSpec");
        c->ccs_seen = 1;
    }
    if ((rc = read_record(c, &t, &b, &n)) != 0)
        return rc;
    if (t != 22 || n != 8 + 16 + 16)
        return fail(c, "expected the server's Finished record");
    glass_gcm sw;
    if (glass_gcm_init(&sw, c->kb + 16, 16) != 0)
        return fail(c, "GCM key setup failed");
    uint8_t nonce[12], aad[13], pt[16];
    memcpy(nonce, c->kb + 36, 4);
    memcpy(nonce + 4, b, 8);
    aad_of(aad, 0, 22, 16);
    rc = glass_gcm_open(&sw, nonce, 12, aad, 13, b + 8, 16, b + 24, 16, pt);
    glass_gcm_free(&sw);
    if (rc != 0)
        return fail(c, "the server's Finished does not decrypt (bad tag)");
    uint8_t diff = (uint8_t)(pt[0] ^ 20) | pt[1] | pt[2] | (uint8_t)(pt[3] ^ 12);
    for (int i = 0; i < 12; i++)
        diff |= (uint8_t)(pt[4 + i] ^ c->want[i]);
    if (diff != 0)
        return fail(c, "the server's Finished verify_data is wrong");
    return 0;
}

/* Whatever the socket is ready for: 0 (still going), 1 (done: the
 * server's Finished checked), -1 (failed). */
static int conn_step(conn *c, int ep)
{
    int rc = 0;
    if (c->phase == P_CONNECT) {
        rc = send_hello(c, ep);
    } else {
        if (c->phase == P_FLIGHT)
            rc = server_flight(c);
        if (rc == 0 && c->phase == P_FINISHED)
            rc = server_finished(c);   /* usually not there yet: WANT */
        if (rc == 0)
            return 1;
    }
    return rc == WANT ? 0 : rc;
}

static void conn_end(conn *c, int ok)
{
    if (c->fd >= 0)
        close(c->fd);        /* also takes it out of the epoll set */
    c->fd = -1;
    wipe(c->master, sizeof c->master);
    wipe(c->kb, sizeof c->kb);
    wipe(c->want, sizeof c->want);
    if (ok) {
        g_ok++;
        g_ems += (unsigned long)c->ems;
    } else {
        g_failed++;
    }
}

/* nconns connections at a time until the deadline (a handshake started
 * before it is finished and counted), or until `limit` handshakes have
 * begun (0: no limit), or 100 have failed.  -1 when epoll fails. */
static int run_loop(conn *cs, long nconns, double deadline, unsigned long limit)
{
    int ep = epoll_create1(0);
    if (ep < 0)
        return -1;
    long open = 0;
    unsigned long begun = 0;
    for (long i = 0; i < nconns; i++)
        cs[i].fd = -1;
    for (long i = 0; i < nconns && (!limit || begun < limit); i++) {
        begun++;
        if (conn_start(&cs[i], ep) != 0)
            conn_end(&cs[i], 0);
        else
            open++;
    }
    struct epoll_event evs[64];
    int rc = 0;
    while (open > 0) {
        int n = epoll_wait(ep, evs, 64, 100);
        if (n < 0 && errno != EINTR) {
            rc = -1;
            break;
        }
        double now = bench_now();
        for (int i = 0; i < n; i++) {
            conn *c = evs[i].data.ptr;
            int st = conn_step(c, ep);
            if (st == 0)
                continue;
            conn_end(c, st == 1);
            open--;
            if (now < deadline && (!limit || begun < limit) && g_failed < 100) {
                begun++;
                if (conn_start(c, ep) != 0)
                    conn_end(c, 0);
                else
                    open++;
            }
        }
        for (long i = 0; i < nconns; i++)
            if (cs[i].fd >= 0 && now - cs[i].started > IO_TIMEOUT_S) {
                fail(&cs[i], "timeout: no answer in 10 s");
                conn_end(&cs[i], 0);
                open--;
            }
    }
    for (long i = 0; i < nconns; i++)
        if (cs[i].fd >= 0)
            conn_end(&cs[i], 0);
    close(ep);
    return rc;
}

int bench_hsload(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: glass-bench --hsload PORT CONNS SECONDS\n");
        return 2;
    }
    long port = atol(argv[0]), conns = atol(argv[1]);
    double secs = atof(argv[2]);
    if (port < 1 || port > 65535 || conns < 1 || conns > MAX_CONNS || !(secs > 0 && secs < 3600)) {
        fprintf(stderr, "glass-bench --hsload: PORT 1-65535, CONNS 1-%d, SECONDS > 0\n",
                MAX_CONNS);
        return 2;
    }
    g_port = (uint16_t)port;
    conn *cs = calloc((size_t)conns, sizeof *cs);
    if (cs == NULL)
        return 2;
    /* start-up: one handshake takes the server's key (not counted) */
    if (run_loop(cs, 1, bench_now() + IO_TIMEOUT_S, 1) != 0 || g_ok != 1 || !g_have_key) {
        printf("handshakes=0 failures=1 ems=0 wall_s=0 rate=0 cpu_s=0 cpu_us_per_hs=0\n"
               "hsload: the start-up handshake failed: %s\n", g_why[0]);
        free(cs);
        return 1;
    }
    g_ok = g_failed = g_ems = 0;
    double c0 = bench_cpu_now(), t0 = bench_now();
    int rc = run_loop(cs, conns, t0 + secs, 0);
    double t1 = bench_now(), c1 = bench_cpu_now();
    if (rc != 0)
        g_failed++;
    printf("handshakes=%lu failures=%lu ems=%lu wall_s=%.3f rate=%.1f cpu_s=%.3f "
           "cpu_us_per_hs=%.1f\n", g_ok, g_failed, g_ems, t1 - t0, (double)g_ok / (t1 - t0),
           c1 - c0, g_ok ? (c1 - c0) * 1e6 / (double)g_ok : 0.0);
    if (rc != 0)
        printf("hsload: epoll failed: %s\n", strerror(errno));
    for (int i = 0; i < 5 && g_why[i][0]; i++)
        printf("hsload: failure: %s\n", g_why[i]);
    wipe(g_pms, sizeof g_pms);
    free(cs);
    return g_ok > 0 && g_failed == 0 ? 0 : 1;
}
