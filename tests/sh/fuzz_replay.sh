#!/bin/sh
# Replays every committed fuzz regression input (tests/fuzz/regress/<name>/,
# one file per crasher fixed) and the seeds generated from the fixtures
# (tests/fuzz/make_seeds.py) through each fuzz target built as a plain
# program ($BUILD/fuzz-replay/fuzz_<name>, tests/fuzz/replay_main.c; under
# `make test SANITIZE=1` they carry ASan/UBSan).  Fails when an input
# crashes a target or a target is missing.  Run from the repo root.
set -u
BUILD=${BUILD:-build}
SHARED_VECTORS=${SHARED_VECTORS-$(make -s --no-print-directory vectors-dir)}
fail=0
total=0
for src in tests/fuzz/fuzz_*.c; do
    n=$(basename "$src" .c); n=${n#fuzz_}
    bin=$BUILD/fuzz-replay/fuzz_$n
    if [ ! -x "$bin" ]; then
        echo "FAIL: $bin not built (make fuzz-replay-build)"
        fail=1
        continue
    fi
    seeds=$BUILD/fuzz-replay/seeds-$n
    rm -rf "$seeds"
    python3 tests/fuzz/make_seeds.py "$n" "$seeds" "$SHARED_VECTORS" >/dev/null || { fail=1; continue; }
    set -- "$seeds"
    [ -d tests/fuzz/regress/$n ] && set -- "$@" tests/fuzz/regress/$n
    count=$(ls tests/fuzz/regress/$n 2>/dev/null | wc -l)
    if "$bin" "$@" >"$BUILD/fuzz-replay/replay-$n.log" 2>&1; then
        echo "ok fuzz_$n: $count regression inputs, $(ls "$seeds" | wc -l) seeds"
        total=$((total + count))
    else
        echo "FAIL fuzz_$n: an input crashed the target"
        tail -n 20 "$BUILD/fuzz-replay/replay-$n.log"
        fail=1
    fi
done
# The resumed flavour's seeds must reach it: the golden transcript's halves
# complete an abbreviated handshake in fuzz_server_resume and in fuzz_client
# (configuration byte 0x20).  Otherwise the harness drifted from the state
# test_resume.c made the transcript in, and the fuzzer would only ever see
# full handshakes.
for n in server_resume client; do
    bin=$BUILD/fuzz-replay/fuzz_$n
    [ -x "$bin" ] || continue
    if GLASS_FUZZ_VERBOSE=1 "$bin" "$BUILD/fuzz-replay/seeds-$n" 2>&1 |
            grep -q 'handshake done, resumed'; then
        echo "ok fuzz_$n: a seed completes the abbreviated handshake"
    else
        echo "FAIL fuzz_$n: no seed completes the abbreviated handshake"
        fail=1
    fi
done
echo "fuzz replay: $total regression inputs passed"
exit $fail
