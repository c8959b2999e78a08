#!/bin/sh
# Lab 2, the server half (docs/labs/README.md): with the lab switch
# rsa-padding-oracle, the lab glass-server answers an RSA ClientKeyExchange
# whose block does not start with 00 02 with decrypt_error (51), and one
# that does (but holds no valid premaster) with bad_record_mac (20) at the
# client's Finished; the real glass-server answers both with bad_record_mac
# (RFC 5246 7.4.7.1): no oracle.  The ciphertexts are made with openssl from
# the demo key's public half: "bad" = raw 00 01 ... block, "good" = PKCS#1
# v1.5 of 20 bytes (00 02 but the wrong length for a premaster).
. tests/hs/interop_lib.sh
need openssl python3
KEY=$CERTS/leaf.key
openssl pkey -in $KEY -pubout -out "$TMP/pub.pem" 2>/dev/null
k=$(openssl pkey -in $KEY -noout -text 2>/dev/null | sed -n 's/.*(\([0-9]*\) bit.*/\1/p' | head -1)
k=$((k / 8))
{ printf '\000\001'; head -c $((k - 2)) /dev/zero | tr '\000' '\377'; } > "$TMP/bad.raw"
openssl pkeyutl -encrypt -pubin -inkey "$TMP/pub.pem" -pkeyopt rsa_padding_mode:none \
    -in "$TMP/bad.raw" -out "$TMP/bad.ct" || bad "openssl raw encryption"
head -c 20 /dev/urandom > "$TMP/m20"
openssl pkeyutl -encrypt -pubin -inkey "$TMP/pub.pem" -in "$TMP/m20" -out "$TMP/good.ct" ||
    bad "openssl PKCS#1 encryption"

cat > "$TMP/probe.py" <<'PY'
# one query: ClientHello(0x009C), ClientKeyExchange(file), CCS, junk
# Finished; prints the alert description the server sends (decimal)
import os, socket, struct, sys
def rec(t, b): return bytes([t, 3, 3]) + struct.pack(">H", len(b)) + b
def hs(t, b): return bytes([t]) + struct.pack(">I", len(b))[1:] + b
c = open(sys.argv[2], "rb").read()
ch = b"\x03\x03" + os.urandom(32) + b"\x00" + b"\x00\x02\x00\x9c" + b"\x01\x00"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 5)
s.settimeout(5)
s.sendall(rec(22, hs(1, ch)))
buf = b""
while b"\x0e\x00\x00\x00" not in buf:
    d = s.recv(65536)
    if not d: print("closed"); sys.exit(1)
    buf += d
s.sendall(rec(22, hs(16, struct.pack(">H", len(c)) + c)) + rec(20, b"\x01") + rec(22, os.urandom(40)))
a = b""
while len(a) < 7:
    d = s.recv(100)
    if not d: break
    a += d
print(a[6] if len(a) >= 7 and a[0] == 21 else "none")
PY

probe() {   # server-kind ciphertext expected
    got=$(timeout 10 python3 "$TMP/probe.py" $port "$TMP/$2.ct" 2>&1)
    [ "$got" = "$3" ] && ok "$1 server, $2 padding: alert $got" ||
        bad "$1 server, $2 padding: alert '$got', expected $3"
}
for srv in lab normal; do
    port=$(free_port)
    if [ $srv = lab ]; then prog="$BUILD/labs/glass-server --lab rsa-padding-oracle"
    else prog="$BUILD/bin/glass-server"; fi
    timeout 30 $prog --listen 127.0.0.1:$port --cert $CERTS/chain-localhost.pem --key $KEY \
        --suites 009C --count 2 >"$TMP/srv-$srv.log" 2>&1 &
    spid=$!; PIDS="$PIDS $spid"
    wait_for "$TMP/srv-$srv.log" "listening" || { bad "$srv server did not start"; continue; }
    if [ $srv = lab ]; then probe lab bad 51; probe lab good 20
    else probe normal bad 20; probe normal good 20; fi
    wait $spid 2>/dev/null
done
finish
