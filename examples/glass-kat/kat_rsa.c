/*
 * kat_rsa.c — RSA PKCS#1 v1.5 known answers (RFC 8017):
 *   - NIST CAVP SigGen15_186-3: signing Msg with (n, d) must give exactly S
 *     (v1.5 signatures are deterministic), and S must verify;
 *   - NIST CAVP SigVer15_186-3.rsp: each record's P/F result;
 *   - RSA Labs pkcs1v15crypt-vectors.txt: encryption with the given Seed as
 *     the padding string must give the Encryption exactly, and decrypting
 *     it must give the Message back.
 *   - NIST CAVP SigGenPSS_186-3: RSASSA-PSS (RFC 8017 8.1) signing Msg with
 *     (n, d) and the record's SaltVal must give exactly S, and S must
 *     verify with that salt length;
 *   - NIST CAVP SigVerPSS_186-3.rsp: each record's P/F result, verified
 *     with the salt length of its SaltVal ("SaltVal = 00" is the CAVP
 *     spelling of an empty salt).
 * Every SHAAlg of the files (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512)
 * runs.  glasstls does not sign with SHA-1, so a SHA-1 SigGen record is
 * signed through glass_rsa_pss_encode() and the raw private-key operation
 * (the same steps as glass_rsa_pss_sign_with_salt() without the policy
 * check) and the note says how many.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/err.h"
#include "glasstls/rsa.h"
#include "glasstls/sha2.h"
#include "kat.h"
#include "kat_field.h"

/* Deterministic generator for the blinding values (splitmix64): the
 * results do not depend on it, only the intermediate values do. */
static int kat_rng(void *ctx, uint8_t *out, size_t len)
{
    uint64_t *s = ctx;
    for (size_t i = 0; i < len; i++) {
        uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        out[i] = (uint8_t)(z ^ (z >> 31));
    }
    return 0;
}

static int is_siggen(const kat_file *f) { return kat_contains(f, "SigGen PKCS#1 Ver1.5"); }
static int is_sigver(const kat_file *f) { return kat_contains(f, "SigVer PKCS#1 Ver 1.5"); }
static int is_pss_gen(const kat_file *f)
{
    return kat_contains(f, "SigGen RSA PKCS#1 RSASSA-PSS") && kat_contains(f, "\nSaltVal = ");
}
static int is_pss_ver(const kat_file *f)
{
    return kat_contains(f, "SigVer RSA PKCS#1 RSASSA-PSS") && kat_contains(f, "\nResult = ");
}
static int is_crypt(const kat_file *f)
{
    return kat_contains(f, "PKCS#1 v1.5 Encryption Example") &&
           kat_contains(f, "# Seed:");
}

static int detect(const kat_file *f)
{
    return is_siggen(f) || is_sigver(f) || is_pss_gen(f) || is_pss_ver(f) || is_crypt(f);
}

/* "SHA256" -> id; -1 unknown */
static int hash_of(rsp_str s)
{
    if (rsp_eq(s, "SHA1"))   return GLASS_HASH_SHA1;
    if (rsp_eq(s, "SHA224")) return GLASS_HASH_SHA224;
    if (rsp_eq(s, "SHA256")) return GLASS_HASH_SHA256;
    if (rsp_eq(s, "SHA384")) return GLASS_HASH_SHA384;
    if (rsp_eq(s, "SHA512")) return GLASS_HASH_SHA512;
    return -1;
}

#define BIG (GLASS_RSA_MAX_BYTES + 16)

/* CAVP writes some values as integers with an odd number of hex digits
 * (a leading zero nibble dropped): decode as if a '0' were prepended. */
static long hex_int(const rsp_kv *kv, uint8_t *out, size_t cap, kat_counts *c)
{
    if (kv->value.n % 2 == 0)
        return rsp_hex(kv, out, cap, c);
    if (cap == 0)
        return -1;
    char first[2] = { '0', kv->value.p[0] };
    if (kat_hex(first, 2, out, 1) != 1) {
        kat_fail_format(c, kv->line, "not a hex value");
        return -1;
    }
    rsp_kv rest = *kv;
    rest.value.p++;
    rest.value.n--;
    long n = rsp_hex(&rest, out + 1, cap - 1, c);
    return n < 0 ? -1 : n + 1;
}

