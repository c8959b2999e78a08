/*
 * hs_internal.h — struct glass_hs (the state of one handshake) and the
 * step tables, shared by engine.c, client_table.c, server_table.c and
 * keyschedule.c.  The connection sees only the opaque type (hs.h).
 *
 * How a handshake runs: each role has ONE ordered table of steps
 * (client_table.c, server_table.c).  A step names its state, its direction
 * (we send or we receive), the message type, the one handler that does the
 * work, and the condition under which it runs (ServerKeyExchange only for
 * ECDHE).  glass_hs_step() (engine.c) runs exactly one step: it skips steps
 * whose condition is false, then either lets the handler write the message
 * and queues it, or reads the next message, checks it is the expected
 * type (unexpected_message otherwise) and gives its body to the handler.
 */
#ifndef GLASS_HANDSHAKE_HS_INTERNAL_H
#define GLASS_HANDSHAKE_HS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/handshake.h"
#include "glasstls/prf.h"
#include "glasstls/rsa.h"
#include "glasstls/x25519.h"
#include "glasstls/x509.h"
#include "common/reader.h"
#include "handshake/hs.h"
#include "handshake/transcript.h"

/* HelloRequests a client ignores during one handshake before it calls
 * them unexpected. */
#define GLASS_HS_MAX_HELLO_REQUESTS 8

typedef enum glass_hs_dir { GLASS_HS_SEND = 0, GLASS_HS_RECV = 1 } glass_hs_dir;

/* What a handler gets: the received body, or the writer for the body it
 * sends (the engine writes the 4-byte header around it). */
typedef struct glass_hs_io {
    const uint8_t *body;
    size_t         len;
    glass_writer  *w;
} glass_hs_io;

typedef int (*glass_hs_handler)(glass_hs *hs, glass_hs_io *io);
typedef int (*glass_hs_cond)(const glass_hs *hs);

typedef struct glass_hs_step_def {
    glass_hs_state_id state;
    glass_hs_dir     dir;
    int              msg_type;       /* glass_hs_type */
    glass_hs_handler handler;
    glass_hs_cond    when;           /* NULL: always */
    const char      *handler_name;   /* for the diagram and the trace */
    const char      *when_name;
} glass_hs_step_def;

#define GLASS_HS_STEP(state, dir, type, handler, when) \
    { state, dir, type, handler, when, #handler, #when }

extern const glass_hs_step_def glass_client_table[];
extern const size_t glass_client_table_len;
extern const glass_hs_step_def glass_server_table[];
extern const size_t glass_server_table_len;

/* Conditions shared by both tables. */
int glass_hs_is_ecdhe(const glass_hs *hs);

struct glass_hs {
    glass_hs_env env;
    int          is_server;
    const glass_hs_step_def *table;
    size_t       n_steps;
    size_t       next;               /* index of the next step to run */
    int          state;              /* glass_hs_state_id of that step */
    int          done;
    size_t       entered;            /* 1 + index of the step last entered */
    unsigned     hello_requests;     /* client: HelloRequests ignored so far */

    glass_hs_message last;           /* the message of the last step */
    const uint8_t   *last_raw;       /* its bytes, header included (for the trace) */
    size_t           last_raw_len;
    glass_hs_where   where;          /* where the last parse failed */
    glass_x509_verify_detail verify; /* why the peer's chain was refused */

    /* negotiated */
    const glass_suite_info *suite;
    uint16_t client_version;         /* as offered in ClientHello */
    uint8_t  client_random[32], server_random[32];
    uint8_t  session_id[32];
    size_t   session_id_len;
    uint32_t offered_exts;           /* client: GLASS_EXTBIT_* it sent */
    int      ems;                    /* extended master secret in use */
    int      secure_renegotiation;   /* RFC 5746 signalled by both */
    uint16_t sigalg;                 /* server: chosen for ServerKeyExchange */
    uint8_t  client_ec_point_formats; /* server: the client sent the extension */
    char     peer_server_name[GLASS_HS_MAX_HOSTNAME + 1];   /* server: SNI */

    /* keys (secret: wiped by glass_hs_free) */
    glass_transcript transcript;
    uint8_t  finished_hash[GLASS_HASH_MAX_SIZE]; /* transcript before a received Finished */
    uint8_t  premaster[48];
    size_t   premaster_len;
    uint8_t  master[GLASS_MASTER_SECRET_SIZE];
    uint8_t  x25519_priv[32];
    uint8_t  x25519_pub[32];         /* ours */
    uint8_t  peer_x25519[32];        /* client: from ServerKeyExchange */
    glass_rsa_public peer_key;       /* client: the server certificate's key */
    glass_x509_cert  peer_certs[GLASS_HS_MAX_CHAIN];
};

/* ---- keyschedule.c (RFC 5246 sections 6.3, 7.4.9, 8.1; RFC 7627) ---- */
/* premaster -> master secret (extended when hs->ems) -> key block ->
 * pending record keys for both directions.  Wipes the premaster. */
int glass_hs_derive_keys(glass_hs *hs);
/* verify_data of our own Finished (from_client = !is_server), over the
 * transcript as it is now. */
int glass_hs_finished_compute(glass_hs *hs, int from_client, const uint8_t *hash,
                              uint8_t out[GLASS_VERIFY_DATA_SIZE]);
/* Checks a received verify_data in constant time: 0 or GLASS_E_BAD_FINISHED. */
int glass_hs_finished_check(glass_hs *hs, const uint8_t got[GLASS_VERIFY_DATA_SIZE]);

/* shared_steps.c: step bodies both roles share (the tables' handlers call
 * them).  from_client: 1 for the client's Finished, 0 for the server's. */
int glass_hs_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
int glass_hs_send_finished(glass_hs *hs, glass_hs_io *io, int from_client);
int glass_hs_recv_finished(glass_hs *hs, glass_hs_io *io);

/* engine.c: the observer points for the trace (issue 9). */
typedef enum glass_hs_event {
    GLASS_HS_EV_STATE_ENTERED,       /* hs->state */
    GLASS_HS_EV_MESSAGE_SENT,        /* hs->last */
    GLASS_HS_EV_MESSAGE_PARSED,      /* hs->last */
    GLASS_HS_EV_SECRETS_DERIVED      /* hs->master, record keys set */
} glass_hs_event;
void glass_hs_observe(glass_hs *hs, glass_hs_event ev);
/* keyschedule.c: one secret for the trace (call only when
 * hs->env.cfg->trace is set; secrets are wiped right after). */
void glass_hs_observe_secret(glass_hs *hs, int which, const uint8_t *p, size_t len);

/* engine.c: a random value from the configured generator. */
int glass_hs_random(glass_hs *hs, uint8_t *out, size_t len);

#endif /* GLASS_HANDSHAKE_HS_INTERNAL_H */
