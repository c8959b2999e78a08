/*
 * verify.c — certification path building and validation for a TLS server
 * certificate (RFC 5280 section 6, profiled; docs/certificates.md has the
 * policy).  Steps, in order:
 *
 *   1. build: from the leaf, find each certificate's issuer by name
 *      (subject == issuer, byte-for-byte DER; a subject/authority key
 *      identifier mismatch rules a candidate out), first among the trust
 *      anchors, then among the certificates the peer sent, and verify the
 *      signature on the way (6.1.3 (a)(1)); a certificate that is itself a
 *      trust anchor ends the path;
 *   2. check each certificate: validity at `now` (6.1.3 (a)(2)), no unknown
 *      critical extension (6.1.4 (o)), an RSA key of 2048..4096 bits;
 *   3. check each issuer: basicConstraints cA (6.1.4 (k)), keyCertSign when
 *      keyUsage is present (6.1.4 (n)), pathLenConstraint (6.1.4 (l),(m)),
 *      serverAuth when it has an extendedKeyUsage;
 *   4. check the leaf: serverAuth when extendedKeyUsage is present
 *      (RFC 5280 4.2.1.12), digitalSignature or keyEncipherment when
 *      keyUsage is present (RFC 5246 7.4.2), then the host name (RFC 6125);
 *   5. once the suite is known (the handshake calls it): the one keyUsage
 *      bit that suite needs (glass_x509_check_suite_key_usage, verify.h).
 *
 * Revocation (CRL, OCSP), name constraints and policies are not checked.
 * With a trace observer (glass_x509_verify_trace) each step that passes is
 * reported as a GLASS_TRACE_CERT event, and the result at the end.
 */
#include "glasstls/x509.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "x509/asn1.h"
#include "x509/verify.h"

typedef struct path_t {
    const glass_x509_cert *cert[GLASS_X509_MAX_CHAIN];
    size_t len;
    int    anchored;        /* cert[len-1] is a trust anchor */
} path_t;

/* The trace observer of one validation (glasstls/trace.h). */
typedef struct vtrace {
    glass_trace_fn fn;
    void          *ctx;
    int            is_server;      /* who checks: a server checks a client's chain */
} vtrace;

/* Reports one step of the validation; builds nothing without an observer. */
static void trace_step(const vtrace *t, glass_trace_cert_step st, int depth,
                       const glass_x509_cert *c, const glass_x509_cert *issuer, int result,
                       const char *fmt, ...)
{
    if (t->fn == NULL)
        return;
    char subj[256] = "", iss[256] = "", detail[1024] = "";
    if (c != NULL && glass_x509_subject_string(c, subj, sizeof subj) < 0)
        snprintf(subj, sizeof subj, "(unreadable name)");
    if (issuer != NULL && glass_x509_subject_string(issuer, iss, sizeof iss) < 0)
        snprintf(iss, sizeof iss, "(unreadable name)");
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
    }
    glass_trace_event e;
    memset(&e, 0, sizeof e);
    e.kind = GLASS_TRACE_CERT;
    e.is_server = t->is_server;
    e.cert_step = st;
    e.depth = depth;
    e.subject = c != NULL ? subj : NULL;
    e.issuer = issuer != NULL ? iss : NULL;
    e.result = result;
    e.detail = detail[0] ? detail : NULL;
    t->fn(t->ctx, &e);
}

static void hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

/* For the trace: what verified c's signature.  An ECDSA signature is shown
 * as its r and s, the issuer's key as its curve and point (x, y); RSA by
 * the modulus size. */
static void signature_text(const glass_x509_cert *c, const glass_x509_cert *issuer,
                           const char *whose, char *out, size_t cap)
{
    char algbuf[96], key[64];
    const char *alg = glass_x509_sig_alg_name(c, algbuf, sizeof algbuf);
    glass_x509_key_summary(issuer, key, sizeof key);
    if (issuer->key_type == GLASS_X509_KEY_EC && issuer->ec_curve != GLASS_EC_NONE) {
        size_t n = glass_ec_size(issuer->ec_curve);
        uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
        char rh[2 * GLASS_EC_MAX_BYTES + 1], sh[2 * GLASS_EC_MAX_BYTES + 1];
        char xh[2 * GLASS_EC_MAX_BYTES + 1], yh[2 * GLASS_EC_MAX_BYTES + 1];
        if (glass_ecdsa_der_decode(issuer->ec_curve, c->signature.p, c->signature.len, r,
                                   s) != 0) {
            snprintf(out, cap, "%s signature verified with the public key of %s", alg, whose);
            return;
        }
        hex(r, n, rh);
        hex(s, n, sh);
        hex(issuer->ec_pub.x, n, xh);
        hex(issuer->ec_pub.y, n, yh);
        snprintf(out, cap, "%s signature (r = %s, s = %s) verified with the %s key "
                 "(x = %s, y = %s) of %s", alg, rh, sh, key, xh, yh, whose);
        return;
    }
    snprintf(out, cap, "%s signature verified with the public key of %s", alg, whose);
}

