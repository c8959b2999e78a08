/*
 * resume.c — session resumption in the handshake: what the client offers,
 * what the server accepts, the NewSessionTicket step of each role, and the
 * session each side keeps when the handshake is done.
 *
 * The abbreviated handshake (RFC 5246 section 7.3, Figure 2; the rows of
 * flavour GLASS_HS_ABBREVIATED in table.c):
 *
 *   ClientHello (session_id / SessionTicket) -->
 *                                  <--  ServerHello (the same session_id)
 *                                  <--  [NewSessionTicket]
 *                                  <--  [ChangeCipherSpec]
 *                                  <--  Finished
 *   [ChangeCipherSpec]  -->
 *   Finished            -->
 *
 * No certificate, no key exchange: the master secret is the session's,
 * and the record keys come from it and the two NEW randoms (RFC 5246
 * section 6.3), so they differ from the original connection's.  The
 * server sends Finished first, because it is the one that decided to
 * resume.
 *
 * The rules a resumption must pass (else: a full handshake, silently):
 *   - the session exists (the cache has the id, or the ticket opens under
 *     a key we hold and is not expired: glasstls/session.h);
 *   - the client offers the session's cipher suite, and we still allow it
 *     (RFC 5246 7.4.1.2: "the server MUST use the same cipher suite");
 *   - the same server name (RFC 6066 section 3: a session is only resumed
 *     for the name it was made for);
 *   - RFC 7627 section 5.3: an EMS session only with an EMS ClientHello,
 *     and a non-EMS session not with an EMS ClientHello.
 * A client whose server resumes breaks off when the server changes the
 * suite (illegal_parameter) or the EMS state (handshake_failure, 7627 5.3).
 */
#include "handshake/hs_internal.h"

#include <string.h>
#include "glasstls/ct.h"
#include "glasstls/err.h"
#include "glasstls/session.h"
#include "handshake/codec.h"
#include "handshake/suites.h"

int glass_hs_set_session(glass_hs *hs, const glass_session *s)
{
    if (hs == NULL || s == NULL || hs->is_server)
        return GLASS_E_INVALID_ARG;
    if (hs->next != 0 || hs->entered != 0)
        return GLASS_E_STATE;
    hs->offer = *s;
    hs->have_offer = 1;
    return 0;
}

int glass_hs_resumed(const glass_hs *hs)
{
    return hs != NULL && hs->resumed;
}

static int suite_allowed(const glass_config *cfg, uint16_t id)
{
    size_t n;
    const uint16_t *ours = glass_suites_ours(cfg, &n);
    for (size_t i = 0; i < n; i++)
        if (ours[i] == id)
            return glass_suite_find(id) != NULL;
    return 0;
}

/* ---- client ---- */

/* May the client offer its session on this connection? */
static int offer_usable(glass_hs *hs)
{
    const glass_config *cfg = hs->env.cfg;
    const glass_session *o = &hs->offer;
    const char *name = cfg->server_name != NULL ? cfg->server_name : "";
    if (!hs->have_offer || (o->session_id_len == 0 && o->ticket_len == 0))
        return 0;
    if (!suite_allowed(cfg, o->suite) || strcmp(name, o->server_name) != 0)
        return 0;
    /* RFC 7627 5.3: a client that requires EMS does not offer a session
     * without it; one that has EMS off cannot resume one with it */
    if ((cfg->require_ems && !o->ems) || (cfg->disable_ems && o->ems))
        return 0;
    int64_t now = hs->env.clock(hs->env.clock_ctx);
    if (o->lifetime != 0 && (now < o->created || (uint64_t)now - (uint64_t)o->created >= o->lifetime))
        return 0;
    return 1;
}

int glass_hs_client_offer(glass_hs *hs, glass_client_hello *ch)
{
    const glass_session *o = &hs->offer;
    int usable = offer_usable(hs);
    hs->offered_id_len = 0;
    if (usable && o->session_id_len > 0) {
        memcpy(hs->offered_id, o->session_id, o->session_id_len);
        hs->offered_id_len = o->session_id_len;
    } else if (usable) {
        /* RFC 5077 3.4: with a ticket and no session_id, the client makes
         * one up, so the server's echo says the ticket was accepted */
        int err = glass_hs_random(hs, hs->offered_id, 32);
        if (err != 0)
            return err;
        hs->offered_id_len = 32;
    }
    memcpy(ch->session_id, hs->offered_id, hs->offered_id_len);
    ch->session_id_len = hs->offered_id_len;
    if (hs->env.cfg->session_tickets || (usable && o->ticket_len > 0)) {
        ch->ext.present |= GLASS_EXTBIT_SESSION_TICKET;
        ch->ext.ticket = usable ? o->ticket : NULL;
        ch->ext.ticket_len = usable ? o->ticket_len : 0;
    }
    return 0;
}

