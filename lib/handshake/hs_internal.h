/*
 * hs_internal.h — struct glass_hs (the state of one handshake), the step
 * table and its handlers, shared by the files of lib/handshake.  The
 * connection sees only the opaque type (hs.h).
 *
 * How a handshake runs: each role describes its handshakes as data
 * (table.c, RFC 5246 section 7.3): one ordered list of steps per
 * handshake FLAVOUR (the full handshake, the full handshake with a client
 * certificate, ...).  A step names its state, the side that sends the
 * message, the message type and the file of its writer and parser, the
 * condition under which it runs inside its flavour (ServerKeyExchange only
 * with ECDHE; the RSA and the ECDHE ClientKeyExchange are two steps, each
 * with its condition) and the ONE handler that does the work: the client's
 * are in client_table.c, the server's in server_table.c (names unique
 * across both roles, so one breakpoint is one step of one role); what the
 * two roles do alike is in shared_steps.c.
 *
 * A role starts in its first flavour.  Every other flavour FORKS from one
 * (usually the first) at a row: up to that row both lists are the same
 * steps, and when the engine reaches it, the fork's condition decides
 * (peer_decides: the type of the peer's next message decides, as a
 * client learns of a CertificateRequest only when it comes).  From then on
 * the engine runs the chosen list.  Adding a flavour is adding its list
 * and its fork (glass_hs_flavour_def) to the role's table.
 *
 * glass_hs_step() (engine.c) runs exactly one step: it takes the forks of
 * the row it stands on, skips the rows whose condition is false, then
 * either lets the handler write the message and queues it (the side that
 * sends), or reads the next message, checks it is the expected type
 * (unexpected_message otherwise) and gives its body to the handler.
 */
#ifndef GLASS_HANDSHAKE_HS_INTERNAL_H
#define GLASS_HANDSHAKE_HS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/handshake.h"
#include "glasstls/prf.h"
#include "glasstls/rsa.h"
#include "glasstls/session.h"
#include "glasstls/x25519.h"
#include "glasstls/x509.h"
#include "common/reader.h"
#include "handshake/suites.h"
#include "handshake/hs.h"
#include "handshake/transcript.h"

/* HelloRequests a client ignores during one handshake before it calls
 * them unexpected. */
#define GLASS_HS_MAX_HELLO_REQUESTS 8


/* The side that sends a step's message: the same values as is_server. */
typedef enum glass_hs_sender { GLASS_HS_FROM_CLIENT = 0, GLASS_HS_FROM_SERVER = 1 } glass_hs_sender;

/* What a handler gets: the received body, or the writer for the body it
 * sends (the engine writes the 4-byte header around it). */
typedef struct glass_hs_io {
    const uint8_t *body;
    size_t         len;
    glass_writer  *w;
} glass_hs_io;

typedef int (*glass_hs_handler)(glass_hs *hs, glass_hs_io *io);

typedef struct glass_hs_handler_def {
    glass_hs_handler fn;
    const char      *name;           /* for the diagram, the trace and gdb */
} glass_hs_handler_def;
#define GLASS_HS_HANDLER(fn) { fn, #fn }

/* A condition on a row: the row runs when fn(hs) is 1. */
typedef struct glass_hs_cond_def {
    int        (*fn)(const glass_hs *hs);
    const char  *name;               /* for the diagram: "is_ecdhe" */
    const char  *skipped;            /* why the row is skipped: "RSA key exchange" */
    /* On a fork only: 1 when the side that receives cannot know in
     * advance (a client and the CertificateRequest): the engine looks at
     * the type of the peer's next message instead of calling fn. */
    int          peer_decides;
    /* Steps whose conditions share a choice are the ways of doing one
     * step ("key exchange"): exactly one of them runs.  NULL: an optional
     * step. */
    const char  *choice;
    /* 1: a step skipped for this reason is not news (no ticket was asked
     * for): no "skipped" event for the trace, so the trace of a handshake
     * without tickets does not change. */
    int          quiet;
} glass_hs_cond_def;

typedef struct glass_hs_step_def {
    glass_hs_state_id       state;
    glass_hs_sender         from;
    int                     msg_type;    /* glass_hs_type */
    const char             *codec;       /* the message's file: "lib/handshake/finished.c" */
    const glass_hs_cond_def *when;       /* NULL: always (within its flavour) */
    glass_hs_handler_def    handler;     /* this role's */
} glass_hs_step_def;

/* One handshake flavour of a role: its ordered steps, and where it parts
 * from the flavour it forks from.  The first flavour of a role is where
 * every handshake starts (from, at and when unused). */
typedef struct glass_hs_flavour_def {
    const char               *name;      /* "full", "full with client certificate" */
    const glass_hs_step_def *const *steps;
    size_t                    n_steps;
    size_t                    from;      /* the flavour it forks from */
    size_t                    at;        /* its first row that differs */
    const glass_hs_cond_def  *when;      /* taken when fn(hs), or (peer_decides)
                                          * when the peer's next message is
                                          * steps[at]'s */
} glass_hs_flavour_def;

