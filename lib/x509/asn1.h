/*
 * asn1.h — a strict DER reader (ITU-T X.690 section 10, "Distinguished
 * Encoding Rules"): a cursor over bytes that reads one tag-length-value at a
 * time and never reads past its buffer.
 *
 * Strictness (each is a GLASS_E_DER error):
 *   - only single-byte tags (X.690 8.1.2.3; X.509 needs no others);
 *   - definite lengths in the shortest form (X.690 10.1, 8.1.3.5): no
 *     indefinite length (0x80), no long form for lengths < 128, no leading
 *     zero length octets; lengths above 2^24 are refused (a limit);
 *   - a value never runs past the end of its enclosing buffer;
 *   - INTEGERs are minimal (X.690 8.3.2), BOOLEANs are 0x00 or 0xFF
 *     (X.690 11.1), NULL is empty, BIT STRING unused bits are 0..7 and zero;
 *   - nesting deeper than GLASS_DER_MAX_DEPTH is refused, so no input can
 *     drive unbounded work or recursion.
 *
 * Errors are sticky like lib/common/reader.h: after the first failure every
 * call returns an empty result, and d->err / d->err_off say what and where.
 */
#ifndef GLASS_X509_ASN1_H
#define GLASS_X509_ASN1_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/util.h"   /* glass_time_from_civil, glass_time_to_civil */

#define GLASS_DER_MAX_DEPTH 24
#define GLASS_DER_MAX_LEN   (1u << 24)

/* Universal tags (X.680 section 8.4) and the class/constructed bits. */
enum {
    GLASS_DER_BOOLEAN = 0x01, GLASS_DER_INTEGER = 0x02, GLASS_DER_BIT_STRING = 0x03,
    GLASS_DER_OCTET_STRING = 0x04, GLASS_DER_NULL = 0x05, GLASS_DER_OID = 0x06,
    GLASS_DER_ENUMERATED = 0x0a,
    GLASS_DER_UTF8_STRING = 0x0c, GLASS_DER_NUMERIC_STRING = 0x12,
    GLASS_DER_PRINTABLE_STRING = 0x13, GLASS_DER_T61_STRING = 0x14,
    GLASS_DER_IA5_STRING = 0x16, GLASS_DER_UTC_TIME = 0x17,
    GLASS_DER_GENERALIZED_TIME = 0x18, GLASS_DER_VISIBLE_STRING = 0x1a,
    GLASS_DER_UNIVERSAL_STRING = 0x1c, GLASS_DER_BMP_STRING = 0x1e,
    GLASS_DER_SEQUENCE = 0x30, GLASS_DER_SET = 0x31,
    GLASS_DER_CONSTRUCTED = 0x20,
    GLASS_DER_CONTEXT = 0x80,             /* [n] is GLASS_DER_CONTEXT | n */
};

/* One element: the whole encoding is [tlv, tlv + tlv_len), its contents
 * [val, val + len). */
typedef struct glass_der_tlv {
    uint8_t        tag;
    const uint8_t *tlv;
    size_t         tlv_len;
    const uint8_t *val;
    size_t         len;
} glass_der_tlv;

typedef struct glass_der {
    const uint8_t *buf;
    size_t         len;
    size_t         off;
    const uint8_t *origin;   /* start of the outermost buffer, for err_off */
    unsigned       depth;
    int            err;      /* 0 or the first error (GLASS_E_DER) */
    size_t         err_off;  /* byte offset from origin of the first error */
} glass_der;

void glass_der_init(glass_der *d, const uint8_t *buf, size_t len);
/* Marks d failed at its current offset (the first error is kept). */
void glass_der_fail(glass_der *d, int err);
static inline int glass_der_ok(const glass_der *d) { return d->err == 0; }
static inline int glass_der_more(const glass_der *d) { return d->err == 0 && d->off < d->len; }

/* The tag of the next element, or -1 at the end (or after an error). */
int  glass_der_peek(const glass_der *d);
/* Reads any element.  Returns 0 or GLASS_E_DER. */
int  glass_der_next(glass_der *d, glass_der_tlv *t);
/* Reads an element that must have this tag. */
int  glass_der_expect(glass_der *d, uint8_t tag, glass_der_tlv *t);
/* Reads the element when the next tag is `tag`: returns 1 read, 0 absent. */
int  glass_der_optional(glass_der *d, uint8_t tag, glass_der_tlv *t);
/* Opens a constructed element of this tag: sub reads its contents, one
 * level deeper.  Errors in sub are copied back by glass_der_close(). */
void glass_der_enter(glass_der *d, uint8_t tag, glass_der *sub);
/* Opens the contents of an element already read (e.g. an OCTET STRING that
 * wraps DER, as extension values do). */
void glass_der_open(const glass_der *parent, const glass_der_tlv *t, glass_der *sub);
/* Requires sub to be fully consumed and merges its error into d. */
void glass_der_close(glass_der *d, glass_der *sub);
/* Fails unless every byte was read (no trailing data). */
void glass_der_end(glass_der *d);

/* INTEGER, minimal two's complement; v and v_len give the contents. */
void glass_der_integer(glass_der *d, const uint8_t **v, size_t *v_len);
/* A non-negative INTEGER without its sign octet (RSA n, e, ...). */
void glass_der_uint(glass_der *d, const uint8_t **v, size_t *v_len);
/* A small non-negative INTEGER (0 .. 2^31-1). */
long glass_der_small_uint(glass_der *d);
int  glass_der_boolean(glass_der *d);
void glass_der_null(glass_der *d);
/* BIT STRING: contents after the unused-bits octet.  *unused 0..7 and the
 * unused bits must be zero (DER, X.690 11.2.1). */
void glass_der_bit_string(glass_der *d, const uint8_t **v, size_t *v_len, unsigned *unused);
/* OBJECT IDENTIFIER: checks the base-128 encoding is minimal (X.690 8.19). */
void glass_der_oid(glass_der *d, glass_der_tlv *t);
/* UTCTime or GeneralizedTime in the RFC 5280 4.1.2.5 profile
 * (YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ), as seconds since 1970-01-01 UTC. */
int64_t glass_der_time(glass_der *d);
/* Is tag one of the character string types used in names? */
int glass_der_is_string(uint8_t tag);

/* Walks a whole encoding and checks every length and the nesting depth
 * (constructed elements are descended into, at most GLASS_DER_MAX_DEPTH
 * levels).  0 or GLASS_E_DER. */
int glass_der_check(const uint8_t *buf, size_t len);

/* Compares an OID element's contents with a DER-encoded OID body. */
int glass_der_oid_eq(const glass_der_tlv *t, const uint8_t *oid, size_t oid_len);
/* Dotted text of an OID body ("1.2.840.113549.1.1.11"); returns out. */
char *glass_der_oid_text(const uint8_t *oid, size_t len, char *out, size_t cap);


#endif /* GLASS_X509_ASN1_H */
