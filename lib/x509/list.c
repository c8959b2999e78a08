/*
 * list.c — certificate lists loaded from PEM/DER text, files and
 * directories (trust stores, chains read from disk), and the ISO time
 * helpers the tools use.  This is the only part of lib/x509 that allocates
 * ("when a file is loaded", docs/ARCHITECTURE.md); glass_x509_list_free()
 * releases everything.
 */
#include "glasstls/x509.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "glasstls/err.h"
#include "x509/asn1.h"

#define MAX_FILE (64u << 20)

void glass_x509_list_init(glass_x509_list *list)
{
    memset(list, 0, sizeof(*list));
}

void glass_x509_list_free(glass_x509_list *list)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < list->count; i++)
        free((void *)list->certs[i].der.p);
    free(list->certs);
    memset(list, 0, sizeof(*list));
}

int glass_x509_list_add_der(glass_x509_list *list, const uint8_t *der, size_t len)
{
    if (list == NULL || der == NULL || len == 0)
        return GLASS_E_INVALID_ARG;
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        glass_x509_cert *c = realloc(list->certs, cap * sizeof(*c));
        if (c == NULL)
            return GLASS_E_NO_MEMORY;
        list->certs = c;
        list->cap = cap;
    }
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return GLASS_E_NO_MEMORY;
    memcpy(copy, der, len);
    int r = glass_x509_parse(&list->certs[list->count], copy, len);
    if (r != 0) {
        free(copy);
        return r;
    }
    list->count++;
    return 0;
}

static int has_begin(const uint8_t *text, size_t len)
{
    static const char b[] = "-----BEGIN ";
    for (size_t i = 0; i + sizeof(b) - 1 <= len; i++)
        if (memcmp(text + i, b, sizeof(b) - 1) == 0)
            return 1;
    return 0;
}

int glass_x509_list_add_pem(glass_x509_list *list, const uint8_t *text, size_t len)
{
    if (list == NULL || text == NULL)
        return GLASS_E_INVALID_ARG;
    if (!has_begin(text, len))                 /* not PEM: one DER certificate */
        return glass_x509_list_add_der(list, text, len);
    size_t pos = 0;
    glass_pem_block blk;
    int r;
    while ((r = glass_pem_next((const char *)text, len, &pos, &blk)) == 1) {
        if (strcmp(blk.label, "CERTIFICATE") != 0 && strcmp(blk.label, "X509 CERTIFICATE") != 0)
            continue;
        size_t cap = glass_pem_max_decoded(blk.body_len), n;
        uint8_t *der = malloc(cap ? cap : 1);
        if (der == NULL)
            return GLASS_E_NO_MEMORY;
        r = glass_pem_decode(&blk, der, cap, &n);
        if (r == 0)
            r = n == 0 ? GLASS_E_PEM : glass_x509_list_add_der(list, der, n);
        free(der);
        if (r != 0)
            return r;
    }
    return r;
}

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

int glass_x509_list_load_file(glass_x509_list *list, const char *path)
{
    uint8_t *data;
    size_t len;
    int r = glass_read_file(path, &data, &len);
    if (r != 0)
        return r;
    r = glass_x509_list_add_pem(list, data, len);
    free(data);
    return r;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Drops certificates [from, count) that duplicate an earlier one. */
static void drop_duplicates(glass_x509_list *list, size_t from)
{
    size_t w = from;
    for (size_t i = from; i < list->count; i++) {
        int dup = 0;
        for (size_t j = 0; j < w && !dup; j++)
            dup = list->certs[j].der.len == list->certs[i].der.len &&
                  memcmp(list->certs[j].der.p, list->certs[i].der.p, list->certs[i].der.len) == 0;
        if (dup)
            free((void *)list->certs[i].der.p);
        else
            list->certs[w++] = list->certs[i];
    }
    list->count = w;
}

int glass_x509_list_load_dir(glass_x509_list *list, const char *path)
{
    if (list == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    DIR *dir = opendir(path);
    if (dir == NULL)
        return GLASS_E_FILE;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int err = 0;
    struct dirent *e;
    while (err == 0 && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = realloc(names, nc * sizeof(*nn));
            if (nn == NULL) {
                err = GLASS_E_NO_MEMORY;
                break;
            }
            names = nn;
            cap = nc;
        }
        size_t need = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(need);
        if (names[n] == NULL) {
            err = GLASS_E_NO_MEMORY;
            break;
        }
        snprintf(names[n], need, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(dir);
    if (err == 0 && n > 0)
        qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (err == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            size_t before = list->count;
            int r = glass_x509_list_load_file(list, names[i]);
            if (r == GLASS_E_NO_MEMORY)
                err = r;
            else if (r != 0)
                list->skipped++;
            drop_duplicates(list, before);
        }
        free(names[i]);
    }
    free(names);
    return err;
}

/* ---- time as text ---- */

int glass_x509_time_parse(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, sec;
    char z = 0, end = 0;
    if (s == NULL || t == NULL)
        return GLASS_E_INVALID_ARG;
    if (strlen(s) != 20 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &y, &mo, &d, &h, &mi, &sec, &z, &end) != 7 ||
        z != 'Z' || y < 1950 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
        h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
        return GLASS_E_INVALID_ARG;
    for (int i = 0; i < 20; i++) {             /* digits where digits belong */
        int digit = !(i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19);
        if (digit && (s[i] < '0' || s[i] > '9'))
            return GLASS_E_INVALID_ARG;
    }
    int64_t v = glass_time_from_civil(y, mo, d, h, mi, sec);
    int cy, cmo, cd, ch, cmi, cs;
    glass_time_to_civil(v, &cy, &cmo, &cd, &ch, &cmi, &cs);
    if (cd != d || cmo != mo)                  /* e.g. February 30 */
        return GLASS_E_INVALID_ARG;
    *t = v;
    return 0;
}

void glass_x509_time_format(int64_t t, char out[32])
{
    int y, mo, d, h, mi, s;
    glass_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d UTC", y % 100000, mo, d, h, mi, s);
}
