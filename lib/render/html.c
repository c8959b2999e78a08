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
 * sends: TLS 1.3, ALPN, ECH, ...) are decoded for the page only, one
 * level deep, in html_rows.c (with the row writers), so the code points
 * inside them are named too.
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
#include "render/html_rows.h"

#define MAX_SECRETS 24
#define MAX_RECORDS 4              /* the encrypted handshake records: the Finished ones */

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

/* An encrypted handshake record as on the wire (the Finished of one side),
 * with its byte map and the GCM nonce and AAD it was sealed with. */
typedef struct html_record {
    int from_server;
    const uint8_t *data;           /* in the arena */
    size_t len;
    const glass_span *spans;       /* in the arena; NULL: no map */
    size_t n_spans;
    uint8_t nonce[12], aad[13];
} html_record;

struct glass_html {
    int show_secrets;
    uint8_t *arena;
    size_t cap, used;
    html_msg msgs[GLASS_HTML_MAX_MESSAGES];
    size_t n_msgs;
    html_secret secrets[MAX_SECRETS];
    size_t n_secrets;
    html_record records[MAX_RECORDS];
    size_t n_records;
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

/* Encrypted handshake records only (RFC 5246 6.2.3.3): what the Finished
 * messages look like on the wire.  Public data (no secret). */
static void observe_record(glass_html *h, const glass_trace_event *ev)
{
    if (!ev->encrypted || ev->content_type != 22 || ev->record == NULL || ev->record_len == 0)
        return;
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    for (size_t i = 0; i < h->n_records; i++)          /* sealed by one side, opened by the other */
        if (h->records[i].from_server == from_server && h->records[i].len == ev->record_len &&
            memcmp(h->records[i].data, ev->record, ev->record_len) == 0)
            return;
    if (h->n_records >= MAX_RECORDS) {
        h->left_out = 1;
        return;
    }
    html_record *r = &h->records[h->n_records];
    r->data = keep(h, ev->record, ev->record_len);
    if (r->data == NULL)
        return;
    r->from_server = from_server;
    r->len = ev->record_len;
    r->spans = NULL;
    r->n_spans = 0;
    if (ev->spans != NULL && ev->n_spans > 0 &&
        glass_spans_check(ev->spans, ev->n_spans, ev->record_len) < 0) {
        r->spans = keep(h, ev->spans, ev->n_spans * sizeof ev->spans[0]);
        r->n_spans = r->spans != NULL ? ev->n_spans : 0;
    }
    memset(r->nonce, 0, sizeof r->nonce);
    if (h->show_secrets)                   /* its first 4 bytes are the write IV */
        memcpy(r->nonce, ev->nonce, sizeof r->nonce);
    memcpy(r->aad, ev->aad, sizeof r->aad);
    h->n_records++;
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
    else if (ev->kind == GLASS_TRACE_RECORD)
        observe_record(h, ev);
}

/* ------------------------------------------------------------ writing */

static const char *why_once(glass_html_page *pg, int field, const glass_field_info *f)
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
static void map_rows(glass_html_page *pg)
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
                uint16_t t = (uint16_t)glass_html_be(m->data + m->spans[i + 1].off, 2);
                snprintf(value, sizeof value, "%s (%u), %u bytes",
                         glass_iana_name(GLASS_IANA_EXTENSION, t), t, (unsigned)s->len);
            } else {
                glass_field_value(s->field, p, s->len, value, sizeof value);
            }
            fprintf(pg->out, "<tr class=\"g d%d\"><td class=\"o\">%04x</td><td class=\"b\"></td>"
                               "<td class=\"f\" colspan=\"2\">", s->depth > 4 ? 4 : s->depth, (unsigned)s->off);
            glass_html_esc(pg->out, name);
            fputs(": ", pg->out);
            glass_html_esc(pg->out, value);
            fputs("</td><td class=\"s\">", pg->out);
            glass_html_esc(pg->out, sec);
            fputs("</td><td class=\"w\">", pg->out);
            const char *w = why_once(pg, s->field, f);
            glass_html_esc(pg->out, w ? w : "");
            fputs("</td></tr>\n", pg->out);
            continue;
        }
        glass_iana_registry reg = f ? registry_of(f->kind) : (glass_iana_registry)0;
        if (reg != 0 && (s->len == 1 || s->len == 2)) {
            if (s->field == GLASS_F_EXT_TYPE)
                ext_type = (uint16_t)glass_html_be(p, 2);
            glass_html_cp_row(pg, s->depth, s->off, p, s->len, name, sec, reg);
            continue;
        }
        glass_field_value(s->field, p, s->len, value, sizeof value);
        glass_html_row(pg, s->depth, s->off, p, s->len, name, value, NULL, sec, why_once(pg, s->field, f));
        if (s->field == GLASS_F_EXT_DATA && s->len > 0)
            glass_html_ext_body(pg, ext_type, p, s->len, s->off, s->depth + 1);
    }
}

static const char *msg_name(int type)
{
    return type == GLASS_HS_CHANGE_CIPHER_SPEC ? "ChangeCipherSpec" : glass_hs_type_name(type);
}

/* The record a Finished travelled in: header | explicit nonce |
 * ciphertext | tag, and the nonce and AAD of its seal (RFC 5288 3). */
