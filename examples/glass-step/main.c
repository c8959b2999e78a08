/*
 * glass-step — a TLS 1.2 handshake you can watch one step at a time: a
 * client and a server in one process over the in-memory pipe, stepped in
 * turn with glass_handshake_step(), each step printed and then paused until
 * you press Enter.  After the handshake the client sends an HTTP request,
 * the server answers, and both close.  The program a teacher projects.
 *
 *   glass-step [--suite NAME|HEX] [--seed N] [--trace 0-3] [--no-pause]
 *              [--no-ems] [--mermaid FILE] [--keylog FILE]
 *              [--cert CHAIN.pem --key KEY.pem --ca ROOT.pem]
 *
 * --seed N makes the run deterministic: both random generators are
 * HMAC-DRBGs seeded from N and the clock is fixed at 2030-01-01, so the
 * same N gives the same bytes, keys and output every time (the golden
 * files in tests/golden/ and the examples in docs/ are such runs).
 * Without it the generators are seeded from the OS.  The certificates
 * default to the test chain of tests/certs (run from the repository root).
 *
 * Public API only: tls.h, trace.h, x509.h, drbg.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"

#define FIXED_NOW 1893456000               /* 2030-01-01T00:00:00Z */

typedef struct stepper {
    glass_tracer *tracer;
    int   steps;
    int   pause;
} stepper;

static void usage(void)
{
    fprintf(stderr, "usage: glass-step [--suite NAME|HEX] [--seed N] [--trace 0-3] [--no-pause]"
                    " [--no-ems]\n                  [--mermaid FILE] [--keylog FILE]"
                    " [--cert CHAIN.pem --key KEY.pem --ca ROOT.pem]\n");
    exit(2);
}

/* The RFC section of each state's message. */
static const char *rfc_section(int state)
{
    switch (state) {
    case GLASS_ST_CLIENT_HELLO:              return "RFC 5246 7.4.1.2";
    case GLASS_ST_SERVER_HELLO:              return "RFC 5246 7.4.1.3";
    case GLASS_ST_SERVER_CERTIFICATE:        return "RFC 5246 7.4.2";
    case GLASS_ST_SERVER_KEY_EXCHANGE:       return "RFC 8422 5.4";
    case GLASS_ST_SERVER_HELLO_DONE:         return "RFC 5246 7.4.5";
    case GLASS_ST_CLIENT_KEY_EXCHANGE:       return "RFC 5246 7.4.7";
    case GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC:
    case GLASS_ST_SERVER_CHANGE_CIPHER_SPEC: return "RFC 5246 7.1";
    case GLASS_ST_CLIENT_FINISHED:
    case GLASS_ST_SERVER_FINISHED:           return "RFC 5246 7.4.9";
    default:                                 return "RFC 5246 7.3";
    }
}

static void pause_here(stepper *s)
{
    fflush(stdout);
    if (!s->pause)
        return;
    fprintf(stderr, "[Enter: next step] ");
    int c;
    while ((c = getchar()) != EOF && c != '\n')
        ;
}

/* Our observer: a header for each handshake step, then the tracer. */
static void observe(void *ctx, const glass_trace_event *ev)
{
    stepper *s = ctx;
    if (ev->kind == GLASS_TRACE_STATE) {
        glass_hs_step_info info;
        const char *name = ev->state_name;
        for (size_t i = 0; glass_hs_table_step(ev->is_server, i, &info); i++)
            if (info.state == ev->state)
                name = glass_hs_type_name(info.msg_type);
        printf("\n== step %d: %s %s %s  (%s, %s)\n", ++s->steps, ev->is_server ? "Server" : "Client",
               ev->we_send ? "sends" : "receives", name, ev->handler, rfc_section(ev->state));
    }
    glass_tracer_observe(s->tracer, ev);
}

static void app_step(stepper *s, const char *what)
{
    printf("\n== step %d: %s\n", ++s->steps, what);
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return FIXED_NOW;
}

static uint16_t parse_suite(const char *arg)
{
    for (size_t i = 0; i < GLASS_SUITE_COUNT; i++) {
        const glass_suite_info *s = glass_suite_find(glass_default_suites[i]);
        if (s != NULL && strcmp(s->name, arg) == 0)
            return s->id;
    }
    char *end;
    unsigned long v = strtoul(arg, &end, 16);
    if (*end != '\0' || glass_suite_find((uint16_t)v) == NULL) {
        fprintf(stderr, "glass-step: unknown suite %s; known:", arg);
        for (size_t i = 0; i < GLASS_SUITE_COUNT; i++)
            fprintf(stderr, " %s", glass_suite_find(glass_default_suites[i])->name);
        fprintf(stderr, "\n");
        exit(2);
    }
    return (uint16_t)v;
}

