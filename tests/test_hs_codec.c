/*
 * test_hs_codec.c — the handshake message codecs of lib/handshake/ (RFC 5246
 * section 7.4 and the extension RFCs), suite selection and the alert table.
 *
 * Known answers come from real OpenSSL messages captured by
 * tests/tools/capture_hello.py into tests/vectors/hs_openssl_flight.hex;
 * the facts checked (server name, suite, group, lengths) are the ones that
 * script asked OpenSSL for, not outputs of glasstls.
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
#include "glasstls/record.h"
#include "handshake/codec.h"
#include "handshake/suites.h"
#include "helpers/hex.h"

/* ------------------------------------------------------------ vectors */

typedef struct captured {
    char    who[8];
    int     type;
    uint8_t msg[8192];
    size_t  len;
} captured;

static captured flight[8];
static size_t n_flight;

static int load_flight(void **state)
{
    (void)state;
    FILE *f = fopen("tests/vectors/hs_openssl_flight.hex", "r");
    static char line[20000];
    if (f == NULL)
        return -1;
    n_flight = 0;
    while (fgets(line, sizeof line, f) != NULL && n_flight < 8) {
        char hex[17000];
        captured *c = &flight[n_flight];
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%7s %d %16999s", c->who, &c->type, hex) != 3)
            continue;
        long n = test_unhex(hex, c->msg, sizeof c->msg);
        if (n < 0)
            continue;
        c->len = (size_t)n;
        n_flight++;
    }
    fclose(f);
    return n_flight >= 5 ? 0 : -1;
}

static const captured *find_msg(int type)
{
    for (size_t i = 0; i < n_flight; i++)
        if (flight[i].type == type)
            return &flight[i];
    fail_msg("message type %d not in the vector file", type);
    return NULL;
}

/* body of a captured message (after the 4-byte header, whose length is checked) */
static const uint8_t *body_of(const captured *c, size_t *len)
{
    assert_true(c->len >= 4);
    size_t n = (size_t)c->msg[1] << 16 | (size_t)c->msg[2] << 8 | c->msg[3];
    assert_int_equal(n, c->len - 4);
    assert_int_equal(c->msg[0], c->type);
    *len = n;
    return c->msg + 4;
}

static int has16(const uint16_t *l, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == v)
            return 1;
    return 0;
}

/* ------------------------------------------------ real OpenSSL messages */

static void test_parse_openssl_client_hello(void **state)
{
    (void)state;
    size_t len;
    const uint8_t *b = body_of(find_msg(1), &len);
    static glass_client_hello ch;
    glass_hs_where where = { 0 };

    assert_int_equal(glass_client_hello_parse(&ch, b, len, &where), 0);
    assert_int_equal(ch.client_version, 0x0303);
    assert_memory_equal(ch.random, b + 2, 32);
    assert_true(has16(ch.cipher_suites, ch.n_cipher_suites, 0xC02F));
    assert_true(has16(ch.cipher_suites, ch.n_cipher_suites, 0xC030));
    assert_true(ch.offers_null_compression);
    assert_true(ch.has_extensions);
    assert_string_equal(ch.ext.server_name, "glass.test");
    assert_true(ch.ext.present & GLASS_EXTBIT_SERVER_NAME);
    assert_true(ch.ext.present & GLASS_EXTBIT_SIGNATURE_ALGORITHMS);
    assert_true(has16(ch.ext.sigalgs, ch.ext.n_sigalgs, GLASS_SIGALG_RSA_SHA256));
    assert_true(ch.ext.present & GLASS_EXTBIT_SUPPORTED_GROUPS);
    assert_true(has16(ch.ext.groups, ch.ext.n_groups, GLASS_GROUP_X25519));
    assert_true(ch.ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET);
    /* OpenSSL signals RFC 5746 with the SCSV or the extension */
    assert_true(glass_suite_offered_scsv(&ch) ||
                (ch.ext.present & GLASS_EXTBIT_RENEGOTIATION_INFO));
    /* a server picks ECDHE first by default */
    const glass_suite_info *s = glass_suite_choose(glass_default_suites, GLASS_SUITE_COUNT, &ch,
                                                   NULL);
    assert_non_null(s);
    assert_int_equal(s->id, 0xC02F);
}

static void test_parse_openssl_server_flight(void **state)
{
    (void)state;
    size_t len;
    const uint8_t *b;
    glass_hs_where where = { 0 };

    static glass_server_hello sh;
    b = body_of(find_msg(2), &len);
    assert_int_equal(glass_server_hello_parse(&sh, b, len, &where), 0);
    assert_int_equal(sh.server_version, 0x0303);
    assert_int_equal(sh.cipher_suite, 0xC02F);      /* what the script asked for */
    assert_int_equal(sh.compression_method, 0);
    assert_true(sh.ext.present & GLASS_EXTBIT_RENEGOTIATION_INFO);
    assert_int_equal(sh.ext.renegotiation_info_len, 0);
    assert_true(sh.ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET);

    glass_certificate_msg cert;
    b = body_of(find_msg(11), &len);
    assert_int_equal(glass_certificate_parse(&cert, b, len, &where), 0);
    assert_int_equal(cert.n_certs, 1);
    /* a DER SEQUENCE whose own length covers exactly cert_len bytes */
    assert_int_equal(cert.cert[0][0], 0x30);
    assert_int_equal(cert.cert[0][1], 0x82);
    assert_int_equal(((size_t)cert.cert[0][2] << 8 | cert.cert[0][3]) + 4, cert.cert_len[0]);

    static glass_server_key_exchange ske;
    b = body_of(find_msg(12), &len);
    assert_int_equal(glass_server_key_exchange_parse(&ske, b, len, &where), 0);
    assert_int_equal(ske.curve_type, 3);
    assert_int_equal(ske.named_group, GLASS_GROUP_X25519);  /* OpenSSL's first group */
    assert_int_equal(ske.public_key_len, 32);
    assert_int_equal(ske.params_len, 4 + 32);
    assert_int_equal(ske.signature_len, 256);               /* RSA-2048 */

    b = body_of(find_msg(14), &len);
    assert_int_equal(glass_server_hello_done_parse(b, len, &where), 0);
}

