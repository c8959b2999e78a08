/*
 * text.c — the text trace (glasstls/trace.h), three levels:
 *   1  one line per step, named as in a textbook diagram of the handshake:
 *      arrows for messages ("Client -> Server: ClientHello") and lines for
 *      what one side does on its own ("Server: decrypt the premaster
 *      secret with its private key"), and the steps skipped
 *      ("ServerKeyExchange: skipped, RSA key exchange");
 *   2  adds each state entered or skipped, every field of every message
 *      (fields.c), every record sealed or opened and every certificate
 *      check;
 *   3  adds every message and record byte by byte, field by field
 *      (bytemap.c): record header | explicit nonce | ciphertext | tag,
 *      GCM nonce and AAD, the plaintext of application data and alerts;
 *      and the key schedule, with the ephemeral X25519 private keys and
 *      the hash each Finished covers.
 * A message, a record (or a skipped step) is drawn once: when it is sent,
 * or, when the sending side is not observed by this tracer, when it is
 * received.
 */
#include <string.h>
#include "glasstls/record.h"
#include "glasstls/x509.h"
#include "glasstls/err.h"
#include "render/render.h"

const char *glass_render_col(const glass_tracer *t, glass_render_colour which)
{
    static const char *const codes[] = {
        "\033[0m", "\033[1;36m", "\033[33m", "\033[2m", "\033[31m", "\033[1;31m"
    };
    return t->color ? codes[which] : "";
}

void glass_render_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

void glass_render_hexdump(glass_tracer *t, const char *indent, const uint8_t *p, size_t n)
{
    const char *d = glass_render_col(t, GLASS_COL_DETAIL), *r = glass_render_col(t, GLASS_COL_RESET);
    for (size_t off = 0; off < n; off += 16) {
        char hex[16 * 3 + 1], asc[17];
        size_t k, m = n - off < 16 ? n - off : 16;
        for (k = 0; k < 16; k++) {
            if (k < m) {
                snprintf(hex + 3 * k, 4, "%02x ", p[off + k]);
                asc[k] = p[off + k] >= 0x20 && p[off + k] < 0x7f ? (char)p[off + k] : '.';
            } else {
                memcpy(hex + 3 * k, "   ", 4);
                asc[k] = ' ';
            }
        }
        asc[m] = '\0';
        glass_render_text(t, "%s%s%04zx  %s %s%s\n", indent, d, off, hex, asc, r);
    }
}

/* The subject of a DER certificate, for one-line summaries. */
static void cert_subject(const uint8_t *der, size_t len, char *out, size_t cap)
{
    glass_x509_cert c;
    if (glass_x509_parse(&c, der, len) != 0 || glass_x509_subject_string(&c, out, cap) < 0)
        snprintf(out, cap, "(unparsable certificate)");
}

