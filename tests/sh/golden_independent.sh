#!/bin/sh
# The golden handshake transcripts (tests/vectors/handshake_*.hex) checked
# by an independent implementation (tests/tools/check_golden.py: Python
# hmac/hashlib + python3-cryptography): DRBG-derived randoms, key exchange,
# both Finished messages and the application data.  This makes the golden
# files known answers, not just glasstls's own output.  The level-3 trace
# golden files (tests/golden/step-*-level3.txt) are checked the same way,
# from the values printed in them: messages rebuilt from their rows, the
# Finished hashes, the X25519 / RSA premaster, master secret, keys, both
# verify_data, and every encrypted record opened with the printed nonce
# and AAD.
set -u
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography is not installed"; exit 0; }
# Every transcript, the abbreviated one (handshake_resumed_ticket.hex) too:
# its master secret is from the earlier, full connection, so it is read
# from the sidecar handshake_resumed_ticket.master (written and checked by
# build/tests/test_resume), and cross-checked against the ticket on the wire.
# shellcheck disable=SC2046
python3 tests/tools/check_golden.py $(ls tests/vectors/handshake_*.hex) || exit 1
# The checker must be able to fail: one flipped bit in the server's
# Finished record, in the ClientHello's random, or in the recorded master
# secret, and it refuses the abbreviated transcript.
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
v=tests/vectors/handshake_resumed_ticket
for what in sfin random master; do
    cp "$v.hex" "$tmp/t.hex"
    cp "$v.master" "$tmp/t.master"
    case $what in
    # the 5th send is the server's Finished record: flip its last hex digit
    sfin) awk 'BEGIN{n=0} /^[CS] /{n++} n==5&&/^S /{c=substr($0,length($0));
               $0=substr($0,1,length($0)-1) (c=="0"?"1":"0")} {print}' "$v.hex" >"$tmp/t.hex" ;;
    # byte 11 of the ClientHello record: the first byte of its random
    random) awk '/^C /&&!d{d=1; c=substr($0,25,1); $0=substr($0,1,24) (c=="0"?"1":"0") substr($0,26)}
                 {print}' "$v.hex" >"$tmp/t.hex" ;;
    master) sed 's/^master \(.\)/master f/; s/^master ff/master 0f/' "$v.master" >"$tmp/t.master" ;;
    esac
    if cmp -s "$v.hex" "$tmp/t.hex" && cmp -s "$v.master" "$tmp/t.master"; then
        echo "FAIL: the $what corruption changed nothing"; exit 1
    fi
    if python3 tests/tools/check_golden.py "$tmp/t.hex" >"$tmp/out" 2>&1; then
        echo "FAIL: check_golden.py accepted a transcript with a corrupted $what"; exit 1
    fi
    echo "ok: a corrupted $what is refused ($(tail -n 1 "$tmp/out"))"
done
python3 tests/tools/check_golden.py --trace tests/golden/step-*-level3.txt