int glass_hs_client_check_resume(glass_hs *hs, const glass_server_hello *sh)
{
    hs->ticket_expected = (sh->ext.present & GLASS_EXTBIT_SESSION_TICKET) != 0;
    if (hs->offered_id_len == 0 || sh->session_id_len != hs->offered_id_len ||
        memcmp(sh->session_id, hs->offered_id, hs->offered_id_len) != 0) {
        hs->session_created = hs->env.clock(hs->env.clock_ctx);
        return 0;                          /* a full handshake */
    }
    const glass_session *o = &hs->offer;
    /* RFC 5246 7.4.1.3: a resumed session keeps its suite */
    if (sh->cipher_suite != o->suite)
        return GLASS_E_RESUME_MISMATCH;
    /* RFC 7627 5.3: "If the original session used the extension but the
     * new ServerHello does not contain the extension, the client MUST
     * abort the handshake"; the same when it appears and was not used */
    if (hs->ems != (o->ems != 0))
        return GLASS_E_RESUME_EMS;
    hs->resumed = 1;
    hs->cert_requested = 0;
    hs->keys_derived = 1;                  /* here, not at ChangeCipherSpec */
    hs->session_created = o->created;
    memcpy(hs->master, o->master, sizeof hs->master);
    memcpy(hs->peer_cert_hash, o->peer_cert_hash, sizeof hs->peer_cert_hash);
    hs->has_peer_hash = o->has_peer_hash;
    return glass_hs_derive_record_keys(hs);
}

/* ---- NewSessionTicket (RFC 5077 section 3.3) ---- */
int glass_client_recv_new_session_ticket(glass_hs *hs, glass_hs_io *io)
{
    glass_new_session_ticket *m = &hs->last.u.new_session_ticket;
    int err = glass_new_session_ticket_parse(m, io->body, io->len, &hs->where);
    if (err != 0)
        return err;
    /* a ticket longer than we keep (or an empty one) leaves the session
     * to its session_id */
    if (m->ticket_len > 0 && m->ticket_len <= sizeof hs->ticket) {
        memcpy(hs->ticket, m->ticket, m->ticket_len);
        hs->ticket_len = m->ticket_len;
        hs->ticket_hint = m->ticket_lifetime_hint;
    }
    return 0;
}

/* What this connection's session is, from the handshake state. */
static void session_of(const glass_hs *hs, glass_session *s)
{
    memset(s, 0, sizeof *s);
    s->suite = hs->suite->id;
    s->ems = hs->ems ? 1 : 0;
    memcpy(s->master, hs->master, sizeof s->master);
    memcpy(s->session_id, hs->session_id, hs->session_id_len);
    s->session_id_len = hs->session_id_len;
    s->created = hs->session_created;
    if (hs->is_server) {
        memcpy(s->server_name, hs->peer_server_name, sizeof s->server_name);
    } else {
        const char *name = hs->env.cfg->server_name;
        if (name != NULL && strlen(name) <= GLASS_SESSION_NAME_MAX)
            memcpy(s->server_name, name, strlen(name) + 1);
        memcpy(s->peer_cert_hash, hs->peer_cert_hash, sizeof s->peer_cert_hash);
        s->has_peer_hash = (uint8_t)hs->has_peer_hash;
    }
}

int glass_server_send_new_session_ticket(glass_hs *hs, glass_hs_io *io)
{
    glass_new_session_ticket *m = &hs->last.u.new_session_ticket;
    glass_session s;
    uint8_t iv[GLASS_TICKET_IV_SIZE];
    uint8_t ticket[GLASS_TICKET_SEALED_MAX];
    size_t len = 0;
    int err = glass_hs_random(hs, iv, sizeof iv);
    if (err != 0)
        return err;
    session_of(hs, &s);
    err = glass_ticket_seal(hs->env.cfg->ticket_keys, &s, iv, ticket, sizeof ticket, &len);
    glass_session_wipe(&s);
    if (err != 0)
        return err;
    m->ticket_lifetime_hint = glass_ticket_keys_lifetime(hs->env.cfg->ticket_keys);
    m->ticket = ticket;
    m->ticket_len = len;
    size_t at = io->w->len + 4 + 2;        /* where the ticket's bytes land */
    err = glass_new_session_ticket_write(m, io->w);
    m->ticket = io->w->buf + at;           /* for the trace: the bytes as sent */
    return err;
}

