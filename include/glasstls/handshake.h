/*
 * glasstls/handshake.h — the TLS 1.2 handshake messages as typed structs
 * (RFC 5246 section 7.4), the handshake states and the cipher suites.
 * (The one table that maps every error to an alert is glass_alert_for_error()
 * in glasstls/record.h, documented in docs/alerts.md.)
 *
 * Every message has a struct, a writer and a parser, side by side in
 * lib/handshake/<message>.c.  After each handshake step the connection keeps
 * the message just sent or parsed as a glass_hs_message (see tls.h,
 * glass_conn_last_message()), so a student can look at every field.
 *
 * Lifetime: byte fields marked "points into the message" point into the
 * connection's handshake buffer and stay valid until the next step.
 */
#ifndef GLASSTLS_HANDSHAKE_H
#define GLASSTLS_HANDSHAKE_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>
#include "glasstls/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

#define GLASS_TLS12_VERSION 0x0303

/* ---- handshake message types (RFC 5246 section 7.4) ---- */
typedef enum glass_hs_type {
    GLASS_HS_HELLO_REQUEST       = 0,
    GLASS_HS_CLIENT_HELLO        = 1,
    GLASS_HS_SERVER_HELLO        = 2,
    GLASS_HS_NEW_SESSION_TICKET  = 4,    /* RFC 5077 section 3.3 */
    GLASS_HS_CERTIFICATE         = 11,
    GLASS_HS_SERVER_KEY_EXCHANGE = 12,
    GLASS_HS_CERTIFICATE_REQUEST = 13,
    GLASS_HS_SERVER_HELLO_DONE   = 14,
    GLASS_HS_CERTIFICATE_VERIFY  = 15,
    GLASS_HS_CLIENT_KEY_EXCHANGE = 16,
    GLASS_HS_FINISHED            = 20,
    /* Not a handshake message but a record of its own type (RFC 5246
     * section 7.1); it has steps in the table like the others. */
    GLASS_HS_CHANGE_CIPHER_SPEC  = 0x100,
    GLASS_HS_NONE                = 0x1ff
} glass_hs_type;

/* "ClientHello", "ChangeCipherSpec", ...; "unknown(N)" style names are not
 * produced: unknown types give "unknown". */
const char *glass_hs_type_name(int type);

/* ---- cipher suites (RFC 5288, RFC 5289) ---- */
#define GLASS_TLS_RSA_WITH_AES_128_GCM_SHA256       0x009C
#define GLASS_TLS_RSA_WITH_AES_256_GCM_SHA384       0x009D
#define GLASS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 0xC02F
#define GLASS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 0xC030
#define GLASS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 0xC02B
#define GLASS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 0xC02C
/* RFC 5746 section 3.3: a cipher-suite value that means "empty
 * renegotiation_info"; never negotiated. */
#define GLASS_TLS_EMPTY_RENEGOTIATION_INFO_SCSV     0x00FF

typedef enum glass_kx {
    GLASS_KX_RSA = 1,          /* premaster encrypted to the server's key */
    GLASS_KX_ECDHE_RSA = 2,    /* ECDHE (X25519, P-256, P-384), signed with RSA */
    GLASS_KX_ECDHE_ECDSA = 3   /* ECDHE, signed with ECDSA (RFC 8422 section 2) */
} glass_kx;
/* 1 for the ECDHE key exchanges (a ServerKeyExchange is sent). */
static inline int glass_kx_is_ecdhe(glass_kx kx)
{
    return kx == GLASS_KX_ECDHE_RSA || kx == GLASS_KX_ECDHE_ECDSA;
}

typedef struct glass_suite_info {
    uint16_t      id;
    const char   *name;            /* IANA name, "TLS_ECDHE_RSA_WITH_..." */
    glass_kx      kx;
    glass_hash_id prf_hash;        /* the PRF and Finished hash */
    uint8_t       key_len;         /* AES key: 16 or 32 */
    uint8_t       fixed_iv_len;    /* GCM implicit salt: 4 (RFC 5288 3) */
} glass_suite_info;