/* Left-pads a big-endian integer of len bytes to k bytes (I2OSP). */
static size_t pad_to(uint8_t *v, size_t len, size_t k)
{
    if (len >= k)
        return len;
    memmove(v + (k - len), v, len);
    memset(v, 0, k - len);
    return k;
}

/* 1 when sig verifies: PKCS#1 v1.5, or PSS with a salt of salt_len octets. */
static int verify(const glass_rsa_public *pub, int pss, glass_hash_id h, const uint8_t *dig,
                  size_t hl, size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    if (pss)
        return glass_rsa_pss_verify(pub, h, dig, hl, salt_len, sig, sig_len) == 0;
    return glass_rsa_pkcs1_verify(pub, h, dig, hl, sig, sig_len) == 0;
}

/* RSASSA-PSS signing of one SigGenPSS record; SHA-1 (which the signing
 * API refuses) through EMSA-PSS-ENCODE and RSASP1 by hand (8.1.1). */
static int pss_sign(const glass_rsa_private *priv, uint64_t *seed, glass_hash_id h,
                    const uint8_t *dig, size_t hl, const uint8_t *salt, size_t salt_len,
                    uint8_t *sig, size_t cap)
{
    static uint8_t em[GLASS_RSA_MAX_BYTES];
    if (h != GLASS_HASH_SHA1)
        return glass_rsa_pss_sign_with_salt(priv, kat_rng, seed, h, dig, hl, salt, salt_len,
                                            sig, cap);
    size_t k = priv->pub.len, em_bits = priv->pub.bits - 1, em_len = (em_bits + 7) / 8;
    memset(em, 0, sizeof em);
    int rc = glass_rsa_pss_encode(h, dig, hl, salt, salt_len, em_bits, em + (k - em_len), em_len);
    return rc != 0 ? rc : glass_rsa_private_raw(priv, kat_rng, seed, em, k, sig, cap);
}

/* The salt of a PSS record: the bytes of SaltVal, "00" meaning none. */
static long salt_of(const rsp_record *rec, uint8_t *salt, size_t cap, kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, "SaltVal", 0);
    if (kv == NULL) {
        kat_fail_format(c, rec->line, "PSS record without SaltVal");
        return -1;
    }
    if (rsp_eq(kv->value, "00"))
        return 0;
    return rsp_hex(kv, salt, cap, c);
}

/* The four CAVP files: n (and e, d) come in records of their own before
 * the message records; SigVer repeats e and d in each record. */
