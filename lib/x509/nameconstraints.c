/*
 * nameconstraints.c — RFC 5280 4.2.1.10 name constraints: the strict
 * parse of the extension, and the check of one certificate's names against
 * one CA's subtrees (nc.h says how verify.c combines them along a path).
 *
 * Implemented name forms, and how a name "is within" a subtree:
 *   dNSName       label-wise: "example.com" holds example.com and every
 *                 name made by adding labels on the left (www.example.com),
 *                 never "badexample.com"; ASCII case-insensitive;
 *   iPAddress     address and mask (4+4 bytes IPv4, 16+16 IPv6): the name's
 *                 address ANDed with the mask equals the base's; an IPv4
 *                 name never matches an IPv6 subtree or the reverse;
 *   directoryName the base's RDNs are a prefix of the name's RDNs, compared
 *                 RDN by RDN: same attribute types in the same order, string
 *                 values equal after ASCII case folding and collapsing runs
 *                 of spaces (a subset of RFC 4518's preparation; any other
 *                 value byte for byte).
 * Every other form (rfc822Name, URI, otherName, ...) is parsed but not
 * implemented: a certificate fails only when it has a name of a form that a
 * CA above it constrains (GLASS_E_CERT_NC_UNSUPPORTED), as the issue this
 * answers and RFC 5280 6.1.3 (b) ("... fails if a name of that type ...
 * appears") ask: refusing is the safe side of "not understood".
 */
#include "x509/nc.h"

#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "x509/asn1.h"
#include "x509/oid.h"

#define MALFORMED GLASS_E_CERT_NC_MALFORMED

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int ieq(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return 0;
    return 1;
}

/* otherName, x400Address, directoryName and ediPartyName are constructed
 * (SEQUENCE or an EXPLICIT Name); the string and octet forms primitive. */
static int gn_constructed(unsigned type)
{
    return type == GLASS_GN_OTHER || type == GLASS_GN_X400 || type == GLASS_GN_DIR ||
           type == GLASS_GN_EDI;
}

static int gn_implemented(unsigned type)
{
    return type == GLASS_GN_DNS || type == GLASS_GN_IP || type == GLASS_GN_DIR;
}

static const char *gn_label(unsigned type)
{
    static const char *const names[] = { "otherName", "email", "DNS", "x400Address",
                                         "DirName", "ediPartyName", "URI", "IP",
                                         "registeredID" };
    return type < 9 ? names[type] : "?";
}

/* A dNSName base: empty (every DNS name: the CA/B Forum way of saying "no
 * DNS names at all" when excluded) or LDH labels joined by single dots, no
 * leading or trailing dot.  ".example.com" is how rfc822Name and URI
 * constraints say "subdomains only"; in a dNSName it is malformed. */
static int dns_base_ok(const uint8_t *p, size_t n)
{
    if (n == 0)
        return 1;
    if (n > 253)
        return 0;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return 0;
        if (++label > 63)
            return 0;
    }
    return label != 0;
}

/* A mask is some one bits then only zero bits (a CIDR prefix).  RFC 5280
 * only shows such masks; any other would make "within" meaningless. */
static int mask_ok(const uint8_t *m, size_t n)
{
    int zero = 0;
    for (size_t i = 0; i < n; i++)
        for (int b = 7; b >= 0; b--) {
            int one = (m[i] >> b) & 1;
            if (one && zero)
                return 0;
            if (!one)
                zero = 1;
        }
    return 1;
}

/* Exactly one Name: SEQUENCE OF SET SIZE (1..MAX) OF SEQUENCE { OID, ANY }. */
static int name_ok(const uint8_t *p, size_t n)
{
    glass_der d, names, rdn, atv;
    glass_der_tlv t, oid, v;
    glass_der_init(&d, p, n);
    glass_der_expect(&d, GLASS_DER_SEQUENCE, &t);
    glass_der_end(&d);
    glass_der_open(&d, &t, &names);
    while (glass_der_more(&names)) {
        glass_der_enter(&names, GLASS_DER_SET, &rdn);
        if (!glass_der_more(&rdn))
            glass_der_fail(&rdn, GLASS_E_DER);
        while (glass_der_more(&rdn)) {
            glass_der_enter(&rdn, GLASS_DER_SEQUENCE, &atv);
            glass_der_oid(&atv, &oid);
            glass_der_next(&atv, &v);
            glass_der_close(&rdn, &atv);
        }
        glass_der_close(&names, &rdn);
    }
    glass_der_close(&d, &names);
    return glass_der_ok(&d);
}

