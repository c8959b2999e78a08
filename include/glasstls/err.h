/*
 * glasstls/err.h — error codes shared by every layer.
 *
 * Every glasstls function returns 0 (GLASS_OK) or one of the negative codes
 * below.  glass_strerror() turns any code into a sentence a student can read.
 * Codes are grouped by layer in ranges of 100, so a number alone tells where
 * it came from.  The list is an X-macro: one line gives the name, the value
 * and the sentence, and both the enum and glass_strerror() are made from it.
 * Add new codes inside the range of your module.
 */
#ifndef GLASSTLS_ERR_H
#define GLASSTLS_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, value, sentence) */
#define GLASS_ERROR_LIST(X) \
    X(GLASS_OK,                          0, "success") \
    /* ---- general: -1 .. -99 ---- */ \
    X(GLASS_E_INVALID_ARG,              -1, "invalid argument (a NULL pointer or a value out of range)") \
    X(GLASS_E_BUFFER_TOO_SMALL,         -2, "the output buffer is too small") \
    X(GLASS_E_NO_MEMORY,                -3, "out of memory") \
    X(GLASS_E_IO,                       -4, "the transport or a file reported an I/O error") \
    X(GLASS_E_UNSUPPORTED,              -5, "this option is valid but not supported by glasstls") \
    X(GLASS_E_RNG,                      -6, "the random-number generator failed") \
    X(GLASS_E_INTERNAL,                 -7, "internal error: a consistency check failed") \
    X(GLASS_E_FILE,                     -8, "the file could not be read") \
    X(GLASS_E_LIMIT,                    -9, "a built-in size limit was exceeded") \
    X(GLASS_E_PARSE,                   -10, "malformed input") \
    X(GLASS_E_STATE,                   -11, "this call is not allowed in the current state") \
    /* ---- crypto/: -100 .. -199 ---- */ \
    X(GLASS_E_BAD_TAG,                -100, "authentication failed: the AEAD tag does not match (data altered or wrong key)") \
    X(GLASS_E_BAD_LENGTH,             -101, "a key, IV, tag or data length is not allowed") \
    X(GLASS_E_DRBG_RESEED,            -102, "the random bit generator must be reseeded before more output") \
    X(GLASS_E_DRBG_REQUEST,           -103, "the random bit generator request is too large or its entropy input too short") \
    X(GLASS_E_RSA_KEY,                -110, "the RSA key is invalid") \
    X(GLASS_E_RSA_RANGE,              -111, "the RSA input is not smaller than the modulus") \
    X(GLASS_E_RSA_PADDING,            -112, "the RSA PKCS#1 v1.5 padding is wrong") \
    X(GLASS_E_RSA_VERIFY,             -113, "the RSA signature does not verify") \
    X(GLASS_E_RSA_FAULT,              -114, "the RSA private-key operation failed its self-check (possible fault)") \
    X(GLASS_E_RSA_KEYGEN,             -115, "RSA key generation failed") \
    X(GLASS_E_X25519_ZERO,            -120, "the X25519 shared secret is all zeros (the peer sent a low-order point)") \
    X(GLASS_E_HASH_UNSUPPORTED,       -130, "this hash algorithm is not supported") \
    /* ---- lib/x509: -200 .. -299 (one code per validation reason) ---- */ \
    X(GLASS_E_DER,                    -200, "malformed DER encoding") \
    X(GLASS_E_PEM,                    -201, "malformed PEM encoding") \
    X(GLASS_E_CERT_MALFORMED,         -202, "the certificate is malformed") \
    X(GLASS_E_CERT_EXPIRED,           -203, "the certificate has expired") \
    X(GLASS_E_CERT_NOT_YET_VALID,     -204, "the certificate is not yet valid") \
    X(GLASS_E_CERT_HOSTNAME,          -205, "the certificate does not match the host name") \
    X(GLASS_E_CERT_UNKNOWN_ISSUER,    -206, "the certificate was issued by an unknown certificate authority") \
    X(GLASS_E_CERT_BAD_SIGNATURE,     -207, "the certificate signature does not verify") \
    X(GLASS_E_CERT_NOT_CA,            -208, "an issuing certificate is not a certificate authority") \
    X(GLASS_E_CERT_PATH_TOO_LONG,     -209, "the certificate chain is longer than a path-length constraint allows") \
    X(GLASS_E_CERT_UNSUPPORTED_ALG,   -210, "the certificate uses an unsupported algorithm") \
    X(GLASS_E_CERT_UNKNOWN_CRITICAL,  -211, "the certificate has an unknown critical extension") \
    X(GLASS_E_CERT_KEY_USAGE,         -212, "an issuing certificate lacks the keyCertSign key usage") \
    X(GLASS_E_CERT_EXT_KEY_USAGE,     -213, "the certificate is not allowed for TLS server authentication (extendedKeyUsage)") \
    X(GLASS_E_CERT_WEAK_KEY,          -214, "the certificate key is too weak (RSA keys must be at least 2048 bits)") \
    X(GLASS_E_CERT_SHA1,              -215, "the certificate is signed with SHA-1, which is not accepted") \
    X(GLASS_E_KEY_ENCRYPTED,          -216, "the private key is encrypted; glasstls reads only unencrypted keys") \
    X(GLASS_E_KEY_MALFORMED,          -217, "the private key is malformed") \
    X(GLASS_E_CERT_LEAF_KEY_USAGE,    -218, "the server certificate's keyUsage allows neither digitalSignature nor keyEncipherment") \
    /* ---- lib/record: -300 .. -399 ---- */ \
    X(GLASS_E_WANT_READ,              -300, "the transport would block: call again when there is data to read") \
    X(GLASS_E_WANT_WRITE,             -301, "the transport would block: call again when it can accept data") \
    X(GLASS_E_CLOSED,                 -302, "the peer closed the connection (close_notify)") \
    X(GLASS_E_EOF,                    -303, "the connection ended without close_notify (possible truncation)") \
    X(GLASS_E_RECORD_OVERFLOW,        -304, "a record is longer than TLS allows (record_overflow)") \
    X(GLASS_E_RECORD_VERSION,         -305, "a record carries the wrong protocol version") \
    X(GLASS_E_RECORD_TYPE,            -306, "a record has an unknown content type") \
    X(GLASS_E_BAD_RECORD_MAC,         -307, "a record failed decryption or authentication (bad_record_mac)") \
    X(GLASS_E_SEQ_WRAP,               -308, "the record sequence number would wrap") \
    X(GLASS_E_RECORD_EMPTY,           -309, "an empty handshake, alert or ChangeCipherSpec record") \
    X(GLASS_E_HS_TOO_LARGE,           -310, "a handshake message is larger than the configured limit") \
    X(GLASS_E_ALERT_RECEIVED,         -311, "the peer sent a fatal alert") \
    /* ---- lib/handshake: -400 .. -499 ---- */ \
    X(GLASS_E_UNEXPECTED_MESSAGE,     -400, "a message arrived that is not allowed at this point of the handshake") \
    X(GLASS_E_DECODE,                 -401, "a handshake message could not be decoded") \
    X(GLASS_E_PROTOCOL_VERSION,       -402, "the peer does not speak TLS 1.2") \
    X(GLASS_E_NO_COMMON_SUITE,        -403, "client and server have no cipher suite in common") \
    X(GLASS_E_BAD_FINISHED,           -404, "the Finished message does not match the handshake (wrong keys or altered messages)") \
    X(GLASS_E_ILLEGAL_PARAMETER,      -405, "a handshake field has an illegal value") \
    X(GLASS_E_UNSUPPORTED_EXTENSION,  -406, "the server sent an extension the client did not offer") \
    X(GLASS_E_BAD_SKE_SIGNATURE,      -407, "the ServerKeyExchange signature does not verify with the certificate key") \
    X(GLASS_E_RENEGOTIATION,          -408, "renegotiation is refused, or its protection (RFC 5746) is missing") \
    X(GLASS_E_EMS_REQUIRED,           -409, "the peer does not support the extended master secret, which is required") \
    X(GLASS_E_HANDSHAKE_FAILURE,      -410, "the handshake failed") \
    X(GLASS_E_NO_COMPRESSION,         -411, "the client did not offer the null compression method") \
    X(GLASS_E_DUPLICATE_EXTENSION,    -412, "an extension appears twice in one message") \
    X(GLASS_E_CHAIN_TOO_LONG,         -413, "the peer sent more certificates than glasstls accepts (at most 10)") \
    X(GLASS_E_NO_CERTIFICATE,         -414, "the server sent an empty Certificate message") \
    X(GLASS_E_NO_SIGALG,              -415, "the peer offers no signature algorithm glasstls can use (rsa_pkcs1 with SHA-256/384/512)") \
    X(GLASS_E_BAD_KEY_SHARE,          -416, "the peer's key exchange value is invalid (wrong group, length or point)") \
    /* end of list */

typedef enum glass_err {
#define GLASS_ERR_ENUM_(name, value, text) name = (value),
    GLASS_ERROR_LIST(GLASS_ERR_ENUM_)
#undef GLASS_ERR_ENUM_
} glass_err;

/* Returns a static, human-readable sentence for any code (never NULL).
 * Unknown codes give "unknown glasstls error". */
const char *glass_strerror(int err);

/* Returns the symbolic name of a code ("GLASS_E_BAD_TAG"), for logs and
 * tests; "GLASS_E_UNKNOWN" for a code not in the list. */
const char *glass_err_name(int err);

#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_ERR_H */
