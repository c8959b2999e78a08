/*
 * table.c — THE handshake of TLS 1.2 (RFC 5246 section 7.3, Figure 1) as
 * one ordered table of steps for both roles.  Each row is one message:
 * who sends it, the file of its writer and parser, when it is sent at all,
 * and the function of each role that does the work (engine.c runs one row
 * per glass_hs_step(); docs/state-diagram.md is drawn from this table).
 *
 *   ClientHello        -->
 *                      <--  ServerHello
 *                      <--  Certificate
 *                      <--  ServerKeyExchange   (ECDHE_RSA only)
 *                      <--  CertificateRequest  (if the server asks)
 *                      <--  ServerHelloDone
 *   Certificate        -->                      (if asked: empty)
 *   ClientKeyExchange  -->
 *   [ChangeCipherSpec] -->
 *   Finished           -->
 *                      <--  [ChangeCipherSpec]
 *                      <--  Finished
 *   Application Data  <-->  Application Data
 *
 * and, in the same table, the abbreviated handshake of a resumed session
 * (RFC 5246 Figure 2; resume.c): the rows of flavour ABBR below.  The
 * last column of each row says which flavour it belongs to (FULL, ABBR,
 * BOTH); a row of the other flavour is passed without a word.
 *
 *   ClientHello        -->
 *                      <--  ServerHello          (the session_id echoed)
 *                      <--  [NewSessionTicket]   (ABBR, if a ticket)
 *                      <--  [ChangeCipherSpec]
 *                      <--  Finished
 *   [ChangeCipherSpec] -->                       (ABBR)
 *   Finished           -->                       (ABBR)
 * A full handshake sends its NewSessionTicket after the client's Finished
 * (the FULL row before the server's ChangeCipherSpec).
 */
#include "handshake/hs_internal.h"

/* RFC 8422 section 5.4: a ServerKeyExchange only with ECDHE; the RSA
 * suites have none (RFC 5246 section 7.4.3). */
static int is_ecdhe(const glass_hs *hs)
{
    return hs->suite != NULL && hs->suite->kx == GLASS_KX_ECDHE_RSA;
}

static const glass_hs_cond_def ecdhe_only = {
    is_ecdhe, "is_ecdhe", "RSA key exchange", 0, 0
};

/* RFC 5246 section 7.4.4: a server may ask for the client's certificate;
 * only the server knows beforehand (its config), the client sees it come
 * or not (peer_decides: the engine looks at the next message). */
static int cert_requested(const glass_hs *hs)
{
    return hs->cert_requested;
}

static const glass_hs_cond_def server_asks = {
    cert_requested, "cert_requested", "the server does not ask for a client certificate", 1, 0
};
static const glass_hs_cond_def after_request = {
    cert_requested, "cert_requested", "no CertificateRequest", 0, 0
};

/* RFC 5077 section 3.3: a NewSessionTicket comes when the ServerHello
 * carried the SessionTicket extension (the server decides; the client
 * knows from the ServerHello).  Not sent is not news: quiet. */
static int ticket_expected(const glass_hs *hs)
{
    return hs->ticket_expected;
}

static const glass_hs_cond_def ticket_promised = {
    ticket_expected, "ticket_expected", "no session ticket", 0, 1
};

#define CLIENT GLASS_HS_FROM_CLIENT
#define SERVER GLASS_HS_FROM_SERVER
#define CODEC(file) "lib/handshake/" file
#define H GLASS_HS_HANDLER

#define FULL GLASS_HS_FULL
#define ABBR GLASS_HS_ABBREVIATED
#define BOTH GLASS_HS_BOTH

