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
 * compression 0, extensions offered).  The fields shared with ClientHello
 * are read and written by codec.c, the extensions by extensions.c.
 *
 * Handlers (table.c): glass_server_send_server_hello (server_table.c)
 * writes it, glass_client_recv_server_hello (client_table.c) parses it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "ServerHello"

int glass_server_hello_write(const glass_server_hello *m, glass_writer *w)
{
    if (m->session_id_len > 32)
        return GLASS_E_INVALID_ARG;
    glass_hello_prefix_write(w, 1, m->server_version, m->random, m->session_id,
                             m->session_id_len);
    glass_write_u16_f(w, m->cipher_suite, GLASS_F_SH_SUITE);
    glass_write_u8_f(w, m->compression_method, GLASS_F_SH_COMPRESSION);
    return glass_hello_exts_write(m->has_extensions, &m->ext, 1, w);
}

int glass_server_hello_parse(glass_server_hello *m, const uint8_t *body, size_t len,
                             glass_hs_where *where)
{
    glass_reader r;

    memset(m, 0, sizeof *m);
    int err = glass_hello_prefix_parse(&r, body, len, 1, MSG, "server_version",
                                       &m->server_version, m->random, m->session_id,
                                       &m->session_id_len, where);
    if (err != 0)
        return err;
    m->cipher_suite = glass_read_u16_f(&r, GLASS_F_SH_SUITE);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "cipher_suite", &r, body, GLASS_E_DECODE);
    m->compression_method = glass_read_u8_f(&r, GLASS_F_SH_COMPRESSION);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "compression_method", &r, body, GLASS_E_DECODE);
    return glass_hello_exts_parse(&r, body, MSG, 1, &m->has_extensions, &m->ext, where);
}
