/*
 * server.h — the pieces of glass-server and what they share.
 *
 *   main.c     the outline: options, certificate and key, configuration,
 *              listen, the accept loop, drain the connections, exit
 *   options.c  the command line and its defaults (the demo certificate)
 *   signals.c  SIGINT/SIGTERM: stop accepting, let the connections in
 *              flight finish, exit 0
 *   listen.c   the listening socket (IPv4 or IPv6), peer names
 *   pool.c     the connection threads (idle ones wait for the next
 *              connection) and the count of connections in flight
 *   serve.c    one connection, on a thread of its own: timeouts, the handshake
 *              step by step (remembering each step for the built-in page,
 *              and recording its messages for /handshake),
 *              one HTTP request, close_notify, the log line
 *   http.c     HTTP/1.1: parse the request, map the path under --root without
 *              ever leaving it, answer (files, the built-in pages, errors)
 *   log.c      log lines and trace events, whole, from many threads: each
 *              connection's trace, tagged with its id ("[c3] ") on stderr or
 *              in a file of its own (--trace-dir)
 *
 * Concurrency: one thread per connection over the blocking file-descriptor
 * transport, with socket timeouts; a few threads wait idle for the next
 * connection rather than exit (pool.c); docs/programs.md says why.
 */
#ifndef GLASS_SERVER_H
#define GLASS_SERVER_H

#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "../trace_opts.h"

#define PROG "glass-server"

/* Settings every connection reads (never changed once serving). */
typedef struct server_opts {
    const glass_config *cfg;   /* its trace hook is each connection's (log.c) */
    const char *root;          /* realpath of --root, or NULL: built-in page */
    int io_timeout;            /* seconds one read or write may wait */
    int handshake_timeout;     /* seconds the whole handshake + request may take */
    int trace_level;           /* --trace: each connection's text trace (0 off) */
    const char *trace_dir;     /* --trace-dir: one file per connection, or NULL: stderr */
    glass_tracer *shared;      /* --mermaid, --keylog: one tracer for all, or NULL */
    glass_pcap *pcap;          /* --pcap: every connection into one capture, or NULL */
    const char *dump_dir;      /* --dump-dir: DIR/conn-0003/ for each connection, or NULL */
    int recipes;               /* --recipes: beside each connection's level-3 trace */
    const char *server_key;    /* the key file, for the RSA premaster recipe */
    int show_secrets;          /* --show-secrets: /handshake shows the key schedule */
} server_opts;

#define SESSION_MAX_STEPS 16

/* One connection: what it did, for the built-in page and the log line. */
typedef struct session {
    glass_conn *c;
    unsigned long id;                            /* 1, 2, ... in the order accepted */
    glass_config cfg;                            /* *opts->cfg with this connection's trace */
    glass_tracer *tracer;                        /* its text trace, or NULL (log.c) */
    FILE *trace_file;                            /* --trace-dir: DIR/conn-0003.txt */
    int fd;
    glass_transport fd_transport;                /* glass_transport_fd(fd), corked (serve.c) */
    int unpushed;                                /* sent since the socket was last uncorked */
    const server_opts *opts;
    /* Built-in pages only (no --root): the recorder of this connection's
     * handshake, for /handshake (fed by its trace hook, log.c). */
    glass_html *page;
    char peer[80];                               /* "127.0.0.1:53211" */
    char steps[SESSION_MAX_STEPS][160];          /* "received ClientHello (...)" */
    size_t n_steps;
    char request[160];                           /* "GET /index.html" */
    int status;                                  /* HTTP status sent, 0 none */
    unsigned long long bytes_sent;               /* application data bytes */
    long long deadline;                          /* time(): handshake + request */
    struct session *next;                        /* pool.c: waiting for an idle thread */
} session;

/* serve.c: runs one accepted connection to the end and closes fd, on the
 * calling connection thread.  s is a malloc'ed session (fd, peer, opts
 * set); it is freed. */
void serve_connection(session *s);

/* http.c: reads one request from s->c and answers it.  Returns 0 when a
 * response was sent, or a negative glass_err when the connection failed
 * before one could be (nothing more can be sent then). */
int http_serve(session *s);

/* http.c: percent-decodes the path of a request target ("/a%20b?x" ->
 * "/a b") and refuses what could leave the root.  0, or the HTTP status
 * to answer (400 malformed, 404 a ".." segment).  Exposed for tests of
 * the program through the network only; kept here to show the rule. */
