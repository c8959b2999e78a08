/*
 * glass-mitm — the man in the middle of the labs (docs/labs/), on loopback
 * only, against the demo keys:
 *
 *   glass-mitm strip-ecdhe --listen A --connect B   lab 4: the downgrade
 *       (removes the ECDHE suites of the ClientHello; Finished catches it)
 *   glass-mitm replace-ske --listen A --connect B   lab 4: its own key in
 *       the ServerKeyExchange (only a client that skips the signature
 *       check, --lab skip-ske-signature, falls for it)
 *   glass-mitm triple ...                           lab 5: the triple handshake
 *
 * docs/labs/downgrade.md says what to run and what to look for.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/labs.h"

#include "mitm.h"
#include "triple.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: glass-mitm strip-ecdhe --listen 127.0.0.1:PORT --connect 127.0.0.1:PORT [--timeout S]\n"
            "       glass-mitm replace-ske --listen 127.0.0.1:PORT --connect 127.0.0.1:PORT [--timeout S]\n"
            "       glass-mitm triple ...\n"
            "  lab 4 (docs/labs/downgrade.md): strip-ecdhe removes the ECDHE suites from the\n"
            "  ClientHello; replace-ske puts its own X25519 key in the ServerKeyExchange and,\n"
            "  when the client takes it, reads the client's request.  Lab 5: triple.\n");
    return 2;
}

int main(int argc, char **argv)
{
    glass_lab_banner(stdout, "glass-mitm");
    fflush(stdout);
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "strip-ecdhe") == 0)
        return mitm_strip_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "replace-ske") == 0)
        return mitm_replace_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "triple") == 0)
        return mitm_triple_main(argc - 1, argv + 1);
    return usage();
}
