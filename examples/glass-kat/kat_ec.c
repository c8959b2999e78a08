/*
 * kat_ec.c — P-256 and P-384 known answers: ECDSA (FIPS 186-4, CAVP
 * ECDSA2VS), the ECC CDH primitive (SP 800-56A 5.7.1.2) and the
 * deterministic signatures of RFC 6979.  Everything goes through the
 * public API of glasstls/ec.h.
 *
 * Files (recognised from their content):
 *   SigVer.rsp   [P-256,SHA-256] sections; Msg, Qx, Qy, R, S, Result:
 *                Msg hashed with the section's hash, verified, and the
 *                verdict compared with Result (P or F);
 *   SigGen.txt   Msg, d, Qx, Qy, k, R, S: d must give (Qx, Qy), signing
 *                with the given k must give exactly (R, S), which verifies;
 *   PKV.rsp      Qx, Qy, Result: public-key validation (SP 800-56A
 *                5.6.2.3.3) must accept exactly the P records;
 *   KeyPair.rsp  d, Qx, Qy: d G = Q;
 *   KAS_ECC_CDH_PrimitiveTest.txt  QCAVSx/y, dIUT, QIUTx/y, ZIUT: dIUT
 *                gives QIUT, and x(dIUT QCAVS) = ZIUT;
 *   tests/vectors/ecdsa_rfc6979.txt  the RFC's key records x, Ux, Uy and
 *                signature records Hash, Msg, k, R, S: glass_ecdsa_sign
 *                must derive k itself and give exactly (R, S).
 * Every hash of a section (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512)
 * runs.  Records of curves glasstls does not implement (P-192, P-224,
 * P-521, the binary K- and B- curves) are counted as skipped and named
 * in the note (kat_skip_*, kat_pending.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/ec.h"
#include "glasstls/err.h"
#include "glasstls/sha2.h"
#include "kat.h"
#include "kat_field.h"

enum layout { SIGVER, SIGGEN, PKV, KEYPAIR, CDH, RFC6979, NLAYOUT };

/* The same marks kat_pending.c used before these files ran. */
static int layout_of(const kat_file *f)
{
    if (kat_contains(f, "\"SigVer\" information") && kat_contains(f, "\nR = ") &&
        kat_contains(f, "\nResult = "))
        return SIGVER;
    if (kat_contains(f, "\nk = ") && kat_contains(f, "\nR = ") && kat_contains(f, "\nd = "))
        return SIGGEN;
    if (kat_contains(f, "\"PKV\" information") && kat_contains(f, "\nResult = "))
        return PKV;
    if (kat_contains(f, "\"Key Pair\" information") && kat_contains(f, "\nQx = "))
        return KEYPAIR;
    if (kat_contains(f, "ECC CDH Primitive") && kat_contains(f, "\nZIUT = "))
        return CDH;
    if (kat_contains(f, "RFC 6979") && kat_contains(f, "\nUx = ") && kat_contains(f, "\nHash = "))
        return RFC6979;
    return -1;
}

static int detect(const kat_file *f) { return layout_of(f) >= 0; }

/* The field of each layout that marks a record as one vector. */
static const char *const vector_key[NLAYOUT] = { "Result", "S", "Result", "Qx", "ZIUT", "S" };

/* The curve of the current section: the first bare parameter starting
 * "P-256" or "P-384" (followed by nothing or ","). */
static glass_ec_curve section_curve(const rsp_reader *r)
{
    for (size_t i = 0; i < r->nparams; i++) {
        rsp_str k = r->params[i].key;
        if (k.n >= 5 && (k.n == 5 || k.p[5] == ',')) {
            if (memcmp(k.p, "P-256", 5) == 0)
                return GLASS_EC_P256;
            if (memcmp(k.p, "P-384", 5) == 0)
                return GLASS_EC_P384;
        }
    }
    return GLASS_EC_NONE;
}

static glass_hash_id hash_named(rsp_str s)
{
    static const struct { const char *name; glass_hash_id id; } hashes[] = {
        { "SHA-1", GLASS_HASH_SHA1 },     { "SHA-224", GLASS_HASH_SHA224 },
        { "SHA-256", GLASS_HASH_SHA256 }, { "SHA-384", GLASS_HASH_SHA384 },
        { "SHA-512", GLASS_HASH_SHA512 },
    };
    for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
        if (rsp_eq(s, hashes[i].name))
            return hashes[i].id;
    return GLASS_HASH_NONE;
}

