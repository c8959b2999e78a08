#!/bin/sh
# rsa_openssl.sh — cross-checks glasstls RSA (PKCS#1 v1.5) with the openssl
# CLI, both directions:
#   - keys made by `openssl genpkey` (tests/fixtures/rsa/, see README there)
#     decrypt what `openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:pkcs1`
#     produced, and openssl decrypts what glasstls encrypted;
#   - the TLS premaster entry gives the real premaster for a good 48-byte
#     block and the substitute for a wrong version or length;
#   - glasstls signatures verify under `openssl dgst -verify`, and openssl
#     signatures verify under glasstls (and a changed message does not);
#   - keys glasstls generates pass `openssl rsa -check`.
# The key numbers reach C through `openssl pkey -text` parsed here and the
# test-only program tests/tools/rsa_cli.c (no PEM parser involved).
set -u
command -v openssl >/dev/null 2>&1 || { echo "SKIP: openssl not installed"; exit 0; }
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CLI=$BUILD/tests/tools/rsa_cli   # built by `make tests` (tests/tools/rsa_cli.c)
[ -x "$CLI" ] || { echo "FAIL: $CLI not built (make tests)"; exit 1; }
pass=0; fail=0
ok()  { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# `openssl pkey -text` -> name=hex lines for rsa_cli
keytext() {
    openssl pkey -in "$1" -text -noout | awk '
        /^modulus:/         { cur = "n"; next }
        /^publicExponent:/  { s = $0; sub(/.*\(0x/, "", s); sub(/\).*/, "", s); v["e"] = s; cur = ""; next }
        /^privateExponent:/ { cur = "d"; next }
        /^prime1:/          { cur = "p"; next }
        /^prime2:/          { cur = "q"; next }
        /^exponent1:/       { cur = "dp"; next }
        /^exponent2:/       { cur = "dq"; next }
        /^coefficient:/     { cur = "qinv"; next }
        /^[ \t]/            { if (cur != "") { s = $0; gsub(/[ \t:]/, "", s); v[cur] = v[cur] s }; next }
                            { cur = "" }
        END { split("n e d p q dp dq qinv", k, " ");
              for (i = 1; i <= 8; i++) print k[i] "=" v[k[i]] }'
}

for bits in 2048 4096; do
    pem=tests/fixtures/rsa/key$bits.pem
    key=$T/key$bits.txt
    keytext "$pem" >"$key"
    openssl pkey -in "$pem" -pubout -out "$T/pub$bits.pem" 2>/dev/null
    head -c 40 /dev/urandom >"$T/msg"

    # openssl encrypts, glasstls decrypts
    openssl pkeyutl -encrypt -pubin -inkey "$T/pub$bits.pem" -pkeyopt rsa_padding_mode:pkcs1 \
        -in "$T/msg" -out "$T/ct" 2>/dev/null
    if "$CLI" decrypt "$key" <"$T/ct" >"$T/pt" && cmp -s "$T/msg" "$T/pt"; then
        ok "rsa$bits: glasstls decrypts openssl's PKCS#1 v1.5 ciphertext"
    else bad "rsa$bits: glasstls decrypt of openssl ciphertext"; fi

    # glasstls encrypts, openssl decrypts
    if "$CLI" encrypt "$key" <"$T/msg" >"$T/ct2" &&
       openssl pkeyutl -decrypt -inkey "$pem" -pkeyopt rsa_padding_mode:pkcs1 \
           -in "$T/ct2" -out "$T/pt2" 2>/dev/null && cmp -s "$T/msg" "$T/pt2"; then
        ok "rsa$bits: openssl decrypts glasstls's ciphertext"
    else bad "rsa$bits: openssl decrypt of glasstls ciphertext"; fi

    # TLS premaster: 0x0303 || 46 random bytes
    { printf '\003\003'; head -c 46 /dev/urandom; } >"$T/pms"
    openssl pkeyutl -encrypt -pubin -inkey "$T/pub$bits.pem" -pkeyopt rsa_padding_mode:pkcs1 \
        -in "$T/pms" -out "$T/ctp" 2>/dev/null
    head -c 48 /dev/zero | tr '\000' '\356' >"$T/subst"
    if "$CLI" premaster "$key" 0303 <"$T/ctp" >"$T/out" && cmp -s "$T/pms" "$T/out"; then
        ok "rsa$bits: premaster entry returns the real premaster"
    else bad "rsa$bits: premaster entry on a good block"; fi
    if "$CLI" premaster "$key" 0302 <"$T/ctp" >"$T/out" && cmp -s "$T/subst" "$T/out"; then
        ok "rsa$bits: premaster entry substitutes on a wrong version"
    else bad "rsa$bits: premaster entry with a wrong version"; fi
    head -c 47 "$T/pms" >"$T/pms47"
    openssl pkeyutl -encrypt -pubin -inkey "$T/pub$bits.pem" -pkeyopt rsa_padding_mode:pkcs1 \
        -in "$T/pms47" -out "$T/ctp47" 2>/dev/null
    if "$CLI" premaster "$key" 0303 <"$T/ctp47" >"$T/out" && cmp -s "$T/subst" "$T/out"; then
        ok "rsa$bits: premaster entry substitutes on a 47-byte secret"
    else bad "rsa$bits: premaster entry with a 47-byte secret"; fi

    for h in sha256 sha384 sha512; do
        # glasstls signs, openssl verifies
        openssl dgst -$h -binary "$T/msg" >"$T/dig"
        if "$CLI" sign "$key" $h <"$T/dig" >"$T/sig" &&
           openssl dgst -$h -verify "$T/pub$bits.pem" -signature "$T/sig" "$T/msg" >/dev/null 2>&1; then
            ok "rsa$bits: openssl verifies a glasstls $h signature"
        else bad "rsa$bits: openssl verify of a glasstls $h signature"; fi
        # openssl signs, glasstls verifies; a changed message must fail
        openssl dgst -$h -sign "$pem" -out "$T/sig2" "$T/msg"
        if "$CLI" verify "$key" $h "$T/sig2" <"$T/dig" 2>/dev/null; then
            ok "rsa$bits: glasstls verifies an openssl $h signature"
        else bad "rsa$bits: glasstls verify of an openssl $h signature"; fi
        printf 'x' >>"$T/msg"
        openssl dgst -$h -binary "$T/msg" >"$T/dig"
        if "$CLI" verify "$key" $h "$T/sig2" <"$T/dig" 2>/dev/null; then
            bad "rsa$bits: glasstls accepted a signature over another message ($h)"
        else ok "rsa$bits: glasstls rejects the signature for a changed message ($h)"; fi
    done
done

# keys glasstls generates pass openssl's consistency check
for bits in 2048 3072 4096; do
    if "$CLI" keygen $bits >"$T/gen.cnf" &&
       openssl asn1parse -genconf "$T/gen.cnf" -out "$T/gen.der" -noout &&
       openssl rsa -inform DER -in "$T/gen.der" -check -noout 2>&1 | grep -q 'RSA key ok' &&
       [ "$(openssl rsa -inform DER -in "$T/gen.der" -text -noout 2>/dev/null | head -1)" = "Private-Key: ($bits bit, 2 primes)" ]; then
        ok "glasstls $bits-bit key passes openssl rsa -check"
    else bad "glasstls $bits-bit key fails openssl rsa -check"; fi
done

echo "rsa_openssl: $pass passed, $fail failed"
[ $fail = 0 ]
