/*
 * hmac_drbg.c — HMAC_DRBG (NIST SP 800-90A Rev. 1, June 2015, section
 * 10.1.2) over SHA-256, SHA-384 or SHA-512.
 *
 *   10.1.2.2  HMAC_DRBG_Update: mixes provided data into (Key, V)
 *   10.1.2.3  Instantiate:  seed = entropy || nonce || personalization
 *   10.1.2.4  Reseed:       seed = entropy || additional input
 *   10.1.2.5  Generate:     V = HMAC(Key, V) repeatedly, then Update
 *   Table 2 (10.1)          limits: reseed interval, request size,
 *                           minimum entropy = the security strength
 *
 * Prediction resistance is not offered (callers reseed explicitly), so
 * this is the "PredictionResistance = False" DRBG of the CAVP vectors.
 * The "provided data" of 10.1.2.2 is passed as up to three pieces instead
 * of being concatenated into a buffer, since crypto/ does not allocate.
 */
#include "glasstls/drbg.h"
#include "glasstls/hmac.h"
#include "glasstls/ct.h"
#include "glasstls/err.h"

#include <string.h>

/* SP 800-90A 10.1, Table 2: SHA-256/384/512 all give a security strength
 * of 256 bits, and the entropy input must carry at least that much. */
#define DRBG_MIN_ENTROPY 32u

typedef struct piece { const uint8_t *p; size_t n; } piece;

/* K = HMAC(K, V || byte || data) */
static void update_key(glass_drbg *d, size_t outlen, uint8_t byte, const piece *data, int ndata)
{
    glass_hmac_ctx h;
    glass_hmac_init(&h, d->hash, d->K, outlen);
    glass_hmac_update(&h, d->V, outlen);
    glass_hmac_update(&h, &byte, 1);
    for (int i = 0; i < ndata; i++)
        glass_hmac_update(&h, data[i].p, data[i].n);
    glass_hmac_final(&h, d->K);
}

/* V = HMAC(K, V) */
static void update_v(glass_drbg *d, size_t outlen)
{
    glass_hmac(d->hash, d->K, outlen, d->V, outlen, d->V);
}

/* 10.1.2.2 HMAC_DRBG_Update(provided_data, Key, V). */
static void drbg_update(glass_drbg *d, const piece *data, int ndata)
{
    size_t outlen = glass_hash_size(d->hash);
    size_t total = 0;

    for (int i = 0; i < ndata; i++)
        total += data[i].n;
    update_key(d, outlen, 0x00, data, ndata);   /* step 1 */
    update_v(d, outlen);                         /* step 2 */
    if (total == 0)                              /* step 3: no provided data */
        return;
    update_key(d, outlen, 0x01, data, ndata);   /* step 4 */
    update_v(d, outlen);                         /* step 5 */
}

static int hash_ok(glass_hash_id id)
{
    return id == GLASS_HASH_SHA256 || id == GLASS_HASH_SHA384 || id == GLASS_HASH_SHA512;
}

int glass_drbg_instantiate(glass_drbg *d, glass_hash_id hash,
                           const uint8_t *entropy, size_t entropy_len,
                           const uint8_t *nonce, size_t nonce_len,
                           const uint8_t *pers, size_t pers_len)
{
    if (d == NULL || (entropy == NULL && entropy_len > 0) ||
        (nonce == NULL && nonce_len > 0) || (pers == NULL && pers_len > 0))
        return GLASS_E_INVALID_ARG;
    memset(d, 0, sizeof *d);
    if (!hash_ok(hash))
        return GLASS_E_HASH_UNSUPPORTED;
    if (entropy_len < DRBG_MIN_ENTROPY)
        return GLASS_E_DRBG_REQUEST;

    size_t outlen = glass_hash_size(hash);
    piece seed[3] = { { entropy, entropy_len }, { nonce, nonce_len }, { pers, pers_len } };

    d->hash = hash;
    memset(d->K, 0x00, outlen);        /* 10.1.2.3 step 2 */
    memset(d->V, 0x01, outlen);        /* step 3 */
    drbg_update(d, seed, 3);           /* steps 1 and 4 */
    d->reseed_counter = 1;             /* step 5 */
    d->instantiated = 1;
    return GLASS_OK;
}

int glass_drbg_instantiate_os(glass_drbg *d, const uint8_t *pers, size_t pers_len)
{
    uint8_t seed[DRBG_MIN_ENTROPY + 16];   /* entropy, then a 16-byte nonce */
    int rc = glass_os_random(seed, sizeof seed);
    if (rc == GLASS_OK)
        rc = glass_drbg_instantiate(d, GLASS_HASH_SHA256, seed, DRBG_MIN_ENTROPY,
                                    seed + DRBG_MIN_ENTROPY, 16, pers, pers_len);
    glass_wipe(seed, sizeof seed);
    return rc;
}

int glass_drbg_reseed(glass_drbg *d, const uint8_t *entropy, size_t entropy_len,
                      const uint8_t *add, size_t add_len)
{
    if (d == NULL || (entropy == NULL && entropy_len > 0) || (add == NULL && add_len > 0))
        return GLASS_E_INVALID_ARG;
    if (!d->instantiated)
        return GLASS_E_STATE;
    if (entropy_len < DRBG_MIN_ENTROPY)
        return GLASS_E_DRBG_REQUEST;

    piece seed[2] = { { entropy, entropy_len }, { add, add_len } };
    drbg_update(d, seed, 2);           /* 10.1.2.4 steps 1-2 */
    d->reseed_counter = 1;             /* step 3 */
    return GLASS_OK;
}

int glass_drbg_generate(glass_drbg *d, uint8_t *out, size_t out_len,
                        const uint8_t *add, size_t add_len)
{
    if (d == NULL || (out == NULL && out_len > 0) || (add == NULL && add_len > 0))
        return GLASS_E_INVALID_ARG;
    if (!d->instantiated)
        return GLASS_E_STATE;
    if (out_len > GLASS_DRBG_MAX_REQUEST)
        return GLASS_E_DRBG_REQUEST;
    /* 10.1.2.5 step 1: a reseed is required. */
    if (d->reseed_counter > GLASS_DRBG_RESEED_INTERVAL)
        return GLASS_E_DRBG_RESEED;

    size_t outlen = glass_hash_size(d->hash);
    piece extra = { add, add_len };

    if (add_len > 0)                   /* step 2 */
        drbg_update(d, &extra, 1);
    while (out_len > 0) {              /* steps 3-4 */
        size_t n = out_len < outlen ? out_len : outlen;
        update_v(d, outlen);
        memcpy(out, d->V, n);
        out += n;
        out_len -= n;
    }
    drbg_update(d, &extra, 1);         /* step 6 (add may be empty: Null) */
    d->reseed_counter++;               /* step 7 */
    return GLASS_OK;
}

void glass_drbg_free(glass_drbg *d)
{
    if (d != NULL)
        glass_wipe(d, sizeof *d);
}

int glass_drbg_rng(void *ctx, uint8_t *out, size_t len)
{
    glass_drbg *d = ctx;
    while (len > 0) {
        size_t n = len < GLASS_DRBG_MAX_REQUEST ? len : GLASS_DRBG_MAX_REQUEST;
        int rc = glass_drbg_generate(d, out, n, NULL, 0);
        if (rc != GLASS_OK)
            return rc;
        out += n;
        len -= n;
    }
    return GLASS_OK;
}
