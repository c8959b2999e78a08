/*
 * triple.c — glass-mitm triple: step 1 of the triple handshake attack
 * (Bhargavan, Delignat-Lavaud, Fournet, Pironti, Strub, "Triple Handshakes
 * and Cookie Cutters", IEEE S&P 2014), on loopback only, with the lab
 * hooks of include/glasstls/labs.h.  docs/labs/triple-handshake.md.
 *
 * C, an honest client, connects to A, a server it trusts under A's own
 * name and certificate.  A connects to S, an honest server, and makes the
 * two handshakes (RSA key exchange, TLS_RSA_WITH_AES_128_GCM_SHA256) share
 * every input of the classic master secret (RFC 5246 8.1):
 *
 *   C -> A  ClientHello (client random cr)          hook server_hello:
 *                                                   cr goes to the other leg
 *       A -> S  ClientHello with cr                 hook client_random
 *       S -> A  ServerHello (sr, session id), S's certificate, ServerHelloDone
 *   A -> C  ServerHello with sr and S's session id, A's certificate
 *   C -> A  ClientKeyExchange: pms encrypted to A's key; A decrypts it
 *                                                   (its trace's premaster)
 *       A -> S  ClientKeyExchange: the same pms encrypted to S's key
 *                                                   hook rsa_premaster
 *
 * so master = PRF(pms, "master secret", cr + sr) is the same on both
 * connections.  A offers S the extended master secret only when C offered
 * it to A: one side without it is enough.  A then completes each handshake itself: the library
 * computes each side's Finished from that connection's own transcript.
 * With the extended master secret (RFC 7627) the master secret hashes the
 * whole handshake up to ClientKeyExchange, the two different certificates
 * included, and the two master secrets differ.
 *
 * The two legs run in two threads (the C leg in the caller's, the S leg
 * in its own), each a blocking glass_conn; the hooks pass the values from
 * one to the other and wait (at most WAIT_S seconds) for them.  After the
 * handshakes A relays the application data, decrypting on one leg and
 * encrypting on the other, until one side closes.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/labs.h"
#include "glasstls/sha2.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"

#include "labnet.h"
#include "triple.h"

#define SUITE  0x009C      /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
#define WAIT_S 10          /* seconds one leg waits for the other, and a socket read */

struct mitm;

/* One of A's two connections. */
typedef struct leg {
    const char *name;          /* "C <-> A" */
    struct mitm *m;
    int is_server;             /* A's role on this leg */
    int fd;
    glass_config cfg;
    glass_conn *conn;
    int rc;                    /* the handshake's result */
    /* seen in the leg's trace */
    uint8_t premaster[48];
    int have_premaster;
    uint8_t master[48];
    int have_master, ems;
    uint8_t client_key[32];
    size_t client_key_len;
    uint8_t cert_hash[GLASS_SHA256_SIZE];
    char subject[300];
    int have_cert;
} leg;

typedef struct mitm {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    /* what one leg hands the other */
    int have_cr, have_sh, have_pm, failed;
    int c_offers_ems;          /* C's ClientHello has extended_master_secret */
    uint8_t cr[32], sr[32], sid[32], pm[48];
    size_t sid_len;
    leg c, s;                  /* c: A is C's server; s: A is S's client */
    const char *listen_spec, *connect_spec, *server_name;
    char a_subject[300];       /* of A's certificate */
    glass_x509_list chain, s_trust;
    glass_private_key key;
} mitm;

/* ---- output: one line at a time from either thread ---- */

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    flockfile(stdout);
    vprintf(fmt, ap);
    fflush(stdout);
    funlockfile(stdout);
    va_end(ap);
}

/* hex of p into out (2n + 1 bytes) */
static const char *hex(char *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", p[i]);
    out[2 * n] = '\0';
    return out;
}

/* ---- the legs hand values to each other ---- */

static void fail(mitm *m)
{
    pthread_mutex_lock(&m->mu);
    m->failed = 1;
    pthread_cond_broadcast(&m->cv);
    pthread_mutex_unlock(&m->mu);
}

/* Waits until *flag is set by the other leg: 0, or GLASS_E_IO when the
 * other leg failed or WAIT_S seconds passed. */
static int await(mitm *m, const int *flag)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += WAIT_S;
    pthread_mutex_lock(&m->mu);
    while (!*flag && !m->failed)
        if (pthread_cond_timedwait(&m->cv, &m->mu, &deadline) == ETIMEDOUT)
            break;
    int ok = *flag;
    pthread_mutex_unlock(&m->mu);
    return ok ? 0 : GLASS_E_IO;
}

