/* bn_hex.c — see bn_hex.h. */
#include "bn_hex.h"

#include <stdint.h>
#include "hex.h"

int test_bn_from_hex(glass_limb *x, size_t n, const char *hex)
{
    uint8_t buf[512];
    long len = test_unhex(hex, buf, sizeof buf);
    if (len < 0)
        return -1;
    return glass_bn_from_bytes(x, n, buf, (size_t)len);
}
