#!/bin/sh
# record_openssl.sh — glasstls's record layer against real TLS 1.2 traffic
# captured on loopback.  For each AES-GCM suite, `openssl s_client -tls1_2` talks to
# `openssl s_server -tls1_2 -www` on 127.0.0.1 through a small relay
# (tests/tools/relay.py) that saves the raw bytes of each direction.  Then
# tests/tools/record_tool.c ($BUILD/tests/tools/record_tool):
#   - takes the randoms and the suite from the captured hellos and the
#     master secret from s_client's -keylogfile, derives the key block with
#     glasstls's PRF, and opens EVERY encrypted record of both directions
#     with glasstls's record layer (Finished, application data, alerts);
#   - seals a record with the derived client keys, which
#     python3-cryptography's AESGCM must open (tests/tools/gcm_open.py).
# Peers are started and stopped by PID, every wait is bounded.
set -u
BUILD=${BUILD:-build}
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not installed"; exit 0; }
# The system python (where apt's python3-cryptography lives) starts much
# faster than a version-manager shim; use it when it has the module.
PY=python3
/usr/bin/python3 -c 'import cryptography' 2>/dev/null && PY=/usr/bin/python3
$PY -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography not installed"; exit 0; }

tmp=$(mktemp -d)
spid=""; rpid=""
cleanup() {
    [ -n "$spid" ] && kill "$spid" 2>/dev/null
    [ -n "$rpid" ] && kill "$rpid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

tool=$BUILD/tests/tools/record_tool   # built by `make tests` (tests/tools/record_tool.c)
[ -x "$tool" ] || fail "$tool not built (make tests)"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
    -days 2 -subj /CN=localhost >/dev/null 2>&1 || fail "openssl req"

free_port() {
    $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# waits (at most $2 tenths of a second) until file $1 exists / contains $3
wait_for() {
    i=0
    while [ $i -lt "$2" ]; do
        if [ -n "${3:-}" ]; then grep -q "$3" "$1" 2>/dev/null && return 0
        else [ -s "$1" ] && return 0; fi
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }

request='GET / HTTP/1.0\r\n\r\n'
request_hex=$(printf "$request" | od -An -tx1 | tr -d ' \n')
reply_hex=$(hex 'HTTP/1.0 200 ok')
n=0
for suite in AES128-GCM-SHA256:009c AES256-GCM-SHA384:009d \
             ECDHE-RSA-AES128-GCM-SHA256:c02f ECDHE-RSA-AES256-GCM-SHA384:c030; do
    name=${suite%%:*}; id=${suite##*:}
    d="$tmp/$name"; mkdir -p "$d"
    port=$(free_port)
    openssl s_server -accept "127.0.0.1:$port" -cert "$tmp/cert.pem" -key "$tmp/key.pem" \
        -tls1_2 -cipher "$name" -www >"$d/server.log" 2>&1 &
    spid=$!
    wait_for "$d/server.log" 100 ACCEPT || fail "$name: s_server did not start"
    $PY tests/tools/relay.py "$port" "$d/relay.port" "$d/cap" 20 >"$d/relay.log" 2>&1 &
    rpid=$!
    wait_for "$d/relay.port" 100 || fail "$name: relay did not start"
    rport=$(cat "$d/relay.port")
    printf "$request" | timeout 20 openssl s_client -connect "127.0.0.1:$rport" -tls1_2 \
        -cipher "$name" -keylogfile "$d/keylog" -ign_eof >"$d/client.log" 2>&1 ||
        fail "$name: s_client failed: $(tail -5 "$d/client.log")"
    i=0; while kill -0 "$rpid" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
    wait "$rpid" || fail "$name: relay did not see both sides close"
    rpid=""
    kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; spid=""

    "$tool" open "$d/keylog" "$d/cap.c2s" "$d/cap.s2c" >"$d/open.log" 2>&1 ||
        fail "$name: glasstls could not open the records: $(cat "$d/open.log")"
    grep "^c2s: \|^s2c: " "$d/open.log" | sed "s/^/$name /"
    grep -q "^suite 0x$id\$" "$d/open.log" || fail "$name: suite is not 0x$id"
    grep -q "^app_c2s $request_hex\$" "$d/open.log" || fail "$name: client data differs"
    grep -q "^app_s2c $reply_hex" "$d/open.log" || fail "$name: server data differs"

    # sealed by glasstls, opened by python3-cryptography with the same keys
    key=$(sed -n 's/^client_write_key //p' "$d/open.log")
    iv=$(sed -n 's/^client_write_iv //p' "$d/open.log")
    pt=$(hex "sealed by glasstls with $name")
    rec=$("$tool" seal "$key" "$iv" 7 23 "$pt") || fail "$name: seal"
    $PY tests/tools/gcm_open.py "$key" "$iv" 7 "$rec" "$pt" || fail "$name: AESGCM did not open our record"
    echo "$name: glasstls record opened by python3-cryptography AESGCM"
    n=$((n + 1))
done
echo "ok: $n suites: every OpenSSL record opened by glasstls, glasstls records opened by AESGCM"
