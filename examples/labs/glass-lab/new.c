/*
 * new.c — glass-lab new NAME [N] [--dir D] [--seed S] [--ems|--no-ems]
 *                          [--reason expired|wrong-name|unknown-ca]
 *
 * Runs one TLS 1.2 connection between a glasstls client and server in
 * this process (over the in-memory pipe, as glass-step does), with both
 * random generators HMAC-DRBGs seeded from S and the clock fixed, so the
 * same S gives the same bytes every time and another S another exercise.
 * The client's end is tapped: every record it sends or receives is kept.
 * Then it writes the exercise's material into D (default glass-lab-NAME):
 *
 *   records.txt     the records (material.c), capture.pcapng the same for
 *                   Wireshark, exercise.txt what the exercise is about,
 *   README.md       the question, the files, where to read how,
 *   and the secret the exercise starts from: premaster.keylog,
 *   master.keylog, leaked-server.key or client-trust.pem.
 *
 * No answer is written anywhere: glass-lab check works it out again.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/capture.h"
#include "glasstls/ct.h"
#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/util.h"
#include "glasstls/x509.h"

#include "glasslab.h"

#ifndef GLASS_SOURCE_DIR
#define GLASS_SOURCE_DIR "."
#endif

#define FIXED_NOW 1893456000               /* 2030-01-01T00:00:00Z, as glass-step */

/* The client's end of the pipe, tapped: the bytes of each direction are
 * cut into records as they pass. */
typedef struct tap {
    glass_transport inner;
    gl_capture *cap;
    uint8_t buf[2][GL_RECORD_MAX];
    size_t  len[2];
} tap;

typedef struct run {
    gl_capture cap;
    uint8_t premaster[64], master[48];
    size_t  premaster_len;
    int     have_master;
} run;

static void tap_feed(tap *t, int from_server, const uint8_t *b, size_t n)
{
    while (n > 0) {
        size_t room = sizeof t->buf[0] - t->len[from_server];
        size_t take = n < room ? n : room;
        memcpy(t->buf[from_server] + t->len[from_server], b, take);
        t->len[from_server] += take;
        b += take;
        n -= take;
        uint8_t *p = t->buf[from_server];
        while (t->len[from_server] >= 5) {
            size_t rl = 5 + ((size_t)p[3] << 8 | p[4]);
            if (t->len[from_server] < rl)
                break;
            gl_capture_add(t->cap, from_server, p, rl);
            memmove(p, p + rl, t->len[from_server] - rl);
            t->len[from_server] -= rl;
        }
        if (take == 0)
            break;                              /* not a record stream: stop */
    }
}

static long tap_send(void *ctx, const uint8_t *b, size_t n)
{
    tap *t = ctx;
    long r = t->inner.send(t->inner.ctx, b, n);
    if (r > 0)
        tap_feed(t, 0, b, (size_t)r);
    return r;
}

static long tap_recv(void *ctx, uint8_t *b, size_t n)
{
    tap *t = ctx;
    long r = t->inner.recv(t->inner.ctx, b, n);
    if (r > 0)
        tap_feed(t, 1, b, (size_t)r);
    return r;
}

/* The secrets as the client derives them (trace.h, GLASS_TRACE_SECRET). */
static void observe(void *ctx, const glass_trace_event *ev)
{
    run *r = ctx;
    if (ev->kind != GLASS_TRACE_SECRET || ev->is_server)
        return;
    if (ev->secret == GLASS_SECRET_PREMASTER && ev->len <= sizeof r->premaster) {
        memcpy(r->premaster, ev->data, ev->len);
        r->premaster_len = ev->len;
    } else if (ev->secret == GLASS_SECRET_MASTER && ev->len == 48) {
        memcpy(r->master, ev->data, 48);
        r->have_master = 1;
    }
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return FIXED_NOW;
}

/* The exercise's own small generator for its choices (which record, which
 * word): SplitMix64 over the seed, so that they follow the seed too. */
