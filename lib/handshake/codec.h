/*
 * codec.h — the writers and parsers of the handshake messages
 * (lib/handshake/<message>.c), for the handshake steps and the tests.
 *
 * Writers append the message BODY (no 4-byte handshake header) to a
 * glass_writer and return 0, GLASS_E_INVALID_ARG (the struct holds what
 * the message cannot carry: no suite, a session_id longer than 32 bytes,
 * more certificates than GLASS_HS_MAX_CHAIN, an empty key share ...),
 * or the writer's own error: GLASS_E_BUFFER_TOO_SMALL (the buffer is
 * full) or GLASS_E_LIMIT (a vector longer than its length prefix holds).
 * Parsers read one whole body, strictly: every length must match, no
 * trailing bytes.  On failure they return a glass_err and fill *where
 * (message, field, byte offset inside the body).
 *
 * The byte map (glasstls/fields.h): every byte a codec reads or writes is
 * reported as one field, with one call per field, so a new codec does
 * what the others do:
 *   - a parser starts with glass_hs_reader_init(&r, body, len, where) and
 *     reads each field with the _f form of the reader call
 *     (glass_read_u16_f(&r, GLASS_F_CV_SIGALG),
 *     glass_read_vector_f(&r, 2, 0, 0xFFFF, &v, GLASS_F_CV_SIG_LEN) for
 *     a length prefix, then glass_read_bytes_f / _copy_f on v for the
 *     contents; glass_read_rest_f for bytes it skips);
 *   - a writer uses the _f writes (glass_write_u16_f, _bytes_f,
 *     glass_write_vector_begin_f for a length prefix);
 *   - a repeated structure may be a group (glass_read_group_begin/_end,
 *     glass_write_group_begin/_end: one extension, one certificate);
 *   - a new field id is a line of GLASS_FIELD_LIST and its WHY_ paragraph
 *     in lib/render/fieldtab.c.
 * The engine turns the map on only when tracing (where->spans, the
 * writer's spans); test_trace checks a whole handshake is covered byte
 * for byte.  Tests that call a parser directly zero their glass_hs_where.
 */
#ifndef GLASS_HANDSHAKE_CODEC_H
#define GLASS_HANDSHAKE_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/handshake.h"
#include "common/reader.h"
#include "record/record.h"

/* Records a parse failure: returns err after filling *where (may be NULL).
 * offset = position of reader r's first error inside the body at base. */
int glass_hs_fail(glass_hs_where *where, const char *message, const char *field,
                  const glass_reader *r, const uint8_t *base, int err);

/* Starts a parser's reader over body (len bytes) that reports the byte
 * map of what it reads when tracing (where->spans, set by the engine;
 * where may be NULL).  Every parser starts with it. */
void glass_hs_reader_init(glass_reader *r, const uint8_t *body, size_t len,
                          const glass_hs_where *where);

/* The 4-byte handshake header (RFC 5246 section 7.4): GLASS_HS_HEADER_SIZE
 * and glass_hs_header_parse() are in record/record.h, the layer below.
 * Starts a handshake message of type in w; returns a mark for _end. */
size_t glass_hs_header_begin(glass_writer *w, uint8_t type);
void   glass_hs_header_end(glass_writer *w, size_t mark);

/* ---- extensions.c ---- */
/* Writes the extensions block (uint16 length + extensions) for the
 * extensions whose bit is set in e->present.  from_server selects the
 * ServerHello forms (server_name and extended_master_secret empty,
 * no signature_algorithms or supported_groups). */
int glass_exts_write(const glass_hello_exts *e, int from_server, glass_writer *w);
/* Parses an extensions block (the reader is positioned at its uint16
 * length).  In a ClientHello unknown extensions are listed in e->ignored
 * and skipped; in a ServerHello they are GLASS_E_UNSUPPORTED_EXTENSION.
 * A type that appears twice is GLASS_E_DUPLICATE_EXTENSION. */
int glass_exts_parse(glass_hello_exts *e, int from_server, glass_reader *r,
                     const uint8_t *base, const char *message, glass_hs_where *where);

/* ---- codec.c: what ClientHello and ServerHello share (RFC 5246 7.4.1.2,
 * 7.4.1.3): they start with version, random and session_id, and end with
 * an optional extensions block. ---- */
