/*
 * net.c — glass-mitm's sockets (loopback only) and its strict record
 * reader (RFC 5246 6.2.1: a 5-byte header, type, version and length, then
 * the body), shared by strip-ecdhe and replace-ske.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mitm.h"

/* "127.0.0.1:4433" or "[::1]:4433" -> a loopback address, or -1 */
static int loopback_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *sl)
{
    char host[64];
    const char *port;
    if (spec == NULL)
        return -1;
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

static void not_loopback(const char *spec)
{
    fprintf(stderr, "glass-mitm: %s: a loopback ADDR:PORT please (127.0.0.1:PORT or "
                    "[::1]:PORT): the labs stay on this machine\n", spec ? spec : "(none)");
}

int mitm_listen(const char *spec)
{
    struct sockaddr_storage a;
    socklen_t l;
    if (loopback_addr(spec, &a, &l) != 0) {
        not_loopback(spec);
        return -1;
    }
    int one = 1, fd = socket(a.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&a, l) != 0 || listen(fd, 1) != 0) {
        perror("glass-mitm: listen");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

int mitm_accept(int lfd, int timeout)
{
    struct pollfd p = { lfd, POLLIN, 0 };
    int fd;
    if (poll(&p, 1, timeout * 1000) != 1 || (fd = accept(lfd, NULL, NULL)) < 0) {
        fprintf(stderr, "glass-mitm: no client came within %d s\n", timeout);
        return -1;
    }
    return fd;
}

int mitm_connect(const char *spec)
{
    struct sockaddr_storage a;
    socklen_t l;
    if (loopback_addr(spec, &a, &l) != 0) {
        not_loopback(spec);
        return -1;
    }
    int fd = socket(a.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, l) != 0) {
        perror("glass-mitm: connect");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

int mitm_write_all(int fd, const uint8_t *p, size_t n)
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

double mitm_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

long mitm_next_record(const mitm_side *s)
{
    if (s->len < MITM_HDR)
        return 0;
    size_t body = (size_t)s->buf[3] << 8 | s->buf[4];
    if (s->buf[0] < 20 || s->buf[0] > 24 || s->buf[1] != 3 || body > MITM_MAX_BODY)
        return -1;
    return s->len >= MITM_HDR + body ? (long)(MITM_HDR + body) : 0;
}

void mitm_consume(mitm_side *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
}

int mitm_fill(mitm_side *s, int ms)
{
    if (s->eof || s->len == sizeof s->buf)
        return -1;
    struct pollfd p = { s->fd, POLLIN, 0 };
    int k = poll(&p, 1, ms);
    if (k < 0 && errno == EINTR)
        return 0;
    if (k <= 0)
        return k == 0 ? 0 : -1;
    ssize_t got = recv(s->fd, s->buf + s->len, sizeof s->buf - s->len, 0);
    if (got <= 0) {
        s->eof = 1;
        return -1;
    }
    s->len += (size_t)got;
    return 1;
}

long mitm_wait_record(mitm_side *s, double deadline)
{
    long n;
    while ((n = mitm_next_record(s)) == 0) {
        double left = deadline - mitm_now();
        if (left <= 0 || mitm_fill(s, left > 0.2 ? 200 : (int)(left * 1000) + 1) < 0)
            return -1;
    }
    return n;
}

const char *mitm_alert_name(uint8_t d)
{
    switch (d) {
    case 0:   return "close_notify";
    case 10:  return "unexpected_message";
    case 20:  return "bad_record_mac";
    case 40:  return "handshake_failure";
    case 42:  return "bad_certificate";
    case 47:  return "illegal_parameter";
    case 48:  return "unknown_ca";
    case 50:  return "decode_error";
    case 51:  return "decrypt_error";
    case 70:  return "protocol_version";
    case 71:  return "insufficient_security";
    case 80:  return "internal_error";
    default:  return "other";
    }
}

/* The suites of RFC 5289, RFC 8422 and RFC 7905 whose key exchange is
 * ECDHE, and the RSA ones glasstls has; a list, not a rule on the value. */
static const struct { uint16_t id; int ecdhe; const char *name; } suites[] = {
    { 0x009C, 0, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
    { 0x009D, 0, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
    { 0x002F, 0, "TLS_RSA_WITH_AES_128_CBC_SHA" },
    { 0x0035, 0, "TLS_RSA_WITH_AES_256_CBC_SHA" },
    { 0x00FF, 0, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
    { 0xC009, 1, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
    { 0xC00A, 1, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
    { 0xC013, 1, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
    { 0xC014, 1, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
    { 0xC023, 1, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
    { 0xC024, 1, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
    { 0xC027, 1, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
    { 0xC028, 1, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
    { 0xC02B, 1, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
    { 0xC02C, 1, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
    { 0xC02F, 1, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
    { 0xC030, 1, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
    { 0xCCA8, 1, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
    { 0xCCA9, 1, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
};

const char *mitm_suite_name(uint16_t id)
{
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (suites[i].id == id)
            return suites[i].name;
    return NULL;
}

int mitm_suite_is_ecdhe(uint16_t id)
{
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (suites[i].id == id)
            return suites[i].ecdhe;
    return 0;
}
