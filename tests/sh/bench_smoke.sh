#!/bin/sh
# glass-bench runs: one tiny benchmark (X25519 and the TLS PRF, quick mode:
# a few milliseconds, one round) prints its rows and the summary.  This
# checks that the program works, never how fast anything is: benchmarks
# are programs, not timed tests.  And the handshake load generator
# (glass-bench --hsload, net.sh's scaling figures): 1 second, 2 connections
# at once, against a glass-server on 127.0.0.1: some handshakes, no
# failure, and every connection in the server's log closed by the load's
# close_notify (the Finished both ways checked out), none failed; and
# against a server with ECDHE suites only it fails, naming the alert.
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
# --hsload against a glass-server on a kernel-chosen port (stopped by PID)
TMP=$(mktemp -d)
SPID=""
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
"$BUILD/bin/glass-server" --listen 127.0.0.1:0 --cert tests/certs/chain-localhost.pem \
    --key tests/certs/leaf.key --root "$TMP" 2>"$TMP/s.log" &
SPID=$!
port=""
i=0
while [ -z "$port" ] && [ $i -lt 50 ]; do
    port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/s.log")
    [ -z "$port" ] && sleep 0.1; i=$((i + 1))
done
if [ -z "$port" ]; then
    echo "FAIL: glass-server did not start: $(head -3 "$TMP/s.log")"; fails=1
else
    out=$(timeout 30 "$bench" --hsload "$port" 2 1 2>&1); rc=$?
    echo "$out"
    [ $rc = 0 ] || { echo "FAIL: --hsload exited $rc"; fails=1; }
    n=$(echo "$out" | sed -n 's/^handshakes=\([0-9]*\) failures=\([0-9]*\) .*/\1 \2/p')
    [ -n "$n" ] && [ "${n% *}" -gt 0 ] && [ "${n#* }" = 0 ] ||
        { echo "FAIL: --hsload: no handshakes, or failures"; fails=1; }
    kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
    conns=$(grep -c '^glass-server: \[c[0-9]*\] ' "$TMP/s.log")
    closed=$(grep -c '^glass-server: \[c[0-9]*\] .*ems=yes .*closed by the client before any request (close_notify)$' "$TMP/s.log")
    echo "glass-server logged $conns connections, $closed closed by hsload's close_notify"
    # one more than counted: the start-up handshake that takes the key
    [ -n "$n" ] && [ "$conns" = $((${n% *} + 1)) ] && [ "$closed" = "$conns" ] ||
        { echo "FAIL: the server's log disagrees:"; grep -v 'close_notify)$' "$TMP/s.log" | head -5; fails=1; }
fi
# and it fails, saying why, when the handshake cannot complete: a server
# with ECDHE suites only answers its RSA-only hello with an alert
if [ -n "$port" ]; then
    "$BUILD/bin/glass-server" --listen 127.0.0.1:0 --suites C02F --cert tests/certs/chain-localhost.pem \
        --key tests/certs/leaf.key --root "$TMP" 2>"$TMP/e.log" &
    SPID=$!
    port=""; i=0
    while [ -z "$port" ] && [ $i -lt 50 ]; do
        port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/e.log")
        [ -z "$port" ] && sleep 0.1; i=$((i + 1))
    done
    out=$(timeout 30 "$bench" --hsload "$port" 1 1 2>&1); rc=$?
    echo "$out"
    [ $rc != 0 ] && echo "$out" | grep -q '^handshakes=0 failures=1 ' && echo "$out" | grep -q 'alert from the server' ||
        { echo "FAIL: --hsload against an ECDHE-only server did not fail with the alert"; fails=1; }
    kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
fi
"$bench" --hsload 1 2>/dev/null && { echo "FAIL: --hsload accepted missing arguments"; fails=1; }
[ $fails = 0 ] && echo "ok glass-bench smoke"
exit $fails
