#!/bin/sh
# glass-server and glass-client as HTTPS programs against real peers
# (curl, OpenSSL, GnuTLS), all on 127.0.0.1, every command bounded, servers stopped by
# PID:
#   - curl and `openssl s_client` fetch files from glass-server --root
#     (bytes, Content-Type, HEAD, 400/404/405);
#   - each kind of escape from the root is refused: "..", %-encoded "..",
#     %2f inside a segment, a symbolic link to a file or folder outside;
#   - glass-client fetches from `openssl s_server -WWW` and `gnutls-serv
#     --http`, and reads chunked, close-delimited and truncated responses
#     from a Python (OpenSSL) server: a truncated body is an error.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
need openssl gnutls-serv curl python3
TOP=$(pwd)
CA=$TOP/$CERTS/demo-ca.pem
CERT=$TOP/$CERTS/demo-server.pem
KEY=$TOP/$CERTS/demo-server.key

mkdir -p "$TMP/www/sub" "$TMP/outside" "$TMP/osroot"
printf 'file body\n' > "$TMP/www/sub/a.txt"
printf '<p>index</p>\n' > "$TMP/www/index.html"
printf 'p { color: red }\n' > "$TMP/www/style.css"
head -c 200000 /dev/urandom > "$TMP/www/big.bin"
printf 'SECRET outside the root\n' > "$TMP/outside/secret.txt"
ln -s "$TMP/outside/secret.txt" "$TMP/www/link.txt"
ln -s "$TMP/outside" "$TMP/www/linkdir"
cp "$TMP/www/big.bin" "$TMP/osroot/big.bin"

start_glass "$TMP/s.log" --root "$TMP/www" || exit 1
U=https://localhost:$GPORT
c() { timeout 10 curl -sS --tlsv1.2 --cacert "$CA" --path-as-is "$@"; }
code() { c -o "$TMP/body" -w '%{http_code}' "$@"; }

# ---- curl fetches files
check "curl: a text file" [ "$(c $U/sub/a.txt)" = "file body" ]
c -o "$TMP/big.out" $U/big.bin
check "curl: a 200 kB binary file, byte for byte" cmp -s "$TMP/big.out" "$TMP/www/big.bin"
check "curl: / is index.html" [ "$(c $U/)" = "<p>index</p>" ]
check "curl: Content-Type text/css" [ "$(c -o /dev/null -w '%{content_type}' $U/style.css)" = "text/css" ]
check "curl: Content-Type of .txt" [ "$(c -o /dev/null -w '%{content_type}' $U/sub/a.txt)" = "text/plain; charset=utf-8" ]
c -I $U/sub/a.txt > "$TMP/head" 2>&1
check "curl -I: HEAD has Content-Length 10 and no body" grep -qi '^content-length: 10' "$TMP/head"
check "curl: missing file is 404" [ "$(code $U/missing.txt)" = 404 ]
check "curl: POST is 405" [ "$(code -X POST -d x $U/sub/a.txt)" = 405 ]
check "curl: DELETE is 405" [ "$(code -X DELETE $U/sub/a.txt)" = 405 ]
check "curl: a bad %-escape is 400" [ "$(code $U/a%zzb)" = 400 ]
check "curl: an encoded NUL is 400" [ "$(code $U/a%00b)" = 400 ]

