/*
 * kat_sha.c — SHA-1/224/256/384/512 known answers: the NIST CAVP SHAVS files
 * (SHA*ShortMsg.rsp, SHA*LongMsg.rsp, SHA*Monte.rsp) and the repo's own
 * tests/vectors/sha2_fips180_examples.rsp.
 *
 * Format: "[L = 32]" gives the digest size, which selects the hash
 * (20 SHA-1, 28 SHA-224, 32 SHA-256, 48 SHA-384, 64 SHA-512).  Records:
 *   Len (bits) / Msg / MD              one message (hash the first Len/8 bytes)
 *   Repeat / Msg / MD                  Msg repeated Repeat times (repo files
 *                                      only: one million 'a' without a 2 MB line)
 *   Seed, then COUNT / MD ...          Monte Carlo test, SHAVS section 6.4
 * Every message is hashed one-shot and streamed in three uneven pieces;
 * SHA-224 and SHA-256 also with the hardware path switched off when there
 * is one (they share the compression function).
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/hw.h"
#include "glasstls/sha2.h"
#include "kat_field.h"

static int sha_detect(const kat_file *f)
{
    return kat_contains(f, "MD = ") &&
           (kat_contains(f, "[L = ") || kat_contains(f, "[L=")) &&
           (kat_contains(f, "Len = ") || kat_contains(f, "Seed = ") || kat_contains(f, "Repeat = "));
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

/* Hashes msg[0..len) repeated `times` times, streamed in three uneven
 * pieces per repetition (pieces may be empty). */
static void hash_streamed(glass_hash_id id, const uint8_t *msg, size_t len,
                          unsigned long times, uint8_t *out)
{
    glass_hash_ctx ctx;
    size_t a = len / 3, b = (2 * len) / 3 + (len > 2);
    if (b > len)
        b = len;
    glass_hash_init(&ctx, id);
    for (unsigned long i = 0; i < times; i++) {
        glass_hash_update(&ctx, msg, a);
        glass_hash_update(&ctx, msg + a, b - a);
        glass_hash_update(&ctx, msg + b, len - b);
    }
    glass_hash_final(&ctx, out);
}

/* 1 when every way of hashing gives md. */
static int check_message(glass_hash_id id, const uint8_t *msg, size_t len,
                         unsigned long times, const uint8_t *md)
{
    uint8_t out[GLASS_HASH_MAX_SIZE];
    size_t n = glass_hash_size(id);
    int ok = 1;

    if (times == 1) {
        glass_hash(id, msg, len, out);
        ok &= memcmp(out, md, n) == 0;
    }
    hash_streamed(id, msg, len, times, out);
    ok &= memcmp(out, md, n) == 0;
    if ((id == GLASS_HASH_SHA256 || id == GLASS_HASH_SHA224) &&
        glass_crypto_hw_enabled() && glass_cpu_has_shani()) {
        glass_crypto_set_hw(0);                  /* the portable code too */
        hash_streamed(id, msg, len, times, out);
        ok &= memcmp(out, md, n) == 0;
        glass_crypto_set_hw(1);
    }
    return ok;
}

/* SHAVS section 6.4: from seed, 1000 iterations of
 * MD_i = SHA(MD_{i-3} || MD_{i-2} || MD_{i-1}) with MD_0 = MD_1 = MD_2 = seed;
 * the checkpoint (and the next seed) is MD_1002. */
static void monte_step(glass_hash_id id, uint8_t *seed)
{
    uint8_t md[3][GLASS_HASH_MAX_SIZE];
    size_t n = glass_hash_size(id);

    for (int k = 0; k < 3; k++)
        memcpy(md[k], seed, n);
    for (int i = 3; i < 1003; i++) {
        glass_hash_ctx ctx;
        glass_hash_init(&ctx, id);
        glass_hash_update(&ctx, md[0], n);
        glass_hash_update(&ctx, md[1], n);
        glass_hash_update(&ctx, md[2], n);
        memmove(md[0], md[1], 2 * sizeof md[0]);
        glass_hash_final(&ctx, md[2]);
    }
    memcpy(seed, md[2], n);
}

static void sha_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    uint8_t seed[GLASS_HASH_MAX_SIZE];
    int have_seed = 0;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        uint8_t *msg = NULL, *md = NULL;
        long L = kat_param_num(&r, "L", rec.line, c);
        if (L < 0)
            return;
        if (r.params_changed)
            have_seed = 0;
        glass_hash_id id = hash_for_len(L);
        if (id == GLASS_HASH_NONE) {
            kat_fail_format(c, rec.line, "[L = %ld]: no hash has this digest size", L);
            return;
        }
        if (rsp_field(&rec, "Seed", 0) != NULL) {            /* Monte: new seed */
            long n = kat_field_hex(&rec, "Seed", 0, &msg, c);
            if (n < 0)
                return;
            if (n != L) {
                free(msg);
                kat_fail_format(c, rec.line, "Seed must be %ld bytes", L);
                return;
            }
            memcpy(seed, msg, (size_t)n);
            have_seed = 1;
            free(msg);
            continue;
        }
        long mdlen = kat_field_hex(&rec, "MD", 0, &md, c);
        if (mdlen < 0)
            return;
        if (mdlen != L) {
            free(md);
            kat_fail_format(c, rec.line, "MD must be %ld bytes", L);
            return;
        }
        if (rsp_field(&rec, "COUNT", 0) != NULL) {           /* Monte checkpoint */
            if (!have_seed) {
                free(md);
                kat_fail_format(c, rec.line, "Monte COUNT record before any Seed");
                return;
            }
            monte_step(id, seed);
            kat_result(c, f, rec.line, memcmp(seed, md, (size_t)L) == 0);
            free(md);
            continue;
        }
        long mlen = kat_field_hex(&rec, "Msg", 0, &msg, c);
        if (mlen < 0) {
            free(md);
            return;
        }
        unsigned long times = 1;
        size_t use = (size_t)mlen;
        if (rsp_field(&rec, "Repeat", 0) != NULL) {
            long t = kat_field_num(&rec, "Repeat", 0, c);
            if (t < 1 || t > 100000000) {
                kat_fail_format(c, rec.line, "Repeat must be 1..100000000");
                t = -1;
            }
            times = (unsigned long)t;
            if (t < 0)
                goto bad;
        } else {
            long bits = kat_field_num(&rec, "Len", 0, c);
            if (bits < 0)
                goto bad;
            if (bits % 8 != 0 || bits / 8 > mlen) {
                kat_fail_format(c, rec.line, "Len = %ld: not a whole number of bytes of Msg", bits);
                goto bad;
            }
            use = (size_t)(bits / 8);    /* "Len = 0" still shows "Msg = 00" */
        }
        kat_result(c, f, rec.line, check_message(id, msg, use, times, md));
        free(msg);
        free(md);
        continue;
bad:
        free(msg);
        free(md);
        return;
    }
    if (rc == 0 && c->passed + c->failed + c->skipped == 0)
        kat_fail_format(c, r.line, "no SHA vectors found");
}

const kat_module kat_sha = { "sha", sha_detect, sha_run };
