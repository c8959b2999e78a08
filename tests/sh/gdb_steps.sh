#!/bin/sh
# gdb_steps.sh — docs/glass-step.gdb stops once at every handshake step:
# gdb runs glass-step in batch mode with the script (breakpoints print
# and continue), and the sequence of breakpoints hit (side + handler) must
# equal the sequence of steps glass-step itself reports, for an ECDHE and
# an RSA handshake (docs/debugging.md).
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
    # glass-step's own list: "== step N: Client sends ClientHello  (glass_client_send_client_hello, ..."
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
# each breakpoint of the script is one function: no two handlers (of the
# two roles, or static in two files) share a name
if command -v nm >/dev/null 2>&1; then
    before=$fails
    for h in $(sed -n 's/^break \([a-z_]*\)$/\1/p' docs/glass-step.gdb); do
        n=$(nm "$BUILD/bin/glass-step" | awk -v h="$h" '$3 == h' | wc -l)
        if [ "$n" != 1 ]; then
            echo "FAIL handler $h: $n functions of that name in glass-step"
            fails=$((fails + 1))
        fi
    done
    [ $fails = $before ] && echo "ok   every handler of docs/glass-step.gdb names one function"
fi
echo "$fails failed"
[ $fails = 0 ]
