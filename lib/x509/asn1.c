/*
 * asn1.c — strict DER reader (ITU-T X.690 section 10; see asn1.h for the
 * rules enforced).  Every read goes through take_tlv(), the one place that
 * decodes a tag and a length and checks them against the buffer.
 */
#include "x509/asn1.h"

#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"

void glass_der_init(glass_der *d, const uint8_t *buf, size_t len)
{
    d->buf = buf;
    d->len = buf ? len : 0;
    d->off = 0;
    d->origin = buf;
    d->depth = 0;
    d->err = 0;
    d->err_off = 0;
}

void glass_der_fail(glass_der *d, int err)
{
    if (d->err == 0) {
        d->err = err;
        d->err_off = (size_t)(d->buf - d->origin) + d->off;
    }
}

int glass_der_peek(const glass_der *d)
{
    if (d->err != 0 || d->off >= d->len)
        return -1;
    return d->buf[d->off];
}

/* X.690 8.1.2 (identifier) and 8.1.3 / 10.1 (definite, minimal length). */
static int take_tlv(glass_der *d, glass_der_tlv *t)
{
    memset(t, 0, sizeof(*t));
    if (d->err != 0)
        return d->err;
    size_t left = d->len - d->off;
    const uint8_t *p = d->buf + d->off;
    if (left < 2)
        goto bad;
    uint8_t tag = p[0];
    if ((tag & 0x1f) == 0x1f)          /* high-tag-number form: not in X.509 */
        goto bad;
    size_t hdr = 2, len = p[1];
    if (len == 0x80)                   /* indefinite length: BER only */
        goto bad;
    if (len > 0x80) {
        size_t n = len & 0x7f;
        if (n > 3 || left < 2 + n)     /* > 2^24: refuse */
            goto bad;
        if (p[2] == 0)                 /* leading zero octet: not minimal */
            goto bad;
        len = 0;
        for (size_t i = 0; i < n; i++)
            len = (len << 8) | p[2 + i];
        if (len < 0x80)                /* long form for a short length */
            goto bad;
        hdr += n;
    }
    if (len > left - hdr)              /* value runs past the buffer */
        goto bad;
    t->tag = tag;
    t->tlv = p;
    t->tlv_len = hdr + len;
    t->val = p + hdr;
    t->len = len;
    d->off += hdr + len;
    return 0;
bad:
    glass_der_fail(d, GLASS_E_DER);
    return GLASS_E_DER;
}

int glass_der_next(glass_der *d, glass_der_tlv *t)
{
    return take_tlv(d, t);
}

int glass_der_expect(glass_der *d, uint8_t tag, glass_der_tlv *t)
{
    if (glass_der_peek(d) != tag) {
        memset(t, 0, sizeof(*t));
        glass_der_fail(d, GLASS_E_DER);
        return GLASS_E_DER;
    }
    return take_tlv(d, t);
}

int glass_der_optional(glass_der *d, uint8_t tag, glass_der_tlv *t)
{
    if (glass_der_peek(d) != tag) {
        memset(t, 0, sizeof(*t));
        return 0;
    }
    return take_tlv(d, t) == 0;
}

void glass_der_open(const glass_der *parent, const glass_der_tlv *t, glass_der *sub)
{
    sub->buf = t->val;
    sub->len = t->val ? t->len : 0;
    sub->off = 0;
    sub->origin = parent->origin;
    sub->depth = parent->depth + 1;
    sub->err = parent->err;
    sub->err_off = parent->err_off;
    if (sub->err == 0 && sub->depth > GLASS_DER_MAX_DEPTH)
        glass_der_fail(sub, GLASS_E_DER);
}

void glass_der_enter(glass_der *d, uint8_t tag, glass_der *sub)
{
    glass_der_tlv t;
    glass_der_expect(d, tag, &t);
    glass_der_open(d, &t, sub);
}

void glass_der_end(glass_der *d)
{
    if (d->err == 0 && d->off != d->len)
        glass_der_fail(d, GLASS_E_DER);
}

