/*
 * fuzz_ticket.c — the parsers of session resumption: a session ticket as
 * a client presents it (lib/session/ticket.c), the session state inside
 * one, the client's session blob (lib/session/blob.c) and the
 * NewSessionTicket message (lib/handshake/new_session_ticket.c).
 *
 * The first byte picks what the rest is:
 *   0  a ticket, opened under a fixed key set (a forged tag must fail);
 *   1  a session state: sealed here under the same key with GCM, so the
 *      state parser behind the tag sees the fuzzer's bytes, then opened;
 *   2  a session blob: imported, and when it imports, exported again and
 *      re-imported to the same session;
 *   3  a NewSessionTicket body.
 * Invariants: no crash or leak; an opened session's server name is a
 * NUL-terminated string of at most 255 bytes; every error leaves the
 * output session all zero; the blob round trip is exact.
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/session.h"
#include "handshake/codec.h"

static const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE] = "fuzz-ticket-key1";
static const uint8_t iv[GLASS_TICKET_IV_SIZE] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2 };

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

static void check_opened(int rc, const glass_session *s)
{
    if (rc != 0) {
        FUZZ_CHECK(all_zero(s, sizeof *s));
        return;
    }
    FUZZ_CHECK(memchr(s->server_name, '\0', sizeof s->server_name) != NULL);
    FUZZ_CHECK(s->ems <= 1 && s->session_id_len == 0 && s->ticket_len == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t key[GLASS_TICKET_KEY_SIZE];
    static glass_session s, again;
    static uint8_t buf[GLASS_SESSION_BLOB_MAX + GLASS_TICKET_SEALED_MAX + 64];
    if (size < 1)
        return 0;
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 3 + 1);
    glass_ticket_keys *k;
    if (glass_ticket_keys_new(&k, name, key, 3600) != 0)
        return 0;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    int rc;
    switch (data[0] & 3) {
    case 0:
        rc = glass_ticket_open(k, p, n, 1000, &s);
        check_opened(rc, &s);
        break;
    case 1:
        if (n <= GLASS_TICKET_SEALED_MAX - GLASS_TICKET_OVERHEAD) {
            glass_gcm g;
            memcpy(buf, name, sizeof name);
            memcpy(buf + sizeof name, iv, sizeof iv);
            uint8_t *ct = buf + GLASS_TICKET_KEY_NAME_SIZE + GLASS_TICKET_IV_SIZE;
            if (glass_gcm_init(&g, key, sizeof key) == 0 &&
                glass_gcm_seal(&g, iv, sizeof iv, name, sizeof name, p, n, ct, ct + n,
                               GLASS_TICKET_TAG_SIZE) == 0) {
                rc = glass_ticket_open(k, buf, GLASS_TICKET_OVERHEAD + n, 1000, &s);
                check_opened(rc, &s);
                FUZZ_CHECK(rc == 0 || rc == GLASS_E_TICKET_INVALID ||
                           rc == GLASS_E_SESSION_EXPIRED);
                if (rc == 0) {           /* what opens, seals again */
                    size_t len;
                    FUZZ_CHECK(glass_ticket_seal(k, &s, iv, buf, sizeof buf, &len) == 0);
                    FUZZ_CHECK(len <= GLASS_TICKET_SEALED_MAX);
                }
            }
            glass_gcm_free(&g);
        }
        break;
    case 2:
        rc = glass_session_import(&s, p, n);
        if (rc != 0) {
            FUZZ_CHECK(rc == GLASS_E_SESSION_BLOB && all_zero(&s, sizeof s));
        } else {
            size_t len;
            FUZZ_CHECK(glass_session_export(&s, buf, sizeof buf, &len) == 0);
            FUZZ_CHECK(len == n && memcmp(buf, p, n) == 0);
            FUZZ_CHECK(glass_session_import(&again, buf, len) == 0);
            FUZZ_CHECK(memcmp(&again, &s, sizeof s) == 0);
        }
        break;
    default: {
        glass_new_session_ticket m;
        glass_hs_where where;
        memset(&where, 0, sizeof where);
        rc = glass_new_session_ticket_parse(&m, p, n, &where);
        if (rc == 0) {
            FUZZ_CHECK(m.ticket_len + 6 == n);
            FUZZ_CHECK(m.ticket_len == 0 || (m.ticket >= p && m.ticket + m.ticket_len <= p + n));
        } else {
            FUZZ_CHECK(where.message != NULL);
        }
        break;
    }
    }
    glass_session_wipe(&s);
    glass_ticket_keys_free(k);
    return 0;
}
