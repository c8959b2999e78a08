/*
 * hostname.c — does the server certificate name the host we asked for?
 * RFC 6125 section 6 (with the RFC 9525 simplifications):
 *
 *   - a DNS host name is compared with the subjectAltName dNSName entries,
 *     ASCII case-insensitively (6.4.1); one trailing dot on the host is
 *     ignored (it is the same absolute name);
 *   - a wildcard is accepted only as the whole left-most label ("*.a.b"),
 *     matches exactly one non-empty label, and never stands over a
 *     single-label remainder ("*.com", "*.test" never match) (6.4.3);
 *     partial wildcards ("w*.a.b") and wildcards elsewhere never match;
 *   - an IP literal (IPv4 dotted quad, IPv6 text) is compared only with
 *     iPAddress entries, byte for byte, never with DNS names or the CN;
 *   - the subject CN is never used (RFC 9525 section 6.3, the CA/B
 *     Forum): only with GLASS_X509_LEGACY_CN_FALLBACK, for old private
 *     PKIs, and then only when there is no subjectAltName at all (RFC 6125
 *     6.4.4).
 * glass_x509_dns_name_check() is the syntax a server certificate's
 * dNSName must have (verify.c applies it to the leaf).
 */
#include "glasstls/x509.h"

#include <arpa/inet.h>
#include <string.h>
#include "glasstls/err.h"
#include "x509/asn1.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* A host name we are willing to match: LDH labels separated by dots,
 * no empty label, nothing else. */
static int valid_host(const char *h, size_t n)
{
    if (n == 0 || n > 253)
        return 0;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
        if (++label > 63)
            return 0;
    }
    return label != 0;
}

/* Public suffixes of more than one label that a wildcard must not stand
 * over.  glasstls ships no copy of the Public Suffix List (it changes
 * weekly and is large); instead a wildcard needs at least two labels after
 * "*." (so "*.com" is out) and the two-label remainders below, the common
 * country-code second levels, are refused too.  A wildcard over a rarer
 * suffix is not caught here: docs/certificates.md says so. */
static const char *const two_label_suffixes[] = {
    "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
    "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz",
    "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "co.in", "net.in",
    "org.in", "co.za", "org.za", "com.br", "net.br", "org.br", "com.cn", "net.cn",
    "org.cn", "gov.cn", "com.mx", "com.tr", "com.tw", "com.hk", "com.sg", "co.il",
    "com.ar", "co.id", "or.id", "com.my", "com.ph", "com.pl", "co.th", "in.th",
    "com.ua", "co.ua", "com.vn", "com.eg", "com.sa", "com.pk", "com.ng", "co.ke",
    "github.io", "gitlab.io", "blogspot.com", "herokuapp.com", "appspot.com",
    "cloudfront.net", "azurewebsites.net", "netlify.app", "vercel.app", "pages.dev",
};

static int public_suffix(const char *p, size_t n)
{
    if (memchr(p, '.', n) == NULL)            /* one label: "com", "localhost" */
        return 1;
    for (size_t i = 0; i < sizeof two_label_suffixes / sizeof two_label_suffixes[0]; i++)
        if (strlen(two_label_suffixes[i]) == n && ieq(p, two_label_suffixes[i], n))
            return 1;
    return 0;
}

int glass_x509_dns_match(const char *pattern, size_t plen, const char *host)
{
    if (pattern == NULL || host == NULL)
        return 0;
    size_t hlen = strlen(host);
    if (hlen > 0 && host[hlen - 1] == '.')   /* absolute form of the same name */
        hlen--;
    if (plen > 0 && pattern[plen - 1] == '.')
        plen--;
    if (!valid_host(host, hlen))
        return 0;
    if (plen >= 2 && pattern[0] == '*' && pattern[1] == '.') {
        const char *rest = pattern + 1;                 /* ".a.b" */
        size_t rlen = plen - 1;
        /* the remainder must itself be a valid name of two labels or more,
         * and not a public suffix ("*.co.uk") */
        if (!valid_host(rest + 1, rlen - 1) || public_suffix(rest + 1, rlen - 1))
            return 0;
        const char *dot = memchr(host, '.', hlen);
        if (dot == NULL || dot == host)                 /* one non-empty label */
            return 0;
        size_t tail = hlen - (size_t)(dot - host);
        return tail == rlen && ieq(dot, rest, rlen);
    }
    if (!valid_host(pattern, plen))                     /* '*' elsewhere etc. */
        return 0;
    return plen == hlen && ieq(pattern, host, hlen);
}

/* "*.rest" with rest a public suffix, which would name host if wildcards
 * were allowed there. */
static int forbidden_wildcard_would_match(const char *pattern, size_t plen, const char *host)
{
    size_t hlen = strlen(host);
    if (hlen > 0 && host[hlen - 1] == '.')
        hlen--;
    if (plen < 3 || pattern[0] != '*' || pattern[1] != '.' || !valid_host(host, hlen) ||
        !public_suffix(pattern + 2, plen - 2))
        return 0;
    const char *dot = memchr(host, '.', hlen);
    if (dot == NULL || dot == host)
        return 0;
    size_t tail = hlen - (size_t)(dot - host) - 1;
    return tail == plen - 2 && ieq(dot + 1, pattern + 2, tail);
}

