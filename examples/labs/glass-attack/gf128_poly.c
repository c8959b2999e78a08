/*
 * gf128_poly.c — polynomials over GF(2^128) and their roots (gf128.h).
 *
 * The roots of p in GF(2^128) are the roots of g = gcd(p, X^(2^128) - X),
 * because X^(2^128) - X is the product of (X - a) over every element a of
 * the field.  g is a product of distinct linear factors.  To pull them
 * apart (Cantor-Zassenhaus, equal-degree splitting in characteristic 2) we
 * take a random t = bX + a and the trace Tr(t) = t + t^2 + t^4 + ... +
 * t^(2^127) mod g.  At each root r of g, Tr(t)(r) = Tr(b r + a) is 0 or 1,
 * each for about half of the choices of a and b, so gcd(g, Tr(t)) is a
 * proper factor about half the time; recurse on it and on its cofactor.
 *
 * Characteristic 2: subtraction is addition, X^(2^128) - X = X^(2^128) + X.
 */
#include <stdlib.h>
#include <string.h>

#include "gf128.h"

#define CAP (2 * GF_POLY_MAX + 2)

void gf_poly_trim(gf_poly *p)
{
    while (p->deg >= 0 && gf128_is_zero(p->c[p->deg]))
        p->deg--;
}

static void poly_zero(gf_poly *p)
{
    memset(p, 0, sizeof *p);
    p->deg = -1;
}

gf128 gf_poly_eval(const gf_poly *p, gf128 x)
{
    gf128 y = { 0, 0 };
    for (int i = p->deg; i >= 0; i--)   /* Horner */
        y = gf128_add(gf128_mul(y, x), p->c[i]);
    return y;
}

static int blocks(size_t len)
{
    return (int)((len + 15) / 16);
}

/* Block j of A || 0^v || C || 0^u || lengths, counted from 0. */
static gf128 ghash_block(int j, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                         size_t ct_len)
{
    uint8_t b[16] = { 0 };
    int na = blocks(aad_len), nc = blocks(ct_len);
    const uint8_t *src = NULL;
    size_t off = 0, len = 0;
    if (j < na)
        src = aad, off = (size_t)j * 16, len = aad_len;
    else if (j < na + nc)
        src = ct, off = (size_t)(j - na) * 16, len = ct_len;
    if (src == NULL) {
        gf128 lens = { (uint64_t)aad_len * 8, (uint64_t)ct_len * 8 };
        return lens;
    }
    size_t n = len - off < 16 ? len - off : 16;
    memcpy(b, src + off, n);
    return gf128_load(b);
}

int gf_poly_add_ghash(gf_poly *p, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                      size_t ct_len)
{
    if (aad_len > 16 * GF_POLY_MAX || ct_len > 16 * GF_POLY_MAX)
        return -1;
    int n = blocks(aad_len) + blocks(ct_len) + 1;
    if (n > GF_POLY_MAX)
        return -1;
    /* GHASH = (((B_1 H + B_2) H + ...) + B_n) H = B_1 H^n + ... + B_n H */
    for (int j = 0; j < n; j++) {
        int d = n - j;
        p->c[d] = gf128_add(p->c[d], ghash_block(j, aad, aad_len, ct, ct_len));
    }
    if (n > p->deg)
        p->deg = n;
    gf_poly_trim(p);
    return 0;
}

/* p *= 1/(leading coefficient) */
static void make_monic(gf_poly *p)
{
    if (p->deg < 0)
        return;
    gf128 inv = gf128_inv(p->c[p->deg]);
    for (int i = 0; i <= p->deg; i++)
        p->c[i] = gf128_mul(p->c[i], inv);
}

/* a = a mod m, m monic and not zero; q (when not NULL) gets the quotient */
static void poly_mod(gf_poly *a, const gf_poly *m, gf_poly *q)
{
    if (q != NULL)
        poly_zero(q);
    for (int d = a->deg; d >= m->deg; d--) {
        gf128 k = a->c[d];
        if (gf128_is_zero(k))
            continue;
        int shift = d - m->deg;
        for (int i = 0; i <= m->deg; i++)
            a->c[shift + i] = gf128_add(a->c[shift + i], gf128_mul(k, m->c[i]));
        if (q != NULL) {
            q->c[shift] = k;
            if (shift > q->deg)
                q->deg = shift;
        }
    }
    if (a->deg >= m->deg)
        a->deg = m->deg - 1;
    gf_poly_trim(a);
}

