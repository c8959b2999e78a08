/*
 * client_table.c — the client's column of the handshake table (table.c):
 * the handler of each step the client runs its own way (RFC 5246 section
 * 7.3; Finished and the ChangeCipherSpec it receives are shared_steps.c).
 * Each checks what the server sent, or builds what the client sends; the
 * message files (client_hello.c, ...) read and write the bytes.
 */
#include "handshake/hs_internal.h"

#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "handshake/codec.h"
#include "handshake/suites.h"
#include "labs/lab.h"
#include "x509/verify.h"

/* ---- ClientHello (RFC 5246 section 7.4.1.2) ---- */
int glass_client_send_client_hello(glass_hs *hs, glass_hs_io *io)
{
    const glass_config *cfg = hs->env.cfg;
    glass_client_hello *ch = &hs->last.u.client_hello;
    size_t n;
    const uint16_t *suites = glass_suites_ours(cfg, &n);

    ch->client_version = GLASS_TLS12_VERSION;
    /* All 32 bytes random: the gmt_unix_time prefix of section 7.4.1.2 is
     * not needed for security and would leak the clock. */
    int err = glass_hs_random(hs, hs->client_random, 32);
#ifdef GLASS_UNSAFE_LABS
    /* Lab 5 (docs/labs/triple-handshake.md): the man in the middle sends
     * the server the client random of its own client. */
    if (err == 0)
        err = glass_lab_hook_client_random(hs->client_random);
#endif
    if (err != 0)
        return err;
    memcpy(ch->random, hs->client_random, 32);
    ch->session_id_len = 0;                 /* set by glass_hs_client_offer */
    for (size_t i = 0; i < n; i++)
        ch->cipher_suites[i] = suites[i];
    ch->n_cipher_suites = n;
    ch->compression_methods[0] = 0;         /* null only */
    ch->n_compression_methods = 1;
    ch->has_extensions = 1;

    glass_hello_exts *e = &ch->ext;
    e->present = GLASS_EXTBIT_SUPPORTED_GROUPS | GLASS_EXTBIT_EC_POINT_FORMATS |
                 GLASS_EXTBIT_SIGNATURE_ALGORITHMS | GLASS_EXTBIT_RENEGOTIATION_INFO;
    /* SNI carries host names only, never IP literals (RFC 6066 section 3);
     * the certificate is still checked against the literal (iPAddress). */
    if (cfg->server_name != NULL && cfg->server_name[0] != '\0' &&
        !glass_x509_is_ip_literal(cfg->server_name)) {
        size_t len = strlen(cfg->server_name);
        if (len > GLASS_HS_MAX_HOSTNAME)
            return GLASS_E_INVALID_ARG;
        memcpy(e->server_name, cfg->server_name, len + 1);
        e->present |= GLASS_EXTBIT_SERVER_NAME;
    }
    if (!cfg->disable_ems)
        e->present |= GLASS_EXTBIT_EXTENDED_MASTER_SECRET;
    size_t ng;
    const uint16_t *groups = glass_groups_ours(cfg, &ng);
    for (size_t i = 0; i < ng && i < GLASS_HS_MAX_GROUPS; i++)
        e->groups[i] = groups[i];
    e->n_groups = ng;
    e->point_formats[0] = GLASS_POINT_UNCOMPRESSED;
    e->n_point_formats = 1;
    e->n_sigalgs = glass_sigalgs_ours(e->sigalgs, GLASS_HS_MAX_SIGALGS);
    err = glass_hs_client_offer(hs, ch);    /* a session to resume (resume.c) */
    if (err != 0)
        return err;
    hs->offered_exts = e->present;
    hs->client_version = ch->client_version;
    return glass_client_hello_write(ch, io->w);
}

