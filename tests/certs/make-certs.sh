#!/bin/sh
# Generates the certificate fixtures of tests/certs/ with the openssl CLI
# (OpenSSL 3.0; `openssl ca` is used because it accepts fixed -startdate and
# -enddate, so the files do not depend on the day they were made).
#
#   sh tests/certs/make-certs.sh        (from the repository root)
#
# Both this script and its outputs are committed; rerunning it makes new keys
# and therefore new files.  Good certificates are valid 2026-01-01 .. 2046-01-01.
# Tests check them at a fixed time, 2030-01-01T00:00:00Z.
#
# Trust anchor for every fixture: root.pem (except demo-*: demo-ca.pem).
# Chains (leaf first) are in chain-*.pem; each file is what a server sends.
# The wildcard leaf's CN (wildcard-cn.example) is deliberately not in its
# subjectAltName: a CN must be ignored when a subjectAltName is present.
# ipcn has CN=127.0.0.1 and no subjectAltName: IP literals never match a CN.
# ku-sign allows only digitalSignature (ECDHE_RSA suites), ku-encipher only
# keyEncipherment (RSA key exchange).
set -eu
cd "$(dirname "$0")"
OUT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

START=260101000000Z          # 2026-01-01 00:00:00 UTC
END=460101000000Z            # 2046-01-01 00:00:00 UTC

