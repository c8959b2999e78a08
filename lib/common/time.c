/*
 * time.c — time as glasstls counts it: seconds since 1970-01-01 00:00:00
 * UTC (int64_t, no leap seconds), to and from the civil calendar and as
 * text.  Certificates' validity (lib/x509), the trace and the programs use
 * it.
 */
#include "glasstls/util.h"

#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"

/* Days since 1970-01-01 of a proleptic Gregorian date: count from March 1
 * of year 0 in 400-year eras (146097 days each), so February is the last
 * month of the counting year and leap days fall at its end. */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                          /* 0..399 */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* 0..146096 */
    return era * 146097 + doe - 719468;                   /* 719468: 0000-03-01 to 1970-01-01 */
}

int64_t glass_time_from_civil(int y, int mo, int d, int h, int mi, int s)
{
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

void glass_time_to_civil(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    *h = (int)(secs / 3600);
    *mi = (int)(secs / 60 % 60);
    *s = (int)(secs % 60);
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
}

/* ---- as text ---- */

int glass_time_parse(const char *s, int64_t *t)
{
    int y, mo, d, h, mi, sec;
    char z = 0, end = 0;
    if (s == NULL || t == NULL)
        return GLASS_E_INVALID_ARG;
    if (strlen(s) != 20 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &y, &mo, &d, &h, &mi, &sec, &z, &end) != 7 ||
        z != 'Z' || y < 1950 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
        h > 23 || mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0)
        return GLASS_E_INVALID_ARG;
    for (int i = 0; i < 20; i++) {             /* digits where digits belong */
        int digit = !(i == 4 || i == 7 || i == 10 || i == 13 || i == 16 || i == 19);
        if (digit && (s[i] < '0' || s[i] > '9'))
            return GLASS_E_INVALID_ARG;
    }
    int64_t v = glass_time_from_civil(y, mo, d, h, mi, sec);
    int cy, cmo, cd, ch, cmi, cs;
    glass_time_to_civil(v, &cy, &cmo, &cd, &ch, &cmi, &cs);
    if (cd != d || cmo != mo)                  /* e.g. February 30 */
        return GLASS_E_INVALID_ARG;
    *t = v;
    return 0;
}

void glass_time_format(int64_t t, char out[32])
{
    int y, mo, d, h, mi, s;
    glass_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d UTC", y % 100000, mo, d, h, mi, s);
}
