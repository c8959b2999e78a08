/*
 * extensions.c — the hello extensions glasstls understands, written and
 * parsed side by side:
 *
 *   server_name             0      RFC 6066 section 3
 *   supported_groups        10     RFC 8422 section 5.1.1 (RFC 7919 name)
 *   ec_point_formats        11     RFC 8422 section 5.1.2
 *   signature_algorithms    13     RFC 5246 section 7.4.1.4.1
 *   extended_master_secret  23     RFC 7627 section 5.1
 *   SessionTicket           35     RFC 5077 section 3.2
 *   renegotiation_info      0xFF01 RFC 5746 section 3.2
 *
 * The extensions block itself is RFC 5246 section 7.4.1.4: a uint16 length,
 * then (type uint16, data opaque<0..2^16-1>) pairs; "There MUST NOT be more
 * than one extension of the same type."  A server ignores extensions it
 * does not know (GREASE, ALPN, session tickets, padding ...); a client
 * refuses any extension in a ServerHello it did not offer (section 7.4.1.4,
 * unsupported_extension) — unknown ones here, known ones in the handler,
 * which knows what was offered.
 */
#include "handshake/codec.h"

#include <string.h>
#include "glasstls/err.h"

/* ---------------------------------------------------------------- write */

/* An extension: type and the length of its data (written at ext_end),
 * one group of the byte map. */
typedef struct ext_mark {
    size_t group, len;
} ext_mark;

static void ext_begin(glass_writer *w, uint16_t type, ext_mark *m)
{
    m->group = glass_write_group_begin(w, GLASS_F_EXT);
    glass_write_u16_f(w, type, GLASS_F_EXT_TYPE);
    m->len = glass_write_vector_begin_f(w, 2, GLASS_F_EXT_LEN);
}

static void ext_end(glass_writer *w, const ext_mark *m)
{
    glass_write_vector_end(w, m->len, 2);
    glass_write_group_end(w, m->group);
}

int glass_exts_write(const glass_hello_exts *e, int from_server, glass_writer *w)
{
    size_t all, inner;
    ext_mark m;

    /* RFC 6066 section 3: HostName<1..2^16-1>.  A ClientHello parsed from
     * a peer may hold the extension without a host_name (only other name
     * types): it cannot be written back as one (found by fuzz_hs_msg). */
    if ((e->present & GLASS_EXTBIT_SERVER_NAME) && !from_server && e->server_name[0] == '\0')
        return GLASS_E_INVALID_ARG;
    all = glass_write_vector_begin_f(w, 2, GLASS_F_EXTS_LEN);
    if (e->present & GLASS_EXTBIT_SERVER_NAME) {
        ext_begin(w, GLASS_EXT_SERVER_NAME, &m);
        if (!from_server) {                 /* a ServerHello sends it empty */
            size_t n = strlen(e->server_name);
            inner = glass_write_vector_begin_f(w, 2, GLASS_F_SNI_LIST_LEN);  /* ServerNameList */
            glass_write_u8_f(w, 0, GLASS_F_SNI_NAME_TYPE);                 /* host_name */
            glass_write_u16_f(w, (uint16_t)n, GLASS_F_SNI_NAME_LEN);
            glass_write_bytes_f(w, e->server_name, n, GLASS_F_SNI_NAME);
            glass_write_vector_end(w, inner, 2);
        }
        ext_end(w, &m);
    }
    if ((e->present & GLASS_EXTBIT_SUPPORTED_GROUPS) && !from_server) {
        ext_begin(w, GLASS_EXT_SUPPORTED_GROUPS, &m);
        inner = glass_write_vector_begin_f(w, 2, GLASS_F_GROUPS_LEN);
        for (size_t i = 0; i < e->n_groups; i++)
            glass_write_u16_f(w, e->groups[i], GLASS_F_GROUP);
        glass_write_vector_end(w, inner, 2);
        ext_end(w, &m);
    }
    if (e->present & GLASS_EXTBIT_EC_POINT_FORMATS) {
        ext_begin(w, GLASS_EXT_EC_POINT_FORMATS, &m);
        inner = glass_write_vector_begin_f(w, 1, GLASS_F_POINT_FORMATS_LEN);
        for (size_t i = 0; i < e->n_point_formats; i++)
            glass_write_u8_f(w, e->point_formats[i], GLASS_F_POINT_FORMAT);
        glass_write_vector_end(w, inner, 1);
        ext_end(w, &m);
    }
    if ((e->present & GLASS_EXTBIT_SIGNATURE_ALGORITHMS) && !from_server) {
        ext_begin(w, GLASS_EXT_SIGNATURE_ALGORITHMS, &m);
        inner = glass_write_vector_begin_f(w, 2, GLASS_F_SIGALGS_LEN);
        for (size_t i = 0; i < e->n_sigalgs; i++)
            glass_write_u16_f(w, e->sigalgs[i], GLASS_F_SIGALG);
        glass_write_vector_end(w, inner, 2);
        ext_end(w, &m);
    }
    if (e->present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET) {
        ext_begin(w, GLASS_EXT_EXTENDED_MASTER_SECRET, &m);   /* empty */
        ext_end(w, &m);
    }
    if (e->present & GLASS_EXTBIT_SESSION_TICKET) {
        /* RFC 5077 3.2: the client's ticket (or nothing: "send me one");
         * the server's extension is always empty */
        ext_begin(w, GLASS_EXT_SESSION_TICKET, &m);
        if (!from_server && e->ticket_len > 0)
            glass_write_bytes_f(w, e->ticket, e->ticket_len, GLASS_F_TICKET_EXT_DATA);
        ext_end(w, &m);
    }
    if (e->present & GLASS_EXTBIT_RENEGOTIATION_INFO) {
        /* initial handshake: renegotiated_connection is empty */
        ext_begin(w, GLASS_EXT_RENEGOTIATION_INFO, &m);
        glass_write_u8_f(w, 0, GLASS_F_RENEG_LEN);
        ext_end(w, &m);
    }
    glass_write_vector_end(w, all, 2);
    return w->err;
}

