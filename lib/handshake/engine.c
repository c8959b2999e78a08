/*
 * engine.c — glass_hs_step(): runs exactly one step of this role's
 * handshake tables (table.c): the next row of the flavour being run.  See
 * hs_internal.h for the model and hs.h for the contract with the
 * connection.
 *
 * One step:
 *   1. take the fork of another flavour that parts at this row when its
 *      condition holds (for the client, the next message decides: it is
 *      looked at without being taken), and skip the rows whose condition
 *      is false (ServerKeyExchange for RSA), telling the trace why;
 *   2. enter the row's state;
 *   3. the side that sends: the handler writes the message body into the
 *      record layer's handshake buffer (the engine writes the 4-byte
 *      header), the message is added to the transcript and queued; a
 *      ChangeCipherSpec is queued after its handler (which may derive the
 *      keys);
 *      the side that receives: read the next message; anything but the
 *      expected type is unexpected_message; the message is added to the
 *      transcript (a Finished after its verify_data input is saved), then
 *      the handler parses and checks it;
 *   4. move to the next row of the flavour.
 * The message of the step stays readable in hs->last (glass_hs_last_message).
 *
 * Observer points (glasstls/trace.h): glass_hs_observe() is called when a
 * state is entered or skipped and when a message was sent or parsed;
 * glass_hs_observe_secret() (from keyschedule.c) for each secret derived.
 */
#include "handshake/hs_internal.h"

#include <stdlib.h>
#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "handshake/codec.h"

/* 1 when this side sends the message of row st. */
static int we_send(const glass_hs *hs, const glass_hs_step_def *st)
{
    return (int)st->from == hs->is_server;
}

static const glass_hs_flavour_def *flavour(const glass_hs *hs)
{
    return &glass_hs_roles[hs->is_server].flavours[hs->flavour];
}

/* The row hs->next of the flavour being run (hs->next < n_steps). */
static const glass_hs_step_def *row(const glass_hs *hs)
{
    return flavour(hs)->steps[hs->next];
}

/* Turns an observer point into a glass_trace_event for cfg->trace (the
 * secrets are glass_hs_observe_secret's).  It only reads hs, so tracing
 * never changes behaviour; with no observer nothing is built. */
void glass_hs_observe(glass_hs *hs, glass_hs_event ev)
{
    const glass_config *cfg = hs->env.cfg;
    if (cfg->trace == NULL)
        return;
    glass_trace_event e;
    memset(&e, 0, sizeof e);
    e.is_server = hs->is_server;
    if (ev == GLASS_HS_EV_STATE_ENTERED || ev == GLASS_HS_EV_STEP_SKIPPED) {
        const glass_hs_step_def *st = row(hs);
        e.kind = ev == GLASS_HS_EV_STATE_ENTERED ? GLASS_TRACE_STATE : GLASS_TRACE_SKIPPED;
        e.state = st->state;
        e.state_name = glass_hs_state_name(st->state);
        e.handler = st->handler.name;
        e.flavour = flavour(hs)->name;
        e.we_send = we_send(hs, st);
        e.msg_type = st->msg_type;
        if (ev == GLASS_HS_EV_STEP_SKIPPED)
            e.skipped_because = st->when->skipped;
    } else {
        e.kind = GLASS_TRACE_MESSAGE;
        e.sent = ev == GLASS_HS_EV_MESSAGE_SENT;
        e.msg = &hs->last;
        e.data = hs->last_raw;
        e.len = hs->last_raw_len;
        if (hs->span_buf != NULL && !hs->spans.overflow) {
            e.spans = hs->spans.v;
            e.n_spans = hs->spans.n;
        }
        e.spans_overflow = hs->span_buf != NULL && hs->spans.overflow;
    }
    cfg->trace(cfg->trace_ctx, &e);
    /* the server's ephemeral X25519 key, kept until the ClientKeyExchange
     * (the client's is traced where it is made, glass_hs_x25519_keypair) */
    if (ev == GLASS_HS_EV_MESSAGE_SENT && hs->last.type == GLASS_HS_SERVER_KEY_EXCHANGE)
        glass_hs_observe_secret(hs, GLASS_SECRET_X25519_PRIVATE, hs->x25519_priv,
                                sizeof hs->x25519_priv);
}

