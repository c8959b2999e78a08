/*
 * check.c — glass-lab check NAME ANSWER [--dir D]
 *
 * Redoes the exercise from its material (never from a stored answer): the
 * right way, and then the way each recognised mistake does it.  Prints
 *
 *   right: ...                        exit 0
 *   wrong: <what went wrong>          exit 1, and when the answer is what a
 *   mistake: <id>                     recognised mistake gives, its id
 *
 * (2 when the material cannot be read or the command line is wrong).
 * Each exercise is a list of candidates { id, sentence, value }: the
 * first is the right answer, the rest are mistakes; the answer is
 * compared with each in turn (constant time: answers are secrets too, in
 * a way), and a mistake that happens to give the right value is skipped.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/drbg.h"
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "glasstls/rsa.h"
#include "glasstls/util.h"
#include "glasstls/x509.h"

#include "glasslab.h"

#define CAND_MAX  16
#define VALUE_MAX 1024

typedef struct cand {
    const char *id;             /* NULL: the right answer */
    const char *why;            /* the sentence */
    uint8_t     v[VALUE_MAX];
    size_t      len;
} cand;

typedef struct cands {
    cand c[CAND_MAX];
    size_t n;
} cands;

static cand *add(cands *cs, const char *id, const char *why)
{
    if (cs->n == CAND_MAX)
        return &cs->c[CAND_MAX - 1];    /* never: the lists are short */
    cand *c = &cs->c[cs->n++];
    c->id = id;
    c->why = why;
    c->len = 0;
    return c;
}

static void wipe_cands(cands *cs)
{
    glass_wipe(cs, sizeof *cs);
}

/* The verdict on a hex answer. */
static int judge(cands *cs, const uint8_t *ans, size_t len, const char *what, const char *then)
{
    const cand *right = &cs->c[0];
    int rc;
    if (len == right->len && glass_ct_equal(ans, right->v, len)) {
        printf("right: that is %s%s.\n", what, then);
        rc = 0;
        goto out;
    }
    for (size_t i = 1; i < cs->n; i++) {
        const cand *m = &cs->c[i];
        if (m->len == right->len && glass_ct_equal(m->v, right->v, m->len))
            continue;                   /* this mistake gives the right value here */
        if (m->len == len && glass_ct_equal(ans, m->v, len)) {
            printf("wrong: %s\nmistake: %s\n", m->why, m->id);
            rc = 1;
            goto out;
        }
    }
    if (len != right->len)
        printf("wrong: %s is %zu bytes; your answer is %zu.\n", what, right->len, len);
    else
        printf("wrong: that is not %s (and not what a mistake glass-lab knows gives).\n", what);
    rc = 1;
out:
    wipe_cands(cs);
    return rc;
}

/* ---- the material ---- */

typedef struct material {
    const char *dir;
    gl_capture cap;
    gl_conn    conn;
    uint8_t    master[48];
} material;

static int load(material *m, const char *name)
{
    char path[4096], ex[64];
    if (gl_param(m->dir, "exercise", ex, sizeof ex) != 0 || strcmp(ex, name) != 0) {
        fprintf(stderr, "glass-lab: %s/exercise.txt is not the exercise %s (glass-lab new %s "
                "--dir %s?)\n", m->dir, name, name, m->dir);
        return -1;
    }
    if (gl_capture_read(&m->cap, gl_path(path, sizeof path, m->dir, "records.txt")) != 0)
        return -1;
    if (gl_conn_read(&m->conn, &m->cap) != 0) {
        gl_capture_free(&m->cap);
        return -1;
    }
    return 0;
}

/* The master secret of master.keylog, checked: it must open the
 * capture's Finished records (whose messages join the transcript). */
static int load_master(material *m)
{
    char path[4096];
    size_t n;
    if (gl_keylog_secret(gl_path(path, sizeof path, m->dir, "master.keylog"), "CLIENT_RANDOM",
                         m->conn.client_random, m->master, sizeof m->master, &n) != 0 || n != 48 ||
        gl_conn_open_handshake(&m->conn, m->master) != 0) {
        fprintf(stderr, "glass-lab: %s does not hold this connection's master secret\n", path);
        return -1;
    }
    return 0;
}

