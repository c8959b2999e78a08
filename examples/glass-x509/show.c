/*
 * show.c — `glass-x509 show FILE`: every certificate of a PEM file (or one
 * DER certificate) printed the way a student reads it: the TBSCertificate
 * fields in order (RFC 5280 4.1.2), the extensions, the SHA-256
 * fingerprint of the whole DER, and for a self-issued certificate whether
 * its own signature verifies.  Ends with counts (for CA bundles).
 * `show --der FILE` prints instead the DER of each certificate as its
 * tree of TLVs, with offsets (der.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/err.h"
#include "glasstls/sha2.h"
#include "glasstls/x509.h"
#include "glass-x509.h"

typedef struct counts {
    unsigned certs, bad, rsa, self_ok, self_fail, self_sha1, unsupported;
    unsigned ec, ec_self_ok, ec_self_fail;
    char unsupported_names[512];
} counts;

static void hex(const char *label, const glass_bytes *b, int colon)
{
    printf("%s", label);
    for (size_t i = 0; i < b->len; i++)
        printf(colon && i ? ":%02X" : "%02X", b->p[i]);
    printf("\n");
}

static void print_san(const glass_x509_cert *c)
{
    size_t pos = 0;
    int tag, first = 1;
    glass_bytes v;
    while (glass_x509_san_next(c, &pos, &tag, &v)) {
        printf("%s", first ? "" : ", ");
        first = 0;
        if (tag == 2) {
            printf("DNS:%.*s", (int)v.len, (const char *)v.p);
        } else if (tag == 7 && v.len == 4) {
            printf("IP:%u.%u.%u.%u", v.p[0], v.p[1], v.p[2], v.p[3]);
        } else if (tag == 7 && v.len == 16) {
            printf("IP:");
            for (int i = 0; i < 16; i += 2)
                printf(i ? ":%x" : "%x", (unsigned)(v.p[i] << 8 | v.p[i + 1]));
        } else if (tag == 1 || tag == 6) {
            printf("%s:%.*s", tag == 1 ? "email" : "URI", (int)v.len, (const char *)v.p);
        } else {
            printf("[%d](%zu bytes)", tag, v.len);
        }
    }
    printf("\n");
}

static void print_extensions(const glass_x509_cert *c)
{
    static const char *ku[] = { "digitalSignature", "nonRepudiation", "keyEncipherment",
                                "dataEncipherment", "keyAgreement", "keyCertSign",
                                "cRLSign", "encipherOnly", "decipherOnly" };
    char oid[96];
#define CRIT(bit) ((c->ext_critical & (bit)) ? " (critical)" : "")
    if (c->version < 3)
        return;
    printf("  Extensions:\n");
    if (c->ext_present & GLASS_EXT_BASIC_CONSTRAINTS) {
        printf("    basicConstraints%s: cA=%s", CRIT(GLASS_EXT_BASIC_CONSTRAINTS),
               c->is_ca ? "TRUE" : "FALSE");
        if (c->path_len >= 0)
            printf(", pathLenConstraint=%d", c->path_len);
        printf("\n");
    }
    if (c->ext_present & GLASS_EXT_KEY_USAGE) {
        printf("    keyUsage%s:", CRIT(GLASS_EXT_KEY_USAGE));
        for (unsigned i = 0, n = 0; i < 9; i++)
            if (c->key_usage & (1u << i))
                printf("%s %s", n++ ? "," : "", ku[i]);
        printf("\n");
    }
    if (c->ext_present & GLASS_EXT_EXT_KEY_USAGE)
        printf("    extendedKeyUsage%s:%s%s%s%s\n", CRIT(GLASS_EXT_EXT_KEY_USAGE),
               c->ext_key_usage & GLASS_EKU_SERVER_AUTH ? " serverAuth" : "",
               c->ext_key_usage & GLASS_EKU_CLIENT_AUTH ? " clientAuth" : "",
               c->ext_key_usage & GLASS_EKU_ANY ? " anyExtendedKeyUsage" : "",
               c->ext_key_usage & GLASS_EKU_OTHER ? " (others)" : "");
    if (c->ext_present & GLASS_EXT_SAN) {
        printf("    subjectAltName%s: ", CRIT(GLASS_EXT_SAN));
        print_san(c);
    }
    if (c->ext_present & GLASS_EXT_NAME_CONSTRAINTS) {
        char nc[1024];
        glass_x509_name_constraints_string(c, nc, sizeof nc);
        printf("    nameConstraints%s: %s\n", CRIT(GLASS_EXT_NAME_CONSTRAINTS), nc);
    }
    if (c->ext_present & GLASS_EXT_SKI)
        hex("    subjectKeyIdentifier: ", &c->ski, 1);
    if (c->ext_present & GLASS_EXT_AKI && c->aki.p != NULL)
        hex("    authorityKeyIdentifier: ", &c->aki, 1);
    if (c->unknown_critical.p != NULL)
        printf("    %s (critical, unknown to glasstls: the certificate cannot be accepted)\n",
               glass_x509_oid_string(&c->unknown_critical, oid, sizeof(oid)));
#undef CRIT
}

static void note_unsupported(counts *k, const char *name)
{
    if (strstr(k->unsupported_names, name) == NULL &&
        strlen(k->unsupported_names) + strlen(name) + 3 < sizeof(k->unsupported_names)) {
        if (k->unsupported_names[0])
            strcat(k->unsupported_names, ", ");
        strcat(k->unsupported_names, name);
    }
}

static void show_cert(const glass_x509_cert *c, unsigned index, counts *k)
{
    char buf[1024], alg[96];
    char t1[32], t2[32];
    printf("Certificate %u\n", index);
    printf("  Version:        %d\n", c->version);
    hex("  Serial number:  ", &c->serial, 1);
    printf("  Signature:      %s\n", glass_x509_sig_alg_name(c, alg, sizeof(alg)));
    glass_x509_issuer_string(c, buf, sizeof(buf));
    printf("  Issuer:         %s\n", buf);
    glass_time_format(c->not_before, t1);
    glass_time_format(c->not_after, t2);
    printf("  Not before:     %s\n  Not after:      %s\n", t1, t2);
    glass_x509_subject_string(c, buf, sizeof(buf));
    printf("  Subject:        %s\n", buf);
    if (c->key_type == GLASS_X509_KEY_RSA) {
        unsigned long e = 0;
        for (size_t i = 0; i < c->rsa_e.len && i < 8; i++)
            e = e << 8 | c->rsa_e.p[i];
        printf("  Public key:     RSA %zu bits, e = %lu\n", c->key_bits, e);
        k->rsa++;
    } else if (c->key_type == GLASS_X509_KEY_EC && c->ec_curve != GLASS_EC_NONE) {
        size_t n = glass_ec_size(c->ec_curve);
        glass_bytes x = { c->ec_pub.x, n }, y = { c->ec_pub.y, n };
        printf("  Public key:     EC %s (id-ecPublicKey, namedCurve), point:\n",
               glass_ec_curve_name(c->ec_curve));
        hex("    x = ", &x, 0);
        hex("    y = ", &y, 0);
        k->ec++;
    } else {
        const char *name = glass_x509_key_type_name(c, alg, sizeof(alg));
        printf("  Public key:     unsupported key type: %s\n", name);
        k->unsupported++;
        note_unsupported(k, name);
    }
    print_extensions(c);
    uint8_t fp[GLASS_SHA256_SIZE];
    glass_sha256(c->der.p, c->der.len, fp);
    glass_bytes b = { fp, sizeof(fp) };
    hex("  SHA-256 fingerprint: ", &b, 1);
    if (glass_x509_self_issued(c) && c->key_type == GLASS_X509_KEY_RSA) {
        int r = glass_x509_check_signature(c, c, 1);
        if (r == 0 && c->sig_alg == GLASS_X509_SIG_RSA_SHA1)
            k->self_sha1++;
        if (r == 0)
            k->self_ok++;
        else
            k->self_fail++;
        printf("  Self-signature: %s%s\n", r == 0 ? "verifies" : glass_strerror(r),
               r == 0 && c->sig_alg == GLASS_X509_SIG_RSA_SHA1 ? " (SHA-1: shown, never accepted)" : "");
    } else if (glass_x509_self_issued(c) && c->key_type == GLASS_X509_KEY_EC &&
               c->ec_curve != GLASS_EC_NONE) {
        int r = glass_x509_check_signature(c, c, 1);
        if (r == 0)
            k->ec_self_ok++;
        else
            k->ec_self_fail++;
        printf("  Self-signature: %s\n", r == 0 ? "verifies (ECDSA)" : glass_strerror(r));
    }
    printf("\n");
}

/* show --der: each certificate's TLV walk (der.c), nothing else. */
static int show_der(const uint8_t *data, size_t len)
{
    unsigned n = 0, bad = 0;
    if (strstr((const char *)data, "-----BEGIN ") == NULL)
        return der_walk(data, len, 1) == 0 ? 0 : 1;
    size_t pos = 0;
    glass_pem_block blk;
    int r;
    while ((r = glass_pem_next((const char *)data, len, &pos, &blk)) == 1) {
        if (strcmp(blk.label, "CERTIFICATE") != 0)
            continue;
        size_t cap = glass_pem_max_decoded(blk.body_len), m = 0;
        uint8_t *der = malloc(cap + 1);
        if (der == NULL)
            return 2;
        n++;
        if (glass_pem_decode(&blk, der, cap, &m) != 0) {
            printf("Certificate %u: bad base64\n\n", n);
            bad++;
        } else if (der_walk(der, m, n) != 0) {
            bad++;
        }
        free(der);
    }
    if (r < 0) {
        printf("PEM error after certificate %u: %s\n", n, glass_strerror(r));
        bad++;
    }
    return n > 0 && bad == 0 ? 0 : 1;
}