static int base_ok(const glass_der_tlv *b)
{
    unsigned type = b->tag & 0x1f;
    if ((b->tag & 0xc0) != GLASS_DER_CONTEXT || type > GLASS_GN_RID)
        return 0;
    if (!!(b->tag & GLASS_DER_CONSTRUCTED) != gn_constructed(type))
        return 0;
    switch (type) {
    case GLASS_GN_DNS: return dns_base_ok(b->val, b->len);
    case GLASS_GN_IP:
        return (b->len == 8 && mask_ok(b->val + 4, 4)) ||
               (b->len == 32 && mask_ok(b->val + 16, 16));
    case GLASS_GN_DIR: return name_ok(b->val, b->len);
    default:                                  /* structure only */
        return !gn_constructed(type) || glass_der_check(b->val, b->len) == 0;
    }
}

static void subtrees(glass_der *nc, uint8_t tag)
{
    glass_der list;
    glass_der_enter(nc, tag, &list);
    if (!glass_der_more(&list))                  /* SIZE (1..MAX) */
        glass_der_fail(&list, MALFORMED);
    while (glass_der_more(&list)) {
        glass_der st;
        glass_der_tlv base;
        glass_der_enter(&list, GLASS_DER_SEQUENCE, &st);
        glass_der_next(&st, &base);
        if (glass_der_ok(&st) && !base_ok(&base))
            glass_der_fail(&st, MALFORMED);
        if (glass_der_more(&st))                 /* minimum or maximum */
            glass_der_fail(&st, MALFORMED);
        glass_der_close(&list, &st);
    }
    glass_der_close(nc, &list);
}

int glass_x509_nc_parse(const uint8_t *p, size_t len, glass_bytes *out)
{
    glass_der d, nc;
    glass_der_tlv t;
    int lists = 0;
    glass_der_init(&d, p, len);
    glass_der_expect(&d, GLASS_DER_SEQUENCE, &t);
    glass_der_end(&d);
    glass_der_open(&d, &t, &nc);
    if (glass_der_peek(&nc) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0)) {
        subtrees(&nc, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 0);
        lists++;
    }
    if (glass_der_peek(&nc) == (GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 1)) {
        subtrees(&nc, GLASS_DER_CONTEXT | GLASS_DER_CONSTRUCTED | 1);
        lists++;
    }
    glass_der_close(&d, &nc);                    /* anything else: left over */
    /* "Conforming CAs MUST NOT issue certificates where name constraints
     * is an empty sequence" (4.2.1.10) */
    if (!glass_der_ok(&d) || lists == 0)
        return MALFORMED;
    out->p = t.val;
    out->len = t.len;
    return 0;
}

/* ---- matching ---- */

static int dns_within(const uint8_t *name, size_t n, const uint8_t *base, size_t bn)
{
    if (bn == 0)
        return 1;
    if (n == bn)
        return ieq(name, base, n);
    return n > bn && name[n - bn - 1] == '.' && ieq(name + n - bn, base, bn);
}

int glass_x509_nc_dns_within(const uint8_t *name, size_t n, const uint8_t *base, size_t bn,
                             int excluded)
{
    if (n >= 2 && name[0] == '*' && name[1] == '.') {
        /* "*.rest" stands for L.rest, L any one label.  All of those are
         * within base exactly when rest is; one of them is when rest is,
         * or when base itself is one label over rest ("www.rest"). */
        const uint8_t *rest = name + 2;
        size_t rn = n - 2;
        if (dns_within(rest, rn, base, bn))
            return 1;
        if (!excluded)
            return 0;
        return bn > rn + 1 && base[bn - rn - 1] == '.' && ieq(base + bn - rn, rest, rn) &&
               memchr(base, '.', bn - rn - 1) == NULL;
    }
    return dns_within(name, n, base, bn);
}

