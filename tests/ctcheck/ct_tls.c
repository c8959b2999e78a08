/*
 * ct_tls.c — constant-time check of the TLS layer on top of the crypto
 * (run under valgrind memcheck by `make ctcheck`; linked with lib/ too).
 *
 * The "ctgrind" technique: bytes marked undefined are secrets, and memcheck
 * reports every branch or memory address computed from them.  Marked
 * secret here: the server's RSA private key, every byte the RNG returns
 * (the random premaster of RFC 5246 7.4.7.1 and the RSA blinding), the
 * server's X25519 private key, the premaster and master secrets, the
 * verify_data on both sides of the Finished compare, the record keys and
 * the record's plaintext.  Made defined again only where the protocol
 * reveals a value anyway, and only after the call under test returned:
 * an error code / verdict, the verify_data we send, and results this
 * program checks for correctness.
 *
 * The portable crypto path is forced (glass_crypto_set_hw(0)): valgrind
 * cannot judge AES-NI, PCLMULQDQ or SHA-NI (it hides some of them from
 * CPUID and runs the others through helper functions; that they take the
 * same time for all data is the CPU vendor's claim, not something memcheck
 * sees), so what is checked is our own C code.
 *
 * Inside lib/, GLASS_CT_PUBLIC (glasstls/ct.h; active only in this build,
 * -DGLASS_CTGRIND) marks the two error codes the ClientKeyExchange handler
 * returns as public: a fault in the RSA private-key operation and an
 * all-zero X25519 share, both of which end the handshake with an alert.
 *
 *   1. server premaster handling: the server's ClientKeyExchange handler
 *      in the handshake table (glass_server_recv_client_key_exchange,
 *      server_table.c) on a good
 *      RSA premaster, a bad version, bad padding, a wrong-length
 *      ciphertext, and an X25519 share; it derives master and keys;
 *   2. the key schedule directly (lib/keys/prf.c): master secret,
 *      extended master secret, key block, Finished verify_data, over
 *      HMAC-SHA256 and HMAC-SHA384;
 *   3. the Finished compare: glass_hs_finished_check (keyschedule.c) with
 *      the received verify_data secret too;
 *   4. the record layer's open (lib/record/protect.c): GCM tag check on a
 *      secret key and plaintext, good and bad tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/config.h"
#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "glasstls/prf.h"
#include "glasstls/rsa.h"
#include "glasstls/x25519.h"
#include "glasstls/x509.h"
#include "handshake/hs_internal.h"
#include "record/record.h"
#include "helpers/splitmix.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static uint64_t state = 7;
static int failures;

static void fill(uint8_t *out, size_t len)
{
    test_splitmix_rng(&state, out, len);
}

static int plain_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    fill(out, len);
    for (size_t i = 0; i < len; i++)   /* PKCS#1 padding bytes must be nonzero */
        out[i] |= (uint8_t)(out[i] == 0);
    return 0;
}

/* What the server's generator returns is secret (random premaster,
 * blinding values). */
static int secret_rng(void *ctx, uint8_t *out, size_t len)
{
    int rc = plain_rng(ctx, out, len);
    SECRET(out, len);
    return rc;
}

static int64_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 1900000000;
}

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "ct_tls: %s\n", what);
        failures++;
    }
}

static void secret_key(glass_rsa_private *k)
{
    SECRET(k->d, sizeof k->d);
    SECRET(k->p, sizeof k->p);
    SECRET(k->q, sizeof k->q);
    SECRET(k->dp, sizeof k->dp);
    SECRET(k->dq, sizeof k->dq);
    SECRET(k->qinv, sizeof k->qinv);
    SECRET(k->p_rr, sizeof k->p_rr);
    SECRET(k->q_rr, sizeof k->q_rr);
    SECRET(&k->p0inv, sizeof k->p0inv);
    SECRET(&k->q0inv, sizeof k->q0inv);
}

/* ---- 2. the key schedule on its own ---- */
static void key_schedule(glass_hash_id h)
{
    uint8_t pms[48], master[48], ems[48], block[2 * 32 + 2 * 4], vd[12];
    uint8_t cr[32], sr[32], hash[48];
    size_t hl = glass_hash_size(h);

    fill(pms, sizeof pms);
    fill(cr, sizeof cr);
    fill(sr, sizeof sr);
    fill(hash, sizeof hash);
    SECRET(pms, sizeof pms);
    int rc = glass_master_secret(h, pms, sizeof pms, cr, sr, master);
    rc |= glass_extended_master_secret(h, pms, 32, hash, hl, ems);   /* X25519 length */
    SECRET(master, sizeof master);           /* already undefined; say it anyway */
    rc |= glass_key_block(h, master, sr, cr, block, sizeof block);
    rc |= glass_finished_verify_data(h, master, 1, hash, hl, vd);
    rc |= glass_finished_verify_data(h, ems, 0, hash, hl, vd);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "key schedule failed");
}

