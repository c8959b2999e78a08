#!/bin/sh
# Lab 4, downgrade and tampering (docs/labs/downgrade.md).
#
# strip-ecdhe: glass-mitm removes the ECDHE suites from the ClientHello
#   between the normal glass-client (offering C02F and 009C) and the normal
#   glass-server.  The server picks the RSA suite; Finished catches it:
#   - without EMS (--no-ems) the keys agree and the server's check of the
#     client's Finished fails: decrypt_error, sent by the server (its log)
#     and received by the client (its message, exit status 1);
#   - with EMS (the default) the master secrets differ already, and the
#     client's Finished record does not even open: bad_record_mac.
#   Control: a client that offers RSA only gets through the same relay.
#   Strictness: a ClientHello in three records is gathered and stripped
#   (the server answers with the RSA suite); a malformed one is refused.
# replace-ske: glass-mitm puts its own X25519 key in the ServerKeyExchange.
#   - the lab glass-client --lab skip-ske-signature takes it: the relay's
#     master secret is the one in the client's key log, the relay prints the
#     decrypted request and the client prints the relay's own answer;
#   - with --forward, the relay sends the request on to the real server over
#     a TLS connection of its own, and the client gets the real page
#     (this run without EMS: the master secret of RFC 5246 8.1);
#   - the normal glass-client refuses the message: decrypt_error, exit 1,
#     and the relay never sees a ClientKeyExchange;
#   - the lab client with the switch still talks to the real server.
. tests/hs/interop_lib.sh
RELAY_ARGS=""
need python3
LAB=$BUILD/labs
MITM=$LAB/glass-mitm
for f in "$MITM" "$LAB/glass-client" "$BUILD/bin/glass-server" "$BUILD/bin/glass-client"; do
    [ -x "$f" ] || { bad "$f missing (make && make labs)"; finish; exit 1; }
done
CA=$CERTS/demo-ca.pem
mkdir -p "$TMP/www"
echo "the real server's page" > "$TMP/www/index.html"

# server NAME: the normal glass-server on a free port, in $sp (not in a
# subshell, so that its PID reaches $PIDS)
server() {
    sp=$(free_port)
    timeout 30 "$BUILD/bin/glass-server" --listen 127.0.0.1:$sp --root "$TMP/www" \
        >"$TMP/srv-$1.log" 2>&1 &
    PIDS="$PIDS $!"
    wait_for "$TMP/srv-$1.log" listening >/dev/null || { bad "$1: glass-server did not start"; return 1; }
}
# relay NAME MODE SERVER-PORT: glass-mitm MODE $RELAY_ARGS in front of it,
# port in $rp, PID in $mp
relay() {
    rp=$(free_port)
    timeout 30 "$MITM" "$2" --timeout 20 --listen 127.0.0.1:$rp --connect 127.0.0.1:$3 $RELAY_ARGS \
        >"$TMP/mitm-$1.log" 2>&1 &
    mp=$!
    PIDS="$PIDS $mp"
    wait_for "$TMP/mitm-$1.log" relaying >/dev/null || { bad "$1: glass-mitm did not start"; return 1; }
}
# run NAME MODE CLIENT [CLIENT ARGS...]: server, relay, the client through it
run() {
    name=$1 mode=$2; shift 2
    server "$name" || return 1
    relay "$name" "$mode" "$sp" || return 1
    t0=$(date +%s%N)
    timeout 20 "$@" --cafile "$CA" https://localhost:$rp/ >"$TMP/cli-$name.out" 2>"$TMP/cli-$name.err"
    echo $? > "$TMP/cli-$name.rc"
    wait $mp
    echo $? > "$TMP/mitm-$name.rc"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    sleep 0.2                                     # the server's log line
    echo "---- $name ($ms ms): glass-mitm $mode says"; sed 's/^/    /' "$TMP/mitm-$name.log"
    echo "---- $name: glass-client (exit $(cat "$TMP/cli-$name.rc")):"
    sed 's/^/    /' "$TMP/cli-$name.out" "$TMP/cli-$name.err"
    echo "---- $name: glass-server: $(grep '\[c1\]' "$TMP/srv-$name.log")"
}
has() { grep -qF -- "$2" "$TMP/$1"; }

# ---- strip-ecdhe
run ctl strip-ecdhe "$BUILD/bin/glass-client" --suites 009C
if [ "$(cat "$TMP/cli-ctl.rc")" = 0 ] && has cli-ctl.out "the real server's page" &&
   has mitm-ctl.log "no ECDHE suite in the ClientHello; passed on" &&
   has mitm-ctl.log "the server chose 0x009C"; then
    ok "control: an RSA-only ClientHello goes through the relay untouched; the page arrives"
else
    bad "control: the relay broke a handshake it did not change"
fi