static void prf(const gl_conn *c, const uint8_t *secret, size_t slen, const char *label,
                const uint8_t *s1, size_t l1, const uint8_t *s2, size_t l2, cand *out, size_t n)
{
    glass_tls_prf(c->hash, secret, slen, label, s1, l1, s2, l2, out->v, n);
    out->len = n;
}

/* ---- 1. derive-master (RFC 5246 8.1, RFC 7627 4) ---- */
static int check_derive_master(material *m, const uint8_t *ans, size_t alen)
{
    const gl_conn *c = &m->conn;
    char path[4096];
    uint8_t pms[64], sh[48], sh_bodies[48];
    size_t plen;
    if (gl_keylog_secret(gl_path(path, sizeof path, m->dir, "premaster.keylog"), "PMS_CLIENT_RANDOM",
                         c->client_random, pms, sizeof pms, &plen) != 0) {
        fprintf(stderr, "glass-lab: no premaster for this connection in %s\n", path);
        return 2;
    }
    int cke = gl_find_msg(c, GL_HS_CLIENT_KEY_EXCHANGE, 0);
    if (cke < 0)
        return 2;
    /* the session hash: the messages up to and including ClientKeyExchange */
    size_t hl = gl_transcript_hash(c, (size_t)cke + 1, 0, sh);
    gl_transcript_hash(c, (size_t)cke + 1, GL_TH_BODIES_ONLY, sh_bodies);
    const uint8_t *cr = c->client_random, *sr = c->server_random;
    static cands cs;
    cs.n = 0;
    if (c->ems) {
        prf(c, pms, plen, "extended master secret", sh, hl, NULL, 0, add(&cs, NULL, NULL), 48);
        prf(c, pms, plen, "master secret", sh, hl, NULL, 0,
            add(&cs, "ems-hash-with-master-secret-label",
                "you used the session hash with the label \"master secret\"; with EMS the label "
                "is \"extended master secret\" (RFC 7627 4)."), 48);
        prf(c, pms, plen, "master secret", cr, 32, sr, 32,
            add(&cs, "ems-ignored",
                "both hellos carry extended_master_secret, so the master secret is "
                "PRF(premaster, \"extended master secret\", session_hash) (RFC 7627 4), not the "
                "RFC 5246 8.1 one over the randoms."), 48);
        prf(c, pms, plen, "master secret", sr, 32, cr, 32,
            add(&cs, "ems-ignored-swapped-randoms",
                "this connection uses EMS (RFC 7627 4); and even without it you swapped the "
                "client and server randoms (RFC 5246 8.1: client random first)."), 48);
        prf(c, pms, plen, "extended master secret", cr, 32, sr, 32,
            add(&cs, "ems-label-with-randoms",
                "the label \"extended master secret\" goes with the session hash, not with the "
                "randoms (RFC 7627 4)."), 48);
        prf(c, pms, plen, "extended master secret", sh_bodies, hl, NULL, 0,
            add(&cs, "headers-left-out",
                "you left the handshake headers (type and 3-byte length of each message) out "
                "of the session hash: it covers whole messages (RFC 7627 3, RFC 5246 7.4.9)."), 48);
    } else {
        prf(c, pms, plen, "master secret", cr, 32, sr, 32, add(&cs, NULL, NULL), 48);
        prf(c, pms, plen, "master secret", sr, 32, cr, 32,
            add(&cs, "swapped-randoms",
                "you swapped the client and server randoms: the master secret's seed is "
                "ClientHello.random + ServerHello.random (RFC 5246 8.1); only the key "
                "expansion puts the server's first."), 48);
        prf(c, pms, plen, "extended master secret", sh, hl, NULL, 0,
            add(&cs, "ems-not-negotiated",
                "this connection did not negotiate the extended master secret (look for "
                "extension 23 in both hellos): the master secret is the RFC 5246 8.1 one."), 48);
        prf(c, pms, plen, "master secret", sh, hl, NULL, 0,
            add(&cs, "ems-hash-with-master-secret-label",
                "you used a session hash with the label \"master secret\": without EMS the seed "
                "is the two randoms (RFC 5246 8.1)."), 48);
        prf(c, pms, plen, "extended master secret", cr, 32, sr, 32,
            add(&cs, "ems-label-with-randoms",
                "you used the label \"extended master secret\" with the randoms: this connection "
                "has no EMS, so the label is \"master secret\" (RFC 5246 8.1); and with EMS the "
                "seed would be the session hash (RFC 7627 4)."), 48);
    }
    glass_wipe(pms, sizeof pms);
    return judge(&cs, ans, alen, "the master secret", "");
}

