/*
 * test_session.c — lib/session: the server cache (store, look up, LRU
 * eviction order, lifetime, replacement, wiping, many threads at once),
 * the tickets (the layout key_name || iv || ciphertext || tag, opened by
 * GCM directly to check the state inside, no master secret in the clear,
 * every bit flipped, truncation, unknown key, expiry, rotation, the key
 * file) and the client's blob (round trip, another version, every
 * truncation, trailing bytes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <cmocka.h>

#include "glasstls/err.h"
#include "glasstls/gcm.h"
#include "glasstls/session.h"

static void make_session(glass_session *s, uint8_t tag, int64_t created)
{
    memset(s, 0, sizeof *s);
    s->suite = 0xC02F;
    s->ems = 1;
    for (size_t i = 0; i < sizeof s->master; i++)
        s->master[i] = (uint8_t)(tag * 7 + i);
    s->session_id_len = 32;
    memset(s->session_id, tag, 32);
    snprintf(s->server_name, sizeof s->server_name, "host%u.example", tag);
    s->created = created;
}

/* ---------------------------------------------------------------- cache */

static void test_cache_put_get(void **state)
{
    (void)state;
    glass_session_cache *c;
    glass_session s, got;
    assert_int_equal(glass_session_cache_new(&c, 4, 100), 0);
    make_session(&s, 1, 1000);
    assert_int_equal(glass_session_cache_put(c, &s), 0);
    assert_int_equal(glass_session_cache_count(c), 1);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 32, 1050, &got), 0);
    assert_memory_equal(got.master, s.master, 48);
    assert_int_equal(got.suite, 0xC02F);
    assert_int_equal(got.ems, 1);
    assert_string_equal(got.server_name, "host1.example");
    assert_int_equal(got.lifetime, 100);
    /* another id of the same bucket length: not found */
    uint8_t other[32];
    memset(other, 2, sizeof other);
    assert_int_equal(glass_session_cache_get(c, other, 32, 1050, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 31, 1050, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 0, 1050, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    /* an empty id cannot be stored */
    s.session_id_len = 0;
    assert_int_equal(glass_session_cache_put(c, &s), GLASS_E_INVALID_ARG);
    glass_session_cache_free(c);
}

static void test_cache_lifetime(void **state)
{
    (void)state;
    glass_session_cache *c;
    glass_session s, got;
    assert_int_equal(glass_session_cache_new(&c, 4, 100), 0);
    make_session(&s, 1, 1000);
    assert_int_equal(glass_session_cache_put(c, &s), 0);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 32, 1099, &got), 0);
    /* at exactly created + lifetime it is gone, and removed */
    assert_int_equal(glass_session_cache_get(c, s.session_id, 32, 1100, &got),
                     GLASS_E_SESSION_EXPIRED);
    assert_int_equal(got.suite, 0);
    assert_int_equal(glass_session_cache_count(c), 0);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 32, 1000, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    /* a session from the future (the clock went back) is not trusted */
    assert_int_equal(glass_session_cache_put(c, &s), 0);
    assert_int_equal(glass_session_cache_get(c, s.session_id, 32, 999, &got),
                     GLASS_E_SESSION_EXPIRED);
    glass_session_cache_free(c);
}

