/*
 * test_rsa_pss.c — crypto/rsa_pss.c: RSASSA-PSS (RFC 8017 8.1, EMSA-PSS
 * 9.1, MGF1 B.2.1).
 *
 *   - round trips for SHA-256/384/512 with salt = digest length (TLS 1.2
 *     rsa_pss_rsae_*), random salts from the RNG callback;
 *   - signatures by pyca/cryptography (tests/vectors/rsa_pss_cryptography.vec,
 *     the command that generated it in its first lines) with the 2048-bit
 *     key of tests/certs/leaf.key and a 2049-bit key (emLen = k - 1):
 *     each verifies, and with salt length 0 glasstls signs the same bytes;
 *   - every check of EMSA-PSS-VERIFY (9.1.2) and RSASSA-PSS-VERIFY
 *     (8.1.2): the encoded block is built with glass_rsa_pss_encode(),
 *     altered, and pushed through the raw private-key operation, so each
 *     bad form reaches the verifier exactly as written; the unaltered block
 *     is the control that verifies.
 *
 * The NIST SigGenPSS/SigVerPSS files run in glass-kat.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/rsa.h"
#include "glasstls/sha2.h"
#include "helpers/splitmix.h"

static int failing_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    (void)out;
    (void)len;
    return GLASS_E_RNG;
}

static const glass_hash_id tls_hashes[] = { GLASS_HASH_SHA256, GLASS_HASH_SHA384, GLASS_HASH_SHA512 };

/* ------------------------------------------------------------ the vector file */

#define VEC_PATH "tests/vectors/rsa_pss_cryptography.vec"
#define MAX_KEYS 2
#define MAX_SIGS 16

typedef struct pss_sig {
    int key;                              /* index into keys[] */
    glass_hash_id hash;
    uint8_t msg[256];
    size_t msg_len, salt_len, sig_len;
    uint8_t sig[GLASS_RSA_MAX_BYTES];
} pss_sig;

static glass_rsa_private keys[MAX_KEYS];
static size_t nkeys;
static pss_sig sigs[MAX_SIGS];
static size_t nsigs;
static uint64_t seed = 17;

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = strlen(s);
    if (n % 2 != 0 || n / 2 > cap)
        return (size_t)-1;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return (size_t)-1;
        out[i] = (uint8_t)v;
    }
    return n / 2;
}

/* Key lines n, e, d, p, q, dp, dq, qinv, then signature records
 * hash/msg/salt_len/sig; a new "n" starts the next key. */
static int load_vectors(void)
{
    static uint8_t part[8][GLASS_RSA_MAX_BYTES];
    static const char *names[8] = { "n", "e", "d", "p", "q", "dp", "dq", "qinv" };
    size_t plen[8] = { 0 };
    char line[4096];
    FILE *f = fopen(VEC_PATH, "r");
    if (f == NULL)
        return -1;
    int pending_key = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strstr(line, " = ");
        if (line[0] == '#' || eq == NULL)
            continue;
        *eq = '\0';
        const char *val = eq + 3;
        int i;
        for (i = 0; i < 8 && strcmp(line, names[i]) != 0; i++)
            ;
        if (i < 8) {
            plen[i] = unhex(val, part[i], sizeof part[i]);
            if (plen[i] == (size_t)-1)
                rc = -1;
            pending_key = i == 7;
            continue;
        }
        if (pending_key) {                /* the first record after a key */
            glass_rsa_private_parts pp = {
                part[0], part[1], part[2], part[3], part[4], part[5], part[6], part[7],
                plen[0], plen[1], plen[2], plen[3], plen[4], plen[5], plen[6], plen[7] };
            if (nkeys == MAX_KEYS || glass_rsa_private_load(&keys[nkeys], &pp) != 0)
                rc = -1;
            nkeys++;
            pending_key = 0;
        }
        if (strcmp(line, "hash") == 0) {
            if (nsigs == MAX_SIGS || nkeys == 0)
                rc = -1;
            else {
                pss_sig *s = &sigs[nsigs++];
                s->key = (int)nkeys - 1;
                s->hash = strcmp(val, "SHA256") == 0 ? GLASS_HASH_SHA256
                        : strcmp(val, "SHA384") == 0 ? GLASS_HASH_SHA384
                        : strcmp(val, "SHA512") == 0 ? GLASS_HASH_SHA512 : GLASS_HASH_NONE;
            }
        } else if (nsigs == 0) {
            rc = -1;
        } else if (strcmp(line, "msg") == 0) {
            sigs[nsigs - 1].msg_len = unhex(val, sigs[nsigs - 1].msg, sizeof sigs[0].msg);
        } else if (strcmp(line, "salt_len") == 0) {
            sigs[nsigs - 1].salt_len = (size_t)strtoul(val, NULL, 10);
        } else if (strcmp(line, "sig") == 0) {
            sigs[nsigs - 1].sig_len = unhex(val, sigs[nsigs - 1].sig, sizeof sigs[0].sig);
        }
    }
    fclose(f);
    return rc;
}

