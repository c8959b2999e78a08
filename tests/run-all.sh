#!/bin/sh
# Runs every test: the cmocka unit tests (build/tests/test_*), glass-kat over
# the repo's vectors and the optional official ones, and the shell tests
# (tests/sh/*.sh: interop with real peers, CLI checks).  Prints each suite's
# result and a closing "N passed, N failed" line over the suites; exits
# non-zero when any suite fails.
#
# Environment: BUILD (build dir), SHARED_VECTORS (the folder of official
# NIST/RFC vector files; default: the Makefile's),
# GLASS_TEST_ONLY=pattern to run only matching suites.
set -u
BUILD=${BUILD:-build}
SHARED_VECTORS=${SHARED_VECTORS-$(make -s --no-print-directory vectors-dir)}
export BUILD SHARED_VECTORS
GLASS_TOP=$(pwd)
export GLASS_TOP
only=${GLASS_TEST_ONLY:-}
pass=0; fail=0; failed_names=""
logdir=$BUILD/test-logs
mkdir -p "$logdir"

run_suite() {   # name, command...
    name=$1; shift
    if [ -n "$only" ] && ! echo "$name" | grep -Eq -- "$only"; then return; fi
    start=$(date +%s)
    echo "== $name"
    if "$@" >"$logdir/$name.log" 2>&1; then
        pass=$((pass + 1)); res=PASS
    else
        fail=$((fail + 1)); res=FAIL; failed_names="$failed_names $name"
    fi
    # show the suite's own summary lines; the whole log on failure
    if [ $res = FAIL ]; then
        tail -n 60 "$logdir/$name.log"
    else
        grep -E '^\[  PASSED  \]|^\[  FAILED  \]|passed|skipped|^ok|^SKIP' "$logdir/$name.log" | tail -n 25
    fi
    echo "== $name: $res ($(( $(date +%s) - start ))s)"
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run_suite "$(basename "$t")" "$t"
done

# Known-answer vectors: the repo's own, then the official ones when present.
repo_vectors=$(find tests/vectors -type f \( -name '*.rsp' -o -name '*.txt' \) 2>/dev/null | sort)
if [ -n "$repo_vectors" ]; then
    run_suite kat-repo "$BUILD/bin/glass-kat" $repo_vectors
fi
if [ -d "$SHARED_VECTORS" ]; then
    shared=$(find "$SHARED_VECTORS" -type f ! -name README.md | sort)
    run_suite kat-shared "$BUILD/bin/glass-kat" $shared
else
    echo "== kat-shared: SKIP ($SHARED_VECTORS not found)"
fi

for s in tests/sh/*.sh; do
    [ -f "$s" ] || continue
    run_suite "$(basename "$s" .sh)" sh "$s"
done

echo
[ -n "$failed_names" ] && echo "failed suites:$failed_names"
echo "suites: $pass passed, $fail failed"
[ "$fail" = 0 ]
