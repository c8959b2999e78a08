/*
 * io.c — the transports: a file descriptor (blocking or non-blocking) and
 * an in-memory pipe pair.  See glasstls/record.h for the contract.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include "glasstls/err.h"
#include "glasstls/record.h"

/* ---- file descriptor ---- */

/* The descriptor travels in ctx itself, so the transport needs no memory. */
static int fd_of(void *ctx)
{
    return (int)(intptr_t)ctx;
}

static long fd_send(void *ctx, const uint8_t *buf, size_t len)
{
    int fd = fd_of(ctx);
    for (;;) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK)
            n = write(fd, buf, len);           /* a pipe or a file */
        if (n >= 0)
            return (long)n;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return GLASS_E_WANT_WRITE;
        return GLASS_E_IO;
    }
}

static long fd_recv(void *ctx, uint8_t *buf, size_t len)
{
    int fd = fd_of(ctx);
    for (;;) {
        ssize_t n = read(fd, buf, len);
        if (n >= 0)
            return (long)n;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return GLASS_E_WANT_READ;
        return GLASS_E_IO;
    }
}

glass_transport glass_transport_fd(int fd)
{
    /* Each send is a whole record, and a flight is several records sent one
     * after the other: with Nagle's algorithm on, the second waits for the
     * ACK of the first, which the peer delays (up to 40 ms) while it waits
     * for the rest of the flight — every handshake would stall.  So
     * TCP_NODELAY; on anything but a TCP socket this fails, harmlessly. */
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    glass_transport t;
    t.ctx = (void *)(intptr_t)fd;
    t.send = fd_send;
    t.recv = fd_recv;
    return t;
}

/* ---- in-memory pipe ---- */

/* One direction: a ring buffer of cap bytes. */
typedef struct pipe_queue {
    uint8_t *buf;
    size_t   cap, head, len;   /* data is [head, head+len) modulo cap */
    int      shut;             /* the writer is gone: EOF once drained */
} pipe_queue;

/* An end knows which queue it writes and which it reads. */
typedef struct pipe_end {
    struct glass_pipe *p;
    pipe_queue *wq, *rq;
} pipe_end;

struct glass_pipe {
    pipe_queue c2s, s2c;
    pipe_end   client, server;
    size_t     chunk;          /* max bytes per call, 0 = no limit */
};

static size_t clamp_chunk(const struct glass_pipe *p, size_t len)
{
    return (p->chunk != 0 && len > p->chunk) ? p->chunk : len;
}

static long pipe_send(void *ctx, const uint8_t *buf, size_t len)
{
    pipe_end *e = ctx;
    pipe_queue *q = e->wq;
    if (q->shut)
        return GLASS_E_IO;                     /* writing after shutdown */
    size_t n = clamp_chunk(e->p, len);
    if (n > q->cap - q->len)
        n = q->cap - q->len;
    if (n == 0)
        return len == 0 ? 0 : GLASS_E_WANT_WRITE;
    for (size_t i = 0; i < n; i++)
        q->buf[(q->head + q->len + i) % q->cap] = buf[i];
    q->len += n;
    return (long)n;
}

static long pipe_recv(void *ctx, uint8_t *buf, size_t len)
{
    pipe_end *e = ctx;
    pipe_queue *q = e->rq;
    if (q->len == 0)
        return q->shut ? 0 : GLASS_E_WANT_READ;
    size_t n = clamp_chunk(e->p, len);
    if (n > q->len)
        n = q->len;
    for (size_t i = 0; i < n; i++)
        buf[i] = q->buf[(q->head + i) % q->cap];
    q->head = (q->head + n) % q->cap;
    q->len -= n;
    return (long)n;
}

int glass_pipe_new(glass_pipe **out, size_t capacity)
{
    if (out == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    if (capacity == 0)
        capacity = 64 * 1024;
    struct glass_pipe *p = calloc(1, sizeof *p);
    if (p == NULL)
        return GLASS_E_NO_MEMORY;
    p->c2s.buf = malloc(capacity);
    p->s2c.buf = malloc(capacity);
    if (p->c2s.buf == NULL || p->s2c.buf == NULL) {
        glass_pipe_free(p);
        return GLASS_E_NO_MEMORY;
    }
    p->c2s.cap = p->s2c.cap = capacity;
    p->client = (pipe_end){ p, &p->c2s, &p->s2c };
    p->server = (pipe_end){ p, &p->s2c, &p->c2s };
    *out = p;
    return GLASS_OK;
}

void glass_pipe_free(glass_pipe *p)
{
    if (p == NULL)
        return;
    free(p->c2s.buf);
    free(p->s2c.buf);
    free(p);
}

glass_transport glass_pipe_client(glass_pipe *p)
{
    glass_transport t = { &p->client, pipe_send, pipe_recv };
    return t;
}

glass_transport glass_pipe_server(glass_pipe *p)
{
    glass_transport t = { &p->server, pipe_send, pipe_recv };
    return t;
}

void glass_pipe_set_chunk(glass_pipe *p, size_t max)
{
    p->chunk = max;
}

void glass_pipe_shutdown(glass_pipe *p, int from_server)
{
    (from_server ? &p->s2c : &p->c2s)->shut = 1;
}

size_t glass_pipe_pending(const glass_pipe *p, int from_server)
{
    return (from_server ? &p->s2c : &p->c2s)->len;
}
