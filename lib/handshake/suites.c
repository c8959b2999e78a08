/*
 * suites.c — the four cipher suites glasstls implements, the order in which
 * it prefers them, and how the server chooses one.
 *
 *   0x009C TLS_RSA_WITH_AES_128_GCM_SHA256          RFC 5288 section 3
 *   0x009D TLS_RSA_WITH_AES_256_GCM_SHA384          RFC 5288 section 3
 *   0xC02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256    RFC 5289 section 3.2
 *   0xC030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384    RFC 5289 section 3.2
 *
 * The PRF hash is the suite's hash (RFC 5288 section 3: "the PRF ... with
 * SHA-256 / SHA-384").  GCM uses a 4-byte implicit salt from the key block
 * and no MAC key (RFC 5288 section 3, RFC 5246 section 6.3).
 */
#include "handshake/suites.h"

#include <stddef.h>
#include "glasstls/err.h"

static const glass_suite_info suites[GLASS_SUITE_COUNT] = {
    { GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GLASS_KX_ECDHE_RSA, GLASS_HASH_SHA256, 16, 4 },
    { GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", GLASS_KX_ECDHE_RSA, GLASS_HASH_SHA384, 32, 4 },
    { GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256,
      "TLS_RSA_WITH_AES_128_GCM_SHA256", GLASS_KX_RSA, GLASS_HASH_SHA256, 16, 4 },
    { GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384,
      "TLS_RSA_WITH_AES_256_GCM_SHA384", GLASS_KX_RSA, GLASS_HASH_SHA384, 32, 4 },
};

/* Default preference: forward secrecy (ECDHE) first, then AES-128 before
 * AES-256 within each key exchange (both are strong; 128 is faster). */
const uint16_t glass_default_suites[GLASS_SUITE_COUNT] = {
    GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256,
    GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384,
};

const uint16_t *glass_suites_ours(const glass_config *cfg, size_t *n)
{
    if (cfg->suite_count == 0) {
        *n = GLASS_SUITE_COUNT;
        return glass_default_suites;
    }
    *n = cfg->suite_count;
    return cfg->suites;
}

const glass_suite_info *glass_suite_find(uint16_t id)
{
    for (size_t i = 0; i < GLASS_SUITE_COUNT; i++)
        if (suites[i].id == id)
            return &suites[i];
    return NULL;
}

static int contains16(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

/* An ECDHE_RSA suite needs X25519 among the client's groups (RFC 8422
 * section 5.1: a server "MUST NOT negotiate the use of an ECC cipher suite
 * unless" it can respect the client's curves; glasstls reads an absent
 * extension as "no curve we know") and a signature algorithm both can use. */
static int offers_x25519(const glass_hello_exts *client_ext)
{
    return (client_ext->present & GLASS_EXTBIT_SUPPORTED_GROUPS) &&
           contains16(client_ext->groups, client_ext->n_groups, GLASS_GROUP_X25519);
}

int glass_suite_usable(const glass_suite_info *s, const glass_hello_exts *client_ext)
{
    if (s->kx != GLASS_KX_ECDHE_RSA)
        return 1;
    return offers_x25519(client_ext) && glass_sigalg_choose(client_ext) != 0;
}

/* RFC 5246 section 7.4.1.3: the server picks one suite the client offered.
 * glasstls walks its own list in order (server preference). */
const glass_suite_info *glass_suite_choose(const uint16_t *pref, size_t n_pref,
                                           const glass_client_hello *ch)
{
    for (size_t i = 0; i < n_pref; i++) {
        const glass_suite_info *s = glass_suite_find(pref[i]);
        if (s != NULL && contains16(ch->cipher_suites, ch->n_cipher_suites, s->id) &&
            glass_suite_usable(s, &ch->ext))
            return s;
    }
    return NULL;
}

/* Why glass_suite_choose() found nothing: GLASS_E_NO_SIGALG when a suite
 * both sides have would do but for the client's signature_algorithms (an
 * ECDHE_RSA suite, X25519 offered, no rsa_pkcs1 with SHA-256/384/512),
 * otherwise GLASS_E_NO_COMMON_SUITE.  Both are handshake_failure. */
int glass_suite_refusal(const uint16_t *pref, size_t n_pref, const glass_client_hello *ch)
{
    for (size_t i = 0; i < n_pref; i++) {
        const glass_suite_info *s = glass_suite_find(pref[i]);
        if (s != NULL && s->kx == GLASS_KX_ECDHE_RSA &&
            contains16(ch->cipher_suites, ch->n_cipher_suites, s->id) &&
            offers_x25519(&ch->ext) && glass_sigalg_choose(&ch->ext) == 0)
            return GLASS_E_NO_SIGALG;
    }
    return GLASS_E_NO_COMMON_SUITE;
}

int glass_suite_offered_scsv(const glass_client_hello *ch)
{
    return contains16(ch->cipher_suites, ch->n_cipher_suites,
                      GLASS_TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
}