/* Does the next handshake step of c send, or has its peer sent something? */
static int can_step(glass_conn *c, int is_server, glass_pipe *pipe)
{
    glass_hs_step_info info;
    int state = glass_conn_state(c);
    for (size_t i = 0; glass_hs_table_step(is_server, i, &info); i++)
        if (info.state == state && info.we_send)
            return 1;
    return glass_pipe_pending(pipe, !is_server) > 0;
}

static int run_handshake(stepper *s, glass_conn *side[2], glass_pipe *pipe)
{
    int cur = 0, idle = 0;
    while (!glass_handshake_done(side[0]) || !glass_handshake_done(side[1])) {
        if (glass_handshake_done(side[cur]) || !can_step(side[cur], cur, pipe)) {
            cur ^= 1;
            if (++idle > 2)
                return GLASS_E_INTERNAL;   /* neither side can move */
            continue;
        }
        idle = 0;
        int rc = glass_handshake_step(side[cur]);
        if (rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE) {
            cur ^= 1;
            continue;
        }
        if (rc != 0) {
            printf("\n%s: the handshake failed: %s\n", cur ? "Server" : "Client",
                   glass_strerror(rc));
            glass_handshake_step(side[cur ^ 1]);    /* let the peer see the alert */
            return rc;
        }
        pause_here(s);
    }
    return 0;
}

/* An HTTP request and its response over the new connection, step by step. */
static int run_http(stepper *s, glass_conn *client, glass_conn *server)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                               "Content-Length: 20\r\n\r\nhello from glasstls\n";
    uint8_t buf[512];
    long n;

    app_step(s, "Client sends an HTTP request (application data)");
    if (glass_write(client, (const uint8_t *)req, sizeof req - 1) != (long)(sizeof req - 1))
        return glass_conn_error(client);
    pause_here(s);
    app_step(s, "Server reads the request");
    if ((n = glass_read(server, buf, sizeof buf)) < 0)
        return (int)n;
    printf("Server got: %.*s\n", (int)strcspn((const char *)buf, "\r"), (const char *)buf);
    pause_here(s);
    app_step(s, "Server sends the HTTP response");
    if (glass_write(server, (const uint8_t *)resp, sizeof resp - 1) != (long)(sizeof resp - 1))
        return glass_conn_error(server);
    pause_here(s);
    app_step(s, "Client reads the response");
    if ((n = glass_read(client, buf, sizeof buf)) < 0)
        return (int)n;
    printf("Client got: %.*s\n", (int)strcspn((const char *)buf, "\r"), (const char *)buf);
    pause_here(s);
    app_step(s, "Client closes the connection (close_notify); the server answers in kind");
    glass_close(client);
    n = glass_read(server, buf, sizeof buf);      /* GLASS_E_CLOSED, and its close_notify */
    if (n != GLASS_E_CLOSED)
        return n < 0 ? (int)n : GLASS_E_STATE;
    n = glass_read(client, buf, sizeof buf);
    if (n != GLASS_E_CLOSED)
        return n < 0 ? (int)n : GLASS_E_STATE;
    pause_here(s);
    return 0;
}