/* ---- the three hooks (glass_lab_hooks) ---- */

/* C leg, ServerHello: hand C's client random to the S leg, take S's
 * server random and session id from it. */
static int hook_server_hello(void *arg, const uint8_t cr[32], uint8_t sr[32], uint8_t sid[32],
                             size_t *sid_len)
{
    mitm *m = arg;
    char h[65];
    say("1. C -> A  ClientHello: client random %s\n", hex(h, cr, 32));
    pthread_mutex_lock(&m->mu);
    memcpy(m->cr, cr, 32);
    m->have_cr = 1;
    pthread_cond_broadcast(&m->cv);
    pthread_mutex_unlock(&m->mu);
    if (await(m, &m->have_sh) != 0) {
        say("   A has no ServerHello of S to copy: the handshake with C stops here\n");
        return GLASS_E_IO;
    }
    pthread_mutex_lock(&m->mu);
    memcpy(sr, m->sr, 32);
    memcpy(sid, m->sid, m->sid_len);
    *sid_len = m->sid_len;
    pthread_mutex_unlock(&m->mu);
    say("4. A -> C  ServerHello with S's server random and session id (copied), then A's own\n"
        "           certificate: %s\n", m->a_subject);
    return 0;
}

/* S leg, ClientHello: C's client random (the leg waited for it). */
static int hook_client_random(void *arg, uint8_t cr[32])
{
    mitm *m = arg;
    pthread_mutex_lock(&m->mu);
    memcpy(cr, m->cr, 32);
    pthread_mutex_unlock(&m->mu);
    say("2. A -> S  ClientHello with C's client random (copied)\n");
    return 0;
}

/* S leg, ClientKeyExchange: hand S's hello to the C leg, take the
 * premaster C sent it. */
static int hook_rsa_premaster(void *arg, const uint8_t sr[32], const uint8_t *sid, size_t sid_len,
                              uint8_t pm[48])
{
    mitm *m = arg;
    char h[65], hs[65], fp[65];
    say("3. S -> A  ServerHello: server random %s, session id %s\n"
        "           S's certificate: %s, SHA-256 %s\n",
        hex(h, sr, 32), sid_len ? hex(hs, sid, sid_len) : "(empty)",
        m->s.have_cert ? m->s.subject : "?", hex(fp, m->s.cert_hash, sizeof m->s.cert_hash));
    pthread_mutex_lock(&m->mu);
    memcpy(m->sr, sr, 32);
    memcpy(m->sid, sid, sid_len);
    m->sid_len = sid_len;
    m->have_sh = 1;
    pthread_cond_broadcast(&m->cv);
    pthread_mutex_unlock(&m->mu);
    if (await(m, &m->have_pm) != 0) {
        say("   A has no premaster from C to re-encrypt: the handshake with S stops here\n");
        return GLASS_E_IO;
    }
    pthread_mutex_lock(&m->mu);
    memcpy(pm, m->pm, 48);
    pthread_mutex_unlock(&m->mu);
    say("6. A -> S  ClientKeyExchange: the same premaster, encrypted to S's key\n");
    return 0;
}

/* ---- what each leg's trace shows A ---- */

static void observe(void *ctx, const glass_trace_event *ev)
{
    leg *l = ctx;
    mitm *m = l->m;
    if (ev->kind == GLASS_TRACE_MESSAGE && ev->msg != NULL &&
        ev->msg->type == GLASS_HS_CERTIFICATE && ev->msg->u.certificate.n_certs > 0 &&
        !l->have_cert) {
        /* the server certificate of this leg: A's (sent) or S's (received) */
        const uint8_t *der = ev->msg->u.certificate.cert[0];
        size_t len = ev->msg->u.certificate.cert_len[0];
        glass_x509_cert leaf;
        glass_sha256(der, len, l->cert_hash);
        if (glass_x509_parse(&leaf, der, len) != 0 ||
            glass_x509_subject_string(&leaf, l->subject, sizeof l->subject) < 0)
            snprintf(l->subject, sizeof l->subject, "?");
        l->have_cert = 1;
        return;
    }
    if (ev->kind == GLASS_TRACE_MESSAGE && ev->msg != NULL && l->is_server && !ev->sent &&
        ev->msg->type == GLASS_HS_CLIENT_HELLO) {
        /* A offers S the extended master secret only when C offered it:
         * one side without it is enough for the attack (docs/labs) */
        pthread_mutex_lock(&m->mu);
        m->c_offers_ems =
            (ev->msg->u.client_hello.ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET) != 0;
        pthread_mutex_unlock(&m->mu);
        return;
    }
    if (ev->kind != GLASS_TRACE_SECRET)
        return;
    if (ev->secret == GLASS_SECRET_PREMASTER && ev->len == 48) {
        memcpy(l->premaster, ev->data, 48);
        l->have_premaster = 1;
        if (l->is_server) {
            char h[97];
            say("5. C -> A  ClientKeyExchange, encrypted to A's key; A decrypts the premaster: %s\n",
                hex(h, ev->data, 48));
            pthread_mutex_lock(&m->mu);
            memcpy(m->pm, ev->data, 48);
            m->have_pm = 1;
            pthread_cond_broadcast(&m->cv);
            pthread_mutex_unlock(&m->mu);
        }
    } else if (ev->secret == GLASS_SECRET_MASTER && ev->len == 48) {
        memcpy(l->master, ev->data, 48);
        l->have_master = 1;
        l->ems = ev->ems;
    } else if (ev->secret == GLASS_SECRET_CLIENT_WRITE_KEY && ev->len <= sizeof l->client_key) {
        memcpy(l->client_key, ev->data, ev->len);
        l->client_key_len = ev->len;
    }
}

