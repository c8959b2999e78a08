#!/bin/sh
# Generates the elliptic-curve fixtures of tests/certs/ with the openssl CLI
# (OpenSSL 3.0), the same way make-certs.sh makes the RSA ones (fixed
# -startdate/-enddate through `openssl ca`):
#
#   sh tests/certs/make-ec-certs.sh     (from the repository root)
#
# Both this script and its outputs are committed; rerunning it makes new
# keys and new files.  Valid 2026-01-01 .. 2046-01-01 like the others.
#
#   ec-root.pem      P-256 root, self-signed with ecdsa-with-SHA256
#   ec-int.pem       P-256 intermediate under it
#   ec256-leaf.pem   P-256 leaf "localhost" (digitalSignature) under ec-int
#                    chain-ec256.pem = leaf + ec-int; key ec256.key (SEC 1)
#   ec384-root.pem   P-384 root, ecdsa-with-SHA384
#   ec384-int.pem    P-384 intermediate; ec384-leaf.pem its P-384 leaf
#                    chain-ec384.pem = leaf + ec384-int; key ec384.key
#   rsa-under-ec.pem the RSA leaf key (leaf.key) certified by ec-int: an
#                    ECDSA chain over an RSA leaf; chain-rsa-under-ec.pem
#   (the reverse, an RSA root over an ECDSA leaf, is make-certs.sh's
#    ec-leaf.pem: ec.key under the RSA int.pem; chain-ec-leaf.pem)
#   ec-ku-agree.pem  P-256 leaf whose keyUsage is keyAgreement only: it
#                    cannot sign a ServerKeyExchange (chain-ec-ku-agree.pem)
#   demo-ec-server.pem  the demo server's ECDSA certificate (localhost,
#                    127.0.0.1, ::1), signed by demo-ca.pem like
#                    demo-server.pem; key demo-ec-server.key;
#                    chain-demo-ec-server.pem
#   key encodings:   ec256-pkcs8.key (PKCS#8 of ec256.key), ec384-pkcs8.key,
#                    ec256-nopub.key (SEC 1 without the publicKey field),
#                    ec-explicit.key (explicit curve parameters: refused),
#                    ec521.key (P-521: not supported)
set -eu
cd "$(dirname "$0")"
OUT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

START=260101000000Z
END=460101000000Z

eckey() {   # name curve: a SEC 1 "EC PRIVATE KEY" file
    [ -f "$1.key" ] || openssl ecparam -name "$2" -genkey -noout -out "$1.key"
}
eckey ec-root prime256v1
eckey ec-int prime256v1
eckey ec256 prime256v1
eckey ec384-root secp384r1
eckey ec384-int secp384r1
eckey ec384 secp384r1
eckey demo-ec-server prime256v1

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
CNF
mkdir -p "$WORK/new"
: > "$WORK/index.txt"
echo 2000 > "$WORK/serial"

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
[ ecleaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ rsaleaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ agree ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyAgreement
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ demo ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
EXT

# sign NAME SUBJECT-CN KEY ISSUER(cert base name, or "self") EXT MD
sign() {
    name=$1 cn=$2 k=$3 issuer=$4 ext=$5 md=$6
    openssl req -new -key "$k.key" -subj "/O=glasstls tests/CN=$cn" -out "$WORK/$name.csr" 2>/dev/null
    if [ "$issuer" = self ]; then
        set -- -selfsign -keyfile "$k.key"
    else
        set -- -cert "$issuer.pem" -keyfile "$issuer.key"
    fi
    openssl ca -batch -config "$WORK/ca.cnf" -notext -preserveDN "$@" \
        -in "$WORK/$name.csr" -out "$name.pem" -md "$md" \
        -startdate "$START" -enddate "$END" -extfile "$WORK/ext.cnf" -extensions "$ext" \
        2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
}

sign ec-root        "Glass Test EC Root CA"          ec-root        self       root   sha256
sign ec-int         "Glass Test EC Intermediate CA"  ec-int         ec-root    int    sha256
sign ec256-leaf     "localhost"                      ec256          ec-int     ecleaf sha256
sign ec384-root     "Glass Test P-384 Root CA"       ec384-root     self       root   sha384
sign ec384-int      "Glass Test P-384 Intermediate"  ec384-int      ec384-root int    sha384
sign ec384-leaf     "localhost"                      ec384          ec384-int  ecleaf sha384
sign rsa-under-ec   "localhost"                      leaf           ec-int     rsaleaf sha256
sign ec-ku-agree    "localhost"                      ec256          ec-int     agree  sha256
sign demo-ec-server "localhost"                      demo-ec-server demo-ca    demo   sha256

cat ec256-leaf.pem ec-int.pem > chain-ec256.pem
cat ec384-leaf.pem ec384-int.pem > chain-ec384.pem
cat rsa-under-ec.pem ec-int.pem > chain-rsa-under-ec.pem
cat ec-ku-agree.pem ec-int.pem > chain-ec-ku-agree.pem
cat demo-ec-server.pem demo-ca.pem > chain-demo-ec-server.pem

openssl pkcs8 -topk8 -nocrypt -in ec256.key -out ec256-pkcs8.key
openssl pkcs8 -topk8 -nocrypt -in ec384.key -out ec384-pkcs8.key
openssl ec -in ec256.key -no_public -out ec256-nopub.key 2>/dev/null
openssl ec -in ec256.key -param_enc explicit -out ec-explicit.key 2>/dev/null
[ -f ec521.key ] || openssl ecparam -name secp521r1 -genkey -noout -out ec521.key
echo "EC certificates written to $OUT"