/* ---- ServerHello (RFC 5246 section 7.4.1.3) ---- */
int glass_client_recv_server_hello(glass_hs *hs, glass_hs_io *io)
{
    glass_server_hello *sh = &hs->last.u.server_hello;
    int err = glass_server_hello_parse(sh, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    if (sh->server_version != GLASS_TLS12_VERSION)
        return GLASS_E_PROTOCOL_VERSION;
    size_t n;
    const uint16_t *suites = glass_suites_ours(hs->env.cfg, &n);
    hs->suite = NULL;
    for (size_t i = 0; i < n; i++)
        if (suites[i] == sh->cipher_suite)
            hs->suite = glass_suite_find(sh->cipher_suite);
    if (hs->suite == NULL)                  /* a suite we did not offer */
        return GLASS_E_ILLEGAL_PARAMETER;
    if (sh->compression_method != 0)
        return GLASS_E_ILLEGAL_PARAMETER;
    /* section 7.4.1.4: only extensions the client offered may come back */
    if ((sh->ext.present & ~hs->offered_exts) != 0)
        return GLASS_E_UNSUPPORTED_EXTENSION;
    /* RFC 5746 section 3.4: the server must answer with an empty
     * renegotiation_info; glasstls refuses servers without RFC 5746. */
    if (!(sh->ext.present & GLASS_EXTBIT_RENEGOTIATION_INFO) ||
        sh->ext.renegotiation_info_len != 0)
        return GLASS_E_RENEGOTIATION;
    hs->secure_renegotiation = 1;
    /* RFC 8422 section 5.2: a server's ec_point_formats must include
     * uncompressed, the only format this client can read */
    if (sh->ext.present & GLASS_EXTBIT_EC_POINT_FORMATS) {
        int uncompressed = 0;
        for (size_t i = 0; i < sh->ext.n_point_formats; i++)
            uncompressed |= sh->ext.point_formats[i] == GLASS_POINT_UNCOMPRESSED;
        if (!uncompressed)
            return GLASS_E_ILLEGAL_PARAMETER;
    }
    hs->ems = (sh->ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET) != 0;
    if (!hs->ems && hs->env.cfg->require_ems)
        return GLASS_E_EMS_REQUIRED;
    memcpy(hs->server_random, sh->random, 32);
    memcpy(hs->session_id, sh->session_id, sh->session_id_len);
    hs->session_id_len = sh->session_id_len;
    /* the session_id echoed: the abbreviated handshake (resume.c) */
    return glass_hs_client_check_resume(hs, sh);
}

/* ---- Certificate (RFC 5246 section 7.4.2): the chain is validated here,
 * before anything is sent to the server with its key. ---- */
int glass_client_recv_certificate(glass_hs *hs, glass_hs_io *io)
{
    const glass_config *cfg = hs->env.cfg;
    glass_certificate_msg *cm = &hs->last.u.certificate;
    int err = glass_certificate_parse(cm, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    if (cm->n_certs == 0)
        return GLASS_E_NO_CERTIFICATE;
    for (size_t i = 0; i < cm->n_certs; i++) {
        err = glass_x509_parse(&hs->peer_certs[i], cm->cert[i], cm->cert_len[i]);
        if (err != 0) {
            hs->where.message = "Certificate";
            hs->where.field = "certificate_list.ASN.1Cert (X.509)";
            hs->where.offset = (size_t)(cm->cert[i] - io->body);
            return err;
        }
    }
    if (cfg->verify_peer) {
        int64_t now = hs->env.clock(hs->env.clock_ctx);
        glass_x509_verify_opts vo = { GLASS_EKU_SERVER_AUTH,
                                      cfg->legacy_cn_fallback ? GLASS_X509_LEGACY_CN_FALLBACK
                                                              : 0u,
                                      cfg->trace, cfg->trace_ctx, NULL, NULL };
        err = glass_x509_verify_ex(hs->peer_certs, cm->n_certs, cfg->trust, cfg->server_name,
                                   now, &vo, &hs->verify);
        if (err != 0)
            return err;
    }
    /* RFC 5246 7.4.2 / RFC 5280 4.2.1.3: with a keyUsage extension, the
     * key must be allowed for what this suite does with it (the reason
     * goes to hs->verify, as the chain's would). */
    const glass_x509_cert *leaf = &hs->peer_certs[0];
    /* who the server was, for the session (glasstls/session.h) */
    glass_sha256(cm->cert[0], cm->cert_len[0], hs->peer_cert_hash);
    hs->has_peer_hash = 1;
    unsigned need = hs->suite->kx == GLASS_KX_RSA ? GLASS_KU_KEY_ENCIPHERMENT
                                                  : GLASS_KU_DIGITAL_SIGNATURE;
    err = glass_x509_check_suite_key_usage(leaf, need, hs->suite->name, &hs->verify);
    if (err == 0)
        err = glass_x509_public_key(leaf, &hs->peer_key);
    /* RFC 8422 section 5.3 / RFC 5246 7.4.2: ECDHE_ECDSA needs an EC
     * (ECDSA-capable) key, the RSA suites an RSA key */
    glass_key_type want = hs->suite->kx == GLASS_KX_ECDHE_ECDSA ? GLASS_KEY_EC : GLASS_KEY_RSA;
    if (err == 0 && hs->peer_key.type != want)
        err = GLASS_E_CERT_UNSUPPORTED_ALG;
    /* the parsed certificates point into the record buffer: forget them */
    memset(hs->peer_certs, 0, sizeof hs->peer_certs);
    return err;
}

/* ---- ServerKeyExchange (RFC 8422 section 5.4), ECDHE only ---- */
int glass_client_recv_server_key_exchange(glass_hs *hs, glass_hs_io *io)
{
    glass_server_key_exchange *ske = &hs->last.u.server_key_exchange;
    int err = glass_server_key_exchange_parse(ske, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    /* RFC 8422 5.4: one of the groups we offered */
    size_t ng;
    const uint16_t *groups = glass_groups_ours(hs->env.cfg, &ng);
    int offered = 0;
    for (size_t i = 0; i < ng; i++)
        offered |= groups[i] == ske->named_group;
    if (!offered)
        return GLASS_E_ILLEGAL_PARAMETER;
    if (ske->named_group != GLASS_GROUP_X25519) {
        /* an uncompressed point on the curve, validated before any use */
        err = glass_ec_public_decode(&hs->peer_ec, (glass_ec_curve)ske->named_group,
                                     ske->public_key, ske->public_key_len);
        if (err != 0) {
            hs->where.message = "ServerKeyExchange";
            hs->where.field = "params.point (not a valid uncompressed point on the curve)";
            hs->where.offset = 4;
            return err;
        }
    }
    /* an algorithm we offered (else illegal_parameter), then the signature */
    uint8_t digest[GLASS_HASH_MAX_SIZE];
    int n = glass_server_key_exchange_signed_hash(ske, hs->client_random, hs->server_random,
                                                  digest);
    if (n < 0)
        return n;
    err = glass_sigalg_verify(&hs->peer_key, ske->sigalg, digest, (size_t)n, ske->signature,
                              ske->signature_len);
    if (err == GLASS_E_ILLEGAL_PARAMETER)
        return err;
#ifdef GLASS_UNSAFE_LABS
    /* Lab 4 (docs/labs/downgrade.md): the rule of RFC 5246 7.4.3 broken
     * on purpose.  The signature over the randoms and the params is what
     * ties the server's ephemeral key to its certificate; without it a
     * man in the middle puts its own key in the params and the premaster
     * is shared with it.  The result is computed and printed, then
     * ignored. */
    if (GLASS_LAB(SKIP_SKE_SIGNATURE)) {
        glass_lab_note(GLASS_LAB_SKIP_SKE_SIGNATURE,
                       err == 0 ? "the ServerKeyExchange signature verifies; NOT checked, the "
                                  "key is accepted as the server's (RFC 5246 7.4.3)"
                                : "the ServerKeyExchange signature does NOT verify; NOT checked, "
                                  "the key is accepted as the server's (RFC 5246 7.4.3)");
        err = 0;
    }
#endif
    if (err != 0)
        return GLASS_E_BAD_SKE_SIGNATURE;
    hs->group = ske->named_group;
    if (hs->group == GLASS_GROUP_X25519)
        memcpy(hs->peer_x25519, ske->public_key, 32);
    return 0;
}

/* ---- ServerHelloDone (RFC 5246 section 7.4.5) ---- */
/* ---- CertificateRequest (RFC 5246 section 7.4.4): the server asks for
 * a certificate.  The client answers with a configured chain whose key
 * fits: its type among the server's certificate_types (rsa_sign for RSA,
 * ecdsa_sign for EC, RFC 8422 5.5) and a signature scheme of the server's
 * list it can sign with (the first, the server's preference; for EC the
 * one of the key's curve).  The candidates: cfg->certs in order, then the
 * RSA pair cfg->chain / cfg->key.  Otherwise an empty Certificate, and
 * the server decides (7.4.6: "If no suitable certificate is available,
 * the client MUST send a certificate message containing no
 * certificates"). ---- */
static int client_cert_fits(glass_hs *hs, const glass_certificate_request *cr,
                            const glass_x509_list *chain, glass_sign_key key)
{
    uint8_t type = key.type == GLASS_KEY_RSA ? GLASS_CERT_TYPE_RSA_SIGN
                 : key.type == GLASS_KEY_EC  ? GLASS_CERT_TYPE_ECDSA_SIGN : 0;
    int allowed = 0;
    if (chain == NULL || chain->count == 0 || type == 0)
        return 0;
    for (size_t i = 0; i < cr->n_cert_types; i++)
        allowed |= cr->cert_types[i] == type;
    uint16_t sigalg = allowed ? glass_sigalg_choose_from(cr->sigalgs, cr->n_sigalgs, &key) : 0;
    if (sigalg == 0)
        return 0;
    hs->client_sigalg = sigalg;
    hs->client_chain = chain;
    hs->client_key = key;
    return 1;
}

int glass_client_recv_certificate_request(glass_hs *hs, glass_hs_io *io)
{
    const glass_config *cfg = hs->env.cfg;
    glass_certificate_request *cr = &hs->last.u.certificate_request;
    int err = glass_certificate_request_parse(cr, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    hs->cert_requested = 1;
    hs->client_sigalg = 0;
    hs->client_chain = NULL;
    memset(&hs->client_key, 0, sizeof hs->client_key);
    for (size_t i = 0; i < cfg->cert_count && i < GLASS_CONFIG_MAX_CERTS; i++)
        if (client_cert_fits(hs, cr, cfg->certs[i].chain, glass_sign_key_of(cfg->certs[i].key)))
            return 0;
    if (cfg->key != NULL)
        (void)client_cert_fits(hs, cr, cfg->chain, glass_sign_key_rsa(cfg->key));
    return 0;
}

/* ---- Certificate (RFC 5246 section 7.4.6), only after a
 * CertificateRequest: our chain, leaf first, when one fits; else empty,
 * and then no CertificateVerify follows either (7.4.8). ---- */
int glass_client_send_certificate(glass_hs *hs, glass_hs_io *io)
{
    const glass_x509_list *chain = hs->client_chain;
    glass_certificate_msg *cm = &hs->last.u.certificate;
    cm->n_certs = 0;
    if (hs->client_sigalg != 0 && chain != NULL) {
        if (chain->count > GLASS_HS_MAX_CHAIN)
            return GLASS_E_LIMIT;           /* our own chain: a local fault */
        for (size_t i = 0; i < chain->count; i++) {
            cm->cert[i] = chain->certs[i].der.p;
            cm->cert_len[i] = chain->certs[i].der.len;
        }
        cm->n_certs = chain->count;
        hs->client_cert_sent = 1;
    }
    return glass_certificate_write(cm, io->w);
}

int glass_client_recv_server_hello_done(glass_hs *hs, glass_hs_io *io)
{
    int err = glass_server_hello_done_parse(io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    /* with no CertificateVerify to sign, the transcript is read out with
     * the suite's hash only from here (else: once it is signed) */
    if (!hs->cert_requested)
        glass_transcript_keep(&hs->transcript, hs->suite->prf_hash, GLASS_HASH_NONE);
    return 0;
}

/* ---- ClientKeyExchange (RFC 5246 section 7.4.7), one step per key
 * exchange ---- */
/* RSA (7.4.7.1): client_version (the one offered) + 46 random bytes,
 * RSAES-PKCS1-v1_5 encrypted to the server certificate's key. */
int glass_client_send_client_key_exchange_rsa(glass_hs *hs, glass_hs_io *io)
{
    glass_client_key_exchange *cke = &hs->last.u.client_key_exchange;
    cke->kx = GLASS_KX_RSA;
    hs->premaster[0] = (uint8_t)(hs->client_version >> 8);
    hs->premaster[1] = (uint8_t)hs->client_version;
    int err = glass_hs_random(hs, hs->premaster + 2, 46);
#ifdef GLASS_UNSAFE_LABS
    /* Lab 5: the man in the middle re-encrypts, to the real server's key,
     * the premaster its own client encrypted to it. */
    if (err == 0)
        err = glass_lab_hook_rsa_premaster(hs->server_random, hs->session_id,
                                           hs->session_id_len, hs->premaster);
#endif
    if (err != 0)
        return err;
    hs->premaster_len = 48;
    cke->len = glass_rsa_size(&hs->peer_key.u.rsa);
    if (cke->len > sizeof cke->data)
        return GLASS_E_UNSUPPORTED;
    err = glass_rsa_pkcs1_encrypt(&hs->peer_key.u.rsa, hs->env.rng, hs->env.rng_ctx,
                                  hs->premaster, 48, cke->data, cke->len);
    if (err != 0)
        return err;
    return glass_client_key_exchange_write(cke, io->w);
}

/* ECDHE (RFC 8422 section 5.7): our share on the server's group, and the
 * premaster from the server's.  P-256/P-384 (5.10): a fresh point sent
 * uncompressed, the premaster x(d * Q_server), the server's point validated
 * when its ServerKeyExchange was read.  X25519: RFC 7748 section 6.1. */
int glass_client_send_client_key_exchange_ecdhe(glass_hs *hs, glass_hs_io *io)
{
    glass_client_key_exchange *cke = &hs->last.u.client_key_exchange;
    cke->kx = hs->suite->kx;
    if (hs->group != GLASS_GROUP_X25519) {
        glass_ec_curve curve = (glass_ec_curve)hs->group;
        int e = glass_ec_keypair(&hs->ec_priv, curve, hs->env.rng, hs->env.rng_ctx);
        if (e == 0) {
            hs->premaster_len = glass_ec_size(curve);
            e = glass_ecdh_shared(hs->premaster, hs->premaster_len, &hs->ec_priv, &hs->peer_ec);
        }
        if (e == 0)
            e = glass_ec_public_encode(&hs->ec_priv.pub, cke->data, sizeof cke->data,
                                       &cke->len);
        glass_ec_private_wipe(&hs->ec_priv);
        if (e != 0)
            return e;
        return glass_client_key_exchange_write(cke, io->w);
    }
    int err = glass_hs_x25519_keypair(hs);     /* traced there */
    if (err != 0)
        return err;
    err = glass_x25519_shared(hs->premaster, hs->x25519_priv, hs->peer_x25519);
    glass_wipe(hs->x25519_priv, sizeof hs->x25519_priv);
    if (err == GLASS_E_X25519_ZERO)
        return GLASS_E_BAD_KEY_SHARE;       /* a low-order point from the server */
    if (err != 0)
        return err;
    hs->premaster_len = 32;
    memcpy(cke->data, hs->x25519_pub, 32);
    cke->len = 32;
    return glass_client_key_exchange_write(cke, io->w);
}

/* The keys are derived at the first step after ClientKeyExchange, while
 * the transcript ends with it (the session hash of RFC 7627 section 3
 * stops there, before any CertificateVerify). */
static int derive_once(glass_hs *hs)
{
    if (hs->keys_derived)
        return 0;
    hs->keys_derived = 1;
    return glass_hs_derive_keys(hs);
}

/* ---- CertificateVerify (RFC 5246 section 7.4.8): the client signs, with
 * its certificate's key, the hash of every handshake message so far (the
 * transcript: this message is added after it is written), with the hash
 * of the scheme chosen from the server's list.  Both randoms and the key
 * exchange are in there, so the signature is good for this handshake
 * only. ---- */
int glass_client_send_certificate_verify(glass_hs *hs, glass_hs_io *io)
{
    glass_sign_key key = hs->client_key;    /* chosen with the certificate */
    glass_certificate_verify *cv = &hs->last.u.certificate_verify;
    int err = derive_once(hs);
    if (err != 0)
        return err;
    uint8_t digest[GLASS_HASH_MAX_SIZE];
    int n = glass_transcript_hash(&hs->transcript, glass_sigalg_hash(hs->client_sigalg), digest);
    if (n < 0)
        return n;
    glass_transcript_keep(&hs->transcript, hs->suite->prf_hash, GLASS_HASH_NONE);
    cv->sigalg = hs->client_sigalg;
    err = glass_sigalg_sign(&key, hs->env.rng, hs->env.rng_ctx, cv->sigalg, digest, (size_t)n,
                            cv->signature, sizeof cv->signature, &cv->signature_len);
    if (err == GLASS_E_BUFFER_TOO_SMALL)
        err = GLASS_E_UNSUPPORTED;
    if (err != 0)
        return err;
    return glass_certificate_verify_write(cv, io->w);
}

/* ---- ChangeCipherSpec (RFC 5246 section 7.1): the keys are ready for
 * the record layer's switch ---- */
int glass_client_send_change_cipher_spec(glass_hs *hs, glass_hs_io *io)
{
    (void)io;
    return derive_once(hs);
}

/* ---- Finished (RFC 5246 section 7.4.9) and the server's
 * ChangeCipherSpec: the work is the same for both roles (shared_steps.c) */
int glass_client_send_finished(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_send_finished(hs, io);
}

int glass_client_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_recv_change_cipher_spec(hs, io);
}

int glass_client_recv_finished(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_recv_finished(hs, io);
}
