/*
 * client_key_exchange.c — ClientKeyExchange (RFC 5246 section 7.4.7):
 *
 *   RSA (section 7.4.7.1):
 *     struct { public-key-encrypted PreMasterSecret pre_master_secret; }
 *     which in TLS 1.0 and later carries a uint16 length before the RSA
 *     ciphertext (section 4.7: "the opaque vector <0..2^16-1>").
 *   ECDHE (RFC 8422 section 5.7):
 *     struct { opaque point <1..2^8-1>; } ClientECDiffieHellmanPublic;
 *     for X25519 the 32-byte u-coordinate, for P-256 and P-384 the
 *     uncompressed point 04 || X || Y (65 or 97 bytes).
 *
 * The body does not say which it is: the negotiated suite and group do.
 * glass_client_key_exchange_parse() checks the encoding; the server's
 * handler checks the point for its group (X25519: 32 bytes; P-256/P-384:
 * glass_ec_public_decode(), anything but a valid uncompressed point is
 * illegal_parameter).
 *
 * Handlers (table.c), one step per key exchange:
 * glass_client_send_client_key_exchange_rsa and
 * glass_client_send_client_key_exchange_ecdhe (client_table.c) write it, glass_server_recv_client_key_exchange_rsa and
 * glass_server_recv_client_key_exchange_ecdhe (server_table.c) parse it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "ClientKeyExchange"

int glass_client_key_exchange_write(const glass_client_key_exchange *m, glass_writer *w)
{
    if (m->len > sizeof m->data || m->len == 0)
        return GLASS_E_INVALID_ARG;
    int rsa = m->kx == GLASS_KX_RSA;
    size_t mark = glass_write_vector_begin_f(w, rsa ? 2 : 1,
                                             rsa ? GLASS_F_CKE_RSA_LEN : GLASS_F_CKE_ECDH_LEN);
    glass_write_bytes_f(w, m->data, m->len, rsa ? GLASS_F_CKE_RSA : GLASS_F_CKE_ECDH);
    glass_write_vector_end(w, mark, m->kx == GLASS_KX_RSA ? 2 : 1);
    return w->err;
}

int glass_client_key_exchange_parse(glass_client_key_exchange *m, glass_kx kx,
                                    const uint8_t *body, size_t len, glass_hs_where *where)
{
    glass_reader r, v;

    memset(m, 0, sizeof *m);
    m->kx = kx;
    glass_hs_reader_init(&r, body, len, where);
    if (kx == GLASS_KX_RSA)
        glass_read_vector_f(&r, 2, 1, sizeof m->data, &v, GLASS_F_CKE_RSA_LEN);
    else
        glass_read_vector_f(&r, 1, 1, 0xFF, &v, GLASS_F_CKE_ECDH_LEN);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, kx == GLASS_KX_RSA ? "encrypted_pre_master_secret"
                             : "ecdh_Yc", &r, body, GLASS_E_DECODE);
    m->len = glass_reader_left(&v);
    glass_read_copy_f(&v, m->data, m->len,
                      kx == GLASS_KX_RSA ? GLASS_F_CKE_RSA : GLASS_F_CKE_ECDH);
    return 0;
}