#define GLASS_SUITE_COUNT 6
/* The suites glasstls implements, in its default preference order
 * (ECDHE first). */
extern const uint16_t glass_default_suites[GLASS_SUITE_COUNT];
/* The description of a suite, or NULL when glasstls does not know it. */
const glass_suite_info *glass_suite_find(uint16_t id);

/* ---- named groups, point formats, signature algorithms ---- */
#define GLASS_GROUP_SECP256R1       23      /* P-256, RFC 8422 section 5.1.1 */
#define GLASS_GROUP_SECP384R1       24      /* P-384 */
#define GLASS_GROUP_X25519          29
/* "x25519", "secp256r1", "secp384r1"; "unknown" for others. */
const char *glass_group_name(uint16_t group);
#define GLASS_POINT_UNCOMPRESSED    0       /* RFC 8422 section 5.1.2 */
/* SignatureAndHashAlgorithm (RFC 5246 section 7.4.1.4.1) as one u16:
 * hash << 8 | signature for the rsa_pkcs1 ones ... */
#define GLASS_SIGALG_RSA_SHA1       0x0201
#define GLASS_SIGALG_RSA_SHA256     0x0401
#define GLASS_SIGALG_RSA_SHA384     0x0501
#define GLASS_SIGALG_RSA_SHA512     0x0601
/* (sha256/384/512, ecdsa): in TLS 1.2 the hash and "ecdsa" with the key's
 * curve, whatever it is; RFC 8446 named them ecdsa_secp256r1_sha256,
 * ecdsa_secp384r1_sha384, ecdsa_secp521r1_sha512. */
#define GLASS_SIGALG_ECDSA_SHA256   0x0403
#define GLASS_SIGALG_ECDSA_SHA384   0x0503
#define GLASS_SIGALG_ECDSA_SHA512   0x0603
/* ... and the SignatureScheme values RFC 8446 section 4.2.3 assigns to
 * RSASSA-PSS with an rsaEncryption key, which TLS 1.2 uses too (salt =
 * hash length, MGF1 with the same hash). */
#define GLASS_SIGALG_RSA_PSS_RSAE_SHA256 0x0804
#define GLASS_SIGALG_RSA_PSS_RSAE_SHA384 0x0805
#define GLASS_SIGALG_RSA_PSS_RSAE_SHA512 0x0806
/* The hash of a signature scheme glasstls signs and verifies with
 * (rsa_pkcs1, rsa_pss_rsae and ecdsa with SHA-256/384/512), or
 * GLASS_HASH_NONE. */
glass_hash_id glass_sigalg_hash(uint16_t sigalg);
/* "rsa_pss_rsae_sha256", ...; "unknown" for others (never NULL). */
const char *glass_sigalg_name(uint16_t sigalg);

/* ---- extensions (RFC 6066, 8422, 5246, 5746, 7627) ---- */
#define GLASS_EXT_SERVER_NAME            0
#define GLASS_EXT_SUPPORTED_GROUPS       10
#define GLASS_EXT_EC_POINT_FORMATS       11
#define GLASS_EXT_SIGNATURE_ALGORITHMS   13
#define GLASS_EXT_EXTENDED_MASTER_SECRET 23
#define GLASS_EXT_SESSION_TICKET         35      /* RFC 5077 section 3.2 */
#define GLASS_EXT_RENEGOTIATION_INFO     0xFF01

/* Bits of glass_hello_exts.present, one per extension glasstls knows. */
#define GLASS_EXTBIT_SERVER_NAME          (1u << 0)
#define GLASS_EXTBIT_SUPPORTED_GROUPS     (1u << 1)
#define GLASS_EXTBIT_EC_POINT_FORMATS     (1u << 2)
#define GLASS_EXTBIT_SIGNATURE_ALGORITHMS (1u << 3)
#define GLASS_EXTBIT_EXTENDED_MASTER_SECRET (1u << 4)
#define GLASS_EXTBIT_RENEGOTIATION_INFO   (1u << 5)
#define GLASS_EXTBIT_SESSION_TICKET       (1u << 6)