static uint64_t pick(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

typedef struct new_opts {
    const char *name, *dir, *reason;
    unsigned long seed;
    long record;                    /* open-record: N, or -1 (the seed chooses) */
    int ems;                        /* 1, 0, or -1 (the exercise chooses) */
} new_opts;

static const char *const words[] = { "aubergine", "basilisk", "cormorant", "dulcimer",
                                     "estuary", "fjord", "gossamer", "halyard",
                                     "isthmus", "juniper", "kestrel", "lantern" };

static const char *cert_path(char *out, size_t cap, const char *file)
{
    snprintf(out, cap, "tests/certs/%s", file);
    if (access(out, R_OK) != 0)
        snprintf(out, cap, "%s/tests/certs/%s", GLASS_SOURCE_DIR, file);
    return out;
}

static int copy_file(const char *from, const char *to)
{
    uint8_t *data;
    size_t len;
    if (glass_read_file(from, &data, &len) != 0)
        return -1;
    FILE *f = fopen(to, "w");
    int rc = f != NULL && fwrite(data, 1, len, f) == len ? 0 : -1;
    if (f != NULL && fclose(f) != 0)
        rc = -1;
    free(data);
    return rc;
}

/* Steps both ends until both are done, or one fails (its error; the peer
 * is stepped once more to read the alert). */
static int handshake(glass_conn *cl, glass_conn *sv)
{
    for (int i = 0; i < 200; i++) {
        if (glass_handshake_done(cl) && glass_handshake_done(sv))
            return 0;
        int a = glass_handshake_done(cl) ? 0 : glass_handshake_step(cl);
        if (a != 0 && a != GLASS_E_WANT_READ && a != GLASS_E_WANT_WRITE) {
            glass_handshake_step(sv);
            return a;
        }
        int b = glass_handshake_done(sv) ? 0 : glass_handshake_step(sv);
        if (b != 0 && b != GLASS_E_WANT_READ && b != GLASS_E_WANT_WRITE) {
            glass_handshake_step(cl);
            return b;
        }
    }
    return GLASS_E_INTERNAL;
}

/* The application data: a request in three records, an answer in four,
 * one glass_write each (so one record each), then close_notify both ways. */
static int traffic(glass_conn *cl, glass_conn *sv, const char *word, unsigned long seed)
{
    char c1[96], s3[96], s4[96], s2[128];
    snprintf(c1, sizeof c1, "GET /exercise/%lu HTTP/1.1\r\n", seed);
    snprintf(s3, sizeof s3, "the secret word is %s\n", word);
    snprintf(s4, sizeof s4, "and that was record seed %lu. goodbye\n", seed);
    snprintf(s2, sizeof s2, "Content-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
             strlen(s3) + strlen(s4));
    const char *client[] = { c1, "Host: localhost\r\n", "Accept: text/plain\r\n\r\n" };
    const char *server[] = { "HTTP/1.1 200 OK\r\n", s2, s3, s4 };
    uint8_t buf[1024];
    for (size_t i = 0; i < 3; i++)
        if (glass_write(cl, (const uint8_t *)client[i], strlen(client[i])) < 0)
            return -1;
    for (size_t i = 0; i < 3; i++)
        if (glass_read(sv, buf, sizeof buf) < 0)
            return -1;
    for (size_t i = 0; i < 4; i++)
        if (glass_write(sv, (const uint8_t *)server[i], strlen(server[i])) < 0)
            return -1;
    for (size_t i = 0; i < 4; i++)
        if (glass_read(cl, buf, sizeof buf) < 0)
            return -1;
    glass_close(cl);
    if (glass_read(sv, buf, sizeof buf) != GLASS_E_CLOSED)
        return -1;
    if (glass_read(cl, buf, sizeof buf) != GLASS_E_CLOSED)
        return -1;
    return 0;
}

/* The capture again, as a pcapng file: the records are replayed through
 * glass_pcap_stream (capture.h) over a transport that only hands them on. */
typedef struct replay {
    const uint8_t *next;
    size_t left;
} replay;

static long replay_send(void *ctx, const uint8_t *b, size_t n)
{
    (void)ctx; (void)b;
    return (long)n;
}

static long replay_recv(void *ctx, uint8_t *b, size_t n)
{
    replay *r = ctx;
    if (r->left == 0)
        return GLASS_E_WANT_READ;
    if (n > r->left)
        n = r->left;
    memcpy(b, r->next, n);
    r->next += n;
    r->left -= n;
    return (long)n;
}

static int write_pcap(const gl_capture *cap, size_t upto, const char *path)
{
    static const uint8_t lo[4] = { 127, 0, 0, 1 };
    glass_pcap *p;
    glass_pcap_stream *s;
    replay rp = { NULL, 0 };
    glass_transport inner = { &rp, replay_send, replay_recv }, t;
    if (glass_pcap_open(&p, path) != 0)
        return -1;
    glass_pcap_fixed_time(p, FIXED_NOW);
    if (glass_pcap_stream_new(&s, p, inner, lo, 49152, lo, 443, 1, &t) != 0) {
        glass_pcap_free(p);
        return -1;
    }
    static uint8_t sink[GL_RECORD_MAX];
    for (size_t i = 0; i < upto; i++) {
        const gl_record *r = &cap->rec[i];
        if (!r->from_server) {
            t.send(t.ctx, r->bytes, r->len);
            continue;
        }
        rp.next = r->bytes;
        rp.left = r->len;
        while (rp.left > 0 && t.recv(t.ctx, sink, sizeof sink) > 0)
            ;
    }
    glass_pcap_stream_free(s);
    glass_pcap_free(p);
    return 0;
}

static void keylog_line(FILE *f, const char *label, const uint8_t cr[32], const uint8_t *s, size_t n)
{
    fprintf(f, "%s ", label);
    gl_hex_print(f, cr, 32);
    fputc(' ', f);
    gl_hex_print(f, s, n);
    fputc('\n', f);
}

static int write_keylog(const char *dir, const char *file, const char *label, const run *r,
                        const uint8_t *s, size_t n)
{
    char path[4096];
    gl_conn c;
    if (gl_conn_read(&c, &r->cap) != 0)
        return -1;
    FILE *f = fopen(gl_path(path, sizeof path, dir, file), "w");
    if (f == NULL) {
        gl_conn_free(&c);
        return -1;
    }
    keylog_line(f, label, c.client_random, s, n);
    gl_conn_free(&c);
    return fclose(f) == 0 ? 0 : -1;
}

/* The question of each exercise, for README.md (no answers). */
static void write_question(FILE *f, const new_opts *o, long record, int ems)
{
    const char *name = o->name;
    fprintf(f, "# glass-lab exercise: %s (seed %lu)\n\n", name, o->seed);
    fprintf(f, "One TLS 1.2 connection between a glasstls client and server, recorded.\n"
               "Files: `records.txt` (every record, in hex, numbered, with who sent it),\n"
               "`capture.pcapng` (the same records as a capture for Wireshark),\n");
    if (strcmp(name, "derive-master") == 0) {
        fprintf(f, "`premaster.keylog` (the premaster secret, in the key log line\n"
                   "`PMS_CLIENT_RANDOM <client random> <premaster>`).\n\n"
                   "## Question\n\nWhat is the master secret of this connection (48 bytes, hex)?\n\n"
                   "Look at the hellos first: did both sides agree on the extended master\n"
                   "secret (RFC 7627)?  That decides the label and the seed of the PRF\n"
                   "(RFC 5246 8.1; RFC 7627 4).\n");
    } else if (strcmp(name, "verify-finished") == 0) {
        fprintf(f, "`master.keylog` (the master secret: `CLIENT_RANDOM <client random> <master>`).\n"
                   "The capture stops before the server's Finished.\n\n"
                   "## Question\n\nWhat verify_data must the server's Finished carry (12 bytes, hex)?\n"
                   "(RFC 5246 7.4.9: which messages the hash covers, and which label.)\n");
    } else if (strcmp(name, "open-record") == 0) {
        fprintf(f, "`master.keylog` (the master secret: `CLIENT_RANDOM <client random> <master>`).\n\n"
                   "## Question\n\nWhat is the plaintext of record %ld of records.txt (hex)?\n\n"
                   "Derive the write keys and salts (RFC 5246 6.3), build the nonce\n"
                   "(RFC 5288 3) and the additional data (RFC 5246 6.2.3.3), and open it.\n"
                   "If your tag does not match, `glass-lab check open-record tag:HEX` or\n"
                   "`aad:HEX` tells you what went wrong with the additional data.\n", record);
    } else if (strcmp(name, "leaked-rsa") == 0) {
        fprintf(f, "`leaked-server.key` (the server's RSA private key, \"leaked\").\n"
                   "There is no key log.\n\n"
                   "## Question\n\nWhat premaster secret did the client send (48 bytes, hex)?\n"
                   "(RFC 5246 7.4.7.1: the RSA-encrypted premaster secret.)\n");
    } else {
        fprintf(f, "`client-trust.pem` (the certificate authorities the client trusts).\n"
                   "The client's clock read 2030-01-01T00:00:00Z and it connected to the host\n"
                   "name `localhost`.\n\n"
                   "## Question\n\nThe client refused the server's certificate and stopped.  Why?  Answer\n"
                   "with the glasstls error code of the reason (its name, e.g. GLASS_E_...;\n"
                   "include/glasstls/err.h lists them, `glass-states --alerts` too).\n");
    }
    (void)ems;
    fprintf(f, "\n## Checking\n\n    glass-lab check %s ANSWER --dir <this folder>\n\n"
               "How to work it: docs/labs/exercises.md.\n", name);
}

static int write_material(const new_opts *o, run *r, long record, int ems, const char *reason)
{
    char path[4096], src[4096];
    const char *name = o->name;
    size_t upto = r->cap.n;
    if (strcmp(name, "verify-finished") == 0) {
        /* stop before the server's Finished: it is the answer, readable
         * with the key log */
        gl_conn c;
        if (gl_conn_read(&c, &r->cap) != 0)
            return -1;
        if (c.ccs_record[1] != SIZE_MAX)
            upto = c.ccs_record[1] + 1;
        gl_conn_free(&c);
    }
    gl_capture part = r->cap;
    part.n = upto;
    if (gl_capture_write(&part, gl_path(path, sizeof path, o->dir, "records.txt")) != 0 ||
        write_pcap(&r->cap, upto, gl_path(path, sizeof path, o->dir, "capture.pcapng")) != 0)
        return -1;
    int rc = 0;
    if (strcmp(name, "derive-master") == 0)
        rc = write_keylog(o->dir, "premaster.keylog", "PMS_CLIENT_RANDOM", r, r->premaster,
                          r->premaster_len);
    else if (strcmp(name, "verify-finished") == 0 || strcmp(name, "open-record") == 0)
        rc = write_keylog(o->dir, "master.keylog", "CLIENT_RANDOM", r, r->master, 48);
    else if (strcmp(name, "leaked-rsa") == 0)
        rc = copy_file(cert_path(src, sizeof src, "leaf.key"),
                       gl_path(path, sizeof path, o->dir, "leaked-server.key"));
    else
        rc = copy_file(cert_path(src, sizeof src, "root.pem"),
                       gl_path(path, sizeof path, o->dir, "client-trust.pem"));
    if (rc != 0)
        return -1;

    FILE *f = fopen(gl_path(path, sizeof path, o->dir, "exercise.txt"), "w");
    if (f == NULL)
        return -1;
    fprintf(f, "# glass-lab exercise (no answer in here: glass-lab check works it out)\n"
               "exercise=%s\nseed=%lu\n", name, o->seed);
    if (record > 0)
        fprintf(f, "record=%ld\n", record);
    if (strcmp(name, "refused-cert") == 0)
        fprintf(f, "host=localhost\ntime=2030-01-01T00:00:00Z\n");
    (void)reason;
    (void)ems;
    if (fclose(f) != 0)
        return -1;
    f = fopen(gl_path(path, sizeof path, o->dir, "README.md"), "w");
    if (f == NULL)
        return -1;
    write_question(f, o, record, ems);
    return fclose(f) == 0 ? 0 : -1;
}

/* open-record: the seed picks an application-data record whose sequence
 * number is at least 2 (so that off-by-one and counted-from-the-start
 * answers all differ). */
static long choose_record(const run *r, uint64_t *state)
{
    gl_conn c;
    size_t cand[GL_MAX_RECORDS], n = 0;
    if (gl_conn_read(&c, &r->cap) != 0)
        return -1;
    for (size_t i = 0; i < r->cap.n; i++)
        if (c.encrypted[i] && r->cap.rec[i].bytes[0] == GL_CT_APPDATA && c.seq[i] >= 2)
            cand[n++] = i;
    gl_conn_free(&c);
    return n ? (long)cand[pick(state) % n] + 1 : -1;
}

static int valid_record(const run *r, long n)
{
    gl_conn c;
    if (n < 1 || (size_t)n > r->cap.n || gl_conn_read(&c, &r->cap) != 0)
        return 0;
    int ok = c.encrypted[n - 1];
    gl_conn_free(&c);
    return ok;
}

static int usage_new(void)
{
    fprintf(stderr,
            "usage: glass-lab new NAME [--dir D] [--seed S] [--ems|--no-ems]\n"
            "  NAME: derive-master | verify-finished | open-record [N] | leaked-rsa |\n"
            "        refused-cert [--reason expired|wrong-name|unknown-ca]\n");
    return 2;
}

int gl_cmd_new(int argc, char **argv)
{
    new_opts o = { NULL, NULL, NULL, 0, -1, -1 };
    char dirbuf[256];
    int have_seed = 0;
    if (argc < 2)
        return usage_new();
    o.name = argv[1];
    int i = 2;
    if (strcmp(o.name, "open-record") == 0 && i < argc && argv[i][0] != '-')
        o.record = strtol(argv[i++], NULL, 10);
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) o.dir = argv[++i];
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            o.seed = strtoul(argv[++i], NULL, 10);
            have_seed = 1;
        } else if (strcmp(argv[i], "--ems") == 0) o.ems = 1;
        else if (strcmp(argv[i], "--no-ems") == 0) o.ems = 0;
        else if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc) o.reason = argv[++i];
        else return usage_new();
    }
    static const char *const names[] = { "derive-master", "verify-finished", "open-record",
                                         "leaked-rsa", "refused-cert" };
    int known = 0;
    for (size_t k = 0; k < 5; k++)
        known |= strcmp(o.name, names[k]) == 0;
    if (!known)
        return usage_new();
    if (!have_seed)
        o.seed = (unsigned long)time(NULL) ^ (unsigned long)getpid() << 16;
    if (o.dir == NULL) {
        snprintf(dirbuf, sizeof dirbuf, "glass-lab-%s", o.name);
        o.dir = dirbuf;
    }
    uint64_t state = o.seed;
    /* derive-master: the seed decides whether the connection has EMS (so a
     * class meets both); everything else runs the library's default, EMS */
    int ems = o.ems >= 0 ? o.ems : strcmp(o.name, "derive-master") == 0 ? (int)(pick(&state) & 1) : 1;
    const char *reason = o.reason;
    static const char *const reasons[] = { "expired", "wrong-name", "unknown-ca" };
    if (strcmp(o.name, "refused-cert") == 0 && reason == NULL)
        reason = reasons[pick(&state) % 3];
    const char *chain = "chain-localhost.pem";
    if (reason != NULL) {
        if (strcmp(reason, "expired") == 0) chain = "chain-expired.pem";
        else if (strcmp(reason, "wrong-name") == 0) chain = "chain-wronghost.pem";
        else if (strcmp(reason, "unknown-ca") == 0) chain = "chain-unknownca.pem";
        else return usage_new();
    }

    static run r;
    glass_x509_list schain, trust;
    glass_private_key key;
    glass_config ccfg, scfg;
    glass_drbg crng, srng;
    glass_pipe *pipe = NULL;
    glass_conn *cl = NULL, *sv = NULL;
    char p1[4096];
    int rc = -1;
    memset(&key, 0, sizeof key);
    memset(&crng, 0, sizeof crng);
    memset(&srng, 0, sizeof srng);
    glass_x509_list_init(&schain);
    glass_x509_list_init(&trust);
    if (glass_x509_list_load_file(&schain, cert_path(p1, sizeof p1, chain)) != 0 ||
        glass_private_key_load_file(&key, cert_path(p1, sizeof p1, "leaf.key")) != 0 ||
        glass_x509_list_load_file(&trust, cert_path(p1, sizeof p1, "root.pem")) != 0) {
        fprintf(stderr, "glass-lab: cannot load tests/certs (run from the repository root)\n");
        goto out;
    }
    char cs[96], ss[96];
    int cn = snprintf(cs, sizeof cs, "glass-lab client entropy, fixed, seed %lu", o.seed);
    int sn = snprintf(ss, sizeof ss, "glass-lab server entropy, fixed, seed %lu", o.seed);
    if (glass_drbg_instantiate(&crng, GLASS_HASH_SHA256, (const uint8_t *)cs, (size_t)cn, NULL, 0,
                               NULL, 0) != 0 ||
        glass_drbg_instantiate(&srng, GLASS_HASH_SHA256, (const uint8_t *)ss, (size_t)sn, NULL, 0,
                               NULL, 0) != 0)
        goto out;
    glass_config_init(&ccfg, GLASS_ROLE_CLIENT);
    glass_config_init(&scfg, GLASS_ROLE_SERVER);
    ccfg.trust = &trust;
    ccfg.server_name = "localhost";
    ccfg.disable_ems = !ems;
    ccfg.suites[0] = strcmp(o.name, "leaked-rsa") == 0 ? 0x009C : 0xC02F;
    ccfg.suite_count = 1;
    ccfg.rng = glass_drbg_rng; ccfg.rng_ctx = &crng;
    scfg.rng = glass_drbg_rng; scfg.rng_ctx = &srng;
    ccfg.clock = scfg.clock = fixed_clock;
    ccfg.trace = observe;
    ccfg.trace_ctx = &r;
    scfg.certs[0].chain = &schain;
    scfg.certs[0].key = &key;
    scfg.cert_count = 1;

    static tap t;
    t.cap = &r.cap;
    if (glass_pipe_new(&pipe, 0) != 0)
        goto out;
    t.inner = glass_pipe_client(pipe);
    glass_transport tapped = { &t, tap_send, tap_recv };
    if (glass_conn_new(&cl, &ccfg, tapped) != 0 ||
        glass_conn_new(&sv, &scfg, glass_pipe_server(pipe)) != 0)
        goto out;
    int hs = handshake(cl, sv);
    if (reason != NULL) {
        if (hs == 0) {
            fprintf(stderr, "glass-lab: the client accepted a certificate it should refuse\n");
            goto out;
        }
    } else if (hs != 0 || traffic(cl, sv, words[pick(&state) % 12], o.seed) != 0) {
        fprintf(stderr, "glass-lab: the connection failed: %s\n", glass_strerror(hs));
        goto out;
    }
    long record = -1;
    if (strcmp(o.name, "open-record") == 0) {
        record = o.record > 0 ? o.record : choose_record(&r, &state);
        if (!valid_record(&r, record)) {
            fprintf(stderr, "glass-lab: record %ld is not an encrypted record of the capture\n",
                    record);
            goto out;
        }
    }
    if (mkdir(o.dir, 0755) != 0 && access(o.dir, W_OK) != 0) {
        fprintf(stderr, "glass-lab: cannot make the folder %s\n", o.dir);
        goto out;
    }
    if (write_material(&o, &r, record, ems, reason) != 0) {
        fprintf(stderr, "glass-lab: cannot write the material into %s\n", o.dir);
        goto out;
    }
    printf("glass-lab: exercise %s (seed %lu) written to %s/: read %s/README.md\n", o.name, o.seed,
           o.dir, o.dir);
    rc = 0;
out:
    glass_conn_free(cl);
    glass_conn_free(sv);
    glass_pipe_free(pipe);
    glass_drbg_free(&crng);
    glass_drbg_free(&srng);
    glass_x509_list_free(&schain);
    glass_x509_list_free(&trust);
    glass_private_key_wipe(&key);
    glass_wipe(r.premaster, sizeof r.premaster);
    glass_wipe(r.master, sizeof r.master);
    gl_capture_free(&r.cap);
    return rc == 0 ? 0 : 1;
}
