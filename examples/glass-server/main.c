/*
 * glass-server — a small HTTPS server over glasstls (TLS 1.2 only).
 *
 *   glass-server [--listen ADDR:PORT] [--cert CHAIN.pem --key KEY.pem]
 *                [--root DIR] [--suites C02F,009C,...] [--require-ems]
 *                [--timeout SECONDS] [--max-conns N] [--count N]
 *
 *   --listen   127.0.0.1:4433 by default; [::1]:4433 for IPv6; port 0 picks
 *              a free port (the "listening on" line says which)
 *   --cert/--key  by default the DEMO certificate and key shipped in
 *              tests/certs (localhost, 127.0.0.1, ::1; signed by the demo CA
 *              tests/certs/demo-ca.pem).  Their private keys are public:
 *              for demonstrations on your own machine only.
 *   --root     serve the files under DIR (GET, HEAD); without it, a
 *              built-in page shows the connection it came over: the suite,
 *              the client's SNI and the handshake steps
 *   --timeout  seconds one read or write may wait (default 10); the
 *              handshake and the request must be done within 3 times that
 *   --max-conns  connections served at once (default 256); more wait in the
 *              kernel's accept queue
 *   --count N  stop accepting after N connections (for tests)
 *   --trace 0-3, --mermaid FILE, --keylog FILE (or SSLKEYLOGFILE): the
 *              handshakes on stderr, as a sequence diagram, as an NSS key
 *              log (glasstls/trace.h).  The connection threads share one
 *              tracer, one event at a time; the text and the diagram are
 *              clearest with one client at a time.
 *
 * One thread per connection (serve.c); see docs/programs.md for why.
 * Each connection logs one line on stderr: peer, SNI, suite, EMS, the
 * request and status, bytes sent, and "ok" or why it failed.
 * SIGINT/SIGTERM: stop accepting, let the connections in flight finish,
 * exit 0.
 *
 * Public API only: glasstls/tls.h (connections), glasstls/x509.h (files).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
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
#include "../trace_opts.h"
#include "server.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: glass-server [--listen ADDR:PORT] [--cert CHAIN.pem --key KEY.pem]\n"
            "                    [--root DIR] [--suites HEX,HEX,...] [--require-ems]\n"
            "                    [--timeout SECONDS] [--max-conns N] [--count N]\n"
            "                    [--trace 0-3] [--mermaid FILE] [--keylog FILE]\n"
            "defaults: --listen 127.0.0.1:4433, the demo certificate (demos only),\n"
            "          a built-in page showing the connection\n");
    exit(2);
}

/* ---- log lines and the count of connections in flight ---- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static long active;

/* The line is formatted first and written whole: one write() on the
 * unbuffered stderr, and the lock held only for that. */
void server_log(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(line, sizeof line, "%s: ", PROG);
    int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)m >= sizeof line - (size_t)n)
        snprintf(line + sizeof line - 5, 5, "...\n");     /* cut, but still a line */
    pthread_mutex_lock(&lock);
    fputs(line, stderr);
    pthread_mutex_unlock(&lock);
}

void server_conn_done(void)
{
    pthread_mutex_lock(&lock);
    active--;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

/* Waits until fewer than limit connections are in flight (limit 1: none),
 * re-checking *stop every second.  Returns the number in flight. */
static long wait_active_below(long limit, volatile sig_atomic_t *stop)
{
    pthread_mutex_lock(&lock);
    while (active >= limit && (stop == NULL || !*stop)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&changed, &lock, &ts);
    }
    long n = active;
    pthread_mutex_unlock(&lock);
    return n;
}

/* The tracer is shared by the connection threads: one event at a time. */
static void observe_locked(void *ctx, const glass_trace_event *ev)
{
    pthread_mutex_lock(&lock);
    glass_tracer_observe(ctx, ev);
    pthread_mutex_unlock(&lock);
}


/* ---- signals: SIGINT/SIGTERM ask the accept loop to stop ---- */

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;         /* no SA_RESTART: poll() returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);          /* a vanished client is an error, not a kill */
}

/* ---- the demo certificate: found next to the program or in the source
 * tree it was built from (GLASS_SOURCE_DIR, set by the Makefile) ---- */

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

/* ---- listening ---- */

