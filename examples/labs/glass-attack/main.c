/*
 * glass-attack — the attacks of the labs (docs/labs/), run against a lab
 * server on loopback and against the real glass-server:
 *
 *   glass-attack bleichenbacher ...   docs/labs/bleichenbacher.md
 *   glass-attack gcm-reuse ...        docs/labs/gcm-reuse.md
 *
 * Deliberately insecure tooling: it prints the lab banner first.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/labs.h"

#include "attack.h"

static int usage(void)
{
    fprintf(stderr, "usage: glass-attack bleichenbacher ARGS...   (--help for each)\n"
                    "       glass-attack gcm-reuse ARGS...\n");
    return 2;
}

int main(int argc, char **argv)
{
    glass_lab_banner(stderr, "glass-attack");
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "bleichenbacher") == 0)
        return attack_bleichenbacher(argc - 1, argv + 1);
    if (strcmp(argv[1], "gcm-reuse") == 0)
        return attack_gcm_reuse(argc - 1, argv + 1);
    return usage();
}
