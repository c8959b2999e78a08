/*
 * net.c — from "https://host:port/path" to a connected TCP socket.
 *
 * getaddrinfo() (RFC 3493) returns every address of the name, IPv6 and
 * IPv4 in the order the system prefers (RFC 6724); we try each in turn,
 * each with its own timeout (a non-blocking connect() waited for with
 * poll()), and keep the first that answers.  With --trace 1 each of
 * these steps is a line, like the handshake's: "DNS resolution" and
 * "TCP connection" are the first boxes of the HTTPS flow.
 */
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "client.h"

int url_parse(const char *text, url *u, char *err, size_t cap)
{
    if (strncmp(text, "https://", 8) != 0) {
        snprintf(err, cap, "%s: the URL must start with https://", text);
        return -1;
    }
    const char *h = text + 8;
    size_t hl = strcspn(h, "/?#");
    const char *rest = h + hl, *colon;
    if (h[0] == '[') {                         /* [IPv6]:port */
        const char *end = memchr(h, ']', hl);
        if (end == NULL || (size_t)(end - h - 1) >= sizeof u->host) {
            snprintf(err, cap, "%s: bad [IPv6] address", text);
            return -1;
        }
        snprintf(u->host, sizeof u->host, "%.*s", (int)(end - h - 1), h + 1);
        colon = end + 1 < h + hl ? end + 1 : NULL;
        if (colon != NULL && *colon != ':') {
            snprintf(err, cap, "%s: unexpected text after ]", text);
            return -1;
        }
    } else {
        colon = memchr(h, ':', hl);
        size_t n = colon ? (size_t)(colon - h) : hl;
        if (n >= sizeof u->host) {
            snprintf(err, cap, "%s: host name too long", text);
            return -1;
        }
        snprintf(u->host, sizeof u->host, "%.*s", (int)n, h);
    }
    if (colon != NULL) {
        size_t n = (size_t)(h + hl - colon - 1);
        long p = 0;
        for (size_t i = 1; i <= n && p <= 65535; i++)
            p = (colon[i] >= '0' && colon[i] <= '9') ? p * 10 + (colon[i] - '0') : 99999;
        if (n == 0 || p < 1 || p > 65535) {
            snprintf(err, cap, "%s: bad port", text);
            return -1;
        }
        snprintf(u->port, sizeof u->port, "%ld", p);
    } else {
        snprintf(u->port, sizeof u->port, "443");
    }
    if (u->host[0] == '\0') {
        snprintf(err, cap, "%s: no host", text);
        return -1;
    }
    for (const char *p = rest; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f) {
            snprintf(err, cap, "%s: spaces and control characters must be %%-encoded", text);
            return -1;
        }
    if (*rest == '#')
        rest = "";                             /* the fragment is not sent */
    if (snprintf(u->path, sizeof u->path, "%s%.*s", *rest == '/' ? "" : "/",
                 (int)strcspn(rest, "#"), rest) >= (int)sizeof u->path) {
        snprintf(err, cap, "%s: path too long", text);
        return -1;
    }
    int v6 = strchr(u->host, ':') != NULL;
    snprintf(u->authority, sizeof u->authority, "%s%s%s%s%s", v6 ? "[" : "", u->host,
             v6 ? "]" : "", strcmp(u->port, "443") ? ":" : "",
             strcmp(u->port, "443") ? u->port : "");
    return 0;
}

/* One address: 0 connected, or an errno. */
static int connect_one(int fd, const struct addrinfo *ai, int timeout)
{
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        if (errno != EINPROGRESS)
            return errno;
        struct pollfd p = { fd, POLLOUT, 0 };
        int n;
        do
            n = poll(&p, 1, timeout * 1000);
        while (n < 0 && errno == EINTR);
        if (n == 0)
            return ETIMEDOUT;
        int e = 0;
        socklen_t len = sizeof e;
        if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0)
            return errno;
        if (e != 0)
            return e;
    }
    fcntl(fd, F_SETFL, flags);
    struct timeval tv = { timeout, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return 0;
}

/* "127.0.0.1", "::1" */
static void numeric(const struct sockaddr *sa, socklen_t len, char *out, size_t cap)
{
    if (getnameinfo(sa, len, out, (socklen_t)cap, NULL, 0, NI_NUMERICHOST) != 0)
        snprintf(out, cap, "?");
}

/* --trace 1: what getaddrinfo() found, in the order they are tried. */
static void trace_resolved(FILE *trace, const char *host, const struct addrinfo *res)
{
    char line[1024], a[INET6_ADDRSTRLEN + 8];
    size_t n = 0, k = 0;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next, k++) {
        numeric(ai->ai_addr, ai->ai_addrlen, a, sizeof a);
        int w = snprintf(line + n, sizeof line - n, "%s%s (%s)", k ? ", " : "", a,
                         ai->ai_family == AF_INET6 ? "IPv6" : "IPv4");
        if (w < 0 || (size_t)w >= sizeof line - n)
            break;
        n += (size_t)w;
    }
    fprintf(trace, "Client: DNS resolution of %s (getaddrinfo): %zu address%s: %s\n", host, k,
            k == 1 ? "" : "es", line);
}

int net_connect(const char *host, const char *port, int timeout, FILE *trace, char *err,
                size_t cap)
{
    struct addrinfo hints, *res, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        if (trace != NULL)
            fprintf(trace, "Client: DNS resolution of %s (getaddrinfo): %s\n", host,
                    gai_strerror(rc));
        snprintf(err, cap, "cannot resolve %s: %s", host, gai_strerror(rc));
        return -1;
    }
    if (trace != NULL)
        trace_resolved(trace, host, res);
    int fd = -1, last = 0, tried = 0;
    for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        char a[INET6_ADDRSTRLEN + 8];
        numeric(ai->ai_addr, ai->ai_addrlen, a, sizeof a);
        fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        tried++;
        if (fd < 0) {
            last = errno;
            continue;
        }
        if ((last = connect_one(fd, ai, timeout)) != 0) {
            close(fd);
            fd = -1;
            if (trace != NULL)
                fprintf(trace, "Client: TCP connection to %s port %s: %s%s\n", a, port,
                        strerror(last), ai->ai_next ? "; the next address" : "");
            continue;
        }
        if (trace != NULL) {
            struct sockaddr_storage me;
            socklen_t ml = sizeof me;
            char mine[INET6_ADDRSTRLEN + 8] = "?";
            unsigned local_port = 0;
            if (getsockname(fd, (struct sockaddr *)&me, &ml) == 0) {
                numeric((struct sockaddr *)&me, ml, mine, sizeof mine);
                local_port = ntohs(me.ss_family == AF_INET6
                                   ? ((struct sockaddr_in6 *)&me)->sin6_port
                                   : ((struct sockaddr_in *)&me)->sin_port);
            }
            fprintf(trace, "Client -> Server: TCP connection to %s port %s, from %s port %u "
                    "(SYN, SYN-ACK, ACK: the kernel's three-way handshake)\n", a, port, mine,
                    local_port);
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        snprintf(err, cap, "cannot connect to %s port %s: %s (%d address%s tried)", host, port,
                 strerror(last), tried, tried == 1 ? "" : "es");
    return fd;
}