/* For the trace: "RSA key of 2048 bits", or "EC key on P-256, point
 * (x = ..., y = ...)". */
static void key_text(const glass_x509_cert *c, char *out, size_t cap)
{
    if (c->key_type == GLASS_X509_KEY_EC && c->ec_curve != GLASS_EC_NONE) {
        size_t n = glass_ec_size(c->ec_curve);
        char xh[2 * GLASS_EC_MAX_BYTES + 1], yh[2 * GLASS_EC_MAX_BYTES + 1];
        hex(c->ec_pub.x, n, xh);
        hex(c->ec_pub.y, n, yh);
        snprintf(out, cap, "EC key on %s, point (x = %s, y = %s)",
                 glass_ec_curve_name(c->ec_curve), xh, yh);
    } else {
        snprintf(out, cap, "RSA key of %zu bits", c->key_bits);
    }
}

static int same_bytes(const glass_bytes *a, const glass_bytes *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

/* Could `issuer` have issued `c`?  Names equal; key identifiers, when both
 * present, equal too (RFC 5280 4.2.1.1). */
static int may_issue(const glass_x509_cert *issuer, const glass_x509_cert *c)
{
    if (!same_bytes(&issuer->subject, &c->issuer))
        return 0;
    if (c->aki.p != NULL && issuer->ski.p != NULL && !same_bytes(&c->aki, &issuer->ski))
        return 0;
    return 1;
}

static int report(glass_x509_verify_detail *det, int err, int depth,
                  const glass_x509_cert *c, const char *fmt, ...)
{
    if (det == NULL)
        return err;
    det->err = err;
    det->depth = depth;
    det->subject[0] = '\0';
    if (c != NULL && glass_x509_subject_string(c, det->subject, sizeof(det->subject)) < 0)
        snprintf(det->subject, sizeof(det->subject), "(unreadable name)");
    char extra[256] = "";
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(extra, sizeof(extra), fmt, ap);
        va_end(ap);
    }
    if (c != NULL)
        snprintf(det->message, sizeof(det->message), "certificate \"%s\" (depth %d): %s%s%s",
                 det->subject, depth, glass_strerror(err), extra[0] ? ": " : "", extra);
    else
        snprintf(det->message, sizeof(det->message), "%s%s%s", glass_strerror(err),
                 extra[0] ? ": " : "", extra);
    return err;
}

