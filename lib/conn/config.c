/*
 * config.c — glass_config defaults and checks (glasstls/config.h).
 */
#include <string.h>
#include "glasstls/config.h"
#include "glasstls/err.h"

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
    if (cfg->max_handshake_size != 0 &&
        (cfg->max_handshake_size < GLASS_MIN_MAX_HANDSHAKE ||
         cfg->max_handshake_size > GLASS_LIMIT_MAX_HANDSHAKE))
        return GLASS_E_INVALID_ARG;
    return GLASS_OK;
}