/* Every strict prefix of every real message must fail cleanly, pointing
 * at an offset inside the body. */
static void test_truncated_messages_fail(void **state)
{
    (void)state;
    static glass_hs_message m;
    for (size_t k = 0; k < n_flight; k++) {
        size_t len;
        const uint8_t *b = body_of(&flight[k], &len);
        for (size_t cut = 0; cut < len; cut++) {
            glass_hs_where where = { 0 };
            int err;
            switch (flight[k].type) {
            case 1:  err = glass_client_hello_parse(&m.u.client_hello, b, cut, &where); break;
            case 2:  err = glass_server_hello_parse(&m.u.server_hello, b, cut, &where); break;
            case 11: err = glass_certificate_parse(&m.u.certificate, b, cut, &where); break;
            case 12: err = glass_server_key_exchange_parse(&m.u.server_key_exchange, b, cut,
                                                           &where); break;
            default: continue;
            }
            /* a ClientHello/ServerHello cut exactly before its extensions
             * is still a valid message (section 7.4.1.2) */
            if (err == 0 && (flight[k].type == 1 || flight[k].type == 2))
                continue;
            assert_int_equal(err, GLASS_E_DECODE);
            assert_non_null(where.message);
            assert_non_null(where.field);
            assert_true(where.offset <= cut);
        }
    }
}

/* Any single corrupted byte: a clean success or a clean error, no crash
 * (run under ASan by make test SANITIZE=1). */
static void test_corrupted_bytes_no_crash(void **state)
{
    (void)state;
    static glass_hs_message m;
    static uint8_t buf[8192];
    for (size_t k = 0; k < n_flight; k++) {
        size_t len;
        const uint8_t *b = body_of(&flight[k], &len);
        for (size_t pos = 0; pos < len && pos < 400; pos++) {
            static const uint8_t vals[] = { 0x00, 0xff, 0x01, 0x80 };
            for (size_t v = 0; v < sizeof vals; v++) {
                memcpy(buf, b, len);
                buf[pos] = vals[v];
                glass_hs_where where = { 0 };
                int err = 0;
                switch (flight[k].type) {
                case 1:  err = glass_client_hello_parse(&m.u.client_hello, buf, len, &where); break;
                case 2:  err = glass_server_hello_parse(&m.u.server_hello, buf, len, &where); break;
                case 11: err = glass_certificate_parse(&m.u.certificate, buf, len, &where); break;
                case 12: err = glass_server_key_exchange_parse(&m.u.server_key_exchange, buf,
                                                               len, &where); break;
                default: break;
                }
                assert_true(err <= 0);
                if (err != 0) {
                    assert_non_null(where.message);
                    assert_true(glass_alert_for_error(err) != GLASS_ALERT_INTERNAL_ERROR);
                }
            }
        }
    }
}

/* -------------------------------------------------- our own round trips */

static void fill_client_hello(glass_client_hello *ch)
{
    memset(ch, 0, sizeof *ch);
    ch->client_version = 0x0303;
    for (int i = 0; i < 32; i++)
        ch->random[i] = (uint8_t)i;
    for (int i = 0; i < GLASS_SUITE_COUNT; i++)
        ch->cipher_suites[i] = glass_default_suites[i];
    ch->n_cipher_suites = GLASS_SUITE_COUNT;
    ch->compression_methods[0] = 0;
    ch->n_compression_methods = 1;
    ch->has_extensions = 1;
    glass_hello_exts *e = &ch->ext;
    e->present = GLASS_EXTBIT_SERVER_NAME | GLASS_EXTBIT_SUPPORTED_GROUPS |
                 GLASS_EXTBIT_EC_POINT_FORMATS | GLASS_EXTBIT_SIGNATURE_ALGORITHMS |
                 GLASS_EXTBIT_EXTENDED_MASTER_SECRET | GLASS_EXTBIT_RENEGOTIATION_INFO;
    strcpy(e->server_name, "www.example.com");
    e->groups[0] = GLASS_GROUP_X25519; e->n_groups = 1;
    e->point_formats[0] = 0; e->n_point_formats = 1;
    e->sigalgs[0] = GLASS_SIGALG_RSA_SHA256;
    e->sigalgs[1] = GLASS_SIGALG_RSA_SHA384;
    e->sigalgs[2] = GLASS_SIGALG_RSA_SHA512;
    e->n_sigalgs = 3;
}

