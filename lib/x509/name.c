/*
 * name.c — distinguished names as text (RFC 4514 style: short attribute
 * names, "type=value" joined by ", " in the order of the encoding, which is
 * how `openssl x509 -nameopt RFC2253` would print them reversed).
 *
 * Values: UTF8String/IA5/Printable/... are printed as UTF-8; BMPString
 * (UCS-2) and UniversalString (UCS-4) are converted to UTF-8; T61String
 * bytes above 0x7f are taken as Latin-1.  Control characters and RFC 4514
 * specials are escaped; a non-string value is printed as '#' and the hex of
 * its encoding (RFC 4514 section 2.4).
 */
#include "glasstls/x509.h"

#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "x509/asn1.h"
#include "x509/oid.h"

typedef struct out_buf {
    char  *p;
    size_t cap, n;
} out_buf;

static void put(out_buf *o, const char *s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (o->n + 1 < o->cap)
            o->p[o->n++] = s[i];
    if (o->cap)
        o->p[o->n < o->cap ? o->n : o->cap - 1] = '\0';
}

static void puts_(out_buf *o, const char *s) { put(o, s, strlen(s)); }

static void put_cp(out_buf *o, uint32_t cp)
{
    char b[8];
    size_t k;
    if (cp < 0x20 || cp == 0x7f || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        snprintf(b, sizeof(b), "\\%02X", (unsigned)(cp & 0xff));
        puts_(o, b);
        return;
    }
    if (cp < 0x80) {
        if (strchr(",+\"\\<>;=", (int)cp) != NULL)
            put(o, "\\", 1);
        b[0] = (char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3f));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12);
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        k = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18);
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        k = 4;
    }
    put(o, b, k);
}

/* UTF-8 decoding of one code point for re-escaping; invalid bytes are
 * returned as themselves with 0x80 set so they get escaped as \XX. */
static uint32_t utf8_next(const uint8_t *v, size_t n, size_t *i)
{
    uint8_t c = v[*i];
    size_t k = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 :
               (c & 0xf8) == 0xf0 ? 3 : 9;
    if (k == 0) {
        (*i)++;
        return c;
    }
    if (k == 9 || k >= n - *i) {         /* bad lead byte or cut short */
        (*i)++;
        return 0xdc00u | c;             /* a surrogate value: printed as \XX */
    }
    uint32_t cp = c & (0x3fu >> k);
    for (size_t j = 1; j <= k; j++) {
        if ((v[*i + j] & 0xc0) != 0x80) {
            (*i)++;
            return 0xdc00u | c;
        }
        cp = (cp << 6) | (v[*i + j] & 0x3f);
    }
    *i += k + 1;
    return cp;
}

static void put_value(out_buf *o, const glass_der_tlv *v)
{
    size_t i = 0;
    switch (v->tag) {
    case GLASS_DER_BMP_STRING:
        for (; i + 1 < v->len; i += 2)
            put_cp(o, (uint32_t)v->val[i] << 8 | v->val[i + 1]);
        return;
    case GLASS_DER_UNIVERSAL_STRING:
        for (; i + 3 < v->len; i += 4)
            put_cp(o, (uint32_t)v->val[i] << 24 | (uint32_t)v->val[i + 1] << 16 |
                      (uint32_t)v->val[i + 2] << 8 | v->val[i + 3]);
        return;
    case GLASS_DER_T61_STRING:
        for (; i < v->len; i++)
            put_cp(o, v->val[i]);
        return;
    default:
        break;
    }
    if (glass_der_is_string(v->tag)) {
        while (i < v->len)
            put_cp(o, utf8_next(v->val, v->len, &i));
        return;
    }
    char b[4];
    puts_(o, "#");
    for (i = 0; i < v->tlv_len; i++) {
        snprintf(b, sizeof(b), "%02X", v->tlv[i]);
        puts_(o, b);
    }
}

