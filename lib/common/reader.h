/*
 * reader.h — the small reader of every TLS structure in lib/: a cursor over
 * a byte buffer that never reads past its end.
 *
 * A failed read sets r->err (sticky) and returns zeros, so a parser may read
 * a whole structure and check glass_reader_ok() once; r->err_off records the
 * offset where the first failure happened, for error messages.
 *
 * The writer is the mirror image: it never writes past its buffer and
 * records overflow the same way.
 */
#ifndef GLASS_COMMON_READER_H
#define GLASS_COMMON_READER_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/fields.h"

/* The byte map being built (glasstls/fields.h): a span list the reader or
 * writer appends to as it reads or writes a field with a _f function.
 * Owned by whoever traces (the handshake engine, the record layer); a
 * reader or writer with spans == NULL records nothing. */
#define GLASS_SPANS_MAX_DEPTH 8
typedef struct glass_spans {
    glass_span    *v;
    size_t         n, cap;
    int            overflow;   /* a span did not fit: the map is incomplete */
    const uint8_t *origin;     /* readers: the byte at offset 0 */
    size_t         wbase;      /* writers: the writer offset of offset 0 */
    unsigned       depth;      /* groups open */
    size_t         open[GLASS_SPANS_MAX_DEPTH];   /* their indexes in v */
} glass_spans;

/* Empties s over cap spans at v (origin NULL, wbase 0). */
void glass_spans_init(glass_spans *s, glass_span *v, size_t cap);
/* Appends a leaf (group 0) or a group (1) of len bytes at off. */
void glass_spans_add(glass_spans *s, int field, size_t off, size_t len, int group);
/* Opens a group at off (its length is set by _close); returns its index. */
size_t glass_spans_open(glass_spans *s, int field, size_t off);
/* Closes group idx at end (offset one past its last byte). */
void glass_spans_close(glass_spans *s, size_t idx, size_t end);

typedef struct glass_reader {
    const uint8_t *buf;
    size_t len;
    size_t off;
    int    err;        /* 0, or the first error (GLASS_E_DECODE) */
    size_t err_off;    /* offset of the first error */
    glass_spans *spans;  /* the byte map, or NULL (sub-readers inherit it) */
} glass_reader;

void glass_reader_init(glass_reader *r, const uint8_t *buf, size_t len);
static inline int glass_reader_ok(const glass_reader *r) { return r->err == 0; }
static inline size_t glass_reader_left(const glass_reader *r) { return r->len - r->off; }
/* Marks the reader failed at the current offset (keeps the first error). */
void glass_reader_fail(glass_reader *r, int err);

uint8_t  glass_read_u8(glass_reader *r);
uint16_t glass_read_u16(glass_reader *r);   /* big-endian, as on the wire */
uint32_t glass_read_u24(glass_reader *r);
uint32_t glass_read_u32(glass_reader *r);
/* Points *out at the next n bytes (no copy); NULL and an error if short. */
const uint8_t *glass_read_bytes(glass_reader *r, size_t n);
/* Copies the next n bytes into out. */
void glass_read_copy(glass_reader *r, uint8_t *out, size_t n);
/* Reads a length prefix of len_bytes (1, 2 or 3) and makes sub a reader
 * over exactly that many following bytes: TLS's opaque vector<..>.
 * min/max bound the length (RFC 5246 section 4.3). */
void glass_read_vector(glass_reader *r, size_t len_bytes, size_t min, size_t max,
                       glass_reader *sub);
/* Fails unless every byte has been consumed (no trailing data). */
void glass_reader_expect_end(glass_reader *r);

/* The same reads, each also reporting its bytes as field (a glass_field_id,
 * glasstls/fields.h) in r->spans when set: one call per field.  The
 * vector form reports its length prefix as field; the contents are the
 * sub-reader's to report. */
uint8_t  glass_read_u8_f(glass_reader *r, int field);
uint16_t glass_read_u16_f(glass_reader *r, int field);
uint32_t glass_read_u24_f(glass_reader *r, int field);
uint32_t glass_read_u32_f(glass_reader *r, int field);
const uint8_t *glass_read_bytes_f(glass_reader *r, size_t n, int field);
void glass_read_copy_f(glass_reader *r, uint8_t *out, size_t n, int field);
void glass_read_vector_f(glass_reader *r, size_t len_bytes, size_t min, size_t max,
                         glass_reader *sub, int field);
/* Reports the rest of r as one field and consumes it (an ignored body). */
void glass_read_rest_f(glass_reader *r, int field);
/* A group (one extension, one certificate) from r's position ... */
size_t glass_read_group_begin(glass_reader *r, int field);
/* ... to r's position now (r may be a reader over the same bytes). */
void   glass_read_group_end(glass_reader *r, size_t idx);

typedef struct glass_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;
    int    err;        /* 0, or GLASS_E_BUFFER_TOO_SMALL */
    glass_spans *spans;  /* the byte map, or NULL */
} glass_writer;

void glass_writer_init(glass_writer *w, uint8_t *buf, size_t cap);
static inline int glass_writer_ok(const glass_writer *w) { return w->err == 0; }
void glass_write_u8(glass_writer *w, uint8_t v);
void glass_write_u16(glass_writer *w, uint16_t v);
void glass_write_u24(glass_writer *w, uint32_t v);
void glass_write_u32(glass_writer *w, uint32_t v);
void glass_write_bytes(glass_writer *w, const void *p, size_t n);
/* Starts a vector with a len_bytes length prefix; returns the offset of the
 * prefix to give to glass_write_vector_end() once the body is written. */
size_t glass_write_vector_begin(glass_writer *w, size_t len_bytes);
void   glass_write_vector_end(glass_writer *w, size_t mark, size_t len_bytes);

/* The same writes, each also reporting its bytes as field in w->spans when
 * set (offsets from w->spans->wbase); the vector form reports the length
 * prefix.  One call per field, like the readers. */
void glass_write_u8_f(glass_writer *w, uint8_t v, int field);
void glass_write_u16_f(glass_writer *w, uint16_t v, int field);
void glass_write_u24_f(glass_writer *w, uint32_t v, int field);
void glass_write_u32_f(glass_writer *w, uint32_t v, int field);
void glass_write_bytes_f(glass_writer *w, const void *p, size_t n, int field);
size_t glass_write_vector_begin_f(glass_writer *w, size_t len_bytes, int field);
size_t glass_write_group_begin(glass_writer *w, int field);
void   glass_write_group_end(glass_writer *w, size_t idx);

#endif /* GLASS_COMMON_READER_H */
