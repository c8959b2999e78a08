/*
 * material.c — the exercise material on disk, and hex.
 *
 *   records.txt   every record of the connection, one a line, in the order
 *                 the client sent or received it:  "N client|server HEX"
 *                 (the whole record, its 5-byte header first).  The same
 *                 records are in capture.pcapng for Wireshark.
 *   exercise.txt  "key=value" lines: which exercise, which record, the
 *                 client's clock and the host name it asked for.  No
 *                 answer: glass-lab check works it out again.
 *   *.keylog      NSS key log lines (CLIENT_RANDOM, PMS_CLIENT_RANDOM), the
 *                 format Wireshark reads.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "glasstls/ct.h"
#include "glasstls/util.h"

#include "glasslab.h"

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = tolower(ch);
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

/* Hex to bytes; spaces, tabs, newlines and colons between the digits are
 * skipped (answers pasted from xxd, openssl or Wireshark).  An optional
 * "0x" in front.  0, or -1 for an odd count, a bad digit or no room. */
int gl_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = 0;
    int hi = -1;
    if (hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X'))
        hex += 2;
    for (; *hex; hex++) {
        if (*hex == ' ' || *hex == '\t' || *hex == '\n' || *hex == '\r' || *hex == ':')
            continue;
        int v = hexval((unsigned char)*hex);
        if (v < 0)
            return -1;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n == cap)
            return -1;
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0)
        return -1;
    *out_len = n;
    return 0;
}

void gl_hex_print(FILE *f, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
}

void gl_capture_add(gl_capture *cap, int from_server, const uint8_t *b, size_t n)
{
    if (cap->n == GL_MAX_RECORDS)
        return;                         /* an exercise connection is far shorter */
    uint8_t *copy = malloc(n ? n : 1);
    if (copy == NULL)
        return;
    memcpy(copy, b, n);
    cap->rec[cap->n].from_server = from_server;
    cap->rec[cap->n].bytes = copy;
    cap->rec[cap->n].len = n;
    cap->n++;
}

void gl_capture_free(gl_capture *cap)
{
    for (size_t i = 0; i < cap->n; i++) {
        glass_wipe(cap->rec[i].bytes, cap->rec[i].len);
        free(cap->rec[i].bytes);
    }
    cap->n = 0;
}

int gl_capture_write(const gl_capture *cap, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fprintf(f, "# glass-lab records: every TLS record of the connection, in the order the\n"
               "# client sent or received it.  Number, who sent it, the record in hex\n"
               "# (its 5-byte header first: content type, version, length; RFC 5246 6.2).\n");
    for (size_t i = 0; i < cap->n; i++) {
        fprintf(f, "%zu %s ", i + 1, cap->rec[i].from_server ? "server" : "client");
        gl_hex_print(f, cap->rec[i].bytes, cap->rec[i].len);
        fputc('\n', f);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* Strict: numbered lines in order, a known sender, each record's length
 * field equal to the bytes that follow its header. */
int gl_capture_read(gl_capture *cap, const char *path)
{
    uint8_t *text;
    size_t len;
    memset(cap, 0, sizeof *cap);
    if (glass_read_file(path, &text, &len) != 0) {
        fprintf(stderr, "glass-lab: cannot read %s\n", path);
        return -1;
    }
    static uint8_t rec[GL_RECORD_MAX];
    int rc = 0;
    char *save = NULL;
    char *buf = malloc(len + 1);
    if (buf == NULL) {
        free(text);
        return -1;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    free(text);
    for (char *line = strtok_r(buf, "\n", &save); line != NULL && rc == 0;
         line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char who[8], *hex;
        unsigned long num;
        int used = 0;
        if (sscanf(line, "%lu %7s %n", &num, who, &used) != 2 || used == 0 || num != cap->n + 1 ||
            (strcmp(who, "client") != 0 && strcmp(who, "server") != 0)) {
            rc = -1;
            break;
        }
        hex = line + used;
        size_t n;
        if (gl_hex_decode(hex, rec, sizeof rec, &n) != 0 || n < 5 ||
            (size_t)(rec[3] << 8 | rec[4]) != n - 5 || cap->n == GL_MAX_RECORDS) {
            rc = -1;
            break;
        }
        gl_capture_add(cap, strcmp(who, "server") == 0, rec, n);
    }
    free(buf);
    if (rc != 0) {
        fprintf(stderr, "glass-lab: %s: line %zu is not \"N client|server HEX\" of a whole record\n",
                path, cap->n + 1);
        gl_capture_free(cap);
    }
    return rc;
}

const char *gl_path(char *out, size_t cap, const char *dir, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
    return out;
}

int gl_param(const char *dir, const char *key, char *out, size_t cap)
{
    char path[4096];
    FILE *f = fopen(gl_path(path, sizeof path, dir, "exercise.txt"), "r");
    char line[512];
    size_t klen = strlen(key);
    int rc = -1;
    out[0] = '\0';
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(out, cap, "%s", line + klen + 1);
            rc = 0;
            break;
        }
    }
    fclose(f);
    return rc;
}

int gl_keylog_secret(const char *path, const char *label, const uint8_t client_random[32],
                     uint8_t *out, size_t cap, size_t *out_len)
{
    FILE *f = fopen(path, "r");
    char line[1024], lab[64], cr[128], sec[512];
    int rc = -1;
    if (f == NULL)
        return -1;
    while (rc != 0 && fgets(line, sizeof line, f) != NULL) {
        uint8_t r[32];
        size_t rl;
        if (sscanf(line, "%63s %127s %511s", lab, cr, sec) != 3 || strcmp(lab, label) != 0)
            continue;
        if (gl_hex_decode(cr, r, sizeof r, &rl) != 0 || rl != 32 || memcmp(r, client_random, 32) != 0)
            continue;
        if (gl_hex_decode(sec, out, cap, out_len) == 0)
            rc = 0;
    }
    fclose(f);
    return rc;
}
