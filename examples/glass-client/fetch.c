/*
 * fetch.c — one HTTP/1.1 exchange over a TLS connection (RFC 9112).
 *
 * The request: "GET path HTTP/1.1" with Host, User-Agent and
 * Connection: close.  The response: the status line, the header fields,
 * then the body, whose end is known one of three ways (RFC 9112 6.3):
 *   Transfer-Encoding: chunked   chunks until the zero-size one;
 *   Content-Length: N            exactly N bytes;
 *   neither                      everything until the server closes.
 * A body that ends early is an error, never silently short: with
 * Content-Length or chunks, any end before the last byte; without them,
 * an end of the TCP stream without TLS close_notify (RFC 5246 7.2.1: an
 * attacker can cut a TCP stream, but cannot forge close_notify).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client.h"
#include "glasstls/err.h"

/* A buffered reader over glass_read(). */
typedef struct reader {
    glass_conn *c;
    uint8_t buf[16384];
    size_t pos, len;
    int end;                   /* 0 open, 1 close_notify, 2 EOF without it */
    char *err;
    size_t cap;
} reader;

/* More bytes: 1, 0 at the end of the data, -1 on an error (err set). */
static int fill(reader *r)
{
    if (r->pos < r->len)
        return 1;
    if (r->end)
        return 0;
    long n = glass_read(r->c, r->buf, sizeof r->buf);
    if (n > 0) {
        r->pos = 0;
        r->len = (size_t)n;
        return 1;
    }
    if (n == GLASS_E_CLOSED || n == GLASS_E_EOF) {
        r->end = n == GLASS_E_CLOSED ? 1 : 2;
        return 0;
    }
    if (n == GLASS_E_WANT_READ || n == GLASS_E_WANT_WRITE)
        snprintf(r->err, r->cap, "timed out waiting for the server");
    else
        snprintf(r->err, r->cap, "reading the response failed: %s", glass_strerror((int)n));
    return -1;
}

/* One line without its CRLF (or LF): its length, or -1 (err set). */
static long read_line(reader *r, char *out, size_t cap, const char *what)
{
    size_t n = 0;
    for (;;) {
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0) {
            snprintf(r->err, r->cap, "the response ended inside the %s", what);
            return -1;
        }
        char ch = (char)r->buf[r->pos++];
        if (ch == '\n')
            break;
        if (n + 1 >= cap) {
            snprintf(r->err, r->cap, "the %s is too long", what);
            return -1;
        }
        out[n++] = ch;
    }
    if (n > 0 && out[n - 1] == '\r')
        n--;
    out[n] = '\0';
    return (long)n;
}

/* Copies exactly n bytes of body to out: 0, or -1 (err set). */
static int copy_exact(reader *r, unsigned long long n, FILE *out, unsigned long long *got)
{
    while (n > 0) {
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0) {
            snprintf(r->err, r->cap, "truncated body: the connection ended %s after %llu bytes",
                     r->end == 1 ? "(close_notify)" : "without close_notify", *got);
            return -1;
        }
        size_t k = r->len - r->pos;
        if (k > n)
            k = (size_t)n;
        fwrite(r->buf + r->pos, 1, k, out);
        r->pos += k;
        n -= k;
        *got += k;
    }
    return 0;
}

/* Strict non-negative decimal or hexadecimal number: 0 or -1. */
static int parse_number(const char *s, int base, unsigned long long *out)
{
    unsigned long long v = 0;
    const char *p = s;
    for (; *p; p++) {
        int d = (*p >= '0' && *p <= '9') ? *p - '0'
              : (base == 16 && *p >= 'a' && *p <= 'f') ? *p - 'a' + 10
              : (base == 16 && *p >= 'A' && *p <= 'F') ? *p - 'A' + 10 : -1;
        if (d < 0 || v > (~0ULL - (unsigned)d) / (unsigned)base)
            return -1;
        v = v * (unsigned)base + (unsigned)d;
    }
    *out = v;
    return p == s ? -1 : 0;
}

static int read_chunked(reader *r, FILE *out, unsigned long long *got)
{
    char line[256];
    for (;;) {
        if (read_line(r, line, sizeof line, "chunk size") < 0)
            return -1;
        line[strcspn(line, "; \t")] = '\0';    /* chunk extensions are ignored */
        unsigned long long n;
        if (parse_number(line, 16, &n) != 0) {
            snprintf(r->err, r->cap, "malformed chunk size \"%.40s\"", line);
            return -1;
        }
        if (n == 0)
            break;
        if (copy_exact(r, n, out, got) != 0)
            return -1;
        if (read_line(r, line, sizeof line, "chunk") < 0)
            return -1;
        if (line[0] != '\0') {
            snprintf(r->err, r->cap, "a chunk is longer than its size says");
            return -1;
        }
    }
    do                                         /* the trailer section */
        if (read_line(r, line, sizeof line, "trailer") < 0)
            return -1;
    while (line[0] != '\0');
    return 0;
}

