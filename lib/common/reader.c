/*
 * reader.c — bounds-checked cursor over bytes (see reader.h).  TLS vectors
 * use big-endian length prefixes of 1, 2 or 3 bytes (RFC 5246 section 4.3).
 */
#include "common/reader.h"

#include <string.h>
#include "glasstls/err.h"

void glass_reader_init(glass_reader *r, const uint8_t *buf, size_t len)
{
    r->buf = buf;
    r->len = buf ? len : 0;
    r->off = 0;
    r->err = 0;
    r->err_off = 0;
}

void glass_reader_fail(glass_reader *r, int err)
{
    if (r->err == 0) {
        r->err = err;
        r->err_off = r->off;
    }
}

/* Takes n bytes, or fails and returns NULL (also when already failed). */
static const uint8_t *take(glass_reader *r, size_t n)
{
    if (r->err != 0)
        return NULL;
    if (n > r->len - r->off) {
        glass_reader_fail(r, GLASS_E_DECODE);
        return NULL;
    }
    const uint8_t *p = r->buf + r->off;
    r->off += n;
    return p;
}

static uint32_t read_be(glass_reader *r, size_t n)
{
    const uint8_t *p = take(r, n);
    uint32_t v = 0;
    if (p == NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

uint8_t glass_read_u8(glass_reader *r) { return (uint8_t)read_be(r, 1); }
uint16_t glass_read_u16(glass_reader *r) { return (uint16_t)read_be(r, 2); }
uint32_t glass_read_u24(glass_reader *r) { return read_be(r, 3); }
uint32_t glass_read_u32(glass_reader *r) { return read_be(r, 4); }

const uint8_t *glass_read_bytes(glass_reader *r, size_t n)
{
    return take(r, n);
}

void glass_read_copy(glass_reader *r, uint8_t *out, size_t n)
{
    const uint8_t *p = take(r, n);
    if (p != NULL)
        memcpy(out, p, n);
    else if (n > 0)
        memset(out, 0, n);
}

void glass_read_vector(glass_reader *r, size_t len_bytes, size_t min, size_t max,
                       glass_reader *sub)
{
    size_t start = r->off;
    size_t n = read_be(r, len_bytes);
    const uint8_t *p = NULL;

    if (r->err == 0 && (n < min || n > max)) {
        r->off = start;
        glass_reader_fail(r, GLASS_E_DECODE);
    } else {
        p = take(r, n);
    }
    glass_reader_init(sub, p, p ? n : 0);
    if (p == NULL)
        sub->err = GLASS_E_DECODE;
}

void glass_reader_expect_end(glass_reader *r)
{
    if (r->err == 0 && r->off != r->len)
        glass_reader_fail(r, GLASS_E_DECODE);
}

void glass_writer_init(glass_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf ? cap : 0;
    w->len = 0;
    w->err = 0;
}

static uint8_t *reserve(glass_writer *w, size_t n)
{
    if (w->err != 0)
        return NULL;
    if (n > w->cap - w->len) {
        w->err = GLASS_E_BUFFER_TOO_SMALL;
        return NULL;
    }
    uint8_t *p = w->buf + w->len;
    w->len += n;
    return p;
}

static void write_be(glass_writer *w, uint32_t v, size_t n)
{
    uint8_t *p = reserve(w, n);
    if (p == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

void glass_write_u8(glass_writer *w, uint8_t v) { write_be(w, v, 1); }
void glass_write_u16(glass_writer *w, uint16_t v) { write_be(w, v, 2); }
void glass_write_u24(glass_writer *w, uint32_t v) { write_be(w, v, 3); }
void glass_write_u32(glass_writer *w, uint32_t v) { write_be(w, v, 4); }

void glass_write_bytes(glass_writer *w, const void *p, size_t n)
{
    uint8_t *d = reserve(w, n);
    if (d != NULL && n > 0)
        memcpy(d, p, n);
}

size_t glass_write_vector_begin(glass_writer *w, size_t len_bytes)
{
    size_t mark = w->len;
    write_be(w, 0, len_bytes);
    return mark;
}

void glass_write_vector_end(glass_writer *w, size_t mark, size_t len_bytes)
{
    if (w->err != 0)
        return;
    size_t body = w->len - mark - len_bytes;
    if (len_bytes < 4 && body >> (8 * len_bytes) != 0) {
        w->err = GLASS_E_LIMIT;
        return;
    }
    for (size_t i = 0; i < len_bytes; i++)
        w->buf[mark + i] = (uint8_t)(body >> (8 * (len_bytes - 1 - i)));
}
