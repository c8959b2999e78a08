/*
 * blob.c — the client's session as an opaque, versioned blob
 * (glasstls/session.h gives the layout), so a program can keep a session
 * in a file between runs (glass-client --sess-out / --sess-in).
 *
 * The reader is strict like every parser here: the magic, the version,
 * each length within its bound, nothing after the end.  A blob of another
 * version is refused, not guessed at: the program then simply does a full
 * handshake.
 */
#include "glasstls/session.h"

#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "common/reader.h"

static const uint8_t magic[4] = { 'G', 'L', 'S', 'S' };

void glass_session_wipe(glass_session *s)
{
    if (s != NULL)
        glass_wipe(s, sizeof *s);
}

static void write_u64(glass_writer *w, uint64_t v)
{
    glass_write_u32(w, (uint32_t)(v >> 32));
    glass_write_u32(w, (uint32_t)v);
}

int glass_session_export(const glass_session *s, uint8_t *out, size_t cap, size_t *len)
{
    if (s == NULL || out == NULL || len == NULL || s->session_id_len > GLASS_SESSION_ID_MAX ||
        s->ticket_len > GLASS_SESSION_TICKET_MAX)
        return GLASS_E_INVALID_ARG;
    size_t name_len = strnlen(s->server_name, sizeof s->server_name);
    if (name_len > GLASS_SESSION_NAME_MAX)
        return GLASS_E_INVALID_ARG;
    glass_writer w;
    glass_writer_init(&w, out, cap);
    glass_write_bytes(&w, magic, sizeof magic);
    glass_write_u8(&w, GLASS_SESSION_BLOB_VERSION);
    glass_write_u16(&w, s->suite);
    glass_write_u8(&w, s->ems ? 1 : 0);
    glass_write_bytes(&w, s->master, sizeof s->master);
    write_u64(&w, (uint64_t)s->created);
    glass_write_u32(&w, s->lifetime);
    glass_write_u8(&w, (uint8_t)s->session_id_len);
    glass_write_bytes(&w, s->session_id, s->session_id_len);
    glass_write_u8(&w, (uint8_t)name_len);
    glass_write_bytes(&w, s->server_name, name_len);
    glass_write_u8(&w, s->has_peer_hash ? GLASS_SESSION_HASH_SIZE : 0);
    if (s->has_peer_hash)
        glass_write_bytes(&w, s->peer_cert_hash, GLASS_SESSION_HASH_SIZE);
    glass_write_u16(&w, (uint16_t)s->ticket_len);
    glass_write_bytes(&w, s->ticket, s->ticket_len);
    if (!glass_writer_ok(&w)) {
        glass_wipe(out, cap);
        return GLASS_E_BUFFER_TOO_SMALL;
    }
    *len = w.len;
    return 0;
}

int glass_session_import(glass_session *s, const uint8_t *blob, size_t len)
{
    if (s == NULL || (blob == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    memset(s, 0, sizeof *s);
    glass_reader r, v;
    glass_reader_init(&r, blob, len);
    const uint8_t *m = glass_read_bytes(&r, sizeof magic);
    uint8_t version = glass_read_u8(&r);
    if (!glass_reader_ok(&r) || memcmp(m, magic, sizeof magic) != 0 ||
        version != GLASS_SESSION_BLOB_VERSION)
        return GLASS_E_SESSION_BLOB;
    s->suite = glass_read_u16(&r);
    uint8_t ems = glass_read_u8(&r);
    glass_read_copy(&r, s->master, sizeof s->master);
    uint64_t hi = glass_read_u32(&r);
    s->created = (int64_t)(hi << 32 | glass_read_u32(&r));
    s->lifetime = glass_read_u32(&r);
    glass_read_vector(&r, 1, 0, GLASS_SESSION_ID_MAX, &v);
    s->session_id_len = glass_reader_left(&v);
    glass_read_copy(&v, s->session_id, s->session_id_len);
    glass_read_vector(&r, 1, 0, GLASS_SESSION_NAME_MAX, &v);
    size_t name_len = glass_reader_left(&v);
    glass_read_copy(&v, (uint8_t *)s->server_name, name_len);
    glass_read_vector(&r, 1, 0, GLASS_SESSION_HASH_SIZE, &v);
    size_t hash_len = glass_reader_left(&v);
    glass_read_copy(&v, s->peer_cert_hash, hash_len);
    glass_read_vector(&r, 2, 0, GLASS_SESSION_TICKET_MAX, &v);
    s->ticket_len = glass_reader_left(&v);
    glass_read_copy(&v, s->ticket, s->ticket_len);
    glass_reader_expect_end(&r);
    s->ems = ems;
    s->has_peer_hash = hash_len == GLASS_SESSION_HASH_SIZE;
    if (!glass_reader_ok(&r) || ems > 1 || (hash_len != 0 && !s->has_peer_hash) ||
        memchr(s->server_name, '\0', name_len) != NULL) {
        glass_session_wipe(s);
        return GLASS_E_SESSION_BLOB;
    }
    return 0;
}
