/*
 * transcript.c — the running handshake hash (see transcript.h).
 */
#include "handshake/transcript.h"

#include "glasstls/ct.h"
#include "glasstls/err.h"

#define BIT(id) (1u << (unsigned)(id))

int glass_transcript_init(glass_transcript *t)
{
    t->stopped = 0;
    int err = glass_hash_init(&t->sha256, GLASS_HASH_SHA256);
    if (err == 0)
        err = glass_hash_init(&t->sha384, GLASS_HASH_SHA384);
    if (err == 0)
        err = glass_hash_init(&t->sha512, GLASS_HASH_SHA512);
    return err;
}

void glass_transcript_keep(glass_transcript *t, glass_hash_id a, glass_hash_id b)
{
    static const glass_hash_id all[] = { GLASS_HASH_SHA256, GLASS_HASH_SHA384,
                                         GLASS_HASH_SHA512 };
    glass_hash_ctx *ctx[] = { &t->sha256, &t->sha384, &t->sha512 };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (all[i] == a || all[i] == b || (t->stopped & BIT(all[i])))
            continue;
        t->stopped |= BIT(all[i]);
        glass_wipe(ctx[i], sizeof *ctx[i]);
    }
}

void glass_transcript_add(glass_transcript *t, const uint8_t *msg, size_t len)
{
    if (!(t->stopped & BIT(GLASS_HASH_SHA256)))
        glass_hash_update(&t->sha256, msg, len);
    if (!(t->stopped & BIT(GLASS_HASH_SHA384)))
        glass_hash_update(&t->sha384, msg, len);
    if (!(t->stopped & BIT(GLASS_HASH_SHA512)))
        glass_hash_update(&t->sha512, msg, len);
}

int glass_transcript_hash(const glass_transcript *t, glass_hash_id hash, uint8_t *out)
{
    glass_hash_ctx copy;
    if ((hash == GLASS_HASH_SHA256 || hash == GLASS_HASH_SHA384 || hash == GLASS_HASH_SHA512) &&
        (t->stopped & BIT(hash)))
        return GLASS_E_STATE;             /* stopped: its digest would be wrong */
    if (hash == GLASS_HASH_SHA256)
        copy = t->sha256;
    else if (hash == GLASS_HASH_SHA384)
        copy = t->sha384;
    else if (hash == GLASS_HASH_SHA512)
        copy = t->sha512;
    else
        return GLASS_E_HASH_UNSUPPORTED;
    glass_hash_final(&copy, out);        /* the running hash goes on */
    glass_wipe(&copy, sizeof copy);
    return (int)glass_hash_size(hash);
}

void glass_transcript_wipe(glass_transcript *t)
{
    glass_wipe(t, sizeof *t);
}
