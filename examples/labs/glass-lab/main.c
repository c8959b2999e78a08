/*
 * glass-lab — the exercises of the labs (docs/labs/exercises.md): a
 * seeded connection to take apart by hand, and a checker that says whether
 * the answer is right and, when it is what a common mistake gives, which
 * mistake.
 *
 *   glass-lab new NAME [--dir D] [--seed S] ...    write the material
 *   glass-lab check NAME ANSWER [--dir D]          0 right, 1 wrong
 *
 * NAME: derive-master, verify-finished, open-record, leaked-rsa,
 * refused-cert.  A lab program: it prints the lab banner first, and works
 * only in this process and on published test keys.
 */
#include <stdio.h>
#include <string.h>

#include "glasstls/labs.h"

#include "glasslab.h"

static int usage(void)
{
    fprintf(stderr, "usage: glass-lab new NAME [--dir D] [--seed S] ...\n"
                    "       glass-lab check NAME ANSWER [--dir D]\n"
                    "NAME: derive-master | verify-finished | open-record [N] | leaked-rsa |"
                    " refused-cert\n(docs/labs/exercises.md)\n");
    return 2;
}

int main(int argc, char **argv)
{
    glass_lab_banner(stderr, "glass-lab");
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "new") == 0)
        return gl_cmd_new(argc - 1, argv + 1);
    if (strcmp(argv[1], "check") == 0)
        return gl_cmd_check(argc - 1, argv + 1);
    return usage();
}