static void test_cache_lru_order(void **state)
{
    (void)state;
    glass_session_cache *c;
    glass_session s[6], got;
    assert_int_equal(glass_session_cache_new(&c, 3, 1000), 0);
    for (int i = 0; i < 6; i++)
        make_session(&s[i], (uint8_t)(i + 1), 10);
    for (int i = 0; i < 3; i++)
        assert_int_equal(glass_session_cache_put(c, &s[i]), 0);
    /* use 0: now 1 is the least recently used */
    assert_int_equal(glass_session_cache_get(c, s[0].session_id, 32, 20, &got), 0);
    assert_int_equal(glass_session_cache_put(c, &s[3]), 0);   /* evicts 1 */
    assert_int_equal(glass_session_cache_evictions(c), 1);
    assert_int_equal(glass_session_cache_count(c), 3);
    assert_int_equal(glass_session_cache_get(c, s[1].session_id, 32, 20, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    /* order of use now (oldest first): 2, 0, 3 */
    assert_int_equal(glass_session_cache_put(c, &s[4]), 0);   /* evicts 2 */
    assert_int_equal(glass_session_cache_get(c, s[2].session_id, 32, 20, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    assert_int_equal(glass_session_cache_put(c, &s[5]), 0);   /* evicts 0 */
    assert_int_equal(glass_session_cache_get(c, s[0].session_id, 32, 20, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    for (int i = 3; i < 6; i++)
        assert_int_equal(glass_session_cache_get(c, s[i].session_id, 32, 20, &got), 0);
    assert_int_equal(glass_session_cache_evictions(c), 3);
    /* replacing an entry is not an eviction, and keeps one entry */
    s[3].suite = 0x009C;
    assert_int_equal(glass_session_cache_put(c, &s[3]), 0);
    assert_int_equal(glass_session_cache_count(c), 3);
    assert_int_equal(glass_session_cache_evictions(c), 3);
    assert_int_equal(glass_session_cache_get(c, s[3].session_id, 32, 20, &got), 0);
    assert_int_equal(got.suite, 0x009C);
    glass_session_cache_remove(c, s[3].session_id, 32);
    assert_int_equal(glass_session_cache_count(c), 2);
    assert_int_equal(glass_session_cache_get(c, s[3].session_id, 32, 20, &got),
                     GLASS_E_SESSION_NOT_FOUND);
    glass_session_cache_free(c);
}

/* Many sessions through a small cache (every slot and bucket reused),
 * checked against a model of the LRU order. */
static void test_cache_model(void **state)
{
    (void)state;
    enum { MAX = 5, IDS = 12, OPS = 4000 };
    glass_session_cache *c;
    glass_session s, got;
    int order[MAX], n = 0;        /* model: most recent first */
    uint64_t x = 12345;
    assert_int_equal(glass_session_cache_new(&c, MAX, 1000), 0);
    for (int op = 0; op < OPS; op++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        int id = (int)((x >> 33) % IDS);
        int put = (x >> 20) & 1;
        make_session(&s, (uint8_t)(id + 1), 10);
        s.session_id_len = 1 + (size_t)(id % 32);   /* ids of many lengths */
        int pos = -1;
        for (int i = 0; i < n; i++)
            if (order[i] == id)
                pos = i;
        if (put) {
            assert_int_equal(glass_session_cache_put(c, &s), 0);
            if (pos < 0 && n == MAX)
                pos = --n;               /* the model evicts its tail */
            else if (pos < 0)
                pos = n;
            else
                n--;
            memmove(order + 1, order, (size_t)pos * sizeof order[0]);
            order[0] = id;
            n++;
        } else {
            int rc = glass_session_cache_get(c, s.session_id, s.session_id_len, 20, &got);
            if (pos < 0) {
                assert_int_equal(rc, GLASS_E_SESSION_NOT_FOUND);
            } else {
                assert_int_equal(rc, 0);
                assert_memory_equal(got.master, s.master, 48);
                memmove(order + 1, order, (size_t)pos * sizeof order[0]);
                order[0] = id;
            }
        }
        assert_int_equal(glass_session_cache_count(c), (size_t)n);
    }
    glass_session_cache_free(c);
}

typedef struct thread_arg {
    glass_session_cache *c;
    int base;
    int errors;
} thread_arg;

static void *hammer(void *p)
{
    thread_arg *a = p;
    glass_session s, got;
    for (int i = 0; i < 2000; i++) {
        make_session(&s, (uint8_t)(a->base + i % 8), 10);
        s.session_id[0] = (uint8_t)a->base;
        if (glass_session_cache_put(a->c, &s) != 0)
            a->errors++;
        int rc = glass_session_cache_get(a->c, s.session_id, 32, 20, &got);
        /* another thread may have evicted it, never corrupted it */
        if (rc == 0 && memcmp(got.master, s.master, 48) != 0)
            a->errors++;
        if (rc != 0 && rc != GLASS_E_SESSION_NOT_FOUND)
            a->errors++;
    }
    return NULL;
}

static void test_cache_threads(void **state)
{
    (void)state;
    glass_session_cache *c;
    pthread_t t[4];
    thread_arg a[4];
    assert_int_equal(glass_session_cache_new(&c, 16, 1000), 0);
    for (int i = 0; i < 4; i++) {
        a[i].c = c;
        a[i].base = 10 * (i + 1);
        a[i].errors = 0;
        assert_int_equal(pthread_create(&t[i], NULL, hammer, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].errors, 0);
    }
    assert_true(glass_session_cache_count(c) <= 16);
    glass_session_cache_free(c);
}

static void test_cache_bad_args(void **state)
{
    (void)state;
    glass_session_cache *c;
    glass_session got;
    assert_int_equal(glass_session_cache_new(&c, 0, 10), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_session_cache_new(&c, 10, 0), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_session_cache_new(&c, 10, 86401), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_session_cache_new(NULL, 10, 10), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_session_cache_get(NULL, NULL, 0, 0, &got), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_session_cache_put(NULL, &got), GLASS_E_INVALID_ARG);
    glass_session_cache_free(NULL);
    assert_int_equal(glass_session_cache_count(NULL), 0);
}

/* ---------------------------------------------------------------- tickets */

static const uint8_t name1[16] = "glasstls-key-001";
static const uint8_t name2[16] = "glasstls-key-002";
static const uint8_t name3[16] = "glasstls-key-003";
static uint8_t key1[32], key2[32], key3[32];

static void fill_keys(void)
{
    for (int i = 0; i < 32; i++) {
        key1[i] = (uint8_t)(0x10 + i);
        key2[i] = (uint8_t)(0x80 + i);
        key3[i] = (uint8_t)(0xC0 ^ i);
    }
}

static const uint8_t iv0[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

static void test_ticket_layout(void **state)
{
    (void)state;
    fill_keys();
    glass_ticket_keys *k;
    glass_session s;
    uint8_t t[GLASS_TICKET_SEALED_MAX];
    size_t len;
    assert_int_equal(glass_ticket_keys_new(&k, name1, key1, 3600), 0);
    make_session(&s, 5, 1000);
    s.has_peer_hash = 1;
    memset(s.peer_cert_hash, 0xAB, 32);
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t, sizeof t, &len), 0);
    size_t name_len = strlen(s.server_name);
    size_t state_len = 1 + 2 + 1 + 48 + 8 + 1 + name_len + 1 + 32;
    assert_int_equal(len, 16 + 12 + state_len + 16);
    assert_memory_equal(t, name1, 16);
    assert_memory_equal(t + 16, iv0, 12);
    /* the master secret appears nowhere in the ticket */
    for (size_t i = 0; i + 8 <= len; i++)
        assert_true(memcmp(t + i, s.master, 8) != 0);

    /* open it with GCM directly: aad = key name, then the state layout */
    glass_gcm g;
    uint8_t pt[GLASS_TICKET_SEALED_MAX];
    assert_int_equal(glass_gcm_init(&g, key1, 32), 0);
    assert_int_equal(glass_gcm_open(&g, t + 16, 12, t, 16, t + 28, state_len,
                                    t + 28 + state_len, 16, pt), 0);
    glass_gcm_free(&g);
    assert_int_equal(pt[0], GLASS_TICKET_STATE_VERSION);
    assert_int_equal(pt[1] << 8 | pt[2], 0xC02F);
    assert_int_equal(pt[3], 1);
    assert_memory_equal(pt + 4, s.master, 48);
    static const uint8_t t1000[8] = { 0, 0, 0, 0, 0, 0, 0x03, 0xE8 };
    assert_memory_equal(pt + 52, t1000, 8);
    assert_int_equal(pt[60], name_len);
    assert_memory_equal(pt + 61, s.server_name, name_len);
    assert_int_equal(pt[61 + name_len], 32);

    glass_session got;
    assert_int_equal(glass_ticket_open(k, t, len, 1001, &got), 0);
    assert_memory_equal(got.master, s.master, 48);
    assert_int_equal(got.suite, 0xC02F);
    assert_int_equal(got.ems, 1);
    assert_int_equal(got.created, 1000);
    assert_int_equal(got.has_peer_hash, 1);
    assert_memory_equal(got.peer_cert_hash, s.peer_cert_hash, 32);
    assert_string_equal(got.server_name, s.server_name);
    assert_int_equal(got.session_id_len, 0);
    assert_int_equal(got.lifetime, 3600);
    glass_ticket_keys_free(k);
}

static void test_ticket_tamper(void **state)
{
    (void)state;
    fill_keys();
    glass_ticket_keys *k;
    glass_session s, got;
    uint8_t t[GLASS_TICKET_SEALED_MAX];
    size_t len;
    assert_int_equal(glass_ticket_keys_new(&k, name1, key1, 3600), 0);
    make_session(&s, 9, 1000);
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t, sizeof t, &len), 0);
    /* every bit: the name gives "unknown key", the rest "does not open" */
    for (size_t i = 0; i < len; i++) {
        for (int b = 0; b < 8; b++) {
            t[i] ^= (uint8_t)(1u << b);
            int rc = glass_ticket_open(k, t, len, 1001, &got);
            assert_int_equal(rc, i < 16 ? GLASS_E_TICKET_KEY_UNKNOWN : GLASS_E_TICKET_INVALID);
            assert_int_equal(got.suite, 0);
            t[i] ^= (uint8_t)(1u << b);
        }
    }
    /* every truncation and one byte more */
    for (size_t n = 0; n < len; n++) {
        int rc = glass_ticket_open(k, t, n, 1001, &got);
        assert_true(rc == GLASS_E_TICKET_INVALID);
    }
    t[len] = 0;
    assert_int_equal(glass_ticket_open(k, t, len + 1, 1001, &got), GLASS_E_TICKET_INVALID);
    assert_int_equal(glass_ticket_open(k, t, len, 1001, &got), 0);
    glass_ticket_keys_free(k);
}

static void test_ticket_expiry(void **state)
{
    (void)state;
    fill_keys();
    glass_ticket_keys *k;
    glass_session s, got;
    uint8_t t[GLASS_TICKET_SEALED_MAX];
    size_t len;
    assert_int_equal(glass_ticket_keys_new(&k, name1, key1, 60), 0);
    make_session(&s, 3, 5000);
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t, sizeof t, &len), 0);
    assert_int_equal(glass_ticket_open(k, t, len, 5059, &got), 0);
    assert_int_equal(glass_ticket_open(k, t, len, 5060, &got), GLASS_E_SESSION_EXPIRED);
    assert_int_equal(got.ems, 0);
    assert_int_equal(glass_ticket_open(k, t, len, 4999, &got), GLASS_E_SESSION_EXPIRED);
    glass_ticket_keys_free(k);
}

static void test_ticket_rotation(void **state)
{
    (void)state;
    fill_keys();
    glass_ticket_keys *k, *other;
    glass_session s, got;
    uint8_t t1[GLASS_TICKET_SEALED_MAX], t2[GLASS_TICKET_SEALED_MAX];
    size_t l1, l2;
    make_session(&s, 4, 100);
    assert_int_equal(glass_ticket_keys_new(&k, name1, key1, 3600), 0);
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t1, sizeof t1, &l1), 0);
    assert_int_equal(glass_ticket_keys_rotate(k, name1, key2), GLASS_E_INVALID_ARG);
    assert_int_equal(glass_ticket_keys_rotate(k, name2, key2), 0);
    /* new tickets under key 2; key 1's still open */
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t2, sizeof t2, &l2), 0);
    assert_memory_equal(t2, name2, 16);
    assert_int_equal(glass_ticket_open(k, t1, l1, 200, &got), 0);
    assert_int_equal(glass_ticket_open(k, t2, l2, 200, &got), 0);
    /* one more rotation forgets key 1 */
    assert_int_equal(glass_ticket_keys_rotate(k, name3, key3), 0);
    assert_int_equal(glass_ticket_open(k, t1, l1, 200, &got), GLASS_E_TICKET_KEY_UNKNOWN);
    assert_int_equal(glass_ticket_open(k, t2, l2, 200, &got), 0);
    /* a server with another key of the same name cannot open it */
    assert_int_equal(glass_ticket_keys_new(&other, name2, key3, 3600), 0);
    assert_int_equal(glass_ticket_open(other, t2, l2, 200, &got), GLASS_E_TICKET_INVALID);
    glass_ticket_keys_free(other);
    glass_ticket_keys_free(k);
}