/* Parses an IP literal; returns its length (4 or 16) or 0 if host is not one. */
static size_t ip_literal(const char *host, uint8_t out[16])
{
    char buf[64];
    size_t n = strlen(host);
    if (n >= sizeof(buf))
        return 0;
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {   /* URL form [::1] */
        memcpy(buf, host + 1, n - 2);
        buf[n - 2] = '\0';
    } else {
        memcpy(buf, host, n + 1);
    }
    if (inet_pton(AF_INET, buf, out) == 1)
        return 4;
    if (inet_pton(AF_INET6, buf, out) == 1)
        return 16;
    return 0;
}

int glass_x509_is_ip_literal(const char *host)
{
    uint8_t ip[16];
    return host != NULL && ip_literal(host, ip) != 0;
}

int glass_x509_check_host(const glass_x509_cert *c, const char *host)
{
    return glass_x509_check_host_flags(c, host, 0);
}

int glass_x509_check_host_flags(const glass_x509_cert *c, const char *host, unsigned flags)
{
    if (c == NULL || host == NULL)
        return GLASS_E_INVALID_ARG;
    uint8_t ip[16];
    size_t ip_len = ip_literal(host, ip);
    int forbidden = 0;

    if (c->ext_present & GLASS_EXT_SAN) {
        glass_der d;
        glass_der_init(&d, c->san.p, c->san.len);
        while (glass_der_more(&d)) {
            glass_der_tlv g;
            if (glass_der_next(&d, &g) != 0)
                break;
            if (ip_len != 0 && g.tag == (GLASS_DER_CONTEXT | 7) && g.len == ip_len &&
                memcmp(g.val, ip, ip_len) == 0)
                return 0;
            if (ip_len == 0 && g.tag == (GLASS_DER_CONTEXT | 2)) {
                if (glass_x509_dns_match((const char *)g.val, g.len, host))
                    return 0;
                if (forbidden_wildcard_would_match((const char *)g.val, g.len, host))
                    forbidden = 1;
            }
        }
        /* say why, when only a wildcard over a public suffix would have
         * named the host ("*.localhost" for x.localhost) */
        return forbidden ? GLASS_E_CERT_WILDCARD : GLASS_E_CERT_HOSTNAME;
    }
    if (ip_len != 0 || !(flags & GLASS_X509_LEGACY_CN_FALLBACK))
        return GLASS_E_CERT_HOSTNAME;
    char cn[256];
    if (glass_x509_subject_cn(c, cn, sizeof(cn)) == 0 &&
        glass_x509_dns_match(cn, strlen(cn), host))
        return 0;
    return GLASS_E_CERT_HOSTNAME;
}

int glass_x509_san_next(const glass_x509_cert *c, size_t *pos, int *tag, glass_bytes *value)
{
    if (c == NULL || pos == NULL || tag == NULL || value == NULL || *pos >= c->san.len)
        return 0;
    glass_der d;
    glass_der_tlv g;
    glass_der_init(&d, c->san.p + *pos, c->san.len - *pos);
    if (glass_der_next(&d, &g) != 0)      /* checked at parse time; defensive */
        return 0;
    *pos += g.tlv_len;
    *tag = g.tag & 0x1f;
    value->p = g.val;
    value->len = g.len;
    return 1;
}

/* The syntax of a server certificate's dNSName (RFC 5280 4.2.1.6 "MUST
 * be in the preferred name syntax, as specified by Section 3.5 of
 * [RFC1034]", RFC 9525 6.3, BR 7.1.2.7.12): LDH labels; a '*' only as the
 * whole left-most label. */
int glass_x509_dns_name_check(const uint8_t *p, size_t n)
{
    if (p == NULL)
        return GLASS_E_INVALID_ARG;
    if (n >= 2 && p[0] == '*' && p[1] == '.') {
        p += 2;
        n -= 2;
    }
    if (memchr(p, '*', n) != NULL)          /* "w*.a.b", "a.*.b", "*" */
        return GLASS_E_CERT_WILDCARD;
    if (n == 0 || n > 253)
        return GLASS_E_CERT_DNS_SYNTAX;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '.') {
            if (label == 0 || p[i - 1] == '-')
                return GLASS_E_CERT_DNS_SYNTAX;
            label = 0;
            continue;
        }
        if (c == '-' && label == 0)          /* RFC 1034 3.5: no leading hyphen */
            return GLASS_E_CERT_DNS_SYNTAX;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-'))
            return GLASS_E_CERT_DNS_SYNTAX;  /* '_' included */
        if (++label > 63)
            return GLASS_E_CERT_DNS_SYNTAX;
    }
    if (label == 0 || p[n - 1] == '-')       /* trailing dot or hyphen */
        return GLASS_E_CERT_DNS_SYNTAX;
    return 0;
}