/* Writes version, the 32-byte random and session_id<0..32>. */
void glass_hello_prefix_write(glass_writer *w, int server, uint16_t version,
                              const uint8_t *random, const uint8_t *session_id,
                              size_t session_id_len);
/* Starts reading a hello: sets r over body (len bytes) and reads version,
 * random and session_id; on failure fills *where naming message and
 * version_field ("client_version", "server_version").  server: a
 * ServerHello (which field ids the byte map gets). */
int glass_hello_prefix_parse(glass_reader *r, const uint8_t *body, size_t len, int server,
                             const char *message, const char *version_field, uint16_t *version,
                             uint8_t *random, uint8_t *session_id, size_t *session_id_len,
                             glass_hs_where *where);
/* The extensions block when has_extensions, then w's error state. */
int glass_hello_exts_write(int has_extensions, const glass_hello_exts *e, int from_server,
                           glass_writer *w);
/* The rest of r: nothing, or one extensions block (sets *has_extensions)
 * and nothing after it. */
int glass_hello_exts_parse(glass_reader *r, const uint8_t *body, const char *message,
                           int from_server, int *has_extensions, glass_hello_exts *e,
                           glass_hs_where *where);

/* ---- one file per message ---- */
int glass_client_hello_write(const glass_client_hello *m, glass_writer *w);
int glass_client_hello_parse(glass_client_hello *m, const uint8_t *body, size_t len,
                             glass_hs_where *where);

int glass_server_hello_write(const glass_server_hello *m, glass_writer *w);
int glass_server_hello_parse(glass_server_hello *m, const uint8_t *body, size_t len,
                             glass_hs_where *where);

int glass_certificate_write(const glass_certificate_msg *m, glass_writer *w);
int glass_certificate_parse(glass_certificate_msg *m, const uint8_t *body, size_t len,
                            glass_hs_where *where);

/* What the signature of a ServerKeyExchange covers (RFC 5246 section 4.7,
 * RFC 8422 section 5.4): Hash(client_random + server_random +
 * ServerECDHParams), with the hash of m->sigalg; the server signs it, the
 * client verifies it.  Writes the digest and returns its size, or
 * GLASS_E_ILLEGAL_PARAMETER (m->sigalg is not one glasstls uses) /
 * GLASS_E_INVALID_ARG. */
int glass_server_key_exchange_signed_hash(const glass_server_key_exchange *m,
                                          const uint8_t *client_random,
                                          const uint8_t *server_random,
                                          uint8_t digest[GLASS_HASH_MAX_SIZE]);
int glass_server_key_exchange_write(const glass_server_key_exchange *m, glass_writer *w);
int glass_server_key_exchange_parse(glass_server_key_exchange *m, const uint8_t *body,
                                    size_t len, glass_hs_where *where);

int glass_certificate_request_write(const glass_certificate_request *m, glass_writer *w);
int glass_certificate_request_parse(glass_certificate_request *m, const uint8_t *body,
                                    size_t len, glass_hs_where *where);

int glass_server_hello_done_write(glass_writer *w);
int glass_server_hello_done_parse(const uint8_t *body, size_t len, glass_hs_where *where);

int glass_client_key_exchange_write(const glass_client_key_exchange *m, glass_writer *w);
/* kx says which form to expect (it follows from the negotiated suite). */
int glass_client_key_exchange_parse(glass_client_key_exchange *m, glass_kx kx,
                                    const uint8_t *body, size_t len, glass_hs_where *where);

int glass_new_session_ticket_write(const glass_new_session_ticket *m, glass_writer *w);
int glass_new_session_ticket_parse(glass_new_session_ticket *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where);

int glass_certificate_verify_write(const glass_certificate_verify *m, glass_writer *w);
int glass_certificate_verify_parse(glass_certificate_verify *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where);

int glass_finished_write(const glass_finished *m, glass_writer *w);
int glass_finished_parse(glass_finished *m, const uint8_t *body, size_t len,
                         glass_hs_where *where);

int glass_change_cipher_spec_write(glass_writer *w);
int glass_change_cipher_spec_parse(glass_change_cipher_spec *m, const uint8_t *body,
                                   size_t len, glass_hs_where *where);

#endif /* GLASS_HANDSHAKE_CODEC_H */