run noems strip-ecdhe "$BUILD/bin/glass-client" --suites C02F,009C --no-ems
has mitm-noems.log "0xC02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256          REMOVED" &&
has mitm-noems.log "cipher_suites length 4 -> 2" &&
has mitm-noems.log "the server chose 0x009C TLS_RSA_WITH_AES_128_GCM_SHA256" &&
    ok "strip (no EMS): ECDHE removed, the server chose TLS_RSA_WITH_AES_128_GCM_SHA256" ||
    bad "strip (no EMS): the downgrade did not happen"
grep -q '\[c1\].*suite=TLS_RSA_WITH_AES_128_GCM_SHA256 ems=no.*handshake failed in ClientFinished: the Finished message does not match the handshake.*alert sent: decrypt_error' "$TMP/srv-noems.log" &&
    ok "strip (no EMS): glass-server: bad client Finished, alert sent: decrypt_error" ||
    bad "strip (no EMS): glass-server did not refuse the client's Finished with decrypt_error"
[ "$(cat "$TMP/cli-noems.rc")" = 1 ] && has cli-noems.err "alert received: decrypt_error" &&
! has cli-noems.out "the real server's page" &&
    ok "strip (no EMS): glass-client exits 1: $(cat "$TMP/cli-noems.err")" ||
    bad "strip (no EMS): glass-client did not fail with decrypt_error"
has mitm-noems.log "server -> client: alert, 2 bytes: fatal decrypt_error" &&
    ok "strip (no EMS): the relay saw the server's decrypt_error alert go by" ||
    bad "strip (no EMS): no decrypt_error on the wire"

run ems strip-ecdhe "$BUILD/bin/glass-client" --suites C02F,009C
grep -q '\[c1\].*ems=yes.*handshake failed in ClientFinished:.*bad_record_mac.*alert sent: bad_record_mac' "$TMP/srv-ems.log" &&
[ "$(cat "$TMP/cli-ems.rc")" = 1 ] && has cli-ems.err "alert received: bad_record_mac" &&
has mitm-ems.log "the server chose 0x009C" &&
    ok "strip (EMS): the session hash covers the ClientHello: the client's Finished record does not open, bad_record_mac both sides" ||
    bad "strip (EMS): expected bad_record_mac on both sides"

# a ClientHello in three records, and a broken one, from python
server py || { finish; exit 1; }
python3 - "$MITM" "$sp" <<'PY' && ok "strip: a ClientHello over 3 records is gathered and stripped; a malformed one is refused" || bad "strip: record-spread or malformed ClientHello"
import os, socket, subprocess, sys, time
mitm, sport = sys.argv[1], int(sys.argv[2])
def port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
def hello(suites, bad=False):
    ext = b""
    for t, d in ((0x000d, b"\x00\x04\x04\x01\x08\x04"), (0x000a, b"\x00\x02\x00\x1d"),
                 (0x000b, b"\x01\x00"), (0xff01, b"\x00")):
        ext += t.to_bytes(2, "big") + len(d).to_bytes(2, "big") + d
    sl = 2 * len(suites) + (1 if bad else 0)          # bad: an odd suite length
    body = (b"\x03\x03" + os.urandom(32) + b"\x00" + sl.to_bytes(2, "big") +
            b"".join(s.to_bytes(2, "big") for s in suites) + b"\x01\x00" +
            len(ext).to_bytes(2, "big") + ext)
    return b"\x01" + len(body).to_bytes(3, "big") + body
def attempt(msg, cuts):
    rp = port()
    p = subprocess.Popen([mitm, "strip-ecdhe", "--timeout", "10", "--listen", "127.0.0.1:%d" % rp,
                          "--connect", "127.0.0.1:%d" % sport], stdout=subprocess.PIPE, text=True)
    for _ in range(50):
        try:
            c = socket.create_connection(("127.0.0.1", rp), 1); break
        except OSError:
            time.sleep(0.1)
    parts, last = [], 0
    for k in cuts + [len(msg)]:
        parts.append(msg[last:k]); last = k
    for part in parts:
        c.sendall(b"\x16\x03\x01" + len(part).to_bytes(2, "big") + part)
    c.settimeout(5)
    got = b""
    try:
        while len(got) < 5 + 4 + 2 + 32 + 1 + 32 + 2:
            d = c.recv(4096)
            if not d: break
            got += d
    except socket.timeout:
        pass
    c.close()
    out = p.communicate(timeout=15)[0]
    return got, out
msg = hello([0xc02f, 0xc030, 0x009c, 0x009d])
got, out = attempt(msg, [30, 70])
print("\n".join("    " + l for l in out.splitlines() if "ClientHello" in l or "REMOVED" in l))
sid = got[5 + 4 + 2 + 32] if len(got) > 44 else 0
suite = got[5 + 4 + 2 + 32 + 1 + sid: 5 + 4 + 2 + 32 + 1 + sid + 2].hex() if len(got) > 44 else ""
ok1 = ("came in 3 record(s)" in out and "removed 2 suite(s)" in out and got[:1] == b"\x16"
       and got[5:6] == b"\x02" and suite == "009c")
