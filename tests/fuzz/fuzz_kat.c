/*
 * fuzz_kat.c — glass-kat's file reader: the CAVP .rsp reader
 * (examples/glass-kat/rsp.c), each module's detect() and run() over the
 * whole file, as glass-kat does for a file named on its command line.
 * The input is the file's content (NUL-terminated, NUL bytes refused, as
 * glass-kat's read_file() does).  The module sources are built into this
 * target; this file stands in for main.c (kat_result);
 * the module table is glass-kat's own (kat_modules.c).
 *
 * A run may find "failed" vectors (a mutated expected value): that is a
 * result, not a finding.  A finding is a crash, a leak or a hang.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kat.h"

int kat_verbose;

void kat_result(kat_counts *c, const kat_file *f, unsigned long line, int ok)
{
    (void)f;
    (void)line;
    if (ok)
        c->passed++;
    else
        c->failed++;
}

/* Big inputs only slow the fuzzer down (SHA Monte, RSA): the reader's
 * logic is reached with small files. */
#define MAX_INPUT 8192

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT || memchr(data, '\0', size) != NULL)
        return 0;
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    kat_file f = { "fuzz.rsp", "fuzz.rsp", text, size };
    kat_counts c;
    const kat_module *mod = NULL;
    memset(&c, 0, sizeof c);
    for (size_t m = 0; kat_modules[m] != NULL && mod == NULL; m++)
        if (kat_modules[m]->detect(&f))
            mod = kat_modules[m];
    if (mod != NULL) {
        mod->run(&f, &c);
        FUZZ_CHECK(memchr(c.errmsg, '\0', sizeof c.errmsg) != NULL);
        FUZZ_CHECK(memchr(c.note, '\0', sizeof c.note) != NULL);
    }

    /* the generic reader on its own, whatever the module */
    rsp_reader r;
    rsp_record rec;
    kat_counts c2;
    memset(&c2, 0, sizeof c2);
    rsp_init(&r, &f);
    for (int i = 0; i < 100000 && rsp_next(&r, &rec, &c2) == 1; i++) {
        FUZZ_CHECK(rec.nfields <= RSP_MAX_FIELDS);
        for (size_t k = 0; k < rec.nfields; k++) {
            const rsp_kv *kv = &rec.fields[k];
            FUZZ_CHECK(kv->key.p >= text && kv->key.p + kv->key.n <= text + size);
            FUZZ_CHECK(kv->value.n == 0 ||
                       (kv->value.p >= text && kv->value.p + kv->value.n <= text + size));
            uint8_t buf[64];
            (void)rsp_num(kv->value);
            (void)kat_hex(kv->value.p, kv->value.n, buf, sizeof buf);
        }
    }
    free(text);
    return 0;
}
