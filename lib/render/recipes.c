/*
 * recipes.c — --recipes: beside each value the level-3 trace derives, a
 * shell command that re-computes it from traced data with standard tools
 * (openssl, coreutils), or python3 with the `cryptography` package where
 * a tool cannot (opening an AES-GCM record).  Each is printed as
 *
 *     recipe: master secret = 188f5f05...
 *       $ openssl kdf -binary -keylen 48 -kdfopt digest:SHA256 ... TLS1-PRF | od ...
 *
 * so that running the command prints the value after "=" (a shell glob
 * where only part of it is fixed: "0002*00<premaster>").  The commands
 * run in the --dump-dir folder (they read its message and record files,
 * and write a few small files of their own there).  Covered:
 *
 *   master secret     PRF(premaster, "master secret", client_random +
 *                     server_random), or with EMS PRF(premaster,
 *                     "extended master secret", session hash)  RFC 5246 8.1, RFC 7627 4
 *   session hash      Hash(ClientHello .. ClientKeyExchange)    RFC 7627 3
 *   key block         PRF(master, "key expansion", server_random +
 *                     client_random), cut into the keys and IVs RFC 5246 6.3
 *   Finished hash     Hash(the messages before that Finished)  RFC 5246 7.4.9
 *   verify_data       PRF(master, "client finished" | "server finished", that hash)
 *   ServerKeyExchange signature over client_random + server_random +
 *                     ServerECDHParams, checked with the leaf's key   RFC 8422 5.4
 *   RSA premaster     decrypted with the server's key, and the raw block
 *                     (padding none): 00 02 <random non-zero> 00 03 03 ...  RFC 8017 7.2
 *   X25519 premaster  X25519(one side's private key, the other's public)  RFC 7748 6.1
 *   a record          AES-GCM open: salt + explicit nonce, AAD = seq +
 *                     type + version + length                  RFC 5288 3, RFC 5246 6.2.3.3
 *
 * The hex arguments are uppercase where basenc --base16 -d reads them and
 * every command prints lowercase hex (od), as the trace does.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "render/render.h"

/* bits of glass_recipes.done: each printed once per handshake */
enum { R_MASTER = 1, R_SESSION_HASH = 2, R_KEYS = 4, R_X25519 = 8, R_RSA = 16, R_SKE = 32,
       R_NEED_DUMP = 64 };

#define HEXOUT " | od -An -tx1 -v | tr -d ' \\n'"
#define RECORD_MAX 1024                 /* longest plaintext a record recipe shows */

struct glass_recipes {
    char key[1024];                     /* the server's private key file, or "" */
    const glass_suite_info *suite;
    uint8_t cr[32], sr[32];
    uint8_t pms[48];
    size_t  pms_len;
    uint8_t sh[GLASS_HASH_MAX_SIZE];
    size_t  sh_len;
    uint8_t ms[48];
    int     have_ms, ems;
    uint8_t priv[2][32];
    int     have_priv[2];
    uint8_t ske_pub[32], cke_pub[32];
    int     have_ske_pub, have_cke_pub;
    uint8_t wkey[2][32], wiv[2][4];
    size_t  key_len, iv_len;
    unsigned done;
    uint64_t rec_done[2];               /* 1 + the last seq whose record recipe is out */
    char    cmd[4096];                  /* the command being built */
    size_t  cmd_len;
};

int glass_recipes_open(glass_tracer *t, const char *server_key)
{
    glass_recipes_free(t);
    struct glass_recipes *r = calloc(1, sizeof *r);
    if (r == NULL)
        return GLASS_E_NO_MEMORY;
    if (server_key != NULL) {
        char *abs = realpath(server_key, NULL);       /* the commands run in the dump folder */
        snprintf(r->key, sizeof r->key, "%s", abs ? abs : server_key);
        free(abs);
    }
    t->recipes = r;
    return 0;
}

void glass_recipes_free(glass_tracer *t)
{
    if (t->recipes != NULL) {
        glass_wipe(t->recipes, sizeof *t->recipes);
        free(t->recipes);
        t->recipes = NULL;
    }
}

