/*
 * fuzz_hs_msg.c — each handshake message decoder (lib/handshake/<message>.c
 * and extensions.c), RFC 5246 section 7.4 and RFC 8422.
 *
 * Input: one byte choosing the decoder, then the message body (what
 * follows the 4-byte handshake header):
 *   0 ClientHello   1 ServerHello   2 Certificate   3 ServerKeyExchange
 *   4 ServerHelloDone   5 ClientKeyExchange (RSA)   6 ClientKeyExchange
 *   (ECDHE)   7 Finished   8 ChangeCipherSpec   9 CertificateRequest
 *   10 CertificateVerify
 * Invariants: a failure names where (message, field, an offset inside the
 * body); a message that parses is written back by its writer, the result
 * parses again, and writing that gives the same bytes (parse and write
 * agree with each other; not for messages whose lists exceed the structs'
 * limits, see truncated()).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "handshake/codec.h"

#define OUT_CAP 70000

static int parse(int which, glass_hs_message *m, const uint8_t *body, size_t len,
                 glass_hs_where *where)
{
    switch (which) {
    case 0: return glass_client_hello_parse(&m->u.client_hello, body, len, where);
    case 1: return glass_server_hello_parse(&m->u.server_hello, body, len, where);
    case 2: return glass_certificate_parse(&m->u.certificate, body, len, where);
    case 3: return glass_server_key_exchange_parse(&m->u.server_key_exchange, body, len, where);
    case 4: return glass_server_hello_done_parse(body, len, where);
    case 5: return glass_client_key_exchange_parse(&m->u.client_key_exchange, GLASS_KX_RSA,
                                                   body, len, where);
    case 6: return glass_client_key_exchange_parse(&m->u.client_key_exchange, GLASS_KX_ECDHE_RSA,
                                                   body, len, where);
    case 7: return glass_finished_parse(&m->u.finished, body, len, where);
    case 9: return glass_certificate_request_parse(&m->u.certificate_request, body, len, where);
    case 10: return glass_certificate_verify_parse(&m->u.certificate_verify, body, len, where);
    default: return glass_change_cipher_spec_parse(&m->u.change_cipher_spec, body, len, where);
    }
}

static int write_msg(int which, const glass_hs_message *m, glass_writer *w)
{
    switch (which) {
    case 0: return glass_client_hello_write(&m->u.client_hello, w);
    case 1: return glass_server_hello_write(&m->u.server_hello, w);
    case 2: return glass_certificate_write(&m->u.certificate, w);
    case 3: return glass_server_key_exchange_write(&m->u.server_key_exchange, w);
    case 4: return glass_server_hello_done_write(w);
    case 5:
    case 6: return glass_client_key_exchange_write(&m->u.client_key_exchange, w);
    case 7: return glass_finished_write(&m->u.finished, w);
    case 9: return glass_certificate_request_write(&m->u.certificate_request, w);
    case 10: return glass_certificate_verify_write(&m->u.certificate_verify, w);
    default: return glass_change_cipher_spec_write(w);
    }
}

/* The parsed structs keep only the first N entries of long lists (the
 * limits in glasstls/handshake.h); checks that need the whole list (e.g.
 * "uncompressed is among the point formats", RFC 8422 5.1.2) are made on
 * the wire bytes while parsing.  A message at such a limit cannot be
 * written back as it was, so the round trip is not checked for it. */
static int truncated_exts(const glass_hello_exts *e)
{
    return e->n_groups == GLASS_HS_MAX_GROUPS || e->n_sigalgs == GLASS_HS_MAX_SIGALGS ||
           e->n_point_formats == GLASS_HS_MAX_FORMATS;
}

static int truncated(int which, const glass_hs_message *m)
{
    if (which == 0) {
        const glass_client_hello *ch = &m->u.client_hello;
        return ch->n_cipher_suites == GLASS_HS_MAX_SUITES ||
               ch->n_compression_methods == sizeof ch->compression_methods ||
               truncated_exts(&ch->ext);
    }
    if (which == 1)
        return truncated_exts(&m->u.server_hello.ext);
    if (which == 9) {
        const glass_certificate_request *cr = &m->u.certificate_request;
        return cr->n_cert_types == GLASS_HS_MAX_CERT_TYPES ||
               cr->n_sigalgs == GLASS_HS_MAX_SIGALGS || cr->ca_names_total > cr->n_ca_names;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static glass_hs_message m, m2;     /* ClientHello is large: off the stack */
    glass_hs_where where = { 0 };

    if (size < 1)
        return 0;
    int which = data[0] % 11;
    const uint8_t *body = data + 1;
    size_t len = size - 1;

    memset(&m, 0, sizeof m);
    memset(&where, 0, sizeof where);
    int rc = parse(which, &m, body, len, &where);
    if (rc != 0) {
        FUZZ_CHECK(rc < 0);
        FUZZ_CHECK(where.message != NULL && where.field != NULL);
        FUZZ_CHECK(where.offset <= len);
        return 0;
    }

    if (truncated(which, &m))
        return 0;
    uint8_t *out1 = malloc(OUT_CAP), *out2 = malloc(OUT_CAP);
    if (out1 == NULL || out2 == NULL)
        goto done;
    glass_writer w1, w2;
    glass_writer_init(&w1, out1, OUT_CAP);
    if (write_msg(which, &m, &w1) != 0)
        goto done;                     /* e.g. a value the writer refuses to send */
    memset(&m2, 0, sizeof m2);
    rc = parse(which, &m2, out1, w1.len, &where);
    FUZZ_CHECK(rc == 0);
    glass_writer_init(&w2, out2, OUT_CAP);
    FUZZ_CHECK(write_msg(which, &m2, &w2) == 0);
    FUZZ_CHECK(w1.len == w2.len && memcmp(out1, out2, w1.len) == 0);
done:
    free(out1);
    free(out2);
    return 0;
}