static void test_client_hello_roundtrip(void **state)
{
    (void)state;
    static glass_client_hello in, out;
    uint8_t buf[1024];
    glass_writer w;
    fill_client_hello(&in);
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_hello_write(&in, &w), 0);
    /* fixed part: 2 + 32 + 1 + (2 + 12) + (1 + 1) */
    assert_int_equal(buf[34], 0);                /* empty session id */
    assert_int_equal(buf[35] << 8 | buf[36], 12); /* six suites */
    assert_int_equal(glass_client_hello_parse(&out, buf, w.len, NULL), 0);
    assert_int_equal(out.n_cipher_suites, 6);
    assert_memory_equal(out.cipher_suites, in.cipher_suites, 12);
    assert_memory_equal(out.random, in.random, 32);
    assert_int_equal(out.ext.present, in.ext.present);
    assert_string_equal(out.ext.server_name, "www.example.com");
    assert_int_equal(out.ext.n_sigalgs, 3);
    assert_int_equal(out.ext.sigalgs[2], GLASS_SIGALG_RSA_SHA512);
    assert_int_equal(out.ext.n_groups, 1);
    assert_int_equal(out.ext.renegotiation_info_len, 0);
    assert_int_equal(glass_sigalg_choose(&out.ext, GLASS_KEY_RSA, GLASS_EC_NONE),
                     GLASS_SIGALG_RSA_SHA256);
    assert_int_equal(glass_sigalg_choose(&out.ext, GLASS_KEY_EC, GLASS_EC_P256), 0);
}

static void test_server_hello_roundtrip(void **state)
{
    (void)state;
    static glass_server_hello in, out;
    uint8_t buf[256];
    glass_writer w;
    memset(&in, 0, sizeof in);
    in.server_version = 0x0303;
    memset(in.random, 0xAB, 32);
    memset(in.session_id, 0x5A, 32);
    in.session_id_len = 32;
    in.cipher_suite = 0x009D;
    in.has_extensions = 1;
    in.ext.present = GLASS_EXTBIT_RENEGOTIATION_INFO | GLASS_EXTBIT_EXTENDED_MASTER_SECRET |
                     GLASS_EXTBIT_SERVER_NAME;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_server_hello_write(&in, &w), 0);
    /* 2+32+1+32+2+1 fixed, ext block 2 + (4+1) + (4) + (4) */
    assert_int_equal(w.len, 70 + 2 + 5 + 4 + 4);
    assert_int_equal(glass_server_hello_parse(&out, buf, w.len, NULL), 0);
    assert_int_equal(out.cipher_suite, 0x009D);
    assert_int_equal(out.session_id_len, 32);
    assert_int_equal(out.ext.present, in.ext.present);
}

static void test_small_messages_roundtrip(void **state)
{
    (void)state;
    uint8_t buf[1024];
    glass_writer w;
    glass_hs_where where = { 0 };

    /* Certificate: two certificates, each uint24-prefixed inside a uint24 list */
    static const uint8_t c1[] = { 0x30, 0x03, 1, 2, 3 }, c2[] = { 0x30, 0x00 };
    glass_certificate_msg cm = { 2, { c1, c2 }, { sizeof c1, sizeof c2 } }, cm2;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_certificate_write(&cm, &w), 0);
    assert_int_equal(w.len, 3 + 3 + 5 + 3 + 2);
    assert_int_equal(glass_certificate_parse(&cm2, buf, w.len, &where), 0);
    assert_int_equal(cm2.n_certs, 2);
    assert_memory_equal(cm2.cert[0], c1, sizeof c1);
    /* an empty ASN.1Cert<1..2^24-1> is malformed */
    static const uint8_t empty_cert[] = { 0, 0, 3, 0, 0, 0 };
    assert_int_equal(glass_certificate_parse(&cm2, empty_cert, sizeof empty_cert, &where),
                     GLASS_E_DECODE);

    /* ClientKeyExchange: RSA has a uint16 length, ECDHE a uint8 one */
    static glass_client_key_exchange ck, ck2;
    memset(&ck, 0, sizeof ck);
    ck.kx = GLASS_KX_RSA; ck.len = 256; memset(ck.data, 7, 256);
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_key_exchange_write(&ck, &w), 0);
    assert_int_equal(w.len, 258);
    assert_int_equal(buf[0] << 8 | buf[1], 256);
    assert_int_equal(glass_client_key_exchange_parse(&ck2, GLASS_KX_RSA, buf, w.len, &where), 0);
    assert_int_equal(ck2.len, 256);
    ck.kx = GLASS_KX_ECDHE_RSA; ck.len = 32;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_key_exchange_write(&ck, &w), 0);
    assert_int_equal(w.len, 33);
    assert_int_equal(glass_client_key_exchange_parse(&ck2, GLASS_KX_ECDHE_RSA, buf, 33, &where), 0);
    /* the codec reads any 1..255-byte point: its size is the group's, which
     * the server's handler checks (a 31-byte X25519 key, a compressed
     * P-256 point: test_handshake.c) */
    buf[0] = 31;
    assert_int_equal(glass_client_key_exchange_parse(&ck2, GLASS_KX_ECDHE_RSA, buf, 32, &where),
                     0);
    assert_int_equal(ck2.len, 31);
    ck.kx = GLASS_KX_ECDHE_ECDSA; ck.len = 65; ck.data[0] = 4;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_client_key_exchange_write(&ck, &w), 0);
    assert_int_equal(w.len, 66);
    assert_int_equal(glass_client_key_exchange_parse(&ck2, GLASS_KX_ECDHE_ECDSA, buf, 66, &where),
                     0);
    assert_int_equal(ck2.len, 65);
    buf[0] = 0;                                  /* an empty point */
    assert_int_equal(glass_client_key_exchange_parse(&ck2, GLASS_KX_ECDHE_ECDSA, buf, 1, &where),
                     GLASS_E_DECODE);

    /* Finished: exactly 12 bytes */
    glass_finished fin, fin2;
    memset(fin.verify_data, 0xEE, 12);
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_finished_write(&fin, &w), 0);
    assert_int_equal(w.len, 12);
    assert_int_equal(glass_finished_parse(&fin2, buf, 12, &where), 0);
    assert_int_equal(glass_finished_parse(&fin2, buf, 11, &where), GLASS_E_DECODE);
    assert_int_equal(glass_finished_parse(&fin2, buf, 13, &where), GLASS_E_DECODE);

    /* ChangeCipherSpec: the single byte 1 */
    glass_change_cipher_spec ccs;
    static const uint8_t one = 1, two = 2;
    assert_int_equal(glass_change_cipher_spec_parse(&ccs, &one, 1, &where), 0);
    assert_int_equal(glass_change_cipher_spec_parse(&ccs, &two, 1, &where), GLASS_E_DECODE);

    /* ServerHelloDone: empty */
    assert_int_equal(glass_server_hello_done_parse(&one, 1, &where), GLASS_E_DECODE);
    assert_string_equal(where.message, "ServerHelloDone");
}

