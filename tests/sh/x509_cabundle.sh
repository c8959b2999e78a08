#!/bin/sh
# `glass-x509 show` over Debian's CA bundle: every certificate must parse,
# every RSA root's self-signature must verify (SHA-1 roots included: show
# checks them for display, validation never accepts SHA-1), every EC root
# (P-256, P-384) must parse with a valid point and its ECDSA self-signature
# verify, and the rest are counted as unsupported.  The certificate count
# and the EC count are cross-checked with `openssl`.
set -u
BUILD=${BUILD:-build}
G=$BUILD/bin/glass-x509
BUNDLE=${GLASS_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
if [ ! -f "$BUNDLE" ] && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ca-certificates >/dev/null 2>&1
fi
[ -f "$BUNDLE" ] || { echo "SKIP: $BUNDLE not found (install ca-certificates)"; exit 0; }
out=$("$G" show "$BUNDLE"); rc=$?
summary=$(echo "$out" | grep '^Summary:')
echo "$summary"
certs=$(echo "$summary" | sed 's/^Summary: \([0-9]*\) certificates.*/\1/')
rsa=$(echo "$summary" | sed 's/.* \([0-9]*\) RSA .*/\1/')
ok=$(echo "$summary" | sed 's/.* RSA (self-signed: \([0-9]*\) verify.*/\1/')
bad=$(echo "$summary" | sed 's/.*, \([0-9]*\) malformed.*/\1/')
fails=$(echo "$summary" | sed 's/.* \([0-9]*\) fail,.*/\1/')
unsup=$(echo "$summary" | sed 's/.*; \([0-9]*\) unsupported key type.*/\1/')
ec=$(echo "$summary" | sed 's/.*; \([0-9]*\) EC (self-signed.*/\1/')
ec_ok=$(echo "$summary" | sed 's/.* EC (self-signed: \([0-9]*\) verify.*/\1/')
ec_fail=$(echo "$summary" | sed 's/.* EC (self-signed: [0-9]* verify, \([0-9]*\) fail).*/\1/')
status=0
want=$(grep -c 'BEGIN CERTIFICATE' "$BUNDLE")
if command -v openssl >/dev/null; then
    want=$(openssl storeutl -certs "$BUNDLE" 2>/dev/null | grep -c '^[0-9]*: Certificate$')
fi
[ "$certs" = "$want" ] || { echo "FAIL: parsed $certs certificates, the bundle has $want"; status=1; }
[ "$bad" = 0 ] || { echo "FAIL: $bad malformed"; echo "$out" | grep -B1 -A1 'malformed\|GLASS_E'; status=1; }
[ "$fails" = 0 ] || { echo "FAIL: $fails self-signatures do not verify"; status=1; }
[ "$ok" = "$rsa" ] || { echo "FAIL: $rsa RSA roots but $ok verified self-signatures"; status=1; }
[ "$ec_fail" = 0 ] || { echo "FAIL: $ec_fail EC self-signatures do not verify"; status=1; }
[ "$ec_ok" = "$ec" ] || { echo "FAIL: $ec EC roots but $ec_ok verified self-signatures"; status=1; }
[ $((rsa + ec + unsup)) = "$certs" ] || { echo "FAIL: RSA + EC + unsupported != total"; status=1; }
# the EC roots by openssl's count (P-256 and P-384: the only curves in the bundle)
if command -v openssl >/dev/null; then
    tmpc=$(mktemp -d)
    awk -v d="$tmpc" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (d "/" sprintf("%04d", n) ".pem") }' "$BUNDLE"
    want_ec=0
    for f in "$tmpc"/*.pem; do
        openssl x509 -in "$f" -noout -text 2>/dev/null |
            grep -q 'NIST CURVE: P-\(256\|384\)' && want_ec=$((want_ec + 1))
    done
    rm -rf "$tmpc"
    [ "$ec" = "$want_ec" ] || { echo "FAIL: $ec EC roots parsed, openssl counts $want_ec"; status=1; }
fi
[ $rc = 0 ] || { echo "FAIL: glass-x509 show exited $rc"; status=1; }
# every subject printed as openssl prints it in RFC 2253 escaping
# (-nameopt sep_comma_plus_space,sname,utf8,esc_2253), in bundle order
if command -v openssl >/dev/null; then
    tmp=$(mktemp -d)
    awk -v d="$tmp" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (d "/" sprintf("%04d", n) ".pem") }' "$BUNDLE"
    for f in "$tmp"/*.pem; do
        openssl x509 -in "$f" -noout -subject -nameopt sep_comma_plus_space,sname,utf8,esc_2253
    done | sed 's/^subject=//' > "$tmp/openssl.txt"
    echo "$out" | sed -n 's/^  Subject: *//p' > "$tmp/glass.txt"
    if cmp -s "$tmp/openssl.txt" "$tmp/glass.txt"; then
        echo "ok: all $(wc -l < "$tmp/glass.txt") subjects print as openssl prints them"
    else
        echo "FAIL: subjects differ from openssl's:"; diff "$tmp/openssl.txt" "$tmp/glass.txt" | head -n 20
        status=1
    fi
    rm -rf "$tmp"
fi
[ $status = 0 ] && echo "ok: $certs certificates parsed, $rsa RSA and $ec EC (ECDSA) self-signatures verify, $unsup roots of other key types reported unsupported"
exit $status