/* ---- 2. verify-finished (RFC 5246 7.4.9) ---- */
static int check_verify_finished(material *m, const uint8_t *ans, size_t alen)
{
    if (load_master(m) != 0)
        return 2;
    const gl_conn *c = &m->conn;
    int cf = gl_find_msg(c, GL_HS_FINISHED, 0);
    if (cf < 0)
        return 2;
    size_t end = (size_t)cf + 1;            /* everything up to the client's Finished, with it */
    uint8_t h[48];
    size_t hl;
    static cands cs;
    cs.n = 0;
    hl = gl_transcript_hash(c, end, 0, h);
    prf(c, m->master, 48, "server finished", h, hl, NULL, 0, add(&cs, NULL, NULL), 12);
    prf(c, m->master, 48, "client finished", h, hl, NULL, 0,
        add(&cs, "wrong-label",
            "you used the label \"client finished\": the server's Finished uses \"server "
            "finished\" (RFC 5246 7.4.9)."), 12);
    hl = gl_transcript_hash(c, end, GL_TH_BODIES_ONLY, h);
    prf(c, m->master, 48, "server finished", h, hl, NULL, 0,
        add(&cs, "headers-left-out",
            "you left the handshake headers out of the hash: handshake_messages are whole "
            "messages, the 4-byte type and length included (RFC 5246 7.4.9)."), 12);
    hl = gl_transcript_hash(c, end, GL_TH_CLIENT_CCS, h);
    prf(c, m->master, 48, "server finished", h, hl, NULL, 0,
        add(&cs, "ccs-hashed",
            "you hashed the client's ChangeCipherSpec: it is a record protocol message of its "
            "own, not a handshake message, and is not in the hash (RFC 5246 7.4.9, 7.1)."), 12);
    hl = gl_transcript_hash(c, end, GL_TH_CLIENT_CCS | GL_TH_SERVER_CCS, h);
    prf(c, m->master, 48, "server finished", h, hl, NULL, 0,
        add(&cs, "ccs-hashed",
            "you hashed the ChangeCipherSpec messages: they are not handshake messages and are "
            "not in the hash (RFC 5246 7.4.9, 7.1)."), 12);
    hl = gl_transcript_hash(c, (size_t)cf, 0, h);
    prf(c, m->master, 48, "server finished", h, hl, NULL, 0,
        add(&cs, "client-finished-left-out",
            "you left the client's Finished out: the server's hash covers every handshake "
            "message before its own Finished, the client's Finished included (RFC 5246 7.4.9)."),
        12);
    prf(c, m->master, 48, "client finished", h, hl, NULL, 0,
        add(&cs, "client-verify-data",
            "that is the client's verify_data (label \"client finished\", hash before the "
            "client's Finished); the question is the server's."), 12);
    return judge(&cs, ans, alen, "the server's verify_data", "");
}

