#!/bin/sh
# tests/fuzz/run.sh NAME... — runs each libFuzzer target build/fuzz/fuzz_NAME
# for FUZZ_SECONDS seconds (default 60) over build/fuzz/corpus-NAME, after
# adding the seeds tests/fuzz/make_seeds.py generates from the fixtures.
# Prints libFuzzer's final stats (executions, coverage) per target; the
# whole log is build/fuzz/log-NAME.txt, a crasher build/fuzz/artifacts-NAME/.
# Exit 1 when any target found a crash, leak or timeout.  Called by
# `make fuzz` (and .ci/run with a short FUZZ_SECONDS).  Run from the repo root.
set -u
secs=${FUZZ_SECONDS:-60}
shared=${SHARED_VECTORS-$(make -s --no-print-directory vectors-dir)}
fail=0
for n in "$@"; do
    bin=build/fuzz/fuzz_$n
    corpus=build/fuzz/corpus-$n
    art=build/fuzz/artifacts-$n
    log=build/fuzz/log-$n.txt
    mkdir -p "$corpus" "$art"
    python3 tests/fuzz/make_seeds.py "$n" "$corpus" "$shared" >/dev/null || { fail=1; continue; }
    # committed regression inputs are seeds too: they must stay fixed
    [ -d tests/fuzz/regress/$n ] && cp tests/fuzz/regress/$n/* "$corpus"/ 2>/dev/null
    echo "== fuzz_$n: ${secs}s"
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$art/" "$corpus" >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
    ft=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
    units=$(ls "$corpus" | wc -l)
    if [ $rc -ne 0 ]; then
        fail=1
        echo "fuzz_$n: FINDING (exit $rc), see $log and $art/"
        grep -E 'ERROR|SUMMARY|fuzz invariant' "$log" | head -n 5
    else
        echo "fuzz_$n: ok, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, corpus $units files"
    fi
done
exit $fail