# ---- escapes from the root: each kind refused, the secret never sent
for t in "../outside/secret.txt:404" "sub/../../outside/secret.txt:404" \
         "%2e%2e/outside/secret.txt:404" "%2E%2E%2Foutside%2Fsecret.txt:404" \
         "sub/..%2f..%2foutside%2fsecret.txt:404" "sub/%2e%2e/%2e%2e/outside/secret.txt:404" \
         "link.txt:403" "linkdir/secret.txt:403"; do
    path=${t%:*}; want=${t##*:}
    got=$(code "$U/$path")
    if [ "$got" = "$want" ] && ! grep -q SECRET "$TMP/body"; then ok "traversal /$path -> $got"
    else bad "traversal /$path -> $got (want $want)"; cat "$TMP/body"; fi
done

# ---- openssl s_client fetches a file (and sends a malformed request)
out=$(printf 'GET /sub/a.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' |
      timeout 10 openssl s_client -quiet -tls1_2 -connect 127.0.0.1:$GPORT -servername localhost \
      -CAfile "$CA" -verify_return_error -verify_hostname localhost 2>&1)
if echo "$out" | grep -q "HTTP/1.1 200 OK" && echo "$out" | grep -q "file body"; then
    ok "openssl s_client: GET /sub/a.txt"
else bad "openssl s_client: GET /sub/a.txt"; echo "$out" | tail -5; fi
out=$(printf 'GET /../outside/secret.txt HTTP/1.0\r\n\r\n' |
      timeout 10 openssl s_client -quiet -connect 127.0.0.1:$GPORT -CAfile "$CA" 2>&1)
if echo "$out" | grep -q "404" && ! echo "$out" | grep -q SECRET; then
    ok "openssl s_client: raw /../ -> 404"
else bad "openssl s_client: raw /../ -> 404"; echo "$out" | tail -5; fi
out=$(printf 'NOT A REQUEST\r\n\r\n' |
      timeout 10 openssl s_client -quiet -connect 127.0.0.1:$GPORT -CAfile "$CA" 2>&1)
if echo "$out" | grep -q "HTTP/1.1 400 Bad Request"; then ok "openssl s_client: garbage request -> 400"
else bad "openssl s_client: garbage request -> 400"; echo "$out" | tail -5; fi
out=$(printf 'GET / HTTP/1.1\r\n\r\n' |
      timeout 10 openssl s_client -quiet -connect 127.0.0.1:$GPORT -CAfile "$CA" 2>&1)
if echo "$out" | grep -q "HTTP/1.1 400 Bad Request"; then ok "openssl s_client: HTTP/1.1 without Host -> 400"
else bad "openssl s_client: HTTP/1.1 without Host -> 400"; echo "$out" | tail -5; fi

stop_glass
check "glass-server exits 0 on SIGTERM" [ "$GSTATUS" = 0 ]
echo "--- glass-server log"; cat "$TMP/s.log"
check "glass-server logged one line per connection with suite and EMS" \
    [ "$(grep -c 'sni=localhost suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ems=yes' "$TMP/s.log")" -ge 20 ]

# ---- glass-client against openssl s_server -WWW (files from its folder)
PORT=$(free_port)
(cd "$TMP/osroot" && exec timeout 20 openssl s_server -tls1_2 -WWW -accept 127.0.0.1:$PORT \
    -naccept 1 -cert "$CERT" -key "$KEY") >"$TMP/os.log" 2>&1 &
pid=$!; PIDS="$PIDS $pid"
wait_for "$TMP/os.log" ACCEPT
timeout 10 "$BUILD/bin/glass-client" -v --cafile "$CA" -o "$TMP/gc.out" \
    https://localhost:$PORT/big.bin 2>"$TMP/gc.err"
st=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null
if [ $st = 0 ] && cmp -s "$TMP/gc.out" "$TMP/osroot/big.bin" &&
   grep -q "verified for localhost" "$TMP/gc.err"; then ok "glass-client <- openssl s_server -WWW: 200 kB file"
else bad "glass-client <- openssl s_server -WWW (status $st)"; cat "$TMP/gc.err" "$TMP/os.log"; fi

# ---- glass-client against gnutls-serv --http
PORT=$(free_port)
timeout 20 gnutls-serv --http -a -p $PORT --x509certfile "$CERT" --x509keyfile "$KEY" \
    >"$TMP/gs.log" 2>&1 &
pid=$!; PIDS="$PIDS $pid"
wait_for "$TMP/gs.log" "listening" && wait_port $PORT
out=$(timeout 10 "$BUILD/bin/glass-client" -v --cafile "$CA" https://localhost:$PORT/ 2>&1)
st=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null
if [ $st = 0 ] && echo "$out" | grep -q "verified for localhost" && echo "$out" | grep -qi "gnutls"; then
    ok "glass-client <- gnutls-serv --http"
else bad "glass-client <- gnutls-serv --http (status $st)"; echo "$out" | tail -10; fi

# ---- glass-client reads every framing, and refuses truncation
timeout 60 python3 tests/web/odd_server.py "$CERT" "$KEY" 5 >"$TMP/py.log" 2>&1 &
pid=$!; PIDS="$PIDS $pid"
wait_for "$TMP/py.log" "^port" || exit 1
PORT=$(sed -n 's/^port //p' "$TMP/py.log")
gc() { timeout 10 "$BUILD/bin/glass-client" --cafile "$CA" "https://localhost:$PORT$1" \
       >"$TMP/gc.out" 2>"$TMP/gc.err"; }
gc /chunked; st=$?
check "glass-client: chunked body decoded" [ $st = 0 -a "$(cat "$TMP/gc.out")" = "hello world!" ]
gc /close; st=$?
check "glass-client: close-delimited body ended by close_notify" [ $st = 0 -a "$(cat "$TMP/gc.out")" = "all of it" ]
for p in /short /short-notify /noclose; do
    gc $p; st=$?
    lines=$(wc -l < "$TMP/gc.err")
    if [ $st = 1 ] && [ "$lines" = 1 ] && grep -q "truncated body" "$TMP/gc.err"; then
        ok "glass-client: $p is an error: $(cat "$TMP/gc.err")"
    else bad "glass-client: $p (status $st)"; cat "$TMP/gc.err"; fi
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null
finish
