/*
 * bn_lab.c — variable-time big integers on public values, for the
 * attacker's side of glass-attack bleichenbacher (bn_lab.h).
 *
 * ATTACKER-SIDE CODE: it branches on the numbers, which are all public
 * (modulus, exponent, ciphertext, multipliers, interval bounds).  Never
 * use it on a secret.  Division is Knuth's Algorithm D (TAOCP vol. 2,
 * 4.3.1) on 32-bit digits with 64-bit intermediates.
 */
#include <string.h>

#include "bn_lab.h"

static void trim(bn *r)
{
    while (r->n > 0 && r->d[r->n - 1] == 0)
        r->n--;
}

void bn_set_u32(bn *r, uint32_t v)
{
    r->d[0] = v;
    r->n = v != 0;
}

void bn_copy(bn *r, const bn *a)
{
    if (r != a) {
        memcpy(r->d, a->d, a->n * sizeof a->d[0]);
        r->n = a->n;
    }
}

int bn_from_bytes(bn *r, const uint8_t *b, size_t len)
{
    if ((len + 3) / 4 > BN_LAB_LIMBS)
        return -1;
    memset(r->d, 0, (len + 3) / 4 * sizeof r->d[0]);
    for (size_t i = 0; i < len; i++) {
        size_t pos = len - 1 - i;              /* byte i from the little end */
        r->d[i / 4] |= (uint32_t)b[pos] << (8 * (i % 4));
    }
    r->n = (len + 3) / 4;
    trim(r);
    return 0;
}

int bn_to_bytes(const bn *a, uint8_t *b, size_t len)
{
    if (bn_bits(a) > 8 * len)
        return -1;
    for (size_t i = 0; i < len; i++) {
        size_t limb = i / 4;
        b[len - 1 - i] = limb < a->n ? (uint8_t)(a->d[limb] >> (8 * (i % 4))) : 0;
    }
    return 0;
}

int bn_is_zero(const bn *a)
{
    return a->n == 0;
}

size_t bn_bits(const bn *a)
{
    if (a->n == 0)
        return 0;
    size_t bits = 32 * (a->n - 1);
    for (uint32_t top = a->d[a->n - 1]; top != 0; top >>= 1)
        bits++;
    return bits;
}

