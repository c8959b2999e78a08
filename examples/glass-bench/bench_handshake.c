/*
 * bench_handshake.c — whole TLS 1.2 handshakes per second, client and
 * server in one process over the in-memory pipe (each handshake: two new
 * connections, every step, two frees), with the trace off and with the
 * level-1 text trace written to /dev/null.  The two figures show what the
 * trace hooks cost: nothing when off (cfg->trace NULL builds no event),
 * the formatting when on.  Reference column: `openssl speed rsa2048`
 * sign/s (the server's private-key operation, which dominates a
 * handshake) for the first figure, the untraced rate for the second.
 * Certificates from tests/certs (run from the repository root).
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/tls.h"
#include "glasstls/trace.h"
#include "glasstls/x509.h"

typedef struct hs_arg {
    glass_config ccfg, scfg;
    int failed;
} hs_arg;

static int blocked(int rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

static void one_handshake(void *p)
{
    hs_arg *a = p;
    glass_pipe *pipe = NULL;
    glass_conn *c = NULL, *s = NULL;
    if (glass_pipe_new(&pipe, 0) != 0 || glass_conn_new(&c, &a->ccfg, glass_pipe_client(pipe)) != 0 ||
        glass_conn_new(&s, &a->scfg, glass_pipe_server(pipe)) != 0) {
        a->failed = 1;
    } else {
        for (int i = 0; i < 100 && !(glass_handshake_done(c) && glass_handshake_done(s)); i++) {
            int rc = glass_handshake_step(c), rs = glass_handshake_step(s);
            if ((rc != 0 && !blocked(rc)) || (rs != 0 && !blocked(rs))) {
                a->failed = 1;
                break;
            }
        }
        if (!glass_handshake_done(c) || !glass_handshake_done(s))
            a->failed = 1;
    }
    glass_conn_free(c);
    glass_conn_free(s);
    glass_pipe_free(pipe);
}

static double median(double *v, int n)
{
    for (int i = 1; i < n; i++)                /* insertion sort: n is tiny */
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            double x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
    return v[n / 2];
}

void bench_handshake(void)
{
    static glass_x509_list chain, trust, ec_chain;
    static glass_rsa_private key;
    static glass_private_key ec_key;
    static hs_arg a;
    glass_x509_list_init(&chain);
    glass_x509_list_init(&trust);
    glass_x509_list_init(&ec_chain);
    if (glass_x509_list_load_file(&chain, "tests/certs/chain-localhost.pem") != 0 ||
        glass_x509_key_load_file(&key, "tests/certs/leaf.key") != 0 ||
        glass_x509_list_load_file(&trust, "tests/certs/root.pem") != 0 ||
        glass_x509_list_load_file(&trust, "tests/certs/ec-root.pem") != 0 ||
        glass_x509_list_load_file(&ec_chain, "tests/certs/chain-ec256.pem") != 0 ||
        glass_private_key_load_file(&ec_key, "tests/certs/ec256.key") != 0) {
        printf("handshake: tests/certs not found (run from the repository root)\n");
        return;
    }
    FILE *null = fopen("/dev/null", "w");
    glass_tracer *tracer = NULL;
    if (null == NULL || glass_tracer_new(&tracer) != 0) {
        if (null != NULL)
            fclose(null);
        return;
    }
    glass_tracer_text(tracer, null, 1, 0);
    double ref = bench_openssl_speed(NULL, "-elapsed -seconds 2 rsa2048", "rsa 2048", 2);
    /* the ECDHE_ECDSA row (P-256 certificate): beside OpenSSL's P-256 signing */
    double ref_ec = bench_openssl_speed(NULL, "-elapsed -seconds 2 ecdsap256",
                                        " 256 bits ecdsa (nistp256)", 2);

    /* The machine is shared and noisy: off and on are measured in turns
     * (ROUNDS rounds of 0.4 CPU-second each, the time base of bench.h)
     * and the medians compared. */
    enum { ROUNDS = 5 };
    static const uint16_t suites[] = { 0xC02F, 0x009C, 0xC02B };
    for (size_t k = 0; k < sizeof suites / sizeof suites[0]; k++) {
        double rates[2][ROUNDS];
        int failed = 0;
        for (int r = 0; r < ROUNDS; r++) {
            for (int traced = 0; traced <= 1; traced++) {
                memset(&a, 0, sizeof a);
                glass_config_init(&a.ccfg, GLASS_ROLE_CLIENT);
                glass_config_init(&a.scfg, GLASS_ROLE_SERVER);
                a.ccfg.trust = &trust;
                a.ccfg.server_name = "localhost";
                a.ccfg.suites[0] = suites[k];
                a.ccfg.suite_count = 1;
                if (suites[k] == 0xC02B) {
                    a.scfg.certs[0].chain = &ec_chain;
                    a.scfg.certs[0].key = &ec_key;
                    a.scfg.cert_count = 1;
                } else {
                    a.scfg.chain = &chain;
                    a.scfg.key = &key;
                }
                if (traced) {
                    a.ccfg.trace = a.scfg.trace = glass_tracer_observe;
                    a.ccfg.trace_ctx = a.scfg.trace_ctx = tracer;
                }
                rates[traced][r] = bench_rate(one_handshake, &a, bench_seconds(0.4), 1, NULL);
                failed |= a.failed;
            }
        }
        const char *kx = suites[k] == 0xC02F ? "ECDHE" : suites[k] == 0xC02B ? "ECDHE-ECDSA"
                                                                              : "RSA";
        if (failed) {
            printf("handshake %s: a handshake failed\n", kx);
            continue;
        }
        double off = median(rates[0], ROUNDS), on = median(rates[1], ROUNDS);
        char name[96];
        snprintf(name, sizeof name, "handshake %s trace off", kx);
        if (suites[k] == 0xC02B)
            bench_row(name, off, "hs/s", ref_ec, "openssl ecdsap256 sign/s");
        else
            bench_row(name, off, "hs/s", ref, "openssl rsa2048 sign/s");
        snprintf(name, sizeof name, "handshake %s trace 1>/dev/null", kx);
        bench_row(name, on, "hs/s", off, "the same, trace off");
    }
    glass_tracer_free(tracer);
    fclose(null);
    glass_x509_list_free(&chain);
    glass_x509_list_free(&trust);
    glass_rsa_private_free(&key);
    glass_x509_list_free(&ec_chain);
    glass_private_key_wipe(&ec_key);
}
