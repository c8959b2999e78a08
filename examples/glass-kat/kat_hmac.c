/*
 * kat_hmac.c — HMAC known answers: the NIST CAVP HMACVS file HMAC.rsp and
 * the repo's tests/vectors/hmac_rfc4231.rsp (same layout).
 *
 * Format: "[L=32]" (digest size) selects the hash: 20 SHA-1, 28 SHA-224,
 * 32 SHA-256, 48 SHA-384, 64 SHA-512.  Records: Count, Klen (key bytes), Tlen (tag
 * bytes: the MAC is truncated to its first Tlen bytes), Key, Msg, Mac.
 * Each record is computed one-shot and streamed byte by byte for short
 * messages (so update() boundaries are exercised on real vectors).
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/hmac.h"
#include "kat_field.h"

static int hmac_detect(const kat_file *f)
{
    return kat_contains(f, "Mac = ") && kat_contains(f, "Klen") && kat_contains(f, "Tlen");
}

static glass_hash_id hash_for_len(long L)
{
    switch (L) {
    case 20: return GLASS_HASH_SHA1;
    case 28: return GLASS_HASH_SHA224;
    case 32: return GLASS_HASH_SHA256;
    case 48: return GLASS_HASH_SHA384;
    case 64: return GLASS_HASH_SHA512;
    default: return GLASS_HASH_NONE;
    }
}

static int check(glass_hash_id id, const uint8_t *key, size_t klen,
                 const uint8_t *msg, size_t mlen, const uint8_t *mac, size_t tlen)
{
    uint8_t out[GLASS_HASH_MAX_SIZE];
    glass_hmac_ctx ctx;
    int ok;

    glass_hmac(id, key, klen, msg, mlen, out);
    ok = memcmp(out, mac, tlen) == 0;
    glass_hmac_init(&ctx, id, key, klen);
    for (size_t i = 0; i < mlen; i += 7)
        glass_hmac_update(&ctx, msg + i, mlen - i < 7 ? mlen - i : 7);
    glass_hmac_final(&ctx, out);
    return ok && memcmp(out, mac, tlen) == 0;
}

static void hmac_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        uint8_t *key = NULL, *msg = NULL, *mac = NULL;
        long L = kat_param_num(&r, "L", rec.line, c);
        if (L < 0)
            return;
        glass_hash_id id = hash_for_len(L);
        if (id == GLASS_HASH_NONE) {
            kat_fail_format(c, rec.line, "[L=%ld]: no hash has this digest size", L);
            return;
        }
        long klen = kat_field_num(&rec, "Klen", 0, c);
        long tlen = kat_field_num(&rec, "Tlen", 0, c);
        long kn = kat_field_hex(&rec, "Key", 0, &key, c);
        long mn = kat_field_hex(&rec, "Msg", 0, &msg, c);
        long tn = kat_field_hex(&rec, "Mac", 0, &mac, c);
        if (klen < 0 || tlen < 0 || kn < 0 || mn < 0 || tn < 0)
            goto bad;
        if (kn != klen || tn != tlen || tlen < 1 || tlen > L) {
            kat_fail_format(c, rec.line, "Key must have Klen bytes and Mac Tlen (1..L) bytes");
            goto bad;
        }
        kat_result(c, f, rec.line, check(id, key, (size_t)kn, msg, (size_t)mn, mac, (size_t)tn));
        free(key);
        free(msg);
        free(mac);
        continue;
bad:
        free(key);
        free(msg);
        free(mac);
        return;
    }
    if (rc == 0 && c->passed + c->failed + c->skipped == 0)
        kat_fail_format(c, r.line, "no HMAC vectors found");
}

const kat_module kat_hmac = { "hmac", hmac_detect, hmac_run };
