/*
 * certificate_request.c — CertificateRequest (RFC 5246 section 7.4.4),
 * sent by a server that wants the client to authenticate too:
 *
 *   enum { rsa_sign(1), dss_sign(2), rsa_fixed_dh(3), dss_fixed_dh(4),
 *          ..., ecdsa_sign(64) (RFC 8422 5.5), (255) } ClientCertificateType;
 *   opaque DistinguishedName<1..2^16-1>;
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;
 *
 * The names are the DER of the CAs' subjects; an empty list means "any".
 * The parser keeps the first entries of each list and pointers into the
 * message for the names; whether a certificate fits is the handler's
 * business.
 *
 * Handlers (table.c): glass_server_send_certificate_request
 * (server_table.c) writes it, glass_client_recv_certificate_request
 * (client_table.c) parses it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "CertificateRequest"

int glass_certificate_request_write(const glass_certificate_request *m, glass_writer *w)
{
    if (m->n_cert_types == 0 || m->n_cert_types > GLASS_HS_MAX_CERT_TYPES ||
        m->n_sigalgs == 0 || m->n_sigalgs > GLASS_HS_MAX_SIGALGS ||
        m->n_ca_names > GLASS_HS_MAX_CA_NAMES)
        return GLASS_E_INVALID_ARG;
    size_t mark = glass_write_vector_begin_f(w, 1, GLASS_F_CR_TYPES_LEN);
    for (size_t i = 0; i < m->n_cert_types; i++)
        glass_write_u8_f(w, m->cert_types[i], GLASS_F_CR_TYPE);
    glass_write_vector_end(w, mark, 1);
    mark = glass_write_vector_begin_f(w, 2, GLASS_F_SIGALGS_LEN);
    for (size_t i = 0; i < m->n_sigalgs; i++)
        glass_write_u16_f(w, m->sigalgs[i], GLASS_F_SIGALG);
    glass_write_vector_end(w, mark, 2);
    mark = glass_write_vector_begin_f(w, 2, GLASS_F_CR_CAS_LEN);
    for (size_t i = 0; i < m->n_ca_names; i++) {
        if (m->ca_name_len[i] == 0)
            return GLASS_E_INVALID_ARG;
        size_t one = glass_write_vector_begin_f(w, 2, GLASS_F_CR_CA_LEN);
        glass_write_bytes_f(w, m->ca_name[i], m->ca_name_len[i], GLASS_F_CR_CA);
        glass_write_vector_end(w, one, 2);
    }
    glass_write_vector_end(w, mark, 2);
    return w->err;
}

int glass_certificate_request_parse(glass_certificate_request *m, const uint8_t *body,
                                    size_t len, glass_hs_where *where)
{
    glass_reader r, types, algs, cas;

    memset(m, 0, sizeof *m);
    glass_hs_reader_init(&r, body, len, where);
    glass_read_vector_f(&r, 1, 1, 0xFF, &types, GLASS_F_CR_TYPES_LEN);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "certificate_types", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&types) > 0) {
        uint8_t t = glass_read_u8_f(&types, GLASS_F_CR_TYPE);
        if (m->n_cert_types < GLASS_HS_MAX_CERT_TYPES)   /* keep the first ones */
            m->cert_types[m->n_cert_types++] = t;
    }
    glass_read_vector_f(&r, 2, 2, 0xFFFE, &algs, GLASS_F_SIGALGS_LEN);
    if (!glass_reader_ok(&r) || glass_reader_left(&algs) % 2 != 0)
        return glass_hs_fail(where, MSG, "supported_signature_algorithms", &r, body,
                             GLASS_E_DECODE);
    while (glass_reader_left(&algs) > 0) {
        uint16_t a = glass_read_u16_f(&algs, GLASS_F_SIGALG);
        if (m->n_sigalgs < GLASS_HS_MAX_SIGALGS)
            m->sigalgs[m->n_sigalgs++] = a;
    }
    glass_read_vector_f(&r, 2, 0, 0xFFFF, &cas, GLASS_F_CR_CAS_LEN);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "certificate_authorities", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&cas) > 0) {
        glass_reader one;
        glass_read_vector_f(&cas, 2, 1, 0xFFFF, &one, GLASS_F_CR_CA_LEN);
        if (!glass_reader_ok(&cas))
            return glass_hs_fail(where, MSG, "certificate_authorities.DistinguishedName", &cas,
                                 body, GLASS_E_DECODE);
        size_t n = glass_reader_left(&one);
        const uint8_t *name = glass_read_bytes_f(&one, n, GLASS_F_CR_CA);
        if (m->n_ca_names < GLASS_HS_MAX_CA_NAMES) {
            m->ca_name_len[m->n_ca_names] = n;
            m->ca_name[m->n_ca_names] = name;
            m->n_ca_names++;
        }
        m->ca_names_total++;
    }
    return 0;
}
