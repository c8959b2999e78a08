/*
 * bench_memory.c — memory per connection and code size.
 *
 *   - glass_conn_memory() of a server connection in the middle of a
 *     transfer (struct and record buffers: the handshake buffers and the
 *     handshake state are released once application data moves);
 *   - a server process (forked: it holds only server connections, on one
 *     thread, as an event-loop server would) with 100 connections over
 *     socketpairs, each in the middle of a transfer (a 16 KiB record
 *     written, half of it read by the client in the parent): the growth of
 *     its heap in use (mallinfo2) and of its own resident memory
 *     (/proc/self/statm, resident - shared) from 1 to 101 open
 *     connections, / 100;
 *   - the growth of its heap while those connections send 64 more records
 *     each, which must be 0: no allocation per record;
 *   - text size of build/lib/libglasstls.a (size -t), beside libssl +
 *     libcrypto for scale.
 * The target (at most 40 KiB per connection mid-transfer; BearSSL needs
 * about 37 KB) is the reference column.  What is measured here is the
 * connection itself; glass-server's own resident memory per connection,
 * which adds a thread per connection (its stack's resident pages, its
 * malloc arena), is measured on the real server by net.sh.  Certificates
 * from tests/certs (run from the repository root).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "glasstls/tls.h"
#include "glasstls/x509.h"

#define NCONN 100
#define MORE_RECORDS 64

typedef struct mem_report {
    double conn_memory, heap_per_conn, rss_per_conn, heap_growth_records;
    int failed;
} mem_report;

/* Resident memory of this process that is its own (statm: resident -
 * shared, i.e. RssAnon): what connections add.  File-backed pages (code,
 * shared with every process that maps the library) are left out: a few
 * dozen of them are mapped during any run on first use, by chance of
 * fault-around, and are no part of a connection. */
