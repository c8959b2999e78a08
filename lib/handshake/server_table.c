/*
 * server_table.c — the server's column of the handshake table (table.c):
 * the handler of each step the server runs its own way (RFC 5246 section
 * 7.3; Finished and the ChangeCipherSpec it receives are shared_steps.c).
 * Each checks what the client sent, or builds what the server sends; the
 * message files (client_hello.c, ...) read and write the bytes.
 */
#include "handshake/hs_internal.h"

#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "handshake/codec.h"
#include "handshake/suites.h"
#include "labs/lab.h"
#include "x509/verify.h"

/* The server's certificates by key type: the first RSA one and the first
 * EC one of cfg->certs, then the RSA pair cfg->chain / cfg->key. */
typedef struct server_creds {
    const glass_x509_list *rsa_chain, *ec_chain;
    glass_sign_key rsa, ec;
} server_creds;

static void find_creds(const glass_config *cfg, server_creds *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < cfg->cert_count && i < GLASS_CONFIG_MAX_CERTS; i++) {
        glass_sign_key k = glass_sign_key_of(cfg->certs[i].key);
        if (cfg->certs[i].chain == NULL || cfg->certs[i].chain->count == 0)
            continue;
        if (k.type == GLASS_KEY_RSA && c->rsa_chain == NULL) {
            c->rsa_chain = cfg->certs[i].chain;
            c->rsa = k;
        } else if (k.type == GLASS_KEY_EC && c->ec_chain == NULL) {
            c->ec_chain = cfg->certs[i].chain;
            c->ec = k;
        }
    }
    if (c->rsa_chain == NULL && cfg->chain != NULL && cfg->chain->count != 0 &&
        cfg->key != NULL) {
        c->rsa_chain = cfg->chain;
        c->rsa = glass_sign_key_rsa(cfg->key);
    }
}

/* RFC 8422 section 5.1.2: a client that sends ec_point_formats without
 * "uncompressed" (the only format left, and the one glasstls uses) cannot
 * do ECC with this server: "the server MUST abort the handshake and
 * return an illegal_parameter alert" when it also named a curve of ours. */
static int point_formats_ok(const glass_hello_exts *e)
{
    if (!(e->present & GLASS_EXTBIT_EC_POINT_FORMATS))
        return 1;
    for (size_t i = 0; i < e->n_point_formats; i++)
        if (e->point_formats[i] == GLASS_POINT_UNCOMPRESSED)
            return 1;
    return 0;
}

/* ---- ClientHello (RFC 5246 section 7.4.1.2): every decision of the
 * server is made here. ---- */
