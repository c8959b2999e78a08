/*
 * bleich_capture.c — the recorded connection of glass-attack
 * bleichenbacher (bleich.h): what a passive attacker has.
 *
 * The capture is a pcapng file (draft-ietf-opsawg-pcapng) as glasstls
 * writes it (glass-server --pcap, glass-client --pcap; capture.h):
 * Ethernet, IPv4, TCP.  The first TCP connection in it (from its SYN) is
 * read; each direction's payload is put back in sequence order into one
 * byte stream.  Then the TLS records (RFC 5246 6.2.1) of each stream: the
 * handshake messages in the clear up to ChangeCipherSpec, and after it the
 * sealed records, AES-GCM (RFC 5288 3): 8 bytes of explicit nonce, the
 * ciphertext, a 16-byte tag.
 *
 * The attacker takes from the handshake: the randoms, the suite, whether
 * extended master secret is in use (RFC 7627), the server's RSA key (its
 * Certificate) and the EncryptedPreMasterSecret of the ClientKeyExchange
 * (RFC 5246 7.4.7.1).  Every parser is bounds-checked: a capture is input.
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/gcm.h"
#include "glasstls/prf.h"
#include "glasstls/x509.h"

#include "bleich.h"

#define CAP_MAX      (64u << 20)       /* a lab capture is a few kilobytes */
#define STREAM_MAX   (8u << 20)
#define RECORD_MAX   (16384 + 2048)    /* RFC 5246 6.2.3 */
#define HS_MAX       (256u << 10)

static uint32_t get32(const uint8_t *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be24(const uint8_t *p) { return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]; }
static uint32_t be32(const uint8_t *p) { return be24(p) << 8 | p[3]; }

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= CAP_MAX)
                break;
            uint8_t *bigger = realloc(buf, cap ? cap * 2 : 65536);
            if (bigger == NULL)
                break;
            buf = bigger, cap = cap ? cap * 2 : 65536;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            fclose(f);
            *len = n;
            return buf;
        }
    }
    fclose(f);
    free(buf);
    return NULL;
}

/* the TCP connection being followed */
typedef struct tcp_follow {
    int      have;
    uint8_t  cli_ip[4], srv_ip[4];
    uint16_t cli_port, srv_port;
    int      synced[2];
    uint32_t next[2];                  /* next sequence number expected per direction */
    int      fin[2];
} tcp_follow;

static int append(bl_conn *c, int dir, const uint8_t *p, size_t n)
{
    if (c->len[dir] + n > STREAM_MAX)
        return -1;
    uint8_t *bigger = realloc(c->stream[dir], c->len[dir] + n + 1);
    if (bigger == NULL)
        return -1;
    c->stream[dir] = bigger;
    memcpy(bigger + c->len[dir], p, n);
    c->len[dir] += n;
    return 0;
}

/* One Ethernet frame of the capture. */
static int frame(bl_conn *c, tcp_follow *t, const uint8_t *f, size_t len)
{
    if (len < 14 || be16(f + 12) != 0x0800)
        return 0;                                   /* not IPv4: not ours */
    const uint8_t *ip = f + 14;
    size_t iplen = len - 14;
    if (iplen < 20 || ip[0] >> 4 != 4)
        return 0;
    size_t ihl = (size_t)(ip[0] & 15) * 4, total = be16(ip + 2);
    if (ihl < 20 || total < ihl || total > iplen || ip[9] != 6)
        return 0;
    const uint8_t *tcp = ip + ihl;
    size_t tlen = total - ihl;
    if (tlen < 20)
        return 0;
    size_t thl = (size_t)(tcp[12] >> 4) * 4;
    if (thl < 20 || thl > tlen)
        return 0;
    uint16_t sport = (uint16_t)be16(tcp), dport = (uint16_t)be16(tcp + 2);
    uint32_t seq = be32(tcp + 4);
    int syn = tcp[13] & 0x02, ack = tcp[13] & 0x10, fin = tcp[13] & 0x01;
    if (!t->have) {
        if (!syn || ack)
            return 0;                               /* wait for the first client SYN */
        t->have = 1;
        memcpy(t->cli_ip, ip + 12, 4), memcpy(t->srv_ip, ip + 16, 4);
        t->cli_port = sport, t->srv_port = dport;
    }
    int dir;
    if (memcmp(ip + 12, t->cli_ip, 4) == 0 && sport == t->cli_port &&
        memcmp(ip + 16, t->srv_ip, 4) == 0 && dport == t->srv_port)
        dir = 0;
    else if (memcmp(ip + 12, t->srv_ip, 4) == 0 && sport == t->srv_port &&
             memcmp(ip + 16, t->cli_ip, 4) == 0 && dport == t->cli_port)
        dir = 1;
    else
        return 0;                                   /* another connection */
    if (syn) {
        if (t->synced[dir])
            return 0;                               /* a repeated SYN */
        t->synced[dir] = 1;
        t->next[dir] = seq + 1;
        return 0;
    }
    if (!t->synced[dir] || t->fin[dir])
        return 0;
    const uint8_t *pay = tcp + thl;
    size_t n = tlen - thl;
    uint32_t ahead = seq - t->next[dir];            /* modulo 2^32 */
    if (n > 0) {
        if (ahead != 0 && ahead < 0x80000000u) {
            fprintf(stderr, "glass-attack: the capture misses TCP data (a gap in the %s stream)\n",
                    dir ? "server's" : "client's");
            return -1;
        }
        uint32_t behind = ahead == 0 ? 0 : (uint32_t)(0u - ahead);  /* already seen */
        if (behind < n) {
            if (append(c, dir, pay + behind, n - behind) != 0)
                return -1;
            t->next[dir] += (uint32_t)(n - behind);
        }
    }
    if (fin && seq + (uint32_t)n == t->next[dir])
        t->fin[dir] = 1;
    return 0;
}

