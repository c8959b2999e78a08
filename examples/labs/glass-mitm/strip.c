/*
 * strip.c — glass-mitm strip-ecdhe: the downgrade of lab 4
 * (docs/labs/downgrade.md).
 *
 * A relay on loopback between a client (--listen) and a server
 * (--connect).  It gathers the client's first handshake message, the
 * ClientHello, from as many records as it takes, removes every ECDHE
 * suite from cipher_suites (RFC 5246 7.4.1.2), fixes the lengths that
 * contain the list (the vector's own, the handshake message's, and the
 * records'), and sends it on.  Everything else passes untouched; the relay
 * prints each record it sees, and the alerts that are still in the clear.
 *
 * The server then has no ECDHE suite to choose and takes an RSA one, the
 * key exchange without forward secrecy.  Nothing in the handshake's
 * messages is signed against this; what catches it is Finished (RFC 5246
 * 7.4.9): each side's verify_data covers every handshake message as that
 * side saw it, and the two ClientHellos differ.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mitm.h"

static size_t be(const uint8_t *p, int n)
{
    size_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

int mitm_strip_ecdhe(uint8_t *msg, size_t *len, const char **why)
{
    size_t n = *len, pos = 4;
    *why = "not a well-formed ClientHello";
    if (n < 4 || msg[0] != 1 || be(msg + 1, 3) != n - 4)
        return -1;
    /* client_version (2), random (32), session_id <0..32> */
    if (n - pos < 2 + 32 + 1)
        return -1;
    pos += 2 + 32;
    size_t sid = msg[pos];
    if (sid > 32 || n - pos - 1 < sid)
        return -1;
    pos += 1 + sid;
    /* cipher_suites <2..2^16-2>, an even length */
    if (n - pos < 2)
        return -1;
    size_t at = pos, slen = be(msg + pos, 2);
    if (slen < 2 || slen % 2 != 0 || n - pos - 2 < slen)
        return -1;
    pos += 2 + slen;
    /* compression_methods <1..2^8-1> */
    if (n - pos < 1 || msg[pos] < 1 || n - pos - 1 < msg[pos])
        return -1;
    pos += 1 + msg[pos];
    /* extensions <0..2^16-1>, when present, to the end exactly */
    if (pos != n && (n - pos < 2 || be(msg + pos, 2) != n - pos - 2))
        return -1;

    uint8_t *list = msg + at + 2;
    size_t keep = 0, removed = 0;
    printf("strip-ecdhe: the ClientHello offers %zu suites:\n", slen / 2);
    for (size_t i = 0; i < slen; i += 2) {
        uint16_t s = (uint16_t)be(list + i, 2);
        const char *name = mitm_suite_name(s);
        int drop = mitm_suite_is_ecdhe(s);
        printf("  0x%04X %-46s %s\n", s, name ? name : "(unknown)", drop ? "REMOVED" : "kept");
        if (drop) {
            removed++;
        } else {
            list[keep] = list[i], list[keep + 1] = list[i + 1];
            keep += 2;
        }
    }
    if (removed == 0) {
        *why = "no ECDHE suite in the ClientHello";
        return 1;
    }
    if (keep == 0) {
        *why = "the client offers only ECDHE suites: there is nothing to downgrade to "
               "(glass-client --suites with an RSA suite too, e.g. C02F,009C)";
        return -1;
    }
    /* close the gap: the rest of the message moves down */
    size_t cut = slen - keep;
    memmove(list + keep, list + slen, n - (at + 2 + slen));
    list[-2] = (uint8_t)(keep >> 8), list[-1] = (uint8_t)keep;
    size_t body = n - cut - 4;
    msg[1] = (uint8_t)(body >> 16), msg[2] = (uint8_t)(body >> 8), msg[3] = (uint8_t)body;
    printf("strip-ecdhe: removed %zu suite(s); cipher_suites length %zu -> %zu, "
           "ClientHello body %zu -> %zu bytes\n", removed, slen, keep, n - 4, body);
    *len = n - cut;
    return 0;
}