/* out = a * b mod m; a and b already reduced (degree < deg m) */
static void mulmod(gf_poly *out, const gf_poly *a, const gf_poly *b, const gf_poly *m)
{
    static gf_poly t;   /* one at a time: the attack is single-threaded */
    poly_zero(&t);
    for (int i = 0; i <= a->deg; i++) {
        if (gf128_is_zero(a->c[i]))
            continue;
        for (int j = 0; j <= b->deg; j++)
            t.c[i + j] = gf128_add(t.c[i + j], gf128_mul(a->c[i], b->c[j]));
    }
    t.deg = a->deg < 0 || b->deg < 0 ? -1 : a->deg + b->deg;
    gf_poly_trim(&t);
    poly_mod(&t, m, NULL);
    *out = t;
}

/* a = monic gcd(a, b); b is used up */
static void poly_gcd(gf_poly *a, gf_poly *b)
{
    while (b->deg >= 0) {
        make_monic(b);
        poly_mod(a, b, NULL);
        gf_poly tmp = *a;   /* swap */
        *a = *b;
        *b = tmp;
    }
    make_monic(a);
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* g: monic, a product of distinct linear factors.  Appends its roots. */
static int split(const gf_poly *g, gf128 *roots, int *n, int max, uint64_t *seed)
{
    if (g->deg <= 0)
        return 0;
    if (g->deg == 1) {                 /* X + c: the root is c */
        if (*n >= max)
            return -1;
        roots[(*n)++] = g->c[0];
        return 0;
    }
    /* on the heap: each is 9.6 KB, and the recursion may go deg g deep */
    gf_poly *t = malloc(sizeof *t), *s = malloc(sizeof *s), *d = malloc(sizeof *d),
            *rest = malloc(sizeof *rest), *tr = malloc(sizeof *tr), *q = malloc(sizeof *q);
    int rc = -1;
    if (t == NULL || s == NULL || d == NULL || rest == NULL || tr == NULL || q == NULL)
        goto out;
    for (int tries = 0; tries < 200; tries++) {
        poly_zero(t);
        t->c[0].hi = splitmix(seed), t->c[0].lo = splitmix(seed);
        t->c[1].hi = splitmix(seed), t->c[1].lo = splitmix(seed);
        t->deg = 1;
        gf_poly_trim(t);
        poly_mod(t, g, NULL);
        *s = *t;
        *tr = *t;                      /* Tr(t) = t + t^2 + ... + t^(2^127) */
        for (int i = 1; i < 128; i++) {
            mulmod(s, s, s, g);
            for (int k = 0; k <= s->deg; k++)
                tr->c[k] = gf128_add(tr->c[k], s->c[k]);
            if (s->deg > tr->deg)
                tr->deg = s->deg;
        }
        gf_poly_trim(tr);
        *d = *g;
        poly_gcd(d, tr);
        if (d->deg <= 0 || d->deg >= g->deg)
            continue;                  /* no split this time: another t */
        *rest = *g;
        poly_mod(rest, d, q);          /* g = d * q exactly, rest = 0 */
        rc = split(d, roots, n, max, seed);
        if (rc == 0)
            rc = split(q, roots, n, max, seed);
        goto out;
    }
out:
    free(t), free(s), free(d), free(rest), free(tr), free(q);
    return rc;
}

int gf_poly_roots(const gf_poly *p, gf128 *roots, int max, uint64_t seed)
{
    if (p->deg < 0 || p->deg > GF_POLY_MAX)
        return -1;
    gf_poly *f = malloc(sizeof *f), *x = malloc(sizeof *x), *r = malloc(sizeof *r);
    int n = -1;
    if (f == NULL || x == NULL || r == NULL)
        goto out;
    *f = *p;
    make_monic(f);
    n = 0;
    if (f->deg == 0)
        goto out;                      /* a non-zero constant: no root */
    /* r = X^(2^128) mod f, by squaring X 128 times */
    poly_zero(x);
    x->c[1] = gf128_one();
    x->deg = 1;
    poly_mod(x, f, NULL);
    *r = *x;
    for (int i = 0; i < 128; i++)
        mulmod(r, r, r, f);
    for (int k = 0; k <= x->deg; k++)  /* r = X^(2^128) + X mod f */
        r->c[k] = gf128_add(r->c[k], x->c[k]);
    if (x->deg > r->deg)
        r->deg = x->deg;
    gf_poly_trim(r);
    poly_gcd(f, r);                    /* f = product of (X - root) */
    if (split(f, roots, &n, max, &seed) != 0)
        n = -1;
out:
    free(f), free(x), free(r);
    return n;
}
