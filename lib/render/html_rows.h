/*
 * html_rows.h — the pieces of the handshake page (lib/render/html.c)
 * that draw table rows, internal to lib/render: escaping, hex, one field
 * row, one code-point row (named from glasstls/iana.h), and the decoding,
 * for the page only, of the extension bodies glasstls does not read
 * (html_rows.c).
 */
#ifndef GLASS_RENDER_HTML_ROWS_H
#define GLASS_RENDER_HTML_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "glasstls/fields.h"
#include "glasstls/iana.h"

struct html_msg;                               /* html.c: one recorded message */

/* One message box being written. */
typedef struct glass_html_page {
    FILE *out;
    const struct html_msg *m;
    unsigned char explained[GLASS_F_COUNT];    /* field's "why" already shown in this box */
} glass_html_page;

/* Text, HTML-escaped, printable ASCII only (a peer chose these bytes). */
void glass_html_esc(FILE *out, const char *s);
/* n bytes as hex, no spaces. */
void glass_html_hex(FILE *out, const uint8_t *p, size_t n);
/* A big-endian number of n (at most 4) bytes. */
uint32_t glass_html_be(const uint8_t *p, size_t n);

/* The offset of a row about bytes that are not in the message (a nonce
 * made from the IV and the record): the offset cell stays empty. */
#define GLASS_HTML_NO_OFFSET ((size_t)-1)

/* One row: offset, bytes, field name, value (class cls, or NULL), RFC
 * section, why; the texts are escaped here. */
void glass_html_row(glass_html_page *pg, int depth, size_t off, const uint8_t *p, size_t n,
                    const char *name, const char *value, const char *cls, const char *section,
                    const char *why);
/* A code point of reg (1 or 2 bytes): its name and what glasstls does
 * with it, or "unknown" in a cell of class "cp-unknown". */
void glass_html_cp_row(glass_html_page *pg, int depth, size_t off, const uint8_t *p, size_t n,
                       const char *name, const char *section, glass_iana_registry reg);
/* The rows of the body (n bytes at p, at offset base of the message) of
 * an extension of this type that glasstls does not read: supported
 * versions, key shares, PSK modes, ALPN and ALPS, certificate compression,
 * signature_algorithms_cert, delegated credentials, status_request,
 * record_size_limit, ECH, trust anchors; nothing for other types.
 * Bounds-checked: a body that does not parse ends with a row saying so. */
void glass_html_ext_body(glass_html_page *pg, uint16_t type, const uint8_t *p, size_t n,
                         size_t base, int depth);

#endif /* GLASS_RENDER_HTML_ROWS_H */
