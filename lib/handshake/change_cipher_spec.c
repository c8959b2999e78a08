/*
 * change_cipher_spec.c — ChangeCipherSpec (RFC 5246 section 7.1), a record
 * of its own content type (20) rather than a handshake message:
 *   struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;
 * It is not part of the handshake transcript.
 *
 * Handlers (table.c): glass_client_send_change_cipher_spec (client_table.c)
 * and glass_server_send_change_cipher_spec (server_table.c) see to the
 * keys, then the engine has the record layer send it
 * (glass_record_queue_ccs writes the byte itself; the writer here is for
 * the tests and fuzzers); glass_client_recv_change_cipher_spec and
 * glass_server_recv_change_cipher_spec parse it (through
 * glass_hs_recv_change_cipher_spec, shared_steps.c).
 */
#include "handshake/codec.h"

#include "glasstls/err.h"

int glass_change_cipher_spec_write(glass_writer *w)
{
    glass_write_u8_f(w, 1, GLASS_F_CCS_TYPE);
    return w->err;
}

int glass_change_cipher_spec_parse(glass_change_cipher_spec *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where)
{
    glass_reader r;
    glass_hs_reader_init(&r, body, len, where);
    m->type = glass_read_u8_f(&r, GLASS_F_CCS_TYPE);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r) || m->type != 1)
        return glass_hs_fail(where, "ChangeCipherSpec", "type (must be the single byte 1)",
                             &r, body, GLASS_E_DECODE);
    return 0;
}
