/*
 * glass-step — a TLS 1.2 handshake you can watch one step at a time: a
 * client and a server in one process over the in-memory pipe, stepped in
 * turn with glass_handshake_step(), each step printed and then paused until
 * you press Enter.  After the handshake the client sends an HTTP request,
 * the server answers, and both close.  The program a teacher projects.
 *
 *   glass-step [--suite NAME|HEX] [--seed N] [--trace 0-3] [--no-pause]
 *              [--no-ems] [--mermaid FILE] [--keylog FILE]
 *              [--recipes] [--dump-dir DIR] [--pcap FILE]
 *              [--html FILE [--show-secrets]]
 *              [--cert CHAIN.pem --key KEY.pem --ca ROOT.pem] [--client-cert]
 *              [--resume | --resume-id]
 *
 * --client-cert: the server requires a client certificate (trusting
 * tests/certs/client-ca.pem) and the client sends tests/certs/client.pem,
 * so the handshake runs the flavour "full with client certificate":
 * CertificateRequest, the client's Certificate and its CertificateVerify.
 *
 * --resume first runs a full handshake without printing it, keeps the
 * client's session (with the session ticket the server sent, RFC 5077),
 * and then steps through the ABBREVIATED handshake that resumes it (RFC
 * 5246 section 7.3, Figure 2): no certificate, no key exchange, the
 * server's ChangeCipherSpec and Finished first, new keys from the old
 * master secret and the new randoms.  --resume-id does the same with the
 * server's session cache and the session_id instead of a ticket.
 *
 * --html FILE writes the handshake as a web page (every message split
 * into its fields, glass_tracer_html); --show-secrets adds the key
 * schedule to it.
 * --seed N makes the run deterministic: both random generators are
 * HMAC-DRBGs seeded from N and the clock is fixed at 2030-01-01, so the
 * same N gives the same bytes, keys and output every time (the golden
 * files in tests/golden/ and the examples in docs/ are such runs).
 * Without it the generators are seeded from the OS.  The certificates
 * default to the test chain of tests/certs (run from the repository root).
 *
 * --dump-dir DIR writes each message and record as a file, --recipes
 * (with --trace 3) prints the commands that re-compute each derived value
 * from them, and --pcap FILE writes the bytes the client end of the pipe
 * sends and receives as a pcapng capture of a made-up TCP connection
 * (127.0.0.1:49152 -> 127.0.0.1:443) for Wireshark, with the key log of
 * --keylog.
 *
 * Public API only: tls.h, trace.h, capture.h, x509.h, drbg.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/capture.h"
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
    const char *flavour[2];            /* the flavour each side ran last */
} stepper;

static void usage(void)
{
    fprintf(stderr, "usage: glass-step [--suite NAME|HEX] [--seed N] [--trace 0-3] [--no-pause]"
                     " [--no-ems]\n                  [--mermaid FILE] [--keylog FILE]"
                    " [--recipes] [--dump-dir DIR] [--pcap FILE]\n                  [--html FILE [--show-secrets]] "
                    "[--cert CHAIN.pem --key KEY.pem --ca ROOT.pem]\n"
                    "                  [--client-cert] [--resume | --resume-id]\n");
    exit(2);
}

