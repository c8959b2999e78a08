/*
 * kat_field.c — see kat_field.h.
 */
#include "kat_field.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long kat_field_hex(const rsp_record *rec, const char *key, size_t nth,
                   uint8_t **out, kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, key, nth);
    *out = NULL;
    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record lacks a '%s' line", key);
        return -1;
    }
    size_t cap = kv->value.n / 2 + 1;
    *out = malloc(cap);
    if (*out == NULL) {
        kat_fail_format(c, kv->line, "out of memory");
        return -1;
    }
    long n = rsp_hex(kv, *out, cap, c);
    if (n < 0) {
        free(*out);
        *out = NULL;
    }
    return n;
}

long kat_field_num(const rsp_record *rec, const char *key, size_t nth, kat_counts *c)
{
    const rsp_kv *kv = rsp_field(rec, key, nth);
    if (kv == NULL) {
        kat_fail_format(c, rec->line, "record lacks a '%s' line", key);
        return -1;
    }
    long v = rsp_num(kv->value);
    if (v < 0)
        kat_fail_format(c, kv->line, "%s: not a decimal number", key);
    return v;
}

long kat_param_num(const rsp_reader *r, const char *key, unsigned long line, kat_counts *c)
{
    const rsp_kv *kv = rsp_param(r, key);
    if (kv == NULL) {
        kat_fail_format(c, line, "no [%s = ...] parameter before this record", key);
        return -1;
    }
    long v = rsp_num(kv->value);
    if (v < 0)
        kat_fail_format(c, kv->line, "[%s]: not a decimal number", key);
    return v;
}

void kat_note(kat_counts *c, const char *fmt, ...)
{
    size_t used = strlen(c->note);
    va_list ap;
    if (used + 3 >= sizeof c->note)
        return;
    if (used > 0) {
        memcpy(c->note + used, "; ", 3);
        used += 2;
    }
    va_start(ap, fmt);
    vsnprintf(c->note + used, sizeof c->note - used, fmt, ap);
    va_end(ap);
}
