/*
 * html.c — the handshake as a web page (glass_html_*, glasstls/trace.h).
 *
 * Two halves: the recorder (glass_html_observe) copies each handshake
 * message, its byte map (glasstls/fields.h) and, when asked, the secrets
 * into one buffer allocated up front, so a server can keep one per
 * connection at a known cost; the writer (glass_html_write) turns them
 * into one page of plain HTML and CSS: a box per message, client boxes
 * on the left and server boxes on the right, a table of fields in each
 * (offset, bytes, field, value, RFC section, why).  Every code point is
 * named from the IANA tables (lib/common/iana.c) with what glasstls does
 * with it; a value the tables do not hold is shown as "unknown" in a cell
 * of class "cp-unknown" (the browser test looks for those).
 *
 * The bodies of extensions glasstls does not read (most of what a browser
 * sends: TLS 1.3, ALPN, ECH, ...) are decoded here, for the page only, one
 * level deep: the lists of versions, groups, key shares, PSK modes, ALPN
 * protocols and compression algorithms, so those code points are named
 * too.  The decoding is bounds-checked; a body that does not parse is
 * shown as bytes, with a note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/fields.h"
#include "glasstls/handshake.h"
#include "glasstls/iana.h"
#include "glasstls/trace.h"

#define MAX_SECRETS 24

typedef struct html_msg {
    int from_server;
    int type;                      /* glass_hs_type */
    const uint8_t *data;           /* in the arena */
    size_t len;
    const glass_span *spans;       /* in the arena; NULL: no map */
    size_t n_spans;
    int echoed;                    /* its receipt by the other side was seen */
} html_msg;

typedef struct html_secret {
    int which;                     /* glass_trace_secret */
    int is_server;                 /* the side that derived it */
    int finished_server;           /* FINISHED_HASH: whose Finished */
    int ems;
    int both;                      /* the other side derived the same value */
    const uint8_t *data;           /* in the arena */
    size_t len;
} html_secret;

struct glass_html {
    int show_secrets;
    uint8_t *arena;
    size_t cap, used;
    html_msg msgs[GLASS_HTML_MAX_MESSAGES];
    size_t n_msgs;
    html_secret secrets[MAX_SECRETS];
    size_t n_secrets;
    int left_out;                  /* something did not fit */
};