void glass_hs_observe_secret(glass_hs *hs, int which, const uint8_t *p, size_t len)
{
    const glass_config *cfg = hs->env.cfg;
    glass_trace_event e;
    memset(&e, 0, sizeof e);
    e.kind = GLASS_TRACE_SECRET;
    e.is_server = hs->is_server;
    e.secret = (glass_trace_secret)which;
    e.data = p;
    e.len = len;
    e.ems = hs->ems;
    e.resumed = hs->resumed;
    e.sent = hs->secret_sent;
    e.finished_server = hs->secret_finished_server;
    e.client_random = hs->client_random;
    e.server_random = hs->server_random;
    cfg->trace(cfg->trace_ctx, &e);
}

int glass_hs_random(glass_hs *hs, uint8_t *out, size_t len)
{
    int err = hs->env.rng(hs->env.rng_ctx, out, len);
    return err < 0 ? err : 0;
}

int glass_hs_new(glass_hs **out, const glass_hs_env *env)
{
    if (out == NULL || env == NULL || env->cfg == NULL || env->rec == NULL ||
        env->rng == NULL || env->clock == NULL)
        return GLASS_E_INVALID_ARG;
    glass_hs *hs = calloc(1, sizeof *hs);
    if (hs == NULL)
        return GLASS_E_NO_MEMORY;
    hs->env = *env;
    hs->is_server = env->cfg->role == GLASS_ROLE_SERVER;
    hs->state = glass_hs_roles[hs->is_server].flavours[0].steps[0]->state;
    hs->last.type = GLASS_HS_NONE;
    if (env->cfg->trace != NULL) {           /* the byte map, for the trace only */
        hs->span_buf = calloc(GLASS_HS_MAX_SPANS, sizeof *hs->span_buf);
        if (hs->span_buf == NULL) {
            free(hs);
            return GLASS_E_NO_MEMORY;
        }
    }
    int err = glass_transcript_init(&hs->transcript);
    if (err != 0) {
        free(hs->span_buf);
        free(hs);
        return err;
    }
    *out = hs;
    return 0;
}

void glass_hs_free(glass_hs *hs)
{
    if (hs == NULL)
        return;
    free(hs->span_buf);
    glass_wipe(hs, sizeof *hs);
    free(hs);
}

size_t glass_hs_memory(const glass_hs *hs)
{
    return hs != NULL ? sizeof *hs : 0;
}

int glass_hs_state(const glass_hs *hs)
{
    return hs->state;
}

const glass_hs_message *glass_hs_last_message(const glass_hs *hs)
{
    return &hs->last;
}

const glass_hs_where *glass_hs_parse_error(const glass_hs *hs)
{
    return hs->where.message != NULL ? &hs->where : NULL;
}

const char *glass_hs_peer_reason(const glass_hs *hs)
{
    return hs->verify.err != 0 ? hs->verify.message : NULL;
}

const char *glass_hs_peer_subject(const glass_hs *hs)
{
    return hs->peer_verified && hs->peer_subject[0] != '\0' ? hs->peer_subject : NULL;
}

int glass_hs_peer_verified(const glass_hs *hs)
{
    return hs->peer_verified;
}

const char *glass_hs_server_name(const glass_hs *hs)
{
    return hs->peer_server_name[0] != '\0' ? hs->peer_server_name : NULL;
}

uint16_t glass_hs_suite(const glass_hs *hs)
{
    return hs->suite != NULL ? hs->suite->id : 0;
}

int glass_hs_ems(const glass_hs *hs)
{
    return hs->ems;
}

uint16_t glass_hs_group(const glass_hs *hs)
{
    return hs->group;
}

