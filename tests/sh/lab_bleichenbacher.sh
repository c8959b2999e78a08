#!/bin/sh
# Lab 2, Bleichenbacher (docs/labs/bleichenbacher.md).  glass-attack
# bleichenbacher takes a recorded RSA-key-exchange connection and asks a
# server about other ciphertexts, one TLS connection a query.
#  1. The recorded connection: glass-lab's seeded connection with the RSA
#     key exchange (TLS_RSA_WITH_AES_128_GCM_SHA256, the demo key of
#     tests/certs): the same bytes every run, so the attack makes the same
#     queries every run.  The true premaster is found independently:
#     tshark reads the EncryptedPreMasterSecret and openssl decrypts it
#     with the demo key.
#  2. Against the lab server (--lab rsa-padding-oracle): the attack finds
#     the premaster, equal to the true one; tshark, given that premaster
#     alone in a key log, decrypts the capture; glass-attack prints the
#     decrypted request and response.
#  3. Against the normal glass-server: every query gets the same answer
#     (RFC 5246 7.4.7.1): no signal; the attack gives up after its budget
#     of 300 queries with exit status 3.
#  4. A live victim: glass-client fetches a page from the lab server,
#     recorded with --pcap and with its key log.  Its premaster is random,
#     and the number of queries depends on it (a heavy tail: see the
#     page), so the attack gets a 45 s budget: when it succeeds, its master
#     secret must equal the client's key log; when the budget runs out
#     first, the exit status must say "budget spent with a signal" (4).
. tests/hs/interop_lib.sh
need tshark openssl python3 xxd
KEY=$CERTS/leaf.key
SEED=${GLASS_BLEICH_SEED:-1}
ATTACK=$BUILD/labs/glass-attack

"$BUILD/labs/glass-lab" new leaked-rsa --dir "$TMP/rec" --seed $SEED >"$TMP/new.log" 2>&1 ||
    bad "glass-lab new leaked-rsa: $(tail -2 "$TMP/new.log")"
CAP=$TMP/rec/capture.pcapng
tshark -r "$CAP" -Y "tls.handshake.type == 16" -T fields -e tls.handshake.epms 2>/dev/null |
    tr -d ':\n' | xxd -r -p > "$TMP/epms.bin"
