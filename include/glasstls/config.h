/*
 * glasstls/config.h — the configuration of a TLS connection: role, cipher
 * suites, certificate and key, trust anchors, server name, and the hooks
 * (random numbers, clock, trace).
 *
 * A glass_config is a plain struct owned by the caller.  Fill it with
 * glass_config_init() (safe defaults), change the fields you need, then
 * create connections from it with glass_conn_new() (glasstls/tls.h).  The
 * connection keeps a pointer to the config and to everything it points to
 * (chain, key, trust store, strings): they must stay valid and unchanged
 * until every connection made from them is freed.  One config may serve
 * many connections.
 *
 * It is read by the handshake (lib/handshake) and by the connection
 * (lib/conn); the record layer only sees the sizes the connection gives it.
 */
#ifndef GLASSTLS_CONFIG_H
#define GLASSTLS_CONFIG_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/drbg.h"
#include "glasstls/rsa.h"
#include "glasstls/trace.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

typedef enum glass_role {
    GLASS_ROLE_CLIENT = 0,
    GLASS_ROLE_SERVER = 1
} glass_role;

/* Certificates and keys (glasstls/x509.h): only pointers are held here. */
struct glass_x509_list;    /* certificates: a chain (leaf first) or trust anchors */
/* Session resumption (glasstls/session.h): only pointers are held here. */
struct glass_session_cache;
struct glass_ticket_keys;
struct glass_private_key;  /* an RSA or EC private key */

/* One certificate chain (leaf first) with the private key of its leaf. */
typedef struct glass_cert_key {
    const struct glass_x509_list   *chain;
    const struct glass_private_key *key;
} glass_cert_key;

/* The clock hook: the current time in seconds since 1970-01-01T00:00:00Z.
 * Used to check certificate validity.  Default: time(NULL). */
typedef int64_t (*glass_clock_fn)(void *ctx);

/* The trace hook: glass_trace_fn (glasstls/trace.h) receives one event
 * per step, message, secret, record, alert and certificate check. */

#define GLASS_CONFIG_MAX_SUITES 16
#define GLASS_CONFIG_MAX_GROUPS 8
#define GLASS_CONFIG_MAX_CERTS  2

/* Default bound on one received handshake message (header included), and
 * the smallest and largest bounds allowed.  A connection starts with two
 * handshake buffers of GLASS_HS_BUFFER_SIZE bytes (or the bound, if
 * smaller): one for the message being received, one for the one being
 * sent.  A received message longer than the buffer but within the bound
 * (a ClientHello full of extensions, a long certificate chain) gets a
 * buffer of its own size for the rest of the handshake; all of them are
 * freed when the handshake ends.  Beyond the bound: decode_error. */
#define GLASS_DEFAULT_MAX_HANDSHAKE (128u * 1024u)
#define GLASS_HS_BUFFER_SIZE        (32u * 1024u)
#define GLASS_MIN_MAX_HANDSHAKE     (4u * 1024u)
#define GLASS_LIMIT_MAX_HANDSHAKE   (1u << 20)

/* Whether a server asks for the client's certificate (RFC 5246 7.4.4). */
typedef enum glass_client_cert_mode {
    GLASS_CLIENT_CERT_NONE = 0,      /* no CertificateRequest */
    GLASS_CLIENT_CERT_OPTIONAL = 1,  /* ask; an empty Certificate goes on */
    GLASS_CLIENT_CERT_REQUIRED = 2   /* ask; an empty one is handshake_failure */
} glass_client_cert_mode;