int glass_hs_flavour(int role, size_t index, glass_hs_flavour_info *out)
{
    const glass_hs_role_def *r = &glass_hs_roles[role ? 1 : 0];
    if (index >= r->n_flavours || out == NULL)
        return 0;
    const glass_hs_flavour_def *f = &r->flavours[index];
    out->name = f->name;
    out->n_steps = f->n_steps;
    out->from = f->from;
    out->at = f->at;
    out->condition = f->when != NULL ? f->when->name : "always";
    out->peer_decides = f->when != NULL && f->when->peer_decides;
    return 1;
}

int glass_hs_flavour_step(int role, size_t fl, size_t index, glass_hs_step_info *out)
{
    const glass_hs_role_def *r = &glass_hs_roles[role ? 1 : 0];
    if (fl >= r->n_flavours || index >= r->flavours[fl].n_steps || out == NULL)
        return 0;
    const glass_hs_step_def *st = r->flavours[fl].steps[index];
    out->state = st->state;
    out->we_send = (int)st->from == (role ? 1 : 0);
    out->msg_type = st->msg_type;
    out->handler = st->handler.name;
    out->condition = st->when != NULL ? st->when->name : "always";
    out->choice = st->when != NULL ? st->when->choice : NULL;
    out->codec = st->codec;
    return 1;
}

int glass_hs_table_step(int role, size_t index, glass_hs_step_info *out)
{
    return glass_hs_flavour_step(role, 0, index, out);
}

static const uint8_t ccs_value = 1;         /* a ChangeCipherSpec's one byte */

/* Starts the byte map of the step's message (only when tracing): origin
 * for a parsed message, offset 0 of the writer for a written one. */
static glass_spans *spans_begin(glass_hs *hs, const uint8_t *origin)
{
    if (hs->span_buf == NULL)
        return NULL;
    glass_spans_init(&hs->spans, hs->span_buf, GLASS_HS_MAX_SPANS);
    hs->spans.origin = origin;
    return &hs->spans;
}

static int run_send(glass_hs *hs, const glass_hs_step_def *st)
{
    glass_record *rec = hs->env.rec;
    glass_hs_io io = { NULL, 0, NULL };
    int err;

    memset(&hs->last, 0, sizeof hs->last);
    hs->last.type = st->msg_type;
    hs->last.sent = 1;
    if (st->msg_type == GLASS_HS_CHANGE_CIPHER_SPEC) {
        err = st->handler.fn(hs, &io);
        if (err == 0)
            err = glass_record_queue_ccs(rec);
        hs->last.u.change_cipher_spec.type = 1;
        hs->last_raw = &ccs_value;
        hs->last_raw_len = 1;
        glass_spans *sp = spans_begin(hs, &ccs_value);
        if (sp != NULL)
            glass_spans_add(sp, GLASS_F_CCS_TYPE, 0, 1, 0);
        return err;
    }

    size_t cap;
    uint8_t *buf = glass_record_hs_out(rec, &cap);
    glass_writer w;
    if (buf == NULL)
        return GLASS_E_STATE;
    glass_writer_init(&w, buf, cap);
    w.spans = spans_begin(hs, buf);          /* wbase 0: the header's first byte */
    size_t mark = glass_hs_header_begin(&w, (uint8_t)st->msg_type);
    io.w = &w;
    err = st->handler.fn(hs, &io);
    if (err != 0)
        return err;
    glass_hs_header_end(&w, mark);
    if (!glass_writer_ok(&w))
        return GLASS_E_BUFFER_TOO_SMALL;   /* our message exceeds max_handshake_size */
    glass_transcript_add(&hs->transcript, buf, w.len);
    hs->last_raw = buf;
    hs->last_raw_len = w.len;
    return glass_record_queue_handshake(rec, w.len);
}

/* The next message from the peer: the one looked at already (peek_type),
 * or the next the record layer has. */
static int next_message(glass_hs *hs, glass_record_msg *m)
{
    if (hs->peeked) {
        *m = hs->peek;
        hs->peeked = 0;
        return 0;
    }
    for (;;) {
        int err = glass_record_next(hs->env.rec, m);
        if (err != 0)
            return err;                    /* WANT_READ: nothing consumed */
        /* RFC 5246 7.4.1.1: a client ignores a HelloRequest that arrives
         * during a handshake (it is not hashed either); a flood of them is
         * unexpected. */
        if (hs->is_server || m->type != GLASS_CT_HANDSHAKE || m->len != GLASS_HS_HEADER_SIZE ||
            glass_hs_header_parse(m->data).type != GLASS_HS_HELLO_REQUEST)
            return 0;
        if (++hs->hello_requests > GLASS_HS_MAX_HELLO_REQUESTS)
            return GLASS_E_UNEXPECTED_MESSAGE;
    }
}

