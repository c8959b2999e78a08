/*
 * glass-client — fetches one HTTPS URL over glasstls (TLS 1.2 only) and
 * prints the response body.
 *
 *   glass-client [--cafile FILE] [--suites HEX,...] [--no-ems] [--head]
 *                [--trace 0-3] [--mermaid FILE] [--keylog FILE]
 *                https://HOST[:PORT]/PATH
 *
 * --trace prints the handshake on stderr (glasstls/trace.h), --mermaid
 * writes it as a sequence diagram, --keylog (or SSLKEYLOGFILE) appends the
 * NSS key log line Wireshark needs to decrypt the capture.
 *
 * The server's certificate chain and host name are checked against the
 * certificates in --cafile (default: the system's /etc/ssl/certs).  On
 * failure one line on stderr says why and which alert was sent; the exit
 * status is 1.  --head prints the response headers too.
 *
 * Public API only: glasstls/tls.h (connections), glasstls/x509.h (files).
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"

#define PROG "glass-client"

static void usage(void)
{
    fprintf(stderr, "usage: glass-client [--cafile FILE] [--suites HEX,...] [--no-ems] [--head]\n"
                    "                    [--trace 0-3] [--mermaid FILE] [--keylog FILE]"
                    " https://HOST[:PORT]/PATH\n");
    exit(2);
}

/* https://host[:port][/path] -> host, port, path. */
static int parse_url(const char *url, char *host, size_t hcap, char *port, size_t pcap,
                     char *path, size_t cap)
{
    if (strncmp(url, "https://", 8) != 0)
        return -1;
    const char *h = url + 8, *slash = strchr(h, '/');
    size_t hl = slash ? (size_t)(slash - h) : strlen(h);
    snprintf(path, cap, "%s", slash ? slash : "/");
    const char *colon = memchr(h, ':', hl);
    if (h[0] == '[') {                         /* [IPv6]:port */
        const char *end = memchr(h, ']', hl);
        if (end == NULL)
            return -1;
        colon = (end + 1 < h + hl && end[1] == ':') ? end + 1 : NULL;
        snprintf(host, hcap, "%.*s", (int)(end - h - 1), h + 1);
    } else {
        snprintf(host, hcap, "%.*s", (int)(colon ? (size_t)(colon - h) : hl), h);
    }
    if (colon != NULL)
        snprintf(port, pcap, "%.*s", (int)(h + hl - colon - 1), colon + 1);
    else
        snprintf(port, pcap, "443");
    return host[0] ? 0 : -1;
}

static int connect_to(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return -1;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, SOCK_STREAM, 0);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

/* ---- trace (glasstls/trace.h): --trace 0-3, --mermaid FILE, --keylog FILE,
 * and the SSLKEYLOGFILE environment variable (a key log for Wireshark).
 * The text goes to stderr.  With none of them cfg.trace stays NULL. ---- */
typedef struct trace_opts {
    int level;
    const char *mermaid, *keylog;
    glass_tracer *tracer;
} trace_opts;

/* Takes argv[*i] (and its value) when it is a trace option: 1, else 0. */
static int trace_arg(int argc, char **argv, int *i, trace_opts *o)
{
    if (*i + 1 >= argc)
        return 0;
    if (strcmp(argv[*i], "--trace") == 0) o->level = atoi(argv[++*i]);
    else if (strcmp(argv[*i], "--mermaid") == 0) o->mermaid = argv[++*i];
    else if (strcmp(argv[*i], "--keylog") == 0) o->keylog = argv[++*i];
    else return 0;
    return 1;
}

/* Sets cfg->trace up (0), or says why it cannot (-1). */
static int trace_setup(trace_opts *o, glass_config *cfg)
{
    const char *env = getenv("SSLKEYLOGFILE");
    const char *keylog = o->keylog ? o->keylog : (env && env[0] ? env : NULL);
    if (o->level <= 0 && o->mermaid == NULL && keylog == NULL)
        return 0;
    if ((o->tracer = glass_tracer_new()) == NULL)
        return -1;
    glass_tracer_text(o->tracer, stderr, o->level, -1);
    if ((o->mermaid && glass_tracer_mermaid(o->tracer, o->mermaid) != 0) ||
        (keylog && glass_tracer_keylog(o->tracer, keylog) != 0)) {
        fprintf(stderr, "%s: cannot write %s\n", PROG, o->mermaid ? o->mermaid : keylog);
        return -1;
    }
    cfg->trace = glass_tracer_observe;
    cfg->trace_ctx = o->tracer;
    return 0;
}
/* ---- end of trace ---- */

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
        fprintf(stderr, "glass-client: server certificate refused: %s%s\n", why, alert);
    else
        fprintf(stderr, "glass-client: handshake failed in %s: %s%s\n",
                glass_conn_state_name(c), glass_strerror(rc), alert);
}

