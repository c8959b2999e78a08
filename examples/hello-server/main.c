/*
 * hello-server — the smallest complete HTTPS server over glasstls: the
 * first server to read, and the one to copy.
 *
 *   hello-server PORT CERT.pem KEY.pem [COUNT]
 *
 *   1. load the certificate chain and its private key  (glasstls/x509.h)
 *   2. listen on 127.0.0.1:PORT                         (POSIX sockets)
 *   3. each connection in turn: the TLS 1.2 handshake, one HTTP request,
 *      a small page, close_notify                       (glasstls/tls.h)
 *
 * COUNT stops after that many connections (default: run until killed).
 * Everything blocks; a client that goes quiet for 10 seconds is dropped.
 * Only the public API is used.  glass-server is the full version (threads,
 * files, signals, tracing).  README.md shows a run with the demo certificate.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "glasstls/tls.h"
#include "glasstls/x509.h"

/* Step 2: a socket listening on 127.0.0.1:port, or -1. */
static int tcp_listen(int port)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 16) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The request, up to the blank line that ends its headers (or as much as
 * fits): 0, or the error from glass_read (the handshake runs first). */
static int read_request(glass_conn *c, char *request, size_t cap)
{
    size_t got = 0;
    request[0] = '\0';
    while (got < cap - 1 && strstr(request, "\r\n\r\n") == NULL) {
        long n = glass_read(c, (uint8_t *)request + got, cap - 1 - got);
        if (n < 0)
            return (int)n;
        request[got += (size_t)n] = '\0';
    }
    return 0;
}

/* The page names the suite the handshake chose and the client's SNI. */
static long send_page(glass_conn *c)
{
    const glass_suite_info *suite = glass_suite_find(glass_conn_suite(c));
    const char *sni = glass_conn_server_name(c);
    char page[512], response[1024];
    int page_len = snprintf(page, sizeof page, "<!doctype html><title>hello</title>\n"
                            "<h1>Hello from glasstls</h1>\n<p>TLS 1.2, %s, server name %.64s</p>\n",
                            suite ? suite->name : "?", sni ? sni : "(none)");
    int len = snprintf(response, sizeof response, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                       "Content-Length: %d\r\nConnection: close\r\n\r\n%s", page_len, page);
    long n = glass_write(c, (const uint8_t *)response, (size_t)len);
    return n < 0 ? n : glass_close(c);             /* our close_notify: the page is complete */
}

/* Step 3: one connection, from the handshake to close_notify. */
static void serve(const glass_config *cfg, int fd)
{
    struct timeval ten_seconds = { 10, 0 };        /* a blocking call waits at most this */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &ten_seconds, sizeof ten_seconds);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &ten_seconds, sizeof ten_seconds);
    glass_conn *c = NULL;
    char request[2048];
    int rc = glass_conn_new(&c, cfg, glass_transport_fd(fd));
    if (rc == 0 && (rc = glass_handshake(c)) == 0 &&
        (rc = read_request(c, request, sizeof request)) == 0)
        rc = (int)send_page(c);
    if (rc == 0)
        printf("hello-server: %.*s: 200\n", (int)strcspn(request, "\r\n"), request);
    else                       /* the library has already sent the matching alert */
        printf("hello-server: connection failed in %s: %s\n",
               c ? glass_conn_state_name(c) : "setup",
               rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE ? "the client went quiet"
                                                                   : glass_strerror(rc));
    fflush(stdout);
    glass_conn_free(c);                            /* wipes the keys; NULL is fine */
}

int main(int argc, char **argv)
{
    int port = argc >= 4 ? atoi(argv[1]) : 0;
    long count = argc == 5 ? atol(argv[4]) : -1;
    if (argc < 4 || argc > 5 || port < 1 || port > 65535 || count == 0 || count < -1) {
        fprintf(stderr, "usage: hello-server PORT(1-65535) CERT.pem KEY.pem [COUNT(>0)]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);                      /* a vanished client is an error, not a kill */

    glass_x509_list chain;                         /* step 1 */
    glass_rsa_private key;
    glass_x509_list_init(&chain);
    int rc = glass_x509_list_load_file(&chain, argv[2]);
    if (rc != 0 || chain.count == 0) {
        fprintf(stderr, "hello-server: %s: %s\n", argv[2],
                rc != 0 ? glass_strerror(rc) : "no certificate in the file");
        return 1;
    }
    if ((rc = glass_x509_key_load_file(&key, argv[3])) != 0) {
        fprintf(stderr, "hello-server: %s: %s\n", argv[3], glass_strerror(rc));
        glass_x509_list_free(&chain);
        return 1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    cfg.chain = &chain;                            /* leaf first, as the file lists them */
    cfg.key = &key;

    int lfd = tcp_listen(port);                    /* step 2 */
    if (lfd < 0)
        perror("hello-server: cannot listen on 127.0.0.1");
    else
        printf("hello-server: listening on https://127.0.0.1:%d/\n", port);
    fflush(stdout);
    for (long served = 0; lfd >= 0 && served != count; served++) {
        int fd = accept(lfd, NULL, NULL);          /* step 3, one at a time */
        if (fd >= 0) {
            serve(&cfg, fd);
            close(fd);
        }
    }
    if (lfd >= 0)
        close(lfd);
    glass_x509_list_free(&chain);
    glass_rsa_private_free(&key);                  /* wipes the private key */
    return lfd >= 0 ? 0 : 1;
}
