/*
 * html_rows.c — the rows of the handshake page (html_rows.h): escaping,
 * one field, one code point, and the extension bodies glasstls does not
 * read, decoded for the page only, one level deep, so the code points
 * inside them (versions, groups, PSK modes, ALPN protocols, compression
 * algorithms, signature schemes) are named too.  Every read is checked
 * against the body's length through a small cursor.
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/fields.h"
#include "glasstls/iana.h"
#include "render/html_rows.h"

void glass_html_esc(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '<') fputs("&lt;", out);
        else if (c == '>') fputs("&gt;", out);
        else if (c == '&') fputs("&amp;", out);
        else if (c == '"') fputs("&quot;", out);
        else if (c < 0x20 || c >= 0x7f) fputc('?', out);   /* ASCII only: a peer chose these */
        else fputc(c, out);
    }
}

void glass_html_hex(FILE *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%02x", p[i]);
}

/* The bytes column: up to 16 bytes, spaced, then how many more. */
static void bytes_cell(FILE *out, const uint8_t *p, size_t n)
{
    fputs("<td class=\"b\">", out);
    size_t show = n < 16 ? n : 16;
    for (size_t i = 0; i < show; i++)
        fprintf(out, "%s%02x", i ? " " : "", p[i]);
    if (n > show)
        fprintf(out, " &hellip; (%zu bytes)", n);
    fputs("</td>", out);
}

uint32_t glass_html_be(const uint8_t *p, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        v = v << 8 | p[i];
    return v;
}

/* One row of a message's table.  value and why are plain text (escaped
 * here); cls is the class of the value cell (NULL: none). */
void glass_html_row(glass_html_page *pg, int depth, size_t off, const uint8_t *p, size_t n, const char *name,
                const char *value, const char *cls, const char *section, const char *why)
{
    FILE *out = pg->out;
    fprintf(out, "<tr class=\"d%d\"><td class=\"o\">", depth > 4 ? 4 : depth);
    if (off != GLASS_HTML_NO_OFFSET)
        fprintf(out, "%04zx", off);
    fputs("</td>", out);
    bytes_cell(out, p, n);
    fputs("<td class=\"f\">", out);
    glass_html_esc(out, name);
    fputs("</td><td", out);
    if (cls != NULL)
        fprintf(out, " class=\"%s\"", cls);
    fputs(">", out);
    glass_html_esc(out, value);
    fputs("</td><td class=\"s\">", out);
    glass_html_esc(out, section ? section : "");
    fputs("</td><td class=\"w\">", out);
    glass_html_esc(out, why ? why : "");
    fputs("</td></tr>\n", out);
}

/* A code point: its name and what glasstls does with it, or "unknown". */
void glass_html_cp_row(glass_html_page *pg, int depth, size_t off, const uint8_t *p, size_t n, const char *name,
                   const char *section, glass_iana_registry reg)
{
    uint16_t v = (uint16_t)glass_html_be(p, n);
    const glass_iana_entry *e = glass_iana_lookup(reg, v);
    char value[160], why[400];
    if (e != NULL) {
        snprintf(value, sizeof value, n == 1 ? "0x%02x %s" : "0x%04x %s", v, e->name);
        snprintf(why, sizeof why, "%s (%s, %s)", e->glass, glass_iana_registry_name(reg), e->ref);
    } else {
        snprintf(value, sizeof value, n == 1 ? "0x%02x unknown" : "0x%04x unknown", v);
        snprintf(why, sizeof why, "Not in glasstls's copy of the %s registry; ignored.",
                 glass_iana_registry_name(reg));
    }
    glass_html_row(pg, depth, off, p, n, name, value, e != NULL ? "cp" : "cp cp-unknown", section, why);
}

/* A small bounds-checked cursor over an extension body (page only). */
typedef struct cur {
    const uint8_t *p;
    size_t n, pos, base;           /* base: offset of p[0] in the message */
    int bad;
} cur;

static int need(cur *c, size_t k)
{
    if (c->bad || c->n - c->pos < k) {
        c->bad = 1;
        return 0;
    }
    return 1;
}

/* A length prefix of w bytes; returns the length, 0 on error (c->bad). */
static size_t len_row(glass_html_page *pg, cur *c, int depth, size_t w, const char *name, const char *sec)
{
    if (!need(c, w))
        return 0;
    size_t v = glass_html_be(c->p + c->pos, w);
    char val[32];
    snprintf(val, sizeof val, "%zu", v);
    glass_html_row(pg, depth, c->base + c->pos, c->p + c->pos, w, name, val, NULL, sec, NULL);
    c->pos += w;
    if (c->n - c->pos < v) {
        c->bad = 1;
        return 0;
    }
    return v;
}

/* A list of code points of w bytes each, end at c->pos + len. */
static void cp_list(glass_html_page *pg, cur *c, int depth, size_t len, size_t w, const char *name,
                    const char *sec, glass_iana_registry reg)
{
    size_t end = c->pos + len;
    while (!c->bad && c->pos + w <= end) {
        glass_html_cp_row(pg, depth, c->base + c->pos, c->p + c->pos, w, name, sec, reg);
        c->pos += w;
    }
    if (c->pos != end)
        c->bad = 1;
}