#define GLASS_HS_MAX_GROUPS   64
#define GLASS_HS_MAX_SIGALGS  64
#define GLASS_HS_MAX_FORMATS  8
#define GLASS_HS_MAX_IGNORED  32
#define GLASS_HS_MAX_HOSTNAME 255

/* The extensions of a ClientHello or ServerHello, decoded. */
typedef struct glass_hello_exts {
    uint32_t present;                           /* GLASS_EXTBIT_* */
    char     server_name[GLASS_HS_MAX_HOSTNAME + 1]; /* host_name, NUL-terminated */
    uint16_t groups[GLASS_HS_MAX_GROUPS];        size_t n_groups;
    uint8_t  point_formats[GLASS_HS_MAX_FORMATS]; size_t n_point_formats;
    uint16_t sigalgs[GLASS_HS_MAX_SIGALGS];      size_t n_sigalgs;
    /* renegotiated_connection: empty on an initial handshake (RFC 5746). */
    size_t   renegotiation_info_len;
    /* SessionTicket (RFC 5077 section 3.2): in a ClientHello the ticket
     * offered (empty: "send me one"), pointing into the message (or, when
     * written, into the caller's buffer); in a ServerHello always empty. */
    const uint8_t *ticket;
    size_t   ticket_len;
    /* Extensions seen but not understood (the server ignores them), for
     * inspection; only the first GLASS_HS_MAX_IGNORED are listed. */
    uint16_t ignored[GLASS_HS_MAX_IGNORED];      size_t n_ignored;
} glass_hello_exts;

/* ---- the messages ---- */
#define GLASS_HS_MAX_SUITES 512
#define GLASS_HS_MAX_CHAIN  10

typedef struct glass_client_hello {            /* RFC 5246 7.4.1.2 */
    uint16_t client_version;
    uint8_t  random[32];
    uint8_t  session_id[32];
    size_t   session_id_len;
    uint16_t cipher_suites[GLASS_HS_MAX_SUITES];
    size_t   n_cipher_suites;
    uint8_t  compression_methods[16];          /* the first 16 offered */
    size_t   n_compression_methods;
    int      offers_null_compression;
    int      has_extensions;                   /* the extensions block was present */
    glass_hello_exts ext;
    int      sslv2_compat;                     /* came as an SSLv2-compatible hello (E.2) */
} glass_client_hello;

typedef struct glass_server_hello {            /* RFC 5246 7.4.1.3 */
    uint16_t server_version;
    uint8_t  random[32];
    uint8_t  session_id[32];
    size_t   session_id_len;
    uint16_t cipher_suite;
    uint8_t  compression_method;
    int      has_extensions;
    glass_hello_exts ext;
} glass_server_hello;

typedef struct glass_certificate_msg {         /* RFC 5246 7.4.2 */
    size_t         n_certs;                    /* leaf first */
    const uint8_t *cert[GLASS_HS_MAX_CHAIN];   /* DER; points into the message */
    size_t         cert_len[GLASS_HS_MAX_CHAIN];
} glass_certificate_msg;

/* ClientCertificateType (RFC 5246 7.4.4, RFC 8422 5.5) */
#define GLASS_CERT_TYPE_RSA_SIGN    1
#define GLASS_CERT_TYPE_ECDSA_SIGN  64
#define GLASS_HS_MAX_CERT_TYPES 16
#define GLASS_HS_MAX_CA_NAMES   16

