/*
 * cache.c — the server's session cache (RFC 5246 section 7.4.1.2 and
 * appendix F.1.4; glasstls/session.h).
 *
 * A fixed array of max_entries slots, allocated once.  Two structures run
 * through it, both by slot index:
 *   - a hash table on the session_id (the first 4 bytes of a random id are
 *     as good as any hash of it; chains through `next_in_bucket`), so a
 *     lookup costs one chain, not a scan of the cache;
 *   - a doubly-linked list in order of use, most recent first, so the
 *     least recently used entry is at the tail and eviction is O(1).
 * Free slots are chained through `lru_next` from `free_head`.
 *
 * One mutex guards all of it: glass-server runs a thread per connection
 * and they share one cache.  Every slot that leaves (evicted, expired,
 * removed, replaced, or at free) is wiped, master secret and all.
 *
 * session_ids are public (they go in the clear in both hellos), so the
 * lookup's branches on them leak nothing.
 */
#include "glasstls/session.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"

#define NIL ((uint32_t)-1)

typedef struct slot {
    glass_session s;
    uint32_t next_in_bucket;
    uint32_t lru_prev, lru_next;           /* lru_next also chains free slots */
    int      used;
} slot;

struct glass_session_cache {
    pthread_mutex_t lock;
    slot     *slots;
    size_t    max;
    uint32_t *buckets;
    size_t    n_buckets;                   /* a power of two */
    uint32_t  lru_head, lru_tail;          /* most / least recently used */
    uint32_t  free_head;
    size_t    count;
    uint64_t  evictions;
    uint32_t  lifetime;
};

static size_t bucket_of(const glass_session_cache *c, const uint8_t *id, size_t len)
{
    uint32_t h = 2166136261u;              /* FNV-1a: short ids need mixing too */
    for (size_t i = 0; i < len; i++)
        h = (h ^ id[i]) * 16777619u;
    return h & (c->n_buckets - 1);
}

int glass_session_cache_new(glass_session_cache **out, size_t max_entries, uint32_t lifetime)
{
    if (out == NULL || max_entries == 0 || max_entries > 1000000 || lifetime == 0 ||
        lifetime > 86400)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_session_cache *c = calloc(1, sizeof *c);
    if (c == NULL)
        return GLASS_E_NO_MEMORY;
    c->n_buckets = 1;
    while (c->n_buckets < max_entries)
        c->n_buckets <<= 1;
    c->slots = calloc(max_entries, sizeof *c->slots);
    c->buckets = malloc(c->n_buckets * sizeof *c->buckets);
    if (c->slots == NULL || c->buckets == NULL || pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c->slots);
        free(c->buckets);
        free(c);
        return GLASS_E_NO_MEMORY;
    }
    for (size_t i = 0; i < c->n_buckets; i++)
        c->buckets[i] = NIL;
    for (size_t i = 0; i < max_entries; i++)
        c->slots[i].lru_next = i + 1 < max_entries ? (uint32_t)(i + 1) : NIL;
    c->free_head = 0;
    c->lru_head = c->lru_tail = NIL;
    c->max = max_entries;
    c->lifetime = lifetime;
    *out = c;
    return 0;
}

