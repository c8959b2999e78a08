#!/bin/sh
# glass-client refuses bad certificates from `openssl s_server`: a wrong
# host name, an unknown CA and an expired certificate, and a keyUsage that
# does not allow what the suite needs, each with the right alert and a
# one-line reason on stderr (exit status 1).
set -u
. tests/hs/interop_lib.sh
need openssl python3

refuse() {   # chain-file alert reason-pattern alert-number [glass-client options]
    split_chain $CERTS/$1
    PORT=$(free_port)
    timeout 20 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 1 \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
        >"$TMP/os.log" 2>&1 &
    pid=$!
    wait_for "$TMP/os.log" ACCEPT
    timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem ${5:-} \
        https://localhost:$PORT/ >"$TMP/out" 2>"$TMP/err"
    status=$?
    # let s_server (-naccept 1) log the alert and exit by itself; bounded
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    lines=$(wc -l < "$TMP/err")
    if [ $status = 1 ] && [ "$lines" = 1 ] && grep -q "alert sent: $2" "$TMP/err" &&
       grep -q "$3" "$TMP/err" && [ ! -s "$TMP/out" ]; then
        ok "$1: $2"
        sed 's/^/     /' "$TMP/err"
    else
        bad "$1: want alert $2 and '$3' (status $status, $lines lines)"; cat "$TMP/err"
    fi
    # what OpenSSL saw: our alert, by number
    if grep -q "alert number $4" "$TMP/os.log"; then ok "$1: openssl s_server received alert $4"
    else bad "$1: openssl s_server did not report alert number $4"; cat "$TMP/os.log"; fi
}
refuse chain-wronghost.pem bad_certificate "does not match the host name" 42
refuse chain-unknownca.pem unknown_ca "unknown certificate authority" 48
refuse chain-expired.pem certificate_expired "expired" 45
# digitalSignature only, offered to RSA key exchange alone (and the reverse)
refuse chain-ku-sign.pem unsupported_certificate "lacks keyEncipherment.*the suite is TLS_RSA_WITH_AES_128_GCM_SHA256" 43 "--suites 009C"
refuse chain-ku-encipher.pem unsupported_certificate "lacks digitalSignature.*the suite is TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" 43 "--suites C02F"

finish
