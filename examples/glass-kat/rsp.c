/*
 * rsp.c — reader for NIST CAVP response files (and the repo's own vector
 * files, which use the same layout).  See kat.h for the grammar.
 */
#include "kat.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void kat_fail_format(kat_counts *c, unsigned long line, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (c->error)
        return;
    c->error = 1;
    n = snprintf(c->errmsg, sizeof c->errmsg, "line %lu: ", line);
    if (n < 0 || (size_t)n >= sizeof c->errmsg)
        return;
    va_start(ap, fmt);
    vsnprintf(c->errmsg + n, sizeof c->errmsg - (size_t)n, fmt, ap);
    va_end(ap);
}

int kat_contains(const kat_file *f, const char *s)
{
    return strstr(f->data, s) != NULL;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

long kat_hex(const char *s, size_t slen, uint8_t *out, size_t cap)
{
    if (slen % 2 != 0 || slen / 2 > cap)
        return -1;
    for (size_t i = 0; i < slen / 2; i++) {
        int hi = hexval((unsigned char)s[2 * i]);
        int lo = hexval((unsigned char)s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(slen / 2);
}

static rsp_str trim(const char *p, size_t n)
{
    while (n > 0 && isspace((unsigned char)p[0])) { p++; n--; }
    while (n > 0 && isspace((unsigned char)p[n - 1])) n--;
    rsp_str s = { p, n };
    return s;
}

/* Splits "key = value" (value may be empty); bare words have no '='. */
static void split_kv(rsp_str line, rsp_kv *kv, unsigned long lineno)
{
    const char *eq = memchr(line.p, '=', line.n);
    kv->line = lineno;
    if (eq == NULL) {
        kv->key = line;
        kv->value.p = line.p + line.n;
        kv->value.n = 0;
        return;
    }
    kv->key = trim(line.p, (size_t)(eq - line.p));
    kv->value = trim(eq + 1, line.n - (size_t)(eq - line.p) - 1);
}

void rsp_init(rsp_reader *r, const kat_file *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
}

/* Reads one line (without its CR/LF); 0 at end of file. */
static int next_line(rsp_reader *r, rsp_str *out)
{
    const char *d = r->f->data;
    size_t len = r->f->len;
    if (r->pos >= len)
        return 0;
    size_t start = r->pos;
    const char *nl = memchr(d + start, '\n', len - start);
    size_t end = nl ? (size_t)(nl - d) : len;
    r->pos = nl ? end + 1 : len;
    r->line++;
    *out = trim(d + start, end - start);
    return 1;
}

int rsp_next(rsp_reader *r, rsp_record *rec, kat_counts *c)
{
    rsp_str line;
    int in_params = 0;

    memset(rec, 0, sizeof *rec);
    r->params_changed = 0;
    while (next_line(r, &line)) {
        if (line.n == 0) {
            if (rec->nfields > 0)
                return 1;
            continue;
        }
        if (line.p[0] == '#')
            continue;
        if (line.p[0] == '[') {
            if (rec->nfields > 0) {
                kat_fail_format(c, r->line, "a [section] line inside a record");
                return -1;
            }
            if (line.p[line.n - 1] != ']') {
                kat_fail_format(c, r->line, "unterminated [section] line");
                return -1;
            }
            if (!in_params) {          /* a new group of parameters */
                r->nparams = 0;
                in_params = 1;
                r->params_changed = 1;
            }
            if (r->nparams == RSP_MAX_PARAMS) {
                kat_fail_format(c, r->line, "more than %d [section] parameters", RSP_MAX_PARAMS);
                return -1;
            }
            rsp_str inner = trim(line.p + 1, line.n - 2);
            split_kv(inner, &r->params[r->nparams++], r->line);
            continue;
        }
        in_params = 0;
        if (rec->nfields == RSP_MAX_FIELDS) {
            kat_fail_format(c, r->line, "record has more than %d fields", RSP_MAX_FIELDS);
            return -1;
        }
        if (rec->nfields == 0)
            rec->line = r->line;
        split_kv(line, &rec->fields[rec->nfields++], r->line);
    }
    return rec->nfields > 0 ? 1 : 0;
}

int rsp_eq(rsp_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.n == n && memcmp(s.p, lit, n) == 0;
}

long rsp_num(rsp_str s)
{
    long v = 0;
    if (s.n == 0 || s.n > 12)
        return -1;
    for (size_t i = 0; i < s.n; i++) {
        if (!isdigit((unsigned char)s.p[i]))
            return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    return v;
}

const rsp_kv *rsp_field(const rsp_record *rec, const char *key, size_t nth)
{
    for (size_t i = 0; i < rec->nfields; i++)
        if (rsp_eq(rec->fields[i].key, key) && nth-- == 0)
            return &rec->fields[i];
    return NULL;
}

const rsp_kv *rsp_param(const rsp_reader *r, const char *key)
{
    for (size_t i = 0; i < r->nparams; i++)
        if (rsp_eq(r->params[i].key, key))
            return &r->params[i];
    return NULL;
}

long rsp_hex(const rsp_kv *kv, uint8_t *out, size_t cap, kat_counts *c)
{
    long n = kat_hex(kv->value.p, kv->value.n, out, cap);
    if (n < 0)
        kat_fail_format(c, kv->line, "%.*s: not a hex string of at most %zu bytes",
                        (int)kv->key.n, kv->key.p, cap);
    return n;
}
