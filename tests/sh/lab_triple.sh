#!/bin/sh
# Lab 5, the triple handshake (docs/labs/triple-handshake.md), step 1:
# two connections with different server certificates and one master secret.
#
# C is the normal glass-client, S the normal glass-server (build/bin: no
# lab switch in either); A, between them, is the lab's glass-mitm triple.
# C trusts A's certificate for A's name (tests/certs/chain-ipv4.pem, the
# name 127.0.0.1, under tests/certs/root.pem); S has the demo certificate
# (tests/certs/demo-server.pem, localhost, under demo-ca.pem), another
# certificate with another key.  A copies C's client random to S and S's
# server random and session id to C, decrypts the premaster C sends it and
# encrypts it again to S's key (RSA key exchange, suite 0x009C).
#
# (a) --no-ems on C and S: C's key log and S's key log hold the same client
#     random and the SAME master secret, although C saw A's certificate and
#     S sent its own.
# (b) the defaults (the extended master secret, RFC 7627, on both): A still
#     completes both handshakes, and the master secrets DIFFER, because each
#     is derived from the hash of its own handshake, certificate included.
# (c) C --no-ems, S by default: A offers S no extended master secret either,
#     S goes on without it, and the master secrets are the same again.
# (d) C --no-ems, S --require-ems: S refuses A (handshake_failure).
# Each run is bounded (timeout 30, A waits at most 10 s for each step);
# the four take about a second, python most of the rest.
. tests/hs/interop_lib.sh
need openssl python3
MITM=$BUILD/labs/glass-mitm
for f in "$MITM" "$BUILD/bin/glass-server" "$BUILD/bin/glass-client"; do
    [ -x "$f" ] || { bad "$f missing (make && make labs)"; finish; exit 1; }
done
A_CHAIN=$CERTS/chain-ipv4.pem
A_KEY=$CERTS/leaf.key

