#!/bin/sh
# glass-server's lifecycle: SIGTERM while a response is in
# flight stops accepting at once but lets the response finish, then the
# server exits 0; it listens on IPv6 ([::1]:PORT) as well, and glass-client
# reaches it there, checking the certificate's IP address entry for ::1.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
need curl python3
CA=$CERTS/demo-ca.pem
mkdir -p "$TMP/www"
head -c 6000000 /dev/urandom > "$TMP/www/big.bin"

start_glass "$TMP/s.log" --root "$TMP/www" || exit 1
# about 2 s of transfer at 3 MB/s
timeout 30 curl -sS --cacert "$CA" --limit-rate 3M -o "$TMP/big.out" \
    https://localhost:$GPORT/big.bin 2>"$TMP/curl.err" &
cpid=$!
sleep 0.7
kill -TERM "$GPID"
sleep 0.5
if timeout 5 curl -sS --cacert "$CA" -o /dev/null https://localhost:$GPORT/ 2>/dev/null; then
    bad "after SIGTERM a new connection was still accepted"
else ok "after SIGTERM new connections are refused"; fi
wait $cpid; cst=$?
check "the response in flight finished: curl exit 0, all 6 MB intact" \
    sh -c "[ $cst = 0 ] && cmp -s '$TMP/big.out' '$TMP/www/big.bin'"
stop_glass
check "glass-server exited 0 after finishing it" [ "$GSTATUS" = 0 ]
check "its log: stopping on a signal" grep -q "stopping on a signal" "$TMP/s.log"
cat "$TMP/s.log" "$TMP/curl.err"

# IPv6
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
    "$BUILD/bin/glass-server" --listen "[::1]:0" 2>"$TMP/s6.log" &
    GPID=$!; PIDS="$PIDS $GPID"
    wait_for "$TMP/s6.log" "listening on" || exit 1
    P6=$(sed -n 's|.*listening on https://\[::1\]:\([0-9]*\)/.*|\1|p' "$TMP/s6.log")
    out=$(timeout 10 "$BUILD/bin/glass-client" -v --cafile $CA "https://[::1]:$P6/" 2>&1)
    st=$?
    if [ $st = 0 ] && echo "$out" | grep -q "verified for ::1" &&
       echo "$out" | grep -q "Hello from glass-server"; then ok "IPv6: glass-client https://[::1]:$P6/"
    else bad "IPv6: glass-client https://[::1]:$P6/ (status $st)"; echo "$out" | tail -5; fi
    stop_glass
    check "IPv6 server exits 0" [ "$GSTATUS" = 0 ]
else
    echo "(IPv6 part skipped: this machine cannot bind ::1)"
fi
finish
