/*
 * protect.c — AES-GCM record protection for TLS 1.2 (RFC 5288 section 3,
 * RFC 5246 section 6.2.3.3), sealing and opening one record in place.
 *
 *   nonce          = salt (4 bytes, client/server_write_IV from the key
 *                    block) || explicit nonce (8 bytes, sent in the record;
 *                    we send the sequence number, RFC 5288 section 3)
 *   additional data = seq_num (8) || type (1) || version (2) || length (2),
 *                    length being the PLAINTEXT length (RFC 5246 6.2.3.3)
 *   record body    = explicit nonce || ciphertext || tag (16 bytes)
 */
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "labs/lab.h"
#include "record/record.h"

#define AAD_SIZE 13

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static void put_u16(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* RFC 5246 section 6.2.3.3: seq_num + type + version + length. */
static void make_aad(uint8_t aad[AAD_SIZE], uint64_t seq, uint8_t type,
                     uint16_t version, size_t pt_len)
{
    put_u64(aad, seq);
    aad[8] = type;
    put_u16(aad + 9, version);
    put_u16(aad + 11, pt_len);
}

void glass_record_nonce_aad(const glass_record_cipher *c, uint64_t seq, uint8_t type,
                            uint16_t version, size_t pt_len,
                            const uint8_t explicit_nonce[GLASS_GCM_EXPLICIT_NONCE],
                            uint8_t nonce[GLASS_GCM_IV_SIZE], uint8_t aad[13])
{
    memcpy(nonce, c->salt, GLASS_GCM_SALT_SIZE);
    memcpy(nonce + GLASS_GCM_SALT_SIZE, explicit_nonce, GLASS_GCM_EXPLICIT_NONCE);
    make_aad(aad, seq, type, version, pt_len);
}

int glass_record_cipher_init(glass_record_cipher *c, const uint8_t *key, size_t key_len,
                             const uint8_t salt[GLASS_GCM_SALT_SIZE])
{
    if (key_len != 16 && key_len != 32)
        return GLASS_E_BAD_LENGTH;
    int rc = glass_gcm_init(&c->gcm, key, key_len);
    if (rc != GLASS_OK) {
        glass_record_cipher_wipe(c);
        return rc;
    }
    memcpy(c->salt, salt, GLASS_GCM_SALT_SIZE);
    c->seq = 0;
    c->active = 1;
    return GLASS_OK;
}

void glass_record_cipher_wipe(glass_record_cipher *c)
{
    glass_gcm_free(&c->gcm);
    glass_wipe(c, sizeof *c);
}

int glass_record_seal(glass_record_cipher *c, uint8_t type, uint8_t *rec, size_t len)
{
    /* RFC 5246 section 6.1: a sequence number must never wrap; we stop one
     * short, so 2^64 - 1 is never used. */
    if (c->seq == UINT64_MAX)
        return GLASS_E_SEQ_WRAP;
    if (len > GLASS_MAX_PLAINTEXT)
        return GLASS_E_RECORD_OVERFLOW;
    rec[0] = type;
    put_u16(rec + 1, 0x0303);
    if (!c->active) {                      /* TLS_NULL_WITH_NULL_NULL */
        put_u16(rec + 3, len);
        c->seq++;
        return GLASS_OK;
    }
    uint8_t *body = rec + GLASS_RECORD_HEADER_SIZE;
    uint8_t nonce[GLASS_GCM_IV_SIZE], aad[AAD_SIZE];
    put_u16(rec + 3, GLASS_GCM_EXPLICIT_NONCE + len + GLASS_GCM_TAG_SIZE);
    /* explicit nonce = sequence number: distinct for every record sealed
     * under this key, which GCM needs (RFC 5288 section 3: the nonce MUST
     * be distinct for each invocation of the GCM encrypt function). */
    uint64_t explicit_nonce = c->seq;
#ifdef GLASS_UNSAFE_LABS
    /* Lab 3 (docs/labs/gcm-reuse.md): every record gets the first record's
     * nonce, so the same IV, the same keystream and the same GHASH mask. */
    if (GLASS_LAB(GCM_REPEAT_NONCE))
        explicit_nonce = 0;
#endif
    put_u64(body, explicit_nonce);
    glass_record_nonce_aad(c, c->seq, type, 0x0303, len, body, nonce, aad);
    uint8_t *pt = body + GLASS_GCM_EXPLICIT_NONCE;
    int rc = glass_gcm_seal(&c->gcm, nonce, sizeof nonce, aad, sizeof aad,
                            pt, len, pt, pt + len, GLASS_GCM_TAG_SIZE);
    if (rc != GLASS_OK)
        return rc;
    c->seq++;
    return GLASS_OK;
}

int glass_record_open(glass_record_cipher *c, uint8_t type, uint16_t version,
                      uint8_t *body, size_t body_len, size_t *pt_len)
{
    if (c->seq == UINT64_MAX)
        return GLASS_E_SEQ_WRAP;
    if (body_len < GLASS_GCM_EXPLICIT_NONCE + GLASS_GCM_TAG_SIZE)
        return GLASS_E_BAD_RECORD_MAC;     /* too short to hold nonce and tag */
    size_t len = body_len - GLASS_GCM_EXPLICIT_NONCE - GLASS_GCM_TAG_SIZE;
    uint8_t nonce[GLASS_GCM_IV_SIZE], aad[AAD_SIZE];
    glass_record_nonce_aad(c, c->seq, type, version, len, body, nonce, aad);
    uint8_t *ct = body + GLASS_GCM_EXPLICIT_NONCE;
    int rc = glass_gcm_open(&c->gcm, nonce, sizeof nonce, aad, sizeof aad,
                            ct, len, ct + len, GLASS_GCM_TAG_SIZE, ct);
    /* The tag verdict stays a mask until it is returned (the caller's
     * branch on it is the bad_record_mac alert, RFC 5246 6.2.3.3); every
     * other error of glass_gcm_open came before any secret was touched. */
    uint32_t ok = glass_ct_eq32((uint32_t)rc, (uint32_t)GLASS_OK);
    uint32_t bad_tag = glass_ct_eq32((uint32_t)rc, (uint32_t)GLASS_E_BAD_TAG);
    c->seq += ok & 1u;
    *pt_len = len & ok;                    /* len < 2^15; 0 on failure */
    return (int)glass_ct_select32(bad_tag, (uint32_t)GLASS_E_BAD_RECORD_MAC, (uint32_t)rc);
}
