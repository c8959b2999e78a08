/*
 * labs.h — the lab switches: deliberately insecure behaviour, for the
 * attack labs of docs/labs/ only.
 *
 * Each switch turns one named check of the library off (or one rule of the
 * RFC around), so that a lab can show the attack that the check stops.
 * They exist only in the lab build: `make labs` compiles the library a
 * second time with -DGLASS_UNSAFE_LABS into build/labs/, and only there is
 * this header usable.  libglasstls.a/.so and every normal program contain
 * no switch, no switch name and no banner (tests/sh/labs_fence.sh checks
 * their symbols and strings).
 *
 * In the library, code under a switch reads
 *
 *     #ifdef GLASS_UNSAFE_LABS
 *         if (GLASS_LAB(SKIP_SKE_SIGNATURE))
 *             return GLASS_OK;
 *     #endif
 *
 * so that the normal build does not even compile it (lib/labs/lab.h).
 */
#ifndef GLASSTLS_LABS_H
#define GLASSTLS_LABS_H

#ifndef GLASS_UNSAFE_LABS
#error "glasstls/labs.h belongs to the lab build only (make labs, -DGLASS_UNSAFE_LABS)"
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "glasstls/export.h"

/* X(ID, "name on the command line", "what it breaks, and the rule it breaks") */
#define GLASS_LAB_SWITCHES(X)                                                          \
    X(RSA_PADDING_ORACLE, "rsa-padding-oracle",                                        \
      "the server answers an RSA ClientKeyExchange whose PKCS#1 padding is bad with "  \
      "its own alert, instead of going on with a random premaster "                    \
      "(RFC 5246 7.4.7.1): a Bleichenbacher oracle")                                   \
    X(GCM_REPEAT_NONCE, "gcm-repeat-nonce",                                            \
      "the record layer sends every record with the same GCM explicit nonce "          \
      "(RFC 5288 3: the nonce MUST be distinct for each invocation)")                  \
    X(SKIP_SKE_SIGNATURE, "skip-ske-signature",                                        \
      "the client accepts a ServerKeyExchange without checking its signature "         \
      "(RFC 5246 7.4.3)")

enum glass_lab_switch {
#define GLASS_LAB_ENUM(id, name, why) GLASS_LAB_##id,
    GLASS_LAB_SWITCHES(GLASS_LAB_ENUM)
#undef GLASS_LAB_ENUM
    GLASS_LAB_COUNT
};

GLASS_API_BEGIN

/* Turn a switch on (1) or off (0).  All are off at start. */
void glass_lab_set(enum glass_lab_switch s, int on);
/* 1 when the switch is on. */
int glass_lab_on(enum glass_lab_switch s);
/* The switch of a command-line name, or -1. */
int glass_lab_find(const char *name);
/* Its command-line name and its one-line explanation ("?" out of range). */
const char *glass_lab_name(enum glass_lab_switch s);
const char *glass_lab_why(enum glass_lab_switch s);
/* What a switch just did, on stderr: "lab NAME: what", so that a lab run
 * shows each check the library did not make, at the moment it did not. */
void glass_lab_note(enum glass_lab_switch s, const char *what);
/* The banner every lab program prints first: deliberately insecure,
 * loopback and demo keys only.  prog is the program's name. */
void glass_lab_banner(FILE *out, const char *prog);
/* Parse "--lab NAME[,NAME...]": turns the switches on, prints each with
 * its explanation on out; 0 on success, -1 (and a message) on an unknown
 * name. */
int glass_lab_enable_list(const char *names, FILE *out);

/* The hooks of lab 5, the triple handshake (docs/labs/triple-handshake.md,
 * glass-mitm triple).  The man in the middle runs one client connection
 * and one server connection in one process, and takes over three values
 * that a handshake normally draws at random, so that its two handshakes
 * share their randoms and their premaster:
 *   client_random   client, building the ClientHello: the 32-byte client
 *                   random;
 *   server_hello    server, building the ServerHello of a full handshake,
 *                   the ClientHello read (its random given): the server
 *                   random and the session id (*session_id_len <= 32);
 *   rsa_premaster   client, building an RSA ClientKeyExchange, the
 *                   server's hello up to ServerHelloDone read (its random
 *                   and session id given): the 48-byte premaster, then
 *                   encrypted to the server's key as usual.
 * Each is called, when not NULL, after the library has drawn its own
 * value, and overwrites it; it returns 0, or a GLASS_E_ code that ends
 * the handshake.  The hooks are global, for every connection of the
 * process (a server connection calls only server_hello, a client one the
 * other two), and may be called from the connections' threads at once:
 * set them before any connection starts, clear them (NULL) after the last
 * has ended.  h is kept, not copied. */
typedef struct glass_lab_hooks {
    void *arg;
    int (*client_random)(void *arg, uint8_t client_random[32]);
    int (*server_hello)(void *arg, const uint8_t client_random[32], uint8_t server_random[32],
                        uint8_t session_id[32], size_t *session_id_len);
    int (*rsa_premaster)(void *arg, const uint8_t server_random[32], const uint8_t *session_id,
                         size_t session_id_len, uint8_t premaster[48]);
} glass_lab_hooks;

void glass_lab_set_hooks(const glass_lab_hooks *h);

GLASS_API_END

#endif /* GLASSTLS_LABS_H */
