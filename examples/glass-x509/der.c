/*
 * der.c — `glass-x509 show --der FILE`: the DER of each certificate as the
 * tree of TLVs it is (X.690 8.1: identifier, length, contents), one line
 * per element, with what a student needs to find each byte:
 *
 *     offset:d=depth  hl=header length l=contents length  cons|prim: tag
 *
 * (the layout `openssl asn1parse -i` uses, so the two can be compared),
 * then the field of RFC 5280 4.1 the element is (tbsCertificate,
 * serialNumber, validity, ...) and, for a primitive, its value: the name
 * of an OID, a string, a time, a short INTEGER or a byte count.  Like
 * asn1parse, the contents of a BIT STRING or OCTET STRING (the public key,
 * an extension's value) are shown as bytes, not walked.
 *
 * The walk is strict DER and bounded: definite lengths only, in their
 * shortest form, every element inside its parent, at most MAX_DEPTH
 * levels.  The first error stops it with its offset.  It reads the bytes
 * itself (examples use the public API only; the library's DER reader is
 * internal), and names OIDs from a short table of its own.
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/x509.h"
#include "glass-x509.h"

#define MAX_DEPTH 32

/* OIDs of certificates (RFC 5280, RFC 4055, RFC 5480, RFC 8410). */
static const struct { const char *dotted, *name; } oid_names[] = {
    { "1.2.840.113549.1.1.1", "rsaEncryption" },
    { "1.2.840.113549.1.1.5", "sha1WithRSAEncryption" },
    { "1.2.840.113549.1.1.10", "RSASSA-PSS" },
    { "1.2.840.113549.1.1.11", "sha256WithRSAEncryption" },
    { "1.2.840.113549.1.1.12", "sha384WithRSAEncryption" },
    { "1.2.840.113549.1.1.13", "sha512WithRSAEncryption" },
    { "1.2.840.113549.1.9.1", "emailAddress" },
    { "1.2.840.10045.2.1", "id-ecPublicKey" },
    { "1.2.840.10045.3.1.7", "prime256v1 (P-256)" },
    { "1.3.132.0.34", "secp384r1 (P-384)" },
    { "1.2.840.10045.4.3.2", "ecdsa-with-SHA256" },
    { "1.2.840.10045.4.3.3", "ecdsa-with-SHA384" },
    { "1.3.101.110", "X25519" },
    { "1.3.101.112", "Ed25519" },
    { "2.5.4.3", "commonName" },
    { "2.5.4.5", "serialNumber" },
    { "2.5.4.6", "countryName" },
    { "2.5.4.7", "localityName" },
    { "2.5.4.8", "stateOrProvinceName" },
    { "2.5.4.10", "organizationName" },
    { "2.5.4.11", "organizationalUnitName" },
    { "2.5.29.14", "subjectKeyIdentifier" },
    { "2.5.29.15", "keyUsage" },
    { "2.5.29.17", "subjectAltName" },
    { "2.5.29.19", "basicConstraints" },
    { "2.5.29.30", "nameConstraints" },
    { "2.5.29.31", "cRLDistributionPoints" },
    { "2.5.29.32", "certificatePolicies" },
    { "2.5.29.35", "authorityKeyIdentifier" },
    { "2.5.29.37", "extKeyUsage" },
    { "1.3.6.1.5.5.7.1.1", "authorityInfoAccess" },
    { "1.3.6.1.5.5.7.3.1", "serverAuth" },
    { "1.3.6.1.5.5.7.3.2", "clientAuth" },
};

/* One element's header, read at off within [off, end). */
typedef struct tlv {
    size_t off, hl, len;
    unsigned cls;              /* 0 universal, 1 application, 2 context, 3 private */
    int cons;
    unsigned long number;      /* the tag number */
} tlv;

typedef struct walk {
    const uint8_t *p;
    size_t errors_at;          /* offset of the first error */
    const char *error;         /* NULL, or what was wrong */
} walk;

static int fail(walk *w, size_t off, const char *why)
{
    if (w->error == NULL) {
        w->error = why;
        w->errors_at = off;
    }
    return -1;
}

/* X.690 8.1.2 (identifier) and 8.1.3 (length), with the DER rules of
 * X.690 10.1 (definite, shortest length form). */
