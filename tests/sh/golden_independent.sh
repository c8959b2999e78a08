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
# The full handshakes only: an abbreviated one (handshake_resumed_*.hex)
# takes its master secret from an earlier connection that its file does
# not hold, so test_resume checks it byte for byte instead.
full=$(ls tests/vectors/handshake_*.hex | grep -v '/handshake_resumed_')
# shellcheck disable=SC2086
python3 tests/tools/check_golden.py $full || exit 1
exec python3 tests/tools/check_golden.py --trace tests/golden/step-*-level3.txt