static int group_setup(void **state)
{
    (void)state;
    int rc = load_vectors();
    if (rc != 0 || nkeys != 2 || nsigs != 15) {
        fprintf(stderr, "%s: rc %d, %zu keys, %zu signatures (want 2 and 15)\n", VEC_PATH, rc,
                nkeys, nsigs);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < nkeys; i++)
        glass_rsa_private_free(&keys[i]);
    return 0;
}

/* ------------------------------------------------------------ round trips */

static void test_round_trip(void **state)
{
    (void)state;
    const glass_rsa_private *key = &keys[0];
    const size_t k = glass_rsa_size(&key->pub);
    uint8_t dig[GLASS_HASH_MAX_SIZE], sig[GLASS_RSA_MAX_BYTES], sig2[GLASS_RSA_MAX_BYTES];
    for (size_t i = 0; i < 3; i++) {
        glass_hash_id h = tls_hashes[i];
        size_t hl = glass_hash_size(h);
        assert_int_equal(glass_hash(h, "round trip", 10, dig), 0);
        /* TLS 1.2 rsa_pss_rsae_*: salt = digest length */
        assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, h, dig, hl, hl, sig, k), 0);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, hl, sig, k), 0);
        /* a fresh salt each time: another signature, which verifies too */
        assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, h, dig, hl, hl, sig2, k), 0);
        assert_memory_not_equal(sig, sig2, k);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, hl, sig2, k), 0);
        /* the salt length is part of what is verified */
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, hl - 1, sig, k), GLASS_E_RSA_VERIFY);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, hl + 1, sig, k), GLASS_E_RSA_VERIFY);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, 0, sig, k), GLASS_E_RSA_VERIFY);
        /* another digest */
        dig[hl - 1] ^= 1;
        assert_int_equal(glass_rsa_pss_verify(&key->pub, h, dig, hl, hl, sig, k), GLASS_E_RSA_VERIFY);
    }
    /* the 2049-bit key (EM one octet shorter than the modulus), empty salt */
    const glass_rsa_private *odd = &keys[1];
    assert_int_equal(odd->pub.bits, 2049);
    const size_t k2 = glass_rsa_size(&odd->pub);
    assert_int_equal(glass_hash(GLASS_HASH_SHA512, "odd", 3, dig), 0);
    for (size_t salt = 0; salt <= 64; salt += 64) {
        assert_int_equal(glass_rsa_pss_sign(odd, test_splitmix_rng, &seed, GLASS_HASH_SHA512,
                                            dig, 64, salt, sig, k2), 0);
        assert_int_equal(sig[0] <= 0x01, 1);
        assert_int_equal(glass_rsa_pss_verify(&odd->pub, GLASS_HASH_SHA512, dig, 64, salt, sig, k2), 0);
    }
}

/* ------------------------------------------------------------ pyca/cryptography */