typedef struct glass_hs_role_def {
    const glass_hs_flavour_def *flavours;
    size_t                      n_flavours;
} glass_hs_role_def;

/* [0] the client, [1] the server (table.c) */
extern const glass_hs_role_def glass_hs_roles[2];

/* ---- the handlers the table names ---- */
/* client_table.c */
int glass_client_send_client_hello(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_server_hello(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_certificate(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_server_key_exchange(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_server_hello_done(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_certificate_request(glass_hs *hs, glass_hs_io *io);
int glass_client_send_certificate(glass_hs *hs, glass_hs_io *io);
int glass_client_send_certificate_verify(glass_hs *hs, glass_hs_io *io);
int glass_client_send_client_key_exchange_rsa(glass_hs *hs, glass_hs_io *io);
int glass_client_send_client_key_exchange_ecdhe(glass_hs *hs, glass_hs_io *io);
int glass_client_send_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
/* resume.c */
int glass_client_recv_new_session_ticket(glass_hs *hs, glass_hs_io *io);
int glass_server_send_new_session_ticket(glass_hs *hs, glass_hs_io *io);
int glass_client_send_finished(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
int glass_client_recv_finished(glass_hs *hs, glass_hs_io *io);
/* server_table.c */
int glass_server_recv_client_hello(glass_hs *hs, glass_hs_io *io);
int glass_server_send_server_hello(glass_hs *hs, glass_hs_io *io);
int glass_server_send_certificate(glass_hs *hs, glass_hs_io *io);
int glass_server_send_server_key_exchange(glass_hs *hs, glass_hs_io *io);
int glass_server_send_certificate_request(glass_hs *hs, glass_hs_io *io);
int glass_server_send_server_hello_done(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_certificate(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_client_key_exchange_rsa(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_client_key_exchange_ecdhe(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_certificate_verify(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
int glass_server_recv_finished(glass_hs *hs, glass_hs_io *io);
int glass_server_send_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
int glass_server_send_finished(glass_hs *hs, glass_hs_io *io);
/* shared_steps.c: the work both roles do alike, called from the
 * handlers of each role above */
int glass_hs_send_finished(glass_hs *hs, glass_hs_io *io);
int glass_hs_recv_change_cipher_spec(glass_hs *hs, glass_hs_io *io);
int glass_hs_recv_finished(glass_hs *hs, glass_hs_io *io);

/* The most spans one message may have in the byte map; a longer map is
 * dropped (the trace shows a plain hex dump). */
#define GLASS_HS_MAX_SPANS 2048

struct glass_hs {
    glass_hs_env env;
    int          is_server;
    size_t       flavour;            /* index of the flavour being run (glass_hs_roles) */
    size_t       next;               /* index of the next row of that flavour */
    int          state;              /* glass_hs_state_id of that step */
    int          done;
    size_t       entered;            /* 1 + index of the step last entered */
    unsigned     hello_requests;     /* client: HelloRequests ignored so far */
    int          cert_requested;     /* a CertificateRequest was sent / received */
    int          client_cert_sent;   /* the client's Certificate holds a certificate */
    int          keys_derived;       /* client: glass_hs_derive_keys() ran */
    int          peeked;             /* peek holds the next message, not yet taken */
    glass_record_msg peek;

    glass_hs_message last;           /* the message of the last step */
    const uint8_t   *last_raw;       /* its bytes, header included (for the trace) */
    size_t           last_raw_len;
    glass_hs_where   where;          /* where the last parse failed */
    /* the byte map of last_raw (glasstls/fields.h): only when tracing,
     * span_buf allocated with the handshake (GLASS_HS_MAX_SPANS) */
    glass_span      *span_buf;
    glass_spans      spans;
    /* for the SECRET event of a Finished hash: the Finished is the one
     * this side sends, and it is the server's (glass_hs_observe_secret) */
    int              secret_sent, secret_finished_server;
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
    uint16_t group;                  /* ECDHE: the named group (GLASS_GROUP_*) */
    const glass_x509_list *own_chain; /* server: the certificate chosen for the suite */
    glass_sign_key own_key;          /*         and its private key */
    uint16_t client_sigalg;          /* client: chosen for CertificateVerify */
    const glass_x509_list *client_chain; /* client: the chain sent, and */
    glass_sign_key client_key;       /*         its key (CertificateRequest) */
    int      peer_verified;          /* server: the client's chain: 1 valid, 0 none sent */
    char     peer_subject[GLASS_HS_MAX_SUBJECT]; /* server: the client certificate's subject */
    uint8_t  client_ec_point_formats; /* server: the client sent the extension */
    char     peer_server_name[GLASS_HS_MAX_HOSTNAME + 1];   /* server: SNI */

    /* resumption (resume.c; glasstls/session.h) */
    int      resumed;                /* the abbreviated handshake runs */
    int      ticket_expected;        /* a NewSessionTicket comes (server: goes) */
    int      have_offer;             /* client: a session to offer (offer) */
    glass_session offer;             /* client: it (secret: its master) */
    uint8_t  offered_id[32];         /* client: the session_id sent */
    size_t   offered_id_len;
    int64_t  session_created;        /* when this session's full handshake ran */
    uint8_t  peer_cert_hash[32];     /* client: SHA-256 of the server's leaf */
    int      has_peer_hash;
    uint32_t ticket_hint;            /* client: the lifetime hint received */
    uint8_t  ticket[GLASS_SESSION_TICKET_MAX];   /* client: the ticket received */
    size_t   ticket_len;

    /* keys (secret: wiped by glass_hs_free) */
    glass_transcript transcript;
    uint8_t  finished_hash[GLASS_HASH_MAX_SIZE]; /* transcript before a received Finished */
    uint8_t  premaster[48];
    size_t   premaster_len;
    uint8_t  master[GLASS_MASTER_SECRET_SIZE];
    uint8_t  x25519_priv[32];
    uint8_t  x25519_pub[32];         /* ours */
    uint8_t  peer_x25519[32];        /* client: from ServerKeyExchange */
    glass_ec_private ec_priv;        /* our ephemeral P-256/P-384 key (and point) */
    glass_ec_public  peer_ec;        /* client: the server's P-256/P-384 point */
    glass_public_key peer_key;       /* the peer certificate's key (server: the client's) */
    glass_transcript before_cert_verify; /* server: the transcript before CertificateVerify */
    glass_x509_cert  peer_certs[GLASS_HS_MAX_CHAIN];
};

/* ---- keyschedule.c (RFC 5246 sections 6.3, 7.4.9, 8.1; RFC 7627) ---- */
/* premaster -> master secret (extended when hs->ems) -> key block ->
 * pending record keys for both directions.  Wipes the premaster. */
int glass_hs_derive_keys(glass_hs *hs);
/* master secret (set) -> key block -> pending record keys: the half of
 * glass_hs_derive_keys() an abbreviated handshake runs (RFC 5246 section
 * 6.3: the new randoms make new keys from the old master secret). */
int glass_hs_derive_record_keys(glass_hs *hs);

/* ---- resume.c: session resumption (RFC 5246 7.4.1.2, RFC 5077, RFC 7627 5.3) ---- */
/* Client: fills the session_id of ch and its SessionTicket extension from
 * hs->offer (when it may be offered), and asks for a ticket when
 * configured. */
int glass_hs_client_offer(glass_hs *hs, glass_client_hello *ch);
/* Client: after ServerHello: is it a resumption (the session_id echoed)?
 * Checks suite and EMS against the session, sets the keys. */
int glass_hs_client_check_resume(glass_hs *hs, const glass_server_hello *sh);
/* Server: after the ClientHello was checked and a suite chosen: resumes
 * the session its ticket or session_id names, when every rule allows it
 * (hs->resumed), and decides on a ticket (hs->ticket_expected). */
int glass_hs_server_try_resume(glass_hs *hs, const glass_client_hello *ch);
/* Both: the handshake completed: the server caches a new session. */
void glass_hs_session_done(glass_hs *hs);
/* A fresh X25519 key pair in hs->x25519_pub / x25519_priv (RFC 7748 6.1),
 * the private key traced (GLASS_SECRET_X25519_PRIVATE) so the premaster
 * can be re-derived from the trace: the client's ClientKeyExchange (the
 * server's is traced by the engine once its ServerKeyExchange is sent). */
int glass_hs_x25519_keypair(glass_hs *hs);
/* verify_data of our own Finished (from_client = !is_server), over the
 * transcript as it is now. */
int glass_hs_finished_compute(glass_hs *hs, int from_client, const uint8_t *hash,
                              uint8_t out[GLASS_VERIFY_DATA_SIZE]);
/* Checks a received verify_data in constant time: 0 or GLASS_E_BAD_FINISHED. */
int glass_hs_finished_check(glass_hs *hs, const uint8_t got[GLASS_VERIFY_DATA_SIZE]);

/* engine.c: the observer points for the trace (glasstls/trace.h). */
typedef enum glass_hs_event {
    GLASS_HS_EV_STATE_ENTERED,       /* the row hs->next */
    GLASS_HS_EV_STEP_SKIPPED,        /* the row hs->next, whose condition is false */
    GLASS_HS_EV_MESSAGE_SENT,        /* hs->last */
    GLASS_HS_EV_MESSAGE_PARSED       /* hs->last */
} glass_hs_event;
void glass_hs_observe(glass_hs *hs, glass_hs_event ev);
/* keyschedule.c: one secret for the trace (call only when
 * hs->env.cfg->trace is set; secrets are wiped right after). */
void glass_hs_observe_secret(glass_hs *hs, int which, const uint8_t *p, size_t len);

/* engine.c: a random value from the configured generator. */
int glass_hs_random(glass_hs *hs, uint8_t *out, size_t len);

#endif /* GLASS_HANDSHAKE_HS_INTERNAL_H */
