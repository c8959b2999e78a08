/*
 * pcap.c — the capture tap (glasstls/capture.h): the bytes a connection
 * sends and receives, written as TCP segments of a synthetic connection
 * in a pcapng file.
 *
 * Blocks (pcapng, draft-ietf-opsawg-pcapng sections 4.1, 4.2, 4.3), all
 * little-endian as the byte-order magic says:
 *   Section Header     0x0A0D0D0A, magic 0x1A2B3C4D, version 1.0, length -1
 *   Interface          type 1, LINKTYPE_ETHERNET (1), no snap length
 *   Enhanced Packet    type 6, interface 0, 64-bit microsecond time,
 *                      captured and original length, data padded to 4
 * Each packet: Ethernet II (RFC 894: locally administered MACs, type
 * 0x0800), IPv4 (RFC 791: 20 bytes, DF, TTL 64, header checksum), TCP
 * (RFC 9293: 20 bytes, window 65535, checksum over the pseudo-header
 * of RFC 9293 3.1).  The checksums are the ones' complement sum of RFC
 * 1071.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "glasstls/capture.h"
#include "glasstls/err.h"

#define MSS       1460
#define ETH_LEN   14
#define IP_LEN    20
#define TCP_LEN   20
#define HDRS      (ETH_LEN + IP_LEN + TCP_LEN)

enum { F_FIN = 0x01, F_SYN = 0x02, F_PSH = 0x08, F_ACK = 0x10 };

struct glass_pcap {
    FILE    *f;
    int      fixed;
    uint64_t next_us;                  /* fixed time: the next packet's */
};

/* one direction of the stream */
typedef struct half {
    uint8_t  ip[4];
    uint16_t port;
    uint8_t  mac[6];
    uint32_t seq;                      /* the next byte it sends */
    int      fin;                      /* its FIN is written */
} half;

struct glass_pcap_stream {
    glass_pcap     *p;
    glass_transport inner;
    half            local, peer;
    uint16_t        ip_id;
    /* bytes of one direction not written yet: the record layer reads a
     * 5-byte header, then the body; one segment holds both */
    uint8_t         pend[MSS];
    size_t          pend_len;
    half           *pend_from;
};

static void le16(uint8_t *b, uint16_t v) { b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8); }
static void le32(uint8_t *b, uint32_t v) { le16(b, (uint16_t)v); le16(b + 2, (uint16_t)(v >> 16)); }
static void be16(uint8_t *b, uint16_t v) { b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v; }
static void be32(uint8_t *b, uint32_t v) { be16(b, (uint16_t)(v >> 16)); be16(b + 2, (uint16_t)v); }

/* RFC 1071: ones' complement sum of 16-bit words, starting from sum */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (n & 1)
        sum += (uint32_t)p[n - 1] << 8;
    return sum;
}

static uint16_t fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

