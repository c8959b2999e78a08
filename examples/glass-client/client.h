/*
 * client.h — the pieces of glass-client.
 *
 *   main.c   options, trust anchors, the TLS connection, the summary
 *   net.c    the URL, name resolution (getaddrinfo: IPv4 and IPv6, each
 *            address in turn) and a TCP connect with a timeout
 *   fetch.c  HTTP/1.1: the GET request and the whole response (status,
 *            headers, a body framed by Content-Length, chunked, or the end
 *            of the connection), never accepting a truncated body
 */
#ifndef GLASS_CLIENT_H
#define GLASS_CLIENT_H

#include <stddef.h>
#include <stdio.h>
#include "glasstls/tls.h"

#define PROG "glass-client"

typedef struct url {
    char host[256];            /* "localhost", "::1" (no brackets) */
    char port[8];              /* "443" by default */
    char path[2048];           /* "/index.html?x=1", at least "/" */
    char authority[280];       /* for the Host header: "[::1]:4433" */
} url;

/* https://HOST[:PORT][/PATH]: 0, or -1 with a reason in err. */
int url_parse(const char *text, url *u, char *err, size_t cap);

/* Resolves host and connects to each address in turn, each attempt
 * bounded by timeout seconds; the socket then has SO_RCVTIMEO/SO_SNDTIMEO
 * of timeout seconds.  With trace (the --trace 1 lines, NULL for none) it
 * says what it does: the addresses the name resolved to, each connect
 * attempt and the one that answered.  Returns the socket, or -1 with a
 * reason in err. */
int net_connect(const char *host, const char *port, int timeout, FILE *trace, char *err,
                size_t cap);

typedef struct fetch_opts {
    FILE *body;                /* where the body goes */
    int show_headers;          /* -i: status line and headers to stdout */
    FILE *trace;               /* --trace 1 lines: the request sent, the response read */
} fetch_opts;

/* What came back, for the "render the response" line. */
typedef struct fetch_result {
    char status_line[96];      /* "HTTP/1.1 200 OK" (the final one, after any 1xx) */
    char content_type[96];     /* "text/html; charset=utf-8", or "" */
    const char *framing;       /* "Content-Length", "chunked", "until close_notify", "none" */
    unsigned long long body_len;   /* bytes of body read */
} fetch_result;

/* Sends GET u->path and reads the whole response.  Returns the HTTP status
 * (100..599), or -1 with a reason in err (TLS error, timeout, malformed
 * response, truncated body).  res (may be NULL) says what came back. */
int fetch(glass_conn *c, const url *u, const fetch_opts *o, fetch_result *res, char *err,
          size_t cap);

#endif /* GLASS_CLIENT_H */
