#!/bin/sh
# Generates the client-certificate fixtures of tests/certs/ (mutual TLS)
# with the openssl CLI, apart from make-certs.sh so that rerunning this one
# leaves every other fixture (and the golden transcripts made with them)
# as it is.
#
#   sh tests/certs/make-client-certs.sh        (from the repository root)
#
# Trust anchor for the good client certificates: client-ca.pem (a server
# started with --client-ca tests/certs/client-ca.pem; its subject is what
# the CertificateRequest names).  Valid 2026-01-01 .. 2046-01-01.
#   client.pem          CN=glass client, RSA 2048, EKU clientAuth
#   client3072.pem      CN=glass client 3072, RSA 3072, EKU clientAuth
#   client-otherca.pem  the client.key certificate from other-root.pem (wrong CA)
#   client-servereku.pem the client.key certificate with EKU serverAuth only
#   client-ec256.pem    CN=glass client ec256, EC P-256 (prime256v1), EKU clientAuth
#   client-ec384.pem    CN=glass client ec384, EC P-384 (secp384r1), EKU clientAuth
# (the EC ones come last, so adding them left the serials of the others as
# they were)
set -eu
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
START=260101000000Z
END=460101000000Z

key() {   # name bits
    [ -f "$1.key" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1.key" 2>/dev/null
}
key client-ca 2048
key client 2048
key client3072 3072
eckey() {   # name curve
    [ -f "$1.key" ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"$2" \
        -pkeyopt ec_param_enc:named_curve -out "$1.key" 2>/dev/null
}
eckey client-ec256 P-256
eckey client-ec384 P-384

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
[ ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ servereku ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT

# sign NAME SUBJECT-CN KEY ISSUER(cert base name, or "self") EXT
sign() {
    name=$1 cn=$2 k=$3 issuer=$4 ext=$5
    openssl req -new -key "$k.key" -subj "/O=glasstls tests/CN=$cn" -out "$WORK/$name.csr" 2>/dev/null
    if [ "$issuer" = self ]; then
        set -- -selfsign -keyfile "$k.key"
    else
        set -- -cert "$issuer.pem" -keyfile "$issuer.key"
    fi
    openssl ca -batch -config "$WORK/ca.cnf" -notext -preserveDN "$@" \
        -in "$WORK/$name.csr" -out "$name.pem" -md sha256 \
        -startdate "$START" -enddate "$END" -extfile "$WORK/ext.cnf" -extensions "$ext" \
        2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
}

sign client-ca        "Glass Test Client CA"  client-ca   self       ca
sign client           "glass client"          client      client-ca  client
sign client3072       "glass client 3072"     client3072  client-ca  client
sign client-otherca   "glass client"          client      other-root client
sign client-servereku "glass client"          client      client-ca  servereku
sign client-ec256     "glass client ec256"    client-ec256 client-ca client
sign client-ec384     "glass client ec384"    client-ec384 client-ca client
echo "client certificates written to $(pwd)"
