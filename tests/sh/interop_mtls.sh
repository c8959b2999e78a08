#!/bin/sh
# Client certificates (mutual TLS) with real peers, both ways.
#   glass-server --verify-client require --client-ca client-ca.pem:
#     openssl s_client -cert/-key, curl --cert/--key and gnutls-cli
#     --x509certfile/--x509keyfile are served, and the server names the
#     client's subject (log line and built-in page); the same tools without
#     a certificate get handshake_failure; a certificate from another CA
#     gets unknown_ca; openssl s_client with an EC P-256 / P-384 client
#     certificate (ECDSA CertificateVerify) is served too.
#   glass-client --cert/--key against `openssl s_server -Verify 1` and
#     `gnutls-serv --require-client-cert`: each server names the client's
#     subject; against `openssl s_server -Verify 1` with an EC P-256 and
#     P-384 certificate as well.
# Certificates: tests/certs/make-client-certs.sh.
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-cli gnutls-serv curl python3
SUBJ="O=glasstls tests, CN=glass client"
REQ='GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'

PORT=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-localhost.pem \
    --key $CERTS/leaf.key --verify-client require --client-ca $CERTS/client-ca.pem \
    --count 11 2>"$TMP/server.log" &
PIDS="$PIDS $!"
wait_for "$TMP/server.log" "listening on" || exit 1

# wait_log N PATTERN: until the server has logged N lines matching PATTERN
wait_log() {
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        [ "$(grep -c "$2" "$TMP/server.log")" -ge "$1" ] && return 0; sleep 0.2
    done
    return 1
}
page_names_client() { echo "$1" | grep -q "<td id=\"client\">${2:-$SUBJ}</td>"; }

