/*
 * verify.h — the one certificate check that depends on the handshake
 * (verify.c): whether the server's key may be used the way the negotiated
 * cipher suite uses it.  glass_x509_verify() (glasstls/x509.h) checks
 * everything else, before the suite matters.
 */
#ifndef GLASS_X509_VERIFY_H
#define GLASS_X509_VERIFY_H

#include "glasstls/x509.h"

/* RFC 5246 section 7.4.2 and RFC 5280 section 4.2.1.3: when the leaf has a
 * keyUsage extension, it must allow `need`, the one GLASS_KU_* bit the
 * suite uses: GLASS_KU_DIGITAL_SIGNATURE when the key signs the
 * ServerKeyExchange (ECDHE_RSA), GLASS_KU_KEY_ENCIPHERMENT when the
 * premaster secret is encrypted to it (RSA key exchange).  `suite` names
 * the suite for the message (may be NULL).  Returns 0,
 * GLASS_E_CERT_KU_SIGNATURE or GLASS_E_CERT_KU_ENCIPHERMENT (filling
 * detail, which may be NULL, as glass_x509_verify() does: the certificate,
 * the missing bit, the bits it has), or GLASS_E_INVALID_ARG for another
 * `need`. */
int glass_x509_check_suite_key_usage(const glass_x509_cert *leaf, unsigned need,
                                     const char *suite, glass_x509_verify_detail *detail);

#endif /* GLASS_X509_VERIFY_H */
