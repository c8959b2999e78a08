/*
 * test_html.c — the IANA code point tables (lib/common/iana.c) and the web
 * page of a handshake (lib/render/html.c).
 *
 *   - the registry: GREASE recognised by its pattern in every registry
 *     that has it (RFC 8701 section 2) and nowhere else, a few names as
 *     the IANA registry spells them, unassigned values unknown;
 *   - the page of a hand-made ClientHello with its byte map: GREASE, a
 *     TLS 1.3 suite and an unassigned suite, a key_share extension whose
 *     body glasstls does not read but the page decodes (X25519MLKEM768);
 *   - the page of a real handshake (client and server in one process):
 *     one box per message in order, the client random, the key schedule
 *     only with show_secrets, and a recorder too small for the handshake
 *     that says so instead of overflowing.
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
#include "glasstls/fields.h"
#include "glasstls/handshake.h"
#include "glasstls/iana.h"
#include "glasstls/trace.h"
#include "helpers/hs_fixture.h"
#include "helpers/splitmix.h"

/* ---- the registry ---- */

static void test_grease(void **state)
{
    (void)state;
    static const glass_iana_registry u16regs[] = {
        GLASS_IANA_CIPHER_SUITE, GLASS_IANA_EXTENSION, GLASS_IANA_GROUP, GLASS_IANA_SIGALG,
        GLASS_IANA_VERSION,
    };
    for (size_t r = 0; r < sizeof u16regs / sizeof u16regs[0]; r++) {
        int n = 0;
        for (unsigned v = 0; v <= 0xffff; v++)
            n += glass_iana_is_grease(u16regs[r], (uint16_t)v);
        assert_int_equal(n, 16);                 /* 0x0a0a, 0x1a1a, ... 0xfafa */
        assert_true(glass_iana_is_grease(u16regs[r], 0x0a0a));
        assert_true(glass_iana_is_grease(u16regs[r], 0xfafa));
        assert_false(glass_iana_is_grease(u16regs[r], 0x0a1a));
        assert_false(glass_iana_is_grease(u16regs[r], 0x0b0b));
        assert_string_equal(glass_iana_name(u16regs[r], 0x3a3a), "GREASE");
    }
    /* PSK modes: 0x0B + 0x1F * n, one byte: 0x0B ... 0xE4 */
    int n = 0;
    for (unsigned v = 0; v <= 0xffff; v++)
        n += glass_iana_is_grease(GLASS_IANA_PSK_MODE, (uint16_t)v);
    assert_int_equal(n, 8);
    assert_true(glass_iana_is_grease(GLASS_IANA_PSK_MODE, 0x0b));
    assert_true(glass_iana_is_grease(GLASS_IANA_PSK_MODE, 0xe4));
    assert_false(glass_iana_is_grease(GLASS_IANA_PSK_MODE, 0xea));
    assert_false(glass_iana_is_grease(GLASS_IANA_PSK_MODE, 0x0a));
    /* no GREASE in registries that have none */
    assert_false(glass_iana_is_grease(GLASS_IANA_COMPRESSION, 0x0a0a));
    assert_false(glass_iana_is_grease(GLASS_IANA_POINT_FORMAT, 0x0a));
    /* ALPN: two bytes 0x?A 0x?A */
    const glass_iana_entry *e = glass_iana_alpn((const uint8_t *)"\x7a\x7a", 2);
    assert_non_null(e);
    assert_string_equal(e->name, "GREASE");
    assert_null(glass_iana_alpn((const uint8_t *)"\x7a\x7b", 2));
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(glass_iana_name(GLASS_IANA_CIPHER_SUITE, 0xC02F),
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assert_string_equal(glass_iana_name(GLASS_IANA_CIPHER_SUITE, 0x1301), "TLS_AES_128_GCM_SHA256");
    assert_string_equal(glass_iana_name(GLASS_IANA_CIPHER_SUITE, 0xCCA9),
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    assert_string_equal(glass_iana_name(GLASS_IANA_EXTENSION, 51), "key_share");
    assert_string_equal(glass_iana_name(GLASS_IANA_EXTENSION, 43), "supported_versions");
    assert_string_equal(glass_iana_name(GLASS_IANA_EXTENSION, 0xfe0d), "encrypted_client_hello");
    assert_string_equal(glass_iana_name(GLASS_IANA_EXTENSION, 0xff01), "renegotiation_info");
    assert_string_equal(glass_iana_name(GLASS_IANA_GROUP, 0x11ec), "X25519MLKEM768");
    assert_string_equal(glass_iana_name(GLASS_IANA_GROUP, 29), "x25519");
    assert_string_equal(glass_iana_name(GLASS_IANA_GROUP, 256), "ffdhe2048");
    assert_string_equal(glass_iana_name(GLASS_IANA_SIGALG, 0x0403), "ecdsa_secp256r1_sha256");
    assert_string_equal(glass_iana_name(GLASS_IANA_SIGALG, 0x0807), "ed25519");
    assert_string_equal(glass_iana_name(GLASS_IANA_SIGALG, 0x0905), "mldsa65");
    assert_string_equal(glass_iana_name(GLASS_IANA_VERSION, 0x0304), "TLS 1.3");
    assert_string_equal(glass_iana_name(GLASS_IANA_PSK_MODE, 1), "psk_dhe_ke");
    assert_string_equal(glass_iana_name(GLASS_IANA_CERT_COMPRESSION, 2), "brotli");
    const glass_iana_entry *e = glass_iana_lookup(GLASS_IANA_EXTENSION, 23);
    assert_non_null(e);
    assert_string_equal(e->ref, "RFC 7627");
    assert_non_null(strstr(e->glass, "implements"));
    e = glass_iana_lookup(GLASS_IANA_CIPHER_SUITE, 0x1302);
    assert_non_null(strstr(e->glass, "TLS 1.3"));       /* says why it is ignored */
    e = glass_iana_alpn((const uint8_t *)"h2", 2);
    assert_non_null(e);
    assert_string_equal(e->name, "h2");
    /* unassigned: unknown, NULL */
    assert_null(glass_iana_lookup(GLASS_IANA_CIPHER_SUITE, 0x1234));
    assert_string_equal(glass_iana_name(GLASS_IANA_CIPHER_SUITE, 0x1234), "unknown");
    assert_string_equal(glass_iana_name(GLASS_IANA_EXTENSION, 0x7777), "unknown");
    assert_string_equal(glass_iana_name((glass_iana_registry)99, 1), "unknown");
    assert_null(glass_iana_alpn((const uint8_t *)"h9", 2));
    assert_null(glass_iana_alpn(NULL, 0));
    assert_string_equal(glass_iana_registry_name(GLASS_IANA_GROUP), "TLS Supported Groups");
}

/* ---- the page ---- */

/* The page h writes, NUL-terminated, malloc'ed. */
static char *page_of(const glass_html *h)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(glass_html_write(h, f, "test <page>"), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* A ClientHello by hand, with its byte map (RFC 5246 7.4.1.2). */
static void test_hand_made_client_hello(void **state)
{
    (void)state;
    uint8_t m[128];
    glass_span sp[32];
    size_t n = 0, k = 0;
#define SPAN(len_, field_, depth_, group_) \
    (sp[k++] = (glass_span){ (uint32_t)n, (uint32_t)(len_), (uint16_t)(field_), (depth_), (group_) })
    m[n] = 1; SPAN(1, GLASS_F_HS_TYPE, 0, 0); n += 1;
    SPAN(3, GLASS_F_HS_LENGTH, 0, 0); n += 3;           /* filled below */
    m[n] = 3; m[n + 1] = 3; SPAN(2, GLASS_F_CH_VERSION, 0, 0); n += 2;
    for (int i = 0; i < 32; i++)
        m[n + i] = (uint8_t)(0xc0 + i);
    SPAN(32, GLASS_F_CLIENT_RANDOM, 0, 0); n += 32;
    m[n] = 0; SPAN(1, GLASS_F_SESSION_ID_LEN, 0, 0); n += 1;
    m[n] = 0; m[n + 1] = 6; SPAN(2, GLASS_F_CH_SUITES_LEN, 0, 0); n += 2;
    static const uint16_t suites[] = { 0x6a6a, 0x1301, 0x1234 };
    for (int i = 0; i < 3; i++) {
        m[n] = (uint8_t)(suites[i] >> 8); m[n + 1] = (uint8_t)suites[i];
        SPAN(2, GLASS_F_CH_SUITE, 0, 0); n += 2;
    }
    m[n] = 1; SPAN(1, GLASS_F_CH_COMPRESSIONS_LEN, 0, 0); n += 1;
    m[n] = 0; SPAN(1, GLASS_F_CH_COMPRESSION, 0, 0); n += 1;
    m[n] = 0; m[n + 1] = 16; SPAN(2, GLASS_F_EXTS_LEN, 0, 0); n += 2;
    /* key_share: client_shares<2> { group 0x11ec, key_exchange<2> 6 bytes } */
    SPAN(16, GLASS_F_EXT, 0, 1);
    m[n] = 0; m[n + 1] = 51; SPAN(2, GLASS_F_EXT_TYPE, 1, 0); n += 2;
    m[n] = 0; m[n + 1] = 12; SPAN(2, GLASS_F_EXT_LEN, 1, 0); n += 2;
    SPAN(12, GLASS_F_EXT_DATA, 1, 0);
    static const uint8_t ks[12] = { 0, 10, 0x11, 0xec, 0, 6, 1, 2, 3, 4, 5, 6 };
    memcpy(m + n, ks, sizeof ks); n += sizeof ks;
    m[1] = 0; m[2] = 0; m[3] = (uint8_t)(n - 4);
#undef SPAN
    assert_int_equal(glass_spans_check(sp, k, n), -1);   /* the map is right */

    glass_html *h;
    assert_int_equal(glass_html_new(&h, 0, 0), 0);
    glass_hs_message msg;
    memset(&msg, 0, sizeof msg);
    msg.type = GLASS_HS_CLIENT_HELLO;
    glass_trace_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = GLASS_TRACE_MESSAGE;
    ev.is_server = 1;                    /* the server received it */
    ev.msg = &msg;
    ev.data = m;
    ev.len = n;
    ev.spans = sp;
    ev.n_spans = k;
    glass_html_observe(h, &ev);
    char *page = page_of(h);
    glass_html_free(h);

    assert_non_null(strstr(page, "<title>test &lt;page&gt;</title>"));   /* escaped */
    assert_int_equal(count(page, "<section class=\"msg client\""), 1);
    assert_non_null(strstr(page, "id=\"client-random\">c0c1c2c3"));
    assert_non_null(strstr(page, "0x6a6a GREASE"));
    assert_non_null(strstr(page, "0x1301 TLS_AES_128_GCM_SHA256"));
    assert_non_null(strstr(page, "class=\"cp cp-unknown\">0x1234 unknown"));
    assert_int_equal(count(page, "cp-unknown\">"), 1);       /* only that one */
    assert_non_null(strstr(page, "0x0033 key_share"));
    /* the body glasstls does not read, decoded for the page */
    assert_non_null(strstr(page, "0x11ec X25519MLKEM768"));
    assert_non_null(strstr(page, "key_exchange (a TLS 1.3 public key share)"));
    assert_null(strstr(page, "could not decode"));
    assert_non_null(strstr(page, "id=\"no-secrets\""));
    assert_null(strstr(page, "no byte map"));
    free(page);
}

/* A ClientHello holding one extension (type, body), with its byte map,
 * observed by h. */
static void observe_one_extension(glass_html *h, uint16_t type, const uint8_t *body, size_t blen)
{
    uint8_t m[512];
    glass_span sp[16];
    size_t n = 0, k = 0;
#define SPAN(len_, field_, depth_, group_) \
    (sp[k++] = (glass_span){ (uint32_t)n, (uint32_t)(len_), (uint16_t)(field_), (depth_), (group_) })
    assert_true(blen <= 256);
    memset(m, 0, sizeof m);
    m[n] = 1; SPAN(1, GLASS_F_HS_TYPE, 0, 0); n += 1;
    SPAN(3, GLASS_F_HS_LENGTH, 0, 0); n += 3;
    m[n] = 3; m[n + 1] = 3; SPAN(2, GLASS_F_CH_VERSION, 0, 0); n += 2;
    SPAN(32, GLASS_F_CLIENT_RANDOM, 0, 0); n += 32;
    SPAN(1, GLASS_F_SESSION_ID_LEN, 0, 0); n += 1;
    m[n + 1] = 2; SPAN(2, GLASS_F_CH_SUITES_LEN, 0, 0); n += 2;
    m[n] = 0xc0; m[n + 1] = 0x2f; SPAN(2, GLASS_F_CH_SUITE, 0, 0); n += 2;
    m[n] = 1; SPAN(1, GLASS_F_CH_COMPRESSIONS_LEN, 0, 0); n += 1;
    SPAN(1, GLASS_F_CH_COMPRESSION, 0, 0); n += 1;
    m[n] = (uint8_t)((blen + 4) >> 8); m[n + 1] = (uint8_t)(blen + 4);
    SPAN(2, GLASS_F_EXTS_LEN, 0, 0); n += 2;
    SPAN(4 + blen, GLASS_F_EXT, 0, 1);
    m[n] = (uint8_t)(type >> 8); m[n + 1] = (uint8_t)type; SPAN(2, GLASS_F_EXT_TYPE, 1, 0); n += 2;
    m[n] = (uint8_t)(blen >> 8); m[n + 1] = (uint8_t)blen; SPAN(2, GLASS_F_EXT_LEN, 1, 0); n += 2;
    if (blen > 0) {
        SPAN(blen, GLASS_F_EXT_DATA, 1, 0);
        memcpy(m + n, body, blen);
        n += blen;
    }
    m[3] = (uint8_t)(n - 4);
    m[2] = (uint8_t)((n - 4) >> 8);
#undef SPAN
    assert_int_equal(glass_spans_check(sp, k, n), -1);
    glass_hs_message msg;
    memset(&msg, 0, sizeof msg);
    msg.type = GLASS_HS_CLIENT_HELLO;
    glass_trace_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = GLASS_TRACE_MESSAGE;
    ev.is_server = 1;
    ev.msg = &msg;
    ev.data = m;
    ev.len = n;
    ev.spans = sp;
    ev.n_spans = k;
    glass_html_observe(h, &ev);
}

/* The page decodes extension bodies a peer chose: well-formed ones are
 * named, and random or cut ones never read out of bounds (this test runs
 * under valgrind in make memcheck) and say they could not be decoded. */
static void test_extension_bodies(void **state)
{
    (void)state;
    static const struct { uint16_t type; uint8_t body[24]; size_t len; const char *shows; } good[] = {
        { 43, { 4, 0x7a, 0x7a, 3, 4 }, 5, "0x0304 TLS 1.3" },
        { 45, { 1, 1 }, 2, "0x01 psk_dhe_ke" },
        { 27, { 2, 0, 2 }, 3, "0x0002 brotli" },
        { 16, { 0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1' }, 14, "&quot;http/1.1&quot;" },
        { 17613, { 0, 3, 2, 'h', '2' }, 5, "&quot;h2&quot;" },
        { 50, { 0, 2, 8, 7 }, 4, "0x0807 ed25519" },
        { 5, { 1, 0, 0, 0, 0 }, 5, "0x01 ocsp" },
        { 28, { 0x40, 0x01 }, 2, "16385" },
        { 51764, { 0, 6, 5, 0x82, 0xdf, 0x13, 2, 1 }, 8, ">44947.2.1<" },
        { 65037, { 0, 0, 1, 0, 1, 7, 0, 1, 0xaa, 0, 2, 1, 2 }, 13, "AES-128-GCM" },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        glass_html *h;
        assert_int_equal(glass_html_new(&h, 0, 0), 0);
        observe_one_extension(h, good[i].type, good[i].body, good[i].len);
        char *page = page_of(h);
        glass_html_free(h);
        if (strstr(page, good[i].shows) == NULL || strstr(page, "could not decode") != NULL ||
            strstr(page, "cp-unknown\">") != NULL)
            fail_msg("extension %u: \"%s\" not shown, or undecoded", good[i].type, good[i].shows);
        free(page);
    }
    /* one byte short: said, not guessed */
    glass_html *h;
    assert_int_equal(glass_html_new(&h, 0, 0), 0);
    observe_one_extension(h, 43, (const uint8_t *)"\x04\x03\x04\x03", 4);
    char *page = page_of(h);
    assert_non_null(strstr(page, "could not decode"));
    free(page);
    glass_html_free(h);
    /* random bodies for every type the page decodes */
    static const uint16_t types[] = { 43, 51, 45, 27, 50, 34, 16, 17513, 17613, 5, 28, 65037, 51764 };
    uint64_t seed = 18;
    uint8_t body[256];
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        for (int round = 0; round < 300; round++) {
            size_t len = (size_t)(test_splitmix64(&seed) % 40);
            test_splitmix_rng(&seed, body, len);
            if (len > 0 && round % 2 == 0)
                body[0] = (uint8_t)(len - 1);          /* a plausible first length */
            assert_int_equal(glass_html_new(&h, 0, 0), 0);
            observe_one_extension(h, types[t], body, len);
            page = page_of(h);
            assert_non_null(strstr(page, "</html>"));
            free(page);
            glass_html_free(h);
        }
    }
}

/* A whole handshake, both sides observed by one recorder. */
static char *handshake_page(int show_secrets, size_t max_bytes, uint8_t cr[32])
{
    static hs_pair p;
    glass_html *h;
    int ce, se;
    assert_int_equal(glass_html_new(&h, max_bytes, show_secrets), 0);
    assert_int_equal(hs_pair_setup(&p, "chain-localhost.pem", "leaf.key", 0xC02F, 1), 0);
    p.ccfg.trace = p.scfg.trace = glass_html_observe;
    p.ccfg.trace_ctx = p.scfg.trace_ctx = h;
    assert_int_equal(hs_pair_connect(&p), 0);
    assert_int_equal(hs_pair_run(&p, &ce, &se), 0);
    /* the client random: bytes 11..43 of the log's first send (a record
     * header, then the ClientHello's header and version) */
    assert_true(p.log.len > 3 + 5 + 6 + 32);
    memcpy(cr, p.log.bytes + 3 + 5 + 6, 32);
    char *page = page_of(h);
    glass_html_free(h);
    hs_pair_free(&p);
    return page;
}

static void test_real_handshake(void **state)
{
    (void)state;
    uint8_t cr[32];
    char hex[65], want[128];
    static const char *const order[] = {
        "class=\"msg client\" id=\"msg-1\" data-msg=\"ClientHello\"",
        "class=\"msg server\" id=\"msg-2\" data-msg=\"ServerHello\"",
        "class=\"msg server\" id=\"msg-3\" data-msg=\"Certificate\"",
        "class=\"msg server\" id=\"msg-4\" data-msg=\"ServerKeyExchange\"",
        "class=\"msg server\" id=\"msg-5\" data-msg=\"ServerHelloDone\"",
        "class=\"msg client\" id=\"msg-6\" data-msg=\"ClientKeyExchange\"",
        "class=\"msg client\" id=\"msg-7\" data-msg=\"ChangeCipherSpec\"",
        "class=\"msg client\" id=\"msg-8\" data-msg=\"Finished\"",
        "class=\"msg server\" id=\"msg-9\" data-msg=\"ChangeCipherSpec\"",
        "class=\"msg server\" id=\"msg-10\" data-msg=\"Finished\"",
    };
    char *page = handshake_page(1, 0, cr);
    const char *at = page;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        at = strstr(at, order[i]);
        assert_non_null(at);                     /* present, and after the one before */
    }
    assert_int_equal(count(page, "<section class=\"msg "), 10);   /* each once */
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", cr[i]);
    snprintf(want, sizeof want, "id=\"client-random\">%s<", hex);
    assert_non_null(strstr(page, want));
    snprintf(want, sizeof want, "<pre id=\"keylog\">CLIENT_RANDOM %s ", hex);
    assert_non_null(strstr(page, want));
    assert_non_null(strstr(page, "id=\"master-secret\">"));
    assert_non_null(strstr(page, "id=\"premaster\">"));
    assert_non_null(strstr(page, "0xc02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    assert_null(strstr(page, "cp-unknown\">"));
    assert_null(strstr(page, "id=\"left-out\""));
    /* each Finished box shows its record: nonce, ciphertext, tag, AAD */
    assert_int_equal(count(page, "On the wire it travelled in this record"), 2);
    assert_int_equal(count(page, ">GCM authentication tag<"), 2);
    assert_int_equal(count(page, ">additional data (AAD, not sent)<"), 2);
    assert_true(strstr(page, "On the wire") > strstr(page, "data-msg=\"Finished\""));
    free(page);

    page = handshake_page(0, 0, cr);             /* no secrets kept, none shown */
    assert_null(strstr(page, "master-secret"));
    assert_null(strstr(page, "id=\"keylog\""));
    assert_non_null(strstr(page, "id=\"no-secrets\""));
    assert_int_equal(count(page, "write IV (shown with --show-secrets)"), 2);
    free(page);

    page = handshake_page(1, 1024, cr);          /* too small: says so, no overflow */
    assert_non_null(strstr(page, "id=\"left-out\""));
    assert_true(count(page, "<section class=\"msg ") < 10);
    free(page);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    glass_html *h = (glass_html *)1;
    assert_int_equal(glass_html_new(NULL, 0, 0), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_html_new(&h, 0, 0), 0);
    assert_int_equal(glass_html_write(h, NULL, NULL), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_html_write(NULL, stdout, NULL), GLASS_E_INVALID_ARG);
    glass_html_observe(h, NULL);
    glass_html_observe(NULL, NULL);
    char *page = page_of(h);                     /* an empty page is still a page */
    assert_non_null(strstr(page, "id=\"n-messages\">0<"));
    free(page);
    glass_html_free(h);
    glass_html_free(NULL);
    glass_tracer *t;
    assert_int_equal(glass_tracer_new(&t), 0);
    assert_int_equal(glass_tracer_html(t, NULL, 0), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_tracer_html(t, "/nonexistent-dir/x.html", 0), GLASS_E_FILE);
    glass_tracer_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grease),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_hand_made_client_hello),
        cmocka_unit_test(test_extension_bodies),
        cmocka_unit_test(test_real_handshake),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
