/*
 * glass-server — a small HTTPS server over glasstls (TLS 1.2 only).
 *
 *   glass-server [--listen ADDR:PORT] [--cert CHAIN.pem --key KEY.pem]...
 *                [--groups x25519,P-256,P-384]
 *                [--root DIR] [--suites C02F,009C,...] [--require-ems | --no-ems]
 *                [--timeout SECONDS] [--max-conns N] [--count N] [--show-secrets]
 *                [--workers N] [--sndbuf BYTES]
 *                [--trace 0-3] [--trace-dir DIR] [--mermaid FILE] [--keylog FILE]
 *
 *   --listen   127.0.0.1:4433 by default; [::1]:4433 for IPv6; port 0 picks
 *              a free port (the "listening on" line says which)
 *   --cert/--key  by default the DEMO certificate and key shipped in
 *              tests/certs (localhost, 127.0.0.1, ::1; signed by the demo CA
 *              tests/certs/demo-ca.pem).  Their private keys are public:
 *              for demonstrations on your own machine only.  Given twice
 *              (an RSA and an ECDSA certificate, each with its key, RSA or
 *              EC), the server takes per connection the one the suite it
 *              picks needs: a client that offers ECDHE_ECDSA suites and an
 *              ecdsa signature scheme gets the ECDSA one, an RSA-only
 *              client the RSA one
 *   --groups   the ECDHE groups, in the server's order of preference
 *              (default x25519,P-256,P-384)
 *   --root     serve the files under DIR (GET, HEAD); without it, a
 *              built-in page shows the connection it came over: the suite,
 *              the client's SNI and the handshake steps
 *   --timeout  seconds one read or write may wait (default 10); the
 *              handshake and the request must be done within 3 times that
 *   --max-conns  connections served at once (default 256); more wait in the
 *              kernel's accept queue
 *   --count N  stop accepting after N connections (for tests)
 *   --workers N  event loops (threads), each serving its own connections
 *              (default: one per core)
 *   --sndbuf BYTES  the kernel's send buffer of each connection (SO_SNDBUF;
 *              by default the kernel sizes it, up to 4 MiB on Linux).  A
 *              small one bounds what many slow clients cost the kernel
 *              (glass-bench's 10,000 connections in mid-transfer) at the
 *              price of bulk speed
 *   --session-cache N  sessions kept for resumption by session_id (default
 *              1024, least recently used evicted; 0 turns the cache off)
 *   --session-lifetime SECONDS  how long a session may be resumed (default
 *              7200), by session_id or ticket
 *   --tickets  issue RFC 5077 session tickets to clients that ask, under a
 *              random key made at start (so they open only in this run)
 *   --ticket-key FILE  the ticket keys (implies --tickets): one or two
 *              lines of 32 hex digits of key name, a space, 64 hex digits
 *              of AES-256 key; the first seals, both open (rotation:
 *              glasstls/session.h)
 *   --show-secrets  the /handshake page (the handshake of the connection
 *              that fetches it, byte by byte) also shows that connection's
 *              key schedule: premaster, master secret, keys.  Off by
 *              default; a connection never sees another's.
 *   --trace 0-3, --mermaid FILE, --keylog FILE (or SSLKEYLOGFILE): the
 *              handshakes on stderr, as a sequence diagram, as an NSS key
 *              log (glasstls/trace.h).  Each connection has a text trace
 *              of its own, its lines tagged with its id ("[c3] ", as on
 *              its log line); the diagram and the key log are shared, one
 *              event at a time (the diagram is clearest with one client at
 *              a time).
 *   --trace-dir DIR  each connection's text trace in DIR/conn-0003.txt
 *              (mode 0600) instead of stderr, at the --trace level (2 when
 *              not given); bounded: at most TRACE_DIR_MAX_FILES (1000)
 *              files per run, each stopped past TRACE_FILE_MAX (4 MiB).
 *   --dump-dir DIR, --recipes (with --trace 3), --pcap FILE: each message
 *              and record as a file (a folder per connection,
 *              DIR/conn-0003/), the commands that re-compute each derived
 *              value (beside the connection's trace, naming its files),
 *              every connection's bytes as pcapng (one made-up TCP stream
 *              each, the real addresses and ports)
 *
 * Event-driven: --workers N event loops (default one per core), each an
 * epoll loop over non-blocking sockets and the connections it accepted
 * (loop.c, serve.c); no thread per connection.  docs/programs.md says why.
 * Each connection logs one line on stderr: peer, SNI, suite, EMS, the
 * request and status, session=new or session=resumed, bytes sent, and
 * "ok" or why it failed.
 * SIGINT/SIGTERM: stop accepting, let the connections in flight finish,
 * exit 0 (signals.c).
 *
 * This file is the outline; server.h lists the files that do each part.
 * Public API only: glasstls/tls.h (connections), glasstls/x509.h (files).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "glasstls/ct.h"
#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/session.h"
#include "glasstls/tls.h"
#include "glasstls/x509.h"
#include "server.h"

/* The certificate chains and their private keys (keys are large: static). */
static int load_credentials(const server_args *a, glass_x509_list chain[2],
                            glass_private_key key[2])
{
    for (int i = 0; i < a->n_cert; i++) {
        glass_x509_list_init(&chain[i]);
        int rc = glass_x509_list_load_file(&chain[i], a->cert[i]);
        if (rc != 0 || chain[i].count == 0) {
            fprintf(stderr, PROG ": %s: %s\n", a->cert[i],
                    rc ? glass_strerror(rc) : "no certificate");
            return -1;
        }
        rc = glass_private_key_load_file(&key[i], a->keyf[i]);
        if (rc != 0) {
            fprintf(stderr, PROG ": %s: %s\n", a->keyf[i], glass_strerror(rc));
            return -1;
        }
        /* the key must be the leaf's: same type (and curve) */
        const glass_x509_cert *leaf = &chain[i].certs[0];
        int fits = key[i].type == GLASS_KEY_RSA ? leaf->key_type == GLASS_X509_KEY_RSA
                 : leaf->key_type == GLASS_X509_KEY_EC && leaf->ec_curve == key[i].u.ec.curve;
        if (!fits || (i == 1 && key[0].type == key[1].type)) {
            fprintf(stderr, PROG ": %s: %s\n", a->keyf[i],
                    !fits ? "not the key of the certificate's type"
                          : "two keys of one type (give one RSA and one ECDSA certificate)");
            return -1;
        }
    }
    return 0;
}

