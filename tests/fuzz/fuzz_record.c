/*
 * fuzz_record.c — the record layer's read path (lib/record/record.c,
 * protect.c, alert.c): record headers, versions, lengths, handshake
 * reassembly, alerts, ChangeCipherSpec and AES-GCM opening, fed through an
 * in-memory transport.
 *
 * Input: one flags byte, then the stream.
 *   flags bit 0   the reader is a server (first-record version rule)
 *   flags bit 1   "sealed" stream: the rest is a list of items
 *                   type (1 byte), length (2 bytes), payload
 *                 which the harness turns into records itself: plaintext
 *                 until it has sent a ChangeCipherSpec, then sealed with
 *                 AES-GCM under the fixed key the reader expects.  This is
 *                 how the fuzzer gets past the tag check and reaches the
 *                 code behind it.  Without bit 1 the rest is raw wire
 *                 bytes (headers, lengths and tags as they come).
 *   flags bit 2   the transport moves one byte per call
 *   flags bit 3   would-block between reads (the non-blocking path)
 *   flags bit 4   AES-256 instead of AES-128
 *   flags bit 5   a small handshake-message limit (64 bytes)
 *   flags bit 6   no pending read keys (a ChangeCipherSpec is unexpected)
 * The reader loops on glass_record_next() until an error, consuming
 * application data in two steps; at the error it queues the alert the
 * error maps to (glass_alert_for_error) and flushes, as the connection
 * does.  Keys, salts and everything else are fixed: runs reproduce.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "record/record.h"
#include "helpers/feed.h"

static const uint8_t key32[32] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};
static const uint8_t salt[GLASS_GCM_SALT_SIZE] = { 0xca, 0xfe, 0xba, 0xbe };

/* Turns the item list into records; returns the wire length written to out
 * (capacity cap). */
static size_t build_sealed(const uint8_t *p, size_t n, size_t key_len, uint8_t *out, size_t cap)
{
    glass_record_cipher w;
    size_t o = 0, i = 0;
    int sealed = 0;

    memset(&w, 0, sizeof w);
    while (i + 3 <= n) {
        uint8_t type = p[i];
        size_t len = (size_t)p[i + 1] << 8 | p[i + 2];
        i += 3;
        if (len > n - i)
            len = n - i;
        size_t room = GLASS_RECORD_HEADER_SIZE + GLASS_GCM_EXPLICIT_NONCE + len + GLASS_GCM_TAG_SIZE;
        if (room > cap - o)
            break;
        uint8_t *rec = out + o;
        size_t off = glass_record_payload_offset(&w);
        memcpy(rec + off, p + i, len);
        i += len;
        if (glass_record_seal(&w, type, rec, len) == 0) {
            o += off + len + (sealed ? GLASS_GCM_TAG_SIZE : 0);
        } else {
            /* too long to seal: send it as it is, the reader must refuse it */
            memmove(rec + GLASS_RECORD_HEADER_SIZE, rec + off, len);
            rec[0] = type;
            rec[1] = 3;
            rec[2] = 3;
            rec[3] = (uint8_t)(len >> 8);
            rec[4] = (uint8_t)len;
            o += GLASS_RECORD_HEADER_SIZE + len;
        }
        if (type == GLASS_CT_CHANGE_CIPHER_SPEC && !sealed) {
            glass_record_cipher_wipe(&w);
            if (glass_record_cipher_init(&w, key32, key_len, salt) != 0)
                break;
            sealed = 1;
        }
    }
    glass_record_cipher_wipe(&w);
    return o;
}

/* glass_record_set_hs_limit's grow callback: one malloc'd buffer at a
 * time, as the connection does (lib/conn/conn.c). */
typedef struct big_buf {
    uint8_t *p;
} big_buf;