static void test_cryptography_vectors(void **state)
{
    (void)state;
    uint8_t dig[GLASS_HASH_MAX_SIZE], sig[GLASS_RSA_MAX_BYTES];
    size_t deterministic = 0;
    for (size_t i = 0; i < nsigs; i++) {
        const pss_sig *v = &sigs[i];
        const glass_rsa_private *key = &keys[v->key];
        const size_t k = glass_rsa_size(&key->pub), hl = glass_hash_size(v->hash);
        assert_int_not_equal(hl, 0);
        assert_int_equal(v->sig_len, k);
        assert_int_equal(glass_hash(v->hash, v->msg, v->msg_len, dig), 0);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, v->hash, dig, hl, v->salt_len, v->sig, k), 0);
        assert_int_equal(glass_rsa_pss_verify(&key->pub, v->hash, dig, hl, v->salt_len + 1, v->sig, k),
                         GLASS_E_RSA_VERIFY);
        memcpy(sig, v->sig, k);
        sig[k / 2] ^= 0x04;
        assert_int_equal(glass_rsa_pss_verify(&key->pub, v->hash, dig, hl, v->salt_len, sig, k),
                         GLASS_E_RSA_VERIFY);
        if (v->salt_len == 0) {
            /* no salt: PSS is deterministic, so the bytes must agree */
            assert_int_equal(glass_rsa_pss_sign_with_salt(key, test_splitmix_rng, &seed, v->hash,
                                                          dig, hl, NULL, 0, sig, k), 0);
            assert_memory_equal(sig, v->sig, k);
            assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, v->hash,
                                                dig, hl, 0, sig, k), 0);
            assert_memory_equal(sig, v->sig, k);
            deterministic++;
        }
    }
    assert_int_equal(deterministic, 6);
}

/* ------------------------------------------------------------ forgeries */

static const glass_rsa_private *fk;   /* the key of the forgery tests */
static size_t fk_len;

/* EM for (SHA-256, dig, salt) on the 2048-bit key: emLen = k. */
static void encode(const uint8_t *dig, const uint8_t *salt, size_t salt_len, uint8_t *em)
{
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA256, dig, 32, salt, salt_len,
                                          fk->pub.bits - 1, em, fk_len), 0);
}

/* "Signs" any block: sig = em^d mod n (em < n). */
static void forge(const uint8_t *em, uint8_t *sig)
{
    assert_int_equal(glass_rsa_private_raw(fk, test_splitmix_rng, &seed, em, fk_len, sig, fk_len), 0);
}

static int verify256(const uint8_t *dig, size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    return glass_rsa_pss_verify(&fk->pub, GLASS_HASH_SHA256, dig, 32, salt_len, sig, sig_len);
}

