#!/bin/sh
# glass-kat on bad input: a truncated, garbled, unknown, binary, empty or
# missing file must give exit status 2 and a message naming the file and
# the line (no crash: under SANITIZE=1 a sanitizer report would change the
# status).  A file whose vectors are well-formed but wrong must give 1.
# The inputs are made from tests/vectors/ in $BUILD/kat-badinput/.
set -u
BUILD=${BUILD:-build}
KAT=$BUILD/bin/glass-kat
dir=$BUILD/kat-badinput
src=tests/vectors/sha2_fips180_examples.rsp
hsrc=tests/vectors/hmac_rfc4231.rsp
rm -rf "$dir"; mkdir -p "$dir"
fails=0; n=0

# expect STATUS FILE PATTERN: glass-kat FILE exits STATUS and stderr matches PATTERN
expect() {
    status=$1; file=$2; pattern=$3; n=$((n + 1))
    "$KAT" "$file" >"$dir/out" 2>"$dir/err"
    rc=$?
    if [ "$rc" != "$status" ] || ! grep -q -- "$pattern" "$dir/err"; then
        echo "FAIL: $file: exit $rc (want $status), stderr:"; sed 's/^/    /' "$dir/err"
        fails=$((fails + 1))
    else
        echo "ok: $(basename "$file"): exit $rc: $(head -n 1 "$dir/err")"
    fi
}

# unknown format
printf 'hello\nthis is not a vector file\n' > "$dir/unknown.txt"
expect 2 "$dir/unknown.txt" "unknown.txt: line 1: unrecognised"
# empty file
: > "$dir/empty.rsp"
expect 2 "$dir/empty.rsp" "empty.rsp: line 1: unrecognised"
# missing file
expect 2 "$dir/no-such-file.rsp" "no-such-file.rsp: cannot open"
# binary (a NUL byte)
printf '[L = 32]\n\nLen = 0\nMsg = 00\0\nMD = 00\n' > "$dir/binary.rsp"
expect 2 "$dir/binary.rsp" "binary.rsp: binary file"
md1=$(grep -n '^MD = ' "$src" | head -n 1 | cut -d: -f1)     # first MD line
len2=$(grep -n '^Len = ' "$src" | sed -n 2p | cut -d: -f1)   # second Len line
# truncated after a Msg line: the second record has no MD
head -n $((len2 + 1)) "$src" > "$dir/trunc-record.rsp"
expect 2 "$dir/trunc-record.rsp" "trunc-record.rsp: line $len2: record lacks a 'MD' line"
# truncated in the middle of a hex string (odd number of digits)
line=$(grep -n '^MD = ' "$src" | head -n 2 | tail -n 1 | cut -d: -f1)
head -n "$line" "$src" | sed '$ s/.$//' > "$dir/trunc-hex.rsp"
expect 2 "$dir/trunc-hex.rsp" "trunc-hex.rsp: line $line: MD: not a hex string"
# truncated to an even number of digits: MD too short
head -n "$line" "$src" | sed '$ s/..$//' > "$dir/trunc-short.rsp"
expect 2 "$dir/trunc-short.rsp" "trunc-short.rsp: line [0-9]*: MD must be 20 bytes"
# garbled: non-hex digits, an unterminated [section], a Len that is not a number
sed "$md1 s/^MD = ../MD = zz/" "$src" > "$dir/garbled-hex.rsp"
expect 2 "$dir/garbled-hex.rsp" "garbled-hex.rsp: line $md1: MD: not a hex string"
sed 's/^\[L = 32\]$/[L = 32/' "$src" > "$dir/garbled-section.rsp"
expect 2 "$dir/garbled-section.rsp" "garbled-section.rsp: line [0-9]*: unterminated \[section\]"
sed "$len2 s/^Len = .*/Len = twenty/" "$src" > "$dir/garbled-len.rsp"
expect 2 "$dir/garbled-len.rsp" "garbled-len.rsp: line $len2: Len: not a decimal number"
sed 's/^\[L = 32\]$/[L = 33]/' "$src" > "$dir/garbled-L.rsp"
expect 2 "$dir/garbled-L.rsp" "garbled-L.rsp: line [0-9]*: \[L = 33\]: no hash"
# HMAC: Klen disagrees with the key
sed '0,/^Klen = 20$/ s//Klen = 21/' "$hsrc" > "$dir/garbled-klen.rsp"
expect 2 "$dir/garbled-klen.rsp" "garbled-klen.rsp: line [0-9]*: Key must have Klen bytes"
# well-formed but wrong: one digest digit changed -> exit 1, named by line
sed "$md1 s/^MD = d/MD = e/" "$src" > "$dir/wrong.rsp"
cmp -s "$src" "$dir/wrong.rsp" && { echo "FAIL: test setup: the first MD does not start with d"; fails=$((fails + 1)); }
expect 1 "$dir/wrong.rsp" "wrong.rsp:$((md1 - 2)): FAILED"

