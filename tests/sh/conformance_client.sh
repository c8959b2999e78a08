#!/bin/sh
# glass-client against servers that behave as real ones do: an independent
# TLS 1.2 server of our own (tests/tools/tls_evil_server.py: flights
# coalesced into one record or cut one byte per record, ServerHello
# extensions in another order, HelloRequests, warning alerts, a
# CertificateRequest, a ServerKeyExchange signed with RSASSA-PSS), then `gnutls-serv --http` in its default
# configuration and `openssl s_server -verify 1`, both of which ask for a
# client certificate.  glass-client has none, so it answers a
# CertificateRequest with an empty Certificate (RFC 5246 7.4.6) and the
# server decides.  Each case asserts the page fetched, or the exact alert.
set -u
. tests/hs/interop_lib.sh
need python3
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography is not installed"; exit 0; }
EVIL=tests/tools/tls_evil_server.py
CHAIN=$CERTS/chain-demo-server.pem
KEY=$CERTS/demo-server.key
CA=$CERTS/demo-ca.pem

# evil SCENARIO WANT: WANT is "page", or the alert glass-client must send
evil() {
    rm -f "$TMP/port"
    timeout 30 python3 $EVIL "$TMP/port" $CHAIN $KEY "$1" >"$TMP/evil.out" 2>&1 &
    epid=$!
    PIDS="$PIDS $epid"
    i=0
    while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    timeout 15 "$BUILD/bin/glass-client" --cafile $CA "https://localhost:$(cat "$TMP/port")/" \
        >"$TMP/out" 2>"$TMP/err"
    status=$?
    wait $epid 2>/dev/null
    said=$(head -n 1 "$TMP/evil.out")
    if [ "$2" = page ]; then
        if [ $status = 0 ] && grep -q "served by tls_evil_server.py" "$TMP/out"; then
            ok "$1: page fetched ($said)"
        else
            bad "$1: want the page; status $status, server: $said, client: $(head -n 2 "$TMP/err")"
        fi
    elif [ $status = 1 ] && grep -q "alert sent: $2" "$TMP/err"; then
        ok "$1: alert $2 ($said)"
    else
        bad "$1: want alert $2; status $status, server: $said, client: $(head -n 2 "$TMP/err")"
    fi
}

for s in plain coalesced fragmented cut-across one-write extensions-reversed \
         hello-requests warnings rsa-kx app-data-fragmented ske-pss ske-pss-sha384 ske-pss-sha512 \
         certificate-request certificate-request-cas; do
    evil $s page
done
evil hello-request-flood unexpected_message
evil warning-flood unexpected_message

# gnutls-serv --http, default settings: it sends a CertificateRequest
if command -v gnutls-serv >/dev/null 2>&1; then
    PORT=$(free_port)
    timeout 30 gnutls-serv --http --port $PORT --x509certfile $CHAIN --x509keyfile $KEY \
        >"$TMP/gs.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_port $PORT
    timeout 15 "$BUILD/bin/glass-client" --trace 1 --cafile $CA "https://localhost:$PORT/" \
        >"$TMP/out" 2>"$TMP/err"
    status=$?
    if [ $status = 0 ] && grep -qi "<html" "$TMP/out" && grep -q "Server -> Client: CertificateRequest" "$TMP/err"; then
        ok "gnutls-serv --http (default: requests a certificate): page fetched"
    else
        bad "gnutls-serv --http: status $status: $(head -n 3 "$TMP/err")"
    fi
else
    echo "SKIP: gnutls-serv is not installed"
fi

# openssl s_server -verify 1: requests a certificate, carries on without one
PORT=$(free_port)
timeout 30 openssl s_server -tls1_2 -www -verify 1 -accept 127.0.0.1:$PORT -naccept 1 \
    -cert $CHAIN -key $KEY >"$TMP/os.log" 2>&1 &
PIDS="$PIDS $!"
wait_for "$TMP/os.log" ACCEPT
timeout 15 "$BUILD/bin/glass-client" --cafile $CA "https://localhost:$PORT/" \
    >"$TMP/out" 2>"$TMP/err"
status=$?
if [ $status = 0 ] && grep -q "no client certificate available" "$TMP/out"; then
    ok "openssl s_server -verify 1: page fetched (it reports: no client certificate available)"
else
    bad "openssl s_server -verify 1: status $status: $(head -n 3 "$TMP/err") $(head -n 3 "$TMP/out")"
fi
finish
