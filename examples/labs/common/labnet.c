/*
 * labnet.c — the lab programs' loopback sockets (labnet.h).
 */
#include "labnet.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int lab_loopback_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *sl)
{
    char host[64];
    const char *port;
    if (spec == NULL)
        return -1;
    if (spec[0] == '[') {                           /* [v6]:port */
        const char *end = strchr(spec, ']');
        if (end == NULL || end[1] != ':' || (size_t)(end - spec - 1) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(end - spec - 1), spec + 1);
        port = end + 2;
    } else {                                        /* v4:port */
        const char *colon = strrchr(spec, ':');
        if (colon == NULL || (size_t)(colon - spec) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
        port = colon + 1;
    }
    if (port[0] == '\0' || strspn(port, "0123456789") != strlen(port))
        return -1;
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return -1;
    int ok = 0;
    if (res->ai_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)res->ai_addr;
        ok = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else if (res->ai_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)res->ai_addr;
        ok = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    if (ok) {
        memcpy(ss, res->ai_addr, res->ai_addrlen);
        *sl = res->ai_addrlen;
    }
    freeaddrinfo(res);
    return ok ? 0 : -1;
}

static int not_loopback(const char *prog, const char *spec)
{
    fprintf(stderr, "%s: %s: a loopback ADDR:PORT please (127.0.0.1:PORT or [::1]:PORT): "
                    "the labs stay on this machine\n", prog, spec ? spec : "(none)");
    return -1;
}

int lab_listen(const char *prog, const char *spec)
{
    struct sockaddr_storage a;
    socklen_t l;
    if (lab_loopback_addr(spec, &a, &l) != 0)
        return not_loopback(prog, spec);
    int one = 1, fd = socket(a.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&a, l) != 0 || listen(fd, 1) != 0) {
        fprintf(stderr, "%s: listen on %s: %s\n", prog, spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

int lab_accept(const char *prog, int lfd, int timeout_s)
{
    struct pollfd p = { lfd, POLLIN, 0 };
    int fd;
    if (poll(&p, 1, timeout_s * 1000) != 1 || (fd = accept(lfd, NULL, NULL)) < 0) {
        fprintf(stderr, "%s: no client came within %d s\n", prog, timeout_s);
        return -1;
    }
    return fd;
}

int lab_connect(const char *prog, const char *spec)
{
    struct sockaddr_storage a;
    socklen_t l;
    if (lab_loopback_addr(spec, &a, &l) != 0)
        return not_loopback(prog, spec);
    int fd = socket(a.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, l) != 0) {
        fprintf(stderr, "%s: connect to %s: %s\n", prog, spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

int lab_sockname(int fd, char *out, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    char host[64], port[16];
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0 ||
        getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return -1;
    int n = snprintf(out, cap, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, port);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

int lab_write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

double lab_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
