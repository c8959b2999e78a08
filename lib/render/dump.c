/*
 * dump.c — --dump-dir DIR: every handshake message and every record of a
 * traced connection as a file a student can open (xxd, openssl, a hex
 * editor), numbered in the order they happened:
 *
 *   01-client-ClientHello.bin        the message, 4-byte header included
 *   02-record-client-handshake.bin   the record as sent: 5-byte header,
 *                                    then the plaintext, or explicit nonce
 *                                    | ciphertext | tag under AES-GCM
 *   05-server-Certificate.bin        ... and beside it each certificate:
 *   05-server-Certificate-0.der      the leaf, DER (openssl x509 -inform DER)
 *
 * A message is written once, like the text trace draws it: by the side
 * that sends it, or on receipt when the sender is not observed.  Records
 * are written as sealed by each observed side; a record opened from an
 * unobserved peer is written as received when the event carries the wire
 * bytes (ev->record), else as its plaintext ("...-plaintext.bin").
 * ChangeCipherSpec is not a handshake message (RFC 5246 7.1): it is
 * written ("-ChangeCipherSpec.bin", its one byte) but is no part of the
 * transcript the Finished and session hashes cover (d->hs).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "glasstls/err.h"
#include "glasstls/record.h"
#include "render/render.h"

#define PEND_CAP (64u * 1024u)

int glass_dump_open(glass_tracer *t, const char *dir)
{
    if (t == NULL || dir == NULL || strlen(dir) >= sizeof t->dump->dir - GLASS_DUMP_NAME)
        return GLASS_E_INVALID_ARG;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return GLASS_E_FILE;
    glass_dump *d = calloc(1, sizeof *d);
    if (d == NULL || (d->pend = malloc(PEND_CAP)) == NULL) {
        free(d);
        return GLASS_E_NO_MEMORY;
    }
    snprintf(d->dir, sizeof d->dir, "%s", dir);
    t->dump = d;
    return 0;
}

void glass_dump_free(glass_tracer *t)
{
    if (t->dump == NULL)
        return;
    free(t->dump->pend);
    free(t->dump);
    t->dump = NULL;
}

static void write_file(glass_dump *d, const char *name, const uint8_t *p, size_t n)
{
    char path[sizeof d->dir + GLASS_DUMP_NAME + 2];
    snprintf(path, sizeof path, "%s/%s", d->dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return;                      /* the trace goes on without this file */
    if (n)
        fwrite(p, 1, n, f);
    fclose(f);
}

/* "07-server-ServerKeyExchange.bin" into out; the number is the next one. */
static void next_name(glass_dump *d, char out[GLASS_DUMP_NAME], const char *who, const char *what,
                      const char *ext)
{
    if (snprintf(out, GLASS_DUMP_NAME, "%02u-%s-%s%s", ++d->n, who, what, ext) >= GLASS_DUMP_NAME)
        out[0] = '\0';                           /* cannot happen with our names */
}

static uint32_t be24(const uint8_t *p) { return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]; }

/* The certificates of a Certificate message, one DER file each. */
static void certificates(glass_dump *d, const char *base, const uint8_t *p, size_t n, int server)
{
    if (n < 7)
        return;
    size_t off = 7, end = 7 + be24(p + 4);      /* after the header and the list length */
    for (int i = 0; off + 3 <= end && end <= n && i < 10; i++) {
        size_t len = be24(p + off);
        if (off + 3 + len > end)
            break;
        char name[GLASS_DUMP_NAME];
        if (snprintf(name, sizeof name, "%.*s-%d.der", (int)(strlen(base) - 4), base, i) >=
            (int)sizeof name)
            break;
        write_file(d, name, p + off + 3, len);
        if (i == 0 && server)
            memcpy(d->leaf, name, sizeof name);
        off += 3 + len;
    }
}

static void message(glass_tracer *t, const glass_trace_event *ev)
{
    glass_dump *d = t->dump;
    if (!glass_render_draws(t, ev) || ev->data == NULL || ev->msg == NULL)
        return;
    int from_server = ev->sent ? ev->is_server : !ev->is_server;
    int type = ev->msg->type;
    if (type == GLASS_HS_CLIENT_HELLO)
        d->n_hs = 0;                             /* a new handshake (a new transcript) */
    char name[GLASS_DUMP_NAME];
    next_name(d, name, from_server ? "server" : "client", glass_hs_type_name(type), ".bin");
    write_file(d, name, ev->data, ev->len);
    if (type == GLASS_HS_CERTIFICATE)
        certificates(d, name, ev->data, ev->len, from_server);
    if (type != GLASS_HS_CHANGE_CIPHER_SPEC && d->n_hs < GLASS_DUMP_MAX_HS) {
        memcpy(d->hs[d->n_hs], name, sizeof name);
        d->hs_type[d->n_hs++] = type;
    }
}

static void record_file(glass_dump *d, int side, int type, uint64_t seq, int sent,
                        const uint8_t *p, size_t n, int wire)
{
    char what[64];
    snprintf(what, sizeof what, "%s-%s", side ? "server" : "client", glass_content_type_name(type));
    next_name(d, d->last_record, "record", what, wire ? ".bin" : "-plaintext.bin");
    d->last_record_wire = wire;
    write_file(d, d->last_record, p, n);
    if (sent) {
        memcpy(d->sealed[side], d->last_record, GLASS_DUMP_NAME);
        d->sealed_seq[side] = seq;
        d->sealed_type[side] = type;
    }
}

static void record(glass_tracer *t, const glass_trace_event *ev)
{
    glass_dump *d = t->dump;
    const uint8_t *p = ev->record;
    size_t n = ev->record_len;
    int wire = 1;
    if (p == NULL && ev->sent) {                 /* a sealed event's data is the record */
        p = ev->data;
        n = ev->len;
    }
    if (!ev->sent && glass_render_peer_seen(t, ev->is_server))
        return;                                  /* written when its sender sealed it */
    if (p == NULL) {
        p = ev->data;                            /* only the plaintext is known */
        n = ev->len;
        wire = 0;
    }
    if (p == NULL)
        return;
    if (t->deferring && ev->sent && d->n_pend < sizeof d->pend_rec / sizeof d->pend_rec[0] &&
        d->pend_len + n <= PEND_CAP) {
        d->pend_rec[d->n_pend].side = ev->is_server;
        d->pend_rec[d->n_pend].type = ev->content_type;
        d->pend_rec[d->n_pend].seq = ev->seq;
        d->pend_rec[d->n_pend].off = d->pend_len;
        d->pend_rec[d->n_pend++].len = n;
        memcpy(d->pend + d->pend_len, p, n);
        d->pend_len += n;
        return;
    }
    /* named after the side that sent it */
    record_file(d, ev->sent ? ev->is_server : !ev->is_server, ev->content_type, ev->seq, ev->sent,
                p, n, wire);
}

void glass_dump_flush(glass_tracer *t)
{
    glass_dump *d = t->dump;
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n_pend; i++)
        record_file(d, d->pend_rec[i].side, d->pend_rec[i].type, d->pend_rec[i].seq, 1,
                    d->pend + d->pend_rec[i].off, d->pend_rec[i].len, 1);
    d->n_pend = d->pend_len = 0;
}

void glass_dump_event(glass_tracer *t, const glass_trace_event *ev)
{
    if (t->dump == NULL)
        return;
    if (ev->kind == GLASS_TRACE_MESSAGE)
        message(t, ev);
    else if (ev->kind == GLASS_TRACE_RECORD)
        record(t, ev);
}