/* ---- 3. open-record N (RFC 5246 6.3, 6.2.3.3; RFC 5288 3) ---- */
static int check_open_record(material *m, const char *answer)
{
    char num[32];
    if (gl_param(m->dir, "record", num, sizeof num) != 0 || load_master(m) != 0)
        return 2;
    const gl_conn *c = &m->conn;
    long n = strtol(num, NULL, 10);
    if (n < 1 || (size_t)n > m->cap.n || !c->encrypted[n - 1])
        return 2;
    size_t i = (size_t)(n - 1);
    const gl_record *r = &m->cap.rec[i];
    int s = r->from_server;
    uint64_t seq = c->seq[i];
    gl_keys k, ks;
    static uint8_t pt[GL_RECORD_MAX];
    static uint8_t ans[GL_RECORD_MAX];
    uint8_t tag[16], aad[13];
    size_t alen;
    if (r->len < 5 + 8 + 16 || r->len - 5 - 8 - 16 > VALUE_MAX ||
        gl_keys_derive(c, m->master, 0, &k) != 0 || gl_keys_derive(c, m->master, 1, &ks) != 0)
        return 2;                       /* exercise records are short */
    static cands cs;
    cs.n = 0;
    int mode = 0;                           /* 0 plaintext, 1 tag:, 2 aad: */
    if (strncmp(answer, "tag:", 4) == 0) mode = 1, answer += 4;
    else if (strncmp(answer, "aad:", 4) == 0) mode = 2, answer += 4;
    if (gl_hex_decode(answer, ans, sizeof ans, &alen) != 0) {
        printf("wrong: give the answer in hex (tag:HEX and aad:HEX for the tag or the "
               "additional data you computed).\n");
        glass_wipe(&k, sizeof k);
        glass_wipe(&ks, sizeof ks);
        return 1;
    }
    size_t plen = r->len - 5 - 8 - 16;
    uint64_t from_start = 0, both = 0;
    for (size_t j = 0; j < i; j++) {
        from_start += m->cap.rec[j].from_server == s;   /* this side's records, all of them */
        both += c->encrypted[j];                         /* encrypted records, both sides */
    }
    struct { const char *id, *why; uint64_t seq; size_t len; } wrong[] = {
        { NULL, NULL, seq, plen },
        { "seq-off-by-one",
          "the sequence number in the additional data is off by one: each direction counts its "
          "own records from 0, and the Finished is record 0 under the new keys (RFC 5246 6.1, "
          "6.2.3.3).", seq + 1, plen },
        { "seq-off-by-one",
          "the sequence number in the additional data is off by one: the Finished is record 0 "
          "of this direction under the new keys, the first application data record is 1 "
          "(RFC 5246 6.1).", seq - 1, plen },
        { "seq-from-wrong-record",
          "you counted the sequence number from the first record of the connection: it starts "
          "at 0 again after this side's ChangeCipherSpec (RFC 5246 6.1).", from_start, plen },
        { "seq-from-wrong-record",
          "you counted the records of both directions: each side keeps its own sequence number "
          "(RFC 5246 6.1).", both, plen },
        { "seq-from-wrong-record",
          "you used the record's place in the capture as its sequence number: each direction "
          "counts from 0 after its ChangeCipherSpec (RFC 5246 6.1).", (uint64_t)(n - 1), plen },
        { "seq-from-wrong-record",
          "you used the record's number in records.txt as its sequence number: each direction "
          "counts from 0 after its ChangeCipherSpec (RFC 5246 6.1).", (uint64_t)n, plen },
        { "aad-length",
          "the length in the additional data is the plaintext's (TLSCompressed.length, RFC 5246 "
          "6.2.3.3), not the record's, which adds the explicit nonce and the tag.",
          seq, plen + 8 + 16 },
    };
    /* the same wrong counts, built into the nonce instead of read from the
     * record: its explicit nonce is the 8 bytes after the header */
    static const char *const nonce_why[] = {
        "you built the nonce from a sequence number one too high: the nonce is the salt and the "
        "8-byte explicit nonce the record carries after its header (RFC 5288 3); here that is "
        "this direction's sequence number, which counts from 0 at the Finished (RFC 5246 6.1).",
        "you built the nonce from a sequence number one too low: the nonce is the salt and the "
        "8-byte explicit nonce the record carries after its header (RFC 5288 3); the Finished "
        "is record 0 of this direction (RFC 5246 6.1).",
        "you built the nonce from a sequence number counted from the first record of the "
        "connection: read the explicit nonce from the record (RFC 5288 3); the count starts "
        "at 0 after this side's ChangeCipherSpec (RFC 5246 6.1).",
        "you built the nonce from a count of both directions' records: read the explicit nonce "
        "from the record (RFC 5288 3); each side counts its own (RFC 5246 6.1).",
        "you built the nonce from the record's place in the capture: read the explicit nonce "
        "from the record (RFC 5288 3).",
        "you built the nonce from the record's number in records.txt: read the explicit nonce "
        "from the record (RFC 5288 3).",
    };
    if (mode == 0) {
        cand *ok = add(&cs, NULL, NULL);
        long len = gl_record_open(c, &k, i, s, seq, SIZE_MAX, ok->v, tag, NULL);
        if (len < 0 || (size_t)len > VALUE_MAX || !glass_ct_equal(tag, r->bytes + r->len - 16, 16))
            return 2;                   /* the material is not self-consistent */
        ok->len = (size_t)len;
        cand *x = add(&cs, "swapped-randoms",
                      "you swapped the client and server randoms in the key expansion: its seed "
                      "is server_random + client_random (RFC 5246 6.3), the other way round "
                      "from the master secret's.");
        x->len = (size_t)gl_record_open(c, &ks, i, s, seq, SIZE_MAX, x->v, tag, NULL);
        x = add(&cs, "other-side-key",
                s ? "record from the server: it is under server_write_key and server_write_IV "
                    "(RFC 5246 6.3), you used the client's."
                  : "record from the client: it is under client_write_key and client_write_IV "
                    "(RFC 5246 6.3), you used the server's.");
        x->len = (size_t)gl_record_open(c, &k, i, !s, seq, SIZE_MAX, x->v, tag, NULL);
        x = add(&cs, "swapped-randoms",
                "you swapped the client and server randoms in the key expansion (RFC 5246 6.3: "
                "server_random first), and then took the other side's key as well.");
        x->len = (size_t)gl_record_open(c, &ks, i, !s, seq, SIZE_MAX, x->v, tag, NULL);
        /* a nonce made from a sequence number counted wrong: garbage out */
        for (size_t w = 1; w < sizeof wrong / sizeof wrong[0] - 1; w++) {
            x = add(&cs, wrong[w].id, nonce_why[w - 1]);
            x->len = (size_t)gl_record_open_nonce(c, &k, i, s, seq, SIZE_MAX, wrong[w].seq, x->v,
                                                  tag, NULL);
        }
        int rc = judge(&cs, ans, alen, "the record's plaintext", "");
        glass_wipe(&k, sizeof k);
        glass_wipe(&ks, sizeof ks);
        return rc;
    }
    /* tag: or aad: — the same record opened with each wrong additional data */
    if (gl_record_open(c, &k, i, s, seq, SIZE_MAX, pt, tag, aad) < 0)
        return 2;
    for (size_t w = 0; w < sizeof wrong / sizeof wrong[0]; w++) {
        cand *x = add(&cs, wrong[w].id, wrong[w].why);
        uint8_t t[16], a[13];
        gl_record_open(c, &k, i, s, wrong[w].seq, wrong[w].len, pt, t, a);
        memcpy(x->v, mode == 1 ? t : a, mode == 1 ? 16 : 13);
        x->len = mode == 1 ? 16 : 13;
    }
    glass_wipe(pt, sizeof pt);
    glass_wipe(&k, sizeof k);
    glass_wipe(&ks, sizeof ks);
    int rc = judge(&cs, ans, alen, mode == 1 ? "the record's tag" : "the record's additional data",
                   mode == 1 ? ": your additional data is right (now give the plaintext)"
                             : " (now give the plaintext)");
    return rc;
}

