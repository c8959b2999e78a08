/*
 * serve.c — one connection of glass-server, from accept() to close(), on
 * its own thread.
 *
 *   1. socket timeouts: a read or write that waits longer than
 *      --io-timeout fails (SO_RCVTIMEO/SO_SNDTIMEO make the blocking
 *      transport return "would block", which we treat as a timeout), and
 *      the handshake plus the request must be done within
 *      --handshake-timeout, so a client that stalls or trickles bytes
 *      holds only its own thread, and not for long;
 *   (the transport is the file descriptor's, with the socket corked
 *   until we wait for the client: a flight leaves as one TCP segment);
 *   2. the handshake, one glass_handshake_step() at a time, remembering
 *      what each step sent or received (the built-in page shows it);
 *   3. one HTTP request (http.c);
 *   4. close_notify, then a short wait for the client's own close so the
 *      kernel does not reset a connection whose response is in flight;
 *   5. one log line: connection id, peer, SNI, suite, EMS, result, new or
 *      resumed session, bytes sent.
 * The connection is traced on its own (log.c): its lines carry the same
 * id, "[c3] ", or go to its own file with --trace-dir.
 *
 * Any failure ends this connection only: the library has already sent the
 * alert that matches the error (docs/alerts.md).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "server.h"

/* ---- the transport: the file descriptor's, corked between reads ----
 * The library sends each record as soon as it is sealed: the server's
 * first flight (ServerHello, Certificate, ServerKeyExchange,
 * ServerHelloDone) is four send() calls, and with TCP_NODELAY four TCP
 * segments, each one a trip through the kernel's TCP stack (on loopback,
 * the receiver's side too, charged to us).  With TCP_CORK on, the kernel
 * holds what we send until a segment is full; we uncork (push) only when
 * we are about to wait for the client, so a flight leaves as one segment
 * and a file as full-sized ones.  The end of a response is pushed by
 * shutdown() or close(). */
