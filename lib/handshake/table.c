/*
 * table.c — the handshakes of TLS 1.2 (RFC 5246 section 7.3, Figures 1
 * and 2) as data: for each role, one ordered list of steps per handshake
 * flavour.  Each step is one message: who sends it, the file of its writer
 * and parser, when it runs within its flavour, and the one handler of this
 * role that does the work (engine.c runs one step per glass_hs_step();
 * docs/state-diagram.md is drawn from these lists by glass-states).
 *
 * The full handshake, and (*) what a client certificate adds:
 *
 *   ClientHello         -->
 *                       <--  ServerHello
 *                       <--  Certificate
 *                       <--  ServerKeyExchange    (ECDHE only)
 *                       <--  CertificateRequest*
 *                       <--  ServerHelloDone
 *   Certificate*        -->                       (empty when the client has none)
 *   ClientKeyExchange   -->                       (RSA: encrypted premaster;
 *                                                  ECDHE: the client's share)
 *   CertificateVerify*  -->                       (only after a non-empty Certificate)
 *   [ChangeCipherSpec]  -->
 *   Finished            -->
 *                       <--  [ChangeCipherSpec]
 *                       <--  Finished
 *   Application Data   <-->  Application Data
 *
 * The rules of the data:
 *   - a message that is there or not in an otherwise equal sequence is a
 *     step with a condition (ServerKeyExchange: is_ecdhe); the trace says
 *     when and why it is skipped;
 *   - a step that is done one way or another is one step per way, each
 *     with its condition, in one CHOICE (the RSA or the ECDHE
 *     ClientKeyExchange): exactly one of them runs;
 *   - a different sequence is a FLAVOUR: its own list, and a fork from the
 *     flavour it leaves (usually the first, the full handshake) at the row
 *     where the two lists part, with the condition that takes it.  Up to
 *     that row the lists name the same steps (tests/test_mtls.c checks
 *     it).  The server decides from its configuration and the
 *     ClientHello; the client learns it from what the server sends
 *     (peer_decides: the type of the next message).
 * Adding a flavour is adding a list to each role's flavours[] below with
 * its `from`, `at` and condition, and the handlers of any new steps.
 *
 * The abbreviated handshake of a resumed session (RFC 5246 Figure 2;
 * resume.c) forks from the full one right after the ServerHello: the
 * server decided when it read the ClientHello (hs->resumed), the client
 * learns it from the ServerHello (its session_id echoed).  The server
 * sends its ChangeCipherSpec and Finished FIRST:
 *
 *   ClientHello         -->                       (session_id / SessionTicket)
 *                       <--  ServerHello          (the same session_id)
 *                       <--  NewSessionTicket*    (when a ticket was asked for)
 *                       <--  [ChangeCipherSpec]
 *                       <--  Finished
 *   [ChangeCipherSpec]  -->
 *   Finished            -->
 *
 * (*) NewSessionTicket (RFC 5077 3.3) is a step of every flavour, when
 * the ServerHello carried the SessionTicket extension; in the full
 * handshakes it comes after the client's Finished.  Its condition is
 * quiet: a handshake without tickets does not mention it.
 */
#include "handshake/hs_internal.h"

/* RFC 8422 section 5.4: a ServerKeyExchange only with ECDHE; the RSA
 * suites have none (RFC 5246 section 7.4.3). */
static int is_ecdhe(const glass_hs *hs)
{
    return hs->suite != NULL && glass_kx_is_ecdhe(hs->suite->kx);
}

static int is_rsa(const glass_hs *hs)
{
    return hs->suite != NULL && hs->suite->kx == GLASS_KX_RSA;
}

static const glass_hs_cond_def ecdhe_only = {
    is_ecdhe, "is_ecdhe", "RSA key exchange", 0, NULL, 0
};
/* RFC 5246 section 7.4.7: the ClientKeyExchange is one of two */
static const glass_hs_cond_def kx_rsa = {
    is_rsa, "is_rsa", "ECDHE key exchange", 0, "key exchange", 0
};
static const glass_hs_cond_def kx_ecdhe = {
    is_ecdhe, "is_ecdhe", "RSA key exchange", 0, "key exchange", 0
};

/* RFC 5246 section 7.4.4: the server asks for the client's certificate
 * (its configuration); the client sees a CertificateRequest come, or not. */
