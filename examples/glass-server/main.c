/*
 * glass-server — a small HTTPS server over glasstls (TLS 1.2 only).
 *
 *   glass-server --listen 127.0.0.1:8443 --cert chain.pem --key key.pem
 *                [--root DIR] [--suites C02F,009C,...] [--count N]
 *                [--require-ems] [--trace 0-3] [--mermaid FILE] [--keylog FILE]
 *
 * Answers GET requests: the files under --root (no "..", "index.html" for a
 * directory), or a fixed HTML page at "/" when no root is given.  One
 * connection at a time; --count N stops after N connections (for tests).
 * Each connection prints one line on stderr: the suite and the requested
 * path, or why the handshake failed and which alert was sent.
 *
 * --trace prints each handshake on stderr (glasstls/trace.h), --mermaid
 * writes them as a sequence diagram, --keylog (or SSLKEYLOGFILE) appends
 * the NSS key log lines Wireshark needs to decrypt a capture.
 *
 * Public API only: glasstls/tls.h (connections), glasstls/x509.h (files).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"

#define PROG "glass-server"

static const char page[] =
    "<!DOCTYPE html>\n<html><head><title>glasstls</title></head>\n"
    "<body><h1>Hello from glass-server</h1>\n"
    "<p>This page came to you over TLS 1.2, from glasstls.</p></body></html>\n";

static void usage(void)
{
    fprintf(stderr, "usage: glass-server --listen ADDR:PORT --cert CHAIN.pem --key KEY.pem\n"
                    "                    [--root DIR] [--suites HEX,HEX,...] [--count N]"
                    " [--require-ems]\n"
                    "                    [--trace 0-3] [--mermaid FILE] [--keylog FILE]\n");
    exit(2);
}

static int listen_on(const char *spec)
{
    char host[256];
    const char *colon = strrchr(spec, ':');
    if (colon == NULL || (size_t)(colon - spec) >= sizeof host)
        return -1;
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &res) != 0)
        return -1;
    int fd = socket(res->ai_family, SOCK_STREAM, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 16) != 0) {
        if (fd >= 0)
            close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

/* Reads the request head (up to the blank line). Returns its length or <0. */
static long read_request(glass_conn *c, char *buf, size_t cap)
{
    size_t have = 0;
    while (have + 1 < cap) {
        long n = glass_read(c, (uint8_t *)buf + have, cap - 1 - have);
        if (n <= 0)
            return n < 0 ? n : -1;
        have += (size_t)n;
        buf[have] = '\0';
        if (strstr(buf, "\r\n\r\n") != NULL || strstr(buf, "\n\n") != NULL)
            return (long)have;
    }
    return -1;
}

static int write_all(glass_conn *c, const void *p, size_t n)
{
    long w = glass_write(c, p, n);
    return w == (long)n ? 0 : -1;
}

static void respond(glass_conn *c, int status, const char *reason, const char *type,
                    const void *body, size_t len)
{
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nServer: glass-server\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                     status, reason, type, len);
    if (write_all(c, head, (size_t)n) == 0 && len > 0)
        write_all(c, body, len);
}

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot == NULL) return "application/octet-stream";
    if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0) return "text/html";
    if (strcmp(dot, ".txt") == 0) return "text/plain";
    if (strcmp(dot, ".css") == 0) return "text/css";
    if (strcmp(dot, ".js") == 0) return "text/javascript";
    if (strcmp(dot, ".png") == 0) return "image/png";
    if (strcmp(dot, ".json") == 0) return "application/json";
    return "application/octet-stream";
}

static void serve_path(glass_conn *c, const char *root, const char *path)
{
    static const char not_found[] = "not found\n";
    if (root == NULL) {
        if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0)
            respond(c, 200, "OK", "text/html", page, sizeof page - 1);
        else
            respond(c, 404, "Not Found", "text/plain", not_found, sizeof not_found - 1);
        return;
    }
    char file[4096];
    if (path[0] != '/' || strstr(path, "..") != NULL) {
        respond(c, 404, "Not Found", "text/plain", not_found, sizeof not_found - 1);
        return;
    }
    snprintf(file, sizeof file, "%s%s", root, path);
    struct stat sb;
    if (stat(file, &sb) == 0 && S_ISDIR(sb.st_mode))
        snprintf(file, sizeof file, "%s%s%sindex.html", root, path,
                 path[strlen(path) - 1] == '/' ? "" : "/");
    uint8_t *data;
    size_t len;
    if (glass_read_file(file, &data, &len) != 0) {
        respond(c, 404, "Not Found", "text/plain", not_found, sizeof not_found - 1);
        return;
    }
    respond(c, 200, "OK", content_type(file), data, len);
    free(data);
}

