/*
 * fuzz_pem.c — PEM (RFC 7468) block finding and strict base64 decoding
 * (lib/x509/pem.c), and the PEM certificate-list loader (list.c) that a
 * CA bundle or a chain file goes through.
 *
 * Invariants: every block found lies inside the text and *pos moves
 * forward; a decoded body fits the bound glass_pem_max_decoded() promises;
 * the loader frees what it allocated (LeakSanitizer).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "glasstls/x509.h"

#define MAX_BLOCKS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t pos = 0;
    glass_pem_block blk;

    for (int i = 0; i < MAX_BLOCKS; i++) {
        size_t before = pos;
        int r = glass_pem_next(text, size, &pos, &blk);
        if (r != 1) {
            FUZZ_CHECK(r == 0 || r == GLASS_E_PEM);
            break;
        }
        FUZZ_CHECK(pos > before && pos <= size);
        FUZZ_CHECK(memchr(blk.label, '\0', sizeof blk.label) != NULL);
        FUZZ_CHECK(blk.body >= text && blk.body_len <= size &&
                   (size_t)(blk.body - text) <= size - blk.body_len);

        size_t cap = glass_pem_max_decoded(blk.body_len);
        uint8_t *out = malloc(cap ? cap : 1);
        if (out == NULL)
            return 0;
        size_t out_len = 0;
        r = glass_pem_decode(&blk, out, cap, &out_len);
        FUZZ_CHECK(r == 0 || r == GLASS_E_PEM);
        if (r == 0) {
            FUZZ_CHECK(out_len <= cap);
            /* a buffer one byte short must be refused, not overrun */
            if (out_len > 0) {
                uint8_t *tight = malloc(out_len - 1 ? out_len - 1 : 1);
                size_t n2 = 0;
                if (tight != NULL) {
                    int r2 = glass_pem_decode(&blk, tight, out_len - 1, &n2);
                    FUZZ_CHECK(r2 != 0);
                    free(tight);
                }
            }
        }
        free(out);
    }

    glass_x509_list list;
    glass_x509_list_init(&list);
    (void)glass_x509_list_add_pem(&list, data, size);
    FUZZ_CHECK(list.count <= list.cap);
    glass_x509_list_free(&list);
    return 0;
}
