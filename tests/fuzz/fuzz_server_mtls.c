/*
 * fuzz_server_mtls.c — a glasstls server that requires a client
 * certificate, fed arbitrary client bytes: the flavour "full with client
 * certificate" (the client's Certificate and its chain validation for
 * clientAuth, ClientKeyExchange, CertificateVerify and its signature over
 * the transcript, CCS, Finished), alerts, then application data.  The
 * input is the client's whole byte stream; the client half of
 * tests/vectors/mtls_C02F.hex completes the handshake (peer.c: fixed
 * seeds and clock, trust anchor tests/certs/client-ca.pem).
 */
#include "fuzz.h"
#include "peer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_peer_run(GLASS_ROLE_SERVER, 0, 1, 1, data, size);
    return 0;
}
