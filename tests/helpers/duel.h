/*
 * duel.h — the hostile-peer harness: one glasstls side under test and one
 * "evil" glasstls side over the in-memory pipe of the handshake fixture
 * (hs_fixture.h), with fixed seeds and clock.  The evil side is stopped at
 * a chosen handshake state and made to misbehave through its own record
 * layer, or sends raw bytes; the side under test is used through the
 * public API only.  The checks fail the running cmocka test.  Used by
 * test_hostile.c (evil client), test_hostile_client.c (evil server) and
 * test_hostile_premaster.c (bad RSA premasters).
 */
#ifndef GLASS_TESTS_DUEL_H
#define GLASS_TESTS_DUEL_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/tls.h"
#include "record/record.h"
#include "hs_fixture.h"

#define ECDHE GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
#define RSAKX GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256

/* One glasstls side under test and one evil side, over one pipe. */
typedef struct duel {
    hs_pair p;
    glass_conn *evil, *good;
    int evil_is_client;
} duel;

/* Loads the test certificates and creates both connections.  The caller
 * may change the configs between duel_setup() and duel_connect(). */
void duel_setup(duel *d, int evil_is_client, uint16_t suite);
void duel_connect(duel *d);
/* Frees both sides and clears *d. */
void duel_free(duel *d);
/* duel_setup, duel_connect, then drive(d, target): the usual start of a
 * case that needs no config change. */
void duel_start(duel *d, int evil_is_client, uint16_t suite, int target);

/* Steps the side under test while it makes progress; returns its error,
 * or 0 when it waits for input (or is done). */
int good_run(duel *d);

/* Runs both sides until the evil one is about to run the step of state
 * `target` (its previous step's bytes are on the wire); the side under
 * test has read all it could. */
void drive(duel *d, glass_hs_state_id target);

/* A whole honest handshake. */
void finish_handshake(duel *d);

/* Raw bytes from the evil side. */
void evil_send(duel *d, const uint8_t *b, size_t n);

/* Seals a record by hand (RFC 5246 section 6.2.3.3, RFC 5288 section 3),
 * without the record layer's own checks, so it can also make records the
 * library would refuse to write (plaintext over 2^14): header, explicit
 * nonce = sequence number, AES-GCM over the plaintext with
 * additional_data = seq_num || type || version || length.  Advances c. */
size_t seal_by_hand(glass_record_cipher *c, uint8_t type, uint8_t *rec,
                    const uint8_t *pt, size_t len);

/* Seals len bytes of payload as one record of `type` with the evil side's
 * current write state and sends it; cut bytes are dropped from the end of
 * the record (its header length is fixed to match when fix_len). */
void evil_seal_send(duel *d, uint8_t type, const uint8_t *payload, size_t len,
                    size_t cut, int fix_len);

/* Application data of len bytes from the evil side's record layer (in the
 * clear or sealed, whatever its write state is), flushed to the wire. */
void evil_app_data(duel *d, const char *data, size_t len);

/* Queues one handshake message through the evil side's record layer
 * (sealed with its current write state, as a real peer would). */
void evil_send_hs(duel *d, const uint8_t *msg, size_t len);

/* The alert the evil side reads off the wire (handshake messages before
 * it are skipped): its description, or -1 when none came. */
int evil_reads_alert(duel *d, int *level);

/* The side under test failed with want_err, sent the matching fatal alert,
 * the evil side read that alert, and the error is sticky. */
void expect_fatal(duel *d, int got, int want_err, const char *what);

/* Application data from the evil side to the side under test, then back:
 * the connection still works. */
void still_works(duel *d);

/* The handshake message the evil side queued last (its own bytes, from
 * the tap's log), e.g. its ClientHello: the last record it sent whose
 * handshake type is `type`, written into msg. */
size_t logged_message(duel *d, int type, uint8_t *msg, size_t cap);

/* A plaintext ChangeCipherSpec record. */
extern const uint8_t plain_ccs[6];

/* One plaintext handshake record holding msg, sent raw. */
void send_plain_hs(duel *d, const uint8_t *msg, size_t len);

#endif /* GLASS_TESTS_DUEL_H */