/* ---- server ---- */

static int may_resume(const glass_hs *hs, const glass_client_hello *ch, const glass_session *s)
{
    int offered = 0;
    for (size_t i = 0; i < ch->n_cipher_suites; i++)
        offered |= ch->cipher_suites[i] == s->suite;
    if (!offered || !suite_allowed(hs->env.cfg, s->suite))
        return 0;
    if (strcmp(s->server_name, ch->ext.server_name) != 0)
        return 0;
    /* RFC 7627 5.3: both directions of an EMS mismatch mean a full handshake */
    return (s->ems != 0) == (hs->ems != 0);
}

int glass_hs_server_try_resume(glass_hs *hs, const glass_client_hello *ch)
{
    const glass_config *cfg = hs->env.cfg;
    int64_t now = hs->env.clock(hs->env.clock_ctx);
    glass_session s;
    int found = 0;

    hs->ticket_expected = cfg->ticket_keys != NULL &&
                          (ch->ext.present & GLASS_EXTBIT_SESSION_TICKET) != 0;
    hs->session_created = now;
    /* RFC 5077 3.4: a ticket first; one that does not open (any reason)
     * falls back to the session_id, then to a full handshake.  A ticket
     * comes with a session_id for the server to echo (glasstls's client
     * always makes one up): without one the client could not tell from
     * the ServerHello that it was accepted, so it is not used. */
    if (hs->ticket_expected && ch->ext.ticket_len > 0 && ch->session_id_len > 0)
        found = glass_ticket_open(cfg->ticket_keys, ch->ext.ticket, ch->ext.ticket_len, now,
                                  &s) == 0;
    if (!found && cfg->session_cache != NULL && ch->session_id_len > 0)
        found = glass_session_cache_get(cfg->session_cache, ch->session_id, ch->session_id_len,
                                        now, &s) == 0;
    if (found && may_resume(hs, ch, &s)) {
        hs->resumed = 1;
        hs->suite = glass_suite_find(s.suite);
        hs->cert_requested = 0;
        hs->session_created = s.created;
        memcpy(hs->master, s.master, sizeof hs->master);
        /* the session_id is echoed (RFC 5246 7.4.1.3; RFC 5077 3.4) */
        memcpy(hs->session_id, ch->session_id, ch->session_id_len);
        hs->session_id_len = ch->session_id_len;
    }
    glass_session_wipe(&s);
    return 0;
}

void glass_hs_session_done(glass_hs *hs)
{
    const glass_config *cfg = hs->env.cfg;
    if (!hs->is_server || hs->resumed || cfg->session_cache == NULL || hs->session_id_len == 0)
        return;
    glass_session s;
    session_of(hs, &s);
    glass_session_cache_put(cfg->session_cache, &s);   /* only an invalid id fails */
    glass_session_wipe(&s);
}

void glass_hs_session_failed(glass_hs *hs)
{
    const glass_config *cfg = hs->env.cfg;
    /* a ticket cannot be taken back; a cached session can */
    if (hs->is_server && cfg->session_cache != NULL && hs->session_id_len > 0)
        glass_session_cache_remove(cfg->session_cache, hs->session_id, hs->session_id_len);
}

int glass_hs_get_session(const glass_hs *hs, glass_session *out)
{
    if (hs == NULL || out == NULL)
        return GLASS_E_INVALID_ARG;
    memset(out, 0, sizeof *out);
    if (!hs->done || hs->suite == NULL)
        return GLASS_E_STATE;
    session_of(hs, out);
    if (hs->ticket_len > 0) {
        memcpy(out->ticket, hs->ticket, hs->ticket_len);
        out->ticket_len = hs->ticket_len;
        out->lifetime = hs->ticket_hint;
    } else if (hs->resumed) {
        /* no new ticket: the one that resumed still stands */
        memcpy(out->ticket, hs->offer.ticket, hs->offer.ticket_len);
        out->ticket_len = hs->offer.ticket_len;
        out->lifetime = hs->offer.lifetime;
    }
    if (out->session_id_len == 0 && out->ticket_len == 0) {
        glass_session_wipe(out);
        return GLASS_E_SESSION_NOT_FOUND;
    }
    return 0;
}
