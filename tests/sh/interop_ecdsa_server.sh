#!/bin/sh
# glass-server with an ECDSA certificate (tests/certs/chain-demo-ec-server.pem,
# P-256, under the demo CA) against real clients: `openssl s_client`,
# `gnutls-cli` and `curl`, both ECDHE_ECDSA suites; ECDHE over P-256 and
# over P-384 with a client restricted to that group (openssl -groups,
# GnuTLS priority strings; P-384 with the P-384 chain); then glass-server
# with both an RSA and an
# ECDSA certificate: an RSA-only client and an ECDSA-only client each get
# their own (the key in the certificate openssl shows, the server's log).
# Every client verifies the certificate against demo-ca.pem.
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-cli curl python3
CA=$CERTS/demo-ca.pem
ECDSA_SUITES="C02B:ECDHE-ECDSA-AES128-GCM-SHA256:+ECDHE-ECDSA:+AES-128-GCM
C02C:ECDHE-ECDSA-AES256-GCM-SHA384:+ECDHE-ECDSA:+AES-256-GCM"
REQ='GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'

sclient() {   # port, openssl options...: the s_client transcript
    p=$1; shift
    printf "$REQ" | timeout 10 openssl s_client -tls1_2 -ign_eof -connect 127.0.0.1:$p \
        -servername localhost -CAfile $CA -verify_return_error -verify_hostname localhost \
        "$@" 2>&1
}

PORT=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-demo-ec-server.pem \
    --key $CERTS/demo-ec-server.key --count 16 2>"$TMP/server.log" &
PIDS="$PIDS $!"
wait_for "$TMP/server.log" "listening on" || exit 1