static void test_verify_forgeries(void **state)
{
    (void)state;
    fk = &keys[0];
    fk_len = glass_rsa_size(&fk->pub);
    assert_int_equal(fk->pub.bits % 8, 0);           /* emLen = k, one top bit */
    const size_t k = fk_len, hl = 32, sl = 32, ps_len = k - sl - hl - 2;
    uint8_t dig[32], salt[32], em[GLASS_RSA_MAX_BYTES], bad[GLASS_RSA_MAX_BYTES];
    uint8_t sig[GLASS_RSA_MAX_BYTES + 1], nb[8 * GLASS_RSA_MAX_BYTES];
    glass_rsa_private_parts pp;
    assert_int_equal(glass_rsa_private_export(fk, nb, sizeof nb, &pp), 0);
    assert_int_equal(pp.n_len, k);

    glass_sha256("forged", 6, dig);
    test_splitmix_rng(&seed, salt, sizeof salt);
    encode(dig, salt, sl, em);
    /* control: the untouched block verifies */
    forge(em, sig);
    assert_int_equal(verify256(dig, sl, sig, k), 0);

    /* 9.1.2 step 4: the trailer octet must be 0xbc */
    static const uint8_t trailers[] = { 0xbd, 0x00, 0xcc, 0xbb, 0x3c };
    for (size_t i = 0; i < sizeof trailers; i++) {
        memcpy(bad, em, k);
        bad[k - 1] = trailers[i];
        forge(bad, sig);
        assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    }

    /* step 6: the leftmost 8emLen - emBits (here 1) bits of maskedDB must
     * be zero.  Setting the top bit alone leaves DB after step 9 and H
     * unchanged, so only step 6 can refuse it; the block must stay below
     * n, so draw salts until it does. */
    int tried = 0;
    for (int attempt = 0; attempt < 200 && !tried; attempt++) {
        test_splitmix_rng(&seed, salt, sizeof salt);
        encode(dig, salt, sl, bad);
        assert_int_equal(bad[0] & 0x80, 0);              /* step 11 of the encoding */
        bad[0] |= 0x80;
        if (memcmp(bad, pp.n, k) >= 0)
            continue;
        forge(bad, sig);
        assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
        bad[0] &= 0x7f;                                  /* control */
        forge(bad, sig);
        assert_int_equal(verify256(dig, sl, sig, k), 0);
        tried = 1;
    }
    assert_true(tried);
    encode(dig, salt, sl, em);

    /* step 10: XORing a delta into maskedDB changes DB by the same delta
     * and nothing else (H and the mask stay), so these reach step 10 only */
    memcpy(bad, em, k);                                  /* separator 0x01 -> 0x00 */
    bad[ps_len] ^= 0x01;
    forge(bad, sig);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    memcpy(bad, em, k);                                  /* separator 0x01 -> 0x03 */
    bad[ps_len] ^= 0x02;
    forge(bad, sig);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    for (size_t pos = 1; pos < ps_len; pos += ps_len / 7) {  /* a nonzero PS octet */
        memcpy(bad, em, k);
        bad[pos] ^= 0x01;
        forge(bad, sig);
        assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    }
    memcpy(bad, em, k);                                  /* the 0x01 one octet later */
    bad[ps_len] ^= 0x01;
    bad[ps_len + 1] ^= 0x01;
    forge(bad, sig);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    /* ... which is a valid-looking layout for a salt one octet shorter,
     * and the hash check (step 14) catches that one */
    assert_int_equal(verify256(dig, sl - 1, sig, k), GLASS_E_RSA_VERIFY);

    /* step 14: H changed, or a salt octet changed */
    memcpy(bad, em, k);
    bad[k - 2] ^= 0x01;
    forge(bad, sig);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    memcpy(bad, em, k);
    bad[k - hl - 2] ^= 0x80;                             /* last salt octet */
    forge(bad, sig);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);

    /* wrong hash: the same message under SHA-384 (its own digest), and
     * the SHA-256 digest presented as another hash's */
    uint8_t d384[48];
    forge(em, sig);
    glass_sha384("forged", 6, d384);
    assert_int_equal(glass_rsa_pss_verify(&fk->pub, GLASS_HASH_SHA384, d384, 48, sl, sig, k),
                     GLASS_E_RSA_VERIFY);
    assert_int_equal(glass_rsa_pss_verify(&fk->pub, GLASS_HASH_SHA384, dig, 32, sl, sig, k),
                     GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_verify(&fk->pub, GLASS_HASH_SHA1, dig, 20, sl, sig, k),
                     GLASS_E_RSA_VERIFY);
    assert_int_equal(glass_rsa_pss_verify(&fk->pub, GLASS_HASH_NONE, dig, 32, sl, sig, k),
                     GLASS_E_HASH_UNSUPPORTED);

    /* salt length mismatch, and step 3 (emLen < hLen + sLen + 2), also
     * for lengths that would overflow a careless subtraction */
    static const size_t salts[] = { 0, 1, 20, 31, 33, 48, 64 };
    for (size_t i = 0; i < sizeof salts / sizeof salts[0]; i++)
        assert_int_equal(verify256(dig, salts[i], sig, k), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, k - hl - 1, sig, k), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, k, sig, k), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, SIZE_MAX, sig, k), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, SIZE_MAX - 30, sig, k), GLASS_E_RSA_VERIFY);

    /* 8.1.2 step 1: exactly k octets (truncated, too long, leading zero) */
    assert_int_equal(verify256(dig, sl, sig, k), 0);
    assert_int_equal(verify256(dig, sl, sig, k - 1), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, sl, sig, 0), GLASS_E_RSA_VERIFY);
    assert_int_equal(verify256(dig, sl, NULL, 0), GLASS_E_RSA_VERIFY);
    sig[k] = 0x00;
    assert_int_equal(verify256(dig, sl, sig, k + 1), GLASS_E_RSA_VERIFY);
    memmove(sig + 1, sig, k);
    sig[0] = 0x00;
    assert_int_equal(verify256(dig, sl, sig, k + 1), GLASS_E_RSA_VERIFY);

    /* step 2.b: s >= n ("signature representative out of range") */
    memcpy(sig, pp.n, k);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    memset(sig, 0xff, k);
    assert_int_equal(verify256(dig, sl, sig, k), GLASS_E_RSA_VERIFY);
    /* s + n, which is s again modulo n, is refused as well */
    forge(em, sig);
    {
        unsigned carry = 0;
        uint8_t sum[GLASS_RSA_MAX_BYTES];
        for (size_t i = k; i-- > 0;) {
            unsigned t = (unsigned)sig[i] + pp.n[i] + carry;
            sum[i] = (uint8_t)t;
            carry = t >> 8;
        }
        if (carry == 0)
            assert_int_equal(verify256(dig, sl, sum, k), GLASS_E_RSA_VERIFY);
    }
}

