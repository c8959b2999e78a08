#!/bin/sh
# glass-x509 verify vs. `openssl verify -x509_strict` on every fixture of
# tests/certs/, at the same fixed time (-attime) and for the same host
# (-verify_hostname / -verify_ip).  Each row names the result expected from
# both tools; they must agree on accept/refuse and on the reason (openssl
# error number).  Rows marked POLICY are deliberate differences: glasstls
# refuses what OpenSSL's default security level 1 accepts; for those the
# script also checks that OpenSSL refuses them too at -auth_level 2.
# Rows whose note starts with "RFC" are deliberate disagreements with
# `openssl verify -x509_strict` itself: the note gives the rule and its
# section, and the row passes only when each tool gives its listed answer.
set -u
BUILD=${BUILD:-build}
G=$BUILD/bin/glass-x509
C=tests/certs
T=2030-01-01T00:00:00Z
TS=1893456000            # date -u -d 2030-01-01 +%s
command -v openssl >/dev/null || { echo "SKIP: openssl not installed"; exit 0; }
[ -x "$G" ] || { echo "glass-x509 not built ($G)"; exit 1; }

fail=0; n=0
# chain | trust | host | glasstls result | openssl error number (0 = OK) | note
while IFS='|' read -r chain ca host want oerr note; do
    [ -z "$chain" ] && continue
    case "$chain" in \#*) continue ;; esac
    n=$((n + 1))
    case "$host" in
        *:*|[0-9]*.[0-9]*.[0-9]*.[0-9]*) hopt="-verify_ip $host" ;;
        *) hopt="-verify_hostname $host" ;;
    esac
    gout=$("$G" verify --ca "$C/$ca" --host "$host" --time "$T" "$C/$chain" 2>&1)
    gres=$(echo "$gout" | awk '{ if ($1 == "OK") print "OK"; else print $2 }' | tr -d ':')
    # a certificate the parser refuses: "glass-x509: FILE: reason (GLASS_E_...)"
    case "$gout" in glass-x509:*'(GLASS_E_'*) gres=$(echo "$gout" | sed -n 's/.*(\(GLASS_E_[A-Z0-9_]*\))$/\1/p' | head -n 1) ;; esac
    oout=$(openssl verify -x509_strict -purpose sslserver -attime $TS $hopt \
           -CAfile "$C/$ca" -untrusted "$C/$chain" "$C/$chain" 2>&1)
    ores=$(echo "$oout" | sed -n 's/^error \([0-9]*\) at .*/\1/p' | head -n 1)
    [ -z "$ores" ] && echo "$oout" | grep -q ': OK$' && ores=0
    status=ok
    [ "$gres" = "$want" ] || status="glass-x509 gave $gres"
    [ "$ores" = "$oerr" ] || status="$status; openssl gave error ${ores:-?}"
    if [ "$note" = POLICY ]; then
        o2=$(openssl verify -x509_strict -auth_level 2 -purpose sslserver -attime $TS $hopt \
             -CAfile "$C/$ca" -untrusted "$C/$chain" "$C/$chain" 2>&1)
        if echo "$o2" | grep -q ': OK$'; then status="$status; openssl -auth_level 2 accepts"; fi
        agree="POLICY: openssl (level 1) accepts, glasstls refuses; openssl -auth_level 2 refuses too"
    elif [ "${note#RFC}" != "$note" ]; then
        agree="DELIBERATE: $note"
    elif [ "$want" = OK ] && [ "$oerr" = 0 ]; then
        agree="both accept"
    elif [ "$want" != OK ] && [ "$oerr" != 0 ]; then
        agree="both refuse"
    else
        agree="DISAGREE"; status="table disagrees without POLICY"
    fi
    if [ "$status" = ok ]; then
        printf 'ok   %-22s %-22s %-30s openssl %-3s %s\n' "$chain" "$host" "$want" "$oerr" "$agree"
    else
        printf 'FAIL %-22s %-22s %s\n      %s\n      %s\n' "$chain" "$host" "$status" "$gout" "$oout"
        fail=$((fail + 1))
    fi
