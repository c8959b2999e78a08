/*
 * trace_opts.h — the command-line pieces glass-client and glass-server
 * share (included by glass-client's main.c and glass-server's server.h;
 * the only source the two share): the --suites and --groups lists
 * (parse_suites, parse_groups) and
 * the trace options --trace 0-3, --mermaid FILE, --keylog FILE, and the SSLKEYLOGFILE
 * environment variable (a key log for Wireshark).  The text goes to
 * stderr.  With none of them cfg->trace stays NULL.  The functions are
 * static inline, so a file that includes the header without calling them
 * (glass-server's files, through server.h) gets no copy and no warning.
 */
#ifndef GLASS_EXAMPLES_TRACE_OPTS_H
#define GLASS_EXAMPLES_TRACE_OPTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/config.h"
#include "glasstls/trace.h"

/* --suites "C02F,009C" -> IANA values; returns how many (at most cap). */
static inline size_t parse_suites(const char *list, uint16_t *out, size_t cap)
{
    size_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL && n < cap; tok = strtok(NULL, ","))
        out[n++] = (uint16_t)strtoul(tok, NULL, 16);
    return n;
}

/* --groups "x25519,P-256,P-384" (also secp256r1, secp384r1, or the
 * numbers 29, 23, 24) -> NamedGroup values; returns how many (at most
 * cap), or 0 for a name it does not know. */
static inline size_t parse_groups(const char *list, uint16_t *out, size_t cap)
{
    size_t n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok != NULL && n < cap; tok = strtok(NULL, ",")) {
        if (strcmp(tok, "x25519") == 0 || strcmp(tok, "X25519") == 0 || strcmp(tok, "29") == 0)
            out[n++] = 29;
        else if (strcmp(tok, "P-256") == 0 || strcmp(tok, "secp256r1") == 0 ||
                 strcmp(tok, "prime256v1") == 0 || strcmp(tok, "23") == 0)
            out[n++] = 23;
        else if (strcmp(tok, "P-384") == 0 || strcmp(tok, "secp384r1") == 0 ||
                 strcmp(tok, "24") == 0)
            out[n++] = 24;
        else
            return 0;
    }
    return n;
}

typedef struct trace_opts {
    int level;
    const char *mermaid, *keylog;
    glass_tracer *tracer;
} trace_opts;

/* Takes argv[*i] (and its value) when it is a trace option: 1, else 0. */
static inline int trace_arg(int argc, char **argv, int *i, trace_opts *o)
{
    if (*i + 1 >= argc)
        return 0;
    if (strcmp(argv[*i], "--trace") == 0) o->level = atoi(argv[++*i]);
    else if (strcmp(argv[*i], "--mermaid") == 0) o->mermaid = argv[++*i];
    else if (strcmp(argv[*i], "--keylog") == 0) o->keylog = argv[++*i];
    else return 0;
    return 1;
}

/* Sets cfg->trace up (0), or says why it cannot (-1).  observe is the
 * hook that hands events to o->tracer: glass_tracer_observe itself, or a
 * wrapper (glass-server serialises its threads' events with a lock). */
static inline int trace_setup(trace_opts *o, glass_config *cfg, glass_trace_fn observe,
                       const char *prog)
{
    const char *env = getenv("SSLKEYLOGFILE");
    const char *keylog = o->keylog ? o->keylog : (env && env[0] ? env : NULL);
    if (o->level <= 0 && o->mermaid == NULL && keylog == NULL)
        return 0;
    if (glass_tracer_new(&o->tracer) != 0)
        return -1;
    glass_tracer_text(o->tracer, stderr, o->level, -1);
    if ((o->mermaid && glass_tracer_mermaid(o->tracer, o->mermaid) != 0) ||
        (keylog && glass_tracer_keylog(o->tracer, keylog) != 0)) {
        fprintf(stderr, "%s: cannot write %s\n", prog, o->mermaid ? o->mermaid : keylog);
        return -1;
    }
    cfg->trace = observe;
    cfg->trace_ctx = o->tracer;
    return 0;
}

#endif /* GLASS_EXAMPLES_TRACE_OPTS_H */