typedef struct glass_certificate_request {     /* RFC 5246 7.4.4 */
    /* each list keeps its first entries: 1 rsa_sign, 64 ecdsa_sign, ... */
    uint8_t  cert_types[GLASS_HS_MAX_CERT_TYPES];
    size_t   n_cert_types;
    uint16_t sigalgs[GLASS_HS_MAX_SIGALGS];
    size_t   n_sigalgs;
    /* certificate_authorities: DER DistinguishedNames, pointing into the
     * message; ca_names_total counts all of them (0: any CA will do) */
    const uint8_t *ca_name[GLASS_HS_MAX_CA_NAMES];
    size_t   ca_name_len[GLASS_HS_MAX_CA_NAMES];
    size_t   n_ca_names;
    size_t   ca_names_total;
} glass_certificate_request;

typedef struct glass_server_key_exchange {     /* RFC 8422 5.4, RFC 5246 7.4.3 */
    uint8_t  curve_type;                       /* 3 = named_curve */
    uint16_t named_group;                      /* 29 x25519, 23 P-256, 24 P-384 */
    /* the ECPoint: 32 bytes for X25519, 04 || X || Y for P-256 (65) and
     * P-384 (97) */
    uint8_t  public_key[97];
    size_t   public_key_len;
    uint16_t sigalg;                           /* GLASS_SIGALG_* */
    uint8_t  signature[512];
    size_t   signature_len;
    /* the ServerECDHParams bytes as sent (what the signature covers,
     * after client_random + server_random); points into the message */
    const uint8_t *params;
    size_t   params_len;
} glass_server_key_exchange;

typedef struct glass_client_key_exchange {     /* RFC 5246 7.4.7, RFC 8422 5.7 */
    glass_kx kx;
    /* RSA: EncryptedPreMasterSecret; ECDHE: the client's public point
     * (X25519: 32 bytes; P-256/P-384: uncompressed, checked by the server) */
    uint8_t  data[512];
    size_t   len;
} glass_client_key_exchange;

typedef struct glass_new_session_ticket {      /* RFC 5077 3.3 */
    uint32_t ticket_lifetime_hint;             /* seconds; 0: unspecified */
    const uint8_t *ticket;                     /* opaque<0..2^16-1>; points into the message */
    size_t   ticket_len;
} glass_new_session_ticket;
typedef struct glass_certificate_verify {     /* RFC 5246 7.4.8 */
    uint16_t sigalg;                           /* GLASS_SIGALG_*, one the server offered */
    uint8_t  signature[512];                   /* over the transcript before this message */
    size_t   signature_len;
} glass_certificate_verify;

typedef struct glass_finished {                /* RFC 5246 7.4.9 */
    uint8_t verify_data[12];
} glass_finished;

typedef struct glass_change_cipher_spec {      /* RFC 5246 7.1 */
    uint8_t type;                              /* always 1 */
} glass_change_cipher_spec;

/* The message of the last step: type tells which member is valid. */
typedef struct glass_hs_message {
    glass_hs_type type;
    int sent;                                  /* 1 sent, 0 received */
    union {
        glass_client_hello         client_hello;
        glass_server_hello         server_hello;
        glass_certificate_msg      certificate;
        glass_server_key_exchange  server_key_exchange;
        glass_certificate_request  certificate_request;
        glass_client_key_exchange  client_key_exchange;
        glass_new_session_ticket   new_session_ticket;
        glass_certificate_verify   certificate_verify;
        glass_finished             finished;
        glass_change_cipher_spec   change_cipher_spec;
    } u;
} glass_hs_message;

struct glass_spans;                /* lib/common/reader.h (internal) */

/* Where a parse failed: the message or structure, the field, and the
 * byte offset inside the message body.  spans: set by the handshake
 * engine when tracing, so the parser reports the byte map of what it
 * reads (glasstls/fields.h); NULL otherwise (and for callers outside the
 * library: leave it zero). */
typedef struct glass_hs_where {
    const char *message;
    const char *field;
    size_t      offset;
    struct glass_spans *spans;
} glass_hs_where;

/* ---- handshake states ----
 * One list, used for the enum, the names, the table and the diagram.  A
 * state is named after the message its step sends or receives; which side
 * sends it is in the table (lib/handshake/table.c).  X(id, name) */
