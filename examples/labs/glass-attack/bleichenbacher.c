/*
 * bleichenbacher.c — glass-attack's bleichenbacher subcommand (attack.h).
 * Not written yet: the labs work replaces this file.
 */
#include <stdio.h>

#include "attack.h"

int attack_bleichenbacher(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "glass-attack: this attack is not written yet\n");
    return 2;
}