static int read_until_close(reader *r, FILE *out, unsigned long long *got)
{
    int f;
    while ((f = fill(r)) > 0) {
        fwrite(r->buf + r->pos, 1, r->len - r->pos, out);
        *got += r->len - r->pos;
        r->pos = r->len;
    }
    if (f == 0 && r->end == 2) {
        snprintf(r->err, r->cap, "truncated body: the connection ended without close_notify"
                 " after %llu bytes", *got);
        return -1;
    }
    return f;
}

/* The head of a response: status, and how its body is framed. */
typedef struct head {
    int status;
    int chunked;
    int has_length;
    unsigned long long length;
    char status_line[96];
    char content_type[96];
} head;

static int read_head(reader *r, const fetch_opts *o, head *h)
{
    char line[8192];
    memset(h, 0, sizeof *h);
    if (read_line(r, line, sizeof line, "status line") < 0)
        return -1;
    if (o->show_headers)
        printf("%s\r\n", line);
    if (strncmp(line, "HTTP/1.", 7) != 0 || (line[7] != '0' && line[7] != '1') ||
        line[8] != ' ' || line[9] < '1' || line[9] > '5' || line[10] < '0' || line[10] > '9' ||
        line[11] < '0' || line[11] > '9' || (line[12] != ' ' && line[12] != '\0')) {
        snprintf(r->err, r->cap, "not an HTTP/1.x status line: \"%.60s\"", line);
        return -1;
    }
    h->status = atoi(line + 9);
    snprintf(h->status_line, sizeof h->status_line, "%.95s", line);
    for (;;) {
        if (read_line(r, line, sizeof line, "response headers") < 0)
            return -1;
        if (o->show_headers)
            printf("%s\r\n", line);
        if (line[0] == '\0')
            return 0;
        char *colon = strchr(line, ':');
        if (colon == NULL || colon == line) {
            snprintf(r->err, r->cap, "malformed header line \"%.60s\"", line);
            return -1;
        }
        *colon = '\0';
        char *v = colon + 1;
        v += strspn(v, " \t");
        if (strcasecmp(line, "Content-Type") == 0) {
            snprintf(h->content_type, sizeof h->content_type, "%.95s", v);
        } else if (strcasecmp(line, "Transfer-Encoding") == 0) {
            const char *last = strrchr(v, ',');
            last = last ? last + 1 + strspn(last + 1, " \t") : v;
            h->chunked = strncasecmp(last, "chunked", 7) == 0;
        } else if (strcasecmp(line, "Content-Length") == 0) {
            unsigned long long n;
            size_t vl = strcspn(v, " \t");
            v[vl] = '\0';
            if (parse_number(v, 10, &n) != 0 || (h->has_length && n != h->length)) {
                snprintf(r->err, r->cap, "bad Content-Length \"%.40s\"", v);
                return -1;
            }
            h->has_length = 1;
            h->length = n;
        }
    }
}

/* Printable ASCII only: the server chose these bytes. */
static void printable(char *s)
{
    for (; *s; s++)
        if (*s < ' ' || *s > '~')
            *s = '?';
}

int fetch(glass_conn *c, const url *u, const fetch_opts *o, fetch_result *res, char *err,
          size_t cap)
{
    char req[4096];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: glass-client/1 (glasstls)\r\n"
                     "Accept: */*\r\nConnection: close\r\n\r\n", u->path, u->authority);
    if (n <= 0 || (size_t)n >= sizeof req) {
        snprintf(err, cap, "the request is too long");
        return -1;
    }
    if (o->trace != NULL)
        fprintf(o->trace, "Client: send the HTTP request \"GET %s HTTP/1.1\" (Host: %s; "
                "%d bytes, encrypted as application data)\n", u->path, u->authority, n);
    long w = glass_write(c, (const uint8_t *)req, (size_t)n);
    if (w != n) {
        snprintf(err, cap, "sending the request failed: %s",
                 glass_strerror(w < 0 ? (int)w : glass_conn_error(c)));
        return -1;
    }
    static reader r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.err = err;
    r.cap = cap;
    head h;
    do                                         /* 1xx: interim responses */
        if (read_head(&r, o, &h) != 0)
            return -1;
    while (h.status < 200);
    unsigned long long got = 0;
    int rc;
    const char *framing;
    if (h.status == 204 || h.status == 304)
        rc = 0, framing = "none";              /* no body, whatever the headers say */
    else if (h.chunked)
        rc = read_chunked(&r, o->body, &got), framing = "chunked";
    else if (h.has_length)
        rc = copy_exact(&r, h.length, o->body, &got), framing = "Content-Length";
    else
        rc = read_until_close(&r, o->body, &got), framing = "until close_notify";
    fflush(o->body);
    if (res != NULL) {
        memcpy(res->status_line, h.status_line, sizeof res->status_line);
        memcpy(res->content_type, h.content_type, sizeof res->content_type);
        printable(res->status_line);
        printable(res->content_type);
        res->framing = framing;
        res->body_len = got;
    }
    return rc == 0 ? h.status : -1;
}
