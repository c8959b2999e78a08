/*
 * alert.c — alert names (RFC 5246 section 7.2) and glass_alert_for_error(),
 * expanded from the alert column of the error list in glasstls/err.h: the
 * one table that maps every glasstls error to the alert sent to the peer
 * (docs/alerts.md).
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

/* The alert for each error: the alert column of GLASS_ERROR_LIST
 * (glasstls/err.h), where every code states its alert (RFC 5246 section
 * 7.2.2 for the meanings).  A number that is not a glasstls code can only
 * come from a bug in glasstls itself: internal_error. */
int glass_alert_for_error(int err)
{
    switch (err) {
#define GLASS_ERR_ALERT_(name, value, alert, text) case (value): return GLASS_ALERT_##alert;
        GLASS_ERROR_LIST(GLASS_ERR_ALERT_)
#undef GLASS_ERR_ALERT_
    default:
        return GLASS_ALERT_INTERNAL_ERROR;
    }
}
