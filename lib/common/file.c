/*
 * file.c — reading a whole file into memory, for the programs and the
 * loaders of certificates and keys (lib/x509).  Bounded: at most 64 MiB.
 */
#include "glasstls/util.h"

#include <stdio.h>
#include <stdlib.h>
#include "glasstls/err.h"

#define MAX_FILE (64u << 20)

int glass_read_file(const char *path, uint8_t **data, size_t *len)
{
    if (path == NULL || data == NULL || len == NULL)
        return GLASS_E_INVALID_ARG;
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return GLASS_E_FILE;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    int err = buf ? 0 : GLASS_E_NO_MEMORY;
    while (err == 0) {
        if (cap - n < 2) {
            if (cap >= MAX_FILE) {
                err = GLASS_E_LIMIT;
                break;
            }
            uint8_t *b = realloc(buf, cap * 2);
            if (b == NULL) {
                err = GLASS_E_NO_MEMORY;
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                err = GLASS_E_FILE;
            break;
        }
    }
    fclose(f);
    if (err != 0) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}
