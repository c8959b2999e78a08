/*
 * kat_aes.c — AES-128/256 block cipher (FIPS 197) against the NIST AESAVS
 * ECB files (ECBGFSbox, ECBKeySbox, ECBVarKey, ECBVarTxt, ECBMMT; sections
 * [ENCRYPT] and [DECRYPT]).
 *
 * glasstls implements only the forward cipher (GCM never needs the inverse),
 * so a [DECRYPT] record is checked in the direction we have: encrypting its
 * PLAINTEXT must give its CIPHERTEXT, which is the same statement.  Every
 * record runs on the portable path and, when the CPU has AES-NI, on the
 * hardware path too; it passes only when both do.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/aes.h"
#include "glasstls/hw.h"
#include "kat.h"

static int aes_detect(const kat_file *f)
{
    return kat_contains(f, "[ENCRYPT]") && kat_contains(f, "PLAINTEXT =") &&
           kat_contains(f, "CIPHERTEXT =") && kat_contains(f, "KEY =") &&
           !kat_contains(f, "IV =");            /* ECB only: no CBC/CTR files */
}

/* ECB encryption of pt on the path `hw`; 1 when it gives ct. */
static int aes_check(int hw, const uint8_t *key, size_t klen, const uint8_t *pt,
                     const uint8_t *ct, size_t len)
{
    glass_aes_key k;
    uint8_t out[16];
    int ok = 1;
    glass_crypto_set_hw(hw);
    if (glass_aes_setkey(&k, key, klen) != 0)
        return 0;
    for (size_t i = 0; i < len; i += 16) {
        glass_aes_encrypt_block(&k, pt + i, out);
        ok &= memcmp(out, ct + i, 16) == 0;
    }
    glass_aes_free(&k);
    return ok;
}

static void aes_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    int rc, hw_on = glass_crypto_hw_enabled(), two = glass_cpu_has_aesni();
    static uint8_t key[64], pt[4096], ct[4096];

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        const rsp_kv *kk = rsp_field(&rec, "KEY", 0), *pp = rsp_field(&rec, "PLAINTEXT", 0);
        const rsp_kv *cc = rsp_field(&rec, "CIPHERTEXT", 0);
        if (kk == NULL || pp == NULL || cc == NULL) {
            kat_fail_format(c, rec.line, "record without KEY, PLAINTEXT and CIPHERTEXT");
            break;
        }
        long kl = rsp_hex(kk, key, sizeof key, c), pl = rsp_hex(pp, pt, sizeof pt, c);
        long cl = rsp_hex(cc, ct, sizeof ct, c);
        if (kl < 0 || pl < 0 || cl < 0)
            break;
        if ((kl != 16 && kl != 32) || pl != cl || pl % 16 != 0) {
            if (kl == 24) {      /* AES-192: not offered by glasstls */
                c->skipped++;
                continue;
            }
            kat_fail_format(c, rec.line, "bad key or block length");
            break;
        }
        int ok = aes_check(0, key, (size_t)kl, pt, ct, (size_t)pl);
        if (two)
            ok &= aes_check(1, key, (size_t)kl, pt, ct, (size_t)pl);
        kat_result(c, f, rec.line, ok);
    }
    glass_crypto_set_hw(hw_on);
    snprintf(c->note, sizeof c->note, "%s; DECRYPT records checked by encrypting PLAINTEXT",
             two ? "each on portable + AES-NI" : "portable only: no AES-NI on this CPU");
}

const kat_module kat_aes = { "aes", aes_detect, aes_run };
