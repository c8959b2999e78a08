/*
 * trace_opts.h — the command-line pieces glass-client and glass-server
 * share (included by glass-client's main.c and glass-server's server.h;
 * the only source the two share): the --suites and --groups lists
 * (parse_suites, parse_groups) and
 * the trace options --trace 0-3, --mermaid FILE, --keylog FILE, and the SSLKEYLOGFILE
 * environment variable (a key log for Wireshark); the files a student
 * opens: --dump-dir DIR (each message and record), --recipes (with
 * --trace 3: the command that re-computes each derived value) and --pcap
 * FILE (the bytes of each connection as pcapng, pcap_tap); --html FILE
 * (the handshake as a web page, glass-client only: glass-server serves it
 * at /handshake instead) and --show-secrets (the page shows the key
 * schedule).  The text goes
 * to stderr.  With none of them cfg->trace stays NULL.  The functions are
 * static inline, so a file that includes the header without calling them
 * (glass-server's files, through server.h) gets no copy and no warning.
 */
#ifndef GLASS_EXAMPLES_TRACE_OPTS_H
#define GLASS_EXAMPLES_TRACE_OPTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "glasstls/capture.h"
#include "glasstls/config.h"
#include "glasstls/trace.h"
#ifdef GLASS_UNSAFE_LABS
#include "glasstls/labs.h"      /* the lab build of this program: make labs */
#endif

/* --suites "C02F,009C" -> IANA values; returns how many (at most cap). */
static inline size_t parse_suites(const char *list, uint16_t *out, size_t cap)
{
    size_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL && n < cap; tok = strtok(NULL, ","))
        out[n++] = (uint16_t)strtoul(tok, NULL, 16);
    return n;
}

/* --groups "x25519,P-256,P-384" (also secp256r1, secp384r1, or the
 * numbers 29, 23, 24) -> NamedGroup values; returns how many (at most
 * cap), or 0 for a name it does not know. */
static inline size_t parse_groups(const char *list, uint16_t *out, size_t cap)
{
    size_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL && n < cap; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "x25519") == 0 || strcmp(tok, "X25519") == 0 || strcmp(tok, "29") == 0)
            out[n++] = 29;
        else if (strcmp(tok, "P-256") == 0 || strcmp(tok, "secp256r1") == 0 ||
                 strcmp(tok, "prime256v1") == 0 || strcmp(tok, "23") == 0)
            out[n++] = 23;
        else if (strcmp(tok, "P-384") == 0 || strcmp(tok, "secp384r1") == 0 ||
                 strcmp(tok, "24") == 0)
            out[n++] = 24;
        else
            return 0;
    }
    return n;
}

typedef struct trace_opts {
    int level, recipes;
    const char *mermaid, *keylog, *dump_dir, *pcap_file, *html;
    int show_secrets;
    const char *server_key;        /* set by glass-server: for the RSA premaster recipe */
    glass_tracer *tracer;
    glass_pcap *pcap;              /* --pcap, opened by trace_setup */
} trace_opts;

/* Takes argv[*i] (and its value) when it is a trace option: 1, else 0. */
static inline int trace_arg(int argc, char **argv, int *i, trace_opts *o)
{
    if (strcmp(argv[*i], "--recipes") == 0) {
        o->recipes = 1;
        return 1;
    }
    if (strcmp(argv[*i], "--show-secrets") == 0) {
        o->show_secrets = 1;
        return 1;
    }
    if (*i + 1 >= argc)
        return 0;
#ifdef GLASS_UNSAFE_LABS
    /* the lab build only (make labs): --lab SWITCH[,SWITCH...] */
    if (strcmp(argv[*i], "--lab") == 0) {
        if (glass_lab_enable_list(argv[++*i], stderr) != 0)
            exit(2);
        return 1;
    }
#endif
    if (strcmp(argv[*i], "--trace") == 0) o->level = atoi(argv[++*i]);
    else if (strcmp(argv[*i], "--html") == 0) o->html = argv[++*i];
    else if (strcmp(argv[*i], "--mermaid") == 0) o->mermaid = argv[++*i];
    else if (strcmp(argv[*i], "--keylog") == 0) o->keylog = argv[++*i];
    else if (strcmp(argv[*i], "--dump-dir") == 0) o->dump_dir = argv[++*i];
    else if (strcmp(argv[*i], "--pcap") == 0) o->pcap_file = argv[++*i];
    else return 0;
    return 1;
}

