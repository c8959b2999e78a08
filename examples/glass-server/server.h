/*
 * server.h — the pieces of glass-server and what they share.
 *
 *   main.c   options, the certificate and key, the listening socket, the
 *            accept loop, signals (SIGINT/SIGTERM: stop accepting, let the
 *            connections in flight finish, exit 0)
 *   serve.c  one connection, on a thread of its own: timeouts, the handshake
 *            step by step (remembering each step for the built-in page),
 *            one HTTP request, close_notify, the log line
 *   http.c   HTTP/1.1: parse the request, map the path under --root without
 *            ever leaving it, answer (files, the built-in page, errors)
 *
 * Concurrency: one thread per connection over the blocking file-descriptor
 * transport, with socket timeouts; a few threads wait idle for the next
 * connection rather than exit (main.c); docs/programs.md says why.
 */
#ifndef GLASS_SERVER_H
#define GLASS_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/tls.h"

#define PROG "glass-server"

/* Settings every connection reads (never changed once serving). */
typedef struct server_opts {
    const glass_config *cfg;
    const char *root;          /* realpath of --root, or NULL: built-in page */
    int io_timeout;            /* seconds one read or write may wait */
    int handshake_timeout;     /* seconds the whole handshake + request may take */
} server_opts;

#define SESSION_MAX_STEPS 16

/* One connection: what it did, for the built-in page and the log line. */
typedef struct session {
    glass_conn *c;
    int fd;
    glass_transport fd_transport;                /* glass_transport_fd(fd), corked (serve.c) */
    int unpushed;                                /* sent since the socket was last uncorked */
    const server_opts *opts;
    char peer[80];                               /* "127.0.0.1:53211" */
    char steps[SESSION_MAX_STEPS][160];          /* "received ClientHello (...)" */
    size_t n_steps;
    char request[160];                           /* "GET /index.html" */
    int status;                                  /* HTTP status sent, 0 none */
    unsigned long long bytes_sent;               /* application data bytes */
    long long deadline;                          /* time(): handshake + request */
    struct session *next;                        /* main.c: waiting for an idle thread */
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

/* main.c: a connection thread has ended (counts the ones in flight). */
void server_conn_done(void);

/* main.c: the one mutex that serializes log lines and trace output. */
void server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* GLASS_SERVER_H */