/* ---- 4. leaked-rsa (RFC 5246 7.4.7.1; RFC 8017 7.2.2) ---- */
static int os_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    return glass_os_random(out, len);
}

static int check_leaked_rsa(material *m, const uint8_t *ans, size_t alen)
{
    const gl_conn *c = &m->conn;
    char path[4096];
    static glass_rsa_private key;
    int cke = gl_find_msg(c, GL_HS_CLIENT_KEY_EXCHANGE, 0);
    if (cke < 0 || glass_x509_key_load_file(&key, gl_path(path, sizeof path, m->dir,
                                                          "leaked-server.key")) != 0) {
        fprintf(stderr, "glass-lab: no ClientKeyExchange, or %s is not an RSA key\n", path);
        return 2;
    }
    const gl_msg *msg = &c->msg[cke];
    size_t k = glass_rsa_size(&key.pub);
    static uint8_t em[1024];
    /* EncryptedPreMasterSecret: a 2-byte length, then the ciphertext */
    if (msg->len < 6 || (size_t)(msg->bytes[4] << 8 | msg->bytes[5]) != msg->len - 6 ||
        msg->len - 6 != k || k > sizeof em ||
        glass_rsa_private_raw(&key, os_rng, NULL, msg->bytes + 6, k, em, k) != 0) {
        glass_rsa_private_free(&key);
        fprintf(stderr, "glass-lab: the ClientKeyExchange does not decrypt with this key\n");
        return 2;
    }
    glass_rsa_private_free(&key);
    /* EM = 00 02 PS 00 M (RFC 8017 7.2.2 step 3); M is the premaster */
    size_t z = 2;
    while (z < k && em[z] != 0)
        z++;
    if (em[0] != 0 || em[1] != 2 || z < 10 || k - z - 1 != 48) {
        fprintf(stderr, "glass-lab: the decrypted ClientKeyExchange is not a padded premaster\n");
        return 2;
    }
    const uint8_t *pms = em + z + 1;
    static cands cs;
    cs.n = 0;
    cand *x = add(&cs, NULL, NULL);
    memcpy(x->v, pms, 48);
    x->len = 48;
    x = add(&cs, "padded-block",
            "that is the whole decrypted block, PKCS #1 padding included (00 02, the random "
            "nonzero bytes, 00): the premaster is the 48 bytes after the 00 (RFC 8017 7.2.2).");
    memcpy(x->v, em, k);
    x->len = k;
    x = add(&cs, "version-left-out",
            "you left out the first two bytes: the premaster is 48 bytes, client_version (03 03) "
            "then 46 random bytes (RFC 5246 7.4.7.1).");
    memcpy(x->v, pms + 2, 46);
    x->len = 46;
    x = add(&cs, "encrypted-premaster",
            "that is the encrypted premaster as it crossed the wire: decrypt it with the leaked "
            "key (RSAES-PKCS1-v1_5, RFC 8017 7.2.2).");
    memcpy(x->v, msg->bytes + 6, k);
    x->len = k;
    uint8_t sh[48];
    size_t hl = gl_transcript_hash(c, (size_t)cke + 1, 0, sh);
    if (c->ems)
        prf(c, pms, 48, "extended master secret", sh, hl, NULL, 0,
            add(&cs, "master-not-premaster",
                "that is the master secret, one step too far: the question is the premaster."),
            48);
    else
        prf(c, pms, 48, "master secret", c->client_random, 32, c->server_random, 32,
            add(&cs, "master-not-premaster",
                "that is the master secret, one step too far: the question is the premaster."),
            48);
    glass_wipe(em, sizeof em);
    return judge(&cs, ans, alen, "the premaster secret", "");
}

