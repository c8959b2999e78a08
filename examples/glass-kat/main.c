/*
 * glass-kat — run known-answer test vector files against glasstls.
 *
 *   glass-kat FILE...
 *
 * Recognises each file from its content (NIST CAVP .rsp files as they come,
 * and the repo's own vector files), runs every vector, and prints one line
 * per file and a closing "N passed, N failed" line.
 * Exit status: 0 all passed; 1 a vector failed; 2 a file could not be read
 * or understood (the message names the file and the line).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kat.h"

#define KAT_MAX_FILE (64u << 20)

int kat_verbose;

void kat_result(kat_counts *c, const kat_file *f, unsigned long line, int ok)
{
    if (ok) {
        c->passed++;
        return;
    }
    c->failed++;
    if (kat_verbose || c->failed <= 5)
        fprintf(stderr, "glass-kat: %s:%lu: FAILED\n", f->path, line);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glass-kat [--help] FILE...\n"
            "Runs the known-answer vectors in each FILE against glasstls and prints\n"
            "one line per file and a closing line 'N passed, N failed'.\n"
            "Formats are recognised from the content (NIST CAVP .rsp/.txt files for\n"
            "SHA-2, HMAC, HMAC_DRBG, TLS PRF, AES, GCM, RSA, X25519, ECDSA, ECC CDH\n"
            "(P-256, P-384) and the files in\n"
            "tests/vectors).  Exit 0: all passed; 1: a vector failed; 2: a file\n"
            "could not be read or was not recognised.\n"
            "Environment: GLASS_KAT_VERBOSE=1 lists every failure;\n"
            "GLASS_KAT_LONG=1 runs the long vectors too (e.g. X25519 x 1,000,000).\n");
}

/* Reads the whole file into a NUL-terminated buffer (NUL bytes rejected). */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (fp == NULL) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    for (;;) {
        if (n + 1 >= cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > KAT_MAX_FILE + 1) {
                snprintf(err, errlen, "larger than %u bytes", KAT_MAX_FILE);
                goto fail;
            }
            char *nb = realloc(buf, ncap);
            if (nb == NULL) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) {
                snprintf(err, errlen, "read error: %s", strerror(errno));
                goto fail;
            }
            break;
        }
    }
    fclose(fp);
    buf[n] = '\0';
    if (memchr(buf, '\0', n) != NULL) {
        snprintf(err, errlen, "binary file (contains NUL bytes)");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
fail:
    fclose(fp);
    free(buf);
    return NULL;
}

int main(int argc, char **argv)
{
    unsigned long passed = 0, failed = 0, skipped = 0;
    int bad_file = 0, nfiles = 0;
    const char *v = getenv("GLASS_KAT_VERBOSE");

    kat_verbose = v != NULL && strcmp(v, "1") == 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
    }
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        kat_file f;
        kat_counts c;
        char err[256];
        const char *slash = strrchr(argv[i], '/');
        const kat_module *mod = NULL;

        memset(&c, 0, sizeof c);
        f.path = argv[i];
        f.name = slash ? slash + 1 : argv[i];
        f.data = read_file(argv[i], &f.len, err, sizeof err);
        nfiles++;
        if (f.data == NULL) {
            fprintf(stderr, "glass-kat: %s: %s\n", f.path, err);
            bad_file = 1;
            continue;
        }
        for (size_t m = 0; kat_modules[m] != NULL && mod == NULL; m++)
            if (kat_modules[m]->detect(&f))
                mod = kat_modules[m];
        if (mod == NULL) {
            fprintf(stderr, "glass-kat: %s: line 1: unrecognised vector file format\n", f.path);
            bad_file = 1;
            free((char *)f.data);
            continue;
        }
        mod->run(&f, &c);
        free((char *)f.data);
        if (c.error) {
            fprintf(stderr, "glass-kat: %s: %s\n", f.path, c.errmsg);
            bad_file = 1;
        }
        printf("%s: %lu passed, %lu failed", f.name, c.passed, c.failed);
        if (c.skipped)
            printf(", %lu skipped", c.skipped);
        if (c.note[0])
            printf(" (%s)", c.note);
        printf("\n");
        passed += c.passed;
        failed += c.failed;
        skipped += c.skipped;
    }
    if (skipped)
        printf("%lu passed, %lu failed, %lu skipped\n", passed, failed, skipped);
    else
        printf("%lu passed, %lu failed\n", passed, failed);
    fflush(stdout);
    if (bad_file)
        return 2;
    return failed ? 1 : 0;
}
