/*
 * glass-bench — throughput and operation rates of glasstls beside the same
 * figures from OpenSSL measured in the same run, with the ratio.
 *
 *   glass-bench            run everything
 *   GLASS_BENCH_ONLY=sha glass-bench     only benchmarks whose name contains "sha"
 *   GLASS_BENCH_QUICK=1 glass-bench      tiny durations, one round (smoke test)
 *
 * Every figure uses the time base described in bench.h: CPU time for
 * computation on both sides, server CPU time (and wall time) for network
 * handshakes, wall time for bulk transfers; medians of alternating rounds.
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
    { "sha", bench_sha },          /* SHA-256/384, HMAC-SHA256 (bench_sha.c) */
    { "prf", bench_prf },          /* TLS 1.2 PRF, 48-byte master secret (bench_prf.c) */
    { "aes-gcm", bench_aes },      /* AES-128/256-GCM, both paths (bench_aes.c) */
    { "x25519", bench_x25519 },    /* X25519 (bench_x25519.c) */
    { "ec", bench_ec },            /* P-256/P-384 ECDH, ECDSA P-256 sign and verify (bench_ec.c) */
    { "rsa", bench_rsa },          /* RSA-2048/3072/4096 sign and verify (bench_rsa.c) */
    { "handshake", bench_handshake }, /* in-memory handshakes/s, trace off/on (bench_handshake.c) */
    { "memory", bench_memory },    /* bytes per connection, code size (bench_memory.c) */
    { "net", bench_net },          /* loopback handshakes and bulk transfer (net.sh) */
    { NULL, NULL }
};

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int bench_quick(void)
{
    const char *q = getenv("GLASS_BENCH_QUICK");
    return q != NULL && *q != '\0' && strcmp(q, "0") != 0;
}

int bench_rounds(void)
{
    return bench_quick() ? 1 : 3;
}

double bench_seconds(double normal)
{
    return bench_quick() ? 0.02 : normal;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *v, int n, double *spread)
{
    if (n < 1) {
        if (spread) *spread = -1;
        return -1;
    }
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    double med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    if (spread)
        *spread = med > 0 ? (v[n - 1] - v[0]) / med : -1;
    return med;
}

/* The time base is CPU time (see bench.h): other processes on a shared
 * machine then cost us nothing, as they cost `openssl speed` nothing. */
double bench_rate(void (*fn)(void *), void *arg, double seconds, int runs, double *spread)
{
    double rates[16];
    if (runs < 1) runs = 1;
    if (runs > 16) runs = 16;
    for (int r = 0; r < runs; r++) {
        unsigned long n = 0, batch = 1;
        double t0 = bench_cpu_now(), w0 = bench_now(), t;
        /* until `seconds / runs` of CPU time, or three times that of wall
         * time on a machine so loaded that we rarely get the CPU (the rate
         * is still per CPU second: only the run is shorter) */
        do {
            for (unsigned long i = 0; i < batch; i++)
                fn(arg);
            n += batch;
            if (batch < (1ul << 12))
                batch *= 2;
            t = bench_cpu_now();
        } while (t - t0 < seconds / runs && bench_now() - w0 < 3 * seconds / runs);
        rates[r] = (double)n / (t - t0);
    }
    return bench_median(rates, runs, spread);
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

int bench_openssl_speed_cols(const char *env, const char *args, const char *row,
                             const int *cols, double *out, int n)
{
    char cmd[512], line[1024], kept[256] = "";
    FILE *p;

    for (int i = 0; i < n; i++)
        out[i] = -1;
    /* One time base: drop -elapsed so openssl divides by its CPU time. */
    char copy[256];
    snprintf(copy, sizeof copy, "%s", args);
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
        if (strcmp(tok, "-elapsed") == 0)
            continue;
        strncat(kept, tok, sizeof kept - strlen(kept) - 2);
        strcat(kept, " ");
    }
    snprintf(cmd, sizeof cmd, "%s%sopenssl speed %s 2>/dev/null",
             env ? env : "", env ? " " : "", kept);
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
            for (int i = 0; i < n; i++)
                if (cols[i] == idx)
                    out[i] = v;
            idx++;
        }
    }
    pclose(p);
    for (int i = 0; i < n; i++)
        if (out[i] < 0)
            return -1;
    return 0;
}

double bench_openssl_speed(const char *env, const char *args, const char *row, int col)
{
    double v;
    return bench_openssl_speed_cols(env, args, row, &col, &v, 1) == 0 ? v : -1;
}

