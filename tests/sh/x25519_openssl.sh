#!/bin/sh
# X25519 interop with the openssl CLI (RFC 7748 section 6.1), both ways:
#   1. OpenSSL's key pair against a glass-x25519 key pair: glass derives
#      with its private key and OpenSSL's public key, OpenSSL derives with
#      its private key and ours (openssl pkeyutl -derive): same secret.
#   2. Each side's private key handed to the other: OpenSSL must compute
#      our public key from our private key, we must compute OpenSSL's, and
#      the secret derived from either private key must be the same.
# Raw keys move to and from OpenSSL as DER with fixed prefixes
# (RFC 8410): PKCS#8 private key 302e020100300506032b656e04220420 + 32
# bytes, SubjectPublicKeyInfo 302a300506032b656e032100 + 32 bytes; the
# prefixes are checked against what openssl itself writes.
set -eu
BUILD=${BUILD:-build}
tool=$BUILD/bin/glass-x25519
ROUNDS=${ROUNDS:-4}
PRIV_PREFIX=302e020100300506032b656e04220420
PUB_PREFIX=302a300506032b656e032100

if ! command -v openssl >/dev/null 2>&1; then
    echo "SKIP: openssl not installed"
    exit 0
fi
[ -x "$tool" ] || { echo "FAIL: $tool not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

hexof() { od -An -v -tx1 "$1" | tr -d ' \n'; }
hex2bin() {   # hex string -> file (POSIX sh: bytes via octal escapes)
    h=$1; : >"$2"
    while [ -n "$h" ]; do
        b=${h%"${h#??}"}; h=${h#??}
        # shellcheck disable=SC2059
        printf "\\$(printf '%03o' $((0x$b)))" >>"$2"
    done
}
fail() { echo "FAIL: $*"; exit 1; }
same() { [ "$2" = "$3" ] || fail "$1: '$2' != '$3'"; echo "ok: $1"; }

for r in $(seq 1 "$ROUNDS"); do
    echo "-- round $r"
    # OpenSSL's key pair, as raw hex
    openssl genpkey -algorithm X25519 -outform DER -out "$tmp/a.der" 2>/dev/null
    openssl pkey -inform DER -in "$tmp/a.der" -pubout -outform DER -out "$tmp/a_pub.der"
    a_der=$(hexof "$tmp/a.der"); a_pub_der=$(hexof "$tmp/a_pub.der")
    same "openssl PKCS#8 prefix" "${a_der%????????????????????????????????????????????????????????????????}" "$PRIV_PREFIX"
    same "openssl SPKI prefix" "${a_pub_der%????????????????????????????????????????????????????????????????}" "$PUB_PREFIX"
    a_priv=${a_der#"$PRIV_PREFIX"}; a_pub=${a_pub_der#"$PUB_PREFIX"}

    # our key pair
    out=$("$tool" keygen)
    b_priv=$(echo "$out" | sed -n 1p); b_pub=$(echo "$out" | sed -n 2p)
    [ ${#b_priv} = 64 ] && [ ${#b_pub} = 64 ] || fail "glass-x25519 keygen output: $out"
    hex2bin "$PUB_PREFIX$b_pub" "$tmp/b_pub.der"
    hex2bin "$PRIV_PREFIX$b_priv" "$tmp/b.der"

    # 1. each side with its own private key and the other's public key
    s_glass=$("$tool" derive "$b_priv" "$a_pub")
    openssl pkeyutl -derive -inkey "$tmp/a.der" -keyform DER \
        -peerkey "$tmp/b_pub.der" -peerform DER -out "$tmp/s1.bin"
    same "glass(b, A) = openssl(a, B)" "$s_glass" "$(hexof "$tmp/s1.bin")"

    # 2. private keys swapped over: public keys and secrets still agree
    same "glass public(a) = openssl public(a)" "$("$tool" public "$a_priv")" "$a_pub"
    openssl pkey -inform DER -in "$tmp/b.der" -pubout -outform DER -out "$tmp/b_pub2.der"
    same "openssl public(b) = glass public(b)" "$(hexof "$tmp/b_pub2.der")" "$PUB_PREFIX$b_pub"
    same "glass(a, B) = glass(b, A)" "$("$tool" derive "$a_priv" "$b_pub")" "$s_glass"
    openssl pkeyutl -derive -inkey "$tmp/b.der" -keyform DER \
        -peerkey "$tmp/a_pub.der" -peerform DER -out "$tmp/s2.bin"
    same "openssl(b, A) = glass(b, A)" "$(hexof "$tmp/s2.bin")" "$s_glass"
done

# A low-order peer key (u = 1) gives the all-zero secret: both refuse it.
one=0100000000000000000000000000000000000000000000000000000000000000
hex2bin "$PUB_PREFIX$one" "$tmp/one.der"
if openssl pkeyutl -derive -inkey "$tmp/a.der" -keyform DER \
        -peerkey "$tmp/one.der" -peerform DER -out "$tmp/s3.bin" 2>/dev/null; then
    fail "openssl accepted the low-order point u = 1"
fi
set +e
"$tool" derive "$a_priv" "$one" >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ $rc = 1 ] || fail "glass-x25519 derive with u = 1 exited $rc, want 1"
grep -q "all zeros" "$tmp/err" || fail "glass-x25519: unexpected message: $(cat "$tmp/err")"
echo "ok: low-order point refused by both"
echo "x25519_openssl: $ROUNDS rounds passed"