int http_decode_path(const char *target, char *out, size_t cap);

/* Returned by http_serve() (and used in serve.c) when a read timed out. */
#define HS_TIMEOUT 1

/* ---- options.c ---- */

/* What the command line asked for, defaults filled in. */
typedef struct server_args {
    const char *listen_spec;       /* "127.0.0.1:4433" */
    /* --cert/--key, given up to twice (one RSA, one ECDSA certificate),
     * or the demo certificate's paths */
    const char *cert[2], *keyf[2];
    int         n_cert, n_key;
    const char *groups;            /* "x25519,P-256", or NULL: the default order */
    const char *root;              /* realpath of --root, or NULL: built-in page */
    const char *suites;            /* "C02F,009C", or NULL: the default list */
    long count, max_conns, timeout;
    int require_ems;
    long session_cache;            /* --session-cache N: entries, 0 = off */
    long session_lifetime;         /* --session-lifetime SECONDS (cache and tickets) */
    int tickets;                   /* --tickets: RFC 5077 session tickets */
    const char *ticket_key;        /* --ticket-key FILE (implies --tickets) */
    int verify_client;             /* glass_client_cert_mode: --verify-client optional|require */
    const char *client_ca;         /* --client-ca FILE: the CAs of client certificates */
    trace_opts tr;                 /* --trace, --mermaid, --keylog (../trace_opts.h) */
    const char *trace_dir;         /* --trace-dir DIR, or NULL */
    char demo_cert[PATH_MAX], demo_key[PATH_MAX], root_real[PATH_MAX];
} server_args;

/* Reads the command line into a (exits 2 on a usage error); 0, or -1
 * after saying why (no demo certificate, a --root that does not exist). */
int parse_options(int argc, char **argv, server_args *a);


/* ---- signals.c ---- */

/* Set by SIGINT/SIGTERM once catch_signals() ran; SIGPIPE is ignored. */
extern volatile sig_atomic_t server_stopping;
void catch_signals(void);

/* ---- listen.c ---- */

/* "127.0.0.1:4433", "[::1]:4433", ":4433" (every address): a listening
 * non-blocking socket and its address in shown, or -1. */
int listen_on(const char *spec, char *shown, size_t cap);

/* "127.0.0.1:53211", "[::1]:53211". */
void peer_name(const struct sockaddr_storage *ss, socklen_t len, char *out, size_t cap);

/* ---- pool.c ---- */

/* Hands a new connection to an idle thread, or starts a detached thread
 * for it (its signals blocked, so SIGINT/SIGTERM always reach the accept
 * loop).  The connection counts as in flight until server_conn_done(). */
void pool_start_connection(int fd, const struct sockaddr_storage *ss, socklen_t len,
                           const server_opts *opts);

/* A connection has ended (serve.c): one fewer in flight. */
void server_conn_done(void);

/* Waits until fewer than limit connections are in flight (limit 1: none),
 * re-checking *stop (when not NULL) every second.  Returns the number in
 * flight. */
long pool_wait_below(long limit, volatile sig_atomic_t *stop);
long pool_in_flight(void);

/* At exit, once no connection is in flight: the idle threads end. */
void pool_retire_threads(void);

/* ---- log.c ---- */

/* One whole line on stderr, "glass-server: " first; never mixed with
 * another thread's line or trace event. */
void server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* --trace-dir bounds: files written in one run, and bytes in one file
 * (the trace of a connection stops, with a last line saying so, once its
 * file is larger; one event may go past it, by at most a record's dump). */
#define TRACE_DIR_MAX_FILES 1000
#define TRACE_FILE_MAX (4L * 1024 * 1024)

/* Sets up s->cfg (a copy of *s->opts->cfg) for connection s->id: its own
 * text tracer, tagged "[c<id>] " on stderr or written to
 * <trace_dir>/conn-<id>.txt, the recorder of its /handshake page (no
 * --root; s->page), and the shared tracer (--mermaid, --keylog).
 * A file that cannot be created is logged, and that connection goes
 * untraced. */
void conn_trace_start(session *s);

/* Finishes the connection's trace (its file closed); s->tracer NULL. */
void conn_trace_end(session *s);

#endif /* GLASS_SERVER_H */
