/*
 * alert.c — alert names (RFC 5246 section 7.2) and THE table that maps
 * every glasstls error to the one alert sent to the peer (docs/alerts.md).
 */
#include "glasstls/err.h"
#include "glasstls/record.h"

const char *glass_alert_name(int desc)
{
    switch (desc) {
#define GLASS_ALERT_NAME_(id, name, value) case (value): return (name);
        GLASS_ALERT_LIST(GLASS_ALERT_NAME_)
#undef GLASS_ALERT_NAME_
    default:
        return "unknown";
    }
}

const char *glass_alert_level_name(int level)
{
    switch (level) {
    case GLASS_ALERT_LEVEL_WARNING: return "warning";
    case GLASS_ALERT_LEVEL_FATAL:   return "fatal";
    default:                        return "unknown";
    }
}

const char *glass_content_type_name(int type)
{
    switch (type) {
    case GLASS_CT_CHANGE_CIPHER_SPEC: return "change_cipher_spec";
    case GLASS_CT_ALERT:              return "alert";
    case GLASS_CT_HANDSHAKE:          return "handshake";
    case GLASS_CT_APPLICATION_DATA:   return "application_data";
    default:                          return "unknown";
    }
}

/* The alert for each error (RFC 5246 section 7.2.2 for the meanings).
 * Errors that are not about the peer's input (bad arguments, memory,
 * the RNG, ...) become internal_error. */
int glass_alert_for_error(int err)
{
    switch (err) {
    /* nothing to send: not a failure, or the peer already knows */
    case GLASS_OK:
    case GLASS_E_WANT_READ:
    case GLASS_E_WANT_WRITE:
    case GLASS_E_IO:
    case GLASS_E_EOF:
    case GLASS_E_CLOSED:
    case GLASS_E_ALERT_RECEIVED:
        return GLASS_ALERT_NONE;

    /* record layer */
    case GLASS_E_RECORD_OVERFLOW:     return GLASS_ALERT_RECORD_OVERFLOW;
    case GLASS_E_RECORD_VERSION:      return GLASS_ALERT_PROTOCOL_VERSION;
    case GLASS_E_RECORD_TYPE:         return GLASS_ALERT_UNEXPECTED_MESSAGE;
    case GLASS_E_BAD_RECORD_MAC:      return GLASS_ALERT_BAD_RECORD_MAC;
    case GLASS_E_BAD_TAG:             return GLASS_ALERT_BAD_RECORD_MAC;
    case GLASS_E_RECORD_EMPTY:        return GLASS_ALERT_UNEXPECTED_MESSAGE;
    case GLASS_E_HS_TOO_LARGE:        return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_SEQ_WRAP:            return GLASS_ALERT_INTERNAL_ERROR;

    /* handshake */
    case GLASS_E_PARSE:
    case GLASS_E_DECODE:              return GLASS_ALERT_DECODE_ERROR;
    case GLASS_E_UNEXPECTED_MESSAGE:  return GLASS_ALERT_UNEXPECTED_MESSAGE;
    case GLASS_E_PROTOCOL_VERSION:    return GLASS_ALERT_PROTOCOL_VERSION;
    case GLASS_E_NO_COMMON_SUITE:     return GLASS_ALERT_HANDSHAKE_FAILURE;
    case GLASS_E_BAD_FINISHED:        return GLASS_ALERT_DECRYPT_ERROR;
    case GLASS_E_ILLEGAL_PARAMETER:   return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_UNSUPPORTED_EXTENSION: return GLASS_ALERT_UNSUPPORTED_EXTENSION;
    case GLASS_E_BAD_SKE_SIGNATURE:   return GLASS_ALERT_DECRYPT_ERROR;
    case GLASS_E_RENEGOTIATION:       return GLASS_ALERT_HANDSHAKE_FAILURE; /* RFC 5746 3.4 */
    case GLASS_E_EMS_REQUIRED:        return GLASS_ALERT_HANDSHAKE_FAILURE; /* RFC 7627 5.3 */
    case GLASS_E_HANDSHAKE_FAILURE:   return GLASS_ALERT_HANDSHAKE_FAILURE;
    case GLASS_E_NO_COMPRESSION:      return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_DUPLICATE_EXTENSION: return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_X25519_ZERO:         return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_BAD_KEY_SHARE:       return GLASS_ALERT_ILLEGAL_PARAMETER;
    case GLASS_E_NO_SIGALG:           return GLASS_ALERT_HANDSHAKE_FAILURE;
    case GLASS_E_CHAIN_TOO_LONG:
    case GLASS_E_NO_CERTIFICATE:      return GLASS_ALERT_BAD_CERTIFICATE;
    case GLASS_E_RSA_VERIFY:          return GLASS_ALERT_DECRYPT_ERROR;

    /* the peer's certificate (RFC 5246 7.2.2: certificate_expired also
     * covers "not currently valid") */
    case GLASS_E_DER:
    case GLASS_E_CERT_MALFORMED:
    case GLASS_E_CERT_HOSTNAME:
    case GLASS_E_CERT_BAD_SIGNATURE:
    case GLASS_E_CERT_NOT_CA:
    case GLASS_E_CERT_PATH_TOO_LONG:
    case GLASS_E_CERT_KEY_USAGE:
    case GLASS_E_CERT_WEAK_KEY:
    case GLASS_E_CERT_SHA1:           return GLASS_ALERT_BAD_CERTIFICATE;
    case GLASS_E_CERT_EXPIRED:
    case GLASS_E_CERT_NOT_YET_VALID:  return GLASS_ALERT_CERTIFICATE_EXPIRED;
    case GLASS_E_CERT_UNKNOWN_ISSUER: return GLASS_ALERT_UNKNOWN_CA;
    case GLASS_E_CERT_UNSUPPORTED_ALG:
    case GLASS_E_CERT_UNKNOWN_CRITICAL:
    case GLASS_E_CERT_EXT_KEY_USAGE:
    case GLASS_E_CERT_LEAF_KEY_USAGE: return GLASS_ALERT_UNSUPPORTED_CERTIFICATE;
    /* the server certificate's RSA key cannot be loaded (even modulus, ...) */
    case GLASS_E_RSA_KEY:             return GLASS_ALERT_BAD_CERTIFICATE;

    default:                          return GLASS_ALERT_INTERNAL_ERROR;
    }
}
