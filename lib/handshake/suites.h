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
#include "glasstls/rsa.h"

/* The suites this side uses, in its order of preference: the configured
 * list (cfg->suites), or glass_default_suites when cfg->suite_count is 0.
 * The client offers them in this order; the server picks by it. */
const uint16_t *glass_suites_ours(const glass_config *cfg, size_t *n);

/* ---- sigalgs.c: the signature schemes ---- */
/* The first scheme in the client's signature_algorithms that glasstls
 * signs with (rsa_pkcs1 or rsa_pss_rsae, SHA-256/384/512), or 0 when
 * there is none (or no extension). */
uint16_t glass_sigalg_choose(const glass_hello_exts *client_ext);
/* The signature schemes glasstls signs and verifies, most preferred first
 * (what a ClientHello and a CertificateRequest offer): writes at most cap
 * of them into out and returns how many. */
size_t glass_sigalgs_ours(uint16_t *out, size_t cap);
/* 1 for rsa_pss_rsae_sha256/384/512. */
int glass_sigalg_is_pss(uint16_t sigalg);
/* 1 when sigalg is one of glass_sigalgs_ours() (what a CertificateRequest
 * of ours offers). */
int glass_sigalg_offered(uint16_t sigalg);
/* Client, RFC 5246 7.4.4/7.4.8: the first scheme of the server's list
 * (its order of preference) that glasstls signs with for an RSA key, or 0.
 * (An ECDSA key would take the ecdsa_* entries instead: one more case.) */
uint16_t glass_sigalg_choose_from(const uint16_t *list, size_t n);
/* Signs digest (of glass_sigalg_hash(sigalg)) with sigalg's padding:
 * glass_rsa_pkcs1_sign or glass_rsa_pss_sign with salt = hash length.
 * GLASS_E_NO_SIGALG for a scheme glasstls does not sign with. */
int glass_sigalg_sign(const glass_rsa_private *key, glass_rng_fn rng, void *rng_ctx,
                      uint16_t sigalg, const uint8_t *digest, size_t digest_len,
                      uint8_t *sig, size_t sig_len);
/* Verifies: 0, GLASS_E_RSA_VERIFY (or another error of the RSA functions),
 * or GLASS_E_ILLEGAL_PARAMETER for a scheme glasstls does not offer. */
int glass_sigalg_verify(const glass_rsa_public *pub, uint16_t sigalg, const uint8_t *digest,
                        size_t digest_len, const uint8_t *sig, size_t sig_len);
/* 1 when the server can complete the handshake with suite s for a client
 * with these extensions. */
int glass_suite_usable(const glass_suite_info *s, const glass_hello_exts *client_ext);
/* The first suite of pref (server preference) that the client offered and
 * that is usable, or NULL (no common suite: handshake_failure). */
const glass_suite_info *glass_suite_choose(const uint16_t *pref, size_t n_pref,
                                           const glass_client_hello *ch);
/* The error for a ClientHello glass_suite_choose() found no suite for:
 * GLASS_E_NO_SIGALG when only the signature algorithms ruled a common suite
 * out, else GLASS_E_NO_COMMON_SUITE. */
int glass_suite_refusal(const uint16_t *pref, size_t n_pref, const glass_client_hello *ch);
/* 1 when the ClientHello carries TLS_EMPTY_RENEGOTIATION_INFO_SCSV. */
int glass_suite_offered_scsv(const glass_client_hello *ch);

#endif /* GLASS_HANDSHAKE_SUITES_H */
