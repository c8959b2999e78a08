/*
 * keyschedule.c — from the premaster secret to the record keys, and the
 * Finished verify_data, for the handshake (the PRF itself is lib/keys).
 *
 *   premaster --PRF "master secret", client_random + server_random------>
 *             master secret (48 bytes)                  RFC 5246 section 8.1
 *   or, when both sides offered extended_master_secret:
 *   premaster --PRF "extended master secret", Hash(handshake up to and
 *             including ClientKeyExchange)-------------> master secret
 *                                                         RFC 7627 section 4
 *   master --PRF "key expansion", server_random + client_random-------->
 *             key block = client_write_key | server_write_key |
 *                         client_write_IV (4) | server_write_IV (4)
 *                         (no MAC keys for AEAD suites)  RFC 5246 6.3, RFC 5288 3
 *   an abbreviated handshake (a session resumed) starts at the key block,
 *   with the session's master secret and the new randoms: new keys.
 *   Finished: PRF(master, "client finished" / "server finished",
 *             Hash(handshake messages))[0..11]         RFC 5246 section 7.4.9
 */
#include "handshake/hs_internal.h"

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/prf.h"
#include "glasstls/x25519.h"

int glass_hs_x25519_keypair(glass_hs *hs)
{
    int err = glass_x25519_keypair(hs->x25519_pub, hs->x25519_priv, hs->env.rng, hs->env.rng_ctx);
    if (err == 0 && hs->env.cfg->trace != NULL)     /* glasstls/trace.h */
        glass_hs_observe_secret(hs, GLASS_SECRET_X25519_PRIVATE, hs->x25519_priv,
                                sizeof hs->x25519_priv);
    return err;
}

int glass_hs_derive_keys(glass_hs *hs)
{
    const glass_suite_info *s = hs->suite;
    uint8_t session_hash[GLASS_HASH_MAX_SIZE];
    int err;

    if (hs->ems) {
        int n = glass_transcript_hash(&hs->transcript, s->prf_hash, session_hash);
        if (n < 0)
            return n;
        err = glass_extended_master_secret(s->prf_hash, hs->premaster, hs->premaster_len,
                                           session_hash, (size_t)n, hs->master);
    } else {
        err = glass_master_secret(s->prf_hash, hs->premaster, hs->premaster_len,
                                  hs->client_random, hs->server_random, hs->master);
    }
    if (err == 0 && hs->env.cfg->trace != NULL) {          /* glasstls/trace.h */
        glass_hs_observe_secret(hs, GLASS_SECRET_PREMASTER, hs->premaster, hs->premaster_len);
        if (hs->ems)
            glass_hs_observe_secret(hs, GLASS_SECRET_SESSION_HASH, session_hash,
                                    glass_hash_size(s->prf_hash));
        glass_hs_observe_secret(hs, GLASS_SECRET_MASTER, hs->master, sizeof hs->master);
    }
    glass_wipe(hs->premaster, sizeof hs->premaster);
    if (err != 0)
        return err;
    return glass_hs_derive_record_keys(hs);
}

int glass_hs_derive_record_keys(glass_hs *hs)
{
    const glass_suite_info *s = hs->suite;
    uint8_t block[2 * 32 + 2 * 4];
    int err;
    /* resumed: the session's master secret, told to the trace (and the
     * key log) as a full handshake tells its own */
    if (hs->resumed && hs->env.cfg->trace != NULL)
        glass_hs_observe_secret(hs, GLASS_SECRET_MASTER, hs->master, sizeof hs->master);

    size_t k = s->key_len, iv = s->fixed_iv_len;
    size_t need = 2 * k + 2 * iv;
    err = glass_key_block(s->prf_hash, hs->master, hs->client_random, hs->server_random,
                          block, need);
    if (err == 0) {
        const uint8_t *client_key = block, *server_key = block + k;
        const uint8_t *client_iv = block + 2 * k, *server_iv = block + 2 * k + iv;
        if (hs->env.cfg->trace != NULL) {
            glass_hs_observe_secret(hs, GLASS_SECRET_CLIENT_WRITE_KEY, client_key, k);
            glass_hs_observe_secret(hs, GLASS_SECRET_SERVER_WRITE_KEY, server_key, k);
            glass_hs_observe_secret(hs, GLASS_SECRET_CLIENT_WRITE_IV, client_iv, iv);
            glass_hs_observe_secret(hs, GLASS_SECRET_SERVER_WRITE_IV, server_iv, iv);
        }
        /* our write side uses our role's keys, the read side the peer's */
        err = glass_record_set_keys(hs->env.rec, GLASS_DIR_WRITE,
                                    hs->is_server ? server_key : client_key, k,
                                    hs->is_server ? server_iv : client_iv);
        if (err == 0)
            err = glass_record_set_keys(hs->env.rec, GLASS_DIR_READ,
                                        hs->is_server ? client_key : server_key, k,
                                        hs->is_server ? client_iv : server_iv);
    }
    glass_wipe(block, sizeof block);
    return err;
}

int glass_hs_finished_compute(glass_hs *hs, int from_client, const uint8_t *hash,
                              uint8_t out[GLASS_VERIFY_DATA_SIZE])
{
    glass_hash_id h = hs->suite->prf_hash;
    if (hs->env.cfg->trace != NULL) {      /* the hash this Finished covers */
        hs->secret_sent = from_client != hs->is_server;
        hs->secret_finished_server = !from_client;
        glass_hs_observe_secret(hs, GLASS_SECRET_FINISHED_HASH, hash, glass_hash_size(h));
        hs->secret_sent = hs->secret_finished_server = 0;
    }
    return glass_finished_verify_data(h, hs->master, from_client, hash, glass_hash_size(h),
                                      out);
}

int glass_hs_finished_check(glass_hs *hs, const uint8_t got[GLASS_VERIFY_DATA_SIZE])
{
    uint8_t want[GLASS_VERIFY_DATA_SIZE];
    /* the peer's Finished: "client finished" when we are the server */
    int err = glass_hs_finished_compute(hs, hs->is_server, hs->finished_hash, want);
    if (err == 0) {
        /* the verdict as a mask, no branch on it here: the caller's
         * alert is where it becomes public (make ctcheck, ct_tls.c) */
        uint32_t same = (uint32_t)0 - (uint32_t)glass_ct_equal(want, got, sizeof want);
        err = (int)glass_ct_select32(same, 0, (uint32_t)GLASS_E_BAD_FINISHED);
    }
    glass_wipe(want, sizeof want);
    return err;
}
