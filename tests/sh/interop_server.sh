#!/bin/sh
# glass-server against real clients: `openssl s_client -tls1_2`, `gnutls-cli`
# and `curl --tlsv1.2 --tls-max 1.2`, each of the four suites.  Each client
# verifies glass-server's certificate against the test CA
# (tests/certs/root.pem) and gets the page for one HTTP request.
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-cli curl python3
PORT=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-localhost.pem \
    --key $CERTS/leaf.key --count 15 2>"$TMP/server.log" &
PIDS="$PIDS $!"
wait_for "$TMP/server.log" "listening on" || exit 1

echo "$SUITES" | while IFS=: read -r hex ossl kx ciph; do
    out=$(printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' | timeout 10 openssl s_client \
          -tls1_2 -ign_eof -cipher "$ossl" -connect 127.0.0.1:$PORT -servername localhost \
          -CAfile $CERTS/root.pem -verify_return_error -verify_hostname localhost 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -q "Verify return code: 0 (ok)" &&
       echo "$out" | grep -q "Cipher is $ossl"; then
        ok "openssl s_client  $ossl"
    else bad "openssl s_client  $ossl"; echo "$out" | tail -15; fi
done > "$TMP/r1"
echo "$SUITES" | while IFS=: read -r hex ossl kx ciph; do
    out=$(printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' | timeout 10 gnutls-cli \
          --priority "$(gnutls_prio "$kx:$ciph")" --x509cafile $CERTS/root.pem \
          -p $PORT localhost 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -q "Certificate is trusted\|certificate is trusted"; then
        ok "gnutls-cli        $kx:$ciph"
    else bad "gnutls-cli        $kx:$ciph"; echo "$out" | tail -15; fi
done > "$TMP/r2"
echo "$SUITES" | while IFS=: read -r hex ossl kx ciph; do
    out=$(timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --ciphers "$ossl" \
          --cacert $CERTS/root.pem --resolve localhost:$PORT:127.0.0.1 \
          -w '\n%{http_code}\n' https://localhost:$PORT/ 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" && echo "$out" | tail -1 | grep -q 200; then
        ok "curl              $ossl"
    else bad "curl              $ossl"; echo "$out" | tail -15; fi
done > "$TMP/r3"
# refusals seen by OpenSSL: a TLS 1.1 client, no suite in common, and an
# ECDHE_RSA suite with only SHA-1 to sign with (no usable signature algorithm)
{
out=$(echo | timeout 10 openssl s_client -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' \
      -connect 127.0.0.1:$PORT 2>&1)
if echo "$out" | grep -q "alert protocol version"; then ok "openssl s_client -tls1_1 gets protocol_version"
else bad "openssl s_client -tls1_1 gets protocol_version"; echo "$out" | tail -5; fi
out=$(echo | timeout 10 openssl s_client -tls1_2 -cipher AES128-SHA -connect 127.0.0.1:$PORT 2>&1)
if echo "$out" | grep -q "alert handshake failure"; then ok "openssl s_client CBC-only gets handshake_failure"
else bad "openssl s_client CBC-only gets handshake_failure"; echo "$out" | tail -5; fi
out=$(echo | timeout 10 openssl s_client -tls1_2 -cipher 'ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0' \
      -sigalgs RSA+SHA1 -connect 127.0.0.1:$PORT 2>&1)
# the server logs the connection once it is over: wait for the line (bounded)
for _ in 1 2 3 4 5 6 7 8 9 10; do
    grep -q "no signature algorithm glasstls can use" "$TMP/server.log" && break; sleep 0.2
done
if echo "$out" | grep -q "alert handshake failure" &&
   grep -q "no signature algorithm glasstls can use.*alert sent: handshake_failure" "$TMP/server.log"
then ok "openssl s_client -sigalgs RSA+SHA1 gets handshake_failure (GLASS_E_NO_SIGALG)"
else bad "openssl s_client -sigalgs RSA+SHA1 gets handshake_failure (GLASS_E_NO_SIGALG)"
     echo "$out" | tail -5; fi
} > "$TMP/r4"
cat "$TMP/r1" "$TMP/r2" "$TMP/r3" "$TMP/r4"
PASSES=$(cat "$TMP/r1" "$TMP/r2" "$TMP/r3" "$TMP/r4" | grep -c '^ok')
FAILS=$(cat "$TMP/r1" "$TMP/r2" "$TMP/r3" "$TMP/r4" | grep -c '^FAIL')
echo "--- glass-server log"; cat "$TMP/server.log"
# every suite must appear in the server's log as negotiated
for s in TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 \
         TLS_RSA_WITH_AES_128_GCM_SHA256 TLS_RSA_WITH_AES_256_GCM_SHA384; do
    [ "$(grep -c "$s" "$TMP/server.log")" = 3 ] || { FAILS=$((FAILS + 1)); echo "FAIL $s not served 3 times"; }
done

# --root: files are served, "..", missing files and other methods are not
mkdir -p "$TMP/www/sub"
printf 'file body\n' > "$TMP/www/sub/a.txt"
printf '<p>index</p>\n' > "$TMP/www/index.html"
PORT=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-localhost.pem \
    --key $CERTS/leaf.key --root "$TMP/www" --count 4 2>"$TMP/root.log" &
PIDS="$PIDS $!"
wait_for "$TMP/root.log" "listening on" || exit 1
c() { timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --cacert $CERTS/root.pem \
        --resolve localhost:$PORT:127.0.0.1 --path-as-is -w '%{http_code}' "$@"; }
[ "$(c https://localhost:$PORT/sub/a.txt)" = "file body
200" ] && ok "--root file" || bad "--root file"
[ "$(c https://localhost:$PORT/)" = "<p>index</p>
200" ] && ok "--root index.html" || bad "--root index.html"
[ "$(c -o /dev/null https://localhost:$PORT/../root.key)" = 404 ] && ok "--root refuses .." || bad "--root refuses .."
[ "$(c -o /dev/null https://localhost:$PORT/missing)" = 404 ] && ok "--root 404" || bad "--root 404"
finish
