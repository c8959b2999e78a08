/*
 * serve.c — one connection of glass-server, from accept() to close(), as
 * a state machine its worker (loop.c) runs whenever the socket is ready.
 * Each call goes as far as it can without waiting; when the library says
 * GLASS_E_WANT_READ or _WANT_WRITE, the connection tells the worker what
 * to wait for and returns.  The phases (server.h):
 *
 *   PH_HANDSHAKE  one glass_handshake_step() at a time, remembering what
 *                 each step sent or received (the built-in page shows it);
 *   PH_REQUEST    the request head, read into a small buffer that grows
 *                 (at most 8 KiB) and is freed once the head is parsed;
 *   PH_RESPONSE   the answer http.c prepared: the head and the body, one
 *                 record at a time, each made in the worker's scratch
 *                 record (a file is read straight into it with pread());
 *   PH_CLOSE, PH_CLOSING  close_notify, then a short wait (at most 1 s,
 *                 16 reads) for the client's close, so the kernel does not
 *                 reset a connection whose response is in flight;
 *   PH_LINGER     after a failure whose alert went out: stop sending and
 *                 read (at most 200 ms, 16 reads) what the client still
 *                 sends, so the alert is not thrown away by a reset.
 * Then one log line: connection id, peer, SNI, suite, EMS, result, new or
 * resumed session, bytes sent.
 *
 * Timeouts (checked by the worker): a wait longer than --timeout ends the
 * connection, and the handshake plus the request must be done within
 * 3 times that, so a client that stalls or trickles bytes holds only its
 * own small session, and not for long.
 * The transport is the file descriptor's, with the socket corked until we
 * wait for the client: a flight leaves as one TCP segment.
 * The connection is traced on its own (log.c): its lines carry the same
 * id, "[c3] ", or go to its own file with --trace-dir.
 *
 * Any failure ends this connection only: the library has already sent the
 * alert that matches the error (docs/alerts.md).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/ct.h"
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
    if (s->steps == NULL || m == NULL || m->type == GLASS_HS_NONE ||
        s->n_steps >= SESSION_MAX_STEPS)
        return;
    char detail[120];
    step_detail(m, detail, sizeof detail);
    snprintf(s->steps[s->n_steps++], STEP_TEXT, "%s %s%s%s%s",
             m->sent ? "sent" : "received", glass_hs_type_name(m->type),
             detail[0] ? ": " : "", detail, "");
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


/* ---- the end of a connection ---- */

/* The log line's result, composed now from what the session noted. */
static void compose_result(session *s, char *out, size_t cap)
{
    switch (s->result) {
    case RES_OK:
        snprintf(out, cap, "ok");
        break;
    case RES_START:
        snprintf(out, cap, "cannot start: %s", glass_strerror(s->result_rc));
        break;
    case RES_HS_TIMEOUT:
        snprintf(out, cap, "timeout in %s", glass_conn_state_name(s->c));
        break;
    case RES_REQ_TIMEOUT:
        snprintf(out, cap, "timeout waiting for the request");
        break;
    case RES_SEND_TIMEOUT:
        snprintf(out, cap, "timeout sending the response");
        break;
    case RES_CLOSED_EARLY:
        /* browsers open spare connections and may close them unused */
        snprintf(out, cap, "closed by the client before any request (%s)",
                 s->result_rc == GLASS_E_CLOSED ? "close_notify" : "no close_notify");
        break;
    default:
        describe_failure(s, s->result_rc, out, cap);
        break;
    }
}