static int read_pcapng(bl_conn *c, const char *path)
{
    size_t len;
    uint8_t *buf = slurp(path, &len);
    if (buf == NULL) {
        fprintf(stderr, "glass-attack: cannot read the capture %s\n", path);
        return -1;
    }
    tcp_follow t;
    memset(&t, 0, sizeof t);
    int big = 0, ethernet = 0, rc = 0;
    size_t off = 0;
    if (len < 12 || get32(buf, 0) != 0x0A0D0D0Au) {
        fprintf(stderr, "glass-attack: %s is not a pcapng file\n", path);
        free(buf);
        return -1;
    }
    while (rc == 0 && off + 12 <= len) {
        uint32_t type = get32(buf + off, big);
        if (type == 0x0A0D0D0Au) {                   /* Section Header: its byte order */
            if (get32(buf + off + 8, 0) == 0x1A2B3C4Du)
                big = 0;
            else if (get32(buf + off + 8, 1) == 0x1A2B3C4Du)
                big = 1;
            else {
                rc = -1;
                break;
            }
        }
        uint32_t blen = get32(buf + off + 4, big);
        if (blen < 12 || blen % 4 != 0 || blen > len - off ||
            get32(buf + off + blen - 4, big) != blen) {
            rc = -1;
            break;
        }
        const uint8_t *body = buf + off + 8;
        size_t bodylen = blen - 12;
        if (type == 1 && bodylen >= 2)              /* Interface Description */
            ethernet = (big ? be16(body) : (uint32_t)(body[1] << 8 | body[0])) == 1;
        if (type == 6 && bodylen >= 20 && ethernet) {  /* Enhanced Packet */
            uint32_t caplen = get32(body + 12, big);
            if (caplen > bodylen - 20) {
                rc = -1;
                break;
            }
            rc = frame(c, &t, body + 20, caplen);
        }
        off += blen;
    }
    free(buf);
    if (rc == 0 && (off != len || !t.have)) {
        fprintf(stderr, "glass-attack: %s: %s\n", path,
                t.have ? "trailing bytes after the last block" : "no TCP connection in it");
        return -1;
    }
    if (rc != 0)
        fprintf(stderr, "glass-attack: %s: a malformed pcapng block\n", path);
    return rc;
}

/* The handshake bytes of one stream up to its ChangeCipherSpec. */
static int handshake_bytes(bl_conn *c, int dir, uint8_t **hs, size_t *hs_len)
{
    const uint8_t *s = c->stream[dir];
    size_t off = 0, n = 0;
    uint8_t *out = malloc(HS_MAX);
    if (out == NULL)
        return -1;
    while (off + 5 <= c->len[dir]) {
        size_t rl = be16(s + off + 3);
        if (rl > RECORD_MAX || off + 5 + rl > c->len[dir])
            break;
        if (s[off] == 20) {                          /* ChangeCipherSpec */
            c->sealed_at[dir] = off + 5 + rl;
            *hs = out, *hs_len = n;
            return 0;
        }
        if (s[off] == 22) {
            if (n + rl > HS_MAX)
                break;
            memcpy(out + n, s + off + 5, rl);
            n += rl;
        } else if (s[off] == 21) {
            fprintf(stderr, "glass-attack: the %s sent an alert before ChangeCipherSpec: "
                            "not a completed handshake\n", dir ? "server" : "client");
            free(out);
            return -1;
        }
        off += 5 + rl;
    }
    fprintf(stderr, "glass-attack: the %s's stream has no ChangeCipherSpec (a completed "
                    "full handshake is needed)\n", dir ? "server" : "client");
    free(out);
    return -1;
}

