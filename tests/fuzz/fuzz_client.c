/*
 * fuzz_client.c — a glasstls client fed arbitrary server bytes: record
 * layer, every client handshake step (ServerHello, Certificate and chain
 * validation, ServerKeyExchange signature, ServerHelloDone, CCS,
 * Finished), alerts, then application data.
 *
 * Input: one byte choosing the client's configuration (the suite it
 * offers, and whether it offers the extended master secret), then the
 * server's whole byte stream.  Fixed seeds and clock (peer.c): with the
 * configuration a golden transcript was made with, its server half
 * (tests/vectors/handshake_*.hex) completes the handshake.
 *   byte & 7: 0 all default suites, 1 0x009C, 2 0x009D, 3 0xC02F, 4 0xC030
 *   byte & 8: do not offer the extended master secret
 *   byte & 16: hold a client certificate (tests/certs/client.pem): a
 *              CertificateRequest is answered with it and a
 *              CertificateVerify (the server half of
 *              tests/vectors/mtls_C02F.hex completes with byte 0x13)
 *   byte & 32: the resumed flavour (peer.h, fuzz_peer_run_resumed): the
 *              client offers the session of a full handshake made first
 *              (its id and ticket), the input is the server's answer; the
 *              other bits are ignored.  The server half of
 *              tests/vectors/handshake_resumed_ticket.hex completes the
 *              abbreviated handshake with byte 0x20.
 */
#include "fuzz.h"
#include "glasstls/handshake.h"
#include "peer.h"

static const uint16_t suites[8] = {
    0, GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256, GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384,
    GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    0, 0, 0,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 32) {
        fuzz_peer_run_resumed(GLASS_ROLE_CLIENT, data + 1, size - 1);
        return 0;
    }
    fuzz_peer_run(GLASS_ROLE_CLIENT, suites[data[0] & 7], !(data[0] & 8), (data[0] & 16) != 0,
                  data + 1, size - 1);
    return 0;
}
