/*
 * fuzz_server_resume.c — a glasstls server holding a ticket key, fed
 * arbitrary client bytes after a full handshake that issued a ticket
 * (peer.h, fuzz_peer_run_resumed): the ticket parser and opener on the
 * way in (a ticket that does not open, names another key or has expired
 * falls back to a full handshake), the EMS rules of RFC 7627 section 5.3,
 * the abbreviated flavour (ServerHello, NewSessionTicket, the server's
 * CCS and Finished first, then the client's CCS and Finished) and the
 * application data after it.  The client half of
 * tests/vectors/handshake_resumed_ticket.hex completes the abbreviated
 * handshake; the full-handshake seeds of fuzz_server reach the fallback.
 * A target of its own, like fuzz_server_mtls, because fuzz_server's input
 * is the client's bytes alone, with no configuration byte to add a mode to.
 */
#include "fuzz.h"
#include "peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_peer_run_resumed(GLASS_ROLE_SERVER, data, size);
    return 0;
}
