#!/bin/sh
# trace_golden.sh — the text trace at levels 1, 2, 3 and the Mermaid
# diagram of fixed-seed glass-step runs are byte-identical to the golden
# files in tests/golden/, so every change to what a student sees is
# deliberate.  They are glasstls's own output (their correctness is shown
# by the interop and tshark tests); regenerate them only on purpose, and
# say why in the commit:
#
#     GLASS_REGEN_GOLDEN=1 sh tests/sh/trace_golden.sh
set -u
BUILD=${BUILD:-build}
STEP="$BUILD/bin/glass-step --no-pause --seed 1"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fails=0; passes=0

check() {   # golden-file, produced-file
    if [ "${GLASS_REGEN_GOLDEN:-0}" = 1 ]; then
        cp "$2" "tests/golden/$1"; echo "regenerated tests/golden/$1"; return
    fi
    if cmp -s "$2" "tests/golden/$1"; then
        passes=$((passes + 1)); echo "ok   $1"
    else
        fails=$((fails + 1)); echo "FAIL $1 differs from the golden file:"
        diff -u "tests/golden/$1" "$2" | head -40
    fi
}

for suite in ecdhe:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 rsa:TLS_RSA_WITH_AES_128_GCM_SHA256; do
    tag=${suite%%:*}; name=${suite#*:}
    for level in 1 2 3; do
        $STEP --suite "$name" --trace $level > "$TMP/out" 2>&1 || { echo "FAIL glass-step exited $?"; fails=$((fails + 1)); }
        check "step-$tag-level$level.txt" "$TMP/out"
    done
    $STEP --suite "$name" --trace 0 --mermaid "$TMP/out.mmd" > /dev/null 2>&1
    check "step-$tag.mmd" "$TMP/out.mmd"
done
# the flavour with a client certificate (CertificateRequest, the client's
# Certificate and CertificateVerify)
$STEP --client-cert --trace 2 > "$TMP/out" 2>&1 || { echo "FAIL glass-step --client-cert exited $?"; fails=$((fails + 1)); }
check "step-mtls-level2.txt" "$TMP/out"
$STEP --client-cert --trace 0 --mermaid "$TMP/out.mmd" > /dev/null 2>&1
check "step-mtls.mmd" "$TMP/out.mmd"
# the seed is the only input: a different one changes the bytes
$STEP --seed 2 --suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 --trace 3 > "$TMP/seed2" 2>&1
if cmp -s "$TMP/seed2" tests/golden/step-ecdhe-level3.txt; then
    fails=$((fails + 1)); echo "FAIL another seed gives the same output"
else
    passes=$((passes + 1)); echo "ok   another seed gives other bytes"
fi
echo "$passes passed, $fails failed"
[ $fails = 0 ]