/* ---------------------------------------------------------------- parse */

typedef struct ext_ctx {
    glass_hello_exts *e;
    int from_server;
    const uint8_t *base;
    const char *message;
    glass_hs_where *where;
} ext_ctx;

#define FAIL(c, field, rd, err) \
    glass_hs_fail((c)->where, (c)->message, (field), (rd), (c)->base, (err))

/* RFC 6066 section 3: "HostName" contains the fully qualified DNS
 * hostname, in ASCII, without a trailing dot: labels of letters, digits
 * and hyphens (RFC 1123 section 2.1), 1 to 63 bytes each, separated by
 * single dots, 253 bytes at most.  Anything else (a control character, an
 * escape sequence, raw UTF-8, NUL, a space, '_', an empty label, a
 * trailing dot) is not a host name at all: illegal_parameter.  A literal
 * IP address passes this check (its digits and dots are LDH); RFC 6066
 * forbids it in HostName, but it names no host of ours either, so it is
 * treated like any unknown name. */
static int sni_host_valid(const uint8_t *p, size_t n)
{
    size_t label = 0;
    if (n == 0 || n > 253)
        return 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = p[i];
        if (ch == '.') {
            if (label == 0)
                return 0;                  /* empty label (or a leading dot) */
            label = 0;
            continue;
        }
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9') || ch == '-'))
            return 0;
        if (++label > 63)
            return 0;
    }
    return label != 0;                     /* no trailing dot */
}

/* RFC 6066 section 3: ServerNameList server_name_list<1..2^16-1>; each
 * ServerName is NameType (0 = host_name) + HostName<1..2^16-1>.  Only one
 * name of each type; glasstls keeps the host_name. */
static int parse_server_name(ext_ctx *c, glass_reader *d)
{
    glass_reader list;

    if (c->from_server) {                  /* ServerHello: empty */
        glass_reader_expect_end(d);
        return glass_reader_ok(d) ? 0 : FAIL(c, "server_name", d, GLASS_E_DECODE);
    }
    glass_read_vector_f(d, 2, 1, 0xFFFF, &list, GLASS_F_SNI_LIST_LEN);
    glass_reader_expect_end(d);
    if (!glass_reader_ok(d))
        return FAIL(c, "server_name.server_name_list", d, GLASS_E_DECODE);
    int have_host = 0;
    while (glass_reader_left(&list) > 0) {
        uint8_t type = glass_read_u8_f(&list, GLASS_F_SNI_NAME_TYPE);
        glass_reader name;
        glass_read_vector_f(&list, 2, 1, 0xFFFF, &name, GLASS_F_SNI_NAME_LEN);
        if (!glass_reader_ok(&list))
            return FAIL(c, "server_name.host_name", &list, GLASS_E_DECODE);
        if (type != 0) {
            glass_read_rest_f(&name, GLASS_F_SNI_NAME);   /* other name types: ignore */
            continue;
        }
        if (have_host)
            return FAIL(c, "server_name.host_name (twice)", &list, GLASS_E_ILLEGAL_PARAMETER);
        have_host = 1;
        size_t n = glass_reader_left(&name);
        const uint8_t *p = glass_read_bytes_f(&name, n, GLASS_F_SNI_NAME);
        if (n > GLASS_HS_MAX_HOSTNAME || !sni_host_valid(p, n))
            return FAIL(c, "server_name.host_name (not a DNS host name)", &name,
                        GLASS_E_ILLEGAL_PARAMETER);
        memcpy(c->e->server_name, p, n);
        c->e->server_name[n] = '\0';
    }
    return 0;
}

