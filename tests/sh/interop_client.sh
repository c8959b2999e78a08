#!/bin/sh
# glass-client against real servers: `openssl s_server -tls1_2 -www` and
# `gnutls-serv --http`, each of the four suites; glass-client verifies the
# server's certificate against the test CA and prints the body.
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-serv python3
split_chain $CERTS/chain-localhost.pem

echo "$SUITES" | while IFS=: read -r hex ossl kx ciph; do
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
        -cipher "$ossl" >"$TMP/os.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os.log" ACCEPT
    out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
          https://localhost:$PORT/ 2>&1)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if echo "$out" | grep -q "certificate of localhost verified" &&
       echo "$out" | grep -q "Cipher is $ossl"; then
        ok "openssl s_server  $ossl"
    else bad "openssl s_server  $ossl"; echo "$out" | tail -15; fi
done > "$TMP/r1"

echo "$SUITES" | while IFS=: read -r hex ossl kx ciph; do
    PORT=$(free_port)
    timeout 20 gnutls-serv --http -a -p $PORT --x509certfile $CERTS/chain-localhost.pem \
        --x509keyfile $CERTS/leaf.key --priority "$(gnutls_prio "$kx:$ciph")" \
        >"$TMP/gs.log" 2>&1 &
    pid=$!
    wait_for "$TMP/gs.log" "listening" && wait_port $PORT
    out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
          https://localhost:$PORT/ 2>&1)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    want=$(echo "$kx$ciph" | sed 's/+//g; s/ECDHE-RSA/ECDHE_RSA_/; s/^RSA/RSA_/; s/-/_/g')
    if echo "$out" | grep -q "certificate of localhost verified" &&
       echo "$out" | grep -q "Ciphersuite</TD><TD>${want}_SHA"; then
        ok "gnutls-serv       $kx:$ciph"
    else bad "gnutls-serv       $kx:$ciph (want $want)"; echo "$out" | tail -15; fi
done > "$TMP/r2"
cat "$TMP/r1" "$TMP/r2"
PASSES=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^ok')
FAILS=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^FAIL')
finish
