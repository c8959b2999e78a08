#!/bin/sh
# Session resumption against real peers (RFC 5246 7.3 Figure 2, RFC 5077).
#   glass-server (session cache by default; --tickets; --ticket-key FILE) with
#     openssl s_client -reconnect, -sess_out / -sess_in, gnutls-cli --resume,
#     and curl fetching two URLs in one run (the server log must say
#     session=resumed for the second connection);
#   glass-client --reconnect and --sess-out / --sess-in against
#     openssl s_server (with tickets, and with -no_ticket: by session_id)
#     and gnutls-serv.
set -u
. tests/hs/interop_lib.sh
need openssl gnutls-cli gnutls-serv curl python3
split_chain $CERTS/chain-localhost.pem

# ticket keys for --ticket-key: current, then previous
printf '# glasstls test ticket keys (name key)\n%s %s\n%s %s\n' \
    676c617373746c732d7465737420312e 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
    676c617373746c732d7465737420302e 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f \
    > "$TMP/ticket.keys"

# ---- glass-server and real clients, in each resumption mode ----
for mode in cache tickets ticketkey; do
    case $mode in
        cache)     opts=""; count=12 ;;
        tickets)   opts="--tickets --session-cache 0"; count=10 ;;
        ticketkey) opts="--ticket-key $TMP/ticket.keys --session-cache 0"; count=10 ;;
    esac
    PORT=$(free_port)
    # shellcheck disable=SC2086
    "$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-localhost.pem \
        --key $CERTS/leaf.key --count $count $opts 2>"$TMP/s-$mode.log" &
    spid=$!
    PIDS="$PIDS $spid"
    wait_for "$TMP/s-$mode.log" "listening on" || exit 1

    # s_client -reconnect: one full handshake, then five resumed ones
    out=$(echo | timeout 15 openssl s_client -tls1_2 -reconnect -connect 127.0.0.1:$PORT \
          -servername localhost -CAfile $CERTS/root.pem 2>&1)
    if [ "$(echo "$out" | grep -c '^Reused, TLSv1.2')" -eq 5 ] &&
       [ "$(echo "$out" | grep -c '^New, TLSv1.2')" -eq 1 ]; then
        ok "openssl s_client -reconnect       ($mode)"
    else
        bad "openssl s_client -reconnect       ($mode)"
        echo "$out" | grep -E '^(New|Reused)|error|errno|alert' | head -20
        echo "server log:"; tail -5 "$TMP/s-$mode.log"
    fi

    # -sess_out, then -sess_in in another process
    echo | timeout 10 openssl s_client -tls1_2 -connect 127.0.0.1:$PORT -servername localhost \
        -CAfile $CERTS/root.pem -sess_out "$TMP/o-$mode.sess" >/dev/null 2>&1
    out=$(echo | timeout 10 openssl s_client -tls1_2 -connect 127.0.0.1:$PORT \
          -servername localhost -CAfile $CERTS/root.pem -sess_in "$TMP/o-$mode.sess" 2>&1)
    if echo "$out" | grep -q '^Reused, TLSv1.2'; then
        ok "openssl s_client -sess_out/-sess_in ($mode)"
    else bad "openssl s_client -sess_out/-sess_in ($mode)"; echo "$out" | tail -5; fi

    # gnutls-cli --resume: connects twice, the second resumes
    out=$(timeout 15 gnutls-cli --resume --x509cafile $CERTS/root.pem -p $PORT localhost \
          </dev/null 2>&1)
    if echo "$out" | grep -q 'This is a resumed session'; then
        ok "gnutls-cli --resume               ($mode)"
    else bad "gnutls-cli --resume               ($mode)"; echo "$out" | tail -8; fi

    if [ $mode = cache ]; then
        # curl, two URLs in one run: two connections (glass-server answers
        # one request per connection), the second resumed by session_id
        timeout 15 curl -sS --cacert $CERTS/root.pem --resolve localhost:$PORT:127.0.0.1 \
            -o /dev/null -o /dev/null https://localhost:$PORT/a https://localhost:$PORT/b \
            2>"$TMP/curl.err"
        sleep 0.3
        if grep -q '"GET /a" .* session=new' "$TMP/s-$mode.log" &&
           grep -q '"GET /b" .* session=resumed' "$TMP/s-$mode.log"; then
            ok "curl, two URLs, the second resumed ($mode)"
        else bad "curl, two URLs, the second resumed ($mode)"; grep GET "$TMP/s-$mode.log"; fi
    fi
    kill $spid 2>/dev/null; wait $spid 2>/dev/null
    # the log names every resumed connection
    n=$(grep -c 'session=resumed' "$TMP/s-$mode.log")
    if [ "$n" -ge 7 ]; then ok "server log: $n connections resumed ($mode)"
    else bad "server log: $n connections resumed ($mode)"; cat "$TMP/s-$mode.log"; fi
