/*
 * tls.c — reading an exercise's capture back, the way a student does by
 * hand: split the handshake records into messages, take the randoms and
 * the suite out of the hellos, derive the key block (RFC 5246 6.3) and
 * open AES-GCM records (RFC 5288 3, RFC 5246 6.2.3.3).
 *
 * Everything here is strict: a length that runs past its container makes
 * the capture unreadable (-1), never a read out of bounds.
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/gcm.h"

#include "glasslab.h"

static int add_msg(gl_conn *c, int from_server, size_t record, const uint8_t *b, size_t n)
{
    if (c->n_msg == GL_MAX_MSGS)
        return -1;
    uint8_t *copy = malloc(n);
    if (copy == NULL)
        return -1;
    memcpy(copy, b, n);
    c->msg[c->n_msg] = (gl_msg){ from_server, b[0], record, copy, n };
    c->n_msg++;
    return 0;
}

/* Handshake bytes of one direction, gathered across records: every whole
 * message in buf[0..*len) is added and removed; a part stays for later. */
static int take_messages(gl_conn *c, int from_server, size_t record, uint8_t *buf, size_t *len)
{
    size_t pos = 0;
    while (*len - pos >= 4) {
        size_t body = (size_t)buf[pos + 1] << 16 | (size_t)buf[pos + 2] << 8 | buf[pos + 3];
        if (*len - pos - 4 < body)
            break;
        if (add_msg(c, from_server, record, buf + pos, 4 + body) != 0)
            return -1;
        pos += 4 + body;
    }
    memmove(buf, buf + pos, *len - pos);
    *len -= pos;
    return 0;
}

/* Does this hello's extension block carry extended_master_secret (type 23,
 * RFC 7627 5.1)?  p points after the compression method(s). */
static int has_ems(const uint8_t *p, const uint8_t *end)
{
    if (end - p < 2)
        return 0;
    size_t total = (size_t)p[0] << 8 | p[1];
    p += 2;
    if ((size_t)(end - p) < total)
        return 0;
    end = p + total;
    while (end - p >= 4) {
        unsigned type = (unsigned)p[0] << 8 | p[1];
        size_t len = (size_t)p[2] << 8 | p[3];
        p += 4;
        if ((size_t)(end - p) < len)
            return 0;
        if (type == 23)
            return 1;
        p += len;
    }
    return 0;
}

/* The randoms, the suite and EMS from the two hellos (RFC 5246 7.4.1.2-3). */
static int read_hellos(gl_conn *c)
{
    int ch = gl_find_msg(c, GL_HS_CLIENT_HELLO, 0), sh = gl_find_msg(c, GL_HS_SERVER_HELLO, 1);
    if (ch < 0 || sh < 0)
        return -1;
    const uint8_t *p = c->msg[ch].bytes + 4, *end = c->msg[ch].bytes + c->msg[ch].len;
    if (end - p < 2 + 32 + 1)
        return -1;
    memcpy(c->client_random, p + 2, 32);
    p += 34;
    size_t sid = *p++;
    if ((size_t)(end - p) < sid + 2)
        return -1;
    p += sid;
    size_t suites = (size_t)p[0] << 8 | p[1];
    p += 2;
    if ((size_t)(end - p) < suites + 1)
        return -1;
    p += suites;
    size_t comp = *p++;
    if ((size_t)(end - p) < comp)
        return -1;
    int client_ems = has_ems(p + comp, end);

    p = c->msg[sh].bytes + 4;
    end = c->msg[sh].bytes + c->msg[sh].len;
    if (end - p < 2 + 32 + 1)
        return -1;
    memcpy(c->server_random, p + 2, 32);
    p += 34;
    sid = *p++;
    if ((size_t)(end - p) < sid + 3)
        return -1;
    p += sid;
    c->suite = (uint16_t)(p[0] << 8 | p[1]);
    p += 3;                                         /* suite, compression method */
    c->ems = client_ems && has_ems(p, end);
    switch (c->suite) {
    case 0x009C: case 0xC02F: case 0xC02B:          /* AES-128-GCM, SHA-256 */
        c->hash = GLASS_HASH_SHA256; c->key_len = 16; break;
    case 0x009D: case 0xC030: case 0xC02C:          /* AES-256-GCM, SHA-384 */
        c->hash = GLASS_HASH_SHA384; c->key_len = 32; break;
    default:
        return -1;
    }
    return 0;
}

