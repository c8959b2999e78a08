/*
 * tracer.c — the glass_tracer observer (glasstls/trace.h): hands each
 * event to the text and Mermaid renderers and writes the NSS key log.
 *
 * Order of output.  A step emits its events in the order the code does
 * the work: the certificate checks and the derived secrets of a receiving
 * step come from inside the handler, before the "message parsed" event,
 * and the record of a message being sent is sealed before the "message
 * sent" event.  A reader expects the message first ("Server -> Client:
 * Certificate", then "Client: verify ..."), so that output is held
 * (deferred) and written right after the side's message line; any other
 * event writes it out first.
 *
 * The NSS key log format (one line per connection):
 *   CLIENT_RANDOM <32-byte client random, hex> <48-byte master secret, hex>
 * as read by Wireshark's "(Pre)-Master-Secret log filename" (tls.keylog_file).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "glasstls/err.h"
#include "render/render.h"

#define DEFER_TEXT (128u * 1024u)
#define DEFER_MMD  (16u * 1024u)

int glass_tracer_new(glass_tracer **out)
{
    if (out == NULL)
        return GLASS_E_INVALID_ARG;
    *out = NULL;
    glass_tracer *t = calloc(1, sizeof *t);
    if (t == NULL)
        return GLASS_E_NO_MEMORY;
    t->dtext.buf = malloc(DEFER_TEXT);
    t->dmmd.buf = malloc(DEFER_MMD);
    if (t->dtext.buf == NULL || t->dmmd.buf == NULL) {
        glass_tracer_free(t);
        return GLASS_E_NO_MEMORY;
    }
    t->dtext.cap = DEFER_TEXT;
    t->dmmd.cap = DEFER_MMD;
    *out = t;
    return GLASS_OK;
}

void glass_tracer_text(glass_tracer *t, FILE *out, int level, int color)
{
    t->text = level > 0 ? out : NULL;
    t->level = level < 0 ? 0 : level > 3 ? 3 : level;
    t->color = color < 0 ? (out != NULL && isatty(fileno(out))) : color;
    if (t->text != NULL && t->level >= 3)
        fprintf(t->text, "%sWARNING: trace level 3 prints the secrets and keys of this "
                "connection.%s\n", glass_render_col(t, GLASS_COL_WARN), glass_render_col(t, GLASS_COL_RESET));
}

int glass_tracer_mermaid(glass_tracer *t, const char *path)
{
    if (t == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    t->mermaid = fopen(path, "w");
    if (t->mermaid == NULL)
        return GLASS_E_FILE;
    /* The client checks the chain against CA certificates it already holds:
     * the "CA" participant is that local trust store, not a network peer. */
    fputs("sequenceDiagram\n"
          "    participant Client\n"
          "    participant Server\n"
          "    participant CA as Trusted CA certificates (held by the client)\n", t->mermaid);
    return 0;
}

