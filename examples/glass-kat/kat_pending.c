/*
 * kat_pending.c — vector files whose algorithm glasstls does not implement
 * yet, and the per-group count of skipped records other modules use too
 * (kat_ec.c names the curves it does not implement).  Each layout below is recognised from its content and read record
 * by record with the CAVP reader (so a malformed file is still a format
 * error, exit 2), and every vector in it is counted as skipped and named:
 *
 *   X.rsp: 0 passed, 0 failed, 60 skipped (RSA-OAEP not implemented yet:
 *   60 skipped; mod 2048 30; mod 3072 30)
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

/* No layout is pending right now: ECDSA and ECC CDH moved to kat_ec.c,
 * RSASSA-PSS to kat_rsa.c.  A new one is a row here, e.g. for the CAVP
 * RSA files whose sections are "[mod = 2048]" (group_param "mod"):
 *     { "RSA-OAEP", { "OAEP", "\nResult = ", NULL }, "Result", "mod" },
 * The list ends with a row whose `what` is NULL. */
static const pending_layout layouts[] = {
    { NULL, { NULL, NULL, NULL }, NULL, NULL },
};

static const pending_layout *layout_of(const kat_file *f)
{
    for (size_t i = 0; layouts[i].what != NULL; i++) {
        size_t m = 0;
        while (m < 3 && layouts[i].marks[m] != NULL && kat_contains(f, layouts[i].marks[m]))
            m++;
        if (m == 3 || layouts[i].marks[m] == NULL)
            return &layouts[i];
    }
    return NULL;
}

static int detect(const kat_file *f) { return layout_of(f) != NULL; }

/* ---- skipped records, counted per group (kat.h) ----
 * The group a record belongs to: "P-256" (the curve, before any ",SHA-x"),
 * "binary K-/B-" for the binary curves, or "mod 2048" from group_param. */
static void group_name(const rsp_reader *r, const char *group_param, char *out, size_t cap)
{
    if (group_param != NULL) {
        const rsp_kv *kv = rsp_param(r, group_param);
        snprintf(out, cap, "%s %.*s", group_param, kv ? (int)kv->value.n : 1,
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

void kat_skips_init(kat_skips *s)
{
    memset(s, 0, sizeof *s);
}

static void skip_in_group(kat_skips *s, const rsp_reader *r, const char *group_param,
                          kat_counts *c)
{
    char name[sizeof s->groups[0].name];
    size_t g;

    c->skipped++;
    group_name(r, group_param, name, sizeof name);
    for (g = 0; g < s->ngroups && strcmp(s->groups[g].name, name) != 0; g++)
        ;
    if (g == s->ngroups) {
        if (s->ngroups == KAT_SKIP_GROUPS)
            g = KAT_SKIP_GROUPS - 1;    /* fold any further groups into the last */
        else
            snprintf(s->groups[s->ngroups++].name, sizeof s->groups[0].name, "%s", name);
    }
    s->groups[g].n++;
}

void kat_skip_record(kat_skips *s, const rsp_reader *r, kat_counts *c)
{
    skip_in_group(s, r, NULL, c);
}

void kat_skip_note(const kat_skips *s, kat_counts *c, const char *reason)
{
    if (c->skipped == 0)
        return;
    kat_note(c, "%s: %lu skipped", reason, c->skipped);
    for (size_t g = 0; g < s->ngroups; g++)
        kat_note(c, "%s %lu", s->groups[g].name, s->groups[g].n);
}

static void run(const kat_file *f, kat_counts *c)
{
    const pending_layout *l = layout_of(f);
    kat_skips skips;
    rsp_reader r;
    rsp_record rec;
    int rc;
    char reason[64];

    kat_skips_init(&skips);
    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        if (rsp_field(&rec, l->vector_key, 0) == NULL)
            continue;                   /* a key or parameter record, not a vector */
        skip_in_group(&skips, &r, l->group_param, c);
    }
    if (rc < 0)
        return;
    if (c->skipped == 0) {
        kat_fail_format(c, r.line, "no %s vectors found", l->what);
        return;
    }
    snprintf(reason, sizeof reason, "%s not implemented yet", l->what);
    kat_skip_note(&skips, c, reason);
}

const kat_module kat_pending = { "pending", detect, run };