int gl_conn_read(gl_conn *c, const gl_capture *cap)
{
    static uint8_t pending[2][65536 + 4];
    size_t plen[2] = { 0, 0 };
    uint64_t seq[2] = { 0, 0 };
    memset(c, 0, sizeof *c);
    c->cap = cap;
    c->ccs_record[0] = c->ccs_record[1] = SIZE_MAX;
    for (size_t i = 0; i < cap->n; i++) {
        const gl_record *r = &cap->rec[i];
        int s = r->from_server;
        if (c->ccs_record[s] != SIZE_MAX) {         /* after its CCS: under the new keys */
            c->encrypted[i] = 1;
            c->seq[i] = seq[s]++;
            continue;
        }
        if (r->bytes[0] == GL_CT_CCS) {
            c->ccs_record[s] = i;
            continue;
        }
        if (r->bytes[0] != GL_CT_HANDSHAKE)
            continue;                               /* an alert in the clear */
        if (r->len - 5 > sizeof pending[s] - plen[s])
            goto bad;
        memcpy(pending[s] + plen[s], r->bytes + 5, r->len - 5);
        plen[s] += r->len - 5;
        if (take_messages(c, s, i, pending[s], &plen[s]) != 0)
            goto bad;
    }
    if (read_hellos(c) != 0)
        goto bad;
    return 0;
bad:
    fprintf(stderr, "glass-lab: the capture's handshake cannot be read\n");
    gl_conn_free(c);
    return -1;
}

int gl_keys_derive(const gl_conn *c, const uint8_t master[48], int swapped, gl_keys *k)
{
    /* AEAD suites have no MAC keys: client_write_key, server_write_key,
     * client_write_IV, server_write_IV (4 bytes each, the GCM salt) */
    uint8_t block[2 * 32 + 2 * 4];
    size_t need = 2 * c->key_len + 8;
    int rc = swapped ? glass_key_block(c->hash, master, c->server_random, c->client_random, block, need)
                     : glass_key_block(c->hash, master, c->client_random, c->server_random, block, need);
    if (rc != 0)
        return -1;
    k->key_len = c->key_len;
    memcpy(k->key[0], block, c->key_len);
    memcpy(k->key[1], block + c->key_len, c->key_len);
    memcpy(k->salt[0], block + 2 * c->key_len, 4);
    memcpy(k->salt[1], block + 2 * c->key_len + 4, 4);
    glass_wipe(block, sizeof block);
    return 0;
}

long gl_record_open(const gl_conn *c, const gl_keys *k, size_t i, int from_server_keys,
                    uint64_t seq, size_t aad_len, uint8_t *out, uint8_t tag[16],
                    uint8_t aad_out[13])
{
    return gl_record_open_nonce(c, k, i, from_server_keys, seq, aad_len, UINT64_MAX, out, tag,
                                aad_out);
}

