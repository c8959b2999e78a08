/*
 * kat_gcm.c — AES-GCM (NIST SP 800-38D) against the NIST GCMVS files
 * (gcmEncryptExtIV*.rsp, gcmDecrypt*.rsp, including the FAIL records whose
 * tag must be rejected) and the repo's tests/vectors/gcm_spec_testcases.rsp
 * (same layout).
 *
 * Sections give [Keylen], [IVlen], [PTlen], [AADlen], [Taglen] in bits;
 * records Key, IV, PT, AAD, CT, Tag, and in decrypt files either PT or a
 * bare FAIL line.  A record with PT is checked both ways (seal gives CT and
 * Tag; open gives PT back); a FAIL record must be refused with
 * GLASS_E_BAD_TAG and a wiped output.  Every record runs on the portable
 * path and, when the CPU has it, on the AES-NI/PCLMULQDQ path; it passes
 * only when both do.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/hw.h"
#include "kat.h"

static int gcm_detect(const kat_file *f)
{
    return kat_contains(f, "[Keylen") && kat_contains(f, "[Taglen") &&
           kat_contains(f, "IV =") && kat_contains(f, "Tag =");
}

typedef struct gcm_vec {
    uint8_t key[32], iv[256], pt[1024], aad[1024], ct[1024], tag[16];
    long klen, ivlen, ptlen, aadlen, ctlen, taglen;
    int fail;
} gcm_vec;

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static int gcm_check(int hw, const gcm_vec *v)
{
    glass_gcm g;
    uint8_t out[1024], tag[16];
    int ok = 1;

    glass_crypto_set_hw(hw);
    if (glass_gcm_init(&g, v->key, (size_t)v->klen) != 0)
        return 0;
    if (!v->fail) {
        ok &= glass_gcm_seal(&g, v->iv, (size_t)v->ivlen, v->aad, (size_t)v->aadlen, v->pt,
                             (size_t)v->ptlen, out, tag, (size_t)v->taglen) == GLASS_OK;
        ok &= memcmp(out, v->ct, (size_t)v->ctlen) == 0;
        ok &= memcmp(tag, v->tag, (size_t)v->taglen) == 0;
    }
    memset(out, 0xAA, sizeof out);
    int rc = glass_gcm_open(&g, v->iv, (size_t)v->ivlen, v->aad, (size_t)v->aadlen, v->ct,
                            (size_t)v->ctlen, v->tag, (size_t)v->taglen, out);
    if (v->fail)
        ok &= rc == GLASS_E_BAD_TAG && all_zero(out, (size_t)v->ctlen);
    else
        ok &= rc == GLASS_OK && memcmp(out, v->pt, (size_t)v->ptlen) == 0;
    glass_gcm_free(&g);
    return ok;
}

static long field_hex(const rsp_record *rec, const char *name, uint8_t *out, size_t cap,
                      kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, name, 0);
    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record without %s", name);
        return -1;
    }
    return rsp_hex(kv, out, cap, c);
}

static void gcm_run(const kat_file *f, kat_counts *c)
{
    static gcm_vec v;
    rsp_reader r;
    rsp_record rec;
    int rc, hw_on = glass_crypto_hw_enabled(), two = glass_cpu_has_aesni();
    unsigned long nfail = 0;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        const rsp_kv *tl = rsp_param(&r, "Taglen");
        long taglen_bits = tl ? rsp_num(tl->value) : -1;
        memset(&v, 0, sizeof v);
        v.fail = rsp_field(&rec, "FAIL", 0) != NULL;
        v.klen = field_hex(&rec, "Key", v.key, sizeof v.key, c);
        v.ivlen = field_hex(&rec, "IV", v.iv, sizeof v.iv, c);
        v.aadlen = field_hex(&rec, "AAD", v.aad, sizeof v.aad, c);
        v.ctlen = field_hex(&rec, "CT", v.ct, sizeof v.ct, c);
        v.taglen = field_hex(&rec, "Tag", v.tag, sizeof v.tag, c);
        v.ptlen = v.fail ? 0 : field_hex(&rec, "PT", v.pt, sizeof v.pt, c);
        if (c->error)
            break;
        if (taglen_bits != v.taglen * 8 || (!v.fail && v.ptlen != v.ctlen)) {
            kat_fail_format(c, rec.line, "lengths disagree with the [Taglen] section or PT/CT");
            break;
        }
        if (v.klen == 24) {          /* AES-192: not offered by glasstls */
            c->skipped++;
            continue;
        }
        nfail += (unsigned long)v.fail;
        int ok = gcm_check(0, &v);
        if (two)
            ok &= gcm_check(1, &v);
        kat_result(c, f, rec.line, ok);
    }
    glass_crypto_set_hw(hw_on);
    int n = snprintf(c->note, sizeof c->note, "%s",
                     two ? "each on portable + AES-NI/PCLMULQDQ" : "portable only: no AES-NI on this CPU");
    if (nfail > 0 && n > 0 && (size_t)n < sizeof c->note)
        snprintf(c->note + n, sizeof c->note - (size_t)n, "; %lu FAIL records rejected as required", nfail);
}

const kat_module kat_gcm = { "gcm", gcm_detect, gcm_run };