/* Step 1.  Returns 0 with p filled, or an error with det set. */
static int build(path_t *p, const glass_x509_cert *chain, size_t n,
                 const glass_x509_list *trust, glass_x509_verify_detail *det,
                 const vtrace *t)
{
    char alg[96], text[900];
    int used[GLASS_X509_MAX_CHAIN] = { 0 };
    p->cert[0] = &chain[0];
    p->len = 1;
    p->anchored = 0;
    used[0] = 1;
    for (;;) {
        const glass_x509_cert *c = p->cert[p->len - 1];
        int depth = (int)p->len - 1;
        int sig_err = 0;
        for (size_t i = 0; trust != NULL && i < trust->count; i++)    /* c is an anchor */
            if (same_bytes(&trust->certs[i].der, &c->der)) {
                p->anchored = 1;
                trace_step(t, GLASS_CERT_ANCHOR, depth, c, NULL, 0,
                           "is itself one of the trusted CA certificates");
                return 0;
            }
        if (p->len == GLASS_X509_MAX_CHAIN)
            return report(det, GLASS_E_CERT_PATH_TOO_LONG, depth, c,
                          "no trust anchor within %d certificates", GLASS_X509_MAX_CHAIN);
        for (size_t i = 0; trust != NULL && i < trust->count; i++) { /* issued by an anchor */
            const glass_x509_cert *a = &trust->certs[i];
            if (!may_issue(a, c))
                continue;
            int r = glass_x509_check_signature(c, a, 0);
            if (r == 0) {
                p->cert[p->len++] = a;
                p->anchored = 1;
                if (t->fn != NULL) {
                    signature_text(c, a, "a trusted CA", text, sizeof text);
                    trace_step(t, GLASS_CERT_SIGNATURE, depth, c, a, 0, "%s", text);
                }
                trace_step(t, GLASS_CERT_ANCHOR, depth + 1, a, NULL, 0,
                           "trusted CA certificate, already held by the client");
                return 0;
            }
            if (sig_err == 0)
                sig_err = r;
        }
        const glass_x509_cert *next = NULL;
        for (size_t i = 1; i < n && i < GLASS_X509_MAX_CHAIN; i++) { /* by one sent */
            if (used[i] || !may_issue(&chain[i], c))
                continue;
            int r = glass_x509_check_signature(c, &chain[i], 0);
            if (r == 0) {
                used[i] = 1;
                next = &chain[i];
                if (t->fn != NULL) {
                    signature_text(c, next, "a certificate the peer sent", text,
                                   sizeof text);
                    trace_step(t, GLASS_CERT_SIGNATURE, depth, c, next, 0, "%s", text);
                }
                break;
            }
            if (sig_err == 0)
                sig_err = r;
        }
        if (next == NULL) {
            if (sig_err == GLASS_E_CERT_SHA1)
                return report(det, sig_err, depth, c, "signed with %s",
                              glass_x509_sig_alg_name(c, alg, sizeof(alg)));
            if (sig_err == GLASS_E_CERT_UNSUPPORTED_ALG) {
                return report(det, sig_err, depth, c, "signature algorithm %s (glasstls "
                              "verifies RSA PKCS#1 v1.5 by RSA keys up to %d bits and "
                              "ECDSA by P-256/P-384 keys, with SHA-256/384/512)",
                              glass_x509_sig_alg_name(c, alg, sizeof(alg)),
                              GLASS_RSA_MAX_BITS);
            }
            if (sig_err != 0)
                return report(det, sig_err, depth, c, NULL);
            char issuer[256] = "";
            glass_x509_issuer_string(c, issuer, sizeof(issuer));
            return report(det, GLASS_E_CERT_UNKNOWN_ISSUER, depth, c,
                          "no trusted or sent certificate is \"%s\"", issuer);
        }
        p->cert[p->len++] = next;
    }
}

/* Step 2. */
static int check_cert(const glass_x509_cert *c, int depth, int64_t now,
                      glass_x509_verify_detail *det)
{
    char t1[32], t2[32], buf[64];
    if (now < c->not_before) {
        glass_time_format(c->not_before, t1);
        glass_time_format(now, t2);
        return report(det, GLASS_E_CERT_NOT_YET_VALID, depth, c,
                      "valid from %s, checked at %s", t1, t2);
    }
    if (now > c->not_after) {
        glass_time_format(c->not_after, t1);
        glass_time_format(now, t2);
        return report(det, GLASS_E_CERT_EXPIRED, depth, c, "expired on %s, checked at %s",
                      t1, t2);
    }
    if (c->unknown_critical.p != NULL) {
        return report(det, GLASS_E_CERT_UNKNOWN_CRITICAL, depth, c, "extension %s",
                      glass_der_oid_text(c->unknown_critical.p, c->unknown_critical.len,
                                         buf, sizeof(buf)));
    }
    /* EC: P-256 and P-384 are both strong enough (SP 800-57: 128 and
     * 192 bits of security); other curves are not implemented */
    if (c->key_type == GLASS_X509_KEY_EC && c->ec_curve != GLASS_EC_NONE)
        return 0;
    if (c->key_type != GLASS_X509_KEY_RSA)
        return report(det, GLASS_E_CERT_UNSUPPORTED_ALG, depth, c, "unsupported key type: %s",
                      glass_x509_key_summary(c, buf, sizeof(buf)));
    if (c->key_bits < 2048)
        return report(det, GLASS_E_CERT_WEAK_KEY, depth, c, "RSA key of %zu bits",
                      c->key_bits);
    if (c->key_bits > GLASS_RSA_MAX_BITS)
        return report(det, GLASS_E_CERT_UNSUPPORTED_ALG, depth, c,
                      "RSA key of %zu bits (at most %d supported)", c->key_bits,
                      GLASS_RSA_MAX_BITS);
    return 0;
}

