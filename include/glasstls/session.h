/*
 * glasstls/session.h — session resumption (RFC 5246 sections 7.3, 7.4.1.2
 * and F.1.4; RFC 5077 session tickets; RFC 7627 section 5.3).
 *
 * A session is what two peers keep from a full handshake so a later
 * connection can skip the key exchange: the master secret, the cipher
 * suite, whether the extended master secret made it, and who the peer was.
 * A later ClientHello names the session (its session_id, or a ticket), the
 * server agrees by echoing the session_id, and both derive fresh record
 * keys from the old master secret and the two new randoms (the abbreviated
 * handshake, docs/handshake.md "Resumption").
 *
 * Three pieces, one per place a session can live:
 *
 *  - the server's SESSION CACHE (glass_session_cache): sessions by
 *    session_id, bounded in entries and lifetime, least-recently-used
 *    eviction, every entry wiped when it leaves; one mutex, so the
 *    connections of a threaded server may share one cache;
 *  - SESSION TICKETS (glass_ticket_keys, RFC 5077): the server seals the
 *    session state into a ticket the client keeps, so the server stores
 *    nothing; AES-256-GCM under a ticket key with a 16-byte key name;
 *  - the CLIENT's session: an opaque, versioned blob the program keeps
 *    between connections (glass_conn_get_session() / glass_conn_set_session()
 *    in glasstls/tls.h, glass_session_export() / _import() here).
 *
 * The ticket (RFC 5077 section 4, the recommended layout):
 *
 *     key_name (16) || iv (12) || ciphertext || tag (16)
 *
 * sealed with AES-256-GCM: key = the ticket key's 32-byte key, nonce = iv
 * (12 random bytes per ticket), additional data = key_name, plaintext =
 * the versioned session state:
 *
 *     version (1 byte, GLASS_TICKET_STATE_VERSION)
 *     cipher_suite (2) | ems (1) | master_secret (48)
 *     created (8, seconds since 1970, big-endian)
 *     server_name<0..255> (1-byte length) | peer_cert_hash<0..32> (1-byte length)
 *
 * so a ticket reveals nothing about the master secret (GCM keeps it
 * confidential, the tag keeps the whole ticket intact), and a server can
 * tell which key sealed it.  A ticket whose key name is unknown, whose tag
 * does not check, whose state is malformed or of another version, or that
 * is older than the lifetime, gives an error here and a full handshake on
 * the wire: never an alert (RFC 5077 section 3.3).
 *
 * Rotation (glass_ticket_keys_rotate()): there are at most two keys, the
 * CURRENT one, which seals every new ticket, and the PREVIOUS one, which
 * still opens the tickets it sealed.  Rotating makes the current key the
 * previous one (the old previous key is wiped) and installs a new current
 * key.  Rotate at least once per ticket lifetime: a ticket then always
 * opens under one of the two keys during its lifetime, and a key is
 * forgotten one rotation after it stopped sealing, which bounds what an
 * attacker who steals a key can decrypt (forward secrecy, RFC 5077
 * section 5.5 and 8).  Random 96-bit IVs bound one key to well under 2^32
 * tickets (NIST SP 800-38D section 8.3); rotation keeps far below that.
 */
#ifndef GLASSTLS_SESSION_H
#define GLASSTLS_SESSION_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_SESSION_ID_MAX        32
#define GLASS_SESSION_MASTER_SIZE   48
#define GLASS_SESSION_NAME_MAX      255    /* the longest server name kept */
#define GLASS_SESSION_HASH_SIZE     32     /* SHA-256 of the peer's leaf certificate */
/* The longest ticket a client keeps (RFC 5077 allows 2^16-1 bytes; the
 * tickets of glasstls, OpenSSL and GnuTLS are a few hundred).  A longer
 * one is not kept: the session resumes by its session_id only. */
#define GLASS_SESSION_TICKET_MAX    1024

#define GLASS_TICKET_KEY_NAME_SIZE  16
#define GLASS_TICKET_KEY_SIZE       32     /* AES-256 */
#define GLASS_TICKET_IV_SIZE        12
#define GLASS_TICKET_TAG_SIZE       16
#define GLASS_TICKET_STATE_VERSION  1
/* key_name + iv + tag around the state */
#define GLASS_TICKET_OVERHEAD \
    (GLASS_TICKET_KEY_NAME_SIZE + GLASS_TICKET_IV_SIZE + GLASS_TICKET_TAG_SIZE)
