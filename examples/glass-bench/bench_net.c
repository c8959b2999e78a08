/*
 * bench_net.c — the network figures: loopback handshakes per second for
 * each suite (glass-server and `openssl s_server`, both driven by
 * `openssl s_time -new`, per second of server CPU time and per wall
 * second) and a bulk download (glass-client from glass-server and from
 * `openssl s_server -WWW`), the handshake scaling (glass-server
 * --workers 2 against --workers 1, driven by `glass-bench --hsload`,
 * hsload.c) and glass-server's memory and load runs.  They are measured by the script
 * examples/glass-bench/net.sh (GLASS_BENCH_NET overrides the path), which
 * starts and stops the servers; its FIGURE lines become rows of the table
 * here, so the summary covers them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* Splits line at tabs into at most max fields; returns how many. */
static int split_tabs(char *line, char **field, int max)
{
    int n = 0;
    line[strcspn(line, "\n")] = '\0';
    for (char *p = line; n < max; ) {
        field[n++] = p;
        p = strchr(p, '\t');
        if (p == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

void bench_net(void)
{
    const char *script = getenv("GLASS_BENCH_NET");
    char cmd[512], line[1024];
    snprintf(cmd, sizeof cmd, "sh %s", script ? script : "examples/glass-bench/net.sh");
    fflush(stdout);
    FILE *p = popen(cmd, "r");
    if (p == NULL) {
        printf("net: cannot run %s\n", cmd);
        return;
    }
    while (fgets(line, sizeof line, p) != NULL) {
        char *f[9];
        if (strncmp(line, "FIGURE\t", 7) != 0 || split_tabs(line, f, 9) != 9) {
            fputs(line, stdout);
            continue;
        }
        bench_figure(f[1], atof(f[2]), atof(f[3]), f[4], atof(f[5]), atof(f[6]), f[7], atof(f[8]));
    }
    pclose(p);
}