{
# ---- accepted, with a certificate from the client CA
out=$(printf "$REQ" | timeout 10 openssl s_client -tls1_2 -ign_eof -connect 127.0.0.1:$PORT \
      -servername localhost -CAfile $CERTS/root.pem -verify_return_error \
      -cert $CERTS/client.pem -key $CERTS/client.key 2>&1)
if page_names_client "$out" && wait_log 1 "client=\"$SUBJ\""; then
    ok "openssl s_client -cert/-key accepted, subject logged and shown"
else bad "openssl s_client -cert/-key accepted"; echo "$out" | tail -15; fi
out=$(timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --cacert $CERTS/root.pem \
      --cert $CERTS/client.pem --key $CERTS/client.key \
      --resolve localhost:$PORT:127.0.0.1 https://localhost:$PORT/ 2>&1)
if page_names_client "$out" && wait_log 2 "client=\"$SUBJ\""; then
    ok "curl --cert/--key accepted, subject logged and shown"
else bad "curl --cert/--key accepted"; echo "$out" | tail -15; fi
out=$(printf "$REQ" | timeout 10 gnutls-cli --x509cafile $CERTS/root.pem \
      --x509certfile $CERTS/client.pem --x509keyfile $CERTS/client.key -p $PORT localhost 2>&1)
if page_names_client "$out" && wait_log 3 "client=\"$SUBJ\""; then
    ok "gnutls-cli --x509certfile/--x509keyfile accepted, subject logged and shown"
else bad "gnutls-cli --x509certfile/--x509keyfile accepted"; echo "$out" | tail -15; fi

# ---- accepted: EC client certificates (ECDSA CertificateVerify)
n=3
for c in ec256 ec384; do
    n=$((n + 1))
    out=$(printf "$REQ" | timeout 10 openssl s_client -tls1_2 -ign_eof -connect 127.0.0.1:$PORT \
          -servername localhost -CAfile $CERTS/root.pem -verify_return_error \
          -cert $CERTS/client-$c.pem -key $CERTS/client-$c.key 2>&1)
    if page_names_client "$out" "$SUBJ $c" && wait_log 1 "client=\"$SUBJ $c\""; then
        ok "openssl s_client with an EC $c client certificate accepted, subject logged and shown"
    else bad "openssl s_client with an EC $c client certificate accepted"; echo "$out" | tail -15; fi
done

# ---- refused: no certificate (handshake_failure)
out=$(printf "$REQ" | timeout 10 openssl s_client -tls1_2 -ign_eof -connect 127.0.0.1:$PORT \
      -servername localhost -CAfile $CERTS/root.pem 2>&1)
if echo "$out" | grep -q "alert handshake failure" && ! echo "$out" | grep -q "Hello from"; then
    ok "openssl s_client without a certificate gets handshake_failure"
else bad "openssl s_client without a certificate refused"; echo "$out" | tail -8; fi
out=$(timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --cacert $CERTS/root.pem \
      --resolve localhost:$PORT:127.0.0.1 https://localhost:$PORT/ 2>&1)
if echo "$out" | grep -qi "handshake failure" && ! echo "$out" | grep -q "Hello from"; then
    ok "curl without a certificate gets handshake_failure"
else bad "curl without a certificate refused"; echo "$out" | tail -8; fi
out=$(printf "$REQ" | timeout 10 gnutls-cli --x509cafile $CERTS/root.pem -p $PORT localhost 2>&1)
if echo "$out" | grep -qi "handshake failed" && ! echo "$out" | grep -q "Hello from"; then
    ok "gnutls-cli without a certificate is refused"
else bad "gnutls-cli without a certificate refused"; echo "$out" | tail -8; fi

# ---- refused: a certificate from another CA (unknown_ca)
out=$(printf "$REQ" | timeout 10 openssl s_client -tls1_2 -ign_eof -connect 127.0.0.1:$PORT \
      -servername localhost -CAfile $CERTS/root.pem \
      -cert $CERTS/client-otherca.pem -key $CERTS/client.key 2>&1)
if echo "$out" | grep -q "alert unknown ca" && ! echo "$out" | grep -q "Hello from"; then
    ok "openssl s_client with another CA's certificate gets unknown_ca"
else bad "openssl s_client with another CA's certificate refused"; echo "$out" | tail -8; fi
out=$(timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --cacert $CERTS/root.pem \
      --cert $CERTS/client-otherca.pem --key $CERTS/client.key \
      --resolve localhost:$PORT:127.0.0.1 https://localhost:$PORT/ 2>&1)
if echo "$out" | grep -qi "unknown ca" && ! echo "$out" | grep -q "Hello from"; then
    ok "curl with another CA's certificate gets unknown_ca"
else bad "curl with another CA's certificate refused"; echo "$out" | tail -8; fi
out=$(printf "$REQ" | timeout 10 gnutls-cli --x509cafile $CERTS/root.pem \
      --x509certfile $CERTS/client-otherca.pem --x509keyfile $CERTS/client.key \
      -p $PORT localhost 2>&1)
if echo "$out" | grep -qi "CA is unknown\|unknown ca" && ! echo "$out" | grep -q "Hello from"; then
    ok "gnutls-cli with another CA's certificate gets unknown_ca"
else bad "gnutls-cli with another CA's certificate refused"; echo "$out" | tail -8; fi
wait_log 3 "alert sent: handshake_failure" &&
    wait_log 3 "alert sent: unknown_ca" &&
    [ "$(grep -c "client certificate and the client sent none" "$TMP/server.log")" -ge 3 ] &&
    ok "the server logs each refusal with its reason" ||
    bad "the server logs each refusal with its reason"
} > "$TMP/r1"

# ---- glass-client with a certificate
split_chain $CERTS/chain-localhost.pem
{
PORT=$(free_port)
timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
    -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
    -Verify 1 -verify_return_error -CAfile $CERTS/client-ca.pem >"$TMP/os.log" 2>&1 &
pid=$!
wait_for "$TMP/os.log" ACCEPT
out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
      --cert $CERTS/client.pem --key $CERTS/client.key https://localhost:$PORT/ 2>&1)
rc=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null
if [ $rc = 0 ] && echo "$out" | grep -q "Subject: $SUBJ" &&
   grep -q "depth=0 O = glasstls tests, CN = glass client" "$TMP/os.log"; then
    ok "glass-client --cert/--key against openssl s_server -Verify 1"
else bad "glass-client --cert/--key against openssl s_server -Verify 1"; echo "$out" | tail -8
     tail -5 "$TMP/os.log"; fi

for c in ec256 ec384; do
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
        -Verify 1 -verify_return_error -CAfile $CERTS/client-ca.pem >"$TMP/os-$c.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os-$c.log" ACCEPT
    out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
          --cert $CERTS/client-$c.pem --key $CERTS/client-$c.key https://localhost:$PORT/ 2>&1)
    rc=$?
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if [ $rc = 0 ] && echo "$out" | grep -q "Subject: $SUBJ $c" &&
       grep -q "depth=0 O = glasstls tests, CN = glass client $c" "$TMP/os-$c.log"; then
        ok "glass-client with an EC $c certificate against openssl s_server -Verify 1"
    else bad "glass-client with an EC $c certificate against openssl s_server -Verify 1"
         echo "$out" | tail -8; tail -5 "$TMP/os-$c.log"; fi
done

PORT=$(free_port)
timeout 20 gnutls-serv --http -p $PORT --x509certfile $CERTS/chain-localhost.pem \
    --x509keyfile $CERTS/leaf.key --require-client-cert --verify-client-cert \
    --x509cafile $CERTS/client-ca.pem >"$TMP/gs.log" 2>&1 &
pid=$!
wait_for "$TMP/gs.log" "listening" && wait_port $PORT
out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
      --cert $CERTS/client.pem --key $CERTS/client.key https://localhost:$PORT/ 2>&1)
rc=$?
out2=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
      https://localhost:$PORT/ 2>&1)
rc2=$?
kill $pid 2>/dev/null; wait $pid 2>/dev/null
if [ $rc = 0 ] && echo "$out" | grep -q "CN=glass client,O=glasstls tests\|$SUBJ"; then
    ok "glass-client --cert/--key against gnutls-serv --require-client-cert"
else bad "glass-client --cert/--key against gnutls-serv --require-client-cert"
     echo "$out" | tail -8; tail -5 "$TMP/gs.log"; fi
if [ $rc2 != 0 ]; then ok "glass-client without --cert is refused by gnutls-serv"
else bad "glass-client without --cert is refused by gnutls-serv"; echo "$out2" | tail -5; fi
} > "$TMP/r2"
cat "$TMP/r1" "$TMP/r2"
PASSES=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^ok')
FAILS=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^FAIL')
[ "$FAILS" = 0 ] || { echo "--- glass-server log"; cat "$TMP/server.log"; }
finish
