/*
 * glass-x509 — look at certificates and validate chains with glasstls.
 *
 *   glass-x509 show [--der] FILE
 *   glass-x509 verify --ca FILE|DIR [--host NAME] [--time YYYY-MM-DDTHH:MM:SSZ]
 *                     [--explain] [--legacy-cn-fallback] CHAIN.pem
 *
 * verify prints "OK" or the reason and exits 0 (valid), 1 (refused) or
 * 2 (unreadable input or bad usage).  Without --time it uses the current
 * time: the library itself never reads the clock (the caller passes it).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "glass-x509.h"

static void usage(FILE *f)
{
    fprintf(f,
        "usage: glass-x509 show [--der] FILE\n"
        "       glass-x509 verify --ca FILE|DIR [--host NAME] [--time YYYY-MM-DDTHH:MM:SSZ]\n"
        "                         [--explain] [--legacy-cn-fallback] CHAIN.pem\n"
        "\n"
        "show    prints every certificate of a PEM file (or one DER certificate):\n"
        "        fields, extensions, SHA-256 fingerprint, self-signature check;\n"
        "        with --der, the DER of each as its tree of TLVs: offset, depth,\n"
        "        header length, length, tag, the RFC 5280 field and the value.\n"
        "verify  validates CHAIN.pem (leaf first, then intermediates) against the\n"
        "        trust anchors of --ca, at --time (default: now), for --host\n"
        "        (a DNS name or an IP address).  Prints OK or the reason.\n"
        "        --explain first prints the path search (RFC 5280 section 6): each\n"
        "        candidate issuer tried and why it was dropped, and the name\n"
        "        constraints in force at each depth of every complete path.\n"
        "        --legacy-cn-fallback accepts the subject CN as the host name when\n"
        "        there is no subjectAltName (old private PKIs; RFC 9525 forbids it).\n"
        "exit status: 0 valid/shown, 1 refused, 2 unreadable input or usage error\n");
}

/* --explain: the library's lines, as they come */
static void print_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

int cmd_verify(int argc, char **argv)
{
    const char *ca = NULL, *host = NULL, *when = NULL, *chain_path = NULL;
    glass_x509_verify_opts opts;
    memset(&opts, 0, sizeof opts);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--ca") == 0 && i + 1 < argc)
            ca = argv[++i];
        else if (strcmp(argv[i], "--host") == 0 && i + 1 < argc)
            host = argv[++i];
        else if (strcmp(argv[i], "--time") == 0 && i + 1 < argc)
            when = argv[++i];
        else if (strcmp(argv[i], "--explain") == 0)
            opts.explain = print_line;
        else if (strcmp(argv[i], "--legacy-cn-fallback") == 0)
            opts.flags |= GLASS_X509_LEGACY_CN_FALLBACK;
        else if (argv[i][0] != '-' && chain_path == NULL)
            chain_path = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    if (ca == NULL || chain_path == NULL) {
        usage(stderr);
        return 2;
    }
    int64_t now = (int64_t)time(NULL);
    if (when != NULL && glass_time_parse(when, &now) != 0) {
        fprintf(stderr, "glass-x509: --time wants YYYY-MM-DDTHH:MM:SSZ, not \"%s\"\n", when);
        return 2;
    }
    glass_x509_list trust, chain;
    glass_x509_list_init(&trust);
    glass_x509_list_init(&chain);
    struct stat st;
    int r = stat(ca, &st) == 0 && S_ISDIR(st.st_mode) ? glass_x509_list_load_dir(&trust, ca)
                                                      : glass_x509_list_load_file(&trust, ca);
    if (r == 0 && trust.count == 0)
        r = GLASS_E_PEM;
    if (r != 0) {
        fprintf(stderr, "glass-x509: %s: %s\n", ca, glass_strerror(r));
        glass_x509_list_free(&trust);
        return 2;
    }
    r = glass_x509_list_load_file(&chain, chain_path);
    if (r == 0 && chain.count == 0)
        r = GLASS_E_PEM;
    if (r != 0) {
        fprintf(stderr, "glass-x509: %s: %s (%s)\n", chain_path, glass_strerror(r),
                glass_err_name(r));
        glass_x509_list_free(&trust);
        glass_x509_list_free(&chain);
        return 2;
    }
    glass_x509_verify_detail det;
    r = glass_x509_verify_ex(chain.certs, chain.count, &trust, host, now, &opts, &det);
    if (r == 0)
        printf("OK (path of %zu certificates)\n", det.path_len);
    else
        printf("FAIL %s: %s\n", glass_err_name(r), det.message);
    glass_x509_list_free(&trust);
    glass_x509_list_free(&chain);
    return r == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "show") == 0)
        return cmd_show(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return cmd_verify(argc - 2, argv + 2);
    usage(stderr);
    return 2;
}