static const char *attr_name(const glass_der_tlv *oid, char *buf, size_t cap)
{
    static const struct { uint8_t last; const char *name; } at[] = {
        { 3, "CN" }, { 4, "SN" }, { 5, "serialNumber" }, { 6, "C" }, { 7, "L" },
        { 8, "ST" }, { 9, "street" }, { 10, "O" }, { 11, "OU" }, { 12, "title" },
        { 17, "postalCode" }, { 42, "GN" }, { 46, "dnQualifier" },
        { 97, "organizationIdentifier" },
    };
    if (oid->len == 3 && oid->val[0] == 0x55 && oid->val[1] == 0x04)   /* 2.5.4.x */
        for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
            if (at[i].last == oid->val[2])
                return at[i].name;
    if (glass_der_oid_eq(oid, OID_AT_EMAIL, sizeof(OID_AT_EMAIL))) return "emailAddress";
    if (glass_der_oid_eq(oid, OID_AT_DC, sizeof(OID_AT_DC)))       return "DC";
    if (glass_der_oid_eq(oid, OID_AT_UID, sizeof(OID_AT_UID)))     return "UID";
    return glass_der_oid_text(oid->val, oid->len, buf, cap);
}

/* Calls fn for every attribute of a Name in order; returns 0 or GLASS_E_DER. */
typedef void (*atv_fn)(void *ctx, const glass_der_tlv *oid, const glass_der_tlv *value,
                       int first);

static int walk_name(const glass_bytes *name, atv_fn fn, void *ctx)
{
    glass_der d, names, rdn, atv;
    int first = 1;
    glass_der_init(&d, name->p, name->len);
    glass_der_enter(&d, GLASS_DER_SEQUENCE, &names);
    while (glass_der_more(&names)) {
        glass_der_enter(&names, GLASS_DER_SET, &rdn);
        while (glass_der_more(&rdn)) {
            glass_der_tlv oid, value;
            glass_der_enter(&rdn, GLASS_DER_SEQUENCE, &atv);
            glass_der_oid(&atv, &oid);
            glass_der_next(&atv, &value);
            glass_der_close(&rdn, &atv);
            if (!glass_der_ok(&rdn))
                break;
            fn(ctx, &oid, &value, first);
            first = 0;
        }
        glass_der_close(&names, &rdn);
    }
    glass_der_close(&d, &names);
    glass_der_end(&d);
    return d.err;
}

static void print_atv(void *ctx, const glass_der_tlv *oid, const glass_der_tlv *value,
                      int first)
{
    out_buf *o = ctx;
    char buf[64];
    if (!first)
        puts_(o, ", ");
    puts_(o, attr_name(oid, buf, sizeof(buf)));
    puts_(o, "=");
    put_value(o, value);
}

int glass_x509_name_string(const glass_bytes *name, char *out, size_t cap)
{
    if (name == NULL || out == NULL || cap == 0)
        return GLASS_E_INVALID_ARG;
    out_buf o = { out, cap, 0 };
    out[0] = '\0';
    int err = walk_name(name, print_atv, &o);
    return err != 0 ? err : (int)o.n;
}

int glass_x509_subject_string(const glass_x509_cert *c, char *out, size_t cap)
{
    return glass_x509_name_string(&c->subject, out, cap);
}

int glass_x509_issuer_string(const glass_x509_cert *c, char *out, size_t cap)
{
    return glass_x509_name_string(&c->issuer, out, cap);
}

typedef struct cn_ctx {
    glass_der_tlv value;
    int found;
} cn_ctx;

static void find_cn(void *ctx, const glass_der_tlv *oid, const glass_der_tlv *value, int first)
{
    cn_ctx *x = ctx;
    (void)first;
    if (glass_der_oid_eq(oid, OID_AT_CN, sizeof(OID_AT_CN))) {
        x->value = *value;               /* the last CN wins (most specific) */
        x->found = 1;
    }
}

int glass_x509_subject_cn(const glass_x509_cert *c, char *out, size_t cap)
{
    cn_ctx x;
    memset(&x, 0, sizeof(x));
    if (c == NULL || out == NULL || cap == 0)
        return GLASS_E_INVALID_ARG;
    out[0] = '\0';
    int err = walk_name(&c->subject, find_cn, &x);
    if (err != 0)
        return err;
    /* only the plain single-byte string types: a host name is ASCII */
    if (!x.found ||
        (x.value.tag != GLASS_DER_UTF8_STRING && x.value.tag != GLASS_DER_PRINTABLE_STRING &&
         x.value.tag != GLASS_DER_IA5_STRING && x.value.tag != GLASS_DER_T61_STRING))
        return GLASS_E_DER;
    if (x.value.len >= cap)
        return GLASS_E_BUFFER_TOO_SMALL;
    for (size_t i = 0; i < x.value.len; i++)
        if (x.value.val[i] == 0)
            return GLASS_E_DER;
    memcpy(out, x.value.val, x.value.len);
    out[x.value.len] = '\0';
    return 0;
}