{
echo "$ECDSA_SUITES" | while IFS=: read -r hex ossl kx ciph; do
    out=$(sclient $PORT -cipher "$ossl")
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -q "Verify return code: 0 (ok)" &&
       echo "$out" | grep -q "Cipher is $ossl" &&
       echo "$out" | grep -q "Peer signature type: ECDSA"; then
        ok "openssl s_client  $ossl"
    else bad "openssl s_client  $ossl"; echo "$out" | tail -15; fi
    out=$(printf "$REQ" | timeout 10 gnutls-cli --priority "$(gnutls_prio "$kx:$ciph")" \
          --x509cafile $CA -p $PORT localhost 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -qi "certificate is trusted" &&
       echo "$out" | grep -q "(ECDSA-SHA256)"; then
        ok "gnutls-cli        $kx:$ciph"
    else bad "gnutls-cli        $kx:$ciph"; echo "$out" | tail -15; fi
    out=$(timeout 10 curl -sS --tlsv1.2 --tls-max 1.2 --ciphers "$ossl" --cacert $CA \
          --resolve localhost:$PORT:127.0.0.1 -w '\n%{http_code}\n' https://localhost:$PORT/ 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" && echo "$out" | tail -1 | grep -q 200 &&
       echo "$out" | grep -q "TLS_ECDHE_ECDSA_WITH"; then
        ok "curl              $ossl"
    else bad "curl              $ossl"; echo "$out" | tail -15; fi
done
# ECDHE over one group, the client allowing no other (RFC 8422 5.1: the
# certificate's curve must be one the client names, so P-384 is tried with
# the P-384 chain, on its own server)
PORT384=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT384 --cert $CERTS/chain-ec384.pem \
    --key $CERTS/ec384.key --count 2 2>"$TMP/p384.log" &
PIDS="$PIDS $!"
wait_for "$TMP/p384.log" "listening on" || exit 1
for g in P-256:prime256v1:SECP256R1:$PORT:demo-ca.pem \
         P-384:secp384r1:SECP384R1:$PORT384:ec384-root.pem; do
    name=${g%%:*}; rest=${g#*:}; oname=${rest%%:*}; rest=${rest#*:}
    gname=${rest%%:*}; rest=${rest#*:}; gport=${rest%%:*}; CA=$CERTS/${rest#*:}
    out=$(sclient $gport -cipher ECDHE-ECDSA-AES128-GCM-SHA256 -groups "$name")
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -q "Temp Key: ECDH, \($oname\|$name\)"; then
        ok "openssl s_client -groups $name: ECDHE over $name"
    else bad "openssl s_client -groups $name: ECDHE over $name"; echo "$out" | tail -15; fi
    prio="NONE:+VERS-TLS1.2:+ECDHE-ECDSA:+AES-256-GCM:+AEAD:+SIGN-ALL:+GROUP-$gname:+COMP-NULL"
    out=$(printf "$REQ" | timeout 10 gnutls-cli --priority "$prio" --x509cafile $CA \
          -p $gport localhost 2>&1)
    if echo "$out" | grep -q "Hello from glass-server" &&
       echo "$out" | grep -q "(ECDHE-$gname)"; then
        ok "gnutls-cli +GROUP-$gname: ECDHE over $name"
    else bad "gnutls-cli +GROUP-$gname: ECDHE over $name"; echo "$out" | tail -15; fi
done
CA=$CERTS/demo-ca.pem
# an RSA-only client cannot talk to an ECDSA-only server
out=$(echo | timeout 10 openssl s_client -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
      -connect 127.0.0.1:$PORT 2>&1)
if echo "$out" | grep -q "alert handshake failure"; then
    ok "openssl s_client ECDHE-RSA only (ECDSA-only server) gets handshake_failure"
else bad "openssl s_client ECDHE-RSA only gets handshake_failure"; echo "$out" | tail -5; fi
# a compressed point is refused: openssl 3 still can send one when asked
# (-ec_point_format ... is gone in 3.x), so this is the in-process test's
# job (tests/test_handshake_ec.c)
} > "$TMP/r1"

# ---- both certificates: each client gets its own
PORT2=$(free_port)
"$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT2 --cert $CERTS/chain-demo-server.pem \
    --key $CERTS/demo-server.key --cert $CERTS/chain-demo-ec-server.pem \
    --key $CERTS/demo-ec-server.key --count 6 2>"$TMP/dual.log" &
PIDS="$PIDS $!"
wait_for "$TMP/dual.log" "listening on" || exit 1
{
# RSA-only: only RSA signature schemes, both kinds of ECDHE suite offered
out=$(sclient $PORT2 -cipher 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256' \
      -sigalgs 'RSA+SHA256:RSA-PSS+SHA256')
if echo "$out" | grep -q "Hello from glass-server" &&
   echo "$out" | grep -q "Cipher is ECDHE-RSA-AES128-GCM-SHA256" &&
   echo "$out" | grep -q "Server public key is 2048 bit"; then
    ok "both certificates: an RSA-only client (sigalgs RSA) gets the RSA one"
else bad "both certificates: an RSA-only client gets the RSA one"; echo "$out" | tail -15; fi
out=$(sclient $PORT2 -cipher 'ECDHE-RSA-AES256-GCM-SHA384:AES128-GCM-SHA256')
if echo "$out" | grep -q "Cipher is ECDHE-RSA-AES256-GCM-SHA384" &&
   echo "$out" | grep -q "Server public key is 2048 bit"; then
    ok "both certificates: an RSA-suites-only client gets the RSA one"
else bad "both certificates: an RSA-suites-only client gets the RSA one"; echo "$out" | tail -15; fi
out=$(sclient $PORT2 -cipher 'ECDHE-ECDSA-AES256-GCM-SHA384' -sigalgs 'ECDSA+SHA256:ECDSA+SHA384')
if echo "$out" | grep -q "Hello from glass-server" &&
   echo "$out" | grep -q "Cipher is ECDHE-ECDSA-AES256-GCM-SHA384" &&
   echo "$out" | grep -q "Server public key is 256 bit"; then
    ok "both certificates: an ECDSA-only client gets the ECDSA one"
else bad "both certificates: an ECDSA-only client gets the ECDSA one"; echo "$out" | tail -15; fi
out=$(sclient $PORT2)
if echo "$out" | grep -q "Cipher is ECDHE-ECDSA-AES128-GCM-SHA256" &&
   echo "$out" | grep -q "Server public key is 256 bit"; then
    ok "both certificates: a client of both gets ECDSA (the server's first choice)"
else bad "both certificates: a client of both gets ECDSA"; echo "$out" | tail -15; fi
out=$(printf "$REQ" | timeout 10 gnutls-cli --x509cafile $CA -p $PORT2 localhost \
      --priority "NONE:+VERS-TLS1.2:+ECDHE-RSA:+AES-128-GCM:+AEAD:+SIGN-RSA-SHA256:+GROUP-ALL:+COMP-NULL" 2>&1)
if echo "$out" | grep -q "Hello from glass-server" && echo "$out" | grep -q "(RSA-SHA256)"; then
    ok "both certificates: gnutls-cli RSA-only gets the RSA one"
else bad "both certificates: gnutls-cli RSA-only gets the RSA one"; echo "$out" | tail -15; fi
out=$(printf "$REQ" | timeout 10 gnutls-cli --x509cafile $CA -p $PORT2 localhost \
      --priority "NONE:+VERS-TLS1.2:+ECDHE-ECDSA:+AES-128-GCM:+AEAD:+SIGN-ECDSA-SHA256:+GROUP-ALL:+COMP-NULL" 2>&1)
if echo "$out" | grep -q "Hello from glass-server" && echo "$out" | grep -q "(ECDSA-SHA256)"; then
    ok "both certificates: gnutls-cli ECDSA-only gets the ECDSA one"
else bad "both certificates: gnutls-cli ECDSA-only gets the ECDSA one"; echo "$out" | tail -15; fi
} > "$TMP/r2"

cat "$TMP/r1" "$TMP/r2"
PASSES=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^ok')
FAILS=$(cat "$TMP/r1" "$TMP/r2" | grep -c '^FAIL')
echo "--- glass-server logs"; cat "$TMP/server.log" "$TMP/dual.log"
for s in TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; do
    grep -q "suite=$s" "$TMP/server.log" || { FAILS=$((FAILS + 1)); echo "FAIL $s not in the log"; }
done
finish
