/*
 * ticket.c — session tickets (RFC 5077): the ticket keys, their rotation,
 * and sealing / opening the session state with AES-256-GCM (NIST SP
 * 800-38D, crypto/gcm.c).  The layout, the state and the rotation scheme
 * are described at the top of glasstls/session.h.
 *
 *   seal:  state = version | suite | ems | master | created | name | hash
 *          ticket = key_name | iv | GCM-Encrypt(key, iv, aad = key_name, state) | tag
 *   open:  key_name picks the current or the previous key (else: unknown,
 *          full handshake), GCM-Decrypt checks the tag in constant time
 *          before any plaintext is used, then the state is parsed strictly
 *          and its age checked.
 *
 * The keys are shared by every connection of a server, and rotation may
 * run while they seal and open: a mutex guards the two keys; each
 * operation copies the key it needs under the lock and works on its copy
 * (wiped afterwards).
 */
#include "glasstls/session.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/util.h"
#include "common/reader.h"

typedef struct ticket_key {
    uint8_t name[GLASS_TICKET_KEY_NAME_SIZE];
    uint8_t key[GLASS_TICKET_KEY_SIZE];
} ticket_key;

struct glass_ticket_keys {
    pthread_mutex_t lock;
    ticket_key current, previous;
    int        have_previous;
    uint32_t   lifetime;
};

int glass_ticket_keys_new(glass_ticket_keys **out, const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE],
                          const uint8_t key[GLASS_TICKET_KEY_SIZE], uint32_t lifetime)
{
    if (out == NULL || name == NULL || key == NULL || lifetime == 0 || lifetime > 604800)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_ticket_keys *k = calloc(1, sizeof *k);
    if (k == NULL)
        return GLASS_E_NO_MEMORY;
    if (pthread_mutex_init(&k->lock, NULL) != 0) {
        free(k);
        return GLASS_E_NO_MEMORY;
    }
    memcpy(k->current.name, name, GLASS_TICKET_KEY_NAME_SIZE);
    memcpy(k->current.key, key, GLASS_TICKET_KEY_SIZE);
    k->lifetime = lifetime;
    *out = k;
    return 0;
}

void glass_ticket_keys_free(glass_ticket_keys *k)
{
    if (k == NULL)
        return;
    glass_wipe(&k->current, sizeof k->current);
    glass_wipe(&k->previous, sizeof k->previous);
    pthread_mutex_destroy(&k->lock);
    free(k);
}

int glass_ticket_keys_rotate(glass_ticket_keys *k, const uint8_t name[GLASS_TICKET_KEY_NAME_SIZE],
                             const uint8_t key[GLASS_TICKET_KEY_SIZE])
{
    if (k == NULL || name == NULL || key == NULL)
        return GLASS_E_INVALID_ARG;
    pthread_mutex_lock(&k->lock);
    int rc = 0;
    if (memcmp(name, k->current.name, GLASS_TICKET_KEY_NAME_SIZE) == 0) {
        rc = GLASS_E_INVALID_ARG;          /* two keys of one name: which opens? */
    } else {
        k->previous = k->current;          /* the old previous key is overwritten */
        k->have_previous = 1;
        memcpy(k->current.name, name, GLASS_TICKET_KEY_NAME_SIZE);
        memcpy(k->current.key, key, GLASS_TICKET_KEY_SIZE);
    }
    pthread_mutex_unlock(&k->lock);
    return rc;
}

uint32_t glass_ticket_keys_lifetime(const glass_ticket_keys *k)
{
    return k != NULL ? k->lifetime : 0;
}

