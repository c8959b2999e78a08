/* record_script.c — see record_script.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record_script.h"
#include "glasstls/err.h"

static long s_recv(void *ctx, uint8_t *buf, size_t len)
{
    script *s = ctx;
    if (s->block_between && (s->toggle_r ^= 1)) {
        s->blocks++;
        return GLASS_E_WANT_READ;
    }
    if (s->in_pos == s->in_len) {
        if (s->eof)
            return 0;
        s->blocks++;
        return GLASS_E_WANT_READ;
    }
    size_t n = s->in_len - s->in_pos;
    if (n > len)
        n = len;
    if (s->chunk && n > s->chunk)
        n = s->chunk;
    memcpy(buf, s->in + s->in_pos, n);
    s->in_pos += n;
    return (long)n;
}

static long s_send(void *ctx, const uint8_t *buf, size_t len)
{
    script *s = ctx;
    if (s->block_between && (s->toggle_w ^= 1)) {
        s->blocks++;
        return GLASS_E_WANT_WRITE;
    }
    size_t n = len;
    if (s->chunk && n > s->chunk)
        n = s->chunk;
    assert_true(s->out_len + n <= SCRIPT_CAP);
    memcpy(s->out + s->out_len, buf, n);
    s->out_len += n;
    return (long)n;
}

glass_transport script_transport(script *s)
{
    glass_transport t = { s, s_send, s_recv };
    return t;
}

fix *fix_new(int is_server)
{
    fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->mem_size = glass_record_mem_size(MAX_HS);
    f->mem = malloc(f->mem_size);
    assert_non_null(f->mem);
    glass_record_init(&f->r, script_transport(&f->s), is_server, f->mem, MAX_HS);
    return f;
}

void fix_free(fix *f)
{
    glass_record_wipe(&f->r, f->mem_size);
    free(f->mem);
    free(f);
}

void add_raw(script *s, uint8_t type, uint16_t version, const uint8_t *p, size_t len)
{
    assert_true(s->in_len + 5 + len <= SCRIPT_CAP);
    uint8_t *o = s->in + s->in_len;
    o[0] = type;
    o[1] = (uint8_t)(version >> 8);
    o[2] = (uint8_t)version;
    o[3] = (uint8_t)(len >> 8);
    o[4] = (uint8_t)len;
    if (len)
        memcpy(o + 5, p, len);
    s->in_len += 5 + len;
}

void add_rec(script *s, uint8_t type, const uint8_t *p, size_t len)
{
    add_raw(s, type, 0x0303, p, len);
}

void add_sealed(script *s, glass_record_cipher *c, uint8_t type,
                const uint8_t *p, size_t len)
{
    uint8_t *o = s->in + s->in_len;
    size_t off = glass_record_payload_offset(c);
    assert_true(s->in_len + off + len + 16 <= SCRIPT_CAP);
    if (len)
        memcpy(o + off, p, len);
    assert_int_equal(glass_record_seal(c, type, o, len), GLASS_OK);
    s->in_len += 5 + ((size_t)o[3] << 8 | o[4]);
}

size_t make_hs(uint8_t *out, uint8_t type, size_t body_len, uint8_t seed)
{
    out[0] = type;
    out[1] = (uint8_t)(body_len >> 16);
    out[2] = (uint8_t)(body_len >> 8);
    out[3] = (uint8_t)body_len;
    for (size_t i = 0; i < body_len; i++)
        out[4 + i] = (uint8_t)(seed + i * 31);
    return 4 + body_len;
}

const uint8_t key16[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
const uint8_t key32[32] = { 0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
                            9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 11, 22, 33, 44, 55, 66,
                            77, 88, 99, 111, 122, 133, 144, 155 };
const uint8_t salt[4] = { 0xde, 0xad, 0xbe, 0xef };

void start_encrypted_read(fix *f, glass_record_cipher *peer, const uint8_t *key,
                          size_t key_len)
{
    static const uint8_t one = 1;
    assert_int_equal(glass_record_set_keys(&f->r, GLASS_DIR_READ, key, key_len, salt), GLASS_OK);
    assert_int_equal(glass_record_cipher_init(peer, key, key_len, salt), GLASS_OK);
    add_rec(&f->s, GLASS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    glass_record_msg m;
    assert_int_equal(glass_record_next(&f->r, &m), GLASS_OK);
    assert_int_equal(m.type, GLASS_CT_CHANGE_CIPHER_SPEC);
    assert_int_equal(f->r.read.active, 1);
}
