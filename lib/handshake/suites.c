/*
 * suites.c — the six cipher suites glasstls implements, the order in which
 * it prefers them, the ECDHE groups, and how the server chooses a suite,
 * a group and the certificate to use.
 *
 *   0x009C TLS_RSA_WITH_AES_128_GCM_SHA256          RFC 5288 section 3
 *   0x009D TLS_RSA_WITH_AES_256_GCM_SHA384          RFC 5288 section 3
 *   0xC02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256    RFC 5289 section 3.2
 *   0xC030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384    RFC 5289 section 3.2
 *   0xC02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256  RFC 5289 section 3.2
 *   0xC02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384  RFC 5289 section 3.2
 *
 * Groups (RFC 8422 section 5.1.1, RFC 7748): x25519 (29), secp256r1 (23),
 * secp384r1 (24).
 *
 * The PRF hash is the suite's hash (RFC 5288 section 3: "the PRF ... with
 * SHA-256 / SHA-384").  GCM uses a 4-byte implicit salt from the key block
 * and no MAC key (RFC 5288 section 3, RFC 5246 section 6.3).
 */
#include "handshake/suites.h"

#include <stddef.h>
#include "glasstls/err.h"

static const glass_suite_info suites[GLASS_SUITE_COUNT] = {
    { GLASS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", GLASS_KX_ECDHE_ECDSA, GLASS_HASH_SHA256, 16,
      4 },
    { GLASS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", GLASS_KX_ECDHE_ECDSA, GLASS_HASH_SHA384, 32,
      4 },
    { GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", GLASS_KX_ECDHE_RSA, GLASS_HASH_SHA256, 16, 4 },
    { GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", GLASS_KX_ECDHE_RSA, GLASS_HASH_SHA384, 32, 4 },
    { GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256,
      "TLS_RSA_WITH_AES_128_GCM_SHA256", GLASS_KX_RSA, GLASS_HASH_SHA256, 16, 4 },
    { GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384,
      "TLS_RSA_WITH_AES_256_GCM_SHA384", GLASS_KX_RSA, GLASS_HASH_SHA384, 32, 4 },
};

/* Default preference: forward secrecy (ECDHE) first, AES-128 before
 * AES-256 (both are strong; 128 is faster), ECDSA before RSA at each key
 * size (smaller signatures, faster signing).  A server uses only the
 * suites its certificates allow, so one with an RSA certificate alone
 * picks as if the ECDSA suites were not there. */
const uint16_t glass_default_suites[GLASS_SUITE_COUNT] = {
    GLASS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    GLASS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
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

static const uint16_t default_groups[] = {
    GLASS_GROUP_X25519, GLASS_GROUP_SECP256R1, GLASS_GROUP_SECP384R1,
};

const uint16_t *glass_groups_ours(const glass_config *cfg, size_t *n)
{
    if (cfg->group_count == 0) {
        *n = sizeof default_groups / sizeof default_groups[0];
        return default_groups;
    }
    *n = cfg->group_count;
    return cfg->groups;
}

const char *glass_group_name(uint16_t group)
{
    switch (group) {
    case GLASS_GROUP_X25519:    return "x25519";
    case GLASS_GROUP_SECP256R1: return "secp256r1";
    case GLASS_GROUP_SECP384R1: return "secp384r1";
    default: return "unknown";
    }
}

/* A server with an RSA key and the default groups (ctx NULL). */
static const glass_suite_ctx rsa_default = {
    default_groups, sizeof default_groups / sizeof default_groups[0], 1, GLASS_EC_NONE
};

/* RFC 8422 section 5.1: a server "MUST NOT negotiate the use of an ECC
 * cipher suite unless" it can respect the client's curves; glasstls reads
 * an absent extension as "no curve we know".  The server's order decides
 * among the client's groups. */
uint16_t glass_group_choose(const glass_suite_ctx *ctx, const glass_hello_exts *client_ext)
{
    if (ctx == NULL)
        ctx = &rsa_default;
    if (!(client_ext->present & GLASS_EXTBIT_SUPPORTED_GROUPS))
        return 0;
    for (size_t i = 0; i < ctx->n_groups; i++)
        if (contains16(client_ext->groups, client_ext->n_groups, ctx->groups[i]))
            return ctx->groups[i];
    return 0;
}

/* Everything a suite needs but the signature scheme: the key type, and
 * for ECDHE a common group; for ECDHE_ECDSA the certificate's curve is
 * one the client can handle (RFC 8422 section 5.1, 5.3), when it said. */
static int usable_but_sigalg(const glass_suite_info *s, const glass_hello_exts *e,
                             const glass_suite_ctx *ctx)
{
    if (s->kx == GLASS_KX_RSA)
        return ctx->have_rsa;
    if (glass_group_choose(ctx, e) == 0)
        return 0;
    if (s->kx == GLASS_KX_ECDHE_RSA)
        return ctx->have_rsa;
    return ctx->ec_curve != GLASS_EC_NONE &&
           contains16(e->groups, e->n_groups, (uint16_t)ctx->ec_curve);
}

static glass_key_type kx_key_type(glass_kx kx)
{
    return kx == GLASS_KX_ECDHE_ECDSA ? GLASS_KEY_EC : GLASS_KEY_RSA;
}

int glass_suite_usable(const glass_suite_info *s, const glass_hello_exts *client_ext,
                       const glass_suite_ctx *ctx)
{
    if (ctx == NULL)
        ctx = &rsa_default;
    if (!usable_but_sigalg(s, client_ext, ctx))
        return 0;
    return s->kx == GLASS_KX_RSA ||
           glass_sigalg_choose(client_ext, kx_key_type(s->kx), ctx->ec_curve) != 0;
}

/* RFC 5246 section 7.4.1.3: the server picks one suite the client offered.
 * glasstls walks its own list in order (server preference). */
const glass_suite_info *glass_suite_choose(const uint16_t *pref, size_t n_pref,
                                           const glass_client_hello *ch,
                                           const glass_suite_ctx *ctx)
{
    for (size_t i = 0; i < n_pref; i++) {
        const glass_suite_info *s = glass_suite_find(pref[i]);
        if (s != NULL && contains16(ch->cipher_suites, ch->n_cipher_suites, s->id) &&
            glass_suite_usable(s, &ch->ext, ctx))
            return s;
    }
    return NULL;
}

/* Why glass_suite_choose() found nothing: GLASS_E_NO_SIGALG when a suite
 * both sides have would do but for the client's signature_algorithms (an
 * ECDHE suite, a common group, no scheme for our key), otherwise
 * GLASS_E_NO_COMMON_SUITE.  Both are handshake_failure. */
int glass_suite_refusal(const uint16_t *pref, size_t n_pref, const glass_client_hello *ch,
                        const glass_suite_ctx *ctx)
{
    if (ctx == NULL)
        ctx = &rsa_default;
    for (size_t i = 0; i < n_pref; i++) {
        const glass_suite_info *s = glass_suite_find(pref[i]);
        if (s != NULL && glass_kx_is_ecdhe(s->kx) &&
            contains16(ch->cipher_suites, ch->n_cipher_suites, s->id) &&
            usable_but_sigalg(s, &ch->ext, ctx) &&
            glass_sigalg_choose(&ch->ext, kx_key_type(s->kx), ctx->ec_curve) == 0)
            return GLASS_E_NO_SIGALG;
    }
    return GLASS_E_NO_COMMON_SUITE;
}

int glass_suite_offered_scsv(const glass_client_hello *ch)
{
    return contains16(ch->cipher_suites, ch->n_cipher_suites,
                      GLASS_TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
}