/* ---- building a command ---- */

static void put(struct glass_recipes *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct glass_recipes *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(r->cmd + r->cmd_len, sizeof r->cmd - r->cmd_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        r->cmd_len += (size_t)n < sizeof r->cmd - r->cmd_len ? (size_t)n : sizeof r->cmd - 1 - r->cmd_len;
}

static void put_hex(struct glass_recipes *r, const uint8_t *p, size_t n, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (size_t i = 0; i < n && r->cmd_len + 3 < sizeof r->cmd; i++) {
        r->cmd[r->cmd_len++] = digits[p[i] >> 4];
        r->cmd[r->cmd_len++] = digits[p[i] & 15];
    }
    r->cmd[r->cmd_len] = '\0';
}

static void start(struct glass_recipes *r)
{
    r->cmd_len = 0;
    r->cmd[0] = '\0';
}

/* Prints the recipe: "what = expect" (expect: the hex of p between an
 * optional glob prefix and suffix, or the text in `text`), then the
 * command built so far. */
static void emit(glass_tracer *t, const char *what, const char *pre, const uint8_t *p, size_t n,
                 const char *post)
{
    char hex[2 * RECORD_MAX + 1];
    if (n > RECORD_MAX)
        return;
    glass_render_hex(p, n, hex);
    const char *c = glass_render_col(t, GLASS_COL_DETAIL), *z = glass_render_col(t, GLASS_COL_RESET);
    glass_render_text(t, "    %srecipe: %s = %s%s%s%s\n", c, what, pre, hex, post, z);
    glass_render_text(t, "      %s$ %s%s\n", c, t->recipes->cmd, z);
}

static void emit_text(glass_tracer *t, const char *what, const char *expect)
{
    const char *c = glass_render_col(t, GLASS_COL_DETAIL), *z = glass_render_col(t, GLASS_COL_RESET);
    glass_render_text(t, "    %srecipe: %s = %s%s\n", c, what, expect, z);
    glass_render_text(t, "      %s$ %s%s\n", c, t->recipes->cmd, z);
}

static const char *digest_name(const struct glass_recipes *r)    /* for openssl kdf */
{
    return r->suite && r->suite->prf_hash == GLASS_HASH_SHA384 ? "SHA384" : "SHA256";
}

static const char *dgst_opt(const struct glass_recipes *r)       /* for openssl dgst */
{
    return r->suite && r->suite->prf_hash == GLASS_HASH_SHA384 ? "-sha384" : "-sha256";
}

/* The TLS 1.2 PRF (RFC 5246 5) as openssl kdf TLS1-PRF: secret, the
 * label as text, then the seed parts (each given to -kdfopt hexseed,
 * which openssl concatenates after the label).  The caller puts the
 * seed parts with put_seed and ends with prf_end. */
static void prf_begin(struct glass_recipes *r, size_t keylen, const uint8_t *secret, size_t slen,
                      const char *label)
{
    put(r, "openssl kdf -binary -keylen %zu -kdfopt digest:%s -kdfopt hexsecret:", keylen,
        digest_name(r));
    put_hex(r, secret, slen, 0);
    put(r, " -kdfopt 'seed:%s'", label);
}

static void put_seed(struct glass_recipes *r, const uint8_t *p, size_t n)
{
    put(r, " -kdfopt hexseed:");
    put_hex(r, p, n, 0);
}

static void prf_end(struct glass_recipes *r)
{
    put(r, " TLS1-PRF" HEXOUT);
}

/* "cat 01-... 03-... | openssl dgst -sha256 -binary": the hash of the
 * first n handshake message files. */
static void put_transcript_hash(struct glass_recipes *r, const glass_dump *d, size_t n)
{
    put(r, "cat");
    for (size_t i = 0; i < n; i++)
        put(r, " %s", d->hs[i]);
    put(r, " | openssl dgst %s -binary", dgst_opt(r));
}

/* index + 1 of the last handshake file of this type, 0 when none */
static size_t hs_file(const glass_dump *d, int type)
{
    for (size_t i = d->n_hs; i > 0; i--)
        if (d->hs_type[i - 1] == type)
            return i;
    return 0;
}

/* 1 when the message files are there; else says once why a recipe is missing */
static int have_dump(glass_tracer *t)
{
    if (t->dump != NULL)
        return 1;
    if (!(t->recipes->done & R_NEED_DUMP))
        glass_render_text(t, "    %s(the recipes over message files need --dump-dir)%s\n",
                          glass_render_col(t, GLASS_COL_DETAIL), glass_render_col(t, GLASS_COL_RESET));
    t->recipes->done |= R_NEED_DUMP;
    return 0;
}

/* ---- the recipes ---- */

static void master_secret(glass_tracer *t)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_MASTER) || !r->have_ms || r->pms_len == 0 || (r->ems && r->sh_len == 0))
        return;
    r->done |= R_MASTER;
    start(r);
    if (r->ems) {
        prf_begin(r, 48, r->pms, r->pms_len, "extended master secret");
        put_seed(r, r->sh, r->sh_len);
    } else {
        prf_begin(r, 48, r->pms, r->pms_len, "master secret");
        put_seed(r, r->cr, 32);
        put_seed(r, r->sr, 32);
    }
    prf_end(r);
    emit(t, r->ems ? "extended master secret" : "master secret", "", r->ms, 48, "");
}