/* The hash after the comma of "[P-256,SHA-224]". */
static glass_hash_id section_hash(const rsp_reader *r)
{
    for (size_t i = 0; i < r->nparams; i++) {
        rsp_str k = r->params[i].key;
        const char *comma = memchr(k.p, ',', k.n);
        if (comma != NULL) {
            rsp_str h = { comma + 1, k.n - (size_t)(comma + 1 - k.p) };
            return hash_named(h);
        }
    }
    return GLASS_HASH_NONE;
}

/* Field `key` as a size-byte big-endian number.  The CAVP files write
 * numbers in hex of any length, odd included (PKV has out-of-range
 * coordinates of 65 digits).  Returns 1 when the value fits in size bytes,
 * 0 when it is larger, -1 with c->error set when missing or not hex. */
static int field_num(const rsp_record *rec, const char *key, uint8_t *out, size_t size,
                     kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, key, 0);
    char digits[2 * 80 + 2];
    uint8_t buf[80];
    size_t n;
    long len;

    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record lacks %s", key);
        return -1;
    }
    n = kv->value.n;
    if (n == 0 || n + 1 > 2 * sizeof buf) {
        kat_fail_format(c, kv->line, "%s: empty or longer than %zu bytes", key, sizeof buf);
        return -1;
    }
    digits[0] = '0';                        /* makes an odd count even */
    memcpy(digits + 1, kv->value.p, n);
    len = kat_hex(n % 2 ? digits : digits + 1, n % 2 ? n + 1 : n, buf, sizeof buf);
    if (len < 0) {
        kat_fail_format(c, kv->line, "%s: not a hex number", key);
        return -1;
    }
    size_t skip = 0;
    while (skip < (size_t)len && buf[skip] == 0)
        skip++;
    if ((size_t)len - skip > size)
        return 0;
    memset(out, 0, size);
    memcpy(out + size - ((size_t)len - skip), buf + skip, (size_t)len - skip);
    return 1;
}

/* Msg hashed with hash: digest and its length, or -1 with c->error. */
static long msg_digest(const rsp_record *rec, glass_hash_id hash, uint8_t *digest,
                       kat_counts *c)
{
    uint8_t *msg = NULL;
    long n = kat_field_hex(rec, "Msg", 0, &msg, c);
    if (n < 0)
        return -1;
    if (glass_hash(hash, msg, (size_t)n, digest) != 0) {
        free(msg);
        kat_fail_format(c, rec->line, "hash not available");
        return -1;
    }
    free(msg);
    return (long)glass_hash_size(hash);
}

/* A public point from two fields; 1 valid, 0 refused, -1 format error. */
static int field_point(const rsp_record *rec, const char *kx, const char *ky,
                       glass_ec_curve curve, glass_ec_public *pub, kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    uint8_t enc[GLASS_EC_MAX_POINT];
    int fx = field_num(rec, kx, enc + 1, size, c), fy;
    if (fx < 0)
        return -1;
    fy = field_num(rec, ky, enc + 1 + size, size, c);
    if (fy < 0)
        return -1;
    if (!fx || !fy)
        return 0;                            /* a coordinate >= 2^(8 size) */
    enc[0] = 0x04;
    return glass_ec_public_decode(pub, curve, enc, 1 + 2 * size) == 0;
}

/* d from a field gives the point of the two other fields. */
static int key_matches(const rsp_record *rec, const char *kd, const char *kx, const char *ky,
                       glass_ec_curve curve, glass_ec_private *key, kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    uint8_t d[GLASS_EC_MAX_BYTES], x[GLASS_EC_MAX_BYTES], y[GLASS_EC_MAX_BYTES];
    int fd = field_num(rec, kd, d, size, c), ok;
    if (fd < 0 || field_num(rec, kx, x, size, c) < 0 || field_num(rec, ky, y, size, c) < 0)
        return -1;
    ok = fd && glass_ec_private_load(key, curve, d, size) == 0 &&
         memcmp(key->pub.x, x, size) == 0 && memcmp(key->pub.y, y, size) == 0;
    memset(d, 0, sizeof d);
    return ok;
}