/* The longest ticket glasstls seals: the overhead plus the largest state. */
#define GLASS_TICKET_SEALED_MAX \
    (GLASS_TICKET_OVERHEAD + 1 + 2 + 1 + GLASS_SESSION_MASTER_SIZE + 8 + \
     1 + GLASS_SESSION_NAME_MAX + 1 + GLASS_SESSION_HASH_SIZE)

/* Defaults of the server cache and of the ticket lifetime. */
#define GLASS_SESSION_CACHE_DEFAULT_SIZE     1024
#define GLASS_SESSION_DEFAULT_LIFETIME       7200   /* seconds: 2 hours */

/* One resumable session (RFC 5246 F.1.4 "session state").  Secret:
 * master holds the master secret; wipe a copy with glass_session_wipe(). */
typedef struct glass_session {
    uint16_t suite;                            /* the cipher suite, e.g. 0xC02F */
    uint8_t  ems;                              /* 1: made with the extended master secret */
    uint8_t  master[GLASS_SESSION_MASTER_SIZE];
    uint8_t  session_id[GLASS_SESSION_ID_MAX];
    size_t   session_id_len;                   /* 0: none (a ticket only) */
    /* the server name the session was made for (client: the one it sent;
     * server: the one it got), NUL-terminated, "" for none */
    char     server_name[GLASS_SESSION_NAME_MAX + 1];
    /* SHA-256 of the peer's leaf certificate (client: the server's; the
     * server keeps the client's when it saw one), has_peer_hash 0: none */
    uint8_t  peer_cert_hash[GLASS_SESSION_HASH_SIZE];
    uint8_t  has_peer_hash;
    int64_t  created;                          /* when the full handshake ran (seconds) */
    uint32_t lifetime;                         /* seconds it may be resumed (0: no limit known) */
    /* client: the ticket to present (RFC 5077), ticket_len 0: none */
    uint8_t  ticket[GLASS_SESSION_TICKET_MAX];
    size_t   ticket_len;
} glass_session;

/* Wipes every byte of s (the master secret above all).  NULL is allowed. */
void glass_session_wipe(glass_session *s);

/* ---- the client's session as an opaque, versioned blob ----
 * Layout (all integers big-endian), version GLASS_SESSION_BLOB_VERSION:
 *   "GLSS" | version (1) | suite (2) | ems (1) | master (48) | created (8)
 *   | lifetime (4) | session_id<0..32> (1) | server_name<0..255> (1)
 *   | peer_cert_hash<0..32> (1) | ticket<0..1024> (2)
 * The blob holds the master secret in clear: whoever reads it can decrypt
 * the connections resumed from it (and, without the extended master
 * secret, the one that made it).  Keep it like a private key. */
#define GLASS_SESSION_BLOB_VERSION 1
#define GLASS_SESSION_BLOB_MAX \
    (4 + 1 + 2 + 1 + GLASS_SESSION_MASTER_SIZE + 8 + 4 + 1 + GLASS_SESSION_ID_MAX + \
     1 + GLASS_SESSION_NAME_MAX + 1 + GLASS_SESSION_HASH_SIZE + 2 + GLASS_SESSION_TICKET_MAX)

/* Writes s as a blob into out (cap bytes; GLASS_SESSION_BLOB_MAX always
 * suffices) and its length into *len.  0, GLASS_E_BUFFER_TOO_SMALL or
 * GLASS_E_INVALID_ARG. */
int glass_session_export(const glass_session *s, uint8_t *out, size_t cap, size_t *len);
/* Reads a blob written by glass_session_export(): 0, or
 * GLASS_E_SESSION_BLOB (not a glasstls session, another version, a length
 * out of range, or bytes after the end); *s is then all zero. */
int glass_session_import(glass_session *s, const uint8_t *blob, size_t len);

/* ---- the server's session cache (RFC 5246 F.1.4) ---- */
typedef struct glass_session_cache glass_session_cache;

/* Allocates a cache for at most max_entries sessions (1 .. 1,000,000),
 * each resumable for lifetime seconds after its full handshake (1 ..
 * 86,400: RFC 5246 F.1.4 suggests an upper limit of 24 hours).  All the
 * memory is allocated here.  0, GLASS_E_INVALID_ARG or GLASS_E_NO_MEMORY. */
