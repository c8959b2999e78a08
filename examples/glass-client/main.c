/*
 * glass-client — fetches one HTTPS URL over glasstls (TLS 1.2 only): the
 * journey from "enter a URL" to "render the response", one step each.
 *
 *   glass-client [options] https://HOST[:PORT]/PATH
 *
 *   1. resolve HOST (IPv4 and IPv6) and connect over TCP   (net.c)
 *   2. the TLS handshake, SNI = HOST; the server's chain is checked
 *      against the trust anchors and HOST                   (here)
 *   3. GET PATH over HTTP/1.1, read the whole response      (fetch.c)
 *   4. close_notify
 *
 * Options:
 *   --cafile FILE   trust anchors (PEM); default: the system bundle
 *                   /etc/ssl/certs/ca-certificates.crt
 *   -k, --insecure  do NOT check the certificate (prints a warning)
 *   -o FILE         write the body to FILE instead of stdout
 *   -i              print the status line and headers before the body
 *   -v              one line on stderr: suite, key exchange, EMS, subject
 *   --timeout S     seconds for the connect and for each read (default 10)
 *   --suites HEX,.. cipher suites to offer, --no-ems: no RFC 7627
 *   --groups LIST   ECDHE groups to offer, e.g. P-256 or x25519,P-384
 *   --trace 0-3     print the handshake on stderr (glasstls/trace.h); from
 *                   level 1, the steps around it too: the URL, DNS
 *                   resolution, the TCP connection, the HTTP request and
 *                   "render the response" (status, body size)
 *   --mermaid FILE  write it as a Mermaid sequence diagram
 *   --keylog FILE   (or SSLKEYLOGFILE) append the NSS key log line
 *                   Wireshark needs to decrypt a capture
 *   --sess-in FILE  offer the session saved in FILE (glasstls/session.h:
 *                   an opaque, versioned blob holding the master secret)
 *   --sess-out FILE save the session of the last connection to FILE
 *   --reconnect N   after the first fetch, connect N more times, each
 *                   resuming the session of the one before, and say on
 *                   stderr which connections resumed ("connection 2 of 3:
 *                   resumed session")
 *                   Any of these three also asks for a session ticket
 *                   (RFC 5077).
 *   --dump-dir DIR  write each handshake message and record as a file
 *   --recipes       with --trace 3: the command that re-computes each value
 *   --pcap FILE     write the connection's bytes as pcapng (for Wireshark)
 *
 * Exit status: 0 with a complete 2xx/3xx response; 1 and one line on
 * stderr saying why for a resolution, connection, TLS, certificate or HTTP
 * failure (a truncated body included) or an HTTP error status; 2 usage.
 *
 * Public API only: glasstls/tls.h (connections), glasstls/x509.h (files).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"
#include "../trace_opts.h"

#define SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static void usage(void)
{
    fprintf(stderr, "usage: glass-client [--cafile FILE] [-k|--insecure] [-o FILE] [-i] [-v]\n"
                    "                    [--timeout S] [--suites HEX,...] [--groups LIST] [--no-ems]\n"
                    "                    [--cert CHAIN.pem --key KEY.pem]\n"
                    "                    [--trace 0-3] [--mermaid FILE] [--keylog FILE]\n"
                    "                    [--dump-dir DIR] [--recipes] [--pcap FILE]\n"
                    "                    [--sess-in FILE] [--sess-out FILE] [--reconnect N]\n"
                    "                    https://HOST[:PORT]/PATH\n");
    exit(2);
}

/* One line: why the handshake failed, and the alert sent or received. */
static void report_failure(glass_conn *c, int rc)
{
    glass_alert a = glass_conn_last_alert_sent(c), r = glass_conn_last_alert_received(c);
    const char *why = glass_conn_peer_cert_reason(c);
    char alert[64] = "";
    if (a.present)
        snprintf(alert, sizeof alert, "; alert sent: %s", glass_alert_name(a.description));
    else if (r.present)
        snprintf(alert, sizeof alert, "; alert received: %s", glass_alert_name(r.description));
    if (why != NULL)
        fprintf(stderr, PROG ": server certificate refused: %s%s\n", why, alert);
    else if (rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE)
        fprintf(stderr, PROG ": handshake timed out in %s\n", glass_conn_state_name(c));
    else
        fprintf(stderr, PROG ": handshake failed in %s: %s%s\n",
                glass_conn_state_name(c), glass_strerror(rc), alert);
}

