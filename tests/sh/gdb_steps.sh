#!/bin/sh
# gdb_steps.sh — docs/glass-step.gdb stops once at every handshake step:
# gdb runs glass-step in batch mode with the script (breakpoints print
# and continue), and the sequence of breakpoints hit (side + handler) must
# equal the sequence of steps glass-step itself reports, for an ECDHE and
# an RSA handshake.  (issue 9, docs/debugging.md)
set -u
BUILD=${BUILD:-build}
command -v gdb >/dev/null 2>&1 || { echo "SKIP: gdb is not installed"; exit 0; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fails=0
for suite in C02F 009C; do
    timeout 120 gdb -batch -nx -ex 'set $glass_auto = 1' -x docs/glass-step.gdb -ex run \
        --args "$BUILD/bin/glass-step" --no-pause --seed 1 --trace 0 --suite $suite \
        > "$TMP/gdb.out" 2>&1
    grep '^== gdb: ' "$TMP/gdb.out" | sed 's/^== gdb: \([A-Za-z]*\) \([a-z_]*\) .*/\1 \2/' > "$TMP/hit"
    # glass-step's own list: "== step N: Client sends ClientHello  (send_client_hello, ..."
    "$BUILD/bin/glass-step" --no-pause --seed 1 --trace 0 --suite $suite |
        sed -n 's/^== step [0-9]*: \([A-Za-z]*\) [a-z]* [A-Za-z]*  (\([a-z_]*\),.*/\1 \2/p' > "$TMP/steps"
    n=$(wc -l < "$TMP/steps")
    if [ "$n" -ge 9 ] && cmp -s "$TMP/hit" "$TMP/steps"; then
        echo "ok   $suite: $n breakpoints hit, in the order of the $n handshake steps"
    else
        echo "FAIL $suite: breakpoints hit vs handshake steps:"
        diff "$TMP/hit" "$TMP/steps" | head -20; tail -5 "$TMP/gdb.out"
        fails=$((fails + 1))
    fi
done
echo "$fails failed"
[ $fails = 0 ]