int glass_html_new(glass_html **out, size_t max_bytes, int show_secrets)
{
    if (out == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_html *h = calloc(1, sizeof *h);
    if (max_bytes == 0)
        max_bytes = GLASS_HTML_DEFAULT_BYTES;
    if (h == NULL || (h->arena = malloc(max_bytes)) == NULL) {
        free(h);
        return GLASS_E_NO_MEMORY;
    }
    h->cap = max_bytes;
    h->show_secrets = show_secrets ? 1 : 0;
    *out = h;
    return 0;
}

void glass_html_free(glass_html *h)
{
    if (h == NULL)
        return;
    glass_wipe(h->arena, h->cap);      /* the secrets, when kept, live here */
    free(h->arena);
    glass_wipe(h, sizeof *h);
    free(h);
}

/* A copy of n bytes in the arena (8-byte aligned), or NULL when full. */
static void *keep(glass_html *h, const void *p, size_t n)
{
    size_t at = (h->used + 7u) & ~(size_t)7u;
    if (at > h->cap || h->cap - at < n) {
        h->left_out = 1;
        return NULL;
    }
    memcpy(h->arena + at, p, n);
    h->used = at + n;
    return h->arena + at;
}

static void observe_message(glass_html *h, const glass_trace_event *ev)
{
    if (ev->msg == NULL || ev->data == NULL)
        return;
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    /* both sides observed (glass-step): the receiver parses what the
     * sender reported earlier (a whole flight may lie in between) */
    for (size_t i = 0; !ev->sent && i < h->n_msgs; i++) {
        html_msg *sent = &h->msgs[i];
        if (!sent->echoed && sent->from_server == from_server &&
            sent->type == (int)ev->msg->type && sent->len == ev->len &&
            memcmp(sent->data, ev->data, ev->len) == 0) {
            sent->echoed = 1;
            return;
        }
    }
    if (h->n_msgs >= GLASS_HTML_MAX_MESSAGES) {
        h->left_out = 1;
        return;
    }
    html_msg *m = &h->msgs[h->n_msgs];
    m->data = keep(h, ev->data, ev->len);
    if (m->data == NULL)
        return;
    m->from_server = from_server;
    m->type = (int)ev->msg->type;
    m->len = ev->len;
    m->spans = NULL;
    m->n_spans = 0;
    m->echoed = 0;
    if (ev->spans != NULL && ev->n_spans > 0 &&
        glass_spans_check(ev->spans, ev->n_spans, ev->len) < 0) {
        m->spans = keep(h, ev->spans, ev->n_spans * sizeof ev->spans[0]);
        m->n_spans = m->spans != NULL ? ev->n_spans : 0;
    }
    h->n_msgs++;
}

static void observe_secret(glass_html *h, const glass_trace_event *ev)
{
    if (!h->show_secrets || ev->data == NULL || ev->len == 0)
        return;
    for (size_t i = 0; i < h->n_secrets; i++) {     /* the other side's same value */
        html_secret *s = &h->secrets[i];
        if (s->which == (int)ev->secret && s->len == ev->len &&
            memcmp(s->data, ev->data, ev->len) == 0) {
            s->both |= s->is_server != ev->is_server;
            return;
        }
    }
    if (h->n_secrets >= MAX_SECRETS) {
        h->left_out = 1;
        return;
    }
    html_secret *s = &h->secrets[h->n_secrets];
    s->data = keep(h, ev->data, ev->len);
    if (s->data == NULL)
        return;
    s->which = (int)ev->secret;
    s->is_server = ev->is_server;
    s->finished_server = ev->finished_server;
    s->ems = ev->ems;
    s->both = 0;
    s->len = ev->len;
    h->n_secrets++;
}

void glass_html_observe(void *ctx, const glass_trace_event *ev)
{
    glass_html *h = ctx;
    if (h == NULL || ev == NULL)
        return;
    if (ev->kind == GLASS_TRACE_MESSAGE)
        observe_message(h, ev);
    else if (ev->kind == GLASS_TRACE_SECRET)
        observe_secret(h, ev);
}

/* ------------------------------------------------------------ writing */

typedef struct page {
    FILE *out;
    const html_msg *m;
    unsigned char explained[GLASS_F_COUNT];   /* field's "why" already shown in this box */
} page;

static void esc(FILE *out, const char *s)
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

static void hex(FILE *out, const uint8_t *p, size_t n)
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

static uint32_t be(const uint8_t *p, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        v = v << 8 | p[i];
    return v;
}

/* One row of a message's table.  value and why are plain text (escaped
 * here); cls is the class of the value cell (NULL: none). */
static void row(page *pg, int depth, size_t off, const uint8_t *p, size_t n, const char *name,
                const char *value, const char *cls, const char *section, const char *why)
{
    FILE *out = pg->out;
    fprintf(out, "<tr class=\"d%d\"><td class=\"o\">%04zx</td>", depth > 4 ? 4 : depth, off);
    bytes_cell(out, p, n);
    fputs("<td class=\"f\">", out);
    esc(out, name);
    fputs("</td><td", out);
    if (cls != NULL)
        fprintf(out, " class=\"%s\"", cls);
    fputs(">", out);
    esc(out, value);
    fputs("</td><td class=\"s\">", out);
    esc(out, section ? section : "");
    fputs("</td><td class=\"w\">", out);
    esc(out, why ? why : "");
    fputs("</td></tr>\n", out);
}

/* A code point: its name and what glasstls does with it, or "unknown". */
static void cp_row(page *pg, int depth, size_t off, const uint8_t *p, size_t n, const char *name,
                   const char *section, glass_iana_registry reg)
{
    uint16_t v = (uint16_t)be(p, n);
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
    row(pg, depth, off, p, n, name, value, e != NULL ? "cp" : "cp cp-unknown", section, why);
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
static size_t len_row(page *pg, cur *c, int depth, size_t w, const char *name, const char *sec)
{
    if (!need(c, w))
        return 0;
    size_t v = be(c->p + c->pos, w);
    char val[32];
    snprintf(val, sizeof val, "%zu", v);
    row(pg, depth, c->base + c->pos, c->p + c->pos, w, name, val, NULL, sec, NULL);
    c->pos += w;
    if (c->n - c->pos < v) {
        c->bad = 1;
        return 0;
    }
    return v;
}

/* A list of code points of w bytes each, end at c->pos + len. */
static void cp_list(page *pg, cur *c, int depth, size_t len, size_t w, const char *name,
                    const char *sec, glass_iana_registry reg)
{
    size_t end = c->pos + len;
    while (!c->bad && c->pos + w <= end) {
        cp_row(pg, depth, c->base + c->pos, c->p + c->pos, w, name, sec, reg);
        c->pos += w;
    }
    if (c->pos != end)
        c->bad = 1;
}

static void opaque_row(page *pg, cur *c, int depth, size_t len, const char *name, const char *sec)
{
    if (len == 0 || !need(c, len))
        return;
    char val[48];
    snprintf(val, sizeof val, "%zu bytes", len);
    row(pg, depth, c->base + c->pos, c->p + c->pos, len, name, val, NULL, sec, NULL);
    c->pos += len;
}

/* ALPN and ALPS: ProtocolNameList (RFC 7301 3.1). */
static void protocol_list(page *pg, cur *c, int depth, const char *sec)
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
        row(pg, depth, c->base + c->pos, c->p + c->pos, n, "ProtocolName", val,
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
static void ext_body(page *pg, uint16_t type, const uint8_t *p, size_t n, size_t base, int depth)
{
    cur c = { p, n, 0, base, 0 };
    size_t len;
    switch (type) {
    case 43:                        /* supported_versions, RFC 8446 4.2.1 */
        if (n == 2) {
            cp_row(pg, depth, base, p, 2, "selected_version", "RFC 8446 4.2.1", GLASS_IANA_VERSION);
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
            cp_row(pg, depth, base + c.pos, p + c.pos, 2, "KeyShareEntry group", "RFC 8446 4.2.8",
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
        cp_row(pg, depth, base, p, 1, "CertificateStatusType status_type", "RFC 6066 8",
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
            row(pg, depth, c.base + c.pos, c.p + c.pos, len, "TrustAnchorID (a relative OID naming a CA)",
                oid, NULL, "draft-ietf-tls-trust-anchor-ids", NULL);
            c.pos += len;
        }
        break;
    }
    case 28:                        /* record_size_limit, RFC 8449 4 */
        if (n == 2) {
            char val[24];
            snprintf(val, sizeof val, "%u", (unsigned)be(p, 2));
            row(pg, depth, base, p, 2, "RecordSizeLimit", val, NULL, "RFC 8449 4", NULL);
            c.pos = 2;
        } else {
            c.bad = 1;
        }
        break;
    case 65037:                     /* encrypted_client_hello (outer), draft-ietf-tls-esni 5 */
        if (!need(&c, 1) || p[0] != 0)
            break;
        row(pg, depth, base, p, 1, "ECHClientHelloType type", "0 outer", NULL, "draft-ietf-tls-esni 5", NULL);
        c.pos = 1;
        if (!need(&c, 5))
            break;
        {
            char val[64];
            uint16_t kdf = (uint16_t)be(p + 1, 2), aead = (uint16_t)be(p + 3, 2);
            snprintf(val, sizeof val, "0x%04x %s", kdf, kdf == 1 ? "HKDF-SHA256" : kdf == 2 ? "HKDF-SHA384" : "");
            row(pg, depth, base + 1, p + 1, 2, "HpkeKdfId kdf_id", val, NULL, "RFC 9180 7.2", NULL);
            snprintf(val, sizeof val, "0x%04x %s", aead, aead == 1 ? "AES-128-GCM" : aead == 2 ? "AES-256-GCM" : aead == 3 ? "ChaCha20Poly1305" : "");
            row(pg, depth, base + 3, p + 3, 2, "HpkeAeadId aead_id", val, NULL, "RFC 9180 7.3", NULL);
            snprintf(val, sizeof val, "%u", p[5]);
            row(pg, depth, base + 5, p + 5, 1, "config_id", val, NULL, "draft-ietf-tls-esni 5", NULL);
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
        row(pg, depth, base, p, 0, "(the page could not decode this body)", "", NULL, "", NULL);
}

static const char *why_once(page *pg, int field, const glass_field_info *f)
{
    if (field <= 0 || field >= GLASS_F_COUNT || f == NULL || f->why == NULL)
        return NULL;
    if (pg->explained[field])
        return "(as above)";
    pg->explained[field] = 1;
    return f->why;
}

static glass_iana_registry registry_of(int kind)
{
    switch (kind) {
    case GLASS_FK_SUITE:        return GLASS_IANA_CIPHER_SUITE;
    case GLASS_FK_EXT_TYPE:     return GLASS_IANA_EXTENSION;
    case GLASS_FK_NAMED_GROUP:  return GLASS_IANA_GROUP;
    case GLASS_FK_SIGALG:       return GLASS_IANA_SIGALG;
    case GLASS_FK_VERSION:      return GLASS_IANA_VERSION;
    case GLASS_FK_COMPRESSION:  return GLASS_IANA_COMPRESSION;
    case GLASS_FK_POINT_FORMAT: return GLASS_IANA_POINT_FORMAT;
    default:                    return (glass_iana_registry)0;
    }
}

/* The fields of one message, from its byte map. */
static void map_rows(page *pg)
{
    const html_msg *m = pg->m;
    uint16_t ext_type = 0;
    for (size_t i = 0; i < m->n_spans; i++) {
        const glass_span *s = &m->spans[i];
        const glass_field_info *f = glass_field_get(s->field);
        const uint8_t *p = m->data + s->off;
        const char *name = f ? f->name : "?", *sec = f ? f->section : "";
        char value[300];
        if (s->group) {
            /* an extension: name it by the type in the next span */
            if (s->field == GLASS_F_EXT && i + 1 < m->n_spans &&
                m->spans[i + 1].field == GLASS_F_EXT_TYPE && m->spans[i + 1].len == 2) {
                uint16_t t = (uint16_t)be(m->data + m->spans[i + 1].off, 2);
                snprintf(value, sizeof value, "%s (%u), %u bytes",
                         glass_iana_name(GLASS_IANA_EXTENSION, t), t, (unsigned)s->len);
            } else {
                glass_field_value(s->field, p, s->len, value, sizeof value);
            }
            fprintf(pg->out, "<tr class=\"g d%d\"><td class=\"o\">%04x</td><td class=\"b\"></td>"
                               "<td class=\"f\" colspan=\"2\">", s->depth > 4 ? 4 : s->depth, (unsigned)s->off);
            esc(pg->out, name);
            fputs(": ", pg->out);
            esc(pg->out, value);
            fputs("</td><td class=\"s\">", pg->out);
            esc(pg->out, sec);
            fputs("</td><td class=\"w\">", pg->out);
            const char *w = why_once(pg, s->field, f);
            esc(pg->out, w ? w : "");
            fputs("</td></tr>\n", pg->out);
            continue;
        }
        glass_iana_registry reg = f ? registry_of(f->kind) : (glass_iana_registry)0;
        if (reg != 0 && (s->len == 1 || s->len == 2)) {
            if (s->field == GLASS_F_EXT_TYPE)
                ext_type = (uint16_t)be(p, 2);
            cp_row(pg, s->depth, s->off, p, s->len, name, sec, reg);
            continue;
        }
        glass_field_value(s->field, p, s->len, value, sizeof value);
        row(pg, s->depth, s->off, p, s->len, name, value, NULL, sec, why_once(pg, s->field, f));
        if (s->field == GLASS_F_EXT_DATA && s->len > 0)
            ext_body(pg, ext_type, p, s->len, s->off, s->depth + 1);
    }
}

static const char *msg_name(int type)
{
    return type == GLASS_HS_CHANGE_CIPHER_SPEC ? "ChangeCipherSpec" : glass_hs_type_name(type);
}

static void message_box(FILE *out, const html_msg *m, size_t index)
{
    page local;
    memset(&local, 0, sizeof local);
    local.out = out;
    local.m = m;
    const char *who = m->from_server ? "server" : "client";
    fprintf(out, "<section class=\"msg %s\" id=\"msg-%zu\" data-msg=\"%s\">\n"
                 "<h2>%zu. %s &rarr; %s: %s <small>(%zu bytes%s)</small></h2>\n",
            who, index + 1, msg_name(m->type), index + 1, m->from_server ? "Server" : "Client",
            m->from_server ? "Client" : "Server", msg_name(m->type), m->len,
            m->type == GLASS_HS_FINISHED ? ", sent encrypted; shown as the plaintext" : "");
    fputs("<table class=\"fields\"><colgroup><col class=\"o\"><col class=\"b\"><col class=\"f\">"
          "<col class=\"v\"><col class=\"s\"><col class=\"w\"></colgroup>\n<thead><tr><th>offset</th>"
          "<th>bytes</th><th>field</th><th>value</th><th>RFC</th><th>why</th></tr></thead><tbody>\n",
          out);
    if (m->spans != NULL) {
        map_rows(&local);
    } else {
        /* no byte map: the whole message as bytes */
        char val[48];
        snprintf(val, sizeof val, "%zu bytes", m->len);
        row(&local, 0, 0, m->data, m->len, "message (no byte map)", val, NULL, "RFC 5246 7.4", NULL);
    }
    fputs("</tbody></table>\n", out);
    /* the whole message, to paste into another tool (or a test's parser) */
    fprintf(out, "<details><summary>the whole message in hex</summary><pre class=\"hex\" "
                 "id=\"hex-%zu\">", index + 1);
    for (size_t i = 0; i < m->len; i++)
        fprintf(out, "%02x%s", m->data[i], i + 1 == m->len ? "" : (i % 32 == 31 ? "\n" : ""));
    fputs("</pre></details>\n</section>\n", out);
}

/* The random of the first ClientHello / ServerHello (RFC 5246 7.4.1.2:
 * after the 4-byte header and the 2-byte version), or NULL. */
static const uint8_t *hello_random(const glass_html *h, int type)
{
    for (size_t i = 0; i < h->n_msgs; i++)
        if (h->msgs[i].type == type && h->msgs[i].len >= 38)
            return h->msgs[i].data + 6;
    return NULL;
}

static int server_suite(const glass_html *h)
{
    for (size_t i = 0; i < h->n_msgs; i++) {
        const html_msg *m = &h->msgs[i];
        if (m->type != GLASS_HS_SERVER_HELLO || m->len < 39)
            continue;
        size_t sid = m->data[38];
        if (m->len >= 39 + sid + 2)
            return (int)be(m->data + 39 + sid, 2);
    }
    return -1;
}

static const html_secret *find_secret(const glass_html *h, int which)
{
    for (size_t i = 0; i < h->n_secrets; i++)
        if (h->secrets[i].which == which)
            return &h->secrets[i];
    return NULL;
}

static const char *secret_id(int which)
{
    switch (which) {
    case GLASS_SECRET_PREMASTER:         return "premaster";
    case GLASS_SECRET_SESSION_HASH:      return "session-hash";
    case GLASS_SECRET_MASTER:            return "master-secret";
    case GLASS_SECRET_CLIENT_WRITE_KEY:  return "client-write-key";
    case GLASS_SECRET_SERVER_WRITE_KEY:  return "server-write-key";
    case GLASS_SECRET_CLIENT_WRITE_IV:   return "client-write-iv";
    case GLASS_SECRET_SERVER_WRITE_IV:   return "server-write-iv";
    default:                             return NULL;
    }
}

/* How each secret is made, in one line (the RFC sections say more). */
static const char *secret_how(int which)
{
    switch (which) {
    case GLASS_SECRET_PREMASTER:
        return "RSA: 48 bytes the client picked (version first), sent encrypted to the server's key "
               "in ClientKeyExchange (RFC 5246 7.4.7.1); ECDHE: X25519(own private key, peer's "
               "public key) (RFC 8422 5.10, RFC 7748 6.1)";
    case GLASS_SECRET_SESSION_HASH:
        return "the hash of every handshake message up to and including ClientKeyExchange "
               "(RFC 7627 3)";
    case GLASS_SECRET_MASTER:
        return "PRF(premaster, \"extended master secret\", session hash) with EMS (RFC 7627 4), "
               "else PRF(premaster, \"master secret\", client_random + server_random) "
               "(RFC 5246 8.1); 48 bytes";
    case GLASS_SECRET_CLIENT_WRITE_KEY:
    case GLASS_SECRET_SERVER_WRITE_KEY:
        return "cut from key_block = PRF(master secret, \"key expansion\", server_random + "
               "client_random): client key, server key, client IV, server IV (RFC 5246 6.3)";
    case GLASS_SECRET_CLIENT_WRITE_IV:
    case GLASS_SECRET_SERVER_WRITE_IV:
        return "the 4-byte implicit part (salt) of each record's GCM nonce, from the key block "
               "(RFC 5288 3)";
    case GLASS_SECRET_X25519_PRIVATE:
        return "this side's ephemeral X25519 private key, fresh for this connection; its public "
               "key went in ServerKeyExchange or ClientKeyExchange (RFC 7748 6.1)";
    case GLASS_SECRET_FINISHED_HASH:
        return "the hash of the handshake messages before this Finished; verify_data = "
               "PRF(master secret, \"client finished\" or \"server finished\", hash), 12 bytes "
               "(RFC 5246 7.4.9)";
    default:
        return "";
    }
}

static void key_schedule(FILE *out, const glass_html *h)
{
    fputs("<section class=\"keys\" id=\"key-schedule\">\n<h2>The key schedule of this "
          "connection</h2>\n<p class=\"warn\">Shown because the server runs with "
          "<code>--show-secrets</code>: with these values anyone who recorded this connection "
          "can decrypt it.  Only this connection's secrets are ever shown.</p>\n"
          "<table class=\"sched\"><thead><tr><th>secret</th><th>derived by</th><th>value</th>"
          "<th>how</th></tr></thead><tbody>\n", out);
    for (size_t i = 0; i < h->n_secrets; i++) {
        const html_secret *s = &h->secrets[i];
        const char *id = secret_id(s->which);
        fputs("<tr><td class=\"f\">", out);
        esc(out, glass_trace_secret_name((glass_trace_secret)s->which));
        if (s->which == GLASS_SECRET_MASTER && s->ems)
            fputs(" (extended, RFC 7627)", out);
        if (s->which == GLASS_SECRET_FINISHED_HASH)
            fprintf(out, " (the %s's Finished)", s->finished_server ? "server" : "client");
        fprintf(out, "</td><td>%s</td><td class=\"b\"",
                s->both ? "both" : s->is_server ? "server" : "client");
        if (id != NULL)
            fprintf(out, " id=\"%s\"", id);
        fputs(">", out);
        hex(out, s->data, s->len);
        fputs("</td><td class=\"w\">", out);
        esc(out, secret_how(s->which));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    const html_secret *ms = find_secret(h, GLASS_SECRET_MASTER);
    const uint8_t *cr = hello_random(h, GLASS_HS_CLIENT_HELLO);
    if (ms != NULL && cr != NULL) {
        fputs("<p>The same, as a line of an NSS key log (Wireshark, "
              "<code>SSLKEYLOGFILE</code>):</p>\n<pre id=\"keylog\">CLIENT_RANDOM ", out);
        hex(out, cr, 32);
        fputc(' ', out);
        hex(out, ms->data, ms->len);
        fputs("</pre>\n", out);
    }
    fputs("</section>\n", out);
}

static const char css[] =
    "body{font-family:sans-serif;margin:1em 2em;color:#222;background:#fff}\n"
    "h1{font-size:1.5em}h2{font-size:1.1em;margin:.2em 0 .5em}\n"
    ".msg{border:2px solid;border-radius:8px;padding:.5em .8em;margin:1em 0;width:82%}\n"
    ".client{border-color:#2b6cb0;background:#f2f7fc;margin-right:auto}\n"
    ".server{border-color:#b7591f;background:#fdf5ef;margin-left:auto}\n"
    ".keys{border:2px dashed #a00;padding:.5em .8em;margin:1em 0}\n"
    "table{border-collapse:collapse;font-size:.85em;width:100%}\n"
    "table.fields{table-layout:fixed}col.o{width:3.5em}col.b{width:12em}col.f{width:15em}"
    "col.v{width:19em}col.s{width:9.5em}\n"
    "table.fields td:nth-child(4){overflow-wrap:anywhere}\n"
    "th,td{border:1px solid #ccc;padding:2px 5px;vertical-align:top;text-align:left}\n"
    "td.o,td.b,pre,code{font-family:monospace}td.b{word-break:break-all;max-width:22em}\n"
    "table.sched td.b{max-width:40em}\n"
    "td.w{color:#444;max-width:34em}td.s{white-space:nowrap}\n"
    "tr.g td{background:#e9e9e9}tr.g td.f{font-weight:bold}\n"
    "tr.d1 td.f{padding-left:1.5em}tr.d2 td.f{padding-left:3em}"
    "tr.d3 td.f{padding-left:4.5em}tr.d4 td.f{padding-left:6em}\n"
    "td.cp{color:#064}td.cp-unknown{color:#a00;font-weight:bold}\n"
    ".warn{color:#a00}pre{white-space:pre-wrap;word-break:break-all}\n"
    "dl.summary dt{font-weight:bold}dl.summary dd{font-family:monospace;margin:0 0 .4em 1em}\n";

int glass_html_write(const glass_html *h, FILE *out, const char *title)
{
    if (h == NULL || out == NULL)
        return GLASS_E_INVALID_ARG;
    if (title == NULL)
        title = "A TLS 1.2 handshake, byte by byte";
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", out);
    esc(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    esc(out, title);
    fputs("</h1>\n<p>Every message of the handshake, in the order it crossed the wire, split "
          "into its fields: where each starts (offset from the message's first byte, its "
          "4-byte header included), its bytes, its name in the RFC, the value decoded, the "
          "section that defines it and why it is there.  Client messages are on the left, "
          "the server's on the right.  Each code point is named from the IANA registry, "
          "with what glasstls does with it.</p>\n<dl class=\"summary\">\n", out);
    const uint8_t *cr = hello_random(h, GLASS_HS_CLIENT_HELLO);
    const uint8_t *sr = hello_random(h, GLASS_HS_SERVER_HELLO);
    int suite = server_suite(h);
    if (cr != NULL) {
        fputs("<dt>client random</dt><dd id=\"client-random\">", out);
        hex(out, cr, 32);
        fputs("</dd>\n", out);
    }
    if (sr != NULL) {
        fputs("<dt>server random</dt><dd id=\"server-random\">", out);
        hex(out, sr, 32);
        fputs("</dd>\n", out);
    }
    if (suite >= 0) {
        fprintf(out, "<dt>cipher suite</dt><dd id=\"suite\">0x%04x ", suite);
        esc(out, glass_iana_name(GLASS_IANA_CIPHER_SUITE, (uint16_t)suite));
        fputs("</dd>\n", out);
    }
    fprintf(out, "<dt>messages</dt><dd id=\"n-messages\">%zu</dd>\n</dl>\n", h->n_msgs);
    for (size_t i = 0; i < h->n_msgs; i++)
        message_box(out, &h->msgs[i], i);
    if (h->left_out)
        fputs("<p class=\"warn\" id=\"left-out\">Some of the handshake did not fit in the "
              "page's memory and is left out.</p>\n", out);
    if (h->show_secrets)
        key_schedule(out, h);
    else
        fputs("<p id=\"no-secrets\">The key schedule is not shown: the server was not started "
              "with <code>--show-secrets</code>.</p>\n", out);
    fprintf(out, "<p><small>Code point names: IANA TLS parameters registries, as of %s "
                 "(lib/common/iana.c).  Written by glasstls.</small></p>\n</body></html>\n",
            glass_iana_source_date);
    return ferror(out) ? GLASS_E_IO : 0;
}