/* The type of the peer's next message without taking it (the next
 * next_message() returns it): a glass_hs_type, GLASS_HS_CHANGE_CIPHER_SPEC,
 * GLASS_HS_NONE for application data, or an error (WANT_READ). */
static int peek_type(glass_hs *hs)
{
    if (!hs->peeked) {
        int err = next_message(hs, &hs->peek);
        if (err != 0)
            return err;
        hs->peeked = 1;
    }
    if (hs->peek.type == GLASS_CT_CHANGE_CIPHER_SPEC)
        return GLASS_HS_CHANGE_CIPHER_SPEC;
    if (hs->peek.type != GLASS_CT_HANDSHAKE || hs->peek.len < GLASS_HS_HEADER_SIZE)
        return GLASS_HS_NONE;
    return glass_hs_header_parse(hs->peek.data).type;
}

/* Takes the fork of a flavour that parts from the one being run at row
 * hs->next, when its condition holds: 0 (taken or not), 1 when the peer's
 * next message decides and may_peek is 0, or an error (WANT_READ while
 * that message has not come). */
static int take_fork(glass_hs *hs, int may_peek)
{
    const glass_hs_role_def *r = &glass_hs_roles[hs->is_server];
    for (size_t f = 0; f < r->n_flavours; f++) {
        const glass_hs_flavour_def *fl = &r->flavours[f];
        if (f == hs->flavour || fl->when == NULL || fl->from != hs->flavour ||
            fl->at != hs->next)
            continue;
        int take;
        if (fl->when->peer_decides) {
            if (!may_peek)
                return 1;
            int t = peek_type(hs);
            if (t < 0)
                return t;
            take = t == fl->steps[fl->at]->msg_type;
        } else {
            take = fl->when->fn(hs) != 0;
        }
        if (take) {
            hs->flavour = f;               /* the rows before `at` are the same */
            return 0;
        }
    }
    return 0;
}

/* Takes the forks and passes the rows that do not run, each with a
 * "skipped" event.  With may_peek 0 it stops at a fork only the peer's
 * next message decides. */
static int skip_rows(glass_hs *hs, int may_peek)
{
    while (hs->next < flavour(hs)->n_steps) {
        int err = take_fork(hs, may_peek);
        if (err != 0)
            return err < 0 ? err : 0;
        const glass_hs_step_def *st = row(hs);
        if (st->when == NULL || st->when->fn(hs))
            return 0;
        if (!st->when->quiet)              /* a quiet skip is not news */
            glass_hs_observe(hs, GLASS_HS_EV_STEP_SKIPPED);
        hs->next++;
    }
    return 0;
}

