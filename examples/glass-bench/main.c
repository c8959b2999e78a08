/*
 * glass-bench — throughput and operation rates of glasstls beside the same
 * figures from OpenSSL measured in the same run, with the ratio.
 *
 *   glass-bench            run everything
 *   GLASS_BENCH_ONLY=sha glass-bench     only benchmarks whose name contains "sha"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

typedef struct bench_entry {
    const char *name;
    void (*run)(void);
} bench_entry;

/* The benchmarks (declared in bench.h), in the order they run. */
static const bench_entry bench_list[] = {
    { "sha", bench_sha },          /* SHA-256/384/512, HMAC-SHA256 (bench_sha.c) */
    { "aes-gcm", bench_aes },      /* AES-128/256-GCM, both paths (bench_aes.c) */
    { "x25519", bench_x25519 },    /* X25519 (bench_x25519.c) */
    { "rsa", bench_rsa },          /* RSA-2048/3072/4096 sign and verify (bench_rsa.c) */
    { "handshake", bench_handshake }, /* in-memory handshakes/s, trace off/on (bench_handshake.c) */
    { NULL, NULL }
};

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_rate(void (*fn)(void *), void *arg, double seconds, int runs, double *spread)
{
    double rates[16];
    if (runs < 1) runs = 1;
    if (runs > 16) runs = 16;
    for (int r = 0; r < runs; r++) {
        unsigned long n = 0, batch = 1;
        double t0 = bench_now(), t;
        do {
            for (unsigned long i = 0; i < batch; i++)
                fn(arg);
            n += batch;
            if (batch < (1ul << 20))
                batch *= 2;
            t = bench_now();
        } while (t - t0 < seconds / runs);
        rates[r] = (double)n / (t - t0);
    }
    qsort(rates, (size_t)runs, sizeof rates[0], cmp_double);
    double med = rates[runs / 2];
    if (spread)
        *spread = med > 0 ? (rates[runs - 1] - rates[0]) / med : 0;
    return med;
}

static double parse_num(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return -1;
    if (*end == 'k') v *= 1000;
    return v;
}

double bench_openssl_speed(const char *env, const char *args, const char *row, int col)
{
    char cmd[512], line[1024];
    double found = -1;
    FILE *p;

    snprintf(cmd, sizeof cmd, "%s%sopenssl speed %s 2>/dev/null",
             env ? env : "", env ? " " : "", args);
    p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    while (fgets(line, sizeof line, p) != NULL) {
        if (strncmp(line, row, strlen(row)) != 0)
            continue;
        /* count numeric fields after the row label */
        char *s = line + strlen(row);
        int idx = 0;
        for (char *tok = strtok(s, " \t\n"); tok; tok = strtok(NULL, " \t\n")) {
            double v = parse_num(tok);
            if (v < 0)
                continue;
            if (idx++ == col) {
                found = v;
                break;
            }
        }
    }
    pclose(p);
    return found;
}

void bench_row(const char *name, double glass, const char *unit, double ref, const char *ref_name)
{
    if (ref > 0)
        printf("%-34s %12.1f %-6s  %-22s %12.1f  ratio %.2fx\n",
               name, glass, unit, ref_name, ref, glass / ref);
    else
        printf("%-34s %12.1f %-6s  %-22s %12s\n", name, glass, unit, ref_name, "n/a");
    fflush(stdout);
}

int bench_selected(const char *name)
{
    const char *only = getenv("GLASS_BENCH_ONLY");
    return only == NULL || *only == '\0' || strstr(name, only) != NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: glass-bench\nRuns every benchmark and prints glasstls beside OpenSSL\n"
               "measured in the same run, with ratios.  GLASS_BENCH_ONLY=NAME runs only\n"
               "the benchmarks whose name contains NAME.\n");
        return 0;
    }
    printf("%-34s %12s %-6s  %-22s %12s\n", "benchmark", "glasstls", "unit", "reference", "ref");
    for (size_t i = 0; bench_list[i].name != NULL; i++)
        if (bench_selected(bench_list[i].name))
            bench_list[i].run();
    return 0;
}