void bench_compare(const char *name, const char *unit,
                   bench_measure glass, void *glass_ctx,
                   bench_measure ref, void *ref_ctx, const char *ref_name, double target)
{
    double g[16], r[16], gs, rs;
    int n = bench_rounds(), ng = 0, nr = 0;
    for (int i = 0; i < n && i < 16; i++) {     /* alternate the two sides */
        double v = glass(glass_ctx);
        if (v > 0) g[ng++] = v;
        if (ref != NULL) {
            v = ref(ref_ctx);
            if (v > 0) r[nr++] = v;
        }
    }
    double gm = bench_median(g, ng, &gs), rm = bench_median(r, nr, &rs);
    bench_figure(name, gm, gs, unit, rm, rs, ref_name, target);
}

/* The figures with a target, for the closing summary. */
typedef struct verdict {
    char name[64];
    double ratio, target;
    int met;
} verdict;
static verdict verdicts[96];
static int n_verdicts;

static void spread_str(char *out, size_t cap, double spread)
{
    if (spread >= 0)
        snprintf(out, cap, "±%2.0f%%", spread * 100 / 2);
    else
        snprintf(out, cap, "    ");
}

void bench_figure(const char *name, double glass, double glass_spread, const char *unit,
                  double ref, double ref_spread, const char *ref_name, double target)
{
    char gs[16], rs[16], tail[64] = "";
    spread_str(gs, sizeof gs, glass > 0 ? glass_spread : -1);
    spread_str(rs, sizeof rs, ref > 0 ? ref_spread : -1);
    if (glass > 0 && ref > 0 && target != 0) {
        double ratio = glass / ref;
        int met = target > 0 ? ratio >= target : ratio <= -target;
        snprintf(tail, sizeof tail, "  %s %s%.2f", met ? "ok  " : "MISS", target > 0 ? ">=" : "<=",
                 target > 0 ? target : -target);
        if (n_verdicts < (int)(sizeof verdicts / sizeof verdicts[0])) {
            verdict *v = &verdicts[n_verdicts++];
            snprintf(v->name, sizeof v->name, "%s", name);
            v->ratio = ratio;
            v->target = target;
            v->met = met;
        }
    }
    if (glass > 0 && ref > 0)
        printf("%-40s %11.1f %s %-6s %11.1f %s %-24s %6.2fx%s\n", name, glass, gs, unit, ref, rs,
               ref_name, glass / ref, tail);
    else
        printf("%-40s %11.1f %s %-6s %11s %s %-24s %7s\n", name, glass, gs, unit, "n/a", rs,
               ref_name, "");
    fflush(stdout);
}

void bench_row(const char *name, double glass, const char *unit, double ref, const char *ref_name)
{
    bench_figure(name, glass, -1, unit, ref, -1, ref_name, 0);
}

int bench_selected(const char *name)
{
    const char *only = getenv("GLASS_BENCH_ONLY");
    return only == NULL || *only == '\0' || strstr(name, only) != NULL;
}

static int summary(void)
{
    int missed = 0;
    printf("\nsummary: %d figures with a target\n", n_verdicts);
    for (int pass = 1; pass >= 0; pass--) {
        printf("%s:\n", pass ? "meet their target" : "miss their target");
        for (int i = 0; i < n_verdicts; i++) {
            const verdict *v = &verdicts[i];
            if (v->met != pass)
                continue;
            missed += !pass;
            printf("  %-40s %6.2fx  (target %s%.2fx)\n", v->name, v->ratio,
                   v->target > 0 ? ">=" : "<=", v->target > 0 ? v->target : -v->target);
        }
    }
    return missed;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: glass-bench\nRuns every benchmark and prints glasstls beside a reference\n"
               "measured in the same run (median of alternating rounds, ± half the spread),\n"
               "with ratios and targets, then a summary.\n"
               "  GLASS_BENCH_ONLY=NAME  only the benchmarks whose name contains NAME\n"
               "  GLASS_BENCH_QUICK=1    tiny durations, one round (smoke test)\n"
               "Run from the repository root (certificates in tests/certs, net.sh).\n"
               "glass-bench --icount WHAT N runs N operations only (for icount.sh).\n"
               "glass-bench --hsload PORT CONNS SECONDS: the handshake load generator\n"
               "(for net.sh; NOT a client: no certificate checks, one premaster reused).\n");
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--icount") == 0)
        return bench_icount(argv[2], atol(argv[3])) == 0 ? 0 : 1;
    if (argc > 1 && strcmp(argv[1], "--hsload") == 0)
        return bench_hsload(argc - 2, argv + 2);
    double t0 = bench_now();
    printf("%-40s %11s %4s %-6s %11s %4s %-24s %7s\n", "benchmark", "glasstls", "", "unit",
           "reference", "", "(reference is)", "ratio");
    for (size_t i = 0; bench_list[i].name != NULL; i++)
        if (bench_selected(bench_list[i].name))
            bench_list[i].run();
    summary();
    printf("whole run: %.0f s\n", bench_now() - t0);
    return 0;
}
