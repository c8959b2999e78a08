/*
 * triple.c — glass-mitm triple (lab 5, the triple handshake): not written
 * on this branch; the lab 5 branch brings it.  It says so and exits 2.
 */
#include <stdio.h>

#include "triple.h"

int mitm_triple_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "glass-mitm triple: not written yet (lab 5, docs/labs/README.md)\n");
    return 2;
}
