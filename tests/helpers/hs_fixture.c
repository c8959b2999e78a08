/* hs_fixture.c — see hs_fixture.h. */
#include "hs_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/err.h"
#include "hex.h"

static long tap_send(void *ctx, const uint8_t *buf, size_t len)
{
    hs_tap *t = ctx;
    uint8_t tmp[GLASS_RECORD_HEADER_SIZE + GLASS_MAX_CIPHERTEXT];
    const uint8_t *out = buf;
    size_t orig_len = len;

    /* a plaintext handshake record starting with the message to alter, or
     * (HS_TAMPER_ENCRYPTED) the first handshake record after our
     * ChangeCipherSpec, i.e. the encrypted Finished */
    if (len > 0 && buf[0] == GLASS_CT_CHANGE_CIPHER_SPEC)
        t->after_ccs = 1;
    int hit = len <= sizeof tmp && len > 9 + t->tamper_offset && buf[0] == GLASS_CT_HANDSHAKE &&
              (t->tamper_type == HS_TAMPER_ENCRYPTED ? t->after_ccs
                                                     : buf[5] == t->tamper_type);
    size_t msg_len = len >= 9 ? (size_t)buf[6] << 16 | (size_t)buf[7] << 8 | buf[8] : 0;
    if (t->tamper_type != 0 && hit && t->swap_len > 0 && msg_len + 9 == len &&
        9 + t->swap_len <= sizeof tmp) {
        memcpy(tmp, buf, 6);                      /* record header and message type */
        tmp[3] = (uint8_t)((4 + t->swap_len) >> 8);
        tmp[4] = (uint8_t)(4 + t->swap_len);
        tmp[6] = (uint8_t)(t->swap_len >> 16);
        tmp[7] = (uint8_t)(t->swap_len >> 8);
        tmp[8] = (uint8_t)t->swap_len;
        memcpy(tmp + 9, t->swap, t->swap_len);
        out = tmp;
        len = 9 + t->swap_len;
        t->tamper_type = 0;
    } else if (t->tamper_type != 0 && hit && t->swap_len == 0) {
        memcpy(tmp, buf, len);
        tmp[9 + t->tamper_offset] ^= 0x01;
        out = tmp;
        t->tamper_type = 0;
    }
    long n = t->inner.send(t->inner.ctx, out, len);
    if (out == tmp && n == (long)len)             /* the caller sent its own length */
        n = (long)orig_len;
    if (n > 0 && t->log != NULL && t->log->len + 3 + (size_t)n <= sizeof t->log->bytes) {
        uint8_t *d = t->log->bytes + t->log->len;
        d[0] = (uint8_t)t->who;
        d[1] = (uint8_t)(n >> 8);
        d[2] = (uint8_t)n;
        memcpy(d + 3, out, (size_t)n);
        t->log->len += 3 + (size_t)n;
    }
    return n;
}

static long tap_recv(void *ctx, uint8_t *buf, size_t len)
{
    hs_tap *t = ctx;
    return t->inner.recv(t->inner.ctx, buf, len);
}

glass_transport hs_tap_transport(hs_tap *t)
{
    glass_transport tr = { t, tap_send, tap_recv };
    return tr;
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return HS_FIXED_NOW;
}

int hs_pair_setup(hs_pair *p, const char *chain_file, const char *key_file,
                  uint16_t suite, int ems)
{
    char path[256];
    int err;

    memset(p, 0, sizeof *p);
    glass_x509_list_init(&p->chain);
    glass_x509_list_init(&p->trust);
    snprintf(path, sizeof path, "tests/certs/%s", chain_file);
    if ((err = glass_x509_list_load_file(&p->chain, path)) != 0)
        return err;
    snprintf(path, sizeof path, "tests/certs/%s", key_file);
    if ((err = glass_private_key_load_file(&p->pkey, path)) != 0)
        return err;
    if ((err = glass_x509_list_load_file(&p->trust, "tests/certs/root.pem")) != 0)
        return err;
    static const uint8_t cseed[] = "glasstls test client entropy, fixed";
    static const uint8_t sseed[] = "glasstls test server entropy, fixed";
    glass_drbg_instantiate(&p->crng, GLASS_HASH_SHA256, cseed, sizeof cseed - 1, NULL, 0, NULL, 0);
    glass_drbg_instantiate(&p->srng, GLASS_HASH_SHA256, sseed, sizeof sseed - 1, NULL, 0, NULL, 0);

    glass_config_init(&p->ccfg, GLASS_ROLE_CLIENT);
    glass_config_init(&p->scfg, GLASS_ROLE_SERVER);
    p->ccfg.trust = &p->trust;
    p->ccfg.server_name = "localhost";
    if (p->pkey.type == GLASS_KEY_RSA) {         /* the RSA-only fields, as before */
        p->key = p->pkey.u.rsa;
        glass_private_key_wipe(&p->pkey);
        p->scfg.chain = &p->chain;
        p->scfg.key = &p->key;
    } else {
        p->scfg.certs[0].chain = &p->chain;
        p->scfg.certs[0].key = &p->pkey;
        p->scfg.cert_count = 1;
    }
    p->ccfg.rng = glass_drbg_rng; p->ccfg.rng_ctx = &p->crng;
    p->scfg.rng = glass_drbg_rng; p->scfg.rng_ctx = &p->srng;
    p->ccfg.clock = fixed_clock;
    p->scfg.clock = fixed_clock;
    if (suite != 0) {
        p->ccfg.suites[0] = suite;
        p->ccfg.suite_count = 1;
    }
    p->ccfg.disable_ems = !ems;
    return 0;
}