/* The log line, then everything freed and the socket closed. */
static void conn_end(session *s)
{
    char result[300];
    compose_result(s, result, sizeof result);
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
    glass_pcap_stream_free(s->cap);
    glass_html_free(s->page);          /* wipes what it recorded */
    http_response_free(s);
    free(s->steps);
    free(s->req);
    epoll_ctl(s->w->epfd, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    worker_conn_done(s->w, s);
    free(s);
}

/* Waits for the socket: EPOLLIN or EPOLLOUT, as the library asked, for at
 * most --timeout seconds (or until `until` ms when not 0).  Returns 1
 * (the connection lives on). */
static int wait_for(session *s, int want, long long until)
{
    uint32_t ev = want == GLASS_E_WANT_WRITE ? EPOLLOUT : EPOLLIN;
    if (ev != s->events) {
        struct epoll_event e = { .events = ev, .data.ptr = s };
        epoll_ctl(s->w->epfd, EPOLL_CTL_MOD, s->fd, &e);
        s->events = ev;
    }
    s->io_deadline = until != 0 ? until : now_ms() + 1000LL * s->opts->io_timeout;
    return 1;
}

static int would_block(long rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

/* A failure (rc): the connection ends, after a linger when an alert went
 * out (the peer should read it).  Returns as conn_run(). */
static int failed(session *s, enum session_result why, int rc)
{
    s->result = why;
    s->result_rc = rc;
    if (s->c != NULL && glass_conn_last_alert_sent(s->c).present) {
        shutdown(s->fd, SHUT_WR);
        s->phase = PH_LINGER;
        s->reads = 0;
        s->io_deadline = now_ms() + 200;
        return conn_run(s);
    }
    conn_end(s);
    return 0;
}

/* ---- the phases ---- */

static int step_handshake(session *s)
{
    while (!glass_handshake_done(s->c)) {
        int rc = glass_handshake_step(s->c);
        if (would_block(rc))
            return wait_for(s, rc, 0);
        if (rc != 0)
            return failed(s, RES_FAILED, rc);
        record_step(s);
    }
    s->phase = PH_REQUEST;
    return -1;                         /* go on */
}

#define REQ_FIRST 1024                 /* most request heads fit */
#define REQ_MAX 8192                   /* the longest head accepted */

static int step_request(session *s)
{
    for (;;) {
        if (s->req_have + 1 >= s->req_cap) {
            if (s->req_cap >= REQ_MAX) {
                free(s->req);          /* too long: 400 */
                s->req = NULL;
                if (http_prepare_error(s, 400) != 0)
                    return failed(s, RES_FAILED, GLASS_E_NO_MEMORY);
                s->phase = PH_RESPONSE;
                return -1;
            }
            size_t cap = s->req_cap == 0 ? REQ_FIRST : 2 * s->req_cap;
            char *bigger = realloc(s->req, cap);
            if (bigger == NULL)
                return failed(s, RES_FAILED, GLASS_E_NO_MEMORY);
            s->req = bigger;
            s->req_cap = cap;
        }
        long n = glass_read(s->c, (uint8_t *)s->req + s->req_have, s->req_cap - 1 - s->req_have);
        if (would_block(n))
            return wait_for(s, (int)n, 0);
        if ((n == GLASS_E_EOF || n == GLASS_E_CLOSED) && s->status == 0)
            return failed(s, RES_CLOSED_EARLY, (int)n);
        if (n <= 0)
            return failed(s, RES_FAILED, n < 0 ? (int)n : GLASS_E_IO);
        int nul = memchr(s->req + s->req_have, '\0', (size_t)n) != NULL;
        s->req_have += (size_t)n;
        s->req[s->req_have] = '\0';
        if (nul || http_head_complete(s->req, s->req_have)) {
            int rc = nul ? http_prepare_error(s, 400) : http_prepare(s);
            free(s->req);
            s->req = NULL;
            s->req_have = s->req_cap = 0;
            if (rc != 0)
                return failed(s, RES_FAILED, rc);
            s->phase = PH_RESPONSE;
            return -1;
        }
    }
}

/* The next record of the response into the worker's scratch: the rest of
 * the head, then the body (from memory, or read from the file).  Its
 * length, or a glass_err. */
static long next_chunk(session *s, uint8_t *out)
{
    response *r = s->resp;
    size_t n = 0, cap = GLASS_MAX_PLAINTEXT;
    if (r->pos < r->hlen) {
        n = r->hlen - (size_t)r->pos;
        memcpy(out, r->head + r->pos, n);
    }
    unsigned long long body_at = r->pos + n - r->hlen;
    unsigned long long left = r->body_len - body_at;
    size_t want = left < cap - n ? (size_t)left : cap - n;
    if (want > 0 && r->mem != NULL) {
        memcpy(out + n, r->mem + body_at, want);
        n += want;
    } else if (want > 0) {
        ssize_t got = pread(r->fd, out + n, want, (off_t)body_at);
        if (got <= 0)
            return GLASS_E_IO;         /* the file shrank: the response is cut short */
        n += (size_t)got;
    }
    return (long)n;
}

static int step_response(session *s)
{
    response *r = s->resp;
    uint8_t *scratch = s->w->scratch;
    while (r->pos < r->hlen + r->body_len) {
        /* the record glass_write accepted last time goes first, so a new
         * chunk is read only when the socket takes data */
        int rc = glass_flush(s->c);
        if (would_block(rc))
            return wait_for(s, rc, 0);
        if (rc != 0)
            return failed(s, RES_FAILED, rc);
        long n = next_chunk(s, scratch);
        if (n < 0)
            return failed(s, RES_FAILED, (int)n);
        long w = glass_write(s->c, scratch, (size_t)n);
        if (s->opts->show_secrets && r->wipe)
            glass_wipe(scratch, (size_t)n);
        if (would_block(w))
            return wait_for(s, (int)w, 0);   /* nothing taken: made again next time */
        if (w <= 0)
            return failed(s, RES_FAILED, w < 0 ? (int)w : GLASS_E_IO);
        r->pos += (unsigned long long)w;
        s->bytes_sent += (unsigned long long)w;
    }
    http_response_free(s);
    s->result = RES_OK;
    s->phase = PH_CLOSE;
    return -1;
}

static int step_close(session *s)
{
    int rc = glass_close(s->c);
    if (would_block(rc))
        return wait_for(s, rc, 0);
    if (rc != 0) {                     /* the response went out: still "ok" */
        conn_end(s);
        return 0;
    }
    shutdown(s->fd, SHUT_WR);
    s->phase = PH_CLOSING;
    s->reads = 0;
    s->io_deadline = now_ms() + 1000;
    return -1;
}

static int step_closing(session *s)
{
    long long until = s->io_deadline;
    while (s->reads < 16) {
        long n = glass_read(s->c, s->w->scratch, 512);
        if (would_block(n))
            return wait_for(s, (int)n, until);
        if (n <= 0)
            break;
        s->reads++;
    }
    conn_end(s);
    return 0;
}

static int step_linger(session *s)
{
    long long until = s->io_deadline;
    while (s->reads < 16) {
        ssize_t n = recv(s->fd, s->w->scratch, 4096, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return wait_for(s, GLASS_E_WANT_READ, until);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        s->reads++;
    }
    conn_end(s);
    return 0;
}

int conn_run(session *s)
{
    for (;;) {
        int r;
        switch (s->phase) {
        case PH_HANDSHAKE: r = step_handshake(s); break;
        case PH_REQUEST:   r = step_request(s); break;
        case PH_RESPONSE:  r = step_response(s); break;
        case PH_CLOSE:     r = step_close(s); break;
        case PH_CLOSING:   r = step_closing(s); break;
        default:           r = step_linger(s); break;
        }
        if (r >= 0)
            return r;
    }
}

int conn_timeout(session *s)
{
    switch (s->phase) {
    case PH_HANDSHAKE:
        s->result = RES_HS_TIMEOUT;
        break;
    case PH_REQUEST:
        s->result = RES_REQ_TIMEOUT;
        break;
    case PH_RESPONSE:
    case PH_CLOSE:
        s->result = RES_SEND_TIMEOUT;
        break;
    default:                           /* the wait for the client's close is over */
        break;
    }
    conn_end(s);
    return 0;
}

int conn_open(worker *w, int fd, const char *peer, const server_opts *opts)
{
    session *s = calloc(1, sizeof *s);
    if (s == NULL) {
        server_log("%s: out of memory; dropped\n", peer);
        close(fd);
        return -1;
    }
    worker_conn_add(w, s);
    s->id = next_conn_id();
    s->fd = fd;
    s->opts = opts;
    s->w = w;
    snprintf(s->peer, sizeof s->peer, "%s", peer);
    long long now = now_ms();
    s->deadline = now + 1000LL * opts->handshake_timeout;
    s->io_deadline = now + 1000LL * opts->io_timeout;
    s->phase = PH_HANDSHAKE;
    s->result = RES_FAILED;
    if (opts->root == NULL)            /* the built-in page lists the steps */
        s->steps = calloc(SESSION_MAX_STEPS, sizeof *s->steps);
    if (opts->sndbuf > 0)              /* --sndbuf: the kernel's buffer bounded */
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &opts->sndbuf, sizeof opts->sndbuf);
    conn_trace_start(s);               /* s->cfg: the configuration, this connection's trace */
    glass_transport t = corked_transport(s);
    int rc = pcap_tap(opts->pcap, s->fd, 0, &t, &s->cap);     /* --pcap */
    if (rc == 0)
        rc = glass_conn_new(&s->c, &s->cfg, t);
    struct epoll_event e = { .events = EPOLLIN, .data.ptr = s };
    s->events = EPOLLIN;
    if (rc == 0 && epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &e) != 0)
        rc = GLASS_E_IO;
    if (rc != 0) {
        s->result = RES_START;
        s->result_rc = rc;
        conn_end(s);                   /* logged, counted done */
        return 0;
    }
    /* the client speaks first: wait for its ClientHello */
    return 0;
}
