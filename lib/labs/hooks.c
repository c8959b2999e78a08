/*
 * hooks.c — the lab hooks of glass_lab_set_hooks() (include/glasstls/
 * labs.h): lab 5's man in the middle chooses the randoms and the premaster
 * of its own two handshakes (docs/labs/triple-handshake.md).  Compiled
 * only into the lab library, like switches.c.
 */
#ifdef GLASS_UNSAFE_LABS

#include "labs/lab.h"

#include "glasstls/err.h"

static const glass_lab_hooks *lab_hooks;

void glass_lab_set_hooks(const glass_lab_hooks *h)
{
    lab_hooks = h;
}

int glass_lab_hook_client_random(uint8_t client_random[32])
{
    const glass_lab_hooks *h = lab_hooks;
    return h != NULL && h->client_random != NULL ? h->client_random(h->arg, client_random) : 0;
}

int glass_lab_hook_server_hello(const uint8_t client_random[32], uint8_t server_random[32],
                                uint8_t session_id[32], size_t *session_id_len)
{
    const glass_lab_hooks *h = lab_hooks;
    if (h == NULL || h->server_hello == NULL)
        return 0;
    int err = h->server_hello(h->arg, client_random, server_random, session_id, session_id_len);
    return err == 0 && *session_id_len > 32 ? GLASS_E_INVALID_ARG : err;
}

int glass_lab_hook_rsa_premaster(const uint8_t server_random[32], const uint8_t *session_id,
                                 size_t session_id_len, uint8_t premaster[48])
{
    const glass_lab_hooks *h = lab_hooks;
    return h != NULL && h->rsa_premaster != NULL
               ? h->rsa_premaster(h->arg, server_random, session_id, session_id_len, premaster)
               : 0;
}

#else
/* the normal build: nothing here (ISO C wants one declaration) */
typedef int glass_lab_hooks_not_in_this_build;
#endif
