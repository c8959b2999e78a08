#!/bin/sh
# Runs each constant-time check program under valgrind memcheck.
# ct_*: must report no error (no branch/address depends on a secret).
# ctfail_*: must report errors (the checker's own self-test).
set -u
status=0
for b in "$@"; do
    name=$(basename "$b")
    valgrind -q --error-exitcode=99 --exit-on-first-error=no "$b" >"$b.log" 2>&1
    rc=$?
    case "$name" in
        ctfail_*) if [ $rc = 99 ]; then echo "ctcheck $name: ok (leak detected, as it must be)";
                  else echo "ctcheck $name: FAILED (the deliberate leak was not detected, rc=$rc)"; status=1; fi ;;
        *)        if [ $rc = 0 ]; then echo "ctcheck $name: ok (constant-time)";
                  else echo "ctcheck $name: FAILED (rc=$rc)"; sed -n 1,40p "$b.log"; status=1; fi ;;
    esac
done
# valgrind's CPUID hides ADX (it runs ADCX/ADOX all the same), so the
# MULX/ADX bignum code (crypto/bignum_adx.c) is checked by a second run of
# the RSA program told to assume ADX, on machines that have it.
for b in "$@"; do
    case "$(basename "$b")" in ct_rsa) ;; *) continue ;; esac
    grep -qw adx /proc/cpuinfo 2>/dev/null || { echo "ctcheck ct_rsa with ADX: SKIP (no ADX here)"; continue; }
    GLASS_CPU_ASSUME_ADX=1 valgrind -q --error-exitcode=99 "$b" >"$b.adx.log" 2>&1
    rc=$?
    if [ $rc = 0 ]; then echo "ctcheck ct_rsa with ADX: ok (constant-time)"
    else echo "ctcheck ct_rsa with ADX: FAILED (rc=$rc)"; sed -n 1,40p "$b.adx.log"; status=1; fi
done
# valgrind cannot run AVX-512 at all, so the IFMA exponentiation
# (crypto/bignum_ifma.c) is built here (GLASS_CTGRIND) with its eight-lane
# operations as plain C loops: the same control flow and memory accesses.
# A third run of the RSA program, told to assume IFMA, takes that path:
# the two CRT exponentiations interleaved (glass_bn_modexp2_ifma) for the
# CRT key, the single one (glass_bn_modexp_ifma) for the same key without
# CRT.  It runs on any x86-64 machine, since the loops are ordinary C.
# (A secret branch put by hand into either one's window loop was caught,
# rc 99, and is not reached without GLASS_CPU_ASSUME_IFMA.)
for b in "$@"; do
    case "$(basename "$b")" in ct_rsa) ;; *) continue ;; esac
    GLASS_CPU_ASSUME_IFMA=1 valgrind -q --error-exitcode=99 "$b" >"$b.ifma.log" 2>&1
    rc=$?
    if [ $rc = 0 ]; then echo "ctcheck ct_rsa with IFMA (C-loop build): ok (constant-time)"
    else echo "ctcheck ct_rsa with IFMA (C-loop build): FAILED (rc=$rc)"; sed -n 1,40p "$b.ifma.log"; status=1; fi
done
[ $# -gt 0 ] || echo "ctcheck: no programs"
exit $status
