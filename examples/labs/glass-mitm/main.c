/*
 * glass-mitm — the man in the middle of the labs (docs/labs/), on
 * loopback only.  This minimal main dispatches the one subcommand of this
 * branch:
 *
 *   glass-mitm triple ...   docs/labs/triple-handshake.md (triple.c)
 *
 * Deliberately insecure tooling: it prints the lab banner first.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/labs.h"

#include "triple.h"

int main(int argc, char **argv)
{
    glass_lab_banner(stderr, "glass-mitm");
    if (argc >= 2 && strcmp(argv[1], "triple") == 0)
        return mitm_triple_main(argc - 1, argv + 1);
    fprintf(stderr, "usage: glass-mitm triple ARGS...   (glass-mitm triple --help)\n");
    return 2;
}