int glass_pcap_open(glass_pcap **out, const char *path)
{
    if (out == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_pcap *p = calloc(1, sizeof *p);
    if (p == NULL)
        return GLASS_E_NO_MEMORY;
    if ((p->f = fopen(path, "wb")) == NULL) {
        free(p);
        return GLASS_E_FILE;
    }
    uint8_t shb[28], idb[20];
    le32(shb, 0x0A0D0D0A);
    le32(shb + 4, sizeof shb);
    le32(shb + 8, 0x1A2B3C4D);          /* byte-order magic */
    le16(shb + 12, 1);                  /* version 1.0 */
    le16(shb + 14, 0);
    memset(shb + 16, 0xff, 8);          /* section length: not given (-1) */
    le32(shb + 24, sizeof shb);
    le32(idb, 1);
    le32(idb + 4, sizeof idb);
    le16(idb + 8, 1);                   /* LINKTYPE_ETHERNET */
    le16(idb + 10, 0);
    le32(idb + 12, 0);                  /* snap length: no limit */
    le32(idb + 16, sizeof idb);
    fwrite(shb, 1, sizeof shb, p->f);
    fwrite(idb, 1, sizeof idb, p->f);
    fflush(p->f);
    *out = p;
    return 0;
}

void glass_pcap_fixed_time(glass_pcap *p, int64_t start)
{
    p->fixed = 1;
    p->next_us = (uint64_t)start * 1000000u;
}

void glass_pcap_free(glass_pcap *p)
{
    if (p == NULL)
        return;
    fclose(p->f);
    free(p);
}

static uint64_t now_us(glass_pcap *p)
{
    if (p->fixed) {
        uint64_t t = p->next_us;
        p->next_us += 1000;
        return t;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* One segment from `from` to `to`: n bytes of data (n <= MSS), flags. */
static void segment(glass_pcap_stream *s, const half *from, const half *to, int flags,
                    const uint8_t *data, size_t n)
{
    uint8_t blk[28 + HDRS + MSS + 3 + 4];
    uint8_t *pkt = blk + 28;
    size_t len = HDRS + n, padded = (len + 3) & ~(size_t)3, total = 28 + padded + 4;
    memset(blk, 0, sizeof blk);
    /* Ethernet II */
    memcpy(pkt, to->mac, 6);
    memcpy(pkt + 6, from->mac, 6);
    be16(pkt + 12, 0x0800);
    /* IPv4 */
    uint8_t *ip = pkt + ETH_LEN;
    ip[0] = 0x45;                                    /* version 4, 5 words */
    be16(ip + 2, (uint16_t)(IP_LEN + TCP_LEN + n));
    be16(ip + 4, s->ip_id++);
    be16(ip + 6, 0x4000);                            /* don't fragment */
    ip[8] = 64;
    ip[9] = 6;                                       /* TCP */
    memcpy(ip + 12, from->ip, 4);
    memcpy(ip + 16, to->ip, 4);
    be16(ip + 10, fold(sum16(0, ip, IP_LEN)));
    /* TCP */
    uint8_t *tcp = ip + IP_LEN;
    be16(tcp, from->port);
    be16(tcp + 2, to->port);
    be32(tcp + 4, from->seq);
    be32(tcp + 8, (flags & F_ACK) ? to->seq : 0);
    tcp[12] = 5 << 4;                                /* 5 words, no options */
    tcp[13] = (uint8_t)flags;
    be16(tcp + 14, 65535);
    if (n)
        memcpy(tcp + TCP_LEN, data, n);
    uint8_t pseudo[12];
    memcpy(pseudo, from->ip, 4);
    memcpy(pseudo + 4, to->ip, 4);
    pseudo[8] = 0;
    pseudo[9] = 6;
    be16(pseudo + 10, (uint16_t)(TCP_LEN + n));
    be16(tcp + 16, fold(sum16(sum16(0, pseudo, sizeof pseudo), tcp, TCP_LEN + n)));
    /* the Enhanced Packet Block around it */
    uint64_t t = now_us(s->p);
    le32(blk, 6);
    le32(blk + 4, (uint32_t)total);
    le32(blk + 8, 0);
    le32(blk + 12, (uint32_t)(t >> 32));
    le32(blk + 16, (uint32_t)t);
    le32(blk + 20, (uint32_t)len);
    le32(blk + 24, (uint32_t)len);
    le32(blk + 28 + padded, (uint32_t)total);
    fwrite(blk, 1, total, s->p->f);                  /* one call: whole under stdio's lock */
    fflush(s->p->f);
}

/* writes the bytes waiting, one segment */
static void flush(glass_pcap_stream *s)
{
    if (s->pend_len == 0)
        return;
    half *from = s->pend_from, *to = from == &s->local ? &s->peer : &s->local;
    segment(s, from, to, F_ACK | F_PSH, s->pend, s->pend_len);
    from->seq += (uint32_t)s->pend_len;
    s->pend_len = 0;
}

/* data from one half to the other: gathered while the direction stays
 * the same, written in segments of at most MSS bytes */
static void data(glass_pcap_stream *s, half *from, const uint8_t *p, size_t n)
{
    if (s->pend_from != from)
        flush(s);
    s->pend_from = from;
    while (n > 0) {
        size_t k = MSS - s->pend_len < n ? MSS - s->pend_len : n;
        memcpy(s->pend + s->pend_len, p, k);
        s->pend_len += k;
        p += k;
        n -= k;
        if (s->pend_len == MSS)
            flush(s);
    }
}

static void fin(glass_pcap_stream *s, half *from, half *to)
{
    flush(s);
    if (from->fin)
        return;
    segment(s, from, to, F_FIN | F_ACK, NULL, 0);
    from->seq++;
    from->fin = 1;
}

static long tap_send(void *ctx, const uint8_t *buf, size_t len)
{
    glass_pcap_stream *s = ctx;
    long n = s->inner.send(s->inner.ctx, buf, len);
    if (n > 0)
        data(s, &s->local, buf, (size_t)n);
    return n;
}

static long tap_recv(void *ctx, uint8_t *buf, size_t len)
{
    glass_pcap_stream *s = ctx;
    long n = s->inner.recv(s->inner.ctx, buf, len);
    if (n > 0)
        data(s, &s->peer, buf, (size_t)n);
    else if (n == 0)
        fin(s, &s->peer, &s->local);                 /* the peer closed */
    return n;
}

static void set_half(half *h, const uint8_t ip[4], uint16_t port, int client)
{
    memcpy(h->ip, ip, 4);
    h->port = port;
    static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };   /* locally administered */
    memcpy(h->mac, mac, 6);
    h->mac[5] = client ? 1 : 2;
    h->seq = client ? 0x10000000u : 0x20000000u;     /* fixed initial sequence numbers */
}

int glass_pcap_stream_new(glass_pcap_stream **out, glass_pcap *p, glass_transport inner,
                          const uint8_t local_ip[4], uint16_t local_port,
                          const uint8_t peer_ip[4], uint16_t peer_port, int local_is_client,
                          glass_transport *tap)
{
    if (out == NULL || p == NULL || local_ip == NULL || peer_ip == NULL || tap == NULL ||
        inner.send == NULL || inner.recv == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_pcap_stream *s = calloc(1, sizeof *s);
    if (s == NULL)
        return GLASS_E_NO_MEMORY;
    s->p = p;
    s->inner = inner;
    set_half(&s->local, local_ip, local_port, local_is_client);
    set_half(&s->peer, peer_ip, peer_port, !local_is_client);
    half *c = local_is_client ? &s->local : &s->peer, *srv = local_is_client ? &s->peer : &s->local;
    segment(s, c, srv, F_SYN, NULL, 0);              /* the three-way handshake */
    c->seq++;
    segment(s, srv, c, F_SYN | F_ACK, NULL, 0);
    srv->seq++;
    segment(s, c, srv, F_ACK, NULL, 0);
    tap->ctx = s;
    tap->send = tap_send;
    tap->recv = tap_recv;
    *out = s;
    return 0;
}

void glass_pcap_stream_free(glass_pcap_stream *s)
{
    if (s == NULL)
        return;
    int peer_first = s->peer.fin;
    fin(s, &s->local, &s->peer);
    fin(s, &s->peer, &s->local);
    /* the last ACK, of the second FIN */
    if (peer_first)
        segment(s, &s->peer, &s->local, F_ACK, NULL, 0);
    else
        segment(s, &s->local, &s->peer, F_ACK, NULL, 0);
    free(s);
}
