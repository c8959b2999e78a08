/*
 * new_session_ticket.c — NewSessionTicket (RFC 5077 section 3.3):
 *
 *   struct {
 *       uint32 ticket_lifetime_hint;
 *       opaque ticket<0..2^16-1>;
 *   } NewSessionTicket;
 *
 * Sent by the server after the client's Finished in a full handshake, or
 * right after ServerHello in an abbreviated one, and only when its
 * ServerHello carried the SessionTicket extension.  The ticket is opaque
 * to the client (glasstls's own layout is in glasstls/session.h); an
 * empty ticket means "I have none for you after all" (section 3.3).
 *
 * Handlers (table.c): glass_server_send_new_session_ticket writes it,
 * glass_client_recv_new_session_ticket parses it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"
#include "glasstls/fields.h"

#define MSG "NewSessionTicket"

int glass_new_session_ticket_write(const glass_new_session_ticket *m, glass_writer *w)
{
    if (m->ticket_len > 0xFFFF || (m->ticket == NULL && m->ticket_len != 0))
        return GLASS_E_INVALID_ARG;
    glass_write_u32_f(w, m->ticket_lifetime_hint, GLASS_F_NST_LIFETIME);
    size_t mark = glass_write_vector_begin_f(w, 2, GLASS_F_NST_TICKET_LEN);
    if (m->ticket_len > 0)
        glass_write_bytes_f(w, m->ticket, m->ticket_len, GLASS_F_NST_TICKET);
    glass_write_vector_end(w, mark, 2);
    return w->err;
}

int glass_new_session_ticket_parse(glass_new_session_ticket *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where)
{
    glass_reader r, v;
    memset(m, 0, sizeof *m);
    glass_hs_reader_init(&r, body, len, where);
    m->ticket_lifetime_hint = glass_read_u32_f(&r, GLASS_F_NST_LIFETIME);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "ticket_lifetime_hint", &r, body, GLASS_E_DECODE);
    glass_read_vector_f(&r, 2, 0, 0xFFFF, &v, GLASS_F_NST_TICKET_LEN);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "ticket", &r, body, GLASS_E_DECODE);
    m->ticket_len = glass_reader_left(&v);
    m->ticket = glass_read_bytes_f(&v, m->ticket_len, GLASS_F_NST_TICKET);
    return 0;
}