/* A ClientHello with a hand-made extensions block. */
static size_t hello_with_exts(uint8_t *buf, size_t cap, const uint8_t *exts, size_t exts_len)
{
    glass_writer w;
    glass_writer_init(&w, buf, cap);
    glass_write_u16(&w, 0x0303);
    for (int i = 0; i < 32; i++)
        glass_write_u8(&w, 0x11);
    glass_write_u8(&w, 0);
    glass_write_u16(&w, 2);
    glass_write_u16(&w, 0xC02F);
    glass_write_u8(&w, 1);
    glass_write_u8(&w, 0);
    glass_write_u16(&w, (uint16_t)exts_len);
    glass_write_bytes(&w, exts, exts_len);
    assert_true(glass_writer_ok(&w));
    return w.len;
}

static void test_extension_rules(void **state)
{
    (void)state;
    static glass_client_hello ch;
    static glass_server_hello sh;
    uint8_t buf[512];
    glass_hs_where where = { 0 };
    size_t n;

    /* GREASE (RFC 8701) and ALPN are ignored by the server, but listed */
    static const uint8_t grease[] = { 0x0a, 0x0a, 0, 0, 0x00, 0x10, 0, 5, 0, 3, 2, 'h', '2',
                                      0x00, 0x17, 0, 0 };
    n = hello_with_exts(buf, sizeof buf, grease, sizeof grease);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), 0);
    assert_int_equal(ch.ext.n_ignored, 2);
    assert_int_equal(ch.ext.ignored[0], 0x0a0a);
    assert_int_equal(ch.ext.ignored[1], 16);
    assert_true(ch.ext.present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET);

    /* the same extension twice (RFC 5246 section 7.4.1.4) */
    static const uint8_t dup[] = { 0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0, 0x00, 0x17, 0, 0 };
    n = hello_with_exts(buf, sizeof buf, dup, sizeof dup);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_DUPLICATE_EXTENSION);
    assert_int_equal(where.offset, n - 0);    /* at the empty body of the second one */
    /* an unknown type twice is a duplicate too */
    static const uint8_t dup_unknown[] = { 0x12, 0x34, 0, 0, 0x12, 0x34, 0, 1, 9 };
    n = hello_with_exts(buf, sizeof buf, dup_unknown, sizeof dup_unknown);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_DUPLICATE_EXTENSION);

    /* extended_master_secret must be empty */
    static const uint8_t ems_body[] = { 0x00, 0x17, 0, 1, 0 };
    n = hello_with_exts(buf, sizeof buf, ems_body, sizeof ems_body);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_DECODE);
    assert_string_equal(where.field, "extended_master_secret");

    /* inner length of supported_groups longer than the extension */
    static const uint8_t bad_inner[] = { 0x00, 0x0a, 0, 4, 0, 4, 0, 29 };
    n = hello_with_exts(buf, sizeof buf, bad_inner, sizeof bad_inner);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_DECODE);
    /* odd-length group list */
    static const uint8_t odd[] = { 0x00, 0x0a, 0, 5, 0, 3, 0, 29, 1 };
    n = hello_with_exts(buf, sizeof buf, odd, sizeof odd);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_DECODE);
    /* point formats without uncompressed */
    static const uint8_t pf[] = { 0x00, 0x0b, 0, 2, 1, 1 };
    n = hello_with_exts(buf, sizeof buf, pf, sizeof pf);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_ILLEGAL_PARAMETER);
    /* server_name with a NUL byte inside */
    static const uint8_t sni_nul[] = { 0x00, 0x00, 0, 8, 0, 6, 0, 0, 3, 'a', 0, 'b' };
    n = hello_with_exts(buf, sizeof buf, sni_nul, sizeof sni_nul);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n, &where), GLASS_E_ILLEGAL_PARAMETER);
    /* extensions block length larger than what follows */
    n = hello_with_exts(buf, sizeof buf, grease, sizeof grease);
    assert_int_equal(glass_client_hello_parse(&ch, buf, n - 1, &where), GLASS_E_DECODE);

    /* ServerHello: unknown extension -> unsupported_extension */
    glass_writer w;
    glass_writer_init(&w, buf, sizeof buf);
    glass_write_u16(&w, 0x0303);
    for (int i = 0; i < 32; i++)
        glass_write_u8(&w, 0x22);
    glass_write_u8(&w, 0);
    glass_write_u16(&w, 0xC02F);
    glass_write_u8(&w, 0);
    size_t base = w.len;
    static const uint8_t sh_unknown[] = { 0, 4, 0x00, 0x10, 0, 0 };   /* ALPN: not glasstls's */
    glass_write_bytes(&w, sh_unknown, sizeof sh_unknown);
    assert_int_equal(glass_server_hello_parse(&sh, buf, w.len, &where),
                     GLASS_E_UNSUPPORTED_EXTENSION);
    assert_int_equal(glass_alert_for_error(GLASS_E_UNSUPPORTED_EXTENSION),
                     GLASS_ALERT_UNSUPPORTED_EXTENSION);
    /* ServerHello with signature_algorithms: servers MUST NOT send it */
    w.len = base;
    static const uint8_t sh_sig[] = { 0, 8, 0, 13, 0, 4, 0, 2, 4, 1 };
    glass_write_bytes(&w, sh_sig, sizeof sh_sig);
    assert_int_equal(glass_server_hello_parse(&sh, buf, w.len, &where),
                     GLASS_E_UNSUPPORTED_EXTENSION);
}

