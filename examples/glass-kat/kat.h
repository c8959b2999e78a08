/*
 * kat.h — glass-kat's shared pieces: the file, the counters, the CAVP
 * ".rsp" reader and the table of known-answer modules.
 *
 * A module recognises a file from its content (detect) and runs every
 * vector in it (run), counting passed, failed and skipped vectors.  Add a
 * module: write kat_<name>.c with a `const kat_module kat_<name>` and list
 * it in kat_modules[] in kat_modules.c.
 */
#ifndef GLASS_KAT_H
#define GLASS_KAT_H

#include <stddef.h>
#include <stdint.h>

typedef struct kat_file {
    const char *path;
    const char *name;      /* base name, for messages */
    const char *data;      /* whole file, NUL-terminated */
    size_t      len;
} kat_file;

typedef struct kat_counts {
    unsigned long passed, failed, skipped;
    int  error;            /* 1 when the file could not be understood */
    char errmsg[256];      /* "line N: what is wrong" */
    char note[256];        /* optional, printed after the counts (e.g. skipped sections) */
} kat_counts;

typedef struct kat_module {
    const char *name;
    /* 1 when this module understands the file (look at content, not just name) */
    int  (*detect)(const kat_file *f);
    /* runs every vector; on a format error sets c->error and c->errmsg */
    void (*run)(const kat_file *f, kat_counts *c);
} kat_module;

/* Sets c->error with a printf-style message prefixed by "line N: ". */
void kat_fail_format(kat_counts *c, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records one vector's result; prints a diagnostic line for a failure
 * when verbose (GLASS_KAT_VERBOSE=1). */
void kat_result(kat_counts *c, const kat_file *f, unsigned long line, int ok);

/* 1 when the file contains the string s (anywhere). */
int kat_contains(const kat_file *f, const char *s);

/* Decodes hex (upper or lower case, even length, no spaces) into out.
 * Returns the byte count, or -1 when not hex or longer than cap. */
long kat_hex(const char *s, size_t slen, uint8_t *out, size_t cap);

/* ---- CAVP .rsp reader ----
 * Lines are "# comment", "[Name = value]" or "[Name]" (parameters of the
 * following records), "Key = value" (fields of a record; records are
 * separated by blank lines) or a bare word (e.g. "FAIL"), which becomes a
 * field with an empty value.  CRLF and LF are both accepted.  Nothing is
 * copied: names and values point into the file. */

#define RSP_MAX_FIELDS 24
#define RSP_MAX_PARAMS 16

typedef struct rsp_str { const char *p; size_t n; } rsp_str;
typedef struct rsp_kv  { rsp_str key, value; unsigned long line; } rsp_kv;

typedef struct rsp_reader {
    const kat_file *f;
    size_t pos;
    unsigned long line;       /* current line number (1-based) */
    rsp_kv params[RSP_MAX_PARAMS];
    size_t nparams;
    int    params_changed;    /* set when a new [..] group started before this record */
} rsp_reader;

typedef struct rsp_record {
    rsp_kv fields[RSP_MAX_FIELDS];
    size_t nfields;
    unsigned long line;       /* line of the first field */
} rsp_record;

void rsp_init(rsp_reader *r, const kat_file *f);
/* 1: a record was read; 0: end of file; -1: malformed (c->error set). */
int  rsp_next(rsp_reader *r, rsp_record *rec, kat_counts *c);
/* The n-th (0-based) field called key, or NULL. */
const rsp_kv *rsp_field(const rsp_record *rec, const char *key, size_t nth);
/* The parameter called key ("[key = value]" or bare "[key]"), or NULL. */
const rsp_kv *rsp_param(const rsp_reader *r, const char *key);
/* String compare helpers. */
int  rsp_eq(rsp_str s, const char *lit);
/* Parses a decimal number; -1 if not a number. */
long rsp_num(rsp_str s);
/* Hex-decodes a field's value: returns the length or -1 (and sets c->error). */
long rsp_hex(const rsp_kv *kv, uint8_t *out, size_t cap, kat_counts *c);

/* ---- skipped records, counted and named per group (kat_pending.c) ----
 * A record is skipped into the group named by its section: the curve
 * ("P-521", before any ",SHA-x"), "binary K-/B-", or "other".  The note
 * then reads "<reason>: N skipped; P-192 75; ...": nothing is dropped
 * silently. */
#define KAT_SKIP_GROUPS 16
typedef struct kat_skips {
    struct { char name[24]; unsigned long n; } groups[KAT_SKIP_GROUPS];
    size_t ngroups;
} kat_skips;
void kat_skips_init(kat_skips *s);
void kat_skip_record(kat_skips *s, const rsp_reader *r, kat_counts *c);
void kat_skip_note(const kat_skips *s, kat_counts *c, const char *reason);

/* ---- the modules (one file each: kat_<name>.c), listed in main.c ---- */
extern const kat_module kat_sha, kat_hmac, kat_drbg, kat_prf, kat_tls12;
extern const kat_module kat_aes, kat_gcm, kat_rsa, kat_x25519, kat_ec, kat_pending;

/* All of them, in the order detect() is tried; NULL-terminated
 * (kat_modules.c). */
extern const kat_module *const kat_modules[];

#endif /* GLASS_KAT_H */