/* The next handshake message at *off: its type, body and whole length. */
static int next_msg(const uint8_t *hs, size_t len, size_t *off, int *type, const uint8_t **body,
                    size_t *body_len)
{
    if (*off + 4 > len)
        return -1;
    size_t bl = be24(hs + *off + 1);
    if (bl > len - *off - 4)
        return -1;
    *type = hs[*off], *body = hs + *off + 4, *body_len = bl;
    *off += 4 + bl;
    return 0;
}

static int server_hello(bl_conn *c, const uint8_t *b, size_t n)
{
    if (n < 38 || b[34] > 32 || n < 35u + b[34] + 3)
        return -1;
    memcpy(c->server_random, b + 2, 32);
    size_t p = 35 + b[34];
    c->suite = (uint16_t)be16(b + p);
    p += 3;                                          /* suite, compression */
    if (p == n)
        return 0;                                    /* no extensions */
    if (p + 2 > n || be16(b + p) != n - p - 2)
        return -1;
    for (p += 2; p + 4 <= n;) {
        size_t el = be16(b + p + 2);
        if (el > n - p - 4)
            return -1;
        if (be16(b + p) == 0x0017)                   /* extended_master_secret */
            c->ems = 1;
        p += 4 + el;
    }
    return p == n ? 0 : -1;
}

static int certificate(bl_conn *c, const uint8_t *b, size_t n)
{
    if (n < 6 || be24(b) != n - 3)
        return -1;
    size_t cl = be24(b + 3);
    if (cl > n - 6)
        return -1;
    glass_x509_cert cert;
    if (glass_x509_parse(&cert, b + 6, cl) != 0 || cert.key_type != GLASS_X509_KEY_RSA ||
        cert.rsa_n.len > sizeof c->n || cert.rsa_e.len > sizeof c->e) {
        fprintf(stderr, "glass-attack: the server's certificate holds no RSA key\n");
        return -1;
    }
    memcpy(c->n, cert.rsa_n.p, cert.rsa_n.len), c->n_len = cert.rsa_n.len;
    memcpy(c->e, cert.rsa_e.p, cert.rsa_e.len), c->e_len = cert.rsa_e.len;
    return 0;
}

int bl_conn_read(bl_conn *c, const char *pcap_path)
{
    memset(c, 0, sizeof *c);
    uint8_t *hs[2] = { NULL, NULL };
    size_t hl[2] = { 0, 0 };
    int rc = -1;
    if (read_pcapng(c, pcap_path) != 0 || handshake_bytes(c, 0, &hs[0], &hl[0]) != 0 ||
        handshake_bytes(c, 1, &hs[1], &hl[1]) != 0)
        goto out;
    /* the server's flight: ServerHello, Certificate, [CertificateRequest],
     * ServerHelloDone — and no ServerKeyExchange in an RSA key exchange */
    size_t off = 0, server_end = 0;
    int type, seen_cert = 0, seen_sh = 0;
    const uint8_t *body;
    size_t bl;
    while (server_end == 0 && next_msg(hs[1], hl[1], &off, &type, &body, &bl) == 0) {
        if (type == 2) {
            if (server_hello(c, body, bl) != 0)
                goto bad;
            seen_sh = 1;
        } else if (type == 11) {
            if (certificate(c, body, bl) != 0)
                goto out;
            seen_cert = 1;
        } else if (type == 12) {
            fprintf(stderr, "glass-attack: the server sent a ServerKeyExchange: not an RSA key "
                            "exchange (ECDHE: nothing to attack here, see forward-secrecy.md)\n");
            goto out;
        } else if (type == 14) {
            server_end = off;
        }
    }
    if (!seen_sh || !seen_cert || server_end == 0)
        goto bad;
    switch (c->suite) {
    case 0x009C: c->hash = GLASS_HASH_SHA256, c->key_len = 16; break;
    case 0x009D: c->hash = GLASS_HASH_SHA384, c->key_len = 32; break;
    default:
        fprintf(stderr, "glass-attack: suite 0x%04X: only TLS_RSA_WITH_AES_128_GCM_SHA256 "
                        "(009C) and TLS_RSA_WITH_AES_256_GCM_SHA384 (009D) are read\n", c->suite);
        goto out;
    }
    /* the client's: ClientHello, then after the server's flight
     * [Certificate], ClientKeyExchange, [CertificateVerify] */
    glass_hash_ctx h;
    if (glass_hash_init(&h, c->hash) != 0)
        goto out;
    off = 0;
    if (next_msg(hs[0], hl[0], &off, &type, &body, &bl) != 0 || type != 1 || bl < 34)
        goto bad;
    memcpy(c->client_random, body + 2, 32);
    glass_hash_update(&h, hs[0], off);
    glass_hash_update(&h, hs[1], server_end);
    size_t start = off;
    while (c->cke_len == 0 && next_msg(hs[0], hl[0], &off, &type, &body, &bl) == 0) {
        if (type != 16)
            continue;
        if (bl < 2 || be16(body) != bl - 2 || bl - 2 != c->n_len || bl - 2 > sizeof c->cke)
            goto bad;
        memcpy(c->cke, body + 2, bl - 2);
        c->cke_len = bl - 2;
    }
    if (c->cke_len == 0)
        goto bad;
    glass_hash_update(&h, hs[0] + start, off - start);
    glass_hash_final(&h, c->session_hash);
    c->session_hash_len = glass_hash_size(c->hash);
    rc = 0;
    goto out;
bad:
    fprintf(stderr, "glass-attack: the capture's handshake is not a full RSA handshake "
                    "glass-attack can read\n");
out:
    free(hs[0]);
    free(hs[1]);
    return rc;
}