static int cert_requested(const glass_hs *hs)
{
    return hs->cert_requested;
}

static const glass_hs_cond_def server_asks = {
    cert_requested, "cert_requested", "the server does not ask for a client certificate", 0,
    NULL, 0
};
static const glass_hs_cond_def request_comes = {
    cert_requested, "CertificateRequest comes", "no CertificateRequest", 1, NULL, 0
};

/* RFC 5246 section 7.4.8: a CertificateVerify only after a Certificate
 * with a certificate in it. */
static int client_cert_sent(const glass_hs *hs)
{
    return hs->client_cert_sent;
}

static const glass_hs_cond_def with_client_cert = {
    client_cert_sent, "client_cert_sent", "the client sent no certificate", 0, NULL, 0
};

/* RFC 5077 section 3.3: a NewSessionTicket comes when the ServerHello
 * carried the SessionTicket extension (the server decides; the client
 * knows from the ServerHello). */
static int ticket_expected(const glass_hs *hs)
{
    return hs->ticket_expected;
}

static const glass_hs_cond_def ticket_promised = {
    ticket_expected, "ticket_expected", "no session ticket asked for", 0, NULL, 1
};

/* RFC 5246 section 7.4.1.3: the server resumes the session the client
 * named (resume.c): the abbreviated handshake. */
static int resuming(const glass_hs *hs)
{
    return hs->resumed;
}

static const glass_hs_cond_def session_resumed = {
    resuming, "resumed", "a new session", 0, NULL, 0
};

#define CLIENT GLASS_HS_FROM_CLIENT
#define SERVER GLASS_HS_FROM_SERVER
#define CODEC(file) "lib/handshake/" file
#define H GLASS_HS_HANDLER
#define STEPS(list) list, sizeof list / sizeof list[0]

/* ================= the client ================= */
/* state, sent by, message, its writer and parser, runs when (NULL: always), handler */
static const glass_hs_step_def c_client_hello = {
    GLASS_ST_CLIENT_HELLO, CLIENT, GLASS_HS_CLIENT_HELLO, CODEC("client_hello.c"), NULL,
    H(glass_client_send_client_hello) };
static const glass_hs_step_def c_server_hello = {
    GLASS_ST_SERVER_HELLO, SERVER, GLASS_HS_SERVER_HELLO, CODEC("server_hello.c"), NULL,
    H(glass_client_recv_server_hello) };
static const glass_hs_step_def c_certificate = {
    GLASS_ST_SERVER_CERTIFICATE, SERVER, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
    H(glass_client_recv_certificate) };
static const glass_hs_step_def c_server_key_exchange = {
    GLASS_ST_SERVER_KEY_EXCHANGE, SERVER, GLASS_HS_SERVER_KEY_EXCHANGE,
    CODEC("server_key_exchange.c"), &ecdhe_only, H(glass_client_recv_server_key_exchange) };
static const glass_hs_step_def c_certificate_request = {
    GLASS_ST_CERTIFICATE_REQUEST, SERVER, GLASS_HS_CERTIFICATE_REQUEST,
    CODEC("certificate_request.c"), NULL, H(glass_client_recv_certificate_request) };
static const glass_hs_step_def c_server_hello_done = {
    GLASS_ST_SERVER_HELLO_DONE, SERVER, GLASS_HS_SERVER_HELLO_DONE,
    CODEC("server_hello_done.c"), NULL, H(glass_client_recv_server_hello_done) };
static const glass_hs_step_def c_client_certificate = {
    GLASS_ST_CLIENT_CERTIFICATE, CLIENT, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
    H(glass_client_send_certificate) };
static const glass_hs_step_def c_client_key_exchange_rsa = {
    GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
    CODEC("client_key_exchange.c"), &kx_rsa, H(glass_client_send_client_key_exchange_rsa) };
static const glass_hs_step_def c_client_key_exchange_ecdhe = {
    GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
    CODEC("client_key_exchange.c"), &kx_ecdhe, H(glass_client_send_client_key_exchange_ecdhe) };
static const glass_hs_step_def c_certificate_verify = {
    GLASS_ST_CERTIFICATE_VERIFY, CLIENT, GLASS_HS_CERTIFICATE_VERIFY,
    CODEC("certificate_verify.c"), &with_client_cert, H(glass_client_send_certificate_verify) };