static void run_sig(const kat_file *f, kat_counts *c, int gen, int pss)
{
    static uint8_t n[BIG], e[BIG], d[BIG], msg[1024], s[BIG], sig[BIG], dig[64], salt[BIG];
    static glass_rsa_private priv;
    long n_len = -1, e_len = -1, d_len = -1, salt_len = 0;
    unsigned long sha1 = 0, sha1_by_hand = 0;
    uint64_t seed = 1;
    int have_key = 0;
    rsp_reader r;
    rsp_record rec;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        const rsp_kv *kn = rsp_field(&rec, "n", 0), *ke = rsp_field(&rec, "e", 0);
        const rsp_kv *kd = rsp_field(&rec, "d", 0), *kalg = rsp_field(&rec, "SHAAlg", 0);
        if (kn && (n_len = hex_int(kn, n, sizeof n, c)) < 0) return;
        if (ke && (e_len = hex_int(ke, e, sizeof e, c)) < 0) return;
        if (gen && kd && (d_len = hex_int(kd, d, sizeof d, c)) < 0) return;
        if (kn || ke || kd)
            have_key = 0;
        if (kalg == NULL)
            continue;
        const rsp_kv *km = rsp_field(&rec, "Msg", 0), *ks = rsp_field(&rec, "S", 0);
        const rsp_kv *kres = rsp_field(&rec, "Result", 0);
        if (km == NULL || ks == NULL || n_len < 0 || e_len < 0 || (!gen && kres == NULL)) {
            kat_fail_format(c, rec.line, "record without n, e, Msg, S%s", gen ? "" : " or Result");
            return;
        }
        long m_len = hex_int(km, msg, sizeof msg, c), s_len = hex_int(ks, s, sizeof s, c);
        if (m_len < 0 || s_len < 0)
            return;
        if (pss && (salt_len = salt_of(&rec, salt, sizeof salt, c)) < 0)
            return;
        int h = hash_of(kalg->value);
        if (h < 0) {
            kat_fail_format(c, kalg->line, "unknown SHAAlg");
            return;
        }
        if (glass_hash((glass_hash_id)h, msg, (size_t)m_len, dig) != 0) {
            c->skipped++;                 /* hash not available in this build */
            if (h == GLASS_HASH_SHA1)
                sha1++;
            continue;
        }
        size_t hl = glass_hash_size((glass_hash_id)h);
        glass_rsa_public pub;
        int loaded = glass_rsa_public_load(&pub, n, (size_t)n_len, e, (size_t)e_len) == 0;
        if (loaded && !gen)
            s_len = (long)pad_to(s, (size_t)s_len, pub.len);
        if (gen) {
            /* SigGen: sign with the private key (n, e, d) -> exactly S */
            int ok = loaded;
            if (ok && !have_key) {
                glass_rsa_private_parts parts = { 0 };
                parts.n = n; parts.n_len = (size_t)n_len;
                parts.e = e; parts.e_len = (size_t)e_len;
                parts.d = d; parts.d_len = d_len < 0 ? 0 : (size_t)d_len;
                ok = glass_rsa_private_load(&priv, &parts) == 0;
                have_key = ok;
            }
            if (ok && pss) {
                sha1_by_hand += h == GLASS_HASH_SHA1;
                ok = pss_sign(&priv, &seed, (glass_hash_id)h, dig, hl, salt, (size_t)salt_len,
                              sig, sizeof sig) == 0;
            } else if (ok) {
                ok = glass_rsa_pkcs1_sign(&priv, kat_rng, &seed, (glass_hash_id)h, dig, hl,
                                          sig, sizeof sig) == 0;
            }
            ok = ok && (size_t)s_len == pub.len && memcmp(sig, s, pub.len) == 0;
            if (ok)
                ok = verify(&pub, pss, (glass_hash_id)h, dig, hl, (size_t)salt_len, s,
                            (size_t)s_len);
            kat_result(c, f, rec.line, ok);
        } else {
            /* SigVer: "Result = P" must verify, "F (...)" must not */
            int want = kres->value.n > 0 && kres->value.p[0] == 'P';
            int got = loaded && verify(&pub, pss, (glass_hash_id)h, dig, hl, (size_t)salt_len, s,
                                       (size_t)s_len);
            kat_result(c, f, rec.line, want == got);
        }
    }
    glass_rsa_private_free(&priv);
    if (sha1)
        kat_note(c, "skipped: %lu SHA-1 (hash unavailable)", sha1);
    if (sha1_by_hand)
        kat_note(c, "%lu SHA-1 signed via glass_rsa_pss_encode + raw RSASP1 (no SHA-1 signing API)",
                 sha1_by_hand);
}

static void run_siggen(const kat_file *f, kat_counts *c) { run_sig(f, c, 1, 0); }
static void run_sigver(const kat_file *f, kat_counts *c) { run_sig(f, c, 0, 0); }
static void run_pss_gen(const kat_file *f, kat_counts *c) { run_sig(f, c, 1, 1); }
static void run_pss_ver(const kat_file *f, kat_counts *c) { run_sig(f, c, 0, 1); }

/* ---------------------------------------------------------------- pkcs1v15crypt */

enum { F_N, F_E, F_D, F_P, F_Q, F_DP, F_DQ, F_QINV, F_MSG, F_SEED, F_ENC, F_COUNT, F_NONE };

typedef struct crypt_state {
    uint8_t  v[F_COUNT][BIG];
    size_t   len[F_COUNT];
    int      private_section;
    int      key_loaded;
    glass_rsa_public  pub;
    glass_rsa_private priv;
    uint64_t seed;
} crypt_state;

static int starts(const char *p, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(p, lit, l) == 0;
}