int bn_cmp(const bn *a, const bn *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

int bn_add(bn *r, const bn *a, const bn *b)
{
    size_t n = a->n > b->n ? a->n : b->n;
    uint64_t carry = 0;
    if (n + 1 > BN_LAB_LIMBS)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint64_t t = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        r->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    r->d[n] = (uint32_t)carry;
    r->n = n + 1;
    trim(r);
    return 0;
}

int bn_sub(bn *r, const bn *a, const bn *b)
{
    if (bn_cmp(a, b) < 0)
        return -1;
    uint64_t borrow = 0;
    for (size_t i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        r->d[i] = (uint32_t)t;
        borrow = (t >> 32) & 1;               /* 1 when it wrapped below zero */
    }
    r->n = a->n;
    trim(r);
    return 0;
}

int bn_mul(bn *r, const bn *a, const bn *b)
{
    if (a->n == 0 || b->n == 0) {
        r->n = 0;
        return 0;
    }
    if (a->n + b->n > BN_LAB_LIMBS)
        return -1;
    memset(r->d, 0, (a->n + b->n) * sizeof r->d[0]);
    for (size_t i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (size_t j = 0; j < b->n; j++) {
            uint64_t t = (uint64_t)a->d[i] * b->d[j] + r->d[i + j] + carry;
            r->d[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r->d[i + b->n] = (uint32_t)carry;
    }
    r->n = a->n + b->n;
    trim(r);
    return 0;
}

int bn_add_u32(bn *r, const bn *a, uint32_t v)
{
    bn t;
    bn_set_u32(&t, v);
    return bn_add(r, a, &t);
}

int bn_mul_u32(bn *r, const bn *a, uint32_t v)
{
    uint64_t carry = 0;
    if (a->n + 1 > BN_LAB_LIMBS)
        return -1;
    for (size_t i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] * v + carry;
        r->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    r->d[a->n] = (uint32_t)carry;
    r->n = a->n + 1;
    trim(r);
    return 0;
}

uint32_t bn_div_u32(bn *r, const bn *a, uint32_t v)
{
    uint64_t rem = 0;
    size_t n = a->n;
    for (size_t i = n; i-- > 0;) {
        uint64_t cur = rem << 32 | a->d[i];
        if (r != NULL)
            r->d[i] = (uint32_t)(cur / v);
        rem = cur % v;
    }
    if (r != NULL) {
        r->n = n;
        trim(r);
    }
    return (uint32_t)rem;
}

int bn_pow2(bn *r, unsigned k)
{
    if (k / 32 + 1 > BN_LAB_LIMBS)
        return -1;
    memset(r->d, 0, (k / 32 + 1) * sizeof r->d[0]);
    r->d[k / 32] = (uint32_t)1 << (k % 32);
    r->n = k / 32 + 1;
    return 0;
}

/* r = a << s for 0 <= s < 32, into exactly a->n + 1 limbs (top may be 0) */
static void shl_small(uint32_t *r, const bn *a, unsigned s)
{
    uint32_t carry = 0;
    for (size_t i = 0; i < a->n; i++) {
        r[i] = a->d[i] << s | carry;
        carry = s ? a->d[i] >> (32 - s) : 0;
    }
    r[a->n] = carry;
}

int bn_divmod(bn *q, bn *rem, const bn *a, const bn *d)
{
    if (d->n == 0)
        return -1;
    if (bn_cmp(a, d) < 0) {
        if (rem != NULL)
            bn_copy(rem, a);
        if (q != NULL)
            q->n = 0;
        return 0;
    }
    if (d->n == 1) {
        bn quo;
        uint32_t r1 = bn_div_u32(&quo, a, d->d[0]);
        if (q != NULL)
            bn_copy(q, &quo);
        if (rem != NULL)
            bn_set_u32(rem, r1);
        return 0;
    }
    /* D1: normalise so that the divisor's top digit has its high bit set */
    unsigned s = 0;
    while (!(d->d[d->n - 1] << s & 0x80000000u))
        s++;
    uint32_t u[BN_LAB_LIMBS + 1], v[BN_LAB_LIMBS + 1], qd[BN_LAB_LIMBS];
    shl_small(u, a, s);                         /* a->n + 1 digits */
    shl_small(v, d, s);                         /* v[n] is 0 */
    size_t n = d->n, m = a->n - d->n;
    const uint64_t base = (uint64_t)1 << 32;
    for (size_t j = m + 1; j-- > 0;) {
        /* D3: estimate the digit from the top two digits, then correct
         * it with the third so that it is at most one too big */
        uint64_t num = (uint64_t)u[j + n] << 32 | u[j + n - 1];
        uint64_t qhat = num / v[n - 1], rhat = num % v[n - 1];
        while (qhat >= base || qhat * v[n - 2] > (rhat << 32 | u[j + n - 2])) {
            qhat--;
            rhat += v[n - 1];
            if (rhat >= base)
                break;
        }
        /* D4: u[j .. j+n] -= qhat * v */
        uint64_t mulcarry = 0, borrow = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t p = qhat * v[i] + mulcarry;
            mulcarry = p >> 32;
            uint64_t t = (uint64_t)u[i + j] - (uint32_t)p - borrow;
            u[i + j] = (uint32_t)t;
            borrow = (t >> 32) & 1;
        }
        uint64_t t = (uint64_t)u[j + n] - mulcarry - borrow;
        u[j + n] = (uint32_t)t;
        qd[j] = (uint32_t)qhat;
        if ((t >> 32) != 0) {
            /* D6: it went below zero: qhat was one too big, add v back */
            qd[j]--;
            uint64_t carry = 0;
            for (size_t i = 0; i < n; i++) {
                uint64_t w = (uint64_t)u[i + j] + v[i] + carry;
                u[i + j] = (uint32_t)w;
                carry = w >> 32;
            }
            u[j + n] += (uint32_t)carry;
        }
    }
    if (q != NULL) {
        memcpy(q->d, qd, (m + 1) * sizeof qd[0]);
        q->n = m + 1;
        trim(q);
    }
    if (rem != NULL) {
        /* D8: the remainder is u[0 .. n-1] >> s */
        for (size_t i = 0; i < n; i++)
            rem->d[i] = u[i] >> s | (s && i + 1 <= n ? u[i + 1] << (32 - s) : 0);
        rem->n = n;
        trim(rem);
    }
    return 0;
}

int bn_div_floor(bn *q, const bn *a, const bn *d)
{
    return bn_divmod(q, NULL, a, d);
}

int bn_div_ceil(bn *q, const bn *a, const bn *d)
{
    bn r;
    if (bn_divmod(q, &r, a, d) != 0)
        return -1;
    return bn_is_zero(&r) ? 0 : bn_add_u32(q, q, 1);
}

int bn_modmul(bn *r, const bn *a, const bn *b, const bn *m)
{
    bn t;
    if (bn_mul(&t, a, b) != 0)
        return -1;
    return bn_divmod(NULL, r, &t, m);
}

int bn_modexp(bn *r, const bn *a, const bn *e, const bn *m)
{
    bn base, acc;
    if (bn_divmod(NULL, &base, a, m) != 0)
        return -1;
    bn_set_u32(&acc, 1);
    for (size_t i = bn_bits(e); i-- > 0;) {     /* left to right, square and multiply */
        if (bn_modmul(&acc, &acc, &acc, m) != 0)
            return -1;
        if ((e->d[i / 32] >> (i % 32) & 1) && bn_modmul(&acc, &acc, &base, m) != 0)
            return -1;
    }
    if (bn_cmp(&acc, m) >= 0 && bn_divmod(NULL, &acc, &acc, m) != 0)
        return -1;                              /* m == 1 */
    bn_copy(r, &acc);
    return 0;
}

int bn_inv_u32(bn *r, uint32_t v, const bn *m)
{
    /* v * x = 1 + k * m with 0 <= k < v, so k = -(m mod v)^-1 mod v, found
     * with the extended Euclidean algorithm on small numbers, and then
     * x = (1 + k * m) / v exactly. */
    if (v == 0)
        return -1;
    if (v == 1) {
        bn_set_u32(r, 1);
        return 0;
    }
    int64_t old_r = bn_div_u32(NULL, m, v), cur_r = v, old_s = 1, cur_s = 0;
    while (cur_r != 0) {                         /* invariant: old_s * (m mod v) = old_r (mod v) */
        int64_t quo = old_r / cur_r, t;
        t = old_r - quo * cur_r, old_r = cur_r, cur_r = t;
        t = old_s - quo * cur_s, old_s = cur_s, cur_s = t;
    }
    if (old_r != 1)
        return -1;                               /* v shares a factor with m */
    int64_t inv = ((old_s % (int64_t)v) + v) % v;   /* (m mod v)^-1 mod v */
    uint32_t k = (uint32_t)((v - inv) % v);
    bn t;
    if (bn_mul_u32(&t, m, k) != 0 || bn_add_u32(&t, &t, 1) != 0)
        return -1;
    if (bn_div_u32(r, &t, v) != 0)
        return -1;                               /* not exact: cannot happen */
    return 0;
}

void bn_print_hex(FILE *f, const bn *a)
{
    if (a->n == 0) {
        fputs("0", f);
        return;
    }
    fprintf(f, "%x", a->d[a->n - 1]);
    for (size_t i = a->n - 1; i-- > 0;)
        fprintf(f, "%08x", a->d[i]);
}