static const glass_hs_step_def c_change_cipher_spec = {
    GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC, CLIENT, GLASS_HS_CHANGE_CIPHER_SPEC,
    CODEC("change_cipher_spec.c"), NULL, H(glass_client_send_change_cipher_spec) };
static const glass_hs_step_def c_finished = {
    GLASS_ST_CLIENT_FINISHED, CLIENT, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
    H(glass_client_send_finished) };
static const glass_hs_step_def c_new_session_ticket = {
    GLASS_ST_NEW_SESSION_TICKET, SERVER, GLASS_HS_NEW_SESSION_TICKET,
    CODEC("new_session_ticket.c"), &ticket_promised, H(glass_client_recv_new_session_ticket) };
static const glass_hs_step_def c_server_change_cipher_spec = {
    GLASS_ST_SERVER_CHANGE_CIPHER_SPEC, SERVER, GLASS_HS_CHANGE_CIPHER_SPEC,
    CODEC("change_cipher_spec.c"), NULL, H(glass_client_recv_change_cipher_spec) };
static const glass_hs_step_def c_server_finished = {
    GLASS_ST_SERVER_FINISHED, SERVER, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
    H(glass_client_recv_finished) };

static const glass_hs_step_def *const client_full[] = {
    &c_client_hello,
    &c_server_hello,
    &c_certificate,
    &c_server_key_exchange,
    &c_server_hello_done,                  /* the client-certificate flavour parts here */
    &c_client_key_exchange_rsa,
    &c_client_key_exchange_ecdhe,
    &c_change_cipher_spec,
    &c_finished,
    &c_new_session_ticket,
    &c_server_change_cipher_spec,
    &c_server_finished,
};

static const glass_hs_step_def *const client_full_client_cert[] = {
    &c_client_hello,
    &c_server_hello,
    &c_certificate,
    &c_server_key_exchange,
    &c_certificate_request,                /* row 4: the server asks */
    &c_server_hello_done,
    &c_client_certificate,
    &c_client_key_exchange_rsa,
    &c_client_key_exchange_ecdhe,
    &c_certificate_verify,
    &c_change_cipher_spec,
    &c_finished,
    &c_new_session_ticket,
    &c_server_change_cipher_spec,
    &c_server_finished,
};

static const glass_hs_step_def *const client_abbreviated[] = {
    &c_client_hello,
    &c_server_hello,                       /* row 2: the session_id came back */
    &c_new_session_ticket,
    &c_server_change_cipher_spec,
    &c_server_finished,
    &c_change_cipher_spec,
    &c_finished,
};

static const glass_hs_flavour_def client_flavours[] = {
    { "full", STEPS(client_full), 0, 0, NULL },
    { "full with client certificate", STEPS(client_full_client_cert), 0, 4, &request_comes },
    { "abbreviated", STEPS(client_abbreviated), 0, 2, &session_resumed },
};

/* ================= the server ================= */
static const glass_hs_step_def s_client_hello = {
    GLASS_ST_CLIENT_HELLO, CLIENT, GLASS_HS_CLIENT_HELLO, CODEC("client_hello.c"), NULL,
    H(glass_server_recv_client_hello) };
static const glass_hs_step_def s_server_hello = {
    GLASS_ST_SERVER_HELLO, SERVER, GLASS_HS_SERVER_HELLO, CODEC("server_hello.c"), NULL,
    H(glass_server_send_server_hello) };
static const glass_hs_step_def s_certificate = {
    GLASS_ST_SERVER_CERTIFICATE, SERVER, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
    H(glass_server_send_certificate) };
static const glass_hs_step_def s_server_key_exchange = {
    GLASS_ST_SERVER_KEY_EXCHANGE, SERVER, GLASS_HS_SERVER_KEY_EXCHANGE,
    CODEC("server_key_exchange.c"), &ecdhe_only, H(glass_server_send_server_key_exchange) };
static const glass_hs_step_def s_certificate_request = {
    GLASS_ST_CERTIFICATE_REQUEST, SERVER, GLASS_HS_CERTIFICATE_REQUEST,
    CODEC("certificate_request.c"), NULL, H(glass_server_send_certificate_request) };
static const glass_hs_step_def s_server_hello_done = {
    GLASS_ST_SERVER_HELLO_DONE, SERVER, GLASS_HS_SERVER_HELLO_DONE,
    CODEC("server_hello_done.c"), NULL, H(glass_server_send_server_hello_done) };
