/*
 * hs_stub.c — A PLACEHOLDER so the library links before the real handshake
 * (issue 8, branch "handshake") lands.  DELETE THIS FILE when lib/handshake
 * provides glass_hs_new / glass_hs_free / glass_hs_memory / glass_hs_step / glass_hs_state /
 * glass_hs_state_name (declared in hs.h).
 *
 * It performs no handshake: every step fails with GLASS_E_UNSUPPORTED.
 * The record and connection tests do not depend on it: they set keys on
 * the record layer directly.
 */
#include <stdlib.h>
#include "glasstls/err.h"
#include "handshake/hs.h"

struct glass_hs {
    glass_hs_env env;
};

int glass_hs_new(glass_hs **out, const glass_hs_env *env)
{
    if (out == NULL || env == NULL)
        return GLASS_E_INVALID_ARG;
    glass_hs *hs = calloc(1, sizeof *hs);
    if (hs == NULL)
        return GLASS_E_NO_MEMORY;
    hs->env = *env;
    *out = hs;
    return GLASS_OK;
}

void glass_hs_free(glass_hs *hs)
{
    free(hs);
}

size_t glass_hs_memory(const glass_hs *hs)
{
    return hs ? sizeof *hs : 0;
}

int glass_hs_step(glass_hs *hs)
{
    (void)hs;
    return GLASS_E_UNSUPPORTED;
}

int glass_hs_state(const glass_hs *hs)
{
    (void)hs;
    return 0;
}

/* glass_hs_state_name() is the real one, in names.c. */
