/*
 * server_key_exchange.c — ServerKeyExchange for ECDHE_RSA (RFC 8422
 * section 5.4 with the TLS 1.2 signature form of RFC 5246 section 7.4.3),
 * for ECDHE_RSA and ECDHE_ECDSA alike:
 *
 *   struct {
 *       ECCurveType curve_type;          3 = named_curve
 *       NamedCurve  namedcurve;          29 x25519, 23 secp256r1, 24 secp384r1
 *       opaque      point <1..2^8-1>;    the server's ephemeral public key
 *   } ServerECDHParams;
 *
 *   struct {
 *       ServerECDHParams params;
 *       digitally-signed struct {        SignatureAndHashAlgorithm +
 *           opaque client_random[32];    opaque signature<0..2^16-1>
 *           opaque server_random[32];    (RFC 5246 section 4.7)
 *           ServerECDHParams params;
 *       } signed_params;
 *   } ServerKeyExchange;
 *
 * For X25519 the point is the 32-byte u-coordinate (RFC 8422 section 5.11);
 * for P-256 and P-384 the uncompressed ECPoint 04 || X || Y (RFC 8422
 * 5.4.1; compressed forms are deprecated and refused), checked on the curve
 * by the client's handler (glass_ec_public_decode).  With ECDHE_ECDSA the
 * signature is a DER Ecdsa-Sig-Value, with ECDHE_RSA the RSA signature.
 * The RSA suites have no ServerKeyExchange (RFC 5246 section 7.4.3).
 * The hash the signature covers is computed here too, for both sides.
 *
 * Handlers (table.c): glass_server_send_server_key_exchange
 * (server_table.c) signs and writes it, glass_client_recv_server_key_exchange
 * (client_table.c) parses it and verifies the signature.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"
#include "handshake/suites.h"

#define MSG "ServerKeyExchange"

/* The ServerECDHParams alone: the first part of the message, and what is
 * signed after the two randoms. */
static int ecdh_params_write(const glass_server_key_exchange *m, glass_writer *w)
{
    if (m->public_key_len == 0 || m->public_key_len > sizeof m->public_key)
        return GLASS_E_INVALID_ARG;
    glass_write_u8_f(w, m->curve_type, GLASS_F_SKE_CURVE_TYPE);
    glass_write_u16_f(w, m->named_group, GLASS_F_SKE_NAMED_GROUP);
    glass_write_u8_f(w, (uint8_t)m->public_key_len, GLASS_F_SKE_POINT_LEN);
    glass_write_bytes_f(w, m->public_key, m->public_key_len, GLASS_F_SKE_POINT);
    return w->err;
}

int glass_server_key_exchange_write(const glass_server_key_exchange *m, glass_writer *w)
{
    int err = ecdh_params_write(m, w);
    if (err != 0)
        return err;
    if (m->signature_len > sizeof m->signature)
        return GLASS_E_INVALID_ARG;
    glass_write_u16_f(w, m->sigalg, GLASS_F_SKE_SIGALG);
    size_t mark = glass_write_vector_begin_f(w, 2, GLASS_F_SKE_SIG_LEN);
    glass_write_bytes_f(w, m->signature, m->signature_len, GLASS_F_SKE_SIG);
    glass_write_vector_end(w, mark, 2);
    return w->err;
}

/* The client hashes the parameters re-encoded from the parsed fields: the
 * parser accepts exactly one encoding of them (named_curve, a 2-byte
 * group, the point with its 1-byte length), so these are the bytes it
 * received. */
int glass_server_key_exchange_signed_hash(const glass_server_key_exchange *m,
                                          const uint8_t *client_random,
                                          const uint8_t *server_random,
                                          uint8_t digest[GLASS_HASH_MAX_SIZE])
{
    uint8_t params[1 + 2 + 1 + sizeof m->public_key];
    glass_writer pw;
    glass_hash_ctx ctx;
    glass_hash_id h = glass_sigalg_hash(m->sigalg);
    if (h == GLASS_HASH_NONE)
        return GLASS_E_ILLEGAL_PARAMETER;
    glass_writer_init(&pw, params, sizeof params);
    int err = ecdh_params_write(m, &pw);
    if (err == 0)
        err = glass_hash_init(&ctx, h);
    if (err != 0)
        return err;
    glass_hash_update(&ctx, client_random, 32);
    glass_hash_update(&ctx, server_random, 32);
    glass_hash_update(&ctx, params, pw.len);
    glass_hash_final(&ctx, digest);
    return (int)glass_hash_size(h);
}

int glass_server_key_exchange_parse(glass_server_key_exchange *m, const uint8_t *body,
                                    size_t len, glass_hs_where *where)
{
    glass_reader r, v;

    memset(m, 0, sizeof *m);
    glass_hs_reader_init(&r, body, len, where);
    m->curve_type = glass_read_u8_f(&r, GLASS_F_SKE_CURVE_TYPE);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "params.curve_type", &r, body, GLASS_E_DECODE);
    if (m->curve_type != 3)   /* only named_curve (RFC 8422 section 5.4) */
        return glass_hs_fail(where, MSG, "params.curve_type (not named_curve)", &r, body,
                             GLASS_E_ILLEGAL_PARAMETER);
    m->named_group = glass_read_u16_f(&r, GLASS_F_SKE_NAMED_GROUP);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "params.namedcurve", &r, body, GLASS_E_DECODE);
    glass_read_vector_f(&r, 1, 1, 0xFF, &v, GLASS_F_SKE_POINT_LEN);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "params.point", &r, body, GLASS_E_DECODE);
    /* X25519 keys are 32 bytes; an EC point is decoded and validated by
     * the handler (GLASS_E_EC_POINT, illegal_parameter), which knows the
     * group is one it offered; nothing longer than P-384's fits */
    if (m->named_group == GLASS_GROUP_X25519 && glass_reader_left(&v) != 32)
        return glass_hs_fail(where, MSG, "params.point (not 32 bytes)", &v, body,
                             GLASS_E_BAD_KEY_SHARE);
    if (glass_reader_left(&v) > sizeof m->public_key)
        return glass_hs_fail(where, MSG, "params.point (longer than a P-384 point)", &v, body,
                             GLASS_E_BAD_KEY_SHARE);
    m->public_key_len = glass_reader_left(&v);
    glass_read_copy_f(&v, m->public_key, m->public_key_len, GLASS_F_SKE_POINT);
    m->params = body;
    m->params_len = r.off;

    m->sigalg = glass_read_u16_f(&r, GLASS_F_SKE_SIGALG);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "signed_params.algorithm", &r, body, GLASS_E_DECODE);
    glass_read_vector_f(&r, 2, 1, sizeof m->signature, &v, GLASS_F_SKE_SIG_LEN);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "signed_params.signature", &r, body, GLASS_E_DECODE);
    m->signature_len = glass_reader_left(&v);
    glass_read_copy_f(&v, m->signature, m->signature_len, GLASS_F_SKE_SIG);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "trailing bytes", &r, body, GLASS_E_DECODE);
    return 0;
}