/* RFC 8422 section 5.1.1: NamedCurveList named_curve_list<2..2^16-1>. */
static int parse_groups(ext_ctx *c, glass_reader *d)
{
    glass_reader list;
    glass_read_vector_f(d, 2, 2, 0xFFFE, &list, GLASS_F_GROUPS_LEN);
    glass_reader_expect_end(d);
    if (!glass_reader_ok(d) || glass_reader_left(&list) % 2 != 0)
        return FAIL(c, "supported_groups.named_group_list", d, GLASS_E_DECODE);
    c->e->n_groups = 0;
    while (glass_reader_left(&list) > 0) {
        uint16_t g = glass_read_u16_f(&list, GLASS_F_GROUP);
        if (c->e->n_groups < GLASS_HS_MAX_GROUPS)   /* keep the first ones */
            c->e->groups[c->e->n_groups++] = g;
    }
    return 0;
}

/* RFC 8422 section 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>;
 * it MUST contain uncompressed (0). */
static int parse_point_formats(ext_ctx *c, glass_reader *d)
{
    glass_reader list;
    int has_uncompressed = 0;
    glass_read_vector_f(d, 1, 1, 0xFF, &list, GLASS_F_POINT_FORMATS_LEN);
    glass_reader_expect_end(d);
    if (!glass_reader_ok(d))
        return FAIL(c, "ec_point_formats.ec_point_format_list", d, GLASS_E_DECODE);
    c->e->n_point_formats = 0;
    while (glass_reader_left(&list) > 0) {
        uint8_t f = glass_read_u8_f(&list, GLASS_F_POINT_FORMAT);
        has_uncompressed |= (f == GLASS_POINT_UNCOMPRESSED);
        if (c->e->n_point_formats < GLASS_HS_MAX_FORMATS)
            c->e->point_formats[c->e->n_point_formats++] = f;
    }
    if (!has_uncompressed)
        return FAIL(c, "ec_point_formats (uncompressed missing)", d, GLASS_E_ILLEGAL_PARAMETER);
    return 0;
}

/* RFC 5246 section 7.4.1.4.1: supported_signature_algorithms<2..2^16-2>. */
static int parse_sigalgs(ext_ctx *c, glass_reader *d)
{
    glass_reader list;
    glass_read_vector_f(d, 2, 2, 0xFFFE, &list, GLASS_F_SIGALGS_LEN);
    glass_reader_expect_end(d);
    if (!glass_reader_ok(d) || glass_reader_left(&list) % 2 != 0)
        return FAIL(c, "signature_algorithms.supported_signature_algorithms", d,
                    GLASS_E_DECODE);
    c->e->n_sigalgs = 0;
    while (glass_reader_left(&list) > 0) {
        uint16_t a = glass_read_u16_f(&list, GLASS_F_SIGALG);
        if (c->e->n_sigalgs < GLASS_HS_MAX_SIGALGS)
            c->e->sigalgs[c->e->n_sigalgs++] = a;
    }
    return 0;
}

/* RFC 5746 section 3.2: opaque renegotiated_connection<0..255>.  Whether
 * it must be empty is the handler's check (it is, on every handshake
 * glasstls does, since it never renegotiates). */
static int parse_renegotiation_info(ext_ctx *c, glass_reader *d)
{
    glass_reader rc;
    glass_read_vector_f(d, 1, 0, 0xFF, &rc, GLASS_F_RENEG_LEN);
    glass_reader_expect_end(d);
    if (!glass_reader_ok(d))
        return FAIL(c, "renegotiation_info.renegotiated_connection", d, GLASS_E_DECODE);
    c->e->renegotiation_info_len = glass_reader_left(&rc);
    glass_read_rest_f(&rc, GLASS_F_RENEG_DATA);
    return 0;
}

/* RFC 7627 section 5.1: "extension_data" is empty. */
static int parse_empty(ext_ctx *c, glass_reader *d, const char *field)
{
    glass_reader_expect_end(d);
    return glass_reader_ok(d) ? 0 : FAIL(c, field, d, GLASS_E_DECODE);
}

