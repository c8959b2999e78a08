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
        glass_render_text(t, "%sWARNING: trace level 3 prints the secrets and keys of this "
                          "connection.%s\n", glass_render_col(t, GLASS_COL_WARN),
                          glass_render_col(t, GLASS_COL_RESET));
}

void glass_tracer_text_prefix(glass_tracer *t, const char *prefix)
{
    if (t != NULL)
        snprintf(t->prefix, sizeof t->prefix, "%s", prefix != NULL ? prefix : "");
}

int glass_tracer_mermaid(glass_tracer *t, const char *path)
{
    if (t == NULL || path == NULL)
        return GLASS_E_INVALID_ARG;
    t->mermaid = fopen(path, "w");
    if (t->mermaid == NULL)
        return GLASS_E_FILE;
    /* the header is written with the first event (mermaid.c): the lanes
     * depend on which side this tracer observes */
    memset(&t->mmd, 0, sizeof t->mmd);
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

/* Writes s (n bytes) to f, or to the defer buffer d while deferring. */
static void put(glass_tracer *t, FILE *f, glass_defer *d, const char *s, size_t n)
{
    if (t->deferring)
        defer_put(d, f, s, n);
    else
        fwrite(s, 1, n, f);
}

/* Text with a line prefix: the prefix before each line it starts. */
static void put_prefixed(glass_tracer *t, const char *s, size_t n)
{
    size_t plen = strlen(t->prefix);
    while (n > 0) {
        if (!t->midline)
            put(t, t->text, &t->dtext, t->prefix, plen);
        const char *nl = memchr(s, '\n', n);
        size_t k = nl != NULL ? (size_t)(nl - s) + 1 : n;
        put(t, t->text, &t->dtext, s, k);
        t->midline = nl == NULL;
        s += k;
        n -= k;
    }
}

static void vout(glass_tracer *t, FILE *f, glass_defer *d, const char *fmt, va_list ap)
{
    if (f == NULL)
        return;
    int prefixed = f == t->text && t->prefix[0] != '\0';
    if (!t->deferring && !prefixed) {
        vfprintf(f, fmt, ap);
        return;
    }
    char line[4096];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    if (n <= 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (prefixed)
        put_prefixed(t, line, len);
    else
        put(t, f, d, line, len);
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
    if (t->mermaid != NULL) {
        glass_render_mermaid_end(t);
        fclose(t->mermaid);
    }
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