static void handle(int fd, const glass_config *cfg, const char *root)
{
    glass_conn *c;
    /* a client that stops sending must not hold the (one-at-a-time) server:
     * a read waiting 10 s ends the connection (it returns "would block") */
    struct timeval limit = { 10, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    int rc = glass_conn_new(&c, cfg, glass_transport_fd(fd));
    if (rc != 0) {
        fprintf(stderr, "glass-server: %s\n", glass_strerror(rc));
        return;
    }
    rc = glass_handshake(c);
    if (rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE) {
        fprintf(stderr, "glass-server: handshake timed out in %s\n", glass_conn_state_name(c));
        glass_conn_free(c);
        return;
    }
    if (rc != 0) {
        glass_alert a = glass_conn_last_alert_sent(c), r = glass_conn_last_alert_received(c);
        fprintf(stderr, "glass-server: handshake failed in %s: %s%s%s%s%s\n",
                glass_conn_state_name(c), glass_strerror(rc),
                a.present ? "; alert sent: " : "", a.present ? glass_alert_name(a.description) : "",
                r.present ? "; alert received: " : "",
                r.present ? glass_alert_name(r.description) : "");
        glass_conn_free(c);
        return;
    }
    char req[8192], method[16], path[2048];
    long n = read_request(c, req, sizeof req);
    if (n > 0 && sscanf(req, "%15s %2047s", method, path) == 2 && strcmp(method, "GET") == 0) {
        const glass_suite_info *s = glass_suite_find(glass_conn_suite(c));
        fprintf(stderr, "glass-server: %s%s GET %s\n", s ? s->name : "?",
                glass_conn_ems(c) ? " (EMS)" : "", path);
        serve_path(c, root, path);
    } else if (n > 0) {
        static const char bad[] = "only GET\n";
        respond(c, 405, "Method Not Allowed", "text/plain", bad, sizeof bad - 1);
    }
    /* close_notify, then wait (bounded) for the client's own close_notify or
     * end of stream, so closing the socket never throws away bytes the
     * client sent (that would make the kernel reset the connection). */
    glass_close(c);
    struct timeval tv = { 2, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    uint8_t drain[512];
    for (int i = 0; i < 64 && glass_read(c, drain, sizeof drain) > 0; i++)
        ;
    glass_conn_free(c);
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

int main(int argc, char **argv)
{
    const char *listen_spec = NULL, *cert = NULL, *keyf = NULL, *root = NULL, *suites = NULL;
    long count = -1;
    int require_ems = 0;
    trace_opts tr = { 0, NULL, NULL, NULL };
    for (int i = 1; i < argc; i++) {
        if (trace_arg(argc, argv, &i, &tr)) continue;
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) listen_spec = argv[++i];
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc) cert = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) keyf = argv[++i];
        else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) root = argv[++i];
        else if (strcmp(argv[i], "--suites") == 0 && i + 1 < argc) suites = argv[++i];
        else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = atol(argv[++i]);
        else if (strcmp(argv[i], "--require-ems") == 0) require_ems = 1;
        else usage();
    }
    if (listen_spec == NULL || cert == NULL || keyf == NULL)
        usage();
    signal(SIGPIPE, SIG_IGN);

    glass_x509_list chain;
    static glass_rsa_private key;
    glass_x509_list_init(&chain);
    int rc = glass_x509_list_load_file(&chain, cert);
    if (rc != 0 || chain.count == 0) {
        fprintf(stderr, "glass-server: %s: %s\n", cert, rc ? glass_strerror(rc) : "no certificate");
        return 1;
    }
    rc = glass_x509_key_load_file(&key, keyf);
    if (rc != 0) {
        fprintf(stderr, "glass-server: %s: %s\n", keyf, glass_strerror(rc));
        return 1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    cfg.chain = &chain;
    cfg.key = &key;
    cfg.require_ems = require_ems;
    if (trace_setup(&tr, &cfg) != 0)
        return 1;
    if (suites != NULL)
        cfg.suite_count = parse_suites(suites, cfg.suites, GLASS_CONFIG_MAX_SUITES);

    int lfd = listen_on(listen_spec);
    if (lfd < 0) {
        fprintf(stderr, "glass-server: cannot listen on %s: %s\n", listen_spec, strerror(errno));
        return 1;
    }
    fprintf(stderr, "glass-server: listening on %s\n", listen_spec);
    for (long served = 0; count < 0 || served < count; served++) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        handle(fd, &cfg, root);
        close(fd);
    }
    close(lfd);
    glass_x509_list_free(&chain);
    glass_rsa_private_free(&key);
    glass_tracer_free(tr.tracer);
    return 0;
}