static long rss_bytes(void)
{
    long pages = 0, resident = 0, shared = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    if (fscanf(f, "%ld %ld %ld", &pages, &resident, &shared) != 3)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : (resident - shared) * sysconf(_SC_PAGESIZE);
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

/* The server process: a warm-up connection on fds[NCONN], then NCONN
 * connections on fds[i]; reports through out. */
static void server_side(const int *fds, glass_config *scfg, int out)
{
    static glass_conn *srv[NCONN];
    static uint8_t data[16384];
    mem_report rep;
    memset(&rep, 0, sizeof rep);
    memset(data, 0x42, sizeof data);
    /* One connection first, kept open like the others: the figures are
     * the growth from 1 to 101 open connections, so what a process pays
     * once is not counted per connection — above all the pages of code
     * (the library's, libc's) a handshake runs through, which a forked
     * child maps on first use (about 400 KB: 4 KB per connection over
     * 100), and the free space at the top of the heap that the newest
     * connection's released handshake buffers leave. */
    glass_conn *warm = NULL;
    rep.failed = glass_conn_new(&warm, scfg, glass_transport_fd(fds[NCONN])) != 0 ||
                 glass_handshake(warm) != 0 ||
                 glass_write(warm, data, sizeof data) != (long)sizeof data;
    double heap0 = heap_in_use();
    long rss0 = rss_bytes();
    for (int i = 0; i < NCONN && !rep.failed; i++)
        rep.failed = glass_conn_new(&srv[i], scfg, glass_transport_fd(fds[i])) != 0 ||
                     glass_handshake(srv[i]) != 0 ||
                     glass_write(srv[i], data, sizeof data) != (long)sizeof data;
    /* every connection has a record on its way: mid-transfer (what the
     * client has read does not change what the server holds) */
    double heap1 = heap_in_use();
    long rss1 = rss_bytes();
    rep.conn_memory = rep.failed ? 0 : (double)glass_conn_memory(srv[0]);
    rep.heap_per_conn = (heap1 - heap0) / NCONN;
    rep.rss_per_conn = (double)(rss1 - rss0) / NCONN;
    for (int i = 0; i < NCONN && !rep.failed; i++)      /* in the client's order */
        for (int r = 0; r < MORE_RECORDS && !rep.failed; r++)
            rep.failed = glass_write(srv[i], data, sizeof data) != (long)sizeof data;
    rep.heap_growth_records = heap_in_use() - heap1;
    if (write(out, &rep, sizeof rep) != (ssize_t)sizeof rep)
        _exit(1);
    for (int i = 0; i < NCONN; i++)
        glass_conn_free(srv[i]);
    glass_conn_free(warm);
}

/* The client side (parent): handshakes, reads half of the first record of
 * each connection, then everything the server sends. */
static int client_side(const int *fds, glass_config *ccfg)
{
    static glass_conn *cli[NCONN];
    static uint8_t sink[16384];
    glass_conn *warm = NULL;
    size_t got = 0;
    int failed = glass_conn_new(&warm, ccfg, glass_transport_fd(fds[NCONN])) != 0 ||
                 glass_handshake(warm) != 0;
    while (!failed && got < sizeof sink) {             /* the first one's one record */
        long n = glass_read(warm, sink, sizeof sink);
        failed = n <= 0;
        got += n > 0 ? (size_t)n : 0;
    }
    for (int i = 0; i < NCONN && !failed; i++)
        failed = glass_conn_new(&cli[i], ccfg, glass_transport_fd(fds[i])) != 0 ||
                 glass_handshake(cli[i]) != 0 || glass_read(cli[i], sink, sizeof sink / 2) <= 0;
    for (int i = 0; i < NCONN && !failed; i++) {
        size_t want = sizeof sink / 2 + (size_t)MORE_RECORDS * sizeof sink;
        while (want > 0 && !failed) {
            long n = glass_read(cli[i], sink, want < sizeof sink ? want : sizeof sink);
            failed = n <= 0;
            want -= n > 0 ? (size_t)n : 0;
        }
    }
    for (int i = 0; i < NCONN; i++)
        glass_conn_free(cli[i]);
    glass_conn_free(warm);
    return failed ? -1 : 0;
}

/* Runs the two sides; 0 and *rep filled, or -1. */
static int measure(glass_config *ccfg, glass_config *scfg, mem_report *rep)
{
    int cfd[NCONN + 1], sfd[NCONN + 1], rp[2], n = 0, failed = 0;
    for (; n < NCONN + 1; n++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
            break;
        cfd[n] = sv[0];
        sfd[n] = sv[1];
    }
    if (n < NCONN + 1 || pipe(rp) != 0) {
        for (int i = 0; i < n; i++) {
            close(cfd[i]);
            close(sfd[i]);
        }
        return -1;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(rp[0]);
        for (int i = 0; i < NCONN + 1; i++)
            close(cfd[i]);
        server_side(sfd, scfg, rp[1]);
        _exit(0);
    }
    close(rp[1]);
    for (int i = 0; i < NCONN + 1; i++)
        close(sfd[i]);
    if (pid < 0 || client_side(cfd, ccfg) != 0)
        failed = 1;
    for (int i = 0; i < NCONN + 1; i++)
        close(cfd[i]);
    if (read(rp[0], rep, sizeof *rep) != (ssize_t)sizeof *rep)
        failed = 1;
    close(rp[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return failed || rep->failed ? -1 : 0;
}

void bench_memory(void)
{
    static glass_x509_list chain, trust;
    static glass_rsa_private key;
    glass_config ccfg, scfg;
    mem_report rep;

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

    if (measure(&ccfg, &scfg, &rep) != 0) {
        printf("memory: a connection failed\n");
    } else {
        bench_figure("memory/conn: glass_conn_memory()", rep.conn_memory, -1, "B", 40960, -1,
                     "target 40 KiB", -1.0);
        bench_figure("memory/conn: heap, 100 mid-transfer", rep.heap_per_conn, -1, "B",
                     40960, -1, "target 40 KiB", -1.0);
        bench_figure("memory/conn: RSS, 100 mid-transfer", rep.rss_per_conn, -1, "B",
                     40960, -1, "target 40 KiB", -1.0);
        printf("%-40s %11.0f      %-6s (must be 0: no allocation per record)\n",
               "heap growth, 6400 records sent", rep.heap_growth_records, "B");
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