void glass_render_summary(const glass_hs_message *m, char *out, size_t cap)
{
    const glass_suite_info *s;
    char subj[256];
    out[0] = '\0';
    switch (m->type) {
    case GLASS_HS_CLIENT_HELLO:
        snprintf(out, cap, " (%sTLS 1.2, %zu cipher suite%s offered, client random)",
                 m->u.client_hello.sslv2_compat
                     ? "SSLv2-compatible ClientHello, RFC 5246 E.2: " : "",
                 m->u.client_hello.n_cipher_suites,
                 m->u.client_hello.n_cipher_suites == 1 ? "" : "s");
        break;
    case GLASS_HS_SERVER_HELLO:
        s = glass_suite_find(m->u.server_hello.cipher_suite);
        snprintf(out, cap, " (chooses %s, server random)", s ? s->name : "an unknown suite");
        break;
    case GLASS_HS_CERTIFICATE:
        if (m->u.certificate.n_certs == 0) {   /* a client without a certificate */
            snprintf(out, cap, " (empty: no certificate to offer; the server decides)");
            break;
        }
        cert_subject(m->u.certificate.cert[0], m->u.certificate.cert_len[0], subj, sizeof subj);
        snprintf(out, cap, " (%zu certificate%s, leaf %s, with its public key)",
                 m->u.certificate.n_certs, m->u.certificate.n_certs == 1 ? "" : "s", subj);
        break;
    case GLASS_HS_CERTIFICATE_REQUEST:
        snprintf(out, cap, " (the server asks for a client certificate: %zu type%s, "
                 "%zu signature scheme%s, %s)", m->u.certificate_request.n_cert_types,
                 m->u.certificate_request.n_cert_types == 1 ? "" : "s",
                 m->u.certificate_request.n_sigalgs,
                 m->u.certificate_request.n_sigalgs == 1 ? "" : "s",
                 m->u.certificate_request.ca_names_total == 0 ? "any CA" : "named CAs");
        break;
    case GLASS_HS_SERVER_KEY_EXCHANGE:
        snprintf(out, cap, " (%s public key, signed %s)",
                 m->u.server_key_exchange.named_group == GLASS_GROUP_X25519 ? "X25519"
                 : glass_ec_curve_name((glass_ec_curve)m->u.server_key_exchange.named_group),
                 glass_sigalg_name(m->u.server_key_exchange.sigalg));
        break;
    case GLASS_HS_CLIENT_KEY_EXCHANGE:
        snprintf(out, cap, "%s", m->u.client_key_exchange.kx == GLASS_KX_RSA
                 ? " (the premaster secret, encrypted with the server's public key)"
                 : m->u.client_key_exchange.len == 32 ? " (the client's X25519 public key)"
                 : " (the client's EC public point)");
        break;
    case GLASS_HS_CERTIFICATE_VERIFY:
        snprintf(out, cap, " (the client's %s signature over the handshake so far)",
                 glass_sigalg_name(m->u.certificate_verify.sigalg));
        break;
    case GLASS_HS_CHANGE_CIPHER_SPEC:
        snprintf(out, cap, " (what follows is encrypted)");
        break;
    case GLASS_HS_FINISHED:
        snprintf(out, cap, " (encrypted: verify_data over the whole handshake)");
        break;
    case GLASS_HS_NEW_SESSION_TICKET:
        snprintf(out, cap, " (a ticket of %zu bytes: the session, sealed with the server's key)",
                 m->u.new_session_ticket.ticket_len);
        break;
    default:
        break;
    }
}

/* "X25519", "P-256", "P-384": the ECDHE group a key exchange message uses
 * (a ClientKeyExchange says it by its length: 32, 65 or 97 bytes). */
static const char *kx_group(const glass_hs_message *m)
{
    uint16_t g = m->type == GLASS_HS_SERVER_KEY_EXCHANGE ? m->u.server_key_exchange.named_group
               : m->u.client_key_exchange.len == 32 ? GLASS_GROUP_X25519
               : m->u.client_key_exchange.len == 65 ? GLASS_GROUP_SECP256R1
                                                     : GLASS_GROUP_SECP384R1;
    return g == GLASS_GROUP_X25519 ? "X25519" : glass_ec_curve_name((glass_ec_curve)g);
}

/* What one side does before sending a message (level 1). */
static void before_send(glass_tracer *t, const glass_trace_event *ev, const char *who)
{
    const glass_hs_message *m = ev->msg;
    const char *l = glass_render_col(t, GLASS_COL_LOCAL), *r = glass_render_col(t, GLASS_COL_RESET);
    if (m->type == GLASS_HS_CLIENT_KEY_EXCHANGE && m->u.client_key_exchange.kx == GLASS_KX_RSA) {
        glass_render_text(t, "%s%s: generate the premaster secret (its version and 46 random "
                          "bytes)%s\n", l, who, r);
        glass_render_text(t, "%s%s: encrypt the premaster secret with the server's public key "
                          "(RSA PKCS#1 v1.5)%s\n", l, who, r);
    } else if (m->type == GLASS_HS_CLIENT_KEY_EXCHANGE) {
        const char *g = kx_group(m);
        if (m->u.client_key_exchange.len == 32)
            glass_render_text(t, "%s%s: generate an X25519 key pair; premaster secret = "
                              "X25519(its private key, the server's public key)%s\n", l, who, r);
        else
            glass_render_text(t, "%s%s: generate a %s key pair; premaster secret = x of "
                              "(its private scalar * the server's point), after checking that "
                              "point is on the curve%s\n", l, who, g, r);
    } else if (m->type == GLASS_HS_SERVER_KEY_EXCHANGE) {
        int ecdsa = (m->u.server_key_exchange.sigalg & 0xff) == 0x03;
        glass_render_text(t, "%s%s: generate a%s %s key pair and sign its public key "
                          "(with both randoms) with its %s private key%s\n", l, who,
                          kx_group(m)[0] == 'X' ? "n" : "", kx_group(m),
                          ecdsa ? "ECDSA (RFC 6979 nonce)" : "RSA", r);
    } else if (m->type == GLASS_HS_CERTIFICATE_VERIFY) {
        glass_render_text(t, "%s%s: sign the hash of every handshake message so far (%s) with "
                          "its certificate's private key%s\n", l, who,
                          glass_sigalg_name(m->u.certificate_verify.sigalg), r);
    } else if (m->type == GLASS_HS_FINISHED) {
        glass_render_text(t, "%s%s: compute verify_data = PRF(master secret, \"%s finished\", "
                          "hash of the handshake)%s\n", l, who, ev->is_server ? "server" : "client",
                          r);
    }
}