static void session_hash(glass_tracer *t)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_SESSION_HASH) || r->sh_len == 0)
        return;
    if (!have_dump(t))
        return;
    size_t n = hs_file(t->dump, GLASS_HS_CLIENT_KEY_EXCHANGE);
    if (n == 0)
        return;                                  /* again once ClientKeyExchange is written */
    r->done |= R_SESSION_HASH;
    start(r);
    put_transcript_hash(r, t->dump, n);
    put(r, HEXOUT);
    emit(t, "session hash", "", r->sh, r->sh_len, "");
}

/* key block = client_write_key | server_write_key | client_write_IV |
 * server_write_IV (RFC 5246 6.3; no MAC keys with AEAD suites) */
static void key_block(glass_tracer *t)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_KEYS) || !r->have_ms || r->key_len == 0)
        return;
    r->done |= R_KEYS;
    size_t k = r->key_len, v = r->iv_len, total = 2 * k + 2 * v, at = 0;
    static const char *const names[4] = { "client_write_key", "server_write_key",
                                          "client_write_IV", "server_write_IV" };
    for (int i = 0; i < 4; i++) {
        size_t len = i < 2 ? k : v;
        start(r);
        prf_begin(r, total, r->ms, 48, "key expansion");
        put_seed(r, r->sr, 32);
        put_seed(r, r->cr, 32);
        prf_end(r);
        put(r, " | cut -c %zu-%zu", 2 * at + 1, 2 * (at + len));
        emit(t, names[i], "", i < 2 ? r->wkey[i] : r->wiv[i - 2], len, "");
        at += len;
    }
}

/* The hash a Finished covers: every handshake message file so far. */
static void finished_hash(glass_tracer *t, const glass_trace_event *ev)
{
    struct glass_recipes *r = t->recipes;
    if (!glass_render_draws(t, ev) || !have_dump(t))
        return;
    start(r);
    put_transcript_hash(r, t->dump, t->dump->n_hs);
    put(r, HEXOUT);
    emit(t, ev->finished_server ? "hash of the server Finished" : "hash of the client Finished",
         "", ev->data, ev->len, "");
}

/* verify_data = PRF(master, "client finished", Hash(messages before it)) */
static void verify_data(glass_tracer *t, const glass_trace_event *ev, int from_server)
{
    struct glass_recipes *r = t->recipes;
    if (!r->have_ms || !have_dump(t) || t->dump->n_hs == 0)
        return;
    start(r);
    prf_begin(r, 12, r->ms, 48, from_server ? "server finished" : "client finished");
    put(r, " -kdfopt hexseed:$(");
    put_transcript_hash(r, t->dump, t->dump->n_hs - 1);    /* all but this Finished */
    put(r, HEXOUT ")");
    prf_end(r);
    emit(t, from_server ? "server verify_data" : "client verify_data", "",
         ev->msg->u.finished.verify_data, 12, "");
}

