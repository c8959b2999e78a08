/*
 * glasslab.h — the pieces of glass-lab (examples/labs/glass-lab/), the
 * exercises of the labs (docs/labs/exercises.md):
 *
 *   new.c       glass-lab new: one seeded connection in this process, its
 *               records kept, and the exercise's material written out
 *   material.c  the material on disk: records.txt, exercise.txt, key logs;
 *               hex in and out
 *   tls.c       reading a capture back: the handshake messages, the
 *               randoms, the keys of the key block, opening a record
 *   check.c     glass-lab check: the right answer and each recognised
 *               mistake's answer, computed again from the material
 *
 * The check never reads a stored answer: it redoes the exercise from what
 * the student was given (with the library's PRF, SHA-2, AES-GCM, RSA and
 * X.509 code), once the right way and once per mistake.
 */
#ifndef GLASSLAB_H
#define GLASSLAB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "glasstls/prf.h"
#include "glasstls/sha2.h"

#define GL_MAX_RECORDS 64
#define GL_MAX_MSGS    32
#define GL_RECORD_MAX  (5 + 16384 + 2048)

/* TLS content types (RFC 5246 6.2.1) and handshake types (7.4) */
enum { GL_CT_CCS = 20, GL_CT_ALERT = 21, GL_CT_HANDSHAKE = 22, GL_CT_APPDATA = 23 };
enum {
    GL_HS_CLIENT_HELLO = 1, GL_HS_SERVER_HELLO = 2, GL_HS_CERTIFICATE = 11,
    GL_HS_SERVER_KEY_EXCHANGE = 12, GL_HS_SERVER_HELLO_DONE = 14,
    GL_HS_CLIENT_KEY_EXCHANGE = 16, GL_HS_FINISHED = 20
};

/* One record as it crossed the wire (header included). */
typedef struct gl_record {
    int      from_server;
    uint8_t *bytes;
    size_t   len;
} gl_record;

/* The records of one connection, in the order the client saw them. */
typedef struct gl_capture {
    gl_record rec[GL_MAX_RECORDS];
    size_t    n;
} gl_capture;

/* One handshake message (4-byte header included) and where it came from. */
typedef struct gl_msg {
    int      from_server;
    int      type;
    size_t   record;            /* index of the record it ended in */
    uint8_t *bytes;
    size_t   len;
} gl_msg;

/* What a capture says, once read: the messages in transcript order, and,
 * given the master secret, the keys and every record opened. */
typedef struct gl_conn {
    const gl_capture *cap;
    gl_msg   msg[GL_MAX_MSGS];
    size_t   n_msg;
    uint8_t  client_random[32], server_random[32];
    uint16_t suite;
    int      ems;                       /* both hellos carry extended_master_secret */
    glass_hash_id hash;                 /* the suite's PRF hash */
    size_t   key_len;                   /* 16 or 32 (AES-128/256-GCM) */
    /* per record: encrypted (after its direction's ChangeCipherSpec), and
     * then its sequence number in its direction */
    int      encrypted[GL_MAX_RECORDS];
    uint64_t seq[GL_MAX_RECORDS];
    size_t   ccs_record[2];             /* [from_server]: index of the CCS, or SIZE_MAX */
} gl_conn;

/* The client's and the server's write keys and salts (RFC 5246 6.3). */
typedef struct gl_keys {
    uint8_t key[2][32];                 /* [from_server] */
    uint8_t salt[2][4];
    size_t  key_len;
} gl_keys;

/* ---- material.c ---- */
int  gl_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len);
void gl_hex_print(FILE *f, const uint8_t *b, size_t n);
void gl_capture_add(gl_capture *cap, int from_server, const uint8_t *b, size_t n);
void gl_capture_free(gl_capture *cap);
int  gl_capture_write(const gl_capture *cap, const char *path);
int  gl_capture_read(gl_capture *cap, const char *path);
/* exercise.txt: "key=value" lines; value of key into out ("" if absent: -1) */
int  gl_param(const char *dir, const char *key, char *out, size_t cap);
/* The secret of a key log line "LABEL <client random hex> <secret hex>". */
int  gl_keylog_secret(const char *path, const char *label, const uint8_t client_random[32],
                      uint8_t *out, size_t cap, size_t *out_len);
/* dir/name into out */
const char *gl_path(char *out, size_t cap, const char *dir, const char *name);

/* ---- tls.c ---- */
/* Reads the plaintext part of the capture: messages up to each side's
 * ChangeCipherSpec, the randoms, the suite, EMS.  0 or -1 (said on stderr). */
int gl_conn_read(gl_conn *c, const gl_capture *cap);
/* The key block of a master secret; swapped != 0 feeds the randoms in the
 * wrong order (client first), a recognised mistake. */
int gl_keys_derive(const gl_conn *c, const uint8_t master[48], int swapped, gl_keys *k);
/* Opens record i with the keys, sequence number seq and the AAD length
 * field aad_len (SIZE_MAX: the right one): the plaintext into out, and the
 * tag this AAD gives (the tag check is not made: the caller compares).
 * Returns the plaintext length, or -1 for a record too short. */
long gl_record_open(const gl_conn *c, const gl_keys *k, size_t i, int from_server_keys,
                    uint64_t seq, size_t aad_len, uint8_t *out, uint8_t tag[16],
                    uint8_t aad_out[13]);
/* The same with the explicit nonce made from nonce_seq instead of read
 * from the record (UINT64_MAX: read from it) — the mistake of building the
 * nonce from a sequence number counted wrong. */
long gl_record_open_nonce(const gl_conn *c, const gl_keys *k, size_t i, int from_server_keys,
                          uint64_t seq, size_t aad_len, uint64_t nonce_seq, uint8_t *out,
                          uint8_t tag[16], uint8_t aad_out[13]);
/* Opens every encrypted handshake record (the two Finished) with the
 * right keys, and adds their messages to the transcript.  0 or -1. */
int gl_conn_open_handshake(gl_conn *c, const uint8_t master[48]);
/* Index of the first message of this type from this side, or -1. */
int gl_find_msg(const gl_conn *c, int type, int from_server);
/* Hash of the messages [0, end) of the transcript into out (returns the
 * hash size).  flags: the recognised mistakes of hashing it —
 * GL_TH_BODIES_ONLY leaves the 4-byte message headers out;
 * GL_TH_CLIENT_CCS / GL_TH_SERVER_CCS hash that side's ChangeCipherSpec
 * (its one byte, 0x01) where it came, as if it were a handshake message. */
enum { GL_TH_BODIES_ONLY = 1, GL_TH_CLIENT_CCS = 2, GL_TH_SERVER_CCS = 4 };
size_t gl_transcript_hash(const gl_conn *c, size_t end, int flags, uint8_t *out);
void gl_conn_free(gl_conn *c);

/* ---- new.c, check.c ---- */
int gl_cmd_new(int argc, char **argv);
int gl_cmd_check(int argc, char **argv);

#endif /* GLASSLAB_H */
