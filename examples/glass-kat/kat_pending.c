/*
 * kat_pending.c — vector files whose algorithm glasstls does not implement
 * yet.  Each layout below is recognised from its content and read record
 * by record with the CAVP reader (so a malformed file is still a format
 * error, exit 2), and every vector in it is counted as skipped and named:
 *
 *   SigVer.rsp: 0 passed, 0 failed, 1125 skipped (ECDSA not implemented yet:
 *   1125 skipped; P-192 75, P-224 75, P-256 75, P-384 75, P-521 75, binary K-/B- 750)
 *
 * Nothing is dropped silently.  When an algorithm lands, its rows move out
 * of this table into a module of its own that runs the vectors.
 */
#include <stdio.h>
#include <string.h>

#include "kat.h"
#include "kat_field.h"

typedef struct pending_layout {
    const char *what;        /* "ECDSA", the name in the note */
    const char *marks[3];    /* strings the file must all contain (NULL ends) */
    const char *vector_key;  /* a record holding this field is one vector */
    const char *group_param; /* the [..] parameter that names the group, or NULL */
} pending_layout;

/* ECDSA (FIPS 186-4, CAVP ECDSA2VS) and ECC CDH (SP 800-56A 5.7.1.2)
 * sections are bare "[P-256,SHA-256]" / "[P-256]" lines.  (group_param
 * names a "[key = value]" section parameter instead, such as the
 * "[mod = 2048]" of the CAVP RSA files, for a layout that has one.) */
static const pending_layout layouts[] = {
    { "ECDSA", { "\"SigVer\" information", "\nR = ", "\nResult = " }, "Result", NULL },
    { "ECDSA", { "\nk = ", "\nR = ", "\nd = " },                       "S",      NULL },
    { "ECDSA", { "\"PKV\" information", "\nResult = ", NULL },         "Result", NULL },
    { "ECDSA", { "\"Key Pair\" information", "\nQx = ", NULL },        "Qx",     NULL },
    { "ECC CDH (ECDHE over NIST curves)", { "ECC CDH Primitive", "\nZIUT = ", NULL }, "ZIUT", NULL },
};
#define NLAYOUTS (sizeof layouts / sizeof layouts[0])

static const pending_layout *layout_of(const kat_file *f)
{
    for (size_t i = 0; i < NLAYOUTS; i++) {
        size_t m = 0;
        while (m < 3 && layouts[i].marks[m] != NULL && kat_contains(f, layouts[i].marks[m]))
            m++;
        if (m == 3 || layouts[i].marks[m] == NULL)
            return &layouts[i];
    }
    return NULL;
}

static int detect(const kat_file *f) { return layout_of(f) != NULL; }

/* The group a record belongs to: "P-256" (the curve, before any ",SHA-x"),
 * "binary K-/B-" for the binary curves, or "mod 2048" from group_param. */
#define MAX_GROUPS 16

typedef struct group_count {
    char name[24];
    unsigned long n;
} group_count;

static void group_name(const rsp_reader *r, const pending_layout *l, char *out, size_t cap)
{
    if (l->group_param != NULL) {
        const rsp_kv *kv = rsp_param(r, l->group_param);
        snprintf(out, cap, "%s %.*s", l->group_param, kv ? (int)kv->value.n : 1,
                 kv ? kv->value.p : "?");
        return;
    }
    /* the first bare [..] parameter names the curve */
    for (size_t i = 0; i < r->nparams; i++) {
        rsp_str k = r->params[i].key;
        if (k.n >= 2 && (k.p[0] == 'K' || k.p[0] == 'B') && k.p[1] == '-') {
            snprintf(out, cap, "binary K-/B-");
            return;
        }
        if (k.n >= 2 && k.p[0] == 'P' && k.p[1] == '-') {
            const char *comma = memchr(k.p, ',', k.n);
            size_t len = comma ? (size_t)(comma - k.p) : k.n;
            snprintf(out, cap, "%.*s", (int)(len < cap ? len : cap - 1), k.p);
            return;
        }
    }
    snprintf(out, cap, "other");
}

static void run(const kat_file *f, kat_counts *c)
{
    const pending_layout *l = layout_of(f);
    group_count groups[MAX_GROUPS];
    size_t ngroups = 0;
    rsp_reader r;
    rsp_record rec;
    int rc;

    memset(groups, 0, sizeof groups);
    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        char name[24];
        size_t g;
        if (rsp_field(&rec, l->vector_key, 0) == NULL)
            continue;                   /* a key or parameter record, not a vector */
        c->skipped++;
        group_name(&r, l, name, sizeof name);
        for (g = 0; g < ngroups && strcmp(groups[g].name, name) != 0; g++)
            ;
        if (g == ngroups) {
            if (ngroups == MAX_GROUPS)
                g = MAX_GROUPS - 1;     /* fold any further groups into the last */
            else
                snprintf(groups[ngroups++].name, sizeof groups[0].name, "%s", name);
        }
        groups[g].n++;
    }
    if (rc < 0)
        return;
    if (c->skipped == 0) {
        kat_fail_format(c, r.line, "no %s vectors found", l->what);
        return;
    }
    kat_note(c, "%s not implemented yet: %lu skipped", l->what, c->skipped);
    for (size_t g = 0; g < ngroups; g++)
        kat_note(c, "%s %lu", groups[g].name, groups[g].n);
}

const kat_module kat_pending = { "pending", detect, run };
