/* feed.c — see feed.h. */
#include "feed.h"

#include <string.h>
#include "glasstls/err.h"

static long feed_recv(void *ctx, uint8_t *buf, size_t len)
{
    test_feed *f = ctx;
    if (f->block && (f->toggle ^= 1))
        return GLASS_E_WANT_READ;
    if (f->pos == f->len)
        return 0;
    size_t n = f->len - f->pos;
    if (n > len)
        n = len;
    if (f->one_byte)
        n = 1;
    memcpy(buf, f->p + f->pos, n);
    f->pos += n;
    return (long)n;
}

static long feed_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    return (long)len;
}

glass_transport test_feed_transport(test_feed *f)
{
    glass_transport t = { f, feed_send, feed_recv };
    return t;
}
