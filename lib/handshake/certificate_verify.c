/*
 * certificate_verify.c — CertificateVerify (RFC 5246 section 7.4.8), sent
 * by a client right after its ClientKeyExchange when its Certificate held
 * a certificate:
 *
 *   struct {
 *       digitally-signed struct {        SignatureAndHashAlgorithm +
 *           opaque handshake_messages[handshake_messages_length];
 *       }                                opaque signature<0..2^16-1>
 *   } CertificateVerify;                 (RFC 5246 section 4.7)
 *
 * handshake_messages is every handshake message of this handshake from
 * the ClientHello up to, NOT including, this one, headers included: the
 * transcript.  The signature is over its hash with the hash of the chosen
 * scheme (one of the server's supported_signature_algorithms), so it binds
 * the client's key to this handshake: both randoms, the server's
 * certificate and key share, and the client's own key exchange.
 *
 * Handlers (table.c): glass_client_send_certificate_verify
 * (client_table.c) signs and writes it, glass_server_recv_certificate_verify
 * (server_table.c) parses it and verifies the signature.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "CertificateVerify"

int glass_certificate_verify_write(const glass_certificate_verify *m, glass_writer *w)
{
    if (m->signature_len == 0 || m->signature_len > sizeof m->signature)
        return GLASS_E_INVALID_ARG;
    glass_write_u16_f(w, m->sigalg, GLASS_F_CV_SIGALG);
    size_t mark = glass_write_vector_begin_f(w, 2, GLASS_F_CV_SIG_LEN);
    glass_write_bytes_f(w, m->signature, m->signature_len, GLASS_F_CV_SIG);
    glass_write_vector_end(w, mark, 2);
    return w->err;
}

int glass_certificate_verify_parse(glass_certificate_verify *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where)
{
    glass_reader r, v;

    memset(m, 0, sizeof *m);
    glass_hs_reader_init(&r, body, len, where);
    m->sigalg = glass_read_u16_f(&r, GLASS_F_CV_SIGALG);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "algorithm", &r, body, GLASS_E_DECODE);
    glass_read_vector_f(&r, 2, 1, sizeof m->signature, &v, GLASS_F_CV_SIG_LEN);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "signature", &r, body, GLASS_E_DECODE);
    m->signature_len = glass_reader_left(&v);
    glass_read_copy_f(&v, m->signature, m->signature_len, GLASS_F_CV_SIG);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "trailing bytes", &r, body, GLASS_E_DECODE);
    return 0;
}
