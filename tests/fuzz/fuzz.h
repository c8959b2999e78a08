/*
 * fuzz.h — the one entry point every fuzz target defines (libFuzzer's
 * interface).  Built two ways:
 *   - with clang -fsanitize=fuzzer,address,undefined: libFuzzer supplies
 *     main() and calls the entry point with generated inputs (make fuzz);
 *   - with any compiler and tests/fuzz/replay_main.c: a plain program that
 *     calls it once per file named on the command line (make fuzz-replay,
 *     and make test through tests/sh/fuzz_replay.sh).
 * A target must never crash, leak or hang whatever the bytes are; it
 * returns 0 always (libFuzzer reserves other values).
 */
#ifndef GLASS_FUZZ_H
#define GLASS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A check the target itself makes (an invariant of the code under test,
 * e.g. "a parsed certificate's fields point inside its DER").  Aborts so
 * that libFuzzer and the replay driver both report it as a crash. */
#define FUZZ_CHECK(cond) \
    do { if (!(cond)) fuzz_fail(__FILE__, __LINE__, #cond); } while (0)

void fuzz_fail(const char *file, int line, const char *what);

struct glass_x509_list;
/* tests/certs/root.pem, loaded once, as the trust store of the targets
 * that validate chains; aborts with a message when it cannot be read
 * (the targets run from the repository root). */
const struct glass_x509_list *fuzz_test_root(void);

#endif /* GLASS_FUZZ_H */