done <<'TABLE'
# good chains
chain-localhost.pem|root.pem|localhost|OK|0|
chain-ipv4.pem|root.pem|127.0.0.1|OK|0|
chain-ipv6.pem|root.pem|::1|OK|0|
chain-wildcard.pem|root.pem|www.glass.test|OK|0|
chain-wildcard.pem|root.pem|glass.test|OK|0|
# RFC 9525 6.3: a client no longer falls back to the subject CN (openssl does)
chain-cnonly.pem|root.pem|cn-only.glass.test|GLASS_E_CERT_HOSTNAME|0|RFC 9525 6.3: no CN fallback (glass-x509 --legacy-cn-fallback accepts it)
chain-demo-server.pem|demo-ca.pem|localhost|OK|0|
chain-demo-server.pem|demo-ca.pem|127.0.0.1|OK|0|
chain-demo-server.pem|demo-ca.pem|::1|OK|0|
# elliptic curves: P-256 and P-384 chains, an RSA CA over an EC leaf, an
# EC CA over an RSA leaf (tests/certs/make-ec-certs.sh)
chain-ec256.pem|ec-root.pem|localhost|OK|0|
chain-ec384.pem|ec384-root.pem|localhost|OK|0|
chain-ec-leaf.pem|root.pem|localhost|OK|0|
chain-rsa-under-ec.pem|ec-root.pem|localhost|OK|0|
chain-demo-ec-server.pem|demo-ca.pem|localhost|OK|0|
chain-ec256.pem|ec384-root.pem|localhost|GLASS_E_CERT_UNKNOWN_ISSUER|20|
# one keyUsage bit: a valid chain (the suite decides at the handshake)
chain-ku-sign.pem|root.pem|localhost|OK|0|
chain-ku-encipher.pem|root.pem|localhost|OK|0|
# one broken certificate per reason (openssl: X509_V_ERR_* numbers;
# 19 = "self-signed certificate in certificate chain", its unknown-root case)
chain-expired.pem|root.pem|localhost|GLASS_E_CERT_EXPIRED|10|
chain-notyet.pem|root.pem|localhost|GLASS_E_CERT_NOT_YET_VALID|9|
chain-wronghost.pem|root.pem|localhost|GLASS_E_CERT_HOSTNAME|62|
chain-unknownca.pem|root.pem|localhost|GLASS_E_CERT_UNKNOWN_ISSUER|20|
chain-badsig.pem|root.pem|localhost|GLASS_E_CERT_BAD_SIGNATURE|7|
chain-noca.pem|root.pem|localhost|GLASS_E_CERT_NOT_CA|79|
chain-pathlen.pem|root.pem|localhost|GLASS_E_CERT_PATH_TOO_LONG|25|
chain-nokcs.pem|root.pem|localhost|GLASS_E_CERT_KEY_USAGE|79|
chain-critical.pem|root.pem|localhost|GLASS_E_CERT_UNKNOWN_CRITICAL|34|
chain-clientauth.pem|root.pem|localhost|GLASS_E_CERT_EXT_KEY_USAGE|26|
chain-sha1.pem|root.pem|localhost|GLASS_E_CERT_SHA1|0|POLICY
chain-weak1024.pem|root.pem|localhost|GLASS_E_CERT_WEAK_KEY|0|POLICY
# host-name rules
chain-wildcard.pem|root.pem|a.b.glass.test|GLASS_E_CERT_HOSTNAME|62|
chain-wildcard.pem|root.pem|wildcard-cn.example|GLASS_E_CERT_HOSTNAME|62|
chain-wronghost.pem|root.pem|x.localhost|GLASS_E_CERT_WILDCARD|62|
chain-ipv4.pem|root.pem|127.0.0.2|GLASS_E_CERT_HOSTNAME|64|
chain-ipcn.pem|root.pem|127.0.0.1|GLASS_E_CERT_HOSTNAME|64|
chain-localhost.pem|root.pem|127.0.0.1|GLASS_E_CERT_HOSTNAME|64|
chain-ipv6.pem|root.pem|::2|GLASS_E_CERT_HOSTNAME|64|
chain-demo-server.pem|root.pem|localhost|GLASS_E_CERT_UNKNOWN_ISSUER|19|
# ---- RFC 5280 section 6 path validation (tests/certs/make-pathval-certs.sh)
# name constraints, non-critical (pv-nc-dns) and critical (pv-nc-crit)
chain-pv-dns-in.pem|root.pem|www.good.test|OK|0|
chain-pv-dns-out.pem|root.pem|www.evil.test|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-dns-excl.pem|root.pem|x.bad.good.test|GLASS_E_CERT_NC_EXCLUDED|48|
chain-pv-dns-suffix.pem|root.pem|notgood.test|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-dns-wildin.pem|root.pem|a.www.good.test|OK|0|
chain-pv-dns-wildexcl.pem|root.pem|a.good.test|GLASS_E_CERT_NC_EXCLUDED|0|RFC 5280 4.2.1.10 with RFC 9525 6.3: "*.good.test" is checked as the names it can match, one of which (bad.good.test) is excluded; openssl compares the pattern as a literal name
chain-pv-crit-in.pem|root.pem|www.good.test|OK|0|
chain-pv-crit-out.pem|root.pem|www.evil.test|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-ip-in.pem|root.pem|10.1.2.3|OK|0|
chain-pv-ip-out.pem|root.pem|192.168.1.1|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-ip-excl.pem|root.pem|10.9.1.1|GLASS_E_CERT_NC_EXCLUDED|48|
chain-pv-ip-in6.pem|root.pem|fd00::1|OK|0|
chain-pv-ip-out6.pem|root.pem|fe80::1|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-ip-dnsonly.pem|root.pem|anything.test|OK|0|
chain-pv-dir-in.pem|root.pem|localhost|OK|0|
chain-pv-dir-out.pem|root.pem|localhost|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-dir-nosan.pem|root.pem|localhost|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-dir-self.pem|root.pem|localhost|OK|0|
chain-pv-dir-sub.pem|root.pem|localhost|GLASS_E_CERT_NC_NOT_PERMITTED|47|
chain-pv-email-none.pem|root.pem|localhost|OK|0|
chain-pv-email-has.pem|root.pem|localhost|GLASS_E_CERT_NC_UNSUPPORTED|0|RFC 5280 6.1.3 (b): glasstls does not implement rfc822Name constraints, so a certificate with an email name under one fails; openssl implements them
chain-pv-ncbad-empty.pem|root.pem|localhost|GLASS_E_CERT_NC_MALFORMED|0|RFC 5280 4.2.1.10: "MUST NOT issue certificates where name constraints is an empty sequence"; openssl accepts it
chain-pv-ncbad-dot.pem|root.pem|localhost|GLASS_E_CERT_NC_MALFORMED|47|
chain-pv-ncbad-min.pem|root.pem|localhost|GLASS_E_CERT_NC_MALFORMED|49|
chain-pv-nc-leaf.pem|root.pem|localhost|GLASS_E_CERT_NC_IN_LEAF|0|RFC 5280 4.2.1.10: nameConstraints "MUST be used only in a CA certificate"; openssl ignores it in a leaf
# path building: the first candidate a dead end, an expired first candidate,
# only the dead end, a hostile pile of 16 cross-certified same-name CAs
chain-pv-cross.pem|root.pem|localhost|OK|20|RFC 5280 6 / RFC 4158: glasstls backtracks from the untrusted first issuer to the second; openssl 3.0 keeps the first and fails
chain-pv-cross-expired.pem|root.pem|localhost|OK|0|
chain-pv-cross-deadonly.pem|root.pem|localhost|GLASS_E_CERT_UNKNOWN_ISSUER|20|
chain-pv-hostile.pem|root.pem|localhost|GLASS_E_CERT_CHAIN_TOO_COMPLEX|19|
# issuer-side rules
chain-pv-leaf-kcs.pem|root.pem|localhost|GLASS_E_CERT_LEAF_KEY_CERT_SIGN|82|
chain-pv-ca-empty.pem|root.pem|localhost|GLASS_E_CERT_CA_EMPTY_SUBJECT|83|
chain-pv-aki-crit.pem|root.pem|localhost|GLASS_E_CERT_AKI_CRITICAL|34|
chain-pv-san-noncrit.pem|root.pem|localhost|GLASS_E_CERT_SAN_NOT_CRITICAL|88|
chain-pv-san-crit.pem|root.pem|localhost|OK|0|
# Web PKI rules
chain-pv-v1-ca.pem|root.pem|localhost|GLASS_E_CERT_VERSION|85|
chain-pv-v1-leaf.pem|pv-v1-root.pem|localhost|OK|85|RFC 5280 4.2.1.1: a v1 root is a fine trust anchor; openssl -x509_strict refuses the leaf for lacking authorityKeyIdentifier (a CA MUST, a rule glasstls tolerates: its issuer has no key identifier to name)
chain-pv-leaf-ca.pem|root.pem|localhost|GLASS_E_CERT_LEAF_IS_CA|0|RFC 5280 4.2.1.9 with CA/B Forum BR 7.1.2.7.8: an end-entity with cA=TRUE is refused for server authentication; openssl accepts it
chain-pv-dns-underscore.pem|root.pem|localhost|GLASS_E_CERT_DNS_SYNTAX|0|RFC 5280 4.2.1.6 (RFC 1034 3.5 preferred name syntax): "my_host.test" is refused; openssl does not check the syntax
chain-pv-wild-partial.pem|root.pem|localhost|GLASS_E_CERT_WILDCARD|0|RFC 9525 6.3: a wildcard only as the whole left-most label; openssl does not check names it is not asked about
chain-pv-wild-couk.pem|root.pem|www.co.uk|GLASS_E_CERT_WILDCARD|0|RFC 9525 7.2 / CA/B Forum BR 3.2.2.6: no wildcard over a public suffix; openssl has no public-suffix list
TABLE

