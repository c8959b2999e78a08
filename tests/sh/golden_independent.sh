#!/bin/sh
# The golden handshake transcripts (tests/vectors/handshake_*.hex) checked
# by an independent implementation (tests/tools/check_golden.py: Python
# hmac/hashlib + python3-cryptography): DRBG-derived randoms, key exchange,
# both Finished messages and the application data.  This makes the golden
# files known answers, not just glasstls's own output.
set -u
python3 -c 'import cryptography' 2>/dev/null || { echo "SKIP: python3-cryptography is not installed"; exit 0; }
exec python3 tests/tools/check_golden.py tests/vectors/handshake_*.hex
