/*
 * triple.h — glass-mitm triple: step 1 of the triple handshake attack
 * (docs/labs/triple-handshake.md), lab build only (make labs ->
 * build/labs/glass-mitm).
 */
#ifndef GLASS_LABS_MITM_TRIPLE_H
#define GLASS_LABS_MITM_TRIPLE_H

/* argv[0] is "triple"; --help for the options.  0 when both handshakes
 * completed (whatever their master secrets), 1 when one failed, 2 usage. */
int mitm_triple_main(int argc, char **argv);

#endif