static int ip_within(const uint8_t *ip, size_t n, const uint8_t *base, size_t bn)
{
    if (bn != 2 * n)                       /* another family, or a bad length */
        return 0;
    const uint8_t *mask = base + n;
    for (size_t i = 0; i < n; i++)
        if ((ip[i] & mask[i]) != (base[i] & mask[i]))
            return 0;
    return 1;
}

/* String values equal after ASCII case folding, trimming and collapsing
 * runs of spaces (the parts of RFC 4518 that ASCII names need). */
static int string_eq(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && a[i] == ' ')
        i++;
    while (j < bn && b[j] == ' ')
        j++;
    while (an > i && a[an - 1] == ' ')
        an--;
    while (bn > j && b[bn - 1] == ' ')
        bn--;
    while (i < an && j < bn) {
        if (a[i] >= 0x80 || b[j] >= 0x80) {
            if (a[i] != b[j])
                return 0;
        } else if (a[i] == ' ' && b[j] == ' ') {
            while (i + 1 < an && a[i + 1] == ' ')
                i++;
            while (j + 1 < bn && b[j + 1] == ' ')
                j++;
        } else if (lower(a[i]) != lower(b[j])) {
            return 0;
        }
        i++;
        j++;
    }
    return i == an && j == bn;
}

static int rdn_equal(const glass_der_tlv *ra, const glass_der_tlv *rb)
{
    glass_der a, b;
    glass_der_init(&a, ra->val, ra->len);
    glass_der_init(&b, rb->val, rb->len);
    while (glass_der_more(&a) && glass_der_more(&b)) {
        glass_der sa, sb;
        glass_der_tlv oa, ob, va, vb;
        glass_der_enter(&a, GLASS_DER_SEQUENCE, &sa);
        glass_der_enter(&b, GLASS_DER_SEQUENCE, &sb);
        glass_der_oid(&sa, &oa);
        glass_der_oid(&sb, &ob);
        glass_der_next(&sa, &va);
        glass_der_next(&sb, &vb);
        if (!glass_der_ok(&sa) || !glass_der_ok(&sb) || oa.len != ob.len ||
            memcmp(oa.val, ob.val, oa.len) != 0)
            return 0;
        if (glass_der_is_string(va.tag) && glass_der_is_string(vb.tag) &&
            va.tag != GLASS_DER_BMP_STRING && va.tag != GLASS_DER_UNIVERSAL_STRING &&
            vb.tag != GLASS_DER_BMP_STRING && vb.tag != GLASS_DER_UNIVERSAL_STRING) {
            if (!string_eq(va.val, va.len, vb.val, vb.len))
                return 0;
        } else if (va.tlv_len != vb.tlv_len || memcmp(va.tlv, vb.tlv, va.tlv_len) != 0) {
            return 0;
        }
    }
    return glass_der_ok(&a) && glass_der_ok(&b) && !glass_der_more(&a) && !glass_der_more(&b);
}

/* name and base are whole Name encodings (SEQUENCE TLVs). */
static int dir_within(const uint8_t *name, size_t n, const uint8_t *base, size_t bn)
{
    glass_der dn, db, rn, rb;
    glass_der_tlv tn, tb;
    glass_der_init(&dn, name, n);
    glass_der_init(&db, base, bn);
    glass_der_enter(&dn, GLASS_DER_SEQUENCE, &rn);
    glass_der_enter(&db, GLASS_DER_SEQUENCE, &rb);
    while (glass_der_more(&rb)) {
        if (!glass_der_more(&rn))
            return 0;                      /* the base is longer than the name */
        glass_der_expect(&rn, GLASS_DER_SET, &tn);
        glass_der_expect(&rb, GLASS_DER_SET, &tb);
        if (!glass_der_ok(&rn) || !glass_der_ok(&rb) || !rdn_equal(&tn, &tb))
            return 0;
    }
    return glass_der_ok(&rn) && glass_der_ok(&rb);
}

