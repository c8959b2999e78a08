/*
 * finished.c — Finished (RFC 5246 section 7.4.9):
 *   struct { opaque verify_data[verify_data_length]; } Finished;
 * verify_data_length is 12 for every suite glasstls has.  Computing and
 * checking verify_data (in constant time) is keyschedule.c's job.
 *
 * Handlers (table.c): glass_client_send_finished and
 * glass_server_send_finished write it, glass_client_recv_finished and
 * glass_server_recv_finished parse and check it; all four call the work
 * both roles share (glass_hs_send_finished, glass_hs_recv_finished in
 * shared_steps.c).
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

int glass_finished_write(const glass_finished *m, glass_writer *w)
{
    glass_write_bytes_f(w, m->verify_data, sizeof m->verify_data, GLASS_F_FIN_VERIFY_DATA);
    return w->err;
}

int glass_finished_parse(glass_finished *m, const uint8_t *body, size_t len,
                         glass_hs_where *where)
{
    glass_reader r;
    glass_hs_reader_init(&r, body, len, where);
    glass_read_copy_f(&r, m->verify_data, sizeof m->verify_data, GLASS_F_FIN_VERIFY_DATA);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, "Finished", "verify_data (must be 12 bytes)", &r, body,
                             GLASS_E_DECODE);
    return 0;
}
