/* glass-x509 — shared declarations of the two commands. */
#ifndef GLASS_X509_TOOL_H
#define GLASS_X509_TOOL_H

int cmd_show(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
