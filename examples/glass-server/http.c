/*
 * http.c — the HTTP/1.1 side of glass-server (RFC 9110, RFC 9112): one
 * request per connection, then "Connection: close".
 *
 * What it answers:
 *   GET, HEAD     a file under --root (a directory means its index.html), or
 *                 without --root the built-in pages: "/" shows the
 *                 connection this very request came over, "/handshake"
 *                 that connection's handshake byte by byte (glass_html_*,
 *                 with the key schedule under --show-secrets);
 *   400           a malformed request line or header, a bad %-escape, an
 *                 HTTP/1.1 request without Host;
 *   403           a path that resolves (through a symbolic link) outside
 *                 the root, or a file we may not read;
 *   404           no such file, or a path with a ".." segment (before or
 *                 after %-decoding);
 *   405           any other method (with "Allow: GET, HEAD").
 * Every response has Content-Type and Content-Length.
 *
 * Staying inside the root is done twice, on purpose: the decoded path may
 * not contain a ".." segment, and the file's realpath() (all symbolic
 * links resolved) must start with the root's realpath() and a "/".
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/handshake.h"
#include "glasstls/record.h"
#include "server.h"

typedef struct mime {
    const char *ext, *type;
} mime;

static const mime mimes[] = {
    { ".html", "text/html; charset=utf-8" }, { ".htm", "text/html; charset=utf-8" },
    { ".txt", "text/plain; charset=utf-8" }, { ".md", "text/markdown; charset=utf-8" },
    { ".css", "text/css" }, { ".js", "text/javascript" }, { ".json", "application/json" },
    { ".xml", "application/xml" }, { ".svg", "image/svg+xml" }, { ".png", "image/png" },
    { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" }, { ".gif", "image/gif" },
    { ".webp", "image/webp" }, { ".ico", "image/x-icon" }, { ".pdf", "application/pdf" },
    { ".wasm", "application/wasm" }, { ".pem", "application/x-pem-file" },
};

static const char *content_type(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot != NULL && (slash == NULL || dot > slash))
        for (size_t i = 0; i < sizeof mimes / sizeof mimes[0]; i++)
            if (strcasecmp(dot, mimes[i].ext) == 0)
                return mimes[i].type;
    return "application/octet-stream";
}

/* ---- the response ---- */

/* A new, empty response in s->resp; 0 or GLASS_E_NO_MEMORY. */
static int new_response(session *s)
{
    http_response_free(s);
    s->resp = calloc(1, sizeof *s->resp);
    if (s->resp == NULL)
        return GLASS_E_NO_MEMORY;
    s->resp->fd = -1;
    return 0;
}

void http_response_free(session *s)
{
    response *r = s->resp;
    if (r == NULL)
        return;
    if (r->shared != NULL) {
        if (--r->shared->users == 0)
            close(r->shared->fd);
    } else if (r->fd >= 0) {
        close(r->fd);
    }
    if (r->mem != NULL && r->wipe)
        glass_wipe(r->mem, (size_t)r->body_len);   /* it holds this connection's keys */
    free(r->mem);
    free(r);
    s->resp = NULL;
}

/* fd (just opened, sb its fstat) as the worker's shared descriptor of
 * that file: the one already open for another of its connections (fd is
 * closed), or fd itself in a free slot.  NULL when all slots are taken
 * (the connection keeps fd for itself).  Only this worker's thread runs
 * its connections, so no lock. */
static shared_file *share_file(worker *w, int fd, const struct stat *sb)
{
    shared_file *free_slot = NULL;
    for (size_t i = 0; i < WORKER_FILES; i++) {
        shared_file *f = &w->files[i];
        if (f->users == 0) {
            if (free_slot == NULL)
                free_slot = f;
            continue;
        }
        if (f->dev == sb->st_dev && f->ino == sb->st_ino && f->size == sb->st_size &&
            f->mtime.tv_sec == sb->st_mtim.tv_sec && f->mtime.tv_nsec == sb->st_mtim.tv_nsec) {
            close(fd);
            f->users++;
            return f;
        }
    }
    if (free_slot != NULL) {
        free_slot->dev = sb->st_dev;
        free_slot->ino = sb->st_ino;
        free_slot->size = sb->st_size;
        free_slot->mtime = sb->st_mtim;
        free_slot->fd = fd;
        free_slot->users = 1;
    }
    return free_slot;
}

