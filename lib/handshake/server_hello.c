/*
 * server_hello.c — ServerHello (RFC 5246 section 7.4.1.3), both sides:
 *
 *   struct {
 *       ProtocolVersion server_version;
 *       Random random;
 *       SessionID session_id;                          opaque <0..32>
 *       CipherSuite cipher_suite;
 *       CompressionMethod compression_method;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ServerHello;
 *
 * The client's handler checks the values (version, suite offered,
 * compression 0, extensions offered).
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "ServerHello"

int glass_server_hello_write(const glass_server_hello *m, glass_writer *w)
{
    size_t mark;

    if (m->session_id_len > 32)
        return GLASS_E_INVALID_ARG;
    glass_write_u16(w, m->server_version);
    glass_write_bytes(w, m->random, 32);
    mark = glass_write_vector_begin(w, 1);
    glass_write_bytes(w, m->session_id, m->session_id_len);
    glass_write_vector_end(w, mark, 1);
    glass_write_u16(w, m->cipher_suite);
    glass_write_u8(w, m->compression_method);
    if (m->has_extensions) {
        int rc = glass_exts_write(&m->ext, 1, w);
        if (rc != 0)
            return rc;
    }
    return w->err;
}

int glass_server_hello_parse(glass_server_hello *m, const uint8_t *body, size_t len,
                             glass_hs_where *where)
{
    glass_reader r, v;

    memset(m, 0, sizeof *m);
    glass_reader_init(&r, body, len);

    m->server_version = glass_read_u16(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "server_version", &r, body, GLASS_E_DECODE);
    glass_read_copy(&r, m->random, 32);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "random", &r, body, GLASS_E_DECODE);
    glass_read_vector(&r, 1, 0, 32, &v);
    m->session_id_len = glass_reader_left(&v);
    glass_read_copy(&v, m->session_id, m->session_id_len);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "session_id", &r, body, GLASS_E_DECODE);
    m->cipher_suite = glass_read_u16(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "cipher_suite", &r, body, GLASS_E_DECODE);
    m->compression_method = glass_read_u8(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "compression_method", &r, body, GLASS_E_DECODE);
    if (glass_reader_left(&r) > 0) {
        m->has_extensions = 1;
        int err = glass_exts_parse(&m->ext, 1, &r, body, MSG, where);
        if (err != 0)
            return err;
    }
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "extensions (trailing bytes)", &r, body, GLASS_E_DECODE);
    return 0;
}