static void record_rows(FILE *out, const html_record *r, int show_secrets)
{
    glass_html_page pg;
    memset(&pg, 0, sizeof pg);
    pg.out = out;
    fputs("<p>On the wire it travelled in this record, encrypted with the sender's "
          "write key (AES-GCM):</p>\n<table class=\"fields record\"><colgroup><col class=\"o\">"
          "<col class=\"b\"><col class=\"f\"><col class=\"v\"><col class=\"s\"><col class=\"w\">"
          "</colgroup>\n<tbody>\n", out);
    for (size_t i = 0; i < r->n_spans; i++) {
        const glass_span *s = &r->spans[i];
        const glass_field_info *f = glass_field_get(s->field);
        char value[300];
        glass_field_value(s->field, r->data + s->off, s->len, value, sizeof value);
        glass_html_row(&pg, s->depth, s->off, r->data + s->off, s->len, f ? f->name : "?", value,
                       NULL, f ? f->section : "", f ? f->why : NULL);
    }
    char hexv[64];
    /* the salt is part of the key schedule: shown with the secrets only */
    for (size_t i = 0; i < 12; i++)
        snprintf(hexv + 2 * i, 3, "%02x", r->nonce[i]);
    glass_html_row(&pg, 0, GLASS_HTML_NO_OFFSET, r->nonce, show_secrets ? 12 : 0,
                   "GCM nonce (not sent whole)",
                   show_secrets ? hexv : "write IV (shown with --show-secrets) || the explicit nonce",
                   NULL, "RFC 5288 3",
                   "The 12-byte nonce: the 4-byte write IV (salt, from the key block) followed by "
                   "the 8-byte explicit nonce above.");
    for (size_t i = 0; i < 13; i++)
        snprintf(hexv + 2 * i, 3, "%02x", r->aad[i]);
    glass_html_row(&pg, 0, GLASS_HTML_NO_OFFSET, r->aad, 13, "additional data (AAD, not sent)", hexv, NULL,
                   "RFC 5246 6.2.3.3",
                   "seq_num (8) || type (1) || version (2) || plaintext length (2): authenticated "
                   "by the tag but not encrypted, so a record cannot be replayed, reordered or "
                   "given another type.");
    fputs("</tbody></table>\n", out);
}

static void message_box(FILE *out, const glass_html *h, const html_msg *m, size_t index)
{
    glass_html_page local;
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
        glass_html_row(&local, 0, 0, m->data, m->len, "message (no byte map)", val, NULL, "RFC 5246 7.4", NULL);
    }
    fputs("</tbody></table>\n", out);
    if (m->type == GLASS_HS_FINISHED)
        for (size_t i = 0; i < h->n_records; i++)
            if (h->records[i].from_server == m->from_server && h->records[i].spans != NULL) {
                record_rows(out, &h->records[i], h->show_secrets);
                break;
            }
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
            return (int)glass_html_be(m->data + 39 + sid, 2);
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
               "public key) (RFC 8422 5.10, RFC 7748 6.1), or on P-256/P-384 the x coordinate "
               "of the own scalar times the peer's validated point (RFC 8422 5.10)";
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
        glass_html_esc(out, glass_trace_secret_name((glass_trace_secret)s->which));
        if (s->which == GLASS_SECRET_MASTER && s->ems)
            fputs(" (extended, RFC 7627)", out);
        if (s->which == GLASS_SECRET_FINISHED_HASH)
            fprintf(out, " (the %s's Finished)", s->finished_server ? "server" : "client");
        fprintf(out, "</td><td>%s</td><td class=\"b\"",
                s->both ? "both" : s->is_server ? "server" : "client");
        if (id != NULL)
            fprintf(out, " id=\"%s\"", id);
        fputs(">", out);
        glass_html_hex(out, s->data, s->len);
        fputs("</td><td class=\"w\">", out);
        glass_html_esc(out, secret_how(s->which));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    const html_secret *ms = find_secret(h, GLASS_SECRET_MASTER);
    const uint8_t *cr = hello_random(h, GLASS_HS_CLIENT_HELLO);
    if (ms != NULL && cr != NULL) {
        fputs("<p>The same, as a line of an NSS key log (Wireshark, "
              "<code>SSLKEYLOGFILE</code>):</p>\n<pre id=\"keylog\">CLIENT_RANDOM ", out);
        glass_html_hex(out, cr, 32);
        fputc(' ', out);
        glass_html_hex(out, ms->data, ms->len);
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
    glass_html_esc(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
    glass_html_esc(out, title);
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
        glass_html_hex(out, cr, 32);
        fputs("</dd>\n", out);
    }
    if (sr != NULL) {
        fputs("<dt>server random</dt><dd id=\"server-random\">", out);
        glass_html_hex(out, sr, 32);
        fputs("</dd>\n", out);
    }
    if (suite >= 0) {
        fprintf(out, "<dt>cipher suite</dt><dd id=\"suite\">0x%04x ", suite);
        glass_html_esc(out, glass_iana_name(GLASS_IANA_CIPHER_SUITE, (uint16_t)suite));
        fputs("</dd>\n", out);
    }
    fprintf(out, "<dt>messages</dt><dd id=\"n-messages\">%zu</dd>\n</dl>\n", h->n_msgs);
    for (size_t i = 0; i < h->n_msgs; i++)
        message_box(out, h, &h->msgs[i], i);
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