static void opaque_row(glass_html_page *pg, cur *c, int depth, size_t len, const char *name, const char *sec)
{
    if (len == 0 || !need(c, len))
        return;
    char val[48];
    snprintf(val, sizeof val, "%zu bytes", len);
    glass_html_row(pg, depth, c->base + c->pos, c->p + c->pos, len, name, val, NULL, sec, NULL);
    c->pos += len;
}

/* ALPN and ALPS: ProtocolNameList (RFC 7301 3.1). */
static void protocol_list(glass_html_page *pg, cur *c, int depth, const char *sec)
{
    size_t total = len_row(pg, c, depth, 2, "protocol_name_list length", sec);
    size_t end = c->pos + total;
    while (!c->bad && c->pos < end) {
        size_t n = len_row(pg, c, depth, 1, "ProtocolName length", sec);
        if (c->bad || n == 0 || c->pos + n > end) {
            c->bad = 1;
            break;
        }
        const glass_iana_entry *e = glass_iana_alpn(c->p + c->pos, n);
        char val[300], why[400];
        size_t k = 0;
        val[k++] = '"';
        for (size_t i = 0; i < n && k + 20 < sizeof val; i++)
            val[k++] = c->p[c->pos + i] >= 0x20 && c->p[c->pos + i] < 0x7f ? (char)c->p[c->pos + i] : '?';
        snprintf(val + k, sizeof val - k, "\"%s%s", e == NULL ? " unknown" : "",
                 e != NULL && strcmp(e->name, "GREASE") == 0 ? " GREASE" : "");
        snprintf(why, sizeof why, "%s", e ? e->glass : "Not in glasstls's copy of the ALPN Protocol IDs registry; ignored.");
        glass_html_row(pg, depth, c->base + c->pos, c->p + c->pos, n, "ProtocolName", val,
            e ? "cp" : "cp cp-unknown", "RFC 7301 3.1", why);
        c->pos += n;
    }
}

/* A relative OID (X.690 8.20: arcs in base 128, high bit = more) as
 * dotted text, or "(malformed)". */
static void relative_oid(const uint8_t *p, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    uint32_t arc = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (arc > (UINT32_MAX >> 7) || (arc == 0 && p[i] == 0x80)) {
            snprintf(out, cap, "(malformed)");
            return;
        }
        arc = arc << 7 | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            int k = snprintf(out + o, cap - o, "%s%lu", o ? "." : "", (unsigned long)arc);
            if (k < 0 || (size_t)k >= cap - o)
                return;
            o += (size_t)k;
            arc = 0;
        }
    }
    if (n == 0 || (p[n - 1] & 0x80))
        snprintf(out, cap, "(malformed)");
}

