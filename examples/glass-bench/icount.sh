#!/bin/sh
# icount.sh — instructions per operation, counted by valgrind (callgrind):
# stable on a noisy shared machine, unlike timings.  For each operation,
# `glass-bench --icount OP N` runs under callgrind with N = N1 and N = N2,
# and (Ir(N2) - Ir(N1)) / (N2 - N1) is one operation without the setup.
# AES-GCM is given per byte of a 16 KiB seal/open.  Under valgrind the CPU
# has no AVX-512 (valgrind does not emulate it), so "hw" is the AES-NI +
# PCLMULQDQ path, not the VAES one; RSA runs the MULX/ADX bignum code
# (see below) and the AVX2 window lookup.  Run from the repository root:
#   sh examples/glass-bench/icount.sh
set -u
BUILD=${BUILD:-build}
bench=$BUILD/bin/glass-bench
command -v valgrind >/dev/null 2>&1 || { echo "icount: valgrind is not installed"; exit 0; }
ir() {   # op n -> instructions collected
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" --icount "$1" "$2" 2>&1 |
        awk '/Collected :/ { print $NF }'
}
per_op() {   # op n1 n2 divisor label
    a=$(ir "$1" "$2"); b=$(ir "$1" "$3")
    if [ -z "$a" ] || [ -z "$b" ]; then echo "$5: failed"; return; fi
    awk -v a="$a" -v b="$b" -v n="$(($3 - $2))" -v d="$4" -v l="$5" \
        'BEGIN { printf "%-34s %12.2f instructions\n", l, (b - a) / n / d }'
}
per_op gcm-seal-c 2 6 16384 "AES-128-GCM seal, C, per byte"
per_op gcm-open-c 2 6 16384 "AES-128-GCM open, C, per byte"
per_op gcm-seal-hw 2 10 16384 "AES-128-GCM seal, AES-NI, per byte"
per_op gcm-open-hw 2 10 16384 "AES-128-GCM open, AES-NI, per byte"
# valgrind's CPUID hides ADX (it runs ADCX/ADOX all the same): on a machine
# with ADX, tell the bignum code to assume it, so that the count is that of
# the MULX/ADX path the timed figures use (crypto/bignum_adx.c).
if grep -qw adx /proc/cpuinfo 2>/dev/null; then
    (export GLASS_CPU_ASSUME_ADX=1; per_op rsa2048-sign 1 3 1 "RSA-2048 private (sign), per op")
else
    per_op rsa2048-sign 1 3 1 "RSA-2048 private (sign), per op"
fi
(export GLASS_NO_ASM=1; per_op rsa2048-sign 1 3 1 "RSA-2048 private, portable, per op")
per_op ecdh-p256 2 6 1 "P-256 ECDH derive, per op"
per_op ecdsa-sign-p256 2 6 1 "ECDSA P-256 sign, per op"
per_op ecdsa-verify-p256 2 6 1 "ECDSA P-256 verify, per op"
per_op ecdh-p384 2 6 1 "P-384 ECDH derive, per op"
