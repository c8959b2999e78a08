#!/bin/sh
# GLASS_NO_ASM=1 must switch every fast path off (AES-NI/VAES GCM, SHA-NI,
# the x86-64 bignum row and the MULX/ADX bignum code) and the portable code must then pass the same
# tests and vectors.  test_aes also checks glass_crypto_hw_enabled() and a
# fresh key in that mode.
set -u
BUILD=${BUILD:-build}
SHARED_VECTORS=${SHARED_VECTORS-$(make -s --no-print-directory vectors-dir)}
export GLASS_NO_ASM=1
status=0
for t in test_aes test_gcm test_sha2 test_bignum test_bignum_paths test_rsa test_rsa_pss test_ec; do
    if "$BUILD/tests/$t" >/dev/null 2>&1; then echo "ok   $t with GLASS_NO_ASM=1"
    else echo "FAIL $t with GLASS_NO_ASM=1"; status=1; fi
done
if [ -d "$SHARED_VECTORS/rsa" ]; then
    if "$BUILD/bin/glass-kat" "$SHARED_VECTORS"/rsa/*; then echo "ok   RSA vectors with GLASS_NO_ASM=1"
    else echo "FAIL RSA vectors with GLASS_NO_ASM=1"; status=1; fi
fi
if [ -d "$SHARED_VECTORS/ecdsa" ]; then
    if "$BUILD/bin/glass-kat" "$SHARED_VECTORS"/ecdsa/* "$SHARED_VECTORS"/ecdh/* tests/vectors/ecdsa_rfc6979.txt; then
        echo "ok   ECDSA/ECDH vectors with GLASS_NO_ASM=1"
    else echo "FAIL ECDSA/ECDH vectors with GLASS_NO_ASM=1"; status=1; fi
fi
exit $status