# sha256 of a certificate file's (first) certificate, lower-case hex
fp() { openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'; }
A_FP=$(fp $CERTS/ipv4.pem)
S_FP=$(fp $CERTS/demo-server.pem)
[ -n "$A_FP" ] && [ "$A_FP" != "$S_FP" ] && ok "A's certificate and S's differ: ${A_FP%${A_FP#????????????????}}... and ${S_FP%${S_FP#????????????????}}..." ||
    bad "A's and S's certificate fingerprints: '$A_FP' '$S_FP'"

# keylog FILE: "client_random master_secret" of its one CLIENT_RANDOM line
keylog() { awk '$1 == "CLIENT_RANDOM" { print tolower($2), tolower($3) }' "$1" 2>/dev/null; }

# run NAME "C's flags" "S's flags": S, A and C once; leaves
# $TMP/NAME-{s,a,c}.* and crc, arc (exit statuses of C and A), c_cr, c_ms,
# s_cr, s_ms (client random and master secret of C's and S's key log)
run() {
    name=$1; cflags=$2; sflags=$3
    # both on port 0: the kernel picks a free port, and each says which
    # shellcheck disable=SC2086
    timeout 30 "$BUILD/bin/glass-server" --listen 127.0.0.1:0 --count 1 $sflags \
        --keylog "$TMP/$name-s.keys" >"$TMP/$name-s.log" 2>&1 &
    spid=$!; PIDS="$PIDS $spid"
    wait_for "$TMP/$name-s.log" "listening on" >/dev/null || bad "$name: glass-server did not start"
    sport=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/$name-s.log")
    timeout 30 "$MITM" triple --listen 127.0.0.1:0 --connect 127.0.0.1:$sport \
        --cert $A_CHAIN --key $A_KEY --server-ca $CERTS/demo-ca.pem >"$TMP/$name-a.log" 2>&1 &
    apid=$!; PIDS="$PIDS $apid"
    wait_for "$TMP/$name-a.log" "A listens on" >/dev/null || bad "$name: glass-mitm did not start"
    aport=$(sed -n 's|^A listens on 127.0.0.1:\([0-9]*\) for C|\1|p' "$TMP/$name-a.log")
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    timeout 30 "$BUILD/bin/glass-client" $cflags -v --keylog "$TMP/$name-c.keys" \
        --cafile $CERTS/root.pem https://127.0.0.1:$aport/ >"$TMP/$name-c.page" 2>"$TMP/$name-c.log"
    crc=$?
    wait $apid; arc=$?
    wait $spid 2>/dev/null
    t1=$(date +%s%N)
    echo "--- $name: C = glass-client $cflags, S = glass-server $sflags (both $BUILD/bin)"
    echo "--- $name: glass-mitm triple said:"; sed -n '/^A.s certificate/,$p' "$TMP/$name-a.log"
    echo "--- $name: C said: $(grep -v '^$' "$TMP/$name-c.log" | tail -1)"
    echo "--- $name: S said: $(grep -F '[c1]' "$TMP/$name-s.log" | tail -1)"
    echo "--- $name: run took $(( (t1 - t0) / 1000000 )) ms"
    set -- $(keylog "$TMP/$name-c.keys") x x; c_cr=$1; c_ms=$2
    set -- $(keylog "$TMP/$name-s.keys") x x; s_cr=$1; s_ms=$2
    echo "    C's key log: $c_cr $c_ms"
    echo "    S's key log: $s_cr $s_ms"
}

# completed NAME: what every run where A completes both handshakes shows
completed() {
    name=$1
    [ $crc = 0 ] && ok "$name: C fetched the page through A ($(wc -c < "$TMP/$name-c.page") bytes)" ||
        bad "$name: glass-client exit $crc"
    [ $arc = 0 ] && ok "$name: A completed both handshakes" || bad "$name: glass-mitm exit $arc"
    # C saw A's certificate, A saw S's: two different certificates
    grep -q "CN=127.0.0.1" "$TMP/$name-c.log" && ok "$name: C accepted A's certificate (CN=127.0.0.1)" ||
        bad "$name: C's -v line does not name A's certificate"
    grep -q "S's certificate: .*CN=localhost, SHA-256 $S_FP" "$TMP/$name-a.log" &&
        grep -q "C <-> A: certificate .*SHA-256 $A_FP" "$TMP/$name-a.log" &&
        ok "$name: the certificates differ: C <-> A carried A's (sha256 as openssl says), A <-> S S's" ||
        bad "$name: A's log does not show A's certificate to C and S's to A"
    if [ ${#c_cr} = 64 ] && [ "$c_cr" = "$s_cr" ]; then
        ok "$name: both key logs have the same client random"
    else
        bad "$name: client randoms in the key logs: '$c_cr' '$s_cr'"
    fi
}

# same_master NAME: C's and S's master secrets are one, the classic one
same_master() {
    name=$1
    if [ ${#c_ms} = 96 ] && [ "$c_ms" = "$s_ms" ]; then
        ok "$name: C's and S's master secrets are the SAME"
    else
        bad "$name: the master secrets differ or are missing: '$c_ms' '$s_ms'"
    fi
    # the classic master secret of RFC 5246 8.1, computed here independently
    # (the TLS 1.2 PRF with HMAC-SHA256, Python's hmac) from the premaster A
    # decrypted and the two randoms it copied: C's and S's are exactly it
    want=$(python3 - "$TMP/$name-a.log" <<'PY'
import hashlib, hmac, re, sys
log = open(sys.argv[1]).read()
cr = re.search(r"ClientHello: client random ([0-9a-f]{64})", log).group(1)
sr = re.search(r"ServerHello: server random ([0-9a-f]{64})", log).group(1)
pm = re.search(r"decrypts the premaster: ([0-9a-f]{96})", log).group(1)
def p_sha256(secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:n]
print(p_sha256(bytes.fromhex(pm), b"master secret" + bytes.fromhex(cr + sr), 48).hex())
PY
)
    [ -n "$want" ] && [ "$want" = "$c_ms" ] &&
        ok "$name: it is PRF(premaster, \"master secret\", C's client random + S's server random), computed by python" ||
        bad "$name: python's PRF over A's premaster and randoms gives '$want', not '$c_ms'"
    [ "$(grep -c "extended master secret no, master secret $c_ms" "$TMP/$name-a.log")" = 2 ] &&
        ok "$name: A holds that master secret on both connections, neither with EMS" ||
        bad "$name: A's two master secrets are not the key logs' one"
}

# (a) neither C nor S uses the extended master secret
run noems --no-ems --no-ems
completed noems
same_master noems

# (b) the defaults: both use it
run ems "" ""
completed ems
if [ ${#c_ms} = 96 ] && [ ${#s_ms} = 96 ] && [ "$c_ms" != "$s_ms" ]; then
    ok "ems: C's and S's master secrets DIFFER (the extended master secret)"
else
    bad "ems: master secrets '$c_ms' '$s_ms'"
fi
[ "$(grep -c "extended master secret yes" "$TMP/ems-a.log")" = 2 ] &&
    grep -q "master secrets: different" "$TMP/ems-a.log" &&
    ok "ems: both connections used the extended master secret, A says the master secrets differ" ||
    bad "ems: A's log does not show EMS on both connections"

# (c) only C goes without it: A offers S none either, and S, which accepts
#     a client without it (the default), is synchronised all the same
run cnoems --no-ems ""
completed cnoems
same_master cnoems

# (d) the same, S with --require-ems (RFC 7627 5.2: a server that does not
#     wish to interoperate with legacy clients SHOULD abort a handshake
#     without it): S refuses A, there is no shared session
run require --no-ems --require-ems
[ $crc != 0 ] && [ $arc != 0 ] && grep -q "A did not complete both handshakes" "$TMP/require-a.log" &&
    ok "require: S refused A's ClientHello without the extended master secret, A completed nothing" ||
    bad "require: glass-client exit $crc, glass-mitm exit $arc"
grep -q "A <-> S: the handshake failed.*alert received: handshake_failure" "$TMP/require-a.log" &&
    ok "require: S answered handshake_failure" || bad "require: S's answer not seen in A's log"
[ -z "$s_ms" ] || [ "$s_ms" = x ] && ok "require: S has no master secret (no key log line)" ||
    bad "require: S logged a master secret: $s_ms"
finish
