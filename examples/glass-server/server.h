/*
 * server.h — the pieces of glass-server and what they share.
 *
 *   main.c     the outline: options, certificate and key, configuration,
 *              listen, start the workers, wait for a signal or --count,
 *              drain the connections, exit
 *   options.c  the command line and its defaults (the demo certificate)
 *   signals.c  SIGINT/SIGTERM: stop accepting, let the connections in
 *              flight finish, exit 0
 *   listen.c   the listening socket (IPv4 or IPv6), peer names
 *   loop.c     the workers: one thread per core, each with its own epoll
 *              loop over its own connections; accepting (each worker
 *              takes new connections from the one listening socket), the
 *              limits (--max-conns, --count) and the timeouts
 *   serve.c    one connection as a state machine, run by its worker
 *              whenever its socket is ready: the handshake step by step
 *              (remembering each step for the built-in page), one HTTP
 *              request, the response streamed record by record,
 *              close_notify, the log line
 *   http.c     HTTP/1.1: parse the request, map the path under --root without
 *              ever leaving it, and prepare the answer (files, the built-in
 *              pages, errors) for serve.c to send
 *   log.c      log lines and trace events, whole, from many threads: each
 *              connection's trace, tagged with its id ("[c3] ") on stderr or
 *              in a file of its own (--trace-dir)
 *
 * Concurrency: no thread per connection.  Every socket is non-blocking;
 * a connection that would block (GLASS_E_WANT_READ / _WANT_WRITE from the
 * library) returns to its worker's epoll loop, which runs it again when
 * its socket is ready.  A connection costs the library's own memory
 * (glass_conn_memory()) plus this small session; docs/programs.md says
 * why, and hello-server is the blocking server to read first.
 */
#ifndef GLASS_SERVER_H
#define GLASS_SERVER_H

#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
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
    long max_conns;            /* connections served at once (all workers) */
    long count;                /* stop accepting after this many, -1 never */
    int sndbuf;                /* SO_SNDBUF of each connection, or 0: the kernel's autotuning */
} server_opts;

#define SESSION_MAX_STEPS 16
#define STEP_TEXT 160

/* Where a connection is (serve.c runs it from one to the next). */
enum session_phase {
    PH_HANDSHAKE,              /* glass_handshake_step() until done */
    PH_REQUEST,                /* reading the request head */
    PH_RESPONSE,               /* sending s->resp */
    PH_CLOSE,                  /* sending close_notify */
    PH_CLOSING,                /* waiting (briefly) for the client's close */
    PH_LINGER,                 /* after a failure: the alert on its way, reading junk */
};

/* What the log line will say ("ok", "timeout in ServerHello", ...);
 * composed only when the connection ends (serve.c), so it costs no
 * memory while the connection lives. */
enum session_result {
    RES_OK, RES_START, RES_FAILED, RES_HS_TIMEOUT, RES_REQ_TIMEOUT, RES_SEND_TIMEOUT, RES_CLOSED_EARLY,
};

/* A file being sent, one descriptor shared by the connections of one
 * worker that send it (the same device, inode, size and modification
 * time): a download holds no descriptor of its own beside its socket
 * (http.c).  Free when users is 0. */
#define WORKER_FILES 8
typedef struct shared_file {
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    int fd;
    long users;
} shared_file;

/* The answer being sent: the head, then a body from memory or from a
 * file.  The file is read straight into the worker's one scratch record
 * (loop.c) as the socket takes data, so a transfer holds no buffer of its
 * own: what is in flight is the one sealed record inside the library. */
typedef struct response {
    char head[512];
    size_t hlen;
    uint8_t *mem;              /* a body made in memory (built-in pages), or NULL */
    int wipe;                  /* mem holds secrets (--show-secrets): wipe it */
    int fd;                    /* a file body, or -1 */
    shared_file *shared;       /* fd is this worker's shared one, or NULL: fd is ours */
    unsigned long long body_len;
    unsigned long long pos;    /* bytes of head + body accepted by glass_write */
} response;

struct worker;

/* One connection: its state machine and what it did, for the built-in
 * page and the log line.  Kept small: it lives as long as the
 * connection, beside the library's memory. */