# glass-x509 show: subject and SHA-256 fingerprint of every fixture as
# openssl prints them
for f in $C/*.pem; do
    case "$f" in */chain-*) continue ;; esac
    n=$((n + 1))
    case "$f" in */pv-ncbad-*-leaf.pem) ;; */pv-ncbad-*)
        # malformed nameConstraints on purpose: glasstls refuses to parse
        # them (GLASS_E_CERT_NC_MALFORMED), openssl x509 reads them
        if "$G" show "$f" 2>&1 | grep -q 'malformed.*(GLASS_E_CERT_NC_MALFORMED)' &&
           openssl x509 -in "$f" -noout 2>/dev/null; then
            :
        else
            echo "FAIL show $f: glass-x509 should refuse it (GLASS_E_CERT_NC_MALFORMED)"
            fail=$((fail + 1))
        fi
        continue ;;
    esac
    gfp=$("$G" show "$f" | sed -n 's/^  SHA-256 fingerprint: //p')
    ofp=$(openssl x509 -in "$f" -noout -fingerprint -sha256 | sed 's/.*=//')
    gsub=$("$G" show "$f" | sed -n 's/^  Subject: *//p')
    osub=$(openssl x509 -in "$f" -noout -subject -nameopt sep_comma_plus_space,sname,utf8,esc_2253 | sed 's/^subject=//')
    if [ -n "$gfp" ] && [ "$gfp" = "$ofp" ] && [ "$gsub" = "$osub" ]; then
        :
    else
        echo "FAIL show $f: fingerprint '$gfp' vs '$ofp', subject '$gsub' vs '$osub'"
        fail=$((fail + 1))
    fi