/* The session cache and the ticket keys every connection shares
 * (glasstls/session.h: both lock themselves, for the connection threads). */
static glass_session_cache *cache;
static glass_ticket_keys *ticket_keys;

static int setup_resumption(const server_args *a, glass_config *cfg)
{
    int rc = 0;
    if (a->session_cache > 0)
        rc = glass_session_cache_new(&cache, (size_t)a->session_cache,
                                     (uint32_t)a->session_lifetime);
    if (rc == 0 && a->ticket_key != NULL) {
        rc = glass_ticket_keys_load(&ticket_keys, a->ticket_key, (uint32_t)a->session_lifetime);
        if (rc != 0) {
            fprintf(stderr, PROG ": --ticket-key %s: %s\n", a->ticket_key, glass_strerror(rc));
            return -1;
        }
    } else if (rc == 0 && a->tickets) {
        /* a key for this run only: tickets of an earlier run do not open */
        uint8_t k[GLASS_TICKET_KEY_NAME_SIZE + GLASS_TICKET_KEY_SIZE];
        glass_drbg d;
        static const uint8_t pers[] = "glass-server ticket key";
        rc = glass_drbg_instantiate_os(&d, pers, sizeof pers - 1);
        if (rc == 0)
            rc = glass_drbg_generate(&d, k, sizeof k, NULL, 0);
        glass_drbg_free(&d);
        if (rc == 0)
            rc = glass_ticket_keys_new(&ticket_keys, k, k + GLASS_TICKET_KEY_NAME_SIZE,
                                       (uint32_t)a->session_lifetime);
        glass_wipe(k, sizeof k);
    }
    if (rc != 0) {
        fprintf(stderr, PROG ": session resumption: %s\n", glass_strerror(rc));
        return -1;
    }
    cfg->session_cache = cache;
    cfg->ticket_keys = ticket_keys;
    return 0;
}