print("    spread: server answered type %s suite %s" % (got[5:6].hex(), suite))
got2, out2 = attempt(hello([0xc02f, 0x009c], bad=True), [])
ok2 = "refused: not a well-formed ClientHello" in out2 and got2 == b""
print("    malformed: %s; %d bytes came back" % ([l for l in out2.splitlines() if "refused" in l], len(got2)))
sys.exit(0 if ok1 and ok2 else 1)
PY

# ---- replace-ske
run lab replace-ske "$LAB/glass-client" --lab skip-ske-signature --keylog "$TMP/keylog"
A=$TMP/mitm-lab.log
km=$(awk '/^CLIENT_RANDOM/ {print $3}' "$TMP/keylog" 2>/dev/null)
rm_=$(sed -n 's/^ *master secret ([^)]*): \([0-9a-f]*\)$/\1/p' "$A")
if has mitm-lab.log "REPLACED by ours" && [ -n "$km" ] && [ "$km" = "$rm_" ]; then
    ok "replace-ske (lab client): the relay's master secret is the client's (key log): $km"
else
    bad "replace-ske (lab client): the relay's master '$rm_' is not the client's '$km'"
fi
has cli-lab.err "lab skip-ske-signature: the ServerKeyExchange signature does NOT verify; NOT checked" &&
    ok "replace-ske (lab client): the client says the signature does not verify, and takes the key anyway" ||
    bad "replace-ske (lab client): no note of the skipped check"
has mitm-lab.log "DECRYPTED by the relay" && has mitm-lab.log "GET / HTTP/1.1" &&
has mitm-lab.log "ATTACK WORKED" &&
[ "$(cat "$TMP/cli-lab.rc")" = 0 ] && has cli-lab.out "glass-mitm answered this" &&
! has cli-lab.out "the real server's page" &&
    ok "replace-ske (lab client): the relay read the request and the client printed the relay's answer" ||
    bad "replace-ske (lab client): the attack did not complete"

# --forward: the relay passes the decrypted request on over a TLS connection
# of its own, and the client gets the real page, read by the relay on the way
RELAY_ARGS="--forward $CA"
run fwd replace-ske "$LAB/glass-client" --lab skip-ske-signature --no-ems
RELAY_ARGS=""
has mitm-fwd.log "a TLS connection of our own (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, certificate checked), the request forwarded" &&
has mitm-fwd.log "the real server's page" && has mitm-fwd.log "GET / HTTP/1.1" &&
has mitm-fwd.log "master secret (RFC 5246 8.1)" &&
[ "$(cat "$TMP/cli-fwd.rc")" = 0 ] && has cli-fwd.out "the real server's page" &&
grep -q '\[c2\].*"GET /" 200' "$TMP/srv-fwd.log" &&
    ok "replace-ske --forward (lab client, no EMS): the client got the real page; the relay read the request and the response" ||
    bad "replace-ske --forward (lab client): the relay did not relay"

run normal replace-ske "$BUILD/bin/glass-client"
[ "$(cat "$TMP/cli-normal.rc")" = 1 ] &&
has cli-normal.err "handshake failed in ServerKeyExchange: the ServerKeyExchange signature does not verify with the certificate key; alert sent: decrypt_error" &&
    ok "replace-ske (normal client): refused: $(cat "$TMP/cli-normal.err")" ||
    bad "replace-ske (normal client): not refused with decrypt_error"
has mitm-normal.log "client -> relay: alert fatal decrypt_error" && ! has mitm-normal.log "ClientKeyExchange" &&
! has mitm-normal.log "DECRYPTED" && [ "$(cat "$TMP/mitm-normal.rc")" = 1 ] &&
    ok "replace-ske (normal client): the relay got decrypt_error and no ClientKeyExchange" ||
    bad "replace-ske (normal client): the relay got further than the ServerKeyExchange"

# the switch alone does not break an honest handshake
server direct || { finish; exit 1; }
timeout 20 "$LAB/glass-client" --lab skip-ske-signature --cafile "$CA" https://localhost:$sp/ \
    >"$TMP/direct.out" 2>"$TMP/direct.err"
[ $? = 0 ] && has direct.out "the real server's page" &&
has direct.err "lab skip-ske-signature: the ServerKeyExchange signature verifies; NOT checked" &&
    ok "lab client, no relay: the real server's signature verifies (unchecked) and the page arrives" ||
    bad "lab client, no relay: $(cat "$TMP/direct.err")"
finish
