/*
 * test_x509_pathval.c — RFC 5280 section 6 path validation: name
 * constraints (4.2.1.10, 6.1.3 (b)-(c), 6.1.4 (g)), path building with
 * backtracking and its bound, the issuer-side rules (4.1.2.6, 4.2.1.1,
 * 4.2.1.3, 4.2.1.6, 4.2.1.9) and the Web PKI rules for a server name
 * (RFC 9525, CA/B Forum).  One exact error code and depth per case.
 *
 * Fixtures: tests/certs/pv-* and chain-pv-* (tests/certs/
 * make-pathval-certs.sh, openssl CLI); the DER cases below are built here
 * byte by byte from RFC 5280's ASN.1 so that each malformation is exactly
 * one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "x509/nc.h"

#define CERTS "tests/certs/"
#define T2030 1893456000LL     /* date -u -d 2030-01-01 +%s */

static glass_x509_list trust;

static int setup(void **state)
{
    (void)state;
    glass_x509_list_init(&trust);
    return glass_x509_list_load_file(&trust, CERTS "root.pem");
}

static int teardown(void **state)
{
    (void)state;
    glass_x509_list_free(&trust);
    return 0;
}

typedef struct pv_case {
    const char *file, *host;
    int         want, depth;
    size_t      path_len;      /* for a valid chain */
} pv_case;

static int verify_opts(const char *file, const glass_x509_list *anchors, const char *host,
                       const glass_x509_verify_opts *o, glass_x509_verify_detail *det)
{
    glass_x509_list chain;
    char path[160];
    glass_x509_list_init(&chain);
    snprintf(path, sizeof path, CERTS "%s", file);
    int r = glass_x509_list_load_file(&chain, path);
    if (r != 0) {
        glass_x509_list_free(&chain);
        return r;
    }
    r = glass_x509_verify_ex(chain.certs, chain.count, anchors, host, T2030, o, det);
    glass_x509_list_free(&chain);
    return r;
}

static void run_cases(const pv_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        glass_x509_verify_detail det;
        memset(&det, 0, sizeof det);
        det.depth = -1;
        int r = verify_opts(cases[i].file, &trust, cases[i].host, NULL, &det);
        if (r != cases[i].want || (r != 0 && det.depth != cases[i].depth) ||
            (r == 0 && det.path_len != cases[i].path_len))
            fail_msg("%s / %s: got %s at depth %d (path %zu), want %s at %d (%s)",
                     cases[i].file, cases[i].host, glass_err_name(r), det.depth, det.path_len,
                     glass_err_name(cases[i].want), cases[i].depth, det.message);
        if (r != 0 && r != GLASS_E_CERT_NC_MALFORMED) {
            assert_int_equal(det.err, r);
            assert_non_null(strstr(det.message, glass_strerror(r)));
        }
    }
}

/* ---- name constraints ---- */

