/*
 * mitm.h — the pieces of glass-mitm (docs/labs/downgrade.md), a man in
 * the middle on loopback for lab 4: the sockets and the strict record
 * reader they share (net.c), the ClientHello rewrite that strips the
 * ECDHE suites (strip.c), and the relay that answers the client with its
 * own X25519 key in place of the server's (replace.c).  triple.c is lab 5.
 */
#ifndef GLASS_LABS_MITM_H
#define GLASS_LABS_MITM_H

#include <stddef.h>
#include <stdint.h>

#include "labnet.h"

#define MITM_HDR 5
#define MITM_MAX_BODY (16384 + 2048)     /* RFC 5246 6.2.3: TLSCiphertext.length */
#define MITM_MAX_HS (64 * 1024)          /* handshake bytes gathered across records */

/* One end of the relay: a socket and the bytes read from it. */
typedef struct mitm_side {
    int fd;
    const char *name;                    /* "client", "server" */
    uint8_t buf[MITM_HDR + MITM_MAX_BODY];
    size_t len;
    int eof;
    int ccs;                             /* it has sent ChangeCipherSpec */
} mitm_side;

/* sockets: lab_listen, lab_accept, lab_connect, lab_write_all, lab_now
 * (examples/labs/common/labnet.h) */

/* One complete record at the front of s->buf: its total length, 0 when
 * more bytes are needed, -1 when the header is not TLS 1.x (type 20..24,
 * major version 3, length at most 2^14 + 2048). */
long mitm_next_record(const mitm_side *s);
void mitm_consume(mitm_side *s, size_t n);
/* Reads more bytes from s (waits at most ms): 1 read, 0 nothing yet,
 * -1 end of stream or error (s->eof set) or a full buffer. */
int mitm_fill(mitm_side *s, int ms);
/* Waits until a whole record is at the front of s->buf (until deadline,
 * lab_now() seconds): its length, or -1 (end, timeout, not TLS). */
long mitm_wait_record(mitm_side *s, double deadline);

/* "alert fatal decrypt_error" for a 2-byte plaintext alert */
const char *mitm_alert_name(uint8_t description);
/* The name of a cipher suite, or NULL when not known */
const char *mitm_suite_name(uint16_t suite);
/* 1 when the suite's key exchange is ECDHE (RFC 8422, RFC 5289, RFC 7905) */
int mitm_suite_is_ecdhe(uint16_t suite);

/* The ClientHello, at its handshake header (type 1, 3-byte length),
 * rewritten in place without its ECDHE suites (strip.c).  *len is the
 * message's length before and after; every length is checked against its
 * container first.  0 done, 1 nothing to remove, -1 (with why) not a
 * well-formed ClientHello or nothing left to offer. */
int mitm_strip_ecdhe(uint8_t *msg, size_t *len, const char **why);

/* The commands */
int mitm_strip_main(int argc, char **argv);
int mitm_replace_main(int argc, char **argv);

#endif /* GLASS_LABS_MITM_H */
