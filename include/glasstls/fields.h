/*
 * glasstls/fields.h — the byte map: which field every byte of a record or
 * handshake message belongs to, and one table that names each field, gives
 * its section of the standard and says why it exists.
 *
 * HOW TO CONSUME IT (for a renderer: the text trace, a web page, a dump)
 *
 *   A GLASS_TRACE_MESSAGE event (glasstls/trace.h) carries ev->spans and
 *   ev->n_spans: the map of ev->data (the message, 4-byte header
 *   included; a ChangeCipherSpec's one byte).  A GLASS_TRACE_RECORD event
 *   carries the map of ev->record (the record as on the wire, 5-byte
 *   header included, in both directions).  Spans are in byte order; each
 *   is (off, len, field, depth, group), off counted from the first byte of
 *   what it maps:
 *
 *     for (size_t i = 0; i < ev->n_spans; i++) {
 *         const glass_span *s = &ev->spans[i];
 *         const glass_field_info *f = glass_field_get(s->field);
 *         char val[256];
 *         glass_field_value(s->field, ev->data + s->off, s->len, val, sizeof val);
 *         printf("%*s%04x %s = %s  (%s)\n", 2 * s->depth, "", s->off,
 *                f->name, val, f->section);
 *     }
 *
 *   A span with group = 1 (one extension, one certificate of a chain)
 *   encloses the spans after it that lie inside [off, off + len); those
 *   are one level deeper.  The leaves (group = 0) cover every byte exactly
 *   once: no gap, no overlap (tests/test_trace.c checks it for whole
 *   handshakes).  ev->spans is NULL when the map is not available (a
 *   message longer than the span list, ev->spans_overflow set): draw a
 *   plain hex dump then.  Spans are only built when cfg->trace is set.
 *
 * HOW A CODEC REPORTS SPANS (lib/handshake/<message>.c, lib/common/reader.h)
 *
 *   Read and write through the _f functions of the reader and writer, one
 *   call per field: glass_read_u16_f(&r, GLASS_F_SH_CIPHER_SUITE),
 *   glass_read_vector_f(&r, 2, 0, 0xFFFF, &sub, GLASS_F_CH_SUITES_LEN)
 *   (the length prefix) then the elements of sub, glass_read_bytes_f(...),
 *   glass_write_u16_f(w, v, FIELD), glass_write_vector_begin_f(w, 2, FIELD),
 *   glass_write_bytes_f(w, p, n, FIELD).  A parser starts its reader with
 *   glass_hs_reader_init(&r, body, len, where) (lib/handshake/codec.h).
 *   With no tracing the spans pointer is NULL and each call costs one test.
 *   A new field is one line in GLASS_FIELD_LIST below and its "why"
 *   paragraph, WHY_<id>, in lib/render/fieldtab.c (without it the table
 *   does not compile), then `make docs` for docs/fields.md.
 *
 * The table is implemented in lib/render/fieldtab.c; docs/fields.md is
 * generated from it (make docs, glass-states --fields).
 */
#ifndef GLASSTLS_FIELDS_H
#define GLASSTLS_FIELDS_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* How a field's bytes are decoded into a value (glass_field_value). */
typedef enum glass_field_kind {
    GLASS_FK_GROUP = 1,     /* a container: "server_name extension", "certificate 1" */
    GLASS_FK_UINT,          /* big-endian unsigned integer */
    GLASS_FK_LENGTH,        /* a length prefix: "N bytes" */
    GLASS_FK_HEX,           /* opaque bytes, in hex */
    GLASS_FK_TEXT,          /* ASCII text (a host name) */
    GLASS_FK_VERSION,       /* ProtocolVersion: 0x0303 = TLS 1.2 */
    GLASS_FK_CONTENT_TYPE,  /* record ContentType */
    GLASS_FK_HS_TYPE,       /* HandshakeType */
    GLASS_FK_SUITE,         /* CipherSuite */
    GLASS_FK_COMPRESSION,   /* CompressionMethod */
    GLASS_FK_EXT_TYPE,      /* ExtensionType */
    GLASS_FK_NAMED_GROUP,   /* NamedGroup */
    GLASS_FK_POINT_FORMAT,  /* ECPointFormat */
    GLASS_FK_SIGALG,        /* SignatureAndHashAlgorithm / SignatureScheme */
    GLASS_FK_NAME_TYPE,     /* server_name NameType */
    GLASS_FK_CURVE_TYPE,    /* ECCurveType */
    GLASS_FK_CERT_TYPE,     /* ClientCertificateType */
    GLASS_FK_CERT,          /* a DER certificate: its subject */
    GLASS_FK_ALERT_LEVEL,
    GLASS_FK_ALERT_DESC
} glass_field_kind;

