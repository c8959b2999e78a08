/*
 * record_tool.c — a test-only program for tests/sh/record_openssl.sh: it
 * checks glasstls's record layer against TLS 1.2 traffic captured between
 * two real OpenSSL peers, and seals records for python3-cryptography to
 * open.  Built by that script against the library (internal headers).
 *
 *   record_tool open KEYLOG C2S S2C
 *       C2S/S2C: the raw TCP bytes of each direction.  Takes the client
 *       and server randoms and the suite from the captured hellos, the
 *       master secret from the NSS key log (CLIENT_RANDOM line), derives
 *       the key block with glasstls's PRF (RFC 5246 section 6.3) and reads
 *       both streams with glasstls's record layer: every handshake message
 *       is reassembled, the ChangeCipherSpec switches keys, and every
 *       encrypted record is opened.  Prints what it saw; exit 0 only if
 *       every record opened and both streams ended cleanly.
 *
 *   record_tool seal KEY SALT SEQ TYPE PLAINTEXT   (hex, decimal, decimal, hex)
 *       Prints the AES-GCM record glasstls makes (hex).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/prf.h"
#include "record/record.h"
#include "helpers/feed.h"
#include "helpers/hex.h"

/* hex string h -> out (room for cap bytes), its length in *len: 0 or -1 */
static int unhex(const char *h, uint8_t *out, size_t cap, size_t *len)
{
    long n = test_unhex(h, out, cap);
    if (n < 0)
        return -1;
    *len = (size_t)n;
    return 0;
}

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
    printf("%s", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            uint8_t *nb = realloc(buf, cap);
            if (nb == NULL)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* The stream of one direction through a glass_record. */
typedef struct direction {
    const char *name;
    test_feed ms;              /* the captured stream, read once */
    glass_record rec;
    uint8_t *mem;
    size_t mem_size;
    uint8_t first_hs[GLASS_HS_HEADER_SIZE + 512];  /* the hello, for its random */
    size_t first_hs_len;
    unsigned handshakes, ccs, app_records;
    uint8_t app[1 << 16];
    size_t app_len;
    int closed;                            /* close_notify seen */
} direction;

static int dir_init(direction *d, const char *name, const char *path, int is_server)
{
    memset(d, 0, sizeof *d);
    d->name = name;
    d->ms.p = slurp(path, &d->ms.len);
    if (d->ms.p == NULL)
        return -1;
    d->mem_size = glass_record_mem_size(1 << 17);
    d->mem = malloc(d->mem_size);
    if (d->mem == NULL)
        return -1;
    glass_transport t = test_feed_transport(&d->ms);
    glass_record_init(&d->rec, t, is_server, d->mem, 1 << 17);
    return 0;
}

/* Reads the next item; stops after the first handshake message when
 * stop_after_first is set.  Returns 0 at a clean end, 1 when stopped, or
 * an error. */
static int dir_run(direction *d, int stop_after_first)
{
    for (;;) {
        glass_record_msg m;
        int rc = glass_record_next(&d->rec, &m);
        if (rc == GLASS_E_CLOSED) {
            d->closed = 1;
            return d->ms.pos == d->ms.len ? 0 : GLASS_E_DECODE;  /* nothing after it */
        }
        if (rc == GLASS_E_EOF)
            return d->rec.in_have == 0 && d->rec.hs_in_have == 0 ? 0 : rc;
        if (rc != GLASS_OK)
            return rc;
        switch (m.type) {
        case GLASS_CT_HANDSHAKE:
            if (d->handshakes == 0 && m.len <= sizeof d->first_hs) {
                memcpy(d->first_hs, m.data, m.len);
                d->first_hs_len = m.len;
            }
            d->handshakes++;
            if (d->rec.read.active) {
                /* the only encrypted handshake message: Finished, 4 + 12 */
                printf("%s: encrypted handshake message type %u length %zu\n",
                       d->name, m.data[0], m.len);
                if (m.data[0] != 20 || m.len != 16)
                    return GLASS_E_DECODE;
            }
            if (stop_after_first)
                return 1;
            break;
        case GLASS_CT_CHANGE_CIPHER_SPEC:
            d->ccs++;
            break;
        case GLASS_CT_APPLICATION_DATA:
            if (!d->rec.read.active)
                return GLASS_E_UNEXPECTED_MESSAGE;
            d->app_records++;
            if (d->app_len + m.len <= sizeof d->app) {
                memcpy(d->app + d->app_len, m.data, m.len);
                d->app_len += m.len;
            }
            glass_record_consume(&d->rec, m.len);
            break;
        default:
            return GLASS_E_INTERNAL;
        }
    }
}

/* The random of a ClientHello/ServerHello message: after the 4-byte header
 * and the 2-byte version (RFC 5246 7.4.1.2/7.4.1.3). */
static const uint8_t *hello_random(const direction *d, uint8_t want_type)
{
    if (d->first_hs_len < 4 + 2 + 32 || d->first_hs[0] != want_type)
        return NULL;
    return d->first_hs + 6;
}

static int find_master(const char *keylog, const uint8_t cr[32], uint8_t ms[48])
{
    FILE *f = fopen(keylog, "r");
    if (f == NULL)
        return -1;
    char line[512];
    int found = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        char label[64], crh[129], msh[129];
        if (sscanf(line, "%63s %128s %128s", label, crh, msh) != 3)
            continue;
        uint8_t c[64];
        size_t cl, ml;
        if (strcmp(label, "CLIENT_RANDOM") != 0 || unhex(crh, c, sizeof c, &cl) != 0 ||
            cl != 32 || memcmp(c, cr, 32) != 0)
            continue;
        if (unhex(msh, ms, 48, &ml) == 0 && ml == 48)
            found = 0;
    }
    fclose(f);
    return found;
}