const glass_hs_step_def glass_hs_table[] = {
    /* state, sent by, message, its writer and parser, runs when (NULL: always),
     *     { the client's handler }, { the server's handler }, flavours */
    { GLASS_ST_CLIENT_HELLO, CLIENT, GLASS_HS_CLIENT_HELLO, CODEC("client_hello.c"), NULL,
      { H(glass_client_send_client_hello), H(glass_server_recv_client_hello) }, BOTH },
    { GLASS_ST_SERVER_HELLO, SERVER, GLASS_HS_SERVER_HELLO, CODEC("server_hello.c"), NULL,
      { H(glass_client_recv_server_hello), H(glass_server_send_server_hello) }, BOTH },
    { GLASS_ST_NEW_SESSION_TICKET, SERVER, GLASS_HS_NEW_SESSION_TICKET,
      CODEC("new_session_ticket.c"), &ticket_promised,
      { H(glass_client_recv_new_session_ticket), H(glass_server_send_new_session_ticket) },
      ABBR },
    { GLASS_ST_SERVER_CERTIFICATE, SERVER, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
      { H(glass_client_recv_certificate), H(glass_server_send_certificate) }, FULL },
    { GLASS_ST_SERVER_KEY_EXCHANGE, SERVER, GLASS_HS_SERVER_KEY_EXCHANGE,
      CODEC("server_key_exchange.c"), &ecdhe_only,
      { H(glass_client_recv_server_key_exchange), H(glass_server_send_server_key_exchange) },
      FULL },
    { GLASS_ST_CERTIFICATE_REQUEST, SERVER, GLASS_HS_CERTIFICATE_REQUEST,
      CODEC("certificate_request.c"), &server_asks,
      { H(glass_client_recv_certificate_request), H(glass_server_send_certificate_request) },
      FULL },
    { GLASS_ST_SERVER_HELLO_DONE, SERVER, GLASS_HS_SERVER_HELLO_DONE,
      CODEC("server_hello_done.c"), NULL,
      { H(glass_client_recv_server_hello_done), H(glass_server_send_server_hello_done) }, FULL },
    { GLASS_ST_CLIENT_CERTIFICATE, CLIENT, GLASS_HS_CERTIFICATE, CODEC("certificate.c"),
      &after_request,
      { H(glass_client_send_certificate), H(glass_server_recv_certificate) }, FULL },
    { GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
      CODEC("client_key_exchange.c"), NULL,
      { H(glass_client_send_client_key_exchange), H(glass_server_recv_client_key_exchange) },
      FULL },
    { GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC, CLIENT, GLASS_HS_CHANGE_CIPHER_SPEC,
      CODEC("change_cipher_spec.c"), NULL,
      { H(glass_client_send_change_cipher_spec), H(glass_hs_recv_change_cipher_spec) }, FULL },
    { GLASS_ST_CLIENT_FINISHED, CLIENT, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
      { H(glass_hs_send_finished), H(glass_hs_recv_finished) }, FULL },
    { GLASS_ST_NEW_SESSION_TICKET, SERVER, GLASS_HS_NEW_SESSION_TICKET,
      CODEC("new_session_ticket.c"), &ticket_promised,
      { H(glass_client_recv_new_session_ticket), H(glass_server_send_new_session_ticket) },
      FULL },
    { GLASS_ST_SERVER_CHANGE_CIPHER_SPEC, SERVER, GLASS_HS_CHANGE_CIPHER_SPEC,
      CODEC("change_cipher_spec.c"), NULL,
      { H(glass_hs_recv_change_cipher_spec), H(glass_server_send_change_cipher_spec) }, BOTH },
    { GLASS_ST_SERVER_FINISHED, SERVER, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
      { H(glass_hs_recv_finished), H(glass_hs_send_finished) }, BOTH },
    /* the abbreviated handshake: the client answers the server's Finished */
    { GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC, CLIENT, GLASS_HS_CHANGE_CIPHER_SPEC,
      CODEC("change_cipher_spec.c"), NULL,
      { H(glass_client_send_change_cipher_spec), H(glass_hs_recv_change_cipher_spec) }, ABBR },
    { GLASS_ST_CLIENT_FINISHED, CLIENT, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
      { H(glass_hs_send_finished), H(glass_hs_recv_finished) }, ABBR },
};
const size_t glass_hs_table_len = sizeof glass_hs_table / sizeof glass_hs_table[0];