int hs_pair_trust(hs_pair *p, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "tests/certs/%s", file);
    return glass_x509_list_load_file(&p->trust, path);
}

int hs_pair_add_cert(hs_pair *p, const char *chain_file, const char *key_file)
{
    char path[256];
    int err;
    glass_x509_list_init(&p->chain2);
    snprintf(path, sizeof path, "tests/certs/%s", chain_file);
    if ((err = glass_x509_list_load_file(&p->chain2, path)) != 0)
        return err;
    snprintf(path, sizeof path, "tests/certs/%s", key_file);
    if ((err = glass_private_key_load_file(&p->pkey2, path)) != 0)
        return err;
    size_t i = p->scfg.cert_count;
    p->scfg.certs[i].chain = &p->chain2;
    p->scfg.certs[i].key = &p->pkey2;
    p->scfg.cert_count = i + 1;
    return 0;
}

int hs_pair_connect(hs_pair *p)
{
    int rc = glass_pipe_new(&p->pipe, 0);
    if (rc != 0)
        return rc;
    p->ctap.inner = glass_pipe_client(p->pipe);
    p->ctap.log = &p->log;
    p->ctap.who = 'C';
    p->stap.inner = glass_pipe_server(p->pipe);
    p->stap.log = &p->log;
    p->stap.who = 'S';
    int err = glass_conn_new(&p->client, &p->ccfg, hs_tap_transport(&p->ctap));
    if (err == 0)
        err = glass_conn_new(&p->server, &p->scfg, hs_tap_transport(&p->stap));
    return err;
}

int hs_blocked(int rc)
{
    return rc == GLASS_E_WANT_READ || rc == GLASS_E_WANT_WRITE;
}

int hs_pair_run(hs_pair *p, int *client_err, int *server_err)
{
    int rc = 0, rs = 0;
    for (int i = 0; i < 200; i++) {
        int cdone = glass_handshake_done(p->client), sdone = glass_handshake_done(p->server);
        if (cdone && sdone)
            break;
        if (!cdone) {
            rc = glass_handshake_step(p->client);
            if (rc != 0 && !hs_blocked(rc))
                break;
        }
        if (!sdone) {
            rs = glass_handshake_step(p->server);
            if (rs != 0 && !hs_blocked(rs))
                break;
        }
    }
    /* let the failing side's alert reach the other one */
    if (rc != 0 && !hs_blocked(rc) && !glass_handshake_done(p->server))
        for (int i = 0; i < 10 && (rs == 0 || hs_blocked(rs)); i++)
            rs = glass_handshake_step(p->server);
    if (rs != 0 && !hs_blocked(rs) && !glass_handshake_done(p->client))
        for (int i = 0; i < 10 && (rc == 0 || hs_blocked(rc)); i++)
            rc = glass_handshake_step(p->client);
    if (hs_blocked(rc)) rc = glass_handshake_done(p->client) ? 0 : rc;
    if (hs_blocked(rs)) rs = glass_handshake_done(p->server) ? 0 : rs;
    *client_err = rc;
    *server_err = rs;
    return rc != 0 ? rc : rs;
}

void hs_pair_free(hs_pair *p)
{
    glass_conn_free(p->client);
    glass_conn_free(p->server);
    glass_pipe_free(p->pipe);
    glass_x509_list_free(&p->chain);
    glass_x509_list_free(&p->trust);
    glass_rsa_private_free(&p->key);
    glass_private_key_wipe(&p->pkey);
    glass_private_key_wipe(&p->pkey2);
    glass_x509_list_free(&p->chain2);
    glass_drbg_free(&p->crng);
    glass_drbg_free(&p->srng);
}

int hs_log_write_hex(const hs_log *log, const char *path, const char *comment)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fputs(comment, f);
    for (size_t i = 0; i + 3 <= log->len;) {
        size_t n = (size_t)log->bytes[i + 1] << 8 | log->bytes[i + 2];
        fprintf(f, "%c ", log->bytes[i]);
        for (size_t k = 0; k < n; k++)
            fprintf(f, "%02x", log->bytes[i + 3 + k]);
        fputc('\n', f);
        i += 3 + n;
    }
    return fclose(f) == 0 ? 0 : -1;
}

int hs_log_read_hex(hs_log *log, const char *path)
{
    FILE *f = fopen(path, "r");
    int c;
    if (f == NULL)
        return -1;
    log->len = 0;
    while ((c = fgetc(f)) != EOF) {
        if (c == '#') {                        /* comment line */
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        if (c != 'C' && c != 'S')
            continue;
        size_t start = log->len;
        if (start + 3 > sizeof log->bytes)
            break;
        log->bytes[start] = (uint8_t)c;
        log->len += 3;
        fgetc(f);                              /* the space */
        int hi, lo;
        while ((hi = fgetc(f)) != EOF && hi != '\n') {
            lo = fgetc(f);
            if (test_hexval(hi) < 0 || test_hexval(lo) < 0 || log->len >= sizeof log->bytes) {
                fclose(f);
                return -1;
            }
            log->bytes[log->len++] = (uint8_t)(test_hexval(hi) << 4 | test_hexval(lo));
        }
        size_t n = log->len - start - 3;
        log->bytes[start + 1] = (uint8_t)(n >> 8);
        log->bytes[start + 2] = (uint8_t)n;
    }
    fclose(f);
    return 0;
}
