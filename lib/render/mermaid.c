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
                         : "X25519 key pair, premaster = shared secret");
    if (ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: X25519 key pair, public key signed with the "
                         "RSA private key\n", who);
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
                         : "premaster = X25519(its private key, the client's public key)");
    if (!ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_render_mmd(t, "    Note over %s: verify the signature with the certificate's "
                         "public key\n", who);
}

static void cert(glass_tracer *t, const glass_trace_event *ev)
{
    char buf[512];
    if (ev->cert_step == GLASS_CERT_START) {
        glass_render_mmd(t, "    Client->>CA: is the server certificate signed by a CA I trust? "
                         "(local check, no network)\n");
    } else if (ev->cert_step == GLASS_CERT_ANCHOR && ev->subject != NULL) {
        snprintf(buf, sizeof buf, "%s", ev->subject);
        clean(buf);
        glass_render_mmd(t, "    Note over CA: trusted root %s\n", buf);
    } else if (ev->cert_step == GLASS_CERT_RESULT) {
        snprintf(buf, sizeof buf, "%s", ev->result == 0
                 ? "yes: signatures, validity and host name check out"
                 : ev->detail ? ev->detail : glass_strerror(ev->result));
        clean(buf);
        glass_render_mmd(t, "    CA-->>Client: %s%s\n", ev->result == 0 ? "" : "no: ", buf);
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
        if (ev->resumed)                   /* the abbreviated handshake */
            glass_render_mmd(t, "    Note over %s: resumed session: its master secret, new "
                             "session keys (new randoms)\n", who);
        else if (glass_render_peer_seen(t, ev->is_server))
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