void glass_der_close(glass_der *d, glass_der *sub)
{
    glass_der_end(sub);
    if (d->err == 0 && sub->err != 0) {
        d->err = sub->err;
        d->err_off = sub->err_off;
    }
}

/* X.690 8.3.2: the first nine bits of an INTEGER are never all 0 or all 1. */
void glass_der_integer(glass_der *d, const uint8_t **v, size_t *v_len)
{
    glass_der_tlv t;
    *v = NULL;
    *v_len = 0;
    if (glass_der_expect(d, GLASS_DER_INTEGER, &t) != 0)
        return;
    if (t.len == 0 ||
        (t.len > 1 && t.val[0] == 0x00 && !(t.val[1] & 0x80)) ||
        (t.len > 1 && t.val[0] == 0xff && (t.val[1] & 0x80))) {
        d->off -= t.tlv_len;
        glass_der_fail(d, GLASS_E_DER);
        return;
    }
    *v = t.val;
    *v_len = t.len;
}

void glass_der_uint(glass_der *d, const uint8_t **v, size_t *v_len)
{
    glass_der_integer(d, v, v_len);
    if (*v == NULL)
        return;
    if ((*v)[0] & 0x80) {              /* negative */
        glass_der_fail(d, GLASS_E_DER);
        *v = NULL;
        *v_len = 0;
        return;
    }
    if (*v_len > 1 && (*v)[0] == 0) {  /* drop the sign octet */
        (*v)++;
        (*v_len)--;
    }
}

long glass_der_small_uint(glass_der *d)
{
    const uint8_t *v;
    size_t n;
    glass_der_uint(d, &v, &n);
    if (v == NULL)
        return -1;
    if (n > 4 || (n == 4 && v[0] & 0x80)) {
        glass_der_fail(d, GLASS_E_DER);
        return -1;
    }
    long x = 0;
    for (size_t i = 0; i < n; i++)
        x = (x << 8) | v[i];
    return x;
}

int glass_der_boolean(glass_der *d)
{
    glass_der_tlv t;
    if (glass_der_expect(d, GLASS_DER_BOOLEAN, &t) != 0)
        return 0;
    if (t.len != 1 || (t.val[0] != 0x00 && t.val[0] != 0xff)) {   /* X.690 11.1 */
        glass_der_fail(d, GLASS_E_DER);
        return 0;
    }
    return t.val[0] == 0xff;
}

void glass_der_null(glass_der *d)
{
    glass_der_tlv t;
    if (glass_der_expect(d, GLASS_DER_NULL, &t) == 0 && t.len != 0)
        glass_der_fail(d, GLASS_E_DER);
}

void glass_der_bit_string(glass_der *d, const uint8_t **v, size_t *v_len, unsigned *unused)
{
    glass_der_tlv t;
    *v = NULL;
    *v_len = 0;
    *unused = 0;
    if (glass_der_expect(d, GLASS_DER_BIT_STRING, &t) != 0)
        return;
    /* X.690 8.6.2: initial octet 0..7, 0 when empty; 11.2.1: unused bits 0 */
    if (t.len == 0 || t.val[0] > 7 || (t.len == 1 && t.val[0] != 0) ||
        (t.len > 1 && (t.val[t.len - 1] & ((1u << t.val[0]) - 1)) != 0)) {
        glass_der_fail(d, GLASS_E_DER);
        return;
    }
    *unused = t.val[0];
    *v = t.val + 1;
    *v_len = t.len - 1;
}

/* X.690 8.19.2: each subidentifier in base 128, no leading 0x80 octet, the
 * last octet of the contents ends a subidentifier. */
void glass_der_oid(glass_der *d, glass_der_tlv *t)
{
    if (glass_der_expect(d, GLASS_DER_OID, t) != 0)
        return;
    int ok = t->len > 0 && !(t->val[t->len - 1] & 0x80);
    int start = 1;
    for (size_t i = 0; ok && i < t->len; i++) {
        if (start && t->val[i] == 0x80)
            ok = 0;
        start = !(t->val[i] & 0x80);
    }
    if (!ok)
        glass_der_fail(d, GLASS_E_DER);
}