/* ---- the phases of main ---- */

/* Everything one fetch holds, from the command line to the connection. */
typedef struct client {
    /* the command line */
    const char *cafile, *suites, *groups, *outfile;
    const char *cert, *keyf;   /* --cert/--key: sent when the server asks */
    int no_ems, insecure, verbose, show_headers;
    long timeout;
    trace_opts tr;
    url u;
    const char *sess_in, *sess_out;
    long reconnect;
    /* the session to offer next, from --sess-in or the last connection */
    uint8_t sess[GLASS_SESSION_BLOB_MAX];
    size_t sess_len;
    /* set up */
    glass_x509_list trust, chain;
    glass_private_key key;          /* --key: RSA or EC */
    glass_config cfg;
    FILE *body;                /* where the body goes: stdout or -o FILE */
    /* connected */
    int fd;
    glass_conn *c;
    glass_pcap_stream *pcap;   /* --pcap: this connection in the capture */
    char subject[300];         /* the server certificate's subject */
} client;

/* 1. The command line and the URL; exits 2 on a usage error. */
static void parse_options(int argc, char **argv, client *cl)
{
    const char *text = NULL;
    cl->timeout = 10;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (trace_arg(argc, argv, &i, &cl->tr)) continue;
        if (strcmp(a, "--cafile") == 0 && i + 1 < argc) cl->cafile = argv[++i];
        else if (strcmp(a, "--suites") == 0 && i + 1 < argc) cl->suites = argv[++i];
        else if (strcmp(a, "--groups") == 0 && i + 1 < argc) cl->groups = argv[++i];
        else if (strcmp(a, "--timeout") == 0 && i + 1 < argc) cl->timeout = atol(argv[++i]);
        else if (strcmp(a, "-o") == 0 && i + 1 < argc) cl->outfile = argv[++i];
        else if (strcmp(a, "--cert") == 0 && i + 1 < argc) cl->cert = argv[++i];
        else if (strcmp(a, "--key") == 0 && i + 1 < argc) cl->keyf = argv[++i];
        else if (strcmp(a, "--no-ems") == 0) cl->no_ems = 1;
        else if (strcmp(a, "--sess-in") == 0 && i + 1 < argc) cl->sess_in = argv[++i];
        else if (strcmp(a, "--sess-out") == 0 && i + 1 < argc) cl->sess_out = argv[++i];
        else if (strcmp(a, "--reconnect") == 0 && i + 1 < argc) cl->reconnect = atol(argv[++i]);
        else if (strcmp(a, "-k") == 0 || strcmp(a, "--insecure") == 0) cl->insecure = 1;
        else if (strcmp(a, "-v") == 0) cl->verbose = 1;
        else if (strcmp(a, "-i") == 0 || strcmp(a, "--head") == 0) cl->show_headers = 1;
        else if (a[0] != '-' && text == NULL) text = a;
        else usage();
    }
    char err[600];
    if (text == NULL || cl->timeout < 1 || cl->timeout > 3600 || cl->reconnect < 0 ||
        cl->reconnect > 1000 || (cl->cert == NULL) != (cl->keyf == NULL))
        usage();
    if (url_parse(text, &cl->u, err, sizeof err) != 0) {
        fprintf(stderr, PROG ": %s\n", err);
        exit(2);
    }
}