long gl_record_open_nonce(const gl_conn *c, const gl_keys *k, size_t i, int from_server_keys,
                          uint64_t seq, size_t aad_len, uint64_t nonce_seq, uint8_t *out,
                          uint8_t tag[16], uint8_t aad_out[13])
{
    const gl_record *r = &c->cap->rec[i];
    if (r->len < 5 + 8 + 16)
        return -1;
    size_t n = r->len - 5 - 8 - 16;
    uint8_t nonce[12], aad[13];
    memcpy(nonce, k->salt[from_server_keys], 4);
    memcpy(nonce + 4, r->bytes + 5, 8);             /* the explicit nonce, as sent */
    if (nonce_seq != UINT64_MAX)                    /* or made up from a sequence number */
        for (int b = 0; b < 8; b++)
            nonce[4 + b] = (uint8_t)(nonce_seq >> (56 - 8 * b));
    for (int b = 0; b < 8; b++)
        aad[b] = (uint8_t)(seq >> (56 - 8 * b));
    memcpy(aad + 8, r->bytes, 3);                   /* type, version */
    if (aad_len == SIZE_MAX)
        aad_len = n;                                /* TLSCompressed.length: the plaintext's */
    aad[11] = (uint8_t)(aad_len >> 8);
    aad[12] = (uint8_t)aad_len;
    if (aad_out != NULL)
        memcpy(aad_out, aad, 13);
    glass_gcm g;
    if (glass_gcm_init(&g, k->key[from_server_keys], k->key_len) != 0)
        return -1;
    /* GCM's encryption is a counter-mode XOR, so sealing the ciphertext
     * gives the plaintext back whatever the tag says — what a student who
     * does not check the tag would read; then sealing that plaintext with
     * this AAD gives the tag this AAD makes. */
    static uint8_t again[GL_RECORD_MAX];
    int rc = glass_gcm_seal(&g, nonce, 12, aad, 13, r->bytes + 13, n, out, tag, 16);
    if (rc == 0)
        rc = glass_gcm_seal(&g, nonce, 12, aad, 13, out, n, again, tag, 16);
    glass_gcm_free(&g);
    return rc == 0 ? (long)n : -1;
}

int gl_conn_open_handshake(gl_conn *c, const uint8_t master[48])
{
    gl_keys k;
    static uint8_t pt[GL_RECORD_MAX];
    if (gl_keys_derive(c, master, 0, &k) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < c->cap->n && rc == 0; i++) {
        const gl_record *r = &c->cap->rec[i];
        if (!c->encrypted[i] || r->bytes[0] != GL_CT_HANDSHAKE)
            continue;
        uint8_t tag[16];
        long n = gl_record_open(c, &k, i, r->from_server, c->seq[i], SIZE_MAX, pt, tag, NULL);
        /* the record's own tag must match: else the master secret is wrong */
        if (n < 4 || !glass_ct_equal(tag, r->bytes + r->len - 16, 16)) {
            rc = -1;
            break;
        }
        size_t len = (size_t)n;
        size_t body = (size_t)pt[1] << 16 | (size_t)pt[2] << 8 | pt[3];
        if (body + 4 != len)                        /* Finished: one message a record */
            rc = -1;
        else
            rc = add_msg(c, r->from_server, i, pt, len);
    }
    glass_wipe(&k, sizeof k);
    glass_wipe(pt, sizeof pt);
    return rc;
}

int gl_find_msg(const gl_conn *c, int type, int from_server)
{
    for (size_t i = 0; i < c->n_msg; i++)
        if (c->msg[i].type == type && c->msg[i].from_server == from_server)
            return (int)i;
    return -1;
}

size_t gl_transcript_hash(const gl_conn *c, size_t end, int flags, uint8_t *out)
{
    glass_hash_ctx h;
    static const uint8_t ccs = 1;
    int ccs_done[2] = { 0, 0 };
    size_t stop = end < c->n_msg ? c->msg[end].record : SIZE_MAX;
    glass_hash_init(&h, c->hash);
    for (size_t i = 0; i <= end && i <= c->n_msg; i++) {
        /* a mistaken CCS goes in before the first message after it */
        size_t at = i < end && i < c->n_msg ? c->msg[i].record : stop;
        for (int s = 0; s < 2; s++) {
            int flag = s ? GL_TH_SERVER_CCS : GL_TH_CLIENT_CCS;
            if ((flags & flag) && !ccs_done[s] && c->ccs_record[s] < at) {
                glass_hash_update(&h, &ccs, 1);
                ccs_done[s] = 1;
            }
        }
        if (i == end || i == c->n_msg)
            break;
        const gl_msg *m = &c->msg[i];
        if (flags & GL_TH_BODIES_ONLY)
            glass_hash_update(&h, m->bytes + 4, m->len - 4);
        else
            glass_hash_update(&h, m->bytes, m->len);
    }
    glass_hash_final(&h, out);
    return c->hash == GLASS_HASH_SHA384 ? 48 : 32;
}

void gl_conn_free(gl_conn *c)
{
    for (size_t i = 0; i < c->n_msg; i++) {
        glass_wipe(c->msg[i].bytes, c->msg[i].len);
        free(c->msg[i].bytes);
    }
    c->n_msg = 0;
}