/* The X25519 shared secret from one side's private key and the peer's
 * public key, as DER keys openssl reads (RFC 8410: PKCS#8 and SPKI with
 * OID 1.3.101.110). */
static void x25519(glass_tracer *t)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_X25519) || r->pms_len != 32)
        return;
    int side = r->have_priv[0] && r->have_ske_pub ? 0 : r->have_priv[1] && r->have_cke_pub ? 1 : -1;
    if (side < 0)
        return;
    r->done |= R_X25519;
    start(r);
    put(r, "printf %%s 302E020100300506032B656E04220420");
    put_hex(r, r->priv[side], 32, 1);
    put(r, " | basenc --base16 -d > x25519-%s-private.der && printf %%s 302A300506032B656E032100",
        side ? "server" : "client");
    put_hex(r, side ? r->cke_pub : r->ske_pub, 32, 1);
    put(r, " | basenc --base16 -d > x25519-%s-public.der && openssl pkeyutl -derive -keyform DER"
        " -inkey x25519-%s-private.der -peerform DER -peerkey x25519-%s-public.der" HEXOUT,
        side ? "client" : "server", side ? "server" : "client", side ? "client" : "server");
    emit(t, "premaster secret (X25519)", "", r->pms, 32, "");
}

/* The RSA premaster: PKCS#1 v1.5 decryption with the server's key, and
 * the raw block behind it (RFC 8017 7.2.2: 00 02 PS 00 M, M starting
 * with the client_version 03 03).  The ClientKeyExchange body is a
 * 2-byte length, then the ciphertext (RFC 5246 7.4.7.1). */
static void rsa(glass_tracer *t)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_RSA) || r->pms_len != 48 || t->dump == NULL)
        return;
    size_t n = hs_file(t->dump, GLASS_HS_CLIENT_KEY_EXCHANGE);
    if (n == 0)
        return;
    r->done |= R_RSA;
    if (r->key[0] == '\0') {
        glass_render_text(t, "    %s(the RSA premaster recipe needs the server's private key)%s\n",
                          glass_render_col(t, GLASS_COL_DETAIL), glass_render_col(t, GLASS_COL_RESET));
        return;
    }
    start(r);
    put(r, "tail -c +7 %s | openssl pkeyutl -decrypt -inkey '%s'" HEXOUT, t->dump->hs[n - 1], r->key);
    emit(t, "premaster secret (RSA)", "", r->pms, 48, "");
    start(r);
    put(r, "tail -c +7 %s | openssl pkeyutl -decrypt -inkey '%s' -pkeyopt rsa_padding_mode:none"
        HEXOUT, t->dump->hs[n - 1], r->key);
    emit(t, "the decrypted block, 00 02 <random non-zero bytes> 00 <premaster>", "0002*00", r->pms,
         48, "");
}

/* The ServerKeyExchange signature (RFC 8422 5.4): over client_random +
 * server_random + ServerECDHParams, the params being the body's first
 * params_len bytes; then 2 bytes of scheme, 2 of length, the signature. */
static void ske_signature(glass_tracer *t, const glass_server_key_exchange *ske, const char *file)
{
    struct glass_recipes *r = t->recipes;
    if ((r->done & R_SKE) || t->dump == NULL || t->dump->leaf[0] == '\0')
        return;
    r->done |= R_SKE;
    unsigned hash = ske->sigalg >> 8;
    int pss = ske->sigalg >= 0x0804 && ske->sigalg <= 0x0806;
    const char *md = pss ? (ske->sigalg == 0x0804 ? "-sha256" : ske->sigalg == 0x0805 ? "-sha384"
                                                                                    : "-sha512")
                   : hash == 2 ? "-sha1" : hash == 4 ? "-sha256" : hash == 5 ? "-sha384"
                   : hash == 6 ? "-sha512" : NULL;
    if (md == NULL)
        return;
    start(r);
    put(r, "openssl x509 -inform DER -in %s -pubkey -noout > server-public.pem && "
        "{ printf %%s ", t->dump->leaf);
    put_hex(r, r->cr, 32, 1);
    put_hex(r, r->sr, 32, 1);
    put(r, " | basenc --base16 -d; tail -c +5 %s | head -c %zu; } > ske-signed.bin && "
        "tail -c +%zu %s > ske-signature.bin && openssl dgst %s%s -verify server-public.pem "
        "-signature ske-signature.bin ske-signed.bin", file, ske->params_len,
        4 + ske->params_len + 4 + 1, file, md,
        pss ? " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1" : "");
    emit_text(t, "ServerKeyExchange signature", "Verified OK");
}