/* ---- 1, 3, 4: one server handshake around its ClientKeyExchange ---- */
enum variant { GOOD, BAD_VERSION, BAD_PADDING, BAD_LENGTH, X25519 };

/* The server's ClientKeyExchange step of its full handshake for key
 * exchange kx (the table has one step per key exchange). */
static const glass_hs_step_def *cke_step(glass_kx kx)
{
    const glass_hs_flavour_def *full = &glass_hs_roles[1].flavours[0];
    for (size_t i = 0; i < full->n_steps; i++) {
        const glass_hs_step_def *st = full->steps[i];
        if (st->msg_type == GLASS_HS_CLIENT_KEY_EXCHANGE && st->when != NULL &&
            strcmp(st->when->name, kx == GLASS_KX_RSA ? "is_rsa" : "is_ecdhe") == 0)
            return st;
    }
    return NULL;
}

/* What the client computes from its own premaster (public to this
 * program: the client is not the party under test). */
static void client_side(const glass_suite_info *s, int ems, const uint8_t *pms, size_t pms_len,
                        const uint8_t *cr, const uint8_t *sr, const uint8_t *session_hash,
                        const uint8_t *fin_hash, uint8_t vd[12], uint8_t key[32],
                        uint8_t salt[4])
{
    uint8_t master[48], block[2 * 32 + 2 * 4];
    size_t hl = glass_hash_size(s->prf_hash);
    if (ems)
        glass_extended_master_secret(s->prf_hash, pms, pms_len, session_hash, hl, master);
    else
        glass_master_secret(s->prf_hash, pms, pms_len, cr, sr, master);
    glass_finished_verify_data(s->prf_hash, master, 1, fin_hash, hl, vd);
    glass_key_block(s->prf_hash, master, cr, sr, block, 2 * s->key_len + 8);
    memcpy(key, block, s->key_len);                 /* client_write_key */
    memcpy(salt, block + 2 * s->key_len, 4);        /* client_write_IV */
}