/* What one side does with a message it received (level 1). */
static void after_recv(glass_tracer *t, const glass_trace_event *ev, const char *who)
{
    const glass_hs_message *m = ev->msg;
    const char *l = glass_render_col(t, GLASS_COL_LOCAL), *r = glass_render_col(t, GLASS_COL_RESET);
    if (m->type == GLASS_HS_CLIENT_KEY_EXCHANGE && m->u.client_key_exchange.kx == GLASS_KX_RSA)
        glass_render_text(t, "%s%s: decrypt the premaster secret with its private key (RFC "
                          "5246 7.4.7.1: a bad one silently becomes random)%s\n", l, who, r);
    else if (m->type == GLASS_HS_CLIENT_KEY_EXCHANGE && m->u.client_key_exchange.len == 32)
        glass_render_text(t, "%s%s: premaster secret = X25519(its private key, the client's "
                          "public key)%s\n", l, who, r);
    else if (m->type == GLASS_HS_CLIENT_KEY_EXCHANGE)
        glass_render_text(t, "%s%s: check the client's point is on %s, then premaster secret = "
                          "x of (its private scalar * that point)%s\n", l, who, kx_group(m), r);
    else if (m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_render_text(t, "%s%s: verify the signature of the %s key with the %spublic key "
                          "of the server certificate%s\n", l, who, kx_group(m),
                          (m->u.server_key_exchange.sigalg & 0xff) == 0x03 ? "ECDSA " : "", r);
    else if (m->type == GLASS_HS_CERTIFICATE_VERIFY)
        glass_render_text(t, "%s%s: verify the signature over its own copy of the handshake "
                          "messages with the client certificate's public key: the client holds "
                          "that key, and signed this handshake%s\n", l, who, r);
    else if (m->type == GLASS_HS_FINISHED)
        glass_render_text(t, "%s%s: check the peer's verify_data (constant time): the handshake "
                          "was not tampered with%s\n", l, who, r);
}

static void message(glass_tracer *t, const glass_trace_event *ev)
{
    const glass_hs_message *m = ev->msg;
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    int draw = ev->sent || !glass_render_peer_seen(t, ev->is_server);
    const char *who = glass_render_who(ev->is_server);
    char sum[512];
    if (ev->sent)
        before_send(t, ev, who);
    if (draw) {
        glass_render_summary(m, sum, sizeof sum);
        glass_render_text(t, "%s%s -> %s: %s%s%s\n", glass_render_col(t, GLASS_COL_ARROW),
                          glass_render_who(from_server), glass_render_who(!from_server),
                          glass_hs_type_name(m->type), glass_render_col(t, GLASS_COL_RESET), sum);
        if (t->level >= 2)
            glass_render_fields(t, m);
        if (t->level >= 3 && ev->data != NULL) {
            char what[64];
            snprintf(what, sizeof what, "bytes of %s", glass_hs_type_name(m->type));
            glass_render_byte_map(t, what, ev->data, ev->len, ev->spans, ev->n_spans);
        }
    }
    if (!ev->sent)
        after_recv(t, ev, who);
}

static void secret(glass_tracer *t, const glass_trace_event *ev)
{
    const char *l = glass_render_col(t, GLASS_COL_LOCAL), *r = glass_render_col(t, GLASS_COL_RESET);
    const char *who = glass_render_peer_seen(t, ev->is_server) ? glass_render_who(ev->is_server)
                                                               : "Both";
    if (ev->secret == GLASS_SECRET_MASTER && ev->resumed)
        glass_render_text(t, "%s%s: no key exchange: the master secret is the resumed session's "
                          "(%s); the keys are new (new randoms)%s\n", l, who,
                          ev->ems ? "made with the extended master secret" : "classic", r);
    else if (ev->secret == GLASS_SECRET_MASTER)
        glass_render_text(t, "%s%s: derive the master secret = PRF(premaster secret, %s)%s\n",
                          l, who, ev->ems ? "\"extended master secret\", session hash; RFC 7627"
                                          : "\"master secret\", both randoms; RFC 5246 8.1", r);
    else if (ev->secret == GLASS_SECRET_CLIENT_WRITE_KEY)
        glass_render_text(t, "%s%s: derive the session keys = PRF(master secret, \"key "
                          "expansion\", both randoms): write keys and IVs%s\n", l, who, r);
    if (t->level >= 3) {
        char hex[2 * 64 + 1], note[96] = "";
        size_t n = ev->len <= 64 ? ev->len : 64;
        glass_render_hex(ev->data, n, hex);
        if (ev->secret == GLASS_SECRET_X25519_PRIVATE)
            snprintf(note, sizeof note, "  (%s's ephemeral key)", glass_render_who(ev->is_server));
        else if (ev->secret == GLASS_SECRET_FINISHED_HASH)
            snprintf(note, sizeof note, "  (what the %s Finished covers, %s)",
                     ev->finished_server ? "server" : "client",
                     ev->sent ? "to send" : "to check");
        glass_render_text(t, "    %s%-18s (%2zu bytes) %s%s%s\n",
                          glass_render_col(t, GLASS_COL_SECRET),
                          glass_trace_secret_name(ev->secret), ev->len, hex, note, r);
    }
}

static void record(glass_tracer *t, const glass_trace_event *ev)
{
    const char *who = glass_render_who(ev->is_server);
    if (ev->content_type == GLASS_CT_APPLICATION_DATA && ev->sent) {
        glass_render_text(t, "%s%s: encrypt %zu bytes of application data (AES-GCM, its "
                          "write key, sequence number %llu)%s\n", glass_render_col(t, GLASS_COL_LOCAL),
                          who, ev->plaintext_len, (unsigned long long)ev->seq,
                          glass_render_col(t, GLASS_COL_RESET));
        glass_render_text(t, "%s%s -> %s: application data%s (%zu-byte record)\n",
                          glass_render_col(t, GLASS_COL_ARROW), who,
                          glass_render_who(!ev->is_server), glass_render_col(t, GLASS_COL_RESET),
                          ev->len);
    } else if (ev->content_type == GLASS_CT_APPLICATION_DATA) {
        glass_render_text(t, "%s%s: decrypt application data and check its tag: %zu bytes%s\n",
                          glass_render_col(t, GLASS_COL_LOCAL), who, ev->plaintext_len,
                          glass_render_col(t, GLASS_COL_RESET));
    }
    if (t->level >= 2)
        glass_render_text(t, "  %s%s record %s: %s (%d), seq %llu, %zu bytes of plaintext%s%s\n",
                          glass_render_col(t, GLASS_COL_DETAIL), who, ev->sent ? "sealed" : "opened",
                          glass_content_type_name(ev->content_type), ev->content_type,
                          (unsigned long long)ev->seq, ev->plaintext_len,
                          ev->encrypted ? ", AES-GCM" : ", in the clear",
                          glass_render_col(t, GLASS_COL_RESET));
    /* a record opened here was drawn byte by byte when it was sealed */
    if (t->level >= 3 && (ev->sent || !glass_render_peer_seen(t, ev->is_server)))
        glass_render_record_map(t, ev);
}

static void alert(glass_tracer *t, const glass_trace_event *ev)
{
    if (!ev->sent && glass_render_peer_seen(t, ev->is_server))
        return;                            /* drawn when it was sent */
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    glass_render_text(t, "%s%s -> %s: alert %s (%s)%s\n", glass_render_col(t, GLASS_COL_ARROW),
                      glass_render_who(from_server), glass_render_who(!from_server),
                      glass_alert_name(ev->alert_desc), glass_alert_level_name(ev->alert_level),
                      glass_render_col(t, GLASS_COL_RESET));
}

static void cert(glass_tracer *t, const glass_trace_event *ev)
{
    const char *l = glass_render_col(t, GLASS_COL_LOCAL), *d = glass_render_col(t, GLASS_COL_DETAIL);
    const char *r = glass_render_col(t, GLASS_COL_RESET);
    /* a server checks a client's chain the same way, for clientAuth */
    const char *who = ev->is_server ? "Server" : "Client";
    switch (ev->cert_step) {
    case GLASS_CERT_START:
        glass_render_text(t, "%s%s: verify the %s certificate with the CA certificates "
                          "it already holds (no call to the CA)%s\n", l, who,
                          ev->is_server ? "client" : "server", r);
        break;
    case GLASS_CERT_RESULT:
        if (ev->result == 0)
            glass_render_text(t, "%s%s: the certificate chain is valid and %s%s\n", l, who,
                              ev->is_server ? "allowed for clientAuth" : "names the server", r);
        else
            glass_render_text(t, "%s%s: certificate refused: %s%s\n", l, who,
                              ev->detail ? ev->detail : glass_strerror(ev->result), r);
        return;
    default:
        break;
    }
    if (t->level < 2)
        return;
    static const char *const names[] = { "", "start", "signature", "trust anchor", "validity",
                                         "issuer", "host name", "result" };
    glass_render_text(t, "    %scheck %-12s depth %d: %s%s%s%s\n", d, names[ev->cert_step],
                      ev->depth, ev->subject ? ev->subject : "", ev->detail ? ": " : "",
                      ev->detail ? ev->detail : "", r);
    if (ev->issuer)
        glass_render_text(t, "    %s    issuer: %s%s\n", d, ev->issuer, r);
}

/* A step of the table that does not run ("ServerKeyExchange: skipped, RSA
 * key exchange"): drawn once, like a message, by the side that would have
 * sent it, or by the other when that side is not observed. */
static void skipped(glass_tracer *t, const glass_trace_event *ev)
{
    const char *r = glass_render_col(t, GLASS_COL_RESET);
    if (t->level >= 2)
        glass_render_text(t, "%s-- %s skips state %s (%s %s)%s\n",
                          glass_render_col(t, GLASS_COL_DETAIL), glass_render_who(ev->is_server),
                          ev->state_name, ev->we_send ? "send," : "receive,", ev->handler, r);
    if (ev->we_send || !glass_render_peer_seen(t, ev->is_server))
        glass_render_text(t, "%s%s: skipped, %s%s\n", glass_render_col(t, GLASS_COL_LOCAL),
                          glass_hs_type_name(ev->msg_type), ev->skipped_because, r);
}

void glass_render_text_event(glass_tracer *t, const glass_trace_event *ev)
{
    if (t->text == NULL)
        return;
    switch (ev->kind) {
    case GLASS_TRACE_STATE:
        if (t->level >= 2)
            glass_render_text(t, "%s-- %s enters state %s (%s %s)%s\n",
                              glass_render_col(t, GLASS_COL_DETAIL), glass_render_who(ev->is_server),
                              ev->state_name, ev->we_send ? "send," : "receive,", ev->handler,
                              glass_render_col(t, GLASS_COL_RESET));
        break;
    case GLASS_TRACE_MESSAGE: message(t, ev); break;
    case GLASS_TRACE_SECRET:  secret(t, ev); break;
    case GLASS_TRACE_RECORD:  record(t, ev); break;
    case GLASS_TRACE_ALERT:   alert(t, ev); break;
    case GLASS_TRACE_CERT:    cert(t, ev); break;
    case GLASS_TRACE_SKIPPED: skipped(t, ev); break;
    }
}
