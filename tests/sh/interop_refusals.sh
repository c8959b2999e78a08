#!/bin/sh
# glass-client refuses bad certificates from `openssl s_server`: a wrong
# host name, an unknown CA and an expired certificate, each with the right
# alert and a one-line reason on stderr (exit status 1).
set -u
. tests/hs/interop_lib.sh
need openssl python3

refuse() {   # chain-file alert reason-pattern
    split_chain $CERTS/$1
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
        >"$TMP/os.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os.log" ACCEPT
    timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
        https://localhost:$PORT/ >"$TMP/out" 2>"$TMP/err"
    status=$?
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    lines=$(wc -l < "$TMP/err")
    if [ $status = 1 ] && [ "$lines" = 1 ] && grep -q "alert sent: $2" "$TMP/err" &&
       grep -q "$3" "$TMP/err" && [ ! -s "$TMP/out" ]; then
        ok "$1: $2"
    else
        bad "$1: want alert $2 and '$3' (status $status, $lines lines)"; cat "$TMP/err"
    fi
    # what OpenSSL saw: our alert
    grep -qi "alert" "$TMP/os.log" || echo "  (note: s_server log does not mention the alert)"
}
refuse chain-wronghost.pem bad_certificate "does not match the host name"
refuse chain-unknownca.pem unknown_ca "unknown certificate authority"
refuse chain-expired.pem certificate_expired "expired"
cat "$TMP/err" >/dev/null
finish
