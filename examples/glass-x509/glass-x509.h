/* glass-x509 — shared declarations of the two commands. */
#ifndef GLASS_X509_TOOL_H
#define GLASS_X509_TOOL_H

#include <stddef.h>
#include <stdint.h>

int cmd_show(int argc, char **argv);
/* der.c: prints the TLV walk of one certificate's DER (show --der);
 * 0, or -1 after printing where it is malformed. */
int der_walk(const uint8_t *der, size_t len, unsigned index);
int cmd_verify(int argc, char **argv);

#endif
