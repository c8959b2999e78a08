/*
 * glasstls/util.h — generic helpers the library and its programs share:
 * reading a file, and time (seconds since 1970-01-01 UTC) as civil date
 * and as text (lib/common/file.c, lib/common/time.c).
 */
#ifndef GLASSTLS_UTIL_H
#define GLASSTLS_UTIL_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* Reads a whole file into a malloc'ed buffer (the caller free()s *data;
 * NUL-terminated, *len excludes the NUL).  0, GLASS_E_INVALID_ARG (a NULL
 * argument), GLASS_E_FILE (cannot open or read), GLASS_E_NO_MEMORY, or
 * GLASS_E_LIMIT above 64 MiB; on error *data is NULL and *len 0. */
int glass_read_file(const char *path, uint8_t **data, size_t *len);

/* Civil time (proleptic Gregorian, UTC) <-> seconds since the epoch. */
int64_t glass_time_from_civil(int y, int mo, int d, int h, int mi, int s);
void    glass_time_to_civil(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s);

/* "2030-01-01T00:00:00Z" -> seconds: 0, or GLASS_E_INVALID_ARG for
 * anything else (NULL, another layout, February 30, ...). */
int  glass_time_parse(const char *iso, int64_t *t);
/* seconds -> "2030-01-01 00:00:00 UTC" (out: 32 bytes). */
void glass_time_format(int64_t t, char out[32]);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_UTIL_H */