static int read_header(walk *w, size_t off, size_t end, tlv *t)
{
    const uint8_t *p = w->p;
    size_t i = off;
    if (i >= end)
        return fail(w, off, "an element is cut off before its tag");
    t->off = off;
    t->cls = p[i] >> 6;
    t->cons = (p[i] & 0x20) != 0;
    t->number = p[i] & 0x1f;
    i++;
    if (t->number == 0x1f) {                   /* high tag number form, 8.1.2.4 */
        t->number = 0;
        for (int k = 0;; k++) {
            if (i >= end)
                return fail(w, off, "a tag number is cut off");
            if (k == 0 && p[i] == 0x80)
                return fail(w, i, "a tag number has a leading zero digit (not DER)");
            if (k == 4)
                return fail(w, off, "a tag number longer than 4 bytes");
            t->number = t->number << 7 | (p[i] & 0x7f);
            if (!(p[i++] & 0x80))
                break;
        }
        if (t->number < 31)
            return fail(w, off, "a tag number below 31 in the long form (not DER)");
    }
    if (i >= end)
        return fail(w, off, "an element is cut off before its length");
    size_t at = i;                             /* the first length byte */
    uint8_t b = p[i++];
    if (b < 0x80) {
        t->len = b;
    } else if (b == 0x80) {
        return fail(w, i - 1, "an indefinite length (BER, not DER)");
    } else {
        size_t n = b & 0x7f;
        if (n > 4)
            return fail(w, i - 1, "a length of more than 4 bytes");
        if (end - i < n)
            return fail(w, i - 1, "a length is cut off");
        if (p[i] == 0)
            return fail(w, i, "a length with a leading zero byte (not DER)");
        t->len = 0;
        for (size_t k = 0; k < n; k++)
            t->len = t->len << 8 | p[i++];
        if (t->len < 0x80)
            return fail(w, at, "a length below 128 in the long form (not DER)");
    }
    t->hl = i - off;
    if (t->len > end - i)
        return fail(w, off, "an element runs past the end of the one that holds it");
    return 0;
}

static const char *universal_name(unsigned long n)
{
    switch (n) {
    case 1: return "BOOLEAN";
    case 2: return "INTEGER";
    case 3: return "BIT STRING";
    case 4: return "OCTET STRING";
    case 5: return "NULL";
    case 6: return "OBJECT IDENTIFIER";
    case 10: return "ENUMERATED";
    case 12: return "UTF8String";
    case 16: return "SEQUENCE";
    case 17: return "SET";
    case 19: return "PrintableString";
    case 20: return "T61String";
    case 22: return "IA5String";
    case 23: return "UTCTime";
    case 24: return "GeneralizedTime";
    case 26: return "VisibleString";
    case 28: return "UniversalString";
    case 30: return "BMPString";
    default: return NULL;
    }
}

static void tag_name(const tlv *t, char *out, size_t cap)
{
    static const char *const cls[] = { "UNIVERSAL ", "APPLICATION ", "", "PRIVATE " };
    const char *u = t->cls == 0 ? universal_name(t->number) : NULL;
    if (u != NULL)
        snprintf(out, cap, "%s", u);
    else
        snprintf(out, cap, "[%s%lu]", cls[t->cls], t->number);
}

/* Which field of RFC 5280 4.1 a child is, from its parent's field, its
 * position among its siblings (universal ones only, for tbsCertificate,
 * whose optional fields are context-tagged) and its tag; NULL when the
 * walk does not know. */
static const char *field_name(const char *parent, int depth, size_t idx, size_t uidx,
                              const tlv *t)
{
    static const char *const cert[] = { "tbsCertificate", "signatureAlgorithm",
                                        "signatureValue" };
    static const char *const tbs[] = { "serialNumber", "signature", "issuer", "validity",
                                       "subject", "subjectPublicKeyInfo" };
    if (parent == NULL)
        return depth == 0 && idx == 0 ? "Certificate" : NULL;
    if (strcmp(parent, "Certificate") == 0)
        return idx < 3 ? cert[idx] : NULL;
    if (strcmp(parent, "tbsCertificate") == 0) {
        if (t->cls == 2) {
            static const char *const opt[] = { "version", "issuerUniqueID", "subjectUniqueID",
                                               "extensions" };
            return t->number < 4 ? opt[t->number] : NULL;
        }
        return uidx < 6 ? tbs[uidx] : NULL;
    }
    if (strcmp(parent, "validity") == 0)
        return idx == 0 ? "notBefore" : idx == 1 ? "notAfter" : NULL;
    if (strcmp(parent, "subjectPublicKeyInfo") == 0)
        return idx == 0 ? "algorithm" : idx == 1 ? "subjectPublicKey" : NULL;
    if (strcmp(parent, "signature") == 0 || strcmp(parent, "signatureAlgorithm") == 0 ||
        strcmp(parent, "algorithm") == 0)
        return idx == 0 ? "algorithm" : idx == 1 ? "parameters" : NULL;
    if (strcmp(parent, "issuer") == 0 || strcmp(parent, "subject") == 0)
        return "RelativeDistinguishedName";
    if (strcmp(parent, "RelativeDistinguishedName") == 0)
        return "AttributeTypeAndValue";
    if (strcmp(parent, "AttributeTypeAndValue") == 0)
        return idx == 0 ? "type" : idx == 1 ? "value" : NULL;
    if (strcmp(parent, "version") == 0)
        return "version";
    if (strcmp(parent, "extensions") == 0)
        return "Extensions";
    if (strcmp(parent, "Extensions") == 0)
        return "Extension";
    if (strcmp(parent, "Extension") == 0) {
        if (idx == 0)
            return "extnID";
        return t->cls == 0 && t->number == 1 ? "critical" : "extnValue";
    }
    return NULL;
}