/* A ticket of glasstls's layout, sealed correctly, whose state is of
 * another version or malformed: refused after the tag checked. */
static void seal_raw(const uint8_t *state, size_t n, uint8_t *t, size_t *len)
{
    glass_gcm g;
    memcpy(t, name1, 16);
    memcpy(t + 16, iv0, 12);
    assert_int_equal(glass_gcm_init(&g, key1, 32), 0);
    assert_int_equal(glass_gcm_seal(&g, iv0, 12, name1, 16, state, n, t + 28, t + 28 + n, 16), 0);
    glass_gcm_free(&g);
    *len = 28 + n + 16;
}

static void test_ticket_state_version(void **state)
{
    (void)state;
    fill_keys();
    glass_ticket_keys *k;
    glass_session got;
    uint8_t st[80], t[GLASS_TICKET_SEALED_MAX];
    size_t len;
    assert_int_equal(glass_ticket_keys_new(&k, name1, key1, 3600), 0);
    memset(st, 0, sizeof st);
    st[0] = GLASS_TICKET_STATE_VERSION;
    st[1] = 0xC0; st[2] = 0x2F; st[3] = 1;
    st[59] = 10;                                   /* created = 10 */
    size_t good = 1 + 2 + 1 + 48 + 8 + 1 + 1;      /* no name, no hash */
    seal_raw(st, good, t, &len);
    assert_int_equal(glass_ticket_open(k, t, len, 11, &got), 0);
    st[0] = 2;                                     /* another version */
    seal_raw(st, good, t, &len);
    assert_int_equal(glass_ticket_open(k, t, len, 11, &got), GLASS_E_TICKET_INVALID);
    st[0] = GLASS_TICKET_STATE_VERSION;
    st[3] = 2;                                     /* ems neither 0 nor 1 */
    seal_raw(st, good, t, &len);
    assert_int_equal(glass_ticket_open(k, t, len, 11, &got), GLASS_E_TICKET_INVALID);
    st[3] = 1;
    seal_raw(st, good + 1, t, &len);               /* a byte after the end */
    assert_int_equal(glass_ticket_open(k, t, len, 11, &got), GLASS_E_TICKET_INVALID);
    st[61] = 5;                                    /* a hash of 5 bytes */
    seal_raw(st, good + 5, t, &len);
    assert_int_equal(glass_ticket_open(k, t, len, 11, &got), GLASS_E_TICKET_INVALID);
    glass_ticket_keys_free(k);
}

