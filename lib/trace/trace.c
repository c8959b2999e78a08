/*
 * trace.c — the trace layer (glasstls/trace.h): the event types are in the
 * header; each emitting site (lib/x509, lib/record, lib/handshake) tests
 * its observer pointer and calls it.  Here: the names of secrets.  The
 * renderers that understand handshake messages are in lib/render.
 */
#include "glasstls/trace.h"

const char *glass_trace_secret_name(glass_trace_secret s)
{
    switch (s) {
    case GLASS_SECRET_PREMASTER:        return "premaster secret";
    case GLASS_SECRET_SESSION_HASH:     return "session hash";
    case GLASS_SECRET_MASTER:           return "master secret";
    case GLASS_SECRET_CLIENT_WRITE_KEY: return "client_write_key";
    case GLASS_SECRET_SERVER_WRITE_KEY: return "server_write_key";
    case GLASS_SECRET_CLIENT_WRITE_IV:  return "client_write_IV";
    case GLASS_SECRET_SERVER_WRITE_IV:  return "server_write_IV";
    case GLASS_SECRET_X25519_PRIVATE:   return "X25519 private key";
    case GLASS_SECRET_FINISHED_HASH:    return "Finished hash";
    }
    return "unknown";
}