static void hex_bytes(const uint8_t *p, size_t n, size_t show, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && i < show && k + 4 < cap; i++)
        k += (size_t)snprintf(out + k, cap - k, "%s%02x", i ? " " : "", p[i]);
    if (n > show)
        snprintf(out + k, cap - k, " ... (%zu bytes)", n);
}

/* A primitive's value, short. */
static void value_text(const tlv *t, const uint8_t *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (t->cls != 0) {
        hex_bytes(v, t->len, 16, out, cap);
        return;
    }
    char buf[200];
    switch (t->number) {
    case 1:
        snprintf(out, cap, "%s", t->len != 1 ? "(not one byte: invalid)" : v[0] == 0xff ? "TRUE"
                                 : v[0] == 0 ? "FALSE" : "(neither 00 nor ff: not DER)");
        break;
    case 2:
    case 10:
        hex_bytes(v, t->len, 20, buf, sizeof buf);
        if (t->len > 0 && t->len <= 7 && !(v[0] & 0x80)) {
            unsigned long long x = 0;
            for (size_t i = 0; i < t->len; i++)
                x = x << 8 | v[i];
            snprintf(out, cap, "%llu (%s)", x, buf);
        } else {
            snprintf(out, cap, "%s", buf);
        }
        break;
    case 3:
        if (t->len == 0) {
            snprintf(out, cap, "(empty: invalid)");
            break;
        }
        hex_bytes(v + 1, t->len - 1, 8, buf, sizeof buf);
        snprintf(out, cap, "%u unused bits, %zu bytes: %s", v[0], t->len - 1, buf);
        break;
    case 4:
        hex_bytes(v, t->len, 16, out, cap);
        break;
    case 6: {
        glass_bytes b = { v, t->len };
        char dotted[128];
        if (glass_x509_oid_string(&b, dotted, sizeof dotted) == NULL || dotted[0] == '\0') {
            snprintf(out, cap, "(malformed OID)");
            break;
        }
        const char *name = NULL;
        for (size_t i = 0; i < sizeof oid_names / sizeof oid_names[0]; i++)
            if (strcmp(oid_names[i].dotted, dotted) == 0)
                name = oid_names[i].name;
        if (name != NULL)
            snprintf(out, cap, "%s (%.100s)", name, dotted);
        else
            snprintf(out, cap, "%.120s", dotted);
        break;
    }
    case 12: case 19: case 20: case 22: case 23: case 24: case 26: {
        size_t n = 0;
        buf[n++] = '"';
        for (size_t i = 0; i < t->len && n + 5 < sizeof buf && i < 64; i++)
            buf[n++] = v[i] >= 0x20 && v[i] < 0x7f ? (char)v[i] : '?';
        if (t->len > 64)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "...");
        buf[n++] = '"';
        buf[n] = '\0';
        snprintf(out, cap, "%s", buf);
        break;
    }
    case 5:
        if (t->len != 0)
            snprintf(out, cap, "(not empty: invalid)");
        break;
    default:
        hex_bytes(v, t->len, 16, out, cap);
        break;
    }
}

/* The elements in [off, end) at depth, children of the field parent. */
static int walk_level(walk *w, size_t off, size_t end, int depth, const char *parent)
{
    if (depth > MAX_DEPTH)
        return fail(w, off, "more than 32 levels of nesting");
    size_t idx = 0, uidx = 0;
    while (off < end) {
        tlv t;
        if (read_header(w, off, end, &t) != 0)
            return -1;
        char tag[48], val[256] = "", line[400];
        tag_name(&t, tag, sizeof tag);
        const char *field = field_name(parent, depth, idx, uidx, &t);
        if (!t.cons)
            value_text(&t, w->p + off + t.hl, val, sizeof val);
        if (!t.cons && field != NULL && strcmp(field, "version") == 0 && t.len == 1 &&
            w->p[off + t.hl] < 3)                  /* RFC 5280 4.1.2.1: v1(0), v2(1), v3(2) */
            snprintf(val + strlen(val), sizeof val - strlen(val), ", that is v%u",
                     w->p[off + t.hl] + 1u);
        snprintf(line, sizeof line, "%5zu:d=%-2d hl=%zu l=%4zu %s: %*s%s", off, depth, t.hl,
                 t.len, t.cons ? "cons" : "prim", 2 * depth, "", tag);
        printf("%-62s %s%s%s\n", line, field ? field : "", field && val[0] ? ": " : "", val);
        if (t.cons && walk_level(w, off + t.hl, off + t.hl + t.len, depth + 1, field) != 0)
            return -1;
        if (t.cls == 0)
            uidx++;
        idx++;
        off += t.hl + t.len;
    }
    return 0;
}

int der_walk(const uint8_t *der, size_t len, unsigned index)
{
    walk w = { der, 0, NULL };
    printf("Certificate %u: %zu bytes of DER (offset:d=depth hl=header length l=contents "
           "length)\n", index, len);
    if (len == 0)
        fail(&w, 0, "no bytes");
    else
        walk_level(&w, 0, len, 0, NULL);
    if (w.error != NULL) {
        printf("  malformed DER at byte %zu: %s\n\n", w.errors_at, w.error);
        return -1;
    }
    printf("\n");
    return 0;
}