int glass_server_recv_client_hello(glass_hs *hs, glass_hs_io *io)
{
    const glass_config *cfg = hs->env.cfg;
    glass_client_hello *ch = &hs->last.u.client_hello;
    int err = glass_client_hello_parse(ch, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    /* RFC 5246 E.2: the record layer rewrote a v2 CLIENT-HELLO into the
     * ClientHello just parsed (and the transcript has the v2 bytes) */
    ch->sslv2_compat = hs->env.rec->sslv2_hello;
    /* TLS 1.2 only: a client whose highest version is lower gets
     * protocol_version (RFC 5246 appendix E.1); a higher one is answered
     * with 1.2. */
    if (ch->client_version < GLASS_TLS12_VERSION)
        return GLASS_E_PROTOCOL_VERSION;
    if (!ch->offers_null_compression)
        return GLASS_E_NO_COMPRESSION;
    /* RFC 5746 section 3.6: the SCSV or an empty renegotiation_info says
     * the client does secure renegotiation; a non-empty one on an initial
     * handshake is handshake_failure.  A client that signals neither is
     * accepted unless cfg->require_secure_renegotiation: the attack of RFC
     * 5746 splices a renegotiation onto a victim's connection, and glasstls
     * never renegotiates (every later ClientHello gets no_renegotiation). */
    if (ch->ext.present & GLASS_EXTBIT_RENEGOTIATION_INFO) {
        if (ch->ext.renegotiation_info_len != 0)
            return GLASS_E_RENEGOTIATION;
        hs->secure_renegotiation = 1;
    }
    if (glass_suite_offered_scsv(ch))
        hs->secure_renegotiation = 1;
    if (!hs->secure_renegotiation && cfg->require_secure_renegotiation)
        return GLASS_E_RENEGOTIATION;
    /* RFC 7627 section 5.3: use it when the client offers it */
    hs->cert_requested = cfg->request_client_certificate != 0;
    hs->ems = !cfg->disable_ems && (ch->ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET);
    if (!hs->ems && cfg->require_ems)
        return GLASS_E_EMS_REQUIRED;

    /* the suite, by our preference, among those our certificates, our
     * groups and the client's lists allow; then its certificate, group
     * and signature scheme */
    size_t n;
    server_creds creds;
    glass_suite_ctx ctx;
    find_creds(cfg, &creds);
    ctx.groups = glass_groups_ours(cfg, &ctx.n_groups);
    ctx.have_rsa = creds.rsa_chain != NULL;
    ctx.ec_curve = creds.ec_chain != NULL ? creds.ec.ec->curve : GLASS_EC_NONE;
    const uint16_t *pref = glass_suites_ours(cfg, &n);
    hs->suite = glass_suite_choose(pref, n, ch, &ctx);
    if (hs->suite == NULL)
        return glass_suite_refusal(pref, n, ch, &ctx);
    if (hs->suite->kx == GLASS_KX_ECDHE_ECDSA) {
        hs->own_chain = creds.ec_chain;
        hs->own_key = creds.ec;
    } else {
        hs->own_chain = creds.rsa_chain;
        hs->own_key = creds.rsa;
    }
    if (glass_kx_is_ecdhe(hs->suite->kx)) {
        if (!point_formats_ok(&ch->ext))
            return GLASS_E_ILLEGAL_PARAMETER;
        hs->group = glass_group_choose(&ctx, &ch->ext);
        hs->sigalg = glass_sigalg_choose(&ch->ext, hs->own_key.type, ctx.ec_curve);
    }

    hs->client_version = ch->client_version;
    memcpy(hs->client_random, ch->random, 32);
    hs->client_ec_point_formats = (ch->ext.present & GLASS_EXTBIT_EC_POINT_FORMATS) != 0;
    memcpy(hs->peer_server_name, ch->ext.server_name, sizeof hs->peer_server_name);
    /* a session to resume, a ticket to send (resume.c) */
    err = glass_hs_server_try_resume(hs, ch);
    /* the suite (a resumed session's own) is settled: without a client
     * CertificateVerify to check, its hash is the only one the transcript
     * will be read out with (Finished, the session hash) */
    if (err == 0 && !hs->cert_requested && hs->suite != NULL)
        glass_transcript_keep(&hs->transcript, hs->suite->prf_hash, GLASS_HASH_NONE);
    return err;
}

/* ---- ServerHello (RFC 5246 section 7.4.1.3) ---- */
int glass_server_send_server_hello(glass_hs *hs, glass_hs_io *io)
{
    glass_server_hello *sh = &hs->last.u.server_hello;
    int err = glass_hs_random(hs, hs->server_random, 32);
    /* a new session gets a fresh id; a resumed one keeps the client's */
    if (err == 0 && !hs->resumed) {
        err = glass_hs_random(hs, hs->session_id, 32);
        hs->session_id_len = 32;
#ifdef GLASS_UNSAFE_LABS
        /* Lab 5 (docs/labs/triple-handshake.md): the man in the middle
         * gives its client the real server's random and session id. */
        if (err == 0)
            err = glass_lab_hook_server_hello(hs->client_random, hs->server_random,
                                              hs->session_id, &hs->session_id_len);
#endif
    }
    if (err != 0)
        return err;
    sh->server_version = GLASS_TLS12_VERSION;
    memcpy(sh->random, hs->server_random, 32);
    memcpy(sh->session_id, hs->session_id, hs->session_id_len);
    sh->session_id_len = hs->session_id_len;
    sh->cipher_suite = hs->suite->id;
    sh->compression_method = 0;
    sh->has_extensions = 1;
    sh->ext.present = GLASS_EXTBIT_RENEGOTIATION_INFO;
    if (hs->ems)
        sh->ext.present |= GLASS_EXTBIT_EXTENDED_MASTER_SECRET;
    if (hs->ticket_expected)                /* RFC 5077 3.2: a ticket will come */
        sh->ext.present |= GLASS_EXTBIT_SESSION_TICKET;
    if (glass_kx_is_ecdhe(hs->suite->kx) && hs->client_ec_point_formats) {
        /* RFC 8422 section 5.2: answer with the formats we support */
        sh->ext.present |= GLASS_EXTBIT_EC_POINT_FORMATS;
        sh->ext.point_formats[0] = GLASS_POINT_UNCOMPRESSED;
        sh->ext.n_point_formats = 1;
    }
    err = glass_server_hello_write(sh, io->w);
    /* abbreviated: the keys now, from the session's master secret and
     * both new randoms (RFC 5246 6.3); our ChangeCipherSpec is next */
    if (err == 0 && hs->resumed)
        err = glass_hs_derive_record_keys(hs);
    return err;
}

/* ---- Certificate (RFC 5246 section 7.4.2): our chain, leaf first ---- */
int glass_server_send_certificate(glass_hs *hs, glass_hs_io *io)
{
    const glass_x509_list *chain = hs->own_chain;   /* chosen with the suite */
    glass_certificate_msg *cm = &hs->last.u.certificate;
    if (chain == NULL || chain->count == 0 || hs->own_key.type == GLASS_KEY_NONE)
        return GLASS_E_INVALID_ARG;
    if (chain->count > GLASS_HS_MAX_CHAIN)
        return GLASS_E_LIMIT;               /* our own chain: a local fault */
    for (size_t i = 0; i < chain->count; i++) {
        cm->cert[i] = chain->certs[i].der.p;
        cm->cert_len[i] = chain->certs[i].der.len;
    }
    cm->n_certs = chain->count;
    return glass_certificate_write(cm, io->w);
}

/* ---- ServerKeyExchange (RFC 8422 section 5.4), ECDHE only: a fresh
 * key pair on the chosen group, signed with the certificate's key ---- */
int glass_server_send_server_key_exchange(glass_hs *hs, glass_hs_io *io)
{
    glass_server_key_exchange *ske = &hs->last.u.server_key_exchange;
    int err;
    ske->curve_type = 3;                    /* named_curve */
    ske->named_group = hs->group;
    if (hs->group == GLASS_GROUP_X25519) {
        err = glass_x25519_keypair(hs->x25519_pub, hs->x25519_priv, hs->env.rng,
                                   hs->env.rng_ctx);
        if (err != 0)
            return err;
        memcpy(ske->public_key, hs->x25519_pub, 32);
        ske->public_key_len = 32;
    } else {
        /* P-256 / P-384: d drawn in [1, n-1], Q = dG, sent uncompressed */
        err = glass_ec_keypair(&hs->ec_priv, (glass_ec_curve)hs->group, hs->env.rng,
                               hs->env.rng_ctx);
        if (err == 0)
            err = glass_ec_public_encode(&hs->ec_priv.pub, ske->public_key,
                                         sizeof ske->public_key, &ske->public_key_len);
        if (err != 0)
            return err;
    }
    ske->sigalg = hs->sigalg;

    /* sign client_random + server_random + ServerECDHParams */
    uint8_t digest[GLASS_HASH_MAX_SIZE];
    int n = glass_server_key_exchange_signed_hash(ske, hs->client_random, hs->server_random,
                                                  digest);
    if (n < 0)
        return n;
    err = glass_sigalg_sign(&hs->own_key, hs->env.rng, hs->env.rng_ctx, hs->sigalg, digest,
                            (size_t)n, ske->signature, sizeof ske->signature,
                            &ske->signature_len);
    if (err == GLASS_E_BUFFER_TOO_SMALL)
        err = GLASS_E_UNSUPPORTED;
    if (err != 0)
        return err;
    size_t start = io->w->len;
    err = glass_server_key_exchange_write(ske, io->w);
    ske->params = io->w->buf + start;              /* for the trace, as parsed */
    ske->params_len = 1 + 2 + 1 + ske->public_key_len;
    return err;
}

/* ---- CertificateRequest (RFC 5246 section 7.4.4), when the config asks
 * for it: the certificate types and signature schemes glasstls verifies,
 * and the subjects of the CAs it trusts for client chains (its trust
 * anchors), so the client can pick a certificate they issued. ---- */
int glass_server_send_certificate_request(glass_hs *hs, glass_hs_io *io)
{
    const glass_x509_list *trust = hs->env.cfg->trust;
    glass_certificate_request *cr = &hs->last.u.certificate_request;
    cr->cert_types[0] = GLASS_CERT_TYPE_RSA_SIGN;
    cr->cert_types[1] = GLASS_CERT_TYPE_ECDSA_SIGN;   /* RFC 8422 section 5.5 */
    cr->n_cert_types = 2;
    cr->n_sigalgs = glass_sigalgs_ours(cr->sigalgs, GLASS_HS_MAX_SIGALGS);
    cr->n_ca_names = cr->ca_names_total = 0;
    /* more anchors than the message struct holds: an empty list ("any
     * CA") rather than a partial one that would turn good clients away */
    if (trust != NULL && trust->count <= GLASS_HS_MAX_CA_NAMES) {
        for (size_t i = 0; i < trust->count; i++) {
            cr->ca_name[i] = trust->certs[i].subject.p;
            cr->ca_name_len[i] = trust->certs[i].subject.len;
        }
        cr->n_ca_names = cr->ca_names_total = trust->count;
    }
    return glass_certificate_request_write(cr, io->w);
}

/* ---- the client's Certificate (RFC 5246 section 7.4.6), after our
 * CertificateRequest: empty goes on only when the certificate is optional;
 * a chain is validated against our trust anchors for clientAuth (RFC 5280
 * 4.2.1.12), and its leaf's key kept for the CertificateVerify. ---- */
int glass_server_recv_certificate(glass_hs *hs, glass_hs_io *io)
{
    const glass_config *cfg = hs->env.cfg;
    glass_certificate_msg *cm = &hs->last.u.certificate;
    int err = glass_certificate_parse(cm, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    if (cm->n_certs == 0)                  /* 7.4.6: the server decides */
        return cfg->request_client_certificate == GLASS_CLIENT_CERT_REQUIRED
                   ? GLASS_E_CLIENT_CERT_REQUIRED : 0;
    for (size_t i = 0; i < cm->n_certs; i++) {
        err = glass_x509_parse(&hs->peer_certs[i], cm->cert[i], cm->cert_len[i]);
        if (err != 0) {
            hs->where.message = "Certificate";
            hs->where.field = "certificate_list.ASN.1Cert (X.509)";
            hs->where.offset = (size_t)(cm->cert[i] - io->body);
            return err;
        }
    }
    const glass_x509_cert *leaf = &hs->peer_certs[0];
    if (glass_x509_subject_string(leaf, hs->peer_subject, sizeof hs->peer_subject) < 0)
        hs->peer_subject[0] = '\0';
    int64_t now = hs->env.clock(hs->env.clock_ctx);
    err = glass_x509_verify_purpose(hs->peer_certs, cm->n_certs, cfg->trust, NULL,
                                    GLASS_EKU_CLIENT_AUTH, now, &hs->verify, cfg->trace,
                                    cfg->trace_ctx);
    /* RFC 5280 4.2.1.3: the key signs the CertificateVerify */
    if (err == 0)
        err = glass_x509_check_suite_key_usage(leaf, GLASS_KU_DIGITAL_SIGNATURE,
                                               "CertificateVerify", &hs->verify);
    if (err == 0)
        err = glass_x509_public_key(leaf, &hs->peer_key);
    /* the parsed certificates point into the record buffer: forget them */
    memset(hs->peer_certs, 0, sizeof hs->peer_certs);
    if (err != 0)
        return err;
    hs->client_cert_sent = 1;              /* a CertificateVerify must follow */
    return 0;
}

/* ---- CertificateVerify (RFC 5246 section 7.4.8): the client's signature,
 * with its certificate's key, over every handshake message before this
 * one, hashed with the hash of a scheme we offered. ---- */
int glass_server_recv_certificate_verify(glass_hs *hs, glass_hs_io *io)
{
    glass_certificate_verify *cv = &hs->last.u.certificate_verify;
    int err = glass_certificate_verify_parse(cv, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    if (!glass_sigalg_offered(cv->sigalg))
        return GLASS_E_ILLEGAL_PARAMETER;  /* not in our supported_signature_algorithms */
    /* A scheme of the other key type (rsa_* from an EC key) is
     * illegal_parameter (glass_sigalg_verify).  An ecdsa scheme's curve
     * is not checked: in TLS 1.2 it names the hash only (RFC 8422 5.8;
     * RFC 8446 4.2.3 binds the curve for TLS 1.3), and OpenSSL's TLS 1.2
     * client signs with a P-384 key and ecdsa_secp256r1_sha256, the first
     * of our list. */
    uint8_t digest[GLASS_HASH_MAX_SIZE];
    int n = glass_transcript_hash(&hs->before_cert_verify, glass_sigalg_hash(cv->sigalg),
                                  digest);
    if (n < 0)
        return n;
    err = glass_sigalg_verify(&hs->peer_key, cv->sigalg, digest, (size_t)n, cv->signature,
                              cv->signature_len);
    if (err == GLASS_E_ILLEGAL_PARAMETER)
        return err;
    if (err != 0)
        return GLASS_E_BAD_CERT_VERIFY;
    hs->peer_verified = 1;                 /* chain and possession of its key */
    return 0;
}

int glass_server_send_server_hello_done(glass_hs *hs, glass_hs_io *io)
{
    (void)hs;
    return glass_server_hello_done_write(io->w);
}

/* ---- ClientKeyExchange (RFC 5246 section 7.4.7), one step per key
 * exchange: the premaster, then the keys (the transcript now ends with
 * this message, as the extended master secret needs). ---- */
int glass_server_recv_client_key_exchange_rsa(glass_hs *hs, glass_hs_io *io)
{
    glass_client_key_exchange *cke = &hs->last.u.client_key_exchange;
    int err = glass_client_key_exchange_parse(cke, GLASS_KX_RSA, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    const glass_rsa_private *key = hs->own_key.rsa;   /* chosen with the suite */
    uint8_t random48[48];
    /* 7.4.7.1: a random premaster is drawn first, and used in place of
     * the decrypted one when the padding, length or version is wrong —
     * without any branch on which: the handshake then fails at Finished
     * exactly like a wrong key would.  A ciphertext that is not k bytes
     * long cannot be decrypted (RFC 8017 7.2.2 step 1); 7.4.7.1 says
     * "MUST NOT generate an alert if processing an RSA-encrypted premaster
     * secret message fails", so it takes the random premaster too (the
     * branch is on a public length). */
    err = glass_hs_random(hs, random48, sizeof random48);
#ifdef GLASS_UNSAFE_LABS
    /* Lab 2 (docs/labs/bleichenbacher.md): the rule above broken on
     * purpose.  The block is decrypted a first time and, when it does not
     * start with 00 02, the handshake ends at once with decrypt_error
     * (GLASS_E_RSA_PADDING) instead of going on with the random premaster
     * to fail later with bad_record_mac.  Only the first two octets are
     * reported, the most generous oracle, which keeps the attack's query
     * count low.  The branch on secret data is the point. */
    if (err == 0 && GLASS_LAB(RSA_PADDING_ORACLE) && cke->len == glass_rsa_size(&key->pub)) {
        uint8_t em[GLASS_RSA_MAX_BYTES];
        err = glass_rsa_private_raw(key, hs->env.rng, hs->env.rng_ctx, cke->data, cke->len, em,
                                    cke->len);
        int conforming = err == 0 && em[0] == 0x00 && em[1] == 0x02;
        glass_wipe(em, sizeof em);
        if (err == 0 && !conforming) {
            glass_wipe(random48, sizeof random48);
            hs->where.message = "ClientKeyExchange";
            hs->where.field = "lab rsa-padding-oracle: the block does not start with 00 02";
            hs->where.offset = 2;
            return GLASS_E_RSA_PADDING;
        }
        if (err == GLASS_E_RSA_RANGE)
            err = 0;          /* c >= n: the normal path below keeps R */
    }
#endif
    if (err == 0 && cke->len != glass_rsa_size(&key->pub))
        memcpy(hs->premaster, random48, sizeof random48);
    else if (err == 0)
        err = glass_rsa_tls_premaster(key, hs->env.rng, hs->env.rng_ctx, cke->data, cke->len,
                                      hs->client_version, random48, hs->premaster);
    /* err is nonzero only for a fault in the private-key operation (RSA's
     * result check), which ends the handshake: public. */
    GLASS_CT_PUBLIC(&err, sizeof err);
    glass_wipe(random48, sizeof random48);
    hs->premaster_len = 48;
    if (err != 0)
        return err;
    return glass_hs_derive_keys(hs);
}

/* ECDHE (RFC 8422 section 5.7): the client's X25519 share and ours. */
int glass_server_recv_client_key_exchange_ecdhe(glass_hs *hs, glass_hs_io *io)
{
    glass_client_key_exchange *cke = &hs->last.u.client_key_exchange;
    int err = glass_client_key_exchange_parse(cke, hs->suite->kx, io->body, io->len,
                                              &hs->where);
    if (err != 0)
        return err;
    if (hs->group == GLASS_GROUP_X25519) {
        if (cke->len != 32) {
            hs->where.message = "ClientKeyExchange";
            hs->where.field = "ecdh_Yc (not 32 bytes)";
            hs->where.offset = 1;
            return GLASS_E_BAD_KEY_SHARE;
        }
        err = glass_x25519_shared(hs->premaster, hs->x25519_priv, cke->data);
        glass_wipe(hs->x25519_priv, sizeof hs->x25519_priv);
        GLASS_CT_PUBLIC(&err, sizeof err);   /* an all-zero share: an alert says so */
        if (err == GLASS_E_X25519_ZERO)
            err = GLASS_E_BAD_KEY_SHARE;
        hs->premaster_len = 32;
    } else {
        /* RFC 8422 5.7 / SP 800-56A 5.6.2.3.3: the client's point must be
         * an uncompressed point on our curve; anything else (compressed,
         * off the curve, x >= p, infinity) is illegal_parameter and is never
         * multiplied.  The premaster is x(dQ) (RFC 8422 5.10). */
        glass_ec_public peer;
        glass_ec_curve curve = (glass_ec_curve)hs->group;
        err = glass_ec_public_decode(&peer, curve, cke->data, cke->len);
        if (err != 0) {
            glass_ec_private_wipe(&hs->ec_priv);
            hs->where.message = "ClientKeyExchange";
            hs->where.field = "ecdh_Yc (not a valid uncompressed point on the curve)";
            hs->where.offset = 1;
            return err;
        }
        hs->premaster_len = glass_ec_size(curve);
        err = glass_ecdh_shared(hs->premaster, hs->premaster_len, &hs->ec_priv, &peer);
        glass_ec_private_wipe(&hs->ec_priv);
        GLASS_CT_PUBLIC(&err, sizeof err);
    }
    if (err != 0)
        return err;
    return glass_hs_derive_keys(hs);
}

/* ---- ChangeCipherSpec (RFC 5246 section 7.1): nothing to do here ---- */
int glass_server_send_change_cipher_spec(glass_hs *hs, glass_hs_io *io)
{
    (void)hs;
    (void)io;
    return 0;                               /* keys were set at ClientKeyExchange */
}

/* ---- the client's ChangeCipherSpec and Finished, and ours (RFC 5246
 * sections 7.1, 7.4.9): the same work as the client's (shared_steps.c) */
int glass_server_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_recv_change_cipher_spec(hs, io);
}

int glass_server_recv_finished(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_recv_finished(hs, io);
}

int glass_server_send_finished(glass_hs *hs, glass_hs_io *io)
{
    return glass_hs_send_finished(hs, io);
}
