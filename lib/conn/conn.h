/*
 * conn.h — struct glass_conn, internal to lib/conn (and white-box tests).
 *
 * A connection is: the config it was made from, a record layer, the
 * handshake state (opaque, lib/handshake/hs.h), the default generator when
 * the config gives no RNG hook, and the sticky error.  Everything is
 * allocated in glass_conn_new(): the struct, one block holding the record
 * layer's buffers, and one holding the handshake-message buffers, which
 * is wiped and freed once the handshake is over and application data
 * moves (the first glass_read/glass_write after it), so an established
 * connection keeps only what records need.
 */
#ifndef GLASS_CONN_CONN_H
#define GLASS_CONN_CONN_H

#include "glasstls/tls.h"
#include "glasstls/drbg.h"
#include "record/record.h"
#include "handshake/hs.h"

struct glass_conn {
    const glass_config *cfg;
    glass_record rec;
    glass_hs    *hs;
    glass_drbg   drbg;          /* used when cfg->rng is NULL */
    uint8_t     *mem;           /* the record layer's buffers */
    size_t       mem_size;
    uint8_t     *hs_mem;        /* the handshake-message buffers, NULL once released */
    size_t       hs_mem_size;
    int          established;   /* the handshake finished */
    int          error;         /* sticky: the error that ended the connection */
};

#endif /* GLASS_CONN_CONN_H */
