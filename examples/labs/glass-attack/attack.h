/*
 * attack.h — glass-attack's subcommands, one file each (lab build only:
 * make labs -> build/labs/glass-attack; docs/labs/).
 */
#ifndef GLASS_LABS_ATTACK_H
#define GLASS_LABS_ATTACK_H

/* bleichenbacher.c: the adaptive chosen-ciphertext attack on an RSA key
 * exchange (docs/labs/bleichenbacher.md) */
int attack_bleichenbacher(int argc, char **argv);
/* gcm_reuse.c: two records under one GCM nonce -> the XOR of the
 * plaintexts, the authentication key H and a forged record
 * (docs/labs/gcm-reuse.md) */
int attack_gcm_reuse(int argc, char **argv);

#endif