/* RFC 5077 section 3.2: the extension_data of a ClientHello is the
 * ticket itself (no inner length), empty to ask for one; a server's is
 * empty ("it MUST be empty", section 3.2). */
static int parse_session_ticket(ext_ctx *c, glass_reader *d)
{
    if (c->from_server)
        return parse_empty(c, d, "SessionTicket");
    c->e->ticket_len = glass_reader_left(d);
    c->e->ticket = glass_read_bytes_f(d, c->e->ticket_len, GLASS_F_TICKET_EXT_DATA);
    return glass_reader_ok(d) ? 0 : FAIL(c, "SessionTicket.ticket", d, GLASS_E_DECODE);
}

static int parse_one(ext_ctx *c, uint16_t type, glass_reader *d)
{
    glass_hello_exts *e = c->e;
    switch (type) {
    case GLASS_EXT_SERVER_NAME:
        e->present |= GLASS_EXTBIT_SERVER_NAME;
        return parse_server_name(c, d);
    case GLASS_EXT_SUPPORTED_GROUPS:
        e->present |= GLASS_EXTBIT_SUPPORTED_GROUPS;
        return parse_groups(c, d);
    case GLASS_EXT_EC_POINT_FORMATS:
        e->present |= GLASS_EXTBIT_EC_POINT_FORMATS;
        return parse_point_formats(c, d);
    case GLASS_EXT_SIGNATURE_ALGORITHMS:
        /* section 7.4.1.4.1: "Servers MUST NOT send this extension." */
        if (c->from_server)
            return FAIL(c, "signature_algorithms (from a server)", d,
                        GLASS_E_UNSUPPORTED_EXTENSION);
        e->present |= GLASS_EXTBIT_SIGNATURE_ALGORITHMS;
        return parse_sigalgs(c, d);
    case GLASS_EXT_EXTENDED_MASTER_SECRET:
        e->present |= GLASS_EXTBIT_EXTENDED_MASTER_SECRET;
        return parse_empty(c, d, "extended_master_secret");
    case GLASS_EXT_RENEGOTIATION_INFO:
        e->present |= GLASS_EXTBIT_RENEGOTIATION_INFO;
        return parse_renegotiation_info(c, d);
    case GLASS_EXT_SESSION_TICKET:
        e->present |= GLASS_EXTBIT_SESSION_TICKET;
        return parse_session_ticket(c, d);
    default:
        if (c->from_server)   /* the client never offers what it does not know */
            return FAIL(c, "extension type (not offered)", d, GLASS_E_UNSUPPORTED_EXTENSION);
        if (e->n_ignored < GLASS_HS_MAX_IGNORED)
            e->ignored[e->n_ignored++] = type;
        glass_read_rest_f(d, GLASS_F_EXT_DATA);
        return 0;
    }
}

int glass_exts_parse(glass_hello_exts *e, int from_server, glass_reader *r,
                     const uint8_t *base, const char *message, glass_hs_where *where)
{
    ext_ctx c = { e, from_server, base, message, where };
    glass_reader block;
    /* one bit per possible extension type, to find duplicates (8 KiB) */
    uint8_t seen[65536 / 8];

    memset(e, 0, sizeof *e);
    memset(seen, 0, sizeof seen);
    glass_read_vector_f(r, 2, 0, 0xFFFF, &block, GLASS_F_EXTS_LEN);
    if (!glass_reader_ok(r))
        return FAIL(&c, "extensions", r, GLASS_E_DECODE);
    while (glass_reader_left(&block) > 0) {
        size_t group = glass_read_group_begin(&block, GLASS_F_EXT);
        uint16_t type = glass_read_u16_f(&block, GLASS_F_EXT_TYPE);
        glass_reader data;
        glass_read_vector_f(&block, 2, 0, 0xFFFF, &data, GLASS_F_EXT_LEN);
        if (!glass_reader_ok(&block))
            return FAIL(&c, "extensions.extension_data", &block, GLASS_E_DECODE);
        if (seen[type >> 3] & (1u << (type & 7))) {
            glass_reader at = data;          /* point at the duplicate */
            return FAIL(&c, "extensions (duplicate type)", &at, GLASS_E_DUPLICATE_EXTENSION);
        }
        seen[type >> 3] |= (uint8_t)(1u << (type & 7));
        int err = parse_one(&c, type, &data);
        if (err != 0)
            return err;
        glass_read_group_end(&block, group);
    }
    return 0;
}
