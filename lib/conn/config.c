/*
 * config.c — glass_config defaults and checks (glasstls/config.h).
 */
#include <string.h>
#include "glasstls/config.h"
#include "glasstls/err.h"
#include "glasstls/handshake.h"

void glass_config_init(glass_config *cfg, glass_role role)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->role = role;
    cfg->verify_peer = 1;
}

int glass_config_check(const glass_config *cfg)
{
    if (cfg == NULL)
        return GLASS_E_INVALID_ARG;
    if (cfg->role != GLASS_ROLE_CLIENT && cfg->role != GLASS_ROLE_SERVER)
        return GLASS_E_INVALID_ARG;
    if (cfg->suite_count > GLASS_CONFIG_MAX_SUITES)
        return GLASS_E_INVALID_ARG;
    if (cfg->group_count > GLASS_CONFIG_MAX_GROUPS || cfg->cert_count > GLASS_CONFIG_MAX_CERTS)
        return GLASS_E_INVALID_ARG;
    for (size_t i = 0; i < cfg->group_count; i++)
        if (cfg->groups[i] != GLASS_GROUP_X25519 && cfg->groups[i] != GLASS_GROUP_SECP256R1 &&
            cfg->groups[i] != GLASS_GROUP_SECP384R1)
            return GLASS_E_INVALID_ARG;
    for (size_t i = 0; i < cfg->cert_count; i++)
        if (cfg->certs[i].chain == NULL || cfg->certs[i].key == NULL)
            return GLASS_E_INVALID_ARG;
    if (cfg->max_handshake_size != 0 &&
        (cfg->max_handshake_size < GLASS_MIN_MAX_HANDSHAKE ||
         cfg->max_handshake_size > GLASS_LIMIT_MAX_HANDSHAKE))
        return GLASS_E_INVALID_ARG;
    return GLASS_OK;
}
