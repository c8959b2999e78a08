#include <stdio.h>
#include "mitm.h"
int mitm_replace_main(int argc, char **argv) { (void)argc; (void)argv; return 2; }
