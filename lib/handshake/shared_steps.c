/*
 * shared_steps.c — the work of the steps both roles do the same way:
 * receiving ChangeCipherSpec (RFC 5246 section 7.1), and sending and
 * receiving Finished (section 7.4.9).  Each role's handler of the step
 * (glass_client_send_finished, glass_server_recv_finished, ...) calls it;
 * hs->is_server says which side runs, so a breakpoint here stops at the
 * step of either, one on the handler at one role's.
 */
#include "handshake/hs_internal.h"

#include "glasstls/err.h"
#include "handshake/codec.h"
#include "handshake/transcript.h"

int glass_hs_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io)
{
    return glass_change_cipher_spec_parse(&hs->last.u.change_cipher_spec, io->body, io->len,
                                          &hs->where);
}

int glass_hs_send_finished(glass_hs *hs, glass_hs_io *io)
{
    uint8_t hash[GLASS_HASH_MAX_SIZE];
    glass_finished *f = &hs->last.u.finished;
    int n = glass_transcript_hash(&hs->transcript, hs->suite->prf_hash, hash);
    if (n < 0)
        return n;
    int err = glass_hs_finished_compute(hs, !hs->is_server, hash, f->verify_data);
    if (err != 0)
        return err;
    return glass_finished_write(f, io->w);
}

int glass_hs_recv_finished(glass_hs *hs, glass_hs_io *io)
{
    glass_finished *f = &hs->last.u.finished;
    int err = glass_finished_parse(f, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    return glass_hs_finished_check(hs, f->verify_data);
}