static void test_suite_choice(void **state)
{
    (void)state;
    static glass_client_hello ch;
    fill_client_hello(&ch);
    /* server preference wins over the client's order (ctx NULL: an RSA
     * certificate and the default groups) */
    ch.cipher_suites[0] = 0x009D; ch.cipher_suites[1] = 0xC030; ch.n_cipher_suites = 2;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, NULL)->id, 0xC030);
    static const uint16_t rsa_first[] = { 0x009D, 0xC030 };
    assert_int_equal(glass_suite_choose(rsa_first, 2, &ch, NULL)->id, 0x009D);
    /* without signature_algorithms, ECDHE is not possible (no SHA-1 signing) */
    ch.ext.present &= ~GLASS_EXTBIT_SIGNATURE_ALGORITHMS;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, NULL)->id, 0x009D);
    /* without a group in common either (25 = secp521r1, not implemented) */
    ch.ext.present |= GLASS_EXTBIT_SIGNATURE_ALGORITHMS;
    ch.ext.groups[0] = 25;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, NULL)->id, 0x009D);
    /* P-256 alone is a group in common */
    ch.ext.groups[0] = GLASS_GROUP_SECP256R1;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, NULL)->id, 0xC030);
    ch.ext.groups[0] = 25;
    /* nothing in common */
    ch.cipher_suites[0] = 0x002F; ch.n_cipher_suites = 1;
    assert_null(glass_suite_choose(glass_default_suites, 6, &ch, NULL));
    assert_int_equal(glass_suite_refusal(glass_default_suites, 6, &ch, NULL),
                     GLASS_E_NO_COMMON_SUITE);
    /* ECDHE only, without a common group: no suite, whatever the signatures */
    ch.cipher_suites[0] = 0xC030;
    assert_null(glass_suite_choose(glass_default_suites, 6, &ch, NULL));
    assert_int_equal(glass_suite_refusal(glass_default_suites, 6, &ch, NULL),
                     GLASS_E_NO_COMMON_SUITE);
    /* ECDHE_RSA only, X25519, but only signature algorithms an RSA key
     * cannot sign with (rsa_pkcs1_sha1, ecdsa_secp256r1_sha256), or none */
    ch.ext.groups[0] = GLASS_GROUP_X25519;
    ch.ext.sigalgs[0] = GLASS_SIGALG_RSA_SHA1; ch.ext.sigalgs[1] = 0x0403; ch.ext.n_sigalgs = 2;
    assert_null(glass_suite_choose(glass_default_suites, 6, &ch, NULL));
    assert_int_equal(glass_suite_refusal(glass_default_suites, 6, &ch, NULL), GLASS_E_NO_SIGALG);
    ch.ext.present &= ~GLASS_EXTBIT_SIGNATURE_ALGORITHMS;
    assert_int_equal(glass_suite_refusal(glass_default_suites, 6, &ch, NULL), GLASS_E_NO_SIGALG);
    /* ... unless the server does not want ECDHE at all */
    static const uint16_t rsa_only[] = { 0x009C, 0x009D };
    assert_int_equal(glass_suite_refusal(rsa_only, 2, &ch, NULL), GLASS_E_NO_COMMON_SUITE);

    /* a server with both certificates (RSA, and EC on P-256) */
    static const uint16_t groups[] = { GLASS_GROUP_X25519, GLASS_GROUP_SECP256R1,
                                       GLASS_GROUP_SECP384R1 };
    glass_suite_ctx both = { groups, 3, 1, GLASS_EC_P256 };
    glass_suite_ctx ec_only = { groups, 3, 0, GLASS_EC_P256 };
    fill_client_hello(&ch);
    ch.cipher_suites[0] = 0xC02F; ch.cipher_suites[1] = 0xC02B; ch.n_cipher_suites = 2;
    ch.ext.groups[0] = GLASS_GROUP_X25519; ch.ext.groups[1] = GLASS_GROUP_SECP256R1;
    ch.ext.n_groups = 2;
    /* an RSA-only client (its sigalgs are rsa_pkcs1 only): the RSA one */
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, &both)->id, 0xC02F);
    assert_null(glass_suite_choose(glass_default_suites, 6, &ch, &ec_only));
    assert_int_equal(glass_suite_refusal(glass_default_suites, 6, &ch, &ec_only),
                     GLASS_E_NO_SIGALG);
    /* a client that can verify ECDSA too: ECDSA first by default */
    ch.ext.sigalgs[3] = GLASS_SIGALG_ECDSA_SHA256; ch.ext.n_sigalgs = 4;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, &both)->id, 0xC02B);
    /* ... but not when the certificate's curve is not among its groups
     * (RFC 8422 5.1) */
    ch.ext.n_groups = 1;
    assert_int_equal(glass_suite_choose(glass_default_suites, 6, &ch, &both)->id, 0xC02F);
    assert_null(glass_suite_choose(glass_default_suites, 6, &ch, &ec_only));
    ch.ext.n_groups = 2;
    /* the group: the server's order among the client's */
    ch.ext.groups[0] = GLASS_GROUP_SECP384R1;
    assert_int_equal(glass_group_choose(&both, &ch.ext), GLASS_GROUP_SECP256R1);
    static const uint16_t p384_first[] = { GLASS_GROUP_SECP384R1, GLASS_GROUP_X25519 };
    glass_suite_ctx p384 = { p384_first, 2, 1, GLASS_EC_NONE };
    assert_int_equal(glass_group_choose(&p384, &ch.ext), GLASS_GROUP_SECP384R1);
    ch.ext.present &= ~GLASS_EXTBIT_SUPPORTED_GROUPS;
    assert_int_equal(glass_group_choose(&both, &ch.ext), 0);
    ch.ext.present |= GLASS_EXTBIT_SUPPORTED_GROUPS;
    /* the scheme for an EC key: the curve's own hash first, else the
     * client's first ecdsa one */
    ch.ext.sigalgs[0] = GLASS_SIGALG_ECDSA_SHA256; ch.ext.sigalgs[1] = GLASS_SIGALG_RSA_SHA256;
    ch.ext.sigalgs[2] = GLASS_SIGALG_ECDSA_SHA384; ch.ext.n_sigalgs = 3;
    assert_int_equal(glass_sigalg_choose(&ch.ext, GLASS_KEY_EC, GLASS_EC_P384),
                     GLASS_SIGALG_ECDSA_SHA384);
    assert_int_equal(glass_sigalg_choose(&ch.ext, GLASS_KEY_EC, GLASS_EC_P256),
                     GLASS_SIGALG_ECDSA_SHA256);
    assert_int_equal(glass_sigalg_choose(&ch.ext, GLASS_KEY_RSA, GLASS_EC_NONE),
                     GLASS_SIGALG_RSA_SHA256);
    ch.ext.n_sigalgs = 2;
    assert_int_equal(glass_sigalg_choose(&ch.ext, GLASS_KEY_EC, GLASS_EC_P384),
                     GLASS_SIGALG_ECDSA_SHA256);
    assert_int_equal(glass_sigalg_key_type(GLASS_SIGALG_ECDSA_SHA512), GLASS_KEY_EC);
    assert_int_equal(glass_sigalg_key_type(GLASS_SIGALG_RSA_PSS_RSAE_SHA384), GLASS_KEY_RSA);
    assert_int_equal(glass_sigalg_key_type(0x0203), GLASS_KEY_NONE);   /* ecdsa_sha1 */
    /* the suites' parameters (RFC 5288/5289) */
    const glass_suite_info *s = glass_suite_find(0xC030);
    assert_int_equal(s->prf_hash, GLASS_HASH_SHA384);
    assert_int_equal(s->key_len, 32);
    assert_int_equal(s->kx, GLASS_KX_ECDHE_RSA);
    s = glass_suite_find(0x009C);
    assert_int_equal(s->prf_hash, GLASS_HASH_SHA256);
    assert_int_equal(s->key_len, 16);
    assert_int_equal(s->kx, GLASS_KX_RSA);
    s = glass_suite_find(0xC02C);
    assert_int_equal(s->prf_hash, GLASS_HASH_SHA384);
    assert_int_equal(s->key_len, 32);
    assert_int_equal(s->kx, GLASS_KX_ECDHE_ECDSA);
    assert_null(glass_suite_find(0x00FF));
}