/* Every field glasstls reads or writes.  X(id, kind, name, section) */
#define GLASS_FIELD_LIST(X) \
    /* records, RFC 5246 6.2, RFC 5288 3 */ \
    X(GLASS_F_REC_TYPE,          GLASS_FK_CONTENT_TYPE, "ContentType type",          "RFC 5246 6.2.1") \
    X(GLASS_F_REC_VERSION,       GLASS_FK_VERSION,      "ProtocolVersion version",   "RFC 5246 6.2.1") \
    X(GLASS_F_REC_LENGTH,        GLASS_FK_LENGTH,       "uint16 length",             "RFC 5246 6.2.1") \
    X(GLASS_F_REC_FRAGMENT,      GLASS_FK_HEX,          "fragment (plaintext)",      "RFC 5246 6.2.1") \
    X(GLASS_F_REC_EXPLICIT_NONCE, GLASS_FK_HEX,         "GenericAEADCipher.nonce_explicit", "RFC 5288 3") \
    X(GLASS_F_REC_CIPHERTEXT,    GLASS_FK_HEX,          "aead-ciphered content",     "RFC 5246 6.2.3.3") \
    X(GLASS_F_REC_TAG,           GLASS_FK_HEX,          "GCM authentication tag",    "RFC 5288 3") \
    X(GLASS_F_REC_SSLV2,         GLASS_FK_HEX,          "SSLv2-compatible CLIENT-HELLO record", "RFC 5246 E.2") \
    /* handshake header, RFC 5246 7.4 */ \
    X(GLASS_F_HS_TYPE,           GLASS_FK_HS_TYPE,      "HandshakeType msg_type",    "RFC 5246 7.4") \
    X(GLASS_F_HS_LENGTH,         GLASS_FK_LENGTH,       "uint24 length",             "RFC 5246 7.4") \
    /* ClientHello and ServerHello, RFC 5246 7.4.1.2, 7.4.1.3 */ \
    X(GLASS_F_CH_VERSION,        GLASS_FK_VERSION,      "client_version",            "RFC 5246 7.4.1.2") \
    X(GLASS_F_SH_VERSION,        GLASS_FK_VERSION,      "server_version",            "RFC 5246 7.4.1.3") \
    X(GLASS_F_CLIENT_RANDOM,     GLASS_FK_HEX,          "random (client)",           "RFC 5246 7.4.1.2") \
    X(GLASS_F_SERVER_RANDOM,     GLASS_FK_HEX,          "random (server)",           "RFC 5246 7.4.1.3") \
    X(GLASS_F_SESSION_ID_LEN,    GLASS_FK_LENGTH,       "session_id length",         "RFC 5246 7.4.1.2") \
    X(GLASS_F_SESSION_ID,        GLASS_FK_HEX,          "session_id",                "RFC 5246 7.4.1.2") \
    X(GLASS_F_CH_SUITES_LEN,     GLASS_FK_LENGTH,       "cipher_suites length",      "RFC 5246 7.4.1.2") \
    X(GLASS_F_CH_SUITE,          GLASS_FK_SUITE,        "cipher_suite (offered)",    "RFC 5246 7.4.1.2") \
    X(GLASS_F_CH_COMPRESSIONS_LEN, GLASS_FK_LENGTH,     "compression_methods length", "RFC 5246 7.4.1.2") \
    X(GLASS_F_CH_COMPRESSION,    GLASS_FK_COMPRESSION,  "compression_method (offered)", "RFC 5246 7.4.1.2") \
    X(GLASS_F_SH_SUITE,          GLASS_FK_SUITE,        "cipher_suite (chosen)",     "RFC 5246 7.4.1.3") \
    X(GLASS_F_SH_COMPRESSION,    GLASS_FK_COMPRESSION,  "compression_method (chosen)", "RFC 5246 7.4.1.3") \
    /* extensions, RFC 5246 7.4.1.4 and each extension's RFC */ \
    X(GLASS_F_EXTS_LEN,          GLASS_FK_LENGTH,       "extensions length",         "RFC 5246 7.4.1.4") \
    X(GLASS_F_EXT,               GLASS_FK_GROUP,        "Extension",                 "RFC 5246 7.4.1.4") \
    X(GLASS_F_EXT_TYPE,          GLASS_FK_EXT_TYPE,     "extension_type",            "RFC 5246 7.4.1.4") \
    X(GLASS_F_EXT_LEN,           GLASS_FK_LENGTH,       "extension_data length",     "RFC 5246 7.4.1.4") \
    X(GLASS_F_EXT_DATA,          GLASS_FK_HEX,          "extension_data (not read by glasstls)", "RFC 5246 7.4.1.4") \
    X(GLASS_F_SNI_LIST_LEN,      GLASS_FK_LENGTH,       "server_name_list length",   "RFC 6066 3") \
    X(GLASS_F_SNI_NAME_TYPE,     GLASS_FK_NAME_TYPE,    "NameType name_type",        "RFC 6066 3") \
    X(GLASS_F_SNI_NAME_LEN,      GLASS_FK_LENGTH,       "HostName length",           "RFC 6066 3") \
    X(GLASS_F_SNI_NAME,          GLASS_FK_TEXT,         "HostName host_name",        "RFC 6066 3") \
    X(GLASS_F_GROUPS_LEN,        GLASS_FK_LENGTH,       "named_group_list length",   "RFC 8422 5.1.1") \
    X(GLASS_F_GROUP,             GLASS_FK_NAMED_GROUP,  "NamedGroup",                "RFC 8422 5.1.1") \
    X(GLASS_F_POINT_FORMATS_LEN, GLASS_FK_LENGTH,       "ec_point_format_list length", "RFC 8422 5.1.2") \
    X(GLASS_F_POINT_FORMAT,      GLASS_FK_POINT_FORMAT, "ECPointFormat",             "RFC 8422 5.1.2") \
    X(GLASS_F_SIGALGS_LEN,       GLASS_FK_LENGTH,       "supported_signature_algorithms length", "RFC 5246 7.4.1.4.1") \
    X(GLASS_F_SIGALG,            GLASS_FK_SIGALG,       "SignatureAndHashAlgorithm", "RFC 5246 7.4.1.4.1") \
    X(GLASS_F_RENEG_LEN,         GLASS_FK_LENGTH,       "renegotiated_connection length", "RFC 5746 3.2") \
    X(GLASS_F_RENEG_DATA,        GLASS_FK_HEX,          "renegotiated_connection",   "RFC 5746 3.2") \
    X(GLASS_F_TICKET_EXT_DATA,   GLASS_FK_HEX,          "SessionTicket ticket (extension)", "RFC 5077 3.2") \
    /* Certificate, RFC 5246 7.4.2 */ \
    X(GLASS_F_CERT_LIST_LEN,     GLASS_FK_LENGTH,       "certificate_list length",   "RFC 5246 7.4.2") \
    X(GLASS_F_CERT,              GLASS_FK_GROUP,        "ASN.1Cert",                 "RFC 5246 7.4.2") \
    X(GLASS_F_CERT_LEN,          GLASS_FK_LENGTH,       "ASN.1Cert length",          "RFC 5246 7.4.2") \
    X(GLASS_F_CERT_DER,          GLASS_FK_CERT,         "certificate (DER, X.509)",  "RFC 5280 4.1") \
    /* ServerKeyExchange, RFC 8422 5.4 */ \
    X(GLASS_F_SKE_CURVE_TYPE,    GLASS_FK_CURVE_TYPE,   "ECCurveType curve_type",    "RFC 8422 5.4") \
    X(GLASS_F_SKE_NAMED_GROUP,   GLASS_FK_NAMED_GROUP,  "NamedCurve namedcurve",     "RFC 8422 5.4") \
    X(GLASS_F_SKE_POINT_LEN,     GLASS_FK_LENGTH,       "ECPoint point length",      "RFC 8422 5.4") \
    X(GLASS_F_SKE_POINT,         GLASS_FK_HEX,          "ECPoint point (server public key)", "RFC 8422 5.4") \
    X(GLASS_F_SKE_SIGALG,        GLASS_FK_SIGALG,       "SignatureAndHashAlgorithm algorithm", "RFC 5246 4.7") \
    X(GLASS_F_SKE_SIG_LEN,       GLASS_FK_LENGTH,       "signature length",          "RFC 5246 4.7") \
    X(GLASS_F_SKE_SIG,           GLASS_FK_HEX,          "signature",                 "RFC 8422 5.4") \
    /* CertificateRequest, RFC 5246 7.4.4 */ \
    X(GLASS_F_CR_TYPES_LEN,      GLASS_FK_LENGTH,       "certificate_types length",  "RFC 5246 7.4.4") \
    X(GLASS_F_CR_TYPE,           GLASS_FK_CERT_TYPE,    "ClientCertificateType",     "RFC 5246 7.4.4") \
    X(GLASS_F_CR_CAS_LEN,        GLASS_FK_LENGTH,       "certificate_authorities length", "RFC 5246 7.4.4") \
    X(GLASS_F_CR_CA_LEN,         GLASS_FK_LENGTH,       "DistinguishedName length",  "RFC 5246 7.4.4") \
    X(GLASS_F_CR_CA,             GLASS_FK_HEX,          "DistinguishedName (DER)",   "RFC 5246 7.4.4") \
    /* ClientKeyExchange, RFC 5246 7.4.7, RFC 8422 5.7 */ \
    X(GLASS_F_CKE_RSA_LEN,       GLASS_FK_LENGTH,       "EncryptedPreMasterSecret length", "RFC 5246 7.4.7.1") \
    X(GLASS_F_CKE_RSA,           GLASS_FK_HEX,          "EncryptedPreMasterSecret",  "RFC 5246 7.4.7.1") \
    X(GLASS_F_CKE_ECDH_LEN,      GLASS_FK_LENGTH,       "ecdh_Yc length",            "RFC 8422 5.7") \
    X(GLASS_F_CKE_ECDH,          GLASS_FK_HEX,          "ecdh_Yc (client public key)", "RFC 8422 5.7") \
    /* CertificateVerify, RFC 5246 7.4.8 */ \
    X(GLASS_F_CV_SIGALG,         GLASS_FK_SIGALG,       "SignatureAndHashAlgorithm algorithm", "RFC 5246 7.4.8") \
    X(GLASS_F_CV_SIG_LEN,        GLASS_FK_LENGTH,       "signature length",          "RFC 5246 7.4.8") \
    X(GLASS_F_CV_SIG,            GLASS_FK_HEX,          "signature (over the handshake messages)", "RFC 5246 7.4.8") \
    /* NewSessionTicket, RFC 5077 3.3 */ \
    X(GLASS_F_NST_LIFETIME,      GLASS_FK_UINT,         "ticket_lifetime_hint",      "RFC 5077 3.3") \
    X(GLASS_F_NST_TICKET_LEN,    GLASS_FK_LENGTH,       "ticket length",             "RFC 5077 3.3") \
    X(GLASS_F_NST_TICKET,        GLASS_FK_HEX,          "ticket",                    "RFC 5077 3.3") \
    /* Finished, ChangeCipherSpec, Alert, application data */ \
    X(GLASS_F_FIN_VERIFY_DATA,   GLASS_FK_HEX,          "verify_data",               "RFC 5246 7.4.9") \
    X(GLASS_F_CCS_TYPE,          GLASS_FK_UINT,         "ChangeCipherSpec type",     "RFC 5246 7.1") \
    X(GLASS_F_ALERT_LEVEL,       GLASS_FK_ALERT_LEVEL,  "AlertLevel level",          "RFC 5246 7.2") \
    X(GLASS_F_ALERT_DESC,        GLASS_FK_ALERT_DESC,   "AlertDescription description", "RFC 5246 7.2") \
    X(GLASS_F_APP_DATA,          GLASS_FK_HEX,          "application data",          "RFC 5246 10")