static void handshake(glass_rsa_private *key, uint16_t suite, int ems, enum variant v)
{
    const glass_suite_info *s = glass_suite_find(suite);
    const glass_hs_step_def *step = cke_step(s->kx);
    glass_config cfg;
    glass_record rec;
    glass_transport tr = { NULL, NULL, NULL };
    size_t max_hs = 4096, k = glass_rsa_size(&key->pub);
    uint8_t *mem = malloc(glass_record_mem_size(max_hs));
    glass_hs *hs = NULL;
    uint8_t pms[48], body[2 + 512], cpriv[32], cpub[32], spub[32], spriv[32];
    uint8_t session_hash[48], vd[12], ckey[32], csalt[4];
    size_t pms_len = 48, body_len;

    if (s == NULL || step == NULL || mem == NULL) {
        check(0, "setup");
        free(mem);
        return;
    }
    glass_config_init(&cfg, GLASS_ROLE_SERVER);
    cfg.key = key;
    glass_record_init(&rec, tr, 1, mem, max_hs);
    glass_hs_env env = { &cfg, &rec, secret_rng, NULL, fixed_clock, NULL };
    if (glass_hs_new(&hs, &env) != 0) {
        check(0, "glass_hs_new");
        free(mem);
        return;
    }
    hs->suite = s;
    hs->own_key.type = GLASS_KEY_RSA;  /* what the ClientHello handler picks for the suite */
    hs->own_key.rsa = key;
    hs->client_version = 0x0303;
    hs->ems = ems;
    fill(hs->client_random, 32);
    fill(hs->server_random, 32);
    glass_transcript_add(&hs->transcript, hs->client_random, 32);   /* some public messages */

    /* the client's ClientKeyExchange (public bytes) */
    if (v == X25519) {
        pms_len = 32;
        fill(spriv, 32);
        fill(cpriv, 32);
        glass_x25519_base(spub, spriv);
        glass_x25519_base(cpub, cpriv);
        glass_x25519(pms, cpriv, spub);
        hs->group = GLASS_GROUP_X25519;     /* what ServerKeyExchange chose */
        memcpy(hs->x25519_priv, spriv, 32);
        SECRET(hs->x25519_priv, 32);
        body[0] = 32;
        memcpy(body + 1, cpub, 32);
        body_len = 33;
    } else {
        fill(pms, 48);
        pms[0] = 3;
        pms[1] = v == BAD_VERSION ? 2 : 3;
        if (glass_rsa_pkcs1_encrypt(&key->pub, plain_rng, NULL, pms, 48, body + 2, k) != 0)
            check(0, "encrypt");
        if (v == BAD_PADDING) {                 /* a block that is not PKCS#1 type 2:
                                                 * the raw RSA of 00 01 ff.. 00 || pms */
            uint8_t em[512];
            memset(em, 0xff, k);
            em[0] = 0;
            em[1] = 1;
            em[k - 49] = 0;
            memcpy(em + k - 48, pms, 48);
            if (glass_rsa_public_raw(&key->pub, em, k, body + 2, k) != 0)
                check(0, "raw RSA");
        }
        body_len = v == BAD_LENGTH ? k + 1 : k + 2;   /* one byte short of k */
        body[0] = (uint8_t)((body_len - 2) >> 8);
        body[1] = (uint8_t)(body_len - 2);
    }
    glass_transcript_add(&hs->transcript, body, body_len);
    glass_transcript_hash(&hs->transcript, s->prf_hash, session_hash);
    fill(hs->finished_hash, sizeof hs->finished_hash);
    client_side(s, ems, pms, pms_len, hs->client_random, hs->server_random, session_hash,
                hs->finished_hash, vd, ckey, csalt);

    /* 1. the handler under test: premaster, master secret, record keys */
    glass_hs_io io = { body, body_len, NULL };
    int rc = step->handler.fn(hs, &io);      /* the server's */
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "ClientKeyExchange refused (7.4.7.1: never an error for RSA)");

    /* 3. Finished: the client's verify_data, received and secret */
    for (int bad = 0; bad < 2; bad++) {
        uint8_t got[12];
        memcpy(got, vd, 12);
        got[11] ^= (uint8_t)bad;
        SECRET(got, sizeof got);
        rc = glass_hs_finished_check(hs, got);
        PUBLIC(&rc, sizeof rc);     /* the verdict: the peer learns it anyway */
        int expect_ok = !bad && (v == GOOD || v == X25519);
        check(rc == (expect_ok ? 0 : GLASS_E_BAD_FINISHED), "Finished verdict");
    }

    /* 4. a record the client sealed, opened with the keys the server set */
    glass_record_cipher cseal, sopen;
    uint8_t recbuf[5 + 8 + 100 + 16];
    uint8_t *pt = recbuf + 5 + 8, plain[100];
    fill(plain, sizeof plain);
    memcpy(pt, plain, sizeof plain);
    SECRET(ckey, sizeof ckey);
    SECRET(pt, 100);
    rc = glass_record_cipher_init(&cseal, ckey, s->key_len, csalt);
    rc |= glass_record_cipher_init(&sopen, rec.pending_read.key, rec.pending_read.key_len,
                                   rec.pending_read.salt);
    rc |= glass_record_seal(&cseal, GLASS_CT_APPLICATION_DATA, recbuf, 100);
    PUBLIC(&rc, sizeof rc);
    check(rc == 0, "record setup");
    PUBLIC(recbuf, sizeof recbuf);              /* the record on the wire */
    for (int bad = 0; bad < 2; bad++) {
        uint8_t body2[sizeof recbuf - 5];
        size_t pt_len = 0;
        memcpy(body2, recbuf + 5, sizeof body2);
        body2[sizeof body2 - 1] ^= (uint8_t)bad;
        sopen.seq = 0;
        rc = glass_record_open(&sopen, GLASS_CT_APPLICATION_DATA, 0x0303, body2, sizeof body2,
                               &pt_len);
        PUBLIC(&rc, sizeof rc);     /* the verdict, only after the call */
        PUBLIC(&pt_len, sizeof pt_len);
        int expect_ok = !bad && (v == GOOD || v == X25519);
        check(rc == (expect_ok ? 0 : GLASS_E_BAD_RECORD_MAC), "record verdict");
        if (rc == 0) {
            PUBLIC(body2, sizeof body2);
            check(pt_len == 100 && memcmp(body2 + 8, plain, 100) == 0, "record plaintext");
        }
    }
    glass_record_cipher_wipe(&cseal);
    glass_record_cipher_wipe(&sopen);

    PUBLIC(hs, sizeof *hs);
    PUBLIC(&rec, sizeof rec);
    glass_hs_free(hs);
    glass_record_wipe(&rec, glass_record_mem_size(max_hs));
    free(mem);
}

int main(void)
{
    static glass_rsa_private key;
    static const uint16_t suites[] = { 0x009C, 0x009D };   /* RSA, AES-128/SHA-256, AES-256/SHA-384 */

    glass_crypto_set_hw(0);
    if (glass_x509_key_load_file(&key, "tests/certs/leaf.key") != 0) {
        fprintf(stderr, "ct_tls: cannot load tests/certs/leaf.key (run from the repo root)\n");
        return 2;
    }
    secret_key(&key);

    key_schedule(GLASS_HASH_SHA256);
    key_schedule(GLASS_HASH_SHA384);
    for (size_t i = 0; i < 2; i++)
        for (int ems = 0; ems < 2; ems++)
            for (int v = GOOD; v <= BAD_LENGTH; v++)
                handshake(&key, suites[i], ems, (enum variant)v);
    handshake(&key, 0xC02F, 1, X25519);
    handshake(&key, 0xC030, 0, X25519);

    PUBLIC(&key, sizeof key);
    glass_rsa_private_free(&key);
    printf("ct_tls: %s\n", failures ? "wrong results" : "ran");
    return failures ? 1 : 0;
}