static int run_sigver(const rsp_reader *r, const rsp_record *rec, glass_ec_curve curve,
                      kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    glass_hash_id hash = section_hash(r);
    uint8_t digest[GLASS_HASH_MAX_SIZE], rr[GLASS_EC_MAX_BYTES], ss[GLASS_EC_MAX_BYTES];
    glass_ec_public pub;
    const rsp_kv *res = rsp_field(rec, "Result", 0);
    long dlen;
    int pt, fr, fs, valid;

    if (hash == GLASS_HASH_NONE) {
        kat_fail_format(c, rec->line, "section names no known hash");
        return -1;
    }
    if (res == NULL || res->value.n == 0 || (res->value.p[0] != 'P' && res->value.p[0] != 'F')) {
        kat_fail_format(c, rec->line, "Result is not P or F");
        return -1;
    }
    dlen = msg_digest(rec, hash, digest, c);
    if (dlen < 0 || (pt = field_point(rec, "Qx", "Qy", curve, &pub, c)) < 0 ||
        (fr = field_num(rec, "R", rr, size, c)) < 0 || (fs = field_num(rec, "S", ss, size, c)) < 0)
        return -1;
    valid = pt && fr && fs && glass_ecdsa_verify(&pub, digest, (size_t)dlen, rr, ss) == 0;
    return valid == (res->value.p[0] == 'P');
}

static int run_siggen(const rsp_reader *r, const rsp_record *rec, glass_ec_curve curve,
                      kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    glass_hash_id hash = section_hash(r);
    uint8_t digest[GLASS_HASH_MAX_SIZE], k[GLASS_EC_MAX_BYTES];
    uint8_t want_r[GLASS_EC_MAX_BYTES], want_s[GLASS_EC_MAX_BYTES];
    uint8_t got_r[GLASS_EC_MAX_BYTES], got_s[GLASS_EC_MAX_BYTES];
    glass_ec_private key;
    long dlen;
    int ok;

    if (hash == GLASS_HASH_NONE) {
        kat_fail_format(c, rec->line, "section names no known hash");
        return -1;
    }
    dlen = msg_digest(rec, hash, digest, c);
    if (dlen < 0 || field_num(rec, "k", k, size, c) < 0 ||
        field_num(rec, "R", want_r, size, c) < 0 || field_num(rec, "S", want_s, size, c) < 0)
        return -1;
    ok = key_matches(rec, "d", "Qx", "Qy", curve, &key, c);
    if (ok < 0)
        return -1;
    ok = ok && glass_ecdsa_sign_with_k(&key, digest, (size_t)dlen, k, got_r, got_s) == 0 &&
         memcmp(got_r, want_r, size) == 0 && memcmp(got_s, want_s, size) == 0 &&
         glass_ecdsa_verify(&key.pub, digest, (size_t)dlen, got_r, got_s) == 0;
    glass_ec_private_wipe(&key);
    return ok;
}

static int run_pkv(const rsp_record *rec, glass_ec_curve curve, kat_counts *c)
{
    glass_ec_public pub;
    const rsp_kv *res = rsp_field(rec, "Result", 0);
    int pt;
    if (res == NULL || res->value.n == 0 || (res->value.p[0] != 'P' && res->value.p[0] != 'F')) {
        kat_fail_format(c, rec->line, "Result is not P or F");
        return -1;
    }
    pt = field_point(rec, "Qx", "Qy", curve, &pub, c);
    if (pt < 0)
        return -1;
    return pt == (res->value.p[0] == 'P');
}

static int run_keypair(const rsp_record *rec, glass_ec_curve curve, kat_counts *c)
{
    glass_ec_private key;
    int ok = key_matches(rec, "d", "Qx", "Qy", curve, &key, c);
    glass_ec_private_wipe(&key);
    return ok;
}

static int run_cdh(const rsp_record *rec, glass_ec_curve curve, kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    uint8_t want[GLASS_EC_MAX_BYTES], got[GLASS_EC_MAX_BYTES];
    glass_ec_private key;
    glass_ec_public peer;
    int ok, pt;

    if (field_num(rec, "ZIUT", want, size, c) < 0)
        return -1;
    ok = key_matches(rec, "dIUT", "QIUTx", "QIUTy", curve, &key, c);
    if (ok < 0 || (pt = field_point(rec, "QCAVSx", "QCAVSy", curve, &peer, c)) < 0) {
        glass_ec_private_wipe(&key);
        return -1;
    }
    ok = ok && pt && glass_ecdh_shared(got, size, &key, &peer) == 0 &&
         memcmp(got, want, size) == 0;
    glass_ec_private_wipe(&key);
    return ok;
}

