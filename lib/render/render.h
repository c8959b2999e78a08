/*
 * render.h — the built-in trace renderers (glasstls/trace.h), internal to
 * lib/render: the tracer object (tracer.c: dispatch, deferral, key log),
 * the text lines (text.c), the dissector-style fields of each message
 * (fields.c), the byte-by-byte rows of level 3 (bytemap.c, from the
 * field table of fieldtab.c), the Mermaid diagram (mermaid.c) and the
 * web page of a handshake (html.c, html_rows.c).
 *
 * lib/render sits above the connection (tests/check-layers.sh): it reads
 * the typed handshake messages, suite and alert names, and parses the
 * certificates of a Certificate message to name them.
 */
#ifndef GLASS_RENDER_RENDER_H
#define GLASS_RENDER_RENDER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "glasstls/trace.h"
#include "glasstls/handshake.h"

/* A text buffer that holds output while it must wait (see tracer.c). */
typedef struct glass_defer {
    char  *buf;
    size_t len, cap;
} glass_defer;

struct glass_tracer {
    FILE *text;
    int   level;                 /* 0..3 */
    char  prefix[32];            /* at the start of each text line ("[c3] "), or "" */
    int   midline;               /* the last text written did not end a line */
    int   color;
    FILE *mermaid;
    FILE *keylog;
    FILE *html_file;             /* glass_tracer_html: written at free */
    glass_html *html;
    unsigned seen;               /* bit 0: client events seen, bit 1: server */
    int   step_recv[2];          /* the current step of each side receives */
    int   sending[2];            /* a side is in a sending step, message not yet reported */
    int   deferring;             /* output goes to the defer buffers */
    glass_defer dtext, dmmd;
    uint8_t keylog_random[32];   /* the last CLIENT_RANDOM written */
    int   keylog_done;
    struct glass_mmd_state {     /* mermaid.c: where the diagram stands */
        int started;             /* the header and participants are written */
        int ca_lane;             /* the client is observed: it has a CA lane */
        int rect;                /* inside a shaded (encrypted) rect */
        int legend;              /* the shading has been explained once */
        int enc[2];              /* [from_server]: that side's ChangeCipherSpec is drawn */
        int cert_drawn;          /* Certificate drawn when its check began */
        int app_active;          /* a run of application-data records not yet drawn */
        int app_from_server;
        unsigned long app_records;
        unsigned long long app_bytes;
        char app_what[32];       /* ": the HTTP response", or "" */
    } mmd;
    struct glass_dump *dump;     /* --dump-dir: the message and record files (dump.c) */
    struct glass_recipes *recipes;   /* --recipes: a command beside each value (recipes.c) */
};


/* Output, deferred or direct. */
void glass_render_text(glass_tracer *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void glass_render_mmd(glass_tracer *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What a piece of trace text is, for its colour (ANSI when colour is on). */
typedef enum glass_render_colour {
    GLASS_COL_RESET,    /* back to the terminal's colour */
    GLASS_COL_ARROW,    /* a message on the wire: "Client -> Server: ..." */
    GLASS_COL_LOCAL,    /* what one side computes on its own */
    GLASS_COL_DETAIL,   /* level 2 and 3 fields */
    GLASS_COL_SECRET,   /* key material */
    GLASS_COL_WARN      /* refusals and alerts */
} glass_render_colour;

/* The escape sequence for which, or "" when colour is off (never NULL). */
const char *glass_render_col(const glass_tracer *t, glass_render_colour which);

/* "Client" / "Server" */
static inline const char *glass_render_who(int is_server) { return is_server ? "Server" : "Client"; }
/* 1 when events of the other side are observed by this tracer too. */
static inline int glass_render_peer_seen(const glass_tracer *t, int is_server)
{
    return (t->seen >> (is_server ? 0 : 1)) & 1u;
}

/* text.c */
void glass_render_text_event(glass_tracer *t, const glass_trace_event *ev);
/* A one-line summary of a message for level 1 and the diagram. */
void glass_render_summary(const glass_hs_message *m, char *out, size_t cap);
/* Hex dump, 16 bytes a line, indented. */
void glass_render_hexdump(glass_tracer *t, const char *indent, const uint8_t *p, size_t n);
/* hex string of n bytes (out: 2n+1). */
void glass_render_hex(const uint8_t *p, size_t n, char *out);

/* bytemap.c: level 3, a message or record byte by byte from its byte map
 * (glasstls/fields.h); a plain hex dump when there is no map. */
void glass_render_byte_map(glass_tracer *t, const char *what, const uint8_t *data, size_t len,
                           const glass_span *spans, size_t n);
/* A record event: header | explicit nonce | ciphertext | tag, the GCM
 * nonce and AAD, and the plaintext of application data and alerts. */
void glass_render_record_map(glass_tracer *t, const glass_trace_event *ev);

/* fields.c: level 2, every field of a message */
void glass_render_fields(glass_tracer *t, const glass_hs_message *m);

/* dump.c: each handshake message and record as a file, numbered in
 * order ("01-client-ClientHello.bin").  Records sealed while the tracer
 * defers its text wait too, so a message's file comes before its
 * record's; glass_dump_flush writes them. */
#define GLASS_DUMP_NAME 80
#define GLASS_DUMP_MAX_HS 24
typedef struct glass_dump {
    char   dir[512];
    unsigned n;                                  /* files written so far */
    /* the handshake messages of the current handshake, in transcript order */
    char   hs[GLASS_DUMP_MAX_HS][GLASS_DUMP_NAME];
    int    hs_type[GLASS_DUMP_MAX_HS];
    size_t n_hs;
    char   leaf[GLASS_DUMP_NAME];                /* the leaf certificate, DER */
    char   last_record[GLASS_DUMP_NAME];         /* the record file just written */
    int    last_record_wire;                     /* it holds the record as on the wire */
    /* the last record each side sealed: file, sequence number, type */
    char   sealed[2][GLASS_DUMP_NAME];
    uint64_t sealed_seq[2];
    int    sealed_type[2];
    /* records waiting for their message (see above) */
    uint8_t *pend;
    size_t   pend_len;
    struct { int side, type; uint64_t seq; size_t off, len; } pend_rec[16];
    size_t   n_pend;
} glass_dump;
int  glass_dump_open(glass_tracer *t, const char *dir);
void glass_dump_event(glass_tracer *t, const glass_trace_event *ev);
void glass_dump_flush(glass_tracer *t);
void glass_dump_free(glass_tracer *t);
/* 1 when this tracer draws (and dumps) the message of ev: sent, or
 * received while its sender is not observed. */
static inline int glass_render_draws(const glass_tracer *t, const glass_trace_event *ev)
{
    return ev->sent || !glass_render_peer_seen(t, ev->is_server);
}

/* recipes.c: beside each derived value, a command that re-computes it */
int  glass_recipes_open(glass_tracer *t, const char *server_key);
void glass_recipes_event(glass_tracer *t, const glass_trace_event *ev);
void glass_recipes_free(glass_tracer *t);

/* mermaid.c: each event; at the end (glass_tracer_free), what is pending
 * and the closing of an open rect */
void glass_render_mermaid_event(glass_tracer *t, const glass_trace_event *ev);
void glass_render_mermaid_end(glass_tracer *t);

#endif /* GLASS_RENDER_RENDER_H */