/* Decodes, for the page, the body of an extension glasstls does not read. */
void glass_html_ext_body(glass_html_page *pg, uint16_t type, const uint8_t *p, size_t n, size_t base, int depth)
{
    cur c = { p, n, 0, base, 0 };
    size_t len;
    switch (type) {
    case 43:                        /* supported_versions, RFC 8446 4.2.1 */
        if (n == 2) {
            glass_html_cp_row(pg, depth, base, p, 2, "selected_version", "RFC 8446 4.2.1", GLASS_IANA_VERSION);
            return;
        }
        len = len_row(pg, &c, depth, 1, "versions length", "RFC 8446 4.2.1");
        cp_list(pg, &c, depth, len, 2, "ProtocolVersion", "RFC 8446 4.2.1", GLASS_IANA_VERSION);
        break;
    case 51: {                      /* key_share (ClientHello), RFC 8446 4.2.8 */
        size_t total = len_row(pg, &c, depth, 2, "client_shares length", "RFC 8446 4.2.8");
        size_t end = c.pos + total;
        while (!c.bad && c.pos < end) {
            if (!need(&c, 2))
                break;
            glass_html_cp_row(pg, depth, base + c.pos, p + c.pos, 2, "KeyShareEntry group", "RFC 8446 4.2.8",
                   GLASS_IANA_GROUP);
            c.pos += 2;
            len = len_row(pg, &c, depth, 2, "key_exchange length", "RFC 8446 4.2.8");
            opaque_row(pg, &c, depth, len, "key_exchange (a TLS 1.3 public key share)",
                       "RFC 8446 4.2.8");
        }
        break;
    }
    case 45:                        /* psk_key_exchange_modes, RFC 8446 4.2.9 */
        len = len_row(pg, &c, depth, 1, "ke_modes length", "RFC 8446 4.2.9");
        cp_list(pg, &c, depth, len, 1, "PskKeyExchangeMode", "RFC 8446 4.2.9", GLASS_IANA_PSK_MODE);
        break;
    case 27:                        /* compress_certificate, RFC 8879 3 */
        len = len_row(pg, &c, depth, 1, "algorithms length", "RFC 8879 3");
        cp_list(pg, &c, depth, len, 2, "CertificateCompressionAlgorithm", "RFC 8879 3",
                GLASS_IANA_CERT_COMPRESSION);
        break;
    case 50:                        /* signature_algorithms_cert, RFC 8446 4.2.3 */
    case 34:                        /* delegated_credential, RFC 9345 4.1.1 */
        len = len_row(pg, &c, depth, 2, "supported_signature_algorithms length",
                      type == 50 ? "RFC 8446 4.2.3" : "RFC 9345 4.1.1");
        cp_list(pg, &c, depth, len, 2, "SignatureScheme", type == 50 ? "RFC 8446 4.2.3" : "RFC 9345 4.1.1",
                GLASS_IANA_SIGALG);
        break;
    case 16:                        /* ALPN, RFC 7301 3.1 */
        protocol_list(pg, &c, depth, "RFC 7301 3.1");
        break;
    case 17513:
    case 17613:                     /* application_settings: the ALPN protocols */
        protocol_list(pg, &c, depth, "draft-vvv-tls-alps");
        break;
    case 5:                         /* status_request, RFC 6066 8 */
        if (!need(&c, 1))
            break;
        glass_html_cp_row(pg, depth, base, p, 1, "CertificateStatusType status_type", "RFC 6066 8",
               GLASS_IANA_CERT_STATUS);
        c.pos = 1;
        len = len_row(pg, &c, depth, 2, "responder_id_list length", "RFC 6066 8");
        opaque_row(pg, &c, depth, len, "responder_id_list", "RFC 6066 8");
        len = len_row(pg, &c, depth, 2, "request_extensions length", "RFC 6066 8");
        opaque_row(pg, &c, depth, len, "request_extensions", "RFC 6066 8");
        break;
    case 51764: {                   /* trust_anchors: TrustAnchorIDList */
        size_t total = len_row(pg, &c, depth, 2, "trust_anchors length", "draft-ietf-tls-trust-anchor-ids");
        size_t end = c.pos + total;
        while (!c.bad && c.pos < end) {
            len = len_row(pg, &c, depth, 1, "TrustAnchorID length", "draft-ietf-tls-trust-anchor-ids");
            if (len == 0 || c.pos + len > end) {
                c.bad = 1;
                break;
            }
            char oid[96];
            relative_oid(c.p + c.pos, len, oid, sizeof oid);
            glass_html_row(pg, depth, c.base + c.pos, c.p + c.pos, len, "TrustAnchorID (a relative OID naming a CA)",
                oid, NULL, "draft-ietf-tls-trust-anchor-ids", NULL);
            c.pos += len;
        }
        break;
    }
    case 28:                        /* record_size_limit, RFC 8449 4 */
        if (n == 2) {
            char val[24];
            snprintf(val, sizeof val, "%u", (unsigned)glass_html_be(p, 2));
            glass_html_row(pg, depth, base, p, 2, "RecordSizeLimit", val, NULL, "RFC 8449 4", NULL);
            c.pos = 2;
        } else {
            c.bad = 1;
        }
        break;
    case 65037:                     /* encrypted_client_hello (outer), draft-ietf-tls-esni 5 */
        if (!need(&c, 1) || p[0] != 0)
            break;
        glass_html_row(pg, depth, base, p, 1, "ECHClientHelloType type", "0 outer", NULL, "draft-ietf-tls-esni 5", NULL);
        c.pos = 1;
        if (!need(&c, 5))
            break;
        {
            char val[64];
            uint16_t kdf = (uint16_t)glass_html_be(p + 1, 2), aead = (uint16_t)glass_html_be(p + 3, 2);
            snprintf(val, sizeof val, "0x%04x %s", kdf, kdf == 1 ? "HKDF-SHA256" : kdf == 2 ? "HKDF-SHA384" : "");
            glass_html_row(pg, depth, base + 1, p + 1, 2, "HpkeKdfId kdf_id", val, NULL, "RFC 9180 7.2", NULL);
            snprintf(val, sizeof val, "0x%04x %s", aead, aead == 1 ? "AES-128-GCM" : aead == 2 ? "AES-256-GCM" : aead == 3 ? "ChaCha20Poly1305" : "");
            glass_html_row(pg, depth, base + 3, p + 3, 2, "HpkeAeadId aead_id", val, NULL, "RFC 9180 7.3", NULL);
            snprintf(val, sizeof val, "%u", p[5]);
            glass_html_row(pg, depth, base + 5, p + 5, 1, "config_id", val, NULL, "draft-ietf-tls-esni 5", NULL);
        }
        c.pos = 6;
        len = len_row(pg, &c, depth, 2, "enc length", "draft-ietf-tls-esni 5");
        opaque_row(pg, &c, depth, len, "enc (HPKE encapsulated key)", "draft-ietf-tls-esni 5");
        len = len_row(pg, &c, depth, 2, "payload length", "draft-ietf-tls-esni 5");
        opaque_row(pg, &c, depth, len, "payload (the encrypted inner ClientHello, or random bytes from a client without an ECH key: GREASE ECH)",
                   "draft-ietf-tls-esni 5");
        break;
    default:
        return;                     /* shown as bytes by the caller's row */
    }
    if (c.bad || c.pos != c.n)
        glass_html_row(pg, depth, base, p, 0, "(the page could not decode this body)", "", NULL, "", NULL);
}
