/*
 * certificate.c — Certificate (RFC 5246 section 7.4.2), both sides:
 *
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 *
 * The sender's certificate comes first, each following one certifies the
 * one before.  The parser keeps pointers into the message; what the
 * certificates say is lib/x509's business (the client's handler asks it).
 *
 * Handlers (table.c): glass_server_send_certificate (server_table.c)
 * writes it, glass_client_recv_certificate (client_table.c) parses it;
 * after a CertificateRequest the client's answer goes the other way:
 * glass_client_send_certificate writes it (empty: no certificate to
 * offer), glass_server_recv_certificate parses it.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

#define MSG "Certificate"

int glass_certificate_write(const glass_certificate_msg *m, glass_writer *w)
{
    if (m->n_certs > GLASS_HS_MAX_CHAIN)
        return GLASS_E_INVALID_ARG;
    size_t all = glass_write_vector_begin_f(w, 3, GLASS_F_CERT_LIST_LEN);
    for (size_t i = 0; i < m->n_certs; i++) {
        size_t g = glass_write_group_begin(w, GLASS_F_CERT);
        size_t one = glass_write_vector_begin_f(w, 3, GLASS_F_CERT_LEN);
        glass_write_bytes_f(w, m->cert[i], m->cert_len[i], GLASS_F_CERT_DER);
        glass_write_vector_end(w, one, 3);
        glass_write_group_end(w, g);
    }
    glass_write_vector_end(w, all, 3);
    return w->err;
}

int glass_certificate_parse(glass_certificate_msg *m, const uint8_t *body, size_t len,
                            glass_hs_where *where)
{
    glass_reader r, list;

    memset(m, 0, sizeof *m);
    glass_hs_reader_init(&r, body, len, where);
    glass_read_vector_f(&r, 3, 0, 0xFFFFFF, &list, GLASS_F_CERT_LIST_LEN);
    glass_reader_expect_end(&r);
    if (!glass_reader_ok(&r))
        return glass_hs_fail(where, MSG, "certificate_list", &r, body, GLASS_E_DECODE);
    while (glass_reader_left(&list) > 0) {
        glass_reader one;
        size_t g = glass_read_group_begin(&list, GLASS_F_CERT);
        glass_read_vector_f(&list, 3, 1, 0xFFFFFF, &one, GLASS_F_CERT_LEN);
        if (!glass_reader_ok(&list))
            return glass_hs_fail(where, MSG, "certificate_list.ASN.1Cert", &list, body,
                                 GLASS_E_DECODE);
        if (m->n_certs == GLASS_HS_MAX_CHAIN)
            return glass_hs_fail(where, MSG, "certificate_list (too many certificates)",
                                 &one, body, GLASS_E_CHAIN_TOO_LONG);
        m->cert_len[m->n_certs] = glass_reader_left(&one);
        m->cert[m->n_certs] = glass_read_bytes_f(&one, m->cert_len[m->n_certs],
                                                 GLASS_F_CERT_DER);
        m->n_certs++;
        glass_read_group_end(&list, g);
    }
    return 0;
}
