/*
 * hello-client — the smallest complete HTTPS client over glasstls: the
 * first program to read, and the one to copy.
 *
 *   hello-client HOST PORT CAFILE [PATH]
 *
 *   1. connect a TCP socket to HOST:PORT            (plain POSIX sockets)
 *   2. load the trust anchors from CAFILE           (glasstls/x509.h)
 *   3. the TLS 1.2 handshake; the server's certificate must chain to
 *      CAFILE and name HOST                         (glasstls/tls.h)
 *   4. send "GET PATH" and print the response until close_notify
 *
 * Everything blocks: each call returns when its work is done.  Only the
 * public API is used.  glass-client is the full version (URLs, timeouts,
 * HTTP framing, tracing).  Exit status: 0 on success, 1 on any failure
 * (one line on stderr says why), 2 for a usage error.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "glasstls/tls.h"
#include "glasstls/x509.h"

/* Step 1: a TCP connection to host:port (each address in turn), or -1. */
static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *list, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &list);
    if (rc != 0) {
        fprintf(stderr, "hello-client: %s: %s\n", host, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    if (fd < 0)
        fprintf(stderr, "hello-client: cannot connect to %s port %s\n", host, port);
    return fd;
}

/* Why the handshake failed: the certificate check's own sentence if it
 * was the certificate, else the error and the alert that ended it. */
static void report_handshake_failure(glass_conn *c, int rc)
{
    const char *cert_reason = glass_conn_peer_cert_reason(c);
    glass_alert sent = glass_conn_last_alert_sent(c);
    glass_alert received = glass_conn_last_alert_received(c);
    if (cert_reason != NULL)
        fprintf(stderr, "hello-client: server certificate refused: %s\n", cert_reason);
    else
        fprintf(stderr, "hello-client: handshake failed: %s\n", glass_strerror(rc));
    if (sent.present)
        fprintf(stderr, "hello-client: alert sent: %s\n", glass_alert_name(sent.description));
    else if (received.present)
        fprintf(stderr, "hello-client: alert received: %s\n",
                glass_alert_name(received.description));
}

/* Step 4: the request, then every byte of the response to stdout.  Only
 * the server's close_notify proves the response is complete. */
static int exchange(glass_conn *c, const char *host, const char *path)
{
    char request[1024];
    int len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s\r\n"
                       "Connection: close\r\n\r\n", path, host);
    if (len < 0 || (size_t)len >= sizeof request) {
        fprintf(stderr, "hello-client: the request is too long\n");
        return 1;
    }
    long n = glass_write(c, (const uint8_t *)request, (size_t)len);
    if (n < 0) {
        fprintf(stderr, "hello-client: sending the request: %s\n", glass_strerror((int)n));
        return 1;
    }
    uint8_t buf[4096];
    while ((n = glass_read(c, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, stdout);
    fflush(stdout);
    if (n != GLASS_E_CLOSED) {    /* GLASS_E_EOF: cut without close_notify */
        fprintf(stderr, "hello-client: reading the response: %s\n", glass_strerror((int)n));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: hello-client HOST PORT CAFILE [PATH]\n");
        return 2;
    }
    const char *host = argv[1], *port = argv[2], *cafile = argv[3];
    const char *path = argc == 5 ? argv[4] : "/";

    glass_x509_list trust;                       /* step 2 */
    glass_x509_list_init(&trust);
    int rc = glass_x509_list_load_file(&trust, cafile);
    if (rc != 0 || trust.count == 0) {
        fprintf(stderr, "hello-client: %s: %s\n", cafile,
                rc != 0 ? glass_strerror(rc) : "no certificate in the file");
        glass_x509_list_free(&trust);
        return 1;
    }
    glass_config cfg;
    glass_config_init(&cfg, GLASS_ROLE_CLIENT);  /* safe defaults: verify the peer */
    cfg.trust = &trust;
    cfg.server_name = host;                      /* sent as SNI, checked in the certificate */

    int fd = tcp_connect(host, port);            /* step 1 */
    if (fd < 0) {
        glass_x509_list_free(&trust);
        return 1;
    }
    glass_conn *c = NULL;
    int status = 1;
    rc = glass_conn_new(&c, &cfg, glass_transport_fd(fd));
    if (rc != 0)
        fprintf(stderr, "hello-client: %s\n", glass_strerror(rc));
    else if ((rc = glass_handshake(c)) != 0)     /* step 3 */
        report_handshake_failure(c, rc);
    else
        status = exchange(c, host, path);        /* step 4 */
    glass_conn_free(c);                          /* wipes the keys; NULL is fine */
    close(fd);
    glass_x509_list_free(&trust);
    return status;
}