typedef struct glass_config {
    glass_role role;

    /* Cipher suites (IANA values, e.g. 0xC02F), most preferred first.
     * suite_count 0 means glasstls's default list (ECDHE first). */
    uint16_t suites[GLASS_CONFIG_MAX_SUITES];
    size_t   suite_count;

    /* ECDHE groups (GLASS_GROUP_X25519, _SECP256R1, _SECP384R1), most
     * preferred first: what the client offers in supported_groups, and
     * the server's order when it picks one of the client's.  group_count
     * 0 means x25519, secp256r1, secp384r1. */
    uint16_t groups[GLASS_CONFIG_MAX_GROUPS];
    size_t   group_count;

    /* Our certificate chain and its RSA private key: a server needs a
     * certificate (this pair, or certs below, or both); a client sends
     * one (of certs below first, then this pair) when a server asks
     * (CertificateRequest) and its key fits, else an empty Certificate. */
    const struct glass_x509_list  *chain;
    const glass_rsa_private       *key;
    /* More certificates with keys of either type (glass_private_key):
     * at most one RSA and one EC.  Per connection the server takes the
     * one the negotiated suite needs (ECDHE_ECDSA: the EC one; the others:
     * RSA, certs first, then chain/key), so an RSA-only client and an
     * ECDSA client each get their own.  A client takes the first whose key
     * type the CertificateRequest allows (rsa_sign / ecdsa_sign) and that
     * has a scheme in its list (EC: the one of the key's curve). */
    glass_cert_key certs[GLASS_CONFIG_MAX_CERTS];
    size_t         cert_count;

    /* Trust anchors for the peer's chain: a client needs them unless
     * verify_peer is 0; a server that asks for client certificates checks
     * their chains against them (clientAuth) and names their subjects in
     * its CertificateRequest (certificate_authorities). */
    const struct glass_x509_list  *trust;
    int verify_peer;               /* client: 1 (default) checks the chain and name */
    /* Client, old private PKIs only: 1 accepts the server certificate's
     * subject CN as its name when it has no subjectAltName
     * (GLASS_X509_LEGACY_CN_FALLBACK).  0 (default): RFC 9525 section 6.3,
     * only subjectAltName names a server. */
    int legacy_cn_fallback;

    /* Client: the name sent in server_name and checked against the
     * server's certificate (NUL-terminated; NULL sends none). */
    const char *server_name;

    /* Random numbers: NULL = a per-connection HMAC-DRBG seeded from the OS. */
    glass_rng_fn rng;
    void        *rng_ctx;
    /* Clock: NULL = the system clock. */
    glass_clock_fn clock;
    void          *clock_ctx;
    /* Trace: NULL = off (costs nothing). */
    glass_trace_fn trace;
    void          *trace_ctx;

    /* The largest handshake message accepted, header included
     * (GLASS_MIN_MAX_HANDSHAKE .. GLASS_LIMIT_MAX_HANDSHAKE); bigger ones
     * are refused (GLASS_E_HS_TOO_LARGE).  Also the largest message we
     * send when below GLASS_HS_BUFFER_SIZE.  0 = GLASS_DEFAULT_MAX_HANDSHAKE. */
    size_t max_handshake_size;

    /* RFC 7627: refuse a peer that does not offer the extended master
     * secret (it is always offered and used when both sides support it). */
    int require_ems;

    /* Server: refuse a client that signals neither renegotiation_info nor
     * TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 section 4.3 allows
     * either).  Off by default: glasstls never renegotiates, so the attack
     * the extension prevents cannot happen (docs/hardening.md). */
    int require_secure_renegotiation;

    /* Server: send a CertificateRequest (RFC 5246 7.4.4), so the client
     * answers with a Certificate message: GLASS_CLIENT_CERT_NONE (0, the
     * default), _OPTIONAL or _REQUIRED (see glass_client_cert_mode). */
    int request_client_certificate;

    /* Do not offer / accept the extended master secret (RFC 7627); for
     * tests and demonstrations of the classic master secret only. */
    int disable_ems;

    /* Session resumption (glasstls/session.h, docs/handshake.md
     * "Resumption").  Server: session_cache NULL turns the cache off;
     * otherwise every full handshake stores its session there (the cache
     * sets the size and lifetime, glass_session_cache_new()), and a
     * ClientHello naming a cached session_id may resume it.  ticket_keys
     * NULL turns tickets off; otherwise a client that sends the
     * SessionTicket extension gets a NewSessionTicket, and a ticket that
     * opens may resume its session (RFC 5077).  Both may be shared by many
     * configs and threads; they must outlive the connections.
     * Client: session_tickets 1 sends the SessionTicket extension (asking
     * for a ticket, or presenting the one of the session set with
     * glass_conn_set_session(), glasstls/tls.h). */
    struct glass_session_cache *session_cache;
    struct glass_ticket_keys   *ticket_keys;
    int session_tickets;

    /* 1: the records of one flight (ServerHello .. ServerHelloDone;
     * ChangeCipherSpec + Finished; the client's ClientKeyExchange ..
     * Finished) are packed into the output buffer and handed to the
     * transport in one send when the peer's turn comes, instead of one
     * send per message.  The bytes on the wire are the same; over TCP it
     * saves a system call per message.  0 (the default) sends each
     * message as its step runs, so a program stepping the handshake
     * (glass_handshake_step) sees each message leave at its step. */
    int pack_flights;
} glass_config;

/* Fills cfg with the defaults for role: every field zero except role and
 * verify_peer = 1. */
void glass_config_init(glass_config *cfg, glass_role role);

/* Checks a config before use: GLASS_E_INVALID_ARG (with no change to cfg)
 * for a bad role, too many suites, groups or certificates, a group
 * glasstls does not have, a certs entry without chain or key, or a
 * max_handshake_size out of range. */
int glass_config_check(const glass_config *cfg);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_CONFIG_H */