/* 2a. The trust anchors (or, with -k, a loud warning instead). */
static int load_trust(client *cl)
{
    if (cl->insecure) {
        fprintf(stderr, "\n*** " PROG ": WARNING: -k/--insecure: the server's certificate is NOT"
                        " checked.\n*** Anyone between you and %s can read and change this"
                        " connection.\n\n", cl->u.host);
        cl->cfg.verify_peer = 0;
        return 0;
    }
    const char *file = cl->cafile ? cl->cafile : SYSTEM_BUNDLE;
    int rc = glass_x509_list_load_file(&cl->trust, file);
    if (rc != 0 || cl->trust.count == 0) {
        fprintf(stderr, PROG ": trust anchors %s: %s\n", file,
                rc ? glass_strerror(rc) : "no certificates");
        return -1;
    }
    cl->cfg.trust = &cl->trust;
    return 0;
}

/* 2b. Our certificate and key (--cert/--key), for a server that asks for
 * one (CertificateRequest); without them the client answers with an
 * empty Certificate. */
static int load_credentials(client *cl)
{
    glass_x509_list_init(&cl->chain);
    if (cl->cert == NULL)
        return 0;
    int rc = glass_x509_list_load_file(&cl->chain, cl->cert);
    if (rc != 0 || cl->chain.count == 0) {
        fprintf(stderr, PROG ": --cert %s: %s\n", cl->cert,
                rc ? glass_strerror(rc) : "no certificates");
        return -1;
    }
    rc = glass_private_key_load_file(&cl->key, cl->keyf);
    if (rc != 0) {
        fprintf(stderr, PROG ": --key %s: %s\n", cl->keyf, glass_strerror(rc));
        return -1;
    }
    cl->cfg.certs[0].chain = &cl->chain;     /* either key type (glass_cert_key) */
    cl->cfg.certs[0].key = &cl->key;
    cl->cfg.cert_count = 1;
    return 0;
}

/* 2c. Where the body goes.  Into a file or a pipe, it goes out in large
 * blocks: stdio's default for them (4 KiB) makes a write(), and for a
 * pipe a wake-up of the program reading it, every few kilobytes, which
 * cost more than decrypting them.  A terminal keeps its line buffering. */
static int open_output(client *cl)
{
    static char body_buf[256 * 1024];
    cl->body = stdout;
    if (cl->outfile != NULL && (cl->body = fopen(cl->outfile, "wb")) == NULL) {
        cl->body = stdout;
        perror(cl->outfile);
        return -1;
    }
    if (!isatty(fileno(cl->body)))
        setvbuf(cl->body, body_buf, _IOFBF, sizeof body_buf);
    return 0;
}

/* 2c. --sess-in: the session blob saved by an earlier run. */
static int load_session(client *cl)
{
    FILE *f = fopen(cl->sess_in, "rb");
    if (f == NULL) {
        perror(cl->sess_in);
        return -1;
    }
    cl->sess_len = fread(cl->sess, 1, sizeof cl->sess, f);
    fclose(f);
    return 0;
}

/* --sess-out: the last connection's session, readable by us only (it
 * holds the master secret). */