/* The RFC section of each state's message. */
static const char *rfc_section(int state)
{
    switch (state) {
    case GLASS_ST_CLIENT_HELLO:              return "RFC 5246 7.4.1.2";
    case GLASS_ST_SERVER_HELLO:              return "RFC 5246 7.4.1.3";
    case GLASS_ST_NEW_SESSION_TICKET:        return "RFC 5077 3.3";
    case GLASS_ST_SERVER_CERTIFICATE:        return "RFC 5246 7.4.2";
    case GLASS_ST_SERVER_KEY_EXCHANGE:       return "RFC 8422 5.4";
    case GLASS_ST_CERTIFICATE_REQUEST:       return "RFC 5246 7.4.4";
    case GLASS_ST_SERVER_HELLO_DONE:         return "RFC 5246 7.4.5";
    case GLASS_ST_CLIENT_CERTIFICATE:        return "RFC 5246 7.4.6";
    case GLASS_ST_CERTIFICATE_VERIFY:        return "RFC 5246 7.4.8";
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
        glass_hs_flavour_info fi;
        for (size_t f = 0; glass_hs_flavour(ev->is_server, f, &fi); f++)
            for (size_t i = 0; glass_hs_flavour_step(ev->is_server, f, i, &info); i++)
                if ((int)info.state == ev->state)   /* the event carries an int: trace.h sits below handshake.h */
                    name = glass_hs_type_name(info.msg_type);
        /* the engine took a fork: say so once (the full flavour is where
         * every handshake starts, nothing to say) */
        const char *prev = s->flavour[ev->is_server];
        if (prev != NULL && ev->flavour != NULL && strcmp(prev, ev->flavour) != 0)
            printf("\n-- %s: the handshake is now the flavour \"%s\" (lib/handshake/table.c)\n",
                   ev->is_server ? "Server" : "Client", ev->flavour);
        s->flavour[ev->is_server] = ev->flavour;
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
    glass_hs_state_id state = glass_conn_state(c);
    glass_hs_flavour_info fi;
    for (size_t f = 0; glass_hs_flavour(is_server, f, &fi); f++)
        for (size_t i = 0; glass_hs_flavour_step(is_server, f, i, &info); i++)
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

/* ---- the phases of main ---- */

/* What the command line asked for. */
typedef struct options {
    const char *suite_arg, *mermaid, *keylog, *seed, *dump_dir, *pcap, *html;
    const char *cert, *keyf, *ca;
    int level, no_ems, pause, recipes, show_secrets, client_cert;
    int resume;                        /* 1 by ticket, 2 by session_id */
} options;

/* Everything one run holds: the certificates, the two configurations,
 * their generators when seeded, and the two connections over one pipe. */
typedef struct lab {
    stepper s;
    glass_x509_list chain, trust;
    glass_private_key key;          /* RSA or EC */
    glass_x509_list cchain, cca;       /* --client-cert: the client's chain, its CA */
    glass_rsa_private ckey;
    glass_config ccfg, scfg;
    glass_drbg crng, srng;
    int seeded;
    glass_pipe *pipe;
    glass_conn *side[2];               /* [0] the client, [1] the server */
    glass_session_cache *cache;        /* --resume-id */
    glass_ticket_keys *keys;           /* --resume */
    glass_pcap *pcap;                  /* --pcap: the client's end, tapped */
    glass_pcap_stream *stream;
} lab;

/* 1. The command line; exits 2 on a usage error. */
static void parse_options(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->cert = "tests/certs/chain-localhost.pem";
    o->keyf = "tests/certs/leaf.key";
    o->ca = "tests/certs/root.pem";
    o->level = 1;
    o->pause = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--suite") == 0 && i + 1 < argc) o->suite_arg = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) o->seed = argv[++i];
        else if (strcmp(argv[i], "--trace") == 0 && i + 1 < argc) o->level = atoi(argv[++i]);
        else if (strcmp(argv[i], "--mermaid") == 0 && i + 1 < argc) o->mermaid = argv[++i];
        else if (strcmp(argv[i], "--keylog") == 0 && i + 1 < argc) o->keylog = argv[++i];
        else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc) o->html = argv[++i];
        else if (strcmp(argv[i], "--show-secrets") == 0) o->show_secrets = 1;
        else if (strcmp(argv[i], "--cert") == 0 && i + 1 < argc) o->cert = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) o->keyf = argv[++i];
        else if (strcmp(argv[i], "--ca") == 0 && i + 1 < argc) o->ca = argv[++i];
        else if (strcmp(argv[i], "--no-pause") == 0) o->pause = 0;
        else if (strcmp(argv[i], "--no-ems") == 0) o->no_ems = 1;
        else if (strcmp(argv[i], "--resume") == 0) o->resume = 1;
        else if (strcmp(argv[i], "--resume-id") == 0) o->resume = 2;
        else if (strcmp(argv[i], "--recipes") == 0) o->recipes = 1;
        else if (strcmp(argv[i], "--dump-dir") == 0 && i + 1 < argc) o->dump_dir = argv[++i];
        else if (strcmp(argv[i], "--pcap") == 0 && i + 1 < argc) o->pcap = argv[++i];
        else if (strcmp(argv[i], "--client-cert") == 0) o->client_cert = 1;
        else usage();
    }
    if (o->level < 0 || o->level > 3)
        usage();
    if (o->recipes && o->level < 3) {
        fprintf(stderr, "glass-step: --recipes needs --trace 3 (the values it re-computes)\n");
        exit(2);
    }
}

