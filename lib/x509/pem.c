/*
 * pem.c — PEM blocks (RFC 7468) and strict base64 (RFC 4648 section 4).
 *
 * A block is found by its "-----BEGIN label-----" line; its END line must
 * carry the same label (RFC 7468 section 2).  Text outside blocks is
 * skipped, as CA bundles put comments there.  Legacy RFC 1421 headers
 * ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") before the base64 are noted
 * so an encrypted key can be reported as such.
 */
#include "glasstls/x509.h"

#include <string.h>
#include "glasstls/err.h"

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";
static const char DASHES[] = "-----";

/* Bounds of the line starting at pos: [pos, *eol) without the CR/LF; *next
 * is the start of the following line. */
static void line_at(const char *t, size_t len, size_t pos, size_t *eol, size_t *next)
{
    size_t e = pos;
    while (e < len && t[e] != '\n')
        e++;
    *next = e < len ? e + 1 : e;
    if (e > pos && t[e - 1] == '\r')
        e--;
    *eol = e;
}

static int starts_with(const char *t, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(t, prefix, k) == 0;
}

static int contains(const char *t, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(t + i, word, k) == 0)
            return 1;
    return 0;
}

/* "<prefix>label-----" with trailing spaces allowed; copies the label. */
static int marker(const char *t, size_t n, const char *prefix, char *label, size_t cap)
{
    size_t k = strlen(prefix);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        n--;
    if (!starts_with(t, n, prefix) || n < k + 5 || memcmp(t + n - 5, DASHES, 5) != 0)
        return 0;
    size_t ll = n - k - 5;
    if (ll >= cap)
        return -1;
    for (size_t i = 0; i < ll; i++)     /* RFC 7468: printable, no '-' at the ends */
        if ((unsigned char)t[k + i] < 0x20 || (unsigned char)t[k + i] > 0x7e)
            return -1;
    memcpy(label, t + k, ll);
    label[ll] = '\0';
    return 1;
}

int glass_pem_next(const char *text, size_t len, size_t *pos, glass_pem_block *blk)
{
    if (text == NULL || pos == NULL || blk == NULL || *pos > len)
        return GLASS_E_INVALID_ARG;
    memset(blk, 0, sizeof(*blk));
    size_t p = *pos, eol, next;
    /* find a BEGIN line */
    for (;;) {
        if (p >= len)
            return 0;
        line_at(text, len, p, &eol, &next);
        int m = marker(text + p, eol - p, BEGIN, blk->label, sizeof(blk->label));
        if (m < 0)
            return GLASS_E_PEM;
        p = next;
        if (m == 1)
            break;
    }
    /* optional RFC 1421 headers: "Name: value" lines, then an empty line */
    size_t body = p;
    line_at(text, len, p, &eol, &next);
    if (memchr(text + p, ':', eol - p) != NULL) {
        blk->has_headers = 1;
        while (p < len) {
            line_at(text, len, p, &eol, &next);
            if (eol == p) {                        /* the empty line */
                p = next;
                break;
            }
            if (starts_with(text + p, eol - p, "Proc-Type:") &&
                contains(text + p, eol - p, "ENCRYPTED"))
                blk->encrypted = 1;
            if (starts_with(text + p, eol - p, END))
                return GLASS_E_PEM;
            p = next;
        }
        body = p;
    }
    /* body lines up to the END line with the same label */
    while (p < len) {
        line_at(text, len, p, &eol, &next);
        char label[64];
        if (starts_with(text + p, eol - p, BEGIN))
            return GLASS_E_PEM;                    /* nested BEGIN */
        int m = marker(text + p, eol - p, END, label, sizeof(label));
        if (m < 0)
            return GLASS_E_PEM;
        if (m == 1) {
            if (strcmp(label, blk->label) != 0)
                return GLASS_E_PEM;
            blk->body = text + body;
            blk->body_len = p - body;
            *pos = next;
            return 1;
        }
        p = next;
    }
    return GLASS_E_PEM;                            /* no END line */
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

int glass_pem_decode(const glass_pem_block *blk, uint8_t *out, size_t cap, size_t *out_len)
{
    if (blk == NULL || out_len == NULL || (out == NULL && cap != 0))
        return GLASS_E_INVALID_ARG;
    *out_len = 0;
    uint32_t acc = 0;
    size_t n = 0, pad = 0, o = 0;
    for (size_t i = 0; i < blk->body_len; i++) {
        unsigned char c = (unsigned char)blk->body[i];
        if (c == '\n' || c == '\r')
            continue;                    /* line breaks only (RFC 7468 2) */
        if (c == ' ' || c == '\t') {     /* trailing blanks at a line end */
            size_t j = i;
            while (j < blk->body_len && (blk->body[j] == ' ' || blk->body[j] == '\t'))
                j++;
            if (j < blk->body_len && blk->body[j] != '\n' && blk->body[j] != '\r')
                return GLASS_E_PEM;
            i = j - 1;
            continue;
        }
        int v;
        if (c == '=') {
            if (n < 2)                   /* "=" too early in a quantum */
                return GLASS_E_PEM;
            pad++;
            v = 0;
        } else {
            if (pad != 0)                /* data after padding */
                return GLASS_E_PEM;
            v = b64_value(c);
            if (v < 0)
                return GLASS_E_PEM;
        }
        acc = (acc << 6) | (uint32_t)v;
        if (++n == 4) {
            size_t k = 3 - pad;
            if (pad == 2 && (acc & 0xffff) != 0)   /* unused bits must be 0 */
                return GLASS_E_PEM;
            if (pad == 1 && (acc & 0xff) != 0)
                return GLASS_E_PEM;
            if (cap - o < k)
                return GLASS_E_BUFFER_TOO_SMALL;
            uint8_t b[3] = { (uint8_t)(acc >> 16), (uint8_t)(acc >> 8), (uint8_t)acc };
            memcpy(out + o, b, k);
            o += k;
            n = 0;
            acc = 0;
            if (pad != 0)
                pad = 3;                 /* block is closed: nothing may follow */
        }
    }
    if (n != 0)
        return GLASS_E_PEM;              /* incomplete quantum */
    *out_len = o;
    return 0;
}
