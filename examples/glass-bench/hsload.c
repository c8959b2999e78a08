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
 * What it does per connection, CONNS connections at a time (one thread
 * each, blocking sockets) for SECONDS seconds against 127.0.0.1:PORT: a
 * REAL full TLS 1.2 handshake with the RSA key exchange (RFC 5246 7.4,
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
 * The client's cost per handshake is a connect, a few reads and writes,
 * SHA-256 over the transcript (~3 KB), five PRF runs and two GCM keys:
 * tens of microseconds, against the server's RSA decryption (~0.5 ms),
 * so the server, not the load, sets the rate.
 *
 * Output, one line: handshakes=N failures=F ems=E wall_s=W rate=R
 * cpu_s=C cpu_us_per_hs=U (rate = N / W; cpu = this process, all
 * threads, during the run), then the first failures' reasons.  Exit
 * status 0 only when N > 0 and F == 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
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
#define HS_MAX       65536       /* the whole server flight */
#define MAX_THREADS  256
#define IO_TIMEOUT_S 10

/* shared, read-only once the threads start */
static uint16_t g_port;
static uint8_t  g_pms[48];                      /* the ONE premaster secret */
static uint8_t  g_epms[GLASS_RSA_MAX_BYTES];    /* ... encrypted once */
static size_t   g_epms_len;
static uint8_t  g_leaf[8192];                   /* the first leaf seen */
static size_t   g_leaf_len;
static uint8_t  g_rand_prefix[8];               /* per run, from getrandom */
static double   g_deadline;

typedef struct worker {
    pthread_t   th;
    unsigned    id;
    uint64_t    counter;
    unsigned long ok, failed, ems;
    char        why[160];        /* the first failure */
    /* the connection's buffers */
    int         fd;
    uint8_t     in[2 * REC_MAX];
    size_t      in_have, in_off;
    uint8_t     hs[HS_MAX];
    size_t      hs_have;
    uint8_t     master[48], kb[40];   /* wiped after each connection */
} worker;

static int fail(worker *w, const char *what)
{
    if (w->why[0] == '\0')
        snprintf(w->why, sizeof w->why, "%s", what);
    return -1;
}

static int fail_errno(worker *w, const char *what)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s: %s", what, errno ? strerror(errno) : "connection closed");
    return fail(w, buf);
}

