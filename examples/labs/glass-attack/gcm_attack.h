/*
 * gcm_attack.h — the pieces of glass-attack gcm-reuse (docs/labs/gcm-reuse.md):
 * the mathematics on captured records (gcm_solve.c) and the relay that
 * captures them and injects the forgery (gcm_relay.c); gcm_reuse.c is the
 * command line.
 */
#ifndef GLASS_LABS_GCM_ATTACK_H
#define GLASS_LABS_GCM_ATTACK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gf128.h"

/* One GCM-sealed record as the attacker sees it on the wire. */
typedef struct gcm_rec {
    uint8_t type;                     /* TLS content type; 0 outside TLS */
    uint64_t seq;                     /* its TLS sequence number */
    uint8_t nonce[12];                /* TLS: only the 8 explicit bytes are seen */
    size_t nonce_len;
    uint8_t aad[64];                  /* TLS: seq || type || version || length */
    size_t aad_len;
    uint8_t *ct;                      /* owned (malloc) */
    size_t ct_len;
    uint8_t tag[16];
    uint8_t *pt;                      /* known plaintext, or NULL; owned */
    size_t pt_len;                    /* <= ct_len */
} gcm_rec;

/* What gcm_solve() found. */
typedef struct gcm_solution {
    size_t nrec;                      /* records looked at */
    size_t distinct;                  /* distinct nonces among them */
    size_t group;                     /* records under the most-used nonce */
    size_t a, b;                      /* the two records of the equation */
    int degree;                       /* of the polynomial in H */
    int ncand;                        /* its roots */
    int nsurv;                        /* roots that every other record's tag confirms */
    int solved;                       /* 1: one H, confirmed (or the only root) */
    gf128 h;                          /* the H used for forging */
    gf128 ekj0;                       /* E_K(J0) = T_a + GHASH_H(A_a, C_a) */
    int have_guess;                   /* h/ekj0 hold something (maybe wrong) */
} gcm_solution;

void gcm_hex(FILE *out, const uint8_t *p, size_t n);
/* hex -> bytes; the length, or -1 */
long gcm_unhex(const char *s, uint8_t *out, size_t cap);
/* The TLS AAD: seq_num (8) || type (1) || version (2) || length (2) */
void gcm_tls_aad(uint8_t aad[13], uint64_t seq, uint8_t type, uint16_t version, size_t len);

/* The attack on recs[n], explained on out.  force: when no nonce repeats,
 * still pair two records (the equation is then meaningless, which is the
 * point of running it against the normal library).  0 when H was found and
 * confirmed, 1 when not (sol says how far it got). */
int gcm_solve(gcm_rec *recs, size_t n, int force, FILE *out, gcm_solution *sol);

/* A record with chosen plaintext pt[len] and additional data aad: the
 * keystream of a record with a known plaintext of at least len bytes, the
 * tag from sol.  Writes ct[len] and tag, and the nonce to send it under.
 * -1 when no known keystream is long enough or there is no guess at all. */
int gcm_forge(const gcm_solution *sol, const gcm_rec *recs, size_t n, const uint8_t *aad,
              size_t aad_len, const uint8_t *pt, size_t len, uint8_t *ct, uint8_t tag[16],
              uint8_t nonce[12], size_t *nonce_len, FILE *out);

/* The relay (gcm_relay.c): see gcm_reuse.c's usage. */
typedef struct gcm_relay_opts {
    const char *listen, *connect;
    const uint8_t *known;             /* the application data the server will send */
    size_t known_len;
    const uint8_t *forge;             /* what the client should read instead */
    size_t forge_len;
    int force;
    int timeout;                      /* seconds, for the whole run */
} gcm_relay_opts;
int gcm_relay(const gcm_relay_opts *o);

#endif
