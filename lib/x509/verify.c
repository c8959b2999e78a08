/*
 * verify.c — certification path building and validation (RFC 5280
 * section 6; docs/certificates.md walks through it).  Steps:
 *
 *   1. build (extend()): a depth-first search from the leaf.  Candidates
 *      for an issuer are certificates whose subject is the issuer name
 *      (byte-for-byte DER; a subject/authority key identifier mismatch
 *      rules one out), the trust anchors first in store order, then the
 *      sent certificates in the order sent; a (subject, key) already in
 *      the path is a loop.  Each signature is checked (6.1.3 (a)(1)); an
 *      anchor completes a path, which is checked whole (steps 2-5); any
 *      dead end backtracks.  At most GLASS_X509_MAX_CANDIDATES candidates
 *      (GLASS_E_CERT_CHAIN_TOO_COMPLEX) and GLASS_X509_MAX_CHAIN deep;
 *   2. check each certificate: validity at `now` (6.1.3 (a)(2)), no unknown
 *      critical extension (6.1.4 (o)), key type and size; below the anchor
 *      version 3, no critical AKI, an empty subject only with a critical SAN;
 *   3. check each issuer: basicConstraints cA (6.1.4 (k)), a subject,
 *      keyCertSign when keyUsage is present (6.1.4 (n)), pathLenConstraint
 *      (6.1.4 (l),(m)), the purpose when it has an extendedKeyUsage;
 *   4. name constraints (6.1.3 (b)-(c), 6.1.4 (g); nameconstraints.c);
 *   5. check the leaf: no nameConstraints or keyCertSign unless a CA, not a
 *      CA for a server, dNSName syntax, the purpose, keyUsage (RFC 5246
 *      7.4.2), then the host name (RFC 9525);
 *   6. once the suite is known (the handshake calls it): the one keyUsage
 *      bit that suite needs (glass_x509_check_suite_key_usage, verify.h).
 *
 * Revocation (CRL, OCSP) and certificate policies are not checked.  With a
 * trace observer each step of the path found (or of the best failed one)
 * is reported as a GLASS_TRACE_CERT event, and the result at the end; with
 * an explain callback the search itself is told line by line.
 */
#include "glasstls/x509.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "x509/asn1.h"
#include "x509/nc.h"
#include "x509/verify.h"

