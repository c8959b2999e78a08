/*
 * bleich.h — the pieces of glass-attack bleichenbacher (attack.h;
 * docs/labs/bleichenbacher.md):
 *
 *   bleichenbacher.c  the command line, the oracle (one TLS connection a
 *                     query) and the attack itself (Bleichenbacher 1998,
 *                     with the trimming of Bardou et al. 2012)
 *   bleich_capture.c  the recorded connection: a pcapng file as glasstls
 *                     writes it (--pcap), its two TCP streams, TLS records
 *                     and handshake messages; then, given the premaster,
 *                     the master secret and the decrypted records
 *   bn_lab.c          variable-time big integers on public values
 */
#ifndef GLASS_LABS_BLEICH_H
#define GLASS_LABS_BLEICH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "glasstls/sha2.h"

/* What the attacker reads from a recorded RSA-key-exchange connection. */
typedef struct bl_conn {
    uint8_t *stream[2];                /* [0] client to server, [1] server to client */
    size_t   len[2];
    uint8_t  client_random[32], server_random[32];
    uint16_t suite;                    /* TLS_RSA_WITH_AES_128/256_GCM_SHA256/384 */
    glass_hash_id hash;
    size_t   key_len;                  /* 16 or 32 */
    int      ems;                      /* ServerHello carried extended_master_secret */
    uint8_t  session_hash[GLASS_HASH_MAX_SIZE];  /* RFC 7627 3: through ClientKeyExchange */
    size_t   session_hash_len;
    uint8_t  cke[1024];                /* the encrypted premaster (EncryptedPreMasterSecret) */
    size_t   cke_len;
    uint8_t  n[1024], e[16];           /* the server's RSA key, from its Certificate */
    size_t   n_len, e_len;
    size_t   sealed_at[2];             /* offset in each stream after its ChangeCipherSpec */
} bl_conn;

/* Reads the first TCP connection of a pcapng capture and its TLS
 * handshake up to the ChangeCipherSpecs.  0, or -1 with a message. */
int bl_conn_read(bl_conn *c, const char *pcap_path);
void bl_conn_free(bl_conn *c);
/* The master secret of a premaster (RFC 5246 8.1, or RFC 7627 4 when the
 * connection used extended master secret). */
int bl_master(const bl_conn *c, const uint8_t premaster[48], uint8_t master[48]);
/* Opens every sealed record of the capture with the keys of master and
 * prints what they hold on out; returns how many records opened with a
 * good tag, -1 when one did not. */
int bl_decrypt(const bl_conn *c, const uint8_t master[48], FILE *out);

#endif