static void test_alert_table_covers_every_error(void **state)
{
    (void)state;
    static const int codes[] = {
#define CODE_(name, value, alert, text) value,
        GLASS_ERROR_LIST(CODE_)
#undef CODE_
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        int a = glass_alert_for_error(codes[i]);
        assert_true(a == GLASS_ALERT_NONE || strcmp(glass_alert_name(a), "unknown") != 0);
    }
    /* RFC 5246 section 7.2.2 meanings */
    assert_int_equal(glass_alert_for_error(GLASS_E_UNEXPECTED_MESSAGE), 10);
    assert_int_equal(glass_alert_for_error(GLASS_E_DECODE), 50);
    assert_int_equal(glass_alert_for_error(GLASS_E_BAD_FINISHED), 51);
    assert_int_equal(glass_alert_for_error(GLASS_E_PROTOCOL_VERSION), 70);
    assert_int_equal(glass_alert_for_error(GLASS_E_NO_COMMON_SUITE), 40);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_EXPIRED), 45);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_UNKNOWN_ISSUER), 48);
    assert_int_equal(glass_alert_for_error(GLASS_E_CERT_HOSTNAME), 42);
    assert_int_equal(glass_alert_for_error(GLASS_E_WANT_READ), GLASS_ALERT_NONE);
    assert_int_equal(glass_alert_for_error(GLASS_E_INTERNAL), 80);
    assert_string_equal(glass_alert_name(110), "unsupported_extension");
}

/* RFC 5246 7.4.4: CertificateRequest, written and parsed; every list
 * length checked. */
