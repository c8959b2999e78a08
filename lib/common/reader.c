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
    r->spans = NULL;
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
    sub->spans = r->spans;
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
    w->spans = NULL;
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

/* ---------------------------------------------------------- the byte map */

void glass_spans_init(glass_spans *s, glass_span *v, size_t cap)
{
    memset(s, 0, sizeof *s);
    s->v = v;
    s->cap = v != NULL ? cap : 0;
}

void glass_spans_add(glass_spans *s, int field, size_t off, size_t len, int group)
{
    if (s->n == s->cap) {
        s->overflow = 1;
        return;
    }
    glass_span *sp = &s->v[s->n++];
    sp->off = (uint32_t)off;
    sp->len = (uint32_t)len;
    sp->field = (uint16_t)field;
    sp->depth = (uint8_t)s->depth;
    sp->group = (uint8_t)(group != 0);
}

size_t glass_spans_open(glass_spans *s, int field, size_t off)
{
    size_t idx = s->n;
    glass_spans_add(s, field, off, 0, 1);
    if (s->depth < GLASS_SPANS_MAX_DEPTH)
        s->open[s->depth] = idx;
    s->depth++;
    return idx;
}

void glass_spans_close(glass_spans *s, size_t idx, size_t end)
{
    if (s->depth > 0)
        s->depth--;
    if (idx < s->n && end >= s->v[idx].off)
        s->v[idx].len = (uint32_t)(end - s->v[idx].off);
}

/* Offset inside the mapped bytes of r's next byte. */
static size_t r_pos(const glass_reader *r)
{
    return (size_t)(r->buf + r->off - r->spans->origin);
}

/* Reports the n bytes just taken (only when the read succeeded). */
static void r_span(glass_reader *r, int field, size_t n)
{
    if (r->spans != NULL && r->err == 0 && r->buf != NULL)
        glass_spans_add(r->spans, field, r_pos(r) - n, n, 0);
}

uint8_t glass_read_u8_f(glass_reader *r, int field)
{
    uint8_t v = glass_read_u8(r);
    r_span(r, field, 1);
    return v;
}

uint16_t glass_read_u16_f(glass_reader *r, int field)
{
    uint16_t v = glass_read_u16(r);
    r_span(r, field, 2);
    return v;
}

uint32_t glass_read_u24_f(glass_reader *r, int field)
{
    uint32_t v = glass_read_u24(r);
    r_span(r, field, 3);
    return v;
}

uint32_t glass_read_u32_f(glass_reader *r, int field)
{
    uint32_t v = glass_read_u32(r);
    r_span(r, field, 4);
    return v;
}

const uint8_t *glass_read_bytes_f(glass_reader *r, size_t n, int field)
{
    const uint8_t *p = glass_read_bytes(r, n);
    if (n > 0)
        r_span(r, field, n);
    return p;
}

void glass_read_copy_f(glass_reader *r, uint8_t *out, size_t n, int field)
{
    glass_read_copy(r, out, n);
    if (n > 0)
        r_span(r, field, n);
}

void glass_read_vector_f(glass_reader *r, size_t len_bytes, size_t min, size_t max,
                         glass_reader *sub, int field)
{
    size_t before = r->off;
    glass_read_vector(r, len_bytes, min, max, sub);
    if (r->spans != NULL && r->err == 0 && r->buf != NULL)
        glass_spans_add(r->spans, field, (size_t)(r->buf + before - r->spans->origin),
                        len_bytes, 0);
}

void glass_read_rest_f(glass_reader *r, int field)
{
    glass_read_bytes_f(r, glass_reader_left(r), field);
}

size_t glass_read_group_begin(glass_reader *r, int field)
{
    if (r->spans == NULL || r->buf == NULL)
        return 0;
    return glass_spans_open(r->spans, field, r_pos(r));
}

void glass_read_group_end(glass_reader *r, size_t idx)
{
    if (r->spans != NULL && r->buf != NULL)
        glass_spans_close(r->spans, idx, r_pos(r));
}

static void w_span(glass_writer *w, int field, size_t n)
{
    if (w->spans != NULL && w->err == 0)
        glass_spans_add(w->spans, field, w->len - n - w->spans->wbase, n, 0);
}

void glass_write_u8_f(glass_writer *w, uint8_t v, int field)
{
    glass_write_u8(w, v);
    w_span(w, field, 1);
}

void glass_write_u16_f(glass_writer *w, uint16_t v, int field)
{
    glass_write_u16(w, v);
    w_span(w, field, 2);
}

void glass_write_u24_f(glass_writer *w, uint32_t v, int field)
{
    glass_write_u24(w, v);
    w_span(w, field, 3);
}

void glass_write_u32_f(glass_writer *w, uint32_t v, int field)
{
    glass_write_u32(w, v);
    w_span(w, field, 4);
}

void glass_write_bytes_f(glass_writer *w, const void *p, size_t n, int field)
{
    glass_write_bytes(w, p, n);
    if (n > 0)
        w_span(w, field, n);
}

size_t glass_write_vector_begin_f(glass_writer *w, size_t len_bytes, int field)
{
    size_t mark = glass_write_vector_begin(w, len_bytes);
    w_span(w, field, len_bytes);
    return mark;
}

size_t glass_write_group_begin(glass_writer *w, int field)
{
    if (w->spans == NULL)
        return 0;
    return glass_spans_open(w->spans, field, w->len - w->spans->wbase);
}

void glass_write_group_end(glass_writer *w, size_t idx)
{
    if (w->spans != NULL)
        glass_spans_close(w->spans, idx, w->len - w->spans->wbase);
}

long glass_spans_check(const glass_span *spans, size_t n, size_t len)
{
    size_t at = 0;
    size_t end[GLASS_SPANS_MAX_DEPTH + 1];
    unsigned depth = 0;
    end[0] = len;
    if (spans == NULL)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const glass_span *s = &spans[i];
        while (depth > 0 && at >= end[depth])
            depth--;                       /* groups that ended */
        if (s->depth != depth || s->off != at || s->off + (size_t)s->len > end[depth])
            return (long)at;
        if (s->group) {
            if (depth == GLASS_SPANS_MAX_DEPTH)
                return (long)at;
            end[++depth] = s->off + (size_t)s->len;
            continue;
        }
        if (s->len == 0)
            return (long)at;               /* an empty leaf covers nothing */
        at += s->len;
    }
    return at == len ? -1 : (long)at;
}