# ECDSA SigVer in the CAVP shape with only curves glasstls does not
# implement (P-521, K-233): exit 0, every record counted as skipped and named
{
    printf '#  CAVS 11.0\r\n#  "SigVer" information\r\n\r\n[P-521,SHA-256]\r\n\r\n'
    for i in 1 2 3; do
        printf 'Msg = 00\r\nQx = 01\r\nQy = 02\r\nR = 03\r\nS = 04\r\nResult = P (0 )\r\n\r\n'
    done
    printf '[K-233,SHA-256]\r\n\r\nMsg = 00\r\nQx = 01\r\nQy = 02\r\nR = 03\r\nS = 04\r\nResult = F (3 - S changed )\r\n'
} > "$dir/pending.rsp"
n=$((n + 1))
"$KAT" "$dir/pending.rsp" >"$dir/out" 2>"$dir/err"; rc=$?
want='pending.rsp: 0 passed, 0 failed, 4 skipped (curve not implemented: 4 skipped; P-521 3; binary K-/B- 1)'
if [ "$rc" != 0 ] || ! grep -qxF "$want" "$dir/out" || ! grep -qx '0 passed, 0 failed, 4 skipped' "$dir/out"; then
    echo "FAIL: pending.rsp: exit $rc (want 0), stdout:"; sed 's/^/    /' "$dir/out" "$dir/err"
    fails=$((fails + 1))
else
    echo "ok: pending.rsp: exit 0: $(head -n 1 "$dir/out")"
fi
# ... and a malformed one is still a format error
sed 's/^Result = P (0 )\r$/[P-256]/' "$dir/pending.rsp" > "$dir/pending-bad.rsp"
expect 2 "$dir/pending-bad.rsp" "pending-bad.rsp: line 11: a \[section\] line inside a record"
# a P-256 record that claims P for a point off the curve runs and fails: exit 1
sed 's/^\[P-521,SHA-256\]/[P-256,SHA-256]/' "$dir/pending.rsp" > "$dir/ecdsa-wrong.rsp"
expect 1 "$dir/ecdsa-wrong.rsp" "ecdsa-wrong.rsp:6: FAILED"
# a coordinate that is not hex: exit 2 with the line
sed 's/^Qx = 01\r$/Qx = 0g/' "$dir/ecdsa-wrong.rsp" > "$dir/ecdsa-hex.rsp"
expect 2 "$dir/ecdsa-hex.rsp" "ecdsa-hex.rsp: line 7: Qx: not a hex number"
# the RFC 6979 file with one S altered: that record fails, exit 1
line=$(grep -n '^S = ' tests/vectors/ecdsa_rfc6979.txt | head -n 1 | cut -d: -f1)
sed "${line}s/^S = 6/S = 7/" tests/vectors/ecdsa_rfc6979.txt > "$dir/rfc6979-wrong.txt"
expect 1 "$dir/rfc6979-wrong.txt" "rfc6979-wrong.txt:$((line - 4)): FAILED"

echo "kat_badinput: $((n - fails)) passed, $fails failed"
[ "$fails" = 0 ]
