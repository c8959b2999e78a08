/*
 * transcript.c — the running handshake hash (see transcript.h).
 */
#include "handshake/transcript.h"

#include "glasstls/ct.h"
#include "glasstls/err.h"

int glass_transcript_init(glass_transcript *t)
{
    int err = glass_hash_init(&t->sha256, GLASS_HASH_SHA256);
    if (err == 0)
        err = glass_hash_init(&t->sha384, GLASS_HASH_SHA384);
    if (err == 0)
        err = glass_hash_init(&t->sha512, GLASS_HASH_SHA512);
    return err;
}

void glass_transcript_add(glass_transcript *t, const uint8_t *msg, size_t len)
{
    glass_hash_update(&t->sha256, msg, len);
    glass_hash_update(&t->sha384, msg, len);
    glass_hash_update(&t->sha512, msg, len);
}

int glass_transcript_hash(const glass_transcript *t, glass_hash_id hash, uint8_t *out)
{
    glass_hash_ctx copy;
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