int cmd_show(int argc, char **argv)
{
    int der_only = argc == 2 && strcmp(argv[0], "--der") == 0;
    if (argc != 1 && !der_only) {
        fprintf(stderr, "usage: glass-x509 show [--der] FILE\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    uint8_t *data;
    size_t len;
    int r = glass_read_file(path, &data, &len);
    if (r != 0) {
        fprintf(stderr, "glass-x509: %s: %s\n", path, glass_strerror(r));
        return 2;
    }
    if (der_only) {
        r = show_der(data, len);
        free(data);
        return r;
    }
    counts k;
    memset(&k, 0, sizeof(k));
    glass_x509_cert c;
    if (strstr((const char *)data, "-----BEGIN ") == NULL) {      /* DER */
        k.certs = 1;
        r = glass_x509_parse(&c, data, len);
        if (r == 0)
            show_cert(&c, 1, &k);
        else
            k.bad++, printf("Certificate 1: %s (%s) at byte %zu\n\n", glass_strerror(r),
                            glass_err_name(r), c.err_off);
    } else {
        size_t pos = 0;
        glass_pem_block blk;
        while ((r = glass_pem_next((const char *)data, len, &pos, &blk)) == 1) {
            if (strcmp(blk.label, "CERTIFICATE") != 0)
                continue;
            size_t cap = glass_pem_max_decoded(blk.body_len), n = 0;
            uint8_t *der = malloc(cap + 1);
            if (der == NULL)
                break;
            k.certs++;
            r = glass_pem_decode(&blk, der, cap, &n);
            c.err_off = 0;
            if (r == 0)
                r = glass_x509_parse(&c, der, n);
            if (r == 0)
                show_cert(&c, k.certs, &k);
            else
                k.bad++, printf("Certificate %u: %s (%s) at byte %zu\n\n", k.certs,
                                glass_strerror(r), glass_err_name(r), c.err_off);
            free(der);
        }
        if (r < 0) {
            printf("PEM error after certificate %u: %s\n", k.certs, glass_strerror(r));
            k.bad++;
        }
    }
    free(data);
    printf("Summary: %u certificates, %u malformed; %u RSA (self-signed: %u verify, "
           "%u fail, %u of the verified use SHA-1); %u EC (self-signed: %u verify, %u fail); "
           "%u unsupported key type%s%s%s\n",
           k.certs, k.bad, k.rsa, k.self_ok, k.self_fail, k.self_sha1, k.ec, k.ec_self_ok,
           k.ec_self_fail, k.unsupported,
           k.unsupported ? " (" : "", k.unsupported_names, k.unsupported ? ")" : "");
    return k.bad == 0 && k.certs > 0 && k.self_fail == 0 && k.ec_self_fail == 0 ? 0 : 1;
}