/* Opening one AES-GCM record (RFC 5288 3, RFC 5246 6.2.3.3): nonce =
 * the sender's 4-byte salt + the record's 8-byte explicit nonce; AAD =
 * seq (8) + type + version (the record header's first 3 bytes) +
 * plaintext length (2); the rest is ciphertext then the 16-byte tag. */
static void open_record(glass_tracer *t, const char *file, int sender, uint64_t seq,
                        const uint8_t *plain, size_t n)
{
    struct glass_recipes *r = t->recipes;
    if (r->key_len == 0 || n > RECORD_MAX)
        return;
    start(r);
    put(r, "python3 -c 'import sys; from cryptography.hazmat.primitives.ciphers.aead import "
        "AESGCM; r = open(sys.argv[1], \"rb\").read(); k, salt, seq = bytes.fromhex(sys.argv[2]), "
        "bytes.fromhex(sys.argv[3]), int(sys.argv[4]); n = len(r) - 5 - 8 - 16; "
        "aad = seq.to_bytes(8, \"big\") + r[:3] + n.to_bytes(2, \"big\"); "
        "print(AESGCM(k).decrypt(salt + r[5:13], r[13:], aad).hex())' %s ", file);
    put_hex(r, r->wkey[sender], r->key_len, 0);
    put(r, " ");
    put_hex(r, r->wiv[sender], r->iv_len, 0);
    put(r, " %llu", (unsigned long long)seq);
    char what[96];
    snprintf(what, sizeof what, "plaintext of %s (AES-GCM, %s_write_key)", file,
             sender ? "server" : "client");
    emit(t, what, "", plain, n, "");
    r->rec_done[sender] = seq + 1;
}

static void record(glass_tracer *t, const glass_trace_event *ev)
{
    struct glass_recipes *r = t->recipes;
    glass_dump *d = t->dump;
    if (!ev->encrypted || d == NULL)
        return;
    if (ev->sent) {
        /* the record file is there now unless it waits for its message */
        if (ev->plaintext != NULL && !t->deferring && d->sealed[ev->is_server][0] != '\0' &&
            d->sealed_seq[ev->is_server] == ev->seq)
            open_record(t, d->sealed[ev->is_server], ev->is_server, ev->seq, ev->plaintext,
                        ev->plaintext_len);
        return;
    }
    int sender = !ev->is_server;
    const uint8_t *plain = ev->plaintext ? ev->plaintext : ev->data;
    if (r->rec_done[sender] == ev->seq + 1)
        return;                                  /* shown when it was sealed */
    if (glass_render_peer_seen(t, ev->is_server)) {
        if (d->sealed[sender][0] != '\0' && d->sealed_seq[sender] == ev->seq &&
            d->sealed_type[sender] == ev->content_type)
            open_record(t, d->sealed[sender], sender, ev->seq, plain, ev->plaintext_len);
    } else if (d->last_record_wire) {
        open_record(t, d->last_record, sender, ev->seq, plain, ev->plaintext_len);
    }
}