static void test_certificate_request(void **state)
{
    (void)state;
    static const uint8_t name1[] = { 0x30, 0x04, 0x31, 0x02, 0x30, 0x00 };
    glass_certificate_request cr, back;
    uint8_t buf[256];
    glass_writer w;
    glass_hs_where where = { 0 };
    memset(&cr, 0, sizeof cr);
    cr.cert_types[0] = 1;
    cr.cert_types[1] = 64;
    cr.n_cert_types = 2;
    cr.sigalgs[0] = 0x0401;
    cr.sigalgs[1] = 0x0804;
    cr.n_sigalgs = 2;
    cr.ca_name[0] = name1;
    cr.ca_name_len[0] = sizeof name1;
    cr.n_ca_names = 1;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_certificate_request_write(&cr, &w), 0);
    /* types<1..2^8-1>, sigalgs<2..2^16-2>, authorities<0..2^16-1> of DN<1..2^16-1> */
    static const uint8_t want[] = { 2, 1, 64, 0, 4, 4, 1, 8, 4, 0, 8, 0, 6,
                                    0x30, 0x04, 0x31, 0x02, 0x30, 0x00 };
    assert_int_equal(w.len, sizeof want);
    assert_memory_equal(buf, want, sizeof want);
    assert_int_equal(glass_certificate_request_parse(&back, buf, w.len, &where), 0);
    assert_int_equal(back.n_cert_types, 2);
    assert_int_equal(back.cert_types[1], 64);
    assert_int_equal(back.n_sigalgs, 2);
    assert_int_equal(back.sigalgs[1], 0x0804);
    assert_int_equal(back.n_ca_names, 1);
    assert_int_equal(back.ca_names_total, 1);
    assert_int_equal(back.ca_name_len[0], sizeof name1);
    assert_memory_equal(back.ca_name[0], name1, sizeof name1);

    /* no CA names: "any" */
    static const uint8_t any[] = { 1, 1, 0, 2, 4, 1, 0, 0 };
    assert_int_equal(glass_certificate_request_parse(&back, any, sizeof any, &where), 0);
    assert_int_equal(back.ca_names_total, 0);

    static const struct { uint8_t b[16]; size_t n; const char *field; } bad[] = {
        { { 0, 0, 2, 4, 1, 0, 0 }, 7, "certificate_types" },             /* empty types */
        { { 1, 1, 0, 0, 0, 0 }, 6, "supported_signature_algorithms" },   /* empty sigalgs */
        { { 1, 1, 0, 3, 4, 1, 8, 0, 0 }, 9, "supported_signature_algorithms" }, /* odd */
        { { 1, 1, 0, 2, 4, 1, 0, 3, 0, 0, 1 }, 11, "certificate_authorities.DistinguishedName" },
        { { 1, 1, 0, 2, 4, 1, 0, 5, 0, 1, 0x30 }, 11, "certificate_authorities" }, /* short */
        { { 1, 1, 0, 2, 4, 1, 0, 0, 9 }, 9, "certificate_authorities" },  /* trailing byte */
        { { 1, 1, 0, 2, 4 }, 5, "supported_signature_algorithms" },      /* cut short */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&where, 0, sizeof where);
        if (glass_certificate_request_parse(&back, bad[i].b, bad[i].n, &where) != GLASS_E_DECODE)
            fail_msg("bad CertificateRequest %zu accepted", i);
        assert_string_equal(where.message, "CertificateRequest");
        assert_string_equal(where.field, bad[i].field);
    }
    /* the writer refuses what the message cannot carry */
    cr.n_cert_types = 0;
    glass_writer_init(&w, buf, sizeof buf);
    assert_int_equal(glass_certificate_request_write(&cr, &w), GLASS_E_INVALID_ARG);
}

/* RFC 6066 section 3: a host_name that is not a DNS host name is
 * illegal_parameter; a well-formed one, known or not, is kept. */
static void test_server_name_syntax(void **state)
{
    (void)state;
    static const struct { const char *name; size_t len; int ok; } cases[] = {
        { "localhost", 9, 1 }, { "www.example.org", 15, 1 }, { "a-b.c9", 6, 1 },
        { "127.0.0.1", 9, 1 }, { "XN--BCHER-KVA.example", 21, 1 },
        { "local\x07host", 10, 0 }, { "local\x1b[0mhost", 14, 0 },
        { "lo\xc3\xa7" "alhost", 11, 0 }, { "localhost\0", 10, 0 },
        { "localhost.", 10, 0 }, { "local..host", 11, 0 }, { ".localhost", 10, 0 },
        { "local host", 10, 0 }, { "local_host", 10, 0 }, { "a\xff", 2, 0 },
        /* a 64-byte label */
        { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b", 66, 0 },
    };
    uint8_t exts[320], buf[512];
    glass_client_hello ch;
    glass_hs_where where = { 0 };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = cases[i].len, e = 0;
        exts[e++] = 0; exts[e++] = 0;                         /* server_name */
        exts[e++] = (uint8_t)((n + 5) >> 8); exts[e++] = (uint8_t)(n + 5);
        exts[e++] = (uint8_t)((n + 3) >> 8); exts[e++] = (uint8_t)(n + 3);
        exts[e++] = 0;                                        /* host_name */
        exts[e++] = (uint8_t)(n >> 8); exts[e++] = (uint8_t)n;
        memcpy(exts + e, cases[i].name, n);
        e += n;
        size_t len = hello_with_exts(buf, sizeof buf, exts, e);
        int rc = glass_client_hello_parse(&ch, buf, len, &where);
        if (cases[i].ok) {
            assert_int_equal(rc, 0);
            assert_int_equal(strlen(ch.ext.server_name), n);
            assert_memory_equal(ch.ext.server_name, cases[i].name, n);
        } else {
            if (rc != GLASS_E_ILLEGAL_PARAMETER)
                fail_msg("host_name case %zu: %d, want illegal_parameter", i, rc);
        }
    }
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(glass_hs_state_name(GLASS_ST_CLIENT_HELLO), "ClientHello");
    assert_string_equal(glass_hs_state_name(GLASS_ST_SERVER_KEY_EXCHANGE), "ServerKeyExchange");
    assert_string_equal(glass_hs_state_name(GLASS_ST_COUNT), "unknown");
    assert_string_equal(glass_hs_type_name(GLASS_HS_SERVER_HELLO_DONE), "ServerHelloDone");
    assert_string_equal(glass_hs_type_name(GLASS_HS_CHANGE_CIPHER_SPEC), "ChangeCipherSpec");
    assert_string_equal(glass_sigalg_name(GLASS_SIGALG_RSA_SHA384), "rsa_pkcs1_sha384");
}

