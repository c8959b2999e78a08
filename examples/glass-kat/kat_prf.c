/*
 * kat_prf.c — TLS 1.2 PRF known answers (RFC 5246 section 5):
 * the IETF TLS WG test set (tls12_prf.txt, an official vector file) and
 * the repo's tests/vectors/tls12_prf_python.txt (same layout).
 *
 * Format: "[PRF = SHA-256]" (SHA-224, -256, -384 or -512: P_hash is
 * defined for any hash, although no TLS 1.2 suite uses P_SHA224); records Secret, Seed,
 * Label (ASCII) and/or LabelHex, OutputLen (bytes), Output.
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/prf.h"
#include "kat_field.h"

static int prf_detect(const kat_file *f)
{
    return kat_contains(f, "[PRF = ") && kat_contains(f, "Output = ");
}

static void prf_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        uint8_t *secret = NULL, *seed = NULL, *label = NULL, *want = NULL, *out = NULL;
        char *label_str = NULL;
        const rsp_kv *p = rsp_param(&r, "PRF");
        glass_hash_id id;

        if (p == NULL) {
            kat_fail_format(c, rec.line, "no [PRF = ...] before this record");
            return;
        }
        if (rsp_eq(p->value, "SHA-224")) id = GLASS_HASH_SHA224;
        else if (rsp_eq(p->value, "SHA-256")) id = GLASS_HASH_SHA256;
        else if (rsp_eq(p->value, "SHA-384")) id = GLASS_HASH_SHA384;
        else if (rsp_eq(p->value, "SHA-512")) id = GLASS_HASH_SHA512;
        else {
            kat_fail_format(c, p->line, "unknown PRF hash '%.*s'", (int)p->value.n, p->value.p);
            return;
        }
        long sn = kat_field_hex(&rec, "Secret", 0, &secret, c);
        long dn = kat_field_hex(&rec, "Seed", 0, &seed, c);
        long olen = kat_field_num(&rec, "OutputLen", 0, c);
        long wn = kat_field_hex(&rec, "Output", 0, &want, c);
        long ln = -1;
        const rsp_kv *lab = rsp_field(&rec, "Label", 0);
        if (rsp_field(&rec, "LabelHex", 0) != NULL)
            ln = kat_field_hex(&rec, "LabelHex", 0, &label, c);
        else if (lab == NULL)
            kat_fail_format(c, rec.line, "record lacks a 'Label' or 'LabelHex' line");
        if (c->error)
            goto done;
        if (olen != wn) {
            kat_fail_format(c, rec.line, "Output must be OutputLen = %ld bytes", olen);
            goto done;
        }
        /* glass_tls_prf takes the label as a C string (labels are ASCII). */
        if (ln >= 0) {
            if (memchr(label, 0, (size_t)ln) != NULL ||
                (lab != NULL && (lab->value.n != (size_t)ln || memcmp(lab->value.p, label, (size_t)ln) != 0))) {
                kat_fail_format(c, rec.line, "Label and LabelHex disagree (or the label contains NUL)");
                goto done;
            }
            ln = (long)ln;
        } else {
            ln = (long)lab->value.n;
        }
        label_str = malloc((size_t)ln + 1);
        out = malloc((size_t)wn + 1);
        if (label_str == NULL || out == NULL) {
            kat_fail_format(c, rec.line, "out of memory");
            goto done;
        }
        memcpy(label_str, label != NULL ? (const char *)label : lab->value.p, (size_t)ln);
        label_str[ln] = '\0';
        /* the seed split in two at an arbitrary point: seed1 || seed2 */
        int ok = glass_tls_prf(id, secret, (size_t)sn, label_str, seed, (size_t)dn / 3,
                               seed + dn / 3, (size_t)(dn - dn / 3), out, (size_t)wn) == 0;
        kat_result(c, f, rec.line, ok && memcmp(out, want, (size_t)wn) == 0);
done:
        free(secret); free(seed); free(label); free(want); free(out); free(label_str);
        if (c->error)
            return;
    }
    if (rc == 0 && c->passed + c->failed + c->skipped == 0)
        kat_fail_format(c, r.line, "no PRF vectors found");
}

const kat_module kat_prf = { "prf", prf_detect, prf_run };
