/*
 * net.c — glass-mitm's strict record reader (RFC 5246 6.2.1: a 5-byte
 * header, type, version and length, then the body), shared by
 * strip-ecdhe and replace-ske; the sockets are examples/labs/common's.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mitm.h"

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
        double left = deadline - lab_now();
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