/* ---- 5. refused-cert (RFC 5246 7.4.2, 7.2.2; RFC 5280 6; RFC 6125) ---- */

/* "GLASS_E_CERT_EXPIRED", "cert_expired", "expired", "cert-expired" -> the
 * code; 0 when no code has that name. */
static int code_of(const char *answer)
{
    char a[96];
    size_t n = 0;
    for (; *answer && n + 1 < sizeof a; answer++)
        a[n++] = *answer == '-' ? '_' : (char)toupper((unsigned char)*answer);
    a[n] = '\0';
    for (int e = -1; e > -1000; e--) {
        const char *name = glass_err_name(e);
        if (strcmp(name, "GLASS_E_UNKNOWN") == 0)
            continue;
        if (strcmp(a, name) == 0 || strcmp(a, name + 8) == 0 ||
            (strncmp(name, "GLASS_E_CERT_", 13) == 0 && strcmp(a, name + 13) == 0))
            return e;
    }
    return 0;
}

static int check_refused_cert(material *m, const char *answer)
{
    const gl_conn *c = &m->conn;
    char path[4096], host[256], when[64];
    int64_t now;
    if (gl_param(m->dir, "host", host, sizeof host) != 0 ||
        gl_param(m->dir, "time", when, sizeof when) != 0 || glass_time_parse(when, &now) != 0)
        return 2;
    int ci = gl_find_msg(c, GL_HS_CERTIFICATE, 1);
    if (ci < 0)
        return 2;
    const gl_msg *msg = &c->msg[ci];
    glass_x509_cert chain[10];
    size_t n = 0, pos = 7;
    if (msg->len < 7 || ((size_t)msg->bytes[4] << 16 | (size_t)msg->bytes[5] << 8 | msg->bytes[6]) !=
                            msg->len - 7)
        return 2;
    while (pos + 3 <= msg->len && n < 10) {
        size_t l = (size_t)msg->bytes[pos] << 16 | (size_t)msg->bytes[pos + 1] << 8 | msg->bytes[pos + 2];
        pos += 3;
        if (l > msg->len - pos || glass_x509_parse(&chain[n], msg->bytes + pos, l) != 0)
            return 2;
        n++;
        pos += l;
    }
    glass_x509_list trust;
    glass_x509_list_init(&trust);
    if (n == 0 || glass_x509_list_load_file(&trust, gl_path(path, sizeof path, m->dir,
                                                            "client-trust.pem")) != 0)
        return 2;
    glass_x509_verify_detail det;
    int why = glass_x509_verify(chain, n, &trust, host, now, &det);
    glass_x509_list_free(&trust);
    if (why == 0) {
        fprintf(stderr, "glass-lab: this certificate verifies: the material is not a refusal\n");
        return 2;
    }
    int got = code_of(answer);
    if (got == why) {
        printf("right: %s — %s\n%s\n", glass_err_name(why), glass_strerror(why), det.message);
        return 0;
    }
    /* the alert the client sent is in the capture, and several reasons share it */
    int alert = glass_alert_for_error(why);
    char a[64];
    snprintf(a, sizeof a, "%s", answer);
    for (char *p = a; *p; p++)
        *p = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
    if (alert > 0 && strcmp(a, glass_alert_name(alert)) == 0) {
        printf("wrong: %s is the alert the client sent (RFC 5246 7.2.2), which several reasons "
               "share; the question is the reason itself, an error code.\nmistake: alert-not-reason\n",
               glass_alert_name(alert));
        return 1;
    }
    if ((why == GLASS_E_CERT_EXPIRED && got == GLASS_E_CERT_NOT_YET_VALID) ||
        (why == GLASS_E_CERT_NOT_YET_VALID && got == GLASS_E_CERT_EXPIRED)) {
        printf("wrong: compare the client's clock with notBefore and notAfter again: which end of "
               "the validity period did it fall past (RFC 5280 4.1.2.5)?\nmistake: validity-direction\n");
        return 1;
    }
    if (why == GLASS_E_CERT_UNKNOWN_ISSUER && got == GLASS_E_CERT_BAD_SIGNATURE) {
        printf("wrong: the client never got as far as checking a signature: look for the "
               "issuer's name among the certificates it trusts (RFC 5280 6.1).\n"
               "mistake: signature-not-issuer\n");
        return 1;
    }
    if (got == 0)
        printf("wrong: \"%s\" is not a glasstls error code name (include/glasstls/err.h).\n", answer);
    else
        printf("wrong: %s is not why this client refused the certificate.\n", glass_err_name(got));
    return 1;
}