static void test_ticket_key_file(void **state)
{
    (void)state;
    char path[] = "/tmp/glass_ticket_keysXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text =
        "# current, then previous\n"
        "676c617373746c732d6b65792d303032 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"
        "\n"
        "676c617373746c732d6b65792d303031 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n";
    assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
    fill_keys();
    glass_ticket_keys *k, *k1;
    glass_session s, got;
    uint8_t t[GLASS_TICKET_SEALED_MAX];
    size_t len;
    make_session(&s, 6, 100);
    assert_int_equal(glass_ticket_keys_load(&k, path, 600), 0);
    assert_int_equal(glass_ticket_keys_lifetime(k), 600);
    assert_int_equal(glass_ticket_seal(k, &s, iv0, t, sizeof t, &len), 0);
    assert_memory_equal(t, name2, 16);              /* the first line seals */
    assert_int_equal(glass_ticket_open(k, t, len, 101, &got), 0);
    /* a ticket of key 1 (the second line) opens too */
    assert_int_equal(glass_ticket_keys_new(&k1, name1, key1, 600), 0);
    assert_int_equal(glass_ticket_seal(k1, &s, iv0, t, sizeof t, &len), 0);
    assert_int_equal(glass_ticket_open(k, t, len, 101, &got), 0);
    glass_ticket_keys_free(k1);
    glass_ticket_keys_free(k);

    static const char *bad[] = {
        "",
        "# nothing\n",
        "676c61737374 808182\n",
        "676c617373746c732d6b65792d303032808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n",
        "676c617373746c732d6b65792d303032 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fff\n",
        "676c617373746c732d6b65792d30303g 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n",
        /* three keys */
        ("676c617373746c732d6b65792d303031 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"
         "676c617373746c732d6b65792d303032 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"
         "676c617373746c732d6b65792d303033 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"),
        /* two of one name */
        ("676c617373746c732d6b65792d303031 808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\n"
         "676c617373746c732d6b65792d303031 101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n"),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(bad[i], f);
        fclose(f);
        k = (glass_ticket_keys *)1;
        assert_int_equal(glass_ticket_keys_load(&k, path, 600), GLASS_E_TICKET_KEY_FILE);
        assert_null(k);
    }
    unlink(path);
    assert_int_equal(glass_ticket_keys_load(&k, path, 600), GLASS_E_FILE);
}