static const glass_hs_step_def s_client_certificate = {
    GLASS_ST_CLIENT_CERTIFICATE, CLIENT, GLASS_HS_CERTIFICATE, CODEC("certificate.c"), NULL,
    H(glass_server_recv_certificate) };
static const glass_hs_step_def s_client_key_exchange_rsa = {
    GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
    CODEC("client_key_exchange.c"), &kx_rsa, H(glass_server_recv_client_key_exchange_rsa) };
static const glass_hs_step_def s_client_key_exchange_ecdhe = {
    GLASS_ST_CLIENT_KEY_EXCHANGE, CLIENT, GLASS_HS_CLIENT_KEY_EXCHANGE,
    CODEC("client_key_exchange.c"), &kx_ecdhe, H(glass_server_recv_client_key_exchange_ecdhe) };
static const glass_hs_step_def s_certificate_verify = {
    GLASS_ST_CERTIFICATE_VERIFY, CLIENT, GLASS_HS_CERTIFICATE_VERIFY,
    CODEC("certificate_verify.c"), &with_client_cert, H(glass_server_recv_certificate_verify) };
static const glass_hs_step_def s_client_change_cipher_spec = {
    GLASS_ST_CLIENT_CHANGE_CIPHER_SPEC, CLIENT, GLASS_HS_CHANGE_CIPHER_SPEC,
    CODEC("change_cipher_spec.c"), NULL, H(glass_server_recv_change_cipher_spec) };
static const glass_hs_step_def s_client_finished = {
    GLASS_ST_CLIENT_FINISHED, CLIENT, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
    H(glass_server_recv_finished) };
static const glass_hs_step_def s_new_session_ticket = {
    GLASS_ST_NEW_SESSION_TICKET, SERVER, GLASS_HS_NEW_SESSION_TICKET,
    CODEC("new_session_ticket.c"), &ticket_promised, H(glass_server_send_new_session_ticket) };
static const glass_hs_step_def s_change_cipher_spec = {
    GLASS_ST_SERVER_CHANGE_CIPHER_SPEC, SERVER, GLASS_HS_CHANGE_CIPHER_SPEC,
    CODEC("change_cipher_spec.c"), NULL, H(glass_server_send_change_cipher_spec) };
static const glass_hs_step_def s_finished = {
    GLASS_ST_SERVER_FINISHED, SERVER, GLASS_HS_FINISHED, CODEC("finished.c"), NULL,
    H(glass_server_send_finished) };

static const glass_hs_step_def *const server_full[] = {
    &s_client_hello,
    &s_server_hello,
    &s_certificate,
    &s_server_key_exchange,
    &s_server_hello_done,                  /* the client-certificate flavour parts here */
    &s_client_key_exchange_rsa,
    &s_client_key_exchange_ecdhe,
    &s_client_change_cipher_spec,
    &s_client_finished,
    &s_new_session_ticket,
    &s_change_cipher_spec,
    &s_finished,
};

static const glass_hs_step_def *const server_full_client_cert[] = {
    &s_client_hello,
    &s_server_hello,
    &s_certificate,
    &s_server_key_exchange,
    &s_certificate_request,                /* row 4: when the config asks */
    &s_server_hello_done,
    &s_client_certificate,
    &s_client_key_exchange_rsa,
    &s_client_key_exchange_ecdhe,
    &s_certificate_verify,
    &s_client_change_cipher_spec,
    &s_client_finished,
    &s_new_session_ticket,
    &s_change_cipher_spec,
    &s_finished,
};

static const glass_hs_step_def *const server_abbreviated[] = {
    &s_client_hello,
    &s_server_hello,                       /* row 2: a session is resumed */
    &s_new_session_ticket,
    &s_change_cipher_spec,
    &s_finished,
    &s_client_change_cipher_spec,
    &s_client_finished,
};

static const glass_hs_flavour_def server_flavours[] = {
    { "full", STEPS(server_full), 0, 0, NULL },
    { "full with client certificate", STEPS(server_full_client_cert), 0, 4, &server_asks },
    { "abbreviated", STEPS(server_abbreviated), 0, 2, &session_resumed },
};

const glass_hs_role_def glass_hs_roles[2] = {
    { STEPS(client_flavours) },
    { STEPS(server_flavours) },
};