typedef enum glass_field_id {
    GLASS_F_NONE = 0,
#define GLASS_F_ENUM_(id, kind, name, section) id,
    GLASS_FIELD_LIST(GLASS_F_ENUM_)
#undef GLASS_F_ENUM_
    GLASS_F_COUNT
} glass_field_id;

/* One row of the table. */
typedef struct glass_field_info {
    glass_field_id   id;
    glass_field_kind kind;
    const char *name;       /* the field's name in its RFC's presentation language */
    const char *section;    /* "RFC 5246 7.4.1.2" */
    const char *why;        /* one paragraph: why the field exists */
} glass_field_info;

/* The row of field id, or NULL when id is not a field (0, out of range). */
const glass_field_info *glass_field_get(int id);

/* The decoded value of field id's n bytes at p, as text in out (cap bytes,
 * always NUL-terminated when cap > 0): "0x0303 (TLS 1.2)",
 * "0xc02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "2 bytes", "\"a.test\"",
 * the hex of opaque bytes (truncated with "..." when longer than out).
 * Returns the length written. */
size_t glass_field_value(int id, const uint8_t *p, size_t n, char *out, size_t cap);

/* One span of the byte map (see the top of this file). */
typedef struct glass_span {
    uint32_t off;           /* from the first byte of what is mapped */
    uint32_t len;
    uint16_t field;         /* a glass_field_id */
    uint8_t  depth;         /* 0 at top level; inside a group one more */
    uint8_t  group;         /* 1: encloses the spans after it (not a leaf) */
} glass_span;

/* Checks that the leaves of spans[0..n) cover [0, len) exactly once, in
 * order: returns -1 when they do, else the first offset that is missed or
 * covered twice (and groups that leave their parent).  For tests and
 * renderers that want to trust a map before drawing it. */
long glass_spans_check(const glass_span *spans, size_t n, size_t len);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_FIELDS_H */