/* ---------------------------------------------------------------- blob */

static void test_blob_round_trip(void **state)
{
    (void)state;
    glass_session s, got;
    uint8_t blob[GLASS_SESSION_BLOB_MAX];
    size_t len;
    make_session(&s, 7, 123456789012LL);
    s.lifetime = 7200;
    s.has_peer_hash = 1;
    memset(s.peer_cert_hash, 0x5A, 32);
    s.ticket_len = GLASS_SESSION_TICKET_MAX;
    for (size_t i = 0; i < s.ticket_len; i++)
        s.ticket[i] = (uint8_t)i;
    assert_int_equal(glass_session_export(&s, blob, sizeof blob, &len), 0);
    assert_int_equal(len, GLASS_SESSION_BLOB_MAX - (255 - strlen(s.server_name)));
    assert_memory_equal(blob, "GLSS", 4);
    assert_int_equal(blob[4], GLASS_SESSION_BLOB_VERSION);
    assert_int_equal(glass_session_import(&got, blob, len), 0);
    assert_int_equal(memcmp(&got, &s, sizeof s), 0);

    /* too small a buffer */
    assert_int_equal(glass_session_export(&s, blob, len - 1, &len), GLASS_E_BUFFER_TOO_SMALL);
    /* a minimal session: no id, name, hash or ticket */
    memset(&s, 0, sizeof s);
    s.suite = 0x009C;
    assert_int_equal(glass_session_export(&s, blob, sizeof blob, &len), 0);
    assert_int_equal(len, 4 + 1 + 2 + 1 + 48 + 8 + 4 + 1 + 1 + 1 + 2);
    assert_int_equal(glass_session_import(&got, blob, len), 0);
    assert_int_equal(got.suite, 0x009C);
}

