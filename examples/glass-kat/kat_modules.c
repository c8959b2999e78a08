/*
 * kat_modules.c — the table of known-answer modules, tried in order: the
 * first whose detect() accepts a file runs it.  glass-kat's main() and the
 * fuzz target (tests/fuzz/fuzz_kat.c) both walk this one list.
 */
#include "kat.h"

const kat_module *const kat_modules[] = {
    &kat_sha,     /* SHA*ShortMsg/LongMsg/Monte.rsp, repo FIPS 180-4 examples */
    &kat_hmac,    /* HMAC.rsp, repo RFC 4231 */
    &kat_drbg,    /* HMAC_DRBG*.rsp */
    &kat_prf,     /* tls12_prf.txt, repo python-generated PRF outputs */
    &kat_tls12,   /* repo OpenSSL TLS 1.2 session: master secret, key block, Finished */
    &kat_aes,     /* ECB*.rsp (AESAVS) */
    &kat_gcm,     /* gcmEncryptExtIV*.rsp, gcmDecrypt*.rsp, repo GCM spec cases */
    &kat_rsa,     /* SigGen15, SigVer15, SigGenPSS, SigVerPSS, pkcs1v15crypt-vectors.txt */
    &kat_x25519,  /* RFC 7748 sections 5.2 and 6.1 */
    &kat_ec,      /* ECDSA SigVer/SigGen/PKV/KeyPair, ECC CDH, repo RFC 6979 (P-256, P-384) */
    &kat_pending, /* known layouts of algorithms not implemented yet: counted as skipped */
    NULL
};
