/*
 * mermaid.c — a Mermaid sequenceDiagram of the handshake that really
 * happened (https://mermaid.js.org/syntax/sequenceDiagram.html): one arrow
 * per message (drawn once, like the text trace), numbered (autonumber);
 * notes where a side derives keys or decrypts the premaster; the
 * certificate check against the client's trusted CA certificates;
 * application data and alerts.
 *
 * The lanes.  The CA lane is the client's own trust store, so it stands on
 * the client's side, grouped with it in a box; a diagram of a server alone
 * has no CA lane (the server never checks a certificate against one).
 * Which sides are observed is known at the first event, so the header is
 * written then.
 *
 * What is drawn when only one side is observed: messages and application
 * data are drawn when received, too (glass-client draws the server's
 * response); application data is named "the HTTP request" or "the HTTP
 * response" when its first plaintext bytes say so; the
 * Certificate arrow is drawn when its check starts, so it is there even
 * when the check fails and the message is never reported as parsed.
 * Consecutive application-data records of one direction are one arrow
 * (with their count), so a large body does not make a huge diagram.
 *
 * Encrypted records are shaded: a "rect" opens before the first arrow sent
 * under AES-GCM (a side's records are after its ChangeCipherSpec) and
 * closes before the next arrow in the clear, or at the end.
 *
 * Order: the tracer defers some output (tracer.c: checks and secrets of a
 * receiving step) and writes it right after the next message line, so the
 * rect is only opened or closed by output that is written at once, and
 * what this file writes out of turn (the header, a pending run of
 * application data) is written at once, before anything deferred.
 *
 * Message text may not hold '#' or ';' (they end a Mermaid message), so
 * those are replaced.
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/record.h"
#include "glasstls/err.h"
#include "glasstls/ec.h"
#include "render/render.h"

#define SHADE "rgba(70, 150, 255, 0.14)"

static void clean(char *s)
{
    for (; *s; s++)
        if (*s == '#' || *s == ';' || *s == '\n' || *s == '\r')
            *s = ',';
}

/* Writes at once, bypassing the tracer's deferral (tracer.c). */
#define DIRECT(t, stmt)                                                                        \
    do {                                                                                       \
        int saved_ = (t)->deferring;                                                           \
        (t)->deferring = 0;                                                                    \
        stmt;                                                                                  \
        (t)->deferring = saved_;                                                               \
    } while (0)

/* The header: the lanes of the sides this tracer observes.  first_server:
 * the first event came from the server, so the client is not observed
 * (a client always sends first). */
static void header(glass_tracer *t, int first_server)
{
    t->mmd.started = 1;
    t->mmd.ca_lane = !first_server;
    glass_render_mmd(t, "sequenceDiagram\n    autonumber\n");
    if (t->mmd.ca_lane)
        glass_render_mmd(t, "    box transparent The client's machine\n"
                         "    participant CA as Trusted CA certificates (the client's own)\n"
                         "    participant Client\n"
                         "    end\n");
    else
        glass_render_mmd(t, "    participant Client\n");
    glass_render_mmd(t, "    participant Server\n");
}

/* Before an arrow: open the shading for an encrypted one, close it for one
 * in the clear.  Deferred output never changes it (see Order, above). */
static void shade(glass_tracer *t, int encrypted)
{
    if (t->deferring || encrypted == t->mmd.rect)
        return;
    t->mmd.rect = encrypted;
    if (!encrypted) {
        glass_render_mmd(t, "    end\n");
        return;
    }
    glass_render_mmd(t, "    rect " SHADE "\n");
    if (!t->mmd.legend)
        glass_render_mmd(t, "    Note over Client,Server: shaded: records encrypted with "
                         "AES-GCM (each side's, after its ChangeCipherSpec)\n");
    t->mmd.legend = 1;
}

/* Before a note of what one side does on its own: out of the shading
 * (nothing is sent). */
static void note(glass_tracer *t, const char *fmt, const char *a, const char *b)
{
    shade(t, 0);
    glass_render_mmd(t, fmt, a, b);
}

/* A pending run of application-data records becomes one arrow. */
static void flush_app(glass_tracer *t)
{
    if (!t->mmd.app_active)
        return;
    t->mmd.app_active = 0;
    int s = t->mmd.app_from_server;
    char n[48] = "";
    if (t->mmd.app_records > 1)
        snprintf(n, sizeof n, "%lu records, ", t->mmd.app_records);
    DIRECT(t, {
        shade(t, 1);
        glass_render_mmd(t, "    %s->>%s: application data%s (%s%llu bytes, encrypted)\n",
                         glass_render_who(s), glass_render_who(!s), t->mmd.app_what, n,
                         t->mmd.app_bytes);
    });
}

