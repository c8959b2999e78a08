/*
 * bench_memory.c — memory per connection and code size.
 *
 *   - glass_conn_memory(): the bytes one connection allocates (struct,
 *     record buffers, handshake state), all of it in glass_conn_new();
 *   - 100 server connections in this process (over in-memory pipes), each
 *     in the middle of a transfer (a 16 KiB record written, half read by
 *     the client): the growth of the heap in use (mallinfo2) and of the
 *     resident set (/proc/self/statm) over creating them, divided by 100;
 *   - heap growth while those connections move 64 more records each, which
 *     must be 0: no allocation per record;
 *   - text size of build/lib/libglasstls.a (size -t), beside libssl +
 *     libcrypto for scale.
 * The target (at most 40 KiB per connection mid-transfer, BearSSL needs
 * about 37 KB) is the reference column.  glass-server serves one
 * connection at a time, so its resident memory with 100 open connections
 * cannot be read from outside; the same connections are held here.
 * Certificates from tests/certs (run from the repository root).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "glasstls/tls.h"
#include "glasstls/x509.h"

#define NCONN 100

static int blocked(int rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

static long rss_bytes(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

static double heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)mi.uordblks;
}

/* text column of the "(TOTALS)" line of `size -t files` */
static double text_size(const char *files)
{
    char cmd[512], line[512];
    double text = -1;
    snprintf(cmd, sizeof cmd, "size -t %s 2>/dev/null", files);
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    while (fgets(line, sizeof line, p) != NULL)
        if (strstr(line, "(TOTALS)") != NULL)
            text = strtod(line, NULL);
    pclose(p);
    return text;
}

static int handshake_pair(glass_conn *c, glass_conn *s)
{
    for (int i = 0; i < 100 && !(glass_handshake_done(c) && glass_handshake_done(s)); i++) {
        int rc = glass_handshake_step(c), rs = glass_handshake_step(s);
        if ((rc != 0 && !blocked(rc)) || (rs != 0 && !blocked(rs)))
            return -1;
    }
    return glass_handshake_done(c) && glass_handshake_done(s) ? 0 : -1;
}

void bench_memory(void)
{
    static glass_x509_list chain, trust;
    static glass_rsa_private key;
    static glass_pipe *pipes[NCONN];
    static glass_conn *cli[NCONN], *srv[NCONN];
    static uint8_t data[16384], sink[16384];
    glass_config ccfg, scfg;
    int failed = 0;

    glass_x509_list_init(&chain);
    glass_x509_list_init(&trust);
    if (glass_x509_list_load_file(&chain, "tests/certs/chain-localhost.pem") != 0 ||
        glass_x509_key_load_file(&key, "tests/certs/leaf.key") != 0 ||
        glass_x509_list_load_file(&trust, "tests/certs/root.pem") != 0) {
        printf("memory: tests/certs not found (run from the repository root)\n");
        return;
    }
    glass_config_init(&ccfg, GLASS_ROLE_CLIENT);
    glass_config_init(&scfg, GLASS_ROLE_SERVER);
    ccfg.trust = &trust;
    ccfg.server_name = "localhost";
    scfg.chain = &chain;
    scfg.key = &key;
    memset(data, 0x42, sizeof data);

    for (int i = 0; i < NCONN && !failed; i++) {   /* the client side first */
        pipes[i] = glass_pipe_new(0);
        failed = pipes[i] == NULL ||
                 glass_conn_new(&cli[i], &ccfg, glass_pipe_client(pipes[i])) != 0;
    }
    double heap0 = heap_in_use();
    long rss0 = rss_bytes();
    for (int i = 0; i < NCONN && !failed; i++)
        failed = glass_conn_new(&srv[i], &scfg, glass_pipe_server(pipes[i])) != 0 ||
                 handshake_pair(cli[i], srv[i]) != 0 ||
                 glass_write(srv[i], data, sizeof data) != (long)sizeof data ||
                 glass_read(cli[i], sink, sizeof data / 2) <= 0;
    double heap1 = heap_in_use();
    long rss1 = rss_bytes();
    /* 64 more records each: the heap must not grow */
    for (int r = 0; r < 64 && !failed; r++)
        for (int i = 0; i < NCONN && !failed; i++) {
            while (glass_pipe_pending(pipes[i], 1) > 0 && !failed)
                failed = glass_read(cli[i], sink, sizeof sink) <= 0;
            failed |= glass_write(srv[i], data, sizeof data) != (long)sizeof data;
        }
    double heap2 = heap_in_use();

    if (failed) {
        printf("memory: a connection failed\n");
    } else {
        size_t one = glass_conn_memory(srv[0]);
        bench_figure("memory/conn: glass_conn_memory()", (double)one, -1, "B", 40960, -1,
                     "target 40 KiB", -1.0);
        bench_figure("memory/conn: heap, 100 mid-transfer", (heap1 - heap0) / NCONN, -1, "B",
                     40960, -1, "target 40 KiB", -1.0);
        bench_figure("memory/conn: RSS, 100 mid-transfer", (double)(rss1 - rss0) / NCONN, -1, "B",
                     40960, -1, "target 40 KiB", -1.0);
        printf("%-40s %11.0f      %-6s (must be 0: no allocation per record)\n",
               "heap growth over 6400 records", heap2 - heap1, "B");
    }
    for (int i = 0; i < NCONN; i++) {
        glass_conn_free(cli[i]);
        glass_conn_free(srv[i]);
        glass_pipe_free(pipes[i]);
    }
    glass_x509_list_free(&chain);
    glass_x509_list_free(&trust);
    glass_rsa_private_free(&key);

    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    char lib[256];
    snprintf(lib, sizeof lib, "%s/lib/libglasstls.a", build);
    double ossl = text_size("/usr/lib/x86_64-linux-gnu/libssl.so.3 "
                            "/usr/lib/x86_64-linux-gnu/libcrypto.so.3");
    bench_figure("code: libglasstls.a text", text_size(lib), -1, "B", ossl, -1,
                 "libssl+libcrypto .so text", 0);
}
