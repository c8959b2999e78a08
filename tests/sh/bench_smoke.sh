#!/bin/sh
# glass-bench runs: one tiny benchmark (X25519 and the TLS PRF, quick mode:
# a few milliseconds, one round) prints its rows and the summary.  This
# checks that the program works, never how fast anything is: benchmarks
# are programs, not timed tests.
set -u
BUILD=${BUILD:-build}
bench=$BUILD/bin/glass-bench
[ -x "$bench" ] || { echo "FAIL: $bench not built"; exit 1; }
fails=0
out=$(GLASS_BENCH_QUICK=1 GLASS_BENCH_ONLY=x25519 timeout 60 "$bench" 2>&1)
echo "$out"
echo "$out" | grep -Eq '^X25519 scalar mult .* op/s' || { echo "FAIL: no X25519 row"; fails=1; }
echo "$out" | grep -q '^summary:' || { echo "FAIL: no summary"; fails=1; }
out=$(GLASS_BENCH_QUICK=1 GLASS_BENCH_ONLY=prf timeout 60 "$bench" 2>&1)
echo "$out"
echo "$out" | grep -Eq '^TLS PRF SHA-256' || { echo "FAIL: no PRF row"; fails=1; }
echo "$out" | grep -q 'disagree' && { echo "FAIL: PRF differs from OpenSSL's"; fails=1; }
# --icount runs the operations it is asked for, and refuses unknown ones
"$bench" --icount gcm-seal-c 2 || { echo "FAIL: --icount gcm-seal-c"; fails=1; }
"$bench" --icount nonsense 1 2>/dev/null && { echo "FAIL: --icount accepted nonsense"; fails=1; }
[ $fails = 0 ] && echo "ok glass-bench smoke"
exit $fails