/* Step 3: p->cert[k] (k >= 1) issued p->cert[k-1]. */
/* "serverAuth" / "clientAuth": the purpose a chain is checked for. */
static const char *purpose_name(unsigned purpose)
{
    return purpose == GLASS_EKU_CLIENT_AUTH ? "clientAuth" : "serverAuth";
}

static int check_issuer(const path_t *p, size_t k, unsigned purpose,
                        glass_x509_verify_detail *det)
{
    const glass_x509_cert *c = p->cert[k];
    int anchor = p->anchored && k == p->len - 1;
    int depth = (int)k;
    if (c->ext_present & GLASS_EXT_BASIC_CONSTRAINTS) {
        if (!c->is_ca)
            return report(det, GLASS_E_CERT_NOT_CA, depth, c, "basicConstraints cA is FALSE");
    } else if (!(anchor && c->version < 3)) {
        /* only a v1/v2 trust anchor may lack basicConstraints: those predate
         * extensions; every v3 issuer must say cA (RFC 5280 6.1.4 (k)) */
        return report(det, GLASS_E_CERT_NOT_CA, depth, c, "no basicConstraints extension");
    }
    if ((c->ext_present & GLASS_EXT_KEY_USAGE) && !(c->key_usage & GLASS_KU_KEY_CERT_SIGN))
        return report(det, GLASS_E_CERT_KEY_USAGE, depth, c, NULL);
    if (c->path_len >= 0) {
        /* intermediates between c and the leaf that are not self-issued */
        long below = 0;
        for (size_t j = 1; j < k; j++)
            if (!glass_x509_self_issued(p->cert[j]))
                below++;
        if (below > c->path_len)
            return report(det, GLASS_E_CERT_PATH_TOO_LONG, depth, c,
                          "pathLenConstraint %d, but %ld CA certificates follow it",
                          c->path_len, below);
    }
    if ((c->ext_present & GLASS_EXT_EXT_KEY_USAGE) &&
        !(c->ext_key_usage & (purpose | GLASS_EKU_ANY)))
        return report(det, GLASS_E_CERT_EXT_KEY_USAGE, depth, c,
                      "the issuer's extendedKeyUsage lacks %s", purpose_name(purpose));
    return 0;
}

/* Step 4. */
static int check_leaf(const glass_x509_cert *c, const char *hostname, unsigned purpose,
                      glass_x509_verify_detail *det)
{
    if ((c->ext_present & GLASS_EXT_EXT_KEY_USAGE) && !(c->ext_key_usage & purpose))
        return report(det, GLASS_E_CERT_EXT_KEY_USAGE, 0, c, "%s is not listed",
                      purpose_name(purpose));
    /* an RSA key signs (ECDHE_RSA) or decrypts (RSA key exchange); an EC
     * key only signs here (ECDHE_ECDSA: no fixed-key ECDH suites) */
    unsigned usable = c->key_type == GLASS_X509_KEY_EC
                      ? GLASS_KU_DIGITAL_SIGNATURE
                      : GLASS_KU_DIGITAL_SIGNATURE | GLASS_KU_KEY_ENCIPHERMENT;
    if ((c->ext_present & GLASS_EXT_KEY_USAGE) && !(c->key_usage & usable))
        return report(det, GLASS_E_CERT_LEAF_KEY_USAGE, 0, c,
                      c->key_type == GLASS_X509_KEY_EC ? "an EC key needs digitalSignature"
                                                       : NULL);
    if (hostname != NULL && glass_x509_check_host(c, hostname) != 0)
        return report(det, GLASS_E_CERT_HOSTNAME, 0, c, "host \"%.100s\" is not named by it",
                      hostname);
    return 0;
}

