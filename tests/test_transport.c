/*
 * test_transport.c — the transports of lib/record/io.c: the in-memory pipe
 * and the file-descriptor transport (socketpair, pipe(2), non-blocking).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "glasstls/err.h"
#include "glasstls/record.h"

static void test_pipe_roundtrip_both_ways(void **state)
{
    (void)state;
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 64), 0);
    assert_non_null(p);
    glass_transport c = glass_pipe_client(p), s = glass_pipe_server(p);
    uint8_t buf[64];
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"hello", 5), 5);
    assert_int_equal(s.send(s.ctx, (const uint8_t *)"world!", 6), 6);
    assert_int_equal(glass_pipe_pending(p, 0), 5);
    assert_int_equal(glass_pipe_pending(p, 1), 6);
    assert_int_equal(s.recv(s.ctx, buf, sizeof buf), 5);
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(c.recv(c.ctx, buf, sizeof buf), 6);
    assert_memory_equal(buf, "world!", 6);
    /* empty queues would block */
    assert_int_equal(s.recv(s.ctx, buf, sizeof buf), GLASS_E_WANT_READ);
    assert_int_equal(c.recv(c.ctx, buf, sizeof buf), GLASS_E_WANT_READ);
    glass_pipe_free(p);
}

static void test_pipe_full_and_wraparound(void **state)
{
    (void)state;
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 10), 0);
    glass_transport c = glass_pipe_client(p), s = glass_pipe_server(p);
    uint8_t data[25], got[25];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + 1);
    /* only 10 bytes fit; then "would block" */
    assert_int_equal(c.send(c.ctx, data, 25), 10);
    assert_int_equal(c.send(c.ctx, data + 10, 15), GLASS_E_WANT_WRITE);
    /* drain 7, write 7 more: the ring wraps around its end */
    assert_int_equal(s.recv(s.ctx, got, 7), 7);
    assert_int_equal(c.send(c.ctx, data + 10, 15), 7);
    size_t have = 7;
    while (have < 17) {
        long n = s.recv(s.ctx, got + have, sizeof got - have);
        assert_true(n > 0);
        have += (size_t)n;
    }
    assert_int_equal(have, 17);
    assert_memory_equal(got, data, 17);
    glass_pipe_free(p);
}

static void test_pipe_chunk_limit(void **state)
{
    (void)state;
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 0), 0);
    glass_pipe_set_chunk(p, 1);
    glass_transport c = glass_pipe_client(p), s = glass_pipe_server(p);
    uint8_t b[4];
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"abcd", 4), 1);
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"bcd", 3), 1);
    assert_int_equal(s.recv(s.ctx, b, 4), 1);
    assert_int_equal(b[0], 'a');
    assert_int_equal(s.recv(s.ctx, b, 4), 1);
    assert_int_equal(b[0], 'b');
    glass_pipe_set_chunk(p, 0);
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"cd", 2), 2);
    assert_int_equal(s.recv(s.ctx, b, 4), 2);
    glass_pipe_free(p);
}

static void test_pipe_shutdown_gives_eof_after_drain(void **state)
{
    (void)state;
    glass_pipe *p;
    assert_int_equal(glass_pipe_new(&p, 0), 0);
    glass_transport c = glass_pipe_client(p), s = glass_pipe_server(p);
    uint8_t b[8];
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"xy", 2), 2);
    glass_pipe_shutdown(p, 0);
    assert_int_equal(c.send(c.ctx, (const uint8_t *)"z", 1), GLASS_E_IO);
    assert_int_equal(s.recv(s.ctx, b, 8), 2);
    assert_int_equal(s.recv(s.ctx, b, 8), 0);            /* end of stream */
    /* the other direction is still open */
    assert_int_equal(c.recv(c.ctx, b, 8), GLASS_E_WANT_READ);
    glass_pipe_free(p);
}

static void test_fd_socketpair_blocking(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    glass_transport a = glass_transport_fd(sv[0]), b = glass_transport_fd(sv[1]);
    uint8_t buf[16];
    assert_int_equal(a.send(a.ctx, (const uint8_t *)"ping", 4), 4);
    assert_int_equal(b.recv(b.ctx, buf, sizeof buf), 4);
    assert_memory_equal(buf, "ping", 4);
    close(sv[0]);
    assert_int_equal(b.recv(b.ctx, buf, sizeof buf), 0);   /* EOF */
    /* writing to a closed peer: an error, not SIGPIPE */
    assert_int_equal(b.send(b.ctx, (const uint8_t *)"x", 1), GLASS_E_IO);
    close(sv[1]);
}

static void test_fd_nonblocking_would_block(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(fcntl(sv[i], F_SETFL, fcntl(sv[i], F_GETFL) | O_NONBLOCK), 0);
    glass_transport a = glass_transport_fd(sv[0]), b = glass_transport_fd(sv[1]);
    uint8_t buf[4096];
    memset(buf, 0x5a, sizeof buf);
    assert_int_equal(b.recv(b.ctx, buf, sizeof buf), GLASS_E_WANT_READ);
    /* fill the socket buffer until it would block (bounded loop) */
    long n = 0;
    int i;
    for (i = 0; i < 100000; i++) {
        n = a.send(a.ctx, buf, sizeof buf);
        if (n < 0)
            break;
    }
    assert_int_equal(n, GLASS_E_WANT_WRITE);
    close(sv[0]);
    close(sv[1]);
}

static void test_fd_on_a_pipe_and_bad_fd(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    glass_transport w = glass_transport_fd(fds[1]), r = glass_transport_fd(fds[0]);
    uint8_t buf[8];
    assert_int_equal(w.send(w.ctx, (const uint8_t *)"abc", 3), 3);  /* not a socket: write() */
    assert_int_equal(r.recv(r.ctx, buf, sizeof buf), 3);
    assert_memory_equal(buf, "abc", 3);
    close(fds[0]);
    close(fds[1]);
    glass_transport bad = glass_transport_fd(-1);
    assert_int_equal(bad.recv(bad.ctx, buf, sizeof buf), GLASS_E_IO);
    assert_int_equal(bad.send(bad.ctx, buf, 1), GLASS_E_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pipe_roundtrip_both_ways),
        cmocka_unit_test(test_pipe_full_and_wraparound),
        cmocka_unit_test(test_pipe_chunk_limit),
        cmocka_unit_test(test_pipe_shutdown_gives_eof_after_drain),
        cmocka_unit_test(test_fd_socketpair_blocking),
        cmocka_unit_test(test_fd_nonblocking_would_block),
        cmocka_unit_test(test_fd_on_a_pipe_and_bad_fd),
    };
    return cmocka_run_group_tests_name("transport", tests, NULL, NULL);
}