/* ---- the key file ---- */
static int hex_digit(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* n bytes of hex at *p (advanced); -1 on a non-hex character. */
static int read_hex(const char **p, const char *end, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (end - *p < 2)
            return -1;
        int hi = hex_digit((*p)[0]), lo = hex_digit((*p)[1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
        *p += 2;
    }
    return 0;
}

int glass_ticket_keys_load(glass_ticket_keys **out, const char *path, uint32_t lifetime)
{
    if (out == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    uint8_t *data;
    size_t len;
    int rc = glass_read_file(path, &data, &len);
    if (rc != 0)
        return rc;
    ticket_key keys[2];
    size_t n = 0;
    const char *p = (const char *)data, *end = p + len;
    rc = 0;
    while (p < end && rc == 0) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol != NULL ? eol : end;
        if (line_end > p && line_end[-1] == '\r')
            line_end--;
        if (line_end == p || *p == '#') {
            /* empty or a comment */
        } else if (n == 2 || read_hex(&p, line_end, keys[n].name, GLASS_TICKET_KEY_NAME_SIZE) ||
                   p == line_end || *p++ != ' ' ||
                   read_hex(&p, line_end, keys[n].key, GLASS_TICKET_KEY_SIZE) || p != line_end) {
            rc = GLASS_E_TICKET_KEY_FILE;
        } else {
            n++;
        }
        p = eol != NULL ? eol + 1 : end;
    }
    glass_wipe(data, len);
    free(data);
    if (rc == 0 && n == 0)
        rc = GLASS_E_TICKET_KEY_FILE;
    if (rc == 0)
        rc = glass_ticket_keys_new(out, keys[0].name, keys[0].key, lifetime);
    if (rc == 0 && n == 2) {
        /* the second line is the previous key: install it, then the first
         * again as current */
        (*out)->previous = keys[1];
        (*out)->have_previous = 1;
        if (memcmp(keys[0].name, keys[1].name, GLASS_TICKET_KEY_NAME_SIZE) == 0) {
            glass_ticket_keys_free(*out);
            *out = NULL;
            rc = GLASS_E_TICKET_KEY_FILE;
        }
    }
    glass_wipe(keys, sizeof keys);
    return rc;
}

/* ---- the session state inside a ticket ---- */
static int state_write(const glass_session *s, glass_writer *w)
{
    size_t name_len = strnlen(s->server_name, sizeof s->server_name);
    if (name_len > GLASS_SESSION_NAME_MAX)
        return GLASS_E_INVALID_ARG;
    glass_write_u8(w, GLASS_TICKET_STATE_VERSION);
    glass_write_u16(w, s->suite);
    glass_write_u8(w, s->ems ? 1 : 0);
    glass_write_bytes(w, s->master, GLASS_SESSION_MASTER_SIZE);
    uint64_t t = (uint64_t)s->created;
    glass_write_u32(w, (uint32_t)(t >> 32));
    glass_write_u32(w, (uint32_t)t);
    glass_write_u8(w, (uint8_t)name_len);
    glass_write_bytes(w, s->server_name, name_len);
    glass_write_u8(w, s->has_peer_hash ? GLASS_SESSION_HASH_SIZE : 0);
    if (s->has_peer_hash)
        glass_write_bytes(w, s->peer_cert_hash, GLASS_SESSION_HASH_SIZE);
    return glass_writer_ok(w) ? 0 : GLASS_E_BUFFER_TOO_SMALL;
}

static int state_parse(glass_session *s, const uint8_t *p, size_t len)
{
    glass_reader r, v;
    glass_reader_init(&r, p, len);
    if (glass_read_u8(&r) != GLASS_TICKET_STATE_VERSION)
        return GLASS_E_TICKET_INVALID;
    s->suite = glass_read_u16(&r);
    uint8_t ems = glass_read_u8(&r);
    glass_read_copy(&r, s->master, GLASS_SESSION_MASTER_SIZE);
    uint64_t hi = glass_read_u32(&r);
    s->created = (int64_t)(hi << 32 | glass_read_u32(&r));
    glass_read_vector(&r, 1, 0, GLASS_SESSION_NAME_MAX, &v);
    size_t name_len = glass_reader_left(&v);
    glass_read_copy(&v, (uint8_t *)s->server_name, name_len);
    glass_read_vector(&r, 1, 0, GLASS_SESSION_HASH_SIZE, &v);
    size_t hash_len = glass_reader_left(&v);
    glass_read_copy(&v, s->peer_cert_hash, hash_len);
    glass_reader_expect_end(&r);
    s->ems = ems;
    s->has_peer_hash = hash_len == GLASS_SESSION_HASH_SIZE;
    if (!glass_reader_ok(&r) || ems > 1 || (hash_len != 0 && !s->has_peer_hash) ||
        memchr(s->server_name, '\0', name_len) != NULL)
        return GLASS_E_TICKET_INVALID;
    return 0;
}

int glass_ticket_seal(glass_ticket_keys *k, const glass_session *s,
                      const uint8_t iv[GLASS_TICKET_IV_SIZE], uint8_t *out, size_t cap,
                      size_t *len)
{
    if (k == NULL || s == NULL || iv == NULL || out == NULL || len == NULL)
        return GLASS_E_INVALID_ARG;
    if (cap < GLASS_TICKET_OVERHEAD)
        return GLASS_E_BUFFER_TOO_SMALL;
    uint8_t *name = out, *nonce = out + GLASS_TICKET_KEY_NAME_SIZE;
    uint8_t *body = nonce + GLASS_TICKET_IV_SIZE;
    glass_writer w;
    glass_writer_init(&w, body, cap - GLASS_TICKET_OVERHEAD);
    int rc = state_write(s, &w);           /* the plaintext, sealed in place */
    if (rc != 0) {
        glass_wipe(out, cap);
        return rc;
    }
    ticket_key key;
    pthread_mutex_lock(&k->lock);
    key = k->current;
    pthread_mutex_unlock(&k->lock);
    memcpy(name, key.name, GLASS_TICKET_KEY_NAME_SIZE);
    memcpy(nonce, iv, GLASS_TICKET_IV_SIZE);
    glass_gcm g;
    rc = glass_gcm_init(&g, key.key, sizeof key.key);
    if (rc == 0)
        rc = glass_gcm_seal(&g, nonce, GLASS_TICKET_IV_SIZE, name, GLASS_TICKET_KEY_NAME_SIZE,
                            body, w.len, body, body + w.len, GLASS_TICKET_TAG_SIZE);
    glass_gcm_free(&g);
    glass_wipe(&key, sizeof key);
    if (rc != 0) {
        glass_wipe(out, cap);
        return rc;
    }
    *len = GLASS_TICKET_OVERHEAD + w.len;
    return 0;
}

int glass_ticket_open(glass_ticket_keys *k, const uint8_t *ticket, size_t len, int64_t now,
                      glass_session *out)
{
    if (k == NULL || out == NULL || (ticket == NULL && len != 0))
        return GLASS_E_INVALID_ARG;
    memset(out, 0, sizeof *out);
    if (len < GLASS_TICKET_OVERHEAD || len > GLASS_TICKET_SEALED_MAX)
        return GLASS_E_TICKET_INVALID;     /* cannot be one of ours */
    const uint8_t *name = ticket, *iv = ticket + GLASS_TICKET_KEY_NAME_SIZE;
    const uint8_t *ct = iv + GLASS_TICKET_IV_SIZE;
    size_t ct_len = len - GLASS_TICKET_OVERHEAD;

    /* the key name is public (it is sent in the clear): plain compares */
    ticket_key key;
    int found = 0;
    uint32_t lifetime;
    pthread_mutex_lock(&k->lock);
    if (memcmp(name, k->current.name, GLASS_TICKET_KEY_NAME_SIZE) == 0) {
        key = k->current;
        found = 1;
    } else if (k->have_previous &&
               memcmp(name, k->previous.name, GLASS_TICKET_KEY_NAME_SIZE) == 0) {
        key = k->previous;
        found = 1;
    }
    lifetime = k->lifetime;
    pthread_mutex_unlock(&k->lock);
    if (!found)
        return GLASS_E_TICKET_KEY_UNKNOWN;

    uint8_t state[GLASS_TICKET_SEALED_MAX];
    glass_gcm g;
    int rc = glass_gcm_init(&g, key.key, sizeof key.key);
    if (rc == 0)
        rc = glass_gcm_open(&g, iv, GLASS_TICKET_IV_SIZE, name, GLASS_TICKET_KEY_NAME_SIZE, ct,
                            ct_len, ct + ct_len, GLASS_TICKET_TAG_SIZE, state);
    glass_gcm_free(&g);
    glass_wipe(&key, sizeof key);
    /* the verdict is public (a full handshake follows either way); so is
     * everything in the state but the master secret once the tag held:
     * the parser may branch on its version and lengths (make ctcheck,
     * ct_tls_ticket.c) */
    GLASS_CT_PUBLIC(&rc, sizeof rc);
    if (rc == GLASS_E_BAD_TAG)
        rc = GLASS_E_TICKET_INVALID;
    if (rc == 0 && ct_len > 4 + GLASS_SESSION_MASTER_SIZE) {
        GLASS_CT_PUBLIC(state, 4);
        GLASS_CT_PUBLIC(state + 4 + GLASS_SESSION_MASTER_SIZE,
                        ct_len - 4 - GLASS_SESSION_MASTER_SIZE);
    } else if (rc == 0) {
        GLASS_CT_PUBLIC(state, ct_len);    /* too short to hold one: refused */
    }
    if (rc == 0)
        rc = state_parse(out, state, ct_len);
    glass_wipe(state, sizeof state);
    if (rc == 0 && (now < out->created || (uint64_t)now - (uint64_t)out->created >= lifetime))
        rc = GLASS_E_SESSION_EXPIRED;   /* the age in unsigned: any created (fuzz_ticket) */
    if (rc != 0) {
        glass_session_wipe(out);
        return rc;
    }
    out->lifetime = lifetime;
    return 0;
}
