/*
 * transcript.h — the running hash of the handshake messages (RFC 5246
 * section 7.4.9: "all of the data from all messages in this handshake (not
 * including any HelloRequest messages) up to, but not including, this
 * message"; ChangeCipherSpec is not a handshake message and is not hashed).
 *
 * The suite, and so the hash, is known only after ServerHello, which is
 * itself hashed; so SHA-256 and SHA-384 run from the first byte and the
 * suite's one is read out.  SHA-512 runs too: a client's CertificateVerify
 * (section 7.4.8) may sign the transcript with any hash of the schemes the
 * server offered.
 *
 * Once the handshake knows which of them it will still read out, the others
 * stop (glass_transcript_keep): a server that asks for no client
 * certificate needs only the suite's hash from the ClientHello on, and a
 * client only that and its CertificateVerify's from ServerHelloDone on.
 * Each stopped hash is about 20 compressions less per handshake, and
 * reading one out afterwards is an error, never a wrong digest.
 */
#ifndef GLASS_HANDSHAKE_TRANSCRIPT_H
#define GLASS_HANDSHAKE_TRANSCRIPT_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"

typedef struct glass_transcript {
    glass_hash_ctx h[3];        /* SHA-256, SHA-384, SHA-512 (transcript.c's order) */
    unsigned       stopped;     /* bit i: h[i] is no longer updated */
} glass_transcript;

int  glass_transcript_init(glass_transcript *t);
/* Stops (and wipes) every running hash but a and b (GLASS_HASH_NONE: no
 * second one); a stopped hash stays stopped. */
void glass_transcript_keep(glass_transcript *t, glass_hash_id a, glass_hash_id b);
/* Adds one whole handshake message, its 4-byte header included. */
void glass_transcript_add(glass_transcript *t, const uint8_t *msg, size_t len);
/* Hash(messages so far) with hash (SHA-256, -384 or -512), without ending the
 * running hash.  Writes glass_hash_size(hash) bytes; returns that size,
 * GLASS_E_HASH_UNSUPPORTED, or GLASS_E_STATE for a hash stopped by
 * glass_transcript_keep. */
int  glass_transcript_hash(const glass_transcript *t, glass_hash_id hash, uint8_t *out);
void glass_transcript_wipe(glass_transcript *t);

#endif /* GLASS_HANDSHAKE_TRANSCRIPT_H */