/* 2a. The server's chain and key, and the client's trust anchor. */
static int load_certificates(const options *o, lab *l)
{
    int rc = glass_x509_list_load_file(&l->chain, o->cert);
    if (rc == 0)
        rc = glass_private_key_load_file(&l->key, o->keyf);
    if (rc == 0)
        rc = glass_x509_list_load_file(&l->trust, o->ca);
    if (rc != 0)
        fprintf(stderr, "glass-step: loading %s, %s, %s: %s (run from the repository root, or "
                "give --cert, --key and --ca)\n", o->cert, o->keyf, o->ca, glass_strerror(rc));
    if (rc == 0 && o->client_cert) {
        rc = glass_x509_list_load_file(&l->cchain, "tests/certs/client.pem");
        if (rc == 0)
            rc = glass_x509_key_load_file(&l->ckey, "tests/certs/client.key");
        if (rc == 0)
            rc = glass_x509_list_load_file(&l->cca, "tests/certs/client-ca.pem");
        if (rc != 0)
            fprintf(stderr, "glass-step: --client-cert: tests/certs/client.pem, client.key, "
                    "client-ca.pem: %s (run from the repository root)\n", glass_strerror(rc));
    }
    return rc;
}

/* 2b. The tracer that prints each step (and writes the diagram, key log). */
static int set_up_tracer(const options *o, stepper *s)
{
    s->pause = o->pause;
    if (glass_tracer_new(&s->tracer) != 0)
        return -1;
    glass_tracer_text(s->tracer, stdout, o->level, -1);
    if ((o->mermaid && glass_tracer_mermaid(s->tracer, o->mermaid) != 0) ||
        (o->keylog && glass_tracer_keylog(s->tracer, o->keylog) != 0) ||
        (o->html && glass_tracer_html(s->tracer, o->html, o->show_secrets) != 0)) {
        fprintf(stderr, "glass-step: cannot write %s\n",
                o->mermaid ? o->mermaid : o->keylog ? o->keylog : o->html);
        return -1;
    }
    if (o->dump_dir && glass_tracer_dump_dir(s->tracer, o->dump_dir) != 0) {
        fprintf(stderr, "glass-step: cannot make the folder %s\n", o->dump_dir);
        return -1;
    }
    if (o->recipes && glass_tracer_recipes(s->tracer, o->keyf) != 0)
        return -1;
    return 0;
}

/* 2c. --seed N: both generators are HMAC-DRBGs seeded from N and the
 * clock is fixed, so the run is the same every time. */
static int seed_generators(const char *seed, lab *l)
{
    /* the "entropy" is a fixed text of at least 32 bytes (SP 800-90A) */
    char cs[128], ss[128];
    int cn = snprintf(cs, sizeof cs, "glass-step client entropy, fixed, seed %s", seed);
    int sn = snprintf(ss, sizeof ss, "glass-step server entropy, fixed, seed %s", seed);
    if (glass_drbg_instantiate(&l->crng, GLASS_HASH_SHA256, (const uint8_t *)cs, (size_t)cn,
                               NULL, 0, NULL, 0) != 0 ||
        glass_drbg_instantiate(&l->srng, GLASS_HASH_SHA256, (const uint8_t *)ss, (size_t)sn,
                               NULL, 0, NULL, 0) != 0) {
        fprintf(stderr, "glass-step: the generators could not be seeded\n");
        return -1;
    }
    l->seeded = 1;
    l->ccfg.rng = glass_drbg_rng; l->ccfg.rng_ctx = &l->crng;
    l->scfg.rng = glass_drbg_rng; l->scfg.rng_ctx = &l->srng;
    l->ccfg.clock = fixed_clock;
    l->scfg.clock = fixed_clock;
    return 0;
}

