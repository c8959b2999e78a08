/*
 * codec.c — pieces shared by the message files: the handshake header
 * (RFC 5246 section 7.4) and the record of where a parse failed.
 */
#include "handshake/codec.h"

#include "glasstls/err.h"

int glass_hs_fail(glass_hs_where *where, const char *message, const char *field,
                  const glass_reader *r, const uint8_t *base, int err)
{
    if (where != NULL) {
        size_t off = 0;
        if (r != NULL) {
            off = r->err != 0 ? r->err_off : r->off;
            if (r->buf != NULL && base != NULL && r->buf >= base)
                off += (size_t)(r->buf - base);
        }
        where->message = message;
        where->field = field;
        where->offset = off;
    }
    return err;
}

size_t glass_hs_header_begin(glass_writer *w, uint8_t type)
{
    glass_write_u8(w, type);
    return glass_write_vector_begin(w, 3);
}

void glass_hs_header_end(glass_writer *w, size_t mark)
{
    glass_write_vector_end(w, mark, 3);
}
