#!/bin/sh
# x509_der.sh — `glass-x509 show --der` walks the TLVs of a certificate
# exactly as `openssl asn1parse -i` does (same offsets, depths, header
# lengths, lengths and tags: tests/tools/asn1_compare.py), for the demo
# certificates, every certificate of a chain, a DER file and an EC one; it
# names the RFC 5280 fields; and malformed DER (cut short, indefinite or
# non-minimal lengths, too deep) is refused with the byte where it breaks.
set -u
. tests/hs/interop_lib.sh
. tests/web/web_lib.sh
need openssl python3
X=$BUILD/bin/glass-x509

# same MINE REF: the two walks agree; section OUT N: certificate N of glass-x509's output
same() { python3 tests/tools/asn1_compare.py "$1" "$2" >/dev/null; }
section() { awk -v n="$2" '/^Certificate [0-9]+:/ { c = ($2 == n ":") } c' "$1"; }

for f in demo-server.pem demo-ca.pem chain-localhost.pem chain-demo-server.pem ec-leaf.pem root.pem; do
    [ -f "$CERTS/$f" ] || { bad "$f is missing"; continue; }
    "$X" show --der "$CERTS/$f" > "$TMP/walk"
    check "$f: show --der exits 0" [ $? = 0 ]
    awk -v dir="$TMP" '/-----BEGIN CERTIFICATE-----/ { n++; out = dir "/part" n ".pem" }
                       out { print > out } /-----END CERTIFICATE-----/ { close(out); out = "" }' "$CERTS/$f"
    n=1
    while [ -f "$TMP/part$n.pem" ]; do
        openssl asn1parse -i -in "$TMP/part$n.pem" > "$TMP/ref" 2>&1
        section "$TMP/walk" $n > "$TMP/mine"
        check "$f certificate $n: the same TLVs as openssl asn1parse -i ($(python3 tests/tools/asn1_compare.py "$TMP/mine" "$TMP/ref" 2>&1 | tail -1))" \
            same "$TMP/mine" "$TMP/ref"
        rm -f "$TMP/part$n.pem"
        n=$((n + 1))
    done
done

# a DER file
openssl x509 -in "$CERTS/demo-server.pem" -outform DER -out "$TMP/c.der"
"$X" show --der "$TMP/c.der" > "$TMP/walk"
openssl asn1parse -i -inform DER -in "$TMP/c.der" > "$TMP/ref"
check "a DER file: the same TLVs as openssl" same "$TMP/walk" "$TMP/ref"
check "the fields are named" sh -c "
    grep -Eq '^ +4:d=1 .*SEQUENCE +tbsCertificate\$' '$TMP/walk' &&
    grep -Eq 'INTEGER +serialNumber: ' '$TMP/walk' &&
    grep -Eq 'OBJECT IDENTIFIER +algorithm: sha256WithRSAEncryption \(1\.2\.840\.113549\.1\.1\.11\)' '$TMP/walk' &&
    grep -Eq 'UTCTime +notAfter: \"' '$TMP/walk' &&
    grep -Eq 'OBJECT IDENTIFIER +extnID: subjectAltName \(2\.5\.29\.17\)' '$TMP/walk' &&
    grep -Eq 'BIT STRING +signatureValue: 0 unused bits, 256 bytes' '$TMP/walk'"

# malformed: each refused, exit 1, with the offset where it breaks
python3 - "$TMP" "$TMP/c.der" <<'PY'
import sys
d, cert = sys.argv[1], open(sys.argv[2], 'rb').read()
deep = b''
for _ in range(40):
    deep = b'\x30' + bytes([len(deep)]) + deep if len(deep) < 128 else b'\x30\x81' + bytes([len(deep)]) + deep
cases = {
    'cut': cert[:500],                              # the outer SEQUENCE runs past the end
    'indefinite': b'\x30\x80\x02\x01\x01\x00\x00',  # BER, not DER
    'longform': b'\x30\x81\x03\x02\x01\x05',        # 3 in the long form
    'leadingzero': b'\x30\x82\x00\x03\x02\x01\x05',
    'inner': b'\x30\x05\x02\x09\x01\x02\x03',       # an INTEGER longer than its SEQUENCE
    'deep': deep,
}
for k, v in cases.items():
    open('%s/%s.der' % (d, k), 'wb').write(v)
PY
for c in cut:0 indefinite:1 longform:1 leadingzero:2 inner:2 deep:64; do
    name=${c%%:*}; at=${c#*:}
    "$X" show --der "$TMP/$name.der" > "$TMP/out" 2>&1
    rc=$?
    if [ "$name" = deep ]; then
        check "$name: refused ($(grep malformed "$TMP/out"))" sh -c "[ $rc = 1 ] && grep -q 'malformed DER at byte [0-9]*: more than 32 levels' '$TMP/out'"
    else
        check "$name: refused at byte $at ($(grep malformed "$TMP/out"))" sh -c "[ $rc = 1 ] && grep -q 'malformed DER at byte $at: ' '$TMP/out'"
    fi
done
finish
