/*
 * entropy.c — glass_os_random(): bytes from the operating system's
 * generator, getrandom(2) (Linux 3.17+, glibc 2.25+).  The one OS call in
 * crypto/: it seeds the default HMAC_DRBG (hmac_drbg.c).
 *
 * getrandom() with flags 0 blocks only until the kernel pool is first
 * initialised, then never; it may return fewer bytes than asked (for more
 * than 256 bytes) or fail with EINTR, so it is called in a loop.
 */
#include "glasstls/drbg.h"
#include "glasstls/err.h"

#include <errno.h>
#include <sys/random.h>

int glass_os_random(uint8_t *out, size_t len)
{
    if (out == NULL && len > 0)
        return GLASS_E_INVALID_ARG;
    while (len > 0) {
        ssize_t got = getrandom(out, len, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return GLASS_E_RNG;
        }
        out += got;
        len -= (size_t)got;
    }
    return GLASS_OK;
}