static uint8_t *grow(void *ctx, const uint8_t *cur, size_t keep, size_t need)
{
    big_buf *b = ctx;
    uint8_t *n = malloc(need);
    if (n == NULL)
        return NULL;
    memcpy(n, cur, keep);
    free(b->p);
    b->p = n;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t flags = data[0];
    size_t key_len = (flags & 0x10) ? 32 : 16;
    /* 0x20: a 64-byte bound; 0x80: 256-byte buffers that grow up to 64 KiB */
    size_t max_hs = (flags & 0x20) ? 64 : (flags & 0x80) ? 256 : 65536;
    size_t bound = (flags & 0x80) && !(flags & 0x20) ? 65536 : max_hs;
    big_buf big = { NULL };
    test_feed f;
    uint8_t *wire = NULL;

    memset(&f, 0, sizeof f);
    f.one_byte = (flags & 0x04) != 0;
    f.block = (flags & 0x08) != 0;
    if (flags & 0x02) {
        /* worst case per item: 3 input bytes become 5 + 8 + 16 */
        size_t cap = (size - 1) / 3 * 29 + (size - 1) + 64;
        wire = malloc(cap);
        if (wire == NULL)
            return 0;
        f.p = wire;
        f.len = build_sealed(data + 1, size - 1, key_len, wire, cap);
    } else {
        f.p = data + 1;
        f.len = size - 1;
    }

    size_t mem_size = glass_record_mem_size(max_hs);
    uint8_t *mem = malloc(mem_size);
    glass_record r;
    glass_transport tr = test_feed_transport(&f);
    if (mem == NULL) {
        free(wire);
        return 0;
    }
    glass_record_init(&r, tr, flags & 1, mem, max_hs);
    if (bound > max_hs)
        glass_record_set_hs_limit(&r, bound, grow, &big);
    if (!(flags & 0x40))
        FUZZ_CHECK(glass_record_set_keys(&r, GLASS_DIR_READ, key32, key_len, salt) == 0);

    /* every call either moves forward in the stream or blocks once */
    size_t limit = 4 * f.len + 64;
    int rc = 0;
    size_t iter;
    for (iter = 0; iter < limit; iter++) {
        glass_record_msg m;
        rc = glass_record_next(&r, &m);
        if (rc == GLASS_E_WANT_READ)
            continue;
        if (rc != 0)
            break;
        FUZZ_CHECK(m.len <= (m.type == GLASS_CT_HANDSHAKE ? bound : GLASS_MAX_PLAINTEXT));
        if (m.type == GLASS_CT_HANDSHAKE) {
            FUZZ_CHECK(m.len >= GLASS_HS_HEADER_SIZE);
            if (m.hash != NULL) {          /* an SSLv2-compatible ClientHello */
                FUZZ_CHECK(flags & 1);
                FUZZ_CHECK(m.data[0] == 1 && m.hash[0] == 1 && m.hash_len >= 28);
                volatile uint8_t sum = 0;
                for (size_t i = 0; i < m.hash_len; i++)
                    sum ^= m.hash[i];
                (void)sum;
            }
            FUZZ_CHECK(m.len - GLASS_HS_HEADER_SIZE ==
                       ((size_t)m.data[1] << 16 | (size_t)m.data[2] << 8 | m.data[3]));
        } else if (m.type == GLASS_CT_CHANGE_CIPHER_SPEC) {
            FUZZ_CHECK(m.len == 1 && m.data[0] == 1);
        } else {
            FUZZ_CHECK(m.type == GLASS_CT_APPLICATION_DATA);
            if (m.len > 0) {
                volatile uint8_t sum = 0;
                for (size_t i = 0; i < m.len; i++)   /* touch every byte (ASan) */
                    sum ^= m.data[i];
                (void)sum;
                glass_record_consume(&r, m.len / 2);
                glass_record_consume(&r, m.len - m.len / 2);
            }
        }
    }
    FUZZ_CHECK(iter < limit);          /* it ended on an error: no endless loop */
    if (rc < 0) {
        int alert = glass_alert_for_error(rc);
        FUZZ_CHECK(alert == GLASS_ALERT_NONE || (alert >= 0 && alert < 256));
        if (alert != GLASS_ALERT_NONE) {
            (void)glass_record_queue_alert(&r, GLASS_ALERT_LEVEL_FATAL, (uint8_t)alert);
            (void)glass_record_flush(&r);
        }
    }
    glass_record_wipe(&r, mem_size);
    free(mem);
    free(wire);
    free(big.p);
    return 0;
}
