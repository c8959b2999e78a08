/*
 * ctfail_table_aes.c — the checker's own test: the first round of a
 * textbook table AES (SubBytes by looking up a 256-byte S-box with
 * state ^ key as the index).  The address depends on the secret key, so
 * valgrind must report it; if it does not, `make ctcheck` proves nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <valgrind/memcheck.h>

static uint8_t sbox[256];

/* The S-box from its definition (FIPS 197 5.1.1): inverse in GF(2^8), then
 * the affine map.  Slow and not constant-time; it only fills the table. */
static uint8_t gmul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static void make_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        for (int y = 1; y < 256 && x != 0; y++)
            if (gmul((uint8_t)x, (uint8_t)y) == 1)
                inv = (uint8_t)y;
        uint8_t s = inv;
        for (int i = 1; i < 5; i++)
            s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
        sbox[x] = (uint8_t)(s ^ 0x63);
    }
}

int main(void)
{
    uint8_t key[16], in[16], out[16];
    unsigned sum = 0;
    make_sbox();
    for (int i = 0; i < 16; i++) {
        key[i] = (uint8_t)(i * 7);
        in[i] = (uint8_t)i;
    }
    VALGRIND_MAKE_MEM_UNDEFINED(key, sizeof key);
    for (int i = 0; i < 16; i++)
        out[i] = sbox[in[i] ^ key[i]];          /* secret-indexed lookup: must be flagged */
    VALGRIND_MAKE_MEM_DEFINED(out, sizeof out);
    for (int i = 0; i < 16; i++)
        sum += out[i];
    printf("ctfail_table_aes: %u\n", sum);
    return 0;
}