#define GLASS_HS_STATE_LIST(X) \
    X(GLASS_ST_CLIENT_HELLO,               "ClientHello") \
    X(GLASS_ST_SERVER_HELLO,               "ServerHello") \
    X(GLASS_ST_SERVER_CERTIFICATE,         "Certificate") \
    X(GLASS_ST_SERVER_KEY_EXCHANGE,        "ServerKeyExchange") \
    X(GLASS_ST_CERTIFICATE_REQUEST,        "CertificateRequest") \
    X(GLASS_ST_SERVER_HELLO_DONE,          "ServerHelloDone") \
    X(GLASS_ST_CLIENT_CERTIFICATE,         "ClientCertificate") \
    X(GLASS_ST_CLIENT_KEY_EXCHANGE,        "ClientKeyExchange") \
    X(GLASS_ST_CERTIFICATE_VERIFY,         "CertificateVerify") \
    X(GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC,  "ClientChangeCipherSpec") \
    X(GLASS_ST_CLIENT_FINISHED,            "ClientFinished") \
    X(GLASS_ST_NEW_SESSION_TICKET,         "NewSessionTicket") \
    X(GLASS_ST_SERVER_CHANGE_CIPHER_SPEC,  "ServerChangeCipherSpec") \
    X(GLASS_ST_SERVER_FINISHED,            "ServerFinished") \
    X(GLASS_ST_APPLICATION_DATA,           "ApplicationData")

typedef enum glass_hs_state_id {
#define GLASS_ST_ENUM_(id, name) id,
    GLASS_HS_STATE_LIST(GLASS_ST_ENUM_)
#undef GLASS_ST_ENUM_
    GLASS_ST_COUNT
} glass_hs_state_id;

/* The name of a state ("ServerHello"); "unknown" for a value out of range
 * (never NULL). */
const char *glass_hs_state_name(glass_hs_state_id state);

/* ---- the tables, for programs that draw or explain them ----
 * Each role has its handshake flavours (lib/handshake/table.c): flavour 0
 * is the full handshake every handshake starts in; every other one forks
 * from a flavour at a row, where its condition decides. */
typedef struct glass_hs_step_info {
    glass_hs_state_id state;
    int         we_send;        /* 1: this role sends the message; 0: receives it */
    glass_hs_type msg_type;
    const char *handler;        /* the function that does the step
                                 * ("glass_client_send_client_hello"); unique
                                 * across both roles */
    const char *condition;      /* "always" or the condition's function name */
    const char *choice;         /* steps with the same choice ("key exchange")
                                 * are the ways of one step: exactly one runs;
                                 * NULL for the others */
    const char *codec;          /* the file of the message's writer and parser
                                 * ("lib/handshake/client_hello.c") */
} glass_hs_step_info;

typedef struct glass_hs_flavour_info {
    const char *name;           /* "full", "full with client certificate" */
    size_t      n_steps;
    size_t      from;           /* the flavour it forks from (0 for flavour 0) */
    size_t      at;             /* the first row where it differs from that one */
    const char *condition;      /* what takes the fork ("cert_requested"); "always"
                                 * for flavour 0 */
    int         peer_decides;   /* 1: the type of the peer's next message decides */
} glass_hs_flavour_info;

/* Describes flavour `flavour` (0, 1, ...) of role (0 client, 1 server).
 * Returns 1 and fills *out, or 0 past the last flavour. */
int glass_hs_flavour(int role, size_t flavour, glass_hs_flavour_info *out);

/* Describes step index (0, 1, ...) of that flavour.  Returns 1 and fills
 * *out, or 0 past its last step. */
int glass_hs_flavour_step(int role, size_t flavour, size_t index, glass_hs_step_info *out);

/* The same for flavour 0, the full handshake. */
int glass_hs_table_step(int role, size_t index, glass_hs_step_info *out);


GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_HANDSHAKE_H */
