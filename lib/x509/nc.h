/*
 * nc.h — name constraints (RFC 5280 4.2.1.10, applied as section 6.1.3
 * (b)-(c) and 6.1.4 (g) say), internal to lib/x509 (nameconstraints.c).
 *
 * A CA's nameConstraints is parsed strictly once, when the certificate is
 * parsed (glass_x509_nc_parse); verify.c then asks, for every certificate
 * below that CA in a path, whether its names fit (glass_x509_nc_check).
 * Checking each constraining CA on its own is the same as the RFC's
 * running intersection of permitted subtrees and union of excluded ones:
 * a name passes the intersection exactly when it passes every CA.
 */
#ifndef GLASS_X509_NC_H
#define GLASS_X509_NC_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/x509.h"

/* GeneralName choices (RFC 5280 4.2.1.6): the context tag numbers. */
enum {
    GLASS_GN_OTHER = 0, GLASS_GN_RFC822 = 1, GLASS_GN_DNS = 2, GLASS_GN_X400 = 3,
    GLASS_GN_DIR = 4, GLASS_GN_EDI = 5, GLASS_GN_URI = 6, GLASS_GN_IP = 7, GLASS_GN_RID = 8,
};

/* Parses the extnValue contents of a nameConstraints extension:
 *   NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *                                  excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
 *   GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
 *   GeneralSubtree  ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0,
 *                                  maximum [1] OPTIONAL }
 * Refused (GLASS_E_CERT_NC_MALFORMED): neither list present, an empty
 * list, minimum or maximum present (the profile: "minimum MUST be zero,
 * and maximum MUST be absent", and DER omits a DEFAULT), a dNSName base
 * that is not LDH labels (a leading period is the rfc822Name/URI form, not
 * a dNSName one), an iPAddress base that is not 4+4 or 16+16 bytes or
 * whose mask is not a prefix, a directoryName that is not a Name.  On
 * success *out is the contents of the outer SEQUENCE. */
int glass_x509_nc_parse(const uint8_t *p, size_t len, glass_bytes *out);

/* Do the names of c fit the nameConstraints of ca?  The names are c's
 * subject (a directoryName, when not empty), every emailAddress attribute
 * of the subject (an rfc822Name, 6.1.3 (b)), every subjectAltName entry,
 * and with check_cn the subject CN as a dNSName (only when CN fallback is
 * on).  A wildcard dNSName "*.rest" is checked as every name it can match.
 * Returns 0, GLASS_E_CERT_NC_EXCLUDED, GLASS_E_CERT_NC_NOT_PERMITTED or
 * GLASS_E_CERT_NC_UNSUPPORTED, with `why` (may be NULL) naming the name
 * and the subtree. */
int glass_x509_nc_check(const glass_x509_cert *ca, const glass_x509_cert *c, int check_cn,
                        char *why, size_t cap);

/* The subtrees as text, for --explain: "permitted DNS:a.example, IP:10.0.0.0/8;
 * excluded DNS:b.a.example". */
void glass_x509_nc_text(const glass_x509_cert *ca, char *out, size_t cap);

/* Is the DNS name within the subtree of base (label-wise, ASCII
 * case-insensitive; an empty base holds every name)?  With wildcard, name
 * is "*.rest" and the answer is about the names it stands for: excluded =
 * 0 asks "are all of them within", excluded = 1 "is any of them within". */
int glass_x509_nc_dns_within(const uint8_t *name, size_t n, const uint8_t *base, size_t bn,
                             int excluded);

#endif /* GLASS_X509_NC_H */
