/*
 * gcm_reuse.c — glass-attack's gcm-reuse subcommand (attack.h).
 * Not written yet: the labs work replaces this file.
 */
#include <stdio.h>

#include "attack.h"

int attack_gcm_reuse(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "glass-attack: this attack is not written yet\n");
    return 2;
}
