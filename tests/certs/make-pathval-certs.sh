#!/bin/sh
# Generates the path-validation fixtures of tests/certs/ (the pv-* files)
# with the openssl CLI (OpenSSL 3.0), the way make-certs.sh makes the
# others: `openssl ca` with fixed -startdate/-enddate, valid 2026-01-01 ..
# 2046-01-01, checked by the tests at 2030-01-01.  Every chain is under
# root.pem (make-certs.sh) unless said otherwise.
#
#   sh tests/certs/make-pathval-certs.sh     (from the repository root)
#
# Both this script and its outputs are committed; rerunning it makes new
# keys and new files.  What each file is for (RFC 5280 sections):
#
# name constraints (4.2.1.10, 6.1.3 (b)-(c), 6.1.4 (g)); leaves are
#   "pv-<ca>-<case>.pem", chains "chain-pv-<ca>-<case>.pem" (leaf, CA):
#   pv-nc-dns       permitted DNS:good.test, excluded DNS:bad.good.test, NOT
#                   critical (the CA/B Forum allows that since 2012);
#                   leaves in (www.good.test), out (www.evil.test),
#                   excl (x.bad.good.test), suffix (notgood.test: label-wise),
#                   wildin (*.www.good.test), wildexcl (*.good.test, which
#                   can stand for bad.good.test)
#   pv-nc-crit      the same constraints, critical; leaves in, out
#   pv-nc-ip        permitted IP 10.0.0.0/8 and fd00::/24, excluded
#                   10.9.0.0/16; leaves in (10.1.2.3), out (192.168.1.1),
#                   excl (10.9.1.1), in6 (fd00::1), out6 (fe80::1), dnsonly
#                   (DNS:anything.test: an IP constraint does not bind DNS)
#   pv-nc-dir       permitted dirName O=glasstls tests, OU=inside; leaves in,
#                   out (OU=outside), nosan (OU=outside, no subjectAltName);
#                   pv-dir-self: a self-issued intermediate (same name as
#                   pv-nc-dir, new key; outside the subtree, exempt by
#                   6.1.3 (b)) with leaf pv-dir-self-leaf (chain: leaf,
#                   pv-dir-self, pv-nc-dir); pv-dir-sub: an intermediate
#                   outside the subtree that is NOT self-issued, with a
#                   leaf inside (chain-pv-dir-sub.pem: refused at depth 1)
#   pv-nc-email     permitted email:good.test (rfc822Name, a form glasstls
#                   does not implement); leaves none (DNS only) and has
#                   (an email SAN)
#   pv-ncbad-empty  nameConstraints that is an empty SEQUENCE
#   pv-ncbad-dot    permitted DNS:.good.test (a leading period)
#   pv-ncbad-min    a subtree with minimum 1 (the profile: MUST be zero)
#   pv-nc-leaf      an end-entity (under int.pem) carrying nameConstraints
# path building (6.1, RFC 4158):
#   pv-cross-dead / pv-cross-good / pv-cross-expired: three certificates of
#                   one CA "PV Cross CA" (one key): issued by the untrusted
#                   other-root.pem, by root.pem, and by root.pem but
#                   expired; leaf pv-cross-leaf.  chain-pv-cross.pem sends
#                   dead first, chain-pv-cross-expired.pem expired first,
#                   chain-pv-cross-deadonly.pem only the dead end
#   pv-h<i>-by<j>   a hostile pile: four keys, all named "PV Hostile CA",
#                   each certified by each (16 certificates, all valid
#                   signatures), and a leaf under key 1: chain-pv-hostile.pem
# issuer-side rules (4.1.2.6, 4.2.1.1, 4.2.1.3, 4.2.1.6, 4.2.1.9):
#   pv-leaf-kcs     an end-entity with keyCertSign (chain-pv-leaf-kcs.pem)
#   pv-ca-empty     a CA with an empty subject (its subjectAltName critical),
#                   leaf pv-ca-empty-leaf
#   pv-aki-crit     a leaf whose authorityKeyIdentifier is critical
#   pv-san-noncrit  empty subject, subjectAltName not critical
#   pv-san-crit     empty subject, subjectAltName critical (valid)
# Web PKI rules (RFC 9525, CA/B Forum Baseline Requirements):
#   pv-v1-ca        a version 1 intermediate (leaf pv-v1-ca-leaf)
#   pv-v1-root      a version 1 self-signed root, trusted (leaf pv-v1-leaf)
#   pv-leaf-ca      an end-entity with basicConstraints cA=TRUE
#   pv-dns-underscore  DNS:my_host.test next to DNS:localhost
#   pv-wild-partial    DNS:w*.glass.test next to DNS:localhost
#   pv-wild-couk       DNS:*.co.uk (a public suffix)
set -eu
cd "$(dirname "$0")"
OUT=$(pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

START=260101000000Z
END=460101000000Z

key() {
    [ -f "$1.key" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
}
key pv-ca          # every constrained CA (one key is enough: names differ)
key pv-ca2         # the self-issued intermediate's new key
key pv-cross
for i in 1 2 3 4; do key pv-h$i; done

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
organizationName = optional
organizationalUnitName = optional
commonName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
CNF
mkdir -p "$WORK/new"
: > "$WORK/index.txt"
echo 3000 > "$WORK/serial"

cat > "$WORK/ext.cnf" <<'EXT'
[ ca_common ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ nc_dns ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = permitted;DNS:good.test, excluded;DNS:bad.good.test
[ nc_crit ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;DNS:good.test, excluded;DNS:bad.good.test
[ nc_ip ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;IP:10.0.0.0/255.0.0.0, permitted;IP:fd00:0:0:0:0:0:0:0/ffff:ff00:0:0:0:0:0:0, excluded;IP:10.9.0.0/255.255.0.0
[ nc_dir ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;dirName:dir_inside
[ dir_inside ]
O = glasstls tests
OU = inside
[ nc_email ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;email:good.test
[ ncbad_empty ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
2.5.29.30 = critical, DER:3000
[ ncbad_dot ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical, permitted;DNS:.good.test
[ ncbad_min ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# SEQUENCE { [0] { SEQUENCE { [2] "good.test", [0] INTEGER 1 } } }
2.5.29.30 = critical, DER:3012A010300E8209676F6F642E74657374800101
[ ca_emptysubj ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = critical, DNS:ca.good.test
[ leaf_nc ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
nameConstraints = permitted;DNS:localhost
[ leaf_kcs ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ leaf_akicrit ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = critical, keyid
subjectAltName = DNS:localhost
[ leaf_sannoncrit ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ leaf_sancrit ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = critical, DNS:localhost
[ leaf_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost
[ hostile ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT

# leaf extension sections, one per subjectAltName
leafext() {   # section SAN
    cat >> "$WORK/ext.cnf" <<L
[ $1 ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = $2
L
}
leafext san_localhost   "DNS:localhost"
leafext san_in          "DNS:www.good.test"
leafext san_out         "DNS:www.evil.test"
leafext san_excl        "DNS:x.bad.good.test"
leafext san_suffix      "DNS:notgood.test"
leafext san_wildin      "DNS:*.www.good.test"
leafext san_wildexcl    "DNS:*.good.test"
leafext san_ipin        "IP:10.1.2.3"
leafext san_ipout       "IP:192.168.1.1"
leafext san_ipexcl      "IP:10.9.1.1"
leafext san_ip6in       "IP:fd00:0:0:0:0:0:0:1"
leafext san_ip6out      "IP:fe80:0:0:0:0:0:0:1"
leafext san_dnsonly     "DNS:anything.test"
leafext san_email       "DNS:localhost, email:a@good.test"
leafext san_underscore  "DNS:my_host.test, DNS:localhost"
leafext san_partial     "DNS:w*.glass.test, DNS:localhost"
leafext san_couk        "DNS:*.co.uk"
cat >> "$WORK/ext.cnf" <<'L'
[ leaf_noaki ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
[ leaf_nosan ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
L

# sign NAME SUBJECT KEY ISSUER-CERT ISSUER-KEY EXT [START END]
# SUBJECT is an openssl -subj string ("/" for an empty name); EXT "-" makes
# a certificate without extensions: version 1.
sign() {
    name=$1 subj=$2 k=$3 icert=$4 ikey=$5 ext=$6
    s=${7:-$START} e=${8:-$END}
    openssl req -new -key "$k.key" -subj "$subj" -out "$WORK/$name.csr" 2>/dev/null
    if [ "$icert" = self ]; then
        set -- -selfsign -keyfile "$ikey.key"
    else
        set -- -cert "$icert.pem" -keyfile "$ikey.key"
    fi
    if [ "$ext" != - ]; then
        set -- "$@" -extfile "$WORK/ext.cnf" -extensions "$ext"
    fi
    openssl ca -batch -config "$WORK/ca.cnf" -notext -preserveDN "$@" \
        -in "$WORK/$name.csr" -out "$name.pem" -md sha256 \
        -startdate "$s" -enddate "$e" 2>"$WORK/err" ||
        { cat "$WORK/err" >&2; exit 1; }
}
O="/O=glasstls tests"

# ---- name constraints
sign pv-nc-dns   "$O/CN=PV DNS Constrained CA"     pv-ca root root nc_dns
sign pv-nc-crit  "$O/CN=PV DNS Constrained CA (critical)" pv-ca root root nc_crit
sign pv-nc-ip    "$O/CN=PV IP Constrained CA"      pv-ca root root nc_ip
sign pv-nc-dir   "$O/CN=PV Dir Constrained CA"     pv-ca root root nc_dir
sign pv-nc-email "$O/CN=PV Email Constrained CA"   pv-ca root root nc_email
sign pv-ncbad-empty "$O/CN=PV Empty NC CA"         pv-ca root root ncbad_empty
sign pv-ncbad-dot   "$O/CN=PV Leading Dot NC CA"   pv-ca root root ncbad_dot
sign pv-ncbad-min   "$O/CN=PV Minimum NC CA"       pv-ca root root ncbad_min

for c in in out excl suffix wildin wildexcl; do
    sign pv-dns-$c "$O/CN=pv dns $c" leaf pv-nc-dns pv-ca san_$c
    cat pv-dns-$c.pem pv-nc-dns.pem > chain-pv-dns-$c.pem
done
for c in in out; do
    sign pv-crit-$c "$O/CN=pv crit $c" leaf pv-nc-crit pv-ca san_$c
    cat pv-crit-$c.pem pv-nc-crit.pem > chain-pv-crit-$c.pem
done
for c in in out excl in6 out6 dnsonly; do
    case $c in in|out|excl) s=san_ip$c ;; in6) s=san_ip6in ;; out6) s=san_ip6out ;; *) s=san_$c ;; esac
    sign pv-ip-$c "$O/CN=pv ip $c" leaf pv-nc-ip pv-ca $s
    cat pv-ip-$c.pem pv-nc-ip.pem > chain-pv-ip-$c.pem
done
sign pv-dir-in    "$O/OU=inside/CN=localhost"  leaf pv-nc-dir pv-ca san_localhost
sign pv-dir-out   "$O/OU=outside/CN=localhost" leaf pv-nc-dir pv-ca san_localhost
sign pv-dir-nosan "$O/OU=outside/CN=localhost" leaf pv-nc-dir pv-ca leaf_nosan
for c in in out nosan; do cat pv-dir-$c.pem pv-nc-dir.pem > chain-pv-dir-$c.pem; done
# self-issued: the same name as pv-nc-dir, a new key (a key rollover)
sign pv-dir-self  "$O/CN=PV Dir Constrained CA" pv-ca2 pv-nc-dir pv-ca ca_common
sign pv-dir-self-leaf "$O/OU=inside/CN=localhost" leaf pv-dir-self pv-ca2 san_localhost
cat pv-dir-self-leaf.pem pv-dir-self.pem pv-nc-dir.pem > chain-pv-dir-self.pem
# not self-issued, outside the subtree
sign pv-dir-sub   "$O/CN=PV Dir Sub CA"   pv-ca2 pv-nc-dir pv-ca ca_common
sign pv-dir-sub-leaf "$O/OU=inside/CN=localhost" leaf pv-dir-sub pv-ca2 san_localhost
cat pv-dir-sub-leaf.pem pv-dir-sub.pem pv-nc-dir.pem > chain-pv-dir-sub.pem
sign pv-email-none "$O/CN=pv email none" leaf pv-nc-email pv-ca san_localhost
sign pv-email-has  "$O/CN=pv email has"  leaf pv-nc-email pv-ca san_email
for c in none has; do cat pv-email-$c.pem pv-nc-email.pem > chain-pv-email-$c.pem; done
for c in empty dot min; do
    sign pv-ncbad-$c-leaf "$O/CN=localhost" leaf pv-ncbad-$c pv-ca san_localhost
    cat pv-ncbad-$c-leaf.pem pv-ncbad-$c.pem > chain-pv-ncbad-$c.pem
done
sign pv-nc-leaf "$O/CN=localhost" leaf int int leaf_nc
cat pv-nc-leaf.pem int.pem > chain-pv-nc-leaf.pem

# ---- path building
sign pv-cross-good    "$O/CN=PV Cross CA" pv-cross root root ca_common
sign pv-cross-dead    "$O/CN=PV Cross CA" pv-cross other-root other-root ca_common
sign pv-cross-expired "$O/CN=PV Cross CA" pv-cross root root ca_common 190101000000Z 200101000000Z
sign pv-cross-leaf    "$O/CN=localhost"   leaf pv-cross-good pv-cross san_localhost
cat pv-cross-leaf.pem pv-cross-dead.pem pv-cross-good.pem > chain-pv-cross.pem
cat pv-cross-leaf.pem pv-cross-expired.pem pv-cross-good.pem > chain-pv-cross-expired.pem
cat pv-cross-leaf.pem pv-cross-dead.pem > chain-pv-cross-deadonly.pem
for j in 1 2 3 4; do
    sign pv-h$j-seed "$O/CN=PV Hostile CA" pv-h$j self pv-h$j hostile
done
for i in 1 2 3 4; do
    for j in 1 2 3 4; do
        sign pv-h$i-by$j "$O/CN=PV Hostile CA" pv-h$i pv-h$j-seed pv-h$j hostile
    done
done
sign pv-hostile-leaf "$O/CN=localhost" leaf pv-h1-seed pv-h1 san_localhost
cat pv-hostile-leaf.pem > chain-pv-hostile.pem
for i in 1 2 3 4; do for j in 1 2 3 4; do cat pv-h$i-by$j.pem >> chain-pv-hostile.pem; done; done
rm -f pv-h?-seed.pem         # the seeds only signed; the pile is the 16 above

# ---- issuer-side rules
sign pv-leaf-kcs    "$O/CN=localhost" leaf int int leaf_kcs
sign pv-ca-empty    "/"               pv-ca root root ca_emptysubj
sign pv-ca-empty-leaf "$O/CN=localhost" leaf pv-ca-empty pv-ca san_localhost
sign pv-aki-crit    "$O/CN=localhost" leaf int int leaf_akicrit
sign pv-san-noncrit "/"               leaf int int leaf_sannoncrit
sign pv-san-crit    "/"               leaf int int leaf_sancrit
cat pv-ca-empty-leaf.pem pv-ca-empty.pem > chain-pv-ca-empty.pem
for c in leaf-kcs aki-crit san-noncrit san-crit; do cat pv-$c.pem int.pem > chain-pv-$c.pem; done

# ---- Web PKI rules
sign pv-v1-ca       "$O/CN=PV Version 1 CA" pv-ca root root -
sign pv-v1-ca-leaf  "$O/CN=localhost" leaf pv-v1-ca pv-ca leaf_noaki
cat pv-v1-ca-leaf.pem pv-v1-ca.pem > chain-pv-v1-ca.pem
sign pv-v1-root     "$O/CN=PV Version 1 Root" pv-ca self pv-ca -
sign pv-v1-leaf     "$O/CN=localhost" leaf pv-v1-root pv-ca leaf_noaki
cp pv-v1-leaf.pem chain-pv-v1-leaf.pem
sign pv-leaf-ca        "$O/CN=localhost" leaf int int leaf_ca
sign pv-dns-underscore "$O/CN=localhost" leaf int int san_underscore
sign pv-wild-partial   "$O/CN=localhost" leaf int int san_partial
sign pv-wild-couk      "$O/CN=www.co.uk" leaf int int san_couk
for c in leaf-ca dns-underscore wild-partial wild-couk; do cat pv-$c.pem int.pem > chain-pv-$c.pem; done
echo "path-validation certificates written to $OUT"
