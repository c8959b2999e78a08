/*
 * support.c — helpers linked into every fuzz target (fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "glasstls/x509.h"

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
    abort();
}

const glass_x509_list *fuzz_test_root(void)
{
    static glass_x509_list root;
    static int loaded;
    if (!loaded) {
        glass_x509_list_init(&root);
        if (glass_x509_list_load_file(&root, "tests/certs/root.pem") != 0 || root.count != 1) {
            fprintf(stderr, "fuzz: run from the repository root (tests/certs/root.pem)\n");
            abort();
        }
        loaded = 1;
    }
    return &root;
}
