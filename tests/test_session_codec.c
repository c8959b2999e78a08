/*
 * test_session_codec.c — the resumption fields of the handshake messages:
 * session_id in ClientHello, the SessionTicket extension (RFC 5077 3.2)
 * in ClientHello and ServerHello, and NewSessionTicket (RFC 5077 3.3):
 * round trips, the exact bytes, and malformed input.  The bytes written
 * by hand here follow the RFC's presentation language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "handshake/codec.h"

static glass_client_hello ch, ch2;
static glass_server_hello sh, sh2;

static void test_new_session_ticket(void **state)
{
    (void)state;
    static const uint8_t ticket[5] = { 1, 2, 3, 4, 5 };
    /* uint32 ticket_lifetime_hint = 7200, opaque ticket<0..2^16-1> */
    static const uint8_t want[] = { 0, 0, 0x1c, 0x20, 0, 5, 1, 2, 3, 4, 5 };
    uint8_t buf[64];
    glass_writer w;
    glass_new_session_ticket m = { 7200, ticket, sizeof ticket }, got;
    glass_hs_where where;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_new_session_ticket_write(&m, &w), 0);
    assert_int_equal(w.len, sizeof want);
    assert_memory_equal(buf, want, sizeof want);
    memset(&where, 0, sizeof where);
    assert_int_equal(glass_new_session_ticket_parse(&got, buf, w.len, &where), 0);
    assert_int_equal(got.ticket_lifetime_hint, 7200);
    assert_int_equal(got.ticket_len, 5);
    assert_ptr_equal(got.ticket, buf + 6);
    /* an empty ticket is allowed (RFC 5077 3.3) */
    static const uint8_t empty[] = { 0, 0, 0, 0, 0, 0 };
    assert_int_equal(glass_new_session_ticket_parse(&got, empty, sizeof empty, &where), 0);
    assert_int_equal(got.ticket_len, 0);
    /* every truncation, a byte too many, a length past the end */
    for (size_t n = 0; n < sizeof want; n++) {
        memset(&where, 0, sizeof where);
        assert_int_equal(glass_new_session_ticket_parse(&got, want, n, &where), GLASS_E_DECODE);
        assert_string_equal(where.message, "NewSessionTicket");
    }
    memcpy(buf, want, sizeof want);
    buf[sizeof want] = 0;
    assert_int_equal(glass_new_session_ticket_parse(&got, buf, sizeof want + 1, &where),
                     GLASS_E_DECODE);
    buf[5] = 6;
    assert_int_equal(glass_new_session_ticket_parse(&got, buf, sizeof want, &where),
                     GLASS_E_DECODE);
    assert_string_equal(where.field, "ticket");
    /* the writer refuses what the message cannot hold */
    m.ticket = NULL;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_new_session_ticket_write(&m, &w), GLASS_E_INVALID_ARG);
}

static void base_client_hello(glass_client_hello *m)
{
    memset(m, 0, sizeof *m);
    m->client_version = 0x0303;
    m->cipher_suites[0] = 0xC02F;
    m->n_cipher_suites = 1;
    m->n_compression_methods = 1;
    m->has_extensions = 1;
}

static void test_client_hello_session_and_ticket(void **state)
{
    (void)state;
    static const uint8_t ticket[300] = { 0xAA, 0xBB };
    uint8_t buf[1024];
    glass_writer w;
    glass_hs_where where;
    base_client_hello(&ch);
    memset(ch.session_id, 0x5C, 32);
    ch.session_id_len = 32;
    ch.ext.present = GLASS_EXTBIT_SESSION_TICKET;
    ch.ext.ticket = ticket;
    ch.ext.ticket_len = sizeof ticket;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&ch, &w), 0);
    /* version, random, session_id<32>, suites, compression, then the one
     * extension: type 0x0023, length 300, the ticket itself */
    assert_int_equal(buf[34], 32);
    assert_int_equal(buf[35], 0x5C);
    size_t ext = 2 + 32 + 1 + 32 + 2 + 2 + 1 + 1 + 2;
    assert_int_equal(buf[ext] << 8 | buf[ext + 1], 35);
    assert_int_equal(buf[ext + 2] << 8 | buf[ext + 3], 300);
    assert_int_equal(buf[ext + 4], 0xAA);
    assert_int_equal(w.len, ext + 4 + 300);
    memset(&where, 0, sizeof where);
    assert_int_equal(glass_client_hello_parse(&ch2, buf, w.len, &where), 0);
    assert_int_equal(ch2.session_id_len, 32);
    assert_memory_equal(ch2.session_id, ch.session_id, 32);
    assert_true(ch2.ext.present & GLASS_EXTBIT_SESSION_TICKET);
    assert_int_equal(ch2.ext.ticket_len, 300);
    assert_memory_equal(ch2.ext.ticket, ticket, 300);
    assert_int_equal(ch2.ext.n_ignored, 0);

    /* an empty one asks for a ticket */
    ch.ext.ticket_len = 0;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&ch, &w), 0);
    assert_int_equal(glass_client_hello_parse(&ch2, buf, w.len, &where), 0);
    assert_true(ch2.ext.present & GLASS_EXTBIT_SESSION_TICKET);
    assert_int_equal(ch2.ext.ticket_len, 0);
    /* a session_id of 33 bytes: refused both ways */
    ch.session_id_len = 33;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&ch, &w), GLASS_E_INVALID_ARG);
    ch.session_id_len = 32;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&ch, &w), 0);
    buf[34] = 33;
    assert_int_equal(glass_client_hello_parse(&ch2, buf, w.len, &where), GLASS_E_DECODE);
}

static void test_server_hello_ticket_extension(void **state)
{
    (void)state;
    uint8_t buf[256];
    glass_writer w;
    glass_hs_where where;
    memset(&sh, 0, sizeof sh);
    sh.server_version = 0x0303;
    sh.session_id_len = 32;
    sh.cipher_suite = 0xC02F;
    sh.has_extensions = 1;
    sh.ext.present = GLASS_EXTBIT_SESSION_TICKET;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_server_hello_write(&sh, &w), 0);
    size_t ext = 2 + 32 + 1 + 32 + 2 + 1;
    static const uint8_t want[] = { 0, 4, 0, 35, 0, 0 };   /* empty, RFC 5077 3.2 */
    assert_int_equal(w.len, ext + sizeof want);
    assert_memory_equal(buf + ext, want, sizeof want);
    memset(&where, 0, sizeof where);
    assert_int_equal(glass_server_hello_parse(&sh2, buf, w.len, &where), 0);
    assert_true(sh2.ext.present & GLASS_EXTBIT_SESSION_TICKET);
    /* a server's SessionTicket with data in it: decode_error */
    static const uint8_t bad[] = { 0, 5, 0, 35, 0, 1, 7 };
    memcpy(buf + ext, bad, sizeof bad);
    assert_int_equal(glass_server_hello_parse(&sh2, buf, ext + sizeof bad, &where),
                     GLASS_E_DECODE);
    assert_string_equal(where.field, "SessionTicket");
    /* twice in one ClientHello: duplicate */
    static const uint8_t twice[] = { 0, 8, 0, 35, 0, 0, 0, 35, 0, 0 };
    base_client_hello(&ch);
    ch.has_extensions = 0;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&ch, &w), 0);
    memcpy(buf + w.len, twice, sizeof twice);
    assert_int_equal(glass_client_hello_parse(&ch2, buf, w.len + sizeof twice, &where),
                     GLASS_E_DUPLICATE_EXTENSION);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_session_ticket),
        cmocka_unit_test(test_client_hello_session_and_ticket),
        cmocka_unit_test(test_server_hello_ticket_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