int main(int argc, char **argv)
{
    const char *suite_arg = NULL, *mermaid = NULL, *keylog = NULL, *seed = NULL;
    const char *cert = "tests/certs/chain-localhost.pem", *keyf = "tests/certs/leaf.key";
    const char *ca = "tests/certs/root.pem";
    int level = 1, no_ems = 0;
    stepper s = { NULL, 0, 1 };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--suite") == 0 && i + 1 < argc) suite_arg = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = argv[++i];
        else if (strcmp(argv[i], "--trace") == 0 && i + 1 < argc) level = atoi(argv[++i]);
        else if (strcmp(argv[i], "--mermaid") == 0 && i + 1 < argc) mermaid = argv[++i];
        else if (strcmp(argv[i], "--keylog") == 0 && i + 1 < argc) keylog = argv[++i];
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc) cert = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) keyf = argv[++i];
        else if (strcmp(argv[i], "--ca") == 0 && i + 1 < argc) ca = argv[++i];
        else if (strcmp(argv[i], "--no-pause") == 0) s.pause = 0;
        else if (strcmp(argv[i], "--no-ems") == 0) no_ems = 1;
        else usage();
    }
    if (level < 0 || level > 3)
        usage();

    glass_x509_list chain, trust;
    glass_rsa_private key;
    glass_x509_list_init(&chain);
    glass_x509_list_init(&trust);
    memset(&key, 0, sizeof key);
    int rc = glass_x509_list_load_file(&chain, cert);
    if (rc == 0)
        rc = glass_x509_key_load_file(&key, keyf);
    if (rc == 0)
        rc = glass_x509_list_load_file(&trust, ca);
    if (rc != 0) {
        fprintf(stderr, "glass-step: loading %s, %s, %s: %s (run from the repository root, or "
                "give --cert, --key and --ca)\n", cert, keyf, ca, glass_strerror(rc));
        return 1;
    }

    s.tracer = glass_tracer_new();
    if (s.tracer == NULL)
        return 1;
    glass_tracer_text(s.tracer, stdout, level, -1);
    if ((mermaid && glass_tracer_mermaid(s.tracer, mermaid) != 0) ||
        (keylog && glass_tracer_keylog(s.tracer, keylog) != 0)) {
        fprintf(stderr, "glass-step: cannot write %s\n", mermaid ? mermaid : keylog);
        return 1;
    }

    glass_config ccfg, scfg;
    glass_drbg crng, srng;
    glass_config_init(&ccfg, GLASS_ROLE_CLIENT);
    glass_config_init(&scfg, GLASS_ROLE_SERVER);
    ccfg.trust = &trust;
    ccfg.server_name = "localhost";
    ccfg.disable_ems = no_ems;
    scfg.chain = &chain;
    scfg.key = &key;
    if (suite_arg != NULL) {
        ccfg.suites[0] = parse_suite(suite_arg);
        ccfg.suite_count = 1;
    }
    if (seed != NULL) {                    /* deterministic: fixed DRBG seeds and clock */
        /* the "entropy" is a fixed text of at least 32 bytes (SP 800-90A) */
        char cs[128], ss[128];
        int cn = snprintf(cs, sizeof cs, "glass-step client entropy, fixed, seed %s", seed);
        int sn = snprintf(ss, sizeof ss, "glass-step server entropy, fixed, seed %s", seed);
        if (glass_drbg_instantiate(&crng, GLASS_HASH_SHA256, (const uint8_t *)cs, (size_t)cn,
                                   NULL, 0, NULL, 0) != 0 ||
            glass_drbg_instantiate(&srng, GLASS_HASH_SHA256, (const uint8_t *)ss, (size_t)sn,
                                   NULL, 0, NULL, 0) != 0) {
            fprintf(stderr, "glass-step: the generators could not be seeded\n");
            return 1;
        }
        ccfg.rng = glass_drbg_rng; ccfg.rng_ctx = &crng;
        scfg.rng = glass_drbg_rng; scfg.rng_ctx = &srng;
        ccfg.clock = fixed_clock;
        scfg.clock = fixed_clock;
    }
    ccfg.trace = scfg.trace = observe;
    ccfg.trace_ctx = scfg.trace_ctx = &s;

    glass_pipe *pipe = glass_pipe_new(0);
    glass_conn *side[2] = { NULL, NULL };
    if (pipe == NULL)
        return 1;
    rc = glass_conn_new(&side[0], &ccfg, glass_pipe_client(pipe));
    if (rc == 0)
        rc = glass_conn_new(&side[1], &scfg, glass_pipe_server(pipe));
    if (rc == 0) {
        printf("glass-step: a TLS 1.2 client and server in one process%s\n",
               seed ? " (fixed seed and clock: deterministic)" : "");
        rc = run_handshake(&s, side, pipe);
    }
    if (rc == 0) {
        const glass_suite_info *si = glass_suite_find(glass_conn_suite(side[0]));
        printf("\nHandshake complete: %s%s\n", si ? si->name : "?",
               glass_conn_ems(side[0]) ? ", extended master secret" : "");
        rc = run_http(&s, side[0], side[1]);
    }
    if (rc == 0)
        printf("\nDone: %d steps.\n", s.steps);
    else
        printf("\nglass-step: %s\n", glass_strerror(rc));
    glass_conn_free(side[0]);
    glass_conn_free(side[1]);
    glass_pipe_free(pipe);
    glass_tracer_free(s.tracer);
    if (seed != NULL) {
        glass_drbg_free(&crng);
        glass_drbg_free(&srng);
    }
    glass_x509_list_free(&chain);
    glass_x509_list_free(&trust);
    glass_rsa_private_free(&key);
    return rc == 0 ? 0 : 1;
}