/* ---- sockets, loopback only ---- */

/* every read and write of fd waits at most WAIT_S seconds */
static void bound_io(int fd)
{
    struct timeval tv = { WAIT_S, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int connect_loopback(const char *spec)
{
    int fd = lab_connect("glass-mitm triple", spec);
    if (fd >= 0)
        bound_io(fd);
    return fd;
}

/* Listens on spec and accepts one client within 30 s: its socket, or -1. */
static int accept_one(const char *spec)
{
    char where[80];
    int fd = -1, ls = lab_listen("glass-mitm triple", spec);
    if (ls < 0)
        return -1;
    if (lab_sockname(ls, where, sizeof where) == 0) {  /* port 0: the kernel's choice */
        say("A listens on %s for C\n", where);
        fd = lab_accept("glass-mitm triple", ls, 30);
    }
    close(ls);
    if (fd >= 0)
        bound_io(fd);
    return fd;
}

/* ---- the two legs ---- */

static void report(const leg *l)
{
    glass_alert a = glass_conn_last_alert_sent(l->conn), r = glass_conn_last_alert_received(l->conn);
    say("   %s: the handshake failed in %s: %s%s%s\n", l->name, glass_conn_state_name(l->conn),
        glass_strerror(l->rc),
        a.present ? "; alert sent: " : r.present ? "; alert received: " : "",
        a.present ? glass_alert_name(a.description) : r.present ? glass_alert_name(r.description) : "");
}

/* The S leg's thread: waits for C's ClientHello, then connects to S. */
static void *s_leg_main(void *arg)
{
    mitm *m = arg;
    leg *l = &m->s;
    l->rc = GLASS_E_IO;
    if (await(m, &m->have_cr) != 0)
        return NULL;
    pthread_mutex_lock(&m->mu);
    l->cfg.disable_ems = !m->c_offers_ems;
    pthread_mutex_unlock(&m->mu);
    say("   A connects to S%s\n", l->cfg.disable_ems ? ", offering no extended master secret, as C"
                                                     : ", offering the extended master secret, as C");
    l->fd = connect_loopback(m->connect_spec);
    if (l->fd < 0) {
        say("   A cannot connect to S at %s\n", m->connect_spec);
        fail(m);
        return NULL;
    }
    l->rc = glass_conn_new(&l->conn, &l->cfg, glass_transport_fd(l->fd));
    if (l->rc == 0)
        l->rc = glass_handshake(l->conn);
    if (l->rc != 0) {
        report(l);
        fail(m);
    }
    return NULL;
}

/* After both handshakes: application data from one leg to the other
 * (decrypted, then encrypted again), until one side closes or nothing
 * comes for WAIT_S seconds.  Returns the bytes relayed. */
static long relay(mitm *m)
{
    leg *legs[2] = { &m->c, &m->s };
    uint8_t buf[16384];
    long total = 0;
    for (int rounds = 0; rounds < 100000; rounds++) {
        int ready[2] = { glass_pending(legs[0]->conn) > 0, glass_pending(legs[1]->conn) > 0 };
        if (!ready[0] && !ready[1]) {
            struct pollfd p[2] = { { legs[0]->fd, POLLIN, 0 }, { legs[1]->fd, POLLIN, 0 } };
            if (poll(p, 2, WAIT_S * 1000) <= 0)
                return total;
            ready[0] = p[0].revents != 0;
            ready[1] = p[1].revents != 0;
        }
        for (int i = 0; i < 2; i++) {
            if (!ready[i])
                continue;
            long n = glass_read(legs[i]->conn, buf, sizeof buf);
            if (n <= 0) {              /* closed, end of stream or an error: close the other */
                glass_close(legs[1 - i]->conn);
                return total;
            }
            if (glass_write(legs[1 - i]->conn, buf, (size_t)n) != n)
                return total;
            total += n;
        }
    }
    return total;
}

static void summary(const mitm *m)
{
    const leg *legs[2] = { &m->c, &m->s };
    char h[97], fp[65];
    say("7. both handshakes done; A holds both master secrets and made every Finished itself\n");
    for (int i = 0; i < 2; i++)
        say("   %s: certificate %s, SHA-256 %s\n"
            "   %s: extended master secret %s, master secret %s\n",
            legs[i]->name, legs[i]->subject, hex(fp, legs[i]->cert_hash, sizeof legs[i]->cert_hash),
            legs[i]->name, legs[i]->ems ? "yes" : "no",
            legs[i]->have_master ? hex(h, legs[i]->master, 48) : "?");
    int same_cert = memcmp(m->c.cert_hash, m->s.cert_hash, sizeof m->c.cert_hash) == 0;
    int same_pm = m->c.have_premaster && m->s.have_premaster &&
                  memcmp(m->c.premaster, m->s.premaster, 48) == 0;
    int same_ms = m->c.have_master && m->s.have_master && memcmp(m->c.master, m->s.master, 48) == 0;
    int same_keys = m->c.client_key_len > 0 && m->c.client_key_len == m->s.client_key_len &&
                    memcmp(m->c.client_key, m->s.client_key, m->c.client_key_len) == 0;
    say("   certificates: %s; client random, server random, session id: the same (copied);"
        " premaster: %s\n",
        same_cert ? "THE SAME" : "different", same_pm ? "the same" : "DIFFERENT");
    if (same_ms)
        say("   master secrets: the same: without the extended master secret the master secret\n"
            "   depends only on the premaster and the two randoms, not on the certificates\n"
            "   (and so do the record keys: %s)\n",
            same_keys ? "the same too, A could pass records through unopened" : "different?");
    else
        say("   master secrets: different%s\n",
            m->c.ems || m->s.ems ? ": the extended master secret hashes each handshake, its"
                                   " certificate included (RFC 7627 4)"
                                 : "");
}

static void usage(void)
{
    fprintf(stderr,
            "usage: glass-mitm triple --listen ADDR:PORT --connect ADDR:PORT\n"
            "                         --cert CHAIN.pem --key KEY.pem\n"
            "                         [--server-ca CA.pem [--server-name NAME]]\n"
            "  --listen   where C connects to A (loopback only; port 0: a free one, printed)\n"
            "  --connect  the real server S (loopback only)\n"
            "  --cert/--key  A's own certificate chain and RSA key, the one C trusts for A's name\n"
            "  --server-ca   check S's certificate against CA.pem, for NAME (default localhost);\n"
            "                without it, S's certificate is not checked\n"
            "One client, one connection to S, cipher suite 0x009C (RSA key exchange) on both.\n");
}

static int set_up(mitm *m, int argc, char **argv)
{
    const char *cert = NULL, *keyf = NULL, *server_ca = NULL;
    m->server_name = "localhost";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--listen") == 0 && i + 1 < argc) m->listen_spec = argv[++i];
        else if (strcmp(a, "--connect") == 0 && i + 1 < argc) m->connect_spec = argv[++i];
        else if (strcmp(a, "--cert") == 0 && i + 1 < argc) cert = argv[++i];
        else if (strcmp(a, "--key") == 0 && i + 1 < argc) keyf = argv[++i];
        else if (strcmp(a, "--server-ca") == 0 && i + 1 < argc) server_ca = argv[++i];
        else if (strcmp(a, "--server-name") == 0 && i + 1 < argc) m->server_name = argv[++i];
        else {
            usage();
            return 2;
        }
    }
    if (m->listen_spec == NULL || m->connect_spec == NULL || cert == NULL || keyf == NULL) {
        usage();
        return 2;
    }
    struct sockaddr_storage ss;
    socklen_t sl;
    if (lab_loopback_addr(m->connect_spec, &ss, &sl) != 0) {
        fprintf(stderr, "glass-mitm triple: --connect %s: not a loopback ADDR:PORT\n",
                m->connect_spec);
        return 2;
    }
    int rc = glass_x509_list_load_file(&m->chain, cert);
    if (rc == 0 && m->chain.count == 0)
        rc = GLASS_E_PEM;
    if (rc == 0)
        rc = glass_private_key_load_file(&m->key, keyf);
    if (rc == 0 && m->key.type != GLASS_KEY_RSA)
        rc = GLASS_E_UNSUPPORTED;
    if (rc == 0 && server_ca != NULL && (rc = glass_x509_list_load_file(&m->s_trust, server_ca)) == 0 &&
        m->s_trust.count == 0)
        rc = GLASS_E_PEM;
    if (rc != 0) {
        fprintf(stderr, "glass-mitm triple: --cert/--key/--server-ca: %s (A needs an RSA key)\n",
                glass_strerror(rc));
        return 1;
    }
    if (glass_x509_subject_string(&m->chain.certs[0], m->a_subject, sizeof m->a_subject) < 0)
        snprintf(m->a_subject, sizeof m->a_subject, "?");
    say("A's certificate (C trusts it for A's name): %s\nthe real server S: %s\n", m->a_subject,
        m->connect_spec);
    /* A as C's server: its own certificate, RSA key exchange only */
    leg *c = &m->c, *s = &m->s;
    c->name = "C <-> A";
    c->is_server = 1;
    glass_config_init(&c->cfg, GLASS_ROLE_SERVER);
    c->cfg.certs[0].chain = &m->chain;
    c->cfg.certs[0].key = &m->key;
    c->cfg.cert_count = 1;
    /* A as S's client */
    s->name = "A <-> S";
    glass_config_init(&s->cfg, GLASS_ROLE_CLIENT);
    if (server_ca != NULL) {
        s->cfg.trust = &m->s_trust;
        s->cfg.server_name = m->server_name;
    } else {
        s->cfg.verify_peer = 0;
    }
    leg *legs[2] = { c, s };
    for (int i = 0; i < 2; i++) {
        legs[i]->m = m;
        legs[i]->fd = -1;
        legs[i]->cfg.suites[0] = SUITE;
        legs[i]->cfg.suite_count = 1;
        legs[i]->cfg.trace = observe;
        legs[i]->cfg.trace_ctx = legs[i];
    }
    return 0;
}

int mitm_triple_main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return 2;
        }
    static mitm m;             /* the hooks' argument, for the whole run */
    memset(&m, 0, sizeof m);
    m.c.fd = m.s.fd = -1;
    pthread_mutex_init(&m.mu, NULL);
    pthread_cond_init(&m.cv, NULL);
    glass_x509_list_init(&m.chain);
    glass_x509_list_init(&m.s_trust);
    int rc = set_up(&m, argc, argv);
    if (rc != 0)
        goto out;
    static const glass_lab_hooks hooks = {
        .client_random = hook_client_random,
        .server_hello = hook_server_hello,
        .rsa_premaster = hook_rsa_premaster,
        .arg = &m,
    };
    glass_lab_set_hooks(&hooks);

    rc = 1;
    m.c.fd = accept_one(m.listen_spec);
    if (m.c.fd < 0)
        goto out_hooks;
    pthread_t s_thread;
    if (pthread_create(&s_thread, NULL, s_leg_main, &m) != 0)
        goto out_hooks;
    m.c.rc = glass_conn_new(&m.c.conn, &m.c.cfg, glass_transport_fd(m.c.fd));
    if (m.c.rc == 0)
        m.c.rc = glass_handshake(m.c.conn);
    if (m.c.rc != 0) {
        report(&m.c);
        fail(&m);
    }
    pthread_join(s_thread, NULL);
    if (m.c.rc == 0 && m.s.rc == 0) {
        summary(&m);
        long n = relay(&m);
        say("8. A relayed %ld bytes of application data between C and S (decrypted on one\n"
            "   connection, encrypted on the other)\n", n);
        rc = 0;
    } else {
        say("   A did not complete both handshakes\n");
    }

out_hooks:
    glass_lab_set_hooks(NULL);
out:
    for (int i = 0; i < 2; i++) {
        leg *l = i ? &m.s : &m.c;
        glass_conn_free(l->conn);
        if (l->fd >= 0)
            close(l->fd);
        glass_wipe(l->premaster, sizeof l->premaster);
        glass_wipe(l->master, sizeof l->master);
        glass_wipe(l->client_key, sizeof l->client_key);
    }
    glass_wipe(m.pm, sizeof m.pm);
    glass_private_key_wipe(&m.key);
    glass_x509_list_free(&m.chain);
    glass_x509_list_free(&m.s_trust);
    return rc;
}