/* What the first plaintext bytes of a run are, when they say so. */
static void app_what(const glass_trace_event *ev, char *out, size_t cap)
{
    const uint8_t *p = ev->plaintext;
    size_t n = ev->plaintext_len;
    out[0] = '\0';
    if (p == NULL)
        return;
    if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
        snprintf(out, cap, ": the HTTP response");
    else if ((n >= 4 && memcmp(p, "GET ", 4) == 0) ||
             (n >= 5 && (memcmp(p, "HEAD ", 5) == 0 || memcmp(p, "POST ", 5) == 0)))
        snprintf(out, cap, ": the HTTP request");
}

static void app_record(glass_tracer *t, const glass_trace_event *ev)
{
    if (!ev->sent && glass_render_peer_seen(t, ev->is_server))
        return;                                    /* drawn when it was sent */
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    if (t->mmd.app_active && t->mmd.app_from_server == from_server) {
        t->mmd.app_records++;
        t->mmd.app_bytes += ev->plaintext_len;
        return;
    }
    flush_app(t);
    t->mmd.app_active = 1;
    t->mmd.app_from_server = from_server;
    t->mmd.app_records = 1;
    t->mmd.app_bytes = ev->plaintext_len;
    app_what(ev, t->mmd.app_what, sizeof t->mmd.app_what);
}

static void message(glass_tracer *t, const glass_trace_event *ev)
{
    const glass_hs_message *m = ev->msg;
    const char *who = glass_render_who(ev->is_server);
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    int draw = ev->sent || !glass_render_peer_seen(t, ev->is_server);
    char sum[512];

    if (draw && !ev->sent && m->type == GLASS_HS_CERTIFICATE && t->mmd.cert_drawn)
        draw = 0;                                  /* drawn when its check began */
    if (m->type == GLASS_HS_CERTIFICATE)
        t->mmd.cert_drawn = 0;
    if (m->type == GLASS_HS_CLIENT_HELLO)          /* a new connection: in the clear again */
        t->mmd.enc[0] = t->mmd.enc[1] = 0;
    if (ev->sent && m->type == GLASS_HS_CLIENT_KEY_EXCHANGE)
        note(t, "    Note over %s: %s\n", who,
                         m->u.client_key_exchange.kx == GLASS_KX_RSA
                         ? "generate the premaster secret, encrypt it with the server's "
                           "public key"
                         : m->u.client_key_exchange.len == 32
                         ? "X25519 key pair, premaster = shared secret"
                         : "EC key pair (P-256/P-384), premaster = x of the shared point");
    if (ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE) {
        /* the group and the signing key: "X25519 ... RSA", "P-256 ... ECDSA" */
        char what[96];
        snprintf(what, sizeof what, "%s key pair, public key signed with the %s private key",
                 m->u.server_key_exchange.named_group == GLASS_GROUP_X25519 ? "X25519"
                 : glass_ec_curve_name((glass_ec_curve)m->u.server_key_exchange.named_group),
                 (m->u.server_key_exchange.sigalg & 0xff) == 0x03 ? "ECDSA" : "RSA");
        note(t, "    Note over %s: %s\n", who, what);
    }
    if (ev->sent && m->type == GLASS_HS_CERTIFICATE_VERIFY)
        note(t, "    Note over %s: sign the hash of every handshake message so far with the "
             "client certificate's private key%s\n", who, "");
    if (draw) {
        glass_render_summary(m, sum, sizeof sum);
        clean(sum);
        shade(t, m->type != GLASS_HS_CHANGE_CIPHER_SPEC && t->mmd.enc[from_server]);
        glass_render_mmd(t, "    %s->>%s: %s%s\n", glass_render_who(from_server),
                         glass_render_who(!from_server), glass_hs_type_name(m->type), sum);
        if (m->type == GLASS_HS_CHANGE_CIPHER_SPEC)
            t->mmd.enc[from_server] = 1;
    }
    if (!ev->sent && m->type == GLASS_HS_CLIENT_KEY_EXCHANGE)
        note(t, "    Note over %s: %s\n", who,
                         m->u.client_key_exchange.kx == GLASS_KX_RSA
                         ? "decrypt the premaster secret with its private key"
                         : m->u.client_key_exchange.len == 32
                         ? "premaster = X25519(its private key, the client's public key)"
                         : "check the client's point is on the curve, premaster = x of d * it");
    if (!ev->sent && m->type == GLASS_HS_SERVER_KEY_EXCHANGE)
        note(t, "    Note over %s: verify the signature with the certificate's public "
             "key%s\n", who, "");
    if (!ev->sent && m->type == GLASS_HS_CERTIFICATE_VERIFY)
        note(t, "    Note over %s: verify the client's signature over its own transcript with "
             "the client certificate's public key%s\n", who, "");
}

