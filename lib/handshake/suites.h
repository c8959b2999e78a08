/*
 * suites.h — the suites in use, choosing a cipher suite and a signature
 * algorithm (suites.c).
 */
#ifndef GLASS_HANDSHAKE_SUITES_H
#define GLASS_HANDSHAKE_SUITES_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/config.h"
#include "glasstls/handshake.h"

/* The suites this side uses, in its order of preference: the configured
 * list (cfg->suites), or glass_default_suites when cfg->suite_count is 0.
 * The client offers them in this order; the server picks by it. */
const uint16_t *glass_suites_ours(const glass_config *cfg, size_t *n);

/* The first rsa_pkcs1 algorithm with SHA-256/384/512 in the client's
 * signature_algorithms, or 0 when there is none (or no extension). */
uint16_t glass_sigalg_choose(const glass_hello_exts *client_ext);
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
