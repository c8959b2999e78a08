/*
 * options.c — glass-server's command line and the defaults it leaves
 * out: the demo certificate when --cert/--key are not given, the real
 * path of --root, and the trace options (shared with glass-client through
 * examples/trace_opts.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: glass-server [--listen ADDR:PORT] [--cert CHAIN.pem --key KEY.pem]...\n"
            "                    [--groups x25519,P-256,P-384]\n"
            "                    [--root DIR] [--suites HEX,HEX,...] [--require-ems | --no-ems]\n"
            "                    [--timeout SECONDS] [--max-conns N] [--count N] [--workers N]\n"
            "                    [--sndbuf BYTES]\n"
            "                    [--verify-client optional|require --client-ca CA.pem]\n"
            "                    [--session-cache N] [--session-lifetime SECONDS]\n"
            "                    [--tickets] [--ticket-key FILE]\n"
            "                    [--trace 0-3] [--trace-dir DIR] [--mermaid FILE] [--keylog FILE]\n"
            "                    [--dump-dir DIR] [--recipes] [--pcap FILE] [--show-secrets]\n"
            "defaults: --listen 127.0.0.1:4433, the demo certificate (demos only),\n"
            "          a built-in page showing the connection, a session cache of 1024\n"
            "          entries for 7200 s (--session-cache 0: off), no tickets\n"
            "--trace: each connection's lines start with its id, \"[c3] \", as its log line;\n"
            "--trace-dir DIR: each connection's trace in DIR/conn-0003.txt instead (at the\n"
            "          --trace level, 2 if not given; at most 1000 files, each cut at 4 MiB)\n");
    exit(2);
}

/* The demo certificate: found next to the program or in the source tree
 * it was built from (GLASS_SOURCE_DIR, set by the Makefile). */
static const char *find_demo_file(const char *name, char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL)
            *slash = '\0';
        char *up = strrchr(exe, '/');          /* .../build/bin -> .../build */
        if (up != NULL)
            *up = '\0';
        /* build/bin/glass-server, build/sanitize/bin/glass-server: the
         * repository is one or two folders above the program's folder */
        static const char *const ups[] = { "/..", "/../.." };
        for (size_t i = 0; i < 2; i++) {
            int w = snprintf(out, cap, "%s%s/tests/certs/%s", exe, ups[i], name);
            if (w > 0 && (size_t)w < cap && access(out, R_OK) == 0)
                return out;
        }
    }
#ifdef GLASS_SOURCE_DIR
    int w = snprintf(out, cap, "%s/tests/certs/%s", GLASS_SOURCE_DIR, name);
    if (w > 0 && (size_t)w < cap && access(out, R_OK) == 0)
        return out;
#endif
    return NULL;
}

