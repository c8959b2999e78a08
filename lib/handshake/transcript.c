/*
 * transcript.c — the running handshake hash (see transcript.h).
 */
#include "handshake/transcript.h"

#include "glasstls/ct.h"
#include "glasstls/err.h"

/* the hashes the transcript runs, in the order of glass_transcript.h */
static const glass_hash_id hashes[3] = { GLASS_HASH_SHA256, GLASS_HASH_SHA384,
                                         GLASS_HASH_SHA512 };

/* The index of hash in hashes[], or -1 for one the transcript does not run. */
static int slot(glass_hash_id hash)
{
    for (int i = 0; i < 3; i++)
        if (hashes[i] == hash)
            return i;
    return -1;
}

int glass_transcript_init(glass_transcript *t)
{
    t->stopped = 0;
    int err = 0;
    for (int i = 0; i < 3 && err == 0; i++)
        err = glass_hash_init(&t->h[i], hashes[i]);
    return err;
}

void glass_transcript_keep(glass_transcript *t, glass_hash_id a, glass_hash_id b)
{
    for (int i = 0; i < 3; i++) {
        if (hashes[i] == a || hashes[i] == b || (t->stopped & (1u << i)))
            continue;
        t->stopped |= 1u << i;
        glass_wipe(&t->h[i], sizeof t->h[i]);
    }
}

void glass_transcript_add(glass_transcript *t, const uint8_t *msg, size_t len)
{
    for (int i = 0; i < 3; i++)
        if (!(t->stopped & (1u << i)))
            glass_hash_update(&t->h[i], msg, len);
}

int glass_transcript_hash(const glass_transcript *t, glass_hash_id hash, uint8_t *out)
{
    int i = slot(hash);
    if (i < 0)
        return GLASS_E_HASH_UNSUPPORTED;
    if (t->stopped & (1u << i))
        return GLASS_E_STATE;             /* stopped: its digest would be wrong */
    glass_hash_ctx copy = t->h[i];
    glass_hash_final(&copy, out);        /* the running hash goes on */
    glass_wipe(&copy, sizeof copy);
    return (int)glass_hash_size(hash);
}

void glass_transcript_wipe(glass_transcript *t)
{
    glass_wipe(t, sizeof *t);
}