/* An IPv4 address and port of a socket's end (peer: 1 the far end), or
 * 127.0.0.1 (0 local, 1 peer: 127.0.0.2) and the port of another family:
 * the capture's IPv4 headers are made up then. */
static inline void pcap_endpoint(int fd, int peer, uint8_t ip[4], uint16_t *port)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    int rc = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
                  : getsockname(fd, (struct sockaddr *)&ss, &len);
    ip[0] = 127; ip[1] = 0; ip[2] = 0; ip[3] = (uint8_t)(1 + peer);
    *port = 0;
    if (rc == 0 && ss.ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;
        memcpy(ip, &a->sin_addr, 4);
        *port = ntohs(a->sin_port);
    } else if (rc == 0 && ss.ss_family == AF_INET6) {
        *port = ntohs(((const struct sockaddr_in6 *)&ss)->sin6_port);
    }
}

/* --pcap: *t becomes a tap over it that writes the connection on socket
 * fd (local_is_client: this end connected) into the capture p (NULL: none).  0, also
 * when there is no capture (*s stays NULL); -1 on failure. */
static inline int pcap_tap(glass_pcap *p, int fd, int local_is_client, glass_transport *t,
                           glass_pcap_stream **s)
{
    *s = NULL;
    if (p == NULL)
        return 0;
    uint8_t lip[4], pip[4];
    uint16_t lport, pport;
    pcap_endpoint(fd, 0, lip, &lport);
    pcap_endpoint(fd, 1, pip, &pport);
    return glass_pcap_stream_new(s, p, *t, lip, lport, pip, pport, local_is_client, t) == 0
           ? 0 : -1;
}

/* Sets cfg->trace up (0), or says why it cannot (-1).  observe is the
 * hook that hands events to o->tracer: glass_tracer_observe itself, or a
 * wrapper (glass-server serialises its threads' events with a lock). */
static inline int trace_setup(trace_opts *o, glass_config *cfg, glass_trace_fn observe,
                       const char *prog)
{
    const char *env = getenv("SSLKEYLOGFILE");
    const char *keylog = o->keylog ? o->keylog : (env && env[0] ? env : NULL);
    if (o->recipes && o->level < 3) {
        fprintf(stderr, "%s: --recipes needs --trace 3 (the values it re-computes)\n", prog);
        return -1;
    }
    if (o->pcap_file && glass_pcap_open(&o->pcap, o->pcap_file) != 0) {
        fprintf(stderr, "%s: cannot write %s\n", prog, o->pcap_file);
        return -1;
    }
    if (o->level <= 0 && o->mermaid == NULL && keylog == NULL && o->dump_dir == NULL &&
        o->html == NULL)
        return 0;
    if (glass_tracer_new(&o->tracer) != 0)
        return -1;
    glass_tracer_text(o->tracer, stderr, o->level, -1);
    if ((o->mermaid && glass_tracer_mermaid(o->tracer, o->mermaid) != 0) ||
        (keylog && glass_tracer_keylog(o->tracer, keylog) != 0) ||
        (o->html && glass_tracer_html(o->tracer, o->html, o->show_secrets) != 0)) {
        fprintf(stderr, "%s: cannot write %s\n", prog,
                o->mermaid ? o->mermaid : keylog ? keylog : o->html);
        return -1;
    }
    if (o->dump_dir && glass_tracer_dump_dir(o->tracer, o->dump_dir) != 0) {
        fprintf(stderr, "%s: cannot make the folder %s\n", prog, o->dump_dir);
        return -1;
    }
    if (o->recipes && glass_tracer_recipes(o->tracer, o->server_key) != 0)
        return -1;
    cfg->trace = observe;
    cfg->trace_ctx = o->tracer;
    return 0;
}

#endif /* GLASS_EXAMPLES_TRACE_OPTS_H */
