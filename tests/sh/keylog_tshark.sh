#!/bin/sh
# keylog_tshark.sh — the NSS key log works: glass-client fetches a page
# from glass-server on 127.0.0.1 while tshark captures the loopback
# traffic; then tshark, given only the key log file glass-client wrote
# (--keylog), decrypts the capture and must show the HTTP request and the
# HTTP response.  For an RSA and an ECDHE suite.
. tests/hs/interop_lib.sh
need tshark
for s in 009C C02F; do
    port=$(free_port)
    pcap=$TMP/cap-$s.pcapng; keylog=$TMP/keys-$s.log
    : > "$pcap"; chmod 666 "$pcap" 2>/dev/null
    # bounded capture on the test port only; stopped by its PID
    timeout 60 tshark -i lo -f "tcp port $port" -w "$pcap" >"$TMP/tshark-$s.log" 2>&1 &
    tpid=$!; PIDS="$PIDS $tpid"
    i=0; while [ $i -lt 300 ] && ! grep -q "Capturing on" "$TMP/tshark-$s.log"; do
        sleep 0.1; i=$((i + 1)); done
    grep -q "Capturing on" "$TMP/tshark-$s.log" || {
        if grep -qi "permission\|don't have permission\|not permitted" "$TMP/tshark-$s.log"; then
            echo "SKIP: tshark may not capture on lo here: $(head -2 "$TMP/tshark-$s.log")"; exit 0; fi
        bad "$s: tshark did not start: $(head -3 "$TMP/tshark-$s.log")"; continue; }
    timeout 20 "$BUILD/bin/glass-server" --listen 127.0.0.1:$port --cert $CERTS/chain-localhost.pem \
        --key $CERTS/leaf.key --suites $s --count 1 >"$TMP/srv-$s.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_for "$TMP/srv-$s.log" "listening" || { bad "$s: server"; continue; }
    timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --keylog "$keylog" \
        https://localhost:$port/ >"$TMP/cli-$s.out" 2>"$TMP/cli-$s.err" ||
        { bad "$s: glass-client failed: $(cat "$TMP/cli-$s.err")"; continue; }
    sleep 1                                  # let tshark write the last packets
    kill -INT "$tpid" 2>/dev/null; wait "$tpid" 2>/dev/null
    grep -q '^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$' "$keylog" ||
        { bad "$s: no CLIENT_RANDOM line in the key log"; continue; }
    out=$(tshark -r "$pcap" -o "tls.keylog_file:$keylog" -Y http \
              -T fields -e http.request.method -e http.request.uri -e http.response.code 2>&1)
    echo "$out" | sed "s/^/    $s: /"
    if echo "$out" | grep -q "GET" && echo "$out" | grep -q "200"; then
        ok "$s: tshark decrypted the HTTP request and response with the key log"
    else
        bad "$s: tshark shows no decrypted HTTP"
    fi
    # and without the key log nothing is readable
    none=$(tshark -r "$pcap" -Y http 2>/dev/null | wc -l)
    [ "$none" = 0 ] && ok "$s: without the key log tshark sees no HTTP" ||
        bad "$s: HTTP visible without keys?"
done
finish
