#!/bin/sh
# client_trace.sh — glass-client's level-1 trace is the whole HTTPS flow,
# not only the handshake (over loopback, against glass-server):
#   enter the URL -> DNS resolution (the addresses found) -> the TCP
#   connection (the address and port it reached) -> the TLS handshake ->
#   the HTTP request -> "render the response" (status, body size);
# the body size is the size of the body written; a 404 says 404; a refused
# port and an unknown name are lines of their own; over IPv6 the address
# is ::1; at --trace 0 none of these lines is printed.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
CA=$CERTS/demo-ca.pem
mkdir -p "$TMP/www"
head -c 54321 /dev/urandom > "$TMP/www/blob.bin"

start_glass "$TMP/s.log" --count 3 --root "$TMP/www" || exit 1
C="timeout 20 $BUILD/bin/glass-client --cafile $CA"
$C --trace 1 -o "$TMP/blob" "https://localhost:$GPORT/blob.bin" 2>"$TMP/t1"
check "the fetch succeeded" [ $? = 0 ]
$C --trace 1 -o "$TMP/none" "https://localhost:$GPORT/nothere" 2>"$TMP/t404"
$C --trace 0 -o "$TMP/quiet" "https://localhost:$GPORT/blob.bin" 2>"$TMP/t0"
stop_glass

check "the steps in the order of the flow" python3 - "$TMP/t1" "$GPORT" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
port = sys.argv[2]
want = ["Client: enter the URL: host localhost, port %s, path /blob.bin" % port,
        "Client: DNS resolution of localhost (getaddrinfo): ",
        "Client -> Server: TCP connection to ",
        "Client -> Server: ClientHello ",
        "Client -> Server: Finished ",
        'Client: send the HTTP request "GET /blob.bin HTTP/1.1"',
        "Client: decrypt application data",
        "Client: render the response: HTTP/1.1 200 OK, "]
at = -1
for w in want:
    hits = [i for i, l in enumerate(lines) if l.startswith(w)]
    if not hits or hits[0] <= at:
        sys.exit("missing or out of order: " + w)
    at = hits[0]
PY
check "DNS: the address found is 127.0.0.1" grep -Eq '^Client: DNS resolution of localhost \(getaddrinfo\): [0-9]+ address(es)?: .*127\.0\.0\.1 \(IPv4\)' "$TMP/t1"
check "TCP: the address and port reached" \
    grep -Eq "^Client -> Server: TCP connection to 127\.0\.0\.1 port $GPORT, from 127\.0\.0\.1 port [0-9]+ " "$TMP/t1"
size=$(stat -c %s "$TMP/blob")
check "render: the body size is the size written ($size bytes)" \
    grep -q "^Client: render the response: HTTP/1.1 200 OK, a body of $size bytes (application/octet-stream, framed by Content-Length), written to $TMP/blob\$" "$TMP/t1"
check "render: a 404 says so" grep -q '^Client: render the response: HTTP/1.1 404 ' "$TMP/t404"
check "--trace 0: none of these lines" sh -c "! grep -q '^Client' '$TMP/t0'"

port=$(free_port)
timeout 20 "$BUILD/bin/glass-client" --trace 1 "https://127.0.0.1:$port/" 2>"$TMP/tr"
check "a refused port: the connect line says so" \
    grep -q "^Client: TCP connection to 127.0.0.1 port $port: Connection refused" "$TMP/tr"
timeout 20 "$BUILD/bin/glass-client" --trace 1 "https://name.invalid/" 2>"$TMP/tn"
check "an unknown name: the DNS line says so" grep -q '^Client: DNS resolution of name.invalid (getaddrinfo): ' "$TMP/tn"

if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
    "$BUILD/bin/glass-server" --listen '[::1]:0' --count 1 2>"$TMP/s6.log" &
    GPID=$!; PIDS="$PIDS $GPID"
    wait_for "$TMP/s6.log" "listening on" || exit 1
    p6=$(sed -n 's|.*listening on https://\[::1\]:\([0-9]*\)/.*|\1|p' "$TMP/s6.log")
    $C --trace 1 -o /dev/null "https://[::1]:$p6/" 2>"$TMP/t6"
    stop_glass
    check "IPv6: DNS gives ::1, TCP reaches it" sh -c "
        grep -q '^Client: DNS resolution of ::1 (getaddrinfo): 1 address: ::1 (IPv6)\$' '$TMP/t6' &&
        grep -q '^Client -> Server: TCP connection to ::1 port $p6, from ::1 port ' '$TMP/t6'"
else
    echo "SKIP IPv6: no ::1 here"
fi
finish