/* 2d. The client's and the server's configurations, both traced. */
static int configure(const options *o, lab *l)
{
    glass_config_init(&l->ccfg, GLASS_ROLE_CLIENT);
    glass_config_init(&l->scfg, GLASS_ROLE_SERVER);
    l->ccfg.trust = &l->trust;
    l->ccfg.server_name = "localhost";
    l->ccfg.disable_ems = o->no_ems;
    l->scfg.certs[0].chain = &l->chain;      /* an RSA or an EC key */
    l->scfg.certs[0].key = &l->key;
    l->scfg.cert_count = 1;
    if (o->client_cert) {
        l->ccfg.chain = &l->cchain;
        l->ccfg.key = &l->ckey;
        l->scfg.trust = &l->cca;
        l->scfg.request_client_certificate = GLASS_CLIENT_CERT_REQUIRED;
    }
    if (o->suite_arg != NULL) {
        l->ccfg.suites[0] = parse_suite(o->suite_arg);
        l->ccfg.suite_count = 1;
    }
    if (o->seed != NULL && seed_generators(o->seed, l) != 0)
        return -1;
    l->ccfg.trace = l->scfg.trace = observe;
    l->ccfg.trace_ctx = l->scfg.trace_ctx = &l->s;
    if (o->resume == 1) {
        /* a fixed ticket key: with --seed the tickets are the same every run */
        static const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE] = "glass-step key 1";
        uint8_t key[GLASS_TICKET_KEY_SIZE];
        for (size_t i = 0; i < sizeof key; i++)
            key[i] = (uint8_t)(0xA0 + i);
        if (glass_ticket_keys_new(&l->keys, name, key, GLASS_SESSION_DEFAULT_LIFETIME) != 0)
            return -1;
        l->scfg.ticket_keys = l->keys;
        l->ccfg.session_tickets = 1;
    } else if (o->resume == 2) {
        if (glass_session_cache_new(&l->cache, 16, GLASS_SESSION_DEFAULT_LIFETIME) != 0)
            return -1;
        l->scfg.session_cache = l->cache;
    }
    return 0;
}

/* 2. Set up: certificates, tracer, configurations (0, or -1 said why). */
static int set_up(const options *o, lab *l)
{
    glass_x509_list_init(&l->chain);
    glass_x509_list_init(&l->trust);
    glass_x509_list_init(&l->cchain);
    glass_x509_list_init(&l->cca);
    if (load_certificates(o, l) != 0 || set_up_tracer(o, &l->s) != 0)
        return -1;
    return configure(o, l);
}

/* 3. The in-memory pipe and a connection at each end of it; with --pcap
 * the client's end goes through a capture tap (only one end: each byte
 * is written once, as the client sends or receives it). */
static int connect_pair(const options *o, lab *l)
{
    if (glass_pipe_new(&l->pipe, 0) != 0)
        return GLASS_E_NO_MEMORY;
    glass_transport client_end = glass_pipe_client(l->pipe);
    if (o->pcap != NULL) {
        static const uint8_t lo[4] = { 127, 0, 0, 1 };
        int err = glass_pcap_open(&l->pcap, o->pcap);
        if (err != 0) {
            fprintf(stderr, "glass-step: cannot write %s\n", o->pcap);
            return err;
        }
        if (o->seed != NULL)
            glass_pcap_fixed_time(l->pcap, FIXED_NOW);
        err = glass_pcap_stream_new(&l->stream, l->pcap, client_end, lo, 49152, lo, 443, 1,
                                    &client_end);
        if (err != 0)
            return err;
    }
    int rc = glass_conn_new(&l->side[0], &l->ccfg, client_end);
    if (rc == 0)
        rc = glass_conn_new(&l->side[1], &l->scfg, glass_pipe_server(l->pipe));
    return rc;
}

/* 3b. --resume: a full handshake nobody watches, whose session the
 * client keeps; then a new pipe and pair, the client offering it. */