# ---- keys: one per role; leaves share one key where it does not matter
key() {   # name bits
    [ -f "$1.key" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1.key" 2>/dev/null
}
key root 2048
key int 2048
key other-root 2048
key leaf 2048
key weak1024 1024
key demo-ca 2048
key demo-server 2048

# ---- a minimal `openssl ca` configuration; extensions come from -extfile
cat > "$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = glass
[ glass ]
dir = $WORK
database = $WORK/index.txt
new_certs_dir = $WORK/new
serial = $WORK/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
CNF
mkdir -p "$WORK/new"
: > "$WORK/index.txt"
echo 1000 > "$WORK/serial"

# ---- extension sections
cat > "$WORK/ext.cnf" <<'EXT'
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ int ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ int_nolen ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ int_noca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ int_nokcs ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf_common ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ localhost ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ ipv4 ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = IP:127.0.0.1
[ ipv6 ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = IP:::1
[ wildcard ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:*.glass.test, DNS:glass.test
[ cnonly ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
[ wronghost ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:other.example, DNS:*.localhost
[ critical ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:glasstls unknown critical extension
[ clientauth ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ ku_sign ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ ku_encipher ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ demo ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
EXT

# sign NAME SUBJECT-CN KEY ISSUER(cert base name, or "self") EXT [START END MD]
sign() {
    name=$1 cn=$2 k=$3 issuer=$4 ext=$5
    s=${6:-$START} e=${7:-$END} md=${8:-sha256}
    openssl req -new -key "$k.key" -subj "/O=glasstls tests/CN=$cn" -out "$WORK/$name.csr" 2>/dev/null
    if [ "$issuer" = self ]; then
        set -- -selfsign -keyfile "$k.key"
    else
        set -- -cert "$issuer.pem" -keyfile "$issuer.key"
    fi
    openssl ca -batch -config "$WORK/ca.cnf" -notext -preserveDN "$@" \
        -in "$WORK/$name.csr" -out "$name.pem" -md "$md" \
        -startdate "$s" -enddate "$e" -extfile "$WORK/ext.cnf" -extensions "$ext" 2>"$WORK/err" ||
        { cat "$WORK/err" >&2; exit 1; }
}
# The issuing CA certificate's key must be named after it for sign(): link it.
cp int.key int-nolen.key 2>/dev/null || true

# ---- good hierarchy
sign root        "Glass Test Root CA"          root       self   root
sign int         "Glass Test Intermediate CA"  int        root   int
sign localhost   "localhost"                   leaf       int    localhost
sign ipv4        "127.0.0.1"                   leaf       int    ipv4
sign ipv6        "::1"                         leaf       int    ipv6
sign wildcard    "wildcard-cn.example"                leaf       int    wildcard
sign cnonly      "cn-only.glass.test"          leaf       int    cnonly
sign ipcn        "127.0.0.1"                   leaf       int    cnonly
# an EC key (not supported by glasstls) under the RSA intermediate
[ -f ec.key ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key 2>/dev/null
sign ec-leaf     "localhost"                   ec         int    localhost

# ---- one broken certificate per reason
sign expired     "localhost"                   leaf       int    localhost 190101000000Z 200101000000Z
sign notyet      "localhost"                   leaf       int    localhost 400101000000Z $END
sign wronghost   "other.example"               leaf       int    wronghost
sign other-root  "Glass Unknown Root CA"       other-root self   root
sign unknownca   "localhost"                   leaf       other-root localhost
sign critical    "localhost"                   leaf       int    critical
sign clientauth  "localhost"                   leaf       int    clientauth
sign sha1        "localhost"                   leaf       int    localhost $START $END sha1
sign weak1024    "localhost"                   weak1024   int    localhost
# intermediate with cA=FALSE, and a leaf under it
cp int.key int-noca.key
sign int-noca    "Glass Intermediate without cA" int      root   int_noca
sign noca-leaf   "localhost"                   leaf       int-noca localhost
# intermediate without keyCertSign, and a leaf under it
cp int.key int-nokcs.key
sign int-nokcs   "Glass Intermediate without keyCertSign" int root int_nokcs
sign nokcs-leaf  "localhost"                   leaf       int-nokcs localhost
# pathLen exceeded: root -> int (pathlen:0) -> int2 -> leaf
cp int.key int2.key
sign int2        "Glass Second-level Intermediate CA" int2 int   int_nolen
sign pathlen-leaf "localhost"                  leaf       int2   localhost
# bad signature: the good localhost leaf with the last signature byte flipped
openssl x509 -in localhost.pem -outform DER -out "$WORK/l.der"
size=$(wc -c < "$WORK/l.der")
head -c $((size - 1)) "$WORK/l.der" > "$WORK/bad.der"
last=$(tail -c 1 "$WORK/l.der" | od -An -tu1 | tr -d ' ')
printf "\\$(printf %o $((last ^ 1)))" >> "$WORK/bad.der"
openssl x509 -inform DER -in "$WORK/bad.der" -out badsig.pem

# ---- demo server for examples/ (its own CA)
sign demo-ca     "glasstls demo CA"            demo-ca    self   root
sign demo-server "localhost"                   demo-server demo-ca demo

# ---- keyUsage with one bit: good for one kind of suite only (signed last,
# so the serial numbers of the files above stay what they were)
sign ku-sign     "localhost"                   leaf       int    ku_sign
sign ku-encipher "localhost"                   leaf       int    ku_encipher

# ---- chains (leaf first, as a server sends them)
for l in localhost ipv4 ipv6 wildcard cnonly ipcn ec-leaf expired notyet wronghost critical \
         clientauth sha1 weak1024 badsig ku-sign ku-encipher; do
    cat "$l.pem" int.pem > "chain-$l.pem"
done
cp unknownca.pem chain-unknownca.pem
cat noca-leaf.pem int-noca.pem > chain-noca.pem
cat nokcs-leaf.pem int-nokcs.pem > chain-nokcs.pem
cat pathlen-leaf.pem int2.pem int.pem > chain-pathlen.pem
cat demo-server.pem demo-ca.pem > chain-demo-server.pem

# ---- private-key encodings for the key loader tests
openssl rsa -in leaf.key -traditional -out leaf-pkcs1.key 2>/dev/null
openssl pkcs8 -topk8 -in leaf.key -v2 aes-256-cbc -passout pass:glass -out leaf-encrypted.key
openssl rsa -in leaf.key -traditional -aes256 -passout pass:glass -out leaf-pkcs1-encrypted.key 2>/dev/null
openssl x509 -in localhost.pem -outform DER -out localhost.der
rm -f int-nolen.key int-noca.key int-nokcs.key int2.key
echo "certificates written to $OUT"
