/*
 * kat_field.h — small helpers shared by the hash-layer kat modules
 * (kat_sha, kat_hmac, kat_drbg, kat_prf, kat_tls12): fetch a record field
 * as hex bytes or a number, with a format error naming the line when it
 * is missing or malformed.
 */
#ifndef GLASS_KAT_FIELD_H
#define GLASS_KAT_FIELD_H

#include "kat.h"

/* Hex-decodes the nth field called key into a new malloc'd buffer (*out,
 * at least 1 byte even for an empty value; free() it).  Returns the byte
 * count, or -1 with c->error set when the field is missing or not hex. */
long kat_field_hex(const rsp_record *rec, const char *key, size_t nth,
                   uint8_t **out, kat_counts *c);

/* The nth field called key as a decimal number, or -1 with c->error set. */
long kat_field_num(const rsp_record *rec, const char *key, size_t nth, kat_counts *c);

/* A "[key = number]" parameter, or -1 with c->error set (line: rec->line). */
long kat_param_num(const rsp_reader *r, const char *key, unsigned long line, kat_counts *c);

/* Appends a note ("SHA-224: 15 skipped (not implemented)") to c->note. */
void kat_note(kat_counts *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* GLASS_KAT_FIELD_H */
