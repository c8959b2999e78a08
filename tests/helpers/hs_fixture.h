/*
 * hs_fixture.h — a client and a server in one process over the in-memory
 * pipe, with fixed random numbers and a fixed clock, for the handshake
 * tests (tests/test_handshake.c, the malformed-input corpus, the hostile
 * peers, the trace tests).
 */
#ifndef GLASS_TEST_HS_FIXTURE_H
#define GLASS_TEST_HS_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/tls.h"
#include "glasstls/x509.h"

/* 2030-01-01T00:00:00Z: inside the validity of every good test certificate
 * (tests/certs/make-certs.sh). */
#define HS_FIXED_NOW 1893456000

typedef struct hs_log {
    uint8_t bytes[65536];
    size_t  len;
} hs_log;

/* A transport that forwards to an inner one and records what was sent
 * ("C" or "S" + 2-byte length + bytes per send) into a shared log, and may
 * alter the bytes of one handshake message type on the way (tamper). */
typedef struct hs_tap {
    glass_transport inner;
    hs_log  *log;
    char     who;
    int      tamper_type;      /* handshake type to corrupt, 0 = none */
    int      after_ccs;        /* a ChangeCipherSpec went through */
    size_t   tamper_offset;    /* byte of that message body to flip */
    /* or, with swap_len > 0: the body of that message (alone in its
     * record) replaced by swap[0, swap_len), lengths fixed up */
    const uint8_t *swap;
    size_t   swap_len;
} hs_tap;

#define HS_TAMPER_ENCRYPTED 0x100   /* tamper_type: the first encrypted record */

glass_transport hs_tap_transport(hs_tap *t);

typedef struct hs_pair {
    glass_x509_list chain, trust;
    glass_rsa_private key;
    /* an EC server key goes to scfg.certs (an RSA one stays in key, the
     * old way); hs_pair_add_cert() fills chain2 / pkey2 */
    glass_private_key pkey, pkey2;
    glass_x509_list chain2;
    glass_drbg crng, srng;
    glass_config ccfg, scfg;
    glass_pipe *pipe;
    hs_tap ctap, stap;
    hs_log log;
    glass_conn *client, *server;
} hs_pair;

/* Loads tests/certs/<chain_file> (+ leaf key) and root.pem, seeds both
 * generators from fixed strings, sets the clock.  suite 0 = defaults.
 * Returns 0 or a glass_err. */
int hs_pair_setup(hs_pair *p, const char *chain_file, const char *key_file,
                  uint16_t suite, int ems);
/* Adds tests/certs/<file>'s certificates to the client's trust anchors. */
int hs_pair_trust(hs_pair *p, const char *file);
/* Gives the server a second certificate and key (scfg.certs). */
int hs_pair_add_cert(hs_pair *p, const char *chain_file, const char *key_file);
/* Creates both connections (after the caller adjusted the configs). */
int hs_pair_connect(hs_pair *p);
/* Steps both sides in turn until both are done or one fails; returns 0, or
 * the first error.  *client_err / *server_err get each side's result. */
int hs_pair_run(hs_pair *p, int *client_err, int *server_err);
void hs_pair_free(hs_pair *p);
/* 1 when rc only says "try again" (GLASS_E_WANT_READ / _WANT_WRITE). */
int hs_blocked(int rc);

/* Writes a hex dump of a log (one line per send). */
int hs_log_write_hex(const hs_log *log, const char *path, const char *comment);
/* Reads such a file back into a log: 0, or -1 when missing/unreadable. */
int hs_log_read_hex(hs_log *log, const char *path);

#endif /* GLASS_TEST_HS_FIXTURE_H */