/* RFC 6979 file: a key record (x, Ux, Uy) precedes its signatures. */
static int run_rfc6979(const rsp_record *rec, glass_ec_curve curve, glass_ec_private *key,
                       int *have_key, kat_counts *c)
{
    size_t size = glass_ec_size(curve);
    uint8_t digest[GLASS_HASH_MAX_SIZE], k[GLASS_EC_MAX_BYTES];
    uint8_t want_r[GLASS_EC_MAX_BYTES], want_s[GLASS_EC_MAX_BYTES];
    uint8_t got_r[GLASS_EC_MAX_BYTES], got_s[GLASS_EC_MAX_BYTES];
    const rsp_kv *h = rsp_field(rec, "Hash", 0);
    glass_hash_id hash;
    long dlen;
    int ok;

    if (rsp_field(rec, "x", 0) != NULL) {       /* the key record */
        ok = key_matches(rec, "x", "Ux", "Uy", curve, key, c);
        *have_key = ok > 0;
        return ok;
    }
    if (!*have_key) {
        kat_fail_format(c, rec->line, "signature record before a valid key record");
        return -1;
    }
    hash = h != NULL ? hash_named(h->value) : GLASS_HASH_NONE;
    if (hash == GLASS_HASH_NONE) {
        kat_fail_format(c, rec->line, "Hash is not SHA-1/224/256/384/512");
        return -1;
    }
    dlen = msg_digest(rec, hash, digest, c);
    if (dlen < 0 || field_num(rec, "k", k, size, c) < 0 ||
        field_num(rec, "R", want_r, size, c) < 0 || field_num(rec, "S", want_s, size, c) < 0)
        return -1;
    /* the nonce derived (3.2) and the given k must give the same (r, s) */
    ok = glass_ecdsa_sign(key, hash, digest, (size_t)dlen, got_r, got_s) == 0 &&
         memcmp(got_r, want_r, size) == 0 && memcmp(got_s, want_s, size) == 0;
    ok = ok && glass_ecdsa_sign_with_k(key, digest, (size_t)dlen, k, got_r, got_s) == 0 &&
         memcmp(got_r, want_r, size) == 0 && memcmp(got_s, want_s, size) == 0;
    ok = ok && glass_ecdsa_verify(&key->pub, digest, (size_t)dlen, want_r, want_s) == 0;
    return ok;
}

static void run(const kat_file *f, kat_counts *c)
{
    int layout = layout_of(f), have_key = 0;
    kat_skips skips;
    glass_ec_private key;
    rsp_reader r;
    rsp_record rec;
    int got;

    kat_skips_init(&skips);
    memset(&key, 0, sizeof key);
    rsp_init(&r, f);
    while ((got = rsp_next(&r, &rec, c)) == 1) {
        glass_ec_curve curve = section_curve(&r);
        int ok;
        if (r.params_changed)
            have_key = 0;
        if (rsp_field(&rec, vector_key[layout], 0) == NULL &&
            !(layout == RFC6979 && rsp_field(&rec, "x", 0) != NULL))
            continue;                   /* "N = 10" and the like: not a vector */
        if (curve == GLASS_EC_NONE) {
            kat_skip_record(&skips, &r, c);
            continue;
        }
        switch (layout) {
        case SIGVER:  ok = run_sigver(&r, &rec, curve, c); break;
        case SIGGEN:  ok = run_siggen(&r, &rec, curve, c); break;
        case PKV:     ok = run_pkv(&rec, curve, c); break;
        case KEYPAIR: ok = run_keypair(&rec, curve, c); break;
        case CDH:     ok = run_cdh(&rec, curve, c); break;
        default:      ok = run_rfc6979(&rec, curve, &key, &have_key, c); break;
        }
        if (ok < 0)
            break;
        kat_result(c, f, rec.line, ok);
    }
    glass_ec_private_wipe(&key);
    if (c->error)
        return;
    if (c->passed + c->failed + c->skipped == 0) {
        kat_fail_format(c, r.line, "no ECDSA or ECC CDH vectors found");
        return;
    }
    kat_skip_note(&skips, c, "curve not implemented");
}

const kat_module kat_ec = { "ec", detect, run };