typedef struct path_t {
    const glass_x509_cert *cert[GLASS_X509_MAX_CHAIN];
    size_t len;
    int    anchored;        /* cert[len-1] is a trust anchor */
    int    self_anchor;     /* ... and it is a sent certificate (or the leaf)
                               found in the store, not an issuer from it */
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

/* ---- the checks of one complete path (RFC 5280 6.1.3 - 6.1.5) ---- */

/* What one validation needs besides the path. */
typedef struct vctx {
    const glass_x509_cert *chain;
    size_t n;
    const glass_x509_list *trust;
    const char *hostname;
    unsigned purpose, flags;
    int64_t now;
    glass_x509_explain_fn explain;
    void *explain_ctx;
} vctx;

static void explain(const vctx *v, int indent, const char *fmt, ...)
{
    if (v->explain == NULL)
        return;
    char line[1200];
    int k = snprintf(line, sizeof line, "%*s", 2 * indent, "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + k, sizeof line - (size_t)k, fmt, ap);
    va_end(ap);
    v->explain(v->explain_ctx, line);
}

static int empty_name(const glass_bytes *name) { return name->len <= 2; }

/* Every certificate of the path: validity at `now` (6.1.3 (a)(2)), no
 * unknown critical extension (6.1.4 (o)), key type and size; for all but
 * the trust anchor (trusted as given, 6.1.1 (d)) the profile rules a
 * client can check: version 3 (4.1.2.1: extensions need v3; a v1/v2
 * certificate can only be an anchor), no critical authorityKeyIdentifier
 * (4.2.1.1 "MUST mark this extension as non-critical"), an empty subject
 * only with a critical subjectAltName (4.2.1.6). */
static int check_cert(const glass_x509_cert *c, int depth, int anchor, int64_t now,
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
    if (!anchor) {
        if (c->version < 3)
            return report(det, GLASS_E_CERT_VERSION, depth, c,
                          "version %d, and it is not a trust anchor", c->version);
        if (c->ext_critical & GLASS_EXT_AKI)
            return report(det, GLASS_E_CERT_AKI_CRITICAL, depth, c, NULL);
        if (empty_name(&c->subject) && !(c->ext_critical & GLASS_EXT_SAN))
            return report(det, GLASS_E_CERT_SAN_NOT_CRITICAL, depth, c,
                          (c->ext_present & GLASS_EXT_SAN) ? "the subjectAltName is not critical"
                                                           : "and there is no subjectAltName");
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

/* "serverAuth" / "clientAuth": the purpose a chain is checked for. */
static const char *purpose_name(unsigned purpose)
{
    return purpose == GLASS_EKU_CLIENT_AUTH ? "clientAuth" : "serverAuth";
}

/* p->cert[k] (k >= 1) issued p->cert[k-1]. */
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
    /* 4.1.2.6: "If the subject is a CA ... the subject field MUST be
     * populated with a non-empty distinguished name" */
    if (!anchor && empty_name(&c->subject))
        return report(det, GLASS_E_CERT_CA_EMPTY_SUBJECT, depth, c, NULL);
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

/* Name constraints (6.1.3 (b)-(c), 6.1.4 (g)): every certificate below a
 * CA with nameConstraints must have its names inside that CA's subtrees,
 * except a self-issued certificate that is not the leaf (6.1.3 (b): "If
 * certificate i is self-issued and it is not the final certificate in the
 * path, skip this step").  The trust anchor's own nameConstraints count
 * too (as in RFC 5937 and every browser: a constrained root constrains).
 * Walks from the anchor down so that --explain shows the state at each
 * depth as the RFC's algorithm builds it. */
static int check_name_constraints(const path_t *p, const vctx *v, glass_x509_verify_detail *det)
{
    char why[600], subj[256], text[900];
    for (size_t k = p->len; k-- > 0;) {
        const glass_x509_cert *c = p->cert[k];
        int anchor = p->anchored && k == p->len - 1;
        if (v->explain != NULL) {
            int any = 0;
            if (glass_x509_subject_string(c, subj, sizeof subj) < 0)
                snprintf(subj, sizeof subj, "(unreadable name)");
            explain(v, 1, "depth %zu \"%s\": name constraints in force:", k, subj);
            for (size_t j = k + 1; j < p->len; j++)
                if (p->cert[j]->ext_present & GLASS_EXT_NAME_CONSTRAINTS) {
                    glass_x509_nc_text(p->cert[j], text, sizeof text);
                    explain(v, 2, "from depth %zu: %s", j, text);
                    any = 1;
                }
            if (!any)
                explain(v, 2, "none (every name permitted)");
        }
        if (anchor)
            continue;
        if (k > 0 && glass_x509_self_issued(c)) {
            explain(v, 2, "self-issued intermediate: its names are not checked (6.1.3 (b))");
            continue;
        }
        int check_cn = k == 0 && (v->flags & GLASS_X509_LEGACY_CN_FALLBACK) &&
                       !(c->ext_present & GLASS_EXT_SAN);
        for (size_t j = k + 1; j < p->len; j++) {
            int r = glass_x509_nc_check(p->cert[j], c, check_cn, why, sizeof why);
            if (r != 0) {
                explain(v, 2, "refused: %s (constraint of depth %zu)", why, j);
                return report(det, r, (int)k, c, "%s (nameConstraints of depth %zu)", why, j);
            }
        }
        explain(v, 2, "its names fit");
    }
    return 0;
}

/* The leaf (4.2.1.9, 4.2.1.10, 4.2.1.12, RFC 5246 7.4.2, RFC 9525). */
static int check_leaf(const path_t *p, const vctx *v, glass_x509_verify_detail *det)
{
    const glass_x509_cert *c = p->cert[0];
    unsigned purpose = v->purpose;
    int is_ca = (c->ext_present & GLASS_EXT_BASIC_CONSTRAINTS) && c->is_ca;
    int self_anchor = p->anchored && p->len == 1;
    if ((c->ext_present & GLASS_EXT_NAME_CONSTRAINTS) && !is_ca)
        return report(det, GLASS_E_CERT_NC_IN_LEAF, 0, c, NULL);
    /* 4.2.1.9: "If the cA boolean is not asserted, then the keyCertSign
     * bit in the key usage extension MUST NOT be asserted." */
    if ((c->ext_present & GLASS_EXT_KEY_USAGE) && (c->key_usage & GLASS_KU_KEY_CERT_SIGN) &&
        !is_ca)
        return report(det, GLASS_E_CERT_LEAF_KEY_CERT_SIGN, 0, c, NULL);
    if (purpose == GLASS_EKU_SERVER_AUTH && is_ca && !self_anchor)
        return report(det, GLASS_E_CERT_LEAF_IS_CA, 0, c,
                      "a CA certificate cannot authenticate a server (CA/B Forum BR 7.1.2)");
    if (purpose == GLASS_EKU_SERVER_AUTH) {
        size_t pos = 0;
        int tag;
        glass_bytes name;
        while (glass_x509_san_next(c, &pos, &tag, &name) == 1) {
            int r;
            if (tag != 2 || (r = glass_x509_dns_name_check(name.p, name.len)) == 0)
                continue;
            return report(det, r, 0, c, "dNSName \"%.*s\"", (int)(name.len > 100 ? 100 : name.len),
                          (const char *)name.p);
        }
    }
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
    int r = v->hostname != NULL ? glass_x509_check_host_flags(c, v->hostname, v->flags) : 0;
    if (r == GLASS_E_CERT_WILDCARD)
        return report(det, r, 0, c, "host \"%.100s\" is named only by a wildcard over a "
                      "public suffix", v->hostname);
    if (r != 0)
        return report(det, GLASS_E_CERT_HOSTNAME, 0, c, "host \"%.100s\" is not named by it",
                      v->hostname);
    return 0;
}

/* All the checks of a complete path, reporting each step that passes to
 * the trace observer t (which may have no fn: the search runs silently). */
static int check_path(const path_t *p, const vctx *v, glass_x509_verify_detail *det,
                      const vtrace *t)
{
    for (size_t k = 0; k < p->len; k++) {
        int anchor = p->anchored && k == p->len - 1;
        int r = check_cert(p->cert[k], (int)k, anchor, v->now, det);
        if (r == 0 && t->fn != NULL) {
            char t1[32], t2[32], key[256];
            glass_time_format(p->cert[k]->not_before, t1);
            glass_time_format(p->cert[k]->not_after, t2);
            key_text(p->cert[k], key, sizeof key);
            trace_step(t, GLASS_CERT_VALIDITY, (int)k, p->cert[k], NULL, 0,
                       "valid from %s to %s; %s", t1, t2, key);
        }
        if (r == 0 && k >= 1) {
            r = check_issuer(p, k, v->purpose, det);
            if (r == 0)
                trace_step(t, GLASS_CERT_ISSUER, (int)k, p->cert[k], NULL, 0,
                           "a CA (basicConstraints cA), allowed to sign certificates");
        }
        if (r != 0)
            return r;
    }
    int r = check_name_constraints(p, v, det);
    if (r != 0)
        return r;
    r = check_leaf(p, v, det);
    if (r != 0)
        return r;
    if (v->hostname != NULL)
        trace_step(t, GLASS_CERT_HOSTNAME, 0, p->cert[0], NULL, 0,
                   "names the host \"%.100s\" (RFC 6125)", v->hostname);
    return 0;
}

/* ---- path building: a depth-first search with backtracking ---- */

enum {                                   /* how relevant a failure is */
    RANK_NONE = 0, RANK_UNKNOWN_ISSUER, RANK_NO_ANCHOR, RANK_SIGNATURE, RANK_PATH,
};

typedef struct search {
    const vctx *v;
    path_t path;                        /* the path being extended */
    size_t tried;                       /* candidates examined so far */
    int best_rank;
    path_t best_path;                   /* the path of the best failure */
    glass_x509_verify_detail best;      /* and its report */
    glass_x509_verify_detail scratch;
} search;

static void note(search *s, int rank, const glass_x509_verify_detail *d)
{
    if (rank <= s->best_rank)
        return;                          /* the first of equal rank is kept */
    s->best_rank = rank;
    s->best = *d;
    s->best_path = s->path;
}

static int is_anchor(const vctx *v, const glass_x509_cert *c)
{
    for (size_t i = 0; v->trust != NULL && i < v->trust->count; i++)
        if (same_bytes(&v->trust->certs[i].der, &c->der))
            return 1;
    return 0;
}

/* A loop: a certificate with the same subject and key is already in the
 * path (RFC 4158 5.2: the same name and key make the same CA). */
static int in_path(const path_t *p, const glass_x509_cert *c)
{
    for (size_t i = 0; i < p->len; i++)
        if (same_bytes(&p->cert[i]->subject, &c->subject) &&
            same_bytes(&p->cert[i]->spki, &c->spki))
            return 1;
    return 0;
}

static int try_path(search *s)
{
    int r = check_path(&s->path, s->v, &s->scratch, &(vtrace){ NULL, NULL, 0 });
    if (r == 0) {
        explain(s->v, 1, "path of %zu certificate(s) is valid", s->path.len);
        return 0;
    }
    explain(s->v, 1, "path of %zu certificate(s) refused: %s", s->path.len,
            s->scratch.message);
    note(s, RANK_PATH, &s->scratch);
    return 1;
}

/* Extends s->path from its last certificate.  0: a valid path is in
 * s->path; 1: not from here (failures noted); GLASS_E_CERT_CHAIN_TOO_COMPLEX. */
static int extend(search *s)
{
    const vctx *v = s->v;
    path_t *p = &s->path;
    const glass_x509_cert *c = p->cert[p->len - 1];
    int depth = (int)p->len - 1;
    char subj[256], cand[256], alg[96];
    if (v->explain != NULL && glass_x509_subject_string(c, subj, sizeof subj) < 0)
        snprintf(subj, sizeof subj, "(unreadable name)");
    if (p->len == 1 && is_anchor(v, c)) {
        explain(v, 0, "depth 0 \"%s\" is itself a trust anchor", subj);
        p->anchored = p->self_anchor = 1;
        return try_path(s);
    }
    if (p->len == GLASS_X509_MAX_CHAIN) {
        report(&s->scratch, GLASS_E_CERT_PATH_TOO_LONG, depth, c,
               "no trust anchor within %d certificates", GLASS_X509_MAX_CHAIN);
        explain(v, 0, "depth %d: the path is %d certificates long: dead end", depth,
                GLASS_X509_MAX_CHAIN);
        note(s, RANK_NO_ANCHOR, &s->scratch);
        return 1;
    }
    explain(v, 0, "depth %d \"%s\": looking for its issuer", depth, subj);
    int candidates = 0;
    size_t nt = v->trust != NULL ? v->trust->count : 0;
    /* the order: trust anchors (store order), then the sent certificates
     * (the order sent).  A sent certificate that is also an anchor was
     * already tried as one. */
    for (size_t i = 0; i < nt + v->n; i++) {
        int from_store = i < nt;
        const glass_x509_cert *a = from_store ? &v->trust->certs[i] : &v->chain[i - nt];
        if (!from_store && (i - nt == 0 || i - nt >= GLASS_X509_MAX_CHAIN * 4))
            continue;                    /* the leaf; or beyond what anyone sends */
        if (!same_bytes(&a->subject, &c->issuer))
            continue;
        if (v->explain != NULL && glass_x509_subject_string(a, cand, sizeof cand) < 0)
            snprintf(cand, sizeof cand, "(unreadable name)");
        const char *where = from_store ? "trust anchor" : "sent certificate";
        size_t idx = from_store ? i : i - nt;
        if (!may_issue(a, c)) {
            explain(v, 1, "candidate %s #%zu \"%s\": dropped, its subjectKeyIdentifier is "
                    "not the authorityKeyIdentifier", where, idx, cand);
            continue;
        }
        if (!from_store && is_anchor(v, a)) {
            explain(v, 1, "candidate %s #%zu: the same certificate as a trust anchor, "
                    "already tried", where, idx);
            continue;
        }
        if (in_path(p, a)) {
            explain(v, 1, "candidate %s #%zu \"%s\": dropped, its subject and key are "
                    "already in the path (a loop)", where, idx, cand);
            continue;
        }
        candidates++;
        if (++s->tried > GLASS_X509_MAX_CANDIDATES) {
            explain(v, 1, "more than %d candidates examined: giving up",
                    GLASS_X509_MAX_CANDIDATES);
            return report(&s->best, GLASS_E_CERT_CHAIN_TOO_COMPLEX, depth, c,
                          "more than %d candidate issuers examined",
                          GLASS_X509_MAX_CANDIDATES);
        }
        int r = glass_x509_check_signature(c, a, 0);
        if (r != 0) {
            if (r == GLASS_E_CERT_SHA1)
                report(&s->scratch, r, depth, c, "signed with %s",
                       glass_x509_sig_alg_name(c, alg, sizeof(alg)));
            else if (r == GLASS_E_CERT_UNSUPPORTED_ALG)
                report(&s->scratch, r, depth, c, "signature algorithm %s (glasstls "
                       "verifies RSA PKCS#1 v1.5 by RSA keys up to %d bits and "
                       "ECDSA by P-256/P-384 keys, with SHA-256/384/512)",
                       glass_x509_sig_alg_name(c, alg, sizeof(alg)), GLASS_RSA_MAX_BITS);
            else
                report(&s->scratch, r, depth, c, NULL);
            explain(v, 1, "candidate %s #%zu \"%s\": dropped, %s", where, idx, cand,
                    glass_strerror(r));
            note(s, RANK_SIGNATURE, &s->scratch);
            continue;
        }
        explain(v, 1, "candidate %s #%zu \"%s\": its key verifies the signature%s", where,
                idx, cand, from_store ? "; a trust anchor ends the path" : "");
        p->cert[p->len++] = a;
        p->anchored = from_store;
        p->self_anchor = 0;
        r = from_store ? try_path(s) : extend(s);
        if (r <= 0)
            return r;
        p->len--;
        p->anchored = 0;
        explain(v, 0, "depth %d \"%s\": back to its other candidates", depth, subj);
    }
    if (candidates == 0) {
        char issuer[256] = "";
        glass_x509_issuer_string(c, issuer, sizeof(issuer));
        report(&s->scratch, GLASS_E_CERT_UNKNOWN_ISSUER, depth, c,
               "no trusted or sent certificate is \"%s\"", issuer);
        explain(v, 1, "no candidate: dead end");
        note(s, RANK_UNKNOWN_ISSUER, &s->scratch);
    }
    return 1;
}

/* The trace of a path found (or of the best failed one): each signature
 * link, the anchor, then the checks. */
static void trace_links(const path_t *p, const vtrace *t)
{
    char text[900];
    for (size_t k = 0; k + 1 < p->len; k++) {
        int last = k + 2 == p->len && p->anchored;
        signature_text(p->cert[k], p->cert[k + 1],
                       last ? "a trusted CA" : "a certificate the peer sent", text, sizeof text);
        trace_step(t, GLASS_CERT_SIGNATURE, (int)k, p->cert[k], p->cert[k + 1], 0, "%s", text);
    }
    if (p->anchored && p->self_anchor)
        trace_step(t, GLASS_CERT_ANCHOR, (int)p->len - 1, p->cert[p->len - 1], NULL, 0,
                   "is itself one of the trusted CA certificates");
    else if (p->anchored)
        trace_step(t, GLASS_CERT_ANCHOR, (int)p->len - 1, p->cert[p->len - 1], NULL, 0,
                   "trusted CA certificate, already held by the client");
}

static int verify_path(const vctx *v, glass_x509_verify_detail *det, const vtrace *t)
{
    if (v->chain == NULL || v->n == 0)
        return report(det, GLASS_E_INVALID_ARG, -1, NULL, "no certificate given");
    trace_step(t, GLASS_CERT_START, 0, &v->chain[0], NULL, 0,
               "%zu certificate(s) sent, checked against %zu trusted CA certificate(s)", v->n,
               v->trust != NULL ? v->trust->count : (size_t)0);
    search ss;
    search *s = &ss;
    memset(s, 0, sizeof *s);
    s->v = v;
    s->path.cert[0] = &v->chain[0];
    s->path.len = 1;
    int r = extend(s);
    if (r < 0) {                          /* too complex: s->best has it */
        if (det != NULL)
            *det = s->best;
        return r;
    }
    const path_t *p = r == 0 ? &s->path : &s->best_path;
    trace_links(p, t);
    if (det != NULL)
        det->path_len = p->len;
    if (r == 0 || s->best_rank == RANK_PATH) {
        /* replay the checks with the trace (and the report, the same
         * again), without repeating the explanation */
        vctx quiet = *v;
        quiet.explain = NULL;
        int rr = check_path(p, &quiet, det, t);
        if (rr != 0 || r == 0) {
            if (rr == 0 && det != NULL)
                snprintf(det->message, sizeof(det->message), "OK");
            return rr;
        }
    }
    if (det != NULL) {
        size_t len = det->path_len;
        *det = s->best;
        det->path_len = len;
    }
    return s->best.err != 0 ? s->best.err : GLASS_E_CERT_UNKNOWN_ISSUER;
}
int glass_x509_verify_ex(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                         const char *hostname, int64_t now, const glass_x509_verify_opts *opts,
                         glass_x509_verify_detail *det)
{
    static const glass_x509_verify_opts none;
    if (opts == NULL)
        opts = &none;
    unsigned purpose = opts->purpose != 0 ? opts->purpose : GLASS_EKU_SERVER_AUTH;
    vtrace t = { opts->trace, opts->trace_ctx, purpose == GLASS_EKU_CLIENT_AUTH };
    if (purpose != GLASS_EKU_SERVER_AUTH && purpose != GLASS_EKU_CLIENT_AUTH)
        return GLASS_E_INVALID_ARG;
    if (det != NULL) {
        memset(det, 0, sizeof(*det));
        det->depth = -1;
    }
    vctx v = { chain, n, trust, hostname, purpose, opts->flags, now, opts->explain,
               opts->explain_ctx };
    int r = verify_path(&v, det, &t);
    if (opts->trace != NULL)
        trace_step(&t, GLASS_CERT_RESULT, det != NULL ? det->depth : -1, NULL, NULL, r, "%s",
                   det != NULL && det->message[0] ? det->message : glass_strerror(r));
    if (opts->explain != NULL)
        explain(&v, 0, "result: %s", r == 0 ? "OK" : det != NULL ? det->message
                                                                  : glass_strerror(r));
    return r;
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
    if (purpose != GLASS_EKU_SERVER_AUTH && purpose != GLASS_EKU_CLIENT_AUTH)
        return GLASS_E_INVALID_ARG;
    glass_x509_verify_opts o = { purpose, 0, fn, ctx, NULL, NULL };
    return glass_x509_verify_ex(chain, n, trust, hostname, now, &o, det);
}

int glass_x509_verify(const glass_x509_cert *chain, size_t n, const glass_x509_list *trust,
                      const char *hostname, int64_t now, glass_x509_verify_detail *det)
{
    return glass_x509_verify_ex(chain, n, trust, hostname, now, NULL, det);
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