typedef struct session {
    glass_conn *c;
    unsigned long id;                            /* 1, 2, ... in the order accepted */
    glass_config cfg;                            /* *opts->cfg with this connection's trace */
    glass_tracer *tracer;                        /* its text trace, or NULL (log.c) */
    FILE *trace_file;                            /* --trace-dir: DIR/conn-0003.txt */
    int fd;
    glass_transport fd_transport;                /* glass_transport_fd(fd), corked (serve.c) */
    int unpushed;                                /* sent since the socket was last uncorked */
    glass_pcap_stream *cap;                      /* --pcap: this connection's stream */
    const server_opts *opts;
    struct worker *w;                            /* the worker that runs it */
    /* Built-in pages only (no --root): the recorder of this connection's
     * handshake, for /handshake (fed by its trace hook, log.c), and its
     * steps in words, for "/". */
    glass_html *page;
    char (*steps)[STEP_TEXT];                    /* SESSION_MAX_STEPS lines, or NULL */
    size_t n_steps;
    char peer[48];                               /* "127.0.0.1:53211", "[::1]:53211" */
    char request[160];                           /* "GET /index.html" */
    int status;                                  /* HTTP status sent, 0 none */
    unsigned long long bytes_sent;               /* application data bytes */
    /* the state machine (serve.c) */
    enum session_phase phase;
    enum session_result result;
    int result_rc;                               /* the glass_err behind RES_FAILED etc. */
    char *req;                                   /* the request head read so far, or NULL */
    size_t req_have, req_cap;
    response *resp;                              /* while sending, else NULL */
    int reads;                                   /* PH_CLOSING / PH_LINGER: reads so far */
    uint32_t events;                             /* what epoll waits for (EPOLLIN/OUT) */
    long long deadline;                          /* ms: handshake + request must end by */
    long long io_deadline;                       /* ms: the current wait must end by */
    struct session *prev, *next;                 /* the worker's list (loop.c) */
} session;

/* ---- serve.c ---- */

/* Starts a connection just accepted on worker w (fd non-blocking): its
 * session (in w's list), trace and glass_conn, waiting for the
 * ClientHello.  0 (a failure to start is logged and ends it), or -1 when
 * not even its session could be made (fd closed, not counted by w). */
int conn_open(struct worker *w, int fd, const char *peer, const server_opts *opts);

/* Runs s as far as it goes without waiting: called when its socket is
 * ready.  When it waits, s->events says for what; when it ended, it is
 * freed and conn_run() returns 0, else 1. */
int conn_run(session *s);

/* The clock of every deadline: milliseconds, monotonic. */
long long now_ms(void);

/* A deadline of s passed (loop.c checks every few hundred ms): it ends
 * (its log line says which timeout), or moves on (the wait for the
 * client's close is over).  Returns as conn_run(). */
int conn_timeout(session *s);

/* ---- http.c ---- */

/* 1 once buf[0, len) holds a whole request head (the blank line came). */
int http_head_complete(const char *buf, size_t len);

/* Parses the request head in s->req (NUL-terminated) and prepares the
 * answer in s->resp (status, head, body); 0, or GLASS_E_NO_MEMORY. */
int http_prepare(session *s);

/* A response with a one-line text body ("400 Bad Request\n"), for a
 * head that is too long or holds a NUL byte; 0 or GLASS_E_NO_MEMORY. */
int http_prepare_error(session *s, int status);

/* Frees s->resp (closing its file, wiping its body if it must). */
void http_response_free(session *s);

/* http.c: percent-decodes the path of a request target ("/a%20b?x" ->
 * "/a b") and refuses what could leave the root.  0, or the HTTP status
 * to answer (400 malformed, 404 a ".." segment).  Exposed for tests of
 * the program through the network only; kept here to show the rule. */
int http_decode_path(const char *target, char *out, size_t cap);

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
    long workers;                  /* --workers N: event loops (default: one per core) */
    long sndbuf;                   /* --sndbuf BYTES: SO_SNDBUF of each connection, 0 = the kernel's */
    int require_ems;
    int no_ems;                    /* --no-ems: no RFC 7627 (labs, demonstrations) */
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

/* ---- loop.c ---- */

/* One event loop: its epoll set, its connections, its scratch record. */
typedef struct worker {
    int epfd;
    int lfd;                   /* the listening socket (shared by all workers) */
    int listening;             /* lfd is in epfd */
    const server_opts *opts;
    session *conns;            /* its connections, a doubly-linked list */
    long n_conns;
    uint8_t *scratch;          /* GLASS_MAX_PLAINTEXT bytes: one record's plaintext */
    shared_file files[WORKER_FILES];   /* the files its connections are sending */
    long long next_scan;       /* ms: when to look for passed deadlines */
    int ended;                 /* a connection ended since the last trim */
} worker;

/* Starts n workers over the listening socket lfd (their signals blocked,
 * so SIGINT/SIGTERM reach the main thread).  0, or -1 (logged). */
int workers_start(int lfd, const server_opts *opts, long n);

/* 1 once no more connections will be accepted: a signal came
 * (server_stopping) or --count was reached. */
int accepting_over(void);

/* Asks the workers to stop accepting, waits until every connection in
 * flight has ended and the workers have exited. */
void workers_drain(void);

/* The id of the next connection: 1, 2, ... across the workers. */
unsigned long next_conn_id(void);

/* Connections in flight, all workers. */
long conns_in_flight(void);

/* serve.c: a new connection of w (into its list). */
void worker_conn_add(worker *w, session *s);

/* serve.c: a connection of w has ended (one fewer in flight). */
void worker_conn_done(worker *w, session *s);

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
