/*
 * codec.c — pieces shared by the message files: the handshake header
 * (RFC 5246 section 7.4), the record of where a parse failed, and the
 * fields ClientHello and ServerHello have in common (RFC 5246 7.4.1.2 and
 * 7.4.1.3):
 *
 *   ProtocolVersion version;
 *   Random random;                                     32 bytes
 *   SessionID session_id;                              opaque <0..32>
 *   ... (the suites and compression methods of each message) ...
 *   select (extensions_present) {
 *       case false: struct {};
 *       case true:  Extension extensions<0..2^16-1>;
 *   };
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

void glass_hs_reader_init(glass_reader *r, const uint8_t *body, size_t len,
                          const glass_hs_where *where)
{
    glass_reader_init(r, body, len);
    r->spans = where != NULL ? where->spans : NULL;
}

size_t glass_hs_header_begin(glass_writer *w, uint8_t type)
{
    glass_write_u8_f(w, type, GLASS_F_HS_TYPE);
    return glass_write_vector_begin_f(w, 3, GLASS_F_HS_LENGTH);
}

void glass_hs_header_end(glass_writer *w, size_t mark)
{
    glass_write_vector_end(w, mark, 3);
}

void glass_hello_prefix_write(glass_writer *w, int server, uint16_t version,
                              const uint8_t *random, const uint8_t *session_id,
                              size_t session_id_len)
{
    glass_write_u16_f(w, version, server ? GLASS_F_SH_VERSION : GLASS_F_CH_VERSION);
    glass_write_bytes_f(w, random, 32, server ? GLASS_F_SERVER_RANDOM : GLASS_F_CLIENT_RANDOM);
    size_t mark = glass_write_vector_begin_f(w, 1, GLASS_F_SESSION_ID_LEN);
    glass_write_bytes_f(w, session_id, session_id_len, GLASS_F_SESSION_ID);
    glass_write_vector_end(w, mark, 1);
}

int glass_hello_prefix_parse(glass_reader *r, const uint8_t *body, size_t len, int server,
                             const char *message, const char *version_field, uint16_t *version,
                             uint8_t *random, uint8_t *session_id, size_t *session_id_len,
                             glass_hs_where *where)
{
    glass_reader v;
    glass_hs_reader_init(r, body, len, where);
    *version = glass_read_u16_f(r, server ? GLASS_F_SH_VERSION : GLASS_F_CH_VERSION);
    if (!glass_reader_ok(r))
        return glass_hs_fail(where, message, version_field, r, body, GLASS_E_DECODE);
    glass_read_copy_f(r, random, 32, server ? GLASS_F_SERVER_RANDOM : GLASS_F_CLIENT_RANDOM);
    if (!glass_reader_ok(r))
        return glass_hs_fail(where, message, "random", r, body, GLASS_E_DECODE);
    glass_read_vector_f(r, 1, 0, 32, &v, GLASS_F_SESSION_ID_LEN);
    *session_id_len = glass_reader_left(&v);
    glass_read_copy_f(&v, session_id, *session_id_len, GLASS_F_SESSION_ID);
    if (!glass_reader_ok(r))
        return glass_hs_fail(where, message, "session_id", r, body, GLASS_E_DECODE);
    return 0;
}

int glass_hello_exts_write(int has_extensions, const glass_hello_exts *e, int from_server,
                           glass_writer *w)
{
    if (has_extensions) {
        int err = glass_exts_write(e, from_server, w);
        if (err != 0)
            return err;
    }
    return w->err;
}

int glass_hello_exts_parse(glass_reader *r, const uint8_t *body, const char *message,
                           int from_server, int *has_extensions, glass_hello_exts *e,
                           glass_hs_where *where)
{
    /* sections 7.4.1.2 and 7.4.1.3: the block may be absent altogether */
    if (glass_reader_left(r) > 0) {
        *has_extensions = 1;
        int err = glass_exts_parse(e, from_server, r, body, message, where);
        if (err != 0)
            return err;
    }
    glass_reader_expect_end(r);
    if (!glass_reader_ok(r))
        return glass_hs_fail(where, message, "extensions (trailing bytes)", r, body,
                             GLASS_E_DECODE);
    return 0;
}
