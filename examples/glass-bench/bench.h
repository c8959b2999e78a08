/*
 * bench.h — glass-bench's shared pieces.  Benchmarks are programs, never
 * timed tests: each figure is printed beside a reference measured in the
 * same run (usually `openssl speed`), with the ratio, because the machines
 * are shared and noisy and only ratios mean anything.
 *
 * ONE TIME BASE FOR EVERY FIGURE (docs/performance.md, "Time base"):
 *   - computation (primitives, PRF, in-memory handshakes) is divided by the
 *     CPU time of the process that did the work: glasstls by
 *     CLOCK_PROCESS_CPUTIME_ID (bench_rate), `openssl speed` by its own
 *     default, the CPU time of its process (bench_openssl_speed removes any
 *     -elapsed it is given, so no caller can mix the two bases);
 *   - network handshakes are divided by the server's CPU time (utime +
 *     stime from /proc/PID/stat) for both servers, and also shown per wall
 *     second; bulk transfers by wall time for both servers (net.sh);
 *   - every figure is the median of several rounds in which glasstls and
 *     the reference alternate, printed with its spread ((max-min)/median).
 *
 * Add a benchmark: write bench_<name>.c with `void bench_<name>(void)` and
 * list it in bench_list[] in main.c.
 */
#ifndef GLASS_BENCH_H
#define GLASS_BENCH_H

#include <stddef.h>

/* Monotonic wall-clock time and CPU time of this process, in seconds. */
double bench_now(void);
double bench_cpu_now(void);

/* 1 under GLASS_BENCH_QUICK=1 (the smoke test): every duration is cut
 * short and one round is run. */
int bench_quick(void);

/* Rounds per figure (3, or 1 when quick) and a duration scaled for quick. */
int bench_rounds(void);
double bench_seconds(double normal);

/* Runs fn(arg) repeatedly for about `seconds` of CPU time and returns calls
 * per CPU second (median of `runs` runs, spread written to *spread as
 * (max-min)/median when spread is not NULL). */
double bench_rate(void (*fn)(void *), void *arg, double seconds, int runs, double *spread);

/* Runs `openssl speed <args>` (with `env` prepended, e.g.
 * "OPENSSL_ia32cap=~0x200000200000000", or NULL) and returns the number in
 * column `col` (0-based, counting only numeric fields) of the last output
 * line starting with `row`, converting "123.45k" to 123450.  The figure is
 * per CPU second (a "-elapsed" in args is dropped).  Returns -1 when
 * openssl is missing or the line is not found. */
double bench_openssl_speed(const char *env, const char *args, const char *row, int col);

/* The same for n columns of the row from one run, into out[]: 0, or -1
 * when a column is missing. */
int bench_openssl_speed_cols(const char *env, const char *args, const char *row,
                             const int *cols, double *out, int n);

/* One measurement of one side: returns the figure (higher is better). */
typedef double (*bench_measure)(void *ctx);

/* Measures glass and ref in bench_rounds() alternating rounds, then prints
 * and records the medians and spreads (bench_figure). */
void bench_compare(const char *name, const char *unit,
                   bench_measure glass, void *glass_ctx,
                   bench_measure ref, void *ref_ctx, const char *ref_name, double target);

/* Prints one row and records it for the closing summary:
 *   name  glass ±spread unit  ref ±spread ref_name  ratio glass/ref  verdict
 * ref <= 0 prints "n/a".  target > 0: the ratio must be at least target;
 * target < 0: at most -target (memory: lower is better); 0: no target.
 * Spreads < 0 are not printed. */
void bench_figure(const char *name, double glass, double glass_spread, const char *unit,
                  double ref, double ref_spread, const char *ref_name, double target);

/* Prints one row without spreads or target (kept for older callers). */
void bench_row(const char *name, double glass, const char *unit, double ref, const char *ref_name);

/* Median of v[0..n-1] (sorts v) and spread (max-min)/median. */
double bench_median(double *v, int n, double *spread);

/* Which benchmarks to run: 1 when name matches GLASS_BENCH_ONLY (substring)
 * or that variable is unset. */
int bench_selected(const char *name);

/* `glass-bench --icount WHAT N` (bench_icount.c, for icount.sh): runs N
 * operations of one kind; 0 or -1. */
int bench_icount(const char *what, long n);

/* `glass-bench --hsload PORT CONNS SECONDS` (hsload.c, for net.sh): the
 * handshake load generator; argv holds the three arguments.  Exit status. */
int bench_hsload(int argc, char **argv);

/* ---- the benchmarks (one file each: bench_<name>.c), listed in main.c ---- */
void bench_prf(void);
void bench_memory(void);
void bench_net(void);
void bench_sha(void);
void bench_aes(void);
void bench_x25519(void);
void bench_ec(void);
void bench_rsa(void);
void bench_handshake(void);

#endif /* GLASS_BENCH_H */
