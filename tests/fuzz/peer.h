/*
 * peer.h — one glasstls connection (client or server) whose peer is the
 * fuzzer: every byte it reads comes from the fuzz input, every byte it
 * writes goes to a sink.  Fixed DRBG seeds and clock, the same as the
 * handshake tests (tests/helpers/hs_fixture.c), so the golden transcripts in
 * tests/vectors/handshake_*.hex replay to a complete handshake and make
 * good seeds.  Used by fuzz_server.c and fuzz_client.c.
 */
#ifndef GLASS_FUZZ_PEER_H
#define GLASS_FUZZ_PEER_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/tls.h"

/* role: GLASS_ROLE_CLIENT or GLASS_ROLE_SERVER.  suite: 0 for the
 * defaults, or the one suite the client offers (as the golden transcripts
 * were made).  Runs the handshake, then reads application data and
 * answers it, until the input ends or the connection fails; checks that
 * a failure produced the alert glass_alert_for_error() names.
 * client_auth: a server requires a client certificate from
 * tests/certs/client-ca.pem; a client holds tests/certs/client.pem (as
 * tests/test_mtls.c and its golden transcript tests/vectors/mtls_C02F.hex). */
void fuzz_peer_run(int role, uint16_t suite, int ems, int client_auth, const uint8_t *in,
                   size_t len);

/* The abbreviated flavour (RFC 5246 Figure 2).  The peer state of
 * tests/vectors/handshake_resumed_ticket.hex: a full handshake made once in
 * process (tickets under test_resume.c's key, EMS) leaves both generators
 * where the golden second connection found them.  A client then offers
 * that session (its id and ticket) and reads the fuzz input as the
 * server's bytes; a server (holding the ticket key) reads it as the
 * client's.  The golden transcript's halves complete the abbreviated
 * handshake; anything else resumes, falls back to a full handshake, or
 * fails with its alert. */
void fuzz_peer_run_resumed(int role, const uint8_t *in, size_t len);

#endif /* GLASS_FUZZ_PEER_H */