done

# ---- a restart with rotated keys: the ticket of the old key still opens ----
printf '%s %s\n%s %s\n' \
    676c617373746c732d7465737420322e 404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f \
    676c617373746c732d7465737420312e 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
    > "$TMP/rotated.keys"
for keys in rotated other; do
    PORT=$(free_port)
    kf="$TMP/rotated.keys"
    [ $keys = other ] && { head -1 "$TMP/rotated.keys" > "$TMP/other.keys"; kf="$TMP/other.keys"; }
    "$BUILD/bin/glass-server" --listen 127.0.0.1:$PORT --cert $CERTS/chain-localhost.pem \
        --key $CERTS/leaf.key --count 1 --session-cache 0 --ticket-key "$kf" \
        2>"$TMP/s-$keys.log" &
    spid=$!
    PIDS="$PIDS $spid"
    wait_for "$TMP/s-$keys.log" "listening on" || exit 1
    out=$(echo | timeout 10 openssl s_client -tls1_2 -connect 127.0.0.1:$PORT \
          -servername localhost -CAfile $CERTS/root.pem -sess_in "$TMP/o-ticketkey.sess" 2>&1)
    kill $spid 2>/dev/null; wait $spid 2>/dev/null
    if [ $keys = rotated ] && echo "$out" | grep -q '^Reused, TLSv1.2'; then
        ok "restarted, keys rotated: the previous key's ticket resumes"
    elif [ $keys = other ] && echo "$out" | grep -q '^New, TLSv1.2'; then
        ok "restarted without that key: a full handshake, no alert"
    else bad "restart with $keys keys"; echo "$out" | grep -E '^(New|Reused)|alert'; fi
done

# ---- glass-client against real servers ----
check_client() {   # name, glass-client output file
    if grep -q 'connection 1 of 3: new session' "$2" &&
       grep -q 'connection 2 of 3: resumed session' "$2" &&
       grep -q 'connection 3 of 3: resumed session' "$2"; then ok "$1"
    else bad "$1"; tail -8 "$2"; fi
}
for t in tickets no_ticket; do
    PORT=$(free_port)
    extra=""; [ $t = no_ticket ] && extra="-no_ticket"
    # shellcheck disable=SC2086
    timeout 30 openssl s_server -tls1_2 -www -accept 127.0.0.1:$PORT -naccept 5 $extra \
        -cert "$TMP/leaf.pem" -cert_chain "$TMP/rest.pem" -key $CERTS/leaf.key \
        >"$TMP/os-$t.log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    wait_for "$TMP/os-$t.log" ACCEPT
    timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --reconnect 2 \
        --sess-out "$TMP/g-$t.sess" https://localhost:$PORT/ >"$TMP/gc-$t.body" 2>"$TMP/gc-$t.err"
    check_client "glass-client --reconnect 2 vs openssl s_server ($t)" "$TMP/gc-$t.err"
    # s_server -www says "Reused" on the page of a resumed session
    if [ "$(grep -c '^Reused, TLSv1.2' "$TMP/gc-$t.body")" -eq 2 ]; then
        ok "openssl s_server saw 2 resumptions ($t)"
    else bad "openssl s_server saw 2 resumptions ($t)"; grep -E '^(New|Reused)' "$TMP/gc-$t.body"; fi
    out=$(timeout 10 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem \
          --sess-in "$TMP/g-$t.sess" https://localhost:$PORT/ 2>&1)
    if echo "$out" | grep -q 'connection 1 of 1: resumed session' &&
       echo "$out" | grep -q '^Reused, TLSv1.2'; then
        ok "glass-client --sess-in vs openssl s_server ($t)"
    else bad "glass-client --sess-in vs openssl s_server ($t)"; echo "$out" | tail -5; fi
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
done

PORT=$(free_port)
timeout 30 gnutls-serv --http -a -p $PORT --x509certfile $CERTS/chain-localhost.pem \
    --x509keyfile $CERTS/leaf.key --priority "$(gnutls_prio +ECDHE-RSA:+AES-128-GCM)" \
    >"$TMP/gs.log" 2>&1 &
pid=$!
PIDS="$PIDS $pid"
wait_for "$TMP/gs.log" "listening" && wait_port $PORT
timeout 20 "$BUILD/bin/glass-client" --cafile $CERTS/root.pem --reconnect 2 \
    https://localhost:$PORT/ >/dev/null 2>"$TMP/gc-gs.err"
check_client "glass-client --reconnect 2 vs gnutls-serv" "$TMP/gc-gs.err"
kill $pid 2>/dev/null; wait $pid 2>/dev/null

finish