int glass_session_cache_new(glass_session_cache **out, size_t max_entries, uint32_t lifetime);
/* Wipes every entry and frees the cache.  NULL is allowed. */
void glass_session_cache_free(glass_session_cache *c);

/* Stores s under s->session_id (which must not be empty), as the most
 * recently used entry; created is s->created.  An entry with the same id
 * is replaced; when the cache is full the least recently used entry is
 * wiped and replaced.  0 or GLASS_E_INVALID_ARG. */
int glass_session_cache_put(glass_session_cache *c, const glass_session *s);
/* Looks up id at time now: 0 and a copy in *out (the entry becomes the
 * most recently used), GLASS_E_SESSION_NOT_FOUND, or
 * GLASS_E_SESSION_EXPIRED (older than the lifetime, or from the future:
 * the entry is wiped and removed). */
int glass_session_cache_get(glass_session_cache *c, const uint8_t *id, size_t id_len,
                            int64_t now, glass_session *out);
/* Removes and wipes the entry of id, if any (RFC 5246 7.2.2: a session
 * whose connection ended with a fatal alert must not be resumed). */
void glass_session_cache_remove(glass_session_cache *c, const uint8_t *id, size_t id_len);
/* Entries held now, and how many were evicted to make room so far. */
size_t glass_session_cache_count(glass_session_cache *c);
uint64_t glass_session_cache_evictions(glass_session_cache *c);
uint32_t glass_session_cache_lifetime(const glass_session_cache *c);

/* ---- session tickets (RFC 5077) ---- */
typedef struct glass_ticket_keys glass_ticket_keys;

/* Allocates a key set with one current key (name: 16 bytes, key: 32
 * bytes) and tickets valid lifetime seconds (1 .. 604,800, RFC 5077's
 * 7-day bound on the lifetime hint).  0, GLASS_E_INVALID_ARG or
 * GLASS_E_NO_MEMORY. */
int glass_ticket_keys_new(glass_ticket_keys **out, const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE],
                          const uint8_t key[GLASS_TICKET_KEY_SIZE], uint32_t lifetime);
/* Reads a key file: one or two lines, each 32 hex digits of key name, a
 * space, 64 hex digits of key (96 digits in all); the first line is the
 * current key, the second (optional) the previous one.  Lines starting
 * with '#' and empty lines are skipped.  0, GLASS_E_FILE, GLASS_E_TICKET_KEY_FILE
 * or GLASS_E_NO_MEMORY. */
int glass_ticket_keys_load(glass_ticket_keys **out, const char *path, uint32_t lifetime);
/* Wipes both keys and frees the set.  NULL is allowed. */
void glass_ticket_keys_free(glass_ticket_keys *k);
/* The rotation (top of this file): current -> previous, the new key ->
 * current.  0 or GLASS_E_INVALID_ARG (a name equal to the current one). */
int glass_ticket_keys_rotate(glass_ticket_keys *k, const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE],
                             const uint8_t key[GLASS_TICKET_KEY_SIZE]);
uint32_t glass_ticket_keys_lifetime(const glass_ticket_keys *k);

/* Seals s (suite, ems, master, server_name, peer hash, created) under the
 * current key with the 12-byte iv (fresh random bytes for every ticket).
 * Writes the ticket to out (cap >= GLASS_TICKET_SEALED_MAX always
 * suffices) and its length to *len.  0, GLASS_E_BUFFER_TOO_SMALL,
 * GLASS_E_INVALID_ARG. */
int glass_ticket_seal(glass_ticket_keys *k, const glass_session *s,
                      const uint8_t iv[GLASS_TICKET_IV_SIZE], uint8_t *out, size_t cap,
                      size_t *len);
/* Opens a ticket at time now into *out (session_id and ticket left
 * empty): 0, GLASS_E_TICKET_KEY_UNKNOWN (neither key has its name),
 * GLASS_E_TICKET_INVALID (too short, tag wrong, state malformed or of
 * another version), GLASS_E_SESSION_EXPIRED.  On any error *out is all
 * zero. */
int glass_ticket_open(glass_ticket_keys *k, const uint8_t *ticket, size_t len, int64_t now,
                      glass_session *out);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_SESSION_H */