static int usage_check(void)
{
    fprintf(stderr, "usage: glass-lab check NAME ANSWER [--dir D]\n"
                    "  ANSWER: hex (open-record: the plaintext, or tag:HEX, aad:HEX);\n"
                    "          refused-cert: an error code name (GLASS_E_...)\n");
    return 2;
}

int gl_cmd_check(int argc, char **argv)
{
    if (argc < 3)
        return usage_check();
    const char *name = argv[1], *answer = argv[2];
    char dirbuf[256];
    static material m;
    m.dir = NULL;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) m.dir = argv[++i];
        else return usage_check();
    }
    if (m.dir == NULL) {
        snprintf(dirbuf, sizeof dirbuf, "glass-lab-%s", name);
        m.dir = dirbuf;
    }
    int is_hex = strcmp(name, "derive-master") == 0 || strcmp(name, "verify-finished") == 0 ||
                 strcmp(name, "leaked-rsa") == 0;
    if (!is_hex && strcmp(name, "open-record") != 0 && strcmp(name, "refused-cert") != 0)
        return usage_check();
    if (load(&m, name) != 0)
        return 2;
    int rc;
    if (is_hex) {
        static uint8_t ans[VALUE_MAX];
        size_t alen;
        if (gl_hex_decode(answer, ans, sizeof ans, &alen) != 0) {
            printf("wrong: give the answer in hex.\n");
            rc = 1;
        } else if (strcmp(name, "derive-master") == 0) {
            rc = check_derive_master(&m, ans, alen);
        } else if (strcmp(name, "verify-finished") == 0) {
            rc = check_verify_finished(&m, ans, alen);
        } else {
            rc = check_leaked_rsa(&m, ans, alen);
        }
        glass_wipe(ans, sizeof ans);
    } else if (strcmp(name, "open-record") == 0) {
        rc = check_open_record(&m, answer);
    } else {
        rc = check_refused_cert(&m, answer);
    }
    if (rc == 2)
        fprintf(stderr, "glass-lab: the material in %s cannot be checked\n", m.dir);
    glass_wipe(m.master, sizeof m.master);
    gl_conn_free(&m.conn);
    gl_capture_free(&m.cap);
    return rc;
}
