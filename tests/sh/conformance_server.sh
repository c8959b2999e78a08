#!/bin/sh
# glass-server against an independent hostile client (tests/tools/tls_probe.py,
# TLS 1.2 written from RFC 5246 over python3-cryptography): every rule of
# RFC 5246 and its updates that a conformance suite probes, each scenario
# asserting the exact alert or the completed handshake plus the HTTP answer.
# The scenarios and what each expects: tls_probe.py --list.
set -u
. tests/hs/interop_lib.sh
need python3
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography is not installed"; exit 0; }
PROBE=tests/tools/tls_probe.py

start_server() {   # log-file extra-options...: starts glass-server on $PORT
    log=$1; shift
    PORT=$(free_port)
    "$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --count 200 --timeout 10 "$@" \
        >"$log" 2>&1 &
    SERVER=$!
    PIDS="$PIDS $SERVER"
    wait_port $PORT || { bad "glass-server did not start: $(head -3 "$log")"; finish; exit 1; }
}

start_server "$TMP/server.log"
for s in $(python3 $PROBE --list | cut -f1); do
    out=$(timeout 60 python3 $PROBE $PORT "$s" 2>&1)
    case $out in
        "ok   "*) ok "${out#ok   }" ;;
        *)        bad "$s: ${out#FAIL }" ;;
    esac
done
kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null

# The trace names the SSLv2-compatible hello, so a student sees why it exists.
start_server "$TMP/trace.log" --trace 1
python3 $PROBE $PORT sslv2-hello >/dev/null 2>&1
kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null
if grep -q "ClientHello (SSLv2-compatible ClientHello, RFC 5246 E.2" "$TMP/trace.log"; then
    ok "trace: $(grep -m1 'SSLv2-compatible' "$TMP/trace.log")"
else
    bad "trace does not name the SSLv2-compatible ClientHello:"; sed 's/^/     /' "$TMP/trace.log" | head -10
fi
finish
