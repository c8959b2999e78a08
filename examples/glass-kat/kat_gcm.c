/*
 * kat_gcm.c — AES-GCM (NIST SP 800-38D) against the NIST GCMVS files
 * (gcmEncryptExtIV*.rsp, gcmDecrypt*.rsp, including the FAIL records whose
 * tag must be rejected) and the repo's tests/vectors/gcm_spec_testcases.rsp
 * (same layout).
 *
 * Sections give [Keylen], [IVlen], [PTlen], [AADlen], [Taglen] in bits;
 * records Key, IV, PT, AAD, CT, Tag, and in decrypt files either PT or a
 * bare FAIL line.  A record with PT is checked both ways (seal gives CT and
 * Tag; open gives PT back); a FAIL record must be refused: with
 * GLASS_E_BAD_TAG and a wiped output, or by the argument checks (an empty
 * IV, SP 800-38D 5.2.1.1), before anything is written.  IVs of any length
 * up to GCM_KAT_MAX_IV bytes run (tests/vectors/gcm_long_iv.rsp); a
 * longer IV, or a record with PT and an empty IV, is counted as skipped
 * and named in the note.  Every record runs on the portable
 * path and, when the CPU has it, on the AES-NI/PCLMULQDQ path; it passes
 * only when both do.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/hw.h"
#include "kat.h"
#include "kat_field.h"

static int gcm_detect(const kat_file *f)
{
    return kat_contains(f, "[Keylen") && kat_contains(f, "[Taglen") &&
           kat_contains(f, "IV =") && kat_contains(f, "Tag =");
}

#define GCM_KAT_MAX_IV 4096

typedef struct gcm_vec {
    uint8_t key[32], iv[GCM_KAT_MAX_IV], pt[1024], aad[1024], ct[1024], tag[16];
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

/* 1 when the record gives its answer; *refused is set when a FAIL record
 * was turned away by the argument checks rather than by the tag. */
static int gcm_check(int hw, const gcm_vec *v, int *refused)
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
    if (v->fail && rc != GLASS_E_BAD_TAG && rc != GLASS_OK) {
        *refused = 1;                /* the arguments were refused: nothing written */
        uint8_t untouched = 1;
        for (long i = 0; i < v->ctlen; i++)
            untouched &= out[i] == 0xAA;
        ok &= untouched;
    } else if (v->fail)
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
    unsigned long nfail = 0, nrefused = 0, long_iv = 0, empty_iv = 0;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        const rsp_kv *tl = rsp_param(&r, "Taglen");
        long taglen_bits = tl ? rsp_num(tl->value) : -1;
        memset(&v, 0, sizeof v);
        v.fail = rsp_field(&rec, "FAIL", 0) != NULL;
        const rsp_kv *kiv = rsp_field(&rec, "IV", 0);
        if (kiv != NULL && kiv->value.n > 2 * sizeof v.iv) {
            c->skipped++;            /* beyond this runner's buffer, not the API's */
            long_iv++;
            continue;
        }
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
        if (v.ivlen == 0 && !v.fail) {
            c->skipped++;            /* SP 800-38D 5.2.1.1: no valid answer exists */
            empty_iv++;
            continue;
        }
        nfail += (unsigned long)v.fail;
        int refused = 0;
        int ok = gcm_check(0, &v, &refused);
        if (two)
            ok &= gcm_check(1, &v, &refused);
        nrefused += (unsigned long)refused;
        kat_result(c, f, rec.line, ok);
    }
    glass_crypto_set_hw(hw_on);
    kat_note(c, "%s", two ? "each on portable + AES-NI/PCLMULQDQ" : "portable only: no AES-NI on this CPU");
    if (nfail > 0 && nrefused > 0)
        kat_note(c, "%lu FAIL records rejected as required (%lu refused by the argument checks)",
                 nfail, nrefused);
    else if (nfail > 0)
        kat_note(c, "%lu FAIL records rejected as required", nfail);
    if (long_iv > 0)
        kat_note(c, "skipped: %lu with an IV over %d bytes", long_iv, GCM_KAT_MAX_IV);
    if (empty_iv > 0)
        kat_note(c, "skipped: %lu with PT and an empty IV (SP 800-38D 5.2.1.1 forbids it)", empty_iv);
}

const kat_module kat_gcm = { "gcm", gcm_detect, gcm_run };