static int make_session_to_resume(const options *o, lab *l)
{
    uint8_t blob[GLASS_SESSION_BLOB_MAX];
    size_t len = 0;
    l->ccfg.trace = l->scfg.trace = NULL;
    int rc = glass_pipe_new(&l->pipe, 0) != 0 ? GLASS_E_NO_MEMORY : 0;
    if (rc == 0)
        rc = glass_conn_new(&l->side[0], &l->ccfg, glass_pipe_client(l->pipe));
    if (rc == 0)
        rc = glass_conn_new(&l->side[1], &l->scfg, glass_pipe_server(l->pipe));
    for (int i = 0; rc == 0 && i < 100 &&
                    !(glass_handshake_done(l->side[0]) && glass_handshake_done(l->side[1])); i++) {
        int a = glass_handshake_step(l->side[0]), b = glass_handshake_step(l->side[1]);
        if (a != 0 && a != GLASS_E_WANT_READ)
            rc = a;
        else if (b != 0 && b != GLASS_E_WANT_READ)
            rc = b;
    }
    if (rc == 0)
        rc = glass_conn_get_session(l->side[0], blob, sizeof blob, &len);
    glass_conn_free(l->side[0]);
    glass_conn_free(l->side[1]);
    glass_pipe_free(l->pipe);
    l->side[0] = l->side[1] = NULL;
    l->pipe = NULL;
    l->ccfg.trace = l->scfg.trace = observe;
    if (rc == 0)
        rc = connect_pair(o, l);           /* the watched one (and --pcap) */
    if (rc == 0)
        rc = glass_conn_set_session(l->side[0], blob, len);
    glass_wipe(blob, sizeof blob);
    if (rc == 0)
        printf("glass-step: a full handshake ran unseen; the client kept its session "
               "(%s)\nand now offers it again: watch the abbreviated handshake.\n",
               l->keys != NULL ? "a session ticket" : "the session_id, cached by the server");
    return rc;
}

/* 4. What the handshake agreed on (after run_handshake). */
static void report_handshake(glass_conn *client)
{
    const glass_suite_info *si = glass_suite_find(glass_conn_suite(client));
    printf("\nHandshake complete: %s%s%s\n", si ? si->name : "?",
           glass_conn_ems(client) ? ", extended master secret" : "",
           glass_conn_resumed(client) ? ", session resumed (abbreviated handshake)" : "");
}

/* At the end: everything freed, every secret wiped (NULL and empty are fine). */
static void clean_up(lab *l)
{
    glass_conn_free(l->side[0]);
    glass_conn_free(l->side[1]);
    glass_pcap_stream_free(l->stream);             /* its FINs, then the file */
    glass_pcap_free(l->pcap);
    glass_pipe_free(l->pipe);
    glass_tracer_free(l->s.tracer);
    if (l->seeded) {
        glass_drbg_free(&l->crng);
        glass_drbg_free(&l->srng);
    }
    glass_x509_list_free(&l->chain);
    glass_x509_list_free(&l->trust);
    glass_x509_list_free(&l->cchain);
    glass_x509_list_free(&l->cca);
    glass_private_key_wipe(&l->key);
    glass_session_cache_free(l->cache);
    glass_ticket_keys_free(l->keys);
}

int main(int argc, char **argv)
{
    options o;
    static lab l;                                  /* zero: nothing held yet */
    parse_options(argc, argv, &o);                 /* 1. the command line */
    if (set_up(&o, &l) != 0) {                     /* 2. certificates, tracer, configs */
        clean_up(&l);
        return 1;
    }
    int rc = o.resume ? make_session_to_resume(&o, &l)  /* 3. client and server over a pipe */
                      : connect_pair(&o, &l);
    if (rc == 0) {
        printf("glass-step: a TLS 1.2 client and server in one process%s\n",
               o.seed ? " (fixed seed and clock: deterministic)" : "");
        rc = run_handshake(&l.s, l.side, l.pipe);  /* 4. the handshake, step by step */
    }
    if (rc == 0) {
        report_handshake(l.side[0]);
        rc = run_http(&l.s, l.side[0], l.side[1]); /* 5. the HTTP exchange, close_notify */
    }
    if (rc == 0)                                   /* 6. report */
        printf("\nDone: %d steps.\n", l.s.steps);
    else
        printf("\nglass-step: %s\n", glass_strerror(rc));
    clean_up(&l);
    return rc == 0 ? 0 : 1;
}
