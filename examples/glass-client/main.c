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
 *   --trace 0-3     print the handshake on stderr (glasstls/trace.h)
 *   --mermaid FILE  write it as a Mermaid sequence diagram
 *   --keylog FILE   (or SSLKEYLOGFILE) append the NSS key log line
 *                   Wireshark needs to decrypt a capture
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
#include <unistd.h>

#include "client.h"
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
                    "                    [--timeout S] [--suites HEX,...] [--no-ems]\n"
                    "                    [--trace 0-3] [--mermaid FILE] [--keylog FILE]\n"
                    "                    https://HOST[:PORT]/PATH\n");
    exit(2);
}

static size_t parse_suites(const char *list, uint16_t *out, size_t cap)
{
    size_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL && n < cap; tok = strtok(NULL, ","))
        out[n++] = (uint16_t)strtoul(tok, NULL, 16);
    return n;
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

/* The handshake, one step at a time, keeping the subject of the server's
 * certificate (its DER is only valid until the next step). */
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

int main(int argc, char **argv)
{
    const char *cafile = NULL, *text = NULL, *suites = NULL, *outfile = NULL;
    int no_ems = 0, insecure = 0, verbose = 0, show_headers = 0;
    long timeout = 10;
    trace_opts tr = { 0, NULL, NULL, NULL };
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (trace_arg(argc, argv, &i, &tr)) continue;
        if (strcmp(a, "--cafile") == 0 && i + 1 < argc) cafile = argv[++i];
        else if (strcmp(a, "--suites") == 0 && i + 1 < argc) suites = argv[++i];
        else if (strcmp(a, "--timeout") == 0 && i + 1 < argc) timeout = atol(argv[++i]);
        else if (strcmp(a, "-o") == 0 && i + 1 < argc) outfile = argv[++i];
        else if (strcmp(a, "--no-ems") == 0) no_ems = 1;
        else if (strcmp(a, "-k") == 0 || strcmp(a, "--insecure") == 0) insecure = 1;
        else if (strcmp(a, "-v") == 0) verbose = 1;
        else if (strcmp(a, "-i") == 0 || strcmp(a, "--head") == 0) show_headers = 1;
        else if (a[0] != '-' && text == NULL) text = a;
        else usage();
    }
    url u;
    char err[600];
    if (text == NULL || timeout < 1 || timeout > 3600)
        usage();
    if (url_parse(text, &u, err, sizeof err) != 0) {
        fprintf(stderr, PROG ": %s\n", err);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    glass_x509_list trust;
    glass_x509_list_init(&trust);
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);
    if (insecure) {
        fprintf(stderr, "\n*** " PROG ": WARNING: -k/--insecure: the server's certificate is NOT"
                        " checked.\n*** Anyone between you and %s can read and change this"
                        " connection.\n\n", u.host);
        cfg.verify_peer = 0;
    } else {
        const char *file = cafile ? cafile : SYSTEM_BUNDLE;
        int rc = glass_x509_list_load_file(&trust, file);
        if (rc != 0 || trust.count == 0) {
            fprintf(stderr, PROG ": trust anchors %s: %s\n", file,
                    rc ? glass_strerror(rc) : "no certificates");
            return 1;
        }
        cfg.trust = &trust;
    }
    cfg.server_name = u.host;
    cfg.disable_ems = no_ems;
    if (suites != NULL)
        cfg.suite_count = parse_suites(suites, cfg.suites, GLASS_CONFIG_MAX_SUITES);
    if (trace_setup(&tr, &cfg, glass_tracer_observe, PROG) != 0)
        return 1;

    FILE *body = stdout;
    if (outfile != NULL && (body = fopen(outfile, "wb")) == NULL) {
        perror(outfile);
        return 1;
    }
    /* Into a file or a pipe, the body goes out in large blocks: stdio's
     * default for them (4 KiB) makes a write(), and for a pipe a wake-up
     * of the program reading it, every few kilobytes, which cost more
     * than decrypting them.  A terminal keeps its line buffering. */
    static char body_buf[256 * 1024];
    if (!isatty(fileno(body)))
        setvbuf(body, body_buf, _IOFBF, sizeof body_buf);
    int fd = net_connect(u.host, u.port, (int)timeout, err, sizeof err);
    if (fd < 0) {
        fprintf(stderr, PROG ": %s\n", err);
        return 1;
    }
    glass_conn *c;
    char subject[300];
    int rc = glass_conn_new(&c, &cfg, glass_transport_fd(fd));
    if (rc != 0) {
        fprintf(stderr, PROG ": %s\n", glass_strerror(rc));
        return 1;
    }
    if ((rc = handshake(c, subject, sizeof subject)) != 0) {
        report_failure(c, rc);
        glass_conn_free(c);
        close(fd);
        glass_x509_list_free(&trust);
        glass_tracer_free(tr.tracer);
        return 1;
    }
    if (verbose) {
        const glass_suite_info *s = glass_suite_find(glass_conn_suite(c));
        fprintf(stderr, PROG ": %s, key exchange %s, %s; certificate \"%s\" %s%s\n",
                s ? s->name : "?", s && s->kx == GLASS_KX_ECDHE_RSA ? "ECDHE X25519" : "RSA",
                glass_conn_ems(c) ? "extended master secret" : "no extended master secret",
                subject, insecure ? "NOT CHECKED" : "verified for ", insecure ? "" : u.host);
    }
    fetch_opts fo = { body, show_headers };
    int status = fetch(c, &u, &fo, err, sizeof err);
    int exit_code = 0;
    if (status < 0) {
        fprintf(stderr, PROG ": %s\n", err);
        exit_code = 1;
    } else if (status >= 400) {
        fprintf(stderr, PROG ": the server answered HTTP %d\n", status);
        exit_code = 1;
    }
    if (status >= 0)
        glass_close(c);            /* our close_notify: the exchange is complete */
    if (body != stdout && fclose(body) != 0) {
        perror(outfile);
        exit_code = 1;
    }
    glass_conn_free(c);
    close(fd);
    glass_x509_list_free(&trust);
    glass_tracer_free(tr.tracer);
    return exit_code;
}