/* For messages: a name of the given form as text. */
static void gn_text(unsigned type, const uint8_t *v, size_t n, char *out, size_t cap)
{
    if (type == GLASS_GN_DNS || type == GLASS_GN_RFC822 || type == GLASS_GN_URI) {
        snprintf(out, cap, "%s:%.*s", gn_label(type), (int)(n > 200 ? 200 : n),
                 (const char *)v);
        for (char *p = out; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
                *p = '?';
    } else if (type == GLASS_GN_IP && (n == 4 || n == 8)) {
        if (n == 4)
            snprintf(out, cap, "IP:%u.%u.%u.%u", v[0], v[1], v[2], v[3]);
        else {
            int bits = 0;
            for (size_t i = 4; i < 8; i++)
                for (int b = 7; b >= 0; b--)
                    bits += (v[i] >> b) & 1;
            snprintf(out, cap, "IP:%u.%u.%u.%u/%d", v[0], v[1], v[2], v[3], bits);
        }
    } else if (type == GLASS_GN_IP && (n == 16 || n == 32)) {
        size_t len = 0;
        len += (size_t)snprintf(out, cap, "IP:");
        for (size_t i = 0; i < 16 && len < cap; i += 2)
            len += (size_t)snprintf(out + len, cap - len, "%s%x", i ? ":" : "",
                                    (unsigned)(v[i] << 8 | v[i + 1]));
        if (n == 32 && len < cap) {
            int bits = 0;
            for (size_t i = 16; i < 32; i++)
                for (int b = 7; b >= 0; b--)
                    bits += (v[i] >> b) & 1;
            snprintf(out + len, cap - len, "/%d", bits);
        }
    } else if (type == GLASS_GN_DIR) {
        char dn[200];
        glass_bytes b = { v, n };
        if (glass_x509_name_string(&b, dn, sizeof dn) < 0)
            snprintf(dn, sizeof dn, "(unreadable)");
        snprintf(out, cap, "DirName:\"%s\"", dn);
    } else {
        snprintf(out, cap, "%s (%zu bytes)", gn_label(type), n);
    }
}

/* One name of form `type` against the CA's subtrees.  v/n: the value (for
 * a directoryName the whole Name TLV). */
static int check_name(const glass_bytes *nc, unsigned type, const uint8_t *v, size_t n,
                      char *why, size_t cap)
{
    glass_der d;
    int have_permitted = 0, permitted = 0;
    char name[256], base[256];
    glass_der_init(&d, nc->p, nc->len);
    while (glass_der_more(&d)) {
        glass_der_tlv t;
        glass_der list;
        glass_der_next(&d, &t);
        int excluded = (t.tag & 0x1f) == 1;
        glass_der_open(&d, &t, &list);
        while (glass_der_more(&list)) {
            glass_der st;
            glass_der_tlv b;
            glass_der_enter(&list, GLASS_DER_SEQUENCE, &st);
            glass_der_next(&st, &b);
            glass_der_close(&list, &st);
            if (!glass_der_ok(&list) || (unsigned)(b.tag & 0x1f) != type)
                continue;
            if (!gn_implemented(type)) {
                if (why != NULL) {
                    gn_text(type, v, n, name, sizeof name);
                    snprintf(why, cap, "%s is constrained by a %s subtree of a form glasstls "
                             "does not implement", name, excluded ? "excluded" : "permitted");
                }
                return GLASS_E_CERT_NC_UNSUPPORTED;
            }
            int m = type == GLASS_GN_DNS
                    ? glass_x509_nc_dns_within(v, n, b.val, b.len, excluded)
                    : type == GLASS_GN_IP ? ip_within(v, n, b.val, b.len)
                                          : dir_within(v, n, b.val, b.len);
            if (excluded && m) {
                if (why != NULL) {
                    gn_text(type, v, n, name, sizeof name);
                    gn_text(type, b.val, b.len, base, sizeof base);
                    snprintf(why, cap, "%s is in the excluded subtree %s", name, base);
                }
                return GLASS_E_CERT_NC_EXCLUDED;
            }
            if (!excluded) {
                have_permitted = 1;
                permitted |= m;
            }
        }
        glass_der_close(&d, &list);
    }
    if (have_permitted && !permitted) {
        if (why != NULL) {
            gn_text(type, v, n, name, sizeof name);
            snprintf(why, cap, "%s is in none of the permitted %s subtrees", name,
                     gn_label(type));
        }
        return GLASS_E_CERT_NC_NOT_PERMITTED;
    }
    return 0;
}

int glass_x509_nc_check(const glass_x509_cert *ca, const glass_x509_cert *c, int check_cn,
                        char *why, size_t cap)
{
    if (!(ca->ext_present & GLASS_EXT_NAME_CONSTRAINTS))
        return 0;
    const glass_bytes *nc = &ca->name_constraints;
    int r;
    /* the subject, when not empty (6.1.3 (b): "the subject name") */
    if (c->subject.len > 2 &&
        (r = check_name(nc, GLASS_GN_DIR, c->subject.p, c->subject.len, why, cap)) != 0)
        return r;
    /* emailAddress attributes of the subject count as rfc822Names (6.1.3
     * (b) and 4.2.1.10's "legacy implementations" note) */
    glass_der d, names;
    glass_der_init(&d, c->subject.p, c->subject.len);
    glass_der_enter(&d, GLASS_DER_SEQUENCE, &names);
    while (glass_der_more(&names)) {
        glass_der rdn;
        glass_der_enter(&names, GLASS_DER_SET, &rdn);
        while (glass_der_more(&rdn)) {
            glass_der atv;
            glass_der_tlv oid, v;
            glass_der_enter(&rdn, GLASS_DER_SEQUENCE, &atv);
            glass_der_oid(&atv, &oid);
            glass_der_next(&atv, &v);
            glass_der_close(&rdn, &atv);
            if (glass_der_ok(&rdn) && glass_der_oid_eq(&oid, OID_AT_EMAIL, sizeof OID_AT_EMAIL) &&
                (r = check_name(nc, GLASS_GN_RFC822, v.val, v.len, why, cap)) != 0)
                return r;
        }
        glass_der_close(&names, &rdn);
    }
    /* every subjectAltName entry */
    size_t pos = 0;
    int tag;
    glass_bytes v;
    while (glass_x509_san_next(c, &pos, &tag, &v) == 1) {
        if (tag == GLASS_GN_DIR) {
            /* [4] EXPLICIT Name: the contents are the Name TLV */
            if ((r = check_name(nc, GLASS_GN_DIR, v.p, v.len, why, cap)) != 0)
                return r;
        } else if ((r = check_name(nc, (unsigned)tag, v.p, v.len, why, cap)) != 0) {
            return r;
        }
    }
    if (check_cn) {
        char cn[256];
        if (glass_x509_subject_cn(c, cn, sizeof cn) == 0 &&
            (r = check_name(nc, GLASS_GN_DNS, (const uint8_t *)cn, strlen(cn), why, cap)) != 0)
            return r;
    }
    return 0;
}

void glass_x509_nc_text(const glass_x509_cert *ca, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    if (!(ca->ext_present & GLASS_EXT_NAME_CONSTRAINTS)) {
        snprintf(out, cap, "none");
        return;
    }
    glass_der d;
    glass_der_init(&d, ca->name_constraints.p, ca->name_constraints.len);
    while (glass_der_more(&d) && len < cap) {
        glass_der_tlv t;
        glass_der list;
        glass_der_next(&d, &t);
        int excluded = (t.tag & 0x1f) == 1;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "; " : "",
                                excluded ? "excluded " : "permitted ");
        glass_der_open(&d, &t, &list);
        int first = 1;
        while (glass_der_more(&list) && len < cap) {
            glass_der st;
            glass_der_tlv b;
            char one[256];
            glass_der_enter(&list, GLASS_DER_SEQUENCE, &st);
            glass_der_next(&st, &b);
            glass_der_close(&list, &st);
            gn_text(b.tag & 0x1f, b.val, b.len, one, sizeof one);
            if (b.tag == (GLASS_DER_CONTEXT | 2) && b.len == 0)
                snprintf(one, sizeof one, "DNS:\"\" (every DNS name)");
            len += (size_t)snprintf(out + len, cap - len, "%s%s", first ? "" : ", ", one);
            first = 0;
        }
        glass_der_close(&d, &list);
    }
}

void glass_x509_name_constraints_string(const glass_x509_cert *c, char *out, size_t cap)
{
    if (c == NULL || out == NULL || cap == 0)
        return;
    glass_x509_nc_text(c, out, cap);
}