static const char *reason_phrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    default:  return "Internal Server Error";
    }
}

/* The response head ("HTTP/1.1 200 OK" ... blank line) into s->resp.
 * The head and the first body bytes then go in one record (one AEAD
 * seal, one write): a response of up to 2^14 bytes in all is one record;
 * the rest of a longer body follows in full records (serve.c). */
static void format_head(session *s, int status, const char *type, unsigned long long len)
{
    response *r = s->resp;
    int n = snprintf(r->head, sizeof r->head,
                     "HTTP/1.1 %d %s\r\nServer: glass-server (glasstls)\r\n"
                     "Content-Type: %s\r\nContent-Length: %llu\r\n%s"
                     "Connection: close\r\n\r\n", status, reason_phrase(status), type, len,
                     status == 405 ? "Allow: GET, HEAD\r\n" : "");
    s->status = status;
    r->hlen = n < 0 ? 0 : (size_t)n < sizeof r->head ? (size_t)n : sizeof r->head - 1;
}

/* A body from memory: body (len bytes, malloc'ed) is the response's now;
 * HEAD sends the head only. */
static void set_body(session *s, uint8_t *body, size_t len, int head_only)
{
    response *r = s->resp;
    if (head_only) {
        free(body);
        return;
    }
    r->mem = body;
    r->body_len = len;
}

/* A status with a one-line text body ("404 Not Found\n"). */
static int send_error(session *s, int status, int head_only)
{
    int rc = new_response(s);
    if (rc != 0)
        return rc;
    char *body = malloc(64);
    if (body == NULL)
        return GLASS_E_NO_MEMORY;
    int n = snprintf(body, 64, "%d %s\n", status, reason_phrase(status));
    format_head(s, status, "text/plain; charset=utf-8", (unsigned long long)n);
    set_body(s, (uint8_t *)body, (size_t)n, head_only);
    return 0;
}

int http_prepare_error(session *s, int status)
{
    return send_error(s, status, 0);
}

/* ---- reading and parsing the request ---- */

int http_head_complete(const char *buf, size_t len)
{
    (void)len;                         /* buf is NUL-terminated, and holds no NUL */
    return strstr(buf, "\r\n\r\n") != NULL || strstr(buf, "\n\n") != NULL;
}

/* "METHOD SP target SP HTTP/1.x" (RFC 9112 3): 0 or 400; *minor = x. */
static int parse_request_line(const char *line, size_t len, char *method, size_t mcap,
                              char *target, size_t tcap, int *minor)
{
    size_t i = 0, m = 0, t = 0;
    while (i < len && line[i] >= 'A' && line[i] <= 'Z' && m + 1 < mcap)
        method[m++] = line[i++];
    method[m] = '\0';
    if (m == 0 || i >= len || line[i++] != ' ')
        return 400;
    while (i < len && line[i] > ' ' && line[i] < 0x7f && t + 1 < tcap)
        target[t++] = line[i++];
    target[t] = '\0';
    if (t == 0 || i >= len || line[i++] != ' ')
        return 400;
    if (len - i != 8 || memcmp(line + i, "HTTP/1.", 7) != 0 ||
        (line[i + 7] != '0' && line[i + 7] != '1'))
        return 400;
    *minor = line[i + 7] - '0';
    return 0;
}

/* Header lines: each "name: value" (no space before the colon); 0 or 400.
 * *has_host says whether a Host header came. */