/* "127.0.0.1:4433", "[::1]:4433", ":4433" (every address) -> bound socket. */
static int listen_on(const char *spec, char *shown, size_t cap)
{
    char host[256];
    const char *port;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (end == NULL || end[1] != ':' || (size_t)(end - spec - 1) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(end - spec - 1), spec + 1);
        port = end + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (colon == NULL || (size_t)(colon - spec) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
        port = colon + 1;
    }
    struct addrinfo hints, *res, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(host[0] ? host : NULL, port, &hints, &res) != 0)
        return -1;
    int fd = -1, one = 1;
    for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        char h[INET6_ADDRSTRLEN] = "?", p[16] = "?";
        getsockname(fd, (struct sockaddr *)&ss, &len);
        getnameinfo((struct sockaddr *)&ss, len, h, sizeof h, p, sizeof p,
                    NI_NUMERICHOST | NI_NUMERICSERV);
        snprintf(shown, cap, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", h, p);
    }
    return fd;
}

static void peer_name(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t cap)
{
    char h[INET6_ADDRSTRLEN] = "?", p[16] = "?";
    getnameinfo((const struct sockaddr *)ss, len, h, sizeof h, p, sizeof p,
                NI_NUMERICHOST | NI_NUMERICSERV);
    snprintf(out, cap, ss->ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", h, p);
}

/* ---- connection threads ----
 * One thread per connection in flight.  A thread whose connection has
 * ended does not exit at once: up to IDLE_THREADS of them wait for the
 * next connection.  Starting and ending a thread for every connection
 * costs more server CPU than everything in a handshake but the RSA
 * operation: clone(), a fresh stack faulted in page by page, and at exit
 * glibc's madvise() of the stack, whose TLB shootdown interrupts every
 * other CPU running the process (docs/programs.md).  The idle threads are
 * few and bounded, so the memory they keep is bounded too. */
#define IDLE_THREADS 8

static session *queued;        /* handed to an idle thread, not yet taken (under lock) */
static long idle;              /* threads waiting for a connection, minus queued ones */
static long threads;           /* connection threads alive */
static int retire;             /* main asks the idle threads to exit */
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;

/* A connection thread: serves its first connection, then, while at most
 * IDLE_THREADS threads are idle, waits for another. */
static void *connection_thread(void *arg)
{
    session *s = arg;
    while (s != NULL) {
        serve_connection(s);           /* frees s, counts the connection done */
        pthread_mutex_lock(&lock);
        s = NULL;
        if (idle < IDLE_THREADS && !retire) {
            idle++;
            while (queued == NULL && !retire)
                pthread_cond_wait(&work, &lock);
            if (queued != NULL) {      /* start_connection() already took our idle++ back */
                s = queued;
                queued = s->next;
            } else {
                idle--;
            }
        }
        if (s == NULL) {
            threads--;
            pthread_cond_broadcast(&changed);
        }
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

/* Hands a new connection to an idle thread, or starts a detached thread
 * for it; its signals stay blocked so SIGINT/SIGTERM always reach the
 * accept loop. */
static void start_connection(int fd, const struct sockaddr_storage *ss, socklen_t len,
                             const server_opts *opts)
{
    session *s = calloc(1, sizeof *s);
    if (s == NULL) {
        close(fd);
        return;
    }
    s->fd = fd;
    s->opts = opts;
    peer_name(ss, len, s->peer, sizeof s->peer);
    pthread_mutex_lock(&lock);
    active++;
    if (idle > 0) {                    /* the oldest waiting connection is taken first */
        idle--;
        session **tail = &queued;
        while (*tail != NULL)
            tail = &(*tail)->next;
        *tail = s;
        pthread_cond_signal(&work);
        pthread_mutex_unlock(&lock);
        return;
    }
    threads++;
    pthread_mutex_unlock(&lock);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t t;
    if (pthread_create(&t, &attr, connection_thread, s) != 0) {
        server_log("%s: cannot start a thread; dropped\n", s->peer);
        close(fd);
        free(s);
        pthread_mutex_lock(&lock);
        threads--;
        pthread_mutex_unlock(&lock);
        server_conn_done();
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
}

/* At exit, once no connection is in flight: the idle threads end. */
static void retire_threads(void)
{
    pthread_mutex_lock(&lock);
    retire = 1;
    pthread_cond_broadcast(&work);
    while (threads > 0)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
}

static void accept_loop(int lfd, const server_opts *opts, long max_conns, long count)
{
    long accepted = 0;
    while (!stopping && (count < 0 || accepted < count)) {
        wait_active_below(max_conns, &stopping);
        struct pollfd pfd = { lfd, POLLIN, 0 };
        if (stopping || poll(&pfd, 1, 1000) <= 0)
            continue;                  /* signal, or a second passed: re-check */
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept(lfd, (struct sockaddr *)&ss, &len);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
                poll(NULL, 0, 100);    /* out of descriptors: let connections end */
            continue;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        accepted++;
        start_connection(fd, &ss, len, opts);
    }
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

int main(int argc, char **argv)
{
    const char *listen_spec = "127.0.0.1:4433", *cert = NULL, *keyf = NULL, *root = NULL;
    const char *suites = NULL;
    long count = -1, max_conns = 256, timeout = 10;
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
        else if (strcmp(argv[i], "--max-conns") == 0 && i + 1 < argc) max_conns = atol(argv[++i]);
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) timeout = atol(argv[++i]);
        else if (strcmp(argv[i], "--require-ems") == 0) require_ems = 1;
        else usage();
    }
    if ((cert == NULL) != (keyf == NULL) || max_conns < 1 || timeout < 1 || timeout > 3600)
        usage();
    char demo_cert[PATH_MAX], demo_key[PATH_MAX], root_real[PATH_MAX];
    if (cert == NULL) {
        cert = find_demo_file("demo-server.pem", demo_cert, sizeof demo_cert);
        keyf = find_demo_file("demo-server.key", demo_key, sizeof demo_key);
        if (cert == NULL || keyf == NULL) {
            fprintf(stderr, PROG ": the demo certificate (tests/certs/demo-server.pem) was not"
                            " found; give --cert and --key\n");
            return 1;
        }
        char shown_cert[PATH_MAX];
        fprintf(stderr, PROG ": using the DEMO certificate %s: its private key is public,"
                        " for demonstrations only\n",
                realpath(cert, shown_cert) ? shown_cert : cert);
    }
    if (root != NULL && realpath(root, root_real) == NULL) {
        fprintf(stderr, PROG ": --root %s: %s\n", root, strerror(errno));
        return 1;
    }
    catch_signals();

    glass_x509_list chain;
    static glass_rsa_private key;
    glass_x509_list_init(&chain);
    int rc = glass_x509_list_load_file(&chain, cert);
    if (rc != 0 || chain.count == 0) {
        fprintf(stderr, PROG ": %s: %s\n", cert, rc ? glass_strerror(rc) : "no certificate");
        return 1;
    }
    rc = glass_x509_key_load_file(&key, keyf);
    if (rc != 0) {
        fprintf(stderr, PROG ": %s: %s\n", keyf, glass_strerror(rc));
        return 1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    cfg.chain = &chain;
    cfg.key = &key;
    cfg.require_ems = require_ems;
    if (suites != NULL)
        cfg.suite_count = parse_suites(suites, cfg.suites, GLASS_CONFIG_MAX_SUITES);
    if (trace_setup(&tr, &cfg, observe_locked, PROG) != 0)
        return 1;
    if ((rc = glass_config_check(&cfg)) != 0) {
        fprintf(stderr, PROG ": %s\n", glass_strerror(rc));
        return 1;
    }
    server_opts opts = { &cfg, root ? root_real : NULL, (int)timeout, 3 * (int)timeout };

    char shown[INET6_ADDRSTRLEN + 16];
    int lfd = listen_on(listen_spec, shown, sizeof shown);
    if (lfd < 0) {
        fprintf(stderr, PROG ": cannot listen on %s: %s\n", listen_spec,
                errno ? strerror(errno) : "bad address");
        return 1;
    }
    server_log("listening on https://%s/ (%s)\n", shown, root ? root_real : "built-in page");
    accept_loop(lfd, &opts, max_conns, count);
    close(lfd);
    pthread_mutex_lock(&lock);
    long in_flight = active;
    pthread_mutex_unlock(&lock);
    server_log("%s: no longer accepting; waiting for %ld connection%s in flight\n",
               stopping ? "stopping on a signal" : "done accepting", in_flight,
               in_flight == 1 ? "" : "s");
    wait_active_below(1, NULL);
    retire_threads();
    server_log("every connection finished; exiting\n");
    glass_x509_list_free(&chain);
    glass_rsa_private_free(&key);
    glass_tracer_free(tr.tracer);
    return 0;
}
