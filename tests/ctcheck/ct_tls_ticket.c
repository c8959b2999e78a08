/*
 * ct_tls_ticket.c — constant-time check of session-ticket sealing and
 * opening (lib/session/ticket.c, RFC 5077 with AES-256-GCM), run under
 * valgrind memcheck by `make ctcheck` with lib/ compiled in.
 *
 * Marked secret: the ticket key and the session's master secret (and,
 * when opening, the whole ticket as it arrives: the key makes every byte
 * of it depend on a secret).  Public again only where the protocol says
 * so, inside ticket.c with GLASS_CT_PUBLIC (active in this build): the
 * verdict of the tag check, and, once the tag held, the session state
 * but its master secret (version, suite, EMS flag, time, server name).
 * Checked: seal; open of a good ticket; open of a ticket with a flipped
 * byte (tag fails); the portable GCM path is forced, as in ct_aes_gcm.c.
 */
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "glasstls/err.h"
#include "glasstls/hw.h"
#include "glasstls/session.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

int main(void)
{
    static const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE] = "ctcheck-ticket-1";
    static uint8_t key[GLASS_TICKET_KEY_SIZE], iv[GLASS_TICKET_IV_SIZE];
    static uint8_t ticket[GLASS_TICKET_SEALED_MAX];
    static glass_session s, got;
    glass_ticket_keys *k;
    size_t len = 0;
    int bad = 0;

    glass_crypto_set_hw(0);
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 37 + 5);
    for (size_t i = 0; i < sizeof iv; i++)
        iv[i] = (uint8_t)(i + 1);
    s.suite = 0xC02F;
    s.ems = 1;
    for (size_t i = 0; i < sizeof s.master; i++)
        s.master[i] = (uint8_t)(i * 13 + 7);
    strcpy(s.server_name, "localhost");
    s.created = 1000;

    SECRET(key, sizeof key);
    if (glass_ticket_keys_new(&k, name, key, 3600) != 0)
        return 1;
    SECRET(s.master, sizeof s.master);
    int rc = glass_ticket_seal(k, &s, iv, ticket, sizeof ticket, &len);
    PUBLIC(&rc, sizeof rc);
    bad |= rc != 0;

    /* what arrives from the client: every byte depends on the key */
    SECRET(ticket + GLASS_TICKET_KEY_NAME_SIZE, len - GLASS_TICKET_KEY_NAME_SIZE);
    rc = glass_ticket_open(k, ticket, len, 1001, &got);
    PUBLIC(&rc, sizeof rc);
    PUBLIC(&got, sizeof got);
    PUBLIC(&s, sizeof s);
    bad |= rc != 0 || memcmp(got.master, s.master, sizeof s.master) != 0 || got.suite != 0xC02F;

    /* a flipped byte of ciphertext: refused, without a secret branch */
    PUBLIC(ticket, len);
    ticket[40] ^= 1;
    SECRET(ticket + GLASS_TICKET_KEY_NAME_SIZE, len - GLASS_TICKET_KEY_NAME_SIZE);
    rc = glass_ticket_open(k, ticket, len, 1001, &got);
    PUBLIC(&rc, sizeof rc);
    bad |= rc != GLASS_E_TICKET_INVALID;

    glass_ticket_keys_free(k);
    printf("ct_tls_ticket: %s\n", bad ? "WRONG RESULTS" : "sealed and opened");
    return bad;
}