/* the suite of a ServerHello (RFC 5246 7.4.1.3), or -1 */
static long server_hello_suite(const uint8_t *m, size_t n)
{
    if (n < 4 + 2 + 32 + 1 || m[0] != 2 || be(m + 1, 3) > n - 4)
        return -1;
    size_t pos = 4 + 2 + 32, sid = m[pos];
    if (sid > 32 || n - pos - 1 < sid + 2)
        return -1;
    return (long)be(m + pos + 1 + sid, 2);
}

static const char *type_name(uint8_t t)
{
    return t == 20 ? "ChangeCipherSpec" : t == 21 ? "alert" : t == 22 ? "handshake"
         : t == 23 ? "application_data" : "heartbeat";
}

/* What the relay prints of one record going from s to the other side. */
static void show(const mitm_side *s, const uint8_t *rec, size_t len, double t0)
{
    printf("%7.3f s  %s -> %s: %s, %zu bytes", lab_now() - t0, s->name,
           strcmp(s->name, "client") == 0 ? "server" : "client", type_name(rec[0]), len - MITM_HDR);
    if (rec[0] == 21 && !s->ccs && len == MITM_HDR + 2)
        printf(": %s %s", rec[MITM_HDR] == 2 ? "fatal" : "warning", mitm_alert_name(rec[MITM_HDR + 1]));
    else if (rec[0] == 21)
        printf(" (encrypted)");
    else if (rec[0] == 22 && s->ccs)
        printf(" (encrypted: Finished)");
    else if (rec[0] == 22 && len > MITM_HDR + 4) {
        long suite = rec[MITM_HDR] == 2 ? server_hello_suite(rec + MITM_HDR, len - MITM_HDR) : -1;
        if (suite >= 0) {
            const char *name = mitm_suite_name((uint16_t)suite);
            printf(": ServerHello, the server chose 0x%04lX %s", suite, name ? name : "");
        }
    }
    printf("\n");
}

/* The gathered ClientHello, stripped, as records of at most 2^14 bytes. */
static int send_client_hello(int fd, uint8_t *hs, size_t *hs_len, const uint8_t ver[2],
                             size_t in_records)
{
    size_t mlen = 4 + be(hs + 1, 3), rest = *hs_len - mlen, n = mlen;
    const char *why;
    printf("strip-ecdhe: the ClientHello came in %zu record(s), %zu bytes of handshake\n",
           in_records, mlen);
    int r = mitm_strip_ecdhe(hs, &n, &why);
    if (r < 0) {
        printf("strip-ecdhe: refused: %s\n", why);
        return -1;
    }
    if (r == 1)
        printf("strip-ecdhe: %s; passed on as it is\n", why);
    memmove(hs + n, hs + mlen, rest);
    n += rest;
    size_t records = 0;
    for (size_t off = 0; off < n; records++) {
        size_t k = n - off > 16384 ? 16384 : n - off;
        uint8_t h[MITM_HDR] = { 22, ver[0], ver[1], (uint8_t)(k >> 8), (uint8_t)k };
        if (lab_write_all(fd, h, sizeof h) != 0 || lab_write_all(fd, hs + off, k) != 0)
            return -1;
        off += k;
    }
    printf("strip-ecdhe: the ClientHello went to the server as %zu record(s), %zu bytes of "
           "handshake\n", records, n);
    *hs_len = 0;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: glass-mitm strip-ecdhe --listen 127.0.0.1:PORT --connect "
                    "127.0.0.1:PORT [--timeout S]\n"
                    "  relays one connection, without the ECDHE suites of its ClientHello\n");
}

