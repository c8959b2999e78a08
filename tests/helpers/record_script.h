/*
 * record_script.h — the record-layer tests' fixture (tests/test_record_*.c):
 * a scripted transport (bytes to read, a log of bytes written, optional
 * one-byte-at-a-time and would-block-between-calls behaviour) and a record
 * layer over it.  The checks fail the running cmocka test.
 */
#ifndef GLASS_TESTS_RECORD_SCRIPT_H
#define GLASS_TESTS_RECORD_SCRIPT_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/record.h"
#include "record/record.h"

#define SCRIPT_CAP 200000

typedef struct script {
    uint8_t in[SCRIPT_CAP];    /* what the record layer will read */
    size_t  in_len, in_pos;
    int     eof;               /* after in: 0 = would block, 1 = end of stream */
    uint8_t out[SCRIPT_CAP];   /* what it wrote */
    size_t  out_len;
    size_t  chunk;             /* max bytes per call, 0 = no limit */
    int     block_between;     /* alternate "would block" and progress */
    int     toggle_r, toggle_w;
    unsigned blocks;           /* would-blocks returned */
} script;

/* A transport that reads s->in and appends to s->out. */
glass_transport script_transport(script *s);

/* A record layer over a script, with its buffers. */
typedef struct fix {
    script s;
    glass_record r;
    uint8_t *mem;
    size_t mem_size;
} fix;

#define MAX_HS 65536           /* the fixture's handshake message bound */

/* A record layer (client or server side) over an empty script. */
fix *fix_new(int is_server);
/* Wipes the record layer and frees everything. */
void fix_free(fix *f);

/* Appends a raw record (header as given) to the script's input. */
void add_raw(script *s, uint8_t type, uint16_t version, const uint8_t *p, size_t len);
/* The same with version 3.3. */
void add_rec(script *s, uint8_t type, const uint8_t *p, size_t len);
/* Appends a record sealed with c (the test's view of the peer). */
void add_sealed(script *s, glass_record_cipher *c, uint8_t type,
                const uint8_t *p, size_t len);

/* A handshake message: type, uint24 length, body filled with a pattern
 * from seed.  Returns its length (4 + body_len). */
size_t make_hs(uint8_t *out, uint8_t type, size_t body_len, uint8_t seed);

/* Fixed AES-128 and AES-256 keys and the implicit nonce (salt). */
extern const uint8_t key16[16], key32[32], salt[4];

/* Turns on the read keys of f (via a ChangeCipherSpec record) and returns
 * in *peer the matching write state of the test's peer. */
void start_encrypted_read(fix *f, glass_record_cipher *peer, const uint8_t *key,
                          size_t key_len);

#endif /* GLASS_TESTS_RECORD_SCRIPT_H */
