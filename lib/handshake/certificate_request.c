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
    size_t mark = glass_write_vector_begin(w, 1);
    glass_write_bytes(w, m->cert_types, m->n_cert_types);
    glass_write_vector_end(w, mark, 1);
    mark = glass_write_vector_begin(w, 2);
    for (size_t i = 0; i < m->n_sigalgs; i++)
        glass_write_u16(w, m->sigalgs[i]);
    glass_write_vector_end(w, mark, 2);
    mark = glass_write_vector_begin(w, 2);
    for (size_t i = 0; i < m->n_ca_names; i++) {
        if (m->ca_name_len[i] == 0)
            return GLASS_E_INVALID_ARG;
        size_t one = glass_write_vector_begin(w, 2);
        glass_write_bytes(w, m->ca_name[i], m->ca_name_len[i]);
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
    glass_reader_init(&r, body, len);
    glass_read_vector(&r, 1, 1, 0xFF, &types);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "certificate_types", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&types) > 0) {
        uint8_t t = glass_read_u8(&types);
        if (m->n_cert_types < GLASS_HS_MAX_CERT_TYPES)   /* keep the first ones */
            m->cert_types[m->n_cert_types++] = t;
    }
    glass_read_vector(&r, 2, 2, 0xFFFE, &algs);
    if (!glass_reader_ok(&r) || glass_reader_left(&algs) % 2 != 0)
        return glass_hs_fail(where, MSG, "supported_signature_algorithms", &r, body,
                             GLASS_E_DECODE);
    while (glass_reader_left(&algs) > 0) {
        uint16_t a = glass_read_u16(&algs);
        if (m->n_sigalgs < GLASS_HS_MAX_SIGALGS)
            m->sigalgs[m->n_sigalgs++] = a;
    }
    glass_read_vector(&r, 2, 0, 0xFFFF, &cas);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "certificate_authorities", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&cas) > 0) {
        glass_reader one;
        glass_read_vector(&cas, 2, 1, 0xFFFF, &one);
        if (!glass_reader_ok(&cas))
            return glass_hs_fail(where, MSG, "certificate_authorities.DistinguishedName", &cas,
                                 body, GLASS_E_DECODE);
        if (m->n_ca_names < GLASS_HS_MAX_CA_NAMES) {
            m->ca_name_len[m->n_ca_names] = glass_reader_left(&one);
            m->ca_name[m->n_ca_names] = glass_read_bytes(&one, glass_reader_left(&one));
            m->n_ca_names++;
        }
        m->ca_names_total++;
    }
    return 0;
}
