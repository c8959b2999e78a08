#!/bin/sh
# tests/memcheck.sh — `make memcheck`: every unit-test binary
# ($BUILD/tests/test_*) under valgrind memcheck with
#   --leak-check=full --errors-for-leak-kinds=definite,indirect
#   --error-exitcode=99
# so an invalid read/write, a use of uninitialised memory or a definite or
# indirect leak fails the run (99), and a failing test fails it too (its own
# exit status).  Logs: $BUILD/memcheck/<name>.log.  Run from the repo root.
#
# Skips, each with its reason (valgrind runs code ~20-50x slower):
#   (none at present: every test binary runs; see MEMCHECK_SKIP below)
# MEMCHECK_SKIP="test_a test_b" skips more by name (say why in the commit).
# MEMCHECK_ONLY=regex runs only matching binaries; MEMCHECK_EXTRA="prog ..."
# adds programs (e.g. an in-process handshake per suite, once it exists).
set -u
BUILD=${BUILD:-build}
SHARED_VECTORS=${SHARED_VECTORS-$(make -s --no-print-directory vectors-dir)}
export BUILD SHARED_VECTORS
GLASS_TOP=$(pwd)
export GLASS_TOP
skip=${MEMCHECK_SKIP:-}
only=${MEMCHECK_ONLY:-}
logdir=$BUILD/memcheck
mkdir -p "$logdir"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "memcheck: valgrind is not installed (apt-get install valgrind)"
    exit 1
fi
# valgrind's CPUID hides ADX although it runs ADCX/ADOX: on machines with
# ADX, let the MULX/ADX bignum code (crypto/bignum_adx.c) run under memcheck
# too (test_bignum_paths then runs every bignum path).
if grep -qw adx /proc/cpuinfo 2>/dev/null; then
    GLASS_CPU_ASSUME_ADX=1
    export GLASS_CPU_ASSUME_ADX
fi
# test_nonblocking stops the handshake at every byte offset (about 20 s
# natively, make test and SANITIZE=1 run all of it); under valgrind every
# 29th offset (a prime, so the stops fall at every position of headers,
# nonces and tags) keeps it near half a minute instead of twenty.
GLASS_NB_SWEEP_STRIDE=${GLASS_NB_SWEEP_STRIDE:-29}
export GLASS_NB_SWEEP_STRIDE
pass=0; fail=0; skipped=0; failed=""
for t in "$BUILD"/tests/test_* ${MEMCHECK_EXTRA:-}; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if [ -n "$only" ] && ! echo "$name" | grep -Eq -- "$only"; then continue; fi
    case " $skip " in *" $name "*)
        echo "memcheck $name: SKIP (MEMCHECK_SKIP)"; skipped=$((skipped + 1)); continue ;;
    esac
    start=$(date +%s)
    valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --error-exitcode=99 --track-origins=yes \
        --num-callers=30 "$t" >"$logdir/$name.log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    errs=$(grep -o 'ERROR SUMMARY: [0-9]*' "$logdir/$name.log" | tail -n 1 | grep -o '[0-9]*$')
    leak=$(grep -E 'definitely lost:|indirectly lost:' "$logdir/$name.log" | tr -s ' ' | sed 's/^==[0-9]*== *//' | tr '\n' ' ')
    if [ $rc = 0 ]; then
        pass=$((pass + 1))
        echo "memcheck $name: ok (${errs:-0} errors; ${leak:-no leaks}) ${secs}s"
    else
        fail=$((fail + 1)); failed="$failed $name"
        echo "memcheck $name: FAILED (exit $rc, ${errs:-?} errors) ${secs}s, log $logdir/$name.log"
        grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|[0-9,]+ bytes in)' \
            "$logdir/$name.log" | head -n 10
    fi
done
echo "memcheck: $pass clean, $fail failed, $skipped skipped${failed:+ (failed:$failed)}"
[ $fail = 0 ]