int parse_options(int argc, char **argv, server_args *a)
{
    memset(a, 0, sizeof *a);
    a->listen_spec = "127.0.0.1:4433";
    a->count = -1;
    a->max_conns = 256;
    a->workers = sysconf(_SC_NPROCESSORS_ONLN);    /* one event loop per core */
    if (a->workers < 1)
        a->workers = 1;
    a->timeout = 10;
    a->session_cache = 1024;
    a->session_lifetime = 7200;
    for (int i = 1; i < argc; i++) {
        if (trace_arg(argc, argv, &i, &a->tr)) continue;
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) a->listen_spec = argv[++i];
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc && a->n_cert < 2)
            a->cert[a->n_cert++] = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc && a->n_key < 2)
            a->keyf[a->n_key++] = argv[++i];
        else if (strcmp(argv[i], "--groups") == 0 && i + 1 < argc) a->groups = argv[++i];
        else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) a->root = argv[++i];
        else if (strcmp(argv[i], "--suites") == 0 && i + 1 < argc) a->suites = argv[++i];
        else if (strcmp(argv[i], "--trace-dir") == 0 && i + 1 < argc) a->trace_dir = argv[++i];
        else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) a->count = atol(argv[++i]);
        else if (strcmp(argv[i], "--max-conns") == 0 && i + 1 < argc) a->max_conns = atol(argv[++i]);
        else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) a->workers = atol(argv[++i]);
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) a->timeout = atol(argv[++i]);
        else if (strcmp(argv[i], "--sndbuf") == 0 && i + 1 < argc) a->sndbuf = atol(argv[++i]);
        else if (strcmp(argv[i], "--require-ems") == 0) a->require_ems = 1;
        else if (strcmp(argv[i], "--no-ems") == 0) a->no_ems = 1;
        else if (strcmp(argv[i], "--session-cache") == 0 && i + 1 < argc)
            a->session_cache = atol(argv[++i]);
        else if (strcmp(argv[i], "--session-lifetime") == 0 && i + 1 < argc)
            a->session_lifetime = atol(argv[++i]);
        else if (strcmp(argv[i], "--tickets") == 0) a->tickets = 1;
        else if (strcmp(argv[i], "--ticket-key") == 0 && i + 1 < argc) {
            a->ticket_key = argv[++i];
            a->tickets = 1;
        }
        else if (strcmp(argv[i], "--client-ca") == 0 && i + 1 < argc) a->client_ca = argv[++i];
        else if (strcmp(argv[i], "--verify-client") == 0 && i + 1 < argc) {
            const char *m = argv[++i];
            if (strcmp(m, "optional") == 0) a->verify_client = GLASS_CLIENT_CERT_OPTIONAL;
            else if (strcmp(m, "require") == 0) a->verify_client = GLASS_CLIENT_CERT_REQUIRED;
            else usage();
        }
        else usage();
    }
    /* a client certificate is checked against the CAs of --client-ca */
    if ((a->verify_client != 0) != (a->client_ca != NULL))
        usage();
    if (a->n_cert != a->n_key || (a->require_ems && a->no_ems) || a->max_conns < 1 || a->max_conns > 1000000 ||
        a->workers < 1 || a->workers > 256 || a->timeout < 1 || a->timeout > 3600 ||
        a->session_cache < 0 || a->session_cache > 1000000 || a->session_lifetime < 1 ||
        a->session_lifetime > 86400 || a->sndbuf < 0 || a->sndbuf > (64L << 20))
        usage();
    if (a->trace_dir != NULL) {
        struct stat st;
        if (stat(a->trace_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, PROG ": --trace-dir %s: not a folder\n", a->trace_dir);
            return -1;
        }
        if (a->tr.level <= 0)
            a->tr.level = 2;
    }
    if (a->tr.dump_dir != NULL) {                  /* each connection makes DIR/conn-0003 */
        struct stat st;
        if (mkdir(a->tr.dump_dir, 0755) != 0 &&
            (stat(a->tr.dump_dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
            fprintf(stderr, PROG ": --dump-dir %s: cannot make the folder\n", a->tr.dump_dir);
            return -1;
        }
    }
    if (a->tr.html != NULL) {
        fprintf(stderr, PROG ": --html is for glass-client and glass-step; glass-server serves"
                        " each connection's own page at /handshake\n");
        exit(2);
    }
    if (a->tr.show_secrets && a->root != NULL)
        fprintf(stderr, PROG ": --show-secrets has no effect with --root (no /handshake page)\n");
    if (a->n_cert == 0) {
        a->cert[0] = find_demo_file("demo-server.pem", a->demo_cert, sizeof a->demo_cert);
        a->keyf[0] = find_demo_file("demo-server.key", a->demo_key, sizeof a->demo_key);
        a->n_cert = a->n_key = 1;
        if (a->cert[0] == NULL || a->keyf[0] == NULL) {
            fprintf(stderr, PROG ": the demo certificate (tests/certs/demo-server.pem) was not"
                            " found; give --cert and --key\n");
            return -1;
        }
        char shown_cert[PATH_MAX];
        fprintf(stderr, PROG ": using the DEMO certificate %s: its private key is public,"
                        " for demonstrations only\n",
                realpath(a->cert[0], shown_cert) ? shown_cert : a->cert[0]);
    }
    if (a->root != NULL) {
        if (realpath(a->root, a->root_real) == NULL) {
            fprintf(stderr, PROG ": --root %s: %s\n", a->root, strerror(errno));
            return -1;
        }
        a->root = a->root_real;
    }
    return 0;
}