/* 8.1.2 step 2.c on the 2049-bit key: EM = I2OSP(m, emLen) with emLen =
 * k - 1, so an m whose top octet is not zero is "integer too large". */
static void test_verify_short_em(void **state)
{
    (void)state;
    const glass_rsa_private *odd = &keys[1];
    const size_t k = glass_rsa_size(&odd->pub), em_len = k - 1;
    uint8_t dig[64], m[GLASS_RSA_MAX_BYTES], sig[GLASS_RSA_MAX_BYTES], nb[8 * GLASS_RSA_MAX_BYTES];
    glass_rsa_private_parts pp;
    assert_int_equal(glass_rsa_private_export(odd, nb, sizeof nb, &pp), 0);
    assert_int_equal(pp.n[0], 0x01);
    glass_sha512("short", 5, dig);
    m[0] = 0x00;
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA512, dig, 64, NULL, 0, 2048,
                                          m + 1, em_len), 0);
    assert_int_equal(glass_rsa_private_raw(odd, test_splitmix_rng, &seed, m, k, sig, k), 0);
    assert_int_equal(glass_rsa_pss_verify(&odd->pub, GLASS_HASH_SHA512, dig, 64, 0, sig, k), 0);
    /* the same EM with a 0x01 octet in front: still below n when the rest
     * is below n's lower octets; find such an EM by choosing the salt */
    int tried = 0;
    for (uint8_t s = 0; s < 200 && !tried; s++) {
        uint8_t salt[1] = { s };
        assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA512, dig, 64, salt, 1, 2048,
                                              m + 1, em_len), 0);
        m[0] = 0x01;
        if (memcmp(m, pp.n, k) >= 0)
            continue;
        assert_int_equal(glass_rsa_private_raw(odd, test_splitmix_rng, &seed, m, k, sig, k), 0);
        assert_int_equal(glass_rsa_pss_verify(&odd->pub, GLASS_HASH_SHA512, dig, 64, 1, sig, k),
                         GLASS_E_RSA_VERIFY);
        m[0] = 0x00;                                     /* control */
        assert_int_equal(glass_rsa_private_raw(odd, test_splitmix_rng, &seed, m, k, sig, k), 0);
        assert_int_equal(glass_rsa_pss_verify(&odd->pub, GLASS_HASH_SHA512, dig, 64, 1, sig, k), 0);
        tried = 1;
    }
    assert_true(tried);
}

