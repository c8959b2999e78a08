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

GLASS_API_END

#endif /* GLASSTLS_LABS_H */
