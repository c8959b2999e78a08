/*
 * bench_prf.c — the TLS 1.2 PRF (RFC 5246 section 5) deriving a 48-byte
 * master secret (section 8.1: PRF(pre_master_secret, "master secret",
 * client_random + server_random)) with SHA-256, derivations per CPU second.
 *
 * Reference: OpenSSL's own TLS1-PRF (the code behind `openssl kdf ...
 * TLS1-PRF`), called in this process so that no process start is timed.
 * libcrypto.so.3 is opened at run time with dlopen and only these
 * functions of its public API are used: EVP_PKEY_CTX_new_id(NID_tls1_prf),
 * EVP_PKEY_derive_init, EVP_PKEY_CTX_set_tls1_prf_md(EVP_sha256()),
 * EVP_PKEY_CTX_set1_tls1_prf_secret, EVP_PKEY_CTX_add1_tls1_prf_seed and
 * EVP_PKEY_derive — so glass-bench needs no OpenSSL headers to build, and
 * prints "n/a" where libcrypto is missing.  Both sides compute the whole
 * PRF (HMAC keying included) per derivation; glasstls's output is checked
 * against OpenSSL's once before timing.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "glasstls/prf.h"

#define NID_TLS1_PRF 1021     /* NID_tls1_prf in OpenSSL's obj_mac.h */

typedef struct ossl {
    void *lib;
    void *(*ctx_new_id)(int, void *);
    void (*ctx_free)(void *);
    int (*derive_init)(void *);
    int (*set_md)(void *, const void *);
    int (*set_secret)(void *, const unsigned char *, int);
    int (*add_seed)(void *, const unsigned char *, int);
    int (*derive)(void *, unsigned char *, size_t *);
    const void *(*sha256)(void);
    void *ctx;
} ossl;

typedef struct prf_arg {
    uint8_t pms[48], cr[32], sr[32], out[48];
    ossl *o;
} prf_arg;

static int ossl_open(ossl *o)
{
    memset(o, 0, sizeof *o);
    o->lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (o->lib == NULL)
        return -1;
#define SYM(field, name) (*(void **)&o->field = dlsym(o->lib, name)) == NULL
    if (SYM(ctx_new_id, "EVP_PKEY_CTX_new_id") || SYM(ctx_free, "EVP_PKEY_CTX_free") ||
        SYM(derive_init, "EVP_PKEY_derive_init") ||
        SYM(set_md, "EVP_PKEY_CTX_set_tls1_prf_md") ||
        SYM(set_secret, "EVP_PKEY_CTX_set1_tls1_prf_secret") ||
        SYM(add_seed, "EVP_PKEY_CTX_add1_tls1_prf_seed") ||
        SYM(derive, "EVP_PKEY_derive") || SYM(sha256, "EVP_sha256"))
        return -1;
#undef SYM
    return 0;
}

/* Sets up one TLS1-PRF context for the master secret of a. */
static int ossl_setup(ossl *o, const prf_arg *a)
{
    static const unsigned char label[] = "master secret";
    o->ctx = o->ctx_new_id(NID_TLS1_PRF, NULL);
    if (o->ctx == NULL || o->derive_init(o->ctx) <= 0 || o->set_md(o->ctx, o->sha256()) <= 0 ||
        o->set_secret(o->ctx, a->pms, sizeof a->pms) <= 0 ||
        o->add_seed(o->ctx, label, (int)sizeof label - 1) <= 0 ||
        o->add_seed(o->ctx, a->cr, sizeof a->cr) <= 0 ||
        o->add_seed(o->ctx, a->sr, sizeof a->sr) <= 0)
        return -1;
    return 0;
}

static void glass_once(void *p)
{
    prf_arg *a = p;
    glass_master_secret(GLASS_HASH_SHA256, a->pms, sizeof a->pms, a->cr, a->sr, a->out);
    a->cr[0] ^= a->out[0];      /* keep the result live */
}

static void ossl_once(void *p)
{
    prf_arg *a = p;
    size_t len = sizeof a->out;
    a->o->derive(a->o->ctx, a->out, &len);
}

static double glass_rate(void *p)
{
    return bench_rate(glass_once, p, bench_seconds(0.25), 1, NULL);
}

static double ossl_rate(void *p)
{
    return bench_rate(ossl_once, p, bench_seconds(0.25), 1, NULL);
}

void bench_prf(void)
{
    static prf_arg a;
    static ossl o;
    for (size_t i = 0; i < 48; i++)
        a.pms[i] = (uint8_t)(3 * i + 1);
    for (size_t i = 0; i < 32; i++) {
        a.cr[i] = (uint8_t)(5 * i);
        a.sr[i] = (uint8_t)(7 * i + 2);
    }
    a.o = &o;
    int have = ossl_open(&o) == 0 && ossl_setup(&o, &a) == 0;
    if (have) {   /* the two must agree before they are compared */
        uint8_t theirs[48];
        size_t len = sizeof theirs;
        glass_master_secret(GLASS_HASH_SHA256, a.pms, sizeof a.pms, a.cr, a.sr, a.out);
        if (o.derive(o.ctx, theirs, &len) <= 0 || len != 48 || memcmp(theirs, a.out, 48) != 0) {
            printf("prf: glasstls and OpenSSL disagree on the master secret\n");
            have = 0;
        }
    }
    bench_compare("TLS PRF SHA-256, 48-B master secret", "op/s", glass_rate, &a,
                  have ? ossl_rate : NULL, &a, "OpenSSL TLS1-PRF", 0);
    if (o.ctx != NULL)
        o.ctx_free(o.ctx);
    if (o.lib != NULL)
        dlclose(o.lib);
}
