/*
 * lab.h — GLASS_LAB(ID) inside the library: whether a lab switch is on
 * (include/glasstls/labs.h).  Only defined in the lab build; the normal
 * build has no switches at all, and code under one sits inside
 * #ifdef GLASS_UNSAFE_LABS so that it is not compiled there.
 */
#ifndef GLASS_LIB_LABS_LAB_H
#define GLASS_LIB_LABS_LAB_H

#ifdef GLASS_UNSAFE_LABS
#include "glasstls/labs.h"
#define GLASS_LAB(id) glass_lab_on(GLASS_LAB_##id)

/* The hooks of glass_lab_set_hooks() (hooks.c), called where the
 * handshake draws the value: each returns 0 at once when no hook is set. */
int glass_lab_hook_client_random(uint8_t client_random[32]);
int glass_lab_hook_server_hello(const uint8_t client_random[32], uint8_t server_random[32],
                                uint8_t session_id[32], size_t *session_id_len);
int glass_lab_hook_rsa_premaster(const uint8_t server_random[32], const uint8_t *session_id,
                                 size_t session_id_len, uint8_t premaster[48]);
#endif

#endif /* GLASS_LIB_LABS_LAB_H */