int mitm_strip_main(int argc, char **argv)
{
    const char *listen_at = NULL, *connect_to = NULL;
    int timeout = 20;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) listen_at = argv[++i];
        else if (strcmp(argv[i], "--connect") == 0 && i + 1 < argc) connect_to = argv[++i];
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) timeout = atoi(argv[++i]);
        else { usage(); return 2; }
    }
    if (listen_at == NULL || connect_to == NULL || timeout <= 0) {
        usage();
        return 2;
    }
    static mitm_side cl, sv;
    static uint8_t hs[MITM_MAX_HS];
    size_t hs_len = 0, ch_records = 0;
    int ch_done = 0, rc = 1, lfd = lab_listen("glass-mitm", listen_at);
    cl.fd = sv.fd = -1;
    cl.name = "client", sv.name = "server";
    if (lfd < 0)
        return 2;
    printf("strip-ecdhe: relaying %s -> %s\n", listen_at, connect_to);
    fflush(stdout);
    if ((cl.fd = lab_accept("glass-mitm", lfd, timeout)) < 0 || (sv.fd = lab_connect("glass-mitm", connect_to)) < 0)
        goto out;
    double t0 = lab_now(), deadline = t0 + timeout;
    while (!(cl.eof && sv.eof) && lab_now() < deadline) {
        struct pollfd p[2] = { { cl.fd, cl.eof ? 0 : POLLIN, 0 }, { sv.fd, sv.eof ? 0 : POLLIN, 0 } };
        if (poll(p, 2, 200) <= 0)
            continue;
        for (int i = 0; i < 2; i++) {
            mitm_side *s = i == 0 ? &cl : &sv, *o = i == 0 ? &sv : &cl;
            if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)) || s->eof)
                continue;
            if (mitm_fill(s, 0) < 0) {
                printf("%7.3f s  %s closed the connection\n", lab_now() - t0, s->name);
                shutdown(o->fd, SHUT_WR);
                continue;
            }
            long len;
            while ((len = mitm_next_record(s)) > 0) {
                const uint8_t *rec = s->buf;
                if (s == &cl && !ch_done) {
                    /* the ClientHello, gathered across records */
                    size_t body = (size_t)len - MITM_HDR;
                    if (rec[0] != 22 || body > sizeof hs - hs_len) {
                        printf("strip-ecdhe: refused: %s before a whole ClientHello\n",
                               rec[0] != 22 ? "a record that is not handshake" : "too many bytes");
                        goto out;
                    }
                    show(s, rec, (size_t)len, t0);
                    memcpy(hs + hs_len, rec + MITM_HDR, body);
                    hs_len += body;
                    ch_records++;
                    uint8_t ver[2] = { rec[1], rec[2] };
                    mitm_consume(s, (size_t)len);
                    if (hs_len >= 4 && hs[0] != 1) {
                        printf("strip-ecdhe: refused: the first handshake message is not a ClientHello\n");
                        goto out;
                    }
                    if (hs_len >= 4 && be(hs + 1, 3) > sizeof hs - 4) {
                        printf("strip-ecdhe: refused: a ClientHello of %zu bytes\n", be(hs + 1, 3));
                        goto out;
                    }
                    if (hs_len >= 4 && hs_len >= 4 + be(hs + 1, 3)) {
                        if (send_client_hello(sv.fd, hs, &hs_len, ver, ch_records) != 0)
                            goto out;
                        ch_done = 1;
                    }
                    continue;
                }
                show(s, rec, (size_t)len, t0);
                if (rec[0] == 20)
                    s->ccs = 1;
                if (lab_write_all(o->fd, rec, (size_t)len) != 0)
                    o->eof = 1;
                mitm_consume(s, (size_t)len);
            }
            if (len < 0) {
                printf("strip-ecdhe: not a TLS record from the %s; stopping\n", s->name);
                goto out;
            }
        }
        fflush(stdout);
    }
    rc = cl.eof && sv.eof ? 0 : 1;
    printf("strip-ecdhe: done, %.3f s after the client came%s\n", lab_now() - t0,
           rc == 0 ? "" : " (timed out)");
out:
    if (cl.fd >= 0)
        close(cl.fd);
    if (sv.fd >= 0)
        close(sv.fd);
    close(lfd);
    fflush(stdout);
    return rc;
}
