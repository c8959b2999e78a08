/* hex.c — see hex.h. */
#include "hex.h"

#include <string.h>

int test_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long test_unhex_n(const char *hex, size_t hex_len, uint8_t *out, size_t cap)
{
    if (hex_len % 2 != 0 || hex_len / 2 > cap)
        return -1;
    for (size_t i = 0; i < hex_len / 2; i++) {
        int hi = test_hexval((unsigned char)hex[2 * i]);
        int lo = test_hexval((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(hex_len / 2);
}

long test_unhex(const char *hex, uint8_t *out, size_t cap)
{
    return test_unhex_n(hex, strlen(hex), out, cap);
}