static int check_headers(const char *p, int *has_host)
{
    *has_host = 0;
    for (;;) {
        const char *eol = strchr(p, '\n');
        if (eol == NULL)
            return 400;
        size_t len = (size_t)(eol - p);
        if (len > 0 && p[len - 1] == '\r')
            len--;
        if (len == 0)
            return 0;                  /* the blank line */
        const char *colon = memchr(p, ':', len);
        if (colon == NULL || colon == p || colon[-1] == ' ' || colon[-1] == '\t')
            return 400;
        if (colon - p == 4 && strncasecmp(p, "host", 4) == 0)
            (*has_host)++;
        p = eol + 1;
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int http_decode_path(const char *target, char *out, size_t cap)
{
    size_t o = 0;
    if (target[0] != '/')
        return 400;
    for (const char *p = target; *p != '\0' && *p != '?' && *p != '#'; p++) {
        int c = (unsigned char)*p;
        if (c == '%') {
            int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
            if (hi < 0 || lo < 0)
                return 400;
            c = hi * 16 + lo;
            p += 2;
            if (c == 0)
                return 400;
        }
        if (o + 1 >= cap)
            return 400;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    /* No ".." segment, whether it came literally or %-encoded. */
    for (const char *seg = out; seg != NULL; seg = strchr(seg + 1, '/')) {
        const char *start = seg + 1;
        if (start[0] == '.' && start[1] == '.' && (start[2] == '/' || start[2] == '\0'))
            return 404;
    }
    return 0;
}

/* ---- the built-in page ---- */

/* Appends text to buf, HTML-escaped, printable ASCII only (the SNI is
 * chosen by the client). */
static void append_escaped(char *buf, size_t cap, const char *text)
{
    size_t n = strlen(buf);
    for (; *text != '\0' && n + 8 < cap; text++) {
        const char *e = *text == '<' ? "&lt;" : *text == '>' ? "&gt;" : *text == '&' ? "&amp;"
                      : *text == '"' ? "&quot;" : NULL;
        if (e != NULL) {
            memcpy(buf + n, e, strlen(e));
            n += strlen(e);
        } else {
            buf[n++] = (*text >= ' ' && *text < 0x7f) ? *text : '?';   /* ASCII only */
        }
    }
    buf[n] = '\0';
}

static void append(char *buf, size_t cap, const char *text)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s", text);
}

static int send_builtin_page(session *s, int head_only)
{
    static const char top[] =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>glasstls</title></head>\n<body>\n<h1>Hello from glass-server</h1>\n"
        "<p>This page came to you over TLS 1.2, from glasstls: an educational TLS\n"
        "library written from scratch.  Here is the connection it came over.</p>\n";
    char page[8192];
    const glass_suite_info *si = glass_suite_find(glass_conn_suite(s->c));
    const char *sni = glass_conn_server_name(s->c);
    char kx[96];
    if (si != NULL && glass_kx_is_ecdhe(si->kx))
        snprintf(kx, sizeof kx, "ECDHE (%s), signed with %s",
                 glass_group_name(glass_conn_group(s->c)),
                 si->kx == GLASS_KX_ECDHE_ECDSA ? "ECDSA" : "RSA");
    else
        snprintf(kx, sizeof kx, "RSA (premaster encrypted to the server's key)");
    snprintf(page, sizeof page, "%s<table>\n<tr><th>cipher suite</th><td id=\"suite\">%s</td></tr>\n"
             "<tr><th>key exchange</th><td>%s</td></tr>\n"
             "<tr><th>extended master secret</th><td id=\"ems\">%s</td></tr>\n"
             "<tr><th>server name (SNI)</th><td id=\"sni\">", top, si ? si->name : "?",
             kx,
             glass_conn_ems(s->c) ? "yes (RFC 7627)" : "no");
    append_escaped(page, sizeof page, sni && sni[0] ? sni : "(none sent)");
    append(page, sizeof page, "</td></tr>\n<tr><th>client certificate</th><td id=\"client\">");
    const char *client = glass_conn_peer_subject(s->c);
    append_escaped(page, sizeof page, client != NULL ? client : "(none: not asked or not sent)");
    append(page, sizeof page, "</td></tr>\n<tr><th>your address</th><td>");
    append_escaped(page, sizeof page, s->peer);
    append(page, sizeof page, "</td></tr>\n</table>\n<h2>The handshake you just did</h2>\n"
                              "<ol id=\"steps\">\n");
    for (size_t i = 0; i < s->n_steps; i++) {
        append(page, sizeof page, "<li>");
        append_escaped(page, sizeof page, s->steps[i]);
        append(page, sizeof page, "</li>\n");
    }
    append(page, sizeof page, "<li>then this request and this page, encrypted with the keys "
                              "both sides derived from the master secret</li>\n</ol>\n"
                              "<p><a id=\"handshake-link\" href=\"/handshake\">See your handshake "
                              "byte by byte</a>: every message and field of a new connection "
                              "(the one that fetches that page).</p>\n"
                              "</body></html>\n");
    size_t len = strlen(page);
    int rc = new_response(s);
    if (rc != 0)
        return rc;
    uint8_t *body = malloc(len);
    if (body == NULL)
        return GLASS_E_NO_MEMORY;
    memcpy(body, page, len);
    format_head(s, 200, "text/html; charset=utf-8", len);
    set_body(s, body, len, head_only);
    return 0;
}

/* "/handshake": the handshake of this very connection, as recorded by
 * its trace hook (serve.c), written into memory and sent. */
static int send_handshake_page(session *s, int head_only)
{
    char *page = NULL;
    size_t len = 0;
    FILE *mem = s->page != NULL ? open_memstream(&page, &len) : NULL;
    if (mem == NULL)
        return send_error(s, 500, head_only);
    int rc = glass_html_write(s->page, mem, "Your TLS 1.2 handshake with glass-server, byte by byte");
    if (fclose(mem) != 0 || rc != 0) {
        free(page);
        return send_error(s, 500, head_only);
    }
    rc = new_response(s);
    if (rc != 0) {
        if (s->opts->show_secrets)
            glass_wipe(page, len);
        free(page);
        return rc;
    }
    s->resp->wipe = s->opts->show_secrets;     /* it holds this connection's keys */
    format_head(s, 200, "text/html; charset=utf-8", len);
    if (head_only && s->opts->show_secrets)
        glass_wipe(page, len);
    set_body(s, (uint8_t *)page, len, head_only);
    return 0;
}

/* ---- files under the root ---- */

static int status_for_errno(int e)
{
    return e == EACCES || e == EPERM ? 403 : 404;
}

static int send_file(session *s, const char *path, int head_only)
{
    const char *root = s->opts->root;
    size_t rootlen = strlen(root);
    char full[PATH_MAX + 64], real[PATH_MAX];
    struct stat sb;
    if (snprintf(full, sizeof full, "%s%s", root, path) >= (int)sizeof full)
        return send_error(s, 404, head_only);
    if (stat(full, &sb) != 0)
        return send_error(s, status_for_errno(errno), head_only);
    if (S_ISDIR(sb.st_mode)) {
        size_t n = strlen(full);
        snprintf(full + n, sizeof full - n, "%sindex.html", full[n - 1] == '/' ? "" : "/");
    }
    if (realpath(full, real) == NULL)
        return send_error(s, status_for_errno(errno), head_only);
    if (strncmp(real, root, rootlen) != 0 || (real[rootlen] != '/' && rootlen > 1))
        return send_error(s, 403, head_only);          /* a link out of the root */
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return send_error(s, status_for_errno(errno), head_only);
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return send_error(s, 404, head_only);
    }
    int rc = new_response(s);
    if (rc != 0) {
        close(fd);
        return rc;
    }
    format_head(s, 200, content_type(real), (unsigned long long)sb.st_size);
    if (head_only) {
        close(fd);
    } else {
        /* streamed by serve.c, a record at a time, as the socket takes it
         * (pread(), so connections can share the descriptor) */
        s->resp->shared = share_file(s->w, fd, &sb);
        s->resp->fd = s->resp->shared != NULL ? s->resp->shared->fd : fd;
        s->resp->body_len = (unsigned long long)sb.st_size;
    }
    return 0;
}

int http_prepare(session *s)
{
    char method[16], target[2048], path[2048];
    const char *head = s->req;
    int minor = 0, has_host = 0, rc = 0;
    const char *eol = strchr(head, '\n');
    size_t len = eol ? (size_t)(eol - head) : 0;
    if (len > 0 && head[len - 1] == '\r')
        len--;
    if (rc == 0)
        rc = parse_request_line(head, len, method, sizeof method, target, sizeof target, &minor);
    if (rc == 0)
        snprintf(s->request, sizeof s->request, "%s %.140s", method, target);
    if (rc == 0)
        rc = check_headers(eol + 1, &has_host);
    if (rc == 0 && (has_host > 1 || (minor == 1 && has_host == 0)))
        rc = 400;                      /* RFC 9112 3.2: exactly one Host in HTTP/1.1 */
    int head_only = rc == 0 && strcmp(method, "HEAD") == 0;
    if (rc == 0 && !head_only && strcmp(method, "GET") != 0)
        rc = 405;
    if (rc == 0)
        rc = http_decode_path(target, path, sizeof path);
    if (rc != 0)
        return send_error(s, rc, head_only);
    if (s->opts->root != NULL)
        return send_file(s, path, head_only);
    if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0)
        return send_builtin_page(s, head_only);
    if (strcmp(path, "/handshake") == 0)
        return send_handshake_page(s, head_only);
    return send_error(s, 404, head_only);
}
