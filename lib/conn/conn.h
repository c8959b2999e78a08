/*
 * conn.h — struct glass_conn, internal to lib/conn (and white-box tests).
 *
 * A connection is: the config it was made from, a record layer, the
 * handshake state (opaque, lib/handshake/hs.h), the default generator when
 * the config gives no RNG hook, and the sticky error.  Everything is
 * allocated in glass_conn_new(): the struct, one block holding the record
 * layer's buffers, one holding the handshake-message buffers, and the
 * handshake state.  Once the handshake is over and application data
 * moves (the first glass_read/glass_write after it), the handshake-message
 * buffers and the handshake state are wiped and freed, and what the
 * glass_conn_* queries still need of the handshake is kept in `done`; an
 * established connection keeps only what records need.
 */
#ifndef GLASS_CONN_CONN_H
#define GLASS_CONN_CONN_H

#include "glasstls/tls.h"
#include "glasstls/drbg.h"
#include "record/record.h"
#include "handshake/hs.h"

/* What stays of the handshake once its state is released: the answers of
 * glass_conn_state(), _parse_error(), _server_name(), _suite() and
 * _ems().  No secret is kept.  Not the typed last message: a
 * glass_hs_message is 1,784 bytes (its ClientHello member), 4% of the
 * 40 KiB budget, to keep a Finished nobody reads once data moves;
 * glass_conn_last_message() says NULL then (glasstls/tls.h). */
typedef struct glass_conn_done {
    int              state;         /* the final state (ApplicationData) */
    uint16_t         suite;
    uint16_t         group;         /* the ECDHE group, 0 with RSA key exchange */
    int              ems;
    int              resumed;       /* the abbreviated handshake ran */
    int              has_where;     /* a parse error was noted (where is valid) */
    glass_hs_where   where;
    int              has_server_name;
    char             server_name[GLASS_HS_MAX_HOSTNAME + 1];
    int              peer_verified;
    char             peer_subject[GLASS_HS_MAX_SUBJECT];
} glass_conn_done;

struct glass_conn {
    const glass_config *cfg;
    glass_record rec;
    glass_hs    *hs;            /* NULL once released (see `done`) */
    union {                     /* the generator is needed only until `done` is */
        glass_drbg      drbg;   /* used when cfg->rng is NULL, during the handshake */
        glass_conn_done done;   /* valid once hs is NULL */
    };
    uint8_t     *mem;           /* the record layer's buffers */
    size_t       mem_size;
    uint8_t     *hs_mem;        /* the handshake-message buffers, NULL once released */
    size_t       hs_mem_size;
    uint8_t     *hs_big;        /* a received handshake message longer than hs_mem's half */
    size_t       hs_big_size;
    /* client: the session this connection made or resumed, kept from the
     * end of the handshake for glass_conn_get_session() (secret: its
     * master secret; wiped at free); allocated with the connection */
    glass_session *session;
    int          have_session;
    int          established;   /* the handshake finished */
    int          error;         /* sticky: the error that ended the connection */
};

#endif /* GLASS_CONN_CONN_H */