void bl_conn_free(bl_conn *c)
{
    free(c->stream[0]);
    free(c->stream[1]);
    c->stream[0] = c->stream[1] = NULL;
}

int bl_master(const bl_conn *c, const uint8_t premaster[48], uint8_t master[48])
{
    if (c->ems)
        return glass_extended_master_secret(c->hash, premaster, 48, c->session_hash,
                                            c->session_hash_len, master);
    return glass_master_secret(c->hash, premaster, 48, c->client_random, c->server_random,
                               master);
}

static const char *alert_name(int d)
{
    switch (d) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 40: return "handshake_failure";
    case 51: return "decrypt_error";
    default: return "alert";
    }
}

int bl_decrypt(const bl_conn *c, const uint8_t master[48], FILE *out)
{
    uint8_t kb[2 * 32 + 2 * 4];
    size_t kl = c->key_len;
    if (glass_key_block(c->hash, master, c->client_random, c->server_random, kb, 2 * kl + 8) != 0)
        return -1;
    int opened = 0;
    uint8_t *pt = malloc(RECORD_MAX);
    if (pt == NULL)
        return -1;
    for (int dir = 0; dir < 2 && opened >= 0; dir++) {
        glass_gcm g;
        if (glass_gcm_init(&g, kb + dir * kl, kl) != 0) {
            opened = -1;
            break;
        }
        const uint8_t *salt = kb + 2 * kl + dir * 4, *s = c->stream[dir];
        uint64_t seq = 0;
        for (size_t off = c->sealed_at[dir]; off + 5 <= c->len[dir]; seq++) {
            size_t rl = be16(s + off + 3);
            if (rl > RECORD_MAX || off + 5 + rl > c->len[dir])
                break;                                /* a cut record at the end */
            const uint8_t *r = s + off;
            off += 5 + rl;
            if (rl < 8 + 16) {
                opened = -1;
                break;
            }
            size_t ptl = rl - 8 - 16;
            uint8_t nonce[12], aad[13];
            memcpy(nonce, salt, 4);
            memcpy(nonce + 4, r + 5, 8);
            for (int i = 0; i < 8; i++)
                aad[i] = (uint8_t)(seq >> (56 - 8 * i));
            aad[8] = r[0], aad[9] = r[1], aad[10] = r[2];
            aad[11] = (uint8_t)(ptl >> 8), aad[12] = (uint8_t)ptl;
            if (glass_gcm_open(&g, nonce, 12, aad, 13, r + 13, ptl, r + 13 + ptl, 16, pt) != 0) {
                fprintf(out, "%s record %llu: the tag does not verify: wrong keys\n",
                        dir ? "server" : "client", (unsigned long long)seq);
                opened = -1;
                break;
            }
            opened++;
            fprintf(out, "--- %s record %llu, %s, %zu bytes:", dir ? "server" : "client",
                    (unsigned long long)seq,
                    r[0] == 23 ? "application data" : r[0] == 22 ? "handshake" :
                    r[0] == 21 ? "alert" : "other", ptl);
            if (r[0] == 23) {
                fputc('\n', out);
                fwrite(pt, 1, ptl, out);
                if (ptl > 0 && pt[ptl - 1] != '\n')
                    fputc('\n', out);
            } else if (r[0] == 22 && ptl >= 4) {
                fprintf(out, " %s\n", pt[0] == 20 ? "Finished" : "a handshake message");
            } else if (r[0] == 21 && ptl == 2) {
                fprintf(out, " %s (%d)\n", alert_name(pt[1]), pt[1]);
            } else {
                fputc('\n', out);
            }
        }
        glass_gcm_free(&g);
    }
    glass_wipe(pt, RECORD_MAX);
    free(pt);
    glass_wipe(kb, sizeof kb);
    return opened;
}