int glass_der_oid_eq(const glass_der_tlv *t, const uint8_t *oid, size_t oid_len)
{
    return t->val != NULL && t->len == oid_len && memcmp(t->val, oid, oid_len) == 0;
}

char *glass_der_oid_text(const uint8_t *oid, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    uint64_t v = 0;
    int first = 1;
    if (cap == 0)
        return out;
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (v > (UINT64_MAX >> 7))
            break;                       /* absurdly long arc: stop printing */
        v = (v << 7) | (oid[i] & 0x7f);
        if (oid[i] & 0x80)
            continue;
        int w;
        if (first) {                     /* X.690 8.19.4: first two arcs */
            unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
            w = snprintf(out + n, cap - n, "%u.%llu", a, (unsigned long long)(v - 40u * a));
            first = 0;
        } else {
            w = snprintf(out + n, cap - n, ".%llu", (unsigned long long)v);
        }
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
        v = 0;
    }
    return out;
}

int glass_der_is_string(uint8_t tag)
{
    switch (tag) {
    case GLASS_DER_UTF8_STRING: case GLASS_DER_NUMERIC_STRING:
    case GLASS_DER_PRINTABLE_STRING: case GLASS_DER_T61_STRING:
    case GLASS_DER_IA5_STRING: case GLASS_DER_VISIBLE_STRING:
    case GLASS_DER_UNIVERSAL_STRING: case GLASS_DER_BMP_STRING:
        return 1;
    default:
        return 0;
    }
}

/* ---- time (the civil calendar is lib/common/time.c) ---- */

static int digits(const uint8_t *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return dm[m - 1] + (m == 2 && leap);
}

/* RFC 5280 4.1.2.5.1 (UTCTime: YYMMDDHHMMSSZ, YY < 50 is 20YY) and
 * 4.1.2.5.2 (GeneralizedTime: YYYYMMDDHHMMSSZ, no fractions). */
int64_t glass_der_time(glass_der *d)
{
    glass_der_tlv t;
    int tag = glass_der_peek(d);
    if (tag != GLASS_DER_UTC_TIME && tag != GLASS_DER_GENERALIZED_TIME) {
        glass_der_fail(d, GLASS_E_DER);
        return 0;
    }
    if (glass_der_next(d, &t) != 0)
        return 0;
    size_t yl = tag == GLASS_DER_UTC_TIME ? 2 : 4;
    if (t.len != yl + 11 || t.val[t.len - 1] != 'Z')
        goto bad;
    int y = digits(t.val, yl);
    const uint8_t *p = t.val + yl;
    int mo = digits(p, 2), dd = digits(p + 2, 2), h = digits(p + 4, 2);
    int mi = digits(p + 6, 2), s = digits(p + 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || dd < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        s < 0 || s > 59)
        goto bad;
    if (yl == 2)
        y += y < 50 ? 2000 : 1900;
    if (dd > days_in_month(y, mo))
        goto bad;
    return glass_time_from_civil(y, mo, dd, h, mi, s);
bad:
    d->off -= t.tlv_len;
    glass_der_fail(d, GLASS_E_DER);
    return 0;
}

/* ---- whole-encoding check ---- */

static int check_level(glass_der *d)
{
    while (glass_der_more(d)) {
        glass_der_tlv t;
        if (glass_der_next(d, &t) != 0)
            return d->err;
        if (t.tag & GLASS_DER_CONSTRUCTED) {
            glass_der sub;
            glass_der_open(d, &t, &sub);      /* fails past the depth bound */
            if (sub.err == 0)
                check_level(&sub);            /* recursion bounded by depth */
            glass_der_close(d, &sub);
        }
    }
    return d->err;
}

int glass_der_check(const uint8_t *buf, size_t len)
{
    glass_der d;
    glass_der_init(&d, buf, len);
    if (len == 0)
        return GLASS_E_DER;
    check_level(&d);
    return d.err;
}