/* ------------------------------------------------------------ bad arguments */

static void test_sign_args(void **state)
{
    (void)state;
    const glass_rsa_private *key = &keys[0];
    const size_t k = glass_rsa_size(&key->pub);
    uint8_t dig[64] = { 0 }, salt[GLASS_RSA_MAX_BYTES + 1] = { 0 }, sig[GLASS_RSA_MAX_BYTES], em[512];
    memset(sig, 0x5a, sizeof sig);
    /* SHA-1: verification only */
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA1, dig, 20, 20, sig, k),
                     GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_rsa_pss_sign_with_salt(key, test_splitmix_rng, &seed, GLASS_HASH_SHA1, dig, 20,
                                                  salt, 20, sig, k), GLASS_E_HASH_UNSUPPORTED);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_NONE, dig, 32, 32, sig, k),
                     GLASS_E_HASH_UNSUPPORTED);
    /* digest of the wrong length */
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 31, 32, sig, k),
                     GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, NULL, 32, 32, sig, k),
                     GLASS_E_INVALID_ARG);
    /* 9.1.1 step 3: emLen >= hLen + sLen + 2, so at most k - 66 octets
     * of salt with SHA-512 on a 2048-bit key */
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA512, dig, 64,
                                        k - 66, sig, k), 0);
    assert_int_equal(glass_rsa_pss_verify(&key->pub, GLASS_HASH_SHA512, dig, 64, k - 66, sig, k), 0);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA512, dig, 64,
                                        k - 65, sig, k), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA512, dig, 64,
                                        SIZE_MAX, sig, k), GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_sign_with_salt(key, test_splitmix_rng, &seed, GLASS_HASH_SHA512, dig, 64,
                                                  salt, sizeof salt, sig, k), GLASS_E_BAD_LENGTH);
    /* salt NULL with a length, buffers, key, RNG */
    assert_int_equal(glass_rsa_pss_sign_with_salt(key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32,
                                                  NULL, 1, sig, k), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, 32, sig, k - 1),
                     GLASS_E_BUFFER_TOO_SMALL);
    assert_int_equal(glass_rsa_pss_sign(key, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, 32, NULL, k),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_sign(NULL, test_splitmix_rng, &seed, GLASS_HASH_SHA256, dig, 32, 32, sig, k),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_sign(key, NULL, NULL, GLASS_HASH_SHA256, dig, 32, 32, sig, k),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_sign(key, failing_rng, NULL, GLASS_HASH_SHA256, dig, 32, 32, sig, k),
                     GLASS_E_RNG);
    /* the blinding draws from the RNG too: an empty salt still fails */
    assert_int_not_equal(glass_rsa_pss_sign(key, failing_rng, NULL, GLASS_HASH_SHA256, dig, 32, 0, sig, k), 0);
    assert_int_equal(glass_rsa_pss_verify(NULL, GLASS_HASH_SHA256, dig, 32, 32, sig, k), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_verify(&key->pub, GLASS_HASH_SHA256, NULL, 32, 32, sig, k),
                     GLASS_E_BAD_LENGTH);

    /* the encoder alone: emLen = ceil(emBits / 8), step 3, and SHA-1 */
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA256, dig, 32, NULL, 0, 2047, em, 255),
                     GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA256, dig, 32, NULL, 0, 0, em, 0),
                     GLASS_E_INVALID_ARG);
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA256, dig, 32, NULL, 0, 8 * 34, em, 34), 0);
    assert_int_equal(em[33], 0xbc);
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA256, dig, 32, NULL, 0, 8 * 33, em, 33),
                     GLASS_E_BAD_LENGTH);
    assert_int_equal(glass_rsa_pss_encode(GLASS_HASH_SHA1, dig, 20, salt, 20, 2047, em, 256), 0);
    assert_int_equal(em[0] & 0x80, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_cryptography_vectors),
        cmocka_unit_test(test_verify_forgeries),
        cmocka_unit_test(test_verify_short_em),
        cmocka_unit_test(test_sign_args),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