static const pv_case nc_cases[] = {
    /* non-critical dNSName constraints: permitted good.test, excluded
     * bad.good.test; glasstls once ignored them */
    { "chain-pv-dns-in.pem", "www.good.test", 0, -1, 3 },
    { "chain-pv-dns-out.pem", "www.evil.test", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    { "chain-pv-dns-excl.pem", "x.bad.good.test", GLASS_E_CERT_NC_EXCLUDED, 0, 0 },
    { "chain-pv-dns-suffix.pem", "notgood.test", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    { "chain-pv-dns-wildin.pem", "a.www.good.test", 0, -1, 3 },
    /* "*.good.test" can be bad.good.test, which is excluded */
    { "chain-pv-dns-wildexcl.pem", "a.good.test", GLASS_E_CERT_NC_EXCLUDED, 0, 0 },
    /* the same, critical (was "unknown critical extension") */
    { "chain-pv-crit-in.pem", "www.good.test", 0, -1, 3 },
    { "chain-pv-crit-out.pem", "www.evil.test", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    /* iPAddress: 10.0.0.0/8 and fd00::/24 permitted, 10.9.0.0/16 excluded */
    { "chain-pv-ip-in.pem", "10.1.2.3", 0, -1, 3 },
    { "chain-pv-ip-out.pem", "192.168.1.1", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    { "chain-pv-ip-excl.pem", "10.9.1.1", GLASS_E_CERT_NC_EXCLUDED, 0, 0 },
    { "chain-pv-ip-in6.pem", "fd00::1", 0, -1, 3 },
    { "chain-pv-ip-out6.pem", "fe80::1", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    /* IP constraints say nothing about DNS names */
    { "chain-pv-ip-dnsonly.pem", "anything.test", 0, -1, 3 },
    /* directoryName: O=glasstls tests, OU=inside */
    { "chain-pv-dir-in.pem", "localhost", 0, -1, 3 },
    { "chain-pv-dir-out.pem", "localhost", GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    { "chain-pv-dir-nosan.pem", NULL, GLASS_E_CERT_NC_NOT_PERMITTED, 0, 0 },
    /* a self-issued intermediate outside the subtree is exempt (6.1.3 (b)) */
    { "chain-pv-dir-self.pem", "localhost", 0, -1, 4 },
    /* ... one that is not self-issued is not */
    { "chain-pv-dir-sub.pem", "localhost", GLASS_E_CERT_NC_NOT_PERMITTED, 1, 0 },
    /* rfc822Name constraints are not implemented: only a name of that
     * form fails */
    { "chain-pv-email-none.pem", "localhost", 0, -1, 3 },
    { "chain-pv-email-has.pem", "localhost", GLASS_E_CERT_NC_UNSUPPORTED, 0, 0 },
    /* malformed extensions: the CA does not even parse */
    { "chain-pv-ncbad-empty.pem", "localhost", GLASS_E_CERT_NC_MALFORMED, -1, 0 },
    { "chain-pv-ncbad-dot.pem", "localhost", GLASS_E_CERT_NC_MALFORMED, -1, 0 },
    { "chain-pv-ncbad-min.pem", "localhost", GLASS_E_CERT_NC_MALFORMED, -1, 0 },
    /* nameConstraints in an end-entity */
    { "chain-pv-nc-leaf.pem", "localhost", GLASS_E_CERT_NC_IN_LEAF, 0, 0 },
};

static void test_name_constraints_chains(void **state)
{
    (void)state;
    run_cases(nc_cases, sizeof nc_cases / sizeof nc_cases[0]);
}

/* The constraints accumulate: a constrained root (the trust anchor's own
 * nameConstraints count) above a constrained intermediate.  Here the
 * constrained CA itself is made the anchor: its leaves are checked the
 * same way. */
static void test_anchor_constraints(void **state)
{
    (void)state;
    glass_x509_list a;
    glass_x509_list_init(&a);
    assert_int_equal(glass_x509_list_load_file(&a, CERTS "pv-nc-dns.pem"), 0);
    assert_int_equal(verify_opts("pv-dns-in.pem", &a, "www.good.test", NULL, NULL), 0);
    assert_int_equal(verify_opts("pv-dns-out.pem", &a, "www.evil.test", NULL, NULL),
                     GLASS_E_CERT_NC_NOT_PERMITTED);
    glass_x509_list_free(&a);
}

/* The parse rules of 4.2.1.10, one malformation at a time. */
static void test_nc_parse(void **state)
{
    (void)state;
    glass_bytes out;
    /* permitted { dNSName "a.b" } */
    static const uint8_t ok[] = { 0x30, 0x09, 0xa0, 0x07, 0x30, 0x05, 0x82, 0x03, 'a', '.', 'b' };
    assert_int_equal(glass_x509_nc_parse(ok, sizeof ok, &out), 0);
    assert_int_equal(out.len, 9);
    /* excluded { dNSName "" }: every DNS name (the CA/B Forum form) */
    static const uint8_t all[] = { 0x30, 0x06, 0xa1, 0x04, 0x30, 0x02, 0x82, 0x00 };
    assert_int_equal(glass_x509_nc_parse(all, sizeof all, &out), 0);
    /* an empty NameConstraints */
    static const uint8_t empty[] = { 0x30, 0x00 };
    assert_int_equal(glass_x509_nc_parse(empty, sizeof empty, &out), GLASS_E_CERT_NC_MALFORMED);
    /* an empty permittedSubtrees */
    static const uint8_t empty_list[] = { 0x30, 0x02, 0xa0, 0x00 };
    assert_int_equal(glass_x509_nc_parse(empty_list, sizeof empty_list, &out),
                     GLASS_E_CERT_NC_MALFORMED);
    /* leading period, trailing period, empty label, underscore */
    static const uint8_t dot[] = { 0x30, 0x0a, 0xa0, 0x08, 0x30, 0x06, 0x82, 0x04, '.', 'a', '.', 'b' };
    assert_int_equal(glass_x509_nc_parse(dot, sizeof dot, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t tdot[] = { 0x30, 0x0a, 0xa0, 0x08, 0x30, 0x06, 0x82, 0x04, 'a', '.', 'b', '.' };
    assert_int_equal(glass_x509_nc_parse(tdot, sizeof tdot, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t dd[] = { 0x30, 0x0a, 0xa0, 0x08, 0x30, 0x06, 0x82, 0x04, 'a', '.', '.', 'b' };
    assert_int_equal(glass_x509_nc_parse(dd, sizeof dd, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t us[] = { 0x30, 0x09, 0xa0, 0x07, 0x30, 0x05, 0x82, 0x03, 'a', '_', 'b' };
    assert_int_equal(glass_x509_nc_parse(us, sizeof us, &out), GLASS_E_CERT_NC_MALFORMED);
    /* maximum [1] present */
    static const uint8_t max[] = { 0x30, 0x0c, 0xa0, 0x0a, 0x30, 0x08, 0x82, 0x03, 'a', '.', 'b',
                                   0x81, 0x01, 0x02 };
    assert_int_equal(glass_x509_nc_parse(max, sizeof max, &out), GLASS_E_CERT_NC_MALFORMED);
    /* iPAddress: 10.0.0.0/8 fine; a 4-byte base (no mask); a mask with a hole */
    static const uint8_t ip[] = { 0x30, 0x0e, 0xa0, 0x0c, 0x30, 0x0a, 0x87, 0x08,
                                  10, 0, 0, 0, 0xff, 0, 0, 0 };
    assert_int_equal(glass_x509_nc_parse(ip, sizeof ip, &out), 0);
    static const uint8_t ip4[] = { 0x30, 0x0a, 0xa0, 0x08, 0x30, 0x06, 0x87, 0x04, 10, 0, 0, 0 };
    assert_int_equal(glass_x509_nc_parse(ip4, sizeof ip4, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t hole[] = { 0x30, 0x0e, 0xa0, 0x0c, 0x30, 0x0a, 0x87, 0x08,
                                    10, 0, 0, 0, 0xff, 0, 0xff, 0 };
    assert_int_equal(glass_x509_nc_parse(hole, sizeof hole, &out), GLASS_E_CERT_NC_MALFORMED);
    /* a directoryName that is not a Name (an OCTET STRING inside [4]) */
    static const uint8_t dir[] = { 0x30, 0x08, 0xa0, 0x06, 0x30, 0x04, 0xa4, 0x02, 0x04, 0x00 };
    assert_int_equal(glass_x509_nc_parse(dir, sizeof dir, &out), GLASS_E_CERT_NC_MALFORMED);
    /* dNSName encoded constructed; trailing bytes; an unknown [2] list */
    static const uint8_t cons[] = { 0x30, 0x06, 0xa0, 0x04, 0x30, 0x02, 0xa2, 0x00 };
    assert_int_equal(glass_x509_nc_parse(cons, sizeof cons, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t trail[] = { 0x30, 0x09, 0xa0, 0x07, 0x30, 0x05, 0x82, 0x03, 'a', '.', 'b', 0 };
    assert_int_equal(glass_x509_nc_parse(trail, sizeof trail, &out), GLASS_E_CERT_NC_MALFORMED);
    static const uint8_t a2[] = { 0x30, 0x09, 0xa2, 0x07, 0x30, 0x05, 0x82, 0x03, 'a', '.', 'b' };
    assert_int_equal(glass_x509_nc_parse(a2, sizeof a2, &out), GLASS_E_CERT_NC_MALFORMED);
    /* an rfc822Name base is parsed (not implemented, not malformed) */
    static const uint8_t mail[] = { 0x30, 0x09, 0xa0, 0x07, 0x30, 0x05, 0x81, 0x03, 'a', '.', 'b' };
    assert_int_equal(glass_x509_nc_parse(mail, sizeof mail, &out), 0);
}

/* Label-wise DNS subtrees and wildcards as the names they stand for. */
static void test_nc_dns_within(void **state)
{
    (void)state;
#define W(n, b, ex) glass_x509_nc_dns_within((const uint8_t *)(n), strlen(n), \
                                              (const uint8_t *)(b), strlen(b), ex)
    assert_true(W("example.com", "example.com", 0));
    assert_true(W("WWW.Example.COM", "example.com", 0));
    assert_true(W("a.b.example.com", "example.com", 0));
    assert_false(W("badexample.com", "example.com", 0));
    assert_false(W("example.com", "www.example.com", 0));
    assert_false(W("com", "example.com", 0));
    assert_true(W("anything", "", 0));             /* the empty base: every name */
    /* "*.example.com" = L.example.com for one label L */
    assert_true(W("*.example.com", "example.com", 0));
    assert_false(W("*.example.com", "www.example.com", 0));   /* not all of them */
    assert_true(W("*.example.com", "www.example.com", 1));    /* but one of them */
    assert_false(W("*.example.com", "a.www.example.com", 1)); /* two labels: never */
    assert_true(W("*.www.example.com", "example.com", 1));
    assert_false(W("*.example.com", "other.com", 1));
#undef W
}

/* ---- path building ---- */

static const pv_case build_cases[] = {
    /* the first candidate (sent first) leads to an untrusted root */
    { "chain-pv-cross.pem", "localhost", 0, -1, 3 },
    /* the first candidate reaches the root but is expired */
    { "chain-pv-cross-expired.pem", "localhost", 0, -1, 3 },
    { "chain-pv-cross-deadonly.pem", "localhost", GLASS_E_CERT_UNKNOWN_ISSUER, 1, 0 },
    /* 16 cross-certified "PV Hostile CA": the search gives up */
    { "chain-pv-hostile.pem", "localhost", GLASS_E_CERT_CHAIN_TOO_COMPLEX, 2, 0 },
};

static void test_path_building_backtracks(void **state)
{
    (void)state;
    run_cases(build_cases, sizeof build_cases / sizeof build_cases[0]);
}

/* The most relevant failure: with only the expired cross certificate, the
 * complete path to the root fails EXPIRED at depth 1 (not "unknown
 * issuer"); with the dead end first and the expired one second, the
 * complete path's failure wins over the dead end's. */
static void test_most_relevant_failure(void **state)
{
    (void)state;
    glass_x509_list chain;
    glass_x509_verify_detail det;
    glass_x509_list_init(&chain);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "pv-cross-leaf.pem"), 0);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "pv-cross-dead.pem"), 0);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "pv-cross-expired.pem"), 0);
    assert_int_equal(glass_x509_verify(chain.certs, chain.count, &trust, "localhost", T2030, &det),
                     GLASS_E_CERT_EXPIRED);
    assert_int_equal(det.depth, 1);
    assert_int_equal(det.path_len, 3);
    glass_x509_list_free(&chain);
}

/* A pile of issuers that are all valid for each other stays within the
 * bound whatever the order: the number of signatures checked is limited
 * (time would tell otherwise; here the answer must come back at all, and
 * be the bound's error). */
static void test_hostile_bound(void **state)
{
    (void)state;
    glass_x509_list chain;
    glass_x509_list_init(&chain);
    assert_int_equal(glass_x509_list_load_file(&chain, CERTS "chain-pv-hostile.pem"), 0);
    assert_int_equal(chain.count, 17);
    /* a small pile (key 1 certified by each of the four keys, whose own
     * certificates are missing) is searched to the end */
    assert_int_equal(glass_x509_verify(chain.certs, 5, &trust, "localhost", T2030, NULL),
                     GLASS_E_CERT_UNKNOWN_ISSUER);
    /* reversed pile */
    for (size_t i = 1, j = chain.count - 1; i < j; i++, j--) {
        glass_x509_cert t = chain.certs[i];
        chain.certs[i] = chain.certs[j];
        chain.certs[j] = t;
    }
    assert_int_equal(glass_x509_verify(chain.certs, chain.count, &trust, "localhost", T2030, NULL),
                     GLASS_E_CERT_CHAIN_TOO_COMPLEX);
    glass_x509_list_free(&chain);
}

/* ---- issuer-side and Web PKI rules ---- */

static const pv_case rule_cases[] = {
    { "chain-pv-leaf-kcs.pem", "localhost", GLASS_E_CERT_LEAF_KEY_CERT_SIGN, 0, 0 },
    { "chain-pv-ca-empty.pem", "localhost", GLASS_E_CERT_CA_EMPTY_SUBJECT, 1, 0 },
    { "chain-pv-aki-crit.pem", "localhost", GLASS_E_CERT_AKI_CRITICAL, 0, 0 },
    { "chain-pv-san-noncrit.pem", "localhost", GLASS_E_CERT_SAN_NOT_CRITICAL, 0, 0 },
    { "chain-pv-san-crit.pem", "localhost", 0, -1, 3 },
    { "chain-pv-v1-ca.pem", "localhost", GLASS_E_CERT_VERSION, 1, 0 },
    { "chain-pv-leaf-ca.pem", "localhost", GLASS_E_CERT_LEAF_IS_CA, 0, 0 },
    { "chain-pv-dns-underscore.pem", "localhost", GLASS_E_CERT_DNS_SYNTAX, 0, 0 },
    { "chain-pv-wild-partial.pem", "localhost", GLASS_E_CERT_WILDCARD, 0, 0 },
    { "chain-pv-wild-couk.pem", "www.co.uk", GLASS_E_CERT_WILDCARD, 0, 0 },
};

static void test_rules(void **state)
{
    (void)state;
    run_cases(rule_cases, sizeof rule_cases / sizeof rule_cases[0]);
    /* a v1 root is a fine trust anchor */
    glass_x509_list v1;
    glass_x509_list_init(&v1);
    assert_int_equal(glass_x509_list_load_file(&v1, CERTS "pv-v1-root.pem"), 0);
    assert_int_equal(verify_opts("chain-pv-v1-leaf.pem", &v1, "localhost", NULL, NULL), 0);
    glass_x509_list_free(&v1);
    /* a CA leaf is fine for a client certificate (the rule is for servers) */
    glass_x509_verify_opts o = { GLASS_EKU_CLIENT_AUTH, 0, NULL, NULL, NULL, NULL };
    assert_int_equal(verify_opts("chain-pv-leaf-ca.pem", &trust, NULL, &o, NULL),
                     GLASS_E_CERT_EXT_KEY_USAGE);  /* serverAuth only: the next rule */
}

static void test_cn_fallback_option(void **state)
{
    (void)state;
    glass_x509_verify_opts o = { 0, GLASS_X509_LEGACY_CN_FALLBACK, NULL, NULL, NULL, NULL };
    assert_int_equal(verify_opts("chain-cnonly.pem", &trust, "cn-only.glass.test", NULL, NULL),
                     GLASS_E_CERT_HOSTNAME);
    assert_int_equal(verify_opts("chain-cnonly.pem", &trust, "cn-only.glass.test", &o, NULL), 0);
    assert_int_equal(verify_opts("chain-cnonly.pem", &trust, "other.glass.test", &o, NULL),
                     GLASS_E_CERT_HOSTNAME);
    /* never for a certificate that has a subjectAltName */
    assert_int_equal(verify_opts("chain-wildcard.pem", &trust, "wildcard-cn.example", &o, NULL),
                     GLASS_E_CERT_HOSTNAME);
}

static void test_dns_name_syntax(void **state)
{
    (void)state;
#define S(n) glass_x509_dns_name_check((const uint8_t *)(n), strlen(n))
    assert_int_equal(S("www.example.com"), 0);
    assert_int_equal(S("*.example.com"), 0);
    assert_int_equal(S("xn--bcher-kva.example"), 0);
    assert_int_equal(S("my_host.example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("-a.example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("a-.example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("a..example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S(".example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("example."), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S(""), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("a b.example"), GLASS_E_CERT_DNS_SYNTAX);
    assert_int_equal(S("w*.example.com"), GLASS_E_CERT_WILDCARD);
    assert_int_equal(S("a.*.example.com"), GLASS_E_CERT_WILDCARD);
    assert_int_equal(S("*.*.example.com"), GLASS_E_CERT_WILDCARD);
    assert_int_equal(S("*"), GLASS_E_CERT_WILDCARD);
#undef S
    /* over a public suffix a wildcard never matches */
    assert_false(glass_x509_dns_match("*.co.uk", 7, "www.co.uk"));
    assert_false(glass_x509_dns_match("*.com", 5, "example.com"));
    assert_true(glass_x509_dns_match("*.example.co.uk", 15, "www.example.co.uk"));
}

/* ---- --explain ---- */

typedef struct lines {
    char text[16384];
    size_t len;
    int n;
} lines;

static void collect(void *ctx, const char *line)
{
    lines *l = ctx;
    int k = snprintf(l->text + l->len, sizeof l->text - l->len, "%s\n", line);
    if (k > 0 && (size_t)k < sizeof l->text - l->len)
        l->len += (size_t)k;
    l->n++;
}

static void test_explain(void **state)
{
    (void)state;
    static lines l;
    memset(&l, 0, sizeof l);
    glass_x509_verify_opts o = { 0, 0, NULL, NULL, collect, &l };
    assert_int_equal(verify_opts("chain-pv-cross.pem", &trust, "localhost", &o, NULL), 0);
    /* the dead end is tried first, dropped, then the good one */
    const char *dead = strstr(l.text, "no candidate: dead end");
    const char *back = strstr(l.text, "back to its other candidates");
    const char *valid = strstr(l.text, "is valid");
    assert_non_null(dead);
    assert_non_null(back);
    assert_non_null(valid);
    assert_true(dead < back && back < valid);
    assert_non_null(strstr(l.text, "result: OK"));

    memset(&l, 0, sizeof l);
    assert_int_equal(verify_opts("chain-pv-dir-self.pem", &trust, "localhost", &o, NULL), 0);
    assert_non_null(strstr(l.text, "permitted DirName:\"O=glasstls tests, OU=inside\""));
    assert_non_null(strstr(l.text, "self-issued intermediate: its names are not checked"));

    memset(&l, 0, sizeof l);
    assert_int_equal(verify_opts("chain-pv-dns-excl.pem", &trust, "x.bad.good.test", &o, NULL),
                     GLASS_E_CERT_NC_EXCLUDED);
    assert_non_null(strstr(l.text, "DNS:x.bad.good.test is in the excluded subtree "
                                   "DNS:bad.good.test"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_constraints_chains),
        cmocka_unit_test(test_anchor_constraints),
        cmocka_unit_test(test_nc_parse),
        cmocka_unit_test(test_nc_dns_within),
        cmocka_unit_test(test_path_building_backtracks),
        cmocka_unit_test(test_most_relevant_failure),
        cmocka_unit_test(test_hostile_bound),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_cn_fallback_option),
        cmocka_unit_test(test_dns_name_syntax),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
