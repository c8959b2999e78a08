/*
 * server_hello_done.c — ServerHelloDone (RFC 5246 section 7.4.5):
 * struct { } ServerHelloDone;  an empty body.
 *
 * Handlers (table.c): glass_server_send_server_hello_done (server_table.c)
 * writes it, glass_client_recv_server_hello_done (client_table.c) parses it.
 */
#include "handshake/codec.h"

#include "glasstls/err.h"

int glass_server_hello_done_write(glass_writer *w)
{
    return w->err;               /* the body is empty: nothing to write */
}

int glass_server_hello_done_parse(const uint8_t *body, size_t len, glass_hs_where *where)
{
    glass_reader r;
    glass_hs_reader_init(&r, body, len, where);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, "ServerHelloDone", "body (must be empty)", &r, body,
                             GLASS_E_DECODE);
    return 0;
}
