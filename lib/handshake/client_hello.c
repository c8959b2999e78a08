/*
 * client_hello.c — ClientHello (RFC 5246 section 7.4.1.2), both sides:
 *
 *   struct {
 *       ProtocolVersion client_version;
 *       Random random;                                 32 bytes
 *       SessionID session_id;                          opaque <0..32>
 *       CipherSuite cipher_suites<2..2^16-2>;
 *       CompressionMethod compression_methods<1..2^8-1>;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ClientHello;
 *
 * The parser only checks the encoding; what the values mean (version,
 * null compression, suites) is checked by the server's handler.  The
 * fields shared with ServerHello are read and written by codec.c, the
 * extensions by extensions.c.
 *
 * Handlers (table.c): glass_client_send_client_hello (client_table.c)
 * writes it, glass_server_recv_client_hello (server_table.c) parses it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "ClientHello"

int glass_client_hello_write(const glass_client_hello *m, glass_writer *w)
{
    size_t mark;

    if (m->session_id_len > 32 || m->n_cipher_suites == 0 ||
        m->n_cipher_suites > GLASS_HS_MAX_SUITES || m->n_compression_methods == 0 ||
        m->n_compression_methods > sizeof m->compression_methods)
        return GLASS_E_INVALID_ARG;
    glass_hello_prefix_write(w, 0, m->client_version, m->random, m->session_id,
                             m->session_id_len);
    mark = glass_write_vector_begin_f(w, 2, GLASS_F_CH_SUITES_LEN);
    for (size_t i = 0; i < m->n_cipher_suites; i++)
        glass_write_u16_f(w, m->cipher_suites[i], GLASS_F_CH_SUITE);
    glass_write_vector_end(w, mark, 2);
    mark = glass_write_vector_begin_f(w, 1, GLASS_F_CH_COMPRESSIONS_LEN);
    for (size_t i = 0; i < m->n_compression_methods; i++)
        glass_write_u8_f(w, m->compression_methods[i], GLASS_F_CH_COMPRESSION);
    glass_write_vector_end(w, mark, 1);
    return glass_hello_exts_write(m->has_extensions, &m->ext, 0, w);
}

int glass_client_hello_parse(glass_client_hello *m, const uint8_t *body, size_t len,
                             glass_hs_where *where)
{
    glass_reader r, v;

    memset(m, 0, sizeof *m);
    int err = glass_hello_prefix_parse(&r, body, len, 0, MSG, "client_version",
                                       &m->client_version, m->random, m->session_id,
                                       &m->session_id_len, where);
    if (err != 0)
        return err;

    glass_read_vector_f(&r, 2, 2, 0xFFFE, &v, GLASS_F_CH_SUITES_LEN);
    if (!glass_reader_ok(&r) || glass_reader_left(&v) % 2 != 0)
        return glass_hs_fail(where, MSG, "cipher_suites", &r, body, GLASS_E_DECODE);
    if (glass_reader_left(&v) / 2 > GLASS_HS_MAX_SUITES)
        return glass_hs_fail(where, MSG, "cipher_suites (more than glasstls reads: 512)", &v,
                             body, GLASS_E_DECODE);
    while (glass_reader_left(&v) > 0)
        m->cipher_suites[m->n_cipher_suites++] = glass_read_u16_f(&v, GLASS_F_CH_SUITE);

    glass_read_vector_f(&r, 1, 1, 0xFF, &v, GLASS_F_CH_COMPRESSIONS_LEN);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "compression_methods", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&v) > 0) {
        uint8_t c = glass_read_u8_f(&v, GLASS_F_CH_COMPRESSION);
        m->offers_null_compression |= (c == 0);
        if (m->n_compression_methods < sizeof m->compression_methods)
            m->compression_methods[m->n_compression_methods++] = c;
    }

    return glass_hello_exts_parse(&r, body, MSG, 0, &m->has_extensions, &m->ext, where);
}