static void secret(glass_tracer *t, const glass_trace_event *ev)
{
    struct glass_recipes *r = t->recipes;
    memcpy(r->cr, ev->client_random, 32);
    memcpy(r->sr, ev->server_random, 32);
    size_t n = ev->len;
    switch (ev->secret) {
    case GLASS_SECRET_PREMASTER:
        r->pms_len = n <= sizeof r->pms ? n : 0;
        memcpy(r->pms, ev->data, r->pms_len);
        x25519(t);
        rsa(t);
        break;
    case GLASS_SECRET_SESSION_HASH:
        r->sh_len = n <= sizeof r->sh ? n : 0;
        memcpy(r->sh, ev->data, r->sh_len);
        session_hash(t);
        break;
    case GLASS_SECRET_MASTER:
        if (n == 48) {
            memcpy(r->ms, ev->data, 48);
            r->have_ms = 1;
            r->ems = ev->ems;
            master_secret(t);
        }
        break;
    case GLASS_SECRET_CLIENT_WRITE_KEY:
    case GLASS_SECRET_SERVER_WRITE_KEY:
        if (n <= 32) {
            r->key_len = n;
            memcpy(r->wkey[ev->secret == GLASS_SECRET_SERVER_WRITE_KEY], ev->data, n);
        }
        break;
    case GLASS_SECRET_CLIENT_WRITE_IV:
        if (n <= 4)
            memcpy(r->wiv[0], ev->data, r->iv_len = n);
        break;
    case GLASS_SECRET_SERVER_WRITE_IV:                /* the last of the four */
        if (n <= 4)
            memcpy(r->wiv[1], ev->data, r->iv_len = n);
        key_block(t);
        break;
    case GLASS_SECRET_X25519_PRIVATE:
        if (n == 32) {
            memcpy(r->priv[ev->is_server], ev->data, 32);
            r->have_priv[ev->is_server] = 1;
        }
        break;
    case GLASS_SECRET_FINISHED_HASH:
        finished_hash(t, ev);
        break;
    }
}

static void message(glass_tracer *t, const glass_trace_event *ev)
{
    struct glass_recipes *r = t->recipes;
    const glass_hs_message *m = ev->msg;
    int draws = glass_render_draws(t, ev);
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    switch (m->type) {
    case GLASS_HS_CLIENT_HELLO:
        if (draws) {                             /* a new handshake */
            char key[sizeof r->key];
            memcpy(key, r->key, sizeof key);
            memset(r, 0, sizeof *r);
            memcpy(r->key, key, sizeof key);
        }
        memcpy(r->cr, m->u.client_hello.random, 32);
        break;
    case GLASS_HS_SERVER_HELLO:
        r->suite = glass_suite_find(m->u.server_hello.cipher_suite);
        memcpy(r->sr, m->u.server_hello.random, 32);
        break;
    case GLASS_HS_SERVER_KEY_EXCHANGE:
        if (m->u.server_key_exchange.named_group == GLASS_GROUP_X25519 &&
            m->u.server_key_exchange.public_key_len == 32) {
            memcpy(r->ske_pub, m->u.server_key_exchange.public_key, 32);
            r->have_ske_pub = 1;
        }
        if (draws && t->dump != NULL && t->dump->n_hs > 0)
            ske_signature(t, &m->u.server_key_exchange, t->dump->hs[t->dump->n_hs - 1]);
        x25519(t);
        break;
    case GLASS_HS_CLIENT_KEY_EXCHANGE:
        if (m->u.client_key_exchange.kx != GLASS_KX_RSA && m->u.client_key_exchange.len == 32) {
            memcpy(r->cke_pub, m->u.client_key_exchange.data, 32);
            r->have_cke_pub = 1;
        }
        x25519(t);
        rsa(t);
        session_hash(t);
        break;
    case GLASS_HS_FINISHED:
        if (draws)
            verify_data(t, ev, from_server);
        break;
    default:
        break;
    }
}

void glass_recipes_event(glass_tracer *t, const glass_trace_event *ev)
{
    if (t->recipes == NULL || t->text == NULL || t->level < 3)
        return;
    if (ev->kind == GLASS_TRACE_SECRET)
        secret(t, ev);
    else if (ev->kind == GLASS_TRACE_MESSAGE && ev->msg != NULL)
        message(t, ev);
    else if (ev->kind == GLASS_TRACE_RECORD)
        record(t, ev);
}