static int write_all(worker *w, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t k = send(w->fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return fail_errno(w, "send");
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Makes `need` bytes available at w->in + w->in_off, reading as much as
 * the socket has. */
static int need_bytes(worker *w, size_t need)
{
    if (w->in_have - w->in_off >= need)
        return 0;
    if (w->in_off > 0) {
        memmove(w->in, w->in + w->in_off, w->in_have - w->in_off);
        w->in_have -= w->in_off;
        w->in_off = 0;
    }
    while (w->in_have < need) {
        errno = 0;
        ssize_t k = recv(w->fd, w->in + w->in_have, sizeof w->in - w->in_have, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return fail_errno(w, "recv");
        w->in_have += (size_t)k;
    }
    return 0;
}

/* The next record: its type, its body in *body (valid until the next
 * call), its length.  Version must be 3,3; length at most 2^14 + 2048. */
static int read_record(worker *w, uint8_t *type, const uint8_t **body, size_t *len)
{
    if (need_bytes(w, 5) != 0)
        return -1;
    const uint8_t *h = w->in + w->in_off;
    size_t n = (size_t)h[3] << 8 | h[4];
    if (h[1] != 3 || h[2] != 3)
        return fail(w, "record version is not 3,3");
    if (n == 0 || n > REC_MAX)
        return fail(w, "record length out of range");
    if (need_bytes(w, 5 + n) != 0)
        return -1;
    h = w->in + w->in_off;
    *type = h[0];
    *body = h + 5;
    *len = n;
    w->in_off += 5 + n;
    if (*type == 21) {
        char buf[80];
        snprintf(buf, sizeof buf, "alert from the server: level %u description %u",
                 n >= 1 ? h[5] : 0, n >= 2 ? h[6] : 0);
        return fail(w, buf);
    }
    return 0;
}

/* The next handshake message (plaintext records of type 22, reassembled
 * across records): type, body, body length; *whole / *whole_len the
 * message with its 4-byte header, for the transcript.  The message is
 * moved to the front of w->hs; the caller is done with it before the
 * next call. */
static int next_message(worker *w, size_t *used, uint8_t *mtype, const uint8_t **mbody,
                        size_t *mlen)
{
    /* drop the previous message */
    if (*used > 0) {
        memmove(w->hs, w->hs + *used, w->hs_have - *used);
        w->hs_have -= *used;
        *used = 0;
    }
    for (;;) {
        if (w->hs_have >= 4) {
            size_t n = (size_t)w->hs[1] << 16 | (size_t)w->hs[2] << 8 | w->hs[3];
            if (n > HS_MAX - 4)
                return fail(w, "handshake message too long");
            if (w->hs_have >= 4 + n) {
                *mtype = w->hs[0];
                *mbody = w->hs + 4;
                *mlen = n;
                *used = 4 + n;
                return 0;
            }
        }
        uint8_t t;
        const uint8_t *b;
        size_t n;
        if (read_record(w, &t, &b, &n) != 0)
            return -1;
        if (t != 22)
            return fail(w, "expected a handshake record");
        if (n > sizeof w->hs - w->hs_have)
            return fail(w, "server flight too long");
        memcpy(w->hs + w->hs_have, b, n);
        w->hs_have += n;
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
static int server_hello(worker *w, const uint8_t *b, size_t n, uint8_t sr[32], int *ems)
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
static int certificate(worker *w, const uint8_t *b, size_t n, int first)
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
    if (first) {
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
static int encrypt_premaster(worker *w)
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

static int connect_local(worker *w)
{
    w->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (w->fd < 0)
        return fail_errno(w, "socket");
    int one = 1;
    struct timeval tv = { IO_TIMEOUT_S, 0 };
    setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(w->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(w->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(g_port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(w->fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        return fail_errno(w, "connect");
    return 0;
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

/* One full handshake on a fresh connection; 0 when the server's Finished
 * checked out.  first: the start-up connection, which takes the key. */
static int handshake(worker *w, int first)
{
    uint8_t cr[32], sr[32], msg[600];
    memcpy(cr, g_rand_prefix, 8);
    for (int i = 0; i < 8; i++) {
        cr[8 + i] = (uint8_t)(w->counter >> (56 - 8 * i));
        cr[16 + i] = (uint8_t)((uint64_t)w->id >> (56 - 8 * i));
    }
    memset(cr + 24, 0x5a, 8);
    w->counter++;
    w->in_have = w->in_off = w->hs_have = 0;
    if (connect_local(w) != 0)
        return -1;

    glass_sha256_ctx th;
    glass_sha256_init(&th);
    size_t n = client_hello(msg + 5, cr);
    msg[0] = 22; msg[1] = 3; msg[2] = 1;        /* record version 3,1 for the hello */
    put16(msg + 3, (unsigned)n);
    glass_sha256_update(&th, msg + 5, n);
    if (write_all(w, msg, 5 + n) != 0)
        return -1;

    /* ServerHello, Certificate, ServerHelloDone: nothing else (no
     * ServerKeyExchange with RSA, no CertificateRequest asked for) */
    static const uint8_t order[3] = { 2, 11, 14 };
    size_t used = 0;
    int ems = 0;
    for (int i = 0; i < 3; i++) {
        uint8_t t;
        const uint8_t *b;
        if (next_message(w, &used, &t, &b, &n) != 0)
            return -1;
        if (t != order[i])
            return fail(w, "unexpected handshake message in the server's flight");
        glass_sha256_update(&th, b - 4, n + 4);
        if (t == 2 && server_hello(w, b, n, sr, &ems) != 0)
            return -1;
        if (t == 11 && certificate(w, b, n, first) != 0)
            return -1;
        if (t == 14 && n != 0)
            return fail(w, "ServerHelloDone not empty");
    }
    if (w->hs_have != used)
        return fail(w, "handshake bytes after ServerHelloDone");
    if (w->in_have != w->in_off)
        return fail(w, "records after ServerHelloDone");
    if (first && encrypt_premaster(w) != 0)
        return -1;

    /* ClientKeyExchange, ChangeCipherSpec, Finished: one write */
    uint8_t out[5 + 4 + 2 + GLASS_RSA_MAX_BYTES + 6 + 5 + 8 + 16 + 16 + 5 + 8 + 2 + 16];
    uint8_t *cke = out + 5;
    cke[0] = 16;
    put24(cke + 1, 2 + g_epms_len);
    put16(cke + 4, (unsigned)g_epms_len);
    memcpy(cke + 6, g_epms, g_epms_len);
    size_t cke_len = 6 + g_epms_len;
    out[0] = 22; out[1] = 3; out[2] = 3;
    put16(out + 3, (unsigned)cke_len);
    glass_sha256_update(&th, cke, cke_len);

    uint8_t *master = w->master, *kb = w->kb, hash[32], fin[16], want[12];
    glass_sha256_ctx tmp = th;
    glass_sha256_final(&tmp, hash);
    int rc = ems ? glass_extended_master_secret(GLASS_HASH_SHA256, g_pms, sizeof g_pms,
                                                hash, 32, master)
                 : glass_master_secret(GLASS_HASH_SHA256, g_pms, sizeof g_pms, cr, sr, master);
    if (rc == 0)
        rc = glass_key_block(GLASS_HASH_SHA256, master, cr, sr, kb, sizeof w->kb);
    fin[0] = 20;
    put24(fin + 1, 12);
    if (rc == 0)
        rc = glass_finished_verify_data(GLASS_HASH_SHA256, master, 1, hash, 32, fin + 4);
    if (rc != 0)
        return fail(w, "PRF failed");
    glass_sha256_update(&th, fin, 16);

    glass_gcm cw, sw;
    if (glass_gcm_init(&cw, kb, 16) != 0 || glass_gcm_init(&sw, kb + 16, 16) != 0)
        return fail(w, "GCM key setup failed");
    size_t o = 5 + cke_len;
    static const uint8_t ccs[6] = { 20, 3, 3, 0, 1, 1 };
    memcpy(out + o, ccs, 6);
    o += 6;
    size_t k = seal_record(&cw, kb + 32, 0, 22, fin, 16, out + o);
    if (k == 0)
        return fail(w, "GCM seal failed");
    o += k;
    /* close_notify (warning 1, close_notify 0), seq 1, in the same write:
     * the server reads it after its Finished is out (one wake-up less for
     * both sides than a separate write) */
    static const uint8_t cn[2] = { 1, 0 };
    k = seal_record(&cw, kb + 32, 1, 21, cn, 2, out + o);
    glass_gcm_free(&cw);
    if (k == 0)
        return fail(w, "GCM seal failed");
    o += k;
    if (write_all(w, out, o) != 0)
        return -1;

    /* the server's ChangeCipherSpec and Finished, checked */
    tmp = th;
    glass_sha256_final(&tmp, hash);
    if (glass_finished_verify_data(GLASS_HASH_SHA256, master, 0, hash, 32, want) != 0)
        return fail(w, "PRF failed");
    uint8_t t;
    const uint8_t *b;
    if (read_record(w, &t, &b, &n) != 0)
        return -1;
    if (t != 20 || n != 1 || b[0] != 1)
        return fail(w, "expected the server's ChangeCipherSpec");
    if (read_record(w, &t, &b, &n) != 0)
        return -1;
    if (t != 22 || n != 8 + 16 + 16)
        return fail(w, "expected the server's Finished record");
    uint8_t nonce[12], aad[13], pt[16];
    memcpy(nonce, kb + 36, 4);
    memcpy(nonce + 4, b, 8);
    aad_of(aad, 0, 22, 16);
    if (glass_gcm_open(&sw, nonce, 12, aad, 13, b + 8, 16, b + 24, 16, pt) != 0)
        return fail(w, "the server's Finished does not decrypt (bad tag)");
    uint8_t diff = (uint8_t)(pt[0] ^ 20) | pt[1] | pt[2] | (uint8_t)(pt[3] ^ 12);
    for (int i = 0; i < 12; i++)
        diff |= (uint8_t)(pt[4 + i] ^ want[i]);
    if (diff != 0)
        return fail(w, "the server's Finished verify_data is wrong");
    glass_gcm_free(&sw);
    w->ems += (unsigned long)ems;
    return 0;
}

static void one(worker *w, int first)
{
    int rc = handshake(w, first);
    wipe(w->master, sizeof w->master);
    wipe(w->kb, sizeof w->kb);
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    if (rc == 0)
        w->ok++;
    else
        w->failed++;
}

static void *run(void *arg)
{
    worker *w = arg;
    /* a handshake started before the deadline is finished and counted */
    while (bench_now() < g_deadline && w->failed < 100)
        one(w, 0);
    return NULL;
}

int bench_hsload(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: glass-bench --hsload PORT CONNS SECONDS\n");
        return 2;
    }
    long port = atol(argv[0]), conns = atol(argv[1]);
    double secs = atof(argv[2]);
    if (port < 1 || port > 65535 || conns < 1 || conns > MAX_THREADS || !(secs > 0 && secs < 3600)) {
        fprintf(stderr, "glass-bench --hsload: PORT 1-65535, CONNS 1-%d, SECONDS > 0\n",
                MAX_THREADS);
        return 2;
    }
    g_port = (uint16_t)port;
    worker *ws = calloc((size_t)conns + 1, sizeof *ws);
    if (ws == NULL)
        return 2;
    /* start-up: one handshake takes the server's key (not counted) */
    worker *w0 = &ws[conns];
    w0->id = (unsigned)conns;
    w0->fd = -1;
    one(w0, 1);
    if (w0->ok != 1) {
        printf("handshakes=0 failures=1 ems=0 wall_s=0 rate=0 cpu_s=0 cpu_us_per_hs=0\n"
               "hsload: the start-up handshake failed: %s\n", w0->why);
        free(ws);
        return 1;
    }
    double c0 = bench_cpu_now(), t0 = bench_now();
    g_deadline = t0 + secs;
    long started = 0;
    for (long i = 0; i < conns; i++) {
        ws[i].id = (unsigned)i;
        ws[i].fd = -1;
        if (pthread_create(&ws[i].th, NULL, run, &ws[i]) != 0)
            break;
        started++;
    }
    unsigned long ok = 0, failed = 0, ems = 0;
    for (long i = 0; i < started; i++) {
        pthread_join(ws[i].th, NULL);
        ok += ws[i].ok;
        failed += ws[i].failed;
        ems += ws[i].ems;
    }
    double t1 = bench_now(), c1 = bench_cpu_now();
    if (started < conns)
        failed++;
    printf("handshakes=%lu failures=%lu ems=%lu wall_s=%.3f rate=%.1f cpu_s=%.3f "
           "cpu_us_per_hs=%.1f\n", ok, failed, ems, t1 - t0, (double)ok / (t1 - t0), c1 - c0,
           ok ? (c1 - c0) * 1e6 / (double)ok : 0.0);
    if (started < conns)
        printf("hsload: started %ld of %ld threads\n", started, conns);
    int shown = 0;
    for (long i = 0; i < started && shown < 5; i++)
        if (ws[i].why[0]) {
            printf("hsload: connection %ld: %s (%lu failed)\n", i, ws[i].why, ws[i].failed);
            shown++;
        }
    wipe(g_pms, sizeof g_pms);
    free(ws);
    return ok > 0 && failed == 0 ? 0 : 1;
}
