#!/bin/sh
# glass-client against `openssl s_server` and `gnutls-serv` holding ECDSA
# certificates, in every chain shape of tests/certs/make-ec-certs.sh: a P-256
# chain, a P-384 chain, an RSA root over an ECDSA leaf, an ECDSA CA over an
# RSA leaf; and against servers restricted to one group (P-256, P-384).
# glass-client verifies the chain against the shape's root and prints -v's
# line (suite, key exchange and group).
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-serv python3

# shape: chain file : key : trust anchor : the suite it must negotiate
SHAPES="chain-ec256.pem:ec256.key:ec-root.pem:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
chain-ec384.pem:ec384.key:ec384-root.pem:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
chain-ec-leaf.pem:ec.key:root.pem:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
chain-rsa-under-ec.pem:leaf.key:ec-root.pem:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"

gclient() {   # port anchor [options]: glass-client -v's output
    p=$1; a=$2; shift 2
    timeout 10 "$BUILD/bin/glass-client" -v --cafile $CERTS/$a "$@" https://localhost:$p/ 2>&1
}

echo "$SHAPES" | while IFS=: read -r chain key anchor suite; do
    split_chain $CERTS/$chain
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/$key >"$TMP/os.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os.log" ACCEPT
    out=$(gclient $PORT $anchor)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if echo "$out" | grep -q "verified for localhost" && echo "$out" | grep -q "$suite"; then
        ok "openssl s_server  $chain ($suite)"
    else bad "openssl s_server  $chain (want $suite)"; echo "$out" | tail -15; fi

    PORT=$(free_port)
    timeout 20 gnutls-serv --http -a -p $PORT --x509certfile $CERTS/$chain \
        --x509keyfile $CERTS/$key >"$TMP/gs.log" 2>&1 &
    pid=$!
    wait_for "$TMP/gs.log" "listening" && wait_port $PORT
    out=$(gclient $PORT $anchor)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if echo "$out" | grep -q "verified for localhost" && echo "$out" | grep -q "$suite"; then
        ok "gnutls-serv       $chain ($suite)"
    else bad "gnutls-serv       $chain (want $suite)"; echo "$out" | tail -15; fi
done > "$TMP/r1"

# servers that allow one group only: glass-client's ECDHE must use it
for g in P-256:secp256r1:SECP256R1 P-384:secp384r1:SECP384R1; do
    name=${g%%:*}; rest=${g#*:}; iana=${rest%%:*}; gname=${rest#*:}
    split_chain $CERTS/chain-ec256.pem
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 -groups $name \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/ec256.key \
        >"$TMP/os.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os.log" ACCEPT
    out=$(gclient $PORT ec-root.pem)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if echo "$out" | grep -q "verified for localhost" && echo "$out" | grep -q "ECDHE $iana"; then
        ok "openssl s_server -groups $name: glass-client did ECDHE over $iana"
    else bad "openssl s_server -groups $name (want ECDHE $iana)"; echo "$out" | tail -15; fi

    PORT=$(free_port)
    timeout 20 gnutls-serv --http -a -p $PORT --x509certfile $CERTS/chain-localhost.pem \
        --x509keyfile $CERTS/leaf.key \
        --priority "NONE:+VERS-TLS1.2:+ECDHE-RSA:+AES-128-GCM:+AEAD:+SIGN-ALL:+GROUP-$gname:+COMP-NULL" \
        >"$TMP/gs.log" 2>&1 &
    pid=$!
    wait_for "$TMP/gs.log" "listening" && wait_port $PORT
    out=$(gclient $PORT root.pem)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    if echo "$out" | grep -q "verified for localhost" && echo "$out" | grep -q "ECDHE $iana"; then
        ok "gnutls-serv +GROUP-$gname: glass-client did ECDHE over $iana (ECDHE_RSA)"
    else bad "gnutls-serv +GROUP-$gname (want ECDHE $iana)"; echo "$out" | tail -15; fi
done > "$TMP/r2"

# glass-client restricted to P-384 against a server that allows P-256 only:
# no group in common, the server refuses
split_chain $CERTS/chain-ec256.pem
PORT=$(free_port)
timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 -groups P-256 \
    -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/ec256.key >"$TMP/os.log" 2>&1 &
pid=$!
wait_for "$TMP/os.log" ACCEPT
out=$(gclient $PORT ec-root.pem --groups P-384)
kill $pid 2>/dev/null; wait $pid 2>/dev/null
if echo "$out" | grep -qi "handshake_failure\|handshake failure"; then
    ok "glass-client --groups P-384 vs a P-256-only server: refused (handshake_failure)"
else bad "glass-client --groups P-384 vs a P-256-only server"; echo "$out" | tail -8; fi > "$TMP/r3"

cat "$TMP/r1" "$TMP/r2" "$TMP/r3"
PASSES=$(cat "$TMP/r1" "$TMP/r2" "$TMP/r3" | grep -c '^ok')
FAILS=$(cat "$TMP/r1" "$TMP/r2" "$TMP/r3" | grep -c '^FAIL')
finish