int glass_tracer_keylog(glass_tracer *t, const char *path)
{
    if (t == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    t->keylog = fopen(path, "a");
    return t->keylog != NULL ? 0 : GLASS_E_FILE;
}

int glass_tracer_dump_dir(glass_tracer *t, const char *dir)
{
    if (t == NULL || dir == NULL)
        return GLASS_E_INVALID_ARG;
    glass_dump_free(t);
    return glass_dump_open(t, dir);
}

int glass_tracer_recipes(glass_tracer *t, const char *server_key)
{
    if (t == NULL)
        return GLASS_E_INVALID_ARG;
    return glass_recipes_open(t, server_key);
}

int glass_tracer_html(glass_tracer *t, const char *path, int show_secrets)
{
    if (t == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    if (t->html == NULL) {
        int rc = glass_html_new(&t->html, 0, show_secrets);
        if (rc != 0)
            return rc;
    }
    t->html_file = fopen(path, "w");
    return t->html_file != NULL ? 0 : GLASS_E_FILE;
}

static void defer_put(glass_defer *d, FILE *f, const char *s, size_t n)
{
    if (d->len + n > d->cap) {             /* full: write out what waits */
        fwrite(d->buf, 1, d->len, f);
        d->len = 0;
        if (n > d->cap) {
            fwrite(s, 1, n, f);
            return;
        }
    }
    memcpy(d->buf + d->len, s, n);
    d->len += n;
}

static void vout(glass_tracer *t, FILE *f, glass_defer *d, const char *fmt, va_list ap)
{
    if (f == NULL)
        return;
    if (!t->deferring) {
        vfprintf(f, fmt, ap);
        return;
    }
    char line[4096];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    if (n > 0)
        defer_put(d, f, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void glass_render_text(glass_tracer *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(t, t->text, &t->dtext, fmt, ap);
    va_end(ap);
}

void glass_render_mmd(glass_tracer *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vout(t, t->mermaid, &t->dmmd, fmt, ap);
    va_end(ap);
}

static void flush_deferred(glass_tracer *t)
{
    if (t->text != NULL && t->dtext.len)
        fwrite(t->dtext.buf, 1, t->dtext.len, t->text);
    if (t->mermaid != NULL && t->dmmd.len)
        fwrite(t->dmmd.buf, 1, t->dmmd.len, t->mermaid);
    t->dtext.len = t->dmmd.len = 0;
    glass_dump_flush(t);                   /* the records that waited for their message */
}

static void keylog(glass_tracer *t, const glass_trace_event *ev)
{
    /* one line per connection, even when both of its sides are observed */
    if (t->keylog_done && memcmp(t->keylog_random, ev->client_random, 32) == 0)
        return;
    char r[65], m[97];
    glass_render_hex(ev->client_random, 32, r);
    glass_render_hex(ev->data, ev->len < 48 ? ev->len : 48, m);
    fprintf(t->keylog, "CLIENT_RANDOM %s %s\n", r, m);
    fflush(t->keylog);
    memcpy(t->keylog_random, ev->client_random, 32);
    t->keylog_done = 1;
}

static void render(glass_tracer *t, const glass_trace_event *ev)
{
    glass_render_text_event(t, ev);
    glass_dump_event(t, ev);
    glass_recipes_event(t, ev);            /* after the dump: it names the files */
    glass_render_mermaid_event(t, ev);
}

void glass_tracer_observe(void *ctx, const glass_trace_event *ev)
{
    glass_tracer *t = ctx;
    int side = ev->is_server ? 1 : 0;
    if (t->html != NULL)
        glass_html_observe(t->html, ev);
    t->seen |= 1u << side;
    if (ev->kind == GLASS_TRACE_SECRET && ev->secret == GLASS_SECRET_MASTER && t->keylog)
        keylog(t, ev);
    if (ev->kind == GLASS_TRACE_STATE) {
        t->step_recv[side] = !ev->we_send;
        t->sending[side] = ev->we_send;
    }
    /* held: checks and secrets inside a receiving step; the records of a
     * message being sent (sealed before the step reports the message) */
    int hold = 0;
    if (ev->kind == GLASS_TRACE_CERT || ev->kind == GLASS_TRACE_SECRET)
        hold = t->step_recv[side];
    if (ev->kind == GLASS_TRACE_SECRET && ev->secret == GLASS_SECRET_X25519_PRIVATE)
        hold |= t->sending[side];          /* after the message that carries its public key */
    else if (ev->kind == GLASS_TRACE_RECORD)
        hold = t->sending[side];
    if (hold) {
        t->deferring = 1;
        render(t, ev);
        t->deferring = 0;
        return;
    }
    if (ev->kind == GLASS_TRACE_MESSAGE) {
        render(t, ev);                     /* the message, then what was held */
        flush_deferred(t);
        t->sending[side] = 0;
    } else {
        flush_deferred(t);
        render(t, ev);
    }
    if (t->text != NULL)
        fflush(t->text);
}

void glass_tracer_free(glass_tracer *t)
{
    if (t == NULL)
        return;
    flush_deferred(t);
    if (t->mermaid != NULL)
        fclose(t->mermaid);
    if (t->keylog != NULL)
        fclose(t->keylog);
    if (t->html_file != NULL) {
        glass_html_write(t->html, t->html_file, NULL);
        fclose(t->html_file);
    }
    glass_html_free(t->html);
    if (t->text != NULL)
        fflush(t->text);
    glass_dump_free(t);
    glass_recipes_free(t);
    free(t->dtext.buf);
    free(t->dmmd.buf);
    free(t);
}