/* The configuration every connection is made from. */
static int configure(server_args *a, glass_config *cfg, const glass_x509_list chain[2],
                     const glass_private_key key[2], glass_x509_list *client_ca)
{
    glass_config_init(cfg, GLASS_ROLE_SERVER);
    cfg->pack_flights = 1;                 /* one send per flight */
    for (int i = 0; i < a->n_cert; i++) {
        cfg->certs[i].chain = &chain[i];
        cfg->certs[i].key = &key[i];
    }
    cfg->cert_count = (size_t)a->n_cert;
    glass_x509_list_init(client_ca);
    if (a->client_ca != NULL) {
        /* RFC 5246 7.4.4: ask for a client certificate issued by these */
        int rc = glass_x509_list_load_file(client_ca, a->client_ca);
        if (rc != 0 || client_ca->count == 0) {
            fprintf(stderr, PROG ": %s: %s\n", a->client_ca,
                    rc ? glass_strerror(rc) : "no certificate");
            return -1;
        }
        cfg->trust = client_ca;
        cfg->request_client_certificate = a->verify_client;
    }
    cfg->require_ems = a->require_ems;
    cfg->disable_ems = a->no_ems;
    if (a->suites != NULL)
        cfg->suite_count = parse_suites(a->suites, cfg->suites, GLASS_CONFIG_MAX_SUITES);
    if (a->groups != NULL) {
        cfg->group_count = parse_groups(a->groups, cfg->groups, GLASS_CONFIG_MAX_GROUPS);
        if (cfg->group_count == 0) {
            fprintf(stderr, PROG ": --groups %s: use x25519, P-256, P-384\n", a->groups);
            return -1;
        }
    }
    /* for the RSA premaster recipe: the RSA key, when there is one */
    for (int i = 0; i < a->n_cert; i++)
        if (key[i].type == GLASS_KEY_RSA)
            a->tr.server_key = a->keyf[i];
    /* the text trace, the recipes and the dump files are each
     * connection's (log.c); the shared tracer only writes --mermaid and
     * --keylog, and trace_setup opens the --pcap capture */
    if (a->tr.recipes && a->tr.level < 3) {
        fprintf(stderr, PROG ": --recipes needs --trace 3 (the values it re-computes)\n");
        return -1;
    }
    trace_opts conn = a->tr;
    a->tr.level = 0;
    a->tr.recipes = 0;
    a->tr.dump_dir = NULL;
    int rc = trace_setup(&a->tr, cfg, glass_tracer_observe, PROG);
    a->tr.level = conn.level;
    a->tr.recipes = conn.recipes;
    a->tr.dump_dir = conn.dump_dir;
    if (rc != 0)
        return -1;
    cfg->trace = NULL;                 /* set per connection (log.c) */
    cfg->trace_ctx = NULL;
    if (setup_resumption(a, cfg) != 0)
        return -1;
    rc = glass_config_check(cfg);
    if (rc != 0) {
        fprintf(stderr, PROG ": %s\n", glass_strerror(rc));
        return -1;
    }
    return 0;
}

/* The workers accept and serve (loop.c, serve.c); this thread only
 * waits for a signal (signals.c) or for --count to be reached. */
static void wait_until_accepting_over(void)
{
    while (!accepting_over())
        poll(NULL, 0, 100);            /* a signal interrupts it at once */
}

/* No new connections; the ones in flight run to their end. */
static void drain(void)
{
    long in_flight = conns_in_flight();
    server_log("%s: no longer accepting; waiting for %ld connection%s in flight\n",
               server_stopping ? "stopping on a signal" : "done accepting", in_flight,
               in_flight == 1 ? "" : "s");
    workers_drain();
    server_log("every connection finished; exiting\n");
}

int main(int argc, char **argv)
{
    static server_args a;
#ifdef GLASS_UNSAFE_LABS
    glass_lab_banner(stderr, "glass-server (lab build)");
#endif
    if (parse_options(argc, argv, &a) != 0)        /* options.c; usage errors exit 2 */
        return 1;
    catch_signals();                               /* signals.c */

    glass_x509_list chain[2], client_ca;
    static glass_private_key key[2];
    glass_config cfg;
    if (load_credentials(&a, chain, key) != 0 ||
        configure(&a, &cfg, chain, key, &client_ca) != 0)
        return 1;
    server_opts opts = { &cfg, a.root, (int)a.timeout, 3 * (int)a.timeout, a.tr.level,
                         a.trace_dir, a.tr.tracer, a.tr.pcap, a.tr.dump_dir, a.tr.recipes,
                         a.tr.server_key, a.tr.show_secrets, a.max_conns, a.count,
                         (int)a.sndbuf };
    if (opts.show_secrets)
        server_log("--show-secrets: /handshake shows each connection its own key schedule\n");

    char shown[INET6_ADDRSTRLEN + 16];
    int lfd = listen_on(a.listen_spec, shown, sizeof shown);       /* listen.c */
    if (lfd < 0) {
        fprintf(stderr, PROG ": cannot listen on %s: %s\n", a.listen_spec,
                errno ? strerror(errno) : "bad address");
        return 1;
    }
    server_log("listening on https://%s/ (%s)\n", shown, a.root ? a.root : "built-in page");
    if (workers_start(lfd, &opts, a.workers) == 0)                 /* loop.c, serve.c */
        wait_until_accepting_over();
    drain();
    close(lfd);

    for (int i = 0; i < a.n_cert; i++) {
        glass_x509_list_free(&chain[i]);
        glass_private_key_wipe(&key[i]);
    }
    glass_x509_list_free(&client_ca);
    glass_session_cache_free(cache);
    glass_ticket_keys_free(ticket_keys);
    glass_tracer_free(a.tr.tracer);
    glass_pcap_free(a.tr.pcap);
    return 0;
}