static int cmd_open(const char *keylog, const char *c2s_path, const char *s2c_path)
{
    static direction c2s, s2c;
    if (dir_init(&c2s, "c2s", c2s_path, 1) != 0 || dir_init(&s2c, "s2c", s2c_path, 0) != 0) {
        fprintf(stderr, "record_tool: cannot read the captures\n");
        return 2;
    }
    /* the hellos, in plaintext */
    int rc1 = dir_run(&c2s, 1), rc2 = dir_run(&s2c, 1);
    const uint8_t *cr = hello_random(&c2s, 1), *sr = hello_random(&s2c, 2);
    if (rc1 != 1 || rc2 != 1 || cr == NULL || sr == NULL) {
        fprintf(stderr, "record_tool: no ClientHello/ServerHello (%s, %s)\n",
                glass_err_name(rc1), glass_err_name(rc2));
        return 1;
    }
    /* ServerHello: version(2) random(32) session_id<0..32> cipher_suite(2) */
    size_t sid = s2c.first_hs[4 + 34];
    if (4 + 35 + sid + 2 > s2c.first_hs_len)
        return 1;
    uint16_t suite = (uint16_t)(s2c.first_hs[4 + 35 + sid] << 8 | s2c.first_hs[4 + 36 + sid]);
    glass_hash_id hash;
    size_t klen;
    switch (suite) {
    case 0x009C: hash = GLASS_HASH_SHA256; klen = 16; break;
    case 0xC02F: hash = GLASS_HASH_SHA256; klen = 16; break;
    case 0x009D: hash = GLASS_HASH_SHA384; klen = 32; break;
    case 0xC030: hash = GLASS_HASH_SHA384; klen = 32; break;
    default:
        fprintf(stderr, "record_tool: suite 0x%04x is not AES-GCM\n", suite);
        return 1;
    }
    printf("suite 0x%04x\n", suite);
    print_hex("client_random ", cr, 32);
    print_hex("server_random ", sr, 32);
    uint8_t ms[48], kb[2 * 32 + 8];
    if (find_master(keylog, cr, ms) != 0) {
        fprintf(stderr, "record_tool: no CLIENT_RANDOM line for this session in %s\n", keylog);
        return 1;
    }
    /* RFC 5246 6.3: client_write_key, server_write_key, client_write_IV,
     * server_write_IV (AEAD suites have no MAC keys). */
    if (glass_key_block(hash, ms, cr, sr, kb, 2 * klen + 8) != GLASS_OK)
        return 1;
    const uint8_t *ck = kb, *sk = kb + klen, *civ = kb + 2 * klen, *siv = kb + 2 * klen + 4;
    print_hex("client_write_key ", ck, klen);
    print_hex("client_write_iv ", civ, 4);
    print_hex("server_write_key ", sk, klen);
    print_hex("server_write_iv ", siv, 4);
    if (glass_record_set_keys(&c2s.rec, GLASS_DIR_READ, ck, klen, civ) != GLASS_OK ||
        glass_record_set_keys(&s2c.rec, GLASS_DIR_READ, sk, klen, siv) != GLASS_OK)
        return 1;
    int ok = 1;
    direction *dirs[2] = { &c2s, &s2c };
    for (int i = 0; i < 2; i++) {
        direction *d = dirs[i];
        int rc = dir_run(d, 0);
        printf("%s: %s; handshake messages %u, ChangeCipherSpec %u, encrypted records "
               "opened %llu, application records %u (%zu bytes), close_notify %s\n",
               d->name, rc == 0 ? "clean end" : glass_err_name(rc), d->handshakes, d->ccs,
               (unsigned long long)d->rec.read.seq, d->app_records, d->app_len,
               d->closed ? "yes" : "no");
        print_hex(i == 0 ? "app_c2s " : "app_s2c ", d->app, d->app_len);
        if (rc != 0 || d->ccs != 1 || d->rec.read.seq < 2)
            ok = 0;
    }
    glass_wipe(ms, sizeof ms);
    glass_wipe(kb, sizeof kb);
    return ok ? 0 : 1;
}

static int cmd_seal(const char *keyh, const char *salth, const char *seqs,
                    const char *types, const char *pth)
{
    uint8_t key[32], salt[4], rec[GLASS_RECORD_OUT_SIZE];
    size_t kl, sl, pl;
    if (unhex(keyh, key, sizeof key, &kl) != 0 || unhex(salth, salt, 4, &sl) != 0 || sl != 4 ||
        unhex(pth, rec + 13, GLASS_MAX_PLAINTEXT, &pl) != 0)
        return 2;
    glass_record_cipher c;
    memset(&c, 0, sizeof c);
    if (glass_record_cipher_init(&c, key, kl, salt) != GLASS_OK)
        return 2;
    c.seq = strtoull(seqs, NULL, 10);
    if (glass_record_seal(&c, (uint8_t)atoi(types), rec, pl) != GLASS_OK)
        return 1;
    print_hex("", rec, 5 + 8 + pl + 16);
    glass_record_cipher_wipe(&c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "open") == 0)
        return cmd_open(argv[2], argv[3], argv[4]);
    if (argc == 7 && strcmp(argv[1], "seal") == 0)
        return cmd_seal(argv[2], argv[3], argv[4], argv[5], argv[6]);
    fprintf(stderr, "usage: record_tool open KEYLOG C2S S2C\n"
                    "       record_tool seal KEY SALT SEQ TYPE PLAINTEXT\n");
    return 2;
}
