/*
 * suites.h — the suites in use and choosing a cipher suite (suites.c);
 * the signature schemes (sigalgs.c).
 */
#ifndef GLASS_HANDSHAKE_SUITES_H
#define GLASS_HANDSHAKE_SUITES_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/config.h"
#include "glasstls/handshake.h"
#include "glasstls/ec.h"
#include "glasstls/rsa.h"
#include "glasstls/x509.h"

/* The suites this side uses, in its order of preference: the configured
 * list (cfg->suites), or glass_default_suites when cfg->suite_count is 0.
 * The client offers them in this order; the server picks by it. */
const uint16_t *glass_suites_ours(const glass_config *cfg, size_t *n);

/* The groups this side uses, in its order of preference: cfg->groups, or
 * x25519, secp256r1, secp384r1 when cfg->group_count is 0. */
const uint16_t *glass_groups_ours(const glass_config *cfg, size_t *n);

/* What a server can offer a client, for choosing a suite: its groups in
 * its order, whether it holds an RSA key, and the curve of its EC key
 * (GLASS_EC_NONE: no EC key). */
typedef struct glass_suite_ctx {
    const uint16_t *groups;
    size_t          n_groups;
    int             have_rsa;
    glass_ec_curve  ec_curve;
} glass_suite_ctx;

/* The server's choice of ECDHE group (RFC 8422 section 5.1.1 / 5.4): the
 * first of ours the client lists in supported_groups; 0 when there is none
 * (or no extension: glasstls reads that as "no curve we know"). */
uint16_t glass_group_choose(const glass_suite_ctx *ctx, const glass_hello_exts *client_ext);

/* A private key to sign with, of either type: the handshake holds one of
 * these for the server's certificate (and the client's, with a client
 * certificate); exactly one of rsa / ec is set, as type says. */
typedef struct glass_sign_key {
    glass_key_type           type;
    const glass_rsa_private *rsa;
    const glass_ec_private  *ec;
} glass_sign_key;
/* The view of a loaded key (glass_private_key) or of an RSA-only one. */
glass_sign_key glass_sign_key_of(const glass_private_key *key);
glass_sign_key glass_sign_key_rsa(const glass_rsa_private *rsa);

/* ---- sigalgs.c: the signature schemes ---- */
/* GLASS_KEY_RSA for rsa_pkcs1 / rsa_pss_rsae, GLASS_KEY_EC for ecdsa,
 * GLASS_KEY_NONE for schemes glasstls does not use. */
glass_key_type glass_sigalg_key_type(uint16_t sigalg);
/* The scheme to sign with, for a key of this type (and, for EC, curve):
 * RSA: the first rsa_pkcs1 / rsa_pss_rsae scheme with SHA-256/384/512 in
 * the client's signature_algorithms; EC: the scheme whose hash matches the
 * curve (ecdsa_secp256r1_sha256 for P-256, ecdsa_secp384r1_sha384 for
 * P-384) if listed, else the first ecdsa one.  0 when there is none (or no
 * extension: RFC 5246 7.4.1.4.1 then means SHA-1 only, never used). */
uint16_t glass_sigalg_choose(const glass_hello_exts *client_ext, glass_key_type type,
                             glass_ec_curve curve);
/* The signature schemes glasstls signs and verifies, most preferred first
 * (what a ClientHello and a CertificateRequest offer): writes at most cap
 * of them into out and returns how many. */
size_t glass_sigalgs_ours(uint16_t *out, size_t cap);
/* 1 for rsa_pss_rsae_sha256/384/512. */
int glass_sigalg_is_pss(uint16_t sigalg);
/* 1 when sigalg is one of glass_sigalgs_ours() (what a CertificateRequest
 * of ours offers). */
int glass_sigalg_offered(uint16_t sigalg);
/* ecdsa_secp256r1_sha256 for P-256, ecdsa_secp384r1_sha384 for P-384,
 * else 0. */
uint16_t glass_sigalg_for_curve(glass_ec_curve curve);
/* Client, RFC 5246 7.4.4/7.4.8: the first scheme of the server's list
 * (its order of preference) that glasstls signs with for this key: for an
 * RSA key any rsa_pkcs1 / rsa_pss_rsae one, for an EC key only the one of
 * its curve (glass_sigalg_for_curve); 0 when there is none. */
uint16_t glass_sigalg_choose_from(const uint16_t *list, size_t n, const glass_sign_key *key);
/* Signs digest (of glass_sigalg_hash(sigalg)) with the key: RSA with
 * sigalg's padding (glass_rsa_pkcs1_sign, or glass_rsa_pss_sign with salt =
 * hash length), *sig_len = the modulus size; ECDSA (RFC 6979 nonce) as a
 * DER Ecdsa-Sig-Value (RFC 8422 section 5.4), *sig_len its length.
 * GLASS_E_NO_SIGALG for a scheme glasstls does not sign with or one of the
 * other key type; GLASS_E_BUFFER_TOO_SMALL when cap is too small. */
int glass_sigalg_sign(const glass_sign_key *key, glass_rng_fn rng, void *rng_ctx,
                      uint16_t sigalg, const uint8_t *digest, size_t digest_len,
                      uint8_t *sig, size_t cap, size_t *sig_len);
/* Verifies with a certificate's key: 0, GLASS_E_RSA_VERIFY /
 * GLASS_E_ECDSA_VERIFY / GLASS_E_ECDSA_DER (or another error of the
 * primitives), or GLASS_E_ILLEGAL_PARAMETER for a scheme glasstls does not
 * offer or one that does not fit the key's type. */
int glass_sigalg_verify(const glass_public_key *pub, uint16_t sigalg, const uint8_t *digest,
                        size_t digest_len, const uint8_t *sig, size_t sig_len);
/* 1 when the server described by ctx (NULL: an RSA key and the default
 * groups) can complete the handshake with suite s for a client with these
 * extensions: the key type the suite needs, for ECDHE a common group and a
 * signature scheme, for ECDHE_ECDSA also the key's curve among the
 * client's groups (RFC 8422 section 5.1). */
int glass_suite_usable(const glass_suite_info *s, const glass_hello_exts *client_ext,
                       const glass_suite_ctx *ctx);
/* The first suite of pref (server preference) that the client offered and
 * that is usable, or NULL (no common suite: handshake_failure). */
const glass_suite_info *glass_suite_choose(const uint16_t *pref, size_t n_pref,
                                           const glass_client_hello *ch,
                                           const glass_suite_ctx *ctx);
/* The error for a ClientHello glass_suite_choose() found no suite for:
 * GLASS_E_NO_SIGALG when only the signature algorithms ruled a common suite
 * out, else GLASS_E_NO_COMMON_SUITE. */
int glass_suite_refusal(const uint16_t *pref, size_t n_pref, const glass_client_hello *ch,
                        const glass_suite_ctx *ctx);
/* 1 when the ClientHello carries TLS_EMPTY_RENEGOTIATION_INFO_SCSV. */
int glass_suite_offered_scsv(const glass_client_hello *ch);

#endif /* GLASS_HANDSHAKE_SUITES_H */