static int verify_path(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                       const char *hostname, unsigned purpose, int64_t now,
                       glass_x509_verify_detail *det, const vtrace *t)
{
    if (chain == NULL || n == 0)
        return report(det, GLASS_E_INVALID_ARG, -1, NULL, "no certificate given");
    trace_step(t, GLASS_CERT_START, 0, &chain[0], NULL, 0,
               "%zu certificate(s) sent, checked against %zu trusted CA certificate(s)", n,
               trust != NULL ? trust->count : (size_t)0);
    path_t p;
    int r = build(&p, chain, n, trust, det, t);
    if (r != 0)
        return r;
    if (det != NULL)
        det->path_len = p.len;
    for (size_t k = 0; k < p.len; k++) {
        r = check_cert(p.cert[k], (int)k, now, det);
        if (r == 0 && t->fn != NULL) {
            char t1[32], t2[32], key[256];
            glass_time_format(p.cert[k]->not_before, t1);
            glass_time_format(p.cert[k]->not_after, t2);
            key_text(p.cert[k], key, sizeof key);
            trace_step(t, GLASS_CERT_VALIDITY, (int)k, p.cert[k], NULL, 0,
                       "valid from %s to %s; %s", t1, t2, key);
        }
        if (r == 0 && k >= 1) {
            r = check_issuer(&p, k, purpose, det);
            if (r == 0)
                trace_step(t, GLASS_CERT_ISSUER, (int)k, p.cert[k], NULL, 0,
                           "a CA (basicConstraints cA), allowed to sign certificates");
        }
        if (r != 0)
            return r;
    }
    r = check_leaf(p.cert[0], hostname, purpose, det);
    if (r != 0)
        return r;
    if (hostname != NULL)
        trace_step(t, GLASS_CERT_HOSTNAME, 0, p.cert[0], NULL, 0,
                   "names the host \"%.100s\" (RFC 6125)", hostname);
    if (det != NULL)
        snprintf(det->message, sizeof(det->message), "OK");
    return 0;
}

int glass_x509_verify_trace(const glass_x509_cert *chain, size_t n,
                            const glass_x509_list *trust, const char *hostname, int64_t now,
                            glass_x509_verify_detail *det, glass_trace_fn fn, void *ctx)
{
    return glass_x509_verify_purpose(chain, n, trust, hostname, GLASS_EKU_SERVER_AUTH, now, det,
                                     fn, ctx);
}

int glass_x509_verify_purpose(const glass_x509_cert *chain, size_t n,
                              const glass_x509_list *trust, const char *hostname,
                              unsigned purpose, int64_t now, glass_x509_verify_detail *det,
                              glass_trace_fn fn, void *ctx)
{
    vtrace t = { fn, ctx, purpose == GLASS_EKU_CLIENT_AUTH };
    if (purpose != GLASS_EKU_SERVER_AUTH && purpose != GLASS_EKU_CLIENT_AUTH)
        return GLASS_E_INVALID_ARG;
    if (det != NULL) {
        memset(det, 0, sizeof(*det));
        det->depth = -1;
    }
    int r = verify_path(chain, n, trust, hostname, purpose, now, det, &t);
    if (fn != NULL)
        trace_step(&t, GLASS_CERT_RESULT, det != NULL ? det->depth : -1, NULL, NULL, r, "%s",
                   det != NULL && det->message[0] ? det->message : glass_strerror(r));
    return r;
}

int glass_x509_verify(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                      const char *hostname, int64_t now, glass_x509_verify_detail *det)
{
    return glass_x509_verify_trace(chain, n, trust, hostname, now, det, NULL, NULL);
}

/* The keyUsage bits of c, by their RFC 5280 4.2.1.3 names: "a, b". */
static void key_usage_text(unsigned ku, char *out, size_t cap)
{
    static const char *const names[] = {
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
        "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
    };
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(ku & (1u << i)))
            continue;
        int n = snprintf(out + len, cap - len, "%s%s", len != 0 ? ", " : "", names[i]);
        if (n < 0 || (size_t)n >= cap - len)
            return;                          /* truncated: cap is large enough */
        len += (size_t)n;
    }
    if (len == 0)
        snprintf(out, cap, "empty");
}

int glass_x509_check_suite_key_usage(const glass_x509_cert *leaf, unsigned need,
                                     const char *suite, glass_x509_verify_detail *det)
{
    int err;
    if (leaf == NULL)
        return GLASS_E_INVALID_ARG;
    if (need == GLASS_KU_DIGITAL_SIGNATURE)
        err = GLASS_E_CERT_KU_SIGNATURE;
    else if (need == GLASS_KU_KEY_ENCIPHERMENT)
        err = GLASS_E_CERT_KU_ENCIPHERMENT;
    else
        return GLASS_E_INVALID_ARG;
    /* without the extension every use is allowed (RFC 5280 4.2.1.3) */
    if (!(leaf->ext_present & GLASS_EXT_KEY_USAGE) || (leaf->key_usage & need))
        return 0;
    char has[160];
    key_usage_text(leaf->key_usage, has, sizeof has);
    return report(det, err, 0, leaf, "its keyUsage is %s; the suite is %s", has,
                  suite != NULL ? suite : "(unnamed)");
}
