#!/bin/sh
# GLASS_NO_ASM=1 must turn the AES-NI/PCLMULQDQ fast path off (the test
# binary checks glass_crypto_hw_enabled() and a fresh key in that mode).
set -u
BUILD=${BUILD:-build}
GLASS_NO_ASM=1 "$BUILD/tests/test_aes"
