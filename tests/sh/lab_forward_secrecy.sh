#!/bin/sh
# Lab 1, forward secrecy (docs/labs/forward-secrecy.md).  glass-client
# fetches a page from glass-server twice over loopback, once with the RSA
# key exchange (TLS_RSA_WITH_AES_128_GCM_SHA256, 0x009C) and once with
# ECDHE (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0xC02F), each recorded as
# a pcap.  Then the server's private key "leaks" (the demo key of
# tests/certs).  With only that key and no key log, tshark decrypts the RSA
# connection, whose premaster travelled encrypted to that key, and cannot
# decrypt the ECDHE one, whose premaster came from ephemeral keys that were
# never written anywhere (RFC 5246 F.1.1.3; RFC 8422 2).
# No lab switch is needed: this is the normal library, showing what a key
# leak does to traffic recorded earlier.
. tests/hs/interop_lib.sh
need tshark

KEY=$CERTS/leaf.key
http_with_key() {   # capture: the HTTP lines tshark decrypts with the leaked key alone
    tshark -r "$1" -o "uat:rsa_keys:\"$KEY\",\"\"" -Y http -T fields \
        -e http.request.method -e http.request.uri -e http.response.code 2>/dev/null
}

for s in rsa:009C ecdhe:C02F; do
    kx=${s%%:*}; suite=${s#*:}
    port=$(free_port)
    timeout 20 "$BUILD/bin/glass-server" --listen 127.0.0.1:$port --cert $CERTS/chain-localhost.pem \
        --key $KEY --suites $suite --count 1 >"$TMP/srv-$kx.log" 2>&1 &
    spid=$!; PIDS="$PIDS $spid"
    if ! wait_for "$TMP/srv-$kx.log" "listening"; then
        bad "$kx: glass-server did not start: $(cat "$TMP/srv-$kx.log")"; continue
    fi
    if timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --pcap "$TMP/$kx.pcapng" \
           https://localhost:$port/ >"$TMP/$kx.page" 2>"$TMP/$kx.err"; then
        ok "$kx: the page was fetched and recorded ($(wc -c < "$TMP/$kx.pcapng") bytes of pcap)"
    else
        bad "$kx: glass-client failed: $(tail -3 "$TMP/$kx.err")"
    fi
    wait $spid 2>/dev/null
    # the capture really is of the suite asked for
    got=$(tshark -r "$TMP/$kx.pcapng" -Y "tls.handshake.type == 2" -T fields \
              -e tls.handshake.ciphersuite 2>/dev/null | head -1)
    [ "$got" = "0x$(echo $suite | tr 'A-F' 'a-f')" ] && ok "$kx: the server chose suite 0x$suite" ||
        bad "$kx: ServerHello suite '$got', not 0x$suite"
done

# With the leaked key only.
rsa=$(http_with_key "$TMP/rsa.pcapng")
if echo "$rsa" | grep -q "GET	/" && echo "$rsa" | grep -q "200"; then
    ok "RSA key exchange: the leaked key alone decrypts the recorded request and response"
else
    bad "RSA key exchange: tshark did not decrypt the capture with the key: '$rsa'"
fi
ecdhe=$(http_with_key "$TMP/ecdhe.pcapng")
if [ -z "$ecdhe" ]; then
    ok "ECDHE: the leaked key decrypts nothing (forward secrecy)"
else
    bad "ECDHE: HTTP visible with the server key alone: '$ecdhe'"
fi
# and the ECDHE capture is not simply broken: it has its application data
n=$(tshark -r "$TMP/ecdhe.pcapng" -Y "tls.record.content_type == 23" 2>/dev/null | wc -l)
[ "$n" -ge 2 ] && ok "ECDHE: the capture holds $n encrypted application-data records" ||
    bad "ECDHE: only $n application-data records in the capture"
finish
