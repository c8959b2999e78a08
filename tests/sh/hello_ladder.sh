#!/bin/sh
# The first rung of the examples ladder: hello-server and hello-client
# (examples/hello-*) talk to each other over loopback, and each talks to a
# real peer: hello-client fetches `openssl s_server -www`'s page, curl
# fetches hello-server's.  Every check reads the body (or the exact error
# line), so a program that connects but prints the wrong thing fails.
set -u
. tests/hs/interop_lib.sh
need openssl curl python3
HC=$BUILD/bin/hello-client
HS=$BUILD/bin/hello-server
[ -x "$HC" ] && [ -x "$HS" ] || { echo "FAIL: $HC or $HS not built"; exit 1; }

# --- hello-server: 3 connections, then it exits by itself ---
PORT=$(free_port)
timeout 30 "$HS" $PORT $CERTS/demo-server.pem $CERTS/demo-server.key 3 >"$TMP/hs.log" 2>&1 &
hs_pid=$!
PIDS="$PIDS $hs_pid"
wait_for "$TMP/hs.log" "listening on https://127.0.0.1:$PORT/"

# 1. hello-client <-> hello-server, verified against the demo CA
timeout 10 "$HC" localhost $PORT $CERTS/demo-ca.pem /ladder >"$TMP/hc.out" 2>"$TMP/hc.err"
rc=$?
if [ $rc = 0 ] && head -1 "$TMP/hc.out" | grep -q '^HTTP/1.1 200 OK' &&
   grep -q '^<h1>Hello from glasstls</h1>$' "$TMP/hc.out" &&
   grep -q '<p>TLS 1.2, TLS_[A-Z0-9_]*, server name localhost</p>' "$TMP/hc.out" &&
   [ ! -s "$TMP/hc.err" ]; then
    ok "hello-client -> hello-server: page with suite and SNI"
else bad "hello-client -> hello-server (rc $rc)"; cat "$TMP/hc.out" "$TMP/hc.err"; fi

# 2. curl --cacert -> hello-server: the body is exactly the page, and its
#    length matches the Content-Length the server sent
body=$(timeout 10 curl -sS --cacert $CERTS/demo-ca.pem -D "$TMP/curl.hdr" \
       https://localhost:$PORT/from-curl 2>"$TMP/curl.err")
rc=$?
len=$(printf '%s\n' "$body" | wc -c)
clen=$(tr -d '\r' <"$TMP/curl.hdr" | sed -n 's/^Content-Length: //p')
if [ $rc = 0 ] && echo "$body" | grep -q '^<h1>Hello from glasstls</h1>$' &&
   echo "$body" | grep -q 'server name localhost' && [ "$len" = "$clen" ]; then
    ok "curl -> hello-server: body of $len bytes = Content-Length"
else bad "curl -> hello-server (rc $rc, $len bytes, Content-Length $clen)"
     echo "$body"; cat "$TMP/curl.err"; fi

# 3. the wrong CA: hello-client refuses the certificate, says why, exits 1
timeout 10 "$HC" localhost $PORT $CERTS/root.pem >"$TMP/bad.out" 2>"$TMP/bad.err"
rc=$?
if [ $rc = 1 ] && [ ! -s "$TMP/bad.out" ] &&
   grep -q '^hello-client: server certificate refused: .*unknown certificate authority' \
        "$TMP/bad.err" && grep -q '^hello-client: alert sent: unknown_ca$' "$TMP/bad.err"; then
    ok "hello-client refuses a chain it cannot verify (unknown_ca)"
else bad "hello-client with the wrong CA (rc $rc)"; cat "$TMP/bad.out" "$TMP/bad.err"; fi

# hello-server logged each connection and stopped after the third.  The
# third ends on the client's alert or, when the client hangs up while the
# server still writes the rest of its flight (a race), on an I/O error;
# the client side of that refusal is checked above.
i=0; while kill -0 $hs_pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
wait $hs_pid; rc=$?
if [ $rc = 0 ] && grep -q '^hello-server: GET /ladder HTTP/1.1: 200$' "$TMP/hs.log" &&
   grep -q '^hello-server: GET /from-curl HTTP/1.1: 200$' "$TMP/hs.log" &&
   grep -Eq '^hello-server: connection failed in .*: (the peer sent a fatal alert|the transport or a file reported an I/O error)' "$TMP/hs.log"
then ok "hello-server: one line per connection, exit 0 after COUNT"
else bad "hello-server log / exit (rc $rc)"; cat "$TMP/hs.log"; fi

# 4. hello-client -> openssl s_server -www (the test chain, its root)
split_chain $CERTS/chain-localhost.pem
PORT=$(free_port)
timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
    -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
    >"$TMP/os.log" 2>&1 &
os_pid=$!
PIDS="$PIDS $os_pid"
wait_for "$TMP/os.log" ACCEPT
timeout 10 "$HC" localhost $PORT $CERTS/root.pem >"$TMP/os.out" 2>"$TMP/os.err"
rc=$?
if [ $rc = 0 ] && head -1 "$TMP/os.out" | grep -q '^HTTP/1.0 200 ok' &&
   grep -q 'TLSv1.2, Cipher is ' "$TMP/os.out" && [ ! -s "$TMP/os.err" ]; then
    ok "hello-client -> openssl s_server -www: $(grep -o 'Cipher is [A-Z0-9-]*' "$TMP/os.out")"
else bad "hello-client -> openssl s_server (rc $rc)"; tail -5 "$TMP/os.out"; cat "$TMP/os.err"; fi

# 5. usage errors exit 2
"$HC" localhost >/dev/null 2>&1; a=$?
"$HS" 0 $CERTS/demo-server.pem $CERTS/demo-server.key >/dev/null 2>&1; b=$?
if [ $a = 2 ] && [ $b = 2 ]; then ok "usage errors exit 2"
else bad "usage errors exit $a and $b, not 2"; fi
finish
