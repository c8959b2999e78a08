#!/bin/sh
# The exercises of the labs (docs/labs/exercises.md): glass-lab new writes
# an exercise's material, glass-lab check judges an answer.  For each
# exercise (and each flavour: with and without EMS, client and server
# records, the three refusal reasons), tests/tools/lab_oracle.py works the
# exercise again from the material alone with python3-cryptography, once
# the right way and once per recognised mistake:
#   - check must accept the right answer (exit 0, "right:"),
#   - name each mistake from the mistaken answer (exit 1, "mistake: ID"),
#   - call a random answer of the right size just wrong (exit 1, no
#     mistake named),
#   - and the material must not hold the answer anywhere.
# The same seed must give the same material (the exercise is seeded), and
# another seed another one.  With tshark, the capture and key log must
# decrypt in Wireshark's dissector too.
set -u
BUILD=${BUILD:-build}
LAB=$BUILD/labs/glass-lab
ORACLE=tests/tools/lab_oracle.py
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography is not installed"; exit 77; }
[ -x "$LAB" ] || { echo "FAIL: $LAB not built (make labs)"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
PASSES=0; FAILS=0
ok()  { PASSES=$((PASSES + 1)); echo "ok   $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL $*"; }

# check EXERCISE DIR ANSWER: glass-lab's verdict into $out, its exit into $rc
check() {
    out=$("$LAB" check "$1" "$3" --dir "$2" 2>"$TMP/err"); rc=$?
}

# exercise LABEL EXERCISE NEW-ARGS...: make the material, test every variant
exercise() {
    label=$1; ex=$2; shift 2
    d=$TMP/$label
    if ! "$LAB" new "$ex" "$@" --dir "$d" >"$TMP/new.log" 2>&1; then
        bad "$label: glass-lab new failed: $(tail -2 "$TMP/new.log")"; return
    fi
    grep -q 'DELIBERATELY INSECURE' "$TMP/new.log" || bad "$label: no lab banner"
    variants=$(python3 $ORACLE --list "$ex" "$d")
    n=0
    for v in $variants; do
        if ! a=$(python3 $ORACLE "$ex" "$d" "$v" 2>"$TMP/oracle.err"); then
            bad "$label $v: the oracle failed: $(tail -1 "$TMP/oracle.err")"; continue
        fi
        case $v in tag:*) a="tag:$a";; aad:*) a="aad:$a";; esac
        want=${v#*:}
        check "$ex" "$d" "$a"
        if [ "$want" = right ]; then
            if [ $rc = 0 ] && echo "$out" | grep -q '^right:'; then n=$((n + 1))
            else bad "$label $v: the right answer was refused (rc $rc): $out $(cat "$TMP/err")"; fi
            # the answer is nowhere in the material (hex, either case; or the name)
            case $v in tag:*|aad:*) ;; *)
                plain=${a#*:}
                if grep -rqiF -- "$plain" "$d"; then bad "$label: the material shows the answer"
                else n=$((n + 1)); fi ;;
            esac
        else
            if [ $rc = 1 ] && echo "$out" | grep -qx "mistake: $want"; then n=$((n + 1))
            else bad "$label $v: the mistake was not named (rc $rc): $out"; fi
        fi
    done
    # a random answer of the right size: wrong, and no mistake named
    right=$(python3 $ORACLE "$ex" "$d" right)
    if [ "$ex" = refused-cert ]; then
        r=GLASS_E_CERT_SHA1
        [ "$right" = "$r" ] && r=GLASS_E_CERT_WEAK_KEY
    else
        bytes=$(( ${#right} / 2 ))
        r=$(python3 -c "import os; print(os.urandom($bytes).hex())")
    fi
    check "$ex" "$d" "$r"
    if [ $rc = 1 ] && ! echo "$out" | grep -q '^mistake:'; then n=$((n + 1))
    else bad "$label: a random answer was not just wrong (rc $rc): $out"; fi
    # one byte flipped in the right answer: wrong too
    if [ "$ex" != refused-cert ]; then
        flipped=$(python3 -c "import sys; b=bytearray.fromhex('$right'); b[-1]^=1; print(b.hex())")
        check "$ex" "$d" "$flipped"
        [ $rc = 1 ] && n=$((n + 1)) || bad "$label: the right answer with one bit flipped passed"
    fi
    ok "$label: $n checks ($(echo $variants | wc -w) variants: $(echo $variants))"
}

exercise derive-master-ems    derive-master --seed 11 --ems
exercise derive-master-no-ems derive-master --seed 12 --no-ems
exercise verify-finished      verify-finished --seed 13
exercise open-record          open-record --seed 14
exercise open-record-client   open-record 12 --seed 15
exercise open-record-server   open-record 16 --seed 16
exercise leaked-rsa           leaked-rsa --seed 17
exercise refused-expired      refused-cert --seed 18 --reason expired
exercise refused-wrong-name   refused-cert --seed 19 --reason wrong-name
exercise refused-unknown-ca   refused-cert --seed 20 --reason unknown-ca

# the exercise is seeded: same seed, same material; another seed, another
"$LAB" new open-record --seed 99 --dir "$TMP/s1" >/dev/null 2>&1
"$LAB" new open-record --seed 99 --dir "$TMP/s2" >/dev/null 2>&1
"$LAB" new open-record --seed 98 --dir "$TMP/s3" >/dev/null 2>&1
if cmp -s "$TMP/s1/records.txt" "$TMP/s2/records.txt" && cmp -s "$TMP/s1/capture.pcapng" "$TMP/s2/capture.pcapng"; then
    ok "seed 99 twice: the same records and capture"
else
    bad "seed 99 twice: different material"
fi
cmp -s "$TMP/s1/records.txt" "$TMP/s3/records.txt" && bad "seeds 98 and 99 gave the same records" ||
    ok "seeds 98 and 99: different records"

# the material of one exercise does not check as another's
check verify-finished "$TMP/open-record" 00
[ $rc = 2 ] && ok "open-record material refused for verify-finished (exit 2)" ||
    bad "verify-finished checked open-record's material (rc $rc)"

# a damaged records.txt is refused, not misread
cp -r "$TMP/leaked-rsa" "$TMP/damaged"
sed -i '6s/\(.\)$/\1\1/' "$TMP/damaged/records.txt"
check leaked-rsa "$TMP/damaged" 00
[ $rc = 2 ] && ok "a damaged records.txt is refused (exit 2)" || bad "damaged records.txt: rc $rc"

# Wireshark reads the same capture with the key log
if command -v tshark >/dev/null 2>&1; then
    h=$(tshark -r "$TMP/open-record/capture.pcapng" -o "tls.keylog_file:$TMP/open-record/master.keylog" \
            -Y http -T fields -e http.request.uri -e http.response.code 2>/dev/null)
    echo "$h" | grep -q '/exercise/14' && echo "$h" | grep -q 200 &&
        ok "tshark decrypts the open-record capture with master.keylog" ||
        bad "tshark did not decrypt the capture: '$h'"
    h=$(tshark -r "$TMP/leaked-rsa/capture.pcapng" -o "uat:rsa_keys:\"$TMP/leaked-rsa/leaked-server.key\",\"\"" \
            -Y http -T fields -e http.request.uri 2>/dev/null)
    echo "$h" | grep -q '/exercise/17' && ok "tshark decrypts the leaked-rsa capture with the leaked key" ||
        bad "tshark did not decrypt the leaked-rsa capture: '$h'"
else
    echo "tshark not installed: the Wireshark cross-check is skipped"
fi

echo "$PASSES passed, $FAILS failed"
[ "$FAILS" = 0 ]