/* The handshake header: msg_type and a uint24 body length (RFC 5246 7.4). */
static void test_hs_header_parse(void **state)
{
    (void)state;
    static const uint8_t h[GLASS_HS_HEADER_SIZE] = { 0x0b, 0x01, 0x02, 0x03 };
    glass_hs_header got = glass_hs_header_parse(h);
    assert_int_equal(got.type, GLASS_HS_CERTIFICATE);
    assert_int_equal(got.body_len, 0x010203);
    static const uint8_t max[GLASS_HS_HEADER_SIZE] = { 0x00, 0xff, 0xff, 0xff };
    got = glass_hs_header_parse(max);
    assert_int_equal(got.type, GLASS_HS_HELLO_REQUEST);
    assert_int_equal(got.body_len, 0xffffff);
}

/* What a ServerKeyExchange signature covers: Hash(client_random +
 * server_random + ServerECDHParams), the hash following the sigalg.
 * Expected digests from Python's hashlib:
 *   cr = bytes(range(1, 33)); sr = bytes(range(0x21, 0x41))
 *   pk = bytes(range(0x41, 0x61)); p = bytes([3, 0, 29, 32]) + pk
 *   hashlib.sha256(cr + sr + p).hexdigest(); hashlib.sha384(cr + sr + p)... */
static void test_ske_signed_hash(void **state)
{
    (void)state;
    static const uint8_t want256[32] = {
        0x59, 0xcc, 0x81, 0xca, 0x3a, 0xe3, 0x97, 0x27, 0xfd, 0x3f, 0x90, 0x8b,
        0xe1, 0x60, 0x22, 0x00, 0xcb, 0x1a, 0x31, 0xe2, 0x84, 0x3a, 0x65, 0x0d,
        0x0c, 0x21, 0x50, 0xe8, 0xf7, 0x21, 0x78, 0xf3,
    };
    static const uint8_t want384[48] = {
        0x9d, 0xf6, 0x64, 0x2c, 0xa1, 0x4c, 0xc4, 0xa8, 0x4e, 0xfc, 0x34, 0x6a,
        0x2c, 0x82, 0x0b, 0x51, 0x11, 0x58, 0x8a, 0xae, 0xd5, 0x62, 0x4f, 0xa7,
        0x6b, 0x5d, 0xeb, 0x28, 0x65, 0x66, 0x69, 0xcd, 0x9b, 0xb0, 0xaf, 0x3c,
        0xb0, 0xb0, 0xd1, 0xf0, 0x2f, 0x36, 0x87, 0xa8, 0xdf, 0x50, 0x16, 0x0b,
    };
    uint8_t cr[32], sr[32], digest[GLASS_HASH_MAX_SIZE];
    glass_server_key_exchange ske;
    memset(&ske, 0, sizeof ske);
    for (int i = 0; i < 32; i++) {
        cr[i] = (uint8_t)(1 + i);
        sr[i] = (uint8_t)(0x21 + i);
        ske.public_key[i] = (uint8_t)(0x41 + i);
    }
    ske.curve_type = 3;
    ske.named_group = GLASS_GROUP_X25519;
    ske.public_key_len = 32;
    ske.sigalg = GLASS_SIGALG_RSA_SHA256;
    assert_int_equal(glass_server_key_exchange_signed_hash(&ske, cr, sr, digest), 32);
    assert_memory_equal(digest, want256, 32);
    ske.sigalg = GLASS_SIGALG_RSA_SHA384;
    assert_int_equal(glass_server_key_exchange_signed_hash(&ske, cr, sr, digest), 48);
    assert_memory_equal(digest, want384, 48);
    /* one byte of the point changes the hash */
    ske.public_key[31] ^= 1;
    assert_int_equal(glass_server_key_exchange_signed_hash(&ske, cr, sr, digest), 48);
    assert_memory_not_equal(digest, want384, 48);
    /* an algorithm glasstls does not use, and no point at all */
    ske.sigalg = GLASS_SIGALG_RSA_SHA1;
    assert_int_equal(glass_server_key_exchange_signed_hash(&ske, cr, sr, digest),
                     GLASS_E_ILLEGAL_PARAMETER);
    ske.sigalg = GLASS_SIGALG_RSA_SHA256;
    ske.public_key_len = 0;
    assert_int_equal(glass_server_key_exchange_signed_hash(&ske, cr, sr, digest),
                     GLASS_E_INVALID_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_openssl_client_hello),
        cmocka_unit_test(test_parse_openssl_server_flight),
        cmocka_unit_test(test_truncated_messages_fail),
        cmocka_unit_test(test_corrupted_bytes_no_crash),
        cmocka_unit_test(test_client_hello_roundtrip),
        cmocka_unit_test(test_server_hello_roundtrip),
        cmocka_unit_test(test_small_messages_roundtrip),
        cmocka_unit_test(test_extension_rules),
        cmocka_unit_test(test_suite_choice),
        cmocka_unit_test(test_alert_table_covers_every_error),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_server_name_syntax),
        cmocka_unit_test(test_certificate_request),
        cmocka_unit_test(test_hs_header_parse),
        cmocka_unit_test(test_ske_signed_hash),
    };
    return cmocka_run_group_tests(tests, load_flight, NULL);
}
