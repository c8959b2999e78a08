/*
 * kat_drbg.c — HMAC_DRBG known answers: the NIST CAVP DRBGVS files
 * HMAC_DRBG.rsp (no_reseed and pr_false variants).
 *
 * Each group of parameters starts with the hash ("[SHA-256]"); hashes
 * glasstls does not run the DRBG on (SHA-1, SHA-224, SHA-512/t) are
 * counted as skipped, with a note, as are PredictionResistance = True
 * groups.  Procedure (the DRBGVS test of each record):
 *   Instantiate(EntropyInput, Nonce, PersonalizationString)
 *   [pr_false: Reseed(EntropyInputReseed, AdditionalInputReseed)]
 *   Generate(ReturnedBitsLen, AdditionalInput #1), output discarded
 *   Generate(ReturnedBitsLen, AdditionalInput #2) == ReturnedBits
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/drbg.h"
#include "kat_field.h"

static int drbg_detect(const kat_file *f)
{
    return kat_contains(f, "ReturnedBits") && kat_contains(f, "EntropyInput");
}

/* The hash of the current group: the bare "[SHA-...]" parameter. */
static const rsp_kv *group_hash(const rsp_reader *r)
{
    for (size_t i = 0; i < r->nparams; i++)
        if (r->params[i].value.n == 0 && r->params[i].key.n > 4 &&
            memcmp(r->params[i].key.p, "SHA-", 4) == 0)
            return &r->params[i];
    return NULL;
}

enum { F_ENT, F_NONCE, F_PERS, F_ADD1, F_ADD2, F_BITS, F_ENT_RS, F_ADD_RS, F_N };

static void drbg_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    unsigned long skipped = 0;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        uint8_t *v[F_N] = { NULL };
        long n[F_N] = { 0 };
        uint8_t *out = NULL;
        glass_drbg d;
        const rsp_kv *h = group_hash(&r);
        const rsp_kv *pr = rsp_param(&r, "PredictionResistance");
        glass_hash_id id;

        if (h == NULL) {
            kat_fail_format(c, rec.line, "no [SHA-...] group before this record");
            return;
        }
        if (rsp_eq(h->key, "SHA-256")) id = GLASS_HASH_SHA256;
        else if (rsp_eq(h->key, "SHA-384")) id = GLASS_HASH_SHA384;
        else if (rsp_eq(h->key, "SHA-512")) id = GLASS_HASH_SHA512;
        else id = GLASS_HASH_NONE;
        if (id == GLASS_HASH_NONE || (pr != NULL && !rsp_eq(pr->value, "False"))) {
            c->skipped++;
            skipped++;
            continue;
        }
        long bits = kat_param_num(&r, "ReturnedBitsLen", rec.line, c);
        if (bits < 0)
            return;
        int reseed = rsp_field(&rec, "EntropyInputReseed", 0) != NULL;
        n[F_ENT] = kat_field_hex(&rec, "EntropyInput", 0, &v[F_ENT], c);
        n[F_NONCE] = kat_field_hex(&rec, "Nonce", 0, &v[F_NONCE], c);
        n[F_PERS] = kat_field_hex(&rec, "PersonalizationString", 0, &v[F_PERS], c);
        n[F_ADD1] = kat_field_hex(&rec, "AdditionalInput", 0, &v[F_ADD1], c);
        n[F_ADD2] = kat_field_hex(&rec, "AdditionalInput", 1, &v[F_ADD2], c);
        n[F_BITS] = kat_field_hex(&rec, "ReturnedBits", 0, &v[F_BITS], c);
        if (reseed) {
            n[F_ENT_RS] = kat_field_hex(&rec, "EntropyInputReseed", 0, &v[F_ENT_RS], c);
            n[F_ADD_RS] = kat_field_hex(&rec, "AdditionalInputReseed", 0, &v[F_ADD_RS], c);
        }
        if (c->error)
            goto done;
        if (bits % 8 != 0 || n[F_BITS] != bits / 8 || bits / 8 > (long)GLASS_DRBG_MAX_REQUEST) {
            kat_fail_format(c, rec.line, "ReturnedBits must be ReturnedBitsLen = %ld bits", bits);
            goto done;
        }
        out = malloc((size_t)n[F_BITS] + 1);
        if (out == NULL) {
            kat_fail_format(c, rec.line, "out of memory");
            goto done;
        }
        int ok = glass_drbg_instantiate(&d, id, v[F_ENT], (size_t)n[F_ENT], v[F_NONCE],
                                        (size_t)n[F_NONCE], v[F_PERS], (size_t)n[F_PERS]) == 0;
        if (ok && reseed)
            ok = glass_drbg_reseed(&d, v[F_ENT_RS], (size_t)n[F_ENT_RS],
                                   v[F_ADD_RS], (size_t)n[F_ADD_RS]) == 0;
        if (ok)
            ok = glass_drbg_generate(&d, out, (size_t)n[F_BITS], v[F_ADD1], (size_t)n[F_ADD1]) == 0;
        if (ok)
            ok = glass_drbg_generate(&d, out, (size_t)n[F_BITS], v[F_ADD2], (size_t)n[F_ADD2]) == 0;
        ok = ok && memcmp(out, v[F_BITS], (size_t)n[F_BITS]) == 0;
        glass_drbg_free(&d);
        kat_result(c, f, rec.line, ok);
done:
        free(out);
        for (int i = 0; i < F_N; i++)
            free(v[i]);
        if (c->error)
            return;
    }
    if (skipped)
        kat_note(c, "%lu skipped: hash or prediction resistance not offered", skipped);
    if (rc == 0 && c->passed + c->failed + c->skipped == 0)
        kat_fail_format(c, r.line, "no HMAC_DRBG vectors found");
}

const kat_module kat_drbg = { "drbg", drbg_detect, drbg_run };
