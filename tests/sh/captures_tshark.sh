#!/bin/sh
# captures_tshark.sh — the pcapng files glasstls writes are ones Wireshark
# reads and decrypts.  1. The committed reference captures (docs/captures/,
# each with its key log): the command in their README still makes them,
# tshark decrypts them and finds the HTTP request
# and response, every IPv4 and TCP checksum is right, and without the key
# log no HTTP is visible.  2. A fresh glass-step --pcap run (random seed)
# decrypts with the key log it wrote.  3. A live glass-server and
# glass-client on 127.0.0.1, each with --pcap: both captures decrypt with
# the client's key log and show the real port.
. tests/hs/interop_lib.sh
need tshark

http_of() {   # capture, key log: "METHOD URI" and status lines tshark decrypts
    tshark -r "$1" -o "tls.keylog_file:$2" -Y http -T fields \
        -e http.request.method -e http.request.uri -e http.response.code 2>/dev/null
}
check_capture() {   # what, capture, key log
    out=$(http_of "$2" "$3")
    if echo "$out" | grep -q "GET	/" && echo "$out" | grep -q "200"; then
        ok "$1: tshark decrypts the HTTP request and response"
    else
        bad "$1: no decrypted HTTP request and response: $out"
    fi
    sums=$(tshark -r "$2" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -T fields \
               -e ip.checksum.status -e tcp.checksum.status 2>/dev/null | sort -u | tr '\n' ' ')
    [ "$sums" = "1	1 " ] && ok "$1: every IPv4 and TCP checksum is good" ||
        bad "$1: checksum status $sums (1 1 = good)"
    none=$(tshark -r "$2" -Y http 2>/dev/null | wc -l)
    [ "$none" = 0 ] && ok "$1: without the key log no HTTP is visible" ||
        bad "$1: HTTP visible without the key log"
}

# 1. the committed captures: still what their command makes (the seeded
# run is deterministic), and readable.  When a change to the handshake
# bytes is on purpose, regenerate them as the golden traces are:
#     GLASS_REGEN_GOLDEN=1 sh tests/sh/captures_tshark.sh
for s in ecdhe:C02F rsa:009C; do
    t=${s%%:*}; base=docs/captures/glass-step-$t
    rm -f "$TMP/$t.keylog"
    "$BUILD/bin/glass-step" --seed 1 --suite ${s#*:} --no-pause --trace 0 \
        --pcap "$TMP/$t.pcapng" --keylog "$TMP/$t.keylog" > /dev/null 2>&1 ||
        bad "glass-step --seed 1 --suite ${s#*:} --pcap failed"
    if [ "${GLASS_REGEN_GOLDEN:-0}" = 1 ]; then
        cp "$TMP/$t.pcapng" $base.pcapng; cp "$TMP/$t.keylog" $base.keylog
        echo "regenerated $base.pcapng and $base.keylog"
    elif cmp -s "$TMP/$t.pcapng" $base.pcapng && cmp -s "$TMP/$t.keylog" $base.keylog; then
        ok "$base: the command in docs/captures/README.md makes exactly this file"
    else
        bad "$base is stale: regenerate with GLASS_REGEN_GOLDEN=1 sh tests/sh/captures_tshark.sh"
    fi
done
for t in ecdhe rsa; do
    [ -f docs/captures/glass-step-$t.pcapng ] || { bad "docs/captures/glass-step-$t.pcapng is missing"; continue; }
    check_capture "docs/captures/glass-step-$t" docs/captures/glass-step-$t.pcapng \
        docs/captures/glass-step-$t.keylog
done
n=$(tshark -r docs/captures/glass-step-ecdhe.pcapng -Y "tls.handshake.type == 12" 2>/dev/null | wc -l)
[ "$n" = 1 ] && ok "the ECDHE capture has its ServerKeyExchange" || bad "ECDHE capture: $n ServerKeyExchange"

# 2. a fresh glass-step run
"$BUILD/bin/glass-step" --no-pause --trace 0 --pcap "$TMP/step.pcapng" --keylog "$TMP/step.keys" \
    > "$TMP/step.out" 2>&1 || bad "glass-step --pcap failed: $(tail -2 "$TMP/step.out")"
check_capture "glass-step --pcap" "$TMP/step.pcapng" "$TMP/step.keys"

# 3. glass-server and glass-client over loopback, both capturing
port=$(free_port)
timeout 20 "$BUILD/bin/glass-server" --listen 127.0.0.1:$port --cert $CERTS/chain-localhost.pem \
    --key $CERTS/leaf.key --count 1 --pcap "$TMP/srv.pcapng" >"$TMP/srv.log" 2>&1 &
spid=$!; PIDS="$PIDS $spid"
if wait_for "$TMP/srv.log" "listening"; then
    timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --keylog "$TMP/live.keys" \
        --pcap "$TMP/cli.pcapng" https://localhost:$port/ >"$TMP/cli.out" 2>"$TMP/cli.err" ||
        bad "glass-client --pcap failed: $(cat "$TMP/cli.err")"
    wait $spid 2>/dev/null
    check_capture "glass-client --pcap" "$TMP/cli.pcapng" "$TMP/live.keys"
    check_capture "glass-server --pcap" "$TMP/srv.pcapng" "$TMP/live.keys"
    p=$(tshark -r "$TMP/cli.pcapng" -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0" -T fields \
            -e tcp.dstport 2>/dev/null)
    [ "$p" = "$port" ] && ok "glass-client's capture has the real server port $port" ||
        bad "glass-client's capture: SYN to port '$p', not $port"
else
    bad "glass-server did not start: $(cat "$TMP/srv.log")"
fi
finish