done
echo "ok   glass-x509 show: fingerprints and subjects of every fixture match openssl x509"

# Deliberate disagreement, RFC 5280 4.1.2.5: "The validity period for a
# certificate is the period of time from notBefore through notAfter,
# inclusive."  At exactly notAfter (2046-01-01T00:00:00Z) glasstls accepts
# and OpenSSL 3.0 says "certificate has expired" (error 10); one second
# later both refuse.
n=$((n + 1))
NA=2398377600            # date -u -d 2046-01-01 +%s
g1=$("$G" verify --ca "$C/root.pem" --host localhost --time 2046-01-01T00:00:00Z "$C/chain-localhost.pem" 2>&1)
g2=$("$G" verify --ca "$C/root.pem" --host localhost --time 2046-01-01T00:00:01Z "$C/chain-localhost.pem" 2>&1)
o1=$(openssl verify -x509_strict -purpose sslserver -attime $NA -CAfile "$C/root.pem" \
     -untrusted "$C/chain-localhost.pem" "$C/chain-localhost.pem" 2>&1)
o2=$(openssl verify -x509_strict -purpose sslserver -attime $((NA + 1)) -CAfile "$C/root.pem" \
     -untrusted "$C/chain-localhost.pem" "$C/chain-localhost.pem" 2>&1)
case "$g1|$g2" in
    OK*"|FAIL GLASS_E_CERT_EXPIRED"*)
        if echo "$o2" | grep -q '^error 10 '; then
            if echo "$o1" | grep -q '^error 10 '; then
                echo "ok   notAfter inclusive: glasstls accepts at notAfter, refuses one second later; DELIBERATE: RFC 5280 4.1.2.5 (openssl 3.0 already refuses at notAfter)"
            else
                echo "ok   notAfter inclusive: glasstls and openssl both accept at notAfter and refuse one second later"
            fi
        else
            echo "FAIL notAfter: openssl accepts one second after notAfter: $o2"; fail=$((fail + 1))
        fi ;;
    *) echo "FAIL notAfter inclusive: glass-x509 gave '$g1' / '$g2'"; fail=$((fail + 1)) ;;
esac

# exit codes: 2 for unreadable input, 0 for --help
n=$((n + 1))
"$G" verify --ca $C/root.pem $C/no-such-file.pem >/dev/null 2>&1; e1=$?
"$G" verify --ca $C/make-certs.sh $C/chain-localhost.pem >/dev/null 2>&1; e2=$?
"$G" --help >/dev/null; e3=$?
"$G" show $C/no-such-file.pem >/dev/null 2>&1; e4=$?
if [ $e1 = 2 ] && [ $e2 = 2 ] && [ $e3 = 0 ] && [ $e4 = 2 ]; then
    echo "ok   exit codes (unreadable input 2, --help 0)"
else
    echo "FAIL exit codes: $e1 $e2 $e3 $e4"; fail=$((fail + 1))
fi

echo "$((n - fail)) passed, $fail failed (glass-x509 vs openssl verify -x509_strict)"
[ $fail = 0 ]
