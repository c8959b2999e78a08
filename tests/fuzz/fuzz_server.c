/*
 * fuzz_server.c — a glasstls server fed arbitrary client bytes: record
 * layer, every server handshake step (ClientHello, ClientKeyExchange with
 * RSA premaster or X25519, ChangeCipherSpec, Finished), alerts, then
 * application data.  The input is the client's whole byte stream.  Fixed
 * seeds and clock (peer.c): the client half of a golden transcript
 * (tests/vectors/handshake_*.hex) completes the handshake, so the fuzzer
 * starts from inputs that reach every state.
 */
#include "fuzz.h"
#include "peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_peer_run(GLASS_ROLE_SERVER, 0, 1, 0, data, size);
    return 0;
}