static void test_blob_refused(void **state)
{
    (void)state;
    glass_session s, got;
    uint8_t blob[GLASS_SESSION_BLOB_MAX + 1];
    size_t len;
    make_session(&s, 8, 1);
    s.ticket_len = 100;
    assert_int_equal(glass_session_export(&s, blob, sizeof blob, &len), 0);
    /* every truncation */
    for (size_t n = 0; n < len; n++) {
        assert_int_equal(glass_session_import(&got, blob, n), GLASS_E_SESSION_BLOB);
        assert_int_equal(got.suite, 0);
    }
    /* trailing byte */
    blob[len] = 0;
    assert_int_equal(glass_session_import(&got, blob, len + 1), GLASS_E_SESSION_BLOB);
    /* wrong version, wrong magic, ems 2 */
    blob[4] = GLASS_SESSION_BLOB_VERSION + 1;
    assert_int_equal(glass_session_import(&got, blob, len), GLASS_E_SESSION_BLOB);
    blob[4] = GLASS_SESSION_BLOB_VERSION;
    blob[0] = 'X';
    assert_int_equal(glass_session_import(&got, blob, len), GLASS_E_SESSION_BLOB);
    blob[0] = 'G';
    blob[7] = 2;
    assert_int_equal(glass_session_import(&got, blob, len), GLASS_E_SESSION_BLOB);
    blob[7] = 1;
    assert_int_equal(glass_session_import(&got, blob, len), 0);
    /* an id longer than 32 bytes */
    size_t id_at = 4 + 1 + 2 + 1 + 48 + 8 + 4;
    blob[id_at] = 33;
    assert_int_equal(glass_session_import(&got, blob, len), GLASS_E_SESSION_BLOB);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_put_get),
        cmocka_unit_test(test_cache_lifetime),
        cmocka_unit_test(test_cache_lru_order),
        cmocka_unit_test(test_cache_model),
        cmocka_unit_test(test_cache_threads),
        cmocka_unit_test(test_cache_bad_args),
        cmocka_unit_test(test_ticket_layout),
        cmocka_unit_test(test_ticket_tamper),
        cmocka_unit_test(test_ticket_expiry),
        cmocka_unit_test(test_ticket_rotation),
        cmocka_unit_test(test_ticket_state_version),
        cmocka_unit_test(test_ticket_key_file),
        cmocka_unit_test(test_blob_round_trip),
        cmocka_unit_test(test_blob_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