/* Runs one example once its Encryption block has been read. */
static void crypt_example(crypt_state *st, const kat_file *f, kat_counts *c, unsigned long line)
{
    uint8_t out[BIG], dec[BIG];
    size_t dec_len = 0;
    if (!st->key_loaded) {
        glass_rsa_private_parts parts = {
            st->v[F_N], st->v[F_E], st->v[F_D], st->v[F_P], st->v[F_Q],
            st->v[F_DP], st->v[F_DQ], st->v[F_QINV],
            st->len[F_N], st->len[F_E], st->len[F_D], st->len[F_P], st->len[F_Q],
            st->len[F_DP], st->len[F_DQ], st->len[F_QINV] };
        st->key_loaded =
            glass_rsa_public_load(&st->pub, st->v[F_N], st->len[F_N], st->v[F_E], st->len[F_E]) == 0 &&
            glass_rsa_private_load(&st->priv, &parts) == 0 ? 1 : -1;
    }
    int ok = st->key_loaded == 1;
    if (ok)
        ok = glass_rsa_pkcs1_encrypt_with_padding(&st->pub, st->v[F_SEED], st->len[F_SEED],
                                                  st->v[F_MSG], st->len[F_MSG], out, sizeof out) == 0 &&
             st->len[F_ENC] == st->pub.len && memcmp(out, st->v[F_ENC], st->pub.len) == 0;
    if (ok)
        ok = glass_rsa_pkcs1_decrypt(&st->priv, kat_rng, &st->seed, st->v[F_ENC], st->len[F_ENC],
                                     dec, sizeof dec, &dec_len) == 0 &&
             dec_len == st->len[F_MSG] && memcmp(dec, st->v[F_MSG], dec_len) == 0;
    kat_result(c, f, line, ok);
}

static void run_crypt(const kat_file *f, kat_counts *c)
{
    static crypt_state st;
    const char *p = f->data, *end = f->data + f->len;
    unsigned long lineno = 0, enc_line = 0;
    int field = F_NONE;

    memset(&st, 0, sizeof st);
    st.seed = 7;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        size_t n = (size_t)(le - p);
        while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        lineno++;
        if (n > 0 && p[0] == '#') {     /* any comment line ends a hex block */
            int next = F_NONE;
            if (starts(p, n, "# Example")) {
                glass_rsa_private_free(&st.priv);
                st.key_loaded = 0;
                st.private_section = 0;
            } else if (starts(p, n, "# Private key")) {
                st.private_section = 1;
            } else if (starts(p, n, "# Modulus:")) {
                next = F_N;
            } else if (starts(p, n, "# Public exponent:")) {
                next = F_E;
            } else if (starts(p, n, "# Exponent:")) {
                next = st.private_section ? F_D : F_E;
            } else if (starts(p, n, "# Prime 1:")) {
                next = F_P;
            } else if (starts(p, n, "# Prime 2:")) {
                next = F_Q;
            } else if (starts(p, n, "# Prime exponent 1:")) {
                next = F_DP;
            } else if (starts(p, n, "# Prime exponent 2:")) {
                next = F_DQ;
            } else if (starts(p, n, "# Coefficient:")) {
                next = F_QINV;
            } else if (starts(p, n, "# Message:")) {
                next = F_MSG;
            } else if (starts(p, n, "# Seed:")) {
                next = F_SEED;
            } else if (starts(p, n, "# Encryption:")) {
                next = F_ENC;
                enc_line = lineno;
            }
            if (field == F_ENC)
                crypt_example(&st, f, c, enc_line);
            field = next;
            if (next != F_NONE)
                st.len[next] = 0;
        } else if (n > 0 && field != F_NONE) {
            /* a line of space-separated hex octets */
            for (size_t i = 0; i < n;) {
                if (p[i] == ' ') {
                    i++;
                    continue;
                }
                if (i + 2 > n || st.len[field] >= BIG ||
                    kat_hex(p + i, 2, &st.v[field][st.len[field]], 1) != 1) {
                    kat_fail_format(c, lineno, "expected hex octets");
                    return;
                }
                st.len[field]++;
                i += 2;
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (field == F_ENC)
        crypt_example(&st, f, c, enc_line);
    glass_rsa_private_free(&st.priv);
}

static void run(const kat_file *f, kat_counts *c)
{
    if (is_siggen(f))
        run_siggen(f, c);
    else if (is_sigver(f))
        run_sigver(f, c);
    else if (is_pss_gen(f))
        run_pss_gen(f, c);
    else if (is_pss_ver(f))
        run_pss_ver(f, c);
    else
        run_crypt(f, c);
}

const kat_module kat_rsa = { "rsa", detect, run };
