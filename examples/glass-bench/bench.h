/*
 * bench.h — glass-bench's shared pieces.  Benchmarks are programs, never
 * timed tests: each figure is printed beside a reference measured in the
 * same run (usually `openssl speed`), with the ratio, because the machines
 * are shared and noisy and only ratios mean anything.
 *
 * Add a benchmark: write bench_<name>.c with `void bench_<name>(void)` and
 * list it in bench_list[] in main.c.
 */
#ifndef GLASS_BENCH_H
#define GLASS_BENCH_H

#include <stddef.h>

/* Monotonic time in seconds. */
double bench_now(void);

/* Runs fn(arg) repeatedly for about `seconds` and returns calls per second
 * (median of `runs` runs, spread written to *spread as (max-min)/median
 * when spread is not NULL). */
double bench_rate(void (*fn)(void *), void *arg, double seconds, int runs, double *spread);

/* Runs `openssl speed <args>` (with `env` prepended, e.g.
 * "OPENSSL_ia32cap=~0x200000200000000", or NULL) and returns the number in
 * column `col` (0-based, counting only numeric fields) of the last output
 * line starting with `row`, converting "123.45k" to 123450.  Returns -1
 * when openssl is missing or the line is not found. */
double bench_openssl_speed(const char *env, const char *args, const char *row, int col);

/* Prints one row: "name  glass  unit  ref  ratio". ref <= 0 prints "n/a". */
void bench_row(const char *name, double glass, const char *unit, double ref, const char *ref_name);

/* Which benchmarks to run: 1 when name matches GLASS_BENCH_ONLY (substring)
 * or that variable is unset. */
int bench_selected(const char *name);

/* ---- the benchmarks (one file each: bench_<name>.c), listed in main.c ---- */
void bench_sha(void);
void bench_aes(void);
void bench_x25519(void);
void bench_rsa(void);
void bench_handshake(void);

#endif /* GLASS_BENCH_H */
