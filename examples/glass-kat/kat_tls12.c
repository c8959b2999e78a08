/*
 * kat_tls12.c — the TLS 1.2 key schedule against a recorded OpenSSL
 * session: tests/vectors/tls12_openssl_session.rsp (its header says how
 * each value was obtained).
 *
 * Format: "[TLS12 = SHA-256]" (the PRF hash); records ExtendedMasterSecret
 * (yes/no), PreMasterSecret, ClientRandom, ServerRandom,
 * HandshakeToClientKeyExchange, MasterSecret, KeyBlock, ClientFinished,
 * ServerFinished.  Each record gives four vectors:
 *   master secret          RFC 5246 8.1, or RFC 7627 4 with
 *                          session_hash = Hash(HandshakeToClientKeyExchange)
 *   key block              RFC 5246 6.3
 *   client verify_data     RFC 5246 7.4.9 over Hash(HandshakeToClientKeyExchange)
 *   server verify_data     ... over Hash(HandshakeToClientKeyExchange || ClientFinished)
 */
#include <stdlib.h>
#include <string.h>

#include "glasstls/prf.h"
#include "kat_field.h"

static int tls12_detect(const kat_file *f)
{
    return kat_contains(f, "[TLS12 = ") && kat_contains(f, "MasterSecret = ");
}

enum { PMS, CR, SR, HS, MS, KB, CF, SF, NF };
static const char *const names[NF] = {
    "PreMasterSecret", "ClientRandom", "ServerRandom", "HandshakeToClientKeyExchange",
    "MasterSecret", "KeyBlock", "ClientFinished", "ServerFinished",
};

static void tls12_run(const kat_file *f, kat_counts *c)
{
    rsp_reader r;
    rsp_record rec;
    int rc;

    rsp_init(&r, f);
    while ((rc = rsp_next(&r, &rec, c)) == 1) {
        uint8_t *v[NF] = { NULL };
        long n[NF];
        uint8_t ms[GLASS_MASTER_SECRET_SIZE], hash[GLASS_HASH_MAX_SIZE];
        uint8_t vd[GLASS_VERIFY_DATA_SIZE], *kb = NULL;
        const rsp_kv *p = rsp_param(&r, "TLS12");
        const rsp_kv *ems = rsp_field(&rec, "ExtendedMasterSecret", 0);
        glass_hash_id id;
        glass_hash_ctx h;
        int ok;

        if (p == NULL || ems == NULL) {
            kat_fail_format(c, rec.line, "no [TLS12 = ...] or no ExtendedMasterSecret line");
            return;
        }
        if (rsp_eq(p->value, "SHA-256")) id = GLASS_HASH_SHA256;
        else if (rsp_eq(p->value, "SHA-384")) id = GLASS_HASH_SHA384;
        else {
            kat_fail_format(c, p->line, "TLS12 hash must be SHA-256 or SHA-384");
            return;
        }
        if (!rsp_eq(ems->value, "yes") && !rsp_eq(ems->value, "no")) {
            kat_fail_format(c, ems->line, "ExtendedMasterSecret must be yes or no");
            return;
        }
        for (int i = 0; i < NF; i++)
            n[i] = kat_field_hex(&rec, names[i], 0, &v[i], c);
        if (c->error)
            goto done;
        if (n[CR] != GLASS_RANDOM_SIZE || n[SR] != GLASS_RANDOM_SIZE ||
            n[MS] != GLASS_MASTER_SECRET_SIZE || n[CF] != 16 || n[SF] != 16 || n[KB] < 1) {
            kat_fail_format(c, rec.line, "randoms must be 32 bytes, MasterSecret 48, "
                            "each Finished 16 (header + verify_data)");
            goto done;
        }
        kb = malloc((size_t)n[KB]);
        if (kb == NULL) {
            kat_fail_format(c, rec.line, "out of memory");
            goto done;
        }
        /* master secret */
        glass_hash(id, v[HS], (size_t)n[HS], hash);
        if (rsp_eq(ems->value, "yes"))
            ok = glass_extended_master_secret(id, v[PMS], (size_t)n[PMS], hash,
                                              glass_hash_size(id), ms) == 0;
        else
            ok = glass_master_secret(id, v[PMS], (size_t)n[PMS], v[CR], v[SR], ms) == 0;
        kat_result(c, f, rsp_field(&rec, "MasterSecret", 0)->line,
                   ok && memcmp(ms, v[MS], sizeof ms) == 0);
        /* key block, from the recorded master secret */
        ok = glass_key_block(id, v[MS], v[CR], v[SR], kb, (size_t)n[KB]) == 0;
        kat_result(c, f, rsp_field(&rec, "KeyBlock", 0)->line,
                   ok && memcmp(kb, v[KB], (size_t)n[KB]) == 0);
        /* client Finished: hash of the messages before it */
        ok = glass_finished_verify_data(id, v[MS], 1, hash, glass_hash_size(id), vd) == 0;
        kat_result(c, f, rsp_field(&rec, "ClientFinished", 0)->line,
                   ok && memcmp(v[CF], "\x14\x00\x00\x0c", 4) == 0 && memcmp(vd, v[CF] + 4, 12) == 0);
        /* server Finished: the transcript now includes the client Finished */
        glass_hash_init(&h, id);
        glass_hash_update(&h, v[HS], (size_t)n[HS]);
        glass_hash_update(&h, v[CF], (size_t)n[CF]);
        glass_hash_final(&h, hash);
        ok = glass_finished_verify_data(id, v[MS], 0, hash, glass_hash_size(id), vd) == 0;
        kat_result(c, f, rsp_field(&rec, "ServerFinished", 0)->line,
                   ok && memcmp(v[SF], "\x14\x00\x00\x0c", 4) == 0 && memcmp(vd, v[SF] + 4, 12) == 0);
done:
        free(kb);
        for (int i = 0; i < NF; i++)
            free(v[i]);
        if (c->error)
            return;
    }
    if (rc == 0 && c->passed + c->failed == 0)
        kat_fail_format(c, r.line, "no TLS12 session records found");
}

const kat_module kat_tls12 = { "tls12", tls12_detect, tls12_run };
