/*
 * names.c — printable names for handshake message types and states (the
 * state names come from the one GLASS_HS_STATE_LIST in handshake.h).
 */
#include "glasstls/handshake.h"

const char *glass_hs_type_name(int type)
{
    switch (type) {
    case GLASS_HS_HELLO_REQUEST:       return "HelloRequest";
    case GLASS_HS_CLIENT_HELLO:        return "ClientHello";
    case GLASS_HS_SERVER_HELLO:        return "ServerHello";
    case GLASS_HS_NEW_SESSION_TICKET:  return "NewSessionTicket";
    case GLASS_HS_CERTIFICATE:         return "Certificate";
    case GLASS_HS_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case GLASS_HS_CERTIFICATE_REQUEST: return "CertificateRequest";
    case GLASS_HS_SERVER_HELLO_DONE:   return "ServerHelloDone";
    case GLASS_HS_CERTIFICATE_VERIFY:  return "CertificateVerify";
    case GLASS_HS_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case GLASS_HS_FINISHED:            return "Finished";
    case GLASS_HS_CHANGE_CIPHER_SPEC:  return "ChangeCipherSpec";
    case GLASS_HS_NONE:                return "none";
    default:                           return "unknown";
    }
}

static const char *const state_names[GLASS_ST_COUNT] = {
#define GLASS_ST_NAME_(id, name) name,
    GLASS_HS_STATE_LIST(GLASS_ST_NAME_)
#undef GLASS_ST_NAME_
};

const char *glass_hs_state_name(glass_hs_state_id state)
{
    if ((int)state < 0 || (int)state >= GLASS_ST_COUNT)
        return "unknown";
    return state_names[state];
}