true_pms=$(openssl pkeyutl -decrypt -inkey $KEY -in "$TMP/epms.bin" 2>/dev/null | xxd -p | tr -d '\n')
[ ${#true_pms} = 96 ] && ok "the recorded premaster, decrypted by openssl with the key: ${true_pms%${true_pms#????????}}..." ||
    bad "openssl did not decrypt the capture's premaster ('$true_pms')"

start_server() {   # name, program...: starts it on a free port ($port)
    name=$1; shift
    port=$(free_port)
    timeout 120 "$@" --listen 127.0.0.1:$port --cert $CERTS/chain-localhost.pem --key $KEY \
        --suites 009C >"$TMP/srv-$name.log" 2>&1 &
    spid=$!; PIDS="$PIDS $spid"
    wait_for "$TMP/srv-$name.log" "listening"
}
field() { sed -n "s/^$1: //p" "$2" | head -1; }

# 2. the lab server
if start_server lab "$BUILD/labs/glass-server" --lab rsa-padding-oracle; then
    timeout 100 $ATTACK bleichenbacher --pcap "$CAP" --connect 127.0.0.1:$port --max-time 90 \
        >"$TMP/lab.out" 2>"$TMP/lab.err"
    rc=$?
    q=$(field queries "$TMP/lab.out"); t=$(field time "$TMP/lab.out")
    pms=$(field premaster "$TMP/lab.out")
    [ $rc = 0 ] && ok "lab server: the attack ended with success ($q queries, $t)" ||
        bad "lab server: exit status $rc after $q queries: $(tail -3 "$TMP/lab.err")"
    [ -n "$pms" ] && [ "$pms" = "$true_pms" ] &&
        ok "lab server: the recovered premaster equals the true one" ||
        bad "lab server: recovered premaster '$pms', true '$true_pms'"
    grep -q "^GET /exercise/$SEED HTTP/1.1" "$TMP/lab.out" && grep -q "^HTTP/1.1 200 OK" "$TMP/lab.out" &&
        ok "lab server: glass-attack decrypted the recorded request and response" ||
        bad "lab server: no decrypted HTTP in the attack's output"
    grep -q "^answers:.*alert 20.*alert 51" "$TMP/lab.out" &&
        ok "lab server: two answers came: $(field answers "$TMP/lab.out")" ||
        bad "lab server: answers '$(field answers "$TMP/lab.out")'"
    # an independent decryption: tshark with only the recovered premaster
    cr=$(tshark -r "$CAP" -Y "tls.handshake.type == 1" -T fields -e tls.handshake.random 2>/dev/null |
         tr -d ':\n')
    echo "PMS_CLIENT_RANDOM $cr $pms" > "$TMP/pms.keylog"
    http=$(tshark -r "$CAP" -o "tls.keylog_file:$TMP/pms.keylog" -Y http -T fields \
               -e http.request.uri -e http.response.code 2>/dev/null)
    echo "$http" | grep -q "/exercise/$SEED" && echo "$http" | grep -q 200 &&
        ok "tshark decrypts the capture with the recovered premaster alone" ||
        bad "tshark did not decrypt with the recovered premaster: '$http'"
    kill $spid 2>/dev/null
else
    bad "the lab server did not start"
fi

# 3. the normal server: no oracle
if start_server normal "$BUILD/bin/glass-server"; then
    timeout 60 $ATTACK bleichenbacher --pcap "$CAP" --connect 127.0.0.1:$port --max-queries 300 \
        >"$TMP/normal.out" 2>"$TMP/normal.err"
    rc=$?
    q=$(field queries "$TMP/normal.out")
    [ $rc = 3 ] && ok "normal server: exit status 3, no signal, after $q queries ($(field time "$TMP/normal.out"))" ||
        bad "normal server: exit status $rc, expected 3: $(tail -3 "$TMP/normal.out")"
    [ "$q" = 300 ] && grep -q "^answers: 300 x alert 20 bad_record_mac;$" "$TMP/normal.out" &&
        ok "normal server: one answer to all $q queries: $(field answers "$TMP/normal.out")" ||
        bad "normal server: '$q' queries, answers '$(field answers "$TMP/normal.out")'"
    grep -q "^premaster:" "$TMP/normal.out" && bad "normal server: a premaster was printed" ||
        ok "normal server: no premaster"
    kill $spid 2>/dev/null
else
    bad "the normal server did not start"
fi

# 4. a live victim, its premaster random
if start_server live "$BUILD/labs/glass-server" --lab rsa-padding-oracle; then
    timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --suites 009C --pcap "$TMP/live.pcapng" \
        --keylog "$TMP/live.keylog" https://localhost:$port/ >"$TMP/live.page" 2>"$TMP/live.cerr" ||
        bad "live: glass-client failed: $(tail -2 "$TMP/live.cerr")"
    timeout 60 $ATTACK bleichenbacher --pcap "$TMP/live.pcapng" --connect 127.0.0.1:$port --max-time 45 \
        >"$TMP/live.out" 2>"$TMP/live.err"
    rc=$?
    q=$(field queries "$TMP/live.out"); t=$(field time "$TMP/live.out")
    master=$(field "master secret" "$TMP/live.out")
    if [ $rc = 0 ]; then
        grep -q " $master\$" "$TMP/live.keylog" &&
            ok "live: premaster recovered in $q queries ($t); its master secret is the client's key log's" ||
            bad "live: master secret $master is not in the client's key log"
    elif [ $rc = 4 ]; then
        ok "live: budget spent with a signal after $q queries ($t): this premaster is in the tail"
    else
        bad "live: exit status $rc: $(tail -3 "$TMP/live.err")"
    fi
else
    bad "the live lab server did not start"
fi
finish