static int run_recv(glass_hs *hs, const glass_hs_step_def *st)
{
    glass_record_msg m;
    int err = next_message(hs, &m);
    if (err != 0)
        return err;

    memset(&hs->last, 0, sizeof hs->last);
    hs->last.sent = 0;
    hs->last_raw = m.data;
    hs->last_raw_len = m.len;
    /* the parser reports the body's fields (hs->where.spans), the header's
     * two are the engine's (glass_hs_header_parse reads them) */
    hs->where.spans = spans_begin(hs, m.data);
    if (m.type == GLASS_CT_CHANGE_CIPHER_SPEC) {
        hs->last.type = GLASS_HS_CHANGE_CIPHER_SPEC;
        if (st->msg_type != GLASS_HS_CHANGE_CIPHER_SPEC)
            return GLASS_E_UNEXPECTED_MESSAGE;   /* e.g. a ChangeCipherSpec too early */
        glass_hs_io io = { m.data, m.len, NULL };
        return st->handler.fn(hs, &io);
    }
    if (m.type != GLASS_CT_HANDSHAKE || m.len < GLASS_HS_HEADER_SIZE) {
        hs->last.type = GLASS_HS_NONE;
        return GLASS_E_UNEXPECTED_MESSAGE;       /* application data before Finished */
    }
    glass_hs_header h = glass_hs_header_parse(m.data);
    if (hs->where.spans != NULL) {
        glass_spans_add(hs->where.spans, GLASS_F_HS_TYPE, 0, 1, 0);
        glass_spans_add(hs->where.spans, GLASS_F_HS_LENGTH, 1, 3, 0);
    }
    hs->last.type = h.type;
    if (h.type != st->msg_type)
        return GLASS_E_UNEXPECTED_MESSAGE;
    if (h.body_len != m.len - GLASS_HS_HEADER_SIZE)
        return GLASS_E_DECODE;
    if (st->msg_type == GLASS_HS_FINISHED) {
        /* RFC 5246 7.4.9: the hash of the messages before this one */
        int n = glass_transcript_hash(&hs->transcript, hs->suite->prf_hash, hs->finished_hash);
        if (n < 0)
            return n;
    }
    /* RFC 5246 7.4.8: a CertificateVerify signs the messages before it,
     * with a hash its own first field names: keep them */
    if (st->msg_type == GLASS_HS_CERTIFICATE_VERIFY)
        hs->before_cert_verify = hs->transcript;
    /* the message as it came: for an SSLv2-compatible ClientHello the v2
     * bytes, not the ClientHello the record layer made of them (E.2) */
    if (m.hash != NULL)
        glass_transcript_add(&hs->transcript, m.hash, m.hash_len);
    else
        glass_transcript_add(&hs->transcript, m.data, m.len);
    glass_hs_io io = { m.data + GLASS_HS_HEADER_SIZE, h.body_len, NULL };
    return st->handler.fn(hs, &io);
}

int glass_hs_next_sends(const glass_hs *hs)
{
    /* after a step, skip_rows() has left hs->next at the row that runs
     * next (or at a fork the peer's next message decides: a receive) */
    return hs != NULL && !hs->done && hs->next < flavour(hs)->n_steps && we_send(hs, row(hs));
}

int glass_hs_step(glass_hs *hs)
{
    if (hs == NULL)
        return GLASS_E_INVALID_ARG;
    if (hs->done)
        return GLASS_HS_DONE;
    int err = skip_rows(hs, 1);
    if (err != 0)
        return err;                        /* WANT_READ: the peer has not said yet */
    if (hs->next == flavour(hs)->n_steps)
        return GLASS_E_INTERNAL;          /* a flavour always ends with a step that runs */

    const glass_hs_step_def *st = row(hs);
    int sending = we_send(hs, st);
    hs->state = st->state;
    if (hs->entered != hs->next + 1) {      /* once per step, not per retry */
        hs->entered = hs->next + 1;
        glass_hs_observe(hs, GLASS_HS_EV_STATE_ENTERED);
    }
    err = sending ? run_send(hs, st) : run_recv(hs, st);
    if (err != 0)
        return err;
    glass_hs_observe(hs, sending ? GLASS_HS_EV_MESSAGE_SENT : GLASS_HS_EV_MESSAGE_PARSED);
    hs->next++;
    if (hs->next == flavour(hs)->n_steps) {
        hs->done = 1;
        hs->state = GLASS_ST_APPLICATION_DATA;
        glass_wipe(hs->x25519_priv, sizeof hs->x25519_priv);
        glass_ec_private_wipe(&hs->ec_priv);
        glass_hs_session_done(hs);
        return GLASS_HS_DONE;
    }
    /* the forks already decided are taken and the rows already known not
     * to run are passed now, so the state says which step comes next (only
     * a fork the peer's next message decides waits for that message) */
    err = skip_rows(hs, 0);
    if (err != 0)
        return err;
    if (hs->next == flavour(hs)->n_steps)
        return GLASS_E_INTERNAL;          /* a flavour always ends with a step that runs */
    hs->state = row(hs)->state;
    return 0;
}
