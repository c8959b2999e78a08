/*
 * bytemap.c — level 3 of the text trace: a message or a record byte by
 * byte, like a protocol dissector, from the byte map of its event
 * (glasstls/fields.h) and the field table (fieldtab.c).  One row per field:
 *
 *   offset  bytes (up to 16; the rest on the lines below)  field: value
 *
 * so every byte is shown exactly once, under the name of its field, and
 * the bytes can be read back from the rows (tests/tools/check_golden.py
 * rebuilds each message from them).  A record adds its GCM nonce and
 * additional data and, for application data and alerts, its plaintext.
 */
#include <string.h>
#include "glasstls/record.h"
#include "render/render.h"

#define ROW_BYTES 16

/* "xx xx ..." of n bytes (at most ROW_BYTES); pad: fill the column's
 * width with spaces (a row goes on with the field's name), else stop. */
static void hex_cells(const uint8_t *p, size_t n, int pad, char out[3 * ROW_BYTES + 1])
{
    static const char d[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < (pad ? ROW_BYTES : n); i++) {
        if (i < n) {
            out[o++] = d[p[i] >> 4];
            out[o++] = d[p[i] & 15];
        } else {
            out[o++] = ' ';
            out[o++] = ' ';
        }
        out[o++] = ' ';
    }
    out[o > 0 ? o - 1 : 0] = '\0';
}

static const char *bytes_word(size_t n)
{
    return n == 1 ? "byte" : "bytes";
}

/* One field: its row, then the rest of its bytes ROW_BYTES a line. */
static void field_row(glass_tracer *t, const uint8_t *base, const glass_span *s,
                      const char *note, const glass_span *next)
{
    const glass_field_info *f = glass_field_get(s->field);
    const char *d = glass_render_col(t, GLASS_COL_DETAIL), *r = glass_render_col(t, GLASS_COL_RESET);
    const uint8_t *p = base + s->off;
    char cells[3 * ROW_BYTES + 1], value[200];
    int indent = 2 * s->depth;
    if (s->group || note != NULL) {        /* no bytes of its own, or shown elsewhere */
        char what[64] = "";
        if (s->group && next != NULL && s->field == GLASS_F_EXT && next->field == GLASS_F_EXT_TYPE)
            glass_field_value(next->field, base + next->off, next->len, what, sizeof what);
        if (note == NULL)
            note = what[0] ? what : NULL;
        hex_cells(p, 0, 1, cells);
        glass_render_text(t, "      %s%04lx  %s  %*s%s: (%lu %s%s%s)%s\n", d,
                          (unsigned long)s->off, cells, indent, "", f ? f->name : "?",
                          (unsigned long)s->len, bytes_word(s->len), note ? ": " : "",
                          note ? note : "", r);
        return;
    }
    if (f != NULL && f->kind == GLASS_FK_HEX)
        snprintf(value, sizeof value, "(%lu %s)", (unsigned long)s->len, bytes_word(s->len));
    else
        glass_field_value(s->field, p, s->len, value, sizeof value);
    hex_cells(p, s->len < ROW_BYTES ? s->len : ROW_BYTES, 1, cells);
    glass_render_text(t, "      %s%04lx  %s  %*s%s: %s%s\n", d, (unsigned long)s->off, cells,
                      indent, "", f ? f->name : "?", value, r);
    for (size_t k = ROW_BYTES; k < s->len; k += ROW_BYTES) {
        size_t m = s->len - k < ROW_BYTES ? s->len - k : ROW_BYTES;
        hex_cells(p + k, m, 0, cells);
        glass_render_text(t, "      %s      %s%s\n", d, cells, r);
    }
}

void glass_render_byte_map(glass_tracer *t, const char *what, const uint8_t *data, size_t len,
                           const glass_span *spans, size_t n)
{
    if (spans == NULL || glass_spans_check(spans, n, len) != -1) {
        /* no map (or one that does not add up): the bytes, unlabelled */
        glass_render_text(t, "    %s (%zu bytes):\n", what, len);
        glass_render_hexdump(t, "      ", data, len);
        return;
    }
    glass_render_text(t, "    %s (%zu %s), field by field:\n", what, len, bytes_word(len));
    for (size_t i = 0; i < n; i++)
        field_row(t, data, &spans[i], NULL, i + 1 < n ? &spans[i + 1] : NULL);
}

/* The plaintext of application data and alerts, as a hex dump with its
 * text, or the alert decoded. */
static void plaintext(glass_tracer *t, const glass_trace_event *ev)
{
    const char *d = glass_render_col(t, GLASS_COL_DETAIL), *r = glass_render_col(t, GLASS_COL_RESET);
    if (ev->plaintext == NULL)
        return;
    if (ev->content_type == GLASS_CT_ALERT && ev->plaintext_len == 2) {
        glass_render_text(t, "    %splaintext (2 bytes): %02x %02x = level %s, %s%s\n", d,
                          ev->plaintext[0], ev->plaintext[1],
                          glass_alert_level_name(ev->plaintext[0]),
                          glass_alert_name(ev->plaintext[1]), r);
    } else if (ev->content_type == GLASS_CT_APPLICATION_DATA) {
        glass_render_text(t, "    %splaintext (%zu bytes):%s\n", d, ev->plaintext_len, r);
        glass_render_hexdump(t, "      ", ev->plaintext, ev->plaintext_len);
    } else {
        glass_render_text(t, "    %splaintext (%zu %s): the %s message, field by field %s%s\n",
                          d, ev->plaintext_len, bytes_word(ev->plaintext_len),
                          ev->content_type == GLASS_CT_HANDSHAKE ? "handshake"
                          : glass_content_type_name(ev->content_type),
                          ev->sent ? "above" : "below", r);
    }
}

void glass_render_record_map(glass_tracer *t, const glass_trace_event *ev)
{
    const char *d = glass_render_col(t, GLASS_COL_DETAIL), *r = glass_render_col(t, GLASS_COL_RESET);
    if (ev->record == NULL)
        return;
    glass_render_text(t, "    record %s (%zu %s), field by field:\n",
                      ev->sent ? "as sent" : "as received", ev->record_len,
                      bytes_word(ev->record_len));
    if (ev->spans == NULL || glass_spans_check(ev->spans, ev->n_spans, ev->record_len) != -1) {
        glass_render_hexdump(t, "      ", ev->record, ev->record_len);
    } else {
        for (size_t i = 0; i < ev->n_spans; i++) {
            const glass_span *s = &ev->spans[i];
            /* a fragment in the clear is the message(s) shown field by field */
            const char *note = s->field == GLASS_F_REC_FRAGMENT
                ? (ev->sent ? "the message above" : "the message below") : NULL;
            field_row(t, ev->record, s, note, NULL);
        }
    }
    if (ev->encrypted) {
        char nonce[2 * 12 + 1], aad[2 * 13 + 1];
        int from_server = ev->sent ? ev->is_server : !ev->is_server;
        glass_render_hex(ev->nonce, sizeof ev->nonce, nonce);
        glass_render_hex(ev->aad, sizeof ev->aad, aad);
        glass_render_text(t, "    %sGCM nonce (12 bytes) = %s_write_IV || nonce_explicit: %s%s\n",
                          d, from_server ? "server" : "client", nonce, r);
        glass_render_text(t, "    %sGCM additional data (13 bytes) = seq_num || type || version "
                          "|| length: %s%s\n", d, aad, r);
        plaintext(t, ev);
    } else if (ev->content_type == GLASS_CT_ALERT || ev->content_type == GLASS_CT_APPLICATION_DATA) {
        plaintext(t, ev);
    }
}