int main(int argc, char **argv)
{
    const char *cafile = NULL, *url = NULL, *suites = NULL;
    int no_ems = 0, head = 0;
    trace_opts tr = { 0, NULL, NULL, NULL };
    for (int i = 1; i < argc; i++) {
        if (trace_arg(argc, argv, &i, &tr)) continue;
        if (strcmp(argv[i], "--cafile") == 0 && i + 1 < argc) cafile = argv[++i];
        else if (strcmp(argv[i], "--suites") == 0 && i + 1 < argc) suites = argv[++i];
        else if (strcmp(argv[i], "--no-ems") == 0) no_ems = 1;
        else if (strcmp(argv[i], "--head") == 0) head = 1;
        else if (argv[i][0] != '-' && url == NULL) url = argv[i];
        else usage();
    }
    char host[256], port[16], path[2048];
    if (url == NULL || parse_url(url, host, sizeof host, port, sizeof port, path, sizeof path))
        usage();
    signal(SIGPIPE, SIG_IGN);

    glass_x509_list trust;
    glass_x509_list_init(&trust);
    int rc = cafile ? glass_x509_list_load_file(&trust, cafile)
                    : glass_x509_list_load_dir(&trust, "/etc/ssl/certs");
    if (rc != 0 || trust.count == 0) {
        fprintf(stderr, "glass-client: %s: %s\n", cafile ? cafile : "/etc/ssl/certs",
                rc ? glass_strerror(rc) : "no certificates");
        return 1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);
    cfg.trust = &trust;
    cfg.server_name = host;
    cfg.disable_ems = no_ems;
    if (trace_setup(&tr, &cfg) != 0)
        return 1;
    if (suites != NULL)
        cfg.suite_count = parse_suites(suites, cfg.suites, GLASS_CONFIG_MAX_SUITES);

    int fd = connect_to(host, port);
    if (fd < 0) {
        fprintf(stderr, "glass-client: cannot connect to %s port %s\n", host, port);
        return 1;
    }
    glass_conn *c;
    rc = glass_conn_new(&c, &cfg, glass_transport_fd(fd));
    if (rc == 0 && (rc = glass_handshake(c)) != 0) {
        report_failure(c, rc);
        glass_conn_free(c);
        close(fd);
        glass_x509_list_free(&trust);
        return 1;
    }
    if (rc != 0) {
        fprintf(stderr, "glass-client: %s\n", glass_strerror(rc));
        return 1;
    }
    const glass_suite_info *s = glass_suite_find(glass_conn_suite(c));
    fprintf(stderr, "glass-client: %s%s, certificate of %s verified\n", s ? s->name : "?",
            glass_conn_ems(c) ? " (extended master secret)" : "", host);

    char req[4096];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: glass-client\r\n"
                     "Connection: close\r\n\r\n", path, host);
    if (glass_write(c, (const uint8_t *)req, (size_t)n) != n) {
        fprintf(stderr, "glass-client: sending the request failed: %s\n",
                glass_strerror(glass_conn_error(c)));
        return 1;
    }
    /* Read until the server closes; print everything after the head. */
    static uint8_t buf[16384];
    int in_body = head;
    char tail[4] = { 0 };
    long got;
    int status = 0;
    while ((got = glass_read(c, buf, sizeof buf)) > 0) {
        size_t start = 0;
        for (size_t i = 0; !in_body && i < (size_t)got; i++) {
            memmove(tail, tail + 1, 3);
            tail[3] = (char)buf[i];
            if (memcmp(tail, "\r\n\r\n", 4) == 0) {
                in_body = 1;
                start = i + 1;
            }
        }
        if (in_body)
            fwrite(buf + start, 1, (size_t)got - start, stdout);
    }
    if (got != GLASS_E_CLOSED && got != GLASS_E_EOF) {
        fprintf(stderr, "glass-client: reading failed: %s\n", glass_strerror((int)got));
        status = 1;
    }
    fflush(stdout);
    glass_close(c);
    glass_conn_free(c);
    close(fd);
    glass_x509_list_free(&trust);
    glass_tracer_free(tr.tracer);
    return status;
}
