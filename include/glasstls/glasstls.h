/*
 * glasstls/glasstls.h — the umbrella header: includes every public module.
 */
#ifndef GLASSTLS_GLASSTLS_H
#define GLASSTLS_GLASSTLS_H

#include "glasstls/export.h"
#include "glasstls/err.h"
#include "glasstls/util.h"
#include "glasstls/iana.h"
#include "glasstls/ct.h"
#include "glasstls/hw.h"
#include "glasstls/sha2.h"
#include "glasstls/hmac.h"
#include "glasstls/drbg.h"
#include "glasstls/prf.h"
#include "glasstls/aes.h"
#include "glasstls/gcm.h"
#include "glasstls/rsa.h"
#include "glasstls/x25519.h"
#include "glasstls/ec.h"
#include "glasstls/record.h"
#include "glasstls/session.h"
#include "glasstls/config.h"
#include "glasstls/tls.h"
#include "glasstls/handshake.h"
#include "glasstls/fields.h"
#include "glasstls/trace.h"
#include "glasstls/capture.h"
#include "glasstls/x509.h"

#endif /* GLASSTLS_GLASSTLS_H */