static int set_cork(int fd, int on)
{
    return setsockopt(fd, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
}

static long corked_send(void *ctx, const uint8_t *buf, size_t len)
{
    session *s = ctx;
    long n = s->fd_transport.send(s->fd_transport.ctx, buf, len);
    if (n > 0)
        s->unpushed = 1;
    return n;
}

static long corked_recv(void *ctx, uint8_t *buf, size_t len)
{
    session *s = ctx;
    if (s->unpushed) {                 /* push what the client is waiting for */
        set_cork(s->fd, 0);
        set_cork(s->fd, 1);
        s->unpushed = 0;
    }
    return s->fd_transport.recv(s->fd_transport.ctx, buf, len);
}

static glass_transport corked_transport(session *s)
{
    s->fd_transport = glass_transport_fd(s->fd);
    set_cork(s->fd, 1);
    glass_transport t = { s, corked_send, corked_recv };
    return t;
}

static void set_timeouts(int fd, int seconds)
{
    struct timeval tv = { seconds, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static const char *suite_name(uint16_t id)
{
    const glass_suite_info *s = glass_suite_find(id);
    return s != NULL ? s->name : "-";
}

/* What the message of the step just run says, in a few words. */
static void step_detail(const glass_hs_message *m, char *out, size_t cap)
{
    out[0] = '\0';
    switch (m->type) {
    case GLASS_HS_CLIENT_HELLO: {
        const glass_client_hello *ch = &m->u.client_hello;
        const char *sni = (ch->ext.present & GLASS_EXTBIT_SERVER_NAME) ? ch->ext.server_name : "";
        snprintf(out, cap, "%zu cipher suites offered%s%.64s", ch->n_cipher_suites,
                 sni[0] ? ", server name " : "", sni);
        break;
    }
    case GLASS_HS_SERVER_HELLO:
        snprintf(out, cap, "chose %s", suite_name(m->u.server_hello.cipher_suite));
        break;
    case GLASS_HS_CERTIFICATE:
        snprintf(out, cap, "chain of %zu certificate%s", m->u.certificate.n_certs,
                 m->u.certificate.n_certs == 1 ? "" : "s");
        break;
    case GLASS_HS_SERVER_KEY_EXCHANGE:
        snprintf(out, cap, "%s public key, signed with %s",
                 glass_group_name(m->u.server_key_exchange.named_group),
                 glass_sigalg_name(m->u.server_key_exchange.sigalg));
        break;
    case GLASS_HS_CLIENT_KEY_EXCHANGE:
        snprintf(out, cap, "%s", m->u.client_key_exchange.kx == GLASS_KX_RSA
                 ? "premaster secret, encrypted with the server's RSA public key"
                 : m->u.client_key_exchange.len == 32 ? "the client's X25519 public key"
                 : "the client's EC public point");
        break;
    case GLASS_HS_CERTIFICATE_REQUEST:
        snprintf(out, cap, "asks for a client certificate from %zu CA%s, %zu signature schemes",
                 m->u.certificate_request.ca_names_total,
                 m->u.certificate_request.ca_names_total == 1 ? "" : "s",
                 m->u.certificate_request.n_sigalgs);
        break;
    case GLASS_HS_CERTIFICATE_VERIFY:
        snprintf(out, cap, "the client's %s signature over the handshake so far, checked",
                 glass_sigalg_name(m->u.certificate_verify.sigalg));
        break;
    case GLASS_HS_CHANGE_CIPHER_SPEC:
        snprintf(out, cap, "%s", m->sent ? "the server's records are now AES-GCM encrypted"
                                         : "the client's records are now AES-GCM encrypted");
        break;
    case GLASS_HS_FINISHED:
        snprintf(out, cap, "%s", m->sent ? "verify_data over the whole handshake"
                                         : "verify_data checked: nothing was tampered with");
        break;
    default:
        break;
    }
}

static void record_step(session *s)
{
    const glass_hs_message *m = glass_conn_last_message(s->c);
    if (m == NULL || m->type == GLASS_HS_NONE || s->n_steps >= SESSION_MAX_STEPS)
        return;
    char detail[120];
    step_detail(m, detail, sizeof detail);
    snprintf(s->steps[s->n_steps++], sizeof s->steps[0], "%s %s%s%s%s",
             m->sent ? "sent" : "received", glass_hs_type_name(m->type),
             detail[0] ? ": " : "", detail, "");
}

/* The handshake, step by step: 0, HS_TIMEOUT, or a glass_err. */
static int run_handshake(session *s)
{
    while (!glass_handshake_done(s->c)) {
        int rc = glass_handshake_step(s->c);
        if (rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE)
            return HS_TIMEOUT;         /* the socket timeout expired */
        if (rc != 0)
            return rc;
        record_step(s);
        if (time(NULL) > s->deadline)
            return HS_TIMEOUT;
    }
    return 0;
}

/* "handshake failed in ClientHello: <reason>; alert sent: decode_error" */
static void describe_failure(session *s, int rc, char *out, size_t cap)
{
    glass_alert a = glass_conn_last_alert_sent(s->c), r = glass_conn_last_alert_received(s->c);
    const char *why = glass_conn_peer_cert_reason(s->c);   /* a refused client certificate */
    snprintf(out, cap, "%s in %s: %s%s%s%s%s%s%s%s", glass_handshake_done(s->c) ? "failed" :
             "handshake failed", glass_conn_state_name(s->c), glass_strerror(rc),
             a.present ? "; alert sent: " : "", a.present ? glass_alert_name(a.description) : "",
             r.present ? "; alert received: " : "",
             r.present ? glass_alert_name(r.description) : "",
             why != NULL ? " (" : "", why != NULL ? why : "", why != NULL ? ")" : "");
}

/* The client's SNI for a log line: printable ASCII only ("-" if none);
 * a hostile client chooses these bytes. */
static void printable(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; in != NULL && *in != '\0' && n + 1 < cap; in++)
        out[n++] = (*in > ' ' && *in < 0x7f) ? *in : '?';
    if (n == 0)
        out[n++] = '-';
    out[n] = '\0';
}

/* close_notify, then wait (briefly, bounded) for the client's close. */
static void close_gently(session *s)
{
    if (glass_close(s->c) != 0)
        return;
    shutdown(s->fd, SHUT_WR);
    set_timeouts(s->fd, 1);
    uint8_t drain[512];
    for (int i = 0; i < 16 && glass_read(s->c, drain, sizeof drain) > 0; i++)
        ;
}

/* After a failure: the alert is on its way; stop sending, and read (at
 * most 64 kB, at most 200 ms) what the client still sends, so that
 * closing a socket with unread bytes does not make the kernel reset the
 * connection and throw the alert away before the client reads it. */
static void linger_after_failure(int fd)
{
    struct timeval tv = { 0, 200000 };
    shutdown(fd, SHUT_WR);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char junk[4096];
    for (int i = 0; i < 16 && recv(fd, junk, sizeof junk, 0) > 0; i++)
        ;
}

void serve_connection(session *s)
{
    const server_opts *o = s->opts;
    char result[300];
    set_timeouts(s->fd, o->io_timeout);
    s->deadline = time(NULL) + o->handshake_timeout;
    conn_trace_start(s);               /* s->cfg: the configuration, this connection's trace */
    glass_transport t = corked_transport(s);
    glass_pcap_stream *cap = NULL;
    int rc = pcap_tap(o->pcap, s->fd, 0, &t, &cap);     /* --pcap */
    if (rc == 0)
        rc = glass_conn_new(&s->c, &s->cfg, t);
    if (rc != 0) {
        snprintf(result, sizeof result, "cannot start: %s", glass_strerror(rc));
    } else if ((rc = run_handshake(s)) == HS_TIMEOUT) {
        snprintf(result, sizeof result, "timeout in %s", glass_conn_state_name(s->c));
    } else if (rc != 0) {
        describe_failure(s, rc, result, sizeof result);
    } else if ((rc = http_serve(s)) == HS_TIMEOUT) {
        snprintf(result, sizeof result, "timeout waiting for the request");
    } else if ((rc == GLASS_E_EOF || rc == GLASS_E_CLOSED) && s->status == 0) {
        /* browsers open spare connections and may close them unused */
        snprintf(result, sizeof result, "closed by the client before any request (%s)",
                 rc == GLASS_E_CLOSED ? "close_notify" : "no close_notify");
    } else if (rc != 0) {
        describe_failure(s, rc, result, sizeof result);
    } else {
        snprintf(result, sizeof result, "ok");
        close_gently(s);
    }
    if (s->c != NULL && rc != 0 && rc != HS_TIMEOUT && glass_conn_last_alert_sent(s->c).present)
        linger_after_failure(s->fd);
    char sni[80];
    printable(s->c ? glass_conn_server_name(s->c) : NULL, sni, sizeof sni);
    uint16_t suite = s->c ? glass_conn_suite(s->c) : 0;
    char req[200] = "";
    if (s->request[0] || s->status)
        snprintf(req, sizeof req, " \"%s\" %d", s->request[0] ? s->request : "(malformed)",
                 s->status);
    /* the client certificate's subject, when one was verified */
    char client[300] = "";
    const char *subject = s->c ? glass_conn_peer_subject(s->c) : NULL;
    if (subject != NULL) {
        char shown[260];
        size_t n = 0;
        for (; subject[n] != '\0' && n + 1 < sizeof shown; n++)   /* spaces kept */
            shown[n] = (subject[n] >= ' ' && subject[n] < 0x7f && subject[n] != '"')
                           ? subject[n] : '?';
        shown[n] = '\0';
        snprintf(client, sizeof client, " client=\"%s\"", shown);
    }
    /* session=resumed: the abbreviated handshake ran (a cached session_id
     * or a ticket); session=new: a full one */
    server_log("[c%lu] %s sni=%s suite=%s ems=%s%s%s session=%s bytes=%llu: %s\n", s->id,
               s->peer, sni, suite_name(suite),
               s->c && suite && glass_conn_ems(s->c) ? "yes" : "no", client, req,
               s->c && glass_conn_resumed(s->c) ? "resumed" : "new", s->bytes_sent, result);
    glass_conn_free(s->c);
    conn_trace_end(s);
    glass_pcap_stream_free(cap);
    glass_html_free(s->page);          /* wipes what it recorded */
    close(s->fd);
    free(s);
    server_conn_done();
}