/* The client checks the server's chain against its own CA certificates;
 * a server checking a client's chain does it alone (no CA lane there). */
static void cert(glass_tracer *t, const glass_trace_event *ev)
{
    char buf[512];
    const char *who = glass_render_who(ev->is_server);
    int lane = !ev->is_server && t->mmd.ca_lane;
    if (ev->cert_step == GLASS_CERT_START) {
        if (!glass_render_peer_seen(t, ev->is_server)) {
            /* the peer's Certificate, drawn now: it is drawn even when
             * the check fails (no "parsed" event follows then) */
            size_t n = 0;
            char count[40] = "";
            if (ev->detail != NULL && sscanf(ev->detail, "%zu", &n) == 1)
                snprintf(count, sizeof count, "%zu certificate%s, ", n, n == 1 ? "" : "s");
            snprintf(buf, sizeof buf, "%s", ev->subject ? ev->subject : "?");
            clean(buf);
            glass_render_mmd(t, "    %s->>%s: Certificate (%sleaf %s, with its public key)\n",
                             glass_render_who(!ev->is_server), who, count, buf);
            t->mmd.cert_drawn = 1;
        }
        if (lane)
            glass_render_mmd(t, "    Client->>CA: is the server certificate signed by a CA I "
                             "trust? (local check, no network)\n");
        else
            glass_render_mmd(t, "    Note over %s: check the peer's certificate chain against "
                             "its trusted CA certificates\n", who);
    } else if (ev->cert_step == GLASS_CERT_ANCHOR && ev->subject != NULL) {
        snprintf(buf, sizeof buf, "%s", ev->subject);
        clean(buf);
        glass_render_mmd(t, "    Note over %s: trusted root %s\n", lane ? "CA" : who, buf);
    } else if (ev->cert_step == GLASS_CERT_RESULT) {
        snprintf(buf, sizeof buf, "%s", ev->result == 0
                 ? (ev->is_server ? "yes: signatures, validity and clientAuth check out"
                                  : "yes: signatures, validity and host name check out")
                 : ev->detail ? ev->detail : glass_strerror(ev->result));
        clean(buf);
        if (lane)
            glass_render_mmd(t, "    CA-->>Client: %s%s\n", ev->result == 0 ? "" : "no: ", buf);
        else
            glass_render_mmd(t, "    Note over %s: %s%s\n", who,
                             ev->result == 0 ? "" : "refused: ", buf);
    }
}

void glass_render_mermaid_event(glass_tracer *t, const glass_trace_event *ev)
{
    if (t->mermaid == NULL)
        return;
    if (!t->mmd.started)
        DIRECT(t, header(t, ev->is_server));
    int app = ev->kind == GLASS_TRACE_RECORD && ev->content_type == GLASS_CT_APPLICATION_DATA;
    if (!app)
        flush_app(t);
    const char *who = glass_render_who(ev->is_server);
    switch (ev->kind) {
    case GLASS_TRACE_MESSAGE:
        message(t, ev);
        break;
    case GLASS_TRACE_SECRET:
        if (ev->secret != GLASS_SECRET_MASTER)
            break;
        if (ev->resumed)                   /* the abbreviated handshake */
            note(t, "    Note over %s: resumed session: its master secret, new session keys "
                 "(new randoms)%s\n", who, "");
        else if (glass_render_peer_seen(t, ev->is_server))
            note(t, "    Note over %s: derive the master secret and the session keys%s\n",
                 who, "");
        else
            note(t, "    Note over %s,%s: both derive the master secret and the session keys "
                 "(never sent)\n", "Client", "Server");
        break;
    case GLASS_TRACE_RECORD:
        if (app)
            app_record(t, ev);
        break;
    case GLASS_TRACE_ALERT:
        if (ev->sent || !glass_render_peer_seen(t, ev->is_server)) {
            int from_server = ev->sent ? ev->is_server : !ev->is_server;
            shade(t, t->mmd.enc[from_server]);
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

void glass_render_mermaid_end(glass_tracer *t)
{
    if (t->mermaid == NULL)
        return;
    if (!t->mmd.started)
        header(t, 0);                  /* no event at all: still a diagram */
    flush_app(t);
    if (t->mmd.rect)
        glass_render_mmd(t, "    end\n");
    t->mmd.rect = 0;
}
