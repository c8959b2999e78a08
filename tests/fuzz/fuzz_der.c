/*
 * fuzz_der.c — the strict DER reader (lib/x509/asn1.c, X.690).
 *
 * Every input goes through glass_der_check() (the whole-encoding walk),
 * then through a recursive walker that reads each element with the typed
 * reader its tag calls for (INTEGER, BOOLEAN, BIT STRING, OID, times, ...)
 * and descends into constructed elements and OCTET STRINGs that wrap DER.
 * Invariants checked: every element returned lies inside the input; a
 * cursor never moves past its end; an OID that reads turns into text.
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/err.h"
#include "x509/asn1.h"

static const uint8_t *g_lo, *g_hi;

static void inside(const uint8_t *p, size_t n)
{
    FUZZ_CHECK(n == 0 || (p >= g_lo && p <= g_hi && n <= (size_t)(g_hi - p)));
}

/* Reads one element with the reader for its tag (on a copy of the cursor,
 * so the generic walk can continue), then steps over it. */
static void typed(const glass_der *d)
{
    glass_der c = *d;
    const uint8_t *v = NULL;
    size_t n = 0;
    unsigned unused = 0;
    glass_der_tlv t;
    char text[128];

    switch (glass_der_peek(d)) {
    case GLASS_DER_INTEGER:
        glass_der_integer(&c, &v, &n);
        inside(v, n);
        c = *d;
        glass_der_uint(&c, &v, &n);
        inside(v, n);
        c = *d;
        (void)glass_der_small_uint(&c);
        break;
    case GLASS_DER_BOOLEAN:
        (void)glass_der_boolean(&c);
        break;
    case GLASS_DER_NULL:
        glass_der_null(&c);
        break;
    case GLASS_DER_BIT_STRING:
        glass_der_bit_string(&c, &v, &n, &unused);
        inside(v, n);
        FUZZ_CHECK(unused <= 7);
        break;
    case GLASS_DER_OID:
        glass_der_oid(&c, &t);
        if (glass_der_ok(&c)) {
            inside(t.val, t.len);
            glass_der_oid_text(t.val, t.len, text, sizeof text);
            FUZZ_CHECK(memchr(text, '\0', sizeof text) != NULL);
            /* and once into a buffer too small for most OIDs */
            glass_der_oid_text(t.val, t.len, text, 4);
            FUZZ_CHECK(memchr(text, '\0', 4) != NULL);
        }
        break;
    case GLASS_DER_UTC_TIME:
    case GLASS_DER_GENERALIZED_TIME: {
        int64_t s = glass_der_time(&c);
        if (glass_der_ok(&c)) {
            int y, mo, da, h, mi, se;
            glass_time_to_civil(s, &y, &mo, &da, &h, &mi, &se);
            /* civil time round trip */
            FUZZ_CHECK(glass_time_from_civil(y, mo, da, h, mi, se) == s);
        }
        break;
    }
    default:
        break;
    }
}

static void walk(glass_der *d, unsigned depth)
{
    while (glass_der_more(d)) {
        glass_der_tlv t;
        size_t before = d->off;
        typed(d);
        if (glass_der_next(d, &t) != 0)
            return;
        FUZZ_CHECK(d->off > before && d->off <= d->len);
        inside(t.tlv, t.tlv_len);
        inside(t.val, t.len);
        if (depth >= GLASS_DER_MAX_DEPTH)
            continue;
        if (t.tag & GLASS_DER_CONSTRUCTED) {
            glass_der sub;
            glass_der_open(d, &t, &sub);
            walk(&sub, depth + 1);
        } else if (t.tag == GLASS_DER_OCTET_STRING || t.tag == GLASS_DER_BIT_STRING) {
            /* extension values wrap DER in OCTET STRINGs */
            glass_der sub;
            glass_der_open(d, &t, &sub);
            if (glass_der_check(sub.buf, sub.len) == 0)
                walk(&sub, depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    glass_der d;

    g_lo = data;
    g_hi = data + size;
    int rc = glass_der_check(data, size);
    FUZZ_CHECK(rc == 0 || rc == GLASS_E_DER);

    glass_der_init(&d, data, size);
    walk(&d, 0);
    FUZZ_CHECK(d.err == 0 || d.err_off <= size);

    /* The structured readers on the top level, as a certificate parse
     * would use them: a SEQUENCE entered, closed, then the end. */
    glass_der_init(&d, data, size);
    glass_der sub;
    glass_der_enter(&d, GLASS_DER_SEQUENCE, &sub);
    walk(&sub, 1);
    glass_der_close(&d, &sub);
    glass_der_end(&d);
    FUZZ_CHECK(d.err == 0 || d.err_off <= size);
    return 0;
}