static int save_session(const client *cl)
{
    FILE *f = fopen(cl->sess_out, "wb");
    if (f == NULL || fchmod(fileno(f), 0600) != 0 ||
        fwrite(cl->sess, 1, cl->sess_len, f) != cl->sess_len) {
        perror(cl->sess_out);
        if (f != NULL)
            fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* 2. Set up: the configuration (trust, SNI, suites, trace) and the
 * output; 0, or -1 after saying why. */
static int set_up(client *cl)
{
    signal(SIGPIPE, SIG_IGN);
    glass_x509_list_init(&cl->trust);
    glass_config_init(&cl->cfg, GLASS_ROLE_CLIENT);
    cl->cfg.pack_flights = 1;              /* one send per flight */
    if (load_trust(cl) != 0 || load_credentials(cl) != 0)
        return -1;
    cl->cfg.server_name = cl->u.host;
    cl->cfg.disable_ems = cl->no_ems;
    /* resuming: ask for a ticket too (the server may resume by either) */
    cl->cfg.session_tickets = cl->sess_in != NULL || cl->sess_out != NULL || cl->reconnect > 0;
    if (cl->sess_in != NULL && load_session(cl) != 0)
        return -1;
    if (cl->suites != NULL)
        cl->cfg.suite_count = parse_suites(cl->suites, cl->cfg.suites, GLASS_CONFIG_MAX_SUITES);
    if (cl->groups != NULL) {
        cl->cfg.group_count = parse_groups(cl->groups, cl->cfg.groups, GLASS_CONFIG_MAX_GROUPS);
        if (cl->cfg.group_count == 0) {
            fprintf(stderr, PROG ": --groups %s: use x25519, P-256, P-384\n", cl->groups);
            return -1;
        }
    }
    if (trace_setup(&cl->tr, &cl->cfg, glass_tracer_observe, PROG) != 0)
        return -1;
    return open_output(cl);
}

/* 3a. The handshake, one step at a time, keeping the subject of the
 * server's certificate (its DER is only valid until the next step). */
static int handshake(glass_conn *c, char *subject, size_t cap)
{
    snprintf(subject, cap, "?");
    while (!glass_handshake_done(c)) {
        int rc = glass_handshake_step(c);
        if (rc != 0)
            return rc;
        const glass_hs_message *m = glass_conn_last_message(c);
        glass_x509_cert leaf;
        if (m != NULL && !m->sent && m->type == GLASS_HS_CERTIFICATE &&
            m->u.certificate.n_certs > 0 &&
            glass_x509_parse(&leaf, m->u.certificate.cert[0], m->u.certificate.cert_len[0]) == 0)
            glass_x509_subject_string(&leaf, subject, cap);
    }
    return 0;
}

/* 3. DNS, TCP, then TLS: 0, or -1 after saying why. */
static int connect_and_handshake(client *cl)
{
    char err[600];
    FILE *trace = cl->tr.level >= 1 ? stderr : NULL;
    if (trace != NULL)
        fprintf(trace, "Client: enter the URL: host %s, port %s, path %s\n", cl->u.host,
                cl->u.port, cl->u.path);
    cl->fd = net_connect(cl->u.host, cl->u.port, (int)cl->timeout, trace, err, sizeof err);
    if (cl->fd < 0) {
        fprintf(stderr, PROG ": %s\n", err);
        return -1;
    }
    glass_transport t = glass_transport_fd(cl->fd);
    if (pcap_tap(cl->tr.pcap, cl->fd, 1, &t, &cl->pcap) != 0) {
        fprintf(stderr, PROG ": cannot write %s\n", cl->tr.pcap_file);
        return -1;
    }
    int rc = glass_conn_new(&cl->c, &cl->cfg, t);
    if (rc != 0) {
        fprintf(stderr, PROG ": %s\n", glass_strerror(rc));
        return -1;
    }
    /* a session to resume (a stale or foreign one: a full handshake) */
    if (cl->sess_len > 0 && (rc = glass_conn_set_session(cl->c, cl->sess, cl->sess_len)) != 0)
        fprintf(stderr, PROG ": the saved session is not used: %s\n", glass_strerror(rc));
    if ((rc = handshake(cl->c, cl->subject, sizeof cl->subject)) != 0) {
        report_failure(cl->c, rc);
        return -1;
    }
    /* this connection's session, for the next one (none: keep nothing) */
    if (glass_conn_get_session(cl->c, cl->sess, sizeof cl->sess, &cl->sess_len) != 0)
        cl->sess_len = 0;
    return 0;
}

/* -v: one line on what the handshake agreed on and whom it reached. */
static void report_connection(const client *cl)
{
    const glass_suite_info *s = glass_suite_find(glass_conn_suite(cl->c));
    fprintf(stderr, PROG ": %s, key exchange %s%s, %s; certificate \"%s\" %s%s\n",
            s ? s->name : "?", s && glass_kx_is_ecdhe(s->kx) ? "ECDHE " : "RSA",
            s && glass_kx_is_ecdhe(s->kx) ? glass_group_name(glass_conn_group(cl->c)) : "",
            glass_conn_ems(cl->c) ? "extended master secret" : "no extended master secret",
            cl->subject, cl->insecure ? "NOT CHECKED" : "verified for ",
            cl->insecure ? "" : cl->u.host);
}

/* 4. GET, the whole response, our close_notify: the exit status. */
static int exchange(client *cl)
{
    char err[600];
    FILE *trace = cl->tr.level >= 1 ? stderr : NULL;
    fetch_opts fo = { cl->body, cl->show_headers, trace };
    fetch_result res;
    int status = fetch(cl->c, &cl->u, &fo, &res, err, sizeof err);
    if (status >= 0 && trace != NULL)
        fprintf(trace, "Client: render the response: %s, a body of %llu bytes (%s%sframed by "
                "%s), written to %s\n", res.status_line, res.body_len, res.content_type,
                res.content_type[0] ? ", " : "", res.framing,
                cl->outfile ? cl->outfile : "stdout");
    int exit_code = 0;
    if (status < 0) {
        fprintf(stderr, PROG ": %s\n", err);
        exit_code = 1;
    } else if (status >= 400) {
        fprintf(stderr, PROG ": the server answered HTTP %d\n", status);
        exit_code = 1;
    }
    if (status >= 0)
        glass_close(cl->c);        /* our close_notify: the exchange is complete */
    return exit_code;
}

/* At the end: the output file closed (-1 if it failed), everything freed. */
static int clean_up(client *cl)
{
    int rc = 0;
    if (cl->body != NULL && cl->body != stdout && fclose(cl->body) != 0) {
        perror(cl->outfile);
        rc = -1;
    }
    glass_conn_free(cl->c);
    cl->c = NULL;
    glass_pcap_stream_free(cl->pcap);
    glass_pcap_free(cl->tr.pcap);
    if (cl->fd >= 0)
        close(cl->fd);
    cl->fd = -1;
    glass_x509_list_free(&cl->trust);
    glass_x509_list_free(&cl->chain);
    glass_private_key_wipe(&cl->key);
    glass_tracer_free(cl->tr.tracer);
    return rc;
}

int main(int argc, char **argv)
{
    static client cl = { .fd = -1 };
#ifdef GLASS_UNSAFE_LABS
    glass_lab_banner(stderr, "glass-client (lab build)");
#endif
    parse_options(argc, argv, &cl);                /* 1. options and the URL */
    int exit_code = 1;
    if (set_up(&cl) == 0) {                        /* 2. trust, config, trace, output */
        /* --reconnect N: N more connections, each offering the session
         * of the one before (3. and 4. again) */
        for (long k = 0; k <= cl.reconnect; k++) {
            if (k > 0) {
                glass_conn_free(cl.c);
                cl.c = NULL;
                close(cl.fd);
                cl.fd = -1;
            }
            exit_code = 1;
            if (connect_and_handshake(&cl) != 0)   /* 3. DNS, TCP, the TLS handshake */
                break;
            if (cl.verbose)
                report_connection(&cl);            /*    -v: suite and certificate */
            if (cl.reconnect > 0 || cl.sess_in != NULL)
                fprintf(stderr, PROG ": connection %ld of %ld: %s session\n", k + 1,
                        cl.reconnect + 1, glass_conn_resumed(cl.c) ? "resumed" : "new");
            exit_code = exchange(&cl);             /* 4. the HTTP request and response */
            if (exit_code != 0)
                break;
        }
        if (exit_code == 0 && cl.sess_out != NULL) {
            if (cl.sess_len == 0)
                fprintf(stderr, PROG ": --sess-out: the server gave no session to save\n");
            else if (save_session(&cl) != 0)
                exit_code = 1;
        }
    }
    if (clean_up(&cl) != 0)                        /* 5. close the output, free */
        exit_code = 1;
    return exit_code;
}
