/*
 * mermaid.c — a Mermaid sequenceDiagram of the handshake that really
 * happened (https://mermaid.js.org/syntax/sequenceDiagram.html): one arrow
 * per message (drawn once, like the text trace), notes where a side
 * derives keys or decrypts the premaster, the certificate check against
 * the client's trusted CA certificates, application data and alerts.
 *
 * Message text may not hold '#' or ';' (they end a Mermaid message), so
 * those are replaced.
 */
#include <string.h>
#include "glasstls/record.h"
#include "glasstls/err.h"
#include "glasstls/ec.h"
#include "render/render.h"

static void clean(char *s)
{
    for (; *s; s++)
        if (*s == '#' || *s == ';' || *s == '\n')
            *s = ',';
}

static void message(glass_tracer *t, const glass_trace_event *ev)
{
    const glass_hs_message *m = ev->msg;
    const char *who = glass_render_who(ev->is_server);
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    int draw = ev->sent || !glass_render_peer_seen(t, ev->is_server);
    char sum[512];

    if (ev->sent && m->type == GLASS_HS_CLIENT_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: %s\n", who,
                         m->u.client_key_exchange.kx == GLASS_KX_RSA
                         ? "generate the premaster secret, encrypt it with the server's "
                           "public key"
                         : m->u.client_key_exchange.len == 32
                         ? "X25519 key pair, premaster = shared secret"
                         : "EC key pair (P-256/P-384), premaster = x of the shared point");
    if (ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: %s key pair, public key signed with the "
                         "%s private key\n", who,
                         m->u.server_key_exchange.named_group == GLASS_GROUP_X25519 ? "X25519"
                         : glass_ec_curve_name((glass_ec_curve)m->u.server_key_exchange.named_group),
                         (m->u.server_key_exchange.sigalg & 0xff) == 0x03 ? "ECDSA" : "RSA");
    if (ev->sent && m->type == GLASS_HS_CERTIFICATE_VERIFY)
        glass_render_mmd(t, "    Note over %s: sign the hash of every handshake message so far "
                         "with the client certificate's private key\n", who);
    if (draw) {
        glass_render_summary(m, sum, sizeof sum);
        clean(sum);
        glass_render_mmd(t, "    %s->>%s: %s%s\n", glass_render_who(from_server),
                         glass_render_who(!from_server), glass_hs_type_name(m->type), sum);
    }
    if (!ev->sent && m->type == GLASS_HS_CLIENT_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: %s\n", who,
                         m->u.client_key_exchange.kx == GLASS_KX_RSA
                         ? "decrypt the premaster secret with its private key"
                         : m->u.client_key_exchange.len == 32
                         ? "premaster = X25519(its private key, the client's public key)"
                         : "check the client's point is on the curve, premaster = x of d * it");
    if (!ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: verify the signature with the certificate's "
                         "public key\n", who);
    if (!ev->sent && m->type == GLASS_HS_CERTIFICATE_VERIFY)
        glass_render_mmd(t, "    Note over %s: verify the client's signature over its own "
                         "transcript with the client certificate's public key\n", who);
}

static void cert(glass_tracer *t, const glass_trace_event *ev)
{
    char buf[512];
    /* a server checks a client's chain the same way */
    const char *who = ev->is_server ? "Server" : "Client";
    if (ev->cert_step == GLASS_CERT_START) {
        glass_render_mmd(t, "    %s->>CA: is the %s certificate signed by a CA I trust? "
                         "(local check, no network)\n", who, ev->is_server ? "client" : "server");
    } else if (ev->cert_step == GLASS_CERT_ANCHOR && ev->subject != NULL) {
        snprintf(buf, sizeof buf, "%s", ev->subject);
        clean(buf);
        glass_render_mmd(t, "    Note over CA: trusted root %s\n", buf);
    } else if (ev->cert_step == GLASS_CERT_RESULT) {
        snprintf(buf, sizeof buf, "%s", ev->result == 0
                 ? (ev->is_server ? "yes: signatures, validity and clientAuth check out"
                                  : "yes: signatures, validity and host name check out")
                 : ev->detail ? ev->detail : glass_strerror(ev->result));
        clean(buf);
        glass_render_mmd(t, "    CA-->>%s: %s%s\n", who, ev->result == 0 ? "" : "no: ", buf);
    }
}

void glass_render_mermaid_event(glass_tracer *t, const glass_trace_event *ev)
{
    if (t->mermaid == NULL)
        return;
    const char *who = glass_render_who(ev->is_server);
    switch (ev->kind) {
    case GLASS_TRACE_MESSAGE:
        message(t, ev);
        break;
    case GLASS_TRACE_SECRET:
        if (ev->secret != GLASS_SECRET_MASTER)
            break;
        if (glass_render_peer_seen(t, ev->is_server))
            glass_render_mmd(t, "    Note over %s: derive the master secret and the session "
                             "keys\n", who);
        else
            glass_render_mmd(t, "    Note over Client,Server: both derive the master secret "
                             "and the session keys (never sent)\n");
        break;
    case GLASS_TRACE_RECORD:
        if (ev->content_type == GLASS_CT_APPLICATION_DATA && ev->sent)
            glass_render_mmd(t, "    %s->>%s: application data (%zu bytes, encrypted)\n", who,
                             glass_render_who(!ev->is_server), ev->plaintext_len);
        break;
    case GLASS_TRACE_ALERT:
        if (ev->sent || !glass_render_peer_seen(t, ev->is_server)) {
            int from_server = ev->sent ? ev->is_server : !ev->is_server;
            glass_render_mmd(t, "    %s->>%s: alert %s (%s)\n", glass_render_who(from_server),
                             glass_render_who(!from_server), glass_alert_name(ev->alert_desc),
                             glass_alert_level_name(ev->alert_level));
        }
        break;
    case GLASS_TRACE_CERT:
        cert(t, ev);
        break;
    default:
        break;
    }
}
