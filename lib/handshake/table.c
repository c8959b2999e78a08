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
 *                      <--  ServerKeyExchange   (ECDHE only)
 *                      <--  CertificateRequest  (if the server asks)
 *                      <--  ServerHelloDone
 *   Certificate        -->                      (if asked: empty)
 *   ClientKeyExchange  -->
 *   [ChangeCipherSpec] -->
 *   Finished           -->
 *                      <--  [ChangeCipherSpec]
 *                      <--  Finished
 *   Application Data  <-->  Application Data
 */
#include "handshake/hs_internal.h"

/* RFC 8422 section 5.4: a ServerKeyExchange only with ECDHE; the RSA
 * suites have none (RFC 5246 section 7.4.3). */
static int is_ecdhe(const glass_hs *hs)
{
    return hs->suite != NULL && glass_kx_is_ecdhe(hs->suite->kx);
}

static const glass_hs_cond_def ecdhe_only = {
    is_ecdhe, "is_ecdhe", "RSA key exchange", 0
};

/* RFC 5246 section 7.4.4: a server may ask for the client's certificate;
 * only the server knows beforehand (its config), the client sees it come
 * or not (peer_decides: the engine looks at the next message). */
static int cert_requested(const glass_hs *hs)
{
    return hs->cert_requested;
}

static const glass_hs_cond_def server_asks = {
    cert_requested, "cert_requested", "the server does not ask for a client certificate", 1
};
static const glass_hs_cond_def after_request = {
    cert_requested, "cert_requested", "no CertificateRequest", 0
};

#define CLIENT GLASS_HS_FROM_CLIENT
#define SERVER GLASS_HS_FROM_SERVER
#define CODEC(file) "lib/handshake/" file
#define H GLASS_HS_HANDLER

const glass_hs_step_def glass_hs_table[] = {
    /* state, sent by, message, its writer and parser, runs when (NULL: always),
     *     { the client's handler }, { the server's handler } */
    { GLASS_ST_CLIENT_HELLO, CLIENT, GLASS_HS_CLIENT_HELLO, CODEC("client_hello.c"), NULL,
      { H(glass_client_send_client_hello), H(glass_server_recv_client_hello) } },
    { GLASS_ST_SERVER_HELLO, SERVER, GLASS_HS_SERVER_HELLO, CODEC("server_hello.c"), NULL,
      { H(glass_client_recv_server_hello), H(glass_server_send_server_hello) } },
    { GLASS_ST_SERVER_CERTIFICATE, SERVER, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
      { H(glass_client_recv_certificate), H(glass_server_send_certificate) } },
    { GLASS_ST_SERVER_KEY_EXCHANGE, SERVER, GLASS_HS_SERVER_KEY_EXCHANGE,
      CODEC("server_key_exchange.c"), &ecdhe_only,
      { H(glass_client_recv_server_key_exchange), H(glass_server_send_server_key_exchange) } },
    { GLASS_ST_CERTIFICATE_REQUEST, SERVER, GLASS_HS_CERTIFICATE_REQUEST,
      CODEC("certificate_request.c"), &server_asks,
      { H(glass_client_recv_certificate_request), H(glass_server_send_certificate_request) } },
    { GLASS_ST_SERVER_HELLO_DONE, SERVER, GLASS_HS_SERVER_HELLO_DONE,
      CODEC("server_hello_done.c"), NULL,
      { H(glass_client_recv_server_hello_done), H(glass_server_send_server_hello_done) } },
    { GLASS_ST_CLIENT_CERTIFICATE, CLIENT, GLASS_HS_CERTIFICATE, CODEC("certificate.c"),
      &after_request,
      { H(glass_client_send_certificate), H(glass_server_recv_certificate) } },
    { GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
      CODEC("client_key_exchange.c"), NULL,
      { H(glass_client_send_client_key_exchange), H(glass_server_recv_client_key_exchange) } },
    { GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC, CLIENT, GLASS_HS_CHANGE_CIPHER_SPEC,
      CODEC("change_cipher_spec.c"), NULL,
      { H(glass_client_send_change_cipher_spec), H(glass_hs_recv_change_cipher_spec) } },
    { GLASS_ST_CLIENT_FINISHED, CLIENT, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
      { H(glass_hs_send_finished), H(glass_hs_recv_finished) } },
    { GLASS_ST_SERVER_CHANGE_CIPHER_SPEC, SERVER, GLASS_HS_CHANGE_CIPHER_SPEC,
      CODEC("change_cipher_spec.c"), NULL,
      { H(glass_hs_recv_change_cipher_spec), H(glass_server_send_change_cipher_spec) } },
    { GLASS_ST_SERVER_FINISHED, SERVER, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
      { H(glass_hs_recv_finished), H(glass_hs_send_finished) } },
};
const size_t glass_hs_table_len = sizeof glass_hs_table / sizeof glass_hs_table[0];