void glass_session_cache_free(glass_session_cache *c)
{
    if (c == NULL)
        return;
    glass_wipe(c->slots, c->max * sizeof *c->slots);
    free(c->slots);
    free(c->buckets);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* ---- the use list ---- */
static void lru_unlink(glass_session_cache *c, uint32_t i)
{
    slot *e = &c->slots[i];
    if (e->lru_prev != NIL)
        c->slots[e->lru_prev].lru_next = e->lru_next;
    else
        c->lru_head = e->lru_next;
    if (e->lru_next != NIL)
        c->slots[e->lru_next].lru_prev = e->lru_prev;
    else
        c->lru_tail = e->lru_prev;
}

static void lru_push_front(glass_session_cache *c, uint32_t i)
{
    slot *e = &c->slots[i];
    e->lru_prev = NIL;
    e->lru_next = c->lru_head;
    if (c->lru_head != NIL)
        c->slots[c->lru_head].lru_prev = i;
    c->lru_head = i;
    if (c->lru_tail == NIL)
        c->lru_tail = i;
}

/* ---- the hash table ---- */
static uint32_t find(glass_session_cache *c, const uint8_t *id, size_t len)
{
    for (uint32_t i = c->buckets[bucket_of(c, id, len)]; i != NIL; i = c->slots[i].next_in_bucket)
        if (c->slots[i].s.session_id_len == len && memcmp(c->slots[i].s.session_id, id, len) == 0)
            return i;
    return NIL;
}

/* Takes slot i out of both structures, wipes it and frees it. */
static void drop(glass_session_cache *c, uint32_t i)
{
    slot *e = &c->slots[i];
    uint32_t *p = &c->buckets[bucket_of(c, e->s.session_id, e->s.session_id_len)];
    while (*p != i)
        p = &c->slots[*p].next_in_bucket;
    *p = e->next_in_bucket;
    lru_unlink(c, i);
    glass_wipe(e, sizeof *e);
    e->lru_next = c->free_head;
    c->free_head = i;
    c->count--;
}

int glass_session_cache_put(glass_session_cache *c, const glass_session *s)
{
    if (c == NULL || s == NULL || s->session_id_len == 0 ||
        s->session_id_len > GLASS_SESSION_ID_MAX)
        return GLASS_E_INVALID_ARG;
    pthread_mutex_lock(&c->lock);
    uint32_t i = find(c, s->session_id, s->session_id_len);
    if (i != NIL)
        drop(c, i);                        /* replaced */
    if (c->free_head == NIL) {             /* full: the least recently used goes */
        drop(c, c->lru_tail);
        c->evictions++;
    }
    i = c->free_head;
    slot *e = &c->slots[i];
    c->free_head = e->lru_next;
    e->s = *s;
    e->s.ticket_len = 0;                   /* the server keeps no ticket */
    e->s.lifetime = c->lifetime;
    e->used = 1;
    size_t b = bucket_of(c, s->session_id, s->session_id_len);
    e->next_in_bucket = c->buckets[b];
    c->buckets[b] = i;
    lru_push_front(c, i);
    c->count++;
    pthread_mutex_unlock(&c->lock);
    return 0;
}

int glass_session_cache_get(glass_session_cache *c, const uint8_t *id, size_t id_len,
                            int64_t now, glass_session *out)
{
    if (c == NULL || out == NULL || (id == NULL && id_len != 0))
        return GLASS_E_INVALID_ARG;
    memset(out, 0, sizeof *out);
    if (id_len == 0 || id_len > GLASS_SESSION_ID_MAX)
        return GLASS_E_SESSION_NOT_FOUND;
    int rc = 0;
    pthread_mutex_lock(&c->lock);
    uint32_t i = find(c, id, id_len);
    if (i == NIL) {
        rc = GLASS_E_SESSION_NOT_FOUND;
    } else if (now < c->slots[i].s.created ||
               (uint64_t)now - (uint64_t)c->slots[i].s.created >= c->lifetime) {
        drop(c, i);                        /* F.1.4: an upper limit on the lifetime */
        rc = GLASS_E_SESSION_EXPIRED;
    } else {
        *out = c->slots[i].s;
        lru_unlink(c, i);
        lru_push_front(c, i);
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

void glass_session_cache_remove(glass_session_cache *c, const uint8_t *id, size_t id_len)
{
    if (c == NULL || id == NULL || id_len == 0 || id_len > GLASS_SESSION_ID_MAX)
        return;
    pthread_mutex_lock(&c->lock);
    uint32_t i = find(c, id, id_len);
    if (i != NIL)
        drop(c, i);
    pthread_mutex_unlock(&c->lock);
}

size_t glass_session_cache_count(glass_session_cache *c)
{
    if (c == NULL)
        return 0;
    pthread_mutex_lock(&c->lock);
    size_t n = c->count;
    pthread_mutex_unlock(&c->lock);
    return n;
}

uint64_t glass_session_cache_evictions(glass_session_cache *c)
{
    if (c == NULL)
        return 0;
    pthread_mutex_lock(&c->lock);
    uint64_t n = c->evictions;
    pthread_mutex_unlock(&c->lock);
    return n;
}

uint32_t glass_session_cache_lifetime(const glass_session_cache *c)
{
    return c != NULL ? c->lifetime : 0;
}
